//! The SPARQL 1.1 query engine behind `/sparql`: oxigraph's in-memory store, loaded once at
//! start-up with exactly the triples of the RDF dumps ([`crate::rdf::corpus_graph`]), and the
//! rules that make it safe on a public server.
//!
//! - [`Endpoint::prepare`] parses a query and refuses what a read-only public endpoint does not
//!   run: updates (`INSERT`, `LOAD`…), `SERVICE`, and datasets other than the one graph served;
//! - [`Endpoint::run`] evaluates it under a [`CancellationToken`] (the caller cancels it when the
//!   time limit is reached) and stops at [`SparqlLimits::max_results`];
//! - [`results`] writes the answer in the SPARQL results formats or the RDF formats.
//!
//! The HTTP side (protocol, negotiation, problem details) is `crate::api::routes::sparql`.

pub mod examples;
pub mod results;
pub mod void;

use std::time::Duration;

use oxigraph::model::{GraphNameRef, QuadRef, Triple};
pub use oxigraph::sparql::CancellationToken;
use oxigraph::sparql::{QueryEvaluationError, QueryResults, QuerySolution, SparqlEvaluator};
use oxigraph::store::Store;
use spargebra::algebra::GraphPattern;
use spargebra::{Query, SparqlParser};

/// Limits of one query.
#[derive(Debug, Clone)]
pub struct SparqlLimits {
    /// Time a query may run; past it, it is cancelled and answered 503.
    pub timeout: Duration,
    /// Most solutions (SELECT) or triples (CONSTRUCT, DESCRIBE) one answer carries; a query
    /// that would give more is answered 400 and asked for a `LIMIT`.
    pub max_results: usize,
}

impl Default for SparqlLimits {
    /// Ten seconds: every example query answers in milliseconds, and a worker is never held
    /// long. 10,000 results: the whole graph has fewer than 3,000 triples at the real size, and
    /// the dumps are there for everything at once.
    fn default() -> Self {
        SparqlLimits {
            timeout: Duration::from_secs(10),
            max_results: 10_000,
        }
    }
}

/// Why a query is not answered.
#[derive(Debug, thiserror::Error)]
pub enum SparqlError {
    #[error("syntax error at line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("SPARQL Update is refused: this endpoint is read-only")]
    Update,
    #[error("SERVICE (federated query) is refused")]
    Service,
    #[error("unknown graph {0}: only the default graph is served")]
    UnknownGraph(String),
    #[error("named graphs are not served: the triples are all in the default graph")]
    NamedGraph,
    #[error("the query ran longer than {0:?}")]
    Timeout(Duration),
    #[error("the query gives more than {0} results")]
    TooManyResults(usize),
    #[error("cannot evaluate the query: {0}")]
    Evaluation(String),
    #[error("cannot load the store: {0}")]
    Store(String),
    #[error("the query is longer than {0} bytes")]
    TooLong(usize),
    #[error("the request body is not UTF-8")]
    NotUtf8,
    #[error("a query is sent as application/sparql-query or an urlencoded form, not {0:?}")]
    UnsupportedBody(String),
}

/// A parsed query that passed the checks of [`Endpoint::prepare`].
#[derive(Debug, Clone)]
pub struct Checked(Query);

impl Checked {
    /// Whether the answer is a set of triples (CONSTRUCT, DESCRIBE) rather than solutions or a
    /// boolean: the formats offered depend on it.
    pub fn gives_graph(&self) -> bool {
        matches!(self.0, Query::Construct { .. } | Query::Describe { .. })
    }
}

/// The answer to a query, read whole (at most [`SparqlLimits::max_results`] items) before a byte
/// is sent, so that a limit reached half-way is an error and not a truncated document.
#[derive(Debug)]
pub enum Answer {
    Solutions {
        variables: Vec<oxigraph::sparql::Variable>,
        rows: Vec<QuerySolution>,
    },
    Boolean(bool),
    Graph(Vec<Triple>),
}

