//! `publish` against a local udata (tests/publish/mock_udata.rs): what it sends on a first
//! publication, on an unchanged rerun, after one file changed, after a failure midway, on every
//! error status, in a dry run; and that the API key never shows.

#[path = "publish/mock_udata.rs"]
mod mock_udata;

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::Duration;

use congres_numerique::publish::{self, ApiKey, Client, PublishError, RetryPolicy};
use mock_udata::{Fault, MockUdata};
use serde_json::Value;

const KEY: &str = "test-key-4f1c9a7e2b";

/// The metadata `export` wrote, copied so that a test can change it.
fn metadata(dir: &Path) -> (PathBuf, Value) {
    let text = std::fs::read_to_string("exports/datagouv.json").expect("exports/datagouv.json");
    let value: Value = serde_json::from_str(&text).expect("datagouv.json is JSON");
    let path = dir.join("datagouv.json");
    std::fs::write(&path, &text).expect("write copy");
    (path, value)
}

fn resource_count(value: &Value) -> usize {
    value["resources"].as_array().expect("resources").len()
}

struct Run {
    result: Result<publish::Outcome, PublishError>,
    output: String,
    sleeps: Vec<Duration>,
}

fn run(mock: &MockUdata, path: &Path, key: Option<&str>, apply: bool) -> Run {
    run_with(
        mock,
        path,
        key,
        &publish::Options {
            apply,
            ..publish::Options::default()
        },
    )
}

fn run_with(mock: &MockUdata, path: &Path, key: Option<&str>, options: &publish::Options) -> Run {
    let sleeps = Rc::new(RefCell::new(Vec::new()));
    let recorded = sleeps.clone();
    let client = Client::new(&mock.base, key.and_then(|k| ApiKey::new(k.to_string())))
        .with_retry(RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
        })
        .with_sleep(move |d| recorded.borrow_mut().push(d));
    let mut output = Vec::new();

    let result = publish::publish(path, options, &client, &mut output);
    let sleeps = sleeps.borrow().clone();
    Run {
        result,
        output: String::from_utf8(output).expect("UTF-8 output"),
        sleeps,
    }
}

fn error_text(run: &Run) -> String {
    match &run.result {
        Ok(_) => panic!("expected an error; output:\n{}", run.output),
        Err(e) => e.to_string(),
    }
}

fn remote_urls(mock: &MockUdata) -> Vec<String> {
    let dataset = mock.dataset().expect("a dataset on the server");
    dataset["resources"]
        .as_array()
        .expect("resources")
        .iter()
        .map(|r| r["url"].as_str().expect("url").to_string())
        .collect()
}

