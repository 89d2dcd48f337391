//! The response cache: every GET answer is computed once and then served as stored bytes.
//!
//! The corpus is immutable for the life of the process, so a successful GET answer is a pure
//! function of the request target (path and query) and of the request headers its `Vary`
//! names (`Accept`, `Accept-Encoding`, `Accept-Profile`…): the rule of HTTP caches (RFC 9111
//! §4.1), so a route only has to say what it varies on, as the reverse proxy needs anyway. This
//! middleware, placed outside `Compress` and the ETag middleware, keeps the finished answer
//! (status 200, headers, body already compressed, strong ETag) under its target, one variant
//! per combination of those header values, in an LRU bounded by a byte budget
//! ([`super::Limits::response_cache_bytes`]). A hit costs a lookup and a copy of a header map
//! built when the answer was stored; the body is shared (`Bytes`). Each compressed form is computed once, by the first request
//! that asks for it. `If-None-Match` is answered here, from the stored ETag, for every GET: the
//! handlers never see it.
//!
//! `Compress` only says `Vary: Accept-Encoding` when it compresses; every 200 answer gets it
//! here, so an uncompressed copy is never given (by this cache or a proxy) to a client that
//! accepts gzip.
//!
//! It applies to every route, present and future, with no per-route code. `Cache-Control`
//! speaks to the caches downstream, not to this one: `/health` says `no-store` (a monitor must
//! reach the process), but its answer is as constant for the life of the process as any other,
//! so it is kept here like the rest and a probe costs a hit. Not stored:
//! - answers other than 200 (errors quote the request; 304s and redirects are cheap anyway);
//! - answers without an `ETag`;
//! - answers with `Last-Modified`: files streamed from disk (`/exports/`), which may be
//!   regenerated while the service runs and which the OS page cache already keeps;
//! - requests with `Range`, `If-Range`, `If-Match`, `If-Unmodified-Since`, or
//!   `If-Modified-Since` without `If-None-Match`: they reach the handlers untouched;
//! - answers larger than an eighth of the budget (a whole-table JSON Lines at ×1000).
//!
//! It sits inside the log and `HEAD` handling only: the security and CORS headers are the same
//! for every request of a representation (`super::cors`: no answer depends on `Origin`), so the
//! layers that add them run inside, once per stored answer, and a hit crosses no other layer.

use std::sync::{Arc, Mutex};

use actix_web::HttpResponse;
use actix_web::body::{BoxBody, MessageBody, to_bytes};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::web::{Bytes, Data};
use lru::LruCache;

use super::state::AppState;

/// Bytes counted for an entry besides its key, headers and body (map node, `Arc`, header map).
const ENTRY_OVERHEAD: usize = 256;

/// Variants kept per target: distinct `Accept`/`Accept-Encoding` strings are few in practice;
/// a client inventing new ones replaces the oldest instead of filling the budget.
const MAX_VARIANTS: usize = 8;

/// A finished 200 answer, with the headers of both answers it can give (200 and 304) built
/// once, so a hit only clones a header map and shares the body.
struct Stored {
    /// The request headers named by `Vary`, with the values this answer was made for.
    vary: Vec<(HeaderName, Option<HeaderValue>)>,
    headers: HeaderMap,
    /// The headers of a 304 for this answer: those of [`KEPT_IN_304`] that `headers` has.
    not_modified: HeaderMap,
    etag: String,
    body: Bytes,
}

impl Stored {
    fn new(
        vary: Vec<(HeaderName, Option<HeaderValue>)>,
        mut headers: HeaderMap,
        etag: String,
        body: Bytes,
    ) -> Self {
        // actix writes the length of the body it sends (none in a 304).
        headers.remove(header::CONTENT_LENGTH);
        let mut not_modified = HeaderMap::with_capacity(KEPT_IN_304.len());
        for (name, value) in &headers {
            if KEPT_IN_304.contains(name) {
                not_modified.append(name.clone(), value.clone());
            }
        }
        Stored {
            vary,
            headers,
            not_modified,
            etag,
            body,
        }
    }

