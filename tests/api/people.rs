//! `/api/v1/people` and `/api/v1/roles`.

use crate::helpers::{ids, spawn_app};

#[actix_web::test]
async fn a_person_comes_with_their_roles_grouped_by_edition() {
    let app = spawn_app().await;
    let people = app.get("/api/v1/people").await.json();
    assert_eq!(people["total"], 16);
    let person = app.get("/api/v1/people/mathieu-vidal").await.json();
    assert_eq!(
        person["name"].as_str().map(|n| n.contains("Vidal")),
        Some(true)
    );
    let editions = person["editions"].as_array().expect("editions");
    assert!(!editions.is_empty());
    for edition in editions {
        for role in edition["roles"].as_array().expect("roles") {
            assert_eq!(role["person_id"], "mathieu-vidal");
            assert_eq!(role["congress_id"], edition["congress_id"]);
        }
        let positions = edition["positions"].as_array().expect("positions");
        assert!(!positions.is_empty());
        for position in positions {
            assert_eq!(position["person_id"], "mathieu-vidal");
            assert_eq!(position["congress_id"], edition["congress_id"]);
        }
    }
}

#[actix_web::test]
async fn roles_are_filtered_by_edition_person_and_capacity() {
    let app = spawn_app().await;
    let roles = app
        .get("/api/v1/roles?congress=2026&capacity=engagement_lead")
        .await
        .json();
    for role in roles["data"].as_array().expect("data") {
        assert_eq!(role["congress_id"], "2026");
        assert_eq!(role["capacity"], "engagement_lead");
    }
    let by_person = app.get("/api/v1/roles?person=mathieu-vidal").await.json();
    assert!(!ids(&by_person).is_empty());
}

#[actix_web::test]
async fn a_filter_on_an_unknown_person_is_a_400_pointing_to_the_people() {
    let app = spawn_app().await;
    let problem = app.get("/api/v1/roles?person=nobody").await.problem(400);
    assert!(
        problem["invalid_params"][0]["reason"]
            .as_str()
            .expect("reason")
            .contains("/api/v1/people")
    );
}