#[test]
fn a_first_publication_creates_the_dataset_then_every_resource_with_the_quality_fields() {
    let dir = tempfile::tempdir().unwrap();
    let (path, wanted) = metadata(dir.path());
    let mock = MockUdata::start(KEY);
    let run = run(&mock, &path, Some(KEY), true);
    assert!(run.result.is_ok(), "{:?}\n{}", run.result.err(), run.output);
    let writes = mock.writes();
    assert_eq!(writes.len(), 1 + resource_count(&wanted));
    assert_eq!(writes[0], "POST /api/1/datasets/");
    let dataset = mock.dataset().unwrap();
    let id = dataset["id"].as_str().unwrap();
    assert!(
        writes[1..]
            .iter()
            .all(|w| *w == format!("POST /api/1/datasets/{id}/resources/"))
    );
    // Every field data.gouv.fr's quality score reads (Dataset.compute_quality).
    assert_eq!(dataset["license"], "lov2");
    assert_eq!(dataset["frequency"], "annual");
    assert!(dataset["temporal_coverage"]["start"].is_string());
    assert_eq!(dataset["spatial"]["zones"][0], "country:fr");
    assert!(dataset["description"].as_str().unwrap().chars().count() > 100);
    let resources = dataset["resources"].as_array().unwrap();
    assert!(resources.iter().any(|r| r["type"] == "documentation"));
    assert!(resources.iter().any(|r| r["format"] == "csv"));
    // Resources carry their checksum and size, in the order of datagouv.json.
    assert_eq!(
        remote_urls(&mock),
        wanted["resources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["url"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    );
    let readme = &resources[0];
    assert_eq!(readme["checksum"]["type"], "sha256");
    assert_eq!(
        readme["checksum"]["value"],
        wanted["resources"][0]["checksum"]["value"]
    );
    // The key went where udata reads it, on every write.
    assert!(
        mock.log()
            .iter()
            .filter(|r| r.method != "GET")
            .all(|r| r.api_key.as_deref() == Some(KEY))
    );
}

#[test]
fn an_unchanged_rerun_sends_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = metadata(dir.path());
    let mock = MockUdata::start(KEY);
    assert!(run(&mock, &path, Some(KEY), true).result.is_ok());
    mock.clear_log();
    let rerun = run(&mock, &path, Some(KEY), true);
    let outcome = rerun.result.expect("rerun");
    assert!(outcome.plan.calls.is_empty(), "{:?}", outcome.plan.calls);
    assert_eq!(mock.writes(), Vec::<String>::new());
    assert_eq!(mock.log().len(), 1, "one GET of the dataset, nothing else");
    assert!(
        rerun.output.contains("0 call(s) to make"),
        "{}",
        rerun.output
    );
}

#[test]
fn one_changed_file_updates_that_resource_only() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut wanted) = metadata(dir.path());
    let mock = MockUdata::start(KEY);
    assert!(run(&mock, &path, Some(KEY), true).result.is_ok());
    // A correction in one CSV: new checksum and size.
    let changed = wanted["resources"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|r| r["title"] == "csv/items.csv")
        .expect("items.csv in datagouv.json");
    changed["checksum"]["value"] = "ab".repeat(32).into();
    changed["filesize"] = 12925.into();
    std::fs::write(&path, serde_json::to_string(&wanted).unwrap()).unwrap();
    mock.clear_log();
    let rerun = run(&mock, &path, Some(KEY), true);
    assert!(rerun.result.is_ok(), "{}", rerun.output);
    let dataset = mock.dataset().unwrap();
    let items = dataset["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["title"] == "csv/items.csv")
        .unwrap();
    assert_eq!(
        mock.writes(),
        vec![format!(
            "PUT /api/1/datasets/{}/resources/{}/",
            dataset["id"].as_str().unwrap(),
            items["id"].as_str().unwrap()
        )]
    );
    assert_eq!(items["checksum"]["value"], "ab".repeat(32));
    assert_eq!(items["filesize"], 12925);
    assert!(
        rerun.output.contains("differs: checksum, filesize"),
        "{}",
        rerun.output
    );
}

#[test]
fn a_failure_midway_then_a_rerun_ends_complete_without_a_duplicate() {
    let dir = tempfile::tempdir().unwrap();
    let (path, wanted) = metadata(dir.path());
    let mock = MockUdata::start(KEY);
    // Call 1 reads, 2 creates the dataset, 3… create resources: the 7th call (5th resource)
    // fails with a 500. A POST is not retried on a 500 (it may have been processed).
    mock.with(|s| {
        s.faults.insert(7, Fault::Status(500));
    });
    let first = run(&mock, &path, Some(KEY), true);
    let message = error_text(&first);
    assert!(message.contains("500 Internal Server Error"), "{message}");
    assert!(message.contains(mock_udata::INTERNAL), "{message}");
    assert!(
        message.contains("5 call(s) made before this one"),
        "{message}"
    );
    assert_eq!(remote_urls(&mock).len(), 4);

    let second = run(&mock, &path, Some(KEY), true);
    assert!(second.result.is_ok(), "{}", second.output);
    let urls = remote_urls(&mock);
    let mut unique = urls.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(urls.len(), resource_count(&wanted));
    assert_eq!(unique.len(), urls.len(), "no resource created twice");
    assert_eq!(
        mock.with(|s| s.datasets.len()),
        1,
        "no dataset created twice"
    );
    assert!(
        second.output.contains("4 resource(s) already up to date"),
        "{}",
        second.output
    );
}

#[test]
fn an_outage_is_retried_then_reported() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = metadata(dir.path());
    let mock = MockUdata::start(KEY);
    mock.with(|s| s.down_from = Some(1));
    let run = run(&mock, &path, Some(KEY), true);
    let message = error_text(&run);
    assert!(message.contains("gave up after 3 attempts"), "{message}");
    assert!(message.contains("503 Service Unavailable"), "{message}");
    // Exponential backoff between the attempts of the (idempotent) GET.
    assert_eq!(
        run.sleeps,
        vec![Duration::from_millis(500), Duration::from_millis(1000)]
    );
    assert!(mock.writes().is_empty());
}

