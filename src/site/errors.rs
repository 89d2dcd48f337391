//! What browsers get when something goes wrong, and the policy of the site's pages.
//!
//! Every error is first a problem detail (`api::error`); [`browser_pages`], just outside that
//! middleware, turns it into an HTML page when the client asks for HTML (a browser following a
//! link), keeping its status and its `Allow`. API clients and every path under `/api/` keep
//! their problem+json.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;

use crate::api::error::PROBLEM_JSON;
use crate::site::{Head, SITE_POLICY, prefers_html};

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub head: Head,
    pub status: u16,
    pub title: String,
    pub detail: String,
    /// For a 400: the parameters at fault and what they accept.
    pub params: Vec<(String, String)>,
}

/// Whether an error for this request is shown as a page.
fn wants_page(req: &HttpRequest) -> bool {
    !req.path().starts_with("/api/") && prefers_html(req)
}

/// The page of a problem detail (`problem` is its JSON).
pub fn page_of(problem: &serde_json::Value, status: u16) -> ErrorPage {
    let text = |name: &str| problem[name].as_str().unwrap_or_default().to_string();
    let title = match status {
        404 => "Page introuvable".to_string(),
        400 => "Requête invalide".to_string(),
        _ => text("title"),
    };
    let params = problem["invalid_params"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| {
            let allowed: Vec<&str> = p["allowed"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str())
                .collect();
            let mut reason = p["reason"].as_str().unwrap_or_default().to_string();
            if !allowed.is_empty() {
                reason.push_str(&format!(" (acceptés : {})", allowed.join(", ")));
            }
            (p["name"].as_str().unwrap_or_default().to_string(), reason)
        })
        .collect();
    ErrorPage {
        head: Head::new(format!("{title} (erreur {status})"), text("detail")),
        status,
        title,
        detail: text("detail"),
        params,
    }
}

/// Middleware: problem details become pages for browsers; the site's HTML pages (and the
/// pages of entities) get the site's strict policy, the Swagger UI keeping its own.
pub async fn browser_pages(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let res = next.call(req).await?;
    let status = res.status();
    let is = |prefix: &str| {
        res.headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with(prefix))
    };
    if (status.is_client_error() || status.is_server_error())
        && is(PROBLEM_JSON)
        && wants_page(res.request())
    {
        let (request, response) = res.into_parts();
        let allow = response.headers().get(header::ALLOW).cloned();
        let body = actix_web::body::to_bytes(response.into_body())
            .await
            .unwrap_or_default();
        let problem: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
        let html = page_of(&problem, status.as_u16())
            .render()
            .unwrap_or_else(|_| format!("Erreur {status}"));
        let mut page = HttpResponse::build(status);
        page.insert_header((header::CONTENT_TYPE, "text/html; charset=utf-8"))
            .insert_header((header::CONTENT_SECURITY_POLICY, SITE_POLICY))
            .insert_header((header::VARY, "Accept"))
            .insert_header((header::CACHE_CONTROL, "no-store"));
        if let Some(allow) = allow {
            page.insert_header((header::ALLOW, allow));
        }
        return Ok(ServiceResponse::new(request, page.body(html)));
    }
    let mut res = res.map_into_boxed_body();
    if is_html(&res) && !res.request().path().starts_with("/swagger-ui") {
        res.headers_mut().insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(SITE_POLICY),
        );
    }
    Ok(res)
}

fn is_html<B>(res: &ServiceResponse<B>) -> bool {
    res.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"))
}
