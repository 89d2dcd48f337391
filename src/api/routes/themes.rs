//! `/api/v1/themes`: the taxonomy, and each theme across the editions.

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, web};

use super::{ListFormat, ListRequest, Rows, find, render_document, render_list};
use crate::api::error::ApiError;
use crate::api::openapi::{BadRequest, NotFound, ThemeListResponse};
use crate::api::pagination::Paging;
use crate::api::state::AppState;
use crate::api::views::ThemeDocument;

/// Thèmes
///
/// La taxonomie qui relie les éditions (un schéma de concepts SKOS), dans son ordre.
#[utoipa::path(
    get,
    path = "/api/v1/themes",
    tag = "Thèmes",
    operation_id = "listThemes",
    params(Paging, ListFormat),
    responses(
        (status = 200, response = ThemeListResponse),
        (status = 400, response = BadRequest),
    )
)]
pub async fn list(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let list = ListRequest::parse(&req, Vec::new())?;
    let view = &state.tables.themes;
    render_list(&req, &state, view, &Rows::All, &list)
}

/// Un thème, d'une édition à l'autre
///
/// Le thème, puis ce que chaque édition en a dit, de la plus ancienne à la plus récente : les
/// sections et les items qui le portent. Une édition dont la motion n'est pas dans les sources
/// apparaît avec des listes vides et son motion_status.
#[utoipa::path(
    get,
    path = "/api/v1/themes/{id}",
    tag = "Thèmes",
    operation_id = "getTheme",
    params(("id" = String, Path, description = "Identifiant du thème (slug).", example = "transition-ecologique")),
    responses(
        (status = 200, description = "Le thème à travers les éditions.", body = ThemeDocument),
        (status = 400, response = BadRequest),
        (status = 404, response = NotFound),
    )
)]
pub async fn detail(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let view = &state.tables.themes;
    let i = find(&state, view, &id, "Aucun thème")?;
    let corpus = &state.corpus;
    let theme = &corpus.themes[i];
    let tagged = |themes: &[crate::corpus::ThemeId]| themes.contains(&theme.id);
    let narrower: Vec<&str> = corpus
        .themes
        .iter()
        .filter(|t| t.broader.as_ref() == Some(&theme.id))
        .map(|t| t.id.as_str())
        .collect();
    // The tagged sections and items of each edition, in one pass over each list (not one pass
    // per edition: at ×1000, 4,000 editions × 60,000 rows).
    let mut by_congress: HashMap<&str, (Vec<usize>, Vec<usize>)> = HashMap::new();
    for (j, section) in corpus.sections.iter().enumerate() {
        if tagged(&section.themes) {
            by_congress
                .entry(section.congress.as_str())
                .or_default()
                .0
                .push(j);
        }
    }
    for (j, item) in corpus.items.iter().enumerate() {
        if tagged(&item.themes) {
            by_congress
                .entry(item.congress.as_str())
                .or_default()
                .1
                .push(j);
        }
    }
    // The fields of `views::ThemeDocument` and `views::ThemeEdition`, in order.
    render_document(&req, &state, "themes", |doc| {
        doc.open_row(view, i);
        doc.key("narrower");
        doc.value(&narrower).map_err(ApiError::internal)?;
        doc.key("editions");
        doc.open_array();
        for congress in &corpus.congresses {
            doc.open();
            doc.key("congress_id");
            doc.value(congress.id.as_str())
                .map_err(ApiError::internal)?;
            doc.key("year");
            doc.value(&congress.year).map_err(ApiError::internal)?;
            doc.key("motion_status");
            doc.value(congress.motion_status().code())
                .map_err(ApiError::internal)?;
            let (sections, items) = by_congress.remove(congress.id.as_str()).unwrap_or_default();
            doc.key("sections");
            doc.rows(&state.tables.sections, sections);
            doc.key("items");
            doc.rows(&state.tables.items, items);
            doc.close();
        }
        doc.close_array();
        doc.close();
        Ok(())
    })
}
