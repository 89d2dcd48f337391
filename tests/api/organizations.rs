//! `/api/v1/organizations`.

use crate::helpers::spawn_app;

#[actix_web::test]
async fn organizations_are_filtered_by_kind() {
    let app = spawn_app().await;
    let communes = app
        .get("/api/v1/organizations?kind=commune&page_size=100")
        .await
        .json();
    let data = communes["data"].as_array().expect("data");
    assert!(!data.is_empty());
    assert!(
        data.iter()
            .all(|o| o["kind"] == "commune" && o["insee_code"].is_string())
    );
}

#[actix_web::test]
async fn an_organization_comes_with_the_positions_held_in_it_and_the_editions_it_hosted_or_supported()
 {
    let app = spawn_app().await;
    let albi = app.get("/api/v1/organizations/albi").await.json();
    assert_eq!(albi["kind"], "commune");
    let positions = albi["positions"].as_array().expect("positions");
    // The two mandates at Albi (2021, 2026), never the office at the association.
    assert_eq!(positions.len(), 2, "{positions:#?}");
    for position in positions {
        assert_eq!(position["organization_id"], "albi");
        assert_eq!(position["kind"], "mandate");
    }
    assert!(albi["hosted"].is_array() && albi["workshop_partner_of"].is_array());
    let agen = app.get("/api/v1/organizations/agen").await.json();
    assert_eq!(agen["hosted"], serde_json::json!(["2026"]));
    let lyon = app.get("/api/v1/organizations/lyon").await.json();
    assert_eq!(lyon["workshop_partner_of"], serde_json::json!(["2026"]));
}
