//! `sqlite/congres-numerique.db`: every CSV file as a table of one SQLite database, and
//! `sqlite/metadata.json`, its Datasette metadata, so that
//! `datasette sqlite/congres-numerique.db -m sqlite/metadata.json` is a browsable publication.
//!
//! Derived from the CSV tables ([`super::tabular`], themselves from the field definitions):
//! typed columns (`INTEGER` for integers and booleans, `TEXT` for texts and `AAAA-MM-JJ` dates,
//! as SQLite has no date type), `NOT NULL` where a value is required, the primary and foreign
//! keys of the Table Schemas, an index on every foreign key and code column (joins, Datasette's
//! facets), and an FTS5 index of each table's texts (`{table}_fts`, external content, accents
//! folded so that « donnees » finds « données »). Tables and columns are described three times:
//! in the `_metadata_*` tables (for any SQL client), as comments of each `CREATE TABLE` (DB
//! Browser shows them) and in Datasette's metadata.
//!
//! Reproducible: the database is built in memory with a fixed page size and no timestamp,
//! rows keep the CSV's order and rowids, and a final `VACUUM` lays the pages out afresh, so the
//! same corpus gives the same bytes (tested).

use std::fmt::Write as _;

use rusqlite::{Connection, params_from_iter, types::Value as Sql};
use serde_json::{Map, Value, json};

use super::ExportError;
use super::tabular::{Column, ColumnType, CsvTable, TypedCell};
use crate::publication::Publication;

/// Path of the database under `exports/`.
pub const DATABASE_PATH: &str = "sqlite/congres-numerique.db";
/// Path of its Datasette metadata under `exports/`.
pub const METADATA_PATH: &str = "sqlite/metadata.json";
/// The name Datasette gives the database: its file name without extension.
pub const DATABASE_NAME: &str = "congres-numerique";
/// The IANA media type of SQLite databases.
pub const SQLITE_MEDIA_TYPE: &str = "application/vnd.sqlite3";

/// The table describing the dataset (key, value), one describing every table, one every column.
pub const META_DATASET: &str = "_metadata";
pub const META_TABLES: &str = "_metadata_tables";
pub const META_COLUMNS: &str = "_metadata_columns";

/// The full-text table of a table, named as Datasette and `sqlite-utils` expect.
pub fn fts_table(table: &str) -> String {
    format!("{table}_fts")
}

/// The columns of a table indexed for full-text search: its texts, not its identifiers,
/// references, codes or code labels (a search for a word should land on what was written).
pub fn fts_columns(table: &CsvTable) -> Vec<&Column> {
    let is_key = |name: &str| {
        table.primary_key.iter().any(|k| k == name)
            || table.foreign_keys.iter().any(|fk| fk.column == name)
    };
    let is_label = |name: &str| {
        name.strip_suffix("_label").is_some_and(|code| {
            table
                .columns
                .iter()
                .any(|c| c.name == code && c.codes.is_some())
        })
    };
    table
        .columns
        .iter()
        .filter(|c| c.column_type == ColumnType::String)
        .filter(|c| c.codes.is_none() && !is_key(&c.name) && !is_label(&c.name))
        .collect()
}

/// The columns worth an index: foreign keys (joins) and codes (filters, facets), except a
/// column that already leads the primary key's index.
fn indexed_columns(table: &CsvTable) -> Vec<&Column> {
    let leads_primary_key = |name: &str| table.primary_key.first().is_some_and(|k| k == name);
    table
        .columns
        .iter()
        .filter(|c| table.foreign_keys.iter().any(|fk| fk.column == c.name) || c.codes.is_some())
        .filter(|c| !leads_primary_key(&c.name))
        .collect()
}

fn quote(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}

/// A description on one line, for an SQL `--` comment.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn sql_type(column_type: ColumnType) -> &'static str {
    match column_type {
        ColumnType::Integer | ColumnType::Boolean => "INTEGER",
        ColumnType::String | ColumnType::Date => "TEXT",
    }
}

