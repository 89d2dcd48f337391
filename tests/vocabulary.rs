//! The project's own vocabulary, as published in `exports/rdf/vocabulary.ttl`: every `cn:` term
//! the dumps use is defined there, with French and English labels and definitions, a domain, a
//! range and the document that defines it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use congres_numerique::publication::Publication;
use oxrdf::{Term, Triple};
use oxrdfio::{RdfFormat, RdfParser};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn parse(path: &str, format: RdfFormat) -> Vec<Triple> {
    let bytes = std::fs::read(root().join(path)).expect(path);
    RdfParser::from_format(format)
        .for_slice(&bytes)
        .map(|quad| Triple::from(quad.expect(path)))
        .collect()
}

#[test]
fn every_term_the_dumps_use_is_defined_in_french_and_english() {
    let base = Publication::load(&root().join("seeds"))
        .expect("publication.toml")
        .base_url;
    let namespace = format!("{base}/def/");
    let dump = parse("exports/rdf/corpus.nt", RdfFormat::NTriples);
    let used: BTreeSet<String> = dump
        .iter()
        .flat_map(|t| {
            let object = match &t.object {
                Term::NamedNode(n) => Some(n.as_str().to_string()),
                _ => None,
            };
            std::iter::once(t.predicate.as_str().to_string()).chain(object)
        })
        .filter(|iri| iri.starts_with(&namespace))
        .collect();
    assert_eq!(
        used.len(),
        congres_numerique::vocab::TERMS.len(),
        "{used:?}"
    );

    let vocabulary = parse("exports/rdf/vocabulary.ttl", RdfFormat::Turtle);
    let document = format!("{base}/def");
    for term in &used {
        let about: Vec<&Triple> = vocabulary
            .iter()
            .filter(|t| t.subject.to_string() == format!("<{term}>"))
            .collect();
        let has = |predicate: &str, language: Option<&str>| {
            about.iter().any(|t| {
                t.predicate.as_str() == predicate
                    && match (&t.object, language) {
                        (Term::Literal(l), Some(language)) => {
                            l.language() == Some(language) && !l.value().is_empty()
                        }
                        (_, None) => true,
                        _ => false,
                    }
            })
        };
        for language in ["fr", "en"] {
            assert!(
                has("http://www.w3.org/2000/01/rdf-schema#label", Some(language)),
                "{term} label {language}"
            );
            assert!(
                has(
                    "http://www.w3.org/2004/02/skos/core#definition",
                    Some(language)
                ),
                "{term} definition {language}"
            );
        }
        assert!(
            has("http://www.w3.org/2000/01/rdf-schema#domain", None),
            "{term}"
        );
        assert!(
            has("http://www.w3.org/2000/01/rdf-schema#range", None),
            "{term}"
        );
        assert!(
            about.iter().any(|t| t.predicate.as_str()
                == "http://www.w3.org/2000/01/rdf-schema#isDefinedBy"
                && t.object.to_string() == format!("<{document}>")),
            "{term}"
        );
    }
}

#[test]
fn the_vocabulary_is_a_distribution_of_the_catalogue() {
    let base = Publication::load(&root().join("seeds"))
        .expect("publication.toml")
        .base_url;
    let catalogue = parse("exports/catalog.ttl", RdfFormat::Turtle);
    let url = format!("<{base}/exports/rdf/vocabulary.ttl>");
    assert!(
        catalogue.iter().any(
            |t| t.predicate.as_str() == "http://www.w3.org/ns/dcat#downloadURL"
                && t.object.to_string() == url
        ),
        "{url} is not in exports/catalog.ttl"
    );
}
