//! Start-up: load the corpus, compute the views, bind the listener, wire the middleware.
//!
//! [`Application::build`] does everything that can fail before the first request, so a bad
//! seed file or a busy port is reported at once; tests bind port 0 and read the real port back.
//! [`app`] wires the routes and the middleware; the server around it gets the connection limits
//! and timeouts of [`Limits`].

use std::net::{SocketAddr, TcpListener, ToSocketAddrs};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{Server, ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::middleware::{Compress, from_fn};
use actix_web::{App, HttpServer, web};
use anyhow::Context;
use utoipa_swagger_ui::{Config, SwaggerUi};

use super::caching::{etag_per_encoding, head_as_get};
use super::cors;
use super::error::{ApiError, catch_panics, cors_problems, not_found, problem_responses};
use super::limits::{Limits, admit};
use super::response_cache::{ResponseCache, cache_responses};
use super::routes;
use super::security::security_headers;
use super::state::AppState;
use super::telemetry::log_request;
use crate::corpus::Corpus;
use crate::publication::Publication;

/// How long in-flight requests may take to finish after SIGINT or SIGTERM.
const SHUTDOWN_GRACE_SECONDS: u64 = 30;

/// What `serve` needs to start.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `host:port`; port 0 picks a free port.
    pub bind: String,
    /// Public base of the service (IRIs, links). `None`: `http://{the bound address}`.
    pub base_url: Option<String>,
    /// The `seeds/` directory.
    pub seeds: PathBuf,
    /// The directory served under `/exports/`.
    pub exports: PathBuf,
    /// The directory served under `/schemas/` (what `dct:conformsTo` and the JSON-LD context
    /// links point to).
    pub schemas: PathBuf,
    /// The release history (`releases/`).
    pub releases: PathBuf,
    /// Worker threads; `None`: one per core.
    pub workers: Option<usize>,
    /// Connection limits and timeouts ([`Limits::default`] for a public service).
    pub limits: Limits,
}

/// A bound, ready-to-run service.
pub struct Application {
    address: SocketAddr,
    base_url: String,
    server: Server,
}

