//! `/api/v1/congresses`.

use crate::helpers::{ids, spawn_app};

#[actix_web::test]
async fn the_editions_are_listed_by_year_each_with_its_iri() {
    let app = spawn_app().await;
    let page = app.get("/api/v1/congresses").await.json();
    assert_eq!(ids(&page), ["2019", "2020", "2021", "2026"]);
    assert_eq!(page["total"], 4);
    assert_eq!(
        page["data"][2]["iri"],
        format!("{}/id/congress/2021", app.base).as_str()
    );
}

#[actix_web::test]
async fn an_edition_says_whether_its_motion_text_is_in_the_sources() {
    let app = spawn_app().await;
    let first = app.get("/api/v1/congresses/2019").await.json();
    assert_eq!(first["motion_status"], "not_in_sources");
    assert_eq!(first["motion_id"], serde_json::Value::Null);
    // "Plus de 120 élus": a lower bound, kept with its qualifier and its printed words.
    assert_eq!(first["contributors_count"], 120);
    assert_eq!(first["contributors_qualifier"], "more_than");
    let third = app.get("/api/v1/congresses/2021").await.json();
    assert_eq!(third["motion_status"], "in_corpus");
    assert_eq!(third["motion_id"], "2021");
}

#[actix_web::test]
async fn an_unknown_edition_is_a_404_pointing_to_the_list() {
    let app = spawn_app().await;
    let problem = app.get("/api/v1/congresses/1999").await.problem(404);
    assert_eq!(
        problem["see_also"],
        format!("{}/api/v1/congresses", app.base).as_str()
    );
}
