//! The test application: the real service on a free port, spoken to over HTTP.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use awc::http::Method;
use congres_numerique::api::{Application, Limits, Settings};
use congres_numerique::corpus::Corpus;
use serde_json::Value;

/// The bundled seeds.
pub fn seeds() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// The corpus is loaded once for the whole test binary; each test still gets its own server.
fn corpus() -> Arc<Corpus> {
    static CORPUS: OnceLock<Arc<Corpus>> = OnceLock::new();
    CORPUS
        .get_or_init(|| {
            // Dated by the repository's releases, as the service dates it.
            let releases = seeds().with_file_name("releases");
            Arc::new(
                congres_numerique::api::dated_corpus(&seeds(), &releases)
                    .expect("the bundled corpus is valid"),
            )
        })
        .clone()
}

pub struct TestApp {
    /// `http://127.0.0.1:{port}`: also the base of every IRI and link the app returns.
    pub base: String,
    client: awc::Client,
    /// Exports directory of this app, removed when the test ends.
    pub exports: tempfile::TempDir,
}

/// A response read whole.
pub struct TestResponse {
    pub status: u16,
    pub headers: awc::http::header::HeaderMap,
    pub body: Vec<u8>,
}

impl TestResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("UTF-8 body")
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    /// Asserts a problem detail with this status and returns its body.
    pub fn problem(&self, status: u16) -> Value {
        assert_eq!(
            self.status,
            status,
            "{}",
            String::from_utf8_lossy(&self.body)
        );
        assert_eq!(
            self.header("content-type"),
            Some("application/problem+json")
        );
        let problem = self.json();
        assert_eq!(problem["status"], status);
        assert_eq!(problem["type"], "about:blank");
        assert!(problem["title"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(problem["detail"].as_str().is_some_and(|d| !d.is_empty()));
        assert!(
            problem["instance"]
                .as_str()
                .is_some_and(|i| i.starts_with('/'))
        );
        problem
    }
}

/// Starts the application on port 0 with an exports directory holding a few files.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(Limits::default()).await
}

/// A published file as `app` serves it: the published base replaced by the app's.
pub fn rebased(app: &TestApp, bytes: &[u8]) -> Vec<u8> {
    let published = congres_numerique::publication::Publication::load(&seeds())
        .expect("publication.toml")
        .base_url;
    String::from_utf8(bytes.to_vec())
        .expect("a text file")
        .replace(&published, &app.base)
        .into_bytes()
}

/// [`spawn_app`] serving a copy of the whole committed publication (`exports/`).
pub async fn spawn_app_with_published_exports() -> TestApp {
    let app = spawn_app().await;
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("exports"),
        app.exports.path(),
    );
    app
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            std::fs::create_dir_all(&target).expect("create dir");
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// [`spawn_app`] with other connection limits and timeouts.
pub async fn spawn_app_with(limits: Limits) -> TestApp {
    let exports = tempfile::tempdir().expect("temporary directory");
    let files: [(&str, &str); 4] = [
        ("README.md", "# Exports\n"),
        ("csv/items.csv", "id,text\n2021-axis-1.1,données\n"),
        (
            "rdf/corpus.ttl",
            "<http://x.test/a> <http://x.test/b> \"c\" .\n",
        ),
        ("SHA256SUMS", "0000  README.md\n"),
    ];
    for (path, content) in files {
        let full = exports.path().join(path);
        std::fs::create_dir_all(full.parent().expect("a parent")).expect("create dir");
        std::fs::write(full, content).expect("write file");
    }
    // The published catalogue, so that /catalog answers as it does in production.
    let published = Path::new(env!("CARGO_MANIFEST_DIR")).join("exports");
    for name in ["catalog.ttl", "catalog.jsonld", "catalog.rdf"] {
        std::fs::copy(published.join(name), exports.path().join(name)).expect("copy catalogue");
    }
    let settings = Settings {
        bind: "127.0.0.1:0".to_string(),
        base_url: None,
        seeds: seeds(),
        exports: exports.path().to_path_buf(),
        schemas: seeds().with_file_name("schemas"),
        releases: seeds().with_file_name("releases"),
        workers: Some(1),
        limits,
    };
    let app = Application::build_with(settings, corpus())
        .await
        .expect("the application starts");
    let base = app.base_url().to_string();
    actix_web::rt::spawn(app.run_until_stopped());
    TestApp {
        base,
        client: awc::Client::builder().disable_redirects().finish(),
        exports,
    }
}

impl TestApp {
    pub async fn get(&self, path: &str) -> TestResponse {
        self.request(Method::GET, path, &[]).await
    }

    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> TestResponse {
        self.request(Method::GET, path, headers).await
    }

    pub async fn request(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
    ) -> TestResponse {
        let url = if path.starts_with("http") {
            path.to_string()
        } else {
            format!("{}{path}", self.base)
        };
        let mut request = self.client.request(method, &url);
        for (name, value) in headers {
            request = request.insert_header((*name, *value));
        }
        let mut response = request.send().await.expect("the request is answered");
        let body = response
            .body()
            .limit(32 * 1024 * 1024)
            .await
            .expect("the body is read");
        TestResponse {
            status: response.status().as_u16(),
            headers: response.headers().clone(),
            body: body.to_vec(),
        }
    }
}

/// The ids of the `data` array of a list page.
pub fn ids(page: &Value) -> Vec<String> {
    page["data"]
        .as_array()
        .expect("a data array")
        .iter()
        .map(|row| row["id"].as_str().expect("an id").to_string())
        .collect()
}
