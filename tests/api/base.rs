//! One base everywhere: a service started with another base than the published one (here
//! `http://127.0.0.1:{port}`) gives only links to itself — in the API, the IRIs, the catalogue,
//! the JSON-LD contexts, the schemas, the file listing and the files under /exports/ — and every
//! one of them answers. Checked by crawling it from its entry points and following every link.

use std::collections::{BTreeSet, VecDeque};

use sha2::Digest;
use std::path::Path;

use crate::helpers::spawn_app_with_published_exports;

/// Absolute http(s) URLs in a text (ends at a character no URL here contains).
fn urls(text: &str) -> Vec<String> {
    // Links in HTML text are escaped (`&#34;` after a URL quoted in a citation, `&#38;` in a
    // query string): read them as the browser does.
    let text = text
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#60;", "<")
        .replace("&#62;", ">")
        .replace("&#38;", "&")
        .replace("&amp;", "&");
    let mut found = Vec::new();
    let mut rest = text.as_str();
    while let Some(start) = rest.find("http") {
        let candidate = &rest[start..];
        if candidate.starts_with("http://") || candidate.starts_with("https://") {
            let end = candidate
                .find(|c: char| c.is_whitespace() || "\"'<>()[]{}\\`|^,;".contains(c))
                .unwrap_or(candidate.len());
            found.push(candidate[..end].trim_end_matches(['.', ':']).to_string());
            rest = &candidate[end..];
        } else {
            rest = &candidate[4..];
        }
    }
    found
}

#[actix_web::test]
async fn a_local_run_links_only_to_itself_and_every_link_answers() {
    let app = spawn_app_with_published_exports().await;
    let published = congres_numerique::publication::Publication::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds"),
    )
    .expect("publication.toml")
    .base_url;
    assert_ne!(app.base, published);
    let host = published.split("://").nth(1).expect("a host").to_string();

    let mut queue: VecDeque<String> = [
        "/",
        "/api/v1",
        "/openapi.json",
        "/catalog",
        "/catalog.jsonld",
        "/catalog.rdf",
        "/def",
        "/api/v1/exports",
    ]
    .iter()
    .map(|p| format!("{}{p}", app.base))
    .collect();
    let mut seen: BTreeSet<String> = queue.iter().cloned().collect();
    let mut leaks = Vec::new();
    let mut broken = Vec::new();
    let mut fetched = 0;
    while let Some(url) = queue.pop_front() {
        fetched += 1;
        assert!(fetched < 20_000, "the crawl does not end");
        let response = app.get(&url).await;
        if response.status != 200 {
            broken.push(format!("{url}: {}", response.status));
            continue;
        }
        let mut text = String::from_utf8_lossy(&response.body).into_owned();
        for name in ["link", "content-location", "location"] {
            if let Some(value) = response.header(name) {
                text.push('\n');
                text.push_str(value);
            }
        }
        // A database or a Parquet file is served as published (a byte replacement would corrupt
        // it): the source URL it records is the public one.
        let binary = url.ends_with(".db") || url.ends_with(".parquet");
        // A released file is served frozen, byte for byte as published (its ETag is its SHA-256),
        // so it names the public host; the catalogue links each version's corpus.json.
        let released = url.starts_with(&format!("{}/releases/2", app.base));
        if text.contains(&host) && !binary && !released {
            leaks.push(url.clone());
        }
        for link in urls(&text) {
            // Follow this service's links (without fragments); the others are vocabularies.
            // A path ending in `/` other than the root is a namespace (`@vocab`, a prefix):
            // an IRI is made from it, it is not itself a link.
            let link = link.split('#').next().unwrap_or_default().to_string();
            let namespace = link.ends_with('/') && link != format!("{}/", app.base);
            if link.starts_with(&app.base) && !namespace && seen.insert(link.clone()) {
                queue.push_back(link);
            }
        }
    }
    eprintln!("crawled {fetched} resources");
    assert!(fetched > 1000, "only {fetched} resources crawled");
    assert!(
        leaks.is_empty(),
        "{} resources name {host}: {:?}",
        leaks.len(),
        leaks.iter().take(20).collect::<Vec<_>>()
    );
    assert!(broken.is_empty(), "{broken:#?}");
}

#[actix_web::test]
async fn a_local_catalogue_gives_the_size_and_checksum_of_each_file_it_serves() {
    let app = spawn_app_with_published_exports().await;
    let catalogue = app.get("/catalog.ttl").await;
    assert_eq!(catalogue.status, 200);
    let triples: Vec<oxrdf::Triple> = oxttl::TurtleParser::new()
        .for_slice(&catalogue.body)
        .map(|t| t.expect("the catalogue parses"))
        .collect();
    let object = |subject: &oxrdf::NamedOrBlankNode, predicate: &str| -> Option<oxrdf::Term> {
        triples
            .iter()
            .find(|t| t.subject == *subject && t.predicate.as_str() == predicate)
            .map(|t| t.object.clone())
    };
    let mut checked = 0;
    for triple in triples
        .iter()
        .filter(|t| t.predicate.as_str() == "http://www.w3.org/ns/dcat#downloadURL")
    {
        let oxrdf::Term::NamedNode(url) = &triple.object else {
            continue;
        };
        if !url.as_str().starts_with(&format!("{}/exports/", app.base)) {
            continue;
        }
        let file = app.get(url.as_str()).await;
        assert_eq!(file.status, 200, "{url}");
        let sha: String = sha2::Sha256::digest(&file.body)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let Some(oxrdf::Term::BlankNode(sum)) =
            object(&triple.subject, "http://spdx.org/rdf/terms#checksum")
        else {
            panic!("{url} has no checksum");
        };
        let Some(oxrdf::Term::Literal(value)) =
            object(&sum.into(), "http://spdx.org/rdf/terms#checksumValue")
        else {
            panic!("{url} has no checksum value");
        };
        assert_eq!(value.value(), sha, "{url}");
        let Some(oxrdf::Term::Literal(size)) =
            object(&triple.subject, "http://www.w3.org/ns/dcat#byteSize")
        else {
            panic!("{url} has no size");
        };
        assert_eq!(size.value(), file.body.len().to_string(), "{url}");
        checked += 1;
    }
    assert!(checked > 20, "{checked} files checked");
}
