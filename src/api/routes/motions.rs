//! `/api/v1/motions`: the motions, and each motion as one nested document.

use std::collections::BTreeSet;

use actix_web::{HttpRequest, HttpResponse, web};

use super::sections::write_section;
use super::{ListFormat, ListRequest, Rows, positions, render_document, render_list};
use crate::api::error::ApiError;
use crate::api::openapi::{BadRequest, MotionListResponse, NotFound};
use crate::api::pagination::Paging;
use crate::api::state::AppState;
use crate::api::state::TableView;
use crate::api::views::MotionDocument;
use crate::corpus::codes::MotionStatus;

/// Motions
///
/// Une ligne par motion présente dans les sources, par année : titre, date d'adoption quand
/// elle est imprimée, préambule et conclusion. Le texte entier, sections et items compris, est
/// dans /api/v1/motions/{id}.
#[utoipa::path(
    get,
    path = "/api/v1/motions",
    tag = "Motions",
    operation_id = "listMotions",
    params(Paging, ListFormat),
    responses(
        (status = 200, response = MotionListResponse),
        (status = 400, response = BadRequest),
    )
)]
pub async fn list(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let list = ListRequest::parse(&req, Vec::new())?;
    let view = &state.tables.motions;
    render_list(&req, &state, view, &Rows::All, &list)
}

/// Une motion entière
///
/// La motion en un seul document : ses champs, son édition, ses parties, toutes ses sections
/// dans l'ordre de lecture avec leurs items et sous-items, ses notes, les thèmes cités et son
/// document source. Une édition dont le texte de la motion ne figure pas dans les sources
/// (2019) répond 404 en l'expliquant.
#[utoipa::path(
    get,
    path = "/api/v1/motions/{id}",
    tag = "Motions",
    operation_id = "getMotion",
    params(("id" = String, Path, description = "Identifiant de la motion : l'année de son édition.", example = "2021")),
    responses(
        (status = 200, description = "La motion entière.", body = MotionDocument),
        (status = 400, response = BadRequest),
        (status = 404, response = NotFound),
    )
)]
pub async fn detail(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let corpus = &state.corpus;
    let tables = &state.tables;
    let Some(motion) = corpus.motion(&id) else {
        return Err(missing_motion(&state, &id));
    };
    let find = |view: &TableView, key: &str| {
        view.find(key)
            .ok_or_else(|| ApiError::internal(anyhow::anyhow!("{key} is not in its table view")))
    };
    let own = find(&tables.motions, motion.id.as_str())?;
    let congress = find(&tables.congresses, motion.congress.as_str())?;
    let source = find(&tables.sources, motion.source.as_str())?;
    let children = corpus.parts_of(&motion.id);
    let mut theme_ids = BTreeSet::new();
    for section in corpus.sections_of(&motion.id) {
        theme_ids.extend(section.themes.iter().map(|t| t.as_str()));
        for item in corpus.items_of(&section.id) {
            theme_ids.extend(item.themes.iter().map(|t| t.as_str()));
        }
    }
    // The fields of `views::MotionDocument`, in order.
    render_document(&req, &state, "motions", |doc| {
        doc.open_row(&tables.motions, own);
        doc.key("congress");
        doc.row(&tables.congresses, congress);
        doc.key("parts");
        doc.rows(&tables.parts, children.parts.iter().copied());
        doc.key("sections");
        doc.open_array();
        for &i in &children.sections {
            write_section(&state, i, doc);
        }
        doc.close_array();
        doc.key("footnotes");
        doc.rows(&tables.footnotes, children.footnotes.iter().copied());
        // In taxonomy order, which is the order of the themes table.
        doc.key("themes");
        doc.rows(
            &tables.themes,
            positions(&corpus.themes, |t| theme_ids.contains(t.id.as_str())),
        );
        doc.key("source");
        doc.row(&tables.sources, source);
        doc.close();
        Ok(())
    })
}

/// The 404 for a motion id: an edition whose motion text is not in the sources says so.
fn missing_motion(state: &AppState, id: &str) -> ApiError {
    let available: Vec<&str> = state.corpus.motions.iter().map(|m| m.id.as_str()).collect();
    match state.corpus.congress(id) {
        Some(congress) if congress.motion_status() == MotionStatus::NotInSources => {
            ApiError::not_found(
                format!(
                    "Une source mentionne la motion du {}, mais son texte ne figure pas dans les sources du corpus (motion_status « {} ») : il n'est donc pas publié ici. L'édition elle-même est décrite dans /api/v1/congresses/{id}. Motions disponibles : {}.",
                    congress.name(),
                    MotionStatus::NotInSources.code(),
                    available.join(", ")
                ),
                Some(state.url(&format!("/api/v1/congresses/{id}"))),
            )
        }
        _ => ApiError::not_found(
            format!(
                "Aucune motion « {id} ». Motions disponibles : {}.",
                available.join(", ")
            ),
            Some(state.url("/api/v1/motions")),
        ),
    }
}
