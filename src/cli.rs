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
    /// Draft next year's edition from the received document: writes a draft edition file with
    /// review comments, copies the source and adds its record, then runs `check`.
    Draft(crate::draft::cli::DraftArgs),
    /// Create or update the dataset on data.gouv.fr (udata API v1) from exports/datagouv.json,
    /// sending only what differs. Dry run by default: prints each call it would make. The API
    /// key is read from the environment variable DATAGOUV_API_KEY, never from a flag.
    Publish(PublishArgs),
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
                limits: crate::api::Limits::default(),
            },
            args.log_format,
        ),
        Command::Publish(ref args) => publish(args),
        Command::Openapi { ref out } => crate::api::write_openapi(&cli.seeds, out),
        Command::Draft(ref args) => crate::draft::cli::run(&cli.seeds, args),
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
