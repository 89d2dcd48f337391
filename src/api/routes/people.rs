//! `/api/v1/people`: people named with a public role, and their roles edition by edition.

use actix_web::{HttpRequest, HttpResponse, web};

use super::{ListFormat, ListRequest, find, render_entity, render_list};
use crate::api::error::ApiError;
use crate::api::openapi::{BadRequest, NotFound, PersonListResponse};
use crate::api::pagination::Paging;
use crate::api::state::AppState;
use crate::api::views::{PersonDocument, PersonEdition, PersonRow, RoleRow};

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
    let all: Vec<usize> = (0..view.len()).collect();
    render_list(&req, &state, view, &all, &list)
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
    let mut editions: Vec<PersonEdition> = Vec::new();
    // Roles are sorted by edition, so each edition's roles are contiguous.
    for (j, role) in state.corpus.roles.iter().enumerate() {
        if role.person != person.id {
            continue;
        }
        let row = RoleRow(state.tables.roles.json[j].clone());
        match editions.last_mut() {
            Some(edition) if edition.congress_id == role.congress.as_str() => {
                edition.roles.push(row)
            }
            _ => editions.push(PersonEdition {
                congress_id: role.congress.to_string(),
                roles: vec![row],
            }),
        }
    }
    let document = PersonDocument {
        person: PersonRow(view.json[i].clone()),
        editions,
    };
    render_entity(&req, &state, "people", &document)
}
