//! The VoID description of the dataset (`/.well-known/void`, RFC 5785 and VoID §6.2): what a
//! Linked Data crawler reads to find the SPARQL endpoint, the dumps and the IRI space, with the
//! statistics of the graph the endpoint serves.

use oxrdf::vocab::{rdf, xsd};
use oxrdf::{Literal, NamedNode, Triple};

use super::Endpoint;
use crate::publication::Publication;
use crate::rdf::{RdfError, RdfFormat, prefixes};

const VOID: &str = "http://rdfs.org/ns/void#";
const DCT: &str = "http://purl.org/dc/terms/";
const FOAF: &str = "http://xmlns.com/foaf/0.1/";
/// W3C's IRIs of the RDF formats (`void:feature`).
const FORMATS: &str = "http://www.w3.org/ns/formats/";

/// The path of the SPARQL endpoint.
pub const SPARQL_PATH: &str = "/sparql";
/// Where the description is served.
pub const VOID_PATH: &str = "/.well-known/void";

fn node(iri: &str) -> Result<NamedNode, RdfError> {
    NamedNode::new(iri).map_err(|source| RdfError::InvalidIri {
        iri: iri.to_string(),
        source,
    })
}

/// The triples of the description: the dataset (the IRI of the catalogue's `dcat:Dataset`) as a
/// `void:Dataset` with its SPARQL endpoint, dumps, IRI space, vocabularies and statistics.
pub fn void_graph(publication: &Publication, endpoint: &Endpoint) -> Result<Vec<Triple>, RdfError> {
    let base = publication.base_url.trim_end_matches('/');
    let dataset = node(endpoint.graph_iri())?;
    let document = node(&format!("{base}{VOID_PATH}"))?;
    let void = |local: &str| node(&format!("{VOID}{local}"));
    let dct = |local: &str| node(&format!("{DCT}{local}"));
    let mut g = Vec::new();
    let mut add = |p: NamedNode, o: oxrdf::Term| g.push(Triple::new(dataset.clone(), p, o));
    add(rdf::TYPE.into_owned(), void("Dataset")?.into());
    add(
        dct("title")?,
        Literal::new_language_tagged_literal_unchecked(&publication.title, "fr").into(),
    );
    add(
        dct("description")?,
        Literal::new_language_tagged_literal_unchecked(&publication.description, "fr").into(),
    );
    add(dct("license")?, node(&publication.license.url)?.into());
    add(dct("publisher")?, node(&publication.publisher.url)?.into());
    add(
        dct("modified")?,
        Literal::new_typed_literal(&publication.modified, xsd::DATE).into(),
    );
    add(
        node(&format!("{FOAF}homepage"))?,
        node(&format!("{base}/"))?.into(),
    );
    add(
        void("sparqlEndpoint")?,
        node(&format!("{base}{SPARQL_PATH}"))?.into(),
    );
    for format in RdfFormat::ALL {
        add(
            void("dataDump")?,
            node(&format!(
                "{base}/exports/rdf/corpus.{}",
                format.file_extension()
            ))?
            .into(),
        );
    }
    for feature in ["Turtle", "N-Triples", "JSON-LD", "RDF_XML"] {
        add(
            void("feature")?,
            node(&format!("{FORMATS}{feature}"))?.into(),
        );
    }
    add(
        void("uriSpace")?,
        Literal::new_simple_literal(format!("{base}/id/")).into(),
    );
    add(
        void("exampleResource")?,
        node(&publication.iri("congress", "2021"))?.into(),
    );
    add(
        void("rootResource")?,
        node(&publication.iri("theme-scheme", "themes"))?.into(),
    );
    // The vocabularies: the namespaces of the predicates and classes used, among the project's
    // prefixes (`cn:` included).
    let used: Vec<&String> = endpoint
        .predicates()
        .iter()
        .chain(endpoint.classes())
        .collect();
    for (_, namespace) in prefixes(base) {
        if used.iter().any(|iri| iri.starts_with(namespace.as_str())) {
            add(void("vocabulary")?, node(&namespace)?.into());
        }
    }
    let count = |n: usize| Literal::new_typed_literal(n.to_string(), xsd::INTEGER).into();
    add(void("triples")?, count(endpoint.triple_count()));
    add(void("distinctSubjects")?, count(endpoint.subject_count()));
    add(void("properties")?, count(endpoint.predicates().len()));
    add(void("classes")?, count(endpoint.classes().len()));
    // The document describes the dataset (VoID §6.1: `foaf:primaryTopic`).
    g.push(Triple::new(
        document.clone(),
        rdf::TYPE,
        void("DatasetDescription")?,
    ));
    g.push(Triple::new(
        document,
        node(&format!("{FOAF}primaryTopic"))?,
        dataset,
    ));
    Ok(g)
}

const SD: &str = "http://www.w3.org/ns/sparql-service-description#";

/// The SPARQL 1.1 Service Description of the endpoint: what `GET /sparql` without a query
/// answers to a program (Service Description §2). The language, the result formats, and the
/// default dataset (the VoID dataset, its one graph and its size).
pub fn service_description(
    publication: &Publication,
    endpoint: &Endpoint,
) -> Result<Vec<Triple>, RdfError> {
    let base = publication.base_url.trim_end_matches('/');
    let service = node(&format!("{base}{SPARQL_PATH}"))?;
    let dataset = node(endpoint.graph_iri())?;
    let graph = oxrdf::BlankNode::new_unchecked("default-graph");
    let sd = |local: &str| node(&format!("{SD}{local}"));
    let mut g = vec![
        Triple::new(service.clone(), rdf::TYPE, sd("Service")?),
        Triple::new(service.clone(), sd("endpoint")?, service.clone()),
        Triple::new(
            service.clone(),
            sd("supportedLanguage")?,
            sd("SPARQL11Query")?,
        ),
        Triple::new(service.clone(), sd("defaultDataset")?, dataset.clone()),
        Triple::new(dataset.clone(), rdf::TYPE, sd("Dataset")?),
        Triple::new(dataset, sd("defaultGraph")?, graph.clone()),
        Triple::new(graph.clone(), rdf::TYPE, sd("Graph")?),
        Triple::new(
            graph,
            node(&format!("{VOID}triples"))?,
            Literal::new_typed_literal(endpoint.triple_count().to_string(), xsd::INTEGER),
        ),
    ];
    for format in [
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "JSON-LD",
        "RDF_XML",
    ] {
        g.push(Triple::new(
            service.clone(),
            sd("resultFormat")?,
            node(&format!("{FORMATS}{format}"))?,
        ));
    }
    Ok(g)
}
