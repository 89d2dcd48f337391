//! The releases: `/releases/{version}/{path}` serves the frozen files (immutable, strong ETag =
//! the file's SHA-256, `Last-Modified` = the release from which its bytes are unchanged),
//! `/api/v1/releases` lists the versions and `/api/v1/releases/{version}` describes one with
//! its changes; `/releases/` and `/releases/{version}/` are the same JSON for API clients and
//! pages for browsers (`site::pages::releases`). The history's manifests are read and checked once at start-up (a release made
//! while the service runs is served after a restart); every object read is checked against its
//! SHA-256.

use std::sync::Arc;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;
use utoipa::ToSchema;

use super::exports::media_type;
use super::render_json;
use crate::api::caching::{Body, Reply};
use crate::api::error::ApiError;
use crate::api::openapi::{BadRequest, NotFound};
use crate::api::state::AppState;
use crate::release::{self, Diff, History, Manifest, Version, dates, feed};

/// A release in the list.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReleaseSummary {
    /// Version calendaire (AAAA.N).
    #[schema(example = "2026.1")]
    pub version: String,
    /// Date de la version (AAAA-MM-JJ).
    #[schema(example = "2026-12-01")]
    pub date: String,
    /// La version précédente.
    pub previous: Option<String>,
    /// La note de version.
    pub note: String,
    /// Nombre de fichiers.
    pub file_count: usize,
    /// La description de la version et de ses changements.
    pub url: String,
    /// Les changements depuis la version précédente.
    pub changes_url: Option<String>,
}

/// The list of releases.
#[derive(Debug, Serialize, ToSchema)]
#[schema(description = "Les versions publiées, de la plus ancienne à la plus récente.")]
pub struct ReleaseList {
    /// Nombre de versions.
    pub total: usize,
    /// La dernière version, s'il y en a une.
    pub latest: Option<String>,
    /// Le flux Atom des changements.
    pub feed: String,
    pub data: Vec<ReleaseSummary>,
}

/// One released file.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReleasedFile {
    pub path: String,
    pub size: u64,
    pub sha256: String,
    /// Adresse immuable du fichier dans cette version.
    pub url: String,
    /// Date de la version depuis laquelle le contenu de ce fichier n'a pas changé.
    pub modified: Option<String>,
}

/// One release with its files and changes.
#[derive(Debug, Serialize, ToSchema)]
#[schema(
    description = "Une version : ses fichiers (adresses immuables, empreintes) et ce qui a changé depuis la précédente."
)]
pub struct ReleaseDetail {
    pub version: String,
    pub date: String,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub note: String,
    pub files: Vec<ReleasedFile>,
    /// Changements depuis la version précédente (depuis rien pour la première).
    pub changes: Diff,
}

/// The release history, read and checked at start-up.
pub(crate) async fn history(state: &web::Data<AppState>) -> Result<Arc<History>, ApiError> {
    Ok(state.history.clone())
}

fn summary(state: &AppState, manifest: &Manifest) -> ReleaseSummary {
    ReleaseSummary {
        version: manifest.version.to_string(),
        date: manifest.date.to_string(),
        previous: manifest.previous.map(|v| v.to_string()),
        note: manifest.note.clone(),
        file_count: manifest.files.len(),
        url: state.url(&format!("/api/v1/releases/{}", manifest.version)),
        changes_url: manifest
            .previous
            .map(|p| state.url(&format!("/api/v1/changes?since={p}"))),
    }
}

fn unknown(state: &AppState, version: &str) -> ApiError {
    ApiError::not_found(
        format!("Aucune version « {version} »."),
        Some(state.url("/api/v1/releases")),
    )
}

/// Versions publiées
///
/// Les versions du jeu de données (2026.1, 2026.2…), de la plus ancienne à la plus récente :
/// date, note de version et adresse de leurs changements. Une version ne change jamais.
#[utoipa::path(
    get,
    path = "/api/v1/releases",
    tag = "Versions",
    operation_id = "listReleases",
    responses(
        (status = 200, description = "Les versions.", body = ReleaseList),
        (status = 400, response = BadRequest),
    )
)]
pub async fn list(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let history = history(&state).await?;
    let list = ReleaseList {
        total: history.releases().len(),
        latest: history.latest().map(|m| m.version.to_string()),
        feed: state.url(feed::PATH),
        data: history
            .releases()
            .iter()
            .map(|m| summary(&state, m))
            .collect(),
    };
    render_json(&req, &list)
}

/// Index des versions, à l'adresse des fichiers versionnés: a page for browsers, the JSON list
/// for anyone else.
pub async fn index(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let response = if crate::site::prefers_html(&req) {
        crate::api::query::QueryParams::parse(&req, &[])?;
        crate::site::pages::releases::index(state, req).await?
    } else {
        list(req, state).await?
    };
    Ok(vary_accept(response))
}

/// A negotiated answer says so, for caches (and `response_cache`) to keep one per `Accept`.
fn vary_accept(mut response: HttpResponse) -> HttpResponse {
    response
        .headers_mut()
        .insert(header::VARY, header::HeaderValue::from_static("Accept"));
    response
}

