//! Releases as a specification: two releases of a corpus that differ by one word, and what a
//! harvester gets from them (the diff, the API, the feed, the dates), and every bad input
//! refused with nothing written.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use congres_numerique::api::{Application, Limits, Settings};
use congres_numerique::release::{
    self, History, ReleaseError, ReleaseRequest, Side, Version, diff::Change,
};
use support::{BIN, bundled_seeds, copy_dir, snapshot};

/// The one-word correction: the description of one source, as an editor would fix it.
const LINE: usize = 39;
const BEFORE: &str = "description = \"\"\"Présentation du 1er";
const AFTER: &str = "description = \"\"\"Annonce du 1er";

fn v(text: &str) -> Version {
    text.parse().expect("a version")
}

fn date(text: &str) -> jiff::civil::Date {
    text.parse().expect("a date")
}

/// A copy of the bundled seeds with the one-word correction.
fn corrected_seeds(dir: &Path) -> PathBuf {
    let seeds = dir.join("seeds-corrected");
    copy_dir(&bundled_seeds(), &seeds);
    let path = seeds.join("corpus/sources.toml");
    let text = fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    assert!(lines[LINE - 1].starts_with(BEFORE), "{}", lines[LINE - 1]);
    lines[LINE - 1] = lines[LINE - 1].replacen(BEFORE, AFTER, 1);
    fs::write(&path, lines.join("\n")).unwrap();
    seeds
}

fn make(
    seeds: &Path,
    dir: &Path,
    version: &str,
    day: &str,
) -> Result<release::Released, ReleaseError> {
    release::release(&ReleaseRequest {
        seeds,
        dir,
        version: v(version),
        date: date(day),
        note: format!("Version {version}"),
    })
}

fn bytes_under(dir: &Path) -> u64 {
    let mut total = 0;
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            total += bytes_under(&entry.path());
        } else {
            total += entry.metadata().unwrap().len();
        }
    }
    total
}

/// `2026.1` of the bundled corpus on 2026-12-01, `2026.2` with the correction on 2026-12-02.
struct Two {
    temp: tempfile::TempDir,
    releases: PathBuf,
    corrected: PathBuf,
    first_size: u64,
    second_size: u64,
}

fn two_releases() -> Two {
    let temp = tempfile::tempdir().unwrap();
    let releases = temp.path().join("releases");
    let corrected = corrected_seeds(temp.path());
    make(&bundled_seeds(), &releases, "2026.1", "2026-12-01").expect("first release");
    let first_size = bytes_under(&releases);
    make(&corrected, &releases, "2026.2", "2026-12-02").expect("second release");
    let second_size = bytes_under(&releases);
    Two {
        temp,
        releases,
        corrected,
        first_size,
        second_size,
    }
}

#[test]
fn a_one_word_correction_is_one_changed_field_of_one_record() {
    let two = two_releases();
    let history = History::load(&two.releases).unwrap();
    history.verify().unwrap();
    let diff = history.diff(v("2026.1"), v("2026.2")).unwrap();
    assert_eq!(diff.record_count(), 1, "{}", diff.to_text());
    let table = &diff.tables[0];
    assert_eq!(table.table, "sources");
    assert!(table.added.is_empty() && table.removed.is_empty());
    assert_eq!(table.changed.len(), 1);
    let record = &table.changed[0];
    assert_eq!(record.id, "2019-presentation");
    assert_eq!(record.fields.len(), 1);
    let field = &record.fields[0];
    assert_eq!(field.field, "description");
    assert!(
        field
            .before
            .as_deref()
            .unwrap()
            .starts_with("Présentation du 1er")
    );
    assert!(
        field
            .after
            .as_deref()
            .unwrap()
            .starts_with("Annonce du 1er")
    );
    // The files that carry that record changed; the other tables did not.
    let changed: Vec<&str> = diff.files.iter().map(|f| f.path.as_str()).collect();
    assert!(changed.contains(&"csv/sources.csv"), "{changed:?}");
    assert!(changed.contains(&"rdf/corpus.ttl"), "{changed:?}");
    assert!(!changed.contains(&"csv/items.csv"), "{changed:?}");
    assert!(diff.files.iter().all(|f| f.change == Change::Modified));
    // The French text says it in one line per field.
    let text = diff.to_text();
    assert!(text.contains("~ 2019-presentation"), "{text}");
    assert!(
        text.contains("description : « Présentation du 1er"),
        "{text}"
    );
    // The same diff from the command line, as text and as JSON; and the working corpus is
    // the second release.
    let output = Command::new(BIN)
        .args(["diff", "2026.1", "2026.2", "--json", "--releases"])
        .arg(&two.releases)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        json["tables"][0]["changed"][0]["fields"][0]["field"],
        "description"
    );
    let working = release::diff(
        &two.corrected,
        &two.releases,
        Side::Release(v("2026.2")),
        Side::Working,
    )
    .unwrap();
    assert!(working.is_empty(), "{}", working.to_text());
    let back = release::diff(
        &bundled_seeds(),
        &two.releases,
        Side::Release(v("2026.2")),
        Side::Working,
    )
    .unwrap();
    assert_eq!(back.record_count(), 1);
}

