//! Building checked RDF terms: IRIs are validated when built (an invalid base URL or web site
//! becomes an error naming it, never a malformed dump), CURIEs expand through [`crate::vocab`].

use oxrdf::vocab::rdf;
use oxrdf::{NamedNode, Triple};

use super::RdfError;
use crate::vocab;

/// Term construction against the publication's base IRI (for the project's own `cn:` terms).
pub(crate) struct Terms<'a> {
    base: &'a str,
}

impl<'a> Terms<'a> {
    pub(crate) fn new(base: &'a str) -> Self {
        Self { base }
    }

    /// A checked IRI.
    pub(crate) fn iri(&self, iri: impl Into<String>) -> Result<NamedNode, RdfError> {
        let iri = iri.into();
        NamedNode::new(iri.as_str()).map_err(|source| RdfError::InvalidIri { iri, source })
    }

    /// A CURIE (`dct:title`, `cn:asPrinted`) as a checked IRI.
    pub(crate) fn curie(&self, curie: &str) -> Result<NamedNode, RdfError> {
        let iri = vocab::expand_with_base(curie, self.base)
            .ok_or_else(|| RdfError::UnknownPrefix(curie.to_string()))?;
        self.iri(iri)
    }
}

/// The prefixes written in Turtle, RDF/XML and JSON-LD: the shared vocabularies, then the
/// project's own `cn:` namespace under the publication's base.
pub fn prefixes(base: &str) -> Vec<(&'static str, String)> {
    vocab::PREFIXES
        .iter()
        .map(|(prefix, namespace)| (*prefix, (*namespace).to_string()))
        .chain(std::iter::once((
            "cn",
            format!("{}{}", base.trim_end_matches('/'), vocab::CN_PATH),
        )))
        .collect()
}

/// Sorts triples by subject, predicate, object (as written in N-Triples; `rdf:type` first, as
/// readers expect) and removes duplicates: the order every serialisation follows, so that dumps
/// are reproducible.
pub(crate) fn sort_and_dedup(mut triples: Vec<Triple>) -> Vec<Triple> {
    triples.sort_by_cached_key(|t| {
        (
            t.subject.to_string(),
            t.predicate != rdf::TYPE,
            t.predicate.as_str().to_string(),
            t.object.to_string(),
        )
    });
    triples.dedup();
    triples
}
