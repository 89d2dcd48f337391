//! What the service computes once at start-up and then only reads: every row of every table as
//! JSON and as a JSON Lines line, lookups by id, and the search index ("compute once, render
//! many"). Shared by all workers behind an `Arc`.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use actix_web::web::Bytes;

use super::pagination::PageLinks;
use super::search::SearchIndex;
use super::views::{JsonObject, ListPage, RowJson};
use crate::corpus::Corpus;
use crate::corpus::parallel::joined;
use crate::publication::Publication;
#[cfg(test)]
use crate::tables::write_csv;
use crate::tables::{self, AnyTable, FieldInfo, write_csv_lines};

/// The rows of one table, ready to serve.
pub struct TableView {
    pub table: &'static dyn AnyTable,
    pub fields: Vec<FieldInfo>,
    /// Each row as one JSON Lines line (`…\n`): its compact JSON (with its `iri`), in the
    /// table's stable order, which list pages and documents copy (see [`TableView::json_page`],
    /// `super::compose`). No `serde_json` tree is kept: at ×1000 the trees were a third of the
    /// service's memory, and every use of a row is a copy of its bytes.
    pub lines: Vec<Bytes>,
    /// The CSV header line, then each row as one CSV line, as [`write_csv`] writes them.
    pub csv_header: Bytes,
    pub csv_lines: Vec<Bytes>,
    by_id: HashMap<String, usize>,
    ids: Vec<String>,
    /// The first of the rows with the most filled values (not null, not an empty list): the
    /// example of the table's schema in the OpenAPI document.
    richest: Option<usize>,
}

impl TableView {
    fn build(name: &str, corpus: &Corpus, publication: &Publication) -> anyhow::Result<Self> {
        let table = tables::table(name)
            .ok_or_else(|| anyhow::anyhow!("no table named {name} in tables::TABLES"))?;
        let fields = table.fields();
        let entity = table.meta().entity;
        let rows = table.rows(corpus);
        let facts = crate::rdf::row_facts(corpus, publication, table)?;
        // Every CSV line and every JSON line is written into one buffer each and served as
        // slices of it (`Bytes::slice`): one allocation per table instead of two per row.
        let (csv, csv_ends) = write_csv_lines(&fields, &rows)?;
        let csv = Bytes::from(csv);
        let csv_header = csv.slice(..csv_ends[0]);
        let csv_lines = csv_ends
            .windows(2)
            .map(|end| csv.slice(end[0]..end[1]))
            .collect();
        let mut richest: Option<(usize, usize)> = None;
        let mut by_id = HashMap::with_capacity(rows.len());
        let mut ids = Vec::with_capacity(rows.len());
        let mut buffer = Vec::new();
        let mut line_ends = Vec::with_capacity(rows.len());
        for (i, values) in rows.into_iter().enumerate() {
            let id = values.first().map(|v| v.to_cell()).unwrap_or_default();
            let iri = publication.iri(entity, &id);
            let row = RowJson::new(&fields, &values, &iri, &facts);
            let start = buffer.len();
            serde_json::to_writer(&mut buffer, &row)?;
            buffer.push(b'\n');
            line_ends.push((start, buffer.len()));
            let filled = row.filled();
            if richest.is_none_or(|(most, _)| filled > most) {
                richest = Some((filled, i));
            }
            by_id.insert(id.clone(), i);
            ids.push(id);
        }
        let buffer = Bytes::from(buffer);
        let lines = line_ends
            .into_iter()
            .map(|(start, end)| buffer.slice(start..end))
            .collect();
        Ok(TableView {
            table,
            fields,
            lines,
            csv_header,
            csv_lines,
            by_id,
            ids,
            richest: richest.map(|(_, i)| i),
        })
    }

    /// The JSON body of a list page: the bytes of `serde_json::to_vec(&ListPage { data })` for the
    /// rows at `positions`, with each row copied from [`TableView::lines`] instead of serialised
    /// again on every request (profiling showed serialisation at 30 % of a list request).
    pub fn json_page(
        &self,
        page: u32,
        page_size: u32,
        total: usize,
        links: PageLinks,
        positions: &[usize],
    ) -> serde_json::Result<Vec<u8>> {
        let empty = ListPage::<&JsonObject> {
            page,
            page_size,
            total,
            links,
            data: Vec::new(),
        };
        let mut body = serde_json::to_vec(&empty)?;
        // `data` is the last field: the page ends with `"data":[]}`.
        debug_assert!(body.ends_with(b"\"data\":[]}"));
        body.truncate(body.len() - 2);
        let rows: usize = positions.iter().map(|&i| self.lines[i].len()).sum();
        body.reserve(rows + 2);
        for (n, &i) in positions.iter().enumerate() {
            if n > 0 {
                body.push(b',');
            }
            let line = &self.lines[i];
            body.extend_from_slice(&line[..line.len() - 1]);
        }
        body.extend_from_slice(b"]}");
        Ok(body)
    }

