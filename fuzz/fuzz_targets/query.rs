//! Query-string parsing of the API on arbitrary input: for any request target the HTTP layer
//! lets through (one that parses as a URI) and any `Accept` header, parsing the parameters of a
//! list or of a search returns the values or an `ApiError`, never panics; the page of a list
//! always lies within it; and every error renders as a response.
//!
//! Entry points: `ListRequest::parse` (query parameters, paging, format negotiation, as every
//! list endpoint calls it), then what handlers do with it (`Paging::range`, `links`, the
//! filters' checks), and `QueryParams::parse` with the search endpoint's parameters.
#![no_main]

use actix_web::ResponseError;
use actix_web::http::{Uri, header};
use actix_web::test::TestRequest;
use congres_numerique::api::pagination::Paging;
use congres_numerique::api::query::{QueryParams, names};
use congres_numerique::api::routes::ListRequest;
use congres_numerique::api::routes::search::SearchParams;
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Input {
    /// After `?`.
    query: String,
    accept: Option<String>,
    /// Rows in the list.
    total: u32,
}

fuzz_target!(|input: Input| {
    let uri = format!("/api/v1/items?{}", input.query);
    // Anything else is refused by the HTTP layer before a handler runs.
    if Uri::try_from(uri.as_str()).is_err() {
        return;
    }
    let mut request = TestRequest::get().uri(&uri);
    if let Some(accept) = input
        .accept
        .as_deref()
        .and_then(|a| header::HeaderValue::from_str(a).ok())
    {
        request = request.insert_header((header::ACCEPT, accept));
    }
    let req = request.to_http_request();

    let filters = vec![
        "congress".to_string(),
        "theme".to_string(),
        "kind".to_string(),
    ];
    match ListRequest::parse(&req, filters) {
        Ok(list) => {
            let total = input.total as usize;
            let range = list.paging.range(total);
            assert!(
                range.start <= range.end && range.end <= total,
                "{range:?} of {total}"
            );
            assert!(range.len() <= list.paging.page_size as usize);
            let links =
                list.paging
                    .links(total, "https://example.org", req.path(), list.query.pairs());
            let _ = links.header();
            for error in [
                list.query.one_of("kind", ["lever", "proposal"]).err(),
                list.query.text("theme").err(),
                list.query
                    .id_in("congress", |id| id == "2021", "/api/v1/congresses")
                    .err(),
            ]
            .into_iter()
            .flatten()
            {
                let _ = error.error_response();
            }
        }
        Err(error) => {
            let _ = error.error_response();
        }
    }

    match QueryParams::parse(&req, &[names::<SearchParams>(), names::<Paging>()]) {
        Ok(query) => {
            if let Err(error) = query.text("q") {
                let _ = error.error_response();
            }
            if let Err(error) = Paging::read(&query) {
                let _ = error.error_response();
            }
        }
        Err(error) => {
            let _ = error.error_response();
        }
    }
});
