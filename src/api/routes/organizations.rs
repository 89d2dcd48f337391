//! `/api/v1/organizations`: the association, partners and local authorities.

use actix_web::{HttpRequest, HttpResponse, web};
use utoipa::IntoParams;

use super::{ListFormat, ListRequest, codes_param, find, positions, render_document, render_list};
use crate::api::error::ApiError;
use crate::api::openapi::{BadRequest, NotFound, OrganizationListResponse};
use crate::api::pagination::Paging;
use crate::api::query::{QueryParams, names};
use crate::api::state::AppState;
use crate::api::views::OrganizationDocument;
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
    let rows = list.select(|| {
        positions(&state.corpus.organizations, |o| {
            f.kind.as_deref().is_none_or(|k| o.kind.code() == k)
        })
    });
    render_list(&req, &state, &state.tables.organizations, &rows, &list)
}

/// Une organisation
///
/// L'organisation, les fonctions et mandats qui s'y exercent, les éditions dont elle est
/// partenaire des ateliers et celles qui s'y sont tenues.
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
    let editions = |keep: &dyn Fn(&crate::corpus::Congress) -> bool| -> Vec<&str> {
        corpus
            .congresses
            .iter()
            .filter(|c| keep(c))
            .map(|c| c.id.as_str())
            .collect()
    };
    let workshop_partner_of = editions(&|c| c.workshop_partners.contains(&organization.id));
    let hosted = editions(&|c| c.place.as_ref() == Some(&organization.id));
    // The fields of `views::OrganizationDocument`, in order.
    render_document(&req, &state, "organizations", |doc| {
        doc.open_row(view, i);
        doc.key("positions");
        doc.rows(
            &state.tables.positions,
            positions(&corpus.positions, |p| {
                p.organization.as_ref() == Some(&organization.id)
            }),
        );
        doc.key("workshop_partner_of");
        doc.value(&workshop_partner_of)
            .map_err(ApiError::internal)?;
        doc.key("hosted");
        doc.value(&hosted).map_err(ApiError::internal)?;
        doc.close();
        Ok(())
    })
}
