//! Rows rendered the same way wherever they appear: a CSV file of the dumps and an API list in
//! CSV share [`write_csv`]; a JSON dump row and an API JSON row share [`json_row`].

use std::io::Write;

use super::{FieldInfo, LinkTable, Value};
use crate::corpus::Corpus;

/// A row as a JSON object, keys in field order.
pub fn json_row(
    fields: &[FieldInfo],
    values: &[Value<'_>],
) -> serde_json::Map<String, serde_json::Value> {
    fields
        .iter()
        .zip(values)
        .map(|(field, value)| (field.name.to_string(), value.to_json()))
        .collect()
}

/// Writes a header and rows as RFC 4180 CSV (UTF-8, comma, CRLF-free `\n` line ends, quoting
/// only where needed); columns are the CSV fields of `fields` (link lists are left to link tables).
pub fn write_csv<'a, W: Write>(
    writer: W,
    fields: &[FieldInfo],
    rows: impl IntoIterator<Item = Vec<Value<'a>>>,
) -> csv::Result<W> {
    let columns: Vec<usize> = (0..fields.len()).filter(|&i| fields[i].in_csv()).collect();
    let mut csv = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(writer);
    csv.write_record(columns.iter().map(|&i| fields[i].name))?;
    for row in rows {
        csv.write_record(columns.iter().map(|&i| row[i].to_cell()))?;
    }
    csv.into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

/// Writes a link table as CSV: `{owner}_id,{target}_id,position`.
pub fn write_link_csv<W: Write>(writer: W, link: &LinkTable, corpus: &Corpus) -> csv::Result<W> {
    let mut csv = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(writer);
    csv.write_record([
        link.owner_column.as_str(),
        link.target_column.as_str(),
        "position",
    ])?;
    for (owner, target, position) in link.rows(corpus) {
        csv.write_record([owner.as_str(), target, &position.to_string()])?;
    }
    csv.into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}