    /// The CSV body of the rows at `positions`, header first: what [`write_csv`] writes for
    /// them, copied from [`TableView::csv_lines`] (rows are not rebuilt from the corpus).
    pub fn csv_page(&self, positions: &[usize]) -> Vec<u8> {
        let rows: usize = positions.iter().map(|&i| self.csv_lines[i].len()).sum();
        let mut body = Vec::with_capacity(self.csv_header.len() + rows);
        body.extend_from_slice(&self.csv_header);
        for &i in positions {
            body.extend_from_slice(&self.csv_lines[i]);
        }
        body
    }

    /// Position of a row by id.
    pub fn find(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The id of row `i`.
    pub fn id(&self, i: usize) -> &str {
        &self.ids[i]
    }

    /// Row `i` as compact JSON (its JSON Lines line without the newline).
    pub fn row_json(&self, i: usize) -> &[u8] {
        let line = &self.lines[i];
        &line[..line.len() - 1]
    }

    /// Row `i` as a JSON object (parsed again from its bytes: for the rare uses that need a
    /// tree, such as the examples of the OpenAPI document).
    pub fn row_object(&self, i: usize) -> serde_json::Result<JsonObject> {
        serde_json::from_slice(self.row_json(i))
    }

    /// The first of the rows with the most filled values.
    pub fn richest_row(&self) -> Option<usize> {
        self.richest
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
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
    pub positions: TableView,
    pub organizations: TableView,
    pub sources: TableView,
    pub press_articles: TableView,
    pub facts: TableView,
}

/// The tables in the order their views are built at start-up: largest first, so that the two
/// threads sharing them (see [`AppState::build`]) finish close together.
const BUILD_ORDER: [&str; 14] = [
    "items",
    "facts",
    "positions",
    "sections",
    "roles",
    "organizations",
    "congresses",
    "people",
    "themes",
    "motions",
    "sources",
    "footnotes",
    "parts",
    "press_articles",
];

/// The views of [`BUILD_ORDER`], built by whichever thread takes each next.
struct ViewQueue<'a> {
    corpus: &'a Corpus,
    publication: &'a Publication,
    next: AtomicUsize,
    /// Views stored so far.
    done: AtomicUsize,
    built: [Mutex<Option<anyhow::Result<TableView>>>; 14],
}

impl<'a> ViewQueue<'a> {
    fn new(corpus: &'a Corpus, publication: &'a Publication) -> Self {
        ViewQueue {
            corpus,
            publication,
            next: AtomicUsize::new(0),
            done: AtomicUsize::new(0),
            built: std::array::from_fn(|_| Mutex::new(None)),
        }
    }

    /// Builds views until none is left to take.
    fn work(&self) {
        loop {
            let k = self.next.fetch_add(1, Ordering::Relaxed);
            let Some(name) = BUILD_ORDER.get(k) else {
                return;
            };
            let view = TableView::build(name, self.corpus, self.publication);
            *self.built[k].lock().unwrap_or_else(|e| e.into_inner()) = Some(view);
            self.done.fetch_add(1, Ordering::Release);
        }
    }

    /// Whether every view is built (none still in the hands of the other thread).
    fn complete(&self) -> bool {
        self.done.load(Ordering::Acquire) == BUILD_ORDER.len()
    }

    /// The views, taken out, once [`ViewQueue::complete`].
    fn take_tables(&self) -> anyhow::Result<Tables> {
        let mut views: HashMap<&str, TableView> = HashMap::new();
        for (name, slot) in BUILD_ORDER.iter().zip(&self.built) {
            let view = slot.lock().unwrap_or_else(|e| e.into_inner()).take();
            let view = view.ok_or_else(|| anyhow::anyhow!("the view of {name} was not built"))?;
            views.insert(name, view?);
        }
        let mut take = |name: &str| {
            views
                .remove(name)
                .ok_or_else(|| anyhow::anyhow!("no view named {name}"))
        };
        Ok(Tables {
            congresses: take("congresses")?,
            motions: take("motions")?,
            footnotes: take("footnotes")?,
            parts: take("parts")?,
            sections: take("sections")?,
            items: take("items")?,
            themes: take("themes")?,
            people: take("people")?,
            roles: take("roles")?,
            positions: take("positions")?,
            organizations: take("organizations")?,
            sources: take("sources")?,
            press_articles: take("press_articles")?,
            facts: take("facts")?,
        })
    }
}

impl Tables {
    /// The views built on the calling thread alone (tests).
    #[cfg(test)]
    fn build(corpus: &Corpus, publication: &Publication) -> anyhow::Result<Self> {
        let queue = ViewQueue::new(corpus, publication);
        queue.work();
        queue.take_tables()
    }

