//! The HTTP calls to udata's API v1 (`/api/1`): one blocking request at a time, the API key in
//! the `X-API-KEY` header only, retries with backoff where a retry cannot duplicate anything,
//! and errors that carry the server's own message.

use std::fmt;
use std::time::Duration;

use serde_json::Value;
use ureq::Agent;
use ureq::http::Response;
use ureq::unversioned::multipart::{Form, Part};

use super::local::LocalFile;

/// The header udata reads the key from (`udata/api/__init__.py`, `HEADER_API_KEY`).
pub const API_KEY_HEADER: &str = "X-API-KEY";

/// A data.gouv.fr API key. It has no `Display`, and its `Debug` hides it, so that no log line,
/// error or dry-run output can carry it by accident.
#[derive(Clone)]
pub struct ApiKey(String);

impl ApiKey {
    /// `None` for an empty value: an empty header would only earn a confusing 401.
    pub fn new(value: String) -> Option<Self> {
        let value = value.trim().to_string();
        (!value.is_empty()).then_some(Self(value))
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(<hidden>)")
    }
}

/// The methods the publisher uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
        }
    }

    /// Whether sending the same request twice leaves the server as sending it once. A POST
    /// that reached udata before the connection broke has created its resource; retrying it
    /// would create a second one, so POSTs are only retried when the server said it did not
    /// process them (429).
    fn is_idempotent(self) -> bool {
        !matches!(self, Method::Post)
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// When and how long to wait before trying a request again.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub max_attempts: u32,
    /// The first backoff delay, doubled at each retry, when the server gives no `Retry-After`.
    pub base_delay: Duration,
    /// No wait is longer than this, whatever `Retry-After` asks.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 5,
            base_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(120),
        }
    }
}

/// An error of one API call. Never holds the request's headers (hence never the key).
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("{method} {url}: {status} {reason}: {message}{hint}", reason = reason(*status), hint = hint(*status))]
    Status {
        method: Method,
        url: String,
        status: u16,
        /// The server's explanation: its `message`, its `errors` per field, or the start of a
        /// body that is not JSON (a proxy's HTML page).
        message: String,
    },
    #[error("{method} {url}: gave up after {attempts} attempts; last answer: {last}")]
    GaveUp {
        method: Method,
        url: String,
        attempts: u32,
        last: String,
    },
    #[error("{method} {url}: {message}")]
    Transport {
        method: Method,
        url: String,
        message: String,
    },
    #[error("{method} {url}: the answer is not the JSON udata sends: {message}")]
    BadAnswer {
        method: Method,
        url: String,
        message: String,
    },
}

impl ClientError {
    pub fn status(&self) -> Option<u16> {
        match self {
            ClientError::Status { status, .. } => Some(*status),
            _ => None,
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        410 => "Gone",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        423 => "Locked",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "HTTP error",
    }
}

/// What the user can do about it, for the statuses whose cause is on this side.
fn hint(status: u16) -> &'static str {
    match status {
        400 => " (the metadata was refused: fix exports/datagouv.json or the code that writes it)",
        401 => {
            " (the API key is missing, invalid, expired or revoked: set DATAGOUV_API_KEY to a key from your data.gouv.fr profile, for the server named by --base)"
        }
        403 => {
            " (this key's account may not edit this dataset: use a key of a member of the dataset's organization, or another --dataset)"
        }
        404 => " (no such dataset or resource on this server: check --dataset and --base)",
        410 => " (the dataset was deleted on data.gouv.fr: restore it there or publish another)",
        413 => " (the request is larger than the server accepts)",
        _ => "",
    }
}

/// A blocking client for one udata server.
pub struct Client {
    agent: Agent,
    base: String,
    key: Option<ApiKey>,
    retry: RetryPolicy,
    sleep: Box<dyn Fn(Duration)>,
}

