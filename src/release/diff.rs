//! What changed between two states of the publication: the files whose bytes differ, and the
//! records added, removed and changed field by field in every table (see [`super::records`]).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;
use utoipa::ToSchema;

use super::records::TableRecords;

/// A file's change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Added,
    Removed,
    Modified,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FileChange {
    pub path: String,
    pub change: Change,
    /// SHA-256 before (none for an added file).
    pub before: Option<String>,
    /// SHA-256 after (none for a removed file).
    pub after: Option<String>,
}

/// One field of one record, before and after (`None`: the column did not exist).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldChange {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct RecordChange {
    pub id: String,
    pub fields: Vec<FieldChange>,
}

/// The changes of one table (only tables with changes are listed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct TableChanges {
    pub table: String,
    pub title: String,
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub changed: Vec<RecordChange>,
}

/// The difference between two states (`from` and `to`: a version or `working`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Diff {
    pub from: String,
    pub to: String,
    pub files: Vec<FileChange>,
    pub tables: Vec<TableChanges>,
}

impl Diff {
    /// Compares two file lists (path → SHA-256) and two sets of records.
    pub fn between(
        from: String,
        to: String,
        files_before: &BTreeMap<String, String>,
        files_after: &BTreeMap<String, String>,
        before: &[TableRecords],
        after: &[TableRecords],
    ) -> Diff {
        let mut files = Vec::new();
        for (path, sha) in files_before {
            match files_after.get(path) {
                None => files.push(FileChange {
                    path: path.clone(),
                    change: Change::Removed,
                    before: Some(sha.clone()),
                    after: None,
                }),
                Some(new) if new != sha => files.push(FileChange {
                    path: path.clone(),
                    change: Change::Modified,
                    before: Some(sha.clone()),
                    after: Some(new.clone()),
                }),
                Some(_) => {}
            }
        }
        for (path, sha) in files_after {
            if !files_before.contains_key(path) {
                files.push(FileChange {
                    path: path.clone(),
                    change: Change::Added,
                    before: None,
                    after: Some(sha.clone()),
                });
            }
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let empty = TableRecords::default();
        let mut tables = Vec::new();
        for new in after {
            let old = before.iter().find(|t| t.name == new.name).unwrap_or(&empty);
            if let Some(changes) = table_changes(old, new) {
                tables.push(changes);
            }
        }
        Diff {
            from,
            to,
            files,
            tables,
        }
    }

    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty() && self.tables.is_empty()
    }

    /// Number of records added, removed or changed.
    pub fn record_count(&self) -> usize {
        self.tables
            .iter()
            .map(|t| t.added.len() + t.removed.len() + t.changed.len())
            .sum()
    }

    /// The diff as French text for people.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "Différences de {} à {}", self.from, self.to);
        if self.is_empty() {
            out.push_str("\nAucune différence.\n");
            return out;
        }
        let _ = writeln!(
            out,
            "\nEnregistrements ({} modifiés au total) :",
            self.record_count()
        );
        if self.tables.is_empty() {
            out.push_str("  aucun enregistrement ajouté, supprimé ni modifié\n");
        }
        for table in &self.tables {
            let _ = writeln!(
                out,
                "\n  {} ({}) : {} ajouté(s), {} supprimé(s), {} modifié(s)",
                table.table,
                table.title,
                table.added.len(),
                table.removed.len(),
                table.changed.len()
            );
            for id in &table.added {
                let _ = writeln!(out, "    + {id}");
            }
            for id in &table.removed {
                let _ = writeln!(out, "    - {id}");
            }
            for record in &table.changed {
                let _ = writeln!(out, "    ~ {}", record.id);
                for field in &record.fields {
                    let _ = writeln!(
                        out,
                        "        {} : {} → {}",
                        field.field,
                        quoted(field.before.as_deref()),
                        quoted(field.after.as_deref())
                    );
                }
            }
        }
        let _ = writeln!(out, "\nFichiers ({}) :", self.files.len());
        for file in &self.files {
            let sign = match file.change {
                Change::Added => "+ ajouté  ",
                Change::Removed => "- supprimé",
                Change::Modified => "~ modifié ",
            };
            let _ = writeln!(out, "  {sign} {}", file.path);
        }
        out
    }
}

fn quoted(value: Option<&str>) -> String {
    match value {
        None => "(absent)".to_string(),
        Some("") => "(vide)".to_string(),
        Some(text) => format!("« {text} »"),
    }
}

fn table_changes(old: &TableRecords, new: &TableRecords) -> Option<TableChanges> {
    let added: Vec<String> = new
        .rows
        .keys()
        .filter(|id| !old.rows.contains_key(*id))
        .cloned()
        .collect();
    let removed: Vec<String> = old
        .rows
        .keys()
        .filter(|id| !new.rows.contains_key(*id))
        .cloned()
        .collect();
    let mut fields = new.fields.clone();
    for field in &old.fields {
        if !fields.contains(field) {
            fields.push(field.clone());
        }
    }
    let mut changed = Vec::new();
    for (id, after) in &new.rows {
        let Some(before) = old.rows.get(id) else {
            continue;
        };
        let fields: Vec<FieldChange> = fields
            .iter()
            .filter_map(|field| {
                let (b, a) = (before.get(field), after.get(field));
                // A list field with no link rows reads as absent: the same as empty.
                let same = b.map_or("", String::as_str) == a.map_or("", String::as_str)
                    && (b.is_some() == a.is_some()
                        || b.is_none_or(String::is_empty) && a.is_none_or(String::is_empty));
                (!same).then(|| FieldChange {
                    field: field.clone(),
                    before: b.cloned(),
                    after: a.cloned(),
                })
            })
            .collect();
        if !fields.is_empty() {
            changed.push(RecordChange {
                id: id.clone(),
                fields,
            });
        }
    }
    if added.is_empty() && removed.is_empty() && changed.is_empty() {
        return None;
    }
    Some(TableChanges {
        table: new.name.to_string(),
        title: new.title.to_string(),
        added,
        removed,
        changed,
    })
}
