//! `/api/v1/people`: people named with a public role, and their roles edition by edition.

use actix_web::{HttpRequest, HttpResponse, web};

use super::{ListFormat, ListRequest, Rows, find, render_document, render_list};
use crate::api::error::ApiError;
use crate::api::openapi::{BadRequest, NotFound, PersonListResponse};
use crate::api::pagination::Paging;
use crate::api::state::AppState;
use crate::api::views::PersonDocument;

/// Personnes
///
/// Les personnes nommées dans les sources avec une fonction publique, par identifiant. Aucune
/// donnée de contact personnelle.
#[utoipa::path(
    get,
    path = "/api/v1/people",
    tag = "Personnes et fonctions",
    operation_id = "listPeople",
    params(Paging, ListFormat),
    responses(
        (status = 200, response = PersonListResponse),
        (status = 400, response = BadRequest),
    )
)]
pub async fn list(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let list = ListRequest::parse(&req, Vec::new())?;
    let view = &state.tables.people;
    render_list(&req, &state, view, &Rows::All, &list)
}

/// Une personne et ses fonctions
///
/// La personne, puis ses fonctions imprimées regroupées par édition.
#[utoipa::path(
    get,
    path = "/api/v1/people/{id}",
    tag = "Personnes et fonctions",
    operation_id = "getPerson",
    params(("id" = String, Path, description = "Identifiant de la personne (slug du nom).", example = "mathieu-vidal")),
    responses(
        (status = 200, description = "La personne et ses fonctions.", body = PersonDocument),
        (status = 400, response = BadRequest),
        (status = 404, response = NotFound),
    )
)]
pub async fn detail(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let view = &state.tables.people;
    let i = find(&state, view, &id, "Aucune personne")?;
    let person = &state.corpus.people[i];
    // (edition, positions of its roles). Roles are sorted by edition, so each edition's roles
    // are contiguous.
    let mut editions: Vec<(&str, Vec<usize>, Vec<usize>)> = Vec::new();
    for (j, role) in state.corpus.roles.iter().enumerate() {
        if role.person != person.id {
            continue;
        }
        match editions.last_mut() {
            Some((congress, roles, _)) if *congress == role.congress.as_str() => roles.push(j),
            _ => editions.push((role.congress.as_str(), vec![j], Vec::new())),
        }
    }
    // The positions those roles state, in the same order (positions are sorted by role).
    for (j, position) in state.corpus.positions.iter().enumerate() {
        if position.person != person.id {
            continue;
        }
        if let Some((_, _, positions)) = editions
            .iter_mut()
            .find(|(congress, _, _)| *congress == position.congress.as_str())
        {
            positions.push(j);
        }
    }
    // The fields of `views::PersonDocument` and `views::PersonEdition`, in order.
    render_document(&req, &state, "people", |doc| {
        doc.open_row(view, i);
        doc.key("editions");
        doc.open_array();
        for (congress, roles, positions) in editions {
            doc.open();
            doc.key("congress_id");
            doc.value(congress).map_err(ApiError::internal)?;
            doc.key("roles");
            doc.rows(&state.tables.roles, roles);
            doc.key("positions");
            doc.rows(&state.tables.positions, positions);
            doc.close();
        }
        doc.close_array();
        doc.close();
        Ok(())
    })
}
