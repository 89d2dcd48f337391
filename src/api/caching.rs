//! Validators: every successful GET carries a strong `ETag` computed from the bytes of its body,
//! and HEAD is answered like GET without a body.
//!
//! Responses are built through [`Reply`], the one place that sets `ETag`, `Cache-Control` and
//! `Vary`. Compression is applied afterwards by actix's `Compress`; since a strong validator must
//! change with the content coding (RFC 9110 §8.8.3), [`etag_per_encoding`] gives each coding its
//! own tag (`"…-gzip"`, `"…-br"`). `super::response_cache` then keeps the finished answer and
//! answers `If-None-Match` against its tag: a `Reply` is built and hashed once per
//! representation, and handlers never see `If-None-Match`.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::http::header::{self, HeaderName, HeaderValue};
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

/// The body of a reply: whole, or a sequence of lines (joined: `response_cache` stores the
/// whole answer anyway).
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

    /// The final response. (`If-None-Match` is answered by `response_cache`, outside; `_req`
    /// stays so every handler keeps one way to answer.)
    pub fn respond(self, _req: &HttpRequest) -> HttpResponse {
        let etag = match self.etag {
            Some(opaque) => header::EntityTag::new_strong(opaque),
            None => strong_etag(&self.body),
        };
        let mut builder = HttpResponse::Ok();
        builder
            .insert_header((header::ETAG, etag.to_string()))
            .insert_header((header::CACHE_CONTROL, self.cache_control));
        if self.vary_accept {
            builder.insert_header((header::VARY, "Accept"));
        }
        for (name, value) in self.headers {
            builder.insert_header((name, value));
        }
        builder.insert_header((header::CONTENT_TYPE, self.content_type));
        match self.body {
            Body::Full(bytes) => builder.body(bytes),
            Body::Lines(lines) => builder.body(lines.concat()),
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
    let digest = hasher.finalize();
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut hex = String::with_capacity(32);
    for b in &digest[..16] {
        hex.push(char::from(HEX[usize::from(b >> 4)]));
        hex.push(char::from(HEX[usize::from(b & 15)]));
    }
    header::EntityTag::new_strong(hex)
}

/// Content codings whose name is appended to a strong ETag.
const CODINGS: [&str; 4] = ["gzip", "br", "zstd", "deflate"];

/// Middleware, outside `Compress`: one strong ETag per content coding. A compressed body gets
/// its coding appended to its ETag (`"…-gzip"`); `response_cache` stores and compares that tag.
pub async fn etag_per_encoding(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let mut res = next.call(req).await?;
    let headers = res.headers();
    let coding = headers
        .get(header::CONTENT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .filter(|c| CODINGS.contains(c));
    let tagged = match (
        headers.get(header::ETAG).and_then(|v| v.to_str().ok()),
        coding,
    ) {
        (Some(etag), Some(coding)) if etag.ends_with('"') => {
            HeaderValue::from_str(&format!("{}-{coding}\"", &etag[..etag.len() - 1])).ok()
        }
        _ => None,
    };
    if let Some(value) = tagged {
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
}
