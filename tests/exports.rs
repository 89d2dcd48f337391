//! The open-data dumps as a specification: what `congres-numerique export` guarantees to the
//! people who download `exports/` and `schemas/`.

mod support;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use congres_numerique::corpus::Corpus;
use congres_numerique::export::{self, Export, ExportError};
use congres_numerique::publication::Publication;
use congres_numerique::rdf::{self, RdfFormat};
use congres_numerique::tables::{LinkTable, TABLES};
use oxrdf::Triple;
use oxrdfio::RdfParser;
use sha2::{Digest, Sha256};
use support::copy_dir;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seeds() -> PathBuf {
    root().join("seeds")
}

/// The bundled corpus, each record dated from the repository's release history as `export`
/// dates the committed files.
fn fixtures() -> (Corpus, Publication) {
    let dating = export::history_beside(&seeds()).expect("the release history is intact");
    let corpus = Corpus::load(&seeds())
        .expect("the bundled corpus is valid")
        .with_record_dates(dating.record_dates().clone());
    let publication = Publication::load(&seeds()).expect("publication.toml is valid");
    (corpus, publication)
}

fn built() -> Export {
    let (corpus, publication) = fixtures();
    // Dated from the repository's release history, as `export` dates the committed files.
    let dating = export::history_beside(&seeds()).expect("the release history is intact");
    export::build_dated(&corpus, &publication, &dating).expect("the bundled corpus exports")
}

/// Every file under `dir`, by path relative to it (`/` separators).
fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(dir: &Path, prefix: &str, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.map(|e| e.expect("readable directory entry")) {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = format!("{prefix}{name}");
            if entry.file_type().expect("file type").is_dir() {
                walk(&entry.path(), &format!("{path}/"), out);
            } else {
                out.insert(path, fs::read(entry.path()).expect("readable file"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, "", &mut out);
    out
}

fn tree_of(files: &export::FileTree) -> BTreeMap<String, Vec<u8>> {
    files
        .iter()
        .map(|(path, file)| (path.to_string(), file.bytes.clone()))
        .collect()
}

fn text<'a>(export: &'a Export, path: &str) -> &'a str {
    let file = export
        .exports
        .get(path)
        .unwrap_or_else(|| panic!("{path} is exported"));
    std::str::from_utf8(&file.bytes).unwrap_or_else(|e| panic!("{path} is UTF-8: {e}"))
}

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Deterministic and current

#[test]
fn the_committed_exports_and_schemas_are_those_of_a_fresh_export() {
    let dir = tempfile::tempdir().unwrap();
    let (out, schemas) = (dir.path().join("exports"), dir.path().join("schemas"));
    export::export(&seeds(), &out, &schemas).expect("export succeeds");
    for (committed, fresh) in [
        (root().join("exports"), out),
        (root().join("schemas"), schemas),
    ] {
        let committed_files = read_tree(&committed);
        let fresh_files = read_tree(&fresh);
        let names = |t: &BTreeMap<String, Vec<u8>>| t.keys().cloned().collect::<Vec<_>>();
        assert_eq!(
            names(&committed_files),
            names(&fresh_files),
            "{} lists other files than a fresh export: run `cargo run -- export`",
            committed.display()
        );
        for (path, bytes) in &fresh_files {
            assert!(
                committed_files[path] == *bytes,
                "{}/{path} differs from a fresh export: run `cargo run -- export`",
                committed.display()
            );
        }
    }
}

#[test]
fn two_exports_are_byte_identical_and_a_rerun_replaces_the_previous_one() {
    let (first, second) = (built(), built());
    assert_eq!(tree_of(&first.exports), tree_of(&second.exports));
    assert_eq!(tree_of(&first.schemas), tree_of(&second.schemas));

    let dir = tempfile::tempdir().unwrap();
    let (out, schemas) = (dir.path().join("exports"), dir.path().join("schemas"));
    export::export(&seeds(), &out, &schemas).unwrap();
    fs::write(out.join("stale.csv"), "left by an older export").unwrap();
    export::export(&seeds(), &out, &schemas).unwrap();
    assert_eq!(read_tree(&out), tree_of(&first.exports), "replaced whole");
    assert_eq!(read_tree(&schemas), tree_of(&first.schemas));
    let leftovers: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "exports" && name != "schemas")
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary directory left: {leftovers:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Atomic

#[test]
fn a_failing_write_leaves_the_previous_export_untouched_and_names_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let (out, schemas) = (dir.path().join("exports"), dir.path().join("schemas"));
    export::export(&seeds(), &out, &schemas).unwrap();
    let before = (read_tree(&out), read_tree(&schemas));

    // The schemas' parent is a file: staging fails after `exports` was staged, before any swap.
    let blocker = dir.path().join("not-a-directory");
    fs::write(&blocker, "a file").unwrap();
    let error = export::export(&seeds(), &out, &blocker.join("schemas")).unwrap_err();
    assert!(
        error.to_string().contains("not-a-directory"),
        "the error names the path: {error}"
    );
    assert_eq!((read_tree(&out), read_tree(&schemas)), before);

    // The destination is a file.
    let error = export::export(&seeds(), &blocker, &schemas).unwrap_err();
    assert!(matches!(error, ExportError::NotADirectory(_)), "{error}");
    assert!(error.to_string().contains("not-a-directory"), "{error}");
    assert_eq!(fs::read_to_string(&blocker).unwrap(), "a file");

    // The destination holds something else than an export: never deleted.
    let project = dir.path().join("project");
    fs::create_dir(&project).unwrap();
    fs::write(project.join("notes.txt"), "precious").unwrap();
    let error = export::export(&seeds(), &project, &schemas).unwrap_err();
    assert!(matches!(error, ExportError::NotAnExport { .. }), "{error}");
    assert!(error.to_string().contains("project"), "{error}");
    assert_eq!(
        fs::read_to_string(project.join("notes.txt")).unwrap(),
        "precious"
    );

    // One tree inside the other: each would carry the other away.
    let error = export::export(&seeds(), &out, &out.join("schemas")).unwrap_err();
    assert!(matches!(error, ExportError::Overlap(..)), "{error}");

    assert_eq!((read_tree(&out), read_tree(&schemas)), before);
    let names: BTreeSet<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        BTreeSet::from(["exports", "not-a-directory", "project", "schemas"].map(String::from)),
        "no temporary directory left behind"
    );
}