/// Une version
///
/// Une version : ses fichiers (taille, empreinte SHA-256, adresse immuable, date depuis
/// laquelle leur contenu n'a pas changé) et ses changements depuis la précédente,
/// enregistrement par enregistrement et champ par champ.
#[utoipa::path(
    get,
    path = "/api/v1/releases/{version}",
    tag = "Versions",
    operation_id = "getRelease",
    params(("version" = String, Path, description = "Version calendaire AAAA.N.", example = "2026.1")),
    responses(
        (status = 200, description = "La version.", body = ReleaseDetail),
        (status = 404, response = NotFound),
    )
)]
pub async fn detail(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let history = history(&state).await?;
    let version: Version = path.parse().map_err(|_| unknown(&state, &path))?;
    let manifest = history
        .get(version)
        .ok_or_else(|| unknown(&state, &path))?
        .clone();
    let (date, previous, note) = (manifest.date, manifest.previous, manifest.note.clone());
    let next = history
        .releases()
        .iter()
        .find(|m| m.previous == Some(version))
        .map(|m| m.version.to_string());
    let worker_state = state.clone();
    let (files, changes) = web::block(move || -> Result<_, release::ReleaseError> {
        let files = manifest
            .files
            .iter()
            .map(|f| ReleasedFile {
                path: f.path.clone(),
                size: f.size,
                sha256: f.sha256.clone(),
                url: worker_state.url(&format!("/releases/{version}/{}", f.path)),
                modified: dates::content_since(&history, version, &f.path).map(|d| d.to_string()),
            })
            .collect::<Vec<_>>();
        Ok((files, history.changes_of(version)?))
    })
    .await
    .map_err(ApiError::internal)?
    .map_err(ApiError::internal)?;
    render_json(
        &req,
        &ReleaseDetail {
            version: version.to_string(),
            date: date.to_string(),
            previous: previous.map(|v| v.to_string()),
            next,
            note,
            files,
            changes,
        },
    )
}

/// Un fichier d'une version
///
/// Le fichier tel qu'il a été publié dans cette version, octet pour octet. Immuable :
/// `Cache-Control: immutable`, ETag fort égal à son empreinte SHA-256, `Last-Modified` à la
/// date de la version depuis laquelle son contenu n'a pas changé.
#[utoipa::path(
    get,
    path = "/releases/{version}/{path}",
    tag = "Versions",
    operation_id = "getReleasedFile",
    params(
        ("version" = String, Path, description = "Version calendaire AAAA.N.", example = "2026.1"),
        ("path" = String, Path, description = "Chemin du fichier, tel que listé par /api/v1/releases/{version}.", example = "csv/items.csv"),
    ),
    responses(
        (status = 200, description = "Le fichier.", content(
            ("text/csv"), ("application/json"), ("text/turtle"), ("application/n-triples"),
            ("application/ld+json"), ("application/rdf+xml"), ("text/markdown"), ("text/plain"))),
        (status = 304, response = crate::api::openapi::NotModified),
        (status = 404, response = NotFound),
    )
)]
pub async fn file(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (version_text, file_path) = path.into_inner();
    // The release's own address, `/releases/{version}/`: its page for browsers, its
    // description (as `/api/v1/releases/{version}`) for anyone else.
    if file_path.is_empty() {
        if crate::site::prefers_html(&req)
            && let Ok(version) = version_text.parse::<Version>()
        {
            crate::api::query::QueryParams::parse(&req, &[])?;
            if let Some(page) =
                crate::site::pages::releases::release_page(state.clone(), req.clone(), version)
                    .await?
            {
                return Ok(vary_accept(page));
            }
        }
        return detail(req, state, web::Path::from(version_text))
            .await
            .map(vary_accept);
    }
    let history = history(&state).await?;
    let version: Version = version_text
        .parse()
        .map_err(|_| unknown(&state, &version_text))?;
    let manifest = history
        .get(version)
        .ok_or_else(|| unknown(&state, &version_text))?;
    let not_found = || {
        ApiError::not_found(
            format!("Aucun fichier « {file_path} » dans la version {version}."),
            Some(state.url(&format!("/api/v1/releases/{version}"))),
        )
    };
    let entry = manifest.file(&file_path).ok_or_else(not_found)?.clone();
    let modified = dates::content_since(&history, version, &file_path);
    let worker_path = file_path.clone();
    let bytes = web::block(move || history.file(version, &worker_path))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)?
        .ok_or_else(not_found)?;
    let mut reply = Reply::new(
        media_type(std::path::Path::new(&file_path)),
        Body::Full(bytes.into()),
    )
    .immutable()
    .etag(entry.sha256);
    if let Some(date) = modified {
        reply = reply.header(header::LAST_MODIFIED, dates::http_date(date));
    }
    Ok(reply.respond(&req))
}

/// Flux Atom des changements
///
/// Une entrée par version, de la plus récente à la plus ancienne : sa note et ce qui a changé
/// (fichiers, enregistrements ajoutés, supprimés et modifiés champ par champ). Atom (RFC 4287).
#[utoipa::path(
    get,
    path = "/feeds/changes.atom",
    tag = "Versions",
    operation_id = "getChangesFeed",
    responses(
        (status = 200, description = "Le flux Atom.", content_type = "application/atom+xml", body = String),
    )
)]
pub async fn atom(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    crate::api::query::QueryParams::parse(&req, &[])?;
    let history = history(&state).await?;
    let worker_state = state.clone();
    let text = web::block(move || feed::atom(&history, &worker_state.publication))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)?;
    Ok(Reply::new(feed::MEDIA_TYPE, Body::Full(text.into())).respond(&req))
}
