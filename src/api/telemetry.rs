//! Logs: one line per request (method, path, status, latency), as text for a terminal or as JSON
//! for a log collector.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use tracing_subscriber::EnvFilter;

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line.
    Json,
}

/// Installs the global subscriber; the level comes from `RUST_LOG` (default `info`). Does
/// nothing if one is already installed (tests start many applications in one process).
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr);
    let _already_installed = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
}

/// Middleware, outermost: logs every request once it is answered, with the method the client
/// sent (before HEAD is routed as GET).
pub async fn log_request(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let start = Instant::now();
    let method = req.method().to_string();
    let path = req.path().to_string();
    let result = next.call(req).await;
    let latency_ms = start.elapsed().as_secs_f64() * 1000.0;
    match &result {
        Ok(res) => tracing::info!(
            method = %method,
            path = %path,
            status = res.status().as_u16(),
            latency_ms = format_args!("{latency_ms:.2}"),
            "request"
        ),
        Err(error) => tracing::error!(
            method = %method,
            path = %path,
            latency_ms = format_args!("{latency_ms:.2}"),
            "request failed: {error}"
        ),
    }
    result
}
