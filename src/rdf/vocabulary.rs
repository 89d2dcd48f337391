//! The project's own vocabulary as RDF: the vocabulary document `{base}/def` and every `cn:`
//! term `{base}/def/{local}`, with its labels and definitions (from [`crate::vocab::TERMS`]) and
//! its domain and range, derived from the field the term maps so that they say what the dumps
//! hold: the domain is the class of the field's table, the range the field's datatype,
//! `rdf:langString` for French texts, or the class of the table a link points to.

use oxrdf::vocab::rdf;
use oxrdf::{Literal, NamedNode, Triple};

use super::RdfError;
use super::graph::{datatype, predicate_of};
use super::terms::{Terms, sort_and_dedup};
use crate::publication::Publication;
use crate::tables::{self, FieldInfo, Rdf, TABLES};
use crate::vocab::{self, OWL, RDFS, SKOS, VANN};

/// `{base}/def`: the IRI of the vocabulary document.
pub fn vocabulary_iri(base_url: &str) -> String {
    format!(
        "{}{}",
        base_url.trim_end_matches('/'),
        vocab::VOCABULARY_PATH
    )
}

/// `{base}/def/{local}`: the IRI of a term.
pub fn term_iri(base_url: &str, local: &str) -> String {
    format!(
        "{}{}{local}",
        base_url.trim_end_matches('/'),
        vocab::CN_PATH
    )
}

/// The field (and its table's first class) that a `cn:` term maps.
fn field_of(local: &str) -> Option<(&'static str, FieldInfo)> {
    let curie = format!("cn:{local}");
    TABLES.iter().find_map(|table| {
        table
            .fields()
            .into_iter()
            .find(|f| predicate_of(f) == Some(curie.as_str()))
            .map(|f| {
                (
                    table
                        .meta()
                        .classes
                        .first()
                        .copied()
                        .unwrap_or("rdfs:Resource"),
                    f,
                )
            })
    })
}

/// The whole vocabulary: the document's own description, then every term's.
pub fn vocabulary_graph(publication: &Publication) -> Result<Vec<Triple>, RdfError> {
    let base = publication.base_url.as_str();
    let terms = Terms::new(base);
    let document = terms.iri(vocabulary_iri(base))?;
    let fr = |text: &str| Literal::new_language_tagged_literal_unchecked(text, "fr");
    let en = |text: &str| Literal::new_language_tagged_literal_unchecked(text, "en");
    let iri = |namespace: &str, local: &str| terms.iri(format!("{namespace}{local}"));
    let mut triples = vec![
        Triple::new(document.clone(), rdf::TYPE, iri(OWL, "Ontology")?),
        Triple::new(
            document.clone(),
            terms.curie("dct:title")?,
            fr(&format!("Vocabulaire de « {} »", publication.title)),
        ),
        Triple::new(
            document.clone(),
            terms.curie("dct:title")?,
            en("Vocabulary of the motions of the Congrès national des élus au numérique"),
        ),
        Triple::new(
            document.clone(),
            terms.curie("dct:description")?,
            fr(
                "Les termes propres à la publication, pour les faits qu'aucun vocabulaire établi ne dit (un nombre tel qu'imprimé et son qualificatif, une fonction telle qu'imprimée, la nature d'une section).",
            ),
        ),
        Triple::new(
            document.clone(),
            terms.curie("dct:description")?,
            en(
                "The publication's own terms, for facts no established vocabulary states (a count as printed and its qualifier, a role as printed, the kind of a section).",
            ),
        ),
        Triple::new(
            document.clone(),
            terms.curie("dct:license")?,
            terms.iri(publication.license.url.as_str())?,
        ),
        Triple::new(
            document.clone(),
            terms.curie("dct:modified")?,
            Literal::new_typed_literal(publication.modified.as_str(), oxrdf::vocab::xsd::DATE),
        ),
        Triple::new(
            document.clone(),
            iri(VANN, "preferredNamespacePrefix")?,
            Literal::new_simple_literal("cn"),
        ),
        Triple::new(
            document.clone(),
            iri(VANN, "preferredNamespaceUri")?,
            Literal::new_typed_literal(
                format!("{}{}", base.trim_end_matches('/'), vocab::CN_PATH),
                oxrdf::vocab::xsd::ANY_URI,
            ),
        ),
    ];
    for term in vocab::TERMS {
        let subject = terms.iri(term_iri(base, term.local))?;
        let (class, field) = field_of(term.local).ok_or(RdfError::UnusedTerm(term.local))?;
        let kind = match field.rdf {
            Rdf::Link(_) | Rdf::Iri(_) => "ObjectProperty",
            _ => "DatatypeProperty",
        };
        triples.extend([
            Triple::new(subject.clone(), rdf::TYPE, rdf::PROPERTY),
            Triple::new(subject.clone(), rdf::TYPE, iri(OWL, kind)?),
            Triple::new(subject.clone(), iri(RDFS, "label")?, fr(term.label_fr)),
            Triple::new(subject.clone(), iri(RDFS, "label")?, en(term.label_en)),
            Triple::new(
                subject.clone(),
                iri(RDFS, "comment")?,
                fr(term.definition_fr),
            ),
            Triple::new(
                subject.clone(),
                iri(RDFS, "comment")?,
                en(term.definition_en),
            ),
            Triple::new(
                subject.clone(),
                iri(SKOS, "definition")?,
                fr(term.definition_fr),
            ),
            Triple::new(
                subject.clone(),
                iri(SKOS, "definition")?,
                en(term.definition_en),
            ),
            Triple::new(subject.clone(), iri(RDFS, "domain")?, terms.curie(class)?),
            Triple::new(subject.clone(), iri(RDFS, "range")?, range(&terms, &field)?),
            Triple::new(subject.clone(), iri(RDFS, "isDefinedBy")?, document.clone()),
        ]);
    }
    Ok(sort_and_dedup(triples))
}

