//! One module per page type. Each handler builds the view of its page from the typed corpus
//! (read-only, shared with the API) and renders its template.

pub mod details;
pub mod downloads;
pub mod home;
pub mod lists;
pub mod motion;
pub mod releases;
pub mod search;

use actix_web::web::Bytes;

use crate::api::error::ApiError;
use crate::api::state::AppState;
use crate::site::Alternate;

/// The HTML of the entity `key` of `table` (the page a browser gets at its IRI), or `None` if
/// there is no such entity. Pages depend on the corpus only, which never changes while the
/// service runs: each answer is rendered once and then served from `api::response_cache`. Motions, editions, themes, people, organisations and sources have
/// pages of their own; any other entity gets the page of its fields.
pub fn entity_page(
    state: &AppState,
    table: &str,
    key: &str,
    alternates: Vec<Alternate>,
) -> Result<Option<Bytes>, ApiError> {
    Ok(render_entity(state, table, key, alternates)?.map(Bytes::from))
}

fn render_entity(
    state: &AppState,
    table: &str,
    key: &str,
    alternates: Vec<Alternate>,
) -> Result<Option<String>, ApiError> {
    match table {
        "motions" => motion::html(state, key, alternates),
        "congresses" => details::congress(state, key, alternates),
        "themes" => details::theme(state, key, alternates),
        "people" => details::person(state, key, alternates),
        "organizations" => details::organization(state, key, alternates),
        "sources" => details::source(state, key, alternates),
        _ => crate::site::entity::html(state, table, key, alternates),
    }
}
