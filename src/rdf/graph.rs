//! The corpus as RDF triples, derived row by row from the field definitions of
//! [`crate::tables`]: a row is the subject `{base}/id/{entity}/{id}`, typed with its table's
//! classes, and each field becomes triples after its [`Rdf`] mapping. Only a few facts are not
//! plain fields (see [`row_triples`]): the concept scheme of SKOS concepts, the class and
//! publisher of motions, and the reified statement each row of the `facts` table describes.

use std::collections::HashMap;

use oxrdf::vocab::{rdf, xsd};
use oxrdf::{Literal, NamedNode, NamedOrBlankNode, Term, Triple};

use super::RdfError;
use super::terms::{Terms, sort_and_dedup};
use crate::corpus::Corpus;
use crate::corpus::codes::{MotionKind, OrganizationKind};
use crate::publication::Publication;
use crate::tables::{self, AnyTable, FieldInfo, FieldType, Rdf, TABLES, Value};

/// Predicates whose value names an entity for people: the label shown for a link.
const LABEL_PREDICATES: &[&str] = &[
    "skos:prefLabel",
    "schema:name",
    "foaf:name",
    "dct:title",
    "schema:headline",
];

/// The class of concepts, which must belong to a `skos:ConceptScheme`.
pub(crate) const CONCEPT_CLASS: &str = "skos:Concept";
/// The class of the texts that call themselves motions (`kind` = `motion`), published by the
/// association (`schema:publisher`), as every text of the motions table is.
pub(crate) const MOTION_CLASS: &str = "opengov:Motion";
/// The table of texts (motions and propositions).
pub(crate) const MOTIONS_TABLE: &str = "motions";
/// The provenance table: each row a reified statement about a field of another row.
pub(crate) const FACTS_TABLE: &str = "facts";

/// Every triple of the corpus, sorted (subject, predicate, object) and without duplicates, so
/// that every serialisation is reproducible byte for byte.
pub fn corpus_graph(corpus: &Corpus, publication: &Publication) -> Result<Vec<Triple>, RdfError> {
    let terms = Terms::new(&publication.base_url);
    let subjects = SubjectRows::new(corpus);
    let mut triples = Vec::new();
    for table in TABLES {
        for row in table.rows(corpus) {
            triples.extend(row_triples(
                corpus,
                publication,
                &terms,
                *table,
                &row,
                Some(&subjects),
            )?);
        }
        if table.meta().classes.contains(&CONCEPT_CLASS) {
            triples.extend(scheme_triples(publication, &terms, *table)?);
        }
    }
    Ok(sort_and_dedup(triples))
}

/// The triples of one entity (`table_name` is a table name such as `motions`), plus the labels
/// of the entities it links to, so that a client can show the links without another request.
/// `None` when there is no such table or row.
pub fn entity_graph(
    corpus: &Corpus,
    publication: &Publication,
    table_name: &str,
    id: &str,
) -> Result<Option<Vec<Triple>>, RdfError> {
    let Some(table) = tables::table(table_name) else {
        return Ok(None);
    };
    let Some(row) = table.row(corpus, id) else {
        return Ok(None);
    };
    let terms = Terms::new(&publication.base_url);
    let mut triples = row_triples(corpus, publication, &terms, table, &row, None)?;
    let linked: Vec<NamedNode> = triples
        .iter()
        .filter(|t| t.predicate != rdf::TYPE)
        .filter_map(|t| match &t.object {
            Term::NamedNode(node) => Some(node.clone()),
            _ => None,
        })
        .collect();
    for iri in linked {
        triples.extend(label_triples(corpus, publication, &terms, &iri)?);
    }
    Ok(Some(sort_and_dedup(triples)))
}

