//! The route table and the renderers every resource shares.
//!
//! A list handler only decides which rows answer (filters on the typed corpus); [`render_list`]
//! then writes them in the negotiated format, with pages, links and validators. A detail handler
//! composes its document from the pre-rendered rows with [`render_document`].

pub mod changes;
pub mod congresses;
pub mod exports;
pub mod facts;
pub mod items;
pub mod linked_data;
pub mod meta;
pub mod motions;
pub mod organizations;
pub mod people;
pub mod positions;
pub mod press;
pub mod releases;
pub mod roles;
pub mod search;
pub mod sections;
pub mod sources;
pub mod sparql;
pub mod themes;

use actix_web::dev::HttpServiceFactory;
use actix_web::http::header;
use actix_web::web::{self, Bytes};
use actix_web::{FromRequest, Handler, HttpRequest, HttpResponse, Responder};
use serde::Serialize;
use utoipa::IntoParams;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::Schema;

use super::caching::{Body, Reply};
use super::compose::Composer;
use super::error::{ApiError, method_not_allowed, sparql_method_not_allowed};
use super::negotiation::{Format, FormatCode, negotiate};
use super::pagination::Paging;
use super::query::{QueryParams, names};
use super::state::{AppState, TableView};

/// Every route of the service. Each is GET only (HEAD follows, see `caching::head_as_get`);
/// any other method on a known path is answered 405 with `Allow`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    // `/` is the site's home page for browsers, the API's entry point for anyone else.
    cfg.service(get("/", crate::site::pages::home::home))
        .service(get("/health", meta::health))
        .service(get("/openapi.json", meta::openapi_json))
        // The API's entry point answers itself: it is the catalogue's `dcat:endpointURL`, and
        // harvesters do not follow redirects.
        .service(get("/api/v1", meta::index))
        .service(get("/api/v1/", meta::index))
        .service(redirect("/swagger-ui", "/swagger-ui/"))
        .service(get("/api/v1/congresses", congresses::list))
        .service(get("/api/v1/congresses/{id}", congresses::detail))
        .service(get("/api/v1/motions", motions::list))
        .service(get("/api/v1/motions/{id}", motions::detail))
        .service(get("/api/v1/sections", sections::list))
        .service(get("/api/v1/sections/{id}", sections::detail))
        .service(get("/api/v1/items", items::list))
        .service(get("/api/v1/items/{id}", items::detail))
        .service(get("/api/v1/themes", themes::list))
        .service(get("/api/v1/themes/{id}", themes::detail))
        .service(get("/api/v1/people", people::list))
        .service(get("/api/v1/people/{id}", people::detail))
        .service(get("/api/v1/roles", roles::list))
        .service(get("/api/v1/positions", positions::list))
        .service(get("/api/v1/facts", facts::list))
        .service(get("/api/v1/organizations", organizations::list))
        .service(get("/api/v1/organizations/{id}", organizations::detail))
        .service(get("/api/v1/sources", sources::list))
        .service(get("/api/v1/sources/{id}", sources::detail))
        .service(get("/api/v1/press-articles", press::list))
        .service(get("/api/v1/search", search::search))
        .service(get("/api/v1/exports", exports::list))
        .service(get("/exports/{path:.*}", exports::file))
        .service(get("/api/v1/releases", releases::list))
        .service(get("/api/v1/releases/{version}", releases::detail))
        .service(get("/api/v1/changes", changes::list))
        .service(redirect("/releases", "/releases/"))
        .service(get("/releases/", releases::index))
        .service(get("/releases/{version}/{path:.*}", releases::file))
        .service(get("/feeds/changes.atom", releases::atom))
        .service(get("/schemas/{path:.*}", linked_data::schema_file))
        .service(get("/catalog", linked_data::catalog))
        .service(get("/catalog.{extension}", linked_data::catalog_file))
        .service(get("/id/{type}/{key}", linked_data::entity))
        .service(get("/def", linked_data::vocabulary))
        .service(get("/def/", linked_data::vocabulary))
        .service(get("/def.{extension}", linked_data::vocabulary_file))
        .service(get("/def/{term}", linked_data::vocabulary_term))
        .service(get("/.well-known/void", linked_data::void))
        .service(get("/.well-known/void.{extension}", linked_data::void_file))
        // The one resource that reads a body: the SPARQL Protocol's POST (see `limits::admit`).
        .service(
            web::resource("/sparql")
                .app_data(web::PayloadConfig::new(sparql::MAX_QUERY_BYTES))
                .route(web::get().to(sparql::get))
                .route(web::post().to(sparql::post))
                .default_service(web::to(sparql_method_not_allowed)),
        );
    crate::site::configure(cfg);
}

/// The collections under `/api/v1`, as listed by the entry point. Parts and footnotes are
/// served inside their motion.
pub const COLLECTIONS: [&str; 13] = [
    "congresses",
    "motions",
    "sections",
    "items",
    "themes",
    "people",
    "roles",
    "positions",
    "organizations",
    "sources",
    "press-articles",
    "facts",
    "exports",
];

