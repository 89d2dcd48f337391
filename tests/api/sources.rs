//! `/api/v1/sources` and `/api/v1/press-articles`.

use crate::helpers::{ids, spawn_app};

#[actix_web::test]
async fn sources_carry_their_checksum_and_are_filtered_by_edition() {
    let app = spawn_app().await;
    let source = app.get("/api/v1/sources/2021-motion").await.json();
    let sha = source["sha256"].as_str().expect("sha256");
    assert_eq!(sha.len(), 64);
    assert!(sha.bytes().all(|b| b.is_ascii_hexdigit()));
    let page = app.get("/api/v1/sources?congress=2020").await.json();
    assert_eq!(ids(&page), ["2020-motion", "2020-press-article"]);
}

#[actix_web::test]
async fn press_articles_are_bibliographic_records() {
    let app = spawn_app().await;
    let page = app.get("/api/v1/press-articles").await.json();
    assert_eq!(page["total"], 1);
    let article = &page["data"][0];
    assert_eq!(article["about_motion_id"], "2020");
    assert!(
        article.get("text").is_none(),
        "the article's text is not republished"
    );
}