#[test]
fn a_corpus_that_fails_check_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("seeds");
    copy_dir(&seeds(), &broken);
    let themes = broken.join("corpus/themes.toml");
    let mut toml = fs::read_to_string(&themes).unwrap();
    toml.push_str("\n[[themes]]\nid = \"sans-libelle\"\n");
    fs::write(&themes, toml).unwrap();

    let (out, schemas) = (dir.path().join("exports"), dir.path().join("schemas"));
    let error = export::export(&broken, &out, &schemas).unwrap_err();
    match error {
        ExportError::Corpus(error) => assert!(!error.diagnostics.is_empty()),
        other => panic!("expected the corpus diagnostics, got {other}"),
    }
    assert!(!out.exists() && !schemas.exists(), "nothing written");

    // Nor over a previous export.
    export::export(&seeds(), &out, &schemas).unwrap();
    let before = read_tree(&out);
    assert!(export::export(&broken, &out, &schemas).is_err());
    assert_eq!(read_tree(&out), before);
}

// ---------------------------------------------------------------------------------------------
// CSV

#[test]
fn csv_headers_are_the_field_names_and_row_counts_those_of_the_corpus() {
    let (corpus, _) = fixtures();
    let export = built();
    let mut expected: Vec<(String, Vec<String>, usize)> = TABLES
        .iter()
        .map(|table| {
            let columns = table
                .fields()
                .iter()
                .filter(|f| f.in_csv())
                .map(|f| f.name.to_string())
                .collect();
            (table.meta().name.to_string(), columns, table.len(&corpus))
        })
        .collect();
    for link in LinkTable::all() {
        let columns = vec![
            link.owner_column.clone(),
            link.target_column.clone(),
            "position".to_string(),
        ];
        expected.push((link.name.clone(), columns, link.rows(&corpus).len()));
    }
    let csv_files: Vec<&str> = export
        .exports
        .iter()
        .map(|(path, _)| path)
        .filter(|p| p.ends_with(".csv"))
        .collect();
    assert_eq!(
        csv_files.len(),
        expected.len(),
        "one CSV per table and link table"
    );

    for (name, columns, rows) in expected {
        let path = format!("csv/{name}.csv");
        let bytes = &export.exports.get(&path).expect("exported").bytes;
        assert!(!bytes.starts_with(b"\xef\xbb\xbf"), "{path}: no BOM");
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(header, columns, "{path}: header");
        let records: Vec<csv::StringRecord> = reader
            .records()
            .map(|r| r.unwrap_or_else(|e| panic!("{path} parses: {e}")))
            .collect();
        assert_eq!(records.len(), rows, "{path}: one row per corpus row");
        assert!(records.iter().all(|r| r.len() == columns.len()));
    }
    // Accents are written as UTF-8, not escaped.
    assert!(text(&export, "csv/themes.csv").contains("Accès et inclusion numérique"));
}

