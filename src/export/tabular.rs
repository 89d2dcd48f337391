//! The CSV files of the dumps, each with the description its Table Schema, the data package and
//! the README need: one per table of [`TABLES`], then one per link table of [`LinkTable::all`].
//! Columns come from the field definitions only; the CSV bytes come from the same writers as the
//! API's CSV ([`tables::write_csv`], [`tables::write_link_csv`]).

use crate::corpus::Corpus;
use crate::tables::{self, AnyTable, FieldType, LinkTable, TABLES};

use super::ExportError;

/// The Table Schema type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    String,
    Integer,
    Boolean,
    /// `YYYY-MM-DD`.
    Date,
}

impl ColumnType {
    pub(crate) fn of(field_type: FieldType) -> Self {
        match field_type {
            FieldType::Integer => Self::Integer,
            FieldType::Boolean => Self::Boolean,
            FieldType::Date => Self::Date,
            FieldType::Text
            | FieldType::Paragraphs
            | FieldType::Blocks
            | FieldType::Ref(_)
            | FieldType::RefList(_) => Self::String,
        }
    }

    /// The Table Schema `type`.
    pub fn name(self) -> &'static str {
        match self {
            Self::String => "string",
            Self::Integer => "integer",
            Self::Boolean => "boolean",
            Self::Date => "date",
        }
    }
}

/// One column of a CSV file.
#[derive(Debug, Clone)]
pub struct Column {
    pub name: String,
    pub title: String,
    pub description: String,
    pub column_type: ColumnType,
    pub required: bool,
    pub unique: bool,
    pub codes: Option<Vec<&'static str>>,
    pub minimum: Option<i64>,
    /// The first non-empty value of the column in the corpus.
    pub example: Option<String>,
}

/// A reference from a column to the `id` of another CSV file (or of the same one).
#[derive(Debug, Clone)]
pub struct ForeignKey {
    pub column: String,
    pub table: &'static str,
}

/// One CSV file of the dumps, described.
#[derive(Debug, Clone)]
pub struct CsvTable {
    /// `items`, `item_themes`: file `csv/{name}.csv`, schema `table-schemas/{name}.json`.
    pub name: String,
    pub title: String,
    pub description: String,
    pub columns: Vec<Column>,
    pub primary_key: Vec<String>,
    pub foreign_keys: Vec<ForeignKey>,
    pub row_count: usize,
    pub csv: Vec<u8>,
}

impl CsvTable {
    /// Path of the CSV file under `exports/`.
    pub fn path(&self) -> String {
        format!("csv/{}.csv", self.name)
    }

    /// Path of its Table Schema under `schemas/`.
    pub fn schema_path(&self) -> String {
        format!("table-schemas/{}.json", self.name)
    }
}

/// Every CSV file, in publication order: tables, then link tables.
pub fn csv_tables(corpus: &Corpus) -> Result<Vec<CsvTable>, ExportError> {
    let mut out = Vec::new();
    for table in TABLES {
        out.push(entity_table(*table, corpus)?);
    }
    for link in LinkTable::all() {
        out.push(link_table(&link, corpus)?);
    }
    Ok(out)
}

fn entity_table(table: &dyn AnyTable, corpus: &Corpus) -> Result<CsvTable, ExportError> {
    let meta = table.meta();
    let fields = table.fields();
    let rows = table.rows(corpus);
    let columns = fields
        .iter()
        .enumerate()
        .filter(|(_, field)| field.in_csv())
        .map(|(index, field)| Column {
            name: field.name.to_string(),
            title: field.title.to_string(),
            description: field.description.to_string(),
            column_type: ColumnType::of(field.field_type),
            required: field.required,
            // The first field is the table's identifier (a tested contract of `tables`).
            unique: index == 0,
            codes: field.codes.map(|codes| codes()),
            minimum: None,
            example: rows
                .iter()
                .map(|row| &row[index])
                .find(|value| !value.is_null())
                .map(|value| value.to_cell()),
        })
        .collect();
    let foreign_keys = fields
        .iter()
        .filter(|field| field.in_csv())
        .filter_map(|field| {
            field.target().map(|table| ForeignKey {
                column: field.name.to_string(),
                table,
            })
        })
        .collect();
    let row_count = rows.len();
    let csv = tables::write_csv(Vec::new(), &fields, rows)?;
    Ok(CsvTable {
        name: meta.name.to_string(),
        title: meta.title.to_string(),
        description: meta.description.to_string(),
        columns,
        primary_key: fields
            .first()
            .map(|f| f.name.to_string())
            .into_iter()
            .collect(),
        foreign_keys,
        row_count,
        csv,
    })
}

