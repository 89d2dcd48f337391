//! Hygiene: the security headers of every answer, a Swagger UI that still works under its
//! policy, and logs that say what was asked without keeping what people typed.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use awc::http::Method;
use congres_numerique::api::LogFormat;
use congres_numerique::api::limits::MAX_HEADERS;
use congres_numerique::api::security::{DATA_POLICY, HTML_POLICY};
use congres_numerique::api::telemetry::try_init_with;
use congres_numerique::site::SITE_POLICY;

use crate::helpers::{TestResponse, spawn_app};

fn assert_security_headers(response: &TestResponse, what: &str) {
    assert_eq!(
        response.header("x-content-type-options"),
        Some("nosniff"),
        "{what}"
    );
    assert_eq!(
        response.header("referrer-policy"),
        Some("no-referrer"),
        "{what}"
    );
    assert_eq!(response.header("x-frame-options"), Some("DENY"), "{what}");
    let html = response
        .header("content-type")
        .is_some_and(|t| t.starts_with("text/html"));
    let expected = match (response.status, html) {
        // A cache copies the headers of a 304 onto its stored answer: it must not replace the
        // policy of a cached HTML page by the data one.
        (304, _) => None,
        // The Swagger UI needs inline styles; the site's pages need nothing but their own.
        (_, true) if what.starts_with("swagger") => Some(HTML_POLICY),
        (_, true) => Some(SITE_POLICY),
        (_, false) => Some(DATA_POLICY),
    };
    assert_eq!(
        response.header("content-security-policy"),
        expected,
        "{what}"
    );
    // Nothing that identifies the software.
    for name in ["server", "x-powered-by"] {
        assert_eq!(response.header(name), None, "{what}: {name}");
    }
}

#[actix_web::test]
async fn every_answer_carries_the_security_headers_errors_included() {
    let app = spawn_app().await;
    let etag = app
        .get("/api/v1/items")
        .await
        .header("etag")
        .expect("etag")
        .to_string();
    let many_headers: Vec<(String, &str)> = (0..=MAX_HEADERS)
        .map(|i| (format!("x-field-{i}"), "1"))
        .collect();
    let many_headers: Vec<(&str, &str)> = many_headers
        .iter()
        .map(|(name, value)| (name.as_str(), *value))
        .collect();
    let long = format!("/api/v1/items?q={}", "a".repeat(9000));
    let cases: Vec<(&str, TestResponse)> = vec![
        ("json", app.get("/api/v1/items").await),
        ("csv", app.get("/api/v1/items?format=csv").await),
        ("ndjson", app.get("/api/v1/items?format=ndjson").await),
        (
            "304",
            app.get_with("/api/v1/items", &[("If-None-Match", &etag)])
                .await,
        ),
        ("400", app.get("/api/v1/items?page=0").await),
        ("404", app.get("/api/v1/nope").await),
        (
            "405",
            app.request(Method::DELETE, "/api/v1/items", &[]).await,
        ),
        (
            "406",
            app.get_with("/api/v1/items", &[("Accept", "application/xml")])
                .await,
        ),
        ("414", app.get(&long).await),
        ("431", app.get_with("/health", &many_headers).await),
        (
            "OPTIONS",
            app.request(Method::OPTIONS, "/api/v1/items", &[]).await,
        ),
        (
            "preflight",
            app.request(
                Method::OPTIONS,
                "/api/v1/items",
                &[
                    ("Origin", "https://reuser.example"),
                    ("Access-Control-Request-Method", "GET"),
                ],
            )
            .await,
        ),
        (
            "refused preflight",
            app.request(
                Method::OPTIONS,
                "/api/v1/items",
                &[
                    ("Origin", "https://reuser.example"),
                    ("Access-Control-Request-Method", "PUT"),
                ],
            )
            .await,
        ),
        (
            "HEAD",
            app.request(Method::HEAD, "/api/v1/items", &[]).await,
        ),
        ("file", app.get("/exports/csv/items.csv").await),
        (
            "range",
            app.get_with("/exports/csv/items.csv", &[("Range", "bytes=0-1")])
                .await,
        ),
        (
            "416",
            app.get_with("/exports/csv/items.csv", &[("Range", "bytes=9999-")])
                .await,
        ),
        ("swagger html", app.get("/swagger-ui/").await),
        (
            "swagger js",
            app.get("/swagger-ui/swagger-ui-bundle.js").await,
        ),
        (
            "entity html",
            app.get_with("/id/item/2021-axis-1.1", &[("Accept", "text/html")])
                .await,
        ),
        ("openapi", app.get("/openapi.json").await),
    ];
    for (what, response) in &cases {
        assert_security_headers(response, what);
    }
    // The HTML answers really are HTML, so the test covers both policies.
    assert!(
        cases
            .iter()
            .filter(|(_, r)| {
                let policy = r.header("content-security-policy");
                policy == Some(HTML_POLICY) || policy == Some(SITE_POLICY)
            })
            .count()
            >= 2
    );
}

