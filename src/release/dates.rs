//! Dates that come from the release history, never from the clock: when a file's content or a
//! record last changed is the date of the first release that holds its current state.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::records::TableRecords;
use super::{History, Manifest, ReleaseError};
use crate::catalog::{DatasetVersion, PublishedFile};
use crate::tables::RecordDates;

/// The record fields named after `dct:issued` and `dct:modified`.
pub use crate::tables::record_dates::{ISSUED, MODIFIED};

/// Each record's dates from the releases of `history`, oldest first, then from `pending` (the
/// records of a release being made and its date): `issued` is the date of the first release
/// that holds the record, `modified` that of the last release in which one of its fields (its
/// own dates aside, see [`super::records`]) differs from the release before. With them, each
/// release as the catalogue describes it (the pending one last, without its files).
pub fn record_dates(
    history: &History,
    pending: Option<(&Pending, &[TableRecords])>,
) -> Result<(RecordDates, Vec<DatasetVersion>), ReleaseError> {
    let mut dates = RecordDates::default();
    let mut versions = Vec::new();
    let mut before: Vec<TableRecords> = Vec::new();
    for manifest in history.releases() {
        let after = history.state(manifest.version)?.tables;
        step(&mut dates, &before, manifest.date, &after);
        versions.push(DatasetVersion {
            version: manifest.version.to_string(),
            date: manifest.date.to_string(),
            notes: version_note(manifest),
            temporal: coverage(&after),
            corpus_json: manifest.file(CORPUS_JSON).map(|entry| PublishedFile {
                path: entry.path.clone(),
                byte_size: entry.size,
                sha256: entry.sha256.clone(),
                title: String::new(),
                description: String::new(),
                conforms_to: None,
                modified: content_since(history, manifest.version, &entry.path)
                    .map(|d| d.to_string()),
            }),
        });
        before = after;
    }
    if let Some((release, after)) = pending {
        step(&mut dates, &before, release.date, after);
        versions.push(DatasetVersion {
            version: release.version.to_string(),
            date: release.date.to_string(),
            notes: note_text(release.version, release.date, release.note),
            temporal: coverage(after),
            corpus_json: None,
        });
    }
    Ok((dates, versions))
}

/// The file each version of the catalogue lists as its distribution.
pub const CORPUS_JSON: &str = "json/corpus.json";

/// A release being made.
pub struct Pending<'a> {
    pub version: super::Version,
    pub date: Date,
    pub note: &'a str,
}

/// The temporal coverage of a release's editions, read from its congresses as
/// `catalog::temporal_coverage` reads the corpus: the first edition's first day (else 1 January
/// of its year) to the last one's last day (else 31 December).
fn coverage(tables: &[TableRecords]) -> Option<(String, String)> {
    let congresses = tables.iter().find(|t| t.name == "congresses")?;
    let by_year =
        |record: &&super::records::Record| record.get("year").and_then(|y| y.parse::<i32>().ok());
    let first = congresses.rows.values().min_by_key(by_year)?;
    let last = congresses.rows.values().max_by_key(by_year)?;
    let day = |record: &super::records::Record, field: &str, default: &str| match record
        .get(field)
        .filter(|d| !d.is_empty())
    {
        Some(date) => date.clone(),
        None => format!(
            "{}-{default}",
            record.get("year").cloned().unwrap_or_default()
        ),
    };
    Some((
        day(first, "start_date", "01-01"),
        day(last, "end_date", "12-31"),
    ))
}

fn step(dates: &mut RecordDates, before: &[TableRecords], date: Date, after: &[TableRecords]) {
    for table in after {
        let previous = before.iter().find(|t| t.name == table.name);
        for (id, record) in &table.rows {
            let changed = previous.and_then(|t| t.rows.get(id)) != Some(record);
            dates.released(table.name, id, date, changed);
        }
    }
}

/// For each file path of the latest release: the release from which its bytes are unchanged.
pub fn file_dates(history: &History) -> BTreeMap<String, &Manifest> {
    let mut since: BTreeMap<String, (&str, &Manifest)> = BTreeMap::new();
    for manifest in history.releases() {
        let mut next = BTreeMap::new();
        for file in &manifest.files {
            let kept = since
                .get(file.path.as_str())
                .filter(|(sha, _)| *sha == file.sha256)
                .map_or(manifest, |(_, m)| *m);
            next.insert(file.path.clone(), (file.sha256.as_str(), kept));
        }
        since = next;
    }
    since.into_iter().map(|(p, (_, m))| (p, m)).collect()
}

/// When a file's current content was first released: the release date, or `None` if these
/// bytes are not (yet) in the latest release.
pub fn file_modified(history: &History, path: &str, sha256: &str) -> Option<Date> {
    let latest = history.latest()?;
    let entry = latest.file(path)?;
    if entry.sha256 != sha256 {
        return None;
    }
    file_dates(history).get(path).map(|m| m.date)
}

/// Checks that a date read back is a date (for the `since` parameter).
pub fn parse_date(text: &str) -> Result<Date, ReleaseError> {
    text.parse()
        .map_err(|_| ReleaseError::Since(text.to_string()))
}

/// The release from which the file at `path` of release `version` has these bytes (the first
/// of the unbroken run of releases holding them).
pub fn content_since(history: &History, version: super::Version, path: &str) -> Option<Date> {
    let mut since: Option<(&str, Date)> = None;
    for manifest in history.releases() {
        since = match manifest.file(path) {
            Some(entry) => match since {
                Some((sha, date)) if sha == entry.sha256 => Some((sha, date)),
                _ => Some((entry.sha256.as_str(), manifest.date)),
            },
            None => None,
        };
        if manifest.version == version {
            return since.map(|(_, date)| date);
        }
    }
    None
}

