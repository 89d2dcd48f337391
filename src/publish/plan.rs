//! What to send, computed from the metadata `export` wrote (`exports/datagouv.json`) and what
//! the server holds: nothing is sent that would not change something.
//!
//! Resources are matched by URL. Our resources are remote files at stable addresses on the
//! project's own site (`{base}/exports/{path}`); a URL names exactly one file, it is what
//! data.gouv.fr's DCAT harvester matches resources by too, and it cannot be edited on the
//! portal without changing what the resource is. A title can be retyped by an editor on
//! data.gouv.fr, and an id is only known once the resource exists (so a run that failed after
//! a creation could not find it again).
//!
//! Files uploaded for data.gouv.fr to host (`--upload`) get a URL chosen by the server, so they
//! are matched by title (their path under exports/, which the metadata call after each upload
//! sets) or, when an upload succeeded but the metadata call after it did not, by the SHA-1 udata
//! computed for the file (equal to ours: it is the same file).

use std::path::Path;

use serde_json::{Map, Value, json};

use super::local::{LocalError, LocalFile, local_file};

/// The dataset and resources we want on the server (the content of `datagouv.json`).
#[derive(Debug, Clone)]
pub struct Desired {
    pub dataset: Map<String, Value>,
    pub resources: Vec<Map<String, Value>>,
    /// For each resource, its local file when it is to be uploaded (`--upload`).
    pub uploads: Vec<Option<LocalFile>>,
}

#[derive(Debug, thiserror::Error)]
pub enum DesiredError {
    #[error("{0}: not the metadata `export` writes: {1}")]
    Shape(String, String),
}

impl Desired {
    /// Reads `datagouv.json` (`origin` names it in errors).
    pub fn from_json(origin: &str, text: &str) -> Result<Self, DesiredError> {
        let shape = |why: &str| DesiredError::Shape(origin.to_string(), why.to_string());
        let value: Value = serde_json::from_str(text).map_err(|e| shape(&e.to_string()))?;
        let dataset = value
            .get("dataset")
            .and_then(Value::as_object)
            .ok_or_else(|| shape("no \"dataset\" object"))?
            .clone();
        for field in ["title", "description"] {
            if !dataset.get(field).is_some_and(Value::is_string) {
                return Err(shape(&format!("dataset.{field} missing")));
            }
        }
        let resources = value
            .get("resources")
            .and_then(Value::as_array)
            .ok_or_else(|| shape("no \"resources\" list"))?
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let object = r
                    .as_object()
                    .ok_or_else(|| shape(&format!("resources[{i}] is not an object")))?;
                if !object.get("url").is_some_and(Value::is_string) {
                    return Err(shape(&format!("resources[{i}].url missing")));
                }
                Ok(object.clone())
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut urls: Vec<&str> = resources.iter().filter_map(|r| r["url"].as_str()).collect();
        urls.sort_unstable();
        if let Some(pair) = urls.windows(2).find(|w| w[0] == w[1]) {
            return Err(shape(&format!("two resources share the URL {}", pair[0])));
        }
        let uploads = vec![None; resources.len()];
        Ok(Self {
            dataset,
            resources,
            uploads,
        })
    }

    /// Marks the resources whose file udata accepts for upload, read from `exports`.
    pub fn with_uploads(mut self, exports: &Path) -> Result<Self, LocalError> {
        self.uploads = self
            .resources
            .iter()
            .map(|r| local_file(exports, r))
            .collect::<Result<_, _>>()?;
        Ok(self)
    }

    pub fn title(&self) -> &str {
        self.dataset["title"].as_str().unwrap_or_default()
    }

    /// The slug udata derives from the title when it creates the dataset (lowercase ASCII
    /// words joined by hyphens), used to find it again when no `--dataset` is given.
    pub fn default_slug(&self) -> String {
        let folded = crate::text::ascii_fold(self.title()).to_lowercase();
        let mut slug = String::new();
        for c in folded.chars() {
            if c.is_ascii_alphanumeric() {
                slug.push(c);
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        }
        slug.trim_end_matches('-').to_string()
    }
}

/// The dataset a resource call applies to: one that exists, or the one the plan creates first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatasetRef {
    Existing(String),
    Created,
}

