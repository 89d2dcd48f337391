//! `/api/v1/press-articles`: bibliographic data of press articles about the motions.

use actix_web::{HttpRequest, HttpResponse, web};

use super::{ListFormat, ListRequest, Rows, render_list};
use crate::api::error::ApiError;
use crate::api::openapi::{BadRequest, PressArticleListResponse};
use crate::api::pagination::Paging;
use crate::api::state::AppState;

/// Articles de presse
///
/// Métadonnées bibliographiques des articles de presse sur les motions, par date ; leur texte
/// appartient à leur éditeur et n'est pas republié.
#[utoipa::path(
    get,
    path = "/api/v1/press-articles",
    tag = "Sources et presse",
    operation_id = "listPressArticles",
    params(Paging, ListFormat),
    responses(
        (status = 200, response = PressArticleListResponse),
        (status = 400, response = BadRequest),
    )
)]
pub async fn list(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let list = ListRequest::parse(&req, Vec::new())?;
    let view = &state.tables.press_articles;
    render_list(&req, &state, view, &Rows::All, &list)
}
