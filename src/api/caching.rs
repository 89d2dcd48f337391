//! Validators and caching: every successful GET carries a strong `ETag` computed from the bytes
//! of its body, `If-None-Match` is answered 304, and HEAD is answered like GET without a body.
//!
//! Responses are built through [`Reply`], the one place that sets `ETag`, `Cache-Control` and
//! `Vary`. Compression is applied afterwards by actix's `Compress`; since a strong validator must
//! change with the content coding (RFC 9110 §8.8.3), [`etag_per_encoding`] gives each coding its
//! own tag (`"…-gzip"`, `"…-br"`) and maps them back when they come back in `If-None-Match`.

use std::collections::VecDeque;
use std::pin::Pin;
use std::task::{Context, Poll};

use actix_web::body::{BodySize, BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, Header, HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::error::ApiError;

/// How long shared caches and browsers may reuse an answer without asking again. The data only
/// changes when a new edition is published; revalidation with the ETag is cheap after that.
const PUBLIC_MAX_AGE: &str = "public, max-age=300";
/// For what never changes at its URL (the files of a release): a year, and `immutable` so
/// browsers do not even revalidate on reload.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// Size of the pieces a streamed body is cut into.
const CHUNK: usize = 16 * 1024;

/// The body of a reply: whole, or a sequence of lines streamed as they are written.
pub enum Body {
    Full(Bytes),
    Lines(Vec<Bytes>),
}

/// A successful response before its validators are computed.
pub struct Reply {
    content_type: &'static str,
    body: Body,
    headers: Vec<(HeaderName, String)>,
    cache_control: &'static str,
    vary_accept: bool,
    etag_basis: Option<Vec<u8>>,
    etag: Option<String>,
}

impl Reply {
    pub fn new(content_type: &'static str, body: Body) -> Self {
        Reply {
            content_type,
            body,
            headers: Vec::new(),
            cache_control: PUBLIC_MAX_AGE,
            vary_accept: false,
            etag_basis: None,
            etag: None,
        }
    }

    pub fn json<T: Serialize>(value: &T) -> Result<Self, ApiError> {
        let bytes = serde_json::to_vec(value).map_err(ApiError::internal)?;
        Ok(Reply::new("application/json", Body::Full(bytes.into())))
    }

    /// Sets a header; a second `Link` is joined to the first (one field, comma-separated, as
    /// RFC 8288 allows), so pagination and context links travel together.
    pub fn header(mut self, name: HeaderName, value: impl Into<String>) -> Self {
        let value = value.into();
        match self.headers.iter_mut().find(|(n, _)| *n == name) {
            Some((_, existing)) if name == header::LINK => {
                existing.push_str(", ");
                existing.push_str(&value);
            }
            Some((_, existing)) => *existing = value,
            None => self.headers.push((name, value)),
        }
        self
    }

    /// The representation depends on `Accept` (negotiated lists).
    pub fn vary_accept(mut self) -> Self {
        self.vary_accept = true;
        self
    }

    /// For answers that describe the running process rather than the data (`/health`).
    pub fn no_store(mut self) -> Self {
        self.cache_control = "no-store";
        self
    }

    /// Derives the ETag from `basis` instead of from the whole body. For a body assembled from
    /// rows rendered at start-up, `basis` is what determines it (the bytes around the rows and
    /// a digest of each row: see `state::TableView`), a small fraction of its size: hashing the
    /// whole body was a quarter of the CPU time of a list request. Whoever gives a basis must
    /// make it differ whenever the body does.
    pub fn etag_basis(mut self, basis: Vec<u8>) -> Self {
        self.etag_basis = Some(basis);
        self
    }

    /// Content that never changes at this URL (a released file).
    pub fn immutable(mut self) -> Self {
        self.cache_control = IMMUTABLE;
        self
    }

    /// A strong ETag known beforehand (a released file's SHA-256) instead of one from the body.
    pub fn etag(mut self, opaque: impl Into<String>) -> Self {
        self.etag = Some(opaque.into());
        self
    }

    /// The final response: 304 when the client's copy is current, 200 otherwise.
    pub fn respond(self, req: &HttpRequest) -> HttpResponse {
        let etag = match (&self.etag, &self.etag_basis) {
            (Some(opaque), _) => header::EntityTag::new_strong(opaque.clone()),
            (None, Some(basis)) => etag_of_digest(&Sha256::digest(basis)),
            (None, None) => strong_etag(&self.body),
        };
        let not_modified = matches_if_none_match(req, &etag);
        let mut builder = if not_modified {
            HttpResponse::NotModified()
        } else {
            HttpResponse::Ok()
        };
        builder
            .insert_header((header::ETAG, etag.to_string()))
            .insert_header((header::CACHE_CONTROL, self.cache_control));
        if self.vary_accept {
            builder.insert_header((header::VARY, "Accept"));
        }
        for (name, value) in self.headers {
            builder.insert_header((name, value));
        }
        if not_modified {
            return builder.finish();
        }
        builder.insert_header((header::CONTENT_TYPE, self.content_type));
        match self.body {
            Body::Full(bytes) => builder.body(bytes),
            Body::Lines(lines) => builder.body(Chunks::new(lines)),
        }
    }
}

/// `"` + the first 128 bits of the body's SHA-256, in hex + `"`.
fn strong_etag(body: &Body) -> header::EntityTag {
    let mut hasher = Sha256::new();
    match body {
        Body::Full(bytes) => hasher.update(bytes),
        Body::Lines(lines) => lines.iter().for_each(|line| hasher.update(line)),
    }
    etag_of_digest(&hasher.finalize())
}

/// `"` + the first 128 bits of `digest`, in hex + `"`.
fn etag_of_digest(digest: &[u8]) -> header::EntityTag {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut hex = String::with_capacity(32);
    for b in &digest[..16] {
        hex.push(char::from(HEX[usize::from(b >> 4)]));
        hex.push(char::from(HEX[usize::from(b & 15)]));
    }
    header::EntityTag::new_strong(hex)
}

/// RFC 9110 §13.1.2: `If-None-Match` uses the weak comparison; `*` matches any current
/// representation.
fn matches_if_none_match(req: &HttpRequest, etag: &header::EntityTag) -> bool {
    match header::IfNoneMatch::parse(req) {
        Ok(header::IfNoneMatch::Any) => true,
        Ok(header::IfNoneMatch::Items(tags)) => tags.iter().any(|t| t.weak_eq(etag)),
        Err(_) => false,
    }
}

/// Lines grouped into chunks and streamed: the body is never copied into one buffer.
struct Chunks(VecDeque<Bytes>);

impl Chunks {
    fn new(lines: Vec<Bytes>) -> Self {
        let mut chunks = VecDeque::new();
        let mut current = Vec::with_capacity(CHUNK);
        for line in lines {
            if !current.is_empty() && current.len() + line.len() > CHUNK {
                chunks.push_back(Bytes::from(std::mem::take(&mut current)));
            }
            current.extend_from_slice(&line);
        }
        if !current.is_empty() {
            chunks.push_back(Bytes::from(current));
        }
        Chunks(chunks)
    }
}

impl MessageBody for Chunks {
    type Error = std::convert::Infallible;

    fn size(&self) -> BodySize {
        BodySize::Stream
    }

    fn poll_next(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Bytes, Self::Error>>> {
        Poll::Ready(self.get_mut().0.pop_front().map(Ok))
    }
}

/// Content codings whose name is appended to a strong ETag.
const CODINGS: [&str; 4] = ["gzip", "br", "zstd", "deflate"];

/// Middleware, outside `Compress`: one strong ETag per content coding.
///
/// On the way in, `"tag-gzip"` in `If-None-Match` becomes `"tag"`, so handlers and files compare
/// the identity tag. On the way out, a compressed body gets its coding appended to its ETag, and a
/// 304 repeats the tag the client sent, which is the one its cached copy carries.
pub async fn etag_per_encoding(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let mut sent_with_coding: Vec<(String, String)> = Vec::new();
    if let Some(value) = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
    {
        let rewritten: Vec<String> = value
            .split(',')
            .map(|tag| {
                let tag = tag.trim();
                for coding in CODINGS {
                    if let Some(base) = tag.strip_suffix(&format!("-{coding}\"")) {
                        let identity = format!("{base}\"");
                        sent_with_coding.push((identity.clone(), tag.to_string()));
                        return identity;
                    }
                }
                tag.to_string()
            })
            .collect();
        if !sent_with_coding.is_empty()
            && let Ok(value) = HeaderValue::from_str(&rewritten.join(", "))
        {
            req.headers_mut().insert(header::IF_NONE_MATCH, value);
        }
    }
    let mut res = next.call(req).await?;
    let etag = res
        .headers()
        .get(header::ETAG)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let Some(etag) = etag else {
        return Ok(res);
    };
    let new_tag = if res.status() == StatusCode::NOT_MODIFIED {
        let bare = etag.trim_start_matches("W/").to_string();
        sent_with_coding
            .into_iter()
            .find(|(identity, _)| *identity == bare)
            .map(|(_, sent)| sent)
    } else {
        let coding = res
            .headers()
            .get(header::CONTENT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .filter(|c| CODINGS.contains(c));
        match coding {
            Some(coding) if etag.ends_with('"') => {
                Some(format!("{}-{coding}\"", &etag[..etag.len() - 1]))
            }
            _ => None,
        }
    };
    if let Some(value) = new_tag.and_then(|t| HeaderValue::from_str(&t).ok()) {
        res.headers_mut().insert(header::ETAG, value);
    }
    Ok(res)
}

/// Middleware: HEAD is routed like GET. actix-http already sends no body in answer to HEAD and
/// keeps the headers (Content-Length, ETag…) of the GET answer, so every GET resource, the
/// Swagger UI and the files included, answers HEAD without a route of its own.
pub async fn head_as_get(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    if req.method() == Method::HEAD {
        req.head_mut().method = Method::GET;
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    #[test]
    fn the_etag_is_strong_and_follows_the_bytes() {
        let a = strong_etag(&Body::Full(Bytes::from_static(b"abc")));
        let b = strong_etag(&Body::Lines(vec![
            Bytes::from_static(b"a"),
            Bytes::from_static(b"bc"),
        ]));
        assert!(!a.weak);
        assert_eq!(a, b);
        assert_ne!(a, strong_etag(&Body::Full(Bytes::from_static(b"abd"))));
    }

    #[test]
    fn a_matching_if_none_match_gives_304() {
        let reply = || Reply::new("text/plain", Body::Full(Bytes::from_static(b"x")));
        let etag = strong_etag(&Body::Full(Bytes::from_static(b"x")));
        let req = TestRequest::default()
            .insert_header((header::IF_NONE_MATCH, etag.to_string()))
            .to_http_request();
        assert_eq!(reply().respond(&req).status(), StatusCode::NOT_MODIFIED);
        let req = TestRequest::default()
            .insert_header((header::IF_NONE_MATCH, "\"other\""))
            .to_http_request();
        assert_eq!(reply().respond(&req).status(), StatusCode::OK);
    }

    #[test]
    fn lines_are_grouped_in_chunks() {
        let lines = vec![
            Bytes::from(vec![b'a'; CHUNK - 1]),
            Bytes::from_static(b"bb"),
        ];
        let chunks = Chunks::new(lines);
        assert_eq!(chunks.0.len(), 2);
    }
}
