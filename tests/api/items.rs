//! `/api/v1/items`: pages, filters, and the three formats.

use crate::helpers::{ids, spawn_app};

#[actix_web::test]
async fn items_come_in_pages_of_20_with_absolute_links_in_the_body_and_the_link_header() {
    let app = spawn_app().await;
    let response = app.get("/api/v1/items").await;
    let page = response.json();
    assert_eq!(
        (page["page"].as_u64(), page["page_size"].as_u64()),
        (Some(1), Some(20))
    );
    assert_eq!(page["total"], 46);
    assert_eq!(page["data"].as_array().map(Vec::len), Some(20));
    let next = format!("{}/api/v1/items?page=2", app.base);
    assert_eq!(page["links"]["next"], next.as_str());
    assert_eq!(
        page["links"]["last"],
        format!("{}/api/v1/items?page=3", app.base).as_str()
    );
    assert!(page["links"].get("prev").is_none());
    let link = response.header("link").expect("Link header");
    assert!(link.contains(&format!("<{next}>; rel=\"next\"")), "{link}");
    assert_eq!(response.header("x-total-count"), Some("46"));

    let last = app
        .get(&format!("{}/api/v1/items?page=3", app.base))
        .await
        .json();
    assert_eq!(last["data"].as_array().map(Vec::len), Some(6));
    assert!(last["links"].get("next").is_none());
}

#[actix_web::test]
async fn page_links_keep_the_filters_and_a_page_past_the_end_is_empty() {
    let app = spawn_app().await;
    let page = app
        .get("/api/v1/items?congress=2026&page_size=10")
        .await
        .json();
    assert_eq!(page["total"], 26);
    assert_eq!(
        page["links"]["next"],
        format!(
            "{}/api/v1/items?congress=2026&page_size=10&page=2",
            app.base
        )
        .as_str()
    );
    let beyond = app
        .get("/api/v1/items?congress=2026&page_size=10&page=9")
        .await
        .json();
    assert_eq!(beyond["data"].as_array().map(Vec::len), Some(0));
    assert_eq!(
        beyond["links"]["prev"],
        format!(
            "{}/api/v1/items?congress=2026&page_size=10&page=3",
            app.base
        )
        .as_str()
    );
}

#[actix_web::test]
async fn items_are_filtered_by_edition_section_kind_and_theme_in_corpus_order() {
    let app = spawn_app().await;
    let levers = app
        .get("/api/v1/items?congress=2021&page_size=100")
        .await
        .json();
    assert_eq!(levers["total"], 12);
    assert!(
        levers["data"]
            .as_array()
            .expect("data")
            .iter()
            .all(|i| i["kind"] == "lever")
    );
    let section = app
        .get("/api/v1/items?section=2026-workshop-2")
        .await
        .json();
    assert!(
        ids(&section)
            .iter()
            .all(|id| id.starts_with("2026-workshop-2."))
    );
    let proposals = app
        .get("/api/v1/items?kind=proposal&theme=mediation")
        .await
        .json();
    for item in proposals["data"].as_array().expect("data") {
        assert_eq!(item["kind"], "proposal");
        assert!(
            item["themes"]
                .as_array()
                .expect("themes")
                .contains(&"mediation".into())
        );
    }
}

#[actix_web::test]
async fn the_text_filter_ignores_accents_and_plurals_and_keeps_corpus_order() {
    let app = spawn_app().await;
    let accented = app
        .get("/api/v1/items?q=donn%C3%A9es&page_size=100")
        .await
        .json();
    let plain = app.get("/api/v1/items?q=DONNEE&page_size=100").await.json();
    assert!(accented["total"].as_u64().is_some_and(|n| n > 0));
    assert_eq!(ids(&accented), ids(&plain));
    let all = ids(&app
        .get("/api/v1/items?format=json&page_size=100")
        .await
        .json());
    let positions: Vec<usize> = ids(&accented)
        .iter()
        .map(|id| all.iter().position(|x| x == id).expect("listed"))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]));
}

#[actix_web::test]
async fn csv_has_the_columns_of_the_csv_dump_and_follows_the_pages() {
    let app = spawn_app().await;
    let by_accept = app
        .get_with("/api/v1/items?page_size=5", &[("Accept", "text/csv")])
        .await;
    let by_param = app.get("/api/v1/items?page_size=5&format=csv").await;
    for response in [&by_accept, &by_param] {
        assert_eq!(response.status, 200);
        assert!(
            response
                .header("content-type")
                .is_some_and(|t| t.starts_with("text/csv; charset=utf-8"))
        );
        assert_eq!(response.header("x-total-count"), Some("46"));
        assert!(
            response
                .header("link")
                .is_some_and(|l| l.contains("rel=\"next\""))
        );
    }
    let text = by_param.text();
    let header = text.lines().next().expect("a header line");
    let columns: Vec<&str> = congres_numerique::tables::table("items")
        .expect("items")
        .fields()
        .iter()
        .filter(|f| f.in_csv())
        .map(|f| f.name)
        .collect();
    assert_eq!(header, columns.join(","));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(reader.records().count(), 5);
}

#[actix_web::test]
async fn json_lines_stream_the_whole_filtered_list_without_pages() {
    let app = spawn_app().await;
    let response = app
        .get_with(
            "/api/v1/items?page_size=5",
            &[("Accept", "application/x-ndjson")],
        )
        .await;
    assert_eq!(response.status, 200);
    assert_eq!(
        response.header("content-type"),
        Some("application/x-ndjson")
    );
    let text = response.text();
    let rows: Vec<serde_json::Value> = text
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object per line"))
        .collect();
    assert_eq!(rows.len(), 46);
    assert!(rows.iter().all(|row| row["iri"].as_str().is_some()));
    let filtered = app
        .get("/api/v1/items?format=ndjson&congress=2021")
        .await
        .text();
    assert_eq!(filtered.lines().count(), 12);
}

#[actix_web::test]
async fn an_item_comes_with_its_sub_items() {
    let app = spawn_app().await;
    let item = app.get("/api/v1/items/2026-workshop-2.1").await.json();
    let subs = item["sub_items"].as_array().expect("sub_items");
    assert!(!subs.is_empty());
    assert!(subs.iter().all(|s| s["parent_id"] == "2026-workshop-2.1"));
}
