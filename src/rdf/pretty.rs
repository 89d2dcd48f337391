//! A Turtle writer for small graphs that people read (the SHACL shapes): a blank node used once
//! as an object is written inline (`[ … ]`), an RDF list as `( … )`, IRIs as prefixed names where
//! possible. Subjects keep the order of their first triple. `oxttl` writes every blank node with
//! a label, which is correct but hard to follow in a schema.

use std::collections::HashMap;
use std::io::Write;

use oxrdf::vocab::{rdf, xsd};
use oxrdf::{NamedOrBlankNode, Term, Triple};

/// Writes `triples` as Turtle with `prefixes`.
pub fn write_turtle<W: Write>(
    triples: &[Triple],
    prefixes: &[(&str, String)],
    mut writer: W,
) -> std::io::Result<W> {
    let mut by_subject: Vec<(&NamedOrBlankNode, Vec<&Triple>)> = Vec::new();
    let mut position: HashMap<&NamedOrBlankNode, usize> = HashMap::new();
    let mut object_uses: HashMap<&Term, usize> = HashMap::new();
    for triple in triples {
        let index = *position.entry(&triple.subject).or_insert_with(|| {
            by_subject.push((&triple.subject, Vec::new()));
            by_subject.len() - 1
        });
        by_subject[index].1.push(triple);
        if triple.object.is_blank_node() {
            *object_uses.entry(&triple.object).or_default() += 1;
        }
    }
    let subjects: HashMap<String, &Vec<&Triple>> = by_subject
        .iter()
        .map(|(subject, triples)| (subject.to_string(), triples))
        .collect();
    let writer_state = Pretty {
        prefixes,
        subjects: &subjects,
        object_uses: object_uses
            .into_iter()
            .map(|(term, n)| (term.to_string(), n))
            .collect(),
    };
    for (prefix, namespace) in prefixes {
        writeln!(writer, "@prefix {prefix}: <{namespace}> .")?;
    }
    for (subject, triples) in &by_subject {
        if writer_state.inlined(&subject.to_string()) {
            continue;
        }
        writeln!(writer)?;
        let subject = match subject {
            NamedOrBlankNode::NamedNode(node) => writer_state.iri(node.as_str()),
            other => other.to_string(),
        };
        writeln!(writer, "{subject}{} .", writer_state.properties(triples, 1))?;
    }
    Ok(writer)
}

struct Pretty<'a> {
    prefixes: &'a [(&'a str, String)],
    subjects: &'a HashMap<String, &'a Vec<&'a Triple>>,
    object_uses: HashMap<String, usize>,
}

impl Pretty<'_> {
    /// A blank node written where it is used: referenced exactly once.
    fn inlined(&self, node: &str) -> bool {
        node.starts_with("_:") && self.object_uses.get(node) == Some(&1)
    }

    /// ` p1 o1 ;\n  p2 o2, o3` for the triples of one subject.
    fn properties(&self, triples: &[&Triple], depth: usize) -> String {
        let indent = "    ".repeat(depth);
        let mut out = String::new();
        let mut previous: Option<&str> = None;
        for triple in triples {
            let object = self.term(&triple.object, depth);
            if previous == Some(triple.predicate.as_str()) {
                out.push_str(&format!(" , {object}"));
            } else {
                let predicate = if triple.predicate == rdf::TYPE {
                    "a".to_string()
                } else {
                    self.iri(triple.predicate.as_str())
                };
                if previous.is_some() {
                    out.push_str(" ;");
                }
                out.push_str(&format!("\n{indent}{predicate} {object}"));
            }
            previous = Some(triple.predicate.as_str());
        }
        out
    }

    fn term(&self, term: &Term, depth: usize) -> String {
        match term {
            Term::NamedNode(node) => self.iri(node.as_str()),
            Term::BlankNode(node) => {
                let label = node.to_string();
                if !self.inlined(&label) {
                    return label;
                }
                if let Some(items) = self.list(&label) {
                    let items: Vec<String> = items.iter().map(|t| self.term(t, depth)).collect();
                    return format!("( {} )", items.join(" "));
                }
                match self.subjects.get(&label) {
                    Some(triples) => format!(
                        "[{}\n{}]",
                        self.properties(triples, depth + 1),
                        "    ".repeat(depth)
                    ),
                    None => "[]".to_string(),
                }
            }
            Term::Literal(literal) if literal.datatype() == xsd::INTEGER => {
                let value = literal.value();
                if value.parse::<i64>().is_ok() {
                    value.to_string()
                } else {
                    literal.to_string()
                }
            }
            Term::Literal(literal) => {
                let datatype = literal.datatype();
                match (literal.language(), datatype == xsd::STRING) {
                    (None, false) => format!(
                        "{}^^{}",
                        oxrdf::Literal::new_simple_literal(literal.value()),
                        self.iri(datatype.as_str())
                    ),
                    _ => literal.to_string(),
                }
            }
            #[allow(unreachable_patterns)]
            other => other.to_string(),
        }
    }

    /// The items of a well-formed RDF list whose nodes are used once and say nothing else.
    fn list(&self, head: &str) -> Option<Vec<Term>> {
        let mut items = Vec::new();
        let mut node = head.to_string();
        while node != format!("<{}>", rdf::NIL.as_str()) {
            if !self.inlined(&node) {
                return None;
            }
            let triples = self.subjects.get(&node)?;
            let [first, rest] = triples.as_slice() else {
                return None;
            };
            if first.predicate != rdf::FIRST || rest.predicate != rdf::REST {
                return None;
            }
            items.push(first.object.clone());
            node = rest.object.to_string();
        }
        Some(items)
    }

    /// A prefixed name when the local part needs no escaping, else `<iri>`.
    fn iri(&self, iri: &str) -> String {
        self.prefixes
            .iter()
            .filter_map(|(prefix, namespace)| {
                let local = iri.strip_prefix(namespace.as_str())?;
                let simple = local
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                    && local.chars().next().is_none_or(|c| c.is_ascii_alphabetic());
                simple.then(|| format!("{prefix}:{local}"))
            })
            .next()
            .unwrap_or_else(|| format!("<{iri}>"))
    }
}