impl Client {
    /// `base` is the API root, e.g. `https://demo.data.gouv.fr/api/1`.
    pub fn new(base: &str, key: Option<ApiKey>) -> Self {
        let config = Agent::config_builder()
            // Error statuses are answers to read (udata explains them in the body).
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(300)))
            .user_agent(concat!("congres-numerique/", env!("CARGO_PKG_VERSION")))
            .build();
        Self {
            agent: config.new_agent(),
            base: base.trim_end_matches('/').to_string(),
            key,
            retry: RetryPolicy::default(),
            sleep: Box::new(std::thread::sleep),
        }
    }

    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Replaces the wait between attempts (tests record the delays instead of sleeping).
    pub fn with_sleep(mut self, sleep: impl Fn(Duration) + 'static) -> Self {
        self.sleep = Box::new(sleep);
        self
    }

    pub fn has_key(&self) -> bool {
        self.key.is_some()
    }

    /// The absolute URL of an API path (`/datasets/…/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// One call, retried on 429 (any method) and on 5xx or a broken connection (idempotent
    /// methods only). Returns the JSON body of a 2xx answer.
    pub fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Value, ClientError> {
        self.send(method, path, body.map_or(Payload::None, Payload::Json))
    }

    /// Uploads a file as udata's upload endpoints take it: `multipart/form-data`, field `file`
    /// (`upload_parser` in udata/core/storages/api.py). A POST: retried only on 429.
    pub fn upload(&self, path: &str, file: &LocalFile) -> Result<Value, ClientError> {
        self.send(Method::Post, path, Payload::File(file))
    }

    fn send(&self, method: Method, path: &str, body: Payload) -> Result<Value, ClientError> {
        let url = self.url(path);
        let mut attempt = 0;
        loop {
            attempt += 1;
            let (retryable, retry_after, error) = match self.once(method, &url, &body) {
                Ok((_, value)) => return Ok(value),
                Err(Attempt::Status {
                    status,
                    retry_after,
                    error,
                }) => {
                    let retryable = status == 429
                        || (method.is_idempotent() && matches!(status, 500 | 502 | 503 | 504));
                    (retryable, retry_after, error)
                }
                Err(Attempt::Transport(error)) => (method.is_idempotent(), None, error),
            };
            if !retryable {
                return Err(error);
            }
            let last = error.to_string();
            if attempt >= self.retry.max_attempts {
                return Err(ClientError::GaveUp {
                    method,
                    url,
                    attempts: attempt,
                    last,
                });
            }
            let backoff = self
                .retry
                .base_delay
                .saturating_mul(1 << (attempt - 1).min(16));
            (self.sleep)(retry_after.unwrap_or(backoff).min(self.retry.max_delay));
        }
    }

    fn once(&self, method: Method, url: &str, body: &Payload) -> Result<(u16, Value), Attempt> {
        let transport = |message: String| {
            Attempt::Transport(ClientError::Transport {
                method,
                url: url.to_string(),
                message,
            })
        };
        let response = match method {
            Method::Get => {
                let mut request = self.agent.get(url).header("Accept", "application/json");
                if let Some(key) = &self.key {
                    request = request.header(API_KEY_HEADER, &key.0);
                }
                request.call()
            }
            Method::Post | Method::Put => {
                let mut request = if method == Method::Post {
                    self.agent.post(url)
                } else {
                    self.agent.put(url)
                }
                .header("Accept", "application/json");
                if let Some(key) = &self.key {
                    request = request.header(API_KEY_HEADER, &key.0);
                }
                match body {
                    Payload::None => request.send_json(Value::Null),
                    Payload::Json(value) => request.send_json(value),
                    Payload::File(file) => {
                        let bytes = std::fs::read(&file.path).map_err(|e| {
                            transport(format!("reading {}: {e}", file.path.display()))
                        })?;
                        let part = Part::bytes(&bytes)
                            .file_name(&file.file_name)
                            .mime_str("application/octet-stream")
                            .map_err(|e| transport(e.to_string()))?;
                        request.send(Form::new().part("file", part))
                    }
                }
            }
        }
        .map_err(|e| transport(e.to_string()))?;
        read(method, url, response)
    }
}

