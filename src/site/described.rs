//! The page a browser gets for a resource known only by its RDF description (a concept scheme,
//! a term of the vocabulary, a resource of the catalogue): one table per subject, the
//! resource's own first, predicates written as CURIEs.

use askama::Template;
use oxrdf::{NamedOrBlankNode, Term, Triple};

use crate::api::error::ApiError;
use crate::site::{Alternate, Head, render};

/// An object of a triple as the page shows it.
pub enum Object {
    Link { href: String, label: String },
    Text { text: String, lang: Option<String> },
}

pub struct Statement {
    pub predicate: String,
    pub object: Object,
}

/// The statements about one subject; `subject` is `None` for the page's own resource, `href`
/// its link when it is an IRI (a blank node has none).
pub struct Subject {
    pub subject: Option<String>,
    pub href: Option<String>,
    pub statements: Vec<Statement>,
}

#[derive(Template)]
#[template(path = "described.html")]
struct DescribedPage {
    head: Head,
    kind: String,
    label: String,
    iri: String,
    subjects: Vec<Subject>,
    alternates: Vec<Alternate>,
}

fn subject_text(subject: &NamedOrBlankNode) -> String {
    match subject {
        NamedOrBlankNode::NamedNode(node) => node.as_str().to_string(),
        other => other.to_string(),
    }
}

/// The page of `iri` from `triples`; `base_url` gives the project's prefixes for the CURIEs.
pub fn html(
    base_url: &str,
    label: &str,
    kind: &str,
    iri: &str,
    triples: &[Triple],
    alternates: Vec<Alternate>,
) -> Result<String, ApiError> {
    let prefixes = crate::rdf::prefixes(base_url);
    let curie = |iri: &str| -> String {
        prefixes
            .iter()
            .find_map(|(prefix, namespace)| {
                iri.strip_prefix(namespace.as_str())
                    .map(|local| format!("{prefix}:{local}"))
            })
            .unwrap_or_else(|| iri.to_string())
    };
    let mut order: Vec<String> = vec![iri.to_string()];
    for triple in triples {
        let subject = subject_text(&triple.subject);
        if !order.contains(&subject) {
            order.push(subject);
        }
    }
    let subjects = order
        .iter()
        .map(|subject| Subject {
            subject: (subject != iri).then(|| subject.clone()),
            href: (subject != iri && subject.starts_with("http")).then(|| subject.clone()),
            statements: triples
                .iter()
                .filter(|t| subject_text(&t.subject) == *subject)
                .map(|t| Statement {
                    predicate: curie(t.predicate.as_str()),
                    object: match &t.object {
                        Term::NamedNode(node) => Object::Link {
                            href: node.as_str().to_string(),
                            label: curie(node.as_str()),
                        },
                        Term::Literal(literal) => Object::Text {
                            text: literal.value().to_string(),
                            lang: literal.language().map(str::to_string),
                        },
                        other => Object::Text {
                            text: other.to_string(),
                            lang: None,
                        },
                    },
                })
                .collect(),
        })
        .collect();
    let mut head = Head::new(label, format!("{kind} : {label}"));
    head.alternates = alternates.clone();
    render(&DescribedPage {
        head,
        kind: kind.to_string(),
        label: label.to_string(),
        iri: iri.to_string(),
        subjects,
        alternates,
    })
}
