//! Every error is a problem detail (RFC 9457) that says what to change.

use awc::http::Method;

use crate::helpers::spawn_app;

#[actix_web::test]
async fn an_unknown_parameter_is_named_with_the_accepted_ones() {
    let app = spawn_app().await;
    let problem = app.get("/api/v1/items?year=2021").await.problem(400);
    assert_eq!(problem["instance"], "/api/v1/items?year=2021");
    let param = &problem["invalid_params"][0];
    assert_eq!(param["name"], "year");
    assert!(
        param["allowed"]
            .as_array()
            .expect("allowed")
            .contains(&"congress".into())
    );
    assert!(
        problem["detail"]
            .as_str()
            .expect("detail")
            .contains("congress")
    );
}

#[actix_web::test]
async fn page_and_page_size_must_be_in_range() {
    let app = spawn_app().await;
    for (query, name) in [
        ("page_size=101", "page_size"),
        ("page_size=0", "page_size"),
        ("page_size=abc", "page_size"),
        ("page=0", "page"),
        ("page=-1", "page"),
    ] {
        let problem = app
            .get(&format!("/api/v1/items?{query}"))
            .await
            .problem(400);
        assert_eq!(problem["invalid_params"][0]["name"], name, "{query}");
    }
    let problem = app.get("/api/v1/items?page_size=500").await.problem(400);
    assert!(
        problem["detail"]
            .as_str()
            .expect("detail")
            .contains("entre 1 et 100")
    );
}

#[actix_web::test]
async fn a_repeated_parameter_is_refused_rather_than_guessed() {
    let app = spawn_app().await;
    let problem = app
        .get("/api/v1/items?congress=2020&congress=2021")
        .await
        .problem(400);
    assert_eq!(problem["invalid_params"][0]["name"], "congress");
}

#[actix_web::test]
async fn a_bad_filter_value_lists_the_values_accepted() {
    let app = spawn_app().await;
    let problem = app.get("/api/v1/items?congress=1999").await.problem(400);
    assert_eq!(
        problem["invalid_params"][0]["allowed"],
        serde_json::json!(["2019", "2020", "2021", "2026"])
    );
    let problem = app.get("/api/v1/items?format=xls").await.problem(400);
    assert_eq!(
        problem["invalid_params"][0]["allowed"],
        serde_json::json!(["json", "csv", "ndjson", "xlsx"])
    );
}

#[actix_web::test]
async fn an_unknown_address_is_a_404_problem() {
    let app = spawn_app().await;
    app.get("/api/v1/nope").await.problem(404);
    app.get("/api/v2/items").await.problem(404);
    app.get("/api/v1/sections/2021-axis-9").await.problem(404);
}

#[actix_web::test]
async fn writing_methods_are_a_405_with_allow() {
    let app = spawn_app().await;
    for method in [Method::POST, Method::PUT, Method::DELETE, Method::PATCH] {
        let response = app.request(method.clone(), "/api/v1/items", &[]).await;
        response.problem(405);
        assert_eq!(
            response.header("allow"),
            Some("GET, HEAD, OPTIONS"),
            "{method}"
        );
    }
    let response = app
        .request(Method::DELETE, "/api/v1/motions/2021", &[])
        .await;
    response.problem(405);
}

#[actix_web::test]
async fn an_unsatisfiable_accept_is_a_406_listing_the_available_types() {
    let app = spawn_app().await;
    let problem = app
        .get_with("/api/v1/items", &[("Accept", "application/xml")])
        .await
        .problem(406);
    assert_eq!(
        problem["available"],
        serde_json::json!([
            "application/json",
            "text/csv",
            "application/x-ndjson",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        ])
    );
    let response = app
        .get_with("/api/v1/items", &[("Accept", "application/xml")])
        .await;
    assert_eq!(response.header("vary"), Some("Accept"));
    let problem = app
        .get_with("/api/v1/motions/2021", &[("Accept", "text/csv")])
        .await
        .problem(406);
    assert_eq!(
        problem["available"],
        serde_json::json!(["application/json"])
    );
}
