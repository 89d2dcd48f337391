//! Each record's own dates, `issued` and `modified` (`dct:issued`, `dct:modified`): two fields
//! every table ends with, read from the release history (`release::dates::record_dates`) rather
//! than from the sources, which date nothing of the publication. A record no release holds yet
//! has neither (the data is silent; never the date of the build).

use std::collections::HashMap;

use jiff::civil::Date;

use super::{FieldInfo, FieldType, Rdf, Value};

/// The field names, shared with the release diff (which ignores them: they follow the changes).
pub const ISSUED: &str = "issued";
pub const MODIFIED: &str = "modified";

/// The two fields appended to every table, defined once here.
pub const FIELDS: [FieldInfo; 2] = [
    FieldInfo {
        name: ISSUED,
        title: "Publié le",
        description: "Date de la première version publiée (releases/) qui contient cet enregistrement ; vide tant qu'aucune version ne le contient.",
        field_type: FieldType::Date,
        required: false,
        codes: None,
        rdf: Rdf::Literal("dct:issued"),
    },
    FieldInfo {
        name: MODIFIED,
        title: "Modifié le",
        description: "Date de la version publiée dans laquelle cet enregistrement a changé pour la dernière fois, champ par champ (ces deux dates exceptées) ; un changement pas encore publié ne la change pas ; vide tant qu'aucune version ne contient l'enregistrement.",
        field_type: FieldType::Date,
        required: false,
        codes: None,
        rdf: Rdf::Literal("dct:modified"),
    },
];

/// When one record was first released and last changed in a release.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordDate {
    pub issued: Date,
    pub modified: Date,
}

/// The dates of the records of every table: table name → record id → dates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordDates {
    tables: HashMap<String, HashMap<String, RecordDate>>,
}

impl RecordDates {
    pub fn get(&self, table: &str, id: &str) -> Option<RecordDate> {
        self.tables.get(table)?.get(id).copied()
    }

    /// Records that a release dated `date` holds record `id` of `table`, `changed` (or new)
    /// from the release before it or not.
    pub fn released(&mut self, table: &str, id: &str, date: Date, changed: bool) {
        let records = self.tables.entry(table.to_string()).or_default();
        match records.get_mut(id) {
            Some(dates) if changed => dates.modified = date,
            Some(_) => {}
            None => {
                records.insert(
                    id.to_string(),
                    RecordDate {
                        issued: date,
                        modified: date,
                    },
                );
            }
        }
    }

    /// The values of the two [`FIELDS`] for record `id` of `table`.
    pub fn values(&self, table: &str, id: &str) -> [Value<'static>; 2] {
        match self.get(table, id) {
            Some(dates) => [Value::Date(dates.issued), Value::Date(dates.modified)],
            None => [Value::Null, Value::Null],
        }
    }
}
