//! `/api/v1/positions`: each office, mandate or other function a printed role states.

use actix_web::{HttpRequest, HttpResponse, web};
use utoipa::IntoParams;

use super::{ListFormat, ListRequest, codes_param, positions, render_list};
use crate::api::error::ApiError;
use crate::api::openapi::{BadRequest, PositionListResponse};
use crate::api::pagination::Paging;
use crate::api::query::{QueryParams, names};
use crate::api::state::AppState;
use crate::corpus::codes::PositionKind;

/// Filters of the positions list.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PositionFilters {
    /// Édition (année) : seulement les fonctions imprimées dans ses documents. Exemple : 2026.
    #[param(required = false)]
    pub congress: Option<String>,
    /// Personne (identifiant, voir /api/v1/people). Exemple : mathieu-vidal.
    #[param(required = false)]
    pub person: Option<String>,
    /// Rôle imprimé (identifiant, voir /api/v1/roles). Exemple : 2021-board-mathieu-vidal.
    #[param(required = false)]
    pub role: Option<String>,
    /// Nature de la fonction.
    #[param(required = false, inline, value_type = PositionKindCode)]
    pub kind: Option<String>,
    /// Organisation où elle s'exerce (identifiant, voir /api/v1/organizations). Exemple : albi.
    #[param(required = false)]
    pub organization: Option<String>,
}

codes_param!(PositionKindCode, PositionKind::ALL.iter().map(|c| c.code()));

impl PositionFilters {
    fn read(q: &QueryParams, state: &AppState) -> Result<Self, ApiError> {
        let corpus = &state.corpus;
        Ok(PositionFilters {
            congress: q.one_of("congress", corpus.congresses.iter().map(|c| c.id.as_str()))?,
            person: q.id_in("person", |id| corpus.person(id).is_some(), "/api/v1/people")?,
            role: q.id_in("role", |id| corpus.role(id).is_some(), "/api/v1/roles")?,
            kind: q.one_of("kind", PositionKind::ALL.iter().map(|c| c.code()))?,
            organization: q.id_in(
                "organization",
                |id| corpus.organization(id).is_some(),
                "/api/v1/organizations",
            )?,
        })
    }
}

/// Fonctions et mandats
///
/// Chaque fonction énoncée par un rôle imprimé, séparément : fonction à l'Association Villes
/// Internet, mandat électif (titre tel qu'imprimé et territoire), autre qualité ; chacune liée
/// au rôle imprimé qui l'énonce.
#[utoipa::path(
    get,
    path = "/api/v1/positions",
    tag = "Personnes et fonctions",
    operation_id = "listPositions",
    params(Paging, ListFormat, PositionFilters),
    responses(
        (status = 200, response = PositionListResponse),
        (status = 400, response = BadRequest),
    )
)]
pub async fn list(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let list = ListRequest::parse(&req, names::<PositionFilters>())?;
    let f = PositionFilters::read(&list.query, &state)?;
    let rows = list.select(|| {
        positions(&state.corpus.positions, |p| {
            f.congress
                .as_deref()
                .is_none_or(|c| p.congress.as_str() == c)
                && f.person.as_deref().is_none_or(|x| p.person.as_str() == x)
                && f.role.as_deref().is_none_or(|r| p.role.as_str() == r)
                && f.kind.as_deref().is_none_or(|k| p.kind.code() == k)
                && f.organization
                    .as_deref()
                    .is_none_or(|o| p.organization.as_ref().is_some_and(|x| x.as_str() == o))
        })
    });
    render_list(&req, &state, &state.tables.positions, &rows, &list)
}
