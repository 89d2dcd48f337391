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

/// The bytes [`write_csv`] writes for `rows`, with where the header and each row end in them,
/// so that rows can be served one by one (the API's CSV pages) from one writer and one buffer
/// rather than a writer and a header per row (a third of building the API's views at ×1000).
/// A CSV record does not depend on the records around it.
pub fn write_csv_lines(
    fields: &[FieldInfo],
    rows: &[Vec<Value<'_>>],
) -> csv::Result<(Vec<u8>, Vec<usize>)> {
    let columns: Vec<usize> = (0..fields.len()).filter(|&i| fields[i].in_csv()).collect();
    let mut csv = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let mut ends = Vec::with_capacity(rows.len() + 1);
    csv.write_record(columns.iter().map(|&i| fields[i].name))?;
    csv.flush()?;
    ends.push(csv.get_ref().len());
    for row in rows {
        for &i in &columns {
            csv.write_field(row[i].cell().as_bytes())?;
        }
        csv.write_record(None::<&[u8]>)?;
        csv.flush()?;
        ends.push(csv.get_ref().len());
    }
    let bytes = csv
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok((bytes, ends))
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