/// `CREATE TABLE` of a CSV table, each column commented with its title and description.
fn create_table(table: &CsvTable) -> String {
    let mut lines: Vec<(String, String)> = Vec::new();
    for column in &table.columns {
        let mut line = format!("{} {}", quote(&column.name), sql_type(column.column_type));
        if column.required {
            line.push_str(" NOT NULL");
        }
        match column.column_type {
            ColumnType::Boolean => {
                let _ = write!(line, " CHECK ({} IN (0, 1))", quote(&column.name));
            }
            ColumnType::Date => {
                let _ = write!(
                    line,
                    " CHECK ({} IS date({}))",
                    quote(&column.name),
                    quote(&column.name)
                );
            }
            ColumnType::String | ColumnType::Integer => {}
        }
        let comment = one_line(&format!("{} : {}", column.title, column.description));
        lines.push((line, comment));
    }
    let key: Vec<String> = table.primary_key.iter().map(|k| quote(k)).collect();
    lines.push((format!("PRIMARY KEY ({})", key.join(", ")), String::new()));
    for fk in &table.foreign_keys {
        lines.push((
            format!(
                "FOREIGN KEY ({}) REFERENCES {} (\"id\")",
                quote(&fk.column),
                quote(fk.table)
            ),
            String::new(),
        ));
    }
    let mut sql = format!(
        "CREATE TABLE {} ( -- {}\n",
        quote(&table.name),
        one_line(&format!("{} : {}", table.title, table.description))
    );
    let last = lines.len() - 1;
    for (index, (line, comment)) in lines.iter().enumerate() {
        let comma = if index == last { "" } else { "," };
        if comment.is_empty() {
            let _ = writeln!(sql, "  {line}{comma}");
        } else {
            let _ = writeln!(sql, "  {line}{comma} -- {comment}");
        }
    }
    sql.push(')');
    sql
}

fn sql_value(cell: TypedCell) -> Sql {
    match cell {
        TypedCell::Null => Sql::Null,
        TypedCell::Text(s) => Sql::Text(s),
        TypedCell::Integer(n) => Sql::Integer(n),
        TypedCell::Boolean(b) => Sql::Integer(i64::from(b)),
        TypedCell::Date(d) => Sql::Text(d.to_string()),
    }
}

