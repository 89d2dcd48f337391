//! Content negotiation as real clients send it: each row is the `Accept` header a client sends
//! by default (or for the format it is asked to read) and the representation it must get, for
//! an entity's IRI and for an API document. RFC 9110 §12.5.1: the most specific matching range
//! gives a media type its quality, `q=0` refuses, the highest quality wins; between equal
//! qualities the representation the client named most precisely wins, then the server's order
//! (Turtle for IRIs, JSON for the API).

use crate::helpers::spawn_app;

const BROWSER_CHROMIUM: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";
const BROWSER_FIREFOX: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
const BROWSER_FIREFOX_OLD: &str =
    "text/html,application/xhtml+xml,application/xml;q=0.9,image/webp,*/*;q=0.8";
const BROWSER_SAFARI: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
/// WebKit before 2011 put XML first; XHTML is named as precisely, HTML must still win.
const BROWSER_WEBKIT_OLD: &str =
    "application/xml,application/xhtml+xml,text/html;q=0.9,text/plain;q=0.8,image/png,*/*;q=0.5";
const AXIOS: &str = "application/json, text/plain, */*";

/// (client, Accept header, content type of the answer for an entity IRI)
const FOR_IRIS: &[(&str, &str, &str)] = &[
    ("Chromium", BROWSER_CHROMIUM, "text/html"),
    ("Firefox", BROWSER_FIREFOX, "text/html"),
    ("Firefox (older)", BROWSER_FIREFOX_OLD, "text/html"),
    ("Safari", BROWSER_SAFARI, "text/html"),
    ("WebKit (old)", BROWSER_WEBKIT_OLD, "text/html"),
    ("curl", "*/*", "text/turtle"),
    ("wget", "*/*", "text/turtle"),
    ("python requests", "*/*", "text/turtle"),
    ("axios", AXIOS, "application/json"),
    ("fetch() in a page", "*/*", "text/turtle"),
    (
        "rdflib format=xml",
        "application/rdf+xml, */*;q=0.1",
        "application/rdf+xml",
    ),
    ("rdflib format=n3", "text/n3, */*;q=0.1", "text/turtle"),
    (
        "rdflib format=turtle",
        "text/turtle, application/x-turtle, */*;q=0.1",
        "text/turtle",
    ),
    (
        "rdflib format=nt",
        "text/plain, */*;q=0.1",
        "application/n-triples",
    ),
    (
        "rdflib format=trig",
        "application/trig, */*;q=0.1",
        "application/trig",
    ),
    (
        "rdflib format=json-ld",
        "application/ld+json, application/json;q=0.9, */*;q=0.1",
        "application/ld+json",
    ),
    (
        "rdflib format=nquads",
        "application/n-quads, */*;q=0.1",
        "application/n-quads",
    ),
    (
        "rdflib without format (every parser's type)",
        "application/rdf+xml, text/n3, text/turtle, application/n-triples, application/ld+json, application/n-quads, application/trix, application/trig, text/html, application/xhtml+xml",
        "text/turtle",
    ),
    (
        "Apache Jena riot (graph)",
        "text/turtle,application/n-triples;q=0.9,application/ld+json;q=0.8,application/rdf+xml;q=0.7,*/*;q=0.3",
        "text/turtle",
    ),
    (
        "Apache Jena riot (dataset)",
        "application/trig,application/n-quads;q=0.9,application/ld+json;q=0.8,*/*;q=0.3",
        "application/trig",
    ),
    (
        "Protégé (OWL API)",
        "application/rdf+xml, application/xml; q=0.7, text/xml; q=0.6, text/plain; q=0.1, */*; q=0.09",
        "application/rdf+xml",
    ),
    (
        "Comunica",
        "application/n-quads,application/trig;q=0.95,application/ld+json;q=0.9,application/n-triples;q=0.8,text/turtle;q=0.6,application/rdf+xml;q=0.5,text/n3;q=0.35,application/xml;q=0.3,image/svg+xml;q=0.3,text/xml;q=0.3,text/html;q=0.2,application/xhtml+xml;q=0.18,application/json;q=0.135,text/shaclc;q=0.1,text/shaclc-ext;q=0.05",
        "application/n-quads",
    ),
    (
        "LDF client (Triple Pattern Fragments)",
        "application/trig;q=1.0,application/n-quads;q=0.7,text/turtle;q=0.6,application/n-triples;q=0.3,text/n3;q=0.2",
        "application/trig",
    ),
    (
        "pyld / jsonld.js document loader",
        "application/ld+json, application/json",
        "application/ld+json",
    ),
    (
        "SPARQLWrapper (CONSTRUCT, Turtle)",
        "application/turtle,text/turtle",
        "text/turtle",
    ),
    (
        "SPARQLWrapper (CONSTRUCT, RDF/XML)",
        "application/rdf+xml",
        "application/rdf+xml",
    ),
    (
        "SPARQLWrapper (CONSTRUCT, JSON-LD)",
        "application/ld+json,application/x-json+ld",
        "application/ld+json",
    ),
    ("an XML tool", "text/xml", "application/rdf+xml"),
    ("an XHTML-only reader", "application/xhtml+xml", "text/html"),
    (
        "an N-Triples client refusing text/plain",
        "text/plain;q=0, application/n-triples",
        "application/n-triples",
    ),
    (
        "q=0 refuses Turtle, the next one wins",
        "text/turtle;q=0, */*;q=0.5",
        "application/ld+json",
    ),
    (
        "a more specific range overrides a wildcard",
        "*/*;q=0.9, text/*;q=0.1, application/rdf+xml;q=0.5",
        "application/ld+json",
    ),
];

