//! The documentation is part of the product: every command-line option is explained in the
//! README, so that none is only discoverable by reading the code.

use clap::CommandFactory;
use congres_numerique::cli::Cli;

#[test]
fn every_subcommand_and_option_is_documented_in_the_readme() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let cli = Cli::command();
    let mut missing = Vec::new();
    for argument in cli.get_arguments() {
        if let Some(long) = argument.get_long()
            && !readme.contains(&format!("--{long}"))
        {
            missing.push(format!("--{long}"));
        }
    }
    for subcommand in cli.get_subcommands() {
        if !readme.contains(&format!("-- {}", subcommand.get_name())) {
            missing.push(subcommand.get_name().to_string());
        }
        for argument in subcommand.get_arguments() {
            if let Some(long) = argument.get_long()
                && !readme.contains(&format!("--{long}"))
            {
                missing.push(format!("{} --{long}", subcommand.get_name()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "not documented in README.md: {missing:?}"
    );
}
