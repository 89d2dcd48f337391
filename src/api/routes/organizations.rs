//! `/api/v1/organizations`: the association, partners and local authorities.

use actix_web::{HttpRequest, HttpResponse, web};
use utoipa::IntoParams;

use super::{ListFormat, ListRequest, codes_param, find, positions, render_entity, render_list};
use crate::api::error::ApiError;
use crate::api::openapi::{BadRequest, NotFound, OrganizationListResponse};
use crate::api::pagination::Paging;
use crate::api::query::{QueryParams, names};
use crate::api::state::AppState;
use crate::api::views::{OrganizationDocument, OrganizationRow, RoleRow};
use crate::corpus::codes::OrganizationKind;

/// Filters of the organisations list.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrganizationFilters {
    /// Nature de l'organisation.
    #[param(required = false, inline, value_type = OrganizationKindCode)]
    pub kind: Option<String>,
}

codes_param!(
    OrganizationKindCode,
    OrganizationKind::ALL.iter().map(|k| k.code())
);

impl OrganizationFilters {
    fn read(q: &QueryParams) -> Result<Self, ApiError> {
        Ok(OrganizationFilters {
            kind: q.one_of("kind", OrganizationKind::ALL.iter().map(|k| k.code()))?,
        })
    }
}

/// Organisations
///
/// L'Association Villes Internet, les partenaires et les collectivités (communes avec leur code
/// INSEE, intercommunalités avec leur SIREN, vérifiés dans le Code officiel géographique), par
/// identifiant.
#[utoipa::path(
    get,
    path = "/api/v1/organizations",
    tag = "Organisations",
    operation_id = "listOrganizations",
    params(Paging, ListFormat, OrganizationFilters),
    responses(
        (status = 200, response = OrganizationListResponse),
        (status = 400, response = BadRequest),
    )
)]
pub async fn list(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let list = ListRequest::parse(&req, names::<OrganizationFilters>())?;
    let f = OrganizationFilters::read(&list.query)?;
    let rows = positions(&state.corpus.organizations, |o| {
        f.kind.as_deref().is_none_or(|k| o.kind.code() == k)
    });
    render_list(&req, &state, &state.tables.organizations, &rows, &list)
}

/// Une organisation
///
/// L'organisation, les fonctions imprimées dont le mandat s'y exerce, les éditions dont elle
/// est partenaire et celles qui s'y sont tenues.
#[utoipa::path(
    get,
    path = "/api/v1/organizations/{id}",
    tag = "Organisations",
    operation_id = "getOrganization",
    params(("id" = String, Path, description = "Identifiant de l'organisation (slug).", example = "albi")),
    responses(
        (status = 200, description = "L'organisation.", body = OrganizationDocument),
        (status = 400, response = BadRequest),
        (status = 404, response = NotFound),
    )
)]
pub async fn detail(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let view = &state.tables.organizations;
    let i = find(&state, view, &id, "Aucune organisation")?;
    let corpus = &state.corpus;
    let organization = &corpus.organizations[i];
    let document = OrganizationDocument {
        organization: OrganizationRow(view.json[i].clone()),
        roles: corpus
            .roles
            .iter()
            .enumerate()
            .filter(|(_, r)| r.organization.as_ref() == Some(&organization.id))
            .map(|(j, _)| RoleRow(state.tables.roles.json[j].clone()))
            .collect(),
        partner_of: corpus
            .congresses
            .iter()
            .filter(|c| c.partners.contains(&organization.id))
            .map(|c| c.id.to_string())
            .collect(),
        hosted: corpus
            .congresses
            .iter()
            .filter(|c| c.place.as_ref() == Some(&organization.id))
            .map(|c| c.id.to_string())
            .collect(),
    };
    render_entity(&req, &state, "organizations", &document)
}