/// A GET resource whose other methods are refused with 405.
fn get<F, Args>(path: &str, handler: F) -> impl HttpServiceFactory + use<F, Args>
where
    F: Handler<Args>,
    Args: FromRequest + 'static,
    F::Output: Responder + 'static,
{
    web::resource(path)
        .route(web::get().to(handler))
        .default_service(web::to(method_not_allowed))
}

/// A permanent redirect (308 keeps the method) from a path people type to the canonical one.
fn redirect(from: &'static str, to: &'static str) -> impl HttpServiceFactory {
    web::resource(from)
        .route(web::get().to(move || async move {
            HttpResponse::PermanentRedirect()
                .insert_header((header::LOCATION, to))
                .finish()
        }))
        .default_service(web::to(method_not_allowed))
}

/// The `format` parameter of lists.
///
/// Optional parameters of lists carry no OpenAPI `example` (their examples are in their
/// descriptions): Swagger UI pre-fills every example in "Try it out", and would then ask for
/// CSV, or for a combination of filters that selects nothing, instead of the plain first page.
#[derive(Debug, Default, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListFormat {
    /// Format de la réponse : json (défaut), csv (mêmes colonnes que les exports CSV, une page),
    /// ndjson (JSON Lines, toute la liste filtrée) ou xlsx (classeur Excel de toute la liste
    /// filtrée). Prend le pas sur l'en-tête Accept.
    #[param(required = false, inline, value_type = FormatCode)]
    pub format: Option<String>,
}

/// The schema of a parameter that takes one of a closed list of codes.
pub fn codes_schema<'a>(codes: impl IntoIterator<Item = &'a str>) -> RefOr<Schema> {
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .enum_values(Some(codes.into_iter().map(str::to_string)))
        .into()
}

/// Declares the (inlined) schema of a parameter whose values are the codes of a code enum, so
/// the OpenAPI `enum` is the list the parameter is checked against.
macro_rules! codes_param {
    ($name:ident, $codes:expr) => {
        pub struct $name;

        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                $crate::api::routes::codes_schema($codes)
            }
        }

        impl utoipa::ToSchema for $name {}
    };
}
pub(crate) use codes_param;

/// What every list request carries besides its filters.
pub struct ListRequest {
    pub query: QueryParams,
    pub paging: Paging,
    pub format: Format,
    /// Whether a filter parameter of the list was given.
    filtered: bool,
}

/// The rows a list answers, by position in their table.
pub enum Rows {
    /// Every row of the table, in order.
    All,
    Only(Vec<usize>),
}

impl ListRequest {
    /// Parses the query string of a list; `filters` are the names of its own parameters
    /// (`query::names` of the type that documents them, or none).
    pub fn parse(req: &HttpRequest, filters: Vec<String>) -> Result<Self, ApiError> {
        let query = QueryParams::parse(
            req,
            &[names::<Paging>(), names::<ListFormat>(), filters.clone()],
        )?;
        let filtered = query.pairs().iter().any(|(name, _)| filters.contains(name));
        let paging = Paging::read(&query)?;
        let requested = ListFormat {
            format: query.get("format").map(str::to_string),
        };
        let format = negotiate(req, requested.format.as_deref(), &Format::ALL)?;
        Ok(ListRequest {
            query,
            paging,
            format,
            filtered,
        })
    }

    /// Every row when no filter was given, else the positions that `filter` selects. Without
    /// a filter nothing is scanned: a page costs the same at 46,000 rows as at 46 (each list
    /// used to walk its whole table on every request; see BENCHMARKS.md).
    pub fn select(&self, filter: impl FnOnce() -> Vec<usize>) -> Rows {
        if self.filtered {
            Rows::Only(filter())
        } else {
            Rows::All
        }
    }

    /// [`ListRequest::select`] with a filter that can fail.
    pub fn try_select(
        &self,
        filter: impl FnOnce() -> Result<Vec<usize>, ApiError>,
    ) -> Result<Rows, ApiError> {
        Ok(if self.filtered {
            Rows::Only(filter()?)
        } else {
            Rows::All
        })
    }
}

