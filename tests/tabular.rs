//! The SQLite database and the Parquet files of the exports (issue 16), read back with the
//! crates that wrote them: the same rows and cells as the CSV files, typed, keyed, searchable
//! and described. `scripts/validate-tabular.sh` reads them with the real clients (sqlite3,
//! Datasette, pyarrow, DuckDB, pandas).

use std::collections::BTreeMap;
use std::fs::File;
use std::io::Write as _;
use std::path::PathBuf;

use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Int64Type};
use arrow_array::{Array, RecordBatch};
use arrow_schema::DataType;
use congres_numerique::corpus::Corpus;
use congres_numerique::export::{self, CsvTable, Export, parquet as pq, sqlite};
use congres_numerique::publication::Publication;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use rusqlite::Connection;
use rusqlite::types::Value as Sql;

fn seeds() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

fn fixtures() -> (Corpus, Publication) {
    let corpus = Corpus::load(&seeds()).expect("the bundled corpus is valid");
    let publication = Publication::load(&seeds()).expect("publication.toml is valid");
    (corpus, publication)
}

struct Built {
    export: Export,
    tables: Vec<CsvTable>,
    _dir: tempfile::TempDir,
    dir: PathBuf,
}

fn built() -> Built {
    let (corpus, publication) = fixtures();
    let export = export::build(&corpus, &publication).expect("the bundled corpus exports");
    let tables = export::csv_tables(&corpus).expect("CSV tables");
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let dir = tmp.path().to_path_buf();
    for (path, file) in export.exports.iter() {
        if path.ends_with(".db") || path.ends_with(".parquet") {
            let target = dir.join(path);
            std::fs::create_dir_all(target.parent().expect("a parent")).expect("mkdir");
            File::create(&target)
                .and_then(|mut f| f.write_all(&file.bytes))
                .expect("write");
        }
    }
    Built {
        export,
        tables,
        _dir: tmp,
        dir,
    }
}

fn open_database(built: &Built) -> Connection {
    Connection::open(built.dir.join(sqlite::DATABASE_PATH)).expect("the database opens")
}

