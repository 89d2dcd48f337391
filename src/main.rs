use std::process::ExitCode;

use clap::Parser;
use congres_numerique::cli::{Cli, run};

fn main() -> ExitCode {
    run(Cli::parse())
}
