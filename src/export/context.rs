//! `schemas/context.jsonld`: the JSON-LD 1.1 `@context` that reads `corpus.json` (and the API's
//! JSON rows) as Linked Data, derived from the field definitions: every field name maps to its
//! RDF predicate, with its datatype (`xsd:integer`, `xsd:date`…), French texts tagged
//! `"@language": "fr"`, and references read as IRIs of the entity they name.
//!
//! One name can mean different predicates in different tables (`name` is `schema:name` for an
//! edition, `foaf:name` for a person), so each table's terms are a property-scoped context under
//! the key that holds its rows in `corpus.json` ([`TREE`]): `congresses`, `motion`, `sections`…
//! A nested key is the link between parent and child (a part's rows under `parts` are the
//! reverse of their `dct:isPartOf`); the top-level lists hang from the document with
//! `dct:hasPart`. References use `"@type": "@vocab"` with a scoped `@vocab` of
//! `{base}/id/{entity}/`, so `"motion_id": "2021"` reads as `<{base}/id/motion/2021>`.

use serde_json::{Map, Value, json};

use super::json::{Link, Nest, TREE};
use crate::publication::Publication;
use crate::rdf::{datatype, predicate_of, prefixes};
use crate::tables::{self, FieldInfo, FieldType, Rdf};

/// The predicate tying the document to its top-level lists.
const ROOT_LINK: &str = "dct:hasPart";

pub fn context(publication: &Publication) -> Value {
    let mut context = Map::new();
    context.insert("@version".into(), json!(1.1));
    context.insert("@language".into(), json!("fr"));
    for (prefix, namespace) in prefixes(&publication.base_url) {
        context.insert(prefix.into(), json!(namespace));
    }
    context.insert("iri".into(), json!("@id"));
    for nest in TREE {
        context.insert(nest.key.into(), nest_term(publication, nest, None));
    }
    json!({ "@context": context })
}

/// The context of one table's rows as the API serves them: a row, a detail document or a list
/// page (`data` holds the rows). Linked from API responses with
/// `Link: <…>; rel="http://www.w3.org/ns/json-ld#context"`; keys it does not define (`page`,
/// `links`…) are ignored by JSON-LD processors.
pub fn table_context(publication: &Publication, table: &dyn tables::AnyTable) -> Value {
    let mut context = Map::new();
    context.insert("@version".into(), json!(1.1));
    context.insert("@language".into(), json!("fr"));
    for (prefix, namespace) in prefixes(&publication.base_url) {
        context.insert(prefix.into(), json!(namespace));
    }
    context.insert("iri".into(), json!("@id"));
    context.insert("data".into(), json!("@graph"));
    // The row's classes, and the facts of its RDF that are no field (see `rdf::RowFacts`).
    context.insert(
        "type".into(),
        json!({ "@id": "@type", "@container": "@set" }),
    );
    for key in crate::rdf::fact_keys(table) {
        if let Some((_, predicate)) = crate::rdf::FACT_KEYS.iter().find(|(k, _)| *k == key) {
            context.insert(key.into(), json!({ "@id": predicate, "@type": "@id" }));
        }
    }
    for field in table.fields() {
        context.insert(field.name.into(), field_term(publication, &field));
    }
    json!({ "@context": context })
}

/// The term of a nested key: how it links its rows to the parent, and the rows' own terms.
fn nest_term(publication: &Publication, nest: &Nest, parent: Option<&str>) -> Value {
    let mut term = Map::new();
    match nest.link {
        Link::Root => {
            term.insert("@id".into(), json!(ROOT_LINK));
        }
        Link::ParentField(name) => {
            let predicate = parent.and_then(|p| field_predicate(p, name));
            term.insert("@id".into(), json!(predicate));
        }
        Link::ChildField(name) => {
            let predicate = field_predicate(nest.table, name);
            term.insert("@reverse".into(), json!(predicate));
        }
    }
    term.insert("@context".into(), scope(publication, nest));
    Value::Object(term)
}

fn field_predicate(table: &str, field: &str) -> Option<&'static str> {
    tables::table(table)?
        .fields()
        .iter()
        .find(|f| f.name == field)
        .and_then(predicate_of)
}

/// The terms of one table, plus its nested keys.
fn scope(publication: &Publication, nest: &Nest) -> Value {
    let mut scope = Map::new();
    if let Some(table) = tables::table(nest.table) {
        for field in table.fields() {
            scope.insert(field.name.into(), field_term(publication, &field));
        }
    }
    for child in nest.children {
        scope.insert(
            child.key.into(),
            nest_term(publication, child, Some(nest.table)),
        );
    }
    // A recursive key (sub-items) keeps the definition it was reached by: scoped contexts
    // propagate to nested objects.
    Value::Object(scope)
}

fn field_term(publication: &Publication, field: &FieldInfo) -> Value {
    let Some(predicate) = predicate_of(field) else {
        // Not stated in RDF (the IRI or the nesting already says it).
        return Value::Null;
    };
    let mut term = Map::new();
    term.insert("@id".into(), json!(predicate));
    match field.rdf {
        // Ordered texts are RDF lists, as in the dumps (see `rdf::graph`): a block is a node
        // with its heading and its list of paragraphs.
        Rdf::French(_) if field.field_type == FieldType::Blocks => {
            term.insert("@container".into(), json!("@list"));
            term.insert(
                "@context".into(),
                json!({
                    "heading": { "@id": "schema:headline", "@language": "fr" },
                    "paragraphs": { "@id": "schema:text", "@language": "fr", "@container": "@list" },
                }),
            );
        }
        Rdf::French(_) if field.field_type == FieldType::Paragraphs => {
            term.insert("@language".into(), json!("fr"));
            term.insert("@container".into(), json!("@list"));
        }
        Rdf::French(_) => {
            term.insert("@language".into(), json!("fr"));
        }
        Rdf::Literal(_) => {
            let datatype = datatype(field.field_type);
            if datatype == oxrdf::vocab::xsd::STRING {
                term.insert("@language".into(), Value::Null);
            } else {
                let compact = datatype
                    .as_str()
                    .strip_prefix(crate::vocab::XSD)
                    .map_or_else(
                        || datatype.as_str().to_string(),
                        |local| format!("xsd:{local}"),
                    );
                term.insert("@type".into(), json!(compact));
            }
        }
        Rdf::Iri(_) => {
            term.insert("@type".into(), json!("@id"));
        }
        Rdf::Link(_) => {
            let entity = field
                .target()
                .and_then(tables::table)
                .map_or("", |t| t.meta().entity);
            term.insert("@type".into(), json!("@vocab"));
            // The scoped `@vocab` reads this value only (`@propagate: false`). Without it,
            // pyld 2.0.4 reuses the context it processed for the first of two references to
            // the same table (`person_id`, `represents_id`) and reads the second as a string.
            term.insert(
                "@context".into(),
                json!({ "@vocab": publication.iri(entity, ""), "@propagate": false }),
            );
            // A list of references stays an array when a client compacts with this context.
            if matches!(field.field_type, FieldType::RefList(_)) {
                term.insert("@container".into(), json!("@set"));
            }
        }
        Rdf::None => {}
    }
    Value::Object(term)
}
