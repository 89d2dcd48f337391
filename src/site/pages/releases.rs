//! `/releases/` and `/releases/{version}/` for browsers: the versions of the dataset with their
//! date, note and what changed, and links to their files, their diff (API) and the Atom feed.
//! API clients keep the JSON of `api::routes::releases` at the same addresses.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::api::error::ApiError;
use crate::api::state::AppState;
use crate::release::diff::Change;
use crate::release::{Diff, History, Manifest, Version, dates, feed};
use crate::site::view::size_label;
use crate::site::{Head, respond};

/// A release as the pages show it.
pub struct ReleaseView {
    pub version: String,
    pub date: String,
    pub note: String,
    pub previous: Option<String>,
    pub file_count: usize,
    /// Files added, removed and modified since the previous release.
    pub files_changed: usize,
    /// Records added, removed and modified, all tables together.
    pub records_changed: usize,
    /// The API's description of the release (its files and its diff, in JSON).
    pub api_href: String,
    /// The changes since the previous release, in the API (none for the first).
    pub changes_href: Option<String>,
}

fn view(manifest: &Manifest, changes: &Diff) -> ReleaseView {
    ReleaseView {
        version: manifest.version.to_string(),
        date: manifest.date.to_string(),
        note: manifest.note.clone(),
        previous: manifest.previous.map(|v| v.to_string()),
        file_count: manifest.files.len(),
        files_changed: changes.files.len(),
        records_changed: changes.record_count(),
        api_href: format!("/api/v1/releases/{}", manifest.version),
        changes_href: manifest
            .previous
            .map(|p| format!("/api/v1/changes?since={p}")),
    }
}

#[derive(Template)]
#[template(path = "releases.html")]
struct ReleasesPage {
    head: Head,
    /// Newest first.
    releases: Vec<ReleaseView>,
    feed: &'static str,
}

/// `/releases/`: every release, newest first.
pub async fn index(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let history = state.history.clone();
    let mut releases = web::block(move || -> Result<_, crate::release::ReleaseError> {
        history
            .releases()
            .iter()
            .map(|m| Ok(view(m, &history.changes_of(m.version)?)))
            .collect::<Result<Vec<_>, _>>()
    })
    .await
    .map_err(ApiError::internal)?
    .map_err(ApiError::internal)?;
    releases.reverse();
    respond(
        &req,
        &ReleasesPage {
            head: Head::new(
                "Versions",
                "Les versions publiées du jeu de données : date, note de version et ce qui a changé.",
            )
            .in_menu("downloads"),
            releases,
            feed: feed::PATH,
        },
    )
}

/// A file of a release, as its page lists it.
pub struct ReleasedFileView {
    pub path: String,
    pub href: String,
    pub size: String,
    pub sha256: String,
    /// When its bytes were first released as they are.
    pub since: String,
}

/// A record change, as its page lists it.
pub struct RecordChangeView {
    pub table: String,
    pub change: &'static str,
    pub id: String,
    pub fields: String,
}

#[derive(Template)]
#[template(path = "release.html")]
struct ReleasePage {
    head: Head,
    release: ReleaseView,
    next: Option<String>,
    /// `(path, change)`.
    changed_files: Vec<(String, &'static str)>,
    records: Vec<RecordChangeView>,
    files: Vec<ReleasedFileView>,
    feed: &'static str,
}

fn change_label(change: Change) -> &'static str {
    match change {
        Change::Added => "ajouté",
        Change::Removed => "supprimé",
        Change::Modified => "modifié",
    }
}

/// `/releases/{version}/`: one release, its changes and its files; `None` if there is no such
/// release.
pub async fn release_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    version: Version,
) -> Result<Option<HttpResponse>, ApiError> {
    let history = state.history.clone();
    let Some(manifest) = history.get(version).cloned() else {
        return Ok(None);
    };
    let next = history
        .releases()
        .iter()
        .find(|m| m.previous == Some(version))
        .map(|m| m.version.to_string());
    let listed = manifest.clone();
    let (changes, files) = web::block(move || -> Result<_, crate::release::ReleaseError> {
        let changes = history.changes_of(version)?;
        let files = released_files(&history, &listed);
        Ok((changes, files))
    })
    .await
    .map_err(ApiError::internal)?
    .map_err(ApiError::internal)?;
    let mut records = Vec::new();
    for table in &changes.tables {
        for id in &table.added {
            records.push(RecordChangeView {
                table: table.title.clone(),
                change: "ajouté",
                id: id.clone(),
                fields: String::new(),
            });
        }
        for id in &table.removed {
            records.push(RecordChangeView {
                table: table.title.clone(),
                change: "supprimé",
                id: id.clone(),
                fields: String::new(),
            });
        }
        for record in &table.changed {
            records.push(RecordChangeView {
                table: table.title.clone(),
                change: "modifié",
                id: record.id.clone(),
                fields: record
                    .fields
                    .iter()
                    .map(|f| f.field.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
    }
    // A first release adds every record: the page says how many rather than listing them.
    if manifest.previous.is_none() {
        records.clear();
    }
    let changed_files = changes
        .files
        .iter()
        .map(|f| (f.path.clone(), change_label(f.change)))
        .collect();
    let release = view(&manifest, &changes);
    respond(
        &req,
        &ReleasePage {
            head: Head::new(
                format!("Version {version}"),
                format!(
                    "La version {version} du jeu de données, publiée le {} : sa note, ce qui a changé et ses fichiers.",
                    manifest.date
                ),
            )
            .in_menu("downloads"),
            release,
            next,
            changed_files,
            records,
            files,
            feed: feed::PATH,
        },
    )
    .map(Some)
}

fn released_files(history: &History, manifest: &Manifest) -> Vec<ReleasedFileView> {
    manifest
        .files
        .iter()
        .map(|f| ReleasedFileView {
            path: f.path.clone(),
            href: format!("/releases/{}/{}", manifest.version, f.path),
            size: size_label(f.size),
            sha256: f.sha256.clone(),
            since: dates::content_since(history, manifest.version, &f.path)
                .map(|d| d.to_string())
                .unwrap_or_default(),
        })
        .collect()
}
