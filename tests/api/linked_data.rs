//! Linked Data: every IRI of the dumps answers on the service, in every format, without a
//! redirect; the DCAT catalogue answers at /catalog; JSON answers point to their JSON-LD context.

use std::collections::BTreeSet;
use std::path::Path;

use crate::helpers::{rebased, spawn_app};

/// The published base of the committed dumps (`seeds/publication.toml`).
fn published_base() -> String {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    congres_numerique::publication::Publication::load(&seeds)
        .expect("publication.toml")
        .base_url
}

/// Every `{base}/id/…` IRI named in the committed N-Triples dump, as a path.
fn dump_entity_paths() -> BTreeSet<String> {
    let dump = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("exports/rdf/corpus.nt"),
    )
    .expect("the committed dump");
    let prefix = format!("<{}/id/", published_base());
    let mut paths = BTreeSet::new();
    for line in dump.lines() {
        let mut rest = line;
        while let Some(start) = rest.find(&prefix) {
            let after = &rest[start + prefix.len()..];
            let end = after.find('>').expect("a closed IRI");
            paths.insert(format!("/id/{}", &after[..end]));
            rest = &after[end..];
        }
    }
    paths
}

const RDF_TYPES: [&str; 6] = [
    "text/turtle",
    "application/n-triples",
    "application/ld+json",
    "application/rdf+xml",
    "application/n-quads",
    "application/trig",
];

#[actix_web::test]
async fn every_iri_of_the_dumps_dereferences_in_every_format() {
    let app = spawn_app().await;
    let paths = dump_entity_paths();
    assert!(paths.len() > 100, "the dump names {} entities", paths.len());
    for path in &paths {
        // Rows of the tables have JSON and HTML too; the theme scheme RDF and HTML.
        let types: Vec<&str> = if path.starts_with("/id/theme-scheme/") {
            RDF_TYPES.iter().copied().chain(["text/html"]).collect()
        } else {
            RDF_TYPES
                .iter()
                .copied()
                .chain(["application/json", "text/html"])
                .collect()
        };
        for media_type in types {
            let response = app.get_with(path, &[("Accept", media_type)]).await;
            assert_eq!(
                response.status,
                200,
                "{path} as {media_type}: {}",
                response.text()
            );
            assert!(
                response
                    .header("content-type")
                    .is_some_and(|c| c.starts_with(media_type)),
                "{path} as {media_type}: {:?}",
                response.header("content-type")
            );
            assert_eq!(response.header("vary"), Some("Accept"), "{path}");
            let location = response
                .header("content-location")
                .expect("Content-Location");
            assert!(
                location.starts_with(&format!("{}{path}.", app.base)),
                "{location}"
            );
            // The concrete variant answers the same bytes, without negotiation.
            let variant = app.get(location).await;
            assert_eq!(variant.status, 200, "{location}");
            assert_eq!(variant.body, response.body, "{location}");
        }
    }
}

#[actix_web::test]
async fn an_entity_describes_itself_with_its_own_iri_and_links() {
    let app = spawn_app().await;
    let iri = format!("{}/id/item/2021-axis-1.2", app.base);
    let turtle = app
        .get_with("/id/item/2021-axis-1.2", &[("Accept", "text/turtle")])
        .await;
    let text = turtle.text();
    assert!(text.contains(&format!("<{iri}>")), "{text}");
    assert!(text.contains(
        "l'identification et la coordination de l'ensemble des acteurs de la médiation ;\"@fr"
    ));
    assert!(text.contains(&format!("<{}/id/section/2021-axis-1>", app.base)));
    // Alternates are announced.
    let link = turtle.header("link").expect("Link");
    assert!(link.contains(&format!(
        "<{iri}.jsonld>; rel=\"alternate\"; type=\"application/ld+json\""
    )));

    let json = app.get(&format!("{iri}.json")).await;
    assert_eq!(json.json()["iri"], iri);
    assert!(
        json.header("link").is_some_and(|l| l.contains(
            "/schemas/contexts/items.jsonld>; rel=\"http://www.w3.org/ns/json-ld#context\""
        )),
        "{:?}",
        json.header("link")
    );
}

#[actix_web::test]
async fn a_browser_gets_a_readable_page() {
    let app = spawn_app().await;
    let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    let page = app
        .get_with("/id/person/mathieu-vidal", &[("Accept", browser)])
        .await;
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(html.contains("<h1>Mathieu Vidal</h1>"), "{html}");
    assert!(html.contains(&format!(
        "href=\"{}/id/person/mathieu-vidal.ttl\"",
        app.base
    )));
}

