//! What the service computes once at start-up and then only reads: every row of every table as
//! JSON and as a JSON Lines line, lookups by id, and the search index ("compute once, render
//! many"). Shared by all workers behind an `Arc`.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use actix_web::web::Bytes;

use super::search::SearchIndex;
use super::views::{JsonObject, row_json};
use crate::corpus::Corpus;
use crate::publication::Publication;
use crate::tables::{self, AnyTable, FieldInfo};

/// The rows of one table, ready to serve.
pub struct TableView {
    pub table: &'static dyn AnyTable,
    pub fields: Vec<FieldInfo>,
    /// Each row as JSON (with its `iri`), in the table's stable order.
    pub json: Vec<JsonObject>,
    /// Each row as one JSON Lines line (`…\n`).
    pub lines: Vec<Bytes>,
    by_id: HashMap<String, usize>,
}

impl TableView {
    fn build(name: &str, corpus: &Corpus, publication: &Publication) -> anyhow::Result<Self> {
        let table = tables::table(name)
            .ok_or_else(|| anyhow::anyhow!("no table named {name} in tables::TABLES"))?;
        let fields = table.fields();
        let entity = table.meta().entity;
        let mut json = Vec::new();
        let mut lines = Vec::new();
        let mut by_id = HashMap::new();
        for (i, values) in table.rows(corpus).into_iter().enumerate() {
            let id = values.first().map(|v| v.to_cell()).unwrap_or_default();
            let row = row_json(&fields, &values, publication.iri(entity, &id));
            let mut line = serde_json::to_vec(&row)?;
            line.push(b'\n');
            lines.push(Bytes::from(line));
            json.push(row);
            by_id.insert(id, i);
        }
        Ok(TableView {
            table,
            fields,
            json,
            lines,
            by_id,
        })
    }

    /// Position of a row by id.
    pub fn find(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    pub fn len(&self) -> usize {
        self.json.len()
    }

    pub fn is_empty(&self) -> bool {
        self.json.is_empty()
    }

    /// API path of the collection, for links and error messages.
    pub fn collection_path(&self) -> String {
        format!("/api/v1/{}", self.table.meta().api_path)
    }
}

/// One view per published table served by the API. Row `i` of a view is element `i` of the
/// matching corpus list (the tables read the corpus lists in order), so handlers filter on the
/// typed corpus and render the same positions from the view.
pub struct Tables {
    pub congresses: TableView,
    pub motions: TableView,
    pub footnotes: TableView,
    pub parts: TableView,
    pub sections: TableView,
    pub items: TableView,
    pub themes: TableView,
    pub people: TableView,
    pub roles: TableView,
    pub organizations: TableView,
    pub sources: TableView,
    pub press_articles: TableView,
}

impl Tables {
    fn build(corpus: &Corpus, publication: &Publication) -> anyhow::Result<Self> {
        let view = |name| TableView::build(name, corpus, publication);
        Ok(Tables {
            congresses: view("congresses")?,
            motions: view("motions")?,
            footnotes: view("footnotes")?,
            parts: view("parts")?,
            sections: view("sections")?,
            items: view("items")?,
            themes: view("themes")?,
            people: view("people")?,
            roles: view("roles")?,
            organizations: view("organizations")?,
            sources: view("sources")?,
            press_articles: view("press_articles")?,
        })
    }

    pub fn all(&self) -> [&TableView; 12] {
        [
            &self.congresses,
            &self.motions,
            &self.footnotes,
            &self.parts,
            &self.sections,
            &self.items,
            &self.themes,
            &self.people,
            &self.roles,
            &self.organizations,
            &self.sources,
            &self.press_articles,
        ]
    }
}

/// A cached checksum of an export file, valid while its size and modification time are.
#[derive(Debug, Clone)]
pub struct CachedSum {
    pub size: u64,
    pub modified: Option<std::time::SystemTime>,
    pub sha256: String,
}

/// Everything a request handler reads.
pub struct AppState {
    pub corpus: Arc<Corpus>,
    /// With the service's base URL: IRIs and links point at this service.
    pub publication: Publication,
    pub tables: Tables,
    pub search: SearchIndex,
    /// The OpenAPI document, serialised once.
    pub openapi_json: Bytes,
    /// The directory served under `/exports/`.
    pub exports_dir: PathBuf,
    /// The directory served under `/schemas/`.
    pub schemas_dir: PathBuf,
    /// SHA-256 of export files, recomputed only when a file changes: the exports can be
    /// regenerated while the service runs.
    pub export_sums: Mutex<HashMap<PathBuf, CachedSum>>,
}

impl AppState {
    pub fn build(
        corpus: Arc<Corpus>,
        publication: Publication,
        exports_dir: PathBuf,
        schemas_dir: PathBuf,
    ) -> anyhow::Result<Self> {
        let tables = Tables::build(&corpus, &publication)?;
        let search = SearchIndex::build(&corpus)
            .map_err(|e| anyhow::anyhow!("cannot build the search index: {e}"))?;
        let openapi = super::openapi::document(&tables, &publication);
        let openapi_json = Bytes::from(
            openapi
                .to_pretty_json()
                .map_err(|e| anyhow::anyhow!("cannot serialise the OpenAPI document: {e}"))?,
        );
        Ok(AppState {
            corpus,
            publication,
            tables,
            search,
            openapi_json,
            exports_dir,
            schemas_dir,
            export_sums: Mutex::new(HashMap::new()),
        })
    }

    pub fn base_url(&self) -> &str {
        &self.publication.base_url
    }

    /// An absolute URL of this service.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.publication.base_url)
    }
}