/// The store and what the VoID description says of it.
#[derive(Clone)]
pub struct Endpoint {
    store: Store,
    triples: usize,
    /// Distinct subjects, predicates and classes (objects of `rdf:type`), sorted: VoID's
    /// statistics and vocabularies.
    subjects: usize,
    predicates: Vec<String>,
    classes: Vec<String>,
    /// The IRI clients may name in `default-graph-uri` or `FROM`: the dataset's.
    graph: String,
}

impl Endpoint {
    /// Loads `triples` into the default graph of a new in-memory store. `graph` is the IRI that
    /// names that graph (the dataset's IRI).
    pub fn build(triples: &[Triple], graph: &str) -> Result<Self, SparqlError> {
        let store = Store::new().map_err(|e| SparqlError::Store(e.to_string()))?;
        store
            .extend(triples.iter().map(|t| {
                QuadRef::new(
                    &t.subject,
                    &t.predicate,
                    &t.object,
                    GraphNameRef::DefaultGraph,
                )
                .into_owned()
            }))
            .map_err(|e| SparqlError::Store(e.to_string()))?;
        let count = store.len().map_err(|e| SparqlError::Store(e.to_string()))?;
        let subjects: std::collections::HashSet<_> = triples.iter().map(|t| &t.subject).collect();
        let predicates: std::collections::BTreeSet<_> =
            triples.iter().map(|t| t.predicate.as_str()).collect();
        let classes: std::collections::BTreeSet<_> = triples
            .iter()
            .filter(|t| t.predicate == oxrdf::vocab::rdf::TYPE)
            .filter_map(|t| match &t.object {
                oxrdf::Term::NamedNode(class) => Some(class.as_str()),
                _ => None,
            })
            .collect();
        Ok(Endpoint {
            store,
            triples: count,
            subjects: subjects.len(),
            predicates: predicates.into_iter().map(str::to_string).collect(),
            classes: classes.into_iter().map(str::to_string).collect(),
            graph: graph.to_string(),
        })
    }

    /// Distinct subjects of the graph.
    pub fn subject_count(&self) -> usize {
        self.subjects
    }

    /// The predicates used, sorted.
    pub fn predicates(&self) -> &[String] {
        &self.predicates
    }

    /// The classes instantiated, sorted.
    pub fn classes(&self) -> &[String] {
        &self.classes
    }

    /// Distinct triples served.
    pub fn triple_count(&self) -> usize {
        self.triples
    }

    /// The IRI of the one graph served.
    pub fn graph_iri(&self) -> &str {
        &self.graph
    }

    /// Parses `text` and checks it is a query this endpoint runs. `default_graphs` and
    /// `named_graphs` are the protocol's `default-graph-uri` and `named-graph-uri`: when given
    /// they replace the query's `FROM` and `FROM NAMED` (SPARQL 1.1 Protocol §2.1.4).
    pub fn prepare(
        &self,
        text: &str,
        default_graphs: &[String],
        named_graphs: &[String],
    ) -> Result<Checked, SparqlError> {
        let mut query = match SparqlParser::new().parse_query(text) {
            Ok(query) => query,
            // A valid update is not a syntax error: say why it is refused.
            Err(_) if SparqlParser::new().parse_update(text).is_ok() => {
                return Err(SparqlError::Update);
            }
            Err(error) => return Err(syntax_error(&error.to_string())),
        };
        let (dataset, pattern) = match &mut query {
            Query::Select {
                dataset, pattern, ..
            }
            | Query::Construct {
                dataset, pattern, ..
            }
            | Query::Describe {
                dataset, pattern, ..
            }
            | Query::Ask {
                dataset, pattern, ..
            } => (dataset, &*pattern),
        };
        if uses_service(pattern) {
            return Err(SparqlError::Service);
        }
        let (from, from_named) = match dataset.take() {
            Some(d) => (
                d.default.iter().map(|n| n.as_str().to_string()).collect(),
                d.named
                    .unwrap_or_default()
                    .iter()
                    .map(|n| n.as_str().to_string())
                    .collect(),
            ),
            None => (Vec::new(), Vec::new()),
        };
        let protocol_given = !default_graphs.is_empty() || !named_graphs.is_empty();
        let (default, named): (&[String], &[String]) = if protocol_given {
            (default_graphs, named_graphs)
        } else {
            (&from, &from_named)
        };
        if let Some(other) = default.iter().find(|g| **g != self.graph) {
            return Err(SparqlError::UnknownGraph(other.clone()));
        }
        if !named.is_empty() {
            return Err(SparqlError::NamedGraph);
        }
        // The dataset asked for is the default graph itself: `dataset` stays `None`.
        Ok(Checked(query))
    }