#[actix_web::test]
async fn curl_without_preferences_gets_turtle() {
    let app = spawn_app().await;
    let response = app
        .get_with("/id/theme/donnees", &[("Accept", "*/*")])
        .await;
    assert_eq!(
        response.header("content-type"),
        Some("text/turtle; charset=utf-8")
    );
}

#[actix_web::test]
async fn an_unacceptable_type_is_a_406_listing_the_available_ones() {
    let app = spawn_app().await;
    let response = app
        .get_with("/id/theme/donnees", &[("Accept", "image/png")])
        .await;
    let problem = response.problem(406);
    let detail = problem["detail"].as_str().unwrap();
    for media_type in RDF_TYPES.iter().chain(&["application/json", "text/html"]) {
        assert!(detail.contains(media_type), "{detail}");
    }
}

#[actix_web::test]
async fn unknown_keys_types_and_formats_are_404() {
    let app = spawn_app().await;
    app.get("/id/item/2099-axis-1.1").await.problem(404);
    app.get("/id/dragon/1").await.problem(404);
    app.get("/id/item/2021-axis-1.2.xlsx").await.problem(404);
    app.get("/id/theme-scheme/themes.csv").await.problem(404);
}

#[actix_web::test]
async fn a_browser_following_the_theme_scheme_gets_its_page() {
    let app = spawn_app().await;
    let page = app
        .get_with(
            "/id/theme-scheme/themes",
            &[(
                "Accept",
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            )],
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.text());
    let html = page.text();
    assert!(html.contains("skos:ConceptScheme"), "{html}");
    // Its concepts, linked to their own pages.
    assert!(
        html.contains(&format!("<h2><a href=\"{0}/id/theme/donnees\">", app.base)),
        "{html}"
    );
    assert_eq!(
        app.get("/id/theme-scheme/themes.html").await.body,
        page.body
    );
}

#[actix_web::test]
async fn the_catalogue_answers_in_three_formats_without_redirect() {
    let app = spawn_app().await;
    let exports = Path::new(env!("CARGO_MANIFEST_DIR")).join("exports");
    for name in ["catalog.ttl", "catalog.jsonld", "catalog.rdf"] {
        std::fs::copy(exports.join(name), app.exports.path().join(name)).unwrap();
    }
    for (accept, extension) in [
        ("text/turtle", "ttl"),
        ("application/ld+json", "jsonld"),
        ("application/rdf+xml", "rdf"),
    ] {
        let negotiated = app.get_with("/catalog", &[("Accept", accept)]).await;
        assert_eq!(negotiated.status, 200, "{accept}");
        assert!(
            negotiated
                .header("content-type")
                .unwrap()
                .starts_with(accept)
        );
        let by_extension = app.get(&format!("/catalog.{extension}")).await;
        assert_eq!(by_extension.status, 200);
        assert_eq!(by_extension.body, negotiated.body);
        // Served again, the same bytes (and validator).
        let again = app.get(&format!("/catalog.{extension}")).await;
        assert_eq!(again.body, by_extension.body);
        assert_eq!(again.header("etag"), by_extension.header("etag"));
    }
    assert!(app.get("/catalog").await.text().contains("dcat:Catalog"));
    app.get("/catalog.csv").await.problem(404);
}

