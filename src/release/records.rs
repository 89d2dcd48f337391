//! The records of a release, read back from its CSV files.
//!
//! Why rebuild from the released CSVs rather than store a snapshot of the records: the CSVs
//! *are* the published records (one file per table, one column per field, the lists in their
//! link tables), they are already in every release, content-addressed and delta-stored, so a
//! snapshot would only duplicate them; and reading columns by name keeps working when a later
//! release adds, renames or drops a field (the diff then shows the column appear or vanish)
//! whereas a snapshot written by one version of the code would have to be read by every later
//! one. The tables and their link tables come from [`crate::tables`], so a new table is diffed
//! without a line of code here.

use std::collections::BTreeMap;

use crate::tables::{LinkTable, TABLES};

use super::ReleaseError;

/// One record: field name → its CSV cell (a list field: its ids separated by spaces).
pub type Record = BTreeMap<String, String>;

/// The records of one table, by id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableRecords {
    pub name: &'static str,
    pub title: &'static str,
    /// The fields compared, in definition order (then any column the definitions no longer have).
    pub fields: Vec<String>,
    pub rows: BTreeMap<String, Record>,
}

/// Fields that say nothing of their own: a code's French label follows its code, and the
/// record's dates follow its changes. Comparing them would report every change twice.
pub fn derived(table_fields: &[crate::tables::FieldInfo], name: &str) -> bool {
    if name == super::dates::ISSUED || name == super::dates::MODIFIED {
        return true;
    }
    table_fields
        .iter()
        .any(|f| f.codes.is_some() && name.strip_suffix("_label") == Some(f.name))
}

/// Reads a file of a state by path (`None`: no such file).
pub type FileReader<'a> = &'a dyn Fn(&str) -> Result<Option<Vec<u8>>, ReleaseError>;

/// Every table's records, from the files `get` returns by path (`None`: no such file in that
/// release, e.g. a table added later: it then has no records).
pub fn records(get: FileReader<'_>) -> Result<Vec<TableRecords>, ReleaseError> {
    let links = LinkTable::all();
    let mut out = Vec::new();
    for table in TABLES {
        let meta = table.meta();
        let infos = table.fields();
        let mut records = TableRecords {
            name: meta.name,
            title: meta.title,
            fields: Vec::new(),
            rows: BTreeMap::new(),
        };
        for field in &infos {
            if !derived(&infos, field.name) {
                records.fields.push(field.name.to_string());
            }
        }
        let path = format!("csv/{}.csv", meta.name);
        if let Some(bytes) = get(&path)? {
            let (header, rows) = read_csv(&path, &bytes)?;
            for column in &header {
                if !records.fields.contains(column) && !derived(&infos, column) {
                    records.fields.push(column.clone());
                }
            }
            for row in rows {
                let mut record = Record::new();
                for (column, cell) in header.iter().zip(row) {
                    if !derived(&infos, column) {
                        record.insert(column.clone(), cell);
                    }
                }
                let id = record
                    .get("id")
                    .or_else(|| record.values().next())
                    .cloned()
                    .unwrap_or_default();
                records.rows.insert(id, record);
            }
        }
        for link in links.iter().filter(|l| l.owner == meta.name) {
            let path = format!("csv/{}.csv", link.name);
            let Some(bytes) = get(&path)? else { continue };
            let (header, rows) = read_csv(&path, &bytes)?;
            let column = |name: &str| header.iter().position(|h| h == name);
            let (Some(owner), Some(target), Some(position)) = (
                column(&link.owner_column),
                column(&link.target_column),
                column("position"),
            ) else {
                continue;
            };
            let mut lists: BTreeMap<&str, Vec<(u64, &str)>> = BTreeMap::new();
            for row in &rows {
                let rank = row[position].parse().unwrap_or(u64::MAX);
                lists
                    .entry(row[owner].as_str())
                    .or_default()
                    .push((rank, row[target].as_str()));
            }
            for (owner, mut targets) in lists {
                targets.sort();
                let ids: Vec<&str> = targets.into_iter().map(|(_, t)| t).collect();
                if let Some(record) = records.rows.get_mut(owner) {
                    record.insert(link.field.name.to_string(), ids.join(" "));
                }
            }
        }
        out.push(records);
    }
    Ok(out)
}

type Rows = Vec<Vec<String>>;

fn read_csv(path: &str, bytes: &[u8]) -> Result<(Vec<String>, Rows), ReleaseError> {
    let bad = |e: csv::Error| ReleaseError::Unreadable(path.to_string(), e.to_string());
    let mut reader = csv::ReaderBuilder::new().from_reader(bytes);
    let header: Vec<String> = reader
        .headers()
        .map_err(bad)?
        .iter()
        .map(str::to_string)
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(bad)?;
        rows.push(record.iter().map(str::to_string).collect());
    }
    Ok((header, rows))
}