    pub fn all(&self) -> [&TableView; 14] {
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
            &self.positions,
            &self.organizations,
            &self.sources,
            &self.press_articles,
            &self.facts,
        ]
    }
}

/// A cached checksum of an export file, valid while its size and modification time are.
#[derive(Debug, Clone)]
pub struct CachedSum {
    pub size: u64,
    pub modified: Option<std::time::SystemTime>,
    /// Size of the bytes served (the file rebased, see `Publication::rebase`).
    pub served_size: u64,
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
    /// The release history (`releases/`), served under `/releases/` and `/api/v1/releases`.
    pub releases_dir: PathBuf,
    /// That history, read and checked once at start-up (a new release is served after a
    /// restart, as the records' dates it brings are computed at start-up too).
    pub history: Arc<crate::release::History>,
    /// The dates the history gives each file's current bytes (`Last-Modified` of /exports/).
    pub dating: crate::release::dates::Dating,
    /// SHA-256 of export files, recomputed only when a file changes: the exports can be
    /// regenerated while the service runs.
    pub export_sums: Mutex<HashMap<PathBuf, CachedSum>>,
    /// The SPARQL endpoint's store: the triples of the RDF dumps, for this service's base.
    /// Loaded on first use (see [`AppState::sparql`]), not at start-up.
    sparql: std::sync::OnceLock<Result<crate::sparql::Endpoint, String>>,
    /// Time and result limits of one SPARQL query (set from `Limits::sparql` by the server).
    pub sparql_limits: crate::sparql::SparqlLimits,
    /// Finished GET answers, served again as stored bytes (see `super::response_cache`).
    pub response_cache: super::response_cache::ResponseCache,
}

impl AppState {
    /// The SPARQL endpoint, its store loaded by the first request that needs it (the others
    /// wait for that load). Loading is the costliest step of a start-up (at a thousand times
    /// the corpus, tens of seconds and most of the memory), and a service nobody asks a SPARQL
    /// query pays nothing for it. A failed load is kept and reported to every request.
    pub fn sparql(&self) -> Result<&crate::sparql::Endpoint, crate::sparql::SparqlError> {
        self.sparql
            .get_or_init(|| {
                let started = std::time::Instant::now();
                let endpoint = crate::rdf::corpus_graph(&self.corpus, &self.publication)
                    .map_err(|e| e.to_string())
                    .and_then(|triples| {
                        crate::sparql::Endpoint::build(
                            &triples,
                            &self
                                .publication
                                .iri("dataset", &self.publication.identifier),
                        )
                        .map_err(|e| e.to_string())
                    });
                if let Ok(endpoint) = &endpoint {
                    tracing::info!(
                        triples = endpoint.triple_count(),
                        elapsed_ms = started.elapsed().as_millis() as u64,
                        "SPARQL store loaded"
                    );
                }
                endpoint
            })
            .as_ref()
            .map_err(|e| crate::sparql::SparqlError::Store(e.clone()))
    }

    /// Whether the SPARQL store has been loaded yet.
    pub fn sparql_loaded(&self) -> bool {
        self.sparql.get().is_some()
    }

