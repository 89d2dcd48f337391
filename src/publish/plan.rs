//! What to send, computed from the metadata `export` wrote (`exports/datagouv.json`) and what
//! the server holds: nothing is sent that would not change something.
//!
//! Resources are matched by URL. Our resources are remote files at stable addresses on the
//! project's own site (`{base}/exports/{path}`); a URL names exactly one file, it is what
//! data.gouv.fr's DCAT harvester matches resources by too, and it cannot be edited on the
//! portal without changing what the resource is. A title can be retyped by an editor on
//! data.gouv.fr, and an id is only known once the resource exists (so a run that failed after
//! a creation could not find it again).

use serde_json::{Map, Value, json};

/// The dataset and resources we want on the server (the content of `datagouv.json`).
#[derive(Debug, Clone)]
pub struct Desired {
    pub dataset: Map<String, Value>,
    pub resources: Vec<Map<String, Value>>,
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
        Ok(Self { dataset, resources })
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
    for resource in &desired.resources {
        let url = resource["url"].as_str().unwrap_or_default();
        let body = Value::Object(resource.clone());
        // The first remote resource with this URL; a duplicate left by an older tool is
        // reported rather than guessed about.
        let found = remote_resources
            .iter()
            .find(|r| r["url"].as_str() == Some(url));
        match (found, &dataset) {
            (Some(remote), DatasetRef::Existing(id)) => {
                let changed = differing(resource, remote, &RESOURCE_FIELDS);
                if changed.is_empty() {
                    plan.unchanged.push(url.to_string());
                } else {
                    plan.calls.push(Call::UpdateResource {
                        dataset: id.clone(),
                        rid: remote["id"].as_str().unwrap_or_default().to_string(),
                        body,
                        changed,
                    });
                }
            }
            _ => plan.calls.push(Call::CreateResource {
                dataset: dataset.clone(),
                body,
            }),
        }
    }
    let wanted: Vec<&str> = desired
        .resources
        .iter()
        .filter_map(|r| r["url"].as_str())
        .collect();
    plan.extra_remote = remote_resources
        .iter()
        .filter_map(|r| r["url"].as_str())
        .filter(|url| !wanted.contains(url))
        .map(str::to_string)
        .collect();
    plan
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
