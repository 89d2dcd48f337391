//! `/api/v1/sections`: objectives, axes, engagements and workshops of the motions.

use actix_web::{HttpRequest, HttpResponse, web};
use utoipa::IntoParams;

use super::{ListFormat, ListRequest, codes_param, find, positions, render_document, render_list};
use crate::api::compose::Composer;
use crate::api::error::ApiError;
use crate::api::openapi::{BadRequest, NotFound, SectionListResponse};
use crate::api::pagination::Paging;
use crate::api::query::{QueryParams, names};
use crate::api::state::AppState;
use crate::api::views::SectionDocument;
use crate::corpus::codes::SectionKind;

/// Filters of the sections list.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SectionFilters {
    /// Édition (année) : seulement ses sections. Exemple : 2021.
    #[param(required = false)]
    pub congress: Option<String>,
    /// Motion (année) : seulement ses sections. Exemple : 2026.
    #[param(required = false)]
    pub motion: Option<String>,
    /// Nature de la section.
    #[param(required = false, inline, value_type = SectionKindCode)]
    pub kind: Option<String>,
    /// Thème (identifiant, voir /api/v1/themes) : seulement les sections qui le portent. Exemple :
    /// acces-inclusion.
    #[param(required = false)]
    pub theme: Option<String>,
}

codes_param!(SectionKindCode, SectionKind::ALL.iter().map(|k| k.code()));

impl SectionFilters {
    fn read(q: &QueryParams, state: &AppState) -> Result<Self, ApiError> {
        let corpus = &state.corpus;
        Ok(SectionFilters {
            congress: q.one_of("congress", corpus.congresses.iter().map(|c| c.id.as_str()))?,
            motion: q.one_of("motion", corpus.motions.iter().map(|m| m.id.as_str()))?,
            kind: q.one_of("kind", SectionKind::ALL.iter().map(|k| k.code()))?,
            theme: q.one_of("theme", corpus.themes.iter().map(|t| t.id.as_str()))?,
        })
    }
}

/// Sections
///
/// Une ligne par objectif (2020), axe (2021), engagement ou atelier (2026), dans l'ordre de
/// lecture des motions : titre, sous-titre, texte, thèmes. Filtrable par édition, motion,
/// nature et thème.
#[utoipa::path(
    get,
    path = "/api/v1/sections",
    tag = "Sections et items",
    operation_id = "listSections",
    params(Paging, ListFormat, SectionFilters),
    responses(
        (status = 200, response = SectionListResponse),
        (status = 400, response = BadRequest),
    )
)]
pub async fn list(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let list = ListRequest::parse(&req, names::<SectionFilters>())?;
    let f = SectionFilters::read(&list.query, &state)?;
    let rows = list.select(|| {
        positions(&state.corpus.sections, |s| {
            f.congress
                .as_deref()
                .is_none_or(|c| s.congress.as_str() == c)
                && f.motion.as_deref().is_none_or(|m| s.motion.as_str() == m)
                && f.kind.as_deref().is_none_or(|k| s.kind.code() == k)
                && f.theme
                    .as_deref()
                    .is_none_or(|t| s.themes.iter().any(|x| x.as_str() == t))
        })
    });
    render_list(&req, &state, &state.tables.sections, &rows, &list)
}

/// Une section et ses items
///
/// La section, avec ses items dans l'ordre et, sous chacun, ses sous-items.
#[utoipa::path(
    get,
    path = "/api/v1/sections/{id}",
    tag = "Sections et items",
    operation_id = "getSection",
    params(("id" = String, Path, description = "Identifiant de la section : « {année}-{nature}-{position} ».", example = "2021-axis-1")),
    responses(
        (status = 200, description = "La section et ses items.", body = SectionDocument),
        (status = 400, response = BadRequest),
        (status = 404, response = NotFound),
    )
)]
pub async fn detail(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let i = find(&state, &state.tables.sections, &id, "Aucune section")?;
    render_document(&req, &state, "sections", |doc| {
        write_section(&state, i, doc);
        Ok(())
    })
}

/// The section at position `i` with its items, sub-items under their parent: the fields of
/// `views::SectionDocument` and `views::ItemDocument`, in order.
pub fn write_section(state: &AppState, i: usize, doc: &mut Composer) {
    let section = &state.corpus.sections[i];
    let items = &state.tables.items;
    // (item, its sub-items), positions in the items table, in reading order.
    let mut tree: Vec<(usize, Vec<usize>)> = Vec::new();
    for item in state.corpus.items_of(&section.id) {
        let Some(j) = items.find(item.id.as_str()) else {
            continue;
        };
        let parent = item.parent.as_ref().and_then(|parent| {
            tree.iter_mut()
                .rev()
                .find(|(top, _)| state.corpus.items[*top].id == *parent)
        });
        match parent {
            Some((_, subs)) => subs.push(j),
            None => tree.push((j, Vec::new())),
        }
    }
    doc.open_row(&state.tables.sections, i);
    doc.key("items");
    doc.open_array();
    for (top, subs) in tree {
        doc.open_row(items, top);
        doc.key("sub_items");
        doc.rows(items, subs);
        doc.close();
    }
    doc.close_array();
    doc.close();
}