    /// Evaluates `query`, which stops with [`SparqlError::Timeout`] once `cancel` is cancelled.
    pub fn run(
        &self,
        query: Checked,
        limits: &SparqlLimits,
        cancel: CancellationToken,
    ) -> Result<Answer, SparqlError> {
        let evaluation = |error| evaluation_error(error, limits.timeout);
        // Without oxigraph's `http-client` feature there is no SERVICE handler at all: a
        // SERVICE is an error, never a request to another server.
        let results = SparqlEvaluator::new()
            .with_cancellation_token(cancel)
            .for_query(query.0)
            .on_store(&self.store)
            .execute()
            .map_err(evaluation)?;
        match results {
            QueryResults::Boolean(value) => Ok(Answer::Boolean(value)),
            QueryResults::Solutions(solutions) => {
                let variables = solutions.variables().to_vec();
                let mut rows = Vec::new();
                for solution in solutions {
                    if rows.len() == limits.max_results {
                        return Err(SparqlError::TooManyResults(limits.max_results));
                    }
                    rows.push(solution.map_err(evaluation)?);
                }
                Ok(Answer::Solutions { variables, rows })
            }
            QueryResults::Graph(graph) => {
                let mut triples = Vec::new();
                for triple in graph {
                    if triples.len() == limits.max_results {
                        return Err(SparqlError::TooManyResults(limits.max_results));
                    }
                    triples.push(triple.map_err(evaluation)?);
                }
                Ok(Answer::Graph(triples))
            }
        }
    }
}

fn evaluation_error(error: QueryEvaluationError, timeout: Duration) -> SparqlError {
    match error {
        QueryEvaluationError::Cancelled => SparqlError::Timeout(timeout),
        // A SERVICE the walk of `uses_service` did not see (inside FILTER EXISTS).
        QueryEvaluationError::Service(_)
        | QueryEvaluationError::UnsupportedService(_)
        | QueryEvaluationError::UnboundService
        | QueryEvaluationError::InvalidServiceName(_) => SparqlError::Service,
        other => SparqlError::Evaluation(other.to_string()),
    }
}

/// spargebra reports a syntax error as `error at {line}:{column}: expected …` (peg's
/// `ParseError<LineCol>`, the only form with a position; it has no accessor for it).
fn syntax_error(message: &str) -> SparqlError {
    let position = message
        .strip_prefix("error at ")
        .and_then(|rest| rest.split_once(": "))
        .and_then(|(position, detail)| {
            let (line, column) = position.split_once(':')?;
            Some((line.parse().ok()?, column.parse().ok()?, detail))
        });
    match position {
        Some((line, column, detail)) => SparqlError::Syntax {
            line,
            column,
            message: detail.to_string(),
        },
        None => SparqlError::Syntax {
            line: 1,
            column: 1,
            message: message.to_string(),
        },
    }
}

