//! One error type for the whole service, and one error shape on the wire: RFC 9457 problem
//! details (`application/problem+json`), whatever produced the error (a handler, an extractor,
//! the router, a file that vanished).
//!
//! Handlers return [`ApiError`]; [`problem_responses`], the innermost middleware, renders every
//! error response again with the request path as `instance`, turns any body actix wrote on its
//! own (plain text or empty) into a problem, and logs server errors with their cause chain.

use std::fmt;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{StatusCode, header};
use actix_web::middleware::Next;
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

/// Media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// An error answered as a problem detail (RFC 9457).
///
/// `type` is always `about:blank`: the HTTP status says what kind of problem it is, `detail`
/// says what to change, and the extension members give the machine-readable facts (which
/// parameter, which values are allowed, which media types are available).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "about:blank",
    "title": "Paramètre invalide",
    "status": 400,
    "detail": "Paramètre inconnu « year ». Paramètres acceptés : page, page_size, format, congress, motion, section, kind, theme, q.",
    "instance": "/api/v1/items?year=2021",
    "invalid_params": [{
        "name": "year",
        "reason": "paramètre inconnu",
        "allowed": ["page", "page_size", "format", "congress", "motion", "section", "kind", "theme", "q"]
    }]
}))]
#[schema(
    description = "Un problème (RFC 9457, application/problem+json) : la forme de toutes les réponses d'erreur."
)]
pub struct Problem {
    /// Type de problème : toujours `about:blank` (le statut HTTP suffit à le qualifier).
    #[serde(rename = "type")]
    pub problem_type: String,
    /// Résumé court, en français, du type de problème.
    pub title: String,
    /// Code de statut HTTP, répété dans le corps.
    pub status: u16,
    /// Explication propre à cette requête : ce qui ne va pas et comment corriger.
    pub detail: String,
    /// Chemin et paramètres de la requête concernée.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    /// Pour un 400 : les paramètres en cause, avec la raison et les valeurs ou noms acceptés.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schema(nullable = false)]
    pub invalid_params: Vec<InvalidParam>,
    /// Pour un 406 : les types de médias que la ressource sait produire.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schema(nullable = false)]
    pub available: Vec<String>,
    /// Une ressource où trouver ce qui existe (la liste de la collection, l'édition concernée…).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    pub see_also: Option<String>,
}

/// A parameter the request got wrong.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(description = "Un paramètre en cause dans une requête invalide.")]
pub struct InvalidParam {
    /// Nom du paramètre.
    pub name: String,
    /// Ce qui ne va pas.
    pub reason: String,
    /// Les noms de paramètres (paramètre inconnu) ou les valeurs (valeur invalide) acceptés, quand
    /// la liste est fermée.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schema(nullable = false)]
    pub allowed: Vec<String>,
}

/// Everything that can go wrong while answering a request.
#[derive(Debug)]
pub enum ApiError {
    /// A query parameter the endpoint does not define.
    UnknownParameter {
        name: String,
        allowed: Vec<String>,
    },
    /// A required parameter is missing.
    MissingParameter {
        name: String,
        reason: String,
    },
    /// The same parameter given twice (`?page=1&page=2`): which one was meant is unknown.
    RepeatedParameter {
        name: String,
    },
    /// A parameter whose value cannot be used.
    InvalidParameter {
        name: String,
        value: String,
        reason: String,
        allowed: Vec<String>,
    },
    /// The query string is not `application/x-www-form-urlencoded`.
    MalformedQuery,
    NotFound {
        detail: String,
        see_also: Option<String>,
    },
    MethodNotAllowed,
    NotAcceptable {
        available: Vec<String>,
    },
    /// A bug or an I/O failure: logged with its causes, never shown.
    Internal(anyhow::Error),
}

impl ApiError {
    pub fn not_found(detail: impl Into<String>, see_also: Option<String>) -> Self {
        ApiError::NotFound {
            detail: detail.into(),
            see_also,
        }
    }

    pub fn invalid(
        name: &str,
        value: &str,
        reason: impl Into<String>,
        allowed: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        ApiError::InvalidParameter {
            name: name.to_string(),
            value: value.to_string(),
            reason: reason.into(),
            allowed: allowed.into_iter().map(Into::into).collect(),
        }
    }

    pub fn internal(error: impl Into<anyhow::Error>) -> Self {
        ApiError::Internal(error.into())
    }

