//! What harvesters rely on, stated on the real corpus.

use std::path::Path;

use oxrdf::{NamedOrBlankNode, Term, Triple};

use super::*;

fn fixtures() -> (Publication, Corpus, Vec<PublishedFile>) {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let publication = Publication::load(&seeds).unwrap();
    let corpus = Corpus::load(&seeds).unwrap();
    let files = vec![
        PublishedFile {
            path: "csv/items.csv".into(),
            byte_size: 1234,
            sha256: "ab".repeat(32),
            title: "Items".into(),
            description: "Une ligne par item.".into(),
            modified: None,
            conforms_to: Some("schemas/table-schemas/items.json".into()),
        },
        PublishedFile {
            path: "README.md".into(),
            byte_size: 10,
            sha256: "cd".repeat(32),
            title: "Documentation".into(),
            description: "Description du jeu de données.".into(),
            modified: None,
            conforms_to: None,
        },
    ];
    (publication, corpus, files)
}

fn objects<'a>(triples: &'a [Triple], subject: &str, predicate: &str) -> Vec<&'a Term> {
    triples
        .iter()
        .filter(|t| {
            matches!(&t.subject, NamedOrBlankNode::NamedNode(n) if n.as_str() == subject)
                && t.predicate.as_str() == predicate
        })
        .map(|t| &t.object)
        .collect()
}

#[test]
fn the_dataset_has_a_literal_identifier_and_what_the_quality_score_counts() {
    let (publication, corpus, files) = fixtures();
    let triples = catalog_graph(&publication, &corpus, &files);
    let dataset = publication.iri("dataset", &publication.identifier);
    let identifier = objects(&triples, &dataset, &format!("{DCT}identifier"));
    assert!(
        matches!(identifier.as_slice(), [Term::Literal(l)] if l.value() == publication.identifier)
    );
    for predicate in [
        format!("{DCT}title"),
        format!("{DCT}description"),
        format!("{DCT}spatial"),
        format!("{DCT}accrualPeriodicity"),
        format!("{DCT}temporal"),
        format!("{DCAT}contactPoint"),
        format!("{DCT}publisher"),
        format!("{DCAT}landingPage"),
    ] {
        assert_eq!(
            objects(&triples, &dataset, &predicate).len(),
            1,
            "{predicate}"
        );
    }
    let temporal = objects(&triples, &dataset, &format!("{DCT}temporal"));
    assert!(
        matches!(temporal[0], Term::BlankNode(_)),
        "a blank node for data.gouv.fr"
    );
    assert!(publication.description.chars().count() > 100);
    let themes = objects(&triples, &dataset, &format!("{DCAT}theme"));
    assert!(
        themes
            .iter()
            .any(|t| t.to_string().ends_with("data-theme/GOVE>"))
    );
}

#[test]
fn every_distribution_has_url_size_format_checksum_and_licence() {
    let (publication, corpus, files) = fixtures();
    let triples = catalog_graph(&publication, &corpus, &files);
    let items = publication.iri("distribution", "csv-items-csv");
    let download = objects(&triples, &items, &format!("{DCAT}downloadURL"));
    assert_eq!(
        download[0].to_string(),
        format!("<{}/exports/csv/items.csv>", publication.base_url)
    );
    assert_eq!(
        objects(&triples, &items, &format!("{DCAT}byteSize"))[0].to_string(),
        "\"1234\"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>"
    );
    assert_eq!(
        objects(&triples, &items, &format!("{DCT}format"))[0].to_string(),
        "<http://publications.europa.eu/resource/authority/file-type/CSV>"
    );
    assert_eq!(
        objects(&triples, &items, &format!("{DCAT}mediaType"))[0].to_string(),
        "<https://www.iana.org/assignments/media-types/text/csv>"
    );
    assert_eq!(
        objects(&triples, &items, &format!("{DCT}license"))[0].to_string(),
        format!("<{}>", publication.license.url)
    );
    assert_eq!(
        objects(&triples, &items, &format!("{SPDX}checksum")).len(),
        1
    );
    assert_eq!(
        objects(&triples, &items, &format!("{DCT}conformsTo"))[0].to_string(),
        format!(
            "<{}/schemas/table-schemas/items.json>",
            publication.base_url
        )
    );
}

