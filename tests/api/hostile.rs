//! A hostile afternoon: what scanners, broken clients and careless scripts send, and what they
//! get back. Every answer is a 4xx problem detail that names what is wrong, never a 5xx, never a
//! file from outside the published directories, and the service keeps answering.

use awc::http::Method;
use congres_numerique::api::limits::{MAX_HEADER_BYTES, MAX_HEADERS, MAX_URI_BYTES};
use congres_numerique::api::pagination::{MAX_PAGE, MAX_PAGE_SIZE};
use tokio::io::AsyncWriteExt;

use crate::helpers::{TestApp, spawn_app};
use crate::raw;

/// `name=value` with the value percent-encoded as a form would.
fn pair(name: &str, value: &str) -> String {
    serde_urlencoded::to_string([(name, value)]).expect("strings encode")
}

async fn assert_still_serving(app: &TestApp) {
    assert_eq!(app.get("/health").await.status, 200);
}

#[actix_web::test]
async fn malformed_percent_encoding_in_the_query_is_a_400_naming_the_parameter() {
    let app = spawn_app().await;
    for (query, name) in [
        ("q=%ZZ", "q"),
        ("q=%", "q"),
        ("q=donn%C3", "q"),
        // Escapes that decode to bytes which are not UTF-8: a truncated sequence, Latin-1.
        ("q=%C3%28", "q"),
        ("congress=2021&theme=%E9ducation", "theme"),
        ("page=%FF", "page"),
        // The name itself can be malformed too.
        ("%ZZ=1", "%ZZ"),
    ] {
        let response = raw::get(&app.base, &format!("/api/v1/items?{query}"), &[]).await;
        let problem = response.problem(400);
        assert_eq!(problem["invalid_params"][0]["name"], name, "{query}");
        // Never a value quietly decoded into something the client did not type.
        let detail = problem["detail"].as_str().expect("detail");
        assert!(!detail.contains('\u{FFFD}'), "{query}: {detail}");
    }
    assert_still_serving(&app).await;
}

#[actix_web::test]
async fn malformed_percent_encoding_in_a_path_is_a_400_naming_the_segment() {
    let app = spawn_app().await;
    for (path, name) in [
        ("/api/v1/items/%C3%28", "id"),
        ("/api/v1/motions/%ZZ", "id"),
        ("/api/v1/themes/%E9ducation", "id"),
        ("/exports/csv/%FF.csv", "path"),
        ("/id/item/%C3%28", "key"),
    ] {
        let problem = raw::get(&app.base, path, &[]).await.problem(400);
        assert_eq!(problem["invalid_params"][0]["name"], name, "{path}");
        let detail = problem["detail"].as_str().expect("detail");
        assert!(!detail.contains('\u{FFFD}'), "{path}: {detail}");
    }
    // A path no route serves is a 404, whatever its encoding.
    raw::get(&app.base, "/nowhere/%C3%28", &[])
        .await
        .problem(404);
    // Well-formed escapes are decoded as usual.
    assert_eq!(app.get("/api/v1/items/2021-axis-1%2E1").await.status, 200);
}

#[actix_web::test]
async fn absurd_page_numbers_and_sizes_are_a_400_stating_the_allowed_range() {
    let app = spawn_app().await;
    let values = [
        "-1",
        "0",
        "99999999999999999999",
        "1e3",
        "",
        "1.5",
        "+1",
        " 1",
        "0x10",
        "１", // a full-width digit
        "NaN",
    ];
    for (name, maximum) in [("page", MAX_PAGE), ("page_size", MAX_PAGE_SIZE)] {
        for value in values {
            let query = pair(name, value);
            for path in ["/api/v1/items", "/api/v1/search?q=donn%C3%A9es&"] {
                let separator = if path.ends_with('&') { "" } else { "?" };
                let url = format!("{path}{separator}{query}");
                let problem = app.get(&url).await.problem(400);
                let param = &problem["invalid_params"][0];
                assert_eq!(param["name"], name, "{url}");
                assert_eq!(param["minimum"], 1, "{url}");
                assert_eq!(param["maximum"], maximum, "{url}");
                let detail = problem["detail"].as_str().expect("detail");
                assert!(
                    detail.contains(&format!("entre 1 et {maximum}")),
                    "{detail}"
                );
            }
        }
    }
    // The bounds themselves are accepted; past the last page the list is empty.
    let last = app
        .get(&format!(
            "/api/v1/items?page={MAX_PAGE}&page_size={MAX_PAGE_SIZE}"
        ))
        .await;
    assert_eq!(last.status, 200);
    assert_eq!(last.json()["data"], serde_json::json!([]));
}