#[test]
fn a_one_word_release_adds_kilobytes_not_a_copy() {
    let two = two_releases();
    let growth = two.second_size - two.first_size;
    println!(
        "first release: {} bytes; one-word release: +{growth} bytes",
        two.first_size
    );
    assert!(two.first_size > 2_000_000, "{}", two.first_size);
    assert!(
        growth < 150_000,
        "the one-word release added {growth} bytes"
    );
    // Every file of 2026.2 reads back byte for byte, deltas included.
    let history = History::load(&two.releases).unwrap();
    let files = release::working_files(
        &two.corrected,
        &release::dates::Dating::from_history(&history).unwrap(),
    )
    .unwrap();
    for (path, bytes) in &files {
        assert_eq!(
            history.file(v("2026.2"), path).unwrap().as_deref(),
            Some(bytes.as_slice()),
            "{path}"
        );
    }
}

/// Runs `release` on the command line and checks it fails with `message` and writes nothing.
fn refused(seeds: &Path, releases: &Path, args: &[&str], message: &str) {
    let before = snapshot(releases);
    let output = Command::new(BIN)
        .arg("--seeds")
        .arg(seeds)
        .arg("release")
        .args(args)
        .arg("--releases")
        .arg(releases)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{args:?} succeeded");
    assert!(stderr.contains(message), "{args:?}: {stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(snapshot(releases), before, "{args:?} wrote something");
}

#[test]
fn bad_input_is_refused_and_nothing_is_written() {
    let two = two_releases();
    let seeds = &two.corrected;
    let dir = &two.releases;
    refused(seeds, dir, &["2026.2"], "release 2026.2 already exists");
    refused(seeds, dir, &["2026.02"], "malformed version « 2026.02 »");
    refused(seeds, dir, &["v3"], "malformed version");
    refused(
        seeds,
        dir,
        &["2025.7"],
        "version 2025.7 is not after the last release 2026.2",
    );
    refused(
        seeds,
        dir,
        &["2026.3", "--date", "2026-11-30"],
        "before the date 2026-12-02",
    );
    refused(
        seeds,
        dir,
        &["2026.3", "--date", "2026-12-03"],
        "nothing changed since release 2026.2",
    );
    // A corpus that fails `check`.
    let broken = two.temp.path().join("seeds-broken");
    copy_dir(seeds, &broken);
    fs::write(broken.join("corpus/sources.toml"), "[[source]\n").unwrap();
    refused(
        &broken,
        dir,
        &["2026.3", "--date", "2026-12-05"],
        "problem(s)",
    );
    // A store altered by hand: one byte of one object, then a manifest.
    let objects = dir.join("objects/sha256");
    let first_dir = fs::read_dir(&objects)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let object = fs::read_dir(&first_dir)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let original = fs::read(&object).unwrap();
    let mut altered = original.clone();
    altered[0] ^= 1;
    fs::write(&object, &altered).unwrap();
    refused(
        &bundled_seeds(),
        dir,
        &["2026.3"],
        "the release store was altered",
    );
    fs::write(&object, &original).unwrap();
    let manifest = dir.join("2026.1/manifest.json");
    let text = fs::read_to_string(&manifest).unwrap();
    fs::write(
        &manifest,
        text.replacen("Version 2026.1", "Version 2026.1 !", 1),
    )
    .unwrap();
    refused(
        &bundled_seeds(),
        dir,
        &["2026.3"],
        "the release store was altered",
    );
    fs::write(&manifest, text).unwrap();
    // Restored, the store takes the next release.
    make(&bundled_seeds(), dir, "2026.3", "2026-12-03").expect("a valid release after repair");
}

async fn spawn(seeds: &Path, releases: &Path, exports: &Path) -> String {
    let seeds = seeds.to_path_buf();
    let settings = Settings {
        bind: "127.0.0.1:0".to_string(),
        base_url: None,
        seeds: seeds.clone(),
        exports: exports.to_path_buf(),
        schemas: seeds.with_file_name("schemas"),
        releases: releases.to_path_buf(),
        workers: Some(1),
        limits: Limits::default(),
    };
    let app = Application::build(settings)
        .await
        .expect("the service starts");
    let base = app.base_url().to_string();
    actix_web::rt::spawn(app.run_until_stopped());
    base
}

async fn get(url: &str, headers: &[(&str, &str)]) -> (u16, awc::http::header::HeaderMap, Vec<u8>) {
    let client = awc::Client::default();
    let mut request = client.get(url);
    for (name, value) in headers {
        request = request.insert_header((*name, *value));
    }
    let mut response = request.send().await.expect("answered");
    let body = response.body().limit(16 * 1024 * 1024).await.expect("body");
    (
        response.status().as_u16(),
        response.headers().clone(),
        body.to_vec(),
    )
}

fn header<'a>(headers: &'a awc::http::header::HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("no {name}"))
}