    fn weight(&self) -> usize {
        let headers: usize = self
            .headers
            .iter()
            .chain(self.not_modified.iter())
            .map(|(name, value)| name.as_str().len() + value.len())
            .sum();
        ENTRY_OVERHEAD + headers + self.body.len()
    }

    /// Whether this variant answers a request with these headers.
    fn fits(&self, headers: &HeaderMap) -> bool {
        self.vary
            .iter()
            .all(|(name, value)| headers.get(name) == value.as_ref())
    }

    /// The stored answer, or 304 with its validators when the client's copy is current.
    fn response(&self, if_none_match: Option<&str>) -> HttpResponse {
        if if_none_match.is_some_and(|tags| matches_any(tags, &self.etag)) {
            let mut res = HttpResponse::NotModified().finish();
            *res.headers_mut() = self.not_modified.clone();
            return res;
        }
        let mut res = HttpResponse::with_body(StatusCode::OK, self.body.clone());
        *res.headers_mut() = self.headers.clone();
        res.map_into_boxed_body()
    }
}

/// The headers a 304 repeats: the validators and caching policy (RFC 9110 §15.4.5), and the
/// headers every answer of the service carries whatever its content (security and CORS: the
/// layers that add them are inside this cache). Nothing else: a cache copies a 304's headers
/// onto its stored answer, so a page's own content policy must not be replaced by another.
const KEPT_IN_304: [HeaderName; 10] = [
    header::ETAG,
    header::CACHE_CONTROL,
    header::VARY,
    header::EXPIRES,
    header::CONTENT_LOCATION,
    header::X_CONTENT_TYPE_OPTIONS,
    header::REFERRER_POLICY,
    header::X_FRAME_OPTIONS,
    header::ACCESS_CONTROL_ALLOW_ORIGIN,
    header::ACCESS_CONTROL_EXPOSE_HEADERS,
];

/// The stored answers, least recently used first out, and their total weight.
pub struct ResponseCache {
    store: Mutex<Store>,
    budget: usize,
}

struct Store {
    entries: LruCache<String, Vec<Arc<Stored>>>,
    bytes: usize,
}

fn weight(key: &str, variants: &[Arc<Stored>]) -> usize {
    key.len() + variants.iter().map(|v| v.weight()).sum::<usize>()
}

impl ResponseCache {
    /// A cache holding at most `budget` bytes of answers (0: nothing is stored).
    pub fn new(budget: usize) -> Self {
        ResponseCache {
            store: Mutex::new(Store {
                entries: LruCache::unbounded(),
                bytes: 0,
            }),
            budget,
        }
    }

    /// Number of stored targets and their weight in bytes.
    pub fn usage(&self) -> (usize, usize) {
        self.store
            .lock()
            .map(|s| (s.entries.len(), s.bytes))
            .unwrap_or_default()
    }

    fn get(&self, key: &str, headers: &HeaderMap) -> Option<Arc<Stored>> {
        let mut store = self.store.lock().ok()?;
        let variants = store.entries.get(key)?;
        variants.iter().find(|v| v.fits(headers)).cloned()
    }

    fn insert(&self, key: String, stored: Arc<Stored>) {
        if key.len() + stored.weight() > self.budget / 8 {
            return;
        }
        let Ok(mut store) = self.store.lock() else {
            return;
        };
        let mut variants = store.entries.pop(&key).unwrap_or_default();
        store.bytes -= weight(&key, &variants).min(store.bytes);
        variants.retain(|v| v.vary != stored.vary);
        if variants.len() >= MAX_VARIANTS {
            variants.remove(0);
        }
        variants.push(stored);
        store.bytes += weight(&key, &variants);
        store.entries.put(key, variants);
        while store.bytes > self.budget {
            match store.entries.pop_lru() {
                Some((k, old)) => store.bytes -= weight(&k, &old).min(store.bytes),
                None => break,
            }
        }
    }
}

/// The request target: path and query, as sent.
fn key_of(req: &ServiceRequest) -> &str {
    req.uri().path_and_query().map_or("", |pq| pq.as_str())
}

