//! `/api/v1/search`: full-text search over every text of the corpus.

use actix_web::{HttpRequest, HttpResponse, web};
use utoipa::IntoParams;

use super::codes_param;
use crate::api::caching::Reply;
use crate::api::error::ApiError;
use crate::api::negotiation::{Format, negotiate};
use crate::api::openapi::BadRequest;
use crate::api::pagination::Paging;
use crate::api::query::{QueryParams, names};
use crate::api::search::KINDS;
use crate::api::state::AppState;
use crate::api::views::{SearchHit, SearchPage};

/// Parameters of a search.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Mots recherchés. Tous doivent apparaître, sous n'importe quelle forme : sans tenir
    /// compte des accents, de la casse ni du pluriel (« donnee » trouve « données »). Les
    /// guillemets cherchent une expression exacte.
    #[param(
        example = "donnée publique",
        min_length = 1,
        max_length = 500,
        pattern = r"\S"
    )]
    pub q: String,
    /// Seulement les ressources de cette nature.
    #[param(rename = "type", required = false, inline, value_type = KindCode)]
    pub kind: Option<String>,
    /// Seulement les ressources de cette édition (année) ; exclut les thèmes, communs à toutes.
    /// Exemple : 2021.
    #[param(required = false)]
    pub congress: Option<String>,
}

codes_param!(KindCode, KINDS);

/// Recherche plein texte
///
/// Cherche dans tous les textes : titres, préambules et conclusions des motions, parties,
/// sections, items, notes, présentations des éditions, thèmes. Résultats classés par
/// pertinence (BM25), chacun avec un extrait où les mots trouvés sont entourés de <mark>.
#[utoipa::path(
    get,
    path = "/api/v1/search",
    tag = "Recherche",
    operation_id = "search",
    params(SearchParams, Paging),
    responses(
        (status = 200, description = "Une page de résultats, du plus pertinent au moins pertinent.", body = SearchPage,
            headers(("Link" = String, description = "Liens vers les pages first, prev, next et last (RFC 8288)."))),
        (status = 400, response = BadRequest),
    )
)]
pub async fn search(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let query = QueryParams::parse(&req, &[names::<SearchParams>(), names::<Paging>()])?;
    let paging = Paging::read(&query)?;
    let params = SearchParams {
        q: query.text("q")?.ok_or_else(|| ApiError::MissingParameter {
            name: "q".to_string(),
            reason: "les mots à chercher, par exemple ?q=donnée".to_string(),
        })?,
        kind: query.one_of("type", KINDS)?,
        congress: query.one_of(
            "congress",
            state.corpus.congresses.iter().map(|c| c.id.as_str()),
        )?,
    };
    negotiate(&req, None, &[Format::Json])?;
    let found = state
        .search
        .search(
            &params.q,
            params.kind.as_deref(),
            params.congress.as_deref(),
            paging.page,
            paging.page_size,
        )
        .map_err(ApiError::internal)?;
    let (total, hits) = (found.total, found.hits);
    let links = paging.links(total, state.base_url(), req.path(), query.pairs());
    let link_header = links.header();
    let page = SearchPage {
        q: params.q,
        page: paging.page,
        page_size: paging.page_size,
        total,
        links,
        data: hits
            .into_iter()
            .map(|hit| SearchHit {
                iri: state.publication.iri(&hit.kind, &hit.id),
                url: state.url(&hit.url_path),
                r#type: hit.kind,
                id: hit.id,
                congress_id: hit.congress,
                score: hit.score,
                label: hit.label,
                snippet: hit.snippet,
            })
            .collect(),
    };
    Ok(Reply::json(&page)?
        .header(actix_web::http::header::LINK, link_header)
        .respond(&req))
}