#[actix_web::test]
async fn the_service_serves_releases_changes_and_the_feed() {
    let two = two_releases();
    // The working exports are the second release's files.
    let exports = two.temp.path().join("exports");
    let history = History::load(&two.releases).unwrap();
    for entry in &history.get(v("2026.2")).unwrap().files {
        if entry.path.starts_with("schemas/") {
            continue;
        }
        let path = exports.join(&entry.path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(
            &path,
            history.file(v("2026.2"), &entry.path).unwrap().unwrap(),
        )
        .unwrap();
    }
    let base = spawn(&bundled_seeds(), &two.releases, &exports).await;

    let (status, _, body) = get(&format!("{base}/api/v1/releases"), &[]).await;
    assert_eq!(status, 200);
    let list: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(list["total"], 2);
    assert_eq!(list["latest"], "2026.2");
    assert_eq!(list["data"][1]["previous"], "2026.1");
    assert_eq!(list["data"][1]["date"], "2026-12-02");

    let (status, _, body) = get(&format!("{base}/api/v1/releases/2026.2"), &[]).await;
    assert_eq!(status, 200);
    let detail: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(
        detail["changes"]["tables"][0]["changed"][0]["id"],
        "2019-presentation"
    );
    let items = detail["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "csv/items.csv")
        .unwrap();
    assert_eq!(items["modified"], "2026-12-01");
    let (status, _, _) = get(&format!("{base}/api/v1/releases/2031.1"), &[]).await;
    assert_eq!(status, 404);

    // A released file: immutable, ETag = its SHA-256, Last-Modified = when its bytes last
    // changed.
    let sources = history
        .get(v("2026.2"))
        .unwrap()
        .file("csv/sources.csv")
        .unwrap()
        .clone();
    let (status, headers, body) =
        get(&format!("{base}/releases/2026.2/csv/sources.csv"), &[]).await;
    assert_eq!(status, 200);
    assert_eq!(support::sha256_hex(&body), sources.sha256);
    assert_eq!(
        header(&headers, "cache-control"),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(header(&headers, "etag"), format!("\"{}\"", sources.sha256));
    assert_eq!(
        header(&headers, "last-modified"),
        "Wed, 02 Dec 2026 00:00:00 GMT"
    );
    assert!(header(&headers, "content-type").starts_with("text/csv"));
    let (_, headers, _) = get(&format!("{base}/releases/2026.2/csv/items.csv"), &[]).await;
    assert_eq!(
        header(&headers, "last-modified"),
        "Tue, 01 Dec 2026 00:00:00 GMT"
    );
    let etag = format!("\"{}\"", sources.sha256);
    let (status, _, _) = get(
        &format!("{base}/releases/2026.2/csv/sources.csv"),
        &[("if-none-match", &etag), ("accept-encoding", "identity")],
    )
    .await;
    assert_eq!(status, 304);
    let (status, _, _) = get(&format!("{base}/releases/2026.2/csv/nothing.csv"), &[]).await;
    assert_eq!(status, 404);
    // The working export's dates come from the releases too, not from the file's write time.
    let (status, headers, _) = get(&format!("{base}/exports/csv/items.csv"), &[]).await;
    assert_eq!(status, 200);
    assert_eq!(
        header(&headers, "last-modified"),
        "Tue, 01 Dec 2026 00:00:00 GMT"
    );
    let (_, headers, _) = get(&format!("{base}/exports/csv/sources.csv"), &[]).await;
    assert_eq!(
        header(&headers, "last-modified"),
        "Wed, 02 Dec 2026 00:00:00 GMT"
    );

    // Changes since a version or a date, paginated; bad `since` is a problem.
    for since in ["2026.1", "2026-12-01"] {
        let (status, headers, body) =
            get(&format!("{base}/api/v1/changes?since={since}"), &[]).await;
        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
        let changes: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(changes["from"], "2026.1");
        assert_eq!(changes["to"], "2026.2");
        assert_eq!(changes["total"], 1);
        assert_eq!(changes["data"][0]["table"], "sources");
        assert_eq!(changes["data"][0]["change"], "modified");
        assert_eq!(changes["data"][0]["fields"][0]["field"], "description");
        assert_eq!(header(&headers, "x-total-count"), "1");
    }
    let (_, _, body) = get(
        &format!("{base}/api/v1/changes?since=2026-11-30&page_size=5"),
        &[],
    )
    .await;
    let everything: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert!(everything["from"].is_null());
    assert!(everything["total"].as_u64().unwrap() > 100);
    assert_eq!(everything["data"].as_array().unwrap().len(), 5);
    assert!(
        everything["links"]["next"]
            .as_str()
            .unwrap()
            .contains("page=2")
    );
    let (_, _, body) = get(&format!("{base}/api/v1/changes"), &[]).await;
    let all: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(all["total"], everything["total"]);
    for bad in [
        "since=yesterday",
        "since=2031.1",
        "since=",
        "since=2026-13-01",
        "other=1",
    ] {
        let (status, headers, _) = get(&format!("{base}/api/v1/changes?{bad}"), &[]).await;
        assert_eq!(status, 400, "{bad}");
        assert_eq!(header(&headers, "content-type"), "application/problem+json");
    }

    // For browsers, the same addresses are pages: the list, then each release with its changes.
    let html = [("accept", "text/html,application/xhtml+xml,*/*;q=0.8")];
    let (status, headers, body) = get(&format!("{base}/releases/"), &html).await;
    assert_eq!(status, 200);
    assert!(header(&headers, "content-type").starts_with("text/html"));
    let page = String::from_utf8(body).unwrap();
    assert!(
        page.find("2026.2").unwrap() < page.find("2026.1").unwrap(),
        "{page}"
    );
    assert!(page.contains("href=\"/releases/2026.2/\""), "{page}");
    assert!(page.contains("href=\"/feeds/changes.atom\""), "{page}");
    let (status, _, body) = get(&format!("{base}/releases/2026.2/"), &html).await;
    assert_eq!(status, 200);
    let page = String::from_utf8(body).unwrap();
    assert!(page.contains("<code>2019-presentation</code>"), "{page}");
    assert!(
        page.contains("href=\"/releases/2026.2/csv/sources.csv\""),
        "{page}"
    );
    assert!(page.contains("href=\"/releases/2026.1/\""), "{page}");
    let (status, headers, _) = get(&format!("{base}/releases/2031.1/"), &html).await;
    assert_eq!(status, 404);
    assert!(header(&headers, "content-type").starts_with("text/html"));
    // API clients keep their JSON there.
    let (status, headers, body) = get(&format!("{base}/releases/"), &[]).await;
    assert_eq!(status, 200);
    assert!(header(&headers, "content-type").starts_with("application/json"));
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&body).unwrap()["total"],
        2
    );
    let (_, _, body) = get(&format!("{base}/releases/2026.2/"), &[]).await;
    let detail: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(detail["previous"], "2026.1");

    // The feed: one entry per release, newest first, with the changed field.
    let (status, headers, body) = get(&format!("{base}/feeds/changes.atom"), &[]).await;
    assert_eq!(status, 200);
    assert_eq!(header(&headers, "content-type"), "application/atom+xml");
    let atom = String::from_utf8(body).unwrap();
    assert_eq!(atom.matches("<entry>").count(), 2);
    assert!(
        atom.contains("<updated>2026-12-02T00:00:00Z</updated>"),
        "{atom}"
    );
    assert!(atom.find("Version 2026.2").unwrap() < atom.find("Version 2026.1").unwrap());
    assert!(
        atom.contains("description : « Présentation du 1er"),
        "{atom}"
    );
    assert!(atom.contains("rel=\"self\""));
    assert!(atom.contains("<author>"));
}

/// The `issued` and `modified` cells of every row of a released CSV, by id.
fn csv_dates(bytes: &[u8]) -> Vec<(String, String, String)> {
    let mut reader = csv::Reader::from_reader(bytes);
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (id, issued, modified) = (column("id"), column("issued"), column("modified"));
    reader
        .records()
        .map(|row| {
            let row = row.unwrap();
            (
                row[id].to_string(),
                row[issued].to_string(),
                row[modified].to_string(),
            )
        })
        .collect()
}

#[actix_web::test]
async fn each_record_is_dated_by_the_release_that_last_changed_it() {
    let two = two_releases();
    let history = History::load(&two.releases).unwrap();
    let corrected = "2019-presentation";

    // In the CSV of the second release: the corrected record is modified on its date, every
    // other record of every table keeps the first; all were issued with the first.
    let mut rows = 0;
    for table in ["sources", "items", "motions", "people", "facts"] {
        let bytes = history
            .file(v("2026.2"), &format!("csv/{table}.csv"))
            .unwrap()
            .unwrap();
        for (id, issued, modified) in csv_dates(&bytes) {
            rows += 1;
            assert_eq!(issued, "2026-12-01", "{table}/{id}");
            let expected = if table == "sources" && id == corrected {
                "2026-12-02"
            } else {
                "2026-12-01"
            };
            assert_eq!(modified, expected, "{table}/{id}");
        }
    }
    assert!(rows > 100, "{rows}");

    // In the RDF of the second release: one entity modified on the second date, typed dates.
    let nt =
        String::from_utf8(history.file(v("2026.2"), "rdf/corpus.nt").unwrap().unwrap()).unwrap();
    let modified = "<http://purl.org/dc/terms/modified>";
    let second = format!("{modified} \"2026-12-02\"^^<http://www.w3.org/2001/XMLSchema#date> .");
    let lines: Vec<&str> = nt.lines().filter(|l| l.contains(&second)).collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with(&format!(
            "<https://congres-numerique.villes-internet.net/id/source/{corrected}>"
        )),
        "{}",
        lines[0]
    );
    let issued = nt
        .lines()
        .filter(|l| l.contains("<http://purl.org/dc/terms/issued> \"2026-12-01\"^^<http://www.w3.org/2001/XMLSchema#date>"))
        .count();
    assert_eq!(issued, nt.lines().filter(|l| l.contains(modified)).count());

    // In the API over the corrected corpus: the document and the list items.
    let exports = two.temp.path().join("exports-api");
    let base = spawn(&two.corrected, &two.releases, &exports).await;
    let (status, _, body) = get(&format!("{base}/api/v1/sources/{corrected}"), &[]).await;
    assert_eq!(status, 200);
    let document: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(document["issued"], "2026-12-01");
    assert_eq!(document["modified"], "2026-12-02");
    let (_, _, body) = get(&format!("{base}/api/v1/sources?page_size=100"), &[]).await;
    let list: serde_json::Value = serde_json::from_slice(&body).unwrap();
    for source in list["data"].as_array().unwrap() {
        let expected = if source["id"] == corrected {
            "2026-12-02"
        } else {
            "2026-12-01"
        };
        assert_eq!(source["modified"], expected, "{}", source["id"]);
        assert_eq!(source["issued"], "2026-12-01");
    }

    // What `export` writes after the release is the release, dates included.
    let working = release::diff(
        &two.corrected,
        &two.releases,
        Side::Release(v("2026.2")),
        Side::Working,
    )
    .unwrap();
    assert!(
        working.is_empty() && working.files.is_empty(),
        "{}",
        working.to_text()
    );
}