/// The request headers `Vary` names, with this request's values; `None` for `Vary: *`.
fn vary_of(
    response: &HeaderMap,
    request: &HeaderMap,
) -> Option<Vec<(HeaderName, Option<HeaderValue>)>> {
    let mut vary = Vec::new();
    for value in response.get_all(header::VARY) {
        for name in value.to_str().ok()?.split(',') {
            let name = name.trim();
            if name == "*" {
                return None;
            }
            let name = HeaderName::from_bytes(name.as_bytes()).ok()?;
            if !vary.iter().any(|(n, _)| *n == name) {
                let value = request.get(&name).cloned();
                vary.push((name, value));
            }
        }
    }
    Some(vary)
}

/// Says `Vary: Accept-Encoding` if `Compress` left the answer as it was (see the module doc).
fn vary_on_encoding(headers: &mut HeaderMap) {
    let says_it = headers
        .get_all(header::VARY)
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.to_ascii_lowercase().contains("accept-encoding"));
    if !says_it {
        headers.append(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    }
}

/// Requests whose preconditions only the handler (or `actix-files`) can evaluate.
fn passes_through(req: &ServiceRequest) -> bool {
    let headers = req.headers();
    req.method() != Method::GET
        || [
            header::RANGE,
            header::IF_RANGE,
            header::IF_MATCH,
            header::IF_UNMODIFIED_SINCE,
        ]
        .iter()
        .any(|name| headers.contains_key(name))
        || (headers.contains_key(header::IF_MODIFIED_SINCE)
            && !headers.contains_key(header::IF_NONE_MATCH))
}

/// RFC 9110 §13.1.2: `If-None-Match` uses the weak comparison; `*` matches any current
/// representation.
fn matches_any(if_none_match: &str, etag: &str) -> bool {
    let opaque = |tag: &str| tag.trim().trim_start_matches("W/").to_string();
    let etag = opaque(etag);
    if_none_match
        .split(',')
        .any(|tag| tag.trim() == "*" || opaque(tag) == etag)
}