/// Whether a `SERVICE` appears in the query's patterns (sub-queries included).
fn uses_service(pattern: &GraphPattern) -> bool {
    match pattern {
        GraphPattern::Service { .. } => true,
        GraphPattern::Bgp { .. } | GraphPattern::Path { .. } | GraphPattern::Values { .. } => false,
        GraphPattern::Join { left, right }
        | GraphPattern::LeftJoin { left, right, .. }
        | GraphPattern::Lateral { left, right }
        | GraphPattern::Union { left, right }
        | GraphPattern::Minus { left, right } => uses_service(left) || uses_service(right),
        GraphPattern::Filter { inner, .. }
        | GraphPattern::Graph { inner, .. }
        | GraphPattern::Extend { inner, .. }
        | GraphPattern::OrderBy { inner, .. }
        | GraphPattern::Project { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::Slice { inner, .. }
        | GraphPattern::Group { inner, .. } => uses_service(inner),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxrdf::{Literal, NamedNode};

    fn endpoint() -> Endpoint {
        let s = NamedNode::new("http://x.test/s").unwrap();
        let p = NamedNode::new("http://x.test/p").unwrap();
        let triples: Vec<Triple> = (0..5)
            .map(|i| Triple::new(s.clone(), p.clone(), Literal::from(i)))
            .collect();
        Endpoint::build(&triples, "http://x.test/graph").unwrap()
    }

    #[test]
    fn a_syntax_error_names_its_line_and_column() {
        match endpoint().prepare("SELECT *\nWHERE { ?s ?p }", &[], &[]) {
            // The parser's furthest position: just after the `}` that came too early.
            Err(SparqlError::Syntax { line, column, .. }) => assert_eq!((line, column), (2, 16)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn updates_service_and_other_graphs_are_refused() {
        let e = endpoint();
        for update in [
            "INSERT DATA { <http://a> <http://b> <http://c> }",
            "LOAD <http://example.org/x>",
            "CLEAR ALL",
        ] {
            assert!(
                matches!(e.prepare(update, &[], &[]), Err(SparqlError::Update)),
                "{update}"
            );
        }
        let service = "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }";
        assert!(matches!(
            e.prepare(service, &[], &[]),
            Err(SparqlError::Service)
        ));
        let nested =
            "SELECT * { { SELECT * { OPTIONAL { SERVICE SILENT <http://e/> { ?s ?p ?o } } } } }";
        assert!(matches!(
            e.prepare(nested, &[], &[]),
            Err(SparqlError::Service)
        ));
        assert!(matches!(
            e.prepare("SELECT * FROM <http://other/> { ?s ?p ?o }", &[], &[]),
            Err(SparqlError::UnknownGraph(_))
        ));
        assert!(matches!(
            e.prepare("SELECT * { ?s ?p ?o }", &["http://other/".into()], &[]),
            Err(SparqlError::UnknownGraph(_))
        ));
        assert!(matches!(
            e.prepare(
                "SELECT * { ?s ?p ?o }",
                &[],
                &["http://x.test/graph".into()]
            ),
            Err(SparqlError::NamedGraph)
        ));
    }

    #[test]
    fn the_served_graph_may_be_named() {
        let e = endpoint();
        let limits = SparqlLimits::default();
        for (query, graphs) in [
            ("SELECT * FROM <http://x.test/graph> { ?s ?p ?o }", vec![]),
            (
                "SELECT * { ?s ?p ?o }",
                vec!["http://x.test/graph".to_string()],
            ),
            // The protocol's parameter replaces the query's FROM.
            (
                "SELECT * FROM <http://other/> { ?s ?p ?o }",
                vec!["http://x.test/graph".to_string()],
            ),
        ] {
            let checked = e.prepare(query, &graphs, &[]).unwrap();
            match e.run(checked, &limits, CancellationToken::new()).unwrap() {
                Answer::Solutions { rows, .. } => assert_eq!(rows.len(), 5, "{query}"),
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn the_result_cap_and_the_cancellation_stop_a_query() {
        let e = endpoint();
        let limits = SparqlLimits {
            max_results: 4,
            ..SparqlLimits::default()
        };
        let all = e.prepare("SELECT * { ?s ?p ?o }", &[], &[]).unwrap();
        assert!(matches!(
            e.run(all.clone(), &limits, CancellationToken::new()),
            Err(SparqlError::TooManyResults(4))
        ));
        let cancelled = CancellationToken::new();
        cancelled.cancel();
        assert!(matches!(
            e.run(all, &limits, cancelled),
            Err(SparqlError::Timeout(_))
        ));
    }
}
