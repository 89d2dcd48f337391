//! The service itself: entry point, health, OpenAPI document.

use actix_web::{HttpRequest, HttpResponse, web};
use std::collections::BTreeMap;

use super::render_json;
use crate::api::caching::{Body, Reply};
use crate::api::error::ApiError;
use crate::api::negotiation::{Format, negotiate};
use crate::api::query::QueryParams;
use crate::api::state::AppState;
use crate::api::views::{Health, LicenseView, ServiceIndex};

/// Point d'entrée
///
/// Le jeu de données, sa licence et les adresses de toutes les ressources, de la documentation
/// et des exports.
#[utoipa::path(
    get,
    path = "/",
    tag = "Service",
    operation_id = "index",
    responses(
        (status = 200, description = "Liens vers les ressources.", body = ServiceIndex),
        (status = 400, response = crate::api::openapi::BadRequest),
    )
)]
pub async fn index(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let publication = &state.publication;
    let mut links = BTreeMap::new();
    let mut link = |name: &str, path: &str| {
        links.insert(name.to_string(), state.url(path));
    };
    link("documentation", "/swagger-ui/");
    link("openapi", "/openapi.json");
    link("health", "/health");
    link("search", "/api/v1/search?q=donn%C3%A9es");
    for name in super::COLLECTIONS {
        link(name, &format!("/api/v1/{name}"));
    }
    let index = ServiceIndex {
        title: publication.title.clone(),
        description: publication.description.clone(),
        version: publication.version.clone(),
        license: LicenseView {
            title: publication.license.title.clone(),
            url: publication.license.url.clone(),
            spdx: publication.license.spdx.clone(),
        },
        links,
    };
    render_json(&req, &index)
}

/// État du service
///
/// Répond 200 tant que le service tourne, avec les nombres de lignes chargées. Jamais mis en
/// cache.
#[utoipa::path(
    get,
    path = "/health",
    tag = "Service",
    operation_id = "health",
    responses(
        (status = 200, description = "Le service répond.", body = Health),
        (status = 400, response = crate::api::openapi::BadRequest),
    )
)]
pub async fn health(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    QueryParams::parse(&req, &[])?;
    negotiate(&req, None, &[Format::Json])?;
    let counts = state
        .tables
        .all()
        .iter()
        .map(|view| (view.table.meta().name.to_string(), view.len()))
        .collect();
    let health = Health {
        status: "ok".to_string(),
        software_version: env!("CARGO_PKG_VERSION").to_string(),
        data_version: state.publication.version.clone(),
        counts,
    };
    Ok(Reply::json(&health)?.no_store().respond(&req))
}

/// Document OpenAPI
///
/// Ce document (OpenAPI 3.1), tel que la Swagger UI (/swagger-ui/) le lit.
#[utoipa::path(
    get,
    path = "/openapi.json",
    tag = "Service",
    operation_id = "openapi",
    responses(
        (status = 200, description = "Le document OpenAPI.", content_type = "application/json", body = serde_json::Value),
    )
)]
pub async fn openapi_json(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    QueryParams::parse(&req, &[])?;
    negotiate(&req, None, &[Format::Json])?;
    Ok(Reply::new("application/json", Body::Full(state.openapi_json.clone())).respond(&req))
}
