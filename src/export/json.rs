//! `json/corpus.json`: the whole corpus as one nested document. Publication metadata first, then
//! editions → motion → footnotes, parts → sections → items → sub-items (a section without a part
//! sits directly under its motion), then the flat lists (people, roles, organisations, themes,
//! sources, press articles). Every object has the keys of its table's fields ([`json_row`], as in
//! the API) plus its `iri`, and its children under the keys of [`TREE`].
//!
//! [`TREE`] also drives the JSON Schema and the JSON-LD context, so the three cannot disagree.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use serde_json::{Map, Value, json};

use crate::corpus::Corpus;
use crate::publication::Publication;
use crate::tables::{self, FieldInfo, TABLES, json_row};

use super::ExportError;

/// How the rows of a nested collection are found from their parent.
#[derive(Debug, Clone, Copy)]
pub enum Link {
    /// A top-level list: every row.
    Root,
    /// The parent's field names the child (an edition's `motion_id`): one object, or `null`.
    ParentField(&'static str),
    /// The child's field names the parent (a part's `motion_id`): a list, in table order.
    ChildField(&'static str),
}

/// A collection of `corpus.json`: its key, its table and how its rows hang from the parent.
#[derive(Debug)]
pub struct Nest {
    pub key: &'static str,
    pub table: &'static str,
    pub link: Link,
    /// Only the rows where this field is empty (sections directly under a motion have no part;
    /// items directly under a section have no parent item).
    pub unless: Option<&'static str>,
    /// The same collection again under each of its rows (sub-items of sub-items).
    pub recursive: bool,
    pub children: &'static [Nest],
}

const SUB_ITEMS: Nest = Nest {
    key: "sub_items",
    table: "items",
    link: Link::ChildField("parent_id"),
    unless: None,
    recursive: true,
    children: &[],
};
const ITEMS: Nest = Nest {
    key: "items",
    table: "items",
    link: Link::ChildField("section_id"),
    unless: Some("parent_id"),
    recursive: false,
    children: &[SUB_ITEMS],
};
const fn sections(link: Link, unless: Option<&'static str>) -> Nest {
    Nest {
        key: "sections",
        table: "sections",
        link,
        unless,
        recursive: false,
        children: &[ITEMS],
    }
}
const fn flat(key: &'static str) -> Nest {
    Nest {
        key,
        table: key,
        link: Link::Root,
        unless: None,
        recursive: false,
        children: &[],
    }
}

/// The shape of `corpus.json`. Every table appears in it (a test checks this).
pub const TREE: &[Nest] = &[
    Nest {
        key: "congresses",
        table: "congresses",
        link: Link::Root,
        unless: None,
        recursive: false,
        children: &[Nest {
            key: "motion",
            table: "motions",
            link: Link::ParentField("motion_id"),
            unless: None,
            recursive: false,
            children: &[
                Nest {
                    key: "footnotes",
                    table: "footnotes",
                    link: Link::ChildField("motion_id"),
                    unless: None,
                    recursive: false,
                    children: &[],
                },
                Nest {
                    key: "parts",
                    table: "parts",
                    link: Link::ChildField("motion_id"),
                    unless: None,
                    recursive: false,
                    children: &[sections(Link::ChildField("part_id"), None)],
                },
                sections(Link::ChildField("motion_id"), Some("part_id")),
            ],
        }],
    },
    flat("people"),
    Nest {
        key: "roles",
        table: "roles",
        link: Link::Root,
        unless: None,
        recursive: false,
        // Each printed role with the positions it states.
        children: &[Nest {
            key: "positions",
            table: "positions",
            link: Link::ChildField("role_id"),
            unless: None,
            recursive: false,
            children: &[],
        }],
    },
    flat("organizations"),
    flat("themes"),
    flat("sources"),
    flat("press_articles"),
    flat("facts"),
];

impl Nest {
    /// The collections under each row: the children, and this one again if recursive.
    pub fn below(&self) -> impl Iterator<Item = &Nest> {
        self.children.iter().chain(self.recursive.then_some(self))
    }
}

/// Row positions by the value of one column.
type ByValue = HashMap<String, Vec<usize>>;

/// Rows of every table, read once.
struct Rows<'a> {
    tables: HashMap<&'static str, (Vec<FieldInfo>, Vec<Vec<tables::Value<'a>>>)>,
    /// Per (table, column), the positions of the rows by the value of that column, built on
    /// first use: the children of a row are found by lookup. Scanning the child table for every
    /// parent row was quadratic (3 s for `export` at ×100, minutes at ×1000; see BENCHMARKS.md).
    by_value: RefCell<HashMap<(&'static str, usize), Rc<ByValue>>>,
}

impl<'a> Rows<'a> {
    fn new(corpus: &'a Corpus) -> Self {
        let tables = TABLES
            .iter()
            .map(|t| (t.meta().name, (t.fields(), t.rows(corpus))))
            .collect();
        Self {
            tables,
            by_value: RefCell::new(HashMap::new()),
        }
    }

    /// Positions of the rows of `table` by the value of `column`, in table order.
    fn by_value(&self, table: &'static str, column: usize) -> Result<Rc<ByValue>, ExportError> {
        if let Some(index) = self.by_value.borrow().get(&(table, column)) {
            return Ok(index.clone());
        }
        let (_, table_rows) = self.get(table)?;
        let mut index = ByValue::new();
        for (i, row) in table_rows.iter().enumerate() {
            index.entry(row[column].to_cell()).or_default().push(i);
        }
        let index = Rc::new(index);
        self.by_value
            .borrow_mut()
            .insert((table, column), index.clone());
        Ok(index)
    }