#[actix_web::test]
async fn unknown_parameters_are_a_400_even_in_disguise() {
    let app = spawn_app().await;
    for (query, name) in [
        ("PAGE=2", "PAGE"),
        ("page[]=2", "page[]"),
        ("=1", ""),
        ("utm_source=newsletter", "utm_source"),
        ("callback=alert", "callback"),
        ("format=csv&_=1700000000", "_"),
    ] {
        let problem = raw::get(&app.base, &format!("/api/v1/items?{query}"), &[])
            .await
            .problem(400);
        assert_eq!(problem["invalid_params"][0]["name"], name, "{query}");
    }
    // `;` separates nothing: the whole rest is the value of `page`, which is not a number.
    let problem = app
        .get("/api/v1/items?page=1;page_size=5")
        .await
        .problem(400);
    assert_eq!(problem["invalid_params"][0]["name"], "page");
    // An encoded name is decoded like a value: `pag%65` is `page`.
    let page = app.get("/api/v1/items?pag%65=2").await;
    assert_eq!(page.json()["page"], 2);
}

#[actix_web::test]
async fn a_very_long_address_is_a_414_and_one_past_every_buffer_a_bare_431() {
    let app = spawn_app().await;
    let prefix = "/api/v1/items?q=";
    let problem = app
        .get(&format!("{prefix}{}", "a".repeat(MAX_URI_BYTES)))
        .await
        .problem(414);
    // The problem does not echo the whole address back.
    assert!(problem["instance"].as_str().expect("instance").len() <= 1024);
    // At the limit the address is read, then judged on its merits: a search of 500 characters
    // at most.
    let fits = format!("{prefix}{}", "a".repeat(MAX_URI_BYTES - prefix.len()));
    let problem = app.get(&fits).await.problem(400);
    assert_eq!(problem["invalid_params"][0]["name"], "q");
    // Past actix-http's 128 KiB buffer the request never reaches the application: a 431 without
    // a body, and the connection is closed.
    let huge = raw::get(
        &app.base,
        &format!("{prefix}{}", "a".repeat(200 * 1024)),
        &[],
    )
    .await;
    assert_eq!(huge.status, 431);
    assert_still_serving(&app).await;
}

#[actix_web::test]
async fn too_many_or_too_large_header_fields_are_a_431() {
    let app = spawn_app().await;
    let many: Vec<String> = (0..=MAX_HEADERS)
        .map(|i| format!("X-Field-{i}: 1"))
        .collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    let problem = raw::get(&app.base, "/health", &many).await.problem(431);
    assert!(
        problem["detail"]
            .as_str()
            .expect("detail")
            .contains(&MAX_HEADERS.to_string())
    );
    let large = format!("Cookie: session={}", "a".repeat(MAX_HEADER_BYTES));
    raw::get(&app.base, "/health", &[&large]).await.problem(431);
    // Over 96 fields actix-http refuses the request itself, without a body.
    let lots: Vec<String> = (0..100).map(|i| format!("X-Field-{i}: 1")).collect();
    let lots: Vec<&str> = lots.iter().map(String::as_str).collect();
    assert_eq!(raw::get(&app.base, "/health", &lots).await.status, 431);
    assert_still_serving(&app).await;
}