#[test]
fn a_rate_limit_is_waited_out_as_retry_after_asks() {
    let dir = tempfile::tempdir().unwrap();
    let (path, wanted) = metadata(dir.path());
    let mock = MockUdata::start(KEY);
    // The dataset creation is refused once: even a POST is retried on 429 (not processed).
    mock.with(|s| {
        s.faults.insert(2, Fault::RateLimit { retry_after: 7 });
    });
    let run = run(&mock, &path, Some(KEY), true);
    assert!(run.result.is_ok(), "{}", run.output);
    assert_eq!(run.sleeps, vec![Duration::from_secs(7)]);
    assert_eq!(mock.writes().len(), 1 + resource_count(&wanted));
    assert_eq!(mock.with(|s| s.datasets.len()), 1);
}

#[test]
fn a_5xx_on_an_update_is_retried_with_backoff() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut wanted) = metadata(dir.path());
    let mock = MockUdata::start(KEY);
    assert!(run(&mock, &path, Some(KEY), true).result.is_ok());
    wanted["dataset"]["title"] = "Motions du Congrès national des élus au numérique".into();
    wanted["dataset"]["tags"] = serde_json::json!(["numerique"]);
    std::fs::write(&path, serde_json::to_string(&wanted).unwrap()).unwrap();
    let calls = mock.log().len();
    mock.with(|s| {
        s.faults.insert(calls + 2, Fault::Status(502));
    });
    let rerun = run(&mock, &path, Some(KEY), true);
    assert!(rerun.result.is_ok(), "{}", rerun.output);
    assert_eq!(rerun.sleeps, vec![Duration::from_millis(500)]);
    assert_eq!(
        mock.dataset().unwrap()["tags"],
        serde_json::json!(["numerique"])
    );
}

/// Every error status names the call, the status and the server's own message.
#[test]
fn every_error_status_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut wanted) = metadata(dir.path());

    // 401: a key udata does not know.
    let mock = MockUdata::start(KEY);
    let message = error_text(&run(&mock, &path, Some("not-the-key"), true));
    assert!(message.contains("POST http://127.0.0.1:"), "{message}");
    assert!(
        message.contains("401 Unauthorized: Invalid API token"),
        "{message}"
    );
    assert!(message.contains("DATAGOUV_API_KEY"), "{message}");

    // 403: a dataset of someone else.
    assert!(run(&mock, &path, Some(KEY), true).result.is_ok());
    let id = mock.dataset().unwrap()["id"].as_str().unwrap().to_string();
    mock.with(|s| s.foreign.push(id.clone()));
    wanted["dataset"]["frequency"] = "irregular".into();
    std::fs::write(&path, serde_json::to_string(&wanted).unwrap()).unwrap();
    let message = error_text(&run(&mock, &path, Some(KEY), true));
    assert!(
        message.contains(&format!("PUT {}/datasets/{id}/", mock.base)),
        "{message}"
    );
    assert!(
        message.contains("403 Forbidden: You do not have the permission to modify that object."),
        "{message}"
    );

    // 400: metadata udata refuses, with its errors per field.
    let fresh = MockUdata::start(KEY);
    wanted["dataset"]["description"] = "".into();
    std::fs::write(&path, serde_json::to_string(&wanted).unwrap()).unwrap();
    let message = error_text(&run(&fresh, &path, Some(KEY), true));
    assert!(message.contains("400 Bad Request"), "{message}");
    assert!(
        message.contains(r#"errors: {"description":["This field is required."]}"#),
        "{message}"
    );

    // 413: a body over the server's limit.
    let (path, _) = metadata(dir.path());
    let small = MockUdata::start(KEY);
    small.with(|s| s.max_body = 1000);
    let message = error_text(&run(&small, &path, Some(KEY), true));
    assert!(
        message.contains(
            "413 Payload Too Large: The data value transmitted exceeds the capacity limit."
        ),
        "{message}"
    );

    // 404 on a write (a resource deleted meanwhile), and the 5xx a POST is not retried on.
    for (status, text) in [
        (404, "404 Not Found: The requested URL was not found"),
        (500, "500 Internal Server Error"),
        (
            502,
            "502 Bad Gateway: (not JSON) 502 Bad Gateway 502 Bad Gateway nginx",
        ),
    ] {
        let mock = MockUdata::start(KEY);
        mock.with(|s| {
            s.faults.insert(2, Fault::Status(status));
        });
        let message = error_text(&run(&mock, &path, Some(KEY), true));
        assert!(message.contains(text), "{status}: {message}");
        assert!(mock.writes().is_empty());
    }
}

