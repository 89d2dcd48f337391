//! The service as a whole: entry point, health, OpenAPI document, Swagger UI.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::helpers::{seeds, spawn_app};

#[actix_web::test]
async fn the_entry_point_links_every_collection_and_every_link_answers() {
    let app = spawn_app().await;
    let index = app.get("/").await;
    assert_eq!(index.status, 200);
    let body = index.json();
    assert_eq!(body["license"]["spdx"], "etalab-2.0");
    let links = body["links"].as_object().expect("links");
    for name in [
        "documentation",
        "openapi",
        "health",
        "search",
        "congresses",
        "motions",
        "sections",
        "items",
        "themes",
        "people",
        "roles",
        "organizations",
        "sources",
        "press-articles",
        "exports",
    ] {
        let url = links[name]
            .as_str()
            .unwrap_or_else(|| panic!("link {name}"));
        assert!(
            url.starts_with(&app.base),
            "{name}: absolute link to this service"
        );
        assert_eq!(app.get(url).await.status, 200, "{name}: {url}");
    }
}

#[actix_web::test]
async fn the_api_entry_point_answers_without_redirect_and_the_swagger_ui_gets_its_slash() {
    let app = spawn_app().await;
    // /api/v1/ is the catalogue's endpoint URL: harvesters do not follow redirects.
    let index = app.get("/").await;
    for path in ["/api/v1", "/api/v1/"] {
        let response = app.get(path).await;
        assert_eq!(response.status, 200, "{path}");
        assert_eq!(response.body, index.body, "{path}");
    }
    let response = app.get("/swagger-ui").await;
    assert_eq!(response.status, 308);
    assert_eq!(response.header("location"), Some("/swagger-ui/"));
}

#[actix_web::test]
async fn health_reports_the_loaded_tables_and_is_never_cached() {
    let app = spawn_app().await;
    let response = app.get("/health").await;
    assert_eq!(response.status, 200);
    assert_eq!(response.header("cache-control"), Some("no-store"));
    let health = response.json();
    assert_eq!(health["status"], "ok");
    assert_eq!(health["counts"]["congresses"], 4);
    assert_eq!(health["counts"]["items"], 46);
}

async fn served_document() -> (crate::helpers::TestApp, Value) {
    let app = spawn_app().await;
    let response = app.get("/openapi.json").await;
    assert_eq!(response.status, 200);
    assert_eq!(response.header("content-type"), Some("application/json"));
    let doc = response.json();
    (app, doc)
}