/// Writes `rows` of `view` as the list answer.
pub fn render_list(
    req: &HttpRequest,
    state: &AppState,
    view: &TableView,
    rows: &Rows,
    list: &ListRequest,
) -> Result<HttpResponse, ApiError> {
    let total = match rows {
        Rows::All => view.len(),
        Rows::Only(positions) => positions.len(),
    };
    // JSON and CSV answer one page: only its positions are needed.
    let in_page = |range: std::ops::Range<usize>| -> Vec<usize> {
        match rows {
            Rows::All => range.collect(),
            Rows::Only(positions) => positions.get(range).unwrap_or_default().to_vec(),
        }
    };
    let reply = match list.format {
        Format::Ndjson => {
            let all: Vec<usize>;
            let positions = match rows {
                Rows::All => {
                    all = (0..view.len()).collect();
                    &all
                }
                Rows::Only(positions) => positions,
            };
            let lines: Vec<Bytes> = positions.iter().map(|&i| view.lines[i].clone()).collect();
            Reply::new(Format::Ndjson.content_type(), Body::Lines(lines))
        }
        Format::Xlsx => xlsx_reply(req, state, view, &every(rows, view))?,
        Format::Json | Format::Csv => {
            let page = &in_page(list.paging.range(total))[..];
            let links = list
                .paging
                .links(total, state.base_url(), req.path(), list.query.pairs());
            let link_header = links.header();
            // Rows are copied from bytes rendered once at start-up (`TableView::json_page`,
            // `csv_page`): neither serialised again nor rebuilt from the corpus.
            let (format, rendered) = if list.format == Format::Json {
                let rendered = view
                    .json_page(list.paging.page, list.paging.page_size, total, links, page)
                    .map_err(ApiError::internal)?;
                (Format::Json, rendered)
            } else {
                (Format::Csv, view.csv_page(page))
            };
            let reply = Reply::new(format.content_type(), Body::Full(rendered.into()));
            reply.header(header::LINK, link_header)
        }
    };
    // JSON and JSON Lines rows read as RDF with their table's published context.
    let reply = match list.format {
        Format::Json | Format::Ndjson => {
            reply.header(header::LINK, context_link(state, view.table.meta().name))
        }
        Format::Csv | Format::Xlsx => reply,
    };
    Ok(reply
        .header(
            header::HeaderName::from_static("x-total-count"),
            total.to_string(),
        )
        .vary_accept()
        .respond(req))
}

/// Every position a list answers, without pages.
fn every(rows: &Rows, view: &TableView) -> Vec<usize> {
    match rows {
        Rows::All => (0..view.len()).collect(),
        Rows::Only(positions) => positions.clone(),
    }
}

/// The whole filtered list as an Excel workbook (like JSON Lines, without pages), built from the
/// rows' CSV lines so every text is the CSV's; saved under the table's name.
fn xlsx_reply(
    req: &HttpRequest,
    state: &AppState,
    view: &TableView,
    positions: &[usize],
) -> Result<Reply, ApiError> {
    let csv = view.csv_page(positions);
    let request = format!("{}{}", state.base_url(), req.uri());
    let body =
        crate::export::spreadsheet::table_xlsx(&state.publication, view.table, &csv, &request)
            .map_err(ApiError::internal)?;
    Ok(
        Reply::new(Format::Xlsx.content_type(), Body::Full(body.into())).header(
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}.xlsx\"", view.table.meta().name),
        ),
    )
}

/// `Link` to the JSON-LD context of a table's rows (see `schemas/contexts/`).
pub fn context_link(state: &AppState, table: &str) -> String {
    format!(
        "<{}>; rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"",
        state.url(&format!("/schemas/contexts/{table}.jsonld"))
    )
}

/// The JSON document of one entity of `table`, composed from pre-rendered rows once the request
/// is known to be valid (see `api::compose`), pointing to the table's JSON-LD context.
pub fn render_document(
    req: &HttpRequest,
    state: &AppState,
    table: &str,
    compose: impl FnOnce(&mut Composer) -> Result<(), ApiError>,
) -> Result<HttpResponse, ApiError> {
    QueryParams::parse(req, &[])?;
    negotiate(req, None, &[Format::Json])?;
    let mut composer = Composer::new();
    compose(&mut composer)?;
    let body = composer.finish();
    Ok(
        Reply::new(Format::Json.content_type(), Body::Full(body.into()))
            .header(header::LINK, context_link(state, table))
            .respond(req),
    )
}

/// A single JSON document (detail endpoints accept no parameter and only JSON).
pub fn render_json<T: Serialize>(req: &HttpRequest, value: &T) -> Result<HttpResponse, ApiError> {
    QueryParams::parse(req, &[])?;
    negotiate(req, None, &[Format::Json])?;
    Ok(Reply::json(value)?.respond(req))
}

/// The row of `view` with this id, or a 404 that points to the collection. `none` starts the
/// message: "Aucune section", "Aucun thème".
pub fn find(state: &AppState, view: &TableView, id: &str, none: &str) -> Result<usize, ApiError> {
    view.find(id).ok_or_else(|| {
        ApiError::not_found(
            format!("{none} « {id} »."),
            Some(state.url(&view.collection_path())),
        )
    })
}

/// Keeps the positions whose row passes `keep`, in order.
pub fn positions<T>(rows: &[T], keep: impl Fn(&T) -> bool) -> Vec<usize> {
    rows.iter()
        .enumerate()
        .filter(|(_, row)| keep(row))
        .map(|(i, _)| i)
        .collect()
}
