//! `/api/v1/congresses`: the editions of the Congress.

use actix_web::{HttpRequest, HttpResponse, web};

use super::{ListFormat, ListRequest, Rows, find, render_document, render_list};
use crate::api::error::ApiError;
use crate::api::openapi::{BadRequest, CongressListResponse, NotFound};
use crate::api::pagination::Paging;
use crate::api::state::AppState;
use crate::api::views::CongressRow;

/// Éditions du Congrès
///
/// Une ligne par édition, de la plus ancienne à la plus récente : dates et lieu quand ils sont
/// imprimés, nombres de contributions et de contributeurs tels qu'imprimés (avec leur
/// qualificatif : exact ou « plus de »), statut du texte de la motion.
#[utoipa::path(
    get,
    path = "/api/v1/congresses",
    tag = "Éditions",
    operation_id = "listCongresses",
    params(Paging, ListFormat),
    responses(
        (status = 200, response = CongressListResponse),
        (status = 400, response = BadRequest),
    )
)]
pub async fn list(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let list = ListRequest::parse(&req, Vec::new())?;
    let view = &state.tables.congresses;
    render_list(&req, &state, view, &Rows::All, &list)
}

/// Une édition
#[utoipa::path(
    get,
    path = "/api/v1/congresses/{id}",
    tag = "Éditions",
    operation_id = "getCongress",
    params(("id" = String, Path, description = "Identifiant de l'édition : son année.", example = "2021")),
    responses(
        (status = 200, description = "L'édition.", body = CongressRow),
        (status = 400, response = BadRequest),
        (status = 404, response = NotFound),
    )
)]
pub async fn detail(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let view = &state.tables.congresses;
    let i = find(&state, view, &id, "Aucune édition")?;
    render_document(&req, &state, "congresses", |doc| {
        doc.row(view, i);
        Ok(())
    })
}
