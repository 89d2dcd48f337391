//! `/exports/{path}` and `/api/v1/exports`.

use sha2::{Digest, Sha256};

use crate::helpers::spawn_app;

#[actix_web::test]
async fn the_list_gives_each_file_its_size_checksum_media_type_and_url() {
    let app = spawn_app().await;
    let list = app.get("/api/v1/exports").await.json();
    let files = list["data"].as_array().expect("data");
    let paths: Vec<&str> = files.iter().filter_map(|f| f["path"].as_str()).collect();
    assert_eq!(
        paths,
        [
            "README.md",
            "SHA256SUMS",
            "catalog.jsonld",
            "catalog.rdf",
            "catalog.ttl",
            "csv/items.csv",
            "rdf/corpus.ttl"
        ]
    );
    for file in files {
        let path = file["path"].as_str().expect("path");
        let bytes = std::fs::read(app.exports.path().join(path)).expect("the file exists");
        // Served with this service's base in place of the published one.
        let bytes = crate::helpers::rebased(&app, &bytes);
        let sha: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(file["sha256"], sha.as_str(), "{path}");
        assert_eq!(file["size"], bytes.len(), "{path}");
        let downloaded = app.get(file["url"].as_str().expect("url")).await;
        assert_eq!(downloaded.body, bytes, "{path}");
        assert_eq!(
            downloaded.header("content-type"),
            file["media_type"].as_str(),
            "{path}"
        );
    }
}

#[actix_web::test]
async fn files_are_served_with_their_media_type_and_validators() {
    let app = spawn_app().await;
    for (path, media_type) in [
        ("csv/items.csv", "text/csv; charset=utf-8"),
        ("rdf/corpus.ttl", "text/turtle; charset=utf-8"),
        ("SHA256SUMS", "text/plain; charset=utf-8"),
        ("README.md", "text/markdown; charset=utf-8"),
    ] {
        let response = app.get(&format!("/exports/{path}")).await;
        assert_eq!(response.status, 200, "{path}");
        assert_eq!(response.header("content-type"), Some(media_type), "{path}");
        // These files are in no release: no date is made up (the ETag validates them). Released
        // files carry the date of their release (tests/release.rs).
        assert!(response.header("last-modified").is_none(), "{path}");
        let etag = response.header("etag").expect("etag").to_string();
        let again = app
            .get_with(&format!("/exports/{path}"), &[("If-None-Match", &etag)])
            .await;
        assert_eq!(again.status, 304, "{path}");
    }
}

#[actix_web::test]
async fn byte_ranges_are_served() {
    let app = spawn_app().await;
    let response = app
        .get_with("/exports/csv/items.csv", &[("Range", "bytes=0-6")])
        .await;
    assert_eq!(response.status, 206);
    assert_eq!(response.body, b"id,text");
    assert!(
        response
            .header("content-range")
            .is_some_and(|r| r.starts_with("bytes 0-6/"))
    );
}

#[actix_web::test]
async fn nothing_outside_the_exports_directory_is_served() {
    let app = spawn_app().await;
    for path in [
        "/exports/../Cargo.toml",
        "/exports/%2e%2e/Cargo.toml",
        "/exports/csv/..%2f..%2fCargo.toml",
        "/exports/csv/%2e%2e/%2e%2e/Cargo.toml",
        "/exports/%2fetc%2fpasswd",
        "/exports/.hidden",
        "/exports/",
        "/exports/csv",
    ] {
        let response = app.get(path).await;
        assert!(
            response.status == 404 || response.status == 400,
            "{path}: {}",
            response.status
        );
        assert_eq!(
            response.header("content-type"),
            Some("application/problem+json"),
            "{path}"
        );
    }
}

#[actix_web::test]
async fn a_missing_file_is_a_404_pointing_to_the_list() {
    let app = spawn_app().await;
    let problem = app.get("/exports/csv/nope.csv").await.problem(404);
    assert_eq!(
        problem["see_also"],
        format!("{}/api/v1/exports", app.base).as_str()
    );
}

#[actix_web::test]
async fn a_database_and_parquet_files_are_served_as_published_with_their_media_type() {
    // A local run rebases text files; these would be corrupted by it, so they are served and
    // listed byte for byte as published.
    let app = crate::helpers::spawn_app_with_published_exports().await;
    let list = app.get("/api/v1/exports").await.json();
    let files = list["data"].as_array().expect("data");
    for (path, media_type) in [
        ("sqlite/congres-numerique.db", "application/vnd.sqlite3"),
        ("parquet/items.parquet", "application/vnd.apache.parquet"),
    ] {
        let published = std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("exports")
                .join(path),
        )
        .expect("the committed file");
        let response = app.get(&format!("/exports/{path}")).await;
        assert_eq!(response.status, 200, "{path}");
        assert_eq!(response.header("content-type"), Some(media_type), "{path}");
        assert!(response.body == published, "{path} is served as published");
        let listed = files
            .iter()
            .find(|f| f["path"] == path)
            .unwrap_or_else(|| panic!("{path} listed"));
        let sha: String = Sha256::digest(&published)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(listed["sha256"], sha.as_str(), "{path}");
        assert_eq!(listed["media_type"], media_type, "{path}");
    }
}
