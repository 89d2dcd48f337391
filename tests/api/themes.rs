//! `/api/v1/themes`: the taxonomy and the cross-edition view.

use crate::helpers::{ids, spawn_app};

#[actix_web::test]
async fn themes_are_listed_in_taxonomy_order() {
    let app = spawn_app().await;
    let page = app.get("/api/v1/themes").await.json();
    assert_eq!(page["total"], 11);
    assert_eq!(ids(&page)[0], "acces-inclusion");
}

#[actix_web::test]
async fn a_theme_shows_what_each_edition_said_on_it_in_order() {
    let app = spawn_app().await;
    let theme = app.get("/api/v1/themes/transition-ecologique").await.json();
    let editions = theme["editions"].as_array().expect("editions");
    let years: Vec<&str> = editions
        .iter()
        .filter_map(|e| e["congress_id"].as_str())
        .collect();
    assert_eq!(years, ["2019", "2020", "2021", "2026"]);
    // 2019: no motion text, so nothing can be said, and the reason is given.
    assert_eq!(editions[0]["motion_status"], "not_in_sources");
    assert_eq!(editions[0]["sections"].as_array().map(Vec::len), Some(0));
    let sections_2021: Vec<&str> = editions[2]["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .filter_map(|s| s["id"].as_str())
        .collect();
    assert!(sections_2021.contains(&"2021-axis-4"));
    for edition in editions {
        for item in edition["items"].as_array().expect("items") {
            assert!(
                item["themes"]
                    .as_array()
                    .expect("themes")
                    .contains(&"transition-ecologique".into())
            );
            assert_eq!(item["congress_id"], edition["congress_id"]);
        }
    }
}
