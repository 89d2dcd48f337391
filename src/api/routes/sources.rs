//! `/api/v1/sources`: the source documents, with their SHA-256.

use actix_web::{HttpRequest, HttpResponse, web};
use utoipa::IntoParams;

use super::{ListFormat, ListRequest, codes_param, find, positions, render_document, render_list};
use crate::api::error::ApiError;
use crate::api::openapi::{BadRequest, NotFound, SourceListResponse};
use crate::api::pagination::Paging;
use crate::api::query::{QueryParams, names};
use crate::api::state::AppState;
use crate::api::views::SourceRow;
use crate::corpus::codes::SourceKind;

/// Filters of the sources list.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SourceFilters {
    /// Édition (année) dont traite le document. Exemple : 2021.
    #[param(required = false)]
    pub congress: Option<String>,
    /// Nature du document.
    #[param(required = false, inline, value_type = SourceKindCode)]
    pub kind: Option<String>,
}

codes_param!(SourceKindCode, SourceKind::ALL.iter().map(|k| k.code()));

impl SourceFilters {
    fn read(q: &QueryParams, state: &AppState) -> Result<Self, ApiError> {
        Ok(SourceFilters {
            congress: q.one_of(
                "congress",
                state.corpus.congresses.iter().map(|c| c.id.as_str()),
            )?,
            kind: q.one_of("kind", SourceKind::ALL.iter().map(|k| k.code()))?,
        })
    }
}

/// Documents sources
///
/// Les documents d'où viennent les données, avec leur nom d'origine et leur empreinte SHA-256 :
/// la provenance de chaque texte reste vérifiable.
#[utoipa::path(
    get,
    path = "/api/v1/sources",
    tag = "Sources et presse",
    operation_id = "listSources",
    params(Paging, ListFormat, SourceFilters),
    responses(
        (status = 200, response = SourceListResponse),
        (status = 400, response = BadRequest),
    )
)]
pub async fn list(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let list = ListRequest::parse(&req, names::<SourceFilters>())?;
    let f = SourceFilters::read(&list.query, &state)?;
    let rows = list.select(|| {
        positions(&state.corpus.sources, |s| {
            f.congress
                .as_deref()
                .is_none_or(|c| s.congress.as_str() == c)
                && f.kind.as_deref().is_none_or(|k| s.kind.code() == k)
        })
    });
    render_list(&req, &state, &state.tables.sources, &rows, &list)
}

/// Un document source
#[utoipa::path(
    get,
    path = "/api/v1/sources/{id}",
    tag = "Sources et presse",
    operation_id = "getSource",
    params(("id" = String, Path, description = "Identifiant du document source.", example = "2021-motion")),
    responses(
        (status = 200, description = "Le document source.", body = SourceRow),
        (status = 400, response = BadRequest),
        (status = 404, response = NotFound),
    )
)]
pub async fn detail(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let view = &state.tables.sources;
    let i = find(&state, view, &id, "Aucun document source")?;
    render_document(&req, &state, "sources", |doc| {
        doc.row(view, i);
        Ok(())
    })
}
