//! `/api/v1/search`: French-aware full-text search.

use serde_json::Value;

use crate::helpers::spawn_app;

fn hits(page: &Value) -> Vec<(String, String)> {
    page["data"]
        .as_array()
        .expect("data")
        .iter()
        .map(|hit| {
            (
                hit["type"].as_str().expect("type").to_string(),
                hit["id"].as_str().expect("id").to_string(),
            )
        })
        .collect()
}

#[actix_web::test]
async fn a_word_typed_without_accents_finds_its_accented_form_highlighted() {
    let app = spawn_app().await;
    let page = app.get("/api/v1/search?q=ecologique").await.json();
    let found = hits(&page);
    assert!(found.contains(&("theme".into(), "transition-ecologique".into())));
    assert!(found.contains(&("section".into(), "2021-axis-4".into())));
    let snippets: Vec<&str> = page["data"]
        .as_array()
        .expect("data")
        .iter()
        .filter_map(|h| h["snippet"].as_str())
        .collect();
    assert!(
        snippets
            .iter()
            .any(|s| s.contains("<mark>écologique</mark>")),
        "{snippets:?}"
    );
}

#[actix_web::test]
async fn a_singular_finds_the_plural() {
    let app = spawn_app().await;
    let singular = app
        .get("/api/v1/search?q=donn%C3%A9e&page_size=100")
        .await
        .json();
    let texts: Vec<&str> = singular["data"]
        .as_array()
        .expect("data")
        .iter()
        .filter_map(|h| h["snippet"].as_str())
        .collect();
    assert!(
        texts.iter().any(|s| s.contains("<mark>données</mark>")),
        "{texts:?}"
    );
    let plain = app
        .get("/api/v1/search?q=DONNEES&page_size=100")
        .await
        .json();
    assert_eq!(hits(&singular), hits(&plain));
}

#[actix_web::test]
async fn hits_are_ranked_and_carry_their_edition_iri_and_a_url_that_answers() {
    let app = spawn_app().await;
    let page = app
        .get("/api/v1/search?q=num%C3%A9rique&page_size=100")
        .await
        .json();
    let data = page["data"].as_array().expect("data");
    assert!(data.len() > 10);
    let scores: Vec<f64> = data.iter().filter_map(|h| h["score"].as_f64()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "best first");
    for hit in data.iter().take(10) {
        let (kind, id) = (
            hit["type"].as_str().expect("type"),
            hit["id"].as_str().expect("id"),
        );
        assert_eq!(hit["iri"], format!("{}/id/{kind}/{id}", app.base).as_str());
        if kind != "theme" {
            assert!(hit["congress_id"].is_string(), "{kind} {id}");
        }
        let url = hit["url"].as_str().expect("url");
        assert_eq!(app.get(url).await.status, 200, "{url}");
    }
}

#[actix_web::test]
async fn results_are_filtered_by_type_and_edition_and_paginated() {
    let app = spawn_app().await;
    let page = app
        .get("/api/v1/search?q=num%C3%A9rique&type=item&congress=2021&page_size=2")
        .await
        .json();
    assert!(page["total"].as_u64().is_some_and(|n| n > 2));
    for hit in page["data"].as_array().expect("data") {
        assert_eq!(
            (hit["type"].as_str(), hit["congress_id"].as_str()),
            (Some("item"), Some("2021"))
        );
    }
    assert!(
        page["links"]["next"]
            .as_str()
            .is_some_and(|n| n.contains("type=item"))
    );
}

#[actix_web::test]
async fn a_search_needs_words_and_a_known_type() {
    let app = spawn_app().await;
    let missing = app.get("/api/v1/search").await.problem(400);
    assert_eq!(missing["invalid_params"][0]["name"], "q");
    let blank = app.get("/api/v1/search?q=%20").await.problem(400);
    assert_eq!(blank["invalid_params"][0]["name"], "q");
    let bad_type = app.get("/api/v1/search?q=x&type=person").await.problem(400);
    assert!(
        bad_type["invalid_params"][0]["allowed"]
            .as_array()
            .expect("allowed")
            .contains(&"item".into())
    );
}

#[actix_web::test]
async fn query_syntax_errors_are_forgiven() {
    let app = spawn_app().await;
    for q in ["%22donn%C3%A9es", "(((", "title%3A", "AND", "*"] {
        assert_eq!(
            app.get(&format!("/api/v1/search?q={q}")).await.status,
            200,
            "{q}"
        );
    }
}
