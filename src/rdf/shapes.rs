//! SHACL shapes of the corpus graph, derived from the same field definitions as the graph
//! itself: one `sh:NodeShape` per table, one property shape per predicate it uses (datatype,
//! language, class of the linked entity, closed list of codes, `sh:minCount 1` for required
//! fields). They document the project's own `cn:` terms too (`sh:name`, `sh:description`).
//!
//! Targeting: a table whose first class belongs to no other table is targeted by that class.
//! Several tables share `schema:CreativeWork` alone (footnotes, parts, sections, items), so their
//! shapes apply to the nodes of that class whose IRI lies under `{base}/id/{entity}/`: in SHACL
//! Core, "not under that path, or conforms to the table's shape" (`sh:or` of `sh:not sh:pattern`
//! and `sh:node`).

use oxrdf::vocab::{rdf, xsd};
use oxrdf::{BlankNode, Literal, NamedNode, NamedOrBlankNode, Term, Triple};

use super::RdfError;
use super::graph::{CONCEPT_CLASS, MOTIONS_TABLE, datatype, predicate_of, scheme_iri};
use super::terms::Terms;
use crate::publication::Publication;
use crate::tables::{self, AnyTable, FieldInfo, FieldType, Rdf, TABLES};

/// The shapes as Turtle, laid out for reading (property shapes inline), with the `sh:` prefix.
pub fn shapes_turtle(publication: &Publication) -> Result<Vec<u8>, RdfError> {
    let mut prefixes = vec![("sh", crate::vocab::SH.to_string())];
    prefixes.extend(super::prefixes(&publication.base_url));
    Ok(super::pretty::write_turtle(
        &shapes_graph(publication)?,
        &prefixes,
        Vec::new(),
    )?)
}

/// The SHACL shapes graph, in a stable order (by table, then field).
pub fn shapes_graph(publication: &Publication) -> Result<Vec<Triple>, RdfError> {
    let terms = Terms::new(&publication.base_url);
    let mut out = Shapes {
        terms,
        publication,
        triples: Vec::new(),
        blank: 0,
    };
    for table in TABLES {
        out.table(*table)?;
    }
    Ok(out.triples)
}

struct Shapes<'a> {
    terms: Terms<'a>,
    publication: &'a Publication,
    triples: Vec<Triple>,
    /// Counter for blank node ids, so that the output is reproducible.
    blank: usize,
}