#[actix_web::test]
async fn the_swagger_ui_loads_every_asset_under_its_policy() {
    let app = spawn_app().await;
    let page = app.get("/swagger-ui/").await;
    assert_eq!(page.header("content-security-policy"), Some(HTML_POLICY));
    // The policy allows scripts from this origin only: every script must be a file, none inline.
    let html = page.text();
    let script_tags: Vec<&str> = html.split("<script").skip(1).collect();
    assert!(!script_tags.is_empty());
    for tag in &script_tags {
        let opening = tag.split('>').next().unwrap_or_default();
        assert!(opening.contains("src="), "inline script: {tag}");
    }
    let script_src = HTML_POLICY
        .split(';')
        .find(|d| d.trim().starts_with("script-src"))
        .expect("a script-src");
    assert!(!script_src.contains("unsafe"), "{script_src}");
    // Every asset the page names is served from this origin.
    let assets: Vec<String> = html
        .split(['"', '\''])
        .filter(|s| s.ends_with(".js") || s.ends_with(".css") || s.ends_with(".png"))
        .map(|s| s.trim_start_matches("./").to_string())
        .collect();
    assert!(
        assets.iter().any(|a| a.ends_with("swagger-ui-bundle.js")),
        "{assets:?}"
    );
    for asset in &assets {
        assert!(!asset.contains("://"), "an asset from elsewhere: {asset}");
        let response = app.get(&format!("/swagger-ui/{asset}")).await;
        assert_eq!(response.status, 200, "{asset}");
    }
    // The document it fetches is on this origin too (connect-src 'self').
    let initializer = app.get("/swagger-ui/swagger-initializer.js").await.text();
    assert!(initializer.contains("\"/openapi.json\""));
}

/// Log lines written by the test binary's global subscriber (installed once, for every test).
fn captured_logs() -> Arc<Mutex<Vec<u8>>> {
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let sink = buffer.clone();
        try_init_with(LogFormat::Json, move || SharedWriter(sink.clone()), false)
            .expect("no other global subscriber in the API tests");
        buffer
    })
    .clone()
}

struct SharedWriter(Arc<Mutex<Vec<u8>>>);

impl Write for SharedWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .map_err(|_| std::io::Error::other("poisoned"))?
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[actix_web::test]
async fn request_logs_say_what_was_asked_but_keep_no_query_and_no_credentials() {
    let logs = captured_logs();
    let app = spawn_app().await;
    // A path of its own, so that this test finds its line among those of the others.
    let path = "/api/v1/items/log-test-7f3a";
    let response = app
        .get_with(
            &format!("{path}?q=Jeanne+Dupont+06+12+34+56+78"),
            &[
                ("Authorization", "Bearer secret-token-41"),
                ("Cookie", "session=secret-cookie-42"),
                ("X-Forwarded-For", "203.0.113.9"),
            ],
        )
        .await;
    let text = String::from_utf8(logs.lock().expect("logs").clone()).expect("UTF-8 logs");
    let line: serde_json::Value = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find(|l| l["path"] == path)
        .unwrap_or_else(|| panic!("no log line for {path}:\n{text}"));
    assert_eq!(line["method"], "GET");
    assert_eq!(line["status"], response.status);
    assert!(line["latency_ms"].as_str().is_some(), "{line}");
    for secret in [
        "Jeanne",
        "Dupont",
        "06+12",
        "secret-token-41",
        "secret-cookie-42",
        "203.0.113.9",
    ] {
        assert!(!text.contains(secret), "{secret} logged:\n{text}");
    }
}