/// The CSV rows of a table, as strings.
fn csv_rows(table: &CsvTable) -> Vec<Vec<String>> {
    csv::Reader::from_reader(table.csv.as_slice())
        .records()
        .map(|r| {
            r.expect("a CSV record")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect()
}

/// An SQLite value as its CSV cell: the database holds typed values, the CSV their text.
fn sql_cell(value: Sql, column_type: &str) -> String {
    match (value, column_type) {
        (Sql::Null, _) => String::new(),
        (Sql::Integer(n), "boolean") => (n == 1).to_string(),
        (Sql::Integer(n), _) => n.to_string(),
        (Sql::Text(s), _) => s,
        (other, _) => panic!("unexpected SQLite value {other:?}"),
    }
}

#[test]
fn the_database_has_every_csv_table_with_the_same_cells() {
    let built = built();
    let db = open_database(&built);
    for table in &built.tables {
        let columns: Vec<String> = table
            .columns
            .iter()
            .map(|c| format!("\"{}\"", c.name))
            .collect();
        let mut statement = db
            .prepare(&format!(
                "SELECT {} FROM \"{}\" ORDER BY rowid",
                columns.join(", "),
                table.name
            ))
            .expect("the table and its columns exist");
        let rows: Vec<Vec<String>> = statement
            .query_map([], |row| {
                Ok(table
                    .columns
                    .iter()
                    .enumerate()
                    .map(|(i, c)| sql_cell(row.get(i).expect("a value"), c.column_type.name()))
                    .collect())
            })
            .expect("query")
            .map(|r| r.expect("a row"))
            .collect();
        assert_eq!(rows.len(), table.row_count, "{}: row count", table.name);
        assert_eq!(rows, csv_rows(table), "{}: cells", table.name);
    }
}

#[test]
fn the_database_columns_are_typed_and_keyed_as_the_table_schemas() {
    let built = built();
    let db = open_database(&built);
    for table in &built.tables {
        let mut info = db
            .prepare(&format!("PRAGMA table_info(\"{}\")", table.name))
            .expect("table_info");
        // (name, declared type, not null, rank in the primary key)
        let found: Vec<(String, String, bool, i64)> = info
            .query_map([], |r| Ok((r.get(1)?, r.get(2)?, r.get(3)?, r.get(5)?)))
            .expect("query")
            .map(|r| r.expect("a column"))
            .collect();
        let expected: Vec<(String, String, bool, i64)> = table
            .columns
            .iter()
            .map(|c| {
                let sql_type = match c.column_type.name() {
                    "integer" | "boolean" => "INTEGER",
                    _ => "TEXT",
                };
                let pk = table
                    .primary_key
                    .iter()
                    .position(|k| *k == c.name)
                    .map_or(0, |p| p as i64 + 1);
                (c.name.clone(), sql_type.to_string(), c.required, pk)
            })
            .collect();
        assert_eq!(found, expected, "{}: columns", table.name);

        let mut fks = db
            .prepare(&format!("PRAGMA foreign_key_list(\"{}\")", table.name))
            .expect("foreign_key_list");
        let mut found: Vec<(String, String, String)> = fks
            .query_map([], |r| Ok((r.get(3)?, r.get(2)?, r.get(4)?)))
            .expect("query")
            .map(|r| r.expect("a key"))
            .collect();
        found.sort();
        let mut expected: Vec<(String, String, String)> = table
            .foreign_keys
            .iter()
            .map(|fk| (fk.column.clone(), fk.table.to_string(), "id".to_string()))
            .collect();
        expected.sort();
        assert_eq!(found, expected, "{}: foreign keys", table.name);
    }
    let integrity: String = db
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check");
    assert_eq!(integrity, "ok");
    let broken: i64 = db
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .expect("foreign_key_check");
    assert_eq!(broken, 0, "every foreign key finds its row");
}

#[test]
fn every_foreign_key_and_code_column_has_an_index() {
    let built = built();
    let db = open_database(&built);
    for table in &built.tables {
        let mut list = db
            .prepare(&format!("PRAGMA index_list(\"{}\")", table.name))
            .expect("index_list");
        let names: Vec<String> = list
            .query_map([], |r| r.get(1))
            .expect("query")
            .map(|r| r.expect("an index"))
            .collect();
        let mut leading = Vec::new();
        for name in names {
            let first: String = db
                .query_row(
                    &format!("SELECT name FROM pragma_index_info('{name}') WHERE seqno = 0"),
                    [],
                    |r| r.get(0),
                )
                .expect("index_info");
            leading.push(first);
        }
        for fk in &table.foreign_keys {
            assert!(
                leading.contains(&fk.column),
                "{}.{}: no index leads with this foreign key",
                table.name,
                fk.column
            );
        }
        for column in table.columns.iter().filter(|c| c.codes.is_some()) {
            assert!(
                leading.contains(&column.name),
                "{}.{}: no index for this code column",
                table.name,
                column.name
            );
        }
    }
}

#[test]
fn full_text_search_finds_donnees_with_or_without_its_accent() {
    let built = built();
    let db = open_database(&built);
    let mut total = 0;
    for table in &built.tables {
        let texts = sqlite::fts_columns(table);
        let fts = sqlite::fts_table(&table.name);
        if texts.is_empty() {
            continue;
        }
        // Every row whose texts hold the word, found by a plain scan of the CSV's columns.
        let indexes: Vec<usize> = texts
            .iter()
            .map(|t| {
                table
                    .columns
                    .iter()
                    .position(|c| c.name == t.name)
                    .expect("column")
            })
            .collect();
        let expected = csv_rows(table)
            .iter()
            .filter(|row| {
                indexes.iter().any(|&i| {
                    row[i]
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|w| w.to_lowercase() == "données")
                })
            })
            .count();
        for query in ["données", "donnees", "DONNÉES"] {
            let found: i64 = db
                .query_row(
                    &format!(
                        "SELECT count(*) FROM \"{fts}\" JOIN \"{}\" t ON t.rowid = \"{fts}\".rowid WHERE \"{fts}\" MATCH ?",
                        table.name
                    ),
                    [query],
                    |r| r.get(0),
                )
                .expect("an FTS5 query");
            assert_eq!(
                found as usize, expected,
                "{}: rows matching {query:?}",
                table.name
            );
        }
        total += expected;
    }
    assert!(
        total > 0,
        "the corpus speaks of « données », and the index finds it"
    );
}

#[test]
fn the_database_describes_its_tables_and_columns_and_datasette_metadata_matches() {
    let built = built();
    let db = open_database(&built);
    let metadata: serde_json::Value = serde_json::from_slice(
        &built
            .export
            .exports
            .get(sqlite::METADATA_PATH)
            .expect("metadata.json")
            .bytes,
    )
    .expect("JSON");
    assert!(
        metadata["license_url"]
            .as_str()
            .is_some_and(|u| u.starts_with("http"))
    );
    let described = &metadata["databases"][sqlite::DATABASE_NAME]["tables"];
    for table in &built.tables {
        let (title, rows): (String, i64) = db
            .query_row(
                &format!(
                    "SELECT title, row_count FROM {} WHERE table_name = ?",
                    sqlite::META_TABLES
                ),
                [&table.name],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .expect("a description of the table");
        assert_eq!(
            (title.as_str(), rows as usize),
            (table.title.as_str(), table.row_count)
        );
        let entry = &described[&table.name];
        assert_eq!(entry["description"], table.description.as_str());
        for column in &table.columns {
            let description: String = db
                .query_row(
                    &format!(
                        "SELECT description FROM {} WHERE table_name = ? AND column_name = ?",
                        sqlite::META_COLUMNS
                    ),
                    [&table.name, &column.name],
                    |r| r.get(0),
                )
                .expect("a description of the column");
            assert_eq!(description, column.description);
            assert!(
                entry["columns"][&column.name]
                    .as_str()
                    .is_some_and(|d| d.contains(&column.description)),
                "{}.{}: Datasette column description",
                table.name,
                column.name
            );
        }
        let codes: Vec<&str> = table
            .columns
            .iter()
            .filter(|c| c.codes.is_some())
            .map(|c| c.name.as_str())
            .collect();
        for code in codes {
            assert!(
                entry["facets"]
                    .as_array()
                    .is_some_and(|f| f.iter().any(|v| v == code)),
                "{}.{code}: a facet",
                table.name
            );
        }
        if let Some(fts) = entry["fts_table"].as_str() {
            let exists: i64 = db
                .query_row(
                    "SELECT count(*) FROM sqlite_master WHERE name = ? AND sql LIKE '%USING fts5%'",
                    [fts],
                    |r| r.get(0),
                )
                .expect("sqlite_master");
            assert_eq!(exists, 1, "{fts} is an FTS5 table");
        }
    }
}

#[test]
fn the_database_and_parquet_files_are_byte_identical_across_builds() {
    let (corpus, publication) = fixtures();
    let tables = export::csv_tables(&corpus).expect("CSV tables");
    let first = sqlite::database(&tables, &publication).expect("database");
    let second = sqlite::database(&tables, &publication).expect("database");
    assert!(first == second, "two builds of the database differ");
    for table in &tables {
        assert!(
            pq::parquet(table, &publication).expect("parquet")
                == pq::parquet(table, &publication).expect("parquet"),
            "two builds of {} differ",
            pq::parquet_path(table)
        );
    }
}

fn read_parquet(built: &Built, table: &CsvTable) -> (arrow_schema::SchemaRef, Vec<RecordBatch>) {
    let file = File::open(built.dir.join(pq::parquet_path(table))).expect("the file exists");
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).expect("a Parquet file");
    let schema = builder.schema().clone();
    let batches = builder
        .build()
        .expect("a reader")
        .map(|b| b.expect("a batch"))
        .collect();
    (schema, batches)
}

/// A cell of an Arrow column as its CSV cell.
fn arrow_cell(array: &dyn Array, row: usize) -> String {
    if array.is_null(row) {
        return String::new();
    }
    match array.data_type() {
        DataType::Utf8 => array.as_string::<i32>().value(row).to_string(),
        DataType::Int64 => array.as_primitive::<Int64Type>().value(row).to_string(),
        DataType::Boolean => array.as_boolean().value(row).to_string(),
        DataType::Date32 => {
            let days = array.as_primitive::<Date32Type>().value(row);
            let date = jiff::civil::Date::constant(1970, 1, 1)
                .checked_add(jiff::Span::new().days(i64::from(days)))
                .expect("a date");
            date.to_string()
        }
        other => panic!("unexpected Arrow type {other:?}"),
    }
}

#[test]
fn each_parquet_file_reads_back_as_its_csv_typed_and_described() {
    let built = built();
    for table in &built.tables {
        let (schema, batches) = read_parquet(&built, table);
        assert_eq!(
            schema.metadata().get("description"),
            Some(&table.description),
            "{}: table description",
            table.name
        );
        for (field, column) in schema.fields().iter().zip(&table.columns) {
            assert_eq!(field.name(), &column.name);
            let expected = match column.column_type.name() {
                "integer" => DataType::Int64,
                "boolean" => DataType::Boolean,
                "date" => DataType::Date32,
                _ => DataType::Utf8,
            };
            assert_eq!(
                field.data_type(),
                &expected,
                "{}.{}",
                table.name,
                column.name
            );
            assert_eq!(
                field.is_nullable(),
                !column.required,
                "{}.{}",
                table.name,
                column.name
            );
            assert_eq!(
                field.metadata().get("description"),
                Some(&column.description)
            );
            assert_eq!(field.metadata().get("title"), Some(&column.title));
        }
        assert_eq!(schema.fields().len(), table.columns.len());
        let mut rows = Vec::new();
        for batch in &batches {
            for row in 0..batch.num_rows() {
                rows.push(
                    batch
                        .columns()
                        .iter()
                        .map(|c| arrow_cell(c.as_ref(), row))
                        .collect::<Vec<_>>(),
                );
            }
        }
        assert_eq!(rows.len(), table.row_count, "{}: row count", table.name);
        assert_eq!(rows, csv_rows(table), "{}: cells", table.name);
    }
}

#[test]
fn the_new_files_are_listed_catalogued_and_checksummed() {
    let built = built();
    let exports = &built.export.exports;
    let sums =
        String::from_utf8(exports.get("SHA256SUMS").expect("sums").bytes.clone()).expect("UTF-8");
    let datagouv: serde_json::Value =
        serde_json::from_slice(&exports.get("datagouv.json").expect("datagouv.json").bytes)
            .expect("JSON");
    let catalog = String::from_utf8(exports.get("catalog.ttl").expect("catalog").bytes.clone())
        .expect("UTF-8");
    let readme =
        String::from_utf8(exports.get("README.md").expect("README").bytes.clone()).expect("UTF-8");
    let mut paths: BTreeMap<String, &str> = built
        .tables
        .iter()
        .map(|t| (pq::parquet_path(t), "application/vnd.apache.parquet"))
        .collect();
    paths.insert(sqlite::DATABASE_PATH.to_string(), "application/vnd.sqlite3");
    paths.insert(sqlite::METADATA_PATH.to_string(), "application/json");
    for (path, media_type) in paths {
        let file = exports
            .get(&path)
            .unwrap_or_else(|| panic!("{path} exported"));
        assert!(
            sums.contains(&format!("{}  {path}\n", file.sha256())),
            "{path} in SHA256SUMS"
        );
        assert!(readme.contains(&format!("`{path}`")), "{path} in README.md");
        assert!(catalog.contains(&path), "{path} in the DCAT catalogue");
        let resource = datagouv["resources"]
            .as_array()
            .and_then(|r| r.iter().find(|r| r["title"] == path.as_str()))
            .unwrap_or_else(|| panic!("{path} in datagouv.json"));
        assert_eq!(resource["mime"], media_type, "{path}");
        assert_eq!(resource["filesize"], file.bytes.len() as u64, "{path}");
        assert_eq!(resource["checksum"]["value"], file.sha256(), "{path}");
    }
    assert!(catalog.contains("application/vnd.sqlite3"));
    assert!(catalog.contains("file-type/PARQUET"));
}

/// Export time of the new files, for BENCHMARKS.md (not a check: ignored by default). On a
/// scaled corpus: `CN_BENCH_SEEDS=/tmp/seeds-x1000 cargo test --test tabular -- --ignored
/// --nocapture export_time`.
#[test]
#[ignore = "a measurement, run by hand for BENCHMARKS.md"]
fn export_time_of_the_database_and_parquet_files() {
    let seeds = std::env::var_os("CN_BENCH_SEEDS").map_or_else(seeds, PathBuf::from);
    let corpus = Corpus::load(&seeds).expect("a valid corpus");
    let publication = Publication::load(&seeds).expect("publication.toml");
    let started = std::time::Instant::now();
    let tables = export::csv_tables(&corpus).expect("CSV tables");
    let csv = started.elapsed();
    let best = |f: &dyn Fn() -> usize| {
        (0..3)
            .map(|_| {
                let started = std::time::Instant::now();
                let bytes = f();
                (started.elapsed(), bytes)
            })
            .min()
            .expect("three runs")
    };
    let (database, database_bytes) = best(&|| {
        sqlite::database(&tables, &publication)
            .expect("database")
            .len()
    });
    let (parquet, parquet_bytes) = best(&|| {
        tables
            .iter()
            .map(|t| pq::parquet(t, &publication).expect("parquet").len())
            .sum()
    });
    let items = tables
        .iter()
        .find(|t| t.name == "items")
        .map_or(0, |t| t.row_count);
    eprintln!(
        "{items} items: CSV tables {csv:?}; SQLite {database:?} ({database_bytes} bytes); \
         {} Parquet files {parquet:?} ({parquet_bytes} bytes)",
        tables.len()
    );
}