impl Shapes<'_> {
    fn sh(&self, local: &str) -> Result<NamedNode, RdfError> {
        self.terms.iri(format!("{}{local}", crate::vocab::SH))
    }

    fn blank(&mut self) -> BlankNode {
        self.blank += 1;
        BlankNode::new_unchecked(format!("b{}", self.blank))
    }

    fn add(
        &mut self,
        subject: impl Into<NamedOrBlankNode>,
        predicate: NamedNode,
        object: impl Into<Term>,
    ) {
        self.triples.push(Triple::new(subject, predicate, object));
    }

    fn french(text: &str) -> Literal {
        Literal::new_language_tagged_literal_unchecked(text, "fr")
    }

    /// An RDF list of `items`; its head.
    fn list(&mut self, items: Vec<Term>) -> Term {
        let mut head: Term = rdf::NIL.into_owned().into();
        for item in items.into_iter().rev() {
            let node = self.blank();
            self.add(node.clone(), rdf::FIRST.into_owned(), item);
            self.add(node.clone(), rdf::REST.into_owned(), head);
            head = node.into();
        }
        head
    }

    fn table(&mut self, table: &dyn AnyTable) -> Result<(), RdfError> {
        let meta = table.meta();
        let Some(class) = meta.classes.first() else {
            return Ok(());
        };
        let shape = self
            .terms
            .curie(&format!("cn:{}Shape", pascal(meta.entity)))?;
        self.add(shape.clone(), rdf::TYPE.into_owned(), self.sh("NodeShape")?);
        self.add(shape.clone(), self.sh("name")?, Self::french(meta.title));
        self.add(
            shape.clone(),
            self.sh("description")?,
            Self::french(meta.description),
        );
        let shared = TABLES
            .iter()
            .any(|other| other.meta().name != meta.name && other.meta().classes.contains(class));
        let class = self.terms.curie(class)?;
        if shared {
            self.target_by_path(&shape, class, meta.entity)?;
        } else {
            self.add(shape.clone(), self.sh("targetClass")?, class);
        }

        // One property shape per predicate, in field order: two fields may share one (a section
        // `dct:isPartOf` its motion and its part).
        let mut by_predicate: Vec<(&str, Vec<FieldInfo>)> = Vec::new();
        for field in table.fields() {
            let Some(predicate) = predicate_of(&field) else {
                continue;
            };
            match by_predicate.iter_mut().find(|(p, _)| *p == predicate) {
                Some((_, fields)) => fields.push(field),
                None => by_predicate.push((predicate, vec![field])),
            }
        }
        for (predicate, fields) in by_predicate {
            self.property(&shape, predicate, &fields)?;
        }
        self.special_facts(&shape, table)
    }

    /// Applies `shape` to the nodes of `class` whose IRI is under `{base}/id/{entity}/`.
    fn target_by_path(
        &mut self,
        shape: &NamedNode,
        class: NamedNode,
        entity: &str,
    ) -> Result<(), RdfError> {
        let target = self
            .terms
            .curie(&format!("cn:{}TargetShape", pascal(entity)))?;
        self.add(
            target.clone(),
            rdf::TYPE.into_owned(),
            self.sh("NodeShape")?,
        );
        let description = format!(
            "Applique {} aux nœuds de cette classe dont l'IRI commence par {} (la classe est partagée par plusieurs tables).",
            pascal(entity) + "Shape",
            self.publication.iri(entity, "")
        );
        self.add(
            target.clone(),
            self.sh("description")?,
            Self::french(&description),
        );
        self.add(target.clone(), self.sh("targetClass")?, class);
        let elsewhere = self.blank();
        let not_under = self.blank();
        let pattern = format!("^{}", regex_escape(&self.publication.iri(entity, "")));
        self.add(
            not_under.clone(),
            self.sh("pattern")?,
            Literal::new_simple_literal(pattern),
        );
        self.add(elsewhere.clone(), self.sh("not")?, not_under);
        let conforms = self.blank();
        self.add(conforms.clone(), self.sh("node")?, shape.clone());
        let alternatives = self.list(vec![elsewhere.into(), conforms.into()]);
        self.add(target, self.sh("or")?, alternatives);
        Ok(())
    }

    fn property(
        &mut self,
        shape: &NamedNode,
        predicate: &str,
        fields: &[FieldInfo],
    ) -> Result<(), RdfError> {
        let property = self.blank();
        self.add(shape.clone(), self.sh("property")?, property.clone());
        self.add(
            property.clone(),
            self.sh("path")?,
            self.terms.curie(predicate)?,
        );
        let names: Vec<&str> = fields.iter().map(|f| f.name).collect();
        let titles: Vec<&str> = fields.iter().map(|f| f.title).collect();
        let descriptions: Vec<&str> = fields.iter().map(|f| f.description).collect();
        self.add(
            property.clone(),
            self.sh("name")?,
            Self::french(&titles.join(" ; ")),
        );
        self.add(
            property.clone(),
            self.sh("description")?,
            Self::french(&format!(
                "{} (champ {})",
                descriptions.join(" "),
                names.join(", ")
            )),
        );
        if fields.iter().any(|f| f.required) {
            self.add(property.clone(), self.sh("minCount")?, Literal::from(1));
        }
        if fields.iter().all(|f| f.in_csv()) {
            self.add(
                property.clone(),
                self.sh("maxCount")?,
                Literal::from(fields.len() as i64),
            );
        }
        let Some(first) = fields.first() else {
            return Ok(());
        };
        // Value constraints only when every field stated with this predicate agrees on them.
        let same_kind = fields
            .iter()
            .all(|f| std::mem::discriminant(&f.rdf) == std::mem::discriminant(&first.rdf));
        if !same_kind {
            return Ok(());
        }
        let lists = fields
            .iter()
            .all(|f| matches!(f.field_type, FieldType::Paragraphs | FieldType::Blocks));
        match first.rdf {
            // Paragraphs and blocks are RDF lists (`rdf:nil` when empty): see `rdf::graph`.
            Rdf::French(_) if lists => {
                self.add(property, self.sh("nodeKind")?, self.sh("BlankNodeOrIRI")?);
            }
            Rdf::French(_) => {
                self.add(
                    property.clone(),
                    self.sh("datatype")?,
                    rdf::LANG_STRING.into_owned(),
                );
                let languages = self.list(vec![Literal::new_simple_literal("fr").into()]);
                self.add(property, self.sh("languageIn")?, languages);
            }
            Rdf::Literal(_) => {
                let types: Vec<NamedNode> = fields.iter().map(|f| datatype(f.field_type)).collect();
                if let Some(datatype) = types.first()
                    && types.iter().all(|t| t == datatype)
                {
                    self.add(property.clone(), self.sh("datatype")?, datatype.clone());
                }
                if let [field] = fields
                    && let Some(codes) = field.codes
                {
                    let codes: Vec<Term> = codes()
                        .into_iter()
                        .map(|code| Literal::new_typed_literal(code, xsd::STRING).into())
                        .collect();
                    let codes = self.list(codes);
                    self.add(property, self.sh("in")?, codes);
                }
            }
            Rdf::Iri(_) => {
                self.add(property, self.sh("nodeKind")?, self.sh("IRI")?);
            }
            Rdf::Link(_) => {
                self.add(property.clone(), self.sh("nodeKind")?, self.sh("IRI")?);
                if let Some(class) = common_class(fields) {
                    self.add(property, self.sh("class")?, self.terms.curie(class)?);
                }
            }
            Rdf::None => {}
        }
        Ok(())
    }

    /// The two facts of the graph that are not fields (see `graph::row_triples`).
    fn special_facts(&mut self, shape: &NamedNode, table: &dyn AnyTable) -> Result<(), RdfError> {
        let meta = table.meta();
        if meta.classes.contains(&CONCEPT_CLASS) {
            let property = self.blank();
            self.add(shape.clone(), self.sh("property")?, property.clone());
            self.add(
                property.clone(),
                self.sh("path")?,
                self.terms.curie("skos:inScheme")?,
            );
            self.add(
                property.clone(),
                self.sh("name")?,
                Self::french("Schéma de concepts"),
            );
            self.add(property.clone(), self.sh("minCount")?, Literal::from(1));
            let scheme = scheme_iri(self.publication, &self.terms, meta.name)?;
            self.add(property, self.sh("hasValue")?, scheme);
        }
        if meta.name == MOTIONS_TABLE {
            let property = self.blank();
            self.add(shape.clone(), self.sh("property")?, property.clone());
            self.add(
                property.clone(),
                self.sh("path")?,
                self.terms.curie("schema:publisher")?,
            );
            self.add(property.clone(), self.sh("name")?, Self::french("Éditeur"));
            self.add(property.clone(), self.sh("maxCount")?, Literal::from(1));
            if let Some(class) =
                tables::table("organizations").and_then(|t| t.meta().classes.first())
            {
                self.add(property, self.sh("class")?, self.terms.curie(class)?);
            }
        }
        Ok(())
    }
}

/// A class every table the fields link to has (the first such, in the first target's order).
fn common_class(fields: &[FieldInfo]) -> Option<&'static str> {
    let targets: Vec<&'static [&'static str]> = fields
        .iter()
        .map(|f| f.target().and_then(tables::table).map(|t| t.meta().classes))
        .collect::<Option<_>>()?;
    let (first, rest) = targets.split_first()?;
    first
        .iter()
        .copied()
        .find(|class| rest.iter().all(|classes| classes.contains(class)))
}

/// `press-article` → `PressArticle`.
fn pascal(entity: &str) -> String {
    entity
        .split(['-', '_'])
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// Escapes the regular-expression metacharacters of a literal string (for `sh:pattern`).
fn regex_escape(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let escape = "\\.^$|?*+()[]{}".contains(c);
            escape.then_some('\\').into_iter().chain(std::iter::once(c))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_patterns() {
        assert_eq!(pascal("press-article"), "PressArticle");
        assert_eq!(regex_escape("https://a.b/id/x/"), "https://a\\.b/id/x/");
    }
}