/// The database of every CSV table, as bytes.
pub fn database(tables: &[CsvTable], publication: &Publication) -> Result<Vec<u8>, ExportError> {
    let mut db = Connection::open_in_memory()?;
    // Fixed before the first table: the layout of the file, hence its bytes. Foreign keys are
    // not enforced while loading (rusqlite's bundled SQLite enforces them by default, and a
    // table may come before the one it refers to); every key is checked once all are loaded.
    db.execute_batch(
        "PRAGMA page_size = 4096; PRAGMA encoding = 'UTF-8'; PRAGMA auto_vacuum = NONE; \
         PRAGMA foreign_keys = OFF;",
    )?;
    let tx = db.transaction()?;
    for table in tables {
        tx.execute_batch(&create_table(table))?;
        let columns: Vec<String> = table.columns.iter().map(|c| quote(&c.name)).collect();
        let placeholders = vec!["?"; columns.len() + 1].join(", ");
        let mut insert = tx.prepare(&format!(
            "INSERT INTO {} (rowid, {}) VALUES ({placeholders})",
            quote(&table.name),
            columns.join(", ")
        ))?;
        for (index, row) in table.typed_rows()?.into_iter().enumerate() {
            // Rowids are the CSV's line order from 1: the full-text index refers to them.
            let rowid = Sql::Integer(index as i64 + 1);
            insert.execute(params_from_iter(
                std::iter::once(rowid).chain(row.into_iter().map(sql_value)),
            ))?;
        }
        drop(insert);
        for column in indexed_columns(table) {
            tx.execute_batch(&format!(
                "CREATE INDEX {} ON {} ({})",
                quote(&format!("idx_{}_{}", table.name, column.name)),
                quote(&table.name),
                quote(&column.name)
            ))?;
        }
        let texts = fts_columns(table);
        if !texts.is_empty() {
            let names: Vec<String> = texts.iter().map(|c| quote(&c.name)).collect();
            let fts = fts_table(&table.name);
            // External content (the table itself holds the texts); `remove_diacritics 2` folds
            // accents, so that « donnees » and « données » find the same rows.
            tx.execute_batch(&format!(
                "CREATE VIRTUAL TABLE {fts_q} USING fts5({cols}, content={table_q}, \
                 tokenize='unicode61 remove_diacritics 2');\n\
                 INSERT INTO {fts_q} (rowid, {cols}) SELECT rowid, {cols} FROM {table_q} ORDER BY rowid;",
                fts_q = quote(&fts),
                table_q = quote(&table.name),
                cols = names.join(", "),
            ))?;
        }
    }
    write_metadata_tables(&tx, tables, publication)?;
    tx.commit()?;

    let violations: i64 =
        db.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |row| {
            row.get(0)
        })?;
    if violations > 0 {
        return Err(ExportError::Internal(format!(
            "{DATABASE_PATH}: {violations} rows break a foreign key"
        )));
    }
    db.execute_batch("VACUUM")?;
    let bytes = db.serialize("main")?;
    Ok(bytes.to_vec())
}

fn write_metadata_tables(
    tx: &rusqlite::Transaction<'_>,
    tables: &[CsvTable],
    publication: &Publication,
) -> Result<(), ExportError> {
    tx.execute_batch(&format!(
        "CREATE TABLE {META_DATASET} ( -- Description du jeu de données : titre, description, licence, éditeur, version, source\n\
           key TEXT NOT NULL PRIMARY KEY, -- Propriété\n\
           value TEXT NOT NULL -- Valeur\n\
         );\n\
         CREATE TABLE {META_TABLES} ( -- Une ligne par table de la base : titre, description, nombre de lignes, fichier CSV équivalent\n\
           table_name TEXT NOT NULL PRIMARY KEY, -- Nom de la table\n\
           title TEXT NOT NULL, -- Titre en français\n\
           description TEXT NOT NULL, -- Description en français\n\
           row_count INTEGER NOT NULL, -- Nombre de lignes\n\
           csv_file TEXT NOT NULL, -- Le fichier CSV qui a les mêmes lignes\n\
           fts_table TEXT -- Sa table de recherche plein texte (FTS5), s'il en a une\n\
         );\n\
         CREATE TABLE {META_COLUMNS} ( -- Une ligne par colonne de chaque table : titre, type, obligatoire, description\n\
           table_name TEXT NOT NULL REFERENCES {META_TABLES} (table_name), -- Nom de la table\n\
           column_name TEXT NOT NULL, -- Nom de la colonne\n\
           position INTEGER NOT NULL, -- Rang de la colonne dans la table, à partir de 1\n\
           title TEXT NOT NULL, -- Titre en français\n\
           type TEXT NOT NULL, -- Type (Table Schema) : string, integer, boolean, date\n\
           required INTEGER NOT NULL CHECK (required IN (0, 1)), -- 1 si la valeur est toujours présente\n\
           description TEXT NOT NULL, -- Description en français\n\
           codes TEXT, -- Les codes admis, séparés par des espaces, pour une colonne de codes\n\
           PRIMARY KEY (table_name, column_name)\n\
         );"
    ))?;
    let base = &publication.base_url;
    let dataset = [
        ("title", publication.title.clone()),
        ("description", publication.description.clone()),
        (
            "license",
            format!(
                "{} ({})",
                publication.license.title, publication.license.url
            ),
        ),
        (
            "publisher",
            format!(
                "{} ({})",
                publication.publisher.name, publication.publisher.url
            ),
        ),
        ("version", publication.version.clone()),
        ("modified", publication.modified.clone()),
        ("source", format!("{base}/")),
        ("exports", format!("{base}/api/v1/exports")),
    ];
    let mut insert = tx.prepare(&format!("INSERT INTO {META_DATASET} VALUES (?, ?)"))?;
    for (key, value) in dataset {
        insert.execute((key, value))?;
    }
    let mut insert_table = tx.prepare(&format!(
        "INSERT INTO {META_TABLES} VALUES (?, ?, ?, ?, ?, ?)"
    ))?;
    let mut insert_column = tx.prepare(&format!(
        "INSERT INTO {META_COLUMNS} VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
    ))?;
    for table in tables {
        let fts = (!fts_columns(table).is_empty()).then(|| fts_table(&table.name));
        insert_table.execute((
            &table.name,
            &table.title,
            &table.description,
            table.row_count as i64,
            table.path(),
            fts,
        ))?;
        for (index, column) in table.columns.iter().enumerate() {
            insert_column.execute((
                &table.name,
                &column.name,
                index as i64 + 1,
                &column.title,
                column.column_type.name(),
                column.required,
                &column.description,
                column.codes.as_ref().map(|codes| codes.join(" ")),
            ))?;
        }
    }
    Ok(())
}

