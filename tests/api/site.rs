//! The reading site: what a browser gets, page by page, and what API clients keep getting.

use congres_numerique::site::SITE_POLICY;

use crate::helpers::{TestResponse, spawn_app};

/// What Firefox and Chromium send when following a link.
const BROWSER: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/// One page of each type.
const PAGES: [&str; 17] = [
    "/",
    "/id/motion/2026",
    "/id/motion/2020",
    "/recherche",
    "/recherche?q=donn%C3%A9es",
    "/telechargements",
    "/editions",
    "/id/congress/2026",
    "/themes",
    "/id/theme/donnees",
    "/personnes",
    "/id/person/mathieu-filmotte",
    "/organisations",
    "/id/organization/agen",
    "/sources",
    "/id/source/2026-propositions",
    "/id/item/2021-axis-1.2",
];

/// Asserts an HTML page of the site and returns its text.
fn assert_page(response: &TestResponse, status: u16, what: &str) -> String {
    let html = response.text();
    assert_eq!(response.status, status, "{what}: {html}");
    assert_eq!(
        response.header("content-type"),
        Some("text/html; charset=utf-8"),
        "{what}"
    );
    assert_eq!(
        response.header("content-security-policy"),
        Some(SITE_POLICY),
        "{what}"
    );
    assert!(
        html.starts_with("<!doctype html>\n<html lang=\"fr\">"),
        "{what}"
    );
    assert_eq!(html.matches("<h1").count(), 1, "{what}: one h1");
    assert!(
        html.contains("<a class=\"skip\" href=\"#contenu\">"),
        "{what}"
    );
    assert!(html.contains("<main id=\"contenu\""), "{what}");
    assert!(
        html.contains("<link rel=\"stylesheet\" href=\"/static/site.css\">"),
        "{what}"
    );
    // No inline script or style, nothing from another host.
    assert!(!html.contains("<style"), "{what}");
    assert!(!html.contains(" style="), "{what}");
    assert_eq!(
        html.matches("<script").count(),
        html.matches("<script type=\"application/ld+json\">")
            .count(),
        "{what}"
    );
    html
}

#[actix_web::test]
async fn every_page_type_renders_in_french_with_one_title_and_the_strict_policy() {
    let app = spawn_app().await;
    for path in PAGES {
        let response = app.get_with(path, &[("Accept", BROWSER)]).await;
        assert_page(&response, 200, path);
    }
}

#[actix_web::test]
async fn the_site_policy_allows_no_script_no_inline_style_and_no_other_host() {
    for directive in SITE_POLICY.split(';').map(str::trim) {
        assert!(!directive.contains("unsafe"), "{directive}");
        assert!(!directive.contains("http"), "{directive}");
        assert!(!directive.starts_with("script-src"), "{directive}");
    }
    assert!(SITE_POLICY.starts_with("default-src 'none'"));
}

#[actix_web::test]
async fn the_home_page_is_for_browsers_and_the_entry_point_for_api_clients() {
    let app = spawn_app().await;
    let page = app.get_with("/", &[("Accept", BROWSER)]).await;
    let html = assert_page(&page, 200, "/");
    assert_eq!(page.header("vary"), Some("Accept"));
    for link in [
        "href=\"/id/motion/2026\"",
        "href=\"/id/motion/2021\"",
        "href=\"/recherche\"",
        "href=\"/telechargements\"",
        "href=\"/swagger-ui/\"",
        "href=\"/catalog.ttl\"",
        "href=\"/id/theme/donnees\"",
        "<input id=\"q\" name=\"q\"",
    ] {
        assert!(html.contains(link), "{link}");
    }
    // The 2026 edition as printed: 248 contributions, in Agen.
    assert!(html.contains("248 contributions"));
    assert!(html.contains(">Agen</a>"));
    for accept in [None, Some("application/json"), Some("*/*")] {
        let headers: Vec<(&str, &str)> = accept.map(|a| ("Accept", a)).into_iter().collect();
        let response = app.get_with("/", &headers).await;
        assert_eq!(response.status, 200);
        assert_eq!(response.header("content-type"), Some("application/json"));
        assert_eq!(response.header("vary"), Some("Accept"));
        assert!(response.json()["links"]["motions"].is_string());
    }
}