    pub fn build(
        corpus: Arc<Corpus>,
        publication: Publication,
        exports_dir: PathBuf,
        schemas_dir: PathBuf,
    ) -> anyhow::Result<Self> {
        // Two threads share the work: the search index and then views of the tables on one,
        // views and then the OpenAPI document (which reads the views) on the other. On the
        // real corpus the index takes longest and the document is built beside it; on a large
        // one the views do, and both threads build them.
        let queue = ViewQueue::new(&corpus, &publication);
        let (tables, search, openapi_json) = std::thread::scope(|scope| {
            let search = scope.spawn(|| {
                let search = SearchIndex::build(&corpus);
                queue.work();
                search
            });
            queue.work();
            let with_document = || {
                let tables = queue.take_tables();
                let document = tables.as_ref().ok().map(|tables| {
                    super::openapi::document_json(tables, &publication)
                        .and_then(|document| serde_json::to_vec_pretty(&document))
                });
                (tables, document)
            };
            // Built before waiting for the index when no view is left in the other thread.
            let early = queue.complete().then(with_document);
            let search = joined(search);
            let (tables, document) = early.unwrap_or_else(with_document);
            (tables, search, document)
        });
        let tables = tables?;
        let search = search.map_err(|e| anyhow::anyhow!("cannot build the search index: {e}"))?;
        let openapi_json = openapi_json
            .unwrap_or_else(|| Ok(Vec::new()))
            .map_err(|e| anyhow::anyhow!("cannot serialise the OpenAPI document: {e}"))?;
        // Its examples name the public host; a local run names itself.
        let openapi_json = Bytes::from(publication.rebase(&openapi_json).into_owned());
        Ok(AppState {
            corpus,
            publication,
            tables,
            search,
            openapi_json,
            exports_dir,
            schemas_dir,
            releases_dir: PathBuf::from("releases"),
            history: Arc::new(crate::release::History::empty(std::path::Path::new(
                "releases",
            ))),
            dating: crate::release::dates::Dating::none(),
            export_sums: Mutex::new(HashMap::new()),
            sparql: std::sync::OnceLock::new(),
            sparql_limits: crate::sparql::SparqlLimits::default(),
            response_cache: super::response_cache::ResponseCache::new(
                super::Limits::default().response_cache_bytes,
            ),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::pagination::Paging;

    /// The repository's corpus and its publication metadata.
    fn bundled() -> (Corpus, Publication) {
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let corpus = Corpus::load(&seeds).expect("corpus");
        let publication = Publication::load(&seeds).expect("publication");
        (corpus, publication)
    }

    /// The pre-rendered pages are byte for byte what serialising the rows again gives.
    #[test]
    fn prerendered_pages_are_the_serialised_rows() {
        let (corpus, publication) = bundled();
        let tables = Tables::build(&corpus, &publication).expect("tables");
        for view in tables.all() {
            let all: Vec<usize> = (0..view.len()).collect();
            for positions in [&all[..], &all[..all.len().min(3)], &[][..]] {
                let paging = Paging {
                    page: 1,
                    page_size: 50,
                };
                let links = || paging.links(positions.len(), "http://x", "/p", &[]);
                let slow = serde_json::to_vec(&ListPage {
                    page: 1,
                    page_size: 50,
                    total: positions.len(),
                    links: links(),
                    data: positions
                        .iter()
                        .map(|&i| view.row_object(i).unwrap())
                        .collect(),
                })
                .unwrap();
                let fast = view
                    .json_page(1, 50, positions.len(), links(), positions)
                    .unwrap();
                assert_eq!(
                    String::from_utf8(fast).unwrap(),
                    String::from_utf8(slow).unwrap()
                );

                let rows = view.table.rows(&corpus);
                let slow_csv = write_csv(
                    Vec::new(),
                    &view.fields,
                    positions.iter().map(|&i| rows[i].clone()),
                )
                .unwrap();
                assert_eq!(view.csv_page(positions), slow_csv);
            }
        }
    }

    /// Start-up does not load the SPARQL store; the first request that needs it does, once,
    /// with the triples of the RDF dumps.
    #[test]
    fn the_sparql_store_is_loaded_on_first_use_not_at_start_up() {
        let (corpus, publication) = bundled();
        let corpus = Arc::new(corpus);
        let state = AppState::build(
            corpus.clone(),
            publication.clone(),
            "exports".into(),
            "schemas".into(),
        )
        .expect("state");
        assert!(!state.sparql_loaded());
        let triples = crate::rdf::corpus_graph(&corpus, &publication)
            .expect("graph")
            .into_iter()
            .collect::<std::collections::HashSet<_>>()
            .len();
        let first = state.sparql().expect("store") as *const _;
        assert!(state.sparql_loaded());
        assert_eq!(state.sparql().expect("store").triple_count(), triples);
        assert_eq!(state.sparql().expect("store") as *const _, first);
    }

    /// An API row is the dump's JSON row (`tables::json_row`, the same keys and values in the
    /// same order) with `iri` after `id`, then `type` and the table's fact links.
    #[test]
    fn api_rows_are_the_dump_rows_with_their_iri_types_and_links() {
        let (corpus, publication) = bundled();
        let tables = Tables::build(&corpus, &publication).expect("tables");
        for view in tables.all() {
            let facts = crate::rdf::row_facts(&corpus, &publication, view.table).expect("facts");
            let entity = view.table.meta().entity;
            for (i, values) in view.table.rows(&corpus).iter().enumerate() {
                let dump = tables::json_row(&view.fields, values);
                let mut expected: Vec<(String, serde_json::Value)> = Vec::new();
                for (key, value) in dump {
                    let is_id = key == "id";
                    expected.push((key, value.clone()));
                    if is_id {
                        let iri = publication.iri(entity, value.as_str().expect("id"));
                        expected.push(("iri".into(), iri.into()));
                    }
                }
                let types = facts.types_of(&view.fields, values);
                expected.push(("type".into(), serde_json::json!(types)));
                for (key, _, iri) in &facts.links {
                    expected.push(((*key).into(), iri.as_str().into()));
                }
                let row: Vec<(String, serde_json::Value)> =
                    view.row_object(i).expect("row").into_iter().collect();
                assert_eq!(row, expected, "{} row {i}", view.table.meta().name);
            }
        }
    }
}