#[test]
fn every_csv_has_a_table_schema_with_its_columns_and_real_examples() {
    let (corpus, publication) = fixtures();
    let export = built();
    let package: serde_json::Value =
        serde_json::from_str(text(&export, "datapackage.json")).unwrap();
    let resources = package["resources"].as_array().unwrap();
    for (path, file) in export.exports.iter().filter(|(p, _)| p.ends_with(".csv")) {
        let name = path.trim_start_matches("csv/").trim_end_matches(".csv");
        let schema_path = format!("table-schemas/{name}.json");
        let schema: serde_json::Value =
            serde_json::from_slice(&export.schemas.get(&schema_path).expect("schema").bytes)
                .unwrap();
        let header = std::str::from_utf8(&file.bytes)
            .unwrap()
            .lines()
            .next()
            .unwrap();
        let names: Vec<&str> = schema["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        assert_eq!(names.join(","), header, "{schema_path}");
        assert_eq!(schema["version"], publication.version.as_str());
        assert_eq!(
            file.conforms_to.as_deref(),
            Some(&*format!("schemas/{schema_path}"))
        );
        let resource = resources.iter().find(|r| r["path"] == *path).unwrap();
        assert_eq!(resource["schema"], schema, "inlined in the data package");
        assert_eq!(resource["bytes"], file.bytes.len());
        assert_eq!(resource["hash"], format!("sha256:{}", hex(&file.bytes)));
    }
    // Examples come from the corpus.
    let items: serde_json::Value = serde_json::from_slice(
        &export
            .schemas
            .get("table-schemas/items.json")
            .unwrap()
            .bytes,
    )
    .unwrap();
    assert_eq!(items["fields"][0]["example"], corpus.items[0].id.as_str());
}

// ---------------------------------------------------------------------------------------------
// JSON

#[test]
fn corpus_json_holds_every_row_once_with_its_iri() {
    let (corpus, publication) = fixtures();
    let export = built();
    let document: serde_json::Value =
        serde_json::from_str(text(&export, "json/corpus.json")).unwrap();
    let mut iris = Vec::new();
    collect_iris(&document, &mut iris);
    let expected: usize = TABLES.iter().map(|t| t.len(&corpus)).sum();
    assert_eq!(iris.len(), expected, "every row once");
    assert_eq!(
        iris.iter().collect::<HashSet<_>>().len(),
        expected,
        "no row twice"
    );
    assert_eq!(
        document["congresses"][1]["motion"]["iri"],
        publication.iri("motion", "2020")
    );
    assert_eq!(
        document["congresses"][0]["motion"],
        serde_json::Value::Null,
        "2019"
    );
    assert_eq!(
        document["publication"]["license"]["url"],
        publication.license.url.as_str()
    );
}

fn collect_iris(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::String(iri)) = map.get("iri") {
                out.push(iri.clone());
            }
            map.values().for_each(|v| collect_iris(v, out));
        }
        serde_json::Value::Array(list) => list.iter().for_each(|v| collect_iris(v, out)),
        _ => {}
    }
}