#[actix_web::test]
async fn a_motion_page_shows_every_part_section_and_item_of_its_motion_in_order() {
    let app = spawn_app().await;
    for motion in ["2020", "2021", "2026"] {
        let html = app
            .get_with(&format!("/id/motion/{motion}"), &[("Accept", BROWSER)])
            .await
            .text();
        for (collection, id_field) in [("sections", "id"), ("items", "id")] {
            let list = app
                .get(&format!(
                    "/api/v1/{collection}?motion={motion}&page_size=100"
                ))
                .await
                .json();
            let ids: Vec<String> = list["data"]
                .as_array()
                .unwrap()
                .iter()
                .map(|row| row[id_field].as_str().unwrap().to_string())
                .collect();
            assert!(!ids.is_empty(), "{motion} {collection}");
            // In reading order: each one after the one before.
            let mut from = 0;
            for id in &ids {
                let anchor = format!("id=\"{id}\"");
                let at = html[from..]
                    .find(&anchor)
                    .unwrap_or_else(|| panic!("{motion}: {anchor} missing or out of order"));
                from += at;
                // Every item and section has a permalink and its IRI.
                assert!(html.contains(&format!("href=\"#{id}\"")), "{id}");
                assert!(
                    html.contains(&format!("{}/id/", app.base)),
                    "{motion}: IRIs"
                );
            }
        }
    }
    let html = app
        .get_with("/id/motion/2026", &[("Accept", BROWSER)])
        .await
        .text();
    // Numbering, themes, people as printed with their territory, source and citation.
    assert!(html.contains("<span class=\"num\">Engagement 1</span>"));
    assert!(html.contains("href=\"/id/theme/mediation\">Médiation numérique</a>"));
    assert!(html.contains("href=\"/id/person/mathieu-filmotte\""));
    assert!(html.contains("conseiller municipal délégué au développement numérique à Hérin (59)"));
    assert!(html.contains("href=\"/id/organization/herin\""));
    assert!(html.contains("SHA-256"));
    assert!(html.contains("@misc{congres-numerique-2026,"));
    assert!(html.contains("&#34;date-parts&#34;"));
}

#[actix_web::test]
async fn a_motion_page_announces_its_other_formats() {
    let app = spawn_app().await;
    let response = app
        .get_with("/id/motion/2026", &[("Accept", BROWSER)])
        .await;
    let html = assert_page(&response, 200, "motion");
    for (media_type, extension) in [
        ("text/turtle", "ttl"),
        ("application/ld+json", "jsonld"),
        ("application/json", "json"),
    ] {
        assert!(
            html.contains(&format!(
                "<link rel=\"alternate\" type=\"{media_type}\" href=\"{}/id/motion/2026.{extension}\"",
                app.base
            )),
            "{media_type}"
        );
        assert!(
            response.header("link").is_some_and(|l| l.contains(&format!(
                "<{}/id/motion/2026.{extension}>; rel=\"alternate\"; type=\"{media_type}\"",
                app.base
            ))),
            "{media_type}"
        );
    }
    // The motion page stays well under 100 KB before compression.
    assert!(response.body.len() < 100_000, "{}", response.body.len());
}

