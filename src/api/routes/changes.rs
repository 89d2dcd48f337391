//! `/api/v1/changes?since=VERSION|DATE`: what changed from a release (or from the last release
//! made on or before a date) to the latest release, one entry per record added, removed or
//! changed (with its fields), paginated like every list; the changed files come with the first
//! page's body.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

use super::releases::history;
use crate::api::caching::Reply;
use crate::api::error::ApiError;
use crate::api::openapi::BadRequest;
use crate::api::pagination::{PageLinks, Paging};
use crate::api::query::{QueryParams, names};
use crate::api::state::AppState;
use crate::release::diff::{Change, FieldChange, FileChange};
use crate::release::{History, State, Version, dates};

/// The parameter of `/api/v1/changes`.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Since {
    /// Depuis quand : une version (2026.1 : les changements faits après elle) ou une date
    /// AAAA-MM-JJ (les changements des versions publiées après ce jour). Sans lui : depuis le
    /// début (tout ce que contient la dernière version).
    #[param(required = false)]
    pub since: Option<String>,
}

/// One record added, removed or changed.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecordChangeEntry {
    /// La table (nom du fichier CSV).
    pub table: String,
    pub id: String,
    pub change: Change,
    /// Les champs modifiés, avant et après (vide pour un ajout ou une suppression).
    pub fields: Vec<FieldChange>,
}

/// A page of changes.
#[derive(Debug, Serialize, ToSchema)]
#[schema(
    description = "Les changements depuis une version ou une date, jusqu'à la dernière version."
)]
pub struct ChangeList {
    /// La version de départ (aucune si rien n'avait été publié à cette date).
    pub from: Option<String>,
    /// La dernière version.
    pub to: Option<String>,
    pub total: usize,
    pub page: u32,
    pub page_size: u32,
    pub links: PageLinks,
    /// Les fichiers dont le contenu a changé.
    pub files: Vec<FileChange>,
    pub data: Vec<RecordChangeEntry>,
}

/// The release `since` names: itself for a version, the last one released on or before it for
/// a date (`None`: nothing was released yet then).
fn base(history: &History, since: &str) -> Result<Option<Version>, ApiError> {
    let versions = || history.releases().iter().map(|m| m.version.to_string());
    if let Ok(version) = since.parse::<Version>() {
        return match history.get(version) {
            Some(_) => Ok(Some(version)),
            None => Err(ApiError::invalid(
                "since",
                since,
                "aucune version de ce nom",
                versions(),
            )),
        };
    }
    match dates::parse_date(since) {
        Ok(date) => Ok(history
            .releases()
            .iter()
            .rev()
            .find(|m| m.date <= date)
            .map(|m| m.version)),
        Err(_) => Err(ApiError::invalid(
            "since",
            since,
            "attendu une version (AAAA.N) ou une date (AAAA-MM-JJ)",
            versions(),
        )),
    }
}

/// Changements depuis une version
///
/// Ce qui a changé depuis une version (ou une date) jusqu'à la dernière version : un élément
/// par enregistrement ajouté, supprimé ou modifié (avec ses champs avant et après), dans toutes
/// les tables, et la liste des fichiers modifiés. Paginé comme les autres listes.
#[utoipa::path(
    get,
    path = "/api/v1/changes",
    tag = "Versions",
    operation_id = "listChanges",
    params(Since, Paging),
    responses(
        (status = 200, description = "Les changements.", body = ChangeList),
        (status = 400, response = BadRequest),
    )
)]
pub async fn list(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let query = QueryParams::parse(&req, &[names::<Paging>(), names::<Since>()])?;
    let paging = Paging::read(&query)?;
    let since = query.get("since").map(str::to_string);
    let history = history(&state).await?;
    let from = match &since {
        Some(since) => base(&history, since)?,
        None => None,
    };
    let to = history.latest().map(|m| m.version);
    let diff = web::block(move || -> Result<_, crate::release::ReleaseError> {
        let before = match from {
            Some(version) => history.state(version)?,
            None => State::empty(),
        };
        let after = match to {
            Some(version) => history.state(version)?,
            None => State::empty(),
        };
        Ok(before.diff(&after))
    })
    .await
    .map_err(ApiError::internal)?
    .map_err(ApiError::internal)?;
    let mut entries = Vec::new();
    for table in diff.tables {
        let entry = |id: String, change, fields| RecordChangeEntry {
            table: table.table.clone(),
            id,
            change,
            fields,
        };
        entries.extend(
            table
                .added
                .into_iter()
                .map(|id| entry(id, Change::Added, Vec::new())),
        );
        entries.extend(
            table
                .removed
                .into_iter()
                .map(|id| entry(id, Change::Removed, Vec::new())),
        );
        entries.extend(
            table
                .changed
                .into_iter()
                .map(|r| entry(r.id, Change::Modified, r.fields)),
        );
    }
    let total = entries.len();
    let links = paging.links(total, state.base_url(), req.path(), query.pairs());
    let link_header = links.header();
    let range = paging.range(total);
    let data: Vec<RecordChangeEntry> = entries
        .into_iter()
        .skip(range.start)
        .take(range.len())
        .collect();
    let body = ChangeList {
        from: from.map(|v| v.to_string()),
        to: to.map(|v| v.to_string()),
        total,
        page: paging.page,
        page_size: paging.page_size,
        links,
        files: diff.files,
        data,
    };
    Ok(Reply::json(&body)?
        .header(header::LINK, link_header)
        .header(
            header::HeaderName::from_static("x-total-count"),
            total.to_string(),
        )
        .respond(&req))
}
