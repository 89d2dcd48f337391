//! The SPARQL endpoint (`/sparql`) and the VoID description, specified by their behaviour over
//! HTTP: the SPARQL 1.1 Protocol's three ways of sending a query, the result formats, the
//! refusals and limits as problem details, and answers equal to those the RDF dumps give.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use awc::http::Method;
use congres_numerique::api::{Application, Limits, Settings};
use congres_numerique::corpus::Corpus;
use congres_numerique::publication::Publication;
use congres_numerique::sparql::examples::EXAMPLES;
use congres_numerique::sparql::{Answer, CancellationToken, Endpoint, SparqlLimits};
use oxrdf::{Graph, Triple};
use oxrdfio::{RdfFormat, RdfParser};
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn corpus() -> Arc<Corpus> {
    static CORPUS: OnceLock<Arc<Corpus>> = OnceLock::new();
    CORPUS
        .get_or_init(|| {
            let (seeds, releases) = (root().join("seeds"), root().join("releases"));
            Arc::new(congres_numerique::api::dated_corpus(&seeds, &releases).expect("valid corpus"))
        })
        .clone()
}

struct App {
    base: String,
    client: awc::Client,
}

struct Response {
    status: u16,
    headers: awc::http::header::HeaderMap,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("UTF-8")
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    /// Asserts a problem detail with this status and returns it.
    fn problem(&self, status: u16) -> Value {
        assert_eq!(self.status, status, "{}", self.text());
        assert_eq!(
            self.header("content-type"),
            Some("application/problem+json")
        );
        let problem = self.json();
        assert_eq!(problem["status"], status);
        assert!(problem["detail"].as_str().is_some_and(|d| !d.is_empty()));
        problem
    }
}

/// The service with the real exports, on a free port, with `limits`.
async fn spawn(limits: Limits) -> App {
    let settings = Settings {
        bind: "127.0.0.1:0".to_string(),
        base_url: None,
        seeds: root().join("seeds"),
        exports: root().join("exports"),
        schemas: root().join("schemas"),
        releases: root().join("releases"),
        workers: Some(1),
        limits,
    };
    let app = Application::build_with(settings, corpus())
        .await
        .expect("the application starts");
    let base = app.base_url().to_string();
    actix_web::rt::spawn(app.run_until_stopped());
    App {
        base,
        client: awc::Client::builder()
            .timeout(Duration::from_secs(60))
            .finish(),
    }
}

