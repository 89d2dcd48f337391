//! Describes the planned calls (dry run) or makes them (`--apply`), in order, stopping at the
//! first failure: what was done stays done, and a rerun plans only what is left.

use std::io::Write;

use serde_json::Value;

use super::client::{Client, ClientError, Method};
use super::plan::{Call, DatasetRef, Plan};

#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    #[error(
        "{error}\n{done} call(s) made before this one; run `publish --apply` again to finish (resources are matched by URL, so nothing is created twice)"
    )]
    Call { error: ClientError, done: usize },
    #[error("the server created the dataset but its answer has no id")]
    NoId,
    #[error("writing the report: {0}")]
    Output(#[from] std::io::Error),
}

/// The method, path and a one-line summary of a call's body.
pub fn describe(call: &Call, created: Option<&str>) -> (Method, String, String) {
    let dataset_path = |dataset: &DatasetRef| match (dataset, created) {
        (DatasetRef::Existing(id), _) => format!("/datasets/{id}"),
        (DatasetRef::Created, Some(id)) => format!("/datasets/{id}"),
        (DatasetRef::Created, None) => "/datasets/{id of the dataset created above}".to_string(),
    };
    match call {
        Call::CreateDataset { body } => (
            Method::Post,
            "/datasets/".to_string(),
            format!("create dataset {} {}", title(body), fields(body)),
        ),
        Call::UpdateDataset { id, body, changed } => (
            Method::Put,
            format!("/datasets/{id}/"),
            format!(
                "update dataset {} (differs: {}) {}",
                title(body),
                changed.join(", "),
                fields(body)
            ),
        ),
        Call::CreateResource { dataset, body } => (
            Method::Post,
            format!("{}/resources/", dataset_path(dataset)),
            format!("create resource {}", resource(body)),
        ),
        Call::UpdateResource {
            dataset,
            rid,
            body,
            changed,
        } => (
            Method::Put,
            format!("/datasets/{dataset}/resources/{rid}/"),
            format!(
                "update resource {} (differs: {})",
                resource(body),
                changed.join(", ")
            ),
        ),
        Call::Upload {
            dataset,
            rid,
            file,
            body,
        } => {
            let what = format!(
                "upload {} as {} (sha1={}), then PUT its metadata {}",
                file.path.display(),
                file.file_name,
                file.sha1.get(..12).unwrap_or(&file.sha1),
                title(body)
            );
            match rid {
                None => (
                    Method::Post,
                    format!("{}/upload/", dataset_path(dataset)),
                    format!("new file: {what}"),
                ),
                Some(rid) => (
                    Method::Post,
                    format!("{}/resources/{rid}/upload/", dataset_path(dataset)),
                    format!("content changed: {what}"),
                ),
            }
        }
    }
}

fn title(body: &Value) -> String {
    format!("\"{}\"", body["title"].as_str().unwrap_or_default())
}

fn fields(body: &Value) -> String {
    let keys: Vec<&str> = body
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    format!("{{{}}}", keys.join(", "))
}

fn resource(body: &Value) -> String {
    let mut summary = format!(
        "{} {}",
        title(body),
        body["url"].as_str().unwrap_or_default()
    );
    if let Some(sha) = body["checksum"]["value"].as_str() {
        summary.push_str(&format!(" sha256={}", sha.get(..12).unwrap_or(sha)));
    }
    if let Some(size) = body["filesize"].as_u64() {
        summary.push_str(&format!(" {size} bytes"));
    }
    summary
}

/// Uploads the file, then sets its metadata (title, description, type, schema) on the resource
/// the server answered with.
fn upload(
    client: &Client,
    path: &str,
    call: &Call,
    body: &Value,
    created: Option<&str>,
) -> Result<Value, ClientError> {
    let Call::Upload { dataset, file, .. } = call else {
        unreachable!("called for uploads only")
    };
    let hosted = client.upload(path, file)?;
    let dataset = match (dataset, created) {
        (DatasetRef::Existing(id), _) => id.as_str(),
        (DatasetRef::Created, created) => created.unwrap_or_default(),
    };
    let rid = hosted["id"].as_str().unwrap_or_default();
    let mut body = body.clone();
    body["url"] = hosted["url"].clone();
    client.call(
        Method::Put,
        &format!("/datasets/{dataset}/resources/{rid}/"),
        Some(&body),
    )
}

/// Prints what would be sent, sends nothing.
pub fn dry_run(plan: &Plan, client: &Client, out: &mut dyn Write) -> std::io::Result<()> {
    for call in &plan.calls {
        let (method, path, summary) = describe(call, None);
        writeln!(out, "would {method} {} — {summary}", client.url(&path))?;
    }
    Ok(())
}

/// Makes the calls; returns the id of the dataset (created or updated).
pub fn apply(
    plan: &Plan,
    client: &Client,
    out: &mut dyn Write,
) -> Result<Option<String>, ApplyError> {
    let mut created: Option<String> = None;
    let mut dataset_id = None;
    for (done, call) in plan.calls.iter().enumerate() {
        let (method, path, summary) = describe(call, created.as_deref());
        let answer = match call {
            Call::Upload { body, .. } => upload(client, &path, call, body, created.as_deref())
                .map_err(|error| ApplyError::Call { error, done })?,
            Call::CreateDataset { body }
            | Call::UpdateDataset { body, .. }
            | Call::CreateResource { body, .. }
            | Call::UpdateResource { body, .. } => client
                .call(method, &path, Some(body))
                .map_err(|error| ApplyError::Call { error, done })?,
        };
        writeln!(out, "{method} {} — {summary}: ok", client.url(&path))?;
        match call {
            Call::CreateDataset { .. } => {
                let id = answer["id"].as_str().ok_or(ApplyError::NoId)?.to_string();
                writeln!(
                    out,
                    "created dataset id {id} (slug {}): pass --dataset {id} to later runs if its slug is not the default",
                    answer["slug"].as_str().unwrap_or("?")
                )?;
                created = Some(id.clone());
                dataset_id = Some(id);
            }
            Call::UpdateDataset { id, .. } => dataset_id = Some(id.clone()),
            _ => {}
        }
    }
    Ok(dataset_id)
}
