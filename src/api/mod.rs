//! The public HTTP API (v1): the corpus as a documented, read-only web service.
//!
//! Layout, from the outside in:
//! - [`startup`]: [`Application::build`] loads everything once, binds the listener and wires the
//!   middleware; `main` (through [`serve`]) only parses settings and runs it.
//! - [`state`]: what is computed once at start-up (JSON rows, NDJSON lines, lookups, search index)
//!   and shared, read-only, by every request.
//! - [`routes`]: one module per resource; handlers pick rows, then a renderer writes them.
//! - [`query`], [`negotiation`], [`pagination`], [`caching`]: the rules every endpoint shares
//!   (accepted parameters, formats, pages, validators).
//! - [`response_cache`]: every successful GET answer is computed once, then served as stored
//!   bytes (the data never changes while the process runs).
//! - [`limits`] and [`security`]: what a request may be (methods, sizes, timeouts, connections)
//!   and the security headers of every response.
//! - [`error`]: the one error type, rendered everywhere as `application/problem+json`.
//! - [`views`] and [`openapi`]: response types and the OpenAPI document generated from them and
//!   from the field definitions of [`crate::tables`].

pub mod caching;
pub mod compose;
pub mod cors;
pub mod error;
pub mod limits;
pub mod negotiation;
pub mod openapi;
pub mod pagination;
pub mod query;
pub mod response_cache;
pub mod routes;
pub mod search;
pub mod security;
pub mod snippet;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod views;

use std::path::Path;
use std::process::ExitCode;

pub use limits::Limits;
pub use startup::{Application, Settings, dated_corpus};
pub use telemetry::LogFormat;

/// `congres-numerique serve`: starts the service and blocks until SIGINT or SIGTERM.
pub fn serve(settings: Settings, log_format: LogFormat) -> ExitCode {
    telemetry::init(log_format);
    let result = actix_web::rt::System::new().block_on(async move {
        let app = Application::build(settings).await?;
        tracing::info!(
            address = %app.address(),
            base_url = %app.base_url(),
            "listening; documentation at {}/swagger-ui/",
            app.base_url()
        );
        app.run_until_stopped().await?;
        anyhow::Ok(())
    });
    match result {
        Ok(()) => {
            tracing::info!("stopped");
            ExitCode::SUCCESS
        }
        Err(error) => {
            tracing::error!("{error:#}");
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// `congres-numerique openapi`: writes the OpenAPI document generated from the code and the corpus.
pub fn write_openapi(seeds: &Path, out: &Path) -> ExitCode {
    match openapi::write(seeds, out) {
        Ok(()) => {
            println!("wrote {}", out.display());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
