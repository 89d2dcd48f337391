//! The corpus as Linked Data: one graph derived from the field definitions of
//! [`crate::tables`], written in four serialisations, and the SHACL shapes that describe it.
//!
//! - [`corpus_graph`]: every triple, sorted, for the dumps;
//! - [`entity_graph`]: one entity and the labels of what it links to, for dereferenceable IRIs;
//! - [`serialize`]: triples in any [`RdfFormat`], with the project's fixed prefixes;
//! - [`shapes_graph`]: SHACL shapes of the model, derived from the same definitions;
//! - [`vocabulary_graph`]: the project's own `cn:` vocabulary, which the dumps use.

mod format;
mod graph;
mod pretty;
mod serialize;
mod shapes;
mod terms;
mod vocabulary;

pub use format::RdfFormat;
pub use graph::{FACT_KEYS, RowFacts, corpus_graph, entity_graph, fact_keys, row_facts};
pub use serialize::serialize;
pub use shapes::{shapes_graph, shapes_turtle};
pub use terms::prefixes;
pub use vocabulary::{term_graph, term_iri, vocabulary_graph, vocabulary_iri};

pub(crate) use graph::{datatype, predicate_of};

/// Why RDF could not be built or written.
#[derive(Debug, thiserror::Error)]
pub enum RdfError {
    #[error("\"{iri}\" is not a valid IRI: {source}")]
    InvalidIri {
        iri: String,
        source: oxrdf::IriParseError,
    },
    #[error("invalid prefix IRI: {0}")]
    Prefix(#[from] oxrdf::IriParseError),
    #[error("\"{0}\" uses an unknown prefix (see vocab::PREFIXES)")]
    UnknownPrefix(String),
    #[error("cn:{0} is defined in vocab::TERMS but no field uses it")]
    UnusedTerm(&'static str),
    #[error("field {0} is mapped to an RDF link but refers to no table")]
    NotALink(&'static str),
    #[error("cannot write RDF: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot re-indent JSON-LD: {0}")]
    Json(#[from] serde_json::Error),
}