/// What the dumps give as the object of a field's predicate.
fn range(terms: &Terms, field: &FieldInfo) -> Result<NamedNode, RdfError> {
    match field.rdf {
        Rdf::French(_) => Ok(rdf::LANG_STRING.into_owned()),
        Rdf::Link(_) => {
            let class = field
                .target()
                .and_then(tables::table)
                .and_then(|t| t.meta().classes.first().copied())
                .ok_or(RdfError::NotALink(field.name))?;
            terms.curie(class)
        }
        Rdf::Iri(_) => terms.curie("rdfs:Resource"),
        Rdf::Literal(_) | Rdf::None => Ok(datatype(field.field_type)),
    }
}

/// The description of one term (its own triples), `None` for an unknown local name.
pub fn term_graph(publication: &Publication, local: &str) -> Result<Option<Vec<Triple>>, RdfError> {
    if vocab::term(local).is_none() {
        return Ok(None);
    }
    let subject = term_iri(&publication.base_url, local);
    Ok(Some(
        vocabulary_graph(publication)?
            .into_iter()
            .filter(|t| matches!(&t.subject, oxrdf::NamedOrBlankNode::NamedNode(n) if n.as_str() == subject))
            .collect(),
    ))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn every_term_has_labels_definitions_domain_range_and_its_document() {
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let publication = Publication::load(&seeds).unwrap();
        let graph = vocabulary_graph(&publication).unwrap();
        for term in vocab::TERMS {
            let described = term_graph(&publication, term.local).unwrap().unwrap();
            let predicates: Vec<&str> = described.iter().map(|t| t.predicate.as_str()).collect();
            for (predicate, count) in [
                (format!("{RDFS}label"), 2),
                (format!("{RDFS}comment"), 2),
                (format!("{SKOS}definition"), 2),
                (format!("{RDFS}domain"), 1),
                (format!("{RDFS}range"), 1),
                (format!("{RDFS}isDefinedBy"), 1),
            ] {
                assert_eq!(
                    predicates.iter().filter(|p| **p == predicate).count(),
                    count,
                    "{} {predicate}",
                    term.local
                );
            }
            assert!(described.iter().all(|t| graph.contains(t)));
        }
        let as_printed = term_graph(&publication, "asPrinted").unwrap().unwrap();
        let range = as_printed
            .iter()
            .find(|t| t.predicate.as_str().ends_with("#range"))
            .unwrap();
        assert_eq!(range.object, rdf::LANG_STRING.into_owned().into());
        assert!(term_graph(&publication, "nope").unwrap().is_none());
    }
}
