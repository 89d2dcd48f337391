//! Cross-origin reads. The data is public: every answer says `Access-Control-Allow-Origin: *`
//! and exposes the headers a page script needs (`Link`, `ETag`, `X-Total-Count`), whether the
//! request carried an `Origin` or not.
//!
//! Why every answer and not only those to an `Origin`: an answer must not depend on who asks.
//! `super::response_cache` and the reverse proxy keep one copy per target (no `Vary: Origin`)
//! and give it to every client, so a copy first made for a request without `Origin` must still
//! be readable by a page of another origin. `actix-cors` answers the preflight requests.

use actix_cors::Cors;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use actix_web::middleware::Next;

/// The response headers a cross-origin script may read besides the CORS-safelisted ones.
const EXPOSED: [HeaderName; 3] = [
    header::LINK,
    header::ETAG,
    HeaderName::from_static("x-total-count"),
];

/// `EXPOSED` as one header value.
const EXPOSED_VALUE: &str = "link, etag, x-total-count";

/// The preflight answers: GET, HEAD and POST (`/sparql`) from any origin, any request header.
pub fn preflight() -> Cors {
    Cors::default()
        .allow_any_origin()
        // "*" rather than echoing the origin, so answers do not vary by origin.
        .send_wildcard()
        .disable_vary_header()
        .allowed_methods([Method::GET, Method::HEAD, Method::POST])
        .allow_any_header()
        .expose_headers(EXPOSED)
        .max_age(86_400)
}

/// Middleware: the CORS headers of a public read on every answer (see the module doc).
pub async fn public_reads(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let mut res = next.call(req).await?;
    add_public_read_headers(res.headers_mut());
    Ok(res)
}

/// Adds `Access-Control-Allow-Origin: *` and the exposed headers where they are missing.
pub fn add_public_read_headers(headers: &mut HeaderMap) {
    if !headers.contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN) {
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        );
    }
    if !headers.contains_key(header::ACCESS_CONTROL_EXPOSE_HEADERS) {
        headers.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static(EXPOSED_VALUE),
        );
    }
}
