//! `/api/v1/items`: every unit of every section (levers, engagements, proposals…), flat.

use actix_web::{HttpRequest, HttpResponse, web};
use utoipa::IntoParams;

use super::{ListFormat, ListRequest, codes_param, find, positions, render_document, render_list};
use crate::api::error::ApiError;
use crate::api::openapi::{BadRequest, ItemListResponse, NotFound};
use crate::api::pagination::Paging;
use crate::api::query::{QueryParams, names};
use crate::api::state::AppState;
use crate::api::views::ItemDocument;
use crate::corpus::Item;
use crate::corpus::codes::ItemKind;

/// Filters of the items list.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ItemFilters {
    /// Édition (année) : seulement ses items. Exemple : 2021.
    #[param(required = false)]
    pub congress: Option<String>,
    /// Motion (année) : seulement ses items. Exemple : 2021.
    #[param(required = false)]
    pub motion: Option<String>,
    /// Section (identifiant, voir /api/v1/sections) : seulement ses items, sous-items compris.
    /// Exemple : 2021-axis-1.
    #[param(required = false)]
    pub section: Option<String>,
    /// Nature de l'item.
    #[param(required = false, inline, value_type = ItemKindCode)]
    pub kind: Option<String>,
    /// Thème (identifiant, voir /api/v1/themes) : seulement les items qui le portent. Exemple :
    /// donnees.
    #[param(required = false)]
    pub theme: Option<String>,
    /// Recherche plein texte dans le texte des items, avec les règles de /api/v1/search (tous
    /// les mots, sans tenir compte des accents, de la casse ni du pluriel). L'ordre reste celui
    /// du corpus. Exemple : donnée.
    #[param(required = false, min_length = 1, max_length = 500, pattern = r"\S")]
    pub q: Option<String>,
}

codes_param!(ItemKindCode, ItemKind::ALL.iter().map(|k| k.code()));

impl ItemFilters {
    fn read(q: &QueryParams, state: &AppState) -> Result<Self, ApiError> {
        let corpus = &state.corpus;
        Ok(ItemFilters {
            congress: q.one_of("congress", corpus.congresses.iter().map(|c| c.id.as_str()))?,
            motion: q.one_of("motion", corpus.motions.iter().map(|m| m.id.as_str()))?,
            section: q.id_in(
                "section",
                |id| corpus.section(id).is_some(),
                "/api/v1/sections",
            )?,
            kind: q.one_of("kind", ItemKind::ALL.iter().map(|k| k.code()))?,
            theme: q.one_of("theme", corpus.themes.iter().map(|t| t.id.as_str()))?,
            q: q.text("q")?,
        })
    }
}

/// Items
///
/// Une ligne par item, dans l'ordre de lecture : énoncés d'objectif (2020), leviers (2021),
/// engagements et propositions (2026), sous-propositions comprises (parent_id). Filtrable par
/// édition, motion, section, nature, thème et texte.
#[utoipa::path(
    get,
    path = "/api/v1/items",
    tag = "Sections et items",
    operation_id = "listItems",
    params(Paging, ListFormat, ItemFilters),
    responses(
        (status = 200, response = ItemListResponse),
        (status = 400, response = BadRequest),
    )
)]
pub async fn list(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let list = ListRequest::parse(&req, names::<ItemFilters>())?;
    let f = ItemFilters::read(&list.query, &state)?;
    let keep = |i: &Item| {
        f.congress
            .as_deref()
            .is_none_or(|c| i.congress.as_str() == c)
            && f.motion.as_deref().is_none_or(|m| i.motion.as_str() == m)
            && f.section.as_deref().is_none_or(|s| i.section.as_str() == s)
            && f.kind.as_deref().is_none_or(|k| i.kind.code() == k)
            && f.theme
                .as_deref()
                .is_none_or(|t| i.themes.iter().any(|x| x.as_str() == t))
    };
    let rows = list.try_select(|| match &f.q {
        // The index gives the matching rows' positions, in order: only those are filtered
        // further (hashing the id of every item was most of `items?q=` on a large corpus).
        Some(q) => Ok(state
            .search
            .matching_positions(q, "item")
            .map_err(ApiError::internal)?
            .into_iter()
            .filter(|&p| state.corpus.items.get(p).is_some_and(keep))
            .collect()),
        None => Ok(positions(&state.corpus.items, keep)),
    })?;
    render_list(&req, &state, &state.tables.items, &rows, &list)
}

/// Un item
///
/// L'item et, s'il en a, ses sous-items.
#[utoipa::path(
    get,
    path = "/api/v1/items/{id}",
    tag = "Sections et items",
    operation_id = "getItem",
    params(("id" = String, Path, description = "Identifiant de l'item : « {section}.{position} », ou « {section}.{parent}.{position} » pour un sous-item.", example = "2021-axis-1.1")),
    responses(
        (status = 200, description = "L'item et ses sous-items.", body = ItemDocument),
        (status = 400, response = BadRequest),
        (status = 404, response = NotFound),
    )
)]
pub async fn detail(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let view = &state.tables.items;
    let i = find(&state, view, &id, "Aucun item")?;
    let item = &state.corpus.items[i];
    // The fields of `views::ItemDocument`, in order.
    render_document(&req, &state, "items", |doc| {
        doc.open_row(view, i);
        doc.key("sub_items");
        doc.rows(
            view,
            state
                .corpus
                .items_of(&item.section)
                .filter(|sub| sub.parent.as_ref() == Some(&item.id))
                .filter_map(|sub| view.find(sub.id.as_str())),
        );
        doc.close();
        Ok(())
    })
}
