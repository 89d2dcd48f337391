//! `/sparql`: the SPARQL 1.1 Protocol over the graph of the RDF dumps (`crate::sparql`).
//!
//! A query comes as `GET ?query=`, as a `POST` of an urlencoded form (`query=`), or as a `POST`
//! of `application/sparql-query` (the query is the body, the other parameters in the URL).
//! Solutions and booleans answer in SPARQL JSON, XML, CSV or TSV, graphs in Turtle, N-Triples,
//! JSON-LD or RDF/XML, chosen by `Accept` or by `format`; a browser gets an HTML page (the form,
//! and the results as a table). Evaluation runs on the blocking pool, never on the async workers,
//! and is cancelled at the time limit.

use actix_web::http::header::{self, ContentType};
use actix_web::web::{self, Bytes};
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;

use crate::api::caching::{Body, Reply};
use crate::api::error::ApiError;
use crate::api::negotiation::{Naming, Offer, accept_header, best};
use crate::api::state::AppState;
use crate::rdf::RdfFormat;
use crate::site::{Head, prefers_html, respond};
use crate::sparql::examples::EXAMPLES;
use crate::sparql::results::{
    GRAPH_CODES, GRAPH_FORMATS, ResultsFormat, graph_format_from_code, results_format_from_code,
    write_graph, write_results,
};
use crate::sparql::{Answer, CancellationToken, Checked, SparqlError};

/// Longest query read (a POST body or the `query` parameter), in bytes.
pub const MAX_QUERY_BYTES: usize = 64 * 1024;

/// The media type of a query sent as the request body.
const SPARQL_QUERY: &str = "application/sparql-query";

/// The parameters of the protocol, and `format` with its older names `output` (Joseki, Fuseki)
/// and `results`, which SPARQLWrapper sends too, all three with the same value.
const PARAMETERS: [&str; 6] = [
    "query",
    "default-graph-uri",
    "named-graph-uri",
    "format",
    "output",
    "results",
];

/// A representation of an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Results(ResultsFormat),
    Graph(RdfFormat),
    Html,
}

impl Output {
    fn content_type(self) -> &'static str {
        match self {
            Output::Results(ResultsFormat::Json) => "application/sparql-results+json",
            Output::Results(ResultsFormat::Xml) => "application/sparql-results+xml",
            Output::Results(ResultsFormat::Csv) => "text/csv; charset=utf-8",
            Output::Results(ResultsFormat::Tsv) => "text/tab-separated-values; charset=utf-8",
            Output::Graph(RdfFormat::Turtle) => "text/turtle; charset=utf-8",
            Output::Graph(format) => format.media_type(),
            Output::Html => "text/html; charset=utf-8",
        }
    }

    fn media_type(self) -> &'static str {
        self.names()[0].0
    }
}

impl Offer for Output {
    fn names(self) -> &'static [(&'static str, Naming)] {
        use Naming::{Canonical, Generic, Synonym};
        match self {
            Output::Results(ResultsFormat::Json) => &[
                ("application/sparql-results+json", Canonical),
                ("application/json", Generic),
            ],
            Output::Results(ResultsFormat::Xml) => &[
                ("application/sparql-results+xml", Canonical),
                ("application/xml", Generic),
                ("text/xml", Generic),
            ],
            Output::Results(ResultsFormat::Csv) => &[("text/csv", Canonical)],
            Output::Results(ResultsFormat::Tsv) => &[("text/tab-separated-values", Canonical)],
            Output::Graph(RdfFormat::Turtle) => &[
                ("text/turtle", Canonical),
                ("application/x-turtle", Synonym),
                ("text/n3", Synonym),
            ],
            Output::Graph(RdfFormat::JsonLd) => &[
                ("application/ld+json", Canonical),
                ("application/json", Generic),
            ],
            Output::Graph(RdfFormat::NTriples) => &[
                ("application/n-triples", Canonical),
                ("text/plain", Generic),
            ],
            Output::Graph(RdfFormat::RdfXml) => &[
                ("application/rdf+xml", Canonical),
                ("application/xml", Generic),
                ("text/xml", Generic),
            ],
            Output::Graph(_) => &[],
            Output::Html => &[("text/html", Canonical), ("application/xhtml+xml", Synonym)],
        }
    }
}