impl Application {
    /// Loads and validates the corpus from `settings.seeds`, then [`Application::build_with`].
    /// Its records are dated by the release history in `settings.releases`.
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let start = Instant::now();
        let (history, dating) = releases(&settings.releases)?;
        let releases_ms = elapsed_ms(start);
        let corpus =
            Corpus::load(&settings.seeds)?.with_record_dates(dating.record_dates().clone());
        tracing::info!(
            releases_ms,
            corpus_ms = elapsed_ms(start) - releases_ms,
            items = corpus.items.len(),
            "corpus loaded and checked"
        );
        Self::build_from(settings, Arc::new(corpus), history, dating).await
    }

    /// Builds the service over an already loaded corpus (tests share one), which must be dated
    /// by the same release history ([`dated_corpus`]): otherwise the API would give its records
    /// other dates than the exports it serves.
    pub async fn build_with(settings: Settings, corpus: Arc<Corpus>) -> anyhow::Result<Self> {
        let (history, dating) = releases(&settings.releases)?;
        if corpus.record_dates() != dating.record_dates() {
            anyhow::bail!(
                "the corpus is not dated by the release history in {} (see api::dated_corpus)",
                settings.releases.display()
            );
        }
        Self::build_from(settings, corpus, history, dating).await
    }

    async fn build_from(
        settings: Settings,
        corpus: Arc<Corpus>,
        history: crate::release::History,
        dating: crate::release::dates::Dating,
    ) -> anyhow::Result<Self> {
        let publication = Publication::load(&settings.seeds).map_err(|d| anyhow::anyhow!("{d}"))?;
        let listener = listen(&settings.bind, settings.limits.backlog)
            .with_context(|| format!("cannot listen on {}", settings.bind))?;
        let address = listener.local_addr()?;
        let base_url = match &settings.base_url {
            Some(url) => url.trim_end_matches('/').to_string(),
            None => default_base_url(address),
        };
        if !(base_url.starts_with("http://") || base_url.starts_with("https://")) {
            anyhow::bail!("base URL {base_url:?} is not an absolute http(s) URL");
        }
        let publication = publication.with_base_url(&base_url);
        let start = Instant::now();
        let mut state = AppState::build(corpus, publication, settings.exports, settings.schemas)?;
        tracing::info!(
            state_ms = elapsed_ms(start),
            "tables, search index and views built"
        );
        state.releases_dir = settings.releases;
        state.history = Arc::new(history);
        state.dating = dating;
        state.sparql_limits = settings.limits.sparql.clone();
        state.response_cache = ResponseCache::new(settings.limits.response_cache_bytes);
        let state = web::Data::new(state);
        if !state.exports_dir.is_dir() {
            tracing::warn!(
                exports = %state.exports_dir.display(),
                "the exports directory does not exist: /api/v1/exports will be empty"
            );
        }

        let factory_state = state.clone();
        let limits = &settings.limits;
        let mut server = HttpServer::new(move || app(factory_state.clone()))
            .client_request_timeout(limits.request_timeout)
            .client_disconnect_timeout(limits.disconnect_timeout)
            .keep_alive(limits.keep_alive)
            .max_connections(limits.max_connections_per_worker)
            .listen(listener)?
            .shutdown_timeout(SHUTDOWN_GRACE_SECONDS);
        if let Some(workers) = settings.workers {
            server = server.workers(workers);
        }
        Ok(Application {
            address,
            base_url,
            server: server.run(),
        })
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    pub fn port(&self) -> u16 {
        self.address.port()
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Serves until SIGINT or SIGTERM, then stops accepting connections and lets the requests
    /// in flight finish (up to [`SHUTDOWN_GRACE_SECONDS`]).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// Milliseconds since `start`, for the start-up log lines.
fn elapsed_ms(start: Instant) -> u64 {
    u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX)
}

/// The release history in `settings.releases` (none if the directory does not exist) and the
/// dates it gives; an altered history stops the start-up, since dates are never guessed.
fn releases(
    dir: &std::path::Path,
) -> anyhow::Result<(crate::release::History, crate::release::dates::Dating)> {
    if !dir.is_dir() {
        return Ok((
            crate::release::History::empty(dir),
            crate::release::dates::Dating::none(),
        ));
    }
    let history = crate::release::History::load(dir)?;
    let dating = crate::release::dates::Dating::from_history(&history)?;
    Ok((history, dating))
}

/// The corpus in `seeds`, each record dated by the release history in `releases` (none if
/// that directory does not exist), as [`Application::build`] loads it.
pub fn dated_corpus(seeds: &std::path::Path, releases: &std::path::Path) -> anyhow::Result<Corpus> {
    let (_, dating) = self::releases(releases)?;
    Ok(Corpus::load(seeds)?.with_record_dates(dating.record_dates().clone()))
}

/// The application over `state`: routes, documentation and middleware (one per worker).
pub(crate) fn app(
    state: web::Data<AppState>,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    App::new()
        .app_data(state)
        // Extractor failures become problem details too (none of the routes reads a body
        // today; the handlers are set so a future one cannot answer plain text).
        .app_data(web::PathConfig::default().error_handler(|error, _| {
            ApiError::not_found(format!("Adresse invalide : {error}."), None).into()
        }))
        .app_data(web::QueryConfig::default().error_handler(|_, _| ApiError::MalformedQuery.into()))
        .app_data(web::JsonConfig::default().error_handler(|error, _| {
            ApiError::invalid("body", "", error.to_string(), Vec::<String>::new()).into()
        }))
        .configure(routes::configure)
        .service(
            // The document is served by `/openapi.json` (with its ETag); the UI only points at
            // it. The UI's files are vendored: it works offline.
            SwaggerUi::new("/swagger-ui/{_:.*}").config(
                Config::new(["/openapi.json"])
                    .try_it_out_enabled(true)
                    .display_request_duration(true)
                    .doc_expansion("list"),
            ),
        )
        .default_service(web::to(not_found))
        // Innermost first: a panic becomes an error, requests no resource can serve are
        // refused before routing, errors become problem details before they are compressed and
        // tagged, CORS preflights are answered (CORS's own errors becoming problems too), every
        // answer gets its CORS and security headers, successful GET answers are kept whole (see
        // `response_cache`), and every request is logged. What the cache answers has been through
        // every layer inside it once: a hit only crosses the two outer ones.
        .wrap(from_fn(catch_panics))
        .wrap(from_fn(admit))
        .wrap(from_fn(problem_responses))
        .wrap(from_fn(crate::site::errors::browser_pages))
        .wrap(Compress::default())
        .wrap(from_fn(etag_per_encoding))
        .wrap(cors::preflight())
        .wrap(from_fn(cors_problems))
        .wrap(from_fn(cors::public_reads))
        .wrap(from_fn(security_headers))
        .wrap(from_fn(cache_responses))
        .wrap(from_fn(head_as_get))
        .wrap(from_fn(log_request))
}

/// Binds `bind` (`host:port`, every address it resolves to is tried in turn) with a listen
/// backlog of `backlog` connections. `std::net::TcpListener::bind` fixes the backlog itself.
fn listen(bind: &str, backlog: u32) -> std::io::Result<TcpListener> {
    let mut last_error = None;
    for address in bind.to_socket_addrs()? {
        match listen_on(address, backlog) {
            Ok(listener) => return Ok(listener),
            Err(error) => last_error = Some(error),
        }
    }
    Err(last_error.unwrap_or_else(|| {
        std::io::Error::new(std::io::ErrorKind::InvalidInput, "no address to listen on")
    }))
}

fn listen_on(address: SocketAddr, backlog: u32) -> std::io::Result<TcpListener> {
    use socket2::{Domain, Protocol, Socket, Type};
    let socket = Socket::new(
        Domain::for_address(address),
        Type::STREAM,
        Some(Protocol::TCP),
    )?;
    // As std does on Unix: a restarted service binds again while old connections linger in
    // TIME_WAIT.
    socket.set_reuse_address(true)?;
    socket.bind(&address.into())?;
    socket.listen(i32::try_from(backlog).unwrap_or(i32::MAX))?;
    Ok(socket.into())
}

/// `http://{address}`, with a wildcard address (`0.0.0.0`, `::`) replaced by the loopback one:
/// a wildcard is where the service listens, not an address a client can use.
fn default_base_url(address: SocketAddr) -> String {
    let ip = address.ip();
    let ip = if ip.is_unspecified() {
        match ip {
            std::net::IpAddr::V4(_) => std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
            std::net::IpAddr::V6(_) => std::net::IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
        }
    } else {
        ip
    };
    format!("http://{}", SocketAddr::new(ip, address.port()))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use actix_web::http::header;

    use super::*;

    async fn buggy_handler() -> &'static str {
        panic!("a bug")
    }

    #[actix_web::test]
    async fn a_panicking_handler_is_answered_500_as_a_problem_and_the_service_goes_on() {
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let corpus = Arc::new(Corpus::load(&seeds).expect("the bundled corpus is valid"));
        let publication = Publication::load(&seeds).expect("the publication is valid");
        let state = web::Data::new(
            AppState::build(corpus, publication, "exports".into(), "schemas".into()).unwrap(),
        );
        // The real application behind a real server (actix renders an error that leaves the
        // middleware itself), plus a route that panics: routes added after `wrap` are wrapped
        // all the same.
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let server = HttpServer::new(move || {
            app(state.clone()).route("/panic", web::get().to(buggy_handler))
        })
        .workers(1)
        .listen(listener)
        .unwrap()
        .run();
        let handle = server.handle();
        actix_web::rt::spawn(server);

        let client = awc::Client::default();
        let mut response = client.get(format!("{base}/panic")).send().await.unwrap();
        assert_eq!(response.status(), 500);
        let headers = response.headers();
        assert_eq!(
            headers.get(header::CONTENT_TYPE).unwrap(),
            "application/problem+json"
        );
        assert_eq!(
            headers.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(),
            "nosniff"
        );
        let problem: serde_json::Value = response.json().await.unwrap();
        assert_eq!(problem["status"], 500);
        // The cause is logged, never shown.
        assert!(!problem.to_string().contains("a bug"));
        // The worker survived: the next request is served.
        let after = client.get(format!("{base}/health")).send().await.unwrap();
        assert_eq!(after.status(), 200);
        handle.stop(false).await;
    }

    #[test]
    fn the_default_base_url_is_an_address_a_client_can_use() {
        assert_eq!(
            default_base_url("127.0.0.1:8080".parse().unwrap()),
            "http://127.0.0.1:8080"
        );
        assert_eq!(
            default_base_url("0.0.0.0:8080".parse().unwrap()),
            "http://127.0.0.1:8080"
        );
        assert_eq!(
            default_base_url("[::]:80".parse().unwrap()),
            "http://[::1]:80"
        );
    }
}
