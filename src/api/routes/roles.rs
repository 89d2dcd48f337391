//! `/api/v1/roles`: every printed role (a person, a capacity, an edition).

use actix_web::{HttpRequest, HttpResponse, web};
use utoipa::IntoParams;

use super::{ListFormat, ListRequest, codes_param, positions, render_list};
use crate::api::error::ApiError;
use crate::api::openapi::{BadRequest, RoleListResponse};
use crate::api::pagination::Paging;
use crate::api::query::{QueryParams, names};
use crate::api::state::AppState;
use crate::corpus::codes::Capacity;

/// Filters of the roles list.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RoleFilters {
    /// Édition (année) : seulement les fonctions imprimées dans ses documents. Exemple : 2026.
    #[param(required = false)]
    pub congress: Option<String>,
    /// Personne (identifiant, voir /api/v1/people). Exemple : mathieu-vidal.
    #[param(required = false)]
    pub person: Option<String>,
    /// Qualité à laquelle la personne est nommée.
    #[param(required = false, inline, value_type = CapacityCode)]
    pub capacity: Option<String>,
    /// Organisation où s'exerce l'une des fonctions ou l'un des mandats énoncés par le rôle
    /// (identifiant, voir /api/v1/organizations). Exemple : albi.
    #[param(required = false)]
    pub organization: Option<String>,
}

codes_param!(CapacityCode, Capacity::ALL.iter().map(|c| c.code()));

impl RoleFilters {
    fn read(q: &QueryParams, state: &AppState) -> Result<Self, ApiError> {
        let corpus = &state.corpus;
        Ok(RoleFilters {
            congress: q.one_of("congress", corpus.congresses.iter().map(|c| c.id.as_str()))?,
            person: q.id_in("person", |id| corpus.person(id).is_some(), "/api/v1/people")?,
            capacity: q.one_of("capacity", Capacity::ALL.iter().map(|c| c.code()))?,
            organization: q.id_in(
                "organization",
                |id| corpus.organization(id).is_some(),
                "/api/v1/organizations",
            )?,
        })
    }
}

/// Fonctions imprimées
///
/// Chaque mention d'une personne avec sa fonction dans une édition, par édition : la fonction
/// telle qu'imprimée et ses liens (collectivité, engagement, personne représentée).
#[utoipa::path(
    get,
    path = "/api/v1/roles",
    tag = "Personnes et fonctions",
    operation_id = "listRoles",
    params(Paging, ListFormat, RoleFilters),
    responses(
        (status = 200, response = RoleListResponse),
        (status = 400, response = BadRequest),
    )
)]
pub async fn list(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let list = ListRequest::parse(&req, names::<RoleFilters>())?;
    let f = RoleFilters::read(&list.query, &state)?;
    let rows = list.select(|| {
        // The roles stating a position held in the organisation, in one pass over the
        // positions (not one pass per role).
        let held_in: Option<std::collections::HashSet<&str>> = f.organization.as_deref().map(|o| {
            state
                .corpus
                .positions
                .iter()
                .filter(|p| p.organization.as_ref().is_some_and(|x| x.as_str() == o))
                .map(|p| p.role.as_str())
                .collect()
        });
        positions(&state.corpus.roles, |r| {
            f.congress
                .as_deref()
                .is_none_or(|c| r.congress.as_str() == c)
                && f.person.as_deref().is_none_or(|p| r.person.as_str() == p)
                && f.capacity.as_deref().is_none_or(|c| r.capacity.code() == c)
                && held_in
                    .as_ref()
                    .is_none_or(|roles| roles.contains(r.id.as_str()))
        })
    });
    render_list(&req, &state, &state.tables.roles, &rows, &list)
}
