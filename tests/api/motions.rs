//! `/api/v1/motions`: the list, and each motion as one nested document.

use serde_json::Value;

use crate::helpers::{ids, spawn_app};

#[actix_web::test]
async fn only_the_motions_whose_text_is_in_the_sources_are_listed() {
    let app = spawn_app().await;
    let page = app.get("/api/v1/motions").await.json();
    assert_eq!(ids(&page), ["2020", "2021", "2026"]);
}

#[actix_web::test]
async fn a_motion_is_one_document_with_its_sections_items_and_sub_items_in_reading_order() {
    let app = spawn_app().await;
    let response = app.get("/api/v1/motions/2026").await;
    assert_eq!(response.status, 200);
    let motion = response.json();
    assert_eq!(motion["id"], "2026");
    assert_eq!(motion["congress"]["id"], "2026");
    assert_eq!(motion["source"]["id"], "2026-propositions");
    let sections = motion["sections"].as_array().expect("sections");
    assert_eq!(sections.len(), 10);
    // Every item of the motion appears once, sub-items under their parent.
    let mut items = 0;
    let mut sub_items = 0;
    for section in sections {
        for item in section["items"].as_array().expect("items") {
            assert_eq!(item["section_id"], section["id"]);
            assert_eq!(item["parent_id"], Value::Null);
            items += 1;
            for sub in item["sub_items"].as_array().expect("sub_items") {
                assert_eq!(sub["parent_id"], item["id"]);
                sub_items += 1;
            }
        }
    }
    assert_eq!((items + sub_items, sub_items), (26, 3));
    // The themes cited are resolved in the same document.
    let themes: Vec<&str> = motion["themes"]
        .as_array()
        .expect("themes")
        .iter()
        .filter_map(|t| t["id"].as_str())
        .collect();
    for section in sections {
        for theme in section["themes"].as_array().expect("themes") {
            assert!(themes.contains(&theme.as_str().expect("id")));
        }
    }
}

#[actix_web::test]
async fn the_2019_motion_is_a_404_explaining_that_its_text_is_not_in_the_sources() {
    let app = spawn_app().await;
    let problem = app.get("/api/v1/motions/2019").await.problem(404);
    let detail = problem["detail"].as_str().expect("detail");
    assert!(
        detail.contains("ne figure pas dans les sources"),
        "{detail}"
    );
    assert!(detail.contains("2020, 2021, 2026"), "{detail}");
    assert_eq!(
        problem["see_also"],
        format!("{}/api/v1/congresses/2019", app.base).as_str()
    );
}

#[actix_web::test]
async fn an_unknown_motion_is_a_404_listing_the_motions() {
    let app = spawn_app().await;
    let problem = app.get("/api/v1/motions/2030").await.problem(404);
    assert!(
        problem["detail"]
            .as_str()
            .expect("detail")
            .contains("2020, 2021, 2026")
    );
}