/// An HTTP date (RFC 9110 §5.6.7) for midnight UTC of a release day.
pub fn http_date(date: Date) -> String {
    date.strftime("%a, %d %b %Y 00:00:00 GMT").to_string()
}

/// What an export needs to date its files from the release history: for each file of the
/// latest release, its SHA-256 and the date from which it has those bytes; and, while a
/// release is being made, that release's date for every file it changes.
#[derive(Debug, Clone, Default)]
pub struct Dating {
    files: BTreeMap<String, (String, Date)>,
    pending: Option<Date>,
    /// The version the export describes and its note: the release being made, else the latest.
    release: Option<(String, String)>,
    /// Each record's dates (the release being made counted, while it is made).
    records: RecordDates,
    /// Every release, the one being made last.
    versions: Vec<DatasetVersion>,
}

impl Dating {
    /// No history: files carry no date of their own (the publication's date applies).
    pub fn none() -> Self {
        Dating::default()
    }

    /// Reads every release's records (for their dates): an unreadable release is an error.
    pub fn from_history(history: &History) -> Result<Self, ReleaseError> {
        let (records, versions) = record_dates(history, None)?;
        let mut files = BTreeMap::new();
        if let Some(latest) = history.latest() {
            for (path, since) in file_dates(history) {
                if let Some(entry) = latest.file(&path) {
                    files.insert(path, (entry.sha256.clone(), since.date));
                }
            }
        }
        Ok(Dating {
            files,
            pending: None,
            release: history
                .latest()
                .map(|m| (m.version.to_string(), version_note(m))),
            records,
            versions,
        })
    }

    /// The dates of an export that will become release `version` of `date`, whose records
    /// are `records` (what `export` writes now, its files aside).
    pub fn pending(
        mut self,
        history: &History,
        version: super::Version,
        date: Date,
        note: &str,
        records: &[TableRecords],
    ) -> Result<Self, ReleaseError> {
        self.pending = Some(date);
        self.release = Some((version.to_string(), note_text(version, date, note)));
        let pending = Pending {
            version,
            date,
            note,
        };
        (self.records, self.versions) = record_dates(history, Some((&pending, records)))?;
        Ok(self)
    }

    /// Every release as the catalogue describes it, oldest first.
    pub fn versions(&self) -> &[DatasetVersion] {
        &self.versions
    }

    /// Each record's `issued` and `modified`.
    pub fn record_dates(&self) -> &RecordDates {
        &self.records
    }

    /// The version the export describes (`dcat:version`) and its note (`adms:versionNotes`).
    pub fn release(&self) -> Option<(&str, &str)> {
        self.release.as_ref().map(|(v, n)| (v.as_str(), n.as_str()))
    }

    /// When the content of the file at `path` (now `sha256`) last changed: the release from
    /// which it is unchanged; the pending release's date if it changes now; `None` when no
    /// release holds it and none is being made.
    pub fn file_date(&self, path: &str, sha256: &str) -> Option<Date> {
        match self.files.get(path) {
            Some((released, since)) if released == sha256 => Some(*since),
            _ => self.pending,
        }
    }
}

fn version_note(manifest: &Manifest) -> String {
    note_text(manifest.version, manifest.date, &manifest.note)
}

/// `adms:versionNotes`: the version, its date and its note.
fn note_text(version: super::Version, date: Date, note: &str) -> String {
    if note.is_empty() {
        format!("Version {version} du jeu de données, publiée le {date}.")
    } else {
        format!("Version {version} du jeu de données, publiée le {date} : {note}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::release::records::Record;

    fn table(rows: &[(&str, &str)]) -> Vec<TableRecords> {
        vec![TableRecords {
            name: "sources",
            title: "Sources",
            fields: vec!["id".into(), "title".into()],
            rows: rows
                .iter()
                .map(|(id, title)| {
                    let record: Record = [("id", *id), ("title", *title)]
                        .into_iter()
                        .map(|(k, v)| (k.to_string(), v.to_string()))
                        .collect();
                    (id.to_string(), record)
                })
                .collect(),
        }]
    }

    fn day(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn a_record_is_issued_once_and_modified_by_the_release_that_changes_it() {
        let mut dates = RecordDates::default();
        let first = table(&[("a", "Titre"), ("b", "Autre")]);
        step(&mut dates, &[], day("2026-12-01"), &first);
        let second = table(&[("a", "Titre corrigé"), ("b", "Autre"), ("c", "Nouveau")]);
        step(&mut dates, &first, day("2026-12-02"), &second);
        let third = table(&[("a", "Titre corrigé"), ("b", "Autre"), ("c", "Nouveau")]);
        step(&mut dates, &second, day("2027-01-05"), &third);
        let get = |id: &str| dates.get("sources", id).unwrap();
        assert_eq!(
            (get("a").issued, get("a").modified),
            (day("2026-12-01"), day("2026-12-02"))
        );
        assert_eq!(
            (get("b").issued, get("b").modified),
            (day("2026-12-01"), day("2026-12-01"))
        );
        assert_eq!(
            (get("c").issued, get("c").modified),
            (day("2026-12-02"), day("2026-12-02"))
        );
        assert_eq!(dates.get("sources", "d"), None);
        assert_eq!(dates.get("items", "a"), None);
    }
}
