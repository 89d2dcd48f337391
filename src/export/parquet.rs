//! `parquet/{table}.parquet`: each CSV file as an Apache Parquet file, for data scientists
//! (pandas, Polars, DuckDB, Spark, R's arrow).
//!
//! Derived from the CSV tables ([`super::tabular`]): the same rows and cells, typed (`Int64`,
//! `Boolean`, `Date32` for dates, `Utf8` texts), nullable exactly where the field is optional;
//! each field carries its French title and description as field metadata, and the file its
//! table's title and description, the licence and the source (Arrow schema metadata, and the
//! Parquet key-value metadata for readers without Arrow). Snappy compression: pure Rust, and
//! every Parquet reader has it.
//!
//! Reproducible: metadata in a fixed order (Arrow sorts its keys), the writer's
//! `created_by` names only its version, so the same corpus gives the same bytes (tested).

use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::{ArrayRef, BooleanArray, Date32Array, Int64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use jiff::civil::Date;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;

use super::ExportError;
use super::tabular::{ColumnType, CsvTable, TypedCell};
use crate::publication::Publication;

/// The IANA media type of Parquet files.
pub const PARQUET_MEDIA_TYPE: &str = "application/vnd.apache.parquet";

/// Path of a table's Parquet file under `exports/`.
pub fn parquet_path(table: &CsvTable) -> String {
    format!("parquet/{}.parquet", table.name)
}

fn data_type(column_type: ColumnType) -> DataType {
    match column_type {
        ColumnType::String => DataType::Utf8,
        ColumnType::Integer => DataType::Int64,
        ColumnType::Boolean => DataType::Boolean,
        ColumnType::Date => DataType::Date32,
    }
}

/// The Arrow schema of a table: one field per CSV column, described.
pub fn schema(table: &CsvTable, publication: &Publication) -> Schema {
    let fields: Vec<Field> = table
        .columns
        .iter()
        .map(|column| {
            Field::new(
                &column.name,
                data_type(column.column_type),
                !column.required,
            )
            .with_metadata(HashMap::from([
                ("title".to_string(), column.title.clone()),
                ("description".to_string(), column.description.clone()),
            ]))
        })
        .collect();
    Schema::new(fields).with_metadata(file_metadata(table, publication).into_iter().collect())
}

/// What the file says about itself, in a fixed order.
fn file_metadata(table: &CsvTable, publication: &Publication) -> Vec<(String, String)> {
    let base = &publication.base_url;
    [
        ("title", table.title.clone()),
        ("description", table.description.clone()),
        ("dataset", publication.title.clone()),
        (
            "license",
            format!(
                "{} ({})",
                publication.license.title, publication.license.url
            ),
        ),
        (
            "source",
            format!("{base}/exports/{} ({base}/)", table.path()),
        ),
        ("version", publication.version.clone()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

/// Days since 1970-01-01, as Arrow's `Date32` counts them.
fn days_since_epoch(date: Date) -> Result<i32, ExportError> {
    let days = Date::constant(1970, 1, 1)
        .until(date)
        .map_err(|e| ExportError::Internal(format!("date {date}: {e}")))?
        .get_days();
    Ok(days)
}

/// A column's values as an Arrow array of its type.
fn array(
    column_type: ColumnType,
    rows: &[Vec<TypedCell>],
    index: usize,
) -> Result<ArrayRef, ExportError> {
    let cells = rows.iter().map(|row| &row[index]);
    let mismatch =
        |cell: &TypedCell| ExportError::Internal(format!("{cell:?} in a {column_type:?} column"));
    Ok(match column_type {
        ColumnType::String => Arc::new(
            cells
                .map(|cell| match cell {
                    TypedCell::Null => Ok(None),
                    TypedCell::Text(s) => Ok(Some(s.as_str())),
                    other => Err(mismatch(other)),
                })
                .collect::<Result<StringArray, _>>()?,
        ),
        ColumnType::Integer => Arc::new(
            cells
                .map(|cell| match cell {
                    TypedCell::Null => Ok(None),
                    TypedCell::Integer(n) => Ok(Some(*n)),
                    other => Err(mismatch(other)),
                })
                .collect::<Result<Int64Array, _>>()?,
        ),
        ColumnType::Boolean => Arc::new(
            cells
                .map(|cell| match cell {
                    TypedCell::Null => Ok(None),
                    TypedCell::Boolean(b) => Ok(Some(*b)),
                    other => Err(mismatch(other)),
                })
                .collect::<Result<BooleanArray, _>>()?,
        ),
        ColumnType::Date => Arc::new(
            cells
                .map(|cell| match cell {
                    TypedCell::Null => Ok(None),
                    TypedCell::Date(d) => days_since_epoch(*d).map(Some),
                    other => Err(mismatch(other)),
                })
                .collect::<Result<Date32Array, _>>()?,
        ),
    })
}

/// The Parquet file of one CSV table, as bytes.
pub fn parquet(table: &CsvTable, publication: &Publication) -> Result<Vec<u8>, ExportError> {
    let schema = Arc::new(schema(table, publication));
    let rows = table.typed_rows()?;
    let columns = table
        .columns
        .iter()
        .enumerate()
        .map(|(index, column)| array(column.column_type, &rows, index))
        .collect::<Result<Vec<_>, _>>()?;
    let batch = RecordBatch::try_new(schema.clone(), columns)?;
    let metadata = file_metadata(table, publication)
        .into_iter()
        .map(|(key, value)| KeyValue::new(key, value))
        .collect();
    let properties = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_key_value_metadata(Some(metadata))
        .build();
    let mut writer = ArrowWriter::try_new(Vec::new(), schema, Some(properties))?;
    writer.write(&batch)?;
    Ok(writer.into_inner()?)
}