#[actix_web::test]
async fn the_search_page_finds_highlights_counts_and_links_each_hit_to_its_place() {
    let app = spawn_app().await;
    let html = assert_page(
        &app.get_with("/recherche?q=donn%C3%A9es", &[("Accept", BROWSER)])
            .await,
        200,
        "search",
    );
    let api = app.get("/api/v1/search?q=donn%C3%A9es").await.json();
    let total = api["total"].as_u64().unwrap();
    assert!(html.contains(&format!("{total} résultats pour « données »")));
    assert!(html.contains("<mark>"));
    // A hit in a motion links to its anchor there.
    assert!(html.contains("href=\"/id/motion/2026#2026-"), "{html}");
    // Facets with counts, each a link that filters.
    assert!(html.contains("href=\"/recherche?q=donn%C3%A9es&#38;congress=2026\">2026"));
    assert!(html.contains("href=\"/recherche?q=donn%C3%A9es&#38;type=item\">"));
    assert!(html.contains("href=\"/recherche?q=donn%C3%A9es&#38;theme=donnees\">"));

    let filtered = app
        .get_with(
            "/recherche?q=donn%C3%A9es&congress=2026&type=item",
            &[("Accept", BROWSER)],
        )
        .await
        .text();
    let api = app
        .get("/api/v1/search?q=donn%C3%A9es&congress=2026&type=item")
        .await
        .json();
    let total = api["total"].as_u64().unwrap();
    assert!(
        filtered.contains(&format!("{total} résultat")),
        "{filtered}"
    );
    assert!(filtered.contains("Retirer tous les filtres"));

    let none = app
        .get_with(
            "/recherche?q=donn%C3%A9es&congress=2019&type=item",
            &[("Accept", BROWSER)],
        )
        .await
        .text();
    assert!(none.contains("Aucun résultat"));
    assert!(none.contains("Chercher sans filtre"));
}

#[actix_web::test]
async fn the_search_query_is_reflected_only_escaped() {
    let app = spawn_app().await;
    let response = app
        .get_with(
            "/recherche?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%20onmouseover%3D%22x",
            &[("Accept", BROWSER)],
        )
        .await;
    let html = assert_page(&response, 200, "hostile search");
    // Askama escapes with numeric references.
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!html.contains("\" onmouseover=\"x"), "{html}");
    assert!(html.contains("&#60;script&#62;alert(1)&#60;/script&#62;&#34; onmouseover=&#34;x"));
}

#[actix_web::test]
async fn pages_and_the_stylesheet_have_validators_and_answer_304() {
    let app = spawn_app().await;
    for path in [
        "/",
        "/id/motion/2026",
        "/static/site.css",
        "/telechargements",
    ] {
        let first = app.get_with(path, &[("Accept", BROWSER)]).await;
        assert_eq!(first.status, 200, "{path}");
        let etag = first.header("etag").expect("an ETag").to_string();
        let again = app
            .get_with(path, &[("Accept", BROWSER), ("If-None-Match", &etag)])
            .await;
        assert_eq!(again.status, 304, "{path}");
        assert!(again.body.is_empty());
        // A cache keeps the stored page's policy (see api::security).
        assert_eq!(again.header("content-security-policy"), None, "{path}");
    }
    let css = app.get("/static/site.css").await;
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert!(css.body.len() < 10_000, "one small stylesheet");
    assert!(css.text().contains("@media print"));
    assert!(!css.text().contains("://"), "nothing from another host");
}

#[actix_web::test]
async fn browsers_get_error_pages_and_api_clients_problem_details() {
    let app = spawn_app().await;
    let page = app
        .get_with("/page-qui-n-existe-pas", &[("Accept", BROWSER)])
        .await;
    let html = assert_page(&page, 404, "404");
    assert!(html.contains("Page introuvable"));
    assert!(html.contains("href=\"/recherche\""));

    let page = app
        .get_with("/recherche?q=x&type=inconnu", &[("Accept", BROWSER)])
        .await;
    let html = assert_page(&page, 400, "400");
    assert!(html.contains("Requête invalide"));
    assert!(html.contains("<code>type</code>"));

    let page = app
        .get_with("/id/motion/1999", &[("Accept", BROWSER)])
        .await;
    assert_page(&page, 404, "unknown motion");

    // API clients, and browsers under /api/, keep problem+json.
    app.get("/page-qui-n-existe-pas").await.problem(404);
    app.get_with(
        "/recherche?q=x&type=inconnu",
        &[("Accept", "application/json")],
    )
    .await
    .problem(400);
    app.get_with("/api/v1/nope", &[("Accept", BROWSER)])
        .await
        .problem(404);
}