#[actix_web::test]
async fn the_catalogue_serves_each_harvester_its_profile() {
    use congres_numerique::catalog::Profile;
    let app = spawn_app().await;
    let exports = Path::new(env!("CARGO_MANIFEST_DIR")).join("exports");
    for name in ["catalog.ttl", "catalog-datagouv.ttl"] {
        std::fs::copy(exports.join(name), app.exports.path().join(name)).unwrap();
    }
    // A local run serves the catalogue rebased on its own address, blank nodes relabelled and
    // the sizes of the files it serves as it serves them: the same graph as the file otherwise,
    // compared by its ground triples (sizes aside) and its number of triples.
    let graph = |bytes: &[u8]| {
        let triples: Vec<_> = oxttl::TurtleParser::new()
            .for_slice(bytes)
            .map(|t| t.expect("Turtle"))
            .collect();
        let ground: BTreeSet<String> = triples
            .iter()
            .filter(|t| {
                !matches!(t.subject, oxrdf::NamedOrBlankNode::BlankNode(_))
                    && !matches!(t.object, oxrdf::Term::BlankNode(_))
                    && t.predicate.as_str() != "http://www.w3.org/ns/dcat#byteSize"
            })
            .map(|t| t.to_string())
            .collect();
        (ground, triples.len())
    };
    let file = |name: &str| graph(&rebased(&app, &std::fs::read(exports.join(name)).unwrap()));
    assert_ne!(file("catalog.ttl"), file("catalog-datagouv.ttl"));
    let datagouv_uri = format!("<{}>", Profile::DataGouv.uri());
    let dcat_ap_uri = format!("<{}>", Profile::DcatAp.uri());

    // By default, DCAT-AP 3.0.1, and said so.
    let default = app.get("/catalog").await;
    assert_eq!(graph(&default.body), file("catalog.ttl"));
    assert_eq!(
        default.header("content-profile"),
        Some(dcat_ap_uri.as_str())
    );
    // The query string form, by token or URI, and the header form give data.gouv.fr's profile.
    let by_token = app.get("/catalog?_profile=datagouv").await;
    assert_eq!(by_token.status, 200);
    assert_eq!(graph(&by_token.body), file("catalog-datagouv.ttl"));
    assert_eq!(
        by_token.header("content-profile"),
        Some(datagouv_uri.as_str())
    );
    let by_header = app
        .get_with("/catalog.ttl", &[("Accept-Profile", &datagouv_uri)])
        .await;
    assert_eq!(graph(&by_header.body), file("catalog-datagouv.ttl"));
    let vary: Vec<_> = by_header
        .headers
        .get_all("vary")
        .filter_map(|v| v.to_str().ok())
        .collect();
    assert!(
        vary.iter().any(|v| v.contains("Accept-Profile")),
        "{vary:?}"
    );
    // A preference by q, and an unknown profile in the header falls back to the default.
    let preferred = app
        .get_with(
            "/catalog",
            &[(
                "Accept-Profile",
                &format!("{datagouv_uri};q=0.4, {dcat_ap_uri};q=0.8"),
            )],
        )
        .await;
    assert_eq!(graph(&preferred.body), file("catalog.ttl"));
    let unknown = app
        .get_with("/catalog", &[("Accept-Profile", "<urn:example:other>")])
        .await;
    assert_eq!(graph(&unknown.body), file("catalog.ttl"));
    // An unknown token in the query string is a mistake worth a 400.
    app.get("/catalog?_profile=ckan").await.problem(400);
}

#[actix_web::test]
async fn catalogue_resources_dereference_on_the_service() {
    let app = spawn_app().await;
    let exports = Path::new(env!("CARGO_MANIFEST_DIR")).join("exports");
    std::fs::copy(
        exports.join("catalog.ttl"),
        app.exports.path().join("catalog.ttl"),
    )
    .unwrap();
    let dataset = app
        .get("/id/dataset/congres-national-des-elus-au-numerique")
        .await;
    assert_eq!(dataset.status, 200, "{}", dataset.text());
    let text = dataset.text();
    // Moved to this service's base, with its blank nodes (the temporal coverage).
    assert!(text.contains(&format!(
        "<{}/id/dataset/congres-national-des-elus-au-numerique>",
        app.base
    )));
    assert!(text.contains("dcat:startDate"), "{text}");
    let distribution = app.get("/id/distribution/csv-items-csv").await;
    assert!(distribution.text().contains("spdx:checksumValue"));
}

#[actix_web::test]
async fn schemas_that_exports_conform_to_are_served() {
    let app = spawn_app().await;
    let schema = app.get("/schemas/table-schemas/items.json").await;
    assert_eq!(schema.status, 200);
    assert_eq!(schema.json()["name"], "items");
    let context = app.get("/schemas/contexts/items.jsonld").await;
    assert_eq!(context.header("content-type"), Some("application/ld+json"));
    assert_eq!(context.json()["@context"]["iri"], "@id");
    app.get("/schemas/nothing.json").await.problem(404);
}

#[actix_web::test]
async fn json_lists_point_to_their_context_and_keep_their_page_links() {
    let app = spawn_app().await;
    let page = app.get("/api/v1/items?page_size=5").await;
    let link = page.header("link").expect("Link");
    assert!(link.contains("rel=\"next\""), "{link}");
    assert!(
        link.contains(
            "/schemas/contexts/items.jsonld>; rel=\"http://www.w3.org/ns/json-ld#context\""
        ),
        "{link}"
    );
}
