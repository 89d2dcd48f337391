//! The open-data dumps: `congres-numerique export` writes the whole publication into `exports/`
//! and its schemas into `schemas/`.
//!
//! Two steps. [`build`] computes every file in memory from the corpus and the publication
//! metadata — deterministic (sorted, no timestamp but `publication.modified`), so a rerun gives
//! the same bytes. [`export`] loads and validates the corpus, builds, then installs both trees
//! atomically ([`atomic`]): a corpus that fails validation, or any error, writes nothing.
//!
//! Every column, key and predicate comes from the field definitions of [`crate::tables`].
//! Room is kept for a catalogue step: [`Export::exports`] lists every file with its title,
//! description and schema, which is what a DCAT distribution needs.

mod atomic;
mod context;
mod datapackage;
mod files;
mod json;
mod json_schema;
pub mod parquet;
mod readme;
pub mod spreadsheet;
pub mod sqlite;
mod table_schema;
mod tabular;

use std::fmt;
use std::path::{Path, PathBuf};

pub use files::sha256_hex;
pub use files::{FileTree, OutputFile};
pub use json::corpus_json;
// Public for benches/export.rs, which times the CSV files on their own.
pub use tabular::{CsvTable, TypedCell, csv_tables};

use crate::catalog::{self, PublishedFile};
use crate::corpus::parallel::joined;
use crate::corpus::{Corpus, LoadError};
use crate::diagnostics::Diagnostic;
use crate::publication::Publication;
use crate::rdf::{self, RdfError, RdfFormat};
pub use crate::release::dates::Dating;

/// The file whose presence marks a directory as a previous `exports/` (safe to replace).
pub const EXPORTS_MARKER: &str = "SHA256SUMS";
/// The file whose presence marks a directory as a previous `schemas/`.
pub const SCHEMAS_MARKER: &str = "corpus.schema.json";