#[test]
fn a_dry_run_prints_every_call_and_sends_no_write() {
    let dir = tempfile::tempdir().unwrap();
    let (path, wanted) = metadata(dir.path());
    let mock = MockUdata::start(KEY);
    let dry = run(&mock, &path, None, false);
    assert!(dry.result.is_ok(), "{}", dry.output);
    assert!(mock.log().iter().all(|r| r.method == "GET"));
    assert_eq!(mock.log().len(), 1);
    let lines: Vec<&str> = dry
        .output
        .lines()
        .filter(|l| l.starts_with("would "))
        .collect();
    assert_eq!(lines.len(), 1 + resource_count(&wanted));
    assert!(
        lines[0].starts_with(&format!(
            "would POST {}/datasets/ — create dataset \"Motions du Congrès",
            mock.base
        )),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].contains("license, frequency, temporal_coverage, spatial, tags"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].contains("/resources/ — create resource \"README.md\" https://"),
        "{}",
        lines[1]
    );
    // The README's checksum as the metadata gives it (its first 12 hex digits are printed).
    let readme = &wanted["resources"][0];
    assert_eq!(readme["title"], "README.md");
    let sha256 = readme["checksum"]["value"].as_str().expect("checksum");
    assert!(
        lines[1].contains(&format!("sha256={}", &sha256[..12])),
        "{}",
        lines[1]
    );
    assert!(dry.output.contains("dry run: nothing was sent"));
}

#[test]
fn a_new_dataset_is_published_by_the_organization_given() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = metadata(dir.path());
    let mock = MockUdata::start(KEY);
    let options = publish::Options {
        apply: true,
        organization: Some("534fff8ea3a7292c64a77f02".into()),
        ..publish::Options::default()
    };
    assert!(run_with(&mock, &path, Some(KEY), &options).result.is_ok());
    assert_eq!(
        mock.dataset().unwrap()["organization"],
        "534fff8ea3a7292c64a77f02"
    );
}

#[test]
fn a_deleted_dataset_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = metadata(dir.path());
    let mock = MockUdata::start(KEY);
    mock.with(|s| {
        s.faults.insert(1, Fault::Status(410));
    });
    let message = error_text(&run(&mock, &path, Some(KEY), true));
    assert!(message.contains("GET"), "{message}");
    assert!(
        message.contains("410 Gone: Dataset has been deleted"),
        "{message}"
    );
    assert!(mock.writes().is_empty());
}

#[test]
fn apply_without_a_key_sends_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = metadata(dir.path());
    let mock = MockUdata::start(KEY);
    let message = error_text(&run(&mock, &path, None, true));
    assert!(message.contains("DATAGOUV_API_KEY"), "{message}");
    assert!(mock.log().is_empty());
}

