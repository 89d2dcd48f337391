//! The command line: one definition per subcommand and flag (clap derives parsing and `--help`).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::corpus::Corpus;

#[derive(Debug, Parser)]
#[command(
    name = "congres-numerique",
    version,
    about = "Les motions du Congrès national des élus au numérique en données ouvertes",
    long_about = "Valide le corpus (seeds/), sert l'API documentée et écrit les exports (CSV, JSON, RDF)."
)]
pub struct Cli {
    /// Directory holding corpus/, sources/ and reference/.
    #[arg(
        long,
        global = true,
        default_value = "seeds",
        env = "CONGRES_NUMERIQUE_SEEDS"
    )]
    pub seeds: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load and validate the whole corpus; print every problem as file:line:column, or a summary.
    Check,
    /// Write the complete publication (CSV, JSON, RDF, data package) into exports/ and its
    /// schemas into schemas/, atomically; a corpus that fails `check` is never exported.
    Export {
        /// Directory of the published files (replaced whole).
        #[arg(long, default_value = "exports")]
        out: PathBuf,
        /// Directory of the schemas (replaced whole).
        #[arg(long, default_value = "schemas")]
        schemas: PathBuf,
    },
    /// Serve the API, its documentation and the exports over HTTP.
    Serve(ServeArgs),
    /// Ask a running service for its /health answer: exit status 0 if it answers 200 (the
    /// health check of the OCI image, which has no shell or curl).
    Health {
        /// URL of the health endpoint (plain HTTP).
        #[arg(long, default_value = "http://127.0.0.1:8080/health")]
        url: String,
    },
    /// Write the OpenAPI document (generated from the code and the corpus) to a file.
    Openapi {
        /// Where to write the document.
        #[arg(long, default_value = "openapi/openapi.json")]
        out: PathBuf,
    },
}

/// Options of `serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, default_value = "127.0.0.1:8080", env = "CONGRES_NUMERIQUE_BIND")]
    pub bind: String,
    /// Public base URL of the service, used in IRIs and links. Default: http://{bind}, so that
    /// every link a local run returns can be followed on that run; set it to the public URL
    /// behind a proxy.
    #[arg(long, env = "CONGRES_NUMERIQUE_BASE_URL")]
    pub base_url: Option<String>,
    /// Directory served under /exports/.
    #[arg(long, default_value = "exports", env = "CONGRES_NUMERIQUE_EXPORTS")]
    pub exports: PathBuf,
    /// Directory served under /schemas/ (Table Schemas, JSON-LD contexts, SHACL shapes).
    #[arg(long, default_value = "schemas", env = "CONGRES_NUMERIQUE_SCHEMAS")]
    pub schemas: PathBuf,
    /// Bytes of finished answers kept in memory and served again (0: none kept, every
    /// request computes its answer). Default: 64 MiB.
    #[arg(long, env = "CONGRES_NUMERIQUE_RESPONSE_CACHE_BYTES")]
    pub response_cache_bytes: Option<usize>,
    /// Log format.
    #[arg(
        long,
        value_enum,
        default_value = "text",
        env = "CONGRES_NUMERIQUE_LOG_FORMAT"
    )]
    pub log_format: crate::api::LogFormat,
}

/// Runs a parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Check => check(&cli.seeds),
        Command::Export {
            ref out,
            ref schemas,
        } => export(&cli.seeds, out, schemas),
        Command::Serve(args) => crate::api::serve(
            crate::api::Settings {
                bind: args.bind,
                base_url: args.base_url,
                seeds: cli.seeds,
                exports: args.exports,
                schemas: args.schemas,
                workers: None,
                limits: crate::api::Limits {
                    response_cache_bytes: args
                        .response_cache_bytes
                        .unwrap_or(crate::api::Limits::default().response_cache_bytes),
                    ..crate::api::Limits::default()
                },
            },
            args.log_format,
        ),
        Command::Openapi { ref out } => crate::api::write_openapi(&cli.seeds, out),
        Command::Health { ref url } => match health(url) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("unhealthy: {error}");
                ExitCode::FAILURE
            }
        },
    }
}

/// `GET url` over plain HTTP/1.1 with a 2-second timeout; Ok if the status is 200.
fn health(url: &str) -> anyhow::Result<()> {
    use std::io::{Read, Write};
    use std::net::ToSocketAddrs;
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| anyhow::anyhow!("{url}: only http:// URLs are supported"))?;
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let path = if path.is_empty() { "/" } else { path };
    let address = authority
        .to_socket_addrs()?
        .next()
        .ok_or_else(|| anyhow::anyhow!("{authority}: no address"))?;
    let timeout = std::time::Duration::from_secs(2);
    let mut stream = std::net::TcpStream::connect_timeout(&address, timeout)?;
    stream.set_read_timeout(Some(timeout))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n\r\n"
    )?;
    let mut head = [0u8; 16];
    stream.read_exact(&mut head)?;
    if head.starts_with(b"HTTP/1.1 200") {
        Ok(())
    } else {
        anyhow::bail!("{}", String::from_utf8_lossy(&head))
    }
}

fn check(seeds: &std::path::Path) -> ExitCode {
    match Corpus::load(seeds) {
        Ok(corpus) => {
            print!("{}", corpus.summary());
            // What could not be verified is said, not hidden, and is not a failure.
            for note in &corpus.unverified {
                println!("{note}");
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            for diagnostic in &error.diagnostics {
                eprintln!("{diagnostic}");
            }
            eprintln!(
                "error: the corpus has {} problem(s); nothing was written",
                error.diagnostics.len()
            );
            ExitCode::FAILURE
        }
    }
}

fn export(seeds: &std::path::Path, out: &std::path::Path, schemas: &std::path::Path) -> ExitCode {
    match crate::export::export(seeds, out, schemas) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(crate::export::ExportError::Corpus(error)) => {
            for diagnostic in &error.diagnostics {
                eprintln!("{diagnostic}");
            }
            eprintln!(
                "error: the corpus has {} problem(s); nothing was exported",
                error.diagnostics.len()
            );
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("error: {error}; nothing was exported");
            ExitCode::FAILURE
        }
    }
}
