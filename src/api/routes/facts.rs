//! `/api/v1/facts`: the source of each fact that is not a text quoted from its row's source.

use actix_web::{HttpRequest, HttpResponse, web};
use utoipa::IntoParams;

use super::{ListFormat, ListRequest, codes_param, positions, render_list};
use crate::api::error::ApiError;
use crate::api::openapi::{BadRequest, FactListResponse};
use crate::api::pagination::Paging;
use crate::api::query::{QueryParams, names};
use crate::api::state::AppState;
use crate::corpus::codes::ProvenanceKind;
use crate::tables::TABLES;

/// Filters of the facts list.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FactFilters {
    /// Table de la ligne dont le fait est une valeur. Exemple : congresses.
    #[param(required = false)]
    pub subject_table: Option<String>,
    /// Identifiant de cette ligne (dans n'importe quelle table). Exemple : 2020.
    #[param(required = false)]
    pub subject_id: Option<String>,
    /// Imprimé ou déduit.
    #[param(required = false, inline, value_type = ProvenanceKindCode)]
    pub kind: Option<String>,
    /// Document source qui donne le fait (identifiant, voir /api/v1/sources). Exemple :
    /// 2021-motion.
    #[param(required = false)]
    pub source: Option<String>,
}

codes_param!(
    ProvenanceKindCode,
    ProvenanceKind::ALL.iter().map(|c| c.code())
);

impl FactFilters {
    fn read(q: &QueryParams, state: &AppState) -> Result<Self, ApiError> {
        let corpus = &state.corpus;
        Ok(FactFilters {
            subject_table: q.one_of("subject_table", TABLES.iter().map(|t| t.meta().name))?,
            // Any row of any table (a row with no sourced fact answers an empty list).
            subject_id: q.id_in(
                "subject_id",
                |id| TABLES.iter().any(|t| t.row(corpus, id).is_some()),
                "/api/v1",
            )?,
            kind: q.one_of("kind", ProvenanceKind::ALL.iter().map(|c| c.code()))?,
            source: q.id_in(
                "source",
                |id| corpus.source(id).is_some(),
                "/api/v1/sources",
            )?,
        })
    }
}

/// Sources des faits
///
/// Pour chaque fait qui n'est pas un texte recopié de la source de sa ligne (rang, année, dates
/// et lieu d'une édition, date d'adoption, partenaires des ateliers, organisation d'une
/// fonction) : le document qui le donne, imprimé ou déduit (avec le raisonnement), et ses mots.
#[utoipa::path(
    get,
    path = "/api/v1/facts",
    tag = "Sources et presse",
    operation_id = "listFacts",
    params(Paging, ListFormat, FactFilters),
    responses(
        (status = 200, response = FactListResponse),
        (status = 400, response = BadRequest),
    )
)]
pub async fn list(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let list = ListRequest::parse(&req, names::<FactFilters>())?;
    let f = FactFilters::read(&list.query, &state)?;
    let rows = list.select(|| {
        positions(&state.corpus.facts, |fact| {
            f.subject_table.as_deref().is_none_or(|t| fact.table == t)
                && f.subject_id.as_deref().is_none_or(|r| fact.row == r)
                && f.kind
                    .as_deref()
                    .is_none_or(|k| fact.provenance.kind.code() == k)
                && f.source
                    .as_deref()
                    .is_none_or(|s| fact.provenance.source.as_str() == s)
        })
    });
    render_list(&req, &state, &state.tables.facts, &rows, &list)
}