#[test]
fn a_record_in_no_release_has_no_dates() {
    let files = release::working_files(&bundled_seeds(), &release::dates::Dating::none()).unwrap();
    let dates = csv_dates(&files["csv/sources.csv"]);
    assert!(!dates.is_empty());
    for (id, issued, modified) in dates {
        assert!(issued.is_empty() && modified.is_empty(), "{id}");
    }
    let nt = String::from_utf8(files["rdf/corpus.nt"].clone()).unwrap();
    assert!(!nt.contains("<http://purl.org/dc/terms/issued>"));
}

/// The catalogue of the second release: the dataset has both versions, the second follows the
/// first, each a dataset with its version, notes, date, landing page and corpus; the
/// data.gouv.fr profile types only the dataset itself (udata harvests each `dcat:Dataset`).
#[test]
fn the_catalogue_links_every_version_to_the_one_before() {
    let two = two_releases();
    let history = History::load(&two.releases).unwrap();
    let graph = |path: &str| -> Vec<oxrdf::Triple> {
        let bytes = history.file(v("2026.2"), path).unwrap().unwrap();
        oxttl::TurtleParser::new()
            .for_slice(&bytes)
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let base = "https://congres-numerique.villes-internet.net";
    let node = |text: &str| oxrdf::NamedNode::new(text).unwrap();
    let dcat = |local: &str| node(&format!("http://www.w3.org/ns/dcat#{local}"));
    let dct = |local: &str| node(&format!("http://purl.org/dc/terms/{local}"));
    let rdf_type = node("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
    let first = node(&format!("{base}/releases/2026.1/#dataset"));
    let second = node(&format!("{base}/releases/2026.2/#dataset"));
    let dataset = node(&format!(
        "{base}/id/dataset/congres-national-des-elus-au-numerique"
    ));
    let objects = |triples: &[oxrdf::Triple], s: &oxrdf::NamedNode, p: &oxrdf::NamedNode| {
        triples
            .iter()
            .filter(|t| t.subject == s.clone().into() && t.predicate == *p)
            .map(|t| t.object.to_string())
            .collect::<Vec<_>>()
    };
    let catalog = graph("catalog.ttl");
    let mut versions = objects(&catalog, &dataset, &dcat("hasVersion"));
    versions.sort();
    assert_eq!(versions, [first.to_string(), second.to_string()]);
    assert_eq!(
        objects(&catalog, &second, &dcat("previousVersion")),
        [first.to_string()]
    );
    assert!(objects(&catalog, &first, &dcat("previousVersion")).is_empty());
    assert_eq!(
        objects(&catalog, &dataset, &dcat("hasCurrentVersion")),
        [second.to_string()]
    );
    for (version, day) in [(&first, "2026-12-01"), (&second, "2026-12-02")] {
        assert_eq!(
            objects(&catalog, version, &rdf_type),
            [dcat("Dataset").to_string()]
        );
        assert_eq!(
            objects(&catalog, version, &dct("issued")),
            [format!(
                "\"{day}\"^^<http://www.w3.org/2001/XMLSchema#date>"
            )]
        );
        assert_eq!(objects(&catalog, version, &dcat("version")).len(), 1);
        assert_eq!(objects(&catalog, version, &dcat("landingPage")).len(), 1);
        assert_eq!(objects(&catalog, version, &dcat("distribution")).len(), 1);
    }
    let datagouv = graph("catalog-datagouv.ttl");
    let typed: Vec<_> = datagouv
        .iter()
        .filter(|t| t.predicate == rdf_type && t.object == dcat("Dataset").into())
        .map(|t| t.subject.to_string())
        .collect();
    assert_eq!(typed, [dataset.to_string()]);
    assert_eq!(objects(&datagouv, &dataset, &dcat("hasVersion")).len(), 2);
}
