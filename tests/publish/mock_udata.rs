//! A local stand-in for data.gouv.fr's API v1, implementing exactly the calls `publish` makes,
//! as udata defines them (opendatateam/udata, udata/core/dataset/api.py and udata/api/__init__.py
//! at commit 25b5a2ddd43798da1d7594823e5e9c10ddba34a1):
//!
//! | call | success | errors (bodies as udata/flask-restx/werkzeug write them) |
//! | --- | --- | --- |
//! | `GET /api/1/datasets/{id-or-slug}/` | 200 dataset | 404 (routing converter, werkzeug `NotFound`), 410 `"Dataset has been deleted"` |
//! | `POST /api/1/datasets/` | 201 dataset | 400 `{"errors": {field: [..]}}` (`api.validate`), 401 |
//! | `PUT /api/1/datasets/{id}/` | 200 dataset | 400, 401, 403 (`handle_permission_denied`), 404 |
//! | `POST /api/1/datasets/{id}/resources/` | 201 resource | 400 `"This endpoint only supports remote resources"`, 401, 403, 404 |
//! | `PUT /api/1/datasets/{id}/resources/{rid}/` | 200 resource | 400 `"Cannot modify filetype after creation"`, 401, 403, 404 `"Resource does not exist"` |
//! | `POST /api/1/datasets/{id}/upload/` (multipart, field `file`) | 201 resource (`upload_fields`: SHA-1 checksum, title = file name) | 400 not an allowed extension (`handle_unauthorized_file_type`) or no file (`UploadError`), 401, 403, 404 |
//! | `POST /api/1/datasets/{id}/resources/{rid}/upload/` | 200 resource | same, 404 `"Resource does not exist"` |
//!
//! A PUT on a hosted file keeps its server-computed fields (`HOSTED_RESOURCE_PROTECTED_FIELDS`
//! in udata/core/dataset/forms.py: filetype, url, checksum, filesize, mime, format).
//!
//! 401 comes from `UDataApi.authentify`/`secure` (`X-API-KEY`), 413 from werkzeug's
//! `RequestEntityTooLarge` (Flask's `MAX_CONTENT_LENGTH`), 429 and 5xx from the servers in front
//! of udata (werkzeug's own descriptions are used as bodies). Faults are injected by call number.

use std::collections::HashMap;
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use actix_web::http::StatusCode;
use actix_web::web::{self, Bytes, Data};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer};
use serde_json::{Map, Value, json};

pub const NOT_FOUND: &str = "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.";
pub const UNAUTHORIZED: &str = "The server could not verify that you are authorized to access the URL requested. You either supplied the wrong credentials (e.g. a bad password), or your browser doesn't understand how to supply the credentials required.";
pub const FORBIDDEN: &str = "You do not have the permission to modify that object.";
pub const TOO_LARGE: &str = "The data value transmitted exceeds the capacity limit.";
pub const TOO_MANY: &str = "This user has exceeded an allotted request count. Try again later.";
pub const INTERNAL: &str = "The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.";
pub const UNAVAILABLE: &str = "The server is temporarily unable to service your request due to maintenance downtime or capacity problems. Please try again later.";

/// A fault injected on one call (numbered from 1, every request counted).
#[derive(Debug, Clone)]
pub enum Fault {
    /// Answer this status with udata's body for it, without doing anything.
    Status(u16),
    /// 429 with `Retry-After: secs`.
    RateLimit { retry_after: u64 },
}

/// One request as received.
#[derive(Debug, Clone)]
pub struct Received {
    pub method: String,
    pub path: String,
    pub api_key: Option<String>,
    pub status: u16,
}

#[derive(Default)]
pub struct State {
    /// The key udata accepts, and the datasets its user may edit (by id).
    pub valid_key: String,
    pub datasets: Vec<Value>,
    /// Ids of datasets the key's user may not edit (403).
    pub foreign: Vec<String>,
    pub faults: HashMap<usize, Fault>,
    /// Every call from this number on answers 503 (an outage).
    pub down_from: Option<usize>,
    pub max_body: usize,
    pub log: Vec<Received>,
    next_id: u64,
}

#[derive(Clone)]
pub struct MockUdata {
    pub base: String,
    pub state: Arc<Mutex<State>>,
}

