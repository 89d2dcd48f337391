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
    /// Lay out seed TOML files canonically (like rustfmt): long text values wrapped at 100
    /// characters as the draft writes them; values, comments and key order unchanged. Refuses a
    /// file whose values would change.
    Fmt {
        /// List the files not laid out canonically and exit 1, writing nothing.
        #[arg(long)]
        check: bool,
        /// The files (default: every seeds/corpus/**/*.toml).
        files: Vec<PathBuf>,
    },
    /// Draft next year's edition from the received document: writes a draft edition file with
    /// review comments, copies the source and adds its record, then runs `check`.
    Draft(crate::draft::cli::DraftArgs),
    /// Create or update the dataset on data.gouv.fr (udata API v1) from exports/datagouv.json,
    /// sending only what differs. Dry run by default: prints each call it would make. The API
    /// key is read from the environment variable DATAGOUV_API_KEY, never from a flag.
    Publish(PublishArgs),
    /// Freeze what `export` produces into an immutable release VERSION (2026.1, then 2026.2…):
    /// a manifest and the content of the files that changed, under releases/. Refuses an
    /// existing or earlier version, a corpus that fails `check` and an altered release store.
    Release {
        /// Calendar version YEAR.N, after the last release.
        version: String,
        /// The release note (French).
        #[arg(long, conflicts_with = "note_file")]
        note: Option<String>,
        /// A file holding the release note.
        #[arg(long)]
        note_file: Option<PathBuf>,
        /// The release date (YYYY-MM-DD, UTC); default: today.
        #[arg(long)]
        date: Option<String>,
        /// The release directory.
        #[arg(long, default_value = "releases")]
        releases: PathBuf,
    },
    /// List what changed between A and B (each a version or `working`, the current corpus):
    /// files, and records added, removed and changed field by field in every table.
    Diff {
        from: String,
        to: String,
        /// JSON instead of French text.
        #[arg(long)]
        json: bool,
        /// The release directory.
        #[arg(long, default_value = "releases")]
        releases: PathBuf,
    },
    /// Ask a running service for its /health answer: exit status 0 if it answers 200 (the
    /// health check of the OCI image, which has no shell or curl).
    Health {
        /// URL of the health endpoint.
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

/// Options of `publish`.
#[derive(Debug, clap::Args)]
pub struct PublishArgs {
    /// The udata API root: https://demo.data.gouv.fr/api/1 to try it on the demo server.
    #[arg(long, default_value = crate::publish::DEFAULT_BASE)]
    pub base: String,
    /// The dataset's slug or id on the server (default: the slug udata derives from the title).
    #[arg(long)]
    pub dataset: Option<String>,
    /// The metadata written by `export`.
    #[arg(long, default_value = "exports/datagouv.json")]
    pub metadata: PathBuf,
    /// The id of the organization that publishes the dataset when it is created (the key's
    /// user must be a member of it); without it the dataset is the user's own.
    #[arg(long)]
    pub organization: Option<String>,
    /// Make the calls (needs DATAGOUV_API_KEY).
    #[arg(long, conflicts_with = "dry_run")]
    pub apply: bool,
    /// Only print the calls (the default).
    #[arg(long)]
    pub dry_run: bool,
    /// Upload the files udata accepts (CSV, JSON, RDF/XML, Turtle, ODS, XLSX) so that
    /// data.gouv.fr hosts them; without it every resource links to the project's site.
    #[arg(long)]
    pub upload: bool,
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
    /// The release history served under /releases/ and /api/v1/releases.
    #[arg(long, default_value = "releases", env = "CONGRES_NUMERIQUE_RELEASES")]
    pub releases: PathBuf,
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
                releases: args.releases,
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
        Command::Publish(ref args) => publish(args),
        Command::Openapi { ref out } => crate::api::write_openapi(&cli.seeds, out),
        Command::Health { ref url } => match health(url) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("unhealthy: {error}");
                ExitCode::FAILURE
            }
        },
        Command::Fmt { check, ref files } => fmt(&cli.seeds, files, check),
        Command::Draft(ref args) => crate::draft::cli::run(&cli.seeds, args),
        Command::Release {
            ref version,
            ref note,
            ref note_file,
            ref date,
            ref releases,
        } => release(
            &cli.seeds,
            releases,
            version,
            note.as_deref(),
            note_file.as_deref(),
            date.as_deref(),
        ),
        Command::Diff {
            ref from,
            ref to,
            json,
            ref releases,
        } => diff(&cli.seeds, releases, from, to, json),
    }
}