/// The real command line, with the key in the environment: it shows in no output, whether the
/// run succeeds, is refused or fails.
#[test]
fn the_api_key_never_appears_in_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = metadata(dir.path());
    let secret = "SeCrEt-0123456789-abcdef";
    let mock = MockUdata::start(secret);
    let command = |args: &[&str], key: &str| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_congres-numerique"))
            .arg("publish")
            .args(["--base", &mock.base, "--metadata", path.to_str().unwrap()])
            .args(args)
            .env("DATAGOUV_API_KEY", key)
            .output()
            .expect("run congres-numerique publish");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        (output.status.success(), text)
    };
    let (ok, text) = command(&[], secret);
    assert!(ok && text.contains("would POST"), "{text}");
    assert!(!text.contains(secret), "{text}");
    let (ok, text) = command(&["--apply"], secret);
    assert!(ok && text.contains("done"), "{text}");
    assert!(!text.contains(secret), "{text}");
    // Refused (another key) and failing (500 on the next write).
    let wrong = "WrOnG-9876543210-fedcba";
    let mut changed: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    changed["dataset"]["frequency"] = "irregular".into();
    std::fs::write(&path, serde_json::to_string(&changed).unwrap()).unwrap();
    let (ok, text) = command(&["--apply"], wrong);
    assert!(!ok && text.contains("401 Unauthorized"), "{text}");
    assert!(!text.contains(wrong), "{text}");
    let calls = mock.log().len();
    mock.with(|s| {
        s.faults.insert(calls + 2, Fault::Status(400));
    });
    let (ok, text) = command(&["--apply"], secret);
    assert!(!ok && text.contains("400 Bad Request"), "{text}");
    assert!(!text.contains(secret), "{text}");
    // Nor as a flag: there is none.
    let (ok, text) = command(&["--api-key", secret], secret);
    assert!(!ok && text.contains("unexpected argument"), "{text}");
}

/// An exports directory with the files datagouv.json lists, for `--upload`.
fn exports_copy(dir: &Path) -> (PathBuf, Value) {
    let (path, value) = metadata(dir);
    for resource in value["resources"].as_array().unwrap() {
        let title = resource["title"].as_str().unwrap();
        let source = Path::new("exports").join(title);
        if source.is_file() {
            let target = dir.join(title);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(&source, &target).unwrap();
        }
    }
    (path, value)
}

fn upload_options() -> publish::Options {
    publish::Options {
        apply: true,
        upload: true,
        ..publish::Options::default()
    }
}

fn hosted(mock: &MockUdata) -> Vec<Value> {
    let dataset = mock.dataset().unwrap();
    dataset["resources"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["filetype"] == "file")
        .cloned()
        .collect()
}

#[test]
fn upload_sends_the_files_udata_accepts_and_links_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let (path, wanted) = exports_copy(dir.path());
    let mock = MockUdata::start(KEY);
    let first = run_with(&mock, &path, Some(KEY), &upload_options());
    assert!(
        first.result.is_ok(),
        "{:?}\n{}",
        first.result.err(),
        first.output
    );
    let uploadable: Vec<&str> = wanted["resources"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["title"].as_str())
        .filter(|t| {
            publish::local::UPLOADABLE
                .iter()
                .any(|e| t.ends_with(&format!(".{e}")))
        })
        .collect();
    assert!(
        uploadable.contains(&"csv/items.csv") && uploadable.contains(&"ods/corpus.ods"),
        "{uploadable:?}"
    );
    let files = hosted(&mock);
    assert_eq!(files.len(), uploadable.len());
    // Each upload is followed by the PUT that gives it our title, description and type.
    let items = files
        .iter()
        .find(|r| r["title"] == "csv/items.csv")
        .expect("items.csv titled by its path");
    assert_eq!(items["type"], "main");
    assert!(items["description"].as_str().unwrap().starts_with("Items"));
    assert_eq!(items["checksum"]["type"], "sha1");
    let writes = mock.writes();
    let uploads = writes.iter().filter(|w| w.ends_with("/upload/")).count();
    assert_eq!(uploads, uploadable.len());
    // The others (Markdown, JSON-LD, N-Triples, the API) stay links to the project's site.
    assert_eq!(remote_urls(&mock).len(), resource_count(&wanted));
    assert_eq!(
        mock.dataset().unwrap()["resources"]
            .as_array()
            .unwrap()
            .len()
            - files.len(),
        resource_count(&wanted) - uploadable.len()
    );

    mock.clear_log();
    let rerun = run_with(&mock, &path, Some(KEY), &upload_options());
    assert!(rerun.result.is_ok(), "{}", rerun.output);
    assert_eq!(
        mock.writes(),
        Vec::<String>::new(),
        "unchanged: nothing uploaded"
    );
}