impl MockUdata {
    /// Starts the server on a free local port, in its own thread and actix system.
    pub fn start(valid_key: &str) -> Self {
        let state = Arc::new(Mutex::new(State {
            valid_key: valid_key.to_string(),
            max_body: 16 * 1024 * 1024,
            ..State::default()
        }));
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local port");
        let port = listener.local_addr().expect("local address").port();
        let shared = state.clone();
        std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                HttpServer::new(move || {
                    App::new()
                        .app_data(Data::new(shared.clone()))
                        .app_data(web::PayloadConfig::new(64 * 1024 * 1024))
                        .default_service(web::to(handle))
                })
                .workers(1)
                .listen(listener)
                .expect("listen")
                .run()
                .await
                .expect("mock server")
            })
        });
        Self {
            base: format!("http://127.0.0.1:{port}/api/1"),
            state,
        }
    }

    pub fn with<R>(&self, f: impl FnOnce(&mut State) -> R) -> R {
        f(&mut self.state.lock().expect("mock state"))
    }

    pub fn log(&self) -> Vec<Received> {
        self.with(|s| s.log.clone())
    }

    pub fn clear_log(&self) {
        self.with(|s| s.log.clear())
    }

    /// The writes received and accepted (2xx), as "METHOD path".
    pub fn writes(&self) -> Vec<String> {
        self.log()
            .into_iter()
            .filter(|r| r.method != "GET" && (200..300).contains(&r.status))
            .map(|r| format!("{} {}", r.method, r.path))
            .collect()
    }

    pub fn dataset(&self) -> Option<Value> {
        self.with(|s| s.datasets.first().cloned())
    }
}

fn error(status: u16, body: Value) -> HttpResponse {
    HttpResponse::build(StatusCode::from_u16(status).expect("status")).json(body)
}

fn message(status: u16, text: &str) -> HttpResponse {
    error(status, json!({ "message": text }))
}

/// udata's body for a status raised without a message of its own.
fn canned(status: u16) -> HttpResponse {
    match status {
        401 => message(401, UNAUTHORIZED),
        403 => message(403, FORBIDDEN),
        404 => message(404, NOT_FOUND),
        413 => message(413, TOO_LARGE),
        429 => message(429, TOO_MANY),
        502 => HttpResponse::BadGateway()
            .content_type("text/html")
            .body("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>"),
        503 => message(503, UNAVAILABLE),
        410 => message(410, "Dataset has been deleted"),
        400 => error(400, json!({ "errors": { "title": ["This field is required."] } })),
        _ => message(status, INTERNAL),
    }
}

async fn handle(req: HttpRequest, body: Bytes, state: Data<Arc<Mutex<State>>>) -> HttpResponse {
    let mut state = state.lock().expect("mock state");
    let number = state.log.len() + 1;
    let api_key = req
        .headers()
        .get("X-API-KEY")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let response = respond(&mut state, number, &req, &body, api_key.as_deref());
    state.log.push(Received {
        method: req.method().to_string(),
        path: req.path().to_string(),
        api_key,
        status: response.status().as_u16(),
    });
    response
}

