//! Detail documents (a motion, a section, a theme…) are assembled from rows rendered at
//! start-up: every one of the corpus is exactly what a JSON serialiser writes for it, and starts
//! with the members of its row as the list gives them.

use serde_json::Value;

use crate::helpers::spawn_app;

/// Collections whose items have a detail document, and whether that document is the row alone.
const COLLECTIONS: [(&str, bool); 8] = [
    ("congresses", true),
    ("sources", true),
    ("motions", false),
    ("sections", false),
    ("items", false),
    ("themes", false),
    ("people", false),
    ("organizations", false),
];

#[actix_web::test]
async fn every_document_is_canonical_json_starting_with_its_row() {
    let app = spawn_app().await;
    for (collection, row_alone) in COLLECTIONS {
        let lines = app
            .get(&format!("/api/v1/{collection}?format=ndjson"))
            .await
            .text();
        let rows: Vec<Value> = lines
            .lines()
            .map(|l| serde_json::from_str(l).expect("a JSON line"))
            .collect();
        assert!(!rows.is_empty(), "{collection}");
        for row in rows {
            let id = row["id"].as_str().expect("id");
            let path = format!("/api/v1/{collection}/{id}");
            let response = app.get(&path).await;
            assert_eq!(response.status, 200, "{path}");
            let document: Value = serde_json::from_slice(&response.body).expect("JSON");
            // Re-serialised (members in their order, strings escaped the same way, no
            // duplicate member), the document gives its own bytes back.
            assert_eq!(
                String::from_utf8(serde_json::to_vec(&document).expect("bytes")).expect("utf-8"),
                response.text(),
                "{path}"
            );
            let (row, document) = (
                row.as_object().expect("row"),
                document.as_object().expect("object"),
            );
            let own: Vec<(&String, &Value)> = document.iter().take(row.len()).collect();
            assert_eq!(
                own,
                row.iter().collect::<Vec<_>>(),
                "{path}: the row's members come first"
            );
            assert_eq!(document.len() == row.len(), row_alone, "{path}");
        }
    }
}

#[actix_web::test]
async fn a_document_s_etag_changes_with_its_content_and_revalidates() {
    let app = spawn_app().await;
    let a = app.get("/api/v1/motions/2021").await;
    let b = app.get("/api/v1/motions/2020").await;
    let (ta, tb) = (
        a.header("etag").expect("etag"),
        b.header("etag").expect("etag"),
    );
    assert_ne!(ta, tb);
    assert_eq!(
        app.get("/api/v1/motions/2021").await.header("etag"),
        Some(ta)
    );
    let again = app
        .get_with("/api/v1/motions/2021", &[("If-None-Match", ta)])
        .await;
    assert_eq!(again.status, 304);
}