/// Datasette's metadata (`datasette … -m metadata.json`): the dataset's title, description,
/// licence and source, each table's and column's description, facets on the code columns and
/// the full-text table of each table.
pub fn datasette_metadata(tables: &[CsvTable], publication: &Publication) -> Value {
    let base = &publication.base_url;
    let mut described = Map::new();
    for table in tables {
        let columns: Map<String, Value> = table
            .columns
            .iter()
            .map(|c| {
                (
                    c.name.clone(),
                    Value::String(format!("{} — {}", c.title, c.description)),
                )
            })
            .collect();
        let facets: Vec<&str> = table
            .columns
            .iter()
            .filter(|c| c.codes.is_some() || c.column_type == ColumnType::Boolean)
            .map(|c| c.name.as_str())
            .collect();
        let mut entry = json!({
            "title": table.title,
            "description": table.description,
            "columns": columns,
        });
        if !facets.is_empty() {
            entry["facets"] = json!(facets);
        }
        if !fts_columns(table).is_empty() {
            entry["fts_table"] = json!(fts_table(&table.name));
            entry["fts_pk"] = json!("rowid");
        }
        described.insert(table.name.clone(), entry);
    }
    for (name, title, description) in [
        (
            META_DATASET,
            "Description du jeu de données",
            "Titre, description, licence, éditeur, version et source du jeu de données.",
        ),
        (
            META_TABLES,
            "Description des tables",
            "Une ligne par table : titre, description, nombre de lignes, fichier CSV équivalent et table de recherche plein texte.",
        ),
        (
            META_COLUMNS,
            "Description des colonnes",
            "Une ligne par colonne de chaque table : titre, type, caractère obligatoire, description et codes admis.",
        ),
    ] {
        described.insert(
            name.to_string(),
            json!({ "title": title, "description": description }),
        );
    }
    json!({
        "title": publication.title,
        "description": publication.description,
        "license": publication.license.title,
        "license_url": publication.license.url,
        "source": publication.publisher.name,
        "source_url": format!("{base}/"),
        "about": "Les mêmes données en CSV, JSON, RDF, Parquet et par l'API",
        "about_url": format!("{base}/api/v1/exports"),
        "databases": {
            DATABASE_NAME: {
                "title": publication.title,
                "description": publication.description,
                "license": publication.license.title,
                "license_url": publication.license.url,
                "source": publication.publisher.name,
                "source_url": format!("{base}/"),
                "tables": described,
            }
        }
    })
}