/// One write call.
#[derive(Debug, Clone, PartialEq)]
pub enum Call {
    /// `POST /datasets/`
    CreateDataset { body: Value },
    /// `PUT /datasets/{id}/`, with the names of the fields that differ.
    UpdateDataset {
        id: String,
        body: Value,
        changed: Vec<String>,
    },
    /// `POST /datasets/{id}/resources/` (a remote resource).
    CreateResource { dataset: DatasetRef, body: Value },
    /// `PUT /datasets/{id}/resources/{rid}/`, with the names of the fields that differ.
    UpdateResource {
        dataset: String,
        rid: String,
        body: Value,
        changed: Vec<String>,
    },
    /// `POST /datasets/{id}/upload/` (a new hosted file) or `POST
    /// /datasets/{id}/resources/{rid}/upload/` (its new content), then `PUT
    /// /datasets/{id}/resources/{rid}/` with `body` (udata titles an upload with its file name).
    Upload {
        dataset: DatasetRef,
        rid: Option<String>,
        file: LocalFile,
        body: Value,
    },
}

/// The calls, in order, and what is already as wanted.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub calls: Vec<Call>,
    /// Resources already equal on the server (their URL).
    pub unchanged: Vec<String>,
    /// Resources on the server that `datagouv.json` does not list: left alone (an editor may
    /// have added them by hand), only reported.
    pub extra_remote: Vec<String>,
}

/// The dataset fields data.gouv.fr's quality score reads (`Dataset.compute_quality` in
/// udata/core/dataset/models.py: license, temporal_coverage, spatial, frequency, description
/// length) and the others we publish.
pub const DATASET_FIELDS: [&str; 9] = [
    "title",
    "description",
    "license",
    "frequency",
    "temporal_coverage",
    "spatial",
    "tags",
    "private",
    "extras",
];

/// The resource fields we set and compare (the checksum first: it is what says the file
/// changed).
pub const RESOURCE_FIELDS: [&str; 10] = [
    "checksum",
    "filesize",
    "title",
    "description",
    "type",
    "filetype",
    "url",
    "format",
    "mime",
    "schema",
];

/// The fields compared on a file udata hosts: the others (URL, checksum, size, format, MIME
/// type) are the server's (`HOSTED_RESOURCE_PROTECTED_FIELDS` in udata/core/dataset/forms.py).
pub const HOSTED_FIELDS: [&str; 4] = ["title", "description", "type", "schema"];

/// Computes the calls. `remote` is the dataset as `GET /datasets/{id}/` returns it, `None` when
/// it does not exist.
pub fn plan(desired: &Desired, remote: Option<&Value>) -> Plan {
    let mut plan = Plan::default();
    let dataset_body = Value::Object(desired.dataset.clone());
    let (dataset, remote_resources) = match remote {
        None => {
            plan.calls.push(Call::CreateDataset { body: dataset_body });
            (DatasetRef::Created, Vec::new())
        }
        Some(remote) => {
            let id = remote["id"].as_str().unwrap_or_default().to_string();
            let changed = differing(&desired.dataset, remote, &DATASET_FIELDS);
            if !changed.is_empty() {
                plan.calls.push(Call::UpdateDataset {
                    id: id.clone(),
                    body: dataset_body,
                    changed,
                });
            }
            let resources = remote["resources"].as_array().cloned().unwrap_or_default();
            (DatasetRef::Existing(id), resources)
        }
    };
    let mut matched: Vec<&str> = Vec::new();
    for (resource, upload) in desired.resources.iter().zip(&desired.uploads) {
        let url = resource["url"].as_str().unwrap_or_default();
        let title = resource.get("title").and_then(Value::as_str);
        // The first remote resource with this URL; a duplicate left by an older tool is
        // reported rather than guessed about. A resource published as remote stays remote
        // (udata refuses to change a filetype).
        let by_url = remote_resources
            .iter()
            .find(|r| r["url"].as_str() == Some(url));
        let hosted = || {
            let local = upload.as_ref()?;
            remote_resources.iter().find(|r| {
                r["filetype"] == "file"
                    && (r["title"].as_str() == title
                        || r["checksum"]["value"].as_str() == Some(&local.sha1))
            })
        };
        match (&dataset, by_url, upload) {
            (DatasetRef::Existing(id), Some(remote), _) => {
                matched.push(remote["id"].as_str().unwrap_or_default());
                let changed = differing(resource, remote, &RESOURCE_FIELDS);
                if changed.is_empty() {
                    plan.unchanged.push(url.to_string());
                } else {
                    plan.calls.push(Call::UpdateResource {
                        dataset: id.clone(),
                        rid: remote["id"].as_str().unwrap_or_default().to_string(),
                        body: Value::Object(resource.clone()),
                        changed,
                    });
                }
            }
            (_, _, Some(local)) => {
                let body = hosted_body(resource);
                match hosted() {
                    Some(remote) if matches!(dataset, DatasetRef::Existing(_)) => {
                        let id = dataset_id(&dataset);
                        let rid = remote["id"].as_str().unwrap_or_default().to_string();
                        matched.push(remote["id"].as_str().unwrap_or_default());
                        if remote["checksum"]["value"].as_str() != Some(&local.sha1) {
                            plan.calls.push(Call::Upload {
                                dataset: dataset.clone(),
                                rid: Some(rid),
                                file: local.clone(),
                                body,
                            });
                            continue;
                        }
                        let changed = differing(resource, remote, &HOSTED_FIELDS);
                        if changed.is_empty() {
                            plan.unchanged.push(title.unwrap_or(url).to_string());
                        } else {
                            let mut body = body;
                            body["url"] = remote["url"].clone();
                            plan.calls.push(Call::UpdateResource {
                                dataset: id,
                                rid,
                                body,
                                changed,
                            });
                        }
                    }
                    _ => plan.calls.push(Call::Upload {
                        dataset: dataset.clone(),
                        rid: None,
                        file: local.clone(),
                        body,
                    }),
                }
            }
            _ => plan.calls.push(Call::CreateResource {
                dataset: dataset.clone(),
                body: Value::Object(resource.clone()),
            }),
        }
    }
    plan.extra_remote = remote_resources
        .iter()
        .filter(|r| !matched.contains(&r["id"].as_str().unwrap_or_default()))
        .map(|r| r["url"].as_str().unwrap_or_default().to_string())
        .collect();
    plan
}

