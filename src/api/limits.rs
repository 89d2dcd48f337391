//! What the service lets in: how long a client may take, how many may be connected, and what a
//! request must look like to be routed at all (a read method, a bounded request target and head,
//! no body). A public open-data service meets scanners, broken clients and harvesters; these
//! limits keep any one of them from holding the workers or the memory of the others.
//!
//! Two layers enforce them. actix-http, below the application, cuts clients that are too slow
//! ([`Limits::request_timeout`], answered 408 without a body) and request heads too large to
//! buffer (more than 96 header fields or 128 KiB, answered 431 without a body). [`admit`], the
//! first middleware a request meets inside the application, applies the tighter limits of this
//! service and answers them as problem details.

use std::time::Duration;

use actix_web::HttpResponse;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Path, ResourceDef, ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header};
use actix_web::middleware::Next;

use super::error::{ALLOW, ApiError, SPARQL_ALLOW};
use super::query::decode_path_segment;

/// Longest request target (path and query) read, in bytes. RFC 9110 §4.1 recommends accepting at
/// least 8,000 octets; the longest link this service writes (a 500-character search, encoded,
/// with every filter) stays well below.
pub const MAX_URI_BYTES: usize = 8 * 1024;

/// Most header fields read in one request. Browsers send about twenty; actix-http itself refuses
/// more than 96, without a body, before the application sees the request.
pub const MAX_HEADERS: usize = 64;

/// Most bytes of header fields (names and values) read in one request: room for the cookies a
/// browser may send to a shared domain, far below actix-http's 128 KiB buffer.
pub const MAX_HEADER_BYTES: usize = 32 * 1024;

/// The resources that accept POST (a query in the body; nothing is ever written).
pub const POST_PATHS: [&str; 1] = ["/sparql"];

/// Connection limits and timeouts of the HTTP server.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Time a client has, once connected, to send a complete request head; after it the
    /// connection is answered 408 and closed. Cuts clients that send their headers byte by byte
    /// ("slowloris") or never finish them.
    pub request_timeout: Duration,
    /// Time an idle connection is kept open for a next request; after it, it is closed.
    pub keep_alive: Duration,
    /// Time a client has to acknowledge the closing of its connection.
    pub disconnect_timeout: Duration,
    /// Connections each worker serves at once; beyond it the worker stops accepting and new
    /// connections wait in the backlog.
    pub max_connections_per_worker: usize,
    /// Connections the kernel holds, accepted by no worker yet, before refusing more
    /// (also capped by `net.core.somaxconn`).
    pub backlog: u32,
    /// Time and result limits of one SPARQL query (`/sparql`).
    pub sparql: crate::sparql::SparqlLimits,
    /// Bytes of finished answers the response cache keeps (see `super::response_cache`).
    pub response_cache_bytes: usize,
}

impl Default for Limits {
    /// Limits for a public service: short enough that idle or slow connections are freed within
    /// seconds, long enough for a slow mobile client to send a request head.
    fn default() -> Self {
        Limits {
            request_timeout: Duration::from_secs(5),
            keep_alive: Duration::from_secs(5),
            disconnect_timeout: Duration::from_secs(1),
            // With one worker per core, a few thousand connections in all: far more than a
            // reverse proxy opens, few enough to stay under common file-descriptor limits.
            max_connections_per_worker: 1024,
            backlog: 1024,
            sparql: crate::sparql::SparqlLimits::default(),
            // The whole API of the bundled corpus, every page and document in two codings, is
            // a few megabytes; at ×1000 the budget keeps the hottest answers.
            response_cache_bytes: 64 * 1024 * 1024,
        }
    }
}

/// Middleware, just inside [`super::error::problem_responses`]: answers OPTIONS, and refuses what
/// no resource of this service can serve before it is routed.
///
/// - a request target longer than [`MAX_URI_BYTES`]: 414;
/// - more than [`MAX_HEADERS`] header fields or [`MAX_HEADER_BYTES`] bytes of them: 431;
/// - on a path the service serves, a segment whose percent-encoding is malformed or decodes to
///   bytes that are not UTF-8: 400 naming the route's parameter. (actix would decode it lossily,
///   and `/items/%C3%28` would become a search for `�(`.)
/// - on a path the service serves, OPTIONS: 204 with `Allow` (CORS preflights, which carry
///   `Access-Control-Request-Method`, are answered before, by the CORS middleware); any method
///   but GET, HEAD and OPTIONS: 405 with `Allow`. On other paths, the 404 says more;
/// - GET or HEAD with a body: 400 ([`ApiError::UnexpectedBody`]).
pub async fn admit(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    match refusal(&req) {
        Some(Refusal::Options) => {
            let response = HttpResponse::NoContent()
                .insert_header((header::ALLOW, allowed_methods(req.path())))
                .finish();
            Ok(req.into_response(response))
        }
        Some(Refusal::Error(error)) => Ok(req.error_response(error)),
        None => Ok(next.call(req).await?.map_into_boxed_body()),
    }
}