/// The triples of one row: its classes, its fields, and the two facts that are not fields.
fn row_triples(
    corpus: &Corpus,
    publication: &Publication,
    terms: &Terms,
    table: &dyn AnyTable,
    row: &[Value<'_>],
    subjects: Option<&SubjectRows<'_>>,
) -> Result<Vec<Triple>, RdfError> {
    let meta = table.meta();
    let Some(id) = row.first() else {
        return Ok(Vec::new());
    };
    let subject: NamedOrBlankNode = terms
        .iri(publication.iri(meta.entity, &id.to_cell()))?
        .into();
    let mut triples = Vec::new();
    let facts = row_facts(corpus, publication, table)?;
    for class in facts.types_of(&table.fields(), row) {
        triples.push(Triple::new(subject.clone(), rdf::TYPE, terms.curie(class)?));
    }
    for (field, value) in table.fields().iter().zip(row) {
        let Some(predicate) = predicate_of(field) else {
            continue;
        };
        let predicate = terms.curie(predicate)?;
        if let Some(list) = text_list(terms, &subject, field, value)? {
            triples.push(Triple::new(subject.clone(), predicate, list.head));
            triples.extend(list.triples);
            continue;
        }
        for object in objects(publication, terms, field, value)? {
            triples.push(Triple::new(subject.clone(), predicate.clone(), object));
        }
    }
    for (_, predicate, iri) in facts.links {
        triples.push(Triple::new(
            subject.clone(),
            terms.curie(predicate)?,
            terms.iri(iri)?,
        ));
    }
    if meta.name == FACTS_TABLE {
        triples.extend(statement_triples(
            corpus,
            publication,
            terms,
            table,
            row,
            &subject,
            subjects,
        )?);
    }
    Ok(triples)
}

/// An RDF list and the triples that make it.
struct List {
    head: Term,
    triples: Vec<Triple>,
}

/// Paragraphs and blocks of text are ordered: they are stated as RDF lists (`( "…"@fr "…"@fr )`),
/// as JSON-LD reads the API's arrays with `"@container": "@list"`, so that the JSON and the
/// dumps say the same thing. A block is a node with its optional heading (`schema:headline`) and
/// its paragraphs (`schema:text`, a list). An empty array is the empty list `rdf:nil`, as JSON-LD
/// reads `[]`. Blank nodes are named after the subject and the field, so dumps are reproducible.
/// `None` for the other fields.
fn text_list(
    terms: &Terms,
    subject: &NamedOrBlankNode,
    field: &FieldInfo,
    value: &Value<'_>,
) -> Result<Option<List>, RdfError> {
    let seed = match subject {
        NamedOrBlankNode::NamedNode(node) => node.as_str(),
        NamedOrBlankNode::BlankNode(node) => node.as_str(),
    };
    let seed: String = seed
        .rsplit("/id/")
        .next()
        .unwrap_or(seed)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let french =
        |text: &str| -> Term { Literal::new_language_tagged_literal_unchecked(text, "fr").into() };
    match (field.field_type, value) {
        (FieldType::Paragraphs, Value::Paragraphs(paragraphs)) => {
            let items = paragraphs.iter().map(|p| french(p)).collect();
            Ok(Some(list(&format!("{seed}_{}", field.name), items)))
        }
        (FieldType::Blocks, Value::Blocks(blocks)) => {
            let mut triples = Vec::new();
            let mut items = Vec::new();
            for (i, block) in blocks.iter().enumerate() {
                let node = oxrdf::BlankNode::new_unchecked(format!("{seed}_{}_{i}", field.name));
                if let Some(heading) = &block.heading {
                    triples.push(Triple::new(
                        node.clone(),
                        terms.curie("schema:headline")?,
                        french(heading),
                    ));
                }
                let paragraphs = list(
                    &format!("{seed}_{}_{i}_text", field.name),
                    block.paragraphs.iter().map(|p| french(p)).collect(),
                );
                triples.push(Triple::new(
                    node.clone(),
                    terms.curie("schema:text")?,
                    paragraphs.head,
                ));
                triples.extend(paragraphs.triples);
                items.push(node.into());
            }
            let mut blocks = list(&format!("{seed}_{}", field.name), items);
            blocks.triples.extend(triples);
            Ok(Some(blocks))
        }
        _ => Ok(None),
    }
}

/// The RDF list of `items`, its nodes named `{seed}_l{i}`.
fn list(seed: &str, items: Vec<Term>) -> List {
    let nodes: Vec<oxrdf::BlankNode> = (0..items.len())
        .map(|i| oxrdf::BlankNode::new_unchecked(format!("{seed}_l{i}")))
        .collect();
    let mut triples = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        triples.push(Triple::new(nodes[i].clone(), rdf::FIRST, item));
        let rest: Term = match nodes.get(i + 1) {
            Some(next) => next.clone().into(),
            None => rdf::NIL.into_owned().into(),
        };
        triples.push(Triple::new(nodes[i].clone(), rdf::REST, rest));
    }
    let head = match nodes.first() {
        Some(node) => node.clone().into(),
        None => rdf::NIL.into_owned().into(),
    };
    List { head, triples }
}