fn respond(
    state: &mut State,
    number: usize,
    req: &HttpRequest,
    body: &[u8],
    key: Option<&str>,
) -> HttpResponse {
    if let Some(fault) = state.faults.remove(&number) {
        return match fault {
            Fault::Status(status) => canned(status),
            Fault::RateLimit { retry_after } => HttpResponse::TooManyRequests()
                .insert_header(("Retry-After", retry_after.to_string()))
                .json(json!({ "message": TOO_MANY })),
        };
    }
    if state.down_from.is_some_and(|from| number >= from) {
        return canned(503);
    }
    if body.len() > state.max_body {
        return canned(413);
    }
    let method = req.method().as_str();
    let segments: Vec<&str> = req
        .path()
        .trim_start_matches("/api/1/")
        .trim_end_matches('/')
        .split('/')
        .collect();
    let is_upload = segments.last() == Some(&"upload");
    if method != "GET" {
        // `authentify` then `secure`: a wrong key is refused with its reason, no key at all
        // with werkzeug's generic 401.
        match key {
            None => return canned(401),
            Some(k) if k != state.valid_key => return message(401, "Invalid API token"),
            Some(_) => {}
        }
        if is_upload {
            return upload(state, req, body, &segments);
        }
        // `api.validate`: JSON only.
        let json_body = req
            .headers()
            .get("Content-Type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("application/json"));
        if !json_body {
            return error(
                400,
                json!({ "errors": { "Content-Type": "expecting application/json" } }),
            );
        }
    }
    let payload: Value = if method == "GET" {
        Value::Null
    } else {
        match serde_json::from_slice::<Value>(body) {
            Ok(v @ Value::Object(_)) => v,
            _ => {
                return error(
                    400,
                    json!({ "errors": { "request": "expecting a JSON object" } }),
                );
            }
        }
    };
    match (method, segments.as_slice()) {
        ("GET", ["datasets", reference]) => match find(state, reference) {
            Some(i) => HttpResponse::Ok().json(&state.datasets[i]),
            None => canned(404),
        },
        ("POST", ["datasets"]) => {
            if let Some(errors) = required(&payload, &["title", "description"]) {
                return errors;
            }
            state.next_id += 1;
            let id = format!("{:024x}", 0x6a00_0000_u64 + state.next_id);
            let mut dataset = payload.as_object().cloned().unwrap_or_default();
            let slug = slugify(dataset["title"].as_str().unwrap_or_default());
            dataset.insert("id".into(), json!(id));
            dataset.insert("slug".into(), json!(slug));
            dataset.insert("resources".into(), json!([]));
            state.datasets.push(Value::Object(dataset));
            HttpResponse::Created().json(state.datasets.last())
        }
        ("PUT", ["datasets", reference]) => {
            let Some(i) = find(state, reference) else {
                return canned(404);
            };
            if state.foreign.contains(&id_of(&state.datasets[i])) {
                return canned(403);
            }
            if let Some(errors) = required(&payload, &["title", "description"]) {
                return errors;
            }
            let dataset = state.datasets[i].as_object_mut().expect("dataset object");
            merge(dataset, &payload, &["id", "slug", "resources"]);
            HttpResponse::Ok().json(&state.datasets[i])
        }
        ("POST", ["datasets", reference, "resources"]) => {
            let Some(i) = find(state, reference) else {
                return canned(404);
            };
            if state.foreign.contains(&id_of(&state.datasets[i])) {
                return canned(403);
            }
            if let Some(errors) = required(&payload, &["title", "filetype", "type", "url"]) {
                return errors;
            }
            if payload["filetype"] != "remote" {
                return message(400, "This endpoint only supports remote resources");
            }
            state.next_id += 1;
            let mut resource = payload.as_object().cloned().unwrap_or_default();
            resource.insert(
                "id".into(),
                json!(format!("00000000-0000-4000-8000-{:012x}", state.next_id)),
            );
            let resources = state.datasets[i]["resources"]
                .as_array_mut()
                .expect("resources");
            resources.push(Value::Object(resource));
            HttpResponse::Created().json(resources.last())
        }
        ("PUT", ["datasets", reference, "resources", rid]) => {
            let Some(i) = find(state, reference) else {
                return canned(404);
            };
            if state.foreign.contains(&id_of(&state.datasets[i])) {
                return canned(403);
            }
            let resources = state.datasets[i]["resources"]
                .as_array_mut()
                .expect("resources");
            let Some(resource) = resources.iter_mut().find(|r| r["id"] == *rid) else {
                return message(404, "Resource does not exist");
            };
            if let Some(errors) = required(&payload, &["title", "filetype", "type", "url"]) {
                return errors;
            }
            if payload["filetype"] != resource["filetype"] {
                return message(400, "Cannot modify filetype after creation");
            }
            let protected: &[&str] = if resource["filetype"] == "file" {
                &[
                    "id", "filetype", "url", "checksum", "filesize", "mime", "format",
                ]
            } else {
                &["id"]
            };
            merge(
                resource.as_object_mut().expect("resource object"),
                &payload,
                protected,
            );
            HttpResponse::Ok().json(&*resource)
        }
        _ => canned(404),
    }
}

/// udata's default `ALLOWED_RESOURCES_EXTENSIONS` (udata/settings.py), those tests can meet.
const ALLOWED_EXTENSIONS: [&str; 12] = [
    "csv", "txt", "json", "pdf", "xml", "ods", "xlsx", "zip", "gz", "rdf", "ttl", "n3",
];

/// The two upload endpoints (`UploadMixin.handle_upload`).
fn upload(state: &mut State, req: &HttpRequest, body: &[u8], segments: &[&str]) -> HttpResponse {
    let Some(i) = find(state, segments[1]) else {
        return canned(404);
    };
    if state.foreign.contains(&id_of(&state.datasets[i])) {
        return canned(403);
    }
    let Some((file_name, content)) = multipart_file(req, body) else {
        return error(
            400,
            json!({ "success": false, "error": "Missing file parameter" }),
        );
    };
    let extension = file_name
        .rsplit('.')
        .next()
        .unwrap_or_default()
        .to_lowercase();
    if !ALLOWED_EXTENSIONS.contains(&extension.as_str()) {
        return message(
            400,
            "This file type is not allowed.The allowed file type list is available at http://127.0.0.1/api/1/datasets/extensions/",
        );
    }
    let sha1: String = <sha1::Sha1 as sha1::Digest>::digest(&content)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let slug = state.datasets[i]["slug"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    state.next_id += 1;
    let infos = json!({
        "title": file_name,
        "url": format!("https://static.data.gouv.fr/resources/{slug}/{:06}/{file_name}", state.next_id),
        "filetype": "file",
        "format": extension,
        "mime": "application/octet-stream",
        "filesize": content.len(),
        "checksum": { "type": "sha1", "value": sha1 },
    });
    let next_id = state.next_id;
    let resources = state.datasets[i]["resources"]
        .as_array_mut()
        .expect("resources");
    match segments {
        [_, _, "upload"] => {
            let mut resource = infos.as_object().cloned().unwrap_or_default();
            resource.insert(
                "id".into(),
                json!(format!("00000000-0000-4000-8000-{next_id:012x}")),
            );
            resource.insert("type".into(), json!("main"));
            resources.push(Value::Object(resource));
            let mut answer = resources.last().cloned().unwrap_or_default();
            answer["success"] = json!(true);
            HttpResponse::Created().json(answer)
        }
        [_, _, "resources", rid, "upload"] => {
            let Some(resource) = resources.iter_mut().find(|r| r["id"] == *rid) else {
                return message(404, "Resource does not exist");
            };
            merge(
                resource.as_object_mut().expect("resource object"),
                &infos,
                &[],
            );
            let mut answer = resource.clone();
            answer["success"] = json!(true);
            HttpResponse::Ok().json(answer)
        }
        _ => canned(404),
    }
}

/// The part named `file` of a `multipart/form-data` body: its file name and bytes.
fn multipart_file(req: &HttpRequest, body: &[u8]) -> Option<(String, Vec<u8>)> {
    let content_type = req.headers().get("Content-Type")?.to_str().ok()?;
    let boundary = content_type.split("boundary=").nth(1)?.trim_matches('"');
    let delimiter = format!("--{boundary}");
    let mut rest = body;
    while let Some(start) = find_bytes(rest, delimiter.as_bytes()) {
        rest = &rest[start + delimiter.len()..];
        let end = find_bytes(rest, delimiter.as_bytes()).unwrap_or(rest.len());
        let part = &rest[..end];
        let Some(header_end) = find_bytes(part, b"\r\n\r\n") else {
            continue;
        };
        let headers = String::from_utf8_lossy(&part[..header_end]);
        if !headers.contains("name=\"file\"") {
            continue;
        }
        let file_name = headers
            .split("filename=\"")
            .nth(1)?
            .split('"')
            .next()?
            .to_string();
        let content = &part[header_end + 4..];
        let content = content.strip_suffix(b"\r\n").unwrap_or(content);
        return Some((file_name, content.to_vec()));
    }
    None
}

fn find_bytes(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn id_of(dataset: &Value) -> String {
    dataset["id"].as_str().unwrap_or_default().to_string()
}

/// The routing converter: by id, then by slug.
fn find(state: &State, reference: &str) -> Option<usize> {
    state
        .datasets
        .iter()
        .position(|d| d["id"] == reference)
        .or_else(|| state.datasets.iter().position(|d| d["slug"] == reference))
}

/// WTForms' `DataRequired`, as `api.validate` reports it.
fn required(payload: &Value, fields: &[&str]) -> Option<HttpResponse> {
    let missing: Map<String, Value> = fields
        .iter()
        .filter(|f| payload[**f].as_str().is_none_or(str::is_empty))
        .map(|f| (f.to_string(), json!(["This field is required."])))
        .collect();
    (!missing.is_empty()).then(|| error(400, json!({ "errors": missing })))
}

fn merge(target: &mut Map<String, Value>, payload: &Value, keep: &[&str]) {
    for (k, v) in payload.as_object().into_iter().flatten() {
        if !keep.contains(&k.as_str()) {
            target.insert(k.clone(), v.clone());
        }
    }
}

fn slugify(title: &str) -> String {
    let mut slug = String::new();
    for c in congres_numerique::text::ascii_fold(title)
        .to_lowercase()
        .chars()
    {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}
