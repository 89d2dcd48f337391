//! The one definition of every published field.
//!
//! Each table of the publication (congresses, motions, items…) is a list of [`Field`]s: name,
//! French title and description, type, constraints, RDF predicate and the function that reads the
//! value from the corpus. The CSV header, the Table Schema, the JSON rows, the RDF triples and the
//! OpenAPI schemas are all derived from these lists, so they cannot drift apart (the same idea as
//! ripgrep's single flag list driving parser, `--help` and man page).

mod definitions;
pub mod record_dates;
mod render;

use std::borrow::Cow;

use jiff::civil::Date;

pub use definitions::{TABLES, table};
pub use record_dates::{RecordDate, RecordDates};
pub use render::{json_row, write_csv, write_csv_lines, write_link_csv};

use crate::corpus::{Corpus, TextBlock};

/// The type of a field, which fixes its CSV/Table Schema type, JSON type and RDF datatype.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// A single line or paragraph of text.
    Text,
    /// One or more paragraphs: a JSON array of strings; in CSV, paragraphs separated by a blank line.
    Paragraphs,
    /// Text blocks with optional headings: JSON array of `{heading, paragraphs}`; in CSV, headings
    /// and paragraphs separated by blank lines.
    Blocks,
    Integer,
    Boolean,
    /// `YYYY-MM-DD`.
    Date,
    /// The id of a row of another table (`Link` in RDF, a foreign key in CSV).
    Ref(&'static str),
    /// Ids of rows of another table, in order: a JSON array; in CSV, its own link table
    /// `{table}_{field}` (one row per pair), never a packed cell.
    RefList(&'static str),
}

/// How a field becomes RDF. Predicates are CURIEs (`dct:title`, or `cn:…` for the project's own
/// terms), expanded by [`crate::vocab`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rdf {
    /// Not stated in RDF (the subject IRI already says it, e.g. the id).
    None,
    /// A literal typed after the field type (xsd:string, xsd:integer, xsd:date, xsd:boolean).
    Literal(&'static str),
    /// A French text: `"…"@fr`.
    French(&'static str),
    /// The value is itself an IRI (a web site).
    Iri(&'static str),
    /// A link to the entity the id names (for `Ref` and `RefList` fields).
    Link(&'static str),
}

/// A value read from the corpus for one field of one row.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// Unknown or not applicable: an empty CSV cell, JSON `null`, no triple.
    Null,
    Text(&'a str),
    Owned(String),
    Paragraphs(&'a [String]),
    Blocks(&'a [TextBlock]),
    Integer(i64),
    Boolean(bool),
    Date(Date),
    Refs(Vec<&'a str>),
}

impl Value<'_> {
    pub fn is_null(&self) -> bool {
        match self {
            Value::Null => true,
            Value::Paragraphs(p) => p.is_empty(),
            Value::Blocks(b) => b.is_empty(),
            _ => false,
        }
    }

    /// The value as one CSV cell (and as the lexical form of an RDF literal).
    pub fn to_cell(&self) -> String {
        self.cell().into_owned()
    }

    /// The value as JSON: what its [`serde::Serialize`] form writes.
    pub fn to_json(&self) -> serde_json::Value {
        // Serialising these values cannot fail (strings, numbers, lists and maps of strings).
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    /// The value as one CSV cell, borrowed where the corpus holds it as one string.
    pub fn cell(&self) -> Cow<'_, str> {
        match self {
            Value::Null => Cow::Borrowed(""),
            Value::Text(s) => Cow::Borrowed(s),
            Value::Owned(s) => Cow::Borrowed(s),
            Value::Paragraphs(p) => Cow::Owned(p.join("\n\n")),
            Value::Blocks(blocks) => Cow::Owned(
                blocks
                    .iter()
                    .flat_map(|b| b.heading.iter().chain(b.paragraphs.iter()))
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join("\n\n"),
            ),
            Value::Integer(n) => Cow::Owned(n.to_string()),
            Value::Boolean(b) => Cow::Owned(b.to_string()),
            Value::Date(d) => Cow::Owned(d.to_string()),
            Value::Refs(ids) => Cow::Owned(ids.join(" ")),
        }
    }

    /// Whether the value is written as something in JSON: not `null`, not an empty list (what
    /// makes a row "rich" as a schema example).
    pub fn is_filled(&self) -> bool {
        !self.is_null() && !matches!(self, Value::Refs(ids) if ids.is_empty())
    }
}

/// The JSON form of a value, written straight from the corpus's strings (the API's views write
/// every row of every table at start-up; building a `serde_json::Value` first copied each text).
impl serde::Serialize for Value<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self {
            Value::Null => serializer.serialize_unit(),
            Value::Text(s) => serializer.serialize_str(s),
            Value::Owned(s) => serializer.serialize_str(s),
            Value::Paragraphs(p) => p.serialize(serializer),
            Value::Blocks(blocks) => serializer.collect_seq(blocks.iter().map(|b| {
                struct Block<'b>(&'b TextBlock);
                impl serde::Serialize for Block<'_> {
                    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                        let mut map = s.serialize_map(Some(2))?;
                        map.serialize_entry("heading", &self.0.heading)?;
                        map.serialize_entry("paragraphs", &self.0.paragraphs)?;
                        map.end()
                    }
                }
                Block(b)
            })),
            Value::Integer(n) => serializer.serialize_i64(*n),
            Value::Boolean(b) => serializer.serialize_bool(*b),
            Value::Date(d) => serializer.collect_str(d),
            Value::Refs(ids) => ids.serialize(serializer),
        }
    }
}

/// One published field.
pub struct Field<R: 'static> {
    /// Column name and JSON key: lowercase ASCII and `_`, at most 63 bytes (data.gouv.fr).
    pub name: &'static str,
    /// French title.
    pub title: &'static str,
    /// French description, for the Table Schema, the OpenAPI document and the dataset README.
    pub description: &'static str,
    pub field_type: FieldType,
    /// Always present (never an empty cell).
    pub required: bool,
    /// The closed list of codes the field takes, if any.
    pub codes: Option<fn() -> Vec<&'static str>>,
    pub rdf: Rdf,
    pub get: for<'a> fn(&'a R, &'a Corpus) -> Value<'a>,
    /// For a field of codes: the column of their French labels, published right after it.
    pub label: Option<CodeLabel>,
}