// ---------------------------------------------------------------------------------------------
// RDF

fn parse(format: RdfFormat, bytes: &[u8]) -> HashSet<Triple> {
    let parser_format = match format {
        RdfFormat::Turtle => oxrdfio::RdfFormat::Turtle,
        RdfFormat::NTriples => oxrdfio::RdfFormat::NTriples,
        RdfFormat::JsonLd => oxrdfio::RdfFormat::JsonLd {
            profile: oxjsonld::JsonLdProfileSet::empty(),
        },
        RdfFormat::RdfXml => oxrdfio::RdfFormat::RdfXml,
        RdfFormat::NQuads => oxrdfio::RdfFormat::NQuads,
        RdfFormat::TriG => oxrdfio::RdfFormat::TriG,
    };
    RdfParser::from_format(parser_format)
        .for_slice(bytes)
        .map(|quad| Triple::from(quad.unwrap_or_else(|e| panic!("{format} parses: {e}"))))
        .collect()
}

#[test]
fn the_four_rdf_dumps_parse_back_to_the_same_graph() {
    let (corpus, publication) = fixtures();
    let export = built();
    let graph: HashSet<Triple> = rdf::corpus_graph(&corpus, &publication)
        .unwrap()
        .into_iter()
        .collect();
    assert_eq!(graph.len(), export.triple_count);
    for format in RdfFormat::ALL {
        let path = format!("rdf/corpus.{}", format.file_extension());
        let parsed = parse(format, &export.exports.get(&path).unwrap().bytes);
        assert_eq!(parsed.len(), graph.len(), "{path}: triple count");
        assert!(parsed == graph, "{path}: same triples");
    }
    // With the Turtle parser itself, as a reuser would.
    let turtle = oxttl::TurtleParser::new()
        .for_slice(text(&export, "rdf/corpus.ttl"))
        .count();
    assert_eq!(turtle, graph.len());
}

#[test]
fn an_entity_graph_holds_its_triples_and_the_labels_of_its_links() {
    let (corpus, publication) = fixtures();
    let triples = rdf::entity_graph(&corpus, &publication, "motions", "2021")
        .unwrap()
        .expect("motion 2021 exists");
    let motion = publication.iri("motion", "2021");
    let congress = publication.iri("congress", "2021");
    let has = |subject: &str, predicate: &str| {
        triples.iter().any(|t| {
            t.subject.to_string() == format!("<{subject}>") && t.predicate.as_str() == predicate
        })
    };
    assert!(has(&motion, "http://purl.org/dc/terms/title"));
    assert!(
        has(&congress, "http://schema.org/name"),
        "label of the linked edition"
    );
    assert!(
        !has(&congress, "http://schema.org/startDate"),
        "labels only"
    );
    assert!(
        rdf::entity_graph(&corpus, &publication, "motions", "1999")
            .unwrap()
            .is_none()
    );
}

#[test]
fn the_shapes_file_holds_the_shapes_graph() {
    let (_, publication) = fixtures();
    let export = built();
    let shapes = &export.schemas.get("shapes.ttl").unwrap().bytes;
    let parsed = oxttl::TurtleParser::new()
        .for_slice(shapes)
        .collect::<Result<Vec<_>, _>>()
        .expect("shapes.ttl parses");
    let graph = rdf::shapes_graph(&publication).unwrap();
    assert_eq!(parsed.len(), graph.len());
    let named = |triples: &[Triple]| -> BTreeSet<String> {
        triples
            .iter()
            .filter(|t| !t.subject.is_blank_node() && !t.object.is_blank_node())
            .map(ToString::to_string)
            .collect()
    };
    assert_eq!(named(&parsed), named(&graph));
}

// ---------------------------------------------------------------------------------------------
// Checksums and personal data