fn dataset_id(dataset: &DatasetRef) -> String {
    match dataset {
        DatasetRef::Existing(id) => id.clone(),
        DatasetRef::Created => String::new(),
    }
}

/// The metadata sent after an upload: ours, less what the server computes for a file it hosts.
/// `url` is required by udata's form; the caller sets it to the hosted file's.
fn hosted_body(resource: &Map<String, Value>) -> Value {
    let mut body = resource.clone();
    for field in ["url", "checksum", "filesize", "format", "mime"] {
        body.remove(field);
    }
    body.insert("filetype".into(), json!("file"));
    Value::Object(body)
}

/// The names of `fields` whose wanted value differs from the server's.
fn differing(wanted: &Map<String, Value>, remote: &Value, fields: &[&str]) -> Vec<String> {
    fields
        .iter()
        .filter(|field| match wanted.get(**field) {
            None => false,
            Some(value) => !same(field, value, remote.get(**field).unwrap_or(&Value::Null)),
        })
        .map(|field| field.to_string())
        .collect()
}

/// Compares a wanted value with udata's rendering of it: udata may add keys of its own
/// (`extras` it computes, a schema's `name`/`version`), write dates as datetimes, and order tags
/// its own way, none of which is a difference worth a call.
fn same(field: &str, wanted: &Value, remote: &Value) -> bool {
    match (field, wanted, remote) {
        ("tags", Value::Array(w), Value::Array(r)) => {
            let mut w: Vec<&Value> = w.iter().collect();
            let mut r: Vec<&Value> = r.iter().collect();
            w.sort_by_key(|v| v.to_string());
            r.sort_by_key(|v| v.to_string());
            w == r
        }
        ("temporal_coverage", Value::Object(w), Value::Object(r)) => ["start", "end"]
            .iter()
            .all(|k| day(w.get(*k)) == day(r.get(*k))),
        ("license", Value::String(w), Value::Object(r)) => r.get("id") == Some(&json!(w)),
        (_, Value::Object(w), Value::Object(r)) => w
            .iter()
            .all(|(k, v)| same(k, v, r.get(k).unwrap_or(&Value::Null))),
        (_, Value::String(w), Value::String(r)) if field == "format" || field == "mime" => {
            w.eq_ignore_ascii_case(r)
        }
        _ => wanted == remote,
    }
}

/// The date part of a date or datetime.
fn day(value: Option<&Value>) -> Option<&str> {
    value
        .and_then(Value::as_str)
        .map(|s| s.get(..10).unwrap_or(s))
}
