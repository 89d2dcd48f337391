//! `datapackage.json`: a Frictionless Tabular Data Package over the CSV files, so that
//! `frictionless validate` checks every file against its schema (types, required values, unique
//! ids, foreign keys across files) and reusers' tools load the tables with their types.
//!
//! Each resource carries its Table Schema inline (the same one as `schemas/table-schemas/`):
//! a relative path out of `exports/` would be refused by frictionless as unsafe, and the package
//! stays usable on its own once downloaded.
//!
//! The workbooks (`xlsx/corpus.xlsx`, `ods/corpus.ods`) are not resources: a Tabular Data
//! Package admits only tabular resources with one table each, and a workbook of sixteen sheets
//! would make frictionless and Validata read its first sheet as the data. They are listed in the
//! README, the DCAT catalogue and `datagouv.json`, with their size and checksum. So are the
//! SQLite database (sixteen tables in one file) and the Parquet files: the Tabular Data Package
//! admits CSV-like resources only (frictionless reads Parquet through a plugin, not by the
//! standard), and each Parquet file holds the rows of a CSV resource that is in the package.

use serde_json::{Value, json};

use super::files::sha256_hex;
use super::table_schema::{contributors, licenses, table_schema};
use super::tabular::CsvTable;
use crate::corpus::Corpus;
use crate::publication::Publication;

pub fn datapackage(tables: &[CsvTable], corpus: &Corpus, publication: &Publication) -> Value {
    let base = &publication.base_url;
    let resources: Vec<Value> = tables
        .iter()
        .map(|table| {
            json!({
                "name": table.name,
                "path": table.path(),
                "profile": "tabular-data-resource",
                "title": table.title,
                "description": table.description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": table.csv.len(),
                "hash": format!("sha256:{}", sha256_hex(&table.csv)),
                "dialect": { "delimiter": ",", "header": true, "quoteChar": "\"", "doubleQuote": true },
                "schema": table_schema(table, publication),
            })
        })
        .collect();
    // The documents the data were curated from (described, with their fingerprint).
    let sources: Vec<Value> = corpus
        .sources
        .iter()
        .map(|source| {
            json!({
                "title": format!("{} ({}, SHA-256 {})", source.title, source.original_name, source.sha256),
            })
        })
        .collect();
    json!({
        "profile": "tabular-data-package",
        "name": publication.identifier,
        "id": publication.iri("dataset", &publication.identifier),
        "title": publication.title,
        "description": publication.description,
        "homepage": format!("{base}/"),
        "version": publication.version,
        // A date-time (RFC 3339) in the Data Package specification.
        "created": format!("{}T00:00:00Z", publication.issued),
        "keywords": publication.keywords,
        "licenses": licenses(publication),
        "contributors": contributors(publication),
        "sources": sources,
        "resources": resources,
    })
}