/// The outputs of solutions and booleans, SPARQL JSON first (the default).
const RESULTS: [Output; 5] = [
    Output::Results(ResultsFormat::Json),
    Output::Results(ResultsFormat::Xml),
    Output::Results(ResultsFormat::Csv),
    Output::Results(ResultsFormat::Tsv),
    Output::Html,
];

/// The outputs of a graph, Turtle first.
const GRAPHS: [Output; 5] = [
    Output::Graph(GRAPH_FORMATS[0]),
    Output::Graph(GRAPH_FORMATS[1]),
    Output::Graph(GRAPH_FORMATS[2]),
    Output::Graph(GRAPH_FORMATS[3]),
    Output::Html,
];

/// A protocol request, whatever way it came.
#[derive(Debug, Default)]
struct Request {
    query: Option<String>,
    default_graphs: Vec<String>,
    named_graphs: Vec<String>,
    /// Every value of `format`, `output` and `results`: SPARQLWrapper sends each name twice
    /// (`format=rdf+xml&format=application/rdf+xml`). They must all name the same output.
    formats: Vec<String>,
}

impl Request {
    /// Reads `pairs` (a query string or an urlencoded body) into the request.
    fn read(&mut self, encoded: &str) -> Result<(), ApiError> {
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(encoded).map_err(|_| ApiError::MalformedQuery)?;
        for (name, value) in pairs {
            let single = |slot: &mut Option<String>| {
                if slot.is_some() {
                    return Err(ApiError::RepeatedParameter { name: name.clone() });
                }
                *slot = Some(value.clone());
                Ok(())
            };
            match name.as_str() {
                "query" => single(&mut self.query)?,
                "format" | "output" | "results" => self.formats.push(value),
                "default-graph-uri" => self.default_graphs.push(value),
                "named-graph-uri" => self.named_graphs.push(value),
                _ => {
                    return Err(ApiError::UnknownParameter {
                        name,
                        allowed: PARAMETERS.iter().map(|p| p.to_string()).collect(),
                    });
                }
            }
        }
        Ok(())
    }
}

