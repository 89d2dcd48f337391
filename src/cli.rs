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
    /// Write the complete publication (CSV, JSON, RDF, schemas, catalogue) into exports/.
    Export,
    /// Serve the API, its documentation and the exports over HTTP.
    Serve,
    /// Write the OpenAPI document to openapi/openapi.json.
    Openapi,
}

/// Runs a parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Check => check(&cli.seeds),
        Command::Export | Command::Serve | Command::Openapi => {
            eprintln!("congres-numerique: this subcommand is not implemented yet");
            ExitCode::from(2)
        }
    }
}

fn check(seeds: &std::path::Path) -> ExitCode {
    match Corpus::load(seeds) {
        Ok(corpus) => {
            print!("{}", corpus.summary());
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