/// What a request carries.
enum Payload<'a> {
    None,
    Json(&'a Value),
    File(&'a LocalFile),
}

/// The outcome of one failed attempt, with what decides a retry.
enum Attempt {
    Status {
        status: u16,
        retry_after: Option<Duration>,
        error: ClientError,
    },
    Transport(ClientError),
}

fn read(
    method: Method,
    url: &str,
    mut response: Response<ureq::Body>,
) -> Result<(u16, Value), Attempt> {
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get("Retry-After")
        .and_then(|v| v.to_str().ok())
        .and_then(parse_retry_after);
    let text = response
        .body_mut()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_to_string()
        .map_err(|e| {
            Attempt::Transport(ClientError::Transport {
                method,
                url: url.to_string(),
                message: e.to_string(),
            })
        })?;
    if (200..300).contains(&status) {
        if text.trim().is_empty() {
            return Ok((status, Value::Null));
        }
        return serde_json::from_str(&text)
            .map(|v| (status, v))
            .map_err(|e| {
                Attempt::Transport(ClientError::BadAnswer {
                    method,
                    url: url.to_string(),
                    message: e.to_string(),
                })
            });
    }
    Err(Attempt::Status {
        status,
        retry_after,
        error: ClientError::Status {
            method,
            url: url.to_string(),
            status,
            message: server_message(&text),
        },
    })
}

/// `Retry-After` in seconds. Its HTTP-date form is not used by data.gouv.fr's front servers;
/// it falls back to the backoff.
fn parse_retry_after(value: &str) -> Option<Duration> {
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

/// udata answers errors as `{"message": …}` (`api.abort(code, "…")`, the error handlers) or
/// `{"errors": {field: [messages]}}` (form validation), sometimes both.
pub fn server_message(body: &str) -> String {
    match serde_json::from_str::<Value>(body) {
        Ok(Value::Object(object)) => {
            let mut parts = Vec::new();
            if let Some(message) = object.get("message").and_then(Value::as_str) {
                parts.push(message.to_string());
            }
            if let Some(errors) = object.get("errors").filter(|e| !e.is_null()) {
                parts.push(format!("errors: {errors}"));
            }
            if parts.is_empty() {
                parts.push(Value::Object(object).to_string());
            }
            parts.join("; ")
        }
        _ if body.trim().is_empty() => "(empty body)".to_string(),
        _ => {
            // A proxy's HTML page (nginx's 413 or 502): its text without tags says enough.
            let mut text = String::with_capacity(body.len());
            let mut in_tag = false;
            for c in body.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' if in_tag => {
                        in_tag = false;
                        text.push(' ');
                    }
                    _ if !in_tag => text.push(c),
                    _ => {}
                }
            }
            let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let cut: String = flat.chars().take(200).collect();
            format!("(not JSON) {cut}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_never_shows_in_debug() {
        let key = ApiKey::new("s3cret-token".into()).unwrap();
        assert!(!format!("{key:?}").contains("s3cret"));
        assert!(ApiKey::new("  ".into()).is_none());
    }

    #[test]
    fn server_messages_are_read_from_both_udata_shapes() {
        assert_eq!(
            server_message(r#"{"message": "Resource does not exist"}"#),
            "Resource does not exist"
        );
        assert_eq!(
            server_message(r#"{"errors": {"title": ["This field is required."]}}"#),
            r#"errors: {"title":["This field is required."]}"#
        );
        assert!(
            server_message("<html><body><h1>413 Request Entity Too Large</h1></body></html>")
                .contains("413 Request Entity Too Large")
        );
    }

    #[test]
    fn retry_after_is_read_in_seconds() {
        assert_eq!(parse_retry_after("3"), Some(Duration::from_secs(3)));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
    }
}