/// What the RDF of a table's rows says that no field does, as the keys a JSON row carries for
/// it, so that the JSON read as JSON-LD states the same triples as the dumps: `type` (the
/// classes, as CURIEs), `in_scheme` for SKOS concepts and `publisher` for motions (IRIs).
#[derive(Debug, Clone, Default)]
pub struct RowFacts {
    pub types: &'static [&'static str],
    /// Rows of the motions table: only a text that calls itself a motion (`kind = "motion"`)
    /// is also an `opengov:Motion` (the 2026 « propositions retenues » are not).
    pub motions: bool,
    /// (JSON key, predicate CURIE, IRI).
    pub links: Vec<(&'static str, &'static str, String)>,
}

/// The JSON keys of [`RowFacts`] and their predicates, for contexts and schemas.
pub const FACT_KEYS: [(&str, &str); 2] = [
    ("in_scheme", "skos:inScheme"),
    ("publisher", "schema:publisher"),
];

/// The facts of every row of `table` (they do not depend on the row).
pub fn row_facts(
    corpus: &Corpus,
    publication: &Publication,
    table: &dyn AnyTable,
) -> Result<RowFacts, RdfError> {
    let terms = Terms::new(&publication.base_url);
    let meta = table.meta();
    let mut links = Vec::new();
    // A SKOS concept belongs to a concept scheme (SKOS integrity; harvesters look for it).
    if meta.classes.contains(&CONCEPT_CLASS) {
        let scheme = scheme_iri(publication, &terms, meta.name)?;
        links.push((FACT_KEYS[0].0, FACT_KEYS[0].1, scheme.into_string()));
    }
    // Motions are published by the association that organises the Congress: the corpus's one
    // organisation of kind `association` (derived from the data, never written by hand).
    if meta.name == MOTIONS_TABLE
        && let Some(publisher) = association_iri(corpus, publication, &terms)?
    {
        links.push((FACT_KEYS[1].0, FACT_KEYS[1].1, publisher.into_string()));
    }
    Ok(RowFacts {
        types: meta.classes,
        motions: meta.name == MOTIONS_TABLE,
        links,
    })
}

impl RowFacts {
    /// The classes of one row: its table's, and `opengov:Motion` for a motion that says it is one.
    pub fn types_of(&self, fields: &[FieldInfo], row: &[Value<'_>]) -> Vec<&'static str> {
        let mut types = self.types.to_vec();
        if self.motions {
            let kind = fields
                .iter()
                .position(|f| f.name == "kind")
                .and_then(|i| row.get(i))
                .map(Value::to_cell);
            if kind.as_deref() == Some(MotionKind::Motion.code()) {
                types.push(MOTION_CLASS);
            }
        }
        types
    }
}

/// The keys of [`RowFacts`] a row of `table` carries (for schemas; the values need the corpus).
pub fn fact_keys(table: &dyn AnyTable) -> Vec<&'static str> {
    let classes = table.meta().classes;
    let mut keys = Vec::new();
    if classes.contains(&CONCEPT_CLASS) {
        keys.push(FACT_KEYS[0].0);
    }
    if table.meta().name == MOTIONS_TABLE {
        keys.push(FACT_KEYS[1].0);
    }
    keys
}

/// The predicate a field is stated with, if it is stated at all.
pub(crate) fn predicate_of(field: &FieldInfo) -> Option<&'static str> {
    match field.rdf {
        Rdf::None => None,
        Rdf::Literal(p) | Rdf::French(p) | Rdf::Iri(p) | Rdf::Link(p) => Some(p),
    }
}

