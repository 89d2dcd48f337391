//! An [`Answer`] written in the format asked for: the SPARQL 1.1 results formats for solutions
//! and booleans (written by oxigraph's sparesults), the project's RDF serialisers for graphs (the
//! same prefixes and writers as the dumps).

use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};

use super::Answer;
use crate::rdf::{self, RdfFormat};

/// A SPARQL results format (SELECT, ASK).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultsFormat {
    Json,
    Xml,
    Csv,
    Tsv,
}

impl ResultsFormat {
    pub const ALL: [ResultsFormat; 4] = [
        ResultsFormat::Json,
        ResultsFormat::Xml,
        ResultsFormat::Csv,
        ResultsFormat::Tsv,
    ];

    pub fn media_type(self) -> &'static str {
        match self {
            ResultsFormat::Json => "application/sparql-results+json",
            ResultsFormat::Xml => "application/sparql-results+xml",
            ResultsFormat::Csv => "text/csv",
            ResultsFormat::Tsv => "text/tab-separated-values",
        }
    }

    /// The `format` parameter's value.
    pub fn code(self) -> &'static str {
        match self {
            ResultsFormat::Json => "json",
            ResultsFormat::Xml => "xml",
            ResultsFormat::Csv => "csv",
            ResultsFormat::Tsv => "tsv",
        }
    }

    fn sparesults(self) -> QueryResultsFormat {
        match self {
            ResultsFormat::Json => QueryResultsFormat::Json,
            ResultsFormat::Xml => QueryResultsFormat::Xml,
            ResultsFormat::Csv => QueryResultsFormat::Csv,
            ResultsFormat::Tsv => QueryResultsFormat::Tsv,
        }
    }
}

/// The RDF formats a CONSTRUCT or DESCRIBE answers in (those of the dumps).
pub const GRAPH_FORMATS: [RdfFormat; 4] = [
    RdfFormat::Turtle,
    RdfFormat::NTriples,
    RdfFormat::JsonLd,
    RdfFormat::RdfXml,
];

/// The `format` parameter's values for a graph. SPARQLWrapper sends `format=xml` for RDF/XML
/// and `format=json` for JSON-LD, hence the short forms.
pub fn graph_format_from_code(code: &str) -> Option<RdfFormat> {
    match code {
        "turtle" | "ttl" | "n3" => Some(RdfFormat::Turtle),
        "nt" | "ntriples" | "n-triples" => Some(RdfFormat::NTriples),
        "jsonld" | "json-ld" | "json" => Some(RdfFormat::JsonLd),
        "rdf" | "rdfxml" | "rdf+xml" | "xml" => Some(RdfFormat::RdfXml),
        _ => RdfFormat::from_media_type(code).filter(|f| GRAPH_FORMATS.contains(f)),
    }
}

/// The `format` parameter's values for solutions and booleans.
pub fn results_format_from_code(code: &str) -> Option<ResultsFormat> {
    ResultsFormat::ALL
        .into_iter()
        .find(|f| f.code() == code || f.media_type() == code)
}

/// The codes accepted for a graph, for error messages.
pub const GRAPH_CODES: [&str; 4] = ["turtle", "ntriples", "jsonld", "rdfxml"];

/// Writes solutions or a boolean in `format`. `None` for a graph (see [`write_graph`]).
pub fn write_results(answer: &Answer, format: ResultsFormat) -> std::io::Result<Option<Vec<u8>>> {
    let serializer = QueryResultsSerializer::from_format(format.sparesults());
    match answer {
        Answer::Boolean(value) => serializer
            .serialize_boolean_to_writer(Vec::new(), *value)
            .map(Some),
        Answer::Solutions { variables, rows } => {
            let mut writer =
                serializer.serialize_solutions_to_writer(Vec::new(), variables.clone())?;
            for row in rows {
                writer.serialize(row)?;
            }
            writer.finish().map(Some)
        }
        Answer::Graph(_) => Ok(None),
    }
}

/// Writes a graph in `format`, with the dumps' prefixes for `base_url`. `None` for solutions.
pub fn write_graph(
    answer: &Answer,
    format: RdfFormat,
    base_url: &str,
) -> Result<Option<Vec<u8>>, rdf::RdfError> {
    match answer {
        Answer::Graph(triples) => rdf::serialize(triples, format, base_url, Vec::new()).map(Some),
        _ => Ok(None),
    }
}