/// Why an export failed. Nothing was written in any case.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Corpus(#[from] LoadError),
    #[error("{0}")]
    Publication(Diagnostic),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: not a directory", .0.display())]
    NotADirectory(PathBuf),
    #[error(
        "{}: exists and does not hold a previous export (no {marker}); refusing to replace it",
        path.display()
    )]
    NotAnExport { path: PathBuf, marker: String },
    #[error("{} and {} overlap: each is replaced whole", .0.display(), .1.display())]
    Overlap(PathBuf, PathBuf),
    #[error("{0}: not a relative path inside the output directory")]
    UnsafePath(String),
    #[error("two output files at {0}")]
    DuplicatePath(String),
    #[error(transparent)]
    Rdf(#[from] RdfError),
    #[error("CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error(transparent)]
    Spreadsheet(#[from] spreadsheet::SpreadsheetError),
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("Parquet: {0}")]
    Parquet(#[from] ::parquet::errors::ParquetError),
    #[error("Arrow: {0}")]
    Arrow(#[from] arrow_schema::ArrowError),
    #[error("internal error: {0}")]
    Internal(String),
}

/// Everything an export writes, in memory.
#[derive(Debug, Clone)]
pub struct Export {
    /// `exports/`: CSV, JSON, RDF, data package, README, SHA256SUMS.
    pub exports: FileTree,
    /// `schemas/`: Table Schemas, JSON Schema, JSON-LD context, SHACL shapes.
    pub schemas: FileTree,
    /// Triples in each RDF dump.
    pub triple_count: usize,
}

/// What was written, for the command's summary.
#[derive(Debug, Clone)]
pub struct Summary {
    pub exports_dir: PathBuf,
    pub schemas_dir: PathBuf,
    pub export: Export,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let exports = &self.export.exports;
        let csv = exports.iter().filter(|(p, _)| p.ends_with(".csv")).count();
        let parquet = exports
            .iter()
            .filter(|(p, _)| p.ends_with(".parquet"))
            .count();
        writeln!(
            f,
            "wrote {} files ({} bytes) to {}: {csv} CSV files, corpus.xlsx and corpus.ods, the SQLite database and its Datasette metadata, {parquet} Parquet files, corpus.json, {} RDF dumps of {} triples, datapackage.json, README.md, SHA256SUMS",
            exports.len(),
            exports.byte_size(),
            self.exports_dir.display(),
            RdfFormat::ALL.len(),
            self.export.triple_count,
        )?;
        write!(
            f,
            "wrote {} files ({} bytes) to {}: Table Schemas, corpus.schema.json, context.jsonld, shapes.ttl",
            self.export.schemas.len(),
            self.export.schemas.byte_size(),
            self.schemas_dir.display(),
        )
    }
}

/// Loads and validates the corpus in `seeds`, builds every file and installs `out` and
/// `schemas` atomically. Files are dated from the release history beside the seeds
/// (`releases/`, see [`history_beside`]).
pub fn export(seeds: &Path, out: &Path, schemas: &Path) -> Result<Summary, ExportError> {
    let dating = history_beside(seeds)?;
    let corpus = Corpus::load(seeds)?.with_record_dates(dating.record_dates().clone());
    let publication = Publication::load(seeds).map_err(ExportError::Publication)?;
    let export = build_dated(&corpus, &publication, &dating)?;
    atomic::install(&[
        atomic::Target {
            dir: out,
            tree: &export.exports,
            marker: EXPORTS_MARKER,
        },
        atomic::Target {
            dir: schemas,
            tree: &export.schemas,
            marker: SCHEMAS_MARKER,
        },
    ])?;
    Ok(Summary {
        exports_dir: out.to_path_buf(),
        schemas_dir: schemas.to_path_buf(),
        export,
    })
}

/// The dates of the release history in `releases/` beside `seeds/` (the repository's layout),
/// or none when there is no such directory (a copy of the seeds elsewhere, before the first
/// release). An altered history is an error: dates are never guessed.
pub fn history_beside(seeds: &Path) -> Result<Dating, ExportError> {
    let dir = seeds.with_file_name("releases");
    if !dir.is_dir() {
        return Ok(Dating::none());
    }
    crate::release::History::load(&dir)
        .and_then(|history| Dating::from_history(&history))
        .map_err(|e| ExportError::Internal(e.to_string()))
}

/// Every file of the publication, computed in memory, with no release history.
pub fn build(corpus: &Corpus, publication: &Publication) -> Result<Export, ExportError> {
    build_dated(corpus, publication, &Dating::none())
}

/// Every file of the publication, computed in memory; the catalogue dates each file from
/// `dating` (when its content last changed), never from the clock. The corpus must carry the
/// records' dates of the same history (`Corpus::with_record_dates(dating.record_dates())`):
/// a corpus dated otherwise is refused rather than exported with other dates than its files'.
pub fn build_dated(
    corpus: &Corpus,
    publication: &Publication,
    dating: &Dating,
) -> Result<Export, ExportError> {
    if corpus.record_dates() != dating.record_dates() {
        return Err(ExportError::Internal(
            "the corpus's record dates are not those of the release history that dates the export (Corpus::with_record_dates)".to_string(),
        ));
    }
    let tables = tabular::csv_tables(corpus)?;
    let mut exports = FileTree::default();
    for table in &tables {
        exports.add(
            table.path(),
            table.csv.clone(),
            format!("{} (CSV)", table.title),
            table.description.clone(),
            Some(format!("schemas/{}", table.schema_path())),
        )?;
    }

    // The costliest files do not depend on each other: the workbooks, the SQLite database, the
    // `schemas/` tree and the RDF graph are built side by side (on the real corpus each of the
    // first three and the last was a fifth to a third of the export, one after the other), then
    // added in the same order as ever, so the bytes do not depend on which thread ends first.
    let (workbooks, database, schemas, rdf_files) = std::thread::scope(|scope| {
        let workbooks = scope.spawn(|| -> Result<_, ExportError> {
            let workbook = spreadsheet::corpus_workbook(&tables, publication)?;
            Ok((spreadsheet::xlsx(&workbook)?, spreadsheet::ods(&workbook)?))
        });
        let database = scope.spawn(|| sqlite::database(&tables, publication));
        let schemas = scope.spawn(|| schema_tree(&tables, publication));
        let rdf_files = corpus_rdf(corpus, publication);
        (
            joined(workbooks),
            joined(database),
            joined(schemas),
            rdf_files,
        )
    });
    let schemas = schemas?;
    let (xlsx, ods) = workbooks?;
    let (rdf_files, triple_count) = rdf_files?;

    // The same tables for spreadsheet users: a CSV opened with a double click loses its accents
    // (LibreOffice) or its columns (French Excel); a workbook does not.
    let spreadsheet_description = "Toutes les tables dans un classeur, une feuille par fichier CSV (mêmes cellules), précédées d'une feuille « À propos » qui décrit le jeu de données, sa licence et chaque colonne : titres de colonnes en français, libellés à côté des codes, ligne d'en-tête figée, dates et nombres typés. S'ouvre directement dans un tableur, accents compris.";
    exports.add(
        "xlsx/corpus.xlsx",
        xlsx,
        "Classeur de toutes les tables (Excel, XLSX)",
        spreadsheet_description,
        None,
    )?;
    exports.add(
        "ods/corpus.ods",
        ods,
        "Classeur de toutes les tables (LibreOffice, ODS)",
        spreadsheet_description,
        None,
    )?;

    // The same tables for SQL users (Datasette, DB Browser, any SQLite client) and for data
    // scientists (Parquet: pandas, DuckDB, Polars, Spark).
    exports.add(
        sqlite::DATABASE_PATH,
        database?,
        "Base SQLite de toutes les tables (Datasette)",
        "Toutes les tables dans une base SQLite : colonnes typées, clés primaires et étrangères, index sur les colonnes de jointure et de codes, recherche plein texte (FTS5) dans les textes de chaque table ({table}_fts, accents indifférents), et la description de chaque table et colonne (tables _metadata, _metadata_tables et _metadata_columns). Avec sqlite/metadata.json : datasette sqlite/congres-numerique.db -m sqlite/metadata.json la publie, facettes et recherche comprises.",
        None,
    )?;
    exports.add(
        sqlite::METADATA_PATH,
        pretty(&sqlite::datasette_metadata(&tables, publication))?,
        "Métadonnées Datasette de la base SQLite",
        "Titre, description, licence et source du jeu de données, description de chaque table et de chaque colonne, facettes sur les colonnes de codes et table de recherche plein texte de chaque table : ce que lit datasette -m.",
        None,
    )?;
    for table in &tables {
        exports.add(
            parquet::parquet_path(table),
            parquet::parquet(table, publication)?,
            format!("{} (Parquet)", table.title),
            format!(
                "Les lignes de {} en Apache Parquet (compression Snappy) : colonnes typées (entiers, booléens, dates), nulles seulement là où la valeur est facultative, titre et description de chaque colonne dans ses métadonnées. {}",
                table.path(),
                table.description
            ),
            Some(format!("schemas/{}", table.schema_path())),
        )?;
    }

    exports.add(
        "json/corpus.json",
        pretty(&json::corpus_json(corpus, publication)?)?,
        "Corpus complet (JSON)",
        "Tout le corpus en un document imbriqué : éditions → motion → parties, sections, items et sous-items, puis personnes, rôles, organisations, thèmes, sources et articles de presse ; mêmes noms de champs que les CSV, avec l'IRI de chaque objet.",
        Some("schemas/corpus.schema.json".to_string()),
    )?;

    for (format, bytes) in rdf_files {
        exports.add(
            format!("rdf/corpus.{}", format.file_extension()),
            bytes,
            format!("Graphe RDF du corpus ({})", format.name()),
            "Le corpus en RDF : le même graphe dans chacun des quatre formats (Turtle, N-Triples, JSON-LD, RDF/XML), décrit par les formes SHACL de schemas/shapes.ttl.",
            Some("schemas/shapes.ttl".to_string()),
        )?;
    }

    exports.add(
        "rdf/vocabulary.ttl",
        rdf::serialize(
            &rdf::vocabulary_graph(publication)?,
            RdfFormat::Turtle,
            &publication.base_url,
            Vec::new(),
        )?,
        "Vocabulaire de la publication (Turtle)",
        "Les termes cn: qu'emploient les graphes RDF, chacun avec son libellé et sa définition en français et en anglais, son domaine et son image ; chacun se déréférence aussi sur le service ({base}/def/{terme}).",
        None,
    )?;

    exports.add(
        "datapackage.json",
        pretty(&datapackage::datapackage(&tables, corpus, publication))?,
        "Data Package (Frictionless)",
        "Description des fichiers CSV avec leur schéma, leur taille et leur empreinte : frictionless validate datapackage.json vérifie types, valeurs obligatoires, identifiants uniques et clés étrangères.",
        None,
    )?;

    // The README lists the files above; the catalogue describes them and the README; the
    // checksums cover every file, catalogue included.
    let mut readme = readme::readme(publication, corpus, &tables, &exports);
    readme.push_str(&catalog_section(publication));
    exports.add(
        "README.md",
        readme.into_bytes(),
        "Documentation",
        "Description du jeu de données, de chaque fichier et de chaque colonne ; licence, provenance et citation.",
        None,
    )?;
    // The catalogue describes the release (`dcat:version`, `adms:versionNotes`) when there is
    // one; the data package keeps the publication's semantic version (Frictionless).
    let mut described = publication.clone();
    if let Some((version, note)) = dating.release() {
        described.version = version.to_string();
        described.version_notes = Some(note.to_string());
    }
    add_catalog(&mut exports, corpus, &described, dating)?;
    let sums = checksums(&exports);
    exports.add(
        "SHA256SUMS",
        sums.into_bytes(),
        "Empreintes SHA-256",
        "L'empreinte SHA-256 de chaque fichier, vérifiable par sha256sum -c SHA256SUMS.",
        None,
    )?;

    Ok(Export {
        exports,
        schemas,
        triple_count,
    })
}

/// The `schemas/` tree: each table's Table Schema, the JSON Schema of `corpus.json`, the JSON-LD
/// contexts and the SHACL shapes.
fn schema_tree(tables: &[CsvTable], publication: &Publication) -> Result<FileTree, ExportError> {
    let mut schemas = FileTree::default();
    for table in tables {
        schemas.add(
            table.schema_path(),
            pretty(&table_schema::table_schema(table, publication))?,
            format!("Table Schema de {}", table.path()),
            table.description.clone(),
            None,
        )?;
    }
    schemas.add(
        "corpus.schema.json",
        pretty(&json_schema::corpus_schema(publication))?,
        "JSON Schema de corpus.json",
        "Le schéma JSON (2020-12) du document json/corpus.json.",
        None,
    )?;
    schemas.add(
        "context.jsonld",
        pretty(&context::context(publication))?,
        "Contexte JSON-LD",
        "Le contexte JSON-LD qui lit corpus.json et les réponses JSON de l'API comme du RDF.",
        None,
    )?;
    for table in crate::tables::TABLES {
        let name = table.meta().name;
        schemas.add(
            format!("contexts/{name}.jsonld"),
            pretty(&context::table_context(publication, *table))?,
            format!("Contexte JSON-LD des lignes « {name} » de l'API"),
            format!("Le contexte JSON-LD que les réponses JSON de l'API sur {name} désignent par un en-tête Link : une ligne, une fiche ou une page de liste (data) se lit alors comme du RDF."),
            None,
        )?;
    }
    schemas.add(
        "shapes.ttl",
        rdf::shapes_turtle(publication)?,
        "Formes SHACL",
        "Les formes SHACL du graphe RDF : une forme par table, une contrainte par prédicat.",
        None,
    )?;

    Ok(schemas)
}

/// A graph's bytes in each of some RDF formats.
type Serialised = Vec<(RdfFormat, Vec<u8>)>;

/// The corpus graph in every RDF format, and its number of triples.
fn corpus_rdf(
    corpus: &Corpus,
    publication: &Publication,
) -> Result<(Serialised, usize), ExportError> {
    let triples = rdf::corpus_graph(corpus, publication)?;
    let files = serialised(&triples, RdfFormat::ALL, publication)?;
    Ok((files, triples.len()))
}

/// `triples` in each of `formats`, in that order.
fn serialised(
    triples: &[oxrdf::Triple],
    formats: impl IntoIterator<Item = RdfFormat>,
    publication: &Publication,
) -> Result<Serialised, ExportError> {
    formats
        .into_iter()
        .map(|format| {
            rdf::serialize(triples, format, &publication.base_url, Vec::new())
                .map(|bytes| (format, bytes))
                .map_err(ExportError::from)
        })
        .collect()
}

/// The schema a released file follows: the release's own copy (`schemas/` is released too).
fn released_schema(version: &str, file: &PublishedFile) -> Option<String> {
    file.conforms_to
        .as_ref()
        .map(|schema| format!("releases/{version}/{schema}"))
}

/// The DCAT-AP catalogue (Turtle, JSON-LD, RDF/XML) of every file built so far, and the same
/// metadata as data.gouv.fr's API takes it (`datagouv.json`).
fn add_catalog(
    exports: &mut FileTree,
    corpus: &Corpus,
    publication: &Publication,
    dating: &Dating,
) -> Result<(), ExportError> {
    let files: Vec<PublishedFile> = exports
        .iter()
        .map(|(path, file)| PublishedFile {
            path: path.to_string(),
            byte_size: file.bytes.len() as u64,
            modified: dating
                .file_date(path, &file.sha256())
                .map(|d| d.to_string()),
            sha256: file.sha256(),
            title: file.title.clone(),
            description: file.description.clone(),
            conforms_to: file.conforms_to.clone(),
        })
        .collect();
    // Each release lists its `json/corpus.json`: described as the current one is, its bytes
    // those of the release (the release being made: the current file).
    let current = files
        .iter()
        .find(|f| f.path == crate::release::dates::CORPUS_JSON);
    let mut publication = publication.clone();
    publication.versions = dating
        .versions()
        .iter()
        .map(|version| {
            let mut version = version.clone();
            version.corpus_json = match (&version.corpus_json, current) {
                (Some(released), Some(current)) => Some(PublishedFile {
                    title: format!("{} de la version {}", current.title, version.version),
                    description: current.description.clone(),
                    conforms_to: released_schema(&version.version, current),
                    ..released.clone()
                }),
                (None, Some(current)) => Some(PublishedFile {
                    title: format!("{} de la version {}", current.title, version.version),
                    conforms_to: released_schema(&version.version, current),
                    ..current.clone()
                }),
                (_, None) => None,
            };
            version
        })
        .collect();
    let publication = &publication;
    // Each profile's graph and its three serialisations, the two profiles side by side.
    let catalog_files = |profile| {
        let triples = catalog::catalog_graph_for(profile, publication, corpus, &files);
        serialised(
            &triples,
            [RdfFormat::Turtle, RdfFormat::JsonLd, RdfFormat::RdfXml],
            publication,
        )
    };
    let catalog_files = &catalog_files;
    let built = std::thread::scope(|scope| {
        catalog::Profile::ALL
            .map(|profile| scope.spawn(move || (profile, catalog_files(profile))))
            .map(joined)
    });
    for (profile, serialised) in built {
        for (format, bytes) in serialised? {
            let (title, description) = match profile {
                catalog::Profile::DcatAp => (
                    format!("Catalogue DCAT-AP ({})", format.name()),
                    "Le catalogue DCAT-AP 3.0.1 du jeu de données : chaque fichier avec son URL, sa taille, son format, son empreinte SHA-256, sa licence et son schéma, et l'API comme service de données. C'est ce que moissonnent les portails européens.",
                ),
                catalog::Profile::DataGouv => (
                    format!("Catalogue pour data.gouv.fr ({})", format.name()),
                    "Le même catalogue dans le profil que lit le moissonneur DCAT de data.gouv.fr (udata) : empreintes SHA-256 en texte et non en xsd:hexBinary, API décrite comme service de données moissonnable. C'est l'URL à donner à data.gouv.fr.",
                ),
            };
            exports.add(
                format!("{}.{}", profile.file_stem(), format.file_extension()),
                bytes,
                title,
                description,
                None,
            )?;
        }
    }
    exports.add(
        "datagouv.json",
        pretty(&catalog::datagouv::metadata(publication, corpus, &files))?,
        "Métadonnées pour l'API de data.gouv.fr",
        "Le jeu de données et ses ressources tels que l'API de data.gouv.fr les attend (titre, description, licence lov2, fréquence, couvertures temporelle et spatiale, mots-clés, une ressource par fichier avec type, format, empreinte et schéma).",
        None,
    )?;
    Ok(())
}

/// What the README says of the files written after it.
fn catalog_section(publication: &Publication) -> String {
    let base = &publication.base_url;
    format!(
        "\n## Catalogue et intégrité\n\n\
         - `catalog.ttl`, `catalog.jsonld`, `catalog.rdf` : le catalogue DCAT-AP 3.0.1 de ces \
         fichiers (aussi servi sur {base}/catalog) ;\n\
         - `catalog-datagouv.ttl`, `.jsonld`, `.rdf` : le même catalogue dans le profil que lit le \
         moissonneur de data.gouv.fr (aussi servi sur {base}/catalog?_profile=datagouv) ;\n\
         - `datagouv.json` : les mêmes métadonnées au format de l'API de data.gouv.fr ;\n\
         - `SHA256SUMS` : l'empreinte de chaque fichier (`sha256sum -c SHA256SUMS`).\n"
    )
}

/// Indented JSON with a final newline (diff-friendly; keys in insertion order).
fn pretty(value: &serde_json::Value) -> Result<Vec<u8>, ExportError> {
    let mut bytes = serde_json::to_vec_pretty(value)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// `sha256sum` format: `{hex}  {path}` per file, in path order.
fn checksums(tree: &FileTree) -> String {
    tree.iter()
        .map(|(path, file)| format!("{}  {path}\n", file.sha256()))
        .collect()
}