enum Refusal {
    /// Not an error: the answer to OPTIONS is the list of methods.
    Options,
    Error(ApiError),
}

fn refusal(req: &ServiceRequest) -> Option<Refusal> {
    let target = req.uri().path_and_query().map_or(0, |pq| pq.as_str().len());
    if target > MAX_URI_BYTES {
        return Some(Refusal::Error(ApiError::UriTooLong {
            length: target,
            limit: MAX_URI_BYTES,
        }));
    }
    let count = req.headers().len();
    // Name, value, ": " and CRLF, as on the wire.
    let bytes: usize = req
        .headers()
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len() + 4)
        .sum();
    if count > MAX_HEADERS || bytes > MAX_HEADER_BYTES {
        return Some(Refusal::Error(ApiError::HeadersTooLarge {
            count,
            bytes,
            max_count: MAX_HEADERS,
            max_bytes: MAX_HEADER_BYTES,
        }));
    }
    if let Some(error) = malformed_path(req) {
        return Some(Refusal::Error(error));
    }
    let method = req.method();
    if method == Method::GET || method == Method::HEAD {
        return has_body(req).then_some(Refusal::Error(ApiError::UnexpectedBody));
    }
    // The SPARQL Protocol sends long queries as a POST body: the one write-free POST here.
    if method == Method::POST && POST_PATHS.contains(&req.path()) {
        return None;
    }
    // `OPTIONS *` asks about the server as a whole (RFC 9110 §9.3.7).
    let server_wide = method == Method::OPTIONS && req.path() == "*";
    if !server_wide && !req.resource_map().has_resource(req.path()) {
        return None;
    }
    if method == Method::OPTIONS {
        Some(Refusal::Options)
    } else {
        Some(Refusal::Error(ApiError::MethodNotAllowed {
            allow: allowed_methods(req.path()),
        }))
    }
}

/// The `Allow` of a path the service serves (OPTIONS and 405 say the same).
fn allowed_methods(path: &str) -> &'static str {
    if POST_PATHS.contains(&path) {
        SPARQL_ALLOW
    } else {
        ALLOW
    }
}

/// The parameter of the matching route whose segment of `req.path()` cannot be decoded strictly.
/// Paths that decode, and paths no route serves (answered 404), are `None`.
fn malformed_path(req: &ServiceRequest) -> Option<ApiError> {
    let raw = req.path();
    if decode_path_segment(raw).is_ok() {
        return None;
    }
    let pattern = req.resource_map().match_pattern(raw)?;
    let mut segments = Path::new(raw);
    if !ResourceDef::new(pattern).capture_match_info(&mut segments) {
        return None;
    }
    segments.iter().find_map(|(name, value)| {
        decode_path_segment(value)
            .err()
            .map(|reason| ApiError::invalid(name, value, reason, Vec::<String>::new()))
    })
}

/// Whether the request announces a body: a non-zero `Content-Length`, or any
/// `Transfer-Encoding` (a chunked body may still turn out empty, but the client meant to send one).
fn has_body(req: &ServiceRequest) -> bool {
    let headers = req.headers();
    let content_length = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim() != "0");
    content_length || headers.contains_key(header::TRANSFER_ENCODING)
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    fn refused(req: TestRequest) -> Option<u16> {
        use actix_web::ResponseError;
        match refusal(&req.to_srv_request()) {
            Some(Refusal::Options) => Some(204),
            Some(Refusal::Error(error)) => Some(error.status_code().as_u16()),
            None => None,
        }
    }

    #[test]
    fn a_plain_get_is_let_in() {
        assert_eq!(
            refused(TestRequest::get().uri("/api/v1/items?page=2")),
            None
        );
        assert_eq!(
            refused(TestRequest::get().insert_header((header::CONTENT_LENGTH, "0"))),
            None
        );
    }

    #[test]
    fn the_request_target_and_head_are_bounded() {
        let long = format!("/api/v1/items?q={}", "a".repeat(MAX_URI_BYTES));
        assert_eq!(refused(TestRequest::get().uri(&long)), Some(414));
        let at_limit = format!("/?q={}", "a".repeat(MAX_URI_BYTES - 4));
        assert_eq!(refused(TestRequest::get().uri(&at_limit)), None);
        let mut many = TestRequest::get();
        for i in 0..=MAX_HEADERS {
            many = many.append_header((format!("x-h{i}"), "1"));
        }
        assert_eq!(refused(many), Some(431));
        let big = TestRequest::get().insert_header(("x-big", "a".repeat(MAX_HEADER_BYTES)));
        assert_eq!(refused(big), Some(431));
    }

    #[test]
    fn a_body_on_get_or_head_is_refused() {
        for method in [Method::GET, Method::HEAD] {
            let req = TestRequest::default()
                .method(method.clone())
                .insert_header((header::CONTENT_LENGTH, "2"));
            assert_eq!(refused(req), Some(400), "{method}");
        }
        let chunked = TestRequest::get().insert_header((header::TRANSFER_ENCODING, "chunked"));
        assert_eq!(refused(chunked), Some(400));
    }
}