/// Middleware (see the module documentation).
pub async fn cache_responses(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let cache = req.app_data::<Data<AppState>>().cloned();
    let Some(state) = cache.filter(|_| !passes_through(&req)) else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let cache = &state.response_cache;
    // Taken out of the request: the validators are compared here, against the full answer.
    let if_none_match: Option<String> = {
        let values: Vec<String> = req
            .headers_mut()
            .remove(header::IF_NONE_MATCH)
            .filter_map(|v| v.to_str().ok().map(str::to_string))
            .collect();
        (!values.is_empty()).then(|| values.join(","))
    };
    if if_none_match.is_some() {
        req.headers_mut().remove(header::IF_MODIFIED_SINCE);
    }
    if let Some(stored) = cache.get(key_of(&req), req.headers()) {
        let res = stored.response(if_none_match.as_deref());
        return Ok(req.into_response(res));
    }
    let key = key_of(&req).to_string();
    let request_headers = req.headers().clone();

    let mut res = next.call(req).await?;
    let headers = res.headers();
    let etag = headers
        .get(header::ETAG)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let Some(etag) = etag.filter(|_| res.status() == StatusCode::OK) else {
        return Ok(res.map_into_boxed_body());
    };
    vary_on_encoding(res.headers_mut());
    let headers = res.headers();
    let vary = vary_of(headers, &request_headers);
    let storable = !headers.contains_key(header::LAST_MODIFIED) && vary.is_some();
    let not_modified = if_none_match
        .as_deref()
        .is_some_and(|tags| matches_any(tags, &etag));
    if !storable {
        if not_modified {
            // A file's body is streamed lazily: dropping it unread costs nothing.
            let (req, res) = res.into_parts();
            let stored = Stored::new(Vec::new(), res.headers().clone(), etag, Bytes::new());
            return Ok(ServiceResponse::new(
                req,
                stored.response(if_none_match.as_deref()),
            ));
        }
        return Ok(res.map_into_boxed_body());
    }
    let (req, res) = res.into_parts();
    let (head, body) = res.into_parts();
    let body = to_bytes(body).await.map_err(|e| {
        let e: Box<dyn std::error::Error> = e.into();
        actix_web::error::ErrorInternalServerError(e.to_string())
    })?;
    let stored = Arc::new(Stored::new(
        vary.unwrap_or_default(),
        head.headers().clone(),
        etag,
        body,
    ));
    let res = stored.response(if_none_match.as_deref());
    cache.insert(key, stored);
    Ok(ServiceResponse::new(req, res))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(body: &'static [u8]) -> Arc<Stored> {
        Arc::new(Stored::new(
            Vec::new(),
            HeaderMap::new(),
            "\"a\"".into(),
            Bytes::from_static(body),
        ))
    }

    #[test]
    fn the_budget_bounds_the_stored_bytes_least_recently_used_out_first() {
        let cache = ResponseCache::new(8 * (ENTRY_OVERHEAD + 100));
        let none = HeaderMap::new();
        for i in 0..20 {
            cache.insert(format!("/{i:02}"), stored(&[b'x'; 90]));
        }
        let (entries, bytes) = cache.usage();
        assert!(bytes <= 8 * (ENTRY_OVERHEAD + 100));
        assert!(entries >= 7, "{entries}");
        assert!(cache.get("/19", &none).is_some());
        assert!(cache.get("/00", &none).is_none());
    }

    #[test]
    fn an_answer_larger_than_an_eighth_of_the_budget_is_not_kept() {
        let cache = ResponseCache::new(8 * ENTRY_OVERHEAD);
        cache.insert("/big".into(), stored(&[b'x'; 300]));
        assert_eq!(cache.usage(), (0, 0));
    }

    #[test]
    fn if_none_match_compares_weakly_and_accepts_any() {
        assert!(matches_any("\"a\"", "\"a\""));
        assert!(matches_any("W/\"a\"", "\"a\""));
        assert!(matches_any("\"b\", \"a\"", "\"a\""));
        assert!(matches_any("*", "\"a\""));
        assert!(!matches_any("\"a-gzip\"", "\"a\""));
    }

    #[test]
    fn a_304_keeps_the_validators_and_the_headers_of_every_answer_and_drops_the_others() {
        let mut headers = HeaderMap::new();
        headers.insert(header::ETAG, "\"a\"".parse().unwrap());
        headers.insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
        headers.insert(header::X_CONTENT_TYPE_OPTIONS, "nosniff".parse().unwrap());
        let stored = Stored::new(
            Vec::new(),
            headers,
            "\"a\"".into(),
            Bytes::from_static(b"{}"),
        );
        let res = stored.response(Some("\"a\""));
        assert_eq!(res.status(), StatusCode::NOT_MODIFIED);
        assert!(res.headers().contains_key(header::ETAG));
        assert!(res.headers().contains_key(header::X_CONTENT_TYPE_OPTIONS));
        assert!(!res.headers().contains_key(header::CONTENT_TYPE));
        assert_eq!(stored.response(None).status(), StatusCode::OK);
    }

    #[test]
    fn each_variant_is_found_by_the_request_headers_vary_names() {
        let cache = ResponseCache::new(1 << 20);
        let mut response = HeaderMap::new();
        response.insert(
            header::VARY,
            HeaderValue::from_static("Accept, Accept-Encoding"),
        );
        let request = |accept: &'static str| {
            let mut h = HeaderMap::new();
            h.insert(header::ACCEPT, HeaderValue::from_static(accept));
            h
        };
        for (accept, body) in [
            ("text/csv", &b"csv"[..]),
            ("application/json", &b"json"[..]),
        ] {
            let vary = vary_of(&response, &request(accept)).unwrap();
            assert_eq!(vary.len(), 2);
            let body = Bytes::from_static(body);
            cache.insert(
                "/x".into(),
                Arc::new(Stored::new(vary, HeaderMap::new(), "\"e\"".into(), body)),
            );
        }
        let csv = cache.get("/x", &request("text/csv")).unwrap();
        assert_eq!(&csv.body[..], b"csv");
        let json = cache.get("/x", &request("application/json")).unwrap();
        assert_eq!(&json.body[..], b"json");
        assert!(cache.get("/x", &request("text/html")).is_none());
        assert!(cache.get("/x", &HeaderMap::new()).is_none());
        response.insert(header::VARY, HeaderValue::from_static("*"));
        assert!(vary_of(&response, &HeaderMap::new()).is_none());
    }
}