fn fmt(seeds: &std::path::Path, files: &[PathBuf], check: bool) -> ExitCode {
    use crate::corpus::layout;
    let files = if files.is_empty() {
        match layout::corpus_files(seeds) {
            Ok(files) => files,
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        files.to_vec()
    };
    let mut failed = false;
    for file in &files {
        match layout::format_file(file, !check) {
            Ok(true) if check => {
                println!("{}", file.display());
                failed = true;
            }
            Ok(true) => println!("formaté : {}", file.display()),
            Ok(false) => {}
            Err(error) => {
                eprintln!("{error}");
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// `GET url` with a 2-second timeout (the HTTP client of `publish`); Ok if the status is 200.
fn health(url: &str) -> Result<(), ureq::Error> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(std::time::Duration::from_secs(2)))
        .build()
        .into();
    let response = agent.get(url).call()?;
    if response.status() == 200 {
        Ok(())
    } else {
        Err(ureq::Error::StatusCode(response.status().as_u16()))
    }
}

fn publish(args: &PublishArgs) -> ExitCode {
    use crate::publish::{API_KEY_VAR, ApiKey, Client};
    let key = std::env::var(API_KEY_VAR).ok().and_then(ApiKey::new);
    let client = Client::new(&args.base, key);
    let mut out = std::io::stdout().lock();
    let options = crate::publish::Options {
        dataset: args.dataset.clone(),
        apply: args.apply,
        upload: args.upload,
        organization: args.organization.clone(),
    };
    match crate::publish::publish(&args.metadata, &options, &client, &mut out) {
        Ok(_) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn release(
    seeds: &std::path::Path,
    dir: &std::path::Path,
    version: &str,
    note: Option<&str>,
    note_file: Option<&std::path::Path>,
    date: Option<&str>,
) -> ExitCode {
    use crate::release::{self, ReleaseRequest};
    let request = (|| -> Result<ReleaseRequest<'_>, String> {
        let version = version.parse().map_err(|e| format!("{e}"))?;
        let note = match (note, note_file) {
            (Some(note), _) => note.to_string(),
            (None, Some(path)) => {
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?
            }
            (None, None) => String::new(),
        };
        let date = match date {
            Some(date) => date
                .parse()
                .map_err(|_| format!("--date « {date} »: expected YYYY-MM-DD"))?,
            // The one place the clock is read: the day a release is made is its date.
            None => jiff::Timestamp::now()
                .to_zoned(jiff::tz::TimeZone::UTC)
                .date(),
        };
        Ok(ReleaseRequest {
            seeds,
            dir,
            version,
            date,
            note: note.trim_end().to_string(),
        })
    })();
    let request = match request {
        Ok(request) => request,
        Err(error) => {
            eprintln!("error: {error}; nothing was written");
            return ExitCode::FAILURE;
        }
    };
    match release::release(&request) {
        Ok(released) => {
            println!(
                "release {} ({}): {} files, {} new objects, {} bytes added to {}",
                released.manifest.version,
                released.manifest.date,
                released.manifest.files.len(),
                released.new_objects,
                released.new_bytes,
                dir.display()
            );
            print!("{}", released.diff.to_text());
            ExitCode::SUCCESS
        }
        Err(error) => release_error(&error),
    }
}

fn release_error(error: &crate::release::ReleaseError) -> ExitCode {
    if let crate::release::ReleaseError::Corpus(error) = error {
        for diagnostic in &error.diagnostics {
            eprintln!("{diagnostic}");
        }
        eprintln!(
            "error: the corpus has {} problem(s); nothing was written",
            error.diagnostics.len()
        );
    } else {
        eprintln!("error: {error}; nothing was written");
    }
    ExitCode::FAILURE
}

fn diff(
    seeds: &std::path::Path,
    dir: &std::path::Path,
    from: &str,
    to: &str,
    json: bool,
) -> ExitCode {
    use crate::release::{self, Side};
    let sides = from
        .parse::<Side>()
        .and_then(|f| to.parse::<Side>().map(|t| (f, t)));
    let (from, to) = match sides {
        Ok(sides) => sides,
        Err(error) => {
            eprintln!("error: {error} (or « working », the current corpus)");
            return ExitCode::FAILURE;
        }
    };
    match release::diff(seeds, dir, from, to) {
        Ok(diff) if json => match serde_json::to_string_pretty(&diff) {
            Ok(text) => {
                println!("{text}");
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("error: {error}");
                ExitCode::FAILURE
            }
        },
        Ok(diff) => {
            print!("{}", diff.to_text());
            ExitCode::SUCCESS
        }
        Err(error) => release_error(&error),
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