/// The objects a value gives: none for an unknown value, one per id for a list of references.
fn objects(
    publication: &Publication,
    terms: &Terms,
    field: &FieldInfo,
    value: &Value<'_>,
) -> Result<Vec<Term>, RdfError> {
    if value.is_null() {
        return Ok(Vec::new());
    }
    let cells: Vec<String> = match value {
        Value::Refs(ids) => ids.iter().map(|id| (*id).to_string()).collect(),
        other => vec![other.to_cell()],
    };
    cells
        .into_iter()
        .map(|cell| -> Result<Term, RdfError> {
            Ok(match field.rdf {
                Rdf::French(_) => Literal::new_language_tagged_literal_unchecked(cell, "fr").into(),
                Rdf::Iri(_) => terms.iri(cell)?.into(),
                Rdf::Link(_) => {
                    let entity = field
                        .target()
                        .and_then(tables::table)
                        .map(|t| t.meta().entity)
                        .ok_or(RdfError::NotALink(field.name))?;
                    terms.iri(publication.iri(entity, &cell))?.into()
                }
                Rdf::Literal(_) | Rdf::None => {
                    Literal::new_typed_literal(cell, datatype(field.field_type)).into()
                }
            })
        })
        .collect()
}

/// The XSD datatype of a plain literal, after the field type.
pub(crate) fn datatype(field_type: FieldType) -> NamedNode {
    match field_type {
        FieldType::Integer => xsd::INTEGER.into_owned(),
        FieldType::Boolean => xsd::BOOLEAN.into_owned(),
        FieldType::Date => xsd::DATE.into_owned(),
        FieldType::Text
        | FieldType::Paragraphs
        | FieldType::Blocks
        | FieldType::Ref(_)
        | FieldType::RefList(_) => xsd::STRING.into_owned(),
    }
}

/// `{base}/id/theme-scheme/{table}`: the concept scheme holding a table of concepts.
pub(crate) fn scheme_iri(
    publication: &Publication,
    terms: &Terms,
    table_name: &str,
) -> Result<NamedNode, RdfError> {
    terms.iri(publication.iri("theme-scheme", table_name))
}

/// The concept scheme itself, named after the table's title.
fn scheme_triples(
    publication: &Publication,
    terms: &Terms,
    table: &dyn AnyTable,
) -> Result<Vec<Triple>, RdfError> {
    let scheme = scheme_iri(publication, terms, table.meta().name)?;
    Ok(vec![
        Triple::new(
            scheme.clone(),
            rdf::TYPE,
            terms.curie("skos:ConceptScheme")?,
        ),
        Triple::new(
            scheme,
            terms.curie("skos:prefLabel")?,
            Literal::new_language_tagged_literal_unchecked(table.meta().title, "fr"),
        ),
    ])
}

/// The IRI of the one organisation of kind `association`, if the corpus has exactly one.
fn association_iri(
    corpus: &Corpus,
    publication: &Publication,
    terms: &Terms,
) -> Result<Option<NamedNode>, RdfError> {
    let mut associations = corpus
        .organizations
        .iter()
        .filter(|o| o.kind == OrganizationKind::Association);
    match (associations.next(), associations.next()) {
        (Some(association), None) => {
            let entity = tables::table("organizations").map_or("organization", |t| t.meta().entity);
            Ok(Some(
                terms.iri(publication.iri(entity, association.id.as_str()))?,
            ))
        }
        _ => Ok(None),
    }
}

/// The label triples of an entity of the corpus (or of a concept scheme), by IRI.
fn label_triples(
    corpus: &Corpus,
    publication: &Publication,
    terms: &Terms,
    iri: &NamedNode,
) -> Result<Vec<Triple>, RdfError> {
    let prefix = format!("{}/id/", publication.base_url);
    let Some((entity, id)) = iri
        .as_str()
        .strip_prefix(&prefix)
        .and_then(|path| path.split_once('/'))
    else {
        return Ok(Vec::new());
    };
    if entity == "theme-scheme" {
        let Some(table) = tables::table(id) else {
            return Ok(Vec::new());
        };
        return Ok(scheme_triples(publication, terms, table)?
            .into_iter()
            .filter(|t| t.predicate != rdf::TYPE)
            .collect());
    }
    let Some(table) = TABLES.iter().find(|t| t.meta().entity == entity) else {
        return Ok(Vec::new());
    };
    let Some(row) = table.row(corpus, id) else {
        return Ok(Vec::new());
    };
    let mut triples = Vec::new();
    for (field, value) in table.fields().iter().zip(&row) {
        let Some(predicate) = predicate_of(field).filter(|p| LABEL_PREDICATES.contains(p)) else {
            continue;
        };
        let predicate = terms.curie(predicate)?;
        for object in objects(publication, terms, field, value)? {
            triples.push(Triple::new(iri.clone(), predicate.clone(), object));
        }
    }
    Ok(triples)
}