#[actix_web::test]
async fn the_downloads_page_lists_every_file_and_describes_the_dataset_for_search_engines() {
    let app = spawn_app().await;
    let html = assert_page(
        &app.get_with("/telechargements", &[("Accept", BROWSER)])
            .await,
        200,
        "downloads",
    );
    let files = app.get("/api/v1/exports").await.json();
    for file in files["data"].as_array().unwrap() {
        let path = file["path"].as_str().unwrap();
        assert!(
            html.contains(&format!("href=\"/exports/{path}\"")),
            "{path}"
        );
        assert!(html.contains(file["sha256"].as_str().unwrap()), "{path}");
    }
    let start = html
        .find("<script type=\"application/ld+json\">")
        .expect("JSON-LD in the head")
        + "<script type=\"application/ld+json\">".len();
    let end = start + html[start..].find("</script>").unwrap();
    let dataset: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
    assert_eq!(dataset["@type"], "Dataset");
    assert_eq!(
        dataset["name"],
        "Motions du Congrès national des élus au numérique"
    );
    assert_eq!(
        dataset["license"],
        "https://www.etalab.gouv.fr/licence-ouverte-open-licence"
    );
    assert_eq!(
        dataset["distribution"].as_array().unwrap().len(),
        files["data"].as_array().unwrap().len()
    );
}

#[actix_web::test]
async fn a_theme_page_puts_the_editions_side_by_side() {
    let app = spawn_app().await;
    let html = assert_page(
        &app.get_with("/id/theme/donnees", &[("Accept", BROWSER)])
            .await,
        200,
        "theme",
    );
    let years: Vec<&str> = ["2020", "2021", "2026"]
        .into_iter()
        .filter(|y| html.contains(&format!("<h3 id=\"annee-{y}\">{y}</h3>")))
        .collect();
    assert!(years.len() >= 2, "{html}");
    assert!(html.contains("href=\"/id/motion/2026#"));
}

#[actix_web::test]
async fn an_organisation_page_links_its_code_to_the_official_page() {
    let app = spawn_app().await;
    let html = assert_page(
        &app.get_with("/id/organization/agen", &[("Accept", BROWSER)])
            .await,
        200,
        "organisation",
    );
    assert!(html.contains("https://www.insee.fr/fr/statistiques/2011101?geo=COM-47001"));
}

#[actix_web::test]
async fn search_results_are_paginated_like_the_api() {
    let app = spawn_app().await;
    let api = app
        .get("/api/v1/search?q=num%C3%A9rique&page=2")
        .await
        .json();
    let total = api["total"].as_u64().unwrap();
    assert!(total > 40, "enough hits for three pages: {total}");
    let html = assert_page(
        &app.get_with("/recherche?q=num%C3%A9rique&page=2", &[("Accept", BROWSER)])
            .await,
        200,
        "page 2",
    );
    assert!(html.contains("<ol class=\"hits\" start=\"21\">"));
    assert!(html.contains("href=\"/recherche?q=num%C3%A9rique&#38;page=1\" rel=\"prev\""));
    assert!(html.contains("href=\"/recherche?q=num%C3%A9rique&#38;page=3\" rel=\"next\""));
    // The hits of the page are the API's, in the same order.
    let mut from = 0;
    for hit in api["data"].as_array().unwrap() {
        let label = hit["label"].as_str().unwrap();
        let escaped = label.replace('\'', "&#39;").replace('"', "&#34;");
        let at = html[from..]
            .find(&escaped)
            .unwrap_or_else(|| panic!("{label} missing or out of order"));
        from += at;
    }
}