impl App {
    async fn send(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Response {
        let mut request = self.client.request(method, format!("{}{path}", self.base));
        for (name, value) in headers {
            request = request.insert_header((*name, *value));
        }
        let mut response = match body {
            Some(body) => request.send_body(body.to_string()).await,
            None => request.send().await,
        }
        .expect("answered");
        let body = response.body().limit(16 << 20).await.expect("body");
        Response {
            status: response.status().as_u16(),
            headers: response.headers().clone(),
            body: body.to_vec(),
        }
    }

    /// `GET /sparql?query=…` (and other parameters).
    async fn get(&self, params: &[(&str, &str)], accept: Option<&str>) -> Response {
        let query = serde_urlencoded::to_string(params).unwrap();
        let headers: Vec<(&str, &str)> = accept.map(|a| ("accept", a)).into_iter().collect();
        self.send(Method::GET, &format!("/sparql?{query}"), &headers, None)
            .await
    }

    async fn select(&self, query: &str) -> Value {
        let response = self.get(&[("query", query)], None).await;
        assert_eq!(response.status, 200, "{}", response.text());
        response.json()
    }
}

/// The rows of a SPARQL JSON result, each binding as `(variable, type, value)`.
fn bindings(results: &Value) -> Vec<Vec<(String, String)>> {
    let vars: Vec<String> = results["head"]["vars"]
        .as_array()
        .expect("vars")
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    results["results"]["bindings"]
        .as_array()
        .expect("bindings")
        .iter()
        .map(|row| {
            vars.iter()
                .map(|v| {
                    let b = &row[v];
                    (
                        v.clone(),
                        format!(
                            "{}|{}|{}|{}",
                            b["type"].as_str().unwrap_or(""),
                            b["value"].as_str().unwrap_or(""),
                            b["xml:lang"].as_str().unwrap_or(""),
                            b["datatype"].as_str().unwrap_or("")
                        ),
                    )
                })
                .collect()
        })
        .collect()
}

fn parse(bytes: &[u8], format: RdfFormat) -> Graph {
    RdfParser::from_format(format)
        .for_slice(bytes)
        .map(|q| Triple::from(q.expect("valid RDF")))
        .collect()
}

fn canonical(mut graph: Graph) -> Graph {
    graph.canonicalize(oxrdf::graph::CanonicalizationAlgorithm::Unstable);
    graph
}

/// The committed N-Triples dump as this app serves it (the public base replaced by the app's).
fn dump(app: &App) -> Vec<u8> {
    let public = Publication::load(&root().join("seeds")).unwrap().base_url;
    std::fs::read_to_string(root().join("exports/rdf/corpus.nt"))
        .unwrap()
        .replace(&public, &app.base)
        .into_bytes()
}

const COUNT: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";

#[actix_web::test]
async fn the_endpoint_serves_exactly_the_graph_of_the_dumps() {
    let app = spawn(Limits::default()).await;
    let response = app
        .get(
            &[("query", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")],
            Some("application/n-triples"),
        )
        .await;
    assert_eq!(response.status, 200, "{}", response.text());
    assert_eq!(
        response.header("content-type"),
        Some("application/n-triples")
    );
    let served = parse(&response.body, RdfFormat::NTriples);
    let dumped = parse(&dump(&app), RdfFormat::NTriples);
    assert!(served.len() > 2000);
    assert_eq!(canonical(served), canonical(dumped));
}

#[actix_web::test]
async fn get_form_post_and_query_post_give_the_same_results() {
    let app = spawn(Limits::default()).await;
    let by_get = app.select(COUNT).await;
    let form = serde_urlencoded::to_string([("query", COUNT)]).unwrap();
    let by_form = app
        .send(
            Method::POST,
            "/sparql",
            &[("content-type", "application/x-www-form-urlencoded")],
            Some(&form),
        )
        .await;
    let by_body = app
        .send(
            Method::POST,
            "/sparql",
            &[
                ("content-type", "application/sparql-query; charset=utf-8"),
                ("accept", "application/sparql-results+json"),
            ],
            Some(COUNT),
        )
        .await;
    for response in [&by_form, &by_body] {
        assert_eq!(response.status, 200, "{}", response.text());
        assert_eq!(
            response.header("content-type"),
            Some("application/sparql-results+json")
        );
        assert_eq!(response.json(), by_get);
    }
    let n: usize = by_get["results"]["bindings"][0]["n"]["value"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(n, parse(&dump(&app), RdfFormat::NTriples).len());
    // CORS: a page of another origin may read the answer of a POST.
    let preflight = app
        .send(
            Method::OPTIONS,
            "/sparql",
            &[
                ("origin", "https://example.org"),
                ("access-control-request-method", "POST"),
                ("access-control-request-headers", "content-type"),
            ],
            None,
        )
        .await;
    assert_eq!(preflight.status, 200);
    assert!(
        preflight
            .header("access-control-allow-methods")
            .is_some_and(|m| m.contains("POST"))
    );
    let cross = app
        .send(
            Method::POST,
            "/sparql",
            &[
                ("origin", "https://example.org"),
                ("content-type", "application/sparql-query"),
            ],
            Some(COUNT),
        )
        .await;
    assert_eq!(cross.header("access-control-allow-origin"), Some("*"));
}

#[actix_web::test]
async fn results_come_in_the_four_formats_by_accept_or_format() {
    let app = spawn(Limits::default()).await;
    let query = "SELECT ?edition WHERE { ?c a <http://schema.org/Event> ; <http://purl.org/dc/terms/identifier> ?edition } ORDER BY ?edition";
    let cases = [
        (
            "application/sparql-results+json",
            "json",
            "application/sparql-results+json",
            "\"edition\"",
        ),
        (
            "application/sparql-results+xml",
            "xml",
            "application/sparql-results+xml",
            "<variable name=\"edition\"/>",
        ),
        (
            "text/csv",
            "csv",
            "text/csv; charset=utf-8",
            "edition\r\n2019\r\n2020\r\n2021\r\n2026\r\n",
        ),
        (
            "text/tab-separated-values",
            "tsv",
            "text/tab-separated-values; charset=utf-8",
            "?edition\n\"2019\"\n",
        ),
    ];
    for (accept, code, content_type, expected) in cases {
        for response in [
            app.get(&[("query", query)], Some(accept)).await,
            app.get(
                &[("query", query), ("format", code)],
                Some("application/json"),
            )
            .await,
        ] {
            assert_eq!(response.status, 200, "{}", response.text());
            assert_eq!(response.header("content-type"), Some(content_type));
            assert!(
                response.text().contains(expected),
                "{code}: {}",
                response.text()
            );
        }
    }
    // SPARQLWrapper names the format three times, twice each: all agree, all are read.
    let wrapper = app
        .get(
            &[
                ("query", query),
                ("format", "xml"),
                ("format", "application/sparql-results+xml"),
                ("output", "xml"),
                ("results", "xml"),
            ],
            None,
        )
        .await;
    assert_eq!(
        wrapper.header("content-type"),
        Some("application/sparql-results+xml")
    );
    app.get(
        &[("query", query), ("format", "csv"), ("output", "json")],
        None,
    )
    .await
    .problem(400);
    // No Accept: SPARQL JSON. ASK: a boolean.
    let ask = app
        .get(&[("query", "ASK { ?s a <http://schema.org/Event> }")], None)
        .await;
    assert_eq!(ask.json()["boolean"], true);
    // A format for graphs is not one for solutions.
    let wrong = app
        .get(&[("query", query), ("format", "turtle")], None)
        .await;
    let problem = wrong.problem(400);
    assert_eq!(problem["invalid_params"][0]["name"], "format");
    let refused = app.get(&[("query", query)], Some("image/png")).await;
    refused.problem(406);
}

#[actix_web::test]
async fn graphs_come_in_turtle_n_triples_json_ld_and_rdf_xml() {
    let app = spawn(Limits::default()).await;
    let query = EXAMPLES
        .iter()
        .find(|e| e.key == "edition")
        .unwrap()
        .query(&app.base);
    let mut graphs = Vec::new();
    for (accept, code, format) in [
        ("text/turtle", "turtle", RdfFormat::Turtle),
        ("application/n-triples", "ntriples", RdfFormat::NTriples),
        (
            "application/ld+json",
            "jsonld",
            RdfFormat::from_media_type("application/ld+json").unwrap(),
        ),
        ("application/rdf+xml", "rdfxml", RdfFormat::RdfXml),
    ] {
        for response in [
            app.get(&[("query", &query)], Some(accept)).await,
            app.get(&[("query", &query), ("format", code)], None).await,
        ] {
            assert_eq!(response.status, 200, "{}", response.text());
            assert!(
                response
                    .header("content-type")
                    .is_some_and(|t| t.starts_with(accept))
            );
            graphs.push(parse(&response.body, format));
        }
    }
    assert!(graphs[0].len() > 5);
    for graph in &graphs[1..] {
        assert_eq!(graph, &graphs[0]);
    }
    // Without Accept, Turtle; SPARQLWrapper's `format=xml` for a CONSTRUCT is RDF/XML.
    let plain = app.get(&[("query", &query)], None).await;
    assert_eq!(
        plain.header("content-type"),
        Some("text/turtle; charset=utf-8")
    );
    let xml = app.get(&[("query", &query), ("format", "xml")], None).await;
    assert_eq!(xml.header("content-type"), Some("application/rdf+xml"));
}

#[actix_web::test]
async fn the_example_queries_answer_what_the_dump_answers() {
    let app = spawn(Limits::default()).await;
    // The same questions asked of the committed dump, loaded on its own.
    let dumped: Vec<Triple> = parse(&dump(&app), RdfFormat::NTriples)
        .into_iter()
        .map(|t| t.into_owned())
        .collect();
    let reference = Endpoint::build(&dumped, "http://x.test/graph").unwrap();
    for example in EXAMPLES {
        let query = example.query(&app.base);
        let checked = reference.prepare(&query, &[], &[]).unwrap();
        let expected = reference
            .run(checked, &SparqlLimits::default(), CancellationToken::new())
            .unwrap();
        match expected {
            Answer::Solutions { variables, rows } => {
                let served = app.select(&query).await;
                let served = bindings(&served);
                assert!(!rows.is_empty(), "{} gives no row", example.key);
                assert_eq!(served.len(), rows.len(), "{}", example.key);
                for (row, served) in rows.iter().zip(&served) {
                    for (variable, (name, value)) in variables.iter().zip(served) {
                        assert_eq!(variable.as_str(), name);
                        let term = row.get(variable);
                        let kind = match term {
                            Some(oxrdf::Term::NamedNode(n)) => format!("uri|{}||", n.as_str()),
                            Some(oxrdf::Term::Literal(l)) => format!(
                                "literal|{}|{}|{}",
                                l.value(),
                                l.language().unwrap_or(""),
                                if l.language().is_some()
                                    || l.datatype() == oxrdf::vocab::xsd::STRING
                                {
                                    ""
                                } else {
                                    l.datatype().as_str()
                                }
                            ),
                            None => "|||".to_string(),
                            Some(other) => panic!("{other}"),
                        };
                        assert_eq!(value, &kind, "{}", example.key);
                    }
                }
            }
            Answer::Graph(triples) => {
                let response = app
                    .get(&[("query", &query)], Some("application/n-triples"))
                    .await;
                let served = parse(&response.body, RdfFormat::NTriples);
                assert_eq!(served, triples.iter().collect::<Graph>(), "{}", example.key);
            }
            Answer::Boolean(_) => unreachable!("no ASK example"),
        }
    }
}

#[actix_web::test]
async fn refusals_are_problem_details() {
    let app = spawn(Limits::default()).await;
    let syntax = app
        .get(&[("query", "SELECT *\nWHERE {\n  ?s ?p\n}")], None)
        .await
        .problem(400);
    // The parser stops on line 4, where the object of `?s ?p` is missing.
    assert_eq!(syntax["line"].as_u64(), Some(4));
    let column = syntax["column"].as_u64().expect("a column");
    let position = format!("ligne 4, colonne {column}");
    assert!(syntax["detail"].as_str().unwrap().contains(&position));
    for update in [
        "INSERT DATA { <http://a.test/s> <http://a.test/p> 1 }",
        "LOAD <http://example.org/data.ttl>",
        "DROP ALL",
    ] {
        let form = serde_urlencoded::to_string([("query", update)]).unwrap();
        let problem = app
            .send(
                Method::POST,
                "/sparql",
                &[("content-type", "application/x-www-form-urlencoded")],
                Some(&form),
            )
            .await
            .problem(400);
        assert!(
            problem["detail"]
                .as_str()
                .unwrap()
                .contains("lecture seule")
        );
    }
    // An update sent the protocol's own way (`update=`) is not a parameter of this endpoint.
    let update = serde_urlencoded::to_string([("update", "DROP ALL")]).unwrap();
    app.send(
        Method::POST,
        "/sparql",
        &[("content-type", "application/x-www-form-urlencoded")],
        Some(&update),
    )
    .await
    .problem(400);
    let service = app
        .get(
            &[(
                "query",
                "SELECT * { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }",
            )],
            None,
        )
        .await
        .problem(400);
    assert!(service["detail"].as_str().unwrap().contains("SERVICE"));
    // Only the dataset's graph is served.
    let other = app
        .get(
            &[
                ("query", COUNT),
                ("default-graph-uri", "http://example.org/g"),
            ],
            None,
        )
        .await
        .problem(400);
    assert_eq!(other["invalid_params"][0]["name"], "default-graph-uri");
    let graph = format!(
        "{}/id/dataset/congres-national-des-elus-au-numerique",
        app.base
    );
    let ours = app
        .get(&[("query", COUNT), ("default-graph-uri", &graph)], None)
        .await;
    assert_eq!(ours.status, 200, "{}", ours.text());
    app.get(&[("query", COUNT), ("named-graph-uri", &graph)], None)
        .await
        .problem(400);
    // A body of another type.
    app.send(
        Method::POST,
        "/sparql",
        &[("content-type", "text/plain")],
        Some(COUNT),
    )
    .await
    .problem(415);
    // Without a query, a program gets the Service Description (in RDF only).
    let description = app.get(&[], None).await;
    assert_eq!(description.status, 200);
    let description = parse(&description.body, RdfFormat::Turtle);
    assert!(description.iter().any(|t| t.object.to_string()
        == "<http://www.w3.org/ns/sparql-service-description#SPARQL11Query>"));
    app.get(&[], Some("application/sparql-results+json"))
        .await
        .problem(406);
    let options = app.send(Method::OPTIONS, "/sparql", &[], None).await;
    assert_eq!(options.status, 204);
    assert_eq!(options.header("allow"), Some("GET, HEAD, POST, OPTIONS"));
}

#[actix_web::test]
async fn a_method_other_than_get_or_post_is_answered_405_naming_the_methods_taken() {
    let app = spawn(Limits::default()).await;
    for method in [Method::PUT, Method::DELETE, Method::PATCH] {
        let refused = app.send(method.clone(), "/sparql", &[], Some(COUNT)).await;
        let problem = refused.problem(405);
        // POST is in the list: the SPARQL Protocol sends long queries as a POST body.
        assert_eq!(
            refused.header("allow"),
            Some("GET, HEAD, POST, OPTIONS"),
            "{method}"
        );
        assert!(
            problem["detail"]
                .as_str()
                .unwrap()
                .contains("GET, HEAD, POST, OPTIONS"),
            "{method}: {problem}"
        );
    }
    // Elsewhere the service takes no POST, and says so.
    let elsewhere = app.send(Method::PUT, "/api/v1/items", &[], None).await;
    elsewhere.problem(405);
    assert_eq!(elsewhere.header("allow"), Some("GET, HEAD, OPTIONS"));
}

#[actix_web::test]
async fn a_query_past_the_time_limit_is_stopped_and_answered_503() {
    let app = spawn(Limits {
        sparql: SparqlLimits {
            timeout: Duration::from_millis(500),
            ..SparqlLimits::default()
        },
        ..Limits::default()
    })
    .await;
    let started = std::time::Instant::now();
    let slow = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let problem = app.get(&[("query", slow)], None).await.problem(503);
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(problem["detail"].as_str().unwrap().contains("0.5 s"));
    // The worker is free: the next query answers.
    assert_eq!(app.get(&[("query", COUNT)], None).await.status, 200);
}

#[actix_web::test]
async fn a_query_over_the_result_cap_is_refused_whole() {
    let app = spawn(Limits {
        sparql: SparqlLimits {
            max_results: 100,
            ..SparqlLimits::default()
        },
        ..Limits::default()
    })
    .await;
    let problem = app
        .get(&[("query", "SELECT * { ?s ?p ?o }")], None)
        .await
        .problem(400);
    assert!(problem["detail"].as_str().unwrap().contains("LIMIT"));
    let limited = app.select("SELECT * { ?s ?p ?o } LIMIT 100").await;
    assert_eq!(
        limited["results"]["bindings"].as_array().unwrap().len(),
        100
    );
}

const FIREFOX: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

#[actix_web::test]
async fn a_browser_gets_the_form_and_a_table_of_results() {
    let app = spawn(Limits::default()).await;
    let page = app.get(&[], Some(FIREFOX)).await;
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let html = page.text();
    assert!(html.contains("<html lang=\"fr\">"));
    assert!(html.contains("<label for=\"query\">"));
    assert!(html.contains("<textarea id=\"query\" name=\"query\""));
    for example in EXAMPLES {
        assert!(
            html.contains(&format!("id=\"exemple-{}\"", example.key)),
            "{}",
            example.key
        );
    }
    let table = app
        .get(
            &[("query", "SELECT ?name WHERE { ?p <http://xmlns.com/foaf/0.1/name> ?name } ORDER BY ?name LIMIT 3")],
            Some(FIREFOX),
        )
        .await;
    assert_eq!(table.status, 200);
    let html = table.text();
    assert!(html.contains("<th scope=\"col\">name</th>"), "{html}");
    assert!(html.contains("3 résultats"));
    // The page's strict policy: no script, forms to itself.
    assert!(
        table
            .header("content-security-policy")
            .is_some_and(|p| p.contains("form-action 'self'"))
    );
}

#[actix_web::test]
async fn the_void_description_names_the_endpoint_the_dumps_and_the_triple_count() {
    let app = spawn(Limits::default()).await;
    let response = app
        .send(
            Method::GET,
            "/.well-known/void",
            &[("accept", "text/turtle")],
            None,
        )
        .await;
    assert_eq!(response.status, 200);
    let graph = parse(&response.body, RdfFormat::Turtle);
    let void = |local: &str| format!("http://rdfs.org/ns/void#{local}");
    let objects = |predicate: &str| -> Vec<String> {
        graph
            .iter()
            .filter(|t| t.predicate.as_str() == predicate)
            .map(|t| match t.object {
                oxrdf::TermRef::Literal(l) => l.value().to_string(),
                other => other.to_string().trim_matches(['<', '>']).to_string(),
            })
            .collect()
    };
    assert_eq!(
        objects(&void("sparqlEndpoint")),
        [format!("{}/sparql", app.base)]
    );
    let triples = parse(&dump(&app), RdfFormat::NTriples).len();
    assert_eq!(objects(&void("triples")), [triples.to_string()]);
    assert_eq!(objects(&void("dataDump")).len(), 4);
    assert_eq!(objects(&void("uriSpace")), [format!("{}/id/", app.base)]);
    assert!(objects(&void("vocabulary")).contains(&"http://purl.org/dc/terms/".to_string()));
    let jsonld = app
        .send(Method::GET, "/.well-known/void.jsonld", &[], None)
        .await;
    assert_eq!(jsonld.header("content-type"), Some("application/ld+json"));
    // The catalogue lists the endpoint as a data service.
    let catalog = app.send(Method::GET, "/catalog.ttl", &[], None).await;
    let catalog = parse(&catalog.body, RdfFormat::Turtle);
    let service = format!("{}/id/data-service/sparql", app.base);
    assert!(
        catalog
            .iter()
            .any(|t| t.subject.to_string() == format!("<{service}>")
                && t.predicate.as_str() == "http://www.w3.org/ns/dcat#endpointURL"
                && t.object.to_string() == format!("<{}/sparql>", app.base))
    );
}
