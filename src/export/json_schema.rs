//! `schemas/corpus.schema.json`: the JSON Schema (2020-12) of `corpus.json`, derived from the
//! field definitions (types, required values, closed lists of codes, titles and descriptions)
//! and from the nesting of [`TREE`]. Objects are closed (`additionalProperties: false`) and every
//! key is always present, `null` standing for an unknown value.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::json::{Link, Nest, TREE};
use crate::publication::Publication;
use crate::tables::{self, FieldInfo, FieldType};

const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";
const DATE_PATTERN: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

pub fn corpus_schema(publication: &Publication) -> Value {
    let mut defs = BTreeMap::new();
    let mut properties = Map::new();
    properties.insert("publication".into(), publication_schema());
    for nest in TREE {
        properties.insert(nest.key.into(), collection_schema(nest, &mut defs));
    }
    let required: Vec<&str> = std::iter::once("publication")
        .chain(TREE.iter().map(|n| n.key))
        .collect();
    json!({
        "$schema": DRAFT,
        "$id": format!("{}/schemas/corpus.schema.json", publication.base_url),
        "title": format!("{} : corpus.json", publication.title),
        "description": "Le corpus complet en un document JSON imbriqué : métadonnées de publication, éditions → motion → notes, parties → sections → items → sous-items, puis personnes, rôles, organisations, thèmes, sources et articles de presse. Chaque objet porte les champs de sa table (mêmes noms que les colonnes CSV) et son IRI ; null pour une valeur inconnue.",
        "type": "object",
        "required": required,
        "additionalProperties": false,
        "properties": properties,
        "$defs": defs,
    })
}

/// The schema of a collection: a list of rows, or one row or `null`.
fn collection_schema(nest: &Nest, defs: &mut BTreeMap<String, Value>) -> Value {
    let name = def_name(nest.table);
    if !defs.contains_key(&name) {
        // Reserve the name first: a recursive collection refers to its own definition.
        defs.insert(name.clone(), Value::Null);
        let object = object_schema(nest, defs);
        defs.insert(name.clone(), object);
    }
    let reference = json!({ "$ref": format!("#/$defs/{name}") });
    match nest.link {
        Link::ParentField(_) => json!({ "anyOf": [reference, { "type": "null" }] }),
        Link::Root | Link::ChildField(_) => json!({ "type": "array", "items": reference }),
    }
}

fn def_name(table: &str) -> String {
    tables::table(table)
        .map_or(table, |t| t.meta().entity)
        .replace('-', "_")
}

fn object_schema(nest: &Nest, defs: &mut BTreeMap<String, Value>) -> Value {
    let Some(table) = tables::table(nest.table) else {
        return json!({});
    };
    let meta = table.meta();
    let mut properties = Map::new();
    properties.insert(
        "iri".into(),
        json!({
            "type": "string",
            "format": "iri",
            "description": format!("IRI de la ligne : {{base}}/id/{}/{{id}}.", meta.entity),
        }),
    );
    for field in table.fields() {
        properties.insert(field.name.into(), field_schema(&field));
    }
    for child in nest.below() {
        properties.insert(child.key.into(), collection_schema(child, defs));
    }
    let required: Vec<String> = properties.keys().cloned().collect();
    json!({
        "title": meta.title,
        "description": meta.description,
        "type": "object",
        "required": required,
        "additionalProperties": false,
        "properties": properties,
    })
}

/// A field's value: its JSON type, `null` allowed unless the field is required.
fn field_schema(field: &FieldInfo) -> Value {
    let nullable = !field.required;
    let scalar = |json_type: &str| {
        if nullable {
            json!([json_type, "null"])
        } else {
            json!(json_type)
        }
    };
    let strings = json!({ "type": "string" });
    let mut schema = match field.field_type {
        FieldType::Text | FieldType::Ref(_) => json!({ "type": scalar("string") }),
        FieldType::Integer => json!({ "type": scalar("integer") }),
        FieldType::Boolean => json!({ "type": scalar("boolean") }),
        FieldType::Date => {
            json!({ "type": scalar("string"), "format": "date", "pattern": DATE_PATTERN })
        }
        FieldType::Paragraphs | FieldType::RefList(_) => {
            json!({ "type": scalar("array"), "items": strings })
        }
        FieldType::Blocks => json!({
            "type": scalar("array"),
            "items": {
                "type": "object",
                "required": ["heading", "paragraphs"],
                "additionalProperties": false,
                "properties": {
                    "heading": { "type": ["string", "null"] },
                    "paragraphs": { "type": "array", "items": strings },
                },
            },
        }),
    };
    if let Value::Object(map) = &mut schema {
        map.insert("title".into(), json!(field.title));
        map.insert("description".into(), json!(field.description));
        if let Some(codes) = field.codes {
            let mut values: Vec<Value> = codes().into_iter().map(Value::from).collect();
            if nullable {
                values.push(Value::Null);
            }
            map.insert("enum".into(), Value::Array(values));
        }
        if field.required
            && matches!(
                field.field_type,
                FieldType::Paragraphs | FieldType::Blocks | FieldType::RefList(_)
            )
        {
            map.insert("minItems".into(), json!(1));
        }
    }
    schema
}

fn publication_schema() -> Value {
    let text = json!({ "type": "string" });
    let date = json!({ "type": "string", "format": "date", "pattern": DATE_PATTERN });
    let object = |keys: &[&str]| {
        let properties: Map<String, Value> = keys
            .iter()
            .map(|k| ((*k).to_string(), json!({ "type": "string" })))
            .collect();
        json!({ "type": "object", "required": keys, "additionalProperties": false, "properties": properties })
    };
    json!({
        "title": "Métadonnées de la publication",
        "description": "Identifiant, titre, description, licence, éditeur et contact du jeu de données (seeds/publication.toml).",
        "type": "object",
        "required": ["identifier", "title", "description", "keywords", "issued", "modified", "version", "base_url", "license", "publisher", "contact"],
        "additionalProperties": false,
        "properties": {
            "identifier": text,
            "title": text,
            "description": text,
            "keywords": { "type": "array", "items": text },
            "issued": date,
            "modified": date,
            "version": text,
            "base_url": { "type": "string", "format": "uri" },
            "license": object(&["title", "url", "spdx"]),
            "publisher": object(&["name", "url"]),
            "contact": object(&["name", "email", "url"]),
        },
    })
}
