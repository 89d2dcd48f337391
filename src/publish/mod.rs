//! `publish`: creates or updates the dataset on data.gouv.fr through udata's API v1, from the
//! metadata `export` wrote (`exports/datagouv.json`), sending only what differs from what the
//! server holds. Dry run by default.
//!
//! The udata calls used, as defined in udata/core/dataset/api.py: `GET /datasets/{id}/`,
//! `POST /datasets/`, `PUT /datasets/{id}/`, `POST /datasets/{id}/resources/` (remote
//! resources), `PUT /datasets/{id}/resources/{rid}/`, and with `--upload` `POST
//! /datasets/{id}/upload/` and `POST /datasets/{id}/resources/{rid}/upload/`; the key goes in
//! `X-API-KEY`.

pub mod apply;
pub mod client;
pub mod local;
pub mod plan;

use std::io::Write;
use std::path::Path;

pub use client::{ApiKey, Client, ClientError, RetryPolicy};
pub use plan::{Call, Desired, Plan};

/// The environment variable holding the API key (never a flag: flags end up in shell history
/// and process lists).
pub const API_KEY_VAR: &str = "DATAGOUV_API_KEY";

/// data.gouv.fr's production API.
pub const DEFAULT_BASE: &str = "https://www.data.gouv.fr/api/1";

#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error("reading {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Desired(#[from] plan::DesiredError),
    #[error(transparent)]
    Local(#[from] local::LocalError),
    #[error("reading the dataset on the server: {0}")]
    Remote(ClientError),
    #[error(
        "no dataset {reference} at {url} (404): check --dataset and --base; without --dataset, the dataset is created"
    )]
    NoSuchDataset { reference: String, url: String },
    #[error(
        "--apply needs an API key in the environment variable {API_KEY_VAR} (never on the command line); nothing was sent"
    )]
    NoKey,
    #[error(transparent)]
    Apply(#[from] apply::ApplyError),
    #[error("writing the report: {0}")]
    Output(#[from] std::io::Error),
}

/// How to publish.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The dataset's slug or id on the server (default: the slug udata derives from the title).
    pub dataset: Option<String>,
    /// Make the calls (otherwise only print them).
    pub apply: bool,
    /// The organization (id) a new dataset is published by; without it, by the key's user.
    pub organization: Option<String>,
    /// Upload the files udata accepts for data.gouv.fr to host them (otherwise every resource
    /// is a remote link to the project's site).
    pub upload: bool,
}

/// What a run did or would do.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub plan: Plan,
    pub applied: bool,
}

/// Reads `datagouv.json`, reads the dataset on the server, then prints or makes the calls.
/// `dataset` is the slug or id on the server (default: the slug udata gives the title).
pub fn publish(
    metadata: &Path,
    options: &Options,
    client: &Client,
    out: &mut dyn Write,
) -> Result<Outcome, PublishError> {
    let (dataset, apply) = (options.dataset.as_deref(), options.apply);
    let text = std::fs::read_to_string(metadata).map_err(|source| PublishError::Read {
        path: metadata.display().to_string(),
        source,
    })?;
    let mut desired = Desired::from_json(&metadata.display().to_string(), &text)?;
    if options.upload {
        // datagouv.json sits in the exports directory, beside the files it describes.
        desired = desired.with_uploads(metadata.parent().unwrap_or(Path::new(".")))?;
    }
    if apply && !client.has_key() {
        return Err(PublishError::NoKey);
    }
    let reference = dataset.map_or_else(|| desired.default_slug(), str::to_string);
    let path = format!("/datasets/{reference}/");
    let remote = match client.call(client::Method::Get, &path, None) {
        Ok(value) => Some(value),
        // Created only when found by its default slug: a dataset named with --dataset that the
        // server does not know is a typo or the wrong --base, not a reason for a second dataset.
        Err(error) if error.status() == Some(404) && dataset.is_none() => None,
        Err(error) if error.status() == Some(404) => {
            return Err(PublishError::NoSuchDataset {
                reference,
                url: client.url(&path),
            });
        }
        Err(error) => return Err(PublishError::Remote(error)),
    };
    match &remote {
        Some(remote) => writeln!(
            out,
            "dataset {} found on {} ({} resource(s))",
            remote["id"].as_str().unwrap_or("?"),
            client.url(&path),
            remote["resources"].as_array().map_or(0, Vec::len)
        )?,
        None => writeln!(
            out,
            "dataset {reference} not found on the server: it will be created"
        )?,
    }
    let mut plan = plan::plan(&desired, remote.as_ref());
    if let (Some(organization), Some(Call::CreateDataset { body })) =
        (&options.organization, plan.calls.first_mut())
    {
        // udata's `PublishAsField`: only on creation (moving a dataset is done on the site).
        body["organization"] = serde_json::json!(organization);
    }
    writeln!(
        out,
        "{} call(s) to make; {} resource(s) already up to date",
        plan.calls.len(),
        plan.unchanged.len()
    )?;
    for url in &plan.extra_remote {
        writeln!(
            out,
            "note: the server also holds {url}, not in {}: left as it is",
            metadata.display()
        )?;
    }
    if apply {
        apply::apply(&plan, client, out)?;
        writeln!(out, "done")?;
    } else {
        apply::dry_run(&plan, client, out)?;
        writeln!(
            out,
            "dry run: nothing was sent; add --apply to make these calls"
        )?;
    }
    Ok(Outcome {
        plan,
        applied: apply,
    })
}
