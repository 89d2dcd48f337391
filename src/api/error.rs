//! One error type for the whole service, and one error shape on the wire: RFC 9457 problem
//! details (`application/problem+json`), whatever produced the error (a handler, an extractor,
//! the router, a file that vanished).
//!
//! Handlers return [`ApiError`]; [`problem_responses`], a middleware close to the handlers,
//! renders every error response again with the request path as `instance`, turns any body actix
//! wrote on its own (plain text or empty) into a problem, and logs server errors with their cause
//! chain. [`cors_problems`] does the same for the few errors answered further out (CORS,
//! compression), and [`catch_panics`] turns a panic into a 500 rather than a dropped connection.

use std::any::Any;
use std::fmt;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::task::{Context, Poll};

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{StatusCode, header};
use actix_web::middleware::Next;
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

use super::security::add_security_headers;
use super::telemetry::loggable_path;

/// Media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// The methods every resource of this read-only service accepts (`Allow` of 405 and OPTIONS).
pub const ALLOW: &str = "GET, HEAD, OPTIONS";

/// The methods `/sparql` accepts: the SPARQL Protocol also sends a query as a POST body (a
/// query only: updates are refused whatever the method).
pub const SPARQL_ALLOW: &str = "GET, HEAD, POST, OPTIONS";

/// Longest `instance` echoed back: a request target near the URI limit (8 KiB) is not worth
/// repeating whole in its own error.
const MAX_INSTANCE_BYTES: usize = 1024;

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
    /// Pour une erreur de syntaxe SPARQL : la ligne (à partir de 1) où la requête cesse d'être lisible.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    pub line: Option<usize>,
    /// Pour une erreur de syntaxe SPARQL : la colonne (à partir de 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    pub column: Option<usize>,
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
    /// Pour un entier hors limites : la plus petite valeur acceptée.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    pub minimum: Option<u64>,
    /// Pour un entier hors limites : la plus grande valeur acceptée.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    pub maximum: Option<u64>,
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
    /// An integer parameter that is not an integer within `minimum..=maximum`.
    OutOfRange {
        name: String,
        value: String,
        minimum: u64,
        maximum: u64,
    },
    /// The query string is not `application/x-www-form-urlencoded`.
    MalformedQuery,
    /// A GET or HEAD carrying a body: its parameters belong in the query string, and answering
    /// as if the body were not there could hide a filter the client meant.
    UnexpectedBody,
    NotFound {
        detail: String,
        see_also: Option<String>,
    },
    /// The path exists, the method is not one of `allow` (also the answer's `Allow` header:
    /// [`ALLOW`] or [`SPARQL_ALLOW`]).
    MethodNotAllowed {
        allow: &'static str,
    },
    NotAcceptable {
        available: Vec<String>,
    },
    /// The request target is longer than the service reads.
    UriTooLong {
        length: usize,
        limit: usize,
    },
    /// The request head has more header fields, or more bytes of them, than the service reads.
    HeadersTooLarge {
        count: usize,
        bytes: usize,
        max_count: usize,
        max_bytes: usize,
    },
    /// A SPARQL query refused or stopped (`/sparql`).
    Sparql(crate::sparql::SparqlError),
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
            line: None,
            column: None,
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
                    minimum: None,
                    maximum: None,
                });
            }
            ApiError::MissingParameter { name, reason } => {
                problem.detail = format!("Le paramètre « {name} » est obligatoire : {reason}.");
                problem.invalid_params.push(InvalidParam {
                    name: name.clone(),
                    reason: "paramètre obligatoire".to_string(),
                    allowed: Vec::new(),
                    minimum: None,
                    maximum: None,
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
                    minimum: None,
                    maximum: None,
                });
            }
            ApiError::InvalidParameter {
                name,
                value,
                reason,
                allowed,
            } => {
                let value = excerpt(value);
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
                    minimum: None,
                    maximum: None,
                });
            }
            ApiError::OutOfRange {
                name,
                value,
                minimum,
                maximum,
            } => {
                let reason = format!("un entier entre {minimum} et {maximum} est attendu");
                problem.detail = format!(
                    "Valeur « {} » invalide pour « {name} » : {reason}.",
                    excerpt(value)
                );
                problem.invalid_params.push(InvalidParam {
                    name: name.clone(),
                    reason,
                    allowed: Vec::new(),
                    minimum: Some(*minimum),
                    maximum: Some(*maximum),
                });
            }
            ApiError::MalformedQuery => {
                problem.detail = "La chaîne de requête n'est pas un encodage application/x-www-form-urlencoded valide.".to_string();
            }
            ApiError::UnexpectedBody => {
                problem.detail = "Une requête GET ou HEAD ne porte pas de corps ici : les paramètres se donnent dans la chaîne de requête (voir /openapi.json).".to_string();
            }
            ApiError::UriTooLong { length, limit } => {
                problem.detail = format!(
                    "L'adresse demandée fait {length} octets ; {limit} au plus sont lus. Pour tout obtenir d'un coup, téléchargez les exports (/api/v1/exports)."
                );
            }
            ApiError::HeadersTooLarge {
                count,
                bytes,
                max_count,
                max_bytes,
            } => {
                problem.detail = format!(
                    "La requête porte {count} en-têtes ({bytes} octets) ; {max_count} en-têtes et {max_bytes} octets au plus sont lus."
                );
            }
            ApiError::NotFound { detail, see_also } => {
                problem.detail = detail.clone();
                problem.see_also = see_also.clone();
            }
            ApiError::MethodNotAllowed { allow } => {
                problem.detail = format!(
                    "Ce service est en lecture seule : seules les méthodes {allow} sont acceptées ici."
                );
            }
            ApiError::NotAcceptable { available } => {
                problem.detail = format!(
                    "Aucun des types demandés par l'en-tête Accept n'est disponible ici. Types disponibles : {}.",
                    available.join(", ")
                );
                problem.available = available.clone();
            }
            ApiError::Sparql(error) => sparql_problem(error, &mut problem),
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
            ApiError::MethodNotAllowed { allow } => {
                response
                    .headers_mut()
                    .insert(header::ALLOW, header::HeaderValue::from_static(allow));
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
            | ApiError::OutOfRange { .. }
            | ApiError::MalformedQuery
            | ApiError::UnexpectedBody => StatusCode::BAD_REQUEST,
            ApiError::NotFound { .. } => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::NotAcceptable { .. } => StatusCode::NOT_ACCEPTABLE,
            ApiError::UriTooLong { .. } => StatusCode::URI_TOO_LONG,
            ApiError::HeadersTooLarge { .. } => StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            ApiError::Sparql(error) => sparql_status(error),
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        // `instance` is added by `problem_responses`, which knows the request.
        self.render(None)
    }
}