#[test]
fn sha256sums_lists_every_other_file_with_its_hash() {
    let export = built();
    let sums = text(&export, "SHA256SUMS");
    let listed: BTreeMap<&str, &str> = sums
        .lines()
        .map(|line| {
            let (hash, path) = line.split_once("  ").expect("sha256sum format");
            (path, hash)
        })
        .collect();
    let others: Vec<&str> = export
        .exports
        .iter()
        .map(|(p, _)| p)
        .filter(|p| *p != "SHA256SUMS")
        .collect();
    assert_eq!(listed.keys().copied().collect::<Vec<_>>(), others);
    for (path, hash) in listed {
        assert_eq!(
            hash,
            hex(&export.exports.get(path).unwrap().bytes),
            "{path}"
        );
    }
}

/// The text of every entry of a zip archive, one after the other.
fn unzipped_text(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    let mut text = String::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("an entry");
        entry.read_to_string(&mut text).expect("UTF-8 XML");
        text.push('\n');
    }
    text
}

#[test]
fn no_personal_email_address_is_published() {
    let export = built();
    let allowed = "coordination@villes-internet.net";
    let mut found = BTreeSet::new();
    for (path, file) in export.exports.iter().chain(export.schemas.iter()) {
        // The workbooks are zip archives: their text is in the compressed entries.
        let text = if path.ends_with(".xlsx") || path.ends_with(".ods") {
            unzipped_text(&file.bytes)
        } else if let Some(text) = support::tabular_text(path, &file.bytes) {
            text
        } else {
            String::from_utf8_lossy(&file.bytes).into_owned()
        };
        for address in email_addresses(&text) {
            if address != allowed {
                found.insert(format!("{path}: {address}"));
            }
        }
    }
    assert!(found.is_empty(), "{found:?}");
    assert!(text(&export, "README.md").contains(allowed));
    // The detector itself, on what it must and must not flag.
    assert_eq!(
        email_addresses("écrire à jean.dupont@mairie.example ; \"Texte\"@fr ; @prefix dct: ;"),
        ["jean.dupont@mairie.example"]
    );
}