/// (client, Accept header, content type of the answer for an API list)
const FOR_API: &[(&str, &str, &str)] = &[
    ("Chromium", BROWSER_CHROMIUM, "application/json"),
    ("Firefox", BROWSER_FIREFOX, "application/json"),
    ("Safari", BROWSER_SAFARI, "application/json"),
    ("curl", "*/*", "application/json"),
    ("wget", "*/*", "application/json"),
    ("python requests", "*/*", "application/json"),
    ("axios", AXIOS, "application/json"),
    ("a plain-text reader", "text/plain", "application/json"),
    (
        "pyld / jsonld.js document loader",
        "application/ld+json, application/json",
        "application/json",
    ),
    ("a CSV client", "text/csv", "text/csv"),
    ("text/* asks for CSV", "text/*", "text/csv"),
    ("JSON Lines", "application/x-ndjson", "application/x-ndjson"),
    (
        "JSON Lines (jsonl)",
        "application/jsonl",
        "application/x-ndjson",
    ),
    ("pandas through urllib", "*/*", "application/json"),
    (
        "Apache Jena riot",
        "text/turtle,application/n-triples;q=0.9,application/ld+json;q=0.8,application/rdf+xml;q=0.7,*/*;q=0.3",
        "application/json",
    ),
    (
        "SPARQLWrapper (JSON results)",
        "application/sparql-results+json,application/json,text/javascript,application/javascript",
        "application/json",
    ),
    (
        "CSV preferred to JSON",
        "application/json;q=0.5, text/csv",
        "text/csv",
    ),
    ("q=0 refuses JSON", "application/json;q=0, */*", "text/csv"),
];

fn essence(content_type: Option<&str>) -> &str {
    content_type
        .and_then(|c| c.split(';').next())
        .unwrap_or_default()
        .trim()
}

#[actix_web::test]
async fn real_clients_get_the_representation_they_can_read_from_an_iri() {
    let app = spawn_app().await;
    assert!(FOR_IRIS.len() >= 25);
    let mut wrong = Vec::new();
    for (client, accept, expected) in FOR_IRIS {
        let response = app
            .get_with("/id/item/2021-axis-1.2", &[("Accept", accept)])
            .await;
        let got = essence(response.header("content-type"));
        if response.status != 200 || got != *expected {
            wrong.push(format!(
                "{client} ({accept}): {} {got}, expected {expected}",
                response.status
            ));
        }
        assert_eq!(response.header("vary"), Some("Accept"), "{client}");
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[actix_web::test]
async fn real_clients_get_the_representation_they_can_read_from_the_api() {
    let app = spawn_app().await;
    let mut wrong = Vec::new();
    for (client, accept, expected) in FOR_API {
        let response = app.get_with("/api/v1/themes", &[("Accept", accept)]).await;
        let got = essence(response.header("content-type"));
        if response.status != 200 || got != *expected {
            wrong.push(format!(
                "{client} ({accept}): {} {got}, expected {expected}",
                response.status
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[actix_web::test]
async fn resources_without_plain_json_answer_json_clients_with_json_ld_and_browsers_with_html() {
    let app = spawn_app().await;
    for path in ["/id/theme-scheme/themes", "/def", "/def/asPrinted"] {
        for (accept, expected) in [
            (AXIOS, "application/ld+json"),
            (BROWSER_FIREFOX, "text/html"),
            ("text/plain, */*;q=0.1", "application/n-triples"),
            ("application/xml", "application/rdf+xml"),
            ("*/*", "text/turtle"),
        ] {
            let response = app.get_with(path, &[("Accept", accept)]).await;
            assert_eq!(response.status, 200, "{path} {accept}");
            assert_eq!(
                essence(response.header("content-type")),
                expected,
                "{path} {accept}"
            );
        }
    }
}

#[actix_web::test]
async fn nothing_acceptable_is_still_a_406() {
    let app = spawn_app().await;
    for accept in [
        "image/png",
        "application/pdf",
        "text/turtle;q=0, application/json;q=0, text/html;q=0, application/*;q=0, text/plain;q=0, text/*;q=0",
    ] {
        app.get_with("/id/item/2021-axis-1.2", &[("Accept", accept)])
            .await
            .problem(406);
    }
    app.get_with("/api/v1/themes", &[("Accept", "application/xml")])
        .await
        .problem(406);
}