#[actix_web::test]
async fn nothing_outside_the_published_directories_is_ever_served() {
    let app = spawn_app().await;
    // A secret beside the exports, and symbolic links inside them that point to it.
    let outside = tempfile::tempdir().expect("temporary directory");
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, "SECRET-OUTSIDE-THE-EXPORTS").expect("write");
    let exports = app.exports.path();
    std::os::unix::fs::symlink(&secret, exports.join("leak.txt")).expect("symlink");
    std::os::unix::fs::symlink(outside.path(), exports.join("leakdir")).expect("symlink");
    // A link that stays inside is fine.
    std::os::unix::fs::symlink("../README.md", exports.join("csv/readme.md")).expect("symlink");

    let absolute = format!("/exports/{}", secret.display());
    let targets = [
        "/exports/../Cargo.toml",
        "/exports/csv/../../Cargo.toml",
        "/exports/./README.md",
        "/exports/%2e%2e/Cargo.toml",
        "/exports/%2E%2E%2FCargo.toml",
        "/exports/..%2fCargo.toml",
        "/exports/csv%2f..%2f..%2fCargo.toml",
        "/exports/%252e%252e%252fCargo.toml",
        "/exports/..%5cCargo.toml",
        "/exports/..\\Cargo.toml",
        "/exports//etc/passwd",
        "/exports/%2fetc%2fpasswd",
        "/exports/C:%5cWindows%5cwin.ini",
        "/exports/README.md%00.csv",
        "/exports/leak.txt",
        "/exports/leakdir/secret.txt",
        absolute.as_str(),
        // The same through the absolute form of the request target.
        "http://evil.example/exports/../Cargo.toml",
        // The schemas are served the same way, from a directory beside Cargo.toml.
        "/schemas/../Cargo.toml",
        "/schemas/%2e%2e/Cargo.toml",
        "/schemas/..%2fCargo.toml",
    ];
    for target in targets {
        let response = raw::get(&app.base, target, &[]).await;
        assert!(
            response.status == 404 || response.status == 400,
            "{target}: {}",
            response.head
        );
        assert!(response.is_problem(), "{target}");
        let body = String::from_utf8_lossy(&response.body);
        for leaked in ["SECRET-OUTSIDE", "[package]", "root:"] {
            assert!(!body.contains(leaked), "{target}: {body}");
        }
    }
    // Links out are not listed either; the one that stays inside is served.
    let listed = app.get("/api/v1/exports").await.text();
    assert!(!listed.contains("leak"), "{listed}");
    assert_eq!(app.get("/exports/csv/readme.md").await.body, b"# Exports\n");
}

#[actix_web::test]
async fn only_get_head_and_options_are_accepted_and_the_rest_is_a_405_with_allow() {
    let app = spawn_app().await;
    let paths = [
        "/",
        "/api/v1/items",
        "/api/v1/motions/2021",
        "/exports/README.md",
        "/openapi.json",
        "/swagger-ui/",
        "/id/item/2021-axis-1.1",
    ];
    let methods = [
        Method::POST,
        Method::PUT,
        Method::DELETE,
        Method::PATCH,
        Method::TRACE,
        Method::from_bytes(b"PROPFIND").expect("a method"),
        Method::from_bytes(b"FOO").expect("a method"),
    ];
    for path in paths {
        for method in methods.clone() {
            let response = app.request(method.clone(), path, &[]).await;
            response.problem(405);
            assert_eq!(
                response.header("allow"),
                Some("GET, HEAD, OPTIONS"),
                "{method} {path}"
            );
        }
        // OPTIONS lists the methods, without a body.
        let options = app.request(Method::OPTIONS, path, &[]).await;
        assert_eq!(options.status, 204, "{path}");
        assert_eq!(options.header("allow"), Some("GET, HEAD, OPTIONS"));
        assert!(options.body.is_empty());
    }
    // A path that does not exist is a 404 whatever the method: there is nothing to allow.
    app.request(Method::POST, "/api/v1/nope", &[])
        .await
        .problem(404);
    // `OPTIONS *` asks about the server as a whole.
    let server = raw::send(
        &app.base,
        b"OPTIONS * HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n",
    )
    .await;
    assert_eq!(server.status, 204);
    assert_eq!(server.header("allow"), Some("GET, HEAD, OPTIONS"));
}

