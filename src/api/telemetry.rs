//! Logs: one line per request (method, path, status, latency), as text for a terminal or as JSON
//! for a log collector.
//!
//! What is not logged is deliberate. The query string is left out: it carries what people type
//! (searches, names), which a log has no business keeping. No request header is logged, so
//! neither `Authorization` nor `Cookie` can end up in a log file, and no client address (the
//! reverse proxy keeps its own access log). Paths are cut to [`MAX_LOGGED_PATH`] bytes so a
//! hostile client cannot write lines of a hundred kilobytes.

use std::borrow::Cow;
use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;

use tracing::field::{Field, Visit};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::time::{FormatTime, SystemTime};
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields, MakeWriter};
use tracing_subscriber::registry::LookupSpan;

/// Log levels when `RUST_LOG` is not set. actix-http logs at ERROR every connection a client
/// spoils (a malformed or oversized request head, a slow client cut by the request timeout, a
/// reset): it has already answered them 400, 431 or 408, they are the clients' errors, and under
/// a scanner they would bury the service's own errors. `RUST_LOG=info` shows them again.
pub const DEFAULT_FILTER: &str = "info,actix_http::h1=off";

/// Longest path written in a log line, in bytes.
pub const MAX_LOGGED_PATH: usize = 256;

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line.
    Json,
}

/// Installs the global subscriber; the levels come from `RUST_LOG` (default [`DEFAULT_FILTER`]). Does
/// nothing if one is already installed (tests start many applications in one process).
pub fn init(format: LogFormat) {
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let _already_installed = try_init_with(format, std::io::stderr, ansi);
}

/// Installs the global subscriber of [`init`], writing to `writer` (tests capture the lines).
pub fn try_init_with<W>(
    format: LogFormat,
    writer: W,
    ansi: bool,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>>
where
    W: for<'w> MakeWriter<'w> + Send + Sync + 'static,
{
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(ansi)
        .with_writer(writer);
    match format {
        // A terminal gets tracing-subscriber's own coloured lines; a file or a journal the plain
        // line of `PlainLine`, the same words without the cost of styling them.
        LogFormat::Text if ansi => builder.try_init(),
        LogFormat::Text => builder.event_format(PlainLine).try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    }
}

/// The text line when no terminal shows it: `time LEVEL target: message key=value…`, the layout
/// of tracing-subscriber's default without ANSI. That formatter styles every field name and `=`
/// even with ANSI off, through a `Debug` visitor: its line took 9.4k of the 35.3k instructions of
/// a cached item, this one 6.4k of 32.2k (`bench/callgrind.sh`, BENCHMARKS.md).
struct PlainLine;

impl<S, N> FormatEvent<S, N> for PlainLine
where
    S: tracing::Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(
        &self,
        _ctx: &FmtContext<'_, S, N>,
        mut writer: Writer<'_>,
        event: &tracing::Event<'_>,
    ) -> std::fmt::Result {
        let meta = event.metadata();
        SystemTime.format_time(&mut writer)?;
        write!(writer, " {:>5} {}:", meta.level(), meta.target())?;
        let mut fields = PlainFields {
            writer: &mut writer,
            result: Ok(()),
        };
        event.record(&mut fields);
        fields.result?;
        writer.write_char('\n')
    }
}

/// Writes ` message` then ` name=value` for each field, integers and strings without `Debug`.
struct PlainFields<'a, 'w> {
    writer: &'a mut Writer<'w>,
    result: std::fmt::Result,
}

impl PlainFields<'_, '_> {
    fn field(&mut self, field: &Field, value: &dyn std::fmt::Display) {
        if self.result.is_err() {
            return;
        }
        self.result = if field.name() == "message" {
            write!(self.writer, " {value}")
        } else {
            write!(self.writer, " {}={value}", field.name())
        };
    }
}

impl Visit for PlainFields<'_, '_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.field(field, &value);
    }

    fn record_u64(&mut self, field: &Field, value: u64) {
        self.field(field, &value);
    }

    fn record_i64(&mut self, field: &Field, value: i64) {
        self.field(field, &value);
    }

    fn record_bool(&mut self, field: &Field, value: bool) {
        self.field(field, &value);
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.field(field, &format_args!("{value:?}"));
    }
}

/// A request path as logged: whole up to [`MAX_LOGGED_PATH`] bytes, then cut with `…`.
pub fn loggable_path(path: &str) -> Cow<'_, str> {
    if path.len() <= MAX_LOGGED_PATH {
        return Cow::Borrowed(path);
    }
    let mut end = MAX_LOGGED_PATH;
    while !path.is_char_boundary(end) {
        end -= 1;
    }
    Cow::Owned(format!("{}…", &path[..end]))
}

/// Middleware, outermost: logs every request once it is answered, with the method the client
/// sent (before HEAD is routed as GET) and the path without its query string.
pub async fn log_request(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let start = Instant::now();
    let method = req.method().clone();
    // The target shares the request's bytes (a reference count, no copy); the request itself
    // must stay unshared (the layers inside rewrite its head).
    let uri = req.uri().clone();
    let result = next.call(req).await;
    let latency_ms = start.elapsed().as_secs_f64() * 1000.0;
    let path = loggable_path(uri.path());
    match &result {
        Ok(res) => tracing::info!(
            method = %method,
            path = %path,
            status = res.status().as_u16(),
            latency_ms = format_args!("{latency_ms:.2}"),
            "request"
        ),
        // Only the status: an error's message may quote the values of the query string.
        Err(error) => tracing::error!(
            method = %method,
            path = %path,
            status = error.as_response_error().status_code().as_u16(),
            latency_ms = format_args!("{latency_ms:.2}"),
            "request failed"
        ),
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `MakeWriter` into a shared buffer.
    #[derive(Clone, Default)]
    struct Buffer(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

    impl std::io::Write for Buffer {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().expect("buffer").extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_plain_line_has_time_level_target_message_and_fields_without_escapes() {
        let buffer = Buffer::default();
        let sink = buffer.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_ansi(false)
            .with_writer(move || sink.clone())
            .event_format(PlainLine)
            .finish();
        tracing::subscriber::with_default(subscriber, || {
            let method = actix_web::http::Method::GET;
            tracing::info!(
                method = %method,
                path = "/api/v1/items",
                status = 200u16,
                latency_ms = format_args!("{:.2}", 0.125),
                "request"
            );
        });
        let text = String::from_utf8(buffer.0.lock().expect("buffer").clone()).expect("UTF-8");
        let (time, rest) = text.split_once(' ').expect("a time first");
        assert!(time.ends_with('Z') && time.contains('T'), "{text}");
        assert_eq!(
            rest.trim_start(),
            "INFO congres_numerique::api::telemetry::tests: request method=GET \
             path=/api/v1/items status=200 latency_ms=0.12\n"
        );
        assert!(!text.contains('\u{1b}'), "no ANSI escape: {text:?}");
    }

    #[test]
    fn long_paths_are_cut_at_a_character_boundary() {
        assert_eq!(loggable_path("/api/v1/items"), "/api/v1/items");
        let long = format!("/{}", "é".repeat(MAX_LOGGED_PATH));
        let logged = loggable_path(&long);
        assert!(logged.len() <= MAX_LOGGED_PATH + '…'.len_utf8());
        assert!(logged.ends_with('…'));
    }
}
