//! One Table Schema per CSV file, as schema.data.gouv.fr publishes them: the keys it requires
//! (`name`, `title`, `description`, `homepage`, `version`, `contributors`), the encouraged ones
//! (`$schema`, `path`, dates, `resources`, `keywords`, `countryCode`, `licenses`, keys) and, per
//! field, `name`, `title`, `description`, `type`, `example` and `constraints`.
//!
//! Dates are typed `date` (ISO `YYYY-MM-DD`, the Table Schema default format): frictionless
//! refuses a `pattern` constraint on a date field, and the type already enforces the format.

use serde_json::{Map, Value, json};

use super::tabular::{Column, CsvTable};
use crate::publication::Publication;

/// The Table Schema specification (v1, which frictionless and schema.data.gouv.fr read).
const TABLE_SCHEMA_PROFILE: &str = "https://frictionlessdata.io/schemas/table-schema.json";

/// The Table Schema of one CSV file.
pub fn table_schema(table: &CsvTable, publication: &Publication) -> Value {
    let base = &publication.base_url;
    let mut schema = Map::new();
    schema.insert("$schema".into(), json!(TABLE_SCHEMA_PROFILE));
    schema.insert("name".into(), json!(table.name.replace('_', "-")));
    schema.insert("title".into(), json!(table.title));
    schema.insert("description".into(), json!(table.description));
    schema.insert("homepage".into(), json!(format!("{base}/")));
    schema.insert(
        "path".into(),
        json!(format!("{base}/schemas/{}", table.schema_path())),
    );
    schema.insert("version".into(), json!(publication.version));
    schema.insert("created".into(), json!(publication.issued));
    schema.insert("lastModified".into(), json!(publication.modified));
    schema.insert("keywords".into(), json!(publication.keywords));
    schema.insert("countryCode".into(), json!("FR"));
    schema.insert("contributors".into(), contributors(publication));
    schema.insert("licenses".into(), licenses(publication));
    schema.insert(
        "resources".into(),
        json!([{
            "title": format!("{} (fichier publié)", table.title),
            "path": format!("{base}/exports/{}", table.path()),
        }]),
    );
    schema.insert(
        "fields".into(),
        Value::Array(table.columns.iter().map(field).collect()),
    );
    schema.insert("missingValues".into(), json!([""]));
    schema.insert("primaryKey".into(), json!(table.primary_key));
    // An empty `foreignKeys` array is refused by frictionless 4 and so by Validata
    // (schema.data.gouv.fr): a table without references leaves the key out.
    if !table.foreign_keys.is_empty() {
        let keys = table
            .foreign_keys
            .iter()
            .map(|key| {
                // A reference to the table itself names no resource (Table Schema rule).
                let resource = if key.table == table.name {
                    ""
                } else {
                    key.table
                };
                json!({
                    "fields": key.column,
                    "reference": { "resource": resource, "fields": "id" },
                })
            })
            .collect();
        schema.insert("foreignKeys".into(), Value::Array(keys));
    }
    Value::Object(schema)
}

fn field(column: &Column) -> Value {
    let mut field = Map::new();
    field.insert("name".into(), json!(column.name));
    field.insert("title".into(), json!(column.title));
    field.insert("description".into(), json!(column.description));
    field.insert("type".into(), json!(column.column_type.name()));
    if let Some(example) = &column.example {
        field.insert("example".into(), json!(example));
    }
    let mut constraints = Map::new();
    constraints.insert("required".into(), json!(column.required));
    if column.unique {
        constraints.insert("unique".into(), json!(true));
    }
    if let Some(codes) = &column.codes {
        constraints.insert("enum".into(), json!(codes));
    }
    if let Some(minimum) = column.minimum {
        constraints.insert("minimum".into(), json!(minimum));
    }
    field.insert("constraints".into(), Value::Object(constraints));
    Value::Object(field)
}

/// The publisher (author of the data) and its public contact point: never a person's address.
pub fn contributors(publication: &Publication) -> Value {
    json!([
        {
            "title": publication.publisher.name,
            "path": publication.publisher.url,
            "role": "author",
        },
        {
            "title": publication.contact.name,
            "email": publication.contact.email,
            "path": publication.contact.url,
            "role": "maintainer",
        },
    ])
}

/// The licence, set once in `publication.toml`.
pub fn licenses(publication: &Publication) -> Value {
    json!([{
        "name": publication.license.spdx,
        "title": publication.license.title,
        "path": publication.license.url,
    }])
}