#[test]
fn upload_sends_again_only_the_file_that_changed() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut wanted) = exports_copy(dir.path());
    let mock = MockUdata::start(KEY);
    assert!(
        run_with(&mock, &path, Some(KEY), &upload_options())
            .result
            .is_ok()
    );
    // A correction: the file and its SHA-256 in datagouv.json, as `export` would write them.
    let file = dir.path().join("csv/footnotes.csv");
    let mut bytes = std::fs::read(&file).unwrap();
    bytes.extend_from_slice(b"\n");
    std::fs::write(&file, &bytes).unwrap();
    let sha256: String = {
        use sha2::Digest;
        sha2::Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    };
    let entry = wanted["resources"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|r| r["title"] == "csv/footnotes.csv")
        .unwrap();
    entry["checksum"]["value"] = sha256.into();
    entry["filesize"] = bytes.len().into();
    std::fs::write(&path, serde_json::to_string(&wanted).unwrap()).unwrap();
    mock.clear_log();
    let rerun = run_with(&mock, &path, Some(KEY), &upload_options());
    assert!(rerun.result.is_ok(), "{}", rerun.output);
    let footnotes = hosted(&mock)
        .into_iter()
        .find(|r| r["title"] == "csv/footnotes.csv")
        .unwrap();
    let dataset = mock.dataset().unwrap();
    let id = dataset["id"].as_str().unwrap();
    let rid = footnotes["id"].as_str().unwrap();
    assert_eq!(
        mock.writes(),
        vec![
            format!("POST /api/1/datasets/{id}/resources/{rid}/upload/"),
            format!("PUT /api/1/datasets/{id}/resources/{rid}/"),
        ]
    );
    assert_eq!(footnotes["filesize"], bytes.len());
}

#[test]
fn an_upload_whose_metadata_call_failed_is_found_again_by_its_checksum() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = exports_copy(dir.path());
    let mock = MockUdata::start(KEY);
    // 1 GET, 2 POST dataset, 3 POST remote README.md, 4 upload of the first CSV, 5 its PUT: fails.
    mock.with(|s| {
        s.faults.insert(5, Fault::Status(400));
    });
    let first = run_with(&mock, &path, Some(KEY), &upload_options());
    assert!(error_text(&first).contains("400 Bad Request"));
    let stray = hosted(&mock);
    assert_eq!(stray.len(), 1);
    assert_eq!(
        stray[0]["title"], "congress_workshop_partners.csv",
        "titled by udata with its file name"
    );

    let second = run_with(&mock, &path, Some(KEY), &upload_options());
    assert!(second.result.is_ok(), "{}", second.output);
    let files = hosted(&mock);
    let titles: Vec<&str> = files.iter().map(|r| r["title"].as_str().unwrap()).collect();
    let mut unique = titles.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        unique.len(),
        titles.len(),
        "no file uploaded twice: {titles:?}"
    );
    assert!(
        titles.contains(&"csv/congress_workshop_partners.csv"),
        "{titles:?}"
    );
    assert!(
        second.output.contains("differs: title"),
        "{}",
        second.output
    );
}

#[test]
fn upload_refuses_an_export_that_datagouv_json_does_not_describe() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = exports_copy(dir.path());
    std::fs::write(dir.path().join("csv/items.csv"), "edited by hand\n").unwrap();
    let mock = MockUdata::start(KEY);
    let message = error_text(&run_with(&mock, &path, Some(KEY), &upload_options()));
    assert!(
        message.contains("items.csv is not the file datagouv.json describes"),
        "{message}"
    );
    assert!(mock.log().is_empty(), "nothing sent");
}

#[test]
fn a_dataset_named_but_absent_is_an_error_not_a_second_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = metadata(dir.path());
    let mock = MockUdata::start(KEY);
    let options = publish::Options {
        apply: true,
        dataset: Some("motions-du-congres-typo".into()),
        ..publish::Options::default()
    };
    let message = error_text(&run_with(&mock, &path, Some(KEY), &options));
    assert!(
        message.contains("no dataset motions-du-congres-typo at"),
        "{message}"
    );
    assert!(message.contains("(404)"), "{message}");
    assert!(mock.writes().is_empty());
    // Found by its id once created.
    assert!(run(&mock, &path, Some(KEY), true).result.is_ok());
    let id = mock.dataset().unwrap()["id"].as_str().unwrap().to_string();
    mock.clear_log();
    let by_id = publish::Options {
        apply: true,
        dataset: Some(id),
        ..publish::Options::default()
    };
    let rerun = run_with(&mock, &path, Some(KEY), &by_id);
    assert!(rerun.result.is_ok(), "{}", rerun.output);
    assert!(mock.writes().is_empty());
}