#[actix_web::test]
async fn cors_preflights_allow_reading_and_refuse_writing_as_a_problem() {
    let app = spawn_app().await;
    let preflight = |method: &'static str| {
        [
            ("Origin", "https://reuser.example"),
            ("Access-Control-Request-Method", method),
            ("Access-Control-Request-Headers", "if-none-match"),
        ]
    };
    let allowed = app
        .request(Method::OPTIONS, "/api/v1/items", &preflight("GET"))
        .await;
    assert_eq!(allowed.status, 200);
    assert_eq!(allowed.header("access-control-allow-origin"), Some("*"));
    let refused = app
        .request(Method::OPTIONS, "/api/v1/items", &preflight("DELETE"))
        .await;
    let problem = refused.problem(400);
    assert!(problem["detail"].as_str().expect("detail").contains("CORS"));
}

#[actix_web::test]
async fn a_body_on_get_or_head_is_refused_rather_than_silently_ignored() {
    let app = spawn_app().await;
    // A client that puts its filter in a JSON body would otherwise get the unfiltered list.
    let body = r#"{"congress":"2021"}"#;
    let with_length = format!(
        "GET /api/v1/items HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let problem = raw::send(&app.base, with_length.as_bytes())
        .await
        .problem(400);
    assert!(
        problem["detail"]
            .as_str()
            .expect("detail")
            .contains("chaîne de requête")
    );
    let chunked = "GET /api/v1/items HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n";
    raw::send(&app.base, chunked.as_bytes()).await.problem(400);
    let head = format!(
        "HEAD /health HTTP/1.1\r\nHost: test\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let response = raw::send(&app.base, head.as_bytes()).await;
    assert_eq!(response.status, 400);
    assert!(response.body.is_empty());
    // An empty body, as some clients announce on every request, is no body.
    let empty = raw::get(&app.base, "/health", &["Content-Length: 0"]).await;
    assert_eq!(empty.status, 200);
}

#[actix_web::test]
async fn contradictory_duplicated_or_garbled_accept_headers_get_a_deterministic_answer() {
    let app = spawn_app().await;
    let long: String = (0..1000).map(|i| format!("x/y{i};q=0.1, ")).collect();
    // (Accept, status, content type of the answer)
    let cases: [(&str, u16, &str); 10] = [
        // A refusal and an acceptance of the same type: the refusal wins, in either order.
        ("text/csv;q=0, text/csv", 406, "application/problem+json"),
        ("text/csv, text/csv;q=0", 406, "application/problem+json"),
        (
            "text/csv, text/csv;q=0, application/json",
            200,
            "application/json",
        ),
        ("text/csv, text/csv", 200, "text/csv"),
        // Equal qualities: the service's order (JSON, CSV, JSON Lines).
        (
            "application/x-ndjson;q=0.5, text/csv;q=0.5",
            200,
            "text/csv",
        ),
        ("*/*;q=0", 406, "application/problem+json"),
        // An Accept that cannot be parsed is ignored (RFC 9110 §12.5.1): JSON.
        (";;;,,,", 200, "application/json"),
        ("text/csv;q=abc", 200, "application/json"),
        ("application/json;q=2", 200, "application/json"),
        (long.as_str(), 406, "application/problem+json"),
    ];
    for (accept, status, media_type) in cases {
        let first = app.get_with("/api/v1/items", &[("Accept", accept)]).await;
        let again = app.get_with("/api/v1/items", &[("Accept", accept)]).await;
        assert_eq!(first.status, status, "{accept}");
        assert!(
            first
                .header("content-type")
                .is_some_and(|t| t.starts_with(media_type)),
            "{accept}: {:?}",
            first.header("content-type")
        );
        assert_eq!(first.body, again.body, "{accept}");
        assert_eq!(first.header("vary"), Some("Accept"), "{accept}");
    }
    // Two Accept fields read as one list.
    let split = raw::get(
        &app.base,
        "/api/v1/items",
        &["Accept: text/csv;q=0", "Accept: text/csv"],
    )
    .await;
    assert_eq!(split.status, 406);
}

/// Requests nobody should send, each answered without a 5xx; the service still serves after.
#[actix_web::test]
async fn a_hostile_afternoon_of_probing_finds_no_server_error() {
    let app = spawn_app().await;
    let close = "Connection: close";
    let requests: Vec<Vec<u8>> = [
        "GET * HTTP/1.1\r\nHost: t\r\n",
        "GET /api/v1/items HTTP/1.0\r\n",
        "GET /api/v1/items HTTP/9.9\r\nHost: t\r\n",
        "GET /%00 HTTP/1.1\r\nHost: t\r\n",
        "GET /api/v1/items?page=%00 HTTP/1.1\r\nHost: t\r\n",
        "GET /health HTTP/1.1\r\nHost: t\r\nContent-Length: -1\r\n",
        "GET /health HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n",
        "GET /api/v1/items HTTP/1.1\r\nHost: t\r\nHost: u\r\n",
        "GET /api/v1/items HTTP/1.1\r\nHost: t\r\nX-Bad\x01: 1\r\n",
        "GET /api/v1/items HTTP/1.1\r\nHost: t\r\nIf-None-Match: \"\r\n",
        "GET /api/v1/items HTTP/1.1\r\nHost: t\r\nIf-None-Match: *, W/, \"a\"-gzip\"\r\n",
        "GET /api/v1/items HTTP/1.1\r\nHost: t\r\nAccept-Encoding: identity;q=0\r\n",
        "GET /api/v1/items HTTP/1.1\r\nHost: t\r\nAccept-Encoding: gzip;q=abc, br;q=-1\r\n",
        "GET /exports/README.md HTTP/1.1\r\nHost: t\r\nRange: bytes=99999-\r\n",
        "GET /exports/README.md HTTP/1.1\r\nHost: t\r\nRange: bytes=-0\r\n",
        "GET /exports/README.md HTTP/1.1\r\nHost: t\r\nRange: garbage\r\n",
        "GET /exports/README.md HTTP/1.1\r\nHost: t\r\nIf-Modified-Since: yesterday\r\n",
        "GET /api/v1/search?q=%22%22%22*(:~^AND%20OR%20NOT HTTP/1.1\r\nHost: t\r\n",
        "GET /api/v1/search?q=%5B%7B%7D%5D%20title:x HTTP/1.1\r\nHost: t\r\n",
        "GET /api/v1/items?q=%E2%80%8B HTTP/1.1\r\nHost: t\r\n",
        "GET /api/v1/items?theme=../../etc HTTP/1.1\r\nHost: t\r\n",
        "GET /id/../../Cargo.toml HTTP/1.1\r\nHost: t\r\n",
        "GET /id/item/2021-axis-1.1.exe HTTP/1.1\r\nHost: t\r\n",
        "GET /catalog.%00 HTTP/1.1\r\nHost: t\r\n",
        "CONNECT 127.0.0.1:80 HTTP/1.1\r\nHost: t\r\n",
        "GET /api/v1/items?q=\u{e9} HTTP/1.1\r\nHost: t\r\n",
    ]
    .iter()
    .map(|head| format!("{head}{close}\r\n\r\n").into_bytes())
    .chain([
        // Ranges by the hundred: one range is served, not a multiplied body.
        format!(
            "GET /exports/README.md HTTP/1.1\r\nHost: t\r\nRange: bytes={}\r\n{close}\r\n\r\n",
            vec!["0-0"; 500].join(",")
        )
        .into_bytes(),
        // Raw bytes that are not UTF-8 in the request target.
        b"GET /api/v1/items/\xff HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".to_vec(),
        // A request line of nothing but garbage.
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n".to_vec(),
    ])
    .collect();
    for request in &requests {
        let mut stream = raw::connect(&app.base).await;
        // The server may close before reading everything: what matters is what it answers.
        let _ = stream.write_all(request).await;
        let mut bytes = Vec::new();
        actix_web::rt::time::timeout(raw::PATIENCE, raw::read_to_close(&mut stream, &mut bytes))
            .await
            .expect("the server answers or closes");
        if bytes.is_empty() {
            continue; // closed without an answer: not an error of the service
        }
        let response = raw::parse(&bytes);
        assert!(
            response.status < 500,
            "{:?}: {}",
            String::from_utf8_lossy(request),
            response.head
        );
    }
    assert_still_serving(&app).await;
}