/// Requête SPARQL (GET)
///
/// Le protocole SPARQL 1.1 sur le graphe des exports RDF (les mêmes triplets que
/// `/exports/rdf/corpus.ttl`) : `query` porte la requête (SELECT, ASK, CONSTRUCT ou DESCRIBE).
/// Résultats en JSON, XML, CSV ou TSV SPARQL ; graphes en Turtle, N-Triples, JSON-LD ou RDF/XML,
/// selon l'en-tête Accept ou le paramètre `format` (`json`, `xml`, `csv`, `tsv` ; `turtle`,
/// `ntriples`, `jsonld`, `rdfxml`). En lecture seule : pas de mise à jour (UPDATE, LOAD), pas de
/// `SERVICE` ; chaque requête est limitée en temps (503 au-delà) et en nombre de résultats (400 au-delà).
/// Sans requête, un navigateur reçoit le formulaire, avec des exemples, et un programme la
/// description du service (SPARQL 1.1 Service Description, en Turtle par défaut).
#[utoipa::path(
    get,
    path = "/sparql",
    tag = "Données liées",
    operation_id = "sparqlQuery",
    params(
        ("query" = Option<String>, Query, description = "La requête SPARQL 1.1.", example = "SELECT ?edition ?nom WHERE { ?e a <http://schema.org/Event> ; <http://purl.org/dc/terms/identifier> ?edition ; <http://schema.org/name> ?nom } ORDER BY ?edition"),
        ("default-graph-uri" = Option<Vec<String>>, Query, description = "Le graphe par défaut : seul celui du jeu de données (son IRI, `/id/dataset/…`) est servi."),
        ("named-graph-uri" = Option<Vec<String>>, Query, description = "Aucun graphe nommé n'est servi : tout IRI donné est refusé."),
        ("format" = Option<String>, Query, description = "Format de la réponse, prioritaire sur Accept : json, xml, csv, tsv (SELECT, ASK) ; turtle, ntriples, jsonld, rdfxml (CONSTRUCT, DESCRIBE) ; html."),
        ("output" = Option<String>, Query, description = "Autre nom de `format` (Fuseki, SPARQLWrapper)."),
        ("results" = Option<String>, Query, description = "Autre nom de `format` (SPARQLWrapper)."),
    ),
    responses(
        (status = 200, description = "Les résultats.", content(
            ("application/sparql-results+json"), ("application/sparql-results+xml"),
            ("text/csv"), ("text/tab-separated-values"), ("text/turtle"),
            ("application/n-triples"), ("application/ld+json"), ("application/rdf+xml"),
            ("text/html"))),
        (status = 400, response = crate::api::openapi::BadRequest),
        (status = 406, response = crate::api::openapi::NotAcceptable),
        (status = 503, description = "La requête a dépassé le temps accordé.", body = crate::api::error::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let mut request = Request::default();
    request.read(req.query_string())?;
    answer(&req, &state, request).await
}

/// Le formulaire d'une requête SPARQL envoyée en POST (SPARQL 1.1 Protocol, § 2.1.2).
#[derive(utoipa::ToSchema)]
#[allow(dead_code)] // Documentation only: the body is read by `Request::read`.
pub struct SparqlForm {
    /// La requête SPARQL 1.1.
    query: String,
    /// Le graphe par défaut : seul celui du jeu de données est servi.
    #[schema(rename = "default-graph-uri")]
    default_graph_uri: Option<Vec<String>>,
    /// Aucun graphe nommé n'est servi : tout IRI donné est refusé.
    #[schema(rename = "named-graph-uri")]
    named_graph_uri: Option<Vec<String>>,
    /// Format de la réponse, prioritaire sur Accept (comme le paramètre `format` du GET).
    format: Option<String>,
}

/// Requête SPARQL (POST)
///
/// La même requête envoyée dans le corps : formulaire `application/x-www-form-urlencoded`
/// (`query=…`, avec les autres paramètres), ou requête brute `application/sparql-query` (les
/// autres paramètres restent dans l'URL).
#[utoipa::path(
    post,
    path = "/sparql",
    tag = "Données liées",
    operation_id = "sparqlQueryPost",
    // One documented body: with a second (`application/sparql-query`), the pinned
    // openapi-python-client generates a module that does not import (`Unset` undefined). The
    // raw form is still accepted, as the description says.
    request_body(content(
        (SparqlForm = "application/x-www-form-urlencoded"),
    ), description = "La requête en formulaire (`query=…`). Le service accepte aussi la requête brute, `Content-Type: application/sparql-query`, les autres paramètres restant dans l'URL."),
    responses(
        (status = 200, description = "Les résultats.", content(
            ("application/sparql-results+json"), ("application/sparql-results+xml"),
            ("text/csv"), ("text/tab-separated-values"), ("text/turtle"),
            ("application/n-triples"), ("application/ld+json"), ("application/rdf+xml"))),
        (status = 400, response = crate::api::openapi::BadRequest),
        (status = 406, response = crate::api::openapi::NotAcceptable),
        (status = 415, description = "Corps d'un autre type.", body = crate::api::error::Problem, content_type = "application/problem+json"),
        (status = 503, description = "La requête a dépassé le temps accordé.", body = crate::api::error::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn post(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: Bytes,
) -> Result<HttpResponse, ApiError> {
    let essence = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let text = std::str::from_utf8(&body)
        .map_err(|_| ApiError::Sparql(SparqlError::NotUtf8))?
        .to_string();
    let mut request = Request::default();
    if essence == SPARQL_QUERY {
        request.read(req.query_string())?;
        if request.query.is_some() {
            return Err(ApiError::RepeatedParameter {
                name: "query".to_string(),
            });
        }
        request.query = Some(text);
    } else if essence == ContentType::form_url_encoded().essence_str() {
        request.read(req.query_string())?;
        request.read(&text)?;
        // A POST asks for a query's answer (SPARQL 1.1 Protocol § 2.1.2); only GET without a
        // query describes the service.
        if request.query.is_none() {
            return Err(ApiError::MissingParameter {
                name: "query".to_string(),
                reason: "a POSTed form carries the SPARQL query in its `query` field".to_string(),
            });
        }
    } else {
        return Err(ApiError::Sparql(SparqlError::UnsupportedBody(essence)));
    }
    answer(&req, &state, request).await
}

/// Answers a protocol request: the page without a query, else the results.
async fn answer(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    request: Request,
) -> Result<HttpResponse, ApiError> {
    let Some(text) = request.query.as_deref() else {
        if request.formats.is_empty() && prefers_html(req) {
            return respond(req, &page(state, None, None)?);
        }
        return service_description(req, state, &request.formats);
    };
    if text.len() > MAX_QUERY_BYTES {
        return Err(ApiError::Sparql(SparqlError::TooLong(MAX_QUERY_BYTES)));
    }
    let endpoint = endpoint(state).await?;
    let checked = endpoint
        .prepare(text, &request.default_graphs, &request.named_graphs)
        .map_err(ApiError::Sparql)?;
    let (output, negotiated) = choose(req, &request.formats, &checked)?;
    let answer = run(state, endpoint, checked).await?;
    let body = match output {
        Output::Results(format) => write_results(&answer, format)
            .map_err(ApiError::internal)?
            .unwrap_or_default(),
        Output::Graph(format) => write_graph(&answer, format, state.base_url())
            .map_err(ApiError::internal)?
            .unwrap_or_default(),
        Output::Html => {
            let table = Table::of(&answer, state.base_url())?;
            return Ok(crate::site::page(crate::site::render(&page(
                state,
                Some(text),
                Some(table),
            )?)?)
            .vary_accept()
            .respond(req));
        }
    };
    let mut reply = Reply::new(output.content_type(), Body::Full(Bytes::from(body)));
    if negotiated {
        reply = reply.vary_accept();
    }
    Ok(reply.respond(req))
}

/// The output: the one `format` (or `output`, `results`) names, else the one `Accept` prefers
/// among those of the query's form (the first without `Accept`). Returns whether `Accept` decided.
fn choose(
    req: &HttpRequest,
    formats: &[String],
    query: &Checked,
) -> Result<(Output, bool), ApiError> {
    let graph = query.gives_graph();
    let mut chosen: Option<Output> = None;
    for code in formats {
        let output = output_of_code(code, graph)?;
        if chosen.is_some_and(|c| c != output) {
            return Err(ApiError::invalid(
                "format",
                code,
                "format contradictoire avec un autre format donné (format, output ou results)",
                Vec::<String>::new(),
            ));
        }
        chosen = Some(output);
    }
    if let Some(output) = chosen {
        return Ok((output, false));
    }
    let offered: &[Output] = if graph { &GRAPHS } else { &RESULTS };
    // A browser that prefers HTML gets the page; `*/*` alone gets data (see `prefers_html`).
    if prefers_html(req) {
        return Ok((Output::Html, true));
    }
    let data = &offered[..offered.len() - 1];
    let Some(accept) = accept_header(req) else {
        return Ok((data[0], true));
    };
    best(&accept, data)
        .map(|o| (o, true))
        .ok_or_else(|| ApiError::NotAcceptable {
            available: data.iter().map(|o| o.media_type().to_string()).collect(),
        })
}

/// `GET /sparql` without a query, for a program: the Service Description in an RDF format
/// (Turtle by default), chosen like a graph's.
fn service_description(
    req: &HttpRequest,
    state: &AppState,
    formats: &[String],
) -> Result<HttpResponse, ApiError> {
    let mut chosen = None;
    for code in formats {
        match output_of_code(code, true)? {
            Output::Graph(format) => chosen = Some((format, false)),
            _ => {
                return Err(ApiError::invalid(
                    "format",
                    code,
                    "format inconnu pour la description du service",
                    GRAPH_CODES,
                ));
            }
        }
    }
    let (format, negotiated) = match chosen {
        Some(chosen) => chosen,
        None => match accept_header(req) {
            None => (GRAPH_FORMATS[0], true),
            Some(accept) => {
                let offered = &GRAPHS[..GRAPHS.len() - 1];
                match best(&accept, offered) {
                    Some(Output::Graph(format)) => (format, true),
                    _ => {
                        return Err(ApiError::NotAcceptable {
                            available: offered.iter().map(|o| o.media_type().to_string()).collect(),
                        });
                    }
                }
            }
        },
    };
    let triples = crate::sparql::void::service_description(
        &state.publication,
        state.sparql().map_err(ApiError::Sparql)?,
    )
    .map_err(ApiError::internal)?;
    let body = crate::rdf::serialize(&triples, format, state.base_url(), Vec::new())
        .map_err(ApiError::internal)?;
    let mut reply = Reply::new(
        Output::Graph(format).content_type(),
        Body::Full(Bytes::from(body)),
    );
    if negotiated {
        reply = reply.vary_accept();
    }
    Ok(reply.respond(req))
}

/// The output a `format` value names for this form of query: a short code or a media type.
fn output_of_code(code: &str, graph: bool) -> Result<Output, ApiError> {
    let code = code.trim().to_ascii_lowercase();
    let output = if code == "html" || code == "text/html" {
        Some(Output::Html)
    } else if graph {
        graph_format_from_code(&code).map(Output::Graph)
    } else {
        results_format_from_code(&code).map(Output::Results)
    };
    output.ok_or_else(|| {
        let mut allowed: Vec<&str> = if graph {
            GRAPH_CODES.to_vec()
        } else {
            ResultsFormat::ALL.iter().map(|f| f.code()).collect()
        };
        allowed.push("html");
        ApiError::invalid(
            "format",
            &code,
            if graph {
                "format inconnu pour un graphe (CONSTRUCT, DESCRIBE)"
            } else {
                "format inconnu pour des résultats (SELECT, ASK)"
            },
            allowed,
        )
    })
}

/// The endpoint, its store loaded on the blocking pool by the first query (at a thousand times
/// the corpus that takes seconds, which must not stall the other connections of this worker).
async fn endpoint(state: &web::Data<AppState>) -> Result<crate::sparql::Endpoint, ApiError> {
    if state.sparql_loaded() {
        return state.sparql().cloned().map_err(ApiError::Sparql);
    }
    let state = state.clone();
    web::block(move || state.sparql().cloned())
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::Sparql)
}

/// Runs the query on the blocking pool. At the time limit the client is answered 503 at once,
/// and the query is cancelled: the engine checks its token at every triple it reads, so the
/// blocking thread is freed soon after (a cross product between two reads takes longer in a
/// debug build; the answer does not wait for it).
async fn run(
    state: &web::Data<AppState>,
    endpoint: crate::sparql::Endpoint,
    query: Checked,
) -> Result<Answer, ApiError> {
    let cancel = CancellationToken::new();
    let limits = state.sparql_limits.clone();
    let timeout = limits.timeout;
    let token = cancel.clone();
    let evaluation = web::block(move || endpoint.run(query, &limits, token));
    match actix_web::rt::time::timeout(timeout, evaluation).await {
        Ok(result) => result
            .map_err(ApiError::internal)?
            .map_err(ApiError::Sparql),
        Err(_elapsed) => {
            cancel.cancel();
            Err(ApiError::Sparql(SparqlError::Timeout(timeout)))
        }
    }
}

/// The results as a table for the page.
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// For ASK.
    pub boolean: Option<bool>,
}

/// A value in the table: a link for an IRI of this service, text otherwise.
pub struct Cell {
    pub text: String,
    pub href: Option<String>,
    /// The language of a literal, for screen readers (`lang`).
    pub lang: Option<String>,
}

impl Table {
    fn of(answer: &Answer, base_url: &str) -> Result<Table, ApiError> {
        use oxigraph::model::Term;
        let cell = |term: Option<&Term>| match term {
            None => Cell {
                text: String::new(),
                href: None,
                lang: None,
            },
            Some(Term::NamedNode(node)) => Cell {
                text: node.as_str().to_string(),
                href: Some(
                    node.as_str()
                        .strip_prefix(base_url)
                        .filter(|path| path.starts_with('/'))
                        .unwrap_or(node.as_str())
                        .to_string(),
                ),
                lang: None,
            },
            Some(Term::Literal(literal)) => Cell {
                text: literal.value().to_string(),
                href: None,
                lang: literal.language().map(str::to_string),
            },
            Some(other) => Cell {
                text: other.to_string(),
                href: None,
                lang: None,
            },
        };
        Ok(match answer {
            Answer::Boolean(value) => Table {
                columns: Vec::new(),
                rows: Vec::new(),
                boolean: Some(*value),
            },
            Answer::Solutions { variables, rows } => Table {
                columns: variables.iter().map(|v| v.as_str().to_string()).collect(),
                rows: rows
                    .iter()
                    .map(|row| variables.iter().map(|v| cell(row.get(v))).collect())
                    .collect(),
                boolean: None,
            },
            Answer::Graph(triples) => Table {
                columns: vec!["sujet".into(), "prédicat".into(), "objet".into()],
                rows: triples
                    .iter()
                    .map(|t| {
                        vec![
                            cell(Some(&t.subject.clone().into())),
                            cell(Some(&t.predicate.clone().into())),
                            cell(Some(&t.object)),
                        ]
                    })
                    .collect(),
                boolean: None,
            },
        })
    }
}

/// An example on the page.
pub struct ExampleView {
    pub key: &'static str,
    pub title: &'static str,
    pub query: String,
    /// `/sparql?query=…`: the example run, as a link.
    pub href: String,
}

#[derive(Template)]
#[template(path = "sparql.html")]
pub struct SparqlPage {
    pub head: Head,
    pub query: String,
    pub examples: Vec<ExampleView>,
    pub table: Option<Table>,
    pub triples: usize,
}

fn page(
    state: &AppState,
    query: Option<&str>,
    table: Option<Table>,
) -> Result<SparqlPage, ApiError> {
    let base = state.base_url();
    let examples = EXAMPLES
        .iter()
        .map(|example| {
            let query = example.query(base);
            let href = format!(
                "/sparql?{}",
                serde_urlencoded::to_string([("query", query.as_str())])
                    .map_err(ApiError::internal)?
            );
            Ok(ExampleView {
                key: example.key,
                title: example.title,
                query,
                href,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let query = query
        .map(str::to_string)
        .or_else(|| examples.first().map(|e| e.query.clone()))
        .unwrap_or_default();
    Ok(SparqlPage {
        head: Head::new(
            "Requêtes SPARQL",
            "Interroger le graphe RDF des motions en SPARQL 1.1 : formulaire, exemples et résultats.",
        ),
        query,
        examples,
        table,
        triples: state.sparql().map_err(ApiError::Sparql)?.triple_count(),
    })
}