/// The value of the field named `name` in `row`.
fn field_value<'r, 'a>(
    table: &dyn AnyTable,
    row: &'r [Value<'a>],
    name: &str,
) -> Option<&'r Value<'a>> {
    table
        .fields()
        .iter()
        .position(|f| f.name == name)
        .and_then(|i| row.get(i))
}

/// The rows of the tables that facts are about, each read once and indexed by id: the whole
/// graph states one statement per fact, and finding each fact's row by scanning its table was
/// quadratic on a large corpus.
struct SubjectRows<'a> {
    by_table: HashMap<&'static str, IndexedRows<'a>>,
}

/// A table's rows, and each row's position by id.
type IndexedRows<'a> = (Vec<Vec<Value<'a>>>, HashMap<String, usize>);

impl<'a> SubjectRows<'a> {
    fn new(corpus: &'a Corpus) -> Self {
        let mut by_table = HashMap::new();
        for fact in &corpus.facts {
            if by_table.contains_key(fact.table) {
                continue;
            }
            let Some(table) = tables::table(fact.table) else {
                continue;
            };
            let rows = table.rows(corpus);
            let ids = rows
                .iter()
                .enumerate()
                .filter_map(|(i, row)| row.first().map(|id| (id.to_cell(), i)))
                .collect();
            by_table.insert(fact.table, (rows, ids));
        }
        SubjectRows { by_table }
    }

    fn value(&self, table: &str, id: &str, index: usize) -> Option<&Value<'a>> {
        let (rows, ids) = self.by_table.get(table)?;
        rows.get(*ids.get(id)?)?.get(index)
    }
}

/// A row of the `facts` table as a reified statement: `rdf:subject` the row the fact is about,
/// `rdf:predicate` the predicate of its field, `rdf:object` its value (one per value for a list),
/// so that a SPARQL query finds the source of a triple of the graph by matching all three.
fn statement_triples(
    corpus: &Corpus,
    publication: &Publication,
    terms: &Terms,
    table: &dyn AnyTable,
    row: &[Value<'_>],
    statement: &NamedOrBlankNode,
    // Indexed rows for the whole graph; a single entity's graph looks its row up.
    subjects: Option<&SubjectRows<'_>>,
) -> Result<Vec<Triple>, RdfError> {
    let cell = |name: &str| field_value(table, row, name).map(Value::to_cell);
    let (Some(subject_table), Some(subject_id), Some(field_name)) =
        (cell("subject_table"), cell("subject_id"), cell("field"))
    else {
        return Ok(Vec::new());
    };
    let Some(about) = tables::table(&subject_table) else {
        return Ok(Vec::new());
    };
    let fields = about.fields();
    let Some((index, field)) = fields
        .iter()
        .enumerate()
        .find(|(_, f)| f.name == field_name)
    else {
        return Ok(Vec::new());
    };
    let mut triples = vec![Triple::new(
        statement.clone(),
        rdf::SUBJECT,
        terms.iri(publication.iri(about.meta().entity, &subject_id))?,
    )];
    if let Some(predicate) = predicate_of(field) {
        triples.push(Triple::new(
            statement.clone(),
            rdf::PREDICATE,
            terms.curie(predicate)?,
        ));
        let value = match subjects {
            Some(subjects) => subjects.value(&subject_table, &subject_id, index).cloned(),
            None => about
                .row(corpus, &subject_id)
                .and_then(|values| values.into_iter().nth(index)),
        };
        if let Some(value) = value {
            for object in objects(publication, terms, field, &value)? {
                triples.push(Triple::new(statement.clone(), rdf::OBJECT, object));
            }
        }
    }
    Ok(triples)
}
