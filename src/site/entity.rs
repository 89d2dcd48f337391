//! The page a browser gets at the IRI of an entity without a page of its own (a section, an
//! item, a role…): its title, every field as defined in `tables`, links to related entities,
//! its place in its motion and its other representations.

use askama::Template;

use crate::api::error::ApiError;
use crate::api::state::AppState;
use crate::corpus::Corpus;
use crate::site::view::{Link, path};
use crate::site::{Alternate, Head, render};
use crate::tables::{FieldType, Value, table};

/// The fields that name an entity best, in order of preference.
const LABEL_FIELDS: &[&str] = &["title", "name", "label", "text", "as_printed", "heading"];

/// A field's value as the page shows it.
pub enum Cell {
    Text(String),
    Links(Vec<Link>),
    Paragraphs(Vec<String>),
    Blocks(Vec<(Option<String>, Vec<String>)>),
}

pub struct Row {
    pub title: &'static str,
    pub description: &'static str,
    pub cell: Cell,
}

#[derive(Template)]
#[template(path = "entity.html")]
struct EntityPage {
    head: Head,
    kind: &'static str,
    label: String,
    iri: String,
    rows: Vec<Row>,
    /// Where the entity is read in its motion, for the parts of a motion.
    in_motion: Option<String>,
    alternates: Vec<Alternate>,
}

/// The best label of a row of `table`.
fn label_of(fields: &[crate::tables::FieldInfo], values: &[Value<'_>]) -> Option<String> {
    LABEL_FIELDS.iter().find_map(|name| {
        fields
            .iter()
            .position(|f| f.name == *name)
            .and_then(|i| values.get(i))
            .map(Value::to_cell)
            .filter(|v| !v.is_empty())
    })
}

/// A link to another entity's IRI, labelled with its best label (100 characters at most).
fn link(corpus: &Corpus, target: &str, id: &str) -> Link {
    let Some(table) = table(target) else {
        return Link {
            href: String::new(),
            label: id.to_string(),
        };
    };
    let label = table
        .row(corpus, id)
        .and_then(|values| label_of(&table.fields(), &values))
        .unwrap_or_else(|| id.to_string());
    Link {
        href: path(table.meta().entity, id),
        label: label.chars().take(100).collect(),
    }
}

/// The page of the row `key` of `table_name`, if it exists.
pub fn html(
    state: &AppState,
    table_name: &str,
    key: &str,
    alternates: Vec<Alternate>,
) -> Result<Option<String>, ApiError> {
    let corpus = &state.corpus;
    let Some(table) = table(table_name) else {
        return Ok(None);
    };
    let Some(values) = table.row(corpus, key) else {
        return Ok(None);
    };
    let meta = table.meta();
    let fields = table.fields();
    let label: String = label_of(&fields, &values)
        .unwrap_or_else(|| key.to_string())
        .chars()
        .take(120)
        .collect();
    let rows = fields
        .iter()
        .zip(&values)
        .filter(|(_, value)| !value.is_null())
        .map(|(field, value)| {
            let cell = match (field.field_type, value) {
                (FieldType::Ref(target), Value::Text(id)) => {
                    Cell::Links(vec![link(corpus, target, id)])
                }
                (FieldType::RefList(target), Value::Refs(ids)) => {
                    Cell::Links(ids.iter().map(|id| link(corpus, target, id)).collect())
                }
                (_, Value::Paragraphs(paragraphs)) => Cell::Paragraphs(paragraphs.to_vec()),
                (_, Value::Blocks(blocks)) => Cell::Blocks(
                    blocks
                        .iter()
                        .map(|b| (b.heading.clone(), b.paragraphs.clone()))
                        .collect(),
                ),
                (_, other) => Cell::Text(other.to_cell()),
            };
            Row {
                title: field.title,
                description: field.description,
                cell,
            }
        })
        .collect();
    let in_motion = match meta.entity {
        "item" => corpus.item(key).map(|i| i.motion.to_string()),
        "section" => corpus.section(key).map(|s| s.motion.to_string()),
        "part" => corpus.part(key).map(|p| p.motion.to_string()),
        "footnote" => corpus
            .footnotes
            .iter()
            .find(|f| f.id == key)
            .map(|f| f.motion.to_string()),
        _ => None,
    }
    .map(|motion| format!("{}#{key}", path("motion", &motion)));
    let page = EntityPage {
        head: Head {
            alternates: alternates.clone(),
            ..Head::new(
                format!("{label} — {}", meta.title),
                format!("{} : {label}", meta.title),
            )
        },
        kind: meta.title,
        label,
        iri: state.publication.iri(meta.entity, key),
        rows,
        in_motion,
        alternates,
    };
    render(&page).map(Some)
}