    /// The problem body, with `instance` set when the request is known.
    pub fn problem(&self, instance: Option<String>) -> Problem {
        let status = self.status_code();
        let mut problem = Problem {
            problem_type: "about:blank".to_string(),
            title: title(status).to_string(),
            status: status.as_u16(),
            detail: String::new(),
            instance,
            invalid_params: Vec::new(),
            available: Vec::new(),
            see_also: None,
        };
        match self {
            ApiError::UnknownParameter { name, allowed } => {
                problem.detail = format!(
                    "Paramètre inconnu « {name} ». Paramètres acceptés : {}.",
                    list_or_none(allowed)
                );
                problem.invalid_params.push(InvalidParam {
                    name: name.clone(),
                    reason: "paramètre inconnu".to_string(),
                    allowed: allowed.clone(),
                });
            }
            ApiError::MissingParameter { name, reason } => {
                problem.detail = format!("Le paramètre « {name} » est obligatoire : {reason}.");
                problem.invalid_params.push(InvalidParam {
                    name: name.clone(),
                    reason: "paramètre obligatoire".to_string(),
                    allowed: Vec::new(),
                });
            }
            ApiError::RepeatedParameter { name } => {
                problem.detail = format!(
                    "Le paramètre « {name} » est donné plusieurs fois ; donnez-le une seule fois."
                );
                problem.invalid_params.push(InvalidParam {
                    name: name.clone(),
                    reason: "paramètre répété".to_string(),
                    allowed: Vec::new(),
                });
            }
            ApiError::InvalidParameter {
                name,
                value,
                reason,
                allowed,
            } => {
                problem.detail = if allowed.is_empty() {
                    format!("Valeur « {value} » invalide pour « {name} » : {reason}.")
                } else {
                    format!(
                        "Valeur « {value} » invalide pour « {name} » : {reason}. Valeurs acceptées : {}.",
                        allowed.join(", ")
                    )
                };
                problem.invalid_params.push(InvalidParam {
                    name: name.clone(),
                    reason: reason.clone(),
                    allowed: allowed.clone(),
                });
            }
            ApiError::MalformedQuery => {
                problem.detail = "La chaîne de requête n'est pas un encodage application/x-www-form-urlencoded valide.".to_string();
            }
            ApiError::NotFound { detail, see_also } => {
                problem.detail = detail.clone();
                problem.see_also = see_also.clone();
            }
            ApiError::MethodNotAllowed => {
                problem.detail =
                    "Ce service est en lecture seule : seules les méthodes GET et HEAD sont acceptées."
                        .to_string();
            }
            ApiError::NotAcceptable { available } => {
                problem.detail = format!(
                    "Aucun des types demandés par l'en-tête Accept n'est disponible ici. Types disponibles : {}.",
                    available.join(", ")
                );
                problem.available = available.clone();
            }
            ApiError::Internal(_) => {
                problem.detail =
                    "Erreur interne du serveur ; elle a été journalisée. Réessayez plus tard."
                        .to_string();
            }
        }
        problem
    }

    fn render(&self, instance: Option<String>) -> HttpResponse {
        let mut response = problem_response(self.status_code(), &self.problem(instance));
        match self {
            ApiError::MethodNotAllowed => {
                response
                    .headers_mut()
                    .insert(header::ALLOW, header::HeaderValue::from_static("GET, HEAD"));
            }
            // The same URL answers 200 with another Accept: caches must key on it.
            ApiError::NotAcceptable { .. } => {
                response
                    .headers_mut()
                    .insert(header::VARY, header::HeaderValue::from_static("Accept"));
            }
            _ => {}
        }
        response
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Internal(error) => write!(f, "internal error: {error:#}"),
            other => f.write_str(&other.problem(None).detail),
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::UnknownParameter { .. }
            | ApiError::MissingParameter { .. }
            | ApiError::RepeatedParameter { .. }
            | ApiError::InvalidParameter { .. }
            | ApiError::MalformedQuery => StatusCode::BAD_REQUEST,
            ApiError::NotFound { .. } => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::NotAcceptable { .. } => StatusCode::NOT_ACCEPTABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        // `instance` is added by `problem_responses`, which knows the request.
        self.render(None)
    }
}

fn list_or_none(names: &[String]) -> String {
    if names.is_empty() {
        "aucun".to_string()
    } else {
        names.join(", ")
    }
}