/// `local@domain.example` runs of characters around each `@`.
fn email_addresses(text: &str) -> Vec<String> {
    let is_part = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for (i, _) in chars.iter().enumerate().filter(|(_, c)| **c == '@') {
        let start = (0..i).rev().take_while(|&j| is_part(chars[j])).last();
        let end = (i + 1..chars.len())
            .take_while(|&j| is_part(chars[j]))
            .last();
        if let (Some(start), Some(end)) = (start, end) {
            let domain: String = chars[i + 1..=end].iter().collect();
            if domain.trim_end_matches('.').contains('.') {
                out.push(chars[start..=end].iter().collect());
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Faithfulness to the sources, as the dumps say it

/// The rows of a CSV file of the dumps, as column → value maps.
fn csv_rows(export: &Export, path: &str) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_reader(text(export, path).as_bytes());
    let headers = reader.headers().expect("a header").clone();
    reader
        .records()
        .map(|r| {
            let record = r.expect("a CSV record");
            headers
                .iter()
                .zip(record.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

#[test]
fn sources_csv_names_only_copies_that_exist_and_both_hashes_of_a_redacted_one() {
    let export = built();
    let rows = csv_rows(&export, "csv/sources.csv");
    assert_eq!(rows.len(), 5);
    for row in &rows {
        let name = &row["file_name"];
        if name.is_empty() {
            assert_eq!(row["copy_sha256"], "", "{row:?}");
            continue;
        }
        let bytes = fs::read(seeds().join("sources").join(name))
            .unwrap_or_else(|e| panic!("sources.csv names {name}, which must exist: {e}"));
        assert_eq!(row["copy_sha256"], hex(&bytes), "{name}");
        assert_eq!(row["byte_size"], bytes.len().to_string(), "{name}");
    }
    let article = rows
        .iter()
        .find(|r| r["id"] == "2020-press-article")
        .unwrap();
    assert_eq!(
        (
            article["file_name"].as_str(),
            article["republishable"].as_str(),
            article["sha256"].as_str()
        ),
        (
            "",
            "false",
            "c95c37bede6510f530446bbe0f902e48581be5c26287dacc23547005f51caf72"
        )
    );
    let propositions = rows
        .iter()
        .find(|r| r["id"] == "2026-propositions")
        .unwrap();
    assert_ne!(propositions["sha256"], propositions["copy_sha256"]);
    assert!(
        propositions["redactions"].starts_with("ligne 186 : [adresse électronique retirée] ("),
        "{propositions:?}"
    );
}

#[test]
fn the_dumps_keep_the_sources_narrow_no_break_spaces() {
    let export = built();
    let quoted = "«\u{202f}tiers-lieux\u{202f}»";
    for path in ["csv/sections.csv", "json/corpus.json", "rdf/corpus.nt"] {
        assert!(text(&export, path).contains(quoted), "{path}");
    }
}

#[test]
fn a_footnote_call_is_published_as_a_reference_not_in_the_text() {
    let export = built();
    let motions = text(&export, "csv/motions.csv");
    assert!(motions.contains("l’Association Villes Internet, est un travail"));
    assert!(!motions.contains("Internet1"));
    let notes = csv_rows(&export, "csv/footnotes.csv");
    let note = notes.iter().find(|r| r["id"] == "2020-note-1").unwrap();
    assert_eq!(
        (note["call_field"].as_str(), note["call_paragraph"].as_str()),
        ("preamble", "1")
    );
    let offset: usize = note["call_offset"].parse().unwrap();
    let preamble = csv_rows(&export, "csv/motions.csv")
        .into_iter()
        .find(|r| r["id"] == "2020")
        .unwrap()["preamble"]
        .clone();
    let before: String = preamble.chars().take(offset).collect();
    assert!(before.ends_with("Villes Internet"), "{before}");
}

#[test]
fn the_2021_mind_map_is_in_the_motions_dumps() {
    let export = built();
    let motions = csv_rows(&export, "csv/motions.csv");
    let motion = motions.iter().find(|r| r["id"] == "2021").unwrap();
    assert_eq!(
        motion["related_url"],
        "https://villes-internet.net/site/motion2021"
    );
    assert_eq!(motion["related_label"], "carte mentale interactive");
    assert!(
        text(&export, "rdf/corpus.nt").contains(
            "/id/motion/2021> <http://purl.org/dc/terms/relation> <https://villes-internet.net/site/motion2021> ."
        )
    );
}

#[test]
fn in_the_dumps_a_sections_themes_include_those_of_its_items() {
    let export = built();
    let section_of: BTreeMap<String, String> = csv_rows(&export, "csv/items.csv")
        .into_iter()
        .map(|r| (r["id"].clone(), r["section_id"].clone()))
        .collect();
    let section_themes: BTreeSet<(String, String)> = csv_rows(&export, "csv/section_themes.csv")
        .into_iter()
        .map(|r| (r["section_id"].clone(), r["theme_id"].clone()))
        .collect();
    let item_themes = csv_rows(&export, "csv/item_themes.csv");
    assert!(!item_themes.is_empty());
    for row in item_themes {
        let section = &section_of[&row["item_id"]];
        assert!(
            section_themes.contains(&(section.clone(), row["theme_id"].clone())),
            "{section} lacks {} of {}",
            row["theme_id"],
            row["item_id"]
        );
    }
    assert!(section_themes.contains(&("2021-axis-3".to_string(), "donnees".to_string())));
}

#[test]
fn every_code_column_has_its_french_label_beside_it() {
    let export = built();
    for table in TABLES {
        let fields = table.fields();
        for (i, field) in fields.iter().enumerate() {
            if field.codes.is_some() {
                let next = fields.get(i + 1).map(|f| f.name);
                assert_eq!(
                    next,
                    Some(format!("{}_label", field.name).as_str()),
                    "{}.{}",
                    table.meta().name,
                    field.name
                );
            }
        }
    }
    let labels = |path: &str, column: &str| -> BTreeSet<(String, String)> {
        csv_rows(&export, path)
            .into_iter()
            .filter(|r| !r[column].is_empty())
            .map(|r| (r[column].clone(), r[&format!("{column}_label")].clone()))
            .collect()
    };
    let items = labels("csv/items.csv", "kind");
    assert!(
        items.contains(&("lever".into(), "levier".into())),
        "{items:?}"
    );
    assert!(items.contains(&("objective".into(), "objectif".into())));
    let congresses = labels("csv/congresses.csv", "contributions_qualifier");
    assert!(congresses.contains(&("more_than".into(), "plus de".into())));
    let roles = labels("csv/roles.csv", "capacity");
    assert!(
        roles
            .iter()
            .any(|(code, label)| code == "board_member" && !label.is_empty())
    );
    // A code has one label, never an empty one.
    for rows in [&items, &congresses, &roles] {
        let codes: BTreeSet<&String> = rows.iter().map(|(code, _)| code).collect();
        assert_eq!(codes.len(), rows.len(), "{rows:?}");
        assert!(rows.iter().all(|(_, label)| !label.is_empty()), "{rows:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// The source of each fact, and positions, as reusers read them in the dumps (issue 12)

fn row_by_id<'a>(rows: &'a [BTreeMap<String, String>], id: &str) -> &'a BTreeMap<String, String> {
    rows.iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("row {id}"))
}

/// The triples of the N-Triples dump, as `(subject, predicate, object)` strings in N-Triples.
fn ntriples(export: &Export) -> Vec<(String, String, String)> {
    parse(
        RdfFormat::NTriples,
        &export
            .exports
            .get("rdf/corpus.nt")
            .expect("the N-Triples dump")
            .bytes,
    )
    .into_iter()
    .map(|t| {
        (
            t.subject.to_string(),
            t.predicate.to_string(),
            t.object.to_string(),
        )
    })
    .collect()
}

#[test]
fn the_source_of_each_fact_is_a_csv_row_and_a_reified_statement_in_rdf() {
    let (_, publication) = fixtures();
    let export = built();
    let facts = csv_rows(&export, "csv/facts.csv");
    let date = row_by_id(&facts, "congress-2020-start_date");
    assert_eq!(date["subject_table"], "congresses");
    assert_eq!(date["subject_id"], "2020");
    assert_eq!(date["field"], "start_date");
    assert_eq!(date["source_id"], "2020-press-article");
    assert_eq!(date["kind"], "inferred");
    assert!(!date["reasoning"].is_empty());
    let ordinal = row_by_id(&facts, "congress-2020-ordinal");
    assert_eq!(
        (ordinal["source_id"].as_str(), ordinal["kind"].as_str()),
        ("2021-motion", "inferred")
    );
    assert!(ordinal["quote"].contains("3e Congrès"));
    // In RDF: the statement names the triple it sources, so a query matching the triple finds it.
    let iri = |entity: &str, id: &str| format!("<{}>", publication.iri(entity, id));
    let statement = iri("fact", "congress-2020-start_date");
    let triples = ntriples(&export);
    let has = |p: &str, o: &str| {
        triples
            .iter()
            .any(|t| t.0 == statement && t.1 == p && t.2 == o)
    };
    let rdf = |local: &str| format!("<http://www.w3.org/1999/02/22-rdf-syntax-ns#{local}>");
    assert!(has(&rdf("type"), &rdf("Statement")));
    assert!(has(&rdf("subject"), &iri("congress", "2020")));
    assert!(has(&rdf("predicate"), "<http://schema.org/startDate>"));
    assert!(has(
        &rdf("object"),
        "\"2020-10-12\"^^<http://www.w3.org/2001/XMLSchema#date>"
    ));
    assert!(has(
        "<http://www.w3.org/ns/prov#wasDerivedFrom>",
        &iri("source", "2020-press-article")
    ));
    // Every congress's rank and year have a source.
    let congresses = csv_rows(&export, "csv/congresses.csv");
    for c in &congresses {
        for field in ["ordinal", "year"] {
            let id = format!("congress-{}-{field}", c["id"]);
            assert!(facts.iter().any(|f| f["id"] == id), "{id}");
        }
    }
}

#[test]
fn the_dumps_say_only_what_the_sources_say_of_adoption_partners_and_the_2026_text() {
    let (_, publication) = fixtures();
    let export = built();
    let motions = csv_rows(&export, "csv/motions.csv");
    assert_eq!(
        row_by_id(&motions, "2020")["adopted_on"],
        "",
        "not said adopted"
    );
    assert_eq!(row_by_id(&motions, "2021")["adopted_on"], "2021-10-07");
    assert_eq!(row_by_id(&motions, "2026")["kind"], "propositions");
    assert_eq!(row_by_id(&motions, "2021")["kind"], "motion");
    let triples = ntriples(&export);
    let motion_class = "<http://www.w3.org/ns/opengov#Motion>";
    let typed = |id: &str| {
        let subject = format!("<{}>", publication.iri("motion", id));
        triples
            .iter()
            .any(|t| t.0 == subject && t.2 == motion_class)
    };
    assert!(typed("2021") && typed("2020"));
    assert!(!typed("2026"), "« propositions retenues » are not a motion");
    // Partners of the workshops, not sponsors of the congress.
    assert!(!triples.iter().any(|t| t.1 == "<http://schema.org/sponsor>"));
    assert_eq!(
        csv_rows(&export, "csv/congress_workshop_partners.csv").len(),
        10
    );
    // The 2019 motion is mentioned, not said adopted; the dataset is not « motions adoptées ».
    let described = [
        text(&export, "datagouv.json"),
        text(&export, "catalog.ttl"),
        text(&export, "README.md"),
        text(&export, "datapackage.json"),
    ]
    .concat();
    for claim in [
        "propositions adoptées",
        "chaque année",
        "une motion a été adoptée mais",
    ] {
        assert!(!described.contains(claim), "{claim}");
    }
}

#[test]
fn each_position_of_a_printed_role_is_its_own_row_and_membership() {
    let (_, publication) = fixtures();
    let export = built();
    let positions = csv_rows(&export, "csv/positions.csv");
    let of_role = |role: &str| -> Vec<&BTreeMap<String, String>> {
        positions.iter().filter(|p| p["role_id"] == role).collect()
    };
    let vidal = of_role("2021-board-mathieu-vidal");
    let office = vidal
        .iter()
        .find(|p| p["kind"] == "office")
        .expect("an office");
    assert_eq!(
        (
            office["office"].as_str(),
            office["organization_id"].as_str()
        ),
        ("president", "villes-internet")
    );
    let mandate = vidal
        .iter()
        .find(|p| p["kind"] == "mandate")
        .expect("a mandate");
    assert_eq!(
        (
            mandate["title"].as_str(),
            mandate["organization_id"].as_str(),
            mandate["office"].as_str()
        ),
        ("Adjoint au Maire", "albi", "")
    );
    // EPCI mandates get their département checked too.
    for role in ["2021-board-pia-imbs", "2026-engagement-2-alix-fruchon"] {
        let epci = of_role(role)
            .into_iter()
            .find(|p| p["organization_id"].contains("metropole"))
            .unwrap_or_else(|| panic!("{role} at an EPCI"));
        assert_eq!(epci["printed_department_matches"], "true", "{role}");
    }
    let organizations = csv_rows(&export, "csv/organizations.csv");
    let chateauroux = row_by_id(&organizations, "chateauroux-metropole");
    assert_eq!(chateauroux["name"], "Châteauroux Métropole");
    assert_eq!(chateauroux["official_name"], "CA Châteauroux Métropole");
    // In RDF nothing says « president of Albi »: no membership in a commune carries an office.
    let triples = ntriples(&export);
    let albi = format!("<{}>", publication.iri("organization", "albi"));
    let in_albi: Vec<&String> = triples
        .iter()
        .filter(|t| t.1 == "<http://www.w3.org/ns/org#organization>" && t.2 == albi)
        .map(|t| &t.0)
        .collect();
    assert_eq!(in_albi.len(), 2, "the 2021 and 2026 mandates");
    let office = format!("<{}/def/office>", publication.base_url);
    for membership in in_albi {
        assert!(!triples.iter().any(|t| &t.0 == membership && t.1 == office));
    }
    // Each position links to the printed role it comes from.
    let role = format!("<{}>", publication.iri("role", "2021-board-mathieu-vidal"));
    let from_role = triples
        .iter()
        .filter(|t| t.1 == "<http://www.w3.org/ns/prov#wasDerivedFrom>" && t.2 == role)
        .count();
    assert_eq!(from_role, 4);
}