/// The French-label column of a field of codes (`kind` → `kind_label`), derived from the same
/// field definition and the code list's labels (`corpus::codes`): French readers of the CSV get
/// "levier", not only `lever`. Not stated in RDF: the code is.
#[derive(Debug, Clone, Copy)]
pub struct CodeLabel {
    pub name: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    /// The label of a code.
    pub of: fn(&str) -> Option<&'static str>,
}

impl CodeLabel {
    fn info(&self, code_field: &FieldInfo) -> FieldInfo {
        FieldInfo {
            name: self.name,
            title: self.title,
            description: self.description,
            field_type: FieldType::Text,
            required: code_field.required,
            codes: None,
            rdf: Rdf::None,
        }
    }

    fn value(&self, code: &Value<'_>) -> Value<'static> {
        match code {
            Value::Text(code) => (self.of)(code).map_or(Value::Null, Value::Text),
            _ => Value::Null,
        }
    }
}

/// What every field says about itself, independent of the row type.
#[derive(Debug, Clone, Copy)]
pub struct FieldInfo {
    pub name: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    pub field_type: FieldType,
    pub required: bool,
    pub codes: Option<fn() -> Vec<&'static str>>,
    pub rdf: Rdf,
}

impl<R> Field<R> {
    pub fn info(&self) -> FieldInfo {
        FieldInfo {
            name: self.name,
            title: self.title,
            description: self.description,
            field_type: self.field_type,
            required: self.required,
            codes: self.codes,
            rdf: self.rdf,
        }
    }
}

impl FieldInfo {
    /// Whether the field is a CSV column (lists go to link tables instead).
    pub fn in_csv(&self) -> bool {
        !matches!(self.field_type, FieldType::RefList(_))
    }

    /// The table this field refers to, for `Ref` and `RefList` fields.
    pub fn target(&self) -> Option<&'static str> {
        match self.field_type {
            FieldType::Ref(t) | FieldType::RefList(t) => Some(t),
            _ => None,
        }
    }
}

/// A published table, with its rows typed as `R`.
pub struct Table<R: 'static> {
    pub meta: TableMeta,
    pub fields: &'static [Field<R>],
    pub rows: for<'a> fn(&'a Corpus) -> Vec<&'a R>,
}

/// What a table says about itself.
#[derive(Debug, Clone, Copy)]
pub struct TableMeta {
    /// File and schema name: `items` → `items.csv`, `items.json` (Table Schema).
    pub name: &'static str,
    /// The IRI path segment of its rows: `{base}/id/{entity}/{id}`.
    pub entity: &'static str,
    /// The API path under `/api/v1`.
    pub api_path: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    /// RDF classes of every row (CURIEs).
    pub classes: &'static [&'static str],
}