/// The status of a refused SPARQL query: the query's fault is 400, a time limit 503 (the same
/// query may pass on a less busy server), a body of another type 415.
fn sparql_status(error: &crate::sparql::SparqlError) -> StatusCode {
    use crate::sparql::SparqlError as E;
    match error {
        E::Timeout(_) => StatusCode::SERVICE_UNAVAILABLE,
        E::UnsupportedBody(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        E::TooLong(_) => StatusCode::PAYLOAD_TOO_LARGE,
        E::Store(_) => StatusCode::INTERNAL_SERVER_ERROR,
        E::Syntax { .. }
        | E::Update
        | E::Service
        | E::UnknownGraph(_)
        | E::NamedGraph
        | E::TooManyResults(_)
        | E::Evaluation(_)
        | E::NotUtf8 => StatusCode::BAD_REQUEST,
    }
}

/// The detail of a refused SPARQL query, in French, and the parameter at fault.
fn sparql_problem(error: &crate::sparql::SparqlError, problem: &mut Problem) {
    use crate::sparql::SparqlError as E;
    let (name, reason) = match error {
        E::Syntax {
            line,
            column,
            message,
        } => {
            problem.line = Some(*line);
            problem.column = Some(*column);
            (
                "query",
                format!("erreur de syntaxe ligne {line}, colonne {column} : {message}"),
            )
        }
        E::Update => (
            "query",
            "ce point d'accès est en lecture seule : les mises à jour SPARQL (INSERT, DELETE, LOAD, CLEAR…) sont refusées".to_string(),
        ),
        E::Service => (
            "query",
            "SERVICE (requête fédérée vers un autre point d'accès) est refusé ici".to_string(),
        ),
        E::UnknownGraph(iri) => (
            "default-graph-uri",
            format!("graphe inconnu <{iri}> : seul le graphe par défaut (le jeu de données) est servi"),
        ),
        E::NamedGraph => (
            "named-graph-uri",
            "aucun graphe nommé n'est servi : tous les triplets sont dans le graphe par défaut".to_string(),
        ),
        E::Timeout(limit) => (
            "query",
            format!("la requête a dépassé {} s et a été arrêtée ; restreignez-la (motifs plus précis, LIMIT) ou téléchargez les exports RDF", limit.as_secs_f64()),
        ),
        E::TooManyResults(limit) => (
            "query",
            format!("la requête donne plus de {limit} résultats ; ajoutez un LIMIT (et OFFSET pour la suite) ou téléchargez les exports RDF"),
        ),
        E::Evaluation(message) => ("query", format!("évaluation impossible : {message}")),
        E::TooLong(limit) => ("query", format!("la requête dépasse {limit} octets")),
        E::NotUtf8 => ("query", "le corps de la requête n'est pas en UTF-8".to_string()),
        E::UnsupportedBody(given) => (
            "Content-Type",
            format!("corps de type « {given} » : envoyez application/sparql-query ou application/x-www-form-urlencoded"),
        ),
        E::Store(_) => {
            problem.detail =
                "Erreur interne du serveur ; elle a été journalisée. Réessayez plus tard.".to_string();
            return;
        }
    };
    problem.detail = format!("{}.", capitalised(&reason));
    problem.invalid_params.push(InvalidParam {
        name: name.to_string(),
        reason,
        allowed: Vec::new(),
        minimum: None,
        maximum: None,
    });
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The start of a value quoted in a `detail`: enough to recognise it, never a wall of text.
fn excerpt(value: &str) -> String {
    const MAX_CHARS: usize = 40;
    if value.chars().count() <= MAX_CHARS {
        value.to_string()
    } else {
        let start: String = value.chars().take(MAX_CHARS).collect();
        format!("{start}…")
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
        415 => "Type de contenu non pris en charge",
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
    let mut response = HttpResponse::build(status)
        .insert_header((header::CONTENT_TYPE, PROBLEM_JSON))
        .insert_header((header::CONTENT_LANGUAGE, "fr"))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body);
    // Also here, not only in the middleware: an error that leaves the middleware as an error
    // (a caught panic) is rendered by actix from this function alone.
    add_security_headers(response.headers_mut(), status);
    response
}

/// `instance`: the path and query of the request, as the client sent them; only the start of the
/// path when that is too long to be worth echoing.
fn instance(req: &HttpRequest) -> String {
    let target = req
        .uri()
        .path_and_query()
        .map_or_else(|| req.path(), |pq| pq.as_str());
    if target.len() <= MAX_INSTANCE_BYTES {
        return target.to_string();
    }
    let path = req.path();
    let mut end = path.len().min(MAX_INSTANCE_BYTES);
    while !path.is_char_boundary(end) {
        end -= 1;
    }
    path[..end].to_string()
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
        tracing::error!(path = %loggable_path(request.path()), "internal error: {error:#}");
    }
    let rendered = match api_error {
        Some(error) => error.render(Some(instance(&request))),
        // Errors produced by actix itself or by a library (a file that cannot be read, a
        // range that cannot be served): same shape, with a generic detail.
        None if !is_problem(&res) => {
            if status.is_server_error()
                && let Some(error) = res.response().error()
            {
                tracing::error!(path = %loggable_path(request.path()), "internal error: {error}");
            }
            generic_problem(&res, generic_detail(status))
        }
        None => return Ok(res.map_into_boxed_body()),
    };
    Ok(res.into_response(rendered))
}

/// Middleware, just outside CORS: the errors the CORS middleware answers itself, in plain text
/// (a preflight asking for a method other than GET or HEAD), leave as problem details too.
pub async fn cors_problems(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let res = next.call(req).await?;
    let status = res.status();
    // An error page rendered for a browser (`site::errors`) is an answer already.
    let html_page = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !(status.is_client_error() || status.is_server_error()) || is_problem(&res) || html_page {
        return Ok(res.map_into_boxed_body());
    }
    let preflight = res
        .request()
        .headers()
        .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    let detail = if preflight {
        "Requête préliminaire CORS refusée : en lecture depuis une autre origine, seules les méthodes GET et HEAD sont permises."
    } else {
        generic_detail(status)
    };
    let rendered = generic_problem(&res, detail);
    Ok(res.into_response(rendered))
}

fn is_problem<B>(res: &ServiceResponse<B>) -> bool {
    res.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with(PROBLEM_JSON))
}