fn link_table(link: &LinkTable, corpus: &Corpus) -> Result<CsvTable, ExportError> {
    let owner = tables::table(link.owner).map(|t| *t.meta());
    let owner_title = owner.map_or(link.owner, |m| m.title);
    let rows = link.rows(corpus);
    let first = rows.first();
    let columns = vec![
        Column {
            name: link.owner_column.clone(),
            title: format!("Identifiant dans {}.csv", link.owner),
            description: format!(
                "Identifiant (colonne id) de la ligne de {}.csv (« {owner_title} ») qui porte la liste.",
                link.owner
            ),
            column_type: ColumnType::String,
            required: true,
            unique: false,
            codes: None,
            minimum: None,
            example: first.map(|(owner, _, _)| owner.clone()),
        },
        Column {
            name: link.target_column.clone(),
            title: link.field.title.to_string(),
            description: format!(
                "Identifiant d'une ligne de {}.csv. {}",
                link.target, link.field.description
            ),
            column_type: ColumnType::String,
            required: true,
            unique: false,
            codes: None,
            minimum: None,
            example: first.map(|(_, target, _)| (*target).to_string()),
        },
        Column {
            name: "position".to_string(),
            title: "Position".to_string(),
            description: "Rang dans la liste, à partir de 1 (l'ordre des sources).".to_string(),
            column_type: ColumnType::Integer,
            required: true,
            unique: false,
            codes: None,
            minimum: Some(1),
            example: first.map(|(_, _, position)| position.to_string()),
        },
    ];
    let row_count = rows.len();
    let csv = tables::write_link_csv(Vec::new(), link, corpus)?;
    Ok(CsvTable {
        name: link.name.clone(),
        title: format!(
            "Liens {}.csv → {}.csv : {}",
            link.owner, link.target, link.field.title
        ),
        description: format!(
            "Table de liens : une ligne par élément de la liste « {} » ({}) de {}.csv, dans l'ordre. {}",
            link.field.title, link.field.name, link.owner, link.field.description
        ),
        primary_key: vec![link.owner_column.clone(), "position".to_string()],
        foreign_keys: vec![
            ForeignKey {
                column: link.owner_column.clone(),
                table: link.owner,
            },
            ForeignKey {
                column: link.target_column.clone(),
                table: link.target,
            },
        ],
        columns,
        row_count,
        csv,
    })
}

/// A CSV cell read back with its column's type: what the SQLite and Parquet files store.
#[derive(Debug, Clone, PartialEq)]
pub enum TypedCell {
    /// An empty cell: unknown or not applicable.
    Null,
    Text(String),
    Integer(i64),
    Boolean(bool),
    Date(jiff::civil::Date),
}

impl CsvTable {
    /// Every row of the CSV file, each cell typed after its column. The CSV bytes are the source
    /// (not the corpus again), so every format holds exactly the CSV's cells.
    pub fn typed_rows(&self) -> Result<Vec<Vec<TypedCell>>, ExportError> {
        let mut reader = csv::ReaderBuilder::new().from_reader(self.csv.as_slice());
        let header: Vec<String> = reader.headers()?.iter().map(str::to_string).collect();
        let expected: Vec<&str> = self.columns.iter().map(|c| c.name.as_str()).collect();
        if header != expected {
            return Err(ExportError::Internal(format!(
                "{}: CSV header {header:?} is not the columns {expected:?}",
                self.path()
            )));
        }
        let mut rows = Vec::with_capacity(self.row_count);
        for record in reader.records() {
            let record = record?;
            let mut row = Vec::with_capacity(record.len());
            for (column, value) in self.columns.iter().zip(record.iter()) {
                row.push(typed_cell(column, value).ok_or_else(|| {
                    ExportError::Internal(format!(
                        "{}: {value:?} in column {} is not a valid {}",
                        self.path(),
                        column.name,
                        column.column_type.name()
                    ))
                })?);
            }
            rows.push(row);
        }
        Ok(rows)
    }
}

fn typed_cell(column: &Column, value: &str) -> Option<TypedCell> {
    if value.is_empty() {
        return Some(TypedCell::Null);
    }
    Some(match column.column_type {
        ColumnType::String => TypedCell::Text(value.to_string()),
        ColumnType::Integer => TypedCell::Integer(value.parse().ok()?),
        ColumnType::Boolean => TypedCell::Boolean(match value {
            "true" => true,
            "false" => false,
            _ => return None,
        }),
        ColumnType::Date => TypedCell::Date(value.parse().ok()?),
    })
}
