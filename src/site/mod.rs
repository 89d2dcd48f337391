//! The reading site: the corpus as French, server-rendered pages for people, on the same
//! service and from the same corpus and views as the API ("compute once, render many").
//!
//! - [`pages`]: one module per page type (home, motion, search, downloads, lists and details);
//!   each builds a view of the typed corpus and fills an askama template of `templates/`
//!   (compiled with the crate, escaping every value by default).
//! - [`entity`]: the page of any other entity (a section, an item…) from its field definitions.
//! - [`errors`]: HTML error pages for browsers (API clients keep problem+json), and the strict
//!   Content-Security-Policy of every page of the site.
//! - [`cite`]: how to cite a motion or the dataset (text, BibTeX, CSL-JSON).
//!
//! Pages use no JavaScript, no other host and one stylesheet (`/static/site.css`).

pub mod cite;
pub mod described;
pub mod entity;
pub mod errors;
pub mod escape;
pub mod pages;
mod view;

use actix_web::http::header::{self, Header};
use actix_web::web::{self, Bytes};
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;

use crate::api::caching::{Body, Reply};
use crate::api::error::{ApiError, method_not_allowed};
use crate::api::negotiation::quality as quality_of;

pub use view::{Alternate, Head, Link};

/// Policy of the site's pages: its own stylesheet and forms, nothing else (no script, no inline
/// style, no other host). The Swagger UI keeps the wider `api::security::HTML_POLICY`.
pub const SITE_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// The one stylesheet of the site (screen and print).
const STYLESHEET: &str = include_str!("site.css");

/// The HTML pages of the site that are not an entity's IRI (those answer in
/// `api::routes::linked_data`, which asks [`entity_page`] for their HTML).
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(get("/static/site.css", stylesheet))
        .service(get("/recherche", pages::search::page))
        .service(get("/telechargements", pages::downloads::page))
        .service(get("/editions", pages::lists::editions))
        .service(get("/themes", pages::lists::themes))
        .service(get("/personnes", pages::lists::people))
        .service(get("/organisations", pages::lists::organizations))
        .service(get("/sources", pages::lists::sources));
}

/// A GET resource whose other methods are refused with 405.
fn get<F, Args>(path: &str, handler: F) -> actix_web::Resource
where
    F: actix_web::Handler<Args>,
    Args: actix_web::FromRequest + 'static,
    F::Output: actix_web::Responder + 'static,
{
    web::resource(path)
        .route(web::get().to(handler))
        .default_service(web::to(method_not_allowed))
}

async fn stylesheet(req: HttpRequest) -> HttpResponse {
    Reply::new(
        "text/css; charset=utf-8",
        Body::Full(Bytes::from_static(STYLESHEET.as_bytes())),
    )
    .respond(&req)
}

/// Whether the client asks for a page rather than data: `text/html` (or XHTML) named in
/// `Accept` and preferred at least as much as JSON. `*/*` alone is not a request for HTML:
/// `curl` and the API's clients keep their JSON.
pub fn prefers_html(req: &HttpRequest) -> bool {
    let Ok(accept) = header::Accept::parse(req) else {
        return false;
    };
    let named = |media_type: &str| {
        let (kind, subtype) = media_type.split_once('/').unwrap_or_default();
        accept.0.iter().any(|item| {
            let range = &item.item;
            // `application/xhtml+xml` parses as subtype `xhtml` with suffix `xml`.
            let full = match range.suffix() {
                Some(suffix) => format!("{}+{suffix}", range.subtype()),
                None => range.subtype().to_string(),
            };
            range.type_() == kind && full == subtype
        })
    };
    let html = quality_of(&accept, "text/html").max(quality_of(&accept, "application/xhtml+xml"));
    (named("text/html") || named("application/xhtml+xml"))
        && html > header::Quality::ZERO
        && html >= quality_of(&accept, "application/json")
}

/// Renders a template, a failure being an internal error (a template cannot fail on the
/// corpus's data; only writing can).
pub fn render(template: &impl Template) -> Result<String, ApiError> {
    template.render().map_err(ApiError::internal)
}

/// A page of the site: `ETag` from its bytes, cacheable. Its policy is set with every other
/// HTML answer's by `errors::browser_pages` (a 304, which has no content type, gets none).
pub fn page(html: String) -> Reply {
    Reply::new("text/html; charset=utf-8", Body::Full(Bytes::from(html)))
}

/// Renders `template` and answers it as a page.
pub fn respond(req: &HttpRequest, template: &impl Template) -> Result<HttpResponse, ApiError> {
    Ok(page(render(template)?).respond(req))
}

pub use pages::entity_page;

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    fn html_for(accept: Option<&str>) -> bool {
        let mut req = TestRequest::default();
        if let Some(accept) = accept {
            req = req.insert_header((header::ACCEPT, accept));
        }
        prefers_html(&req.to_http_request())
    }

    #[test]
    fn browsers_get_pages_and_api_clients_data() {
        // Firefox, Chromium, an XHTML-only agent.
        assert!(html_for(Some(
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
        )));
        assert!(html_for(Some("application/xhtml+xml")));
        // curl, HTTP libraries, JSON clients, someone who prefers JSON.
        assert!(!html_for(None));
        assert!(!html_for(Some("*/*")));
        assert!(!html_for(Some("application/json")));
        assert!(!html_for(Some("text/html;q=0.5, application/json")));
        assert!(!html_for(Some("text/html;q=0")));
    }
}