#[actix_web::test]
async fn generated_clients_get_ascii_names_and_no_enum_built_from_the_data() {
    let (_app, doc) = served_document().await;
    let title = doc["info"]["title"].as_str().expect("title");
    assert!(title.is_ascii() && title.contains("Congres"), "{title}");
    let text = doc.to_string();
    // Titles are ASCII wherever they name a schema or a property.
    fn titles(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(object) => {
                for (key, child) in object {
                    match (key.as_str(), child) {
                        ("example" | "examples", _) => {}
                        ("title", Value::String(title)) => out.push(title.clone()),
                        _ => titles(child, out),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|v| titles(v, out)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    titles(&doc["components"]["schemas"], &mut found);
    assert!(!found.is_empty());
    for title in found {
        assert!(title.is_ascii(), "{title}");
    }
    // Years and theme slugs are never an enum, and no response schema is closed.
    for value in ["\"2019\"", "\"donnees\""] {
        assert!(
            !text.contains(&format!("\"enum\":[{value}")),
            "an enum starts with {value}"
        );
    }
    assert!(
        !doc["components"]["schemas"]
            .to_string()
            .contains("\"enum\"")
    );
}

#[actix_web::test]
async fn the_openapi_document_is_3_1_in_french_with_the_licence_and_this_server() {
    let (app, doc) = served_document().await;
    assert_eq!(doc["openapi"], "3.1.0");
    assert!(
        doc["info"]["license"]["name"]
            .as_str()
            .is_some_and(|name| name.contains("Licence Ouverte"))
    );
    assert!(doc["info"]["contact"]["email"].as_str().is_some());
    assert_eq!(doc["servers"][0]["url"], app.base.as_str());
    for (path, item) in doc["paths"].as_object().expect("paths") {
        let operation = &item["get"];
        assert!(operation["summary"].as_str().is_some(), "{path}: summary");
        assert!(operation["tags"][0].as_str().is_some(), "{path}: tag");
        for status in ["304", "400", "406", "414", "431", "500"] {
            assert!(
                operation["responses"][status].is_object(),
                "{path}: {status}"
            );
        }
    }
}

#[actix_web::test]
async fn the_committed_openapi_document_is_up_to_date() {
    let committed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("openapi/openapi.json"),
    )
    .unwrap_or_default();
    let generated = congres_numerique::api::openapi::committed_document(&seeds())
        .expect("the document is generated");
    assert!(
        committed == generated,
        "openapi/openapi.json is stale: run `cargo run -- openapi` and commit the result"
    );
}

/// Replaces `{name}` in a documented path with the documented example of the parameter.
fn example_path(path: &str, operation: &Value) -> String {
    let mut out = path.to_string();
    for parameter in operation["parameters"].as_array().into_iter().flatten() {
        if parameter["in"] == "path" {
            let name = parameter["name"].as_str().expect("name");
            let example = parameter["example"]
                .as_str()
                .expect("a path parameter has an example");
            out = out.replace(&format!("{{{name}}}"), example);
        }
    }
    out
}

#[actix_web::test]
async fn every_documented_path_answers_its_documented_example() {
    let (app, doc) = served_document().await;
    for (path, item) in doc["paths"].as_object().expect("paths") {
        let url = example_path(path, &item["get"]);
        let url = if path == "/api/v1/search" {
            format!("{url}?q=donn%C3%A9e")
        } else {
            url
        };
        assert_eq!(app.get(&url).await.status, 200, "{url}");
    }
}

#[actix_web::test]
async fn every_operation_accepts_exactly_its_documented_query_parameters() {
    let (app, doc) = served_document().await;
    for (path, item) in doc["paths"].as_object().expect("paths") {
        // A file is served whatever its query string (cache busting is common practice).
        if path == "/exports/{path}" || path == "/releases/{version}/{path}" {
            continue;
        }
        let operation = &item["get"];
        let documented: Vec<String> = operation["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["in"] == "query")
            .map(|p| p["name"].as_str().expect("name").to_string())
            .collect();
        let url = format!("{}?not_a_parameter=1", example_path(path, operation));
        let problem = app.get(&url).await.problem(400);
        assert_eq!(
            problem["invalid_params"][0]["name"], "not_a_parameter",
            "{url}"
        );
        let allowed: Vec<String> = problem["invalid_params"][0]["allowed"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|v| v.as_str().expect("name").to_string())
            .collect();
        assert_eq!(
            allowed.iter().collect::<BTreeSet<_>>(),
            documented.iter().collect::<BTreeSet<_>>(),
            "{path}: accepted and documented parameters differ"
        );
    }
}

#[actix_web::test]
async fn row_schemas_are_generated_from_the_field_definitions_with_a_real_row_as_example() {
    let (app, doc) = served_document().await;
    let schemas = &doc["components"]["schemas"];
    for (schema, table) in [
        ("Item", "items"),
        ("Congress", "congresses"),
        ("Role", "roles"),
    ] {
        let definition = congres_numerique::tables::table(table).expect("table");
        let mut expected: Vec<String> = definition
            .fields()
            .iter()
            .map(|f| f.name.to_string())
            .collect();
        expected.insert(1, "iri".to_string());
        // Then the facts of the row's RDF that are no field (classes, and for concepts and
        // motions their scheme and publisher), so that the row read as JSON-LD is the dump's.
        expected.push("type".to_string());
        expected.extend(
            congres_numerique::rdf::fact_keys(definition)
                .into_iter()
                .map(str::to_string),
        );
        let properties: Vec<String> = schemas[schema]["properties"]
            .as_object()
            .expect("properties")
            .keys()
            .cloned()
            .collect();
        assert_eq!(properties, expected, "{schema}");
        for field in definition.fields() {
            let property = &schemas[schema]["properties"][field.name];
            assert_eq!(
                property["description"]
                    .as_str()
                    .map(|d| d.starts_with(field.description)),
                Some(true)
            );
            if let Some(codes) = field.codes {
                // Documented, not enforced: a client must read next year's new codes.
                assert!(property.get("enum").is_none(), "{schema}.{}", field.name);
                let values = property["x-extensible-enum"]
                    .as_array()
                    .expect("x-extensible-enum");
                for code in codes() {
                    assert!(
                        values.contains(&Value::from(code)),
                        "{schema}.{}: {code}",
                        field.name
                    );
                }
            }
        }
        let example = &schemas[schema]["examples"][0];
        let id = example["id"].as_str().expect("the example is a row");
        let path = format!("/api/v1/{}", definition.meta().api_path);
        let listed = app.get(&format!("{path}?format=ndjson")).await.text();
        assert!(
            listed
                .lines()
                .any(|line| line.contains(&format!("\"id\":\"{id}\""))),
            "{schema}: {id}"
        );
    }
}

#[actix_web::test]
async fn the_swagger_ui_is_served_from_the_binary_and_reads_this_document() {
    let app = spawn_app().await;
    let page = app.get("/swagger-ui/").await;
    assert_eq!(page.status, 200);
    assert!(
        page.header("content-type")
            .is_some_and(|t| t.starts_with("text/html"))
    );
    assert!(page.text().contains("swagger-ui"));
    let initializer = app.get("/swagger-ui/swagger-initializer.js").await;
    assert_eq!(initializer.status, 200);
    assert!(initializer.text().contains("\"/openapi.json\""));
    for asset in ["swagger-ui.css", "swagger-ui-bundle.js"] {
        assert_eq!(
            app.get(&format!("/swagger-ui/{asset}")).await.status,
            200,
            "{asset}"
        );
    }
}
