//! What every answer shares: validators, HEAD, CORS, nosniff, compression.

use awc::http::Method;

use crate::helpers::spawn_app;

/// One URL of each kind of answer.
const PATHS: [&str; 7] = [
    "/api/v1/items?congress=2021",
    "/api/v1/items?format=ndjson",
    "/api/v1/motions/2021",
    "/openapi.json",
    "/swagger-ui/",
    "/exports/csv/items.csv",
    "/api/v1/search?q=donn%C3%A9es",
];

#[actix_web::test]
async fn every_answer_has_a_strong_etag_and_a_matching_if_none_match_gives_304() {
    let app = spawn_app().await;
    for path in PATHS.into_iter().filter(|p| !p.starts_with("/swagger-ui")) {
        let first = app.get(path).await;
        let etag = first
            .header("etag")
            .unwrap_or_else(|| panic!("{path}: ETag"))
            .to_string();
        assert!(
            etag.starts_with('"'),
            "{path}: strong validator, got {etag}"
        );
        assert!(first.header("cache-control").is_some(), "{path}");
        let again = app.get_with(path, &[("If-None-Match", &etag)]).await;
        assert_eq!(again.status, 304, "{path}");
        assert!(again.body.is_empty());
        assert_eq!(again.header("etag"), Some(etag.as_str()), "{path}");
        let other = app
            .get_with(path, &[("If-None-Match", "\"something-else\"")])
            .await;
        assert_eq!(other.status, 200, "{path}");
    }
}

#[actix_web::test]
async fn the_etag_changes_with_the_content() {
    let app = spawn_app().await;
    let a = app.get("/api/v1/items?page=1").await;
    let b = app.get("/api/v1/items?page=2").await;
    let c = app.get("/api/v1/items?page=1&format=csv").await;
    assert_ne!(a.header("etag"), b.header("etag"));
    assert_ne!(a.header("etag"), c.header("etag"));
    assert_eq!(
        a.header("etag"),
        app.get("/api/v1/items").await.header("etag")
    );
}

#[actix_web::test]
async fn head_answers_like_get_without_a_body() {
    let app = spawn_app().await;
    for path in PATHS.into_iter().chain(["/api/v1/nope", "/"]) {
        let get = app.get(path).await;
        let head = app.request(Method::HEAD, path, &[]).await;
        assert_eq!(head.status, get.status, "{path}");
        assert!(head.body.is_empty(), "{path}");
        assert_eq!(
            head.header("content-type"),
            get.header("content-type"),
            "{path}"
        );
        assert_eq!(head.header("etag"), get.header("etag"), "{path}");
    }
}

#[actix_web::test]
async fn every_answer_is_marked_nosniff_even_errors() {
    let app = spawn_app().await;
    for path in PATHS
        .into_iter()
        .chain(["/api/v1/nope", "/api/v1/items?x=1"])
    {
        let response = app.get(path).await;
        assert_eq!(
            response.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
    }
}

#[actix_web::test]
async fn cross_origin_reads_are_allowed_and_the_page_headers_exposed() {
    let app = spawn_app().await;
    let response = app
        .get_with("/api/v1/items", &[("Origin", "https://reuser.example")])
        .await;
    assert_eq!(response.header("access-control-allow-origin"), Some("*"));
    let exposed = response
        .header("access-control-expose-headers")
        .expect("exposed headers")
        .to_lowercase();
    for name in ["link", "etag", "x-total-count"] {
        assert!(exposed.contains(name), "{exposed}");
    }
    // The same answer without `Origin`: the response cache and the reverse proxy give one copy
    // of a target to every client, so it must be readable cross-origin whoever asked first.
    let plain = app.get("/api/v1/items?page_size=3").await;
    let cross = app
        .get_with(
            "/api/v1/items?page_size=3",
            &[("Origin", "https://reuser.example")],
        )
        .await;
    for answer in [&plain, &cross] {
        assert_eq!(answer.header("access-control-allow-origin"), Some("*"));
        assert!(answer.header("access-control-expose-headers").is_some());
    }
    let preflight = app
        .request(
            Method::OPTIONS,
            "/api/v1/items",
            &[
                ("Origin", "https://reuser.example"),
                ("Access-Control-Request-Method", "GET"),
            ],
        )
        .await;
    assert_eq!(preflight.status, 200);
    assert!(
        preflight
            .header("access-control-allow-methods")
            .is_some_and(|m| m.contains("GET"))
    );
}

#[actix_web::test]
async fn compressed_answers_get_their_own_strong_etag_which_validates() {
    let app = spawn_app().await;
    let plain = app.get("/api/v1/items").await;
    let gzip = app
        .get_with("/api/v1/items", &[("Accept-Encoding", "gzip")])
        .await;
    assert_eq!(gzip.header("content-encoding"), Some("gzip"));
    assert!(gzip.body.len() < plain.body.len());
    let etag = gzip.header("etag").expect("etag").to_string();
    let plain_etag = plain.header("etag").expect("etag");
    assert_eq!(etag, format!("{}-gzip\"", plain_etag.trim_end_matches('"')));
    let again = app
        .get_with(
            "/api/v1/items",
            &[("Accept-Encoding", "gzip"), ("If-None-Match", &etag)],
        )
        .await;
    assert_eq!(again.status, 304);
    assert_eq!(again.header("etag"), Some(etag.as_str()));
    let brotli = app
        .get_with("/api/v1/items", &[("Accept-Encoding", "br")])
        .await;
    assert_eq!(brotli.header("content-encoding"), Some("br"));
}

/// The response cache keeps one copy per representation: asked again in any order, each client
/// gets the bytes, coding and validator of its own variant, never another client's.
#[actix_web::test]
async fn stored_answers_are_given_only_to_the_requests_they_fit() {
    let app = spawn_app().await;
    let path = "/api/v1/items?page_size=3";
    let variants: [&[(&str, &str)]; 4] = [
        &[],
        &[("Accept-Encoding", "gzip")],
        &[("Accept", "text/csv")],
        &[("Accept", "text/csv"), ("Accept-Encoding", "br")],
    ];
    let mut first = Vec::new();
    for headers in variants {
        first.push(app.get_with(path, headers).await);
    }
    for round in 0..2 {
        for (headers, expected) in variants.iter().zip(&first).rev() {
            let again = app.get_with(path, headers).await;
            assert_eq!(again.status, 200, "{headers:?} round {round}");
            assert_eq!(again.body, expected.body, "{headers:?}");
            for name in ["etag", "content-type", "content-encoding"] {
                assert_eq!(
                    again.header(name),
                    expected.header(name),
                    "{headers:?} {name}"
                );
            }
        }
    }
    assert_eq!(first[0].header("content-encoding"), None);
    assert_eq!(first[1].header("content-encoding"), Some("gzip"));
    assert!(
        first[2]
            .header("content-type")
            .unwrap()
            .starts_with("text/csv")
    );
    assert_eq!(first[3].header("content-encoding"), Some("br"));
    // Every answer says it varies with Accept-Encoding, compressed or not, so that a shared
    // cache never hands the uncompressed copy to a client that accepts gzip.
    let vary = |r: &crate::helpers::TestResponse| {
        r.headers
            .get_all("vary")
            .filter_map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
            .join(",")
            .to_lowercase()
    };
    assert!(
        vary(&first[0]).contains("accept-encoding"),
        "{}",
        vary(&first[0])
    );
}
