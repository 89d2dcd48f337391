//! Security headers, on every response the application writes (errors and 404s included).
//!
//! The service only publishes data, so the headers mostly tell browsers not to do anything clever
//! with it: never guess a type (`nosniff`), never run or frame a data response (a Content
//! Security Policy that allows nothing), never leak the address of a page in `Referer`. HTML
//! pages (the Swagger UI, the pages of entities) get a policy that lets them load their own
//! scripts, styles and images, and nothing from elsewhere.
//!
//! Nothing identifies the server: actix-web sends no `Server` header and none is added.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderMap, HeaderValue};
use actix_web::middleware::Next;

/// Policy of every response that is not HTML: nothing may be loaded, run or framed.
pub const DATA_POLICY: &str = "default-src 'none'; frame-ancestors 'none'";

/// Policy of the HTML pages that set none themselves, which is the Swagger UI: its own scripts,
/// styles, images and fetches only. Swagger UI sets `style` attributes and inlines images as
/// `data:` URIs, hence `'unsafe-inline'` for styles (never for scripts) and `data:` for images.
/// The reading site's pages carry the stricter `site::SITE_POLICY` (no script, no inline style).
pub const HTML_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Middleware: adds the security headers to every response (a handler that set one keeps it).
pub async fn security_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let mut res = next.call(req).await?;
    let status = res.status();
    add_security_headers(res.headers_mut(), status);
    Ok(res)
}

/// Adds the security headers a response lacks; the policy follows its content type.
pub fn add_security_headers(headers: &mut HeaderMap, status: StatusCode) {
    let is_html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    // A 304 has no content type, and a cache copies its headers onto the stored response
    // (RFC 9111 §4.3.4): a data policy there would replace the policy of a cached HTML page.
    let policy = match (status == StatusCode::NOT_MODIFIED, is_html) {
        (true, _) => None,
        (false, true) => Some(HTML_POLICY),
        (false, false) => Some(DATA_POLICY),
    };
    let fixed = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        // For browsers that predate `frame-ancestors`.
        (header::X_FRAME_OPTIONS, "DENY"),
    ];
    let csp = policy.map(|p| (header::CONTENT_SECURITY_POLICY, p));
    for (name, value) in fixed.into_iter().chain(csp) {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    }
}