    fn get(
        &self,
        table: &str,
    ) -> Result<&(Vec<FieldInfo>, Vec<Vec<tables::Value<'a>>>), ExportError> {
        self.tables
            .get(table)
            .ok_or_else(|| ExportError::Internal(format!("corpus.json names no table {table}")))
    }
}

fn column(fields: &[FieldInfo], table: &str, name: &str) -> Result<usize, ExportError> {
    fields
        .iter()
        .position(|f| f.name == name)
        .ok_or_else(|| ExportError::Internal(format!("corpus.json: no field {table}.{name}")))
}

/// The document.
pub fn corpus_json(corpus: &Corpus, publication: &Publication) -> Result<Value, ExportError> {
    let rows = Rows::new(corpus);
    let mut document = Map::new();
    document.insert("publication".into(), publication_json(publication));
    for nest in TREE {
        document.insert(nest.key.into(), collection(&rows, publication, nest, None)?);
    }
    Ok(Value::Object(document))
}

/// The publication metadata, as set in `publication.toml`.
pub fn publication_json(publication: &Publication) -> Value {
    json!({
        "identifier": publication.identifier,
        "title": publication.title,
        "description": publication.description,
        "keywords": publication.keywords,
        "issued": publication.issued,
        "modified": publication.modified,
        "version": publication.version,
        "base_url": publication.base_url,
        "license": {
            "title": publication.license.title,
            "url": publication.license.url,
            "spdx": publication.license.spdx,
        },
        "publisher": { "name": publication.publisher.name, "url": publication.publisher.url },
        "contact": {
            "name": publication.contact.name,
            "email": publication.contact.email,
            "url": publication.contact.url,
        },
    })
}

/// The value of `nest` under `parent` (a parent table name and row): a list, or for a
/// [`Link::ParentField`] one object or `null`.
fn collection(
    rows: &Rows<'_>,
    publication: &Publication,
    nest: &Nest,
    parent: Option<(&str, &[tables::Value<'_>])>,
) -> Result<Value, ExportError> {
    let (fields, table_rows) = rows.get(nest.table)?;
    let unless = nest
        .unless
        .map(|name| column(fields, nest.table, name))
        .transpose()?;
    // Which rows hang from the parent: (column of the row, value it must have).
    let wanted: Option<(usize, String)> = match (nest.link, parent) {
        (Link::Root, _) | (_, None) => None,
        (Link::ChildField(name), Some((_, parent_row))) => {
            let parent_id = parent_row.first().map(|v| v.to_cell()).unwrap_or_default();
            Some((column(fields, nest.table, name)?, parent_id))
        }
        (Link::ParentField(name), Some((parent_table, parent_row))) => {
            let (parent_fields, _) = rows.get(parent_table)?;
            let child_id = parent_row[column(parent_fields, parent_table, name)?].to_cell();
            if child_id.is_empty() {
                return Ok(Value::Null);
            }
            Some((0, child_id))
        }
    };
    let selected: Vec<usize> = match &wanted {
        None => (0..table_rows.len()).collect(),
        Some((column, value)) => rows
            .by_value(nest.table, *column)?
            .get(value)
            .cloned()
            .unwrap_or_default(),
    };
    let mut objects = Vec::new();
    for row in selected.into_iter().map(|i| &table_rows[i]) {
        if unless.is_some_and(|i| !row[i].is_null()) {
            continue;
        }
        objects.push(object(rows, publication, nest, fields, row)?);
    }
    Ok(match nest.link {
        Link::ParentField(_) => objects.into_iter().next().unwrap_or(Value::Null),
        Link::Root | Link::ChildField(_) => Value::Array(objects),
    })
}

fn object(
    rows: &Rows<'_>,
    publication: &Publication,
    nest: &Nest,
    fields: &[FieldInfo],
    row: &[tables::Value<'_>],
) -> Result<Value, ExportError> {
    let entity = tables::table(nest.table).map_or(nest.table, |t| t.meta().entity);
    let id = row.first().map(|v| v.to_cell()).unwrap_or_default();
    let mut object = Map::new();
    object.insert("iri".into(), json!(publication.iri(entity, &id)));
    object.extend(json_row(fields, row));
    for child in nest.below() {
        object.insert(
            child.key.into(),
            collection(rows, publication, child, Some((nest.table, row)))?,
        );
    }
    Ok(Value::Object(object))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    fn walk<'a>(nests: &'a [Nest], out: &mut Vec<&'a Nest>) {
        for nest in nests {
            out.push(nest);
            walk(nest.children, out);
        }
    }

    #[test]
    fn the_tree_holds_every_table_with_one_shape_per_table() {
        let mut all = Vec::new();
        walk(TREE, &mut all);
        let in_tree: BTreeSet<&str> = all.iter().map(|n| n.table).collect();
        let tables: BTreeSet<&str> = TABLES.iter().map(|t| t.meta().name).collect();
        assert_eq!(in_tree, tables);
        for nest in &all {
            let keys: Vec<&str> = nest.below().map(|n| n.key).collect();
            for other in all.iter().filter(|o| o.table == nest.table) {
                let other_keys: Vec<&str> = other.below().map(|n| n.key).collect();
                assert_eq!(
                    keys, other_keys,
                    "{} nests the same way everywhere",
                    nest.table
                );
            }
            let table = tables::table(nest.table).expect("a table");
            for key in &keys {
                assert!(
                    table.fields().iter().all(|f| f.name != *key),
                    "{key} is both a field and a nested key"
                );
            }
        }
    }
}
