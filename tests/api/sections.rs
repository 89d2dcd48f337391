//! `/api/v1/sections`.

use crate::helpers::{ids, spawn_app};

#[actix_web::test]
async fn sections_are_filtered_by_edition_kind_and_theme() {
    let app = spawn_app().await;
    let axes = app
        .get("/api/v1/sections?congress=2021&kind=axis")
        .await
        .json();
    assert_eq!(
        ids(&axes),
        ["2021-axis-1", "2021-axis-2", "2021-axis-3", "2021-axis-4"]
    );
    let themed = app
        .get("/api/v1/sections?theme=transition-ecologique")
        .await
        .json();
    for section in themed["data"].as_array().expect("data") {
        assert!(
            section["themes"]
                .as_array()
                .expect("themes")
                .contains(&"transition-ecologique".into())
        );
    }
    assert!(ids(&themed).contains(&"2021-axis-4".to_string()));
}

#[actix_web::test]
async fn a_bad_kind_is_a_400_listing_the_kinds() {
    let app = spawn_app().await;
    let problem = app.get("/api/v1/sections?kind=chapter").await.problem(400);
    assert_eq!(problem["invalid_params"][0]["name"], "kind");
    assert_eq!(
        problem["invalid_params"][0]["allowed"],
        serde_json::json!(["objective", "axis", "engagement", "workshop"])
    );
}

#[actix_web::test]
async fn a_section_comes_with_its_items_in_order() {
    let app = spawn_app().await;
    let section = app.get("/api/v1/sections/2021-axis-1").await.json();
    assert_eq!(section["title"].as_str().map(|t| !t.is_empty()), Some(true));
    let items: Vec<&str> = section["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["id"].as_str())
        .collect();
    assert!(!items.is_empty());
    assert!(items.iter().all(|id| id.starts_with("2021-axis-1.")));
    let mut sorted = items.clone();
    sorted.sort_by_key(|id| id.rsplit('.').next().and_then(|p| p.parse::<u32>().ok()));
    assert_eq!(items, sorted);
}
