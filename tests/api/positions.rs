//! `/api/v1/positions` (each position a printed role states) and `/api/v1/facts` (the source of
//! each fact).

use crate::helpers::{ids, spawn_app};

#[actix_web::test]
async fn positions_are_listed_apart_from_the_printed_roles_they_come_from() {
    let app = spawn_app().await;
    let vidal = app
        .get("/api/v1/positions?role=2021-board-mathieu-vidal")
        .await
        .json();
    assert_eq!(
        ids(&vidal),
        [
            "2021-board-mathieu-vidal-1",
            "2021-board-mathieu-vidal-2",
            "2021-board-mathieu-vidal-3",
            "2021-board-mathieu-vidal-4",
        ]
    );
    let data = vidal["data"].as_array().expect("data");
    assert_eq!(data[0]["kind"], "office");
    assert_eq!(data[0]["organization_id"], "villes-internet");
    assert_eq!(data[3]["kind"], "mandate");
    assert_eq!(data[3]["organization_id"], "albi");
    assert!(data[3]["office"].is_null(), "no office at Albi");

    let offices = app
        .get("/api/v1/positions?kind=office&page_size=100")
        .await
        .json();
    let offices = offices["data"].as_array().expect("data");
    assert!(!offices.is_empty());
    assert!(
        offices
            .iter()
            .all(|p| p["organization_id"] == "villes-internet")
    );
    let at_albi = app.get("/api/v1/positions?organization=albi").await.json();
    assert_eq!(at_albi["total"], 2);
    // The roles filter by organisation now reads the positions.
    let roles = app.get("/api/v1/roles?organization=albi").await.json();
    assert_eq!(
        ids(&roles),
        [
            "2021-board-mathieu-vidal",
            "2026-engagement-3-mathieu-vidal"
        ]
    );
    let wrong = app.get("/api/v1/positions?kind=mayor").await;
    wrong.problem(400);
}

#[actix_web::test]
async fn the_source_of_each_fact_is_served_and_filtered() {
    let app = spawn_app().await;
    let facts = app
        .get("/api/v1/facts?subject_table=congresses&subject_id=2020")
        .await
        .json();
    let data = facts["data"].as_array().expect("data");
    let date = data
        .iter()
        .find(|f| f["field"] == "start_date")
        .expect("the 2020 date has a source");
    assert_eq!(date["source_id"], "2020-press-article");
    assert_eq!(date["kind"], "inferred");
    assert!(date["reasoning"].is_string());
    let inferred = app
        .get("/api/v1/facts?kind=inferred&page_size=100")
        .await
        .json();
    assert!(
        inferred["data"]
            .as_array()
            .expect("data")
            .iter()
            .all(|f| f["kind"] == "inferred" && f["reasoning"].is_string())
    );
    let csv = app.get("/api/v1/facts?format=csv").await;
    assert_eq!(csv.status, 200);
    assert!(csv.text().starts_with(
        "id,subject_table,subject_table_label,subject_id,field,kind,kind_label,quote,reasoning,source_id"
    ));
    app.get("/api/v1/facts?subject_table=nowhere")
        .await
        .problem(400);
    app.get("/api/v1/facts?subject_id=nowhere")
        .await
        .problem(400);
    // A row with nothing but quoted texts has no sourced fact: an empty list, not an error.
    let none = app.get("/api/v1/facts?subject_id=2021-axis-1").await.json();
    assert_eq!(none["total"], 0);
}