/// Any table, whatever its row type: what the exporters and the API iterate over.
pub trait AnyTable: Sync {
    fn meta(&self) -> &TableMeta;
    fn fields(&self) -> Vec<FieldInfo>;
    /// Every row in the table's stable order, values in field order (the first field is `id`).
    fn rows<'a>(&self, corpus: &'a Corpus) -> Vec<Vec<Value<'a>>>;
    /// Number of rows, without reading values.
    fn len(&self, corpus: &Corpus) -> usize;
    /// One row by id.
    fn row<'a>(&self, corpus: &'a Corpus, id: &str) -> Option<Vec<Value<'a>>>;
}

impl<R: Sync> AnyTable for Table<R> {
    fn meta(&self) -> &TableMeta {
        &self.meta
    }

    fn fields(&self) -> Vec<FieldInfo> {
        let mut infos = Vec::with_capacity(self.fields.len() + 4);
        for field in self.fields {
            let info = field.info();
            infos.push(info);
            if let Some(label) = &field.label {
                infos.push(label.info(&info));
            }
        }
        infos.extend(record_dates::FIELDS);
        infos
    }

    fn rows<'a>(&self, corpus: &'a Corpus) -> Vec<Vec<Value<'a>>> {
        (self.rows)(corpus)
            .into_iter()
            .map(|row| self.values(row, corpus))
            .collect()
    }

    fn len(&self, corpus: &Corpus) -> usize {
        (self.rows)(corpus).len()
    }

    fn row<'a>(&self, corpus: &'a Corpus, id: &str) -> Option<Vec<Value<'a>>> {
        let id_field = self.fields.first()?;
        (self.rows)(corpus)
            .into_iter()
            .find(|row| (id_field.get)(row, corpus).to_cell() == id)
            .map(|row| self.values(row, corpus))
    }
}

impl<R> Table<R> {
    /// A row's values in the order of [`AnyTable::fields`]: each field's, then its label's;
    /// then the record's dates from the release history.
    fn values<'a>(&self, row: &'a R, corpus: &'a Corpus) -> Vec<Value<'a>> {
        let mut values = Vec::with_capacity(self.fields.len() + 6);
        for field in self.fields {
            let value = (field.get)(row, corpus);
            let label = field.label.as_ref().map(|l| l.value(&value));
            values.push(value);
            values.extend(label);
        }
        let id = values.first().map(Value::to_cell).unwrap_or_default();
        values.extend(corpus.record_dates().values(self.meta.name, &id));
        values
    }
}

/// A link table derived from a `RefList` field: one row per (owner, target) pair, in order.
#[derive(Debug, Clone)]
pub struct LinkTable {
    /// `{owner table singular}_{field}`: `item_themes`.
    pub name: String,
    pub owner: &'static str,
    pub field: FieldInfo,
    /// Columns: `{owner entity}_id`, `{target entity}_id`, `position`.
    pub owner_column: String,
    pub target_column: String,
    pub target: &'static str,
}

impl LinkTable {
    /// Link tables of every `RefList` field of every table, in table order.
    pub fn all() -> Vec<LinkTable> {
        TABLES
            .iter()
            .flat_map(|table| {
                let meta = *table.meta();
                table.fields().into_iter().filter_map(move |field| {
                    let FieldType::RefList(target) = field.field_type else {
                        return None;
                    };
                    let target_entity = definitions::table(target)
                        .map_or(target, |t| t.meta().entity)
                        .replace('-', "_");
                    let owner_entity = meta.entity.replace('-', "_");
                    Some(LinkTable {
                        name: format!("{owner_entity}_{}", field.name),
                        owner: meta.name,
                        field,
                        owner_column: format!("{owner_entity}_id"),
                        target_column: format!("{target_entity}_id"),
                        target,
                    })
                })
            })
            .collect()
    }

    /// `(owner id, target id, position)` rows.
    pub fn rows<'a>(&self, corpus: &'a Corpus) -> Vec<(String, &'a str, usize)> {
        let Some(table) = definitions::table(self.owner) else {
            return Vec::new();
        };
        let fields = table.fields();
        let index = fields.iter().position(|f| f.name == self.field.name);
        let mut out = Vec::new();
        for row in table.rows(corpus) {
            let (Some(index), Some(id)) = (index, row.first()) else {
                continue;
            };
            if let Value::Refs(ids) = &row[index] {
                for (position, target) in ids.iter().enumerate() {
                    out.push((id.to_cell(), *target, position + 1));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests;