/// French titles of the statuses this service answers (RFC 9457 allows a localised title).
fn title(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "Requête invalide",
        404 => "Ressource introuvable",
        405 => "Méthode non autorisée",
        406 => "Format non disponible",
        413 => "Requête trop grande",
        414 => "URI trop longue",
        416 => "Plage non satisfaisable",
        431 => "En-têtes trop grands",
        500 => "Erreur interne",
        503 => "Service indisponible",
        s if s < 500 => "Requête invalide",
        _ => "Erreur du serveur",
    }
}

fn problem_response(status: StatusCode, problem: &Problem) -> HttpResponse {
    // Serialising a struct of strings cannot fail; fall back to a minimal body rather than panic.
    let body = serde_json::to_vec(problem).unwrap_or_else(|_| b"{}".to_vec());
    HttpResponse::build(status)
        .insert_header((header::CONTENT_TYPE, PROBLEM_JSON))
        .insert_header((header::CONTENT_LANGUAGE, "fr"))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body)
}

/// `instance`: the path and query of the request, as the client sent them.
fn instance(req: &HttpRequest) -> String {
    match req.uri().path_and_query() {
        Some(pq) => pq.as_str().to_string(),
        None => req.path().to_string(),
    }
}

/// Middleware: every error response leaves as a problem detail naming its request.
pub async fn problem_responses(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let res = next.call(req).await?;
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return Ok(res.map_into_boxed_body());
    }
    let request = res.request().clone();
    let api_error = res
        .response()
        .error()
        .and_then(|e| e.as_error::<ApiError>());
    if let Some(ApiError::Internal(error)) = api_error {
        tracing::error!(path = %request.path(), "internal error: {error:#}");
    }
    let already_problem = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with(PROBLEM_JSON));
    let rendered = match api_error {
        Some(error) => error.render(Some(instance(&request))),
        // Errors produced by actix itself or by a library (a file that cannot be read, a
        // range that cannot be served): same shape, with a generic detail.
        None if !already_problem => {
            if status.is_server_error()
                && let Some(error) = res.response().error()
            {
                tracing::error!(path = %request.path(), "internal error: {error}");
            }
            let mut response = problem_response(
                status,
                &Problem {
                    problem_type: "about:blank".to_string(),
                    title: title(status).to_string(),
                    status: status.as_u16(),
                    detail: generic_detail(status).to_string(),
                    instance: Some(instance(&request)),
                    invalid_params: Vec::new(),
                    available: Vec::new(),
                    see_also: None,
                },
            );
            // Keep the headers that qualify the error (Allow, Content-Range, Retry-After…).
            for name in [header::ALLOW, header::CONTENT_RANGE, header::RETRY_AFTER] {
                if let Some(value) = res.headers().get(&name) {
                    response.headers_mut().insert(name, value.clone());
                }
            }
            response
        }
        None => return Ok(res.map_into_boxed_body()),
    };
    Ok(res.into_response(rendered))
}

fn generic_detail(status: StatusCode) -> &'static str {
    match status.as_u16() {
        404 => {
            "Aucune ressource à cette adresse. La liste des ressources est à la racine du service (/) et dans /openapi.json."
        }
        405 => "Méthode non autorisée pour cette ressource.",
        416 => "La plage demandée (en-tête Range) est hors du fichier.",
        s if s >= 500 => "Erreur interne du serveur ; elle a été journalisée. Réessayez plus tard.",
        _ => "La requête n'a pas pu être traitée telle quelle.",
    }
}

/// Default service: no route matched the path.
pub async fn not_found() -> Result<HttpResponse, ApiError> {
    Err(ApiError::not_found(
        generic_detail(StatusCode::NOT_FOUND),
        Some("/".to_string()),
    ))
}

/// Default service of a resource: the path exists, the method does not.
pub async fn method_not_allowed() -> Result<HttpResponse, ApiError> {
    Err(ApiError::MethodNotAllowed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_parameter_names_itself_and_the_accepted_ones() {
        let error = ApiError::UnknownParameter {
            name: "year".into(),
            allowed: vec!["page".into(), "congress".into()],
        };
        let problem = error.problem(Some("/api/v1/items?year=2021".into()));
        assert_eq!(problem.status, 400);
        assert!(problem.detail.contains("« year »"));
        assert!(problem.detail.contains("page, congress"));
        assert_eq!(problem.invalid_params[0].allowed, ["page", "congress"]);
    }

    #[test]
    fn an_internal_error_keeps_its_cause_out_of_the_body() {
        let error = ApiError::internal(anyhow::anyhow!("secret path /etc/x"));
        let problem = error.problem(None);
        assert_eq!(problem.status, 500);
        assert!(!problem.detail.contains("secret"));
    }
}