/// The problem that replaces an error response written by actix or a library.
fn generic_problem<B>(res: &ServiceResponse<B>, detail: &str) -> HttpResponse {
    let status = res.status();
    let mut response = problem_response(
        status,
        &Problem {
            problem_type: "about:blank".to_string(),
            title: title(status).to_string(),
            status: status.as_u16(),
            detail: detail.to_string(),
            instance: Some(instance(res.request())),
            invalid_params: Vec::new(),
            available: Vec::new(),
            see_also: None,
            line: None,
            column: None,
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

fn generic_detail(status: StatusCode) -> &'static str {
    match status.as_u16() {
        404 => {
            "Aucune ressource à cette adresse. La liste des ressources est à la racine du service (/) et dans /openapi.json."
        }
        405 => "Méthode non autorisée pour cette ressource.",
        // Our own 406 are `ApiError::NotAcceptable`; this one comes from compression.
        406 => {
            "L'en-tête Accept-Encoding refuse tout codage de contenu disponible (identity, gzip, br, zstd, deflate)."
        }
        416 => "La plage demandée (en-tête Range) est hors du fichier.",
        s if s >= 500 => "Erreur interne du serveur ; elle a été journalisée. Réessayez plus tard.",
        _ => "La requête n'a pas pu être traitée telle quelle.",
    }
}

/// Middleware, innermost: a panic in routing, an extractor or a handler becomes a 500 problem
/// (logged) instead of a connection closed without an answer. actix-web does not catch panics:
/// without this, the worker thread running the request dies with it.
///
/// The answer is returned as an error, rendered by actix with [`ApiError::error_response`]
/// (which carries the security headers itself): building a response here would need a second
/// handle on the request, and the router requires the only one.
pub async fn catch_panics(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let method = req.method().clone();
    let path = loggable_path(req.path()).into_owned();
    // The route is matched inside `call` itself, before the handler's future is first polled.
    let answered = match std::panic::catch_unwind(AssertUnwindSafe(|| next.call(req))) {
        Ok(future) => CatchUnwind(Box::pin(future)).await,
        Err(payload) => Err(payload),
    };
    answered.unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(no message)".to_string());
        tracing::error!(%method, %path, "panic while answering: {message}");
        Err(ApiError::internal(anyhow::anyhow!("panic: {message}")).into())
    })
}

/// A future that turns a panic while it is polled into `Err(payload)`. Boxing the inner future
/// keeps this `Unpin`, so no pin projection (and no `unsafe`) is needed.
struct CatchUnwind<F>(Pin<Box<F>>);

impl<F: Future> Future for CatchUnwind<F> {
    type Output = Result<F::Output, Box<dyn Any + Send>>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let inner = self.0.as_mut();
        // The future is dropped right after a panic, never polled again, so whatever state it
        // left half-updated is not observed: asserting unwind safety is sound here.
        match std::panic::catch_unwind(AssertUnwindSafe(|| inner.poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(output)) => Poll::Ready(Ok(output)),
            Err(payload) => Poll::Ready(Err(payload)),
        }
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
    Err(ApiError::MethodNotAllowed { allow: ALLOW })
}

/// Default service of `/sparql`, which also takes POST.
pub async fn sparql_method_not_allowed() -> Result<HttpResponse, ApiError> {
    Err(ApiError::MethodNotAllowed {
        allow: SPARQL_ALLOW,
    })
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