#[test]
fn the_api_is_a_data_service_reached_through_an_api_distribution() {
    let (publication, corpus, files) = fixtures();
    let triples = catalog_graph(&publication, &corpus, &files);
    let service = publication.iri("data-service", "api-v1");
    assert_eq!(
        objects(&triples, &service, &format!("{DCAT}endpointURL"))[0].to_string(),
        format!("<{}/api/v1/>", publication.base_url)
    );
    assert_eq!(
        objects(&triples, &service, &format!("{DCAT}endpointDescription"))[0].to_string(),
        format!("<{}/openapi.json>", publication.base_url)
    );
    let api = publication.iri("distribution", "api-v1");
    assert_eq!(
        objects(&triples, &api, &format!("{DCAT}accessService")).len(),
        1
    );
}

#[test]
fn the_catalogue_is_deterministic() {
    let (publication, corpus, files) = fixtures();
    assert_eq!(
        catalog_graph(&publication, &corpus, &files),
        catalog_graph(&publication, &corpus, &files)
    );
}

#[test]
fn temporal_coverage_runs_from_the_first_congress_to_the_latest_year() {
    let (_, corpus, _) = fixtures();
    assert_eq!(
        temporal_coverage(&corpus),
        Some(("2019-01-29".to_string(), "2026-12-31".to_string()))
    );
}

#[test]
fn data_gouv_metadata_meets_the_quality_score() {
    let (publication, corpus, files) = fixtures();
    let metadata = datagouv::metadata(&publication, &corpus, &files);
    let dataset = &metadata["dataset"];
    assert_eq!(dataset["license"], "lov2");
    assert_eq!(dataset["frequency"], "annual");
    assert_eq!(dataset["spatial"]["zones"][0], "country:fr");
    assert_eq!(dataset["temporal_coverage"]["start"], "2019-01-29");
    assert!(dataset["description"].as_str().unwrap().chars().count() > 100);
    let resources = metadata["resources"].as_array().unwrap();
    let types: Vec<&str> = resources
        .iter()
        .map(|r| r["type"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["main", "documentation", "api"]);
    assert_eq!(resources[0]["checksum"]["type"], "sha256");
    assert_eq!(resources[0]["format"], "csv");
    assert!(
        resources[0]["schema"]["url"]
            .as_str()
            .unwrap()
            .ends_with("items.json")
    );
}

#[test]
fn the_datagouv_profile_differs_only_where_udata_needs_it() {
    let (publication, corpus, files) = fixtures();
    let dcat_ap = catalog_graph_for(Profile::DcatAp, &publication, &corpus, &files);
    let datagouv = catalog_graph_for(Profile::DataGouv, &publication, &corpus, &files);
    let checksum_values = |triples: &[Triple]| -> Vec<String> {
        triples
            .iter()
            .filter(|t| t.predicate.as_str() == format!("{SPDX}checksumValue"))
            .map(|t| match &t.object {
                Term::Literal(l) => l.datatype().as_str().to_string(),
                other => panic!("checksum value {other} is not a literal"),
            })
            .collect()
    };
    // DCAT-AP's shapes want xsd:hexBinary; udata wants a plain string.
    assert_eq!(
        checksum_values(&dcat_ap),
        vec![format!("{XSD}hexBinary"); files.len()]
    );
    assert_eq!(
        checksum_values(&datagouv),
        vec![format!("{XSD}string"); files.len()]
    );
    // udata harvests as a data service only a service no distribution names as access service.
    let service = publication.iri("data-service", "api-v1");
    let names_service = |triples: &[Triple]| {
        triples.iter().any(|t| {
            t.predicate.as_str() == format!("{DCAT}accessService")
                && matches!(&t.object, Term::NamedNode(n) if n.as_str() == service)
        })
    };
    assert!(names_service(&dcat_ap));
    assert!(!names_service(&datagouv));
    assert_eq!(
        objects(&datagouv, &service, &format!("{DCT}identifier")).len(),
        1
    );
}
