//! Builds a larger corpus for benchmarks: the bundled seeds multiplied by a factor, every copy a
//! valid edition of its own (new year and ordinal, rewritten ids, its own source files with
//! their SHA-256) with its texts varied, so that loading, validation, search and export work on
//! realistic, distinct data.
//!
//! Usage: `scale_corpus --factor 100 --out /tmp/seeds-x100` (then `congres-numerique check
//! --seeds /tmp/seeds-x100`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::Parser;

#[derive(Debug, Parser)]
#[command(about = "Multiply the bundled corpus for benchmarks")]
struct Args {
    /// How many times the corpus appears in the output (1 = a plain copy).
    #[arg(long)]
    factor: u32,
    /// Output directory (created; must not exist or be empty).
    #[arg(long)]
    out: PathBuf,
    /// The seeds to multiply.
    #[arg(long, default_value = "seeds")]
    seeds: PathBuf,
}

/// Accented words (so that ASCII ids and keys are never touched) and the variants a copy uses
/// instead, chosen by the copy's number: texts differ from copy to copy, in source and data alike.
const VARIANTS: &[(&str, &[&str])] = &[
    (
        "numérique",
        &[
            "numérique",
            "digitale",
            "informatique",
            "électronique",
            "connectée",
        ],
    ),
    (
        "collectivités",
        &[
            "collectivités",
            "communes",
            "municipalités",
            "territoires",
            "mairies",
        ],
    ),
    (
        "élus",
        &[
            "élus",
            "conseillers",
            "édiles",
            "représentants",
            "mandataires",
        ],
    ),
    (
        "données",
        &[
            "données",
            "informations",
            "jeux de données",
            "bases",
            "registres",
        ],
    ),
    (
        "écologique",
        &[
            "écologique",
            "environnementale",
            "climatique",
            "énergétique",
            "durable",
        ],
    ),
];

fn vary(text: &str, copy: u32) -> String {
    VARIANTS
        .iter()
        .fold(text.to_string(), |acc, (word, variants)| {
            let variant = variants[(copy as usize) % variants.len()];
            acc.replace(word, &format!("{variant}{}", suffix(copy)))
        })
}

/// A word-like suffix that makes each copy's texts unique (`numériquexb`).
fn suffix(copy: u32) -> String {
    let mut n = copy;
    let mut out = String::from("x");
    while n > 0 {
        out.push(char::from(b'a' + (n % 26) as u8));
        n /= 26;
    }
    out
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// Value of `key = …` on its own line (`year = 2021` → `2021`).
fn toml_int(text: &str, key: &str) -> Option<u32> {
    text.lines()
        .find_map(|l| l.trim().strip_prefix(&format!("{key} = ")))
        .and_then(|v| v.trim().parse().ok())
}

fn run(args: &Args) -> Result<()> {
    if args.factor == 0 {
        bail!("--factor must be at least 1");
    }
    if args.out.exists() && std::fs::read_dir(&args.out)?.next().is_some() {
        bail!("{} exists and is not empty", args.out.display());
    }
    copy_dir(&args.seeds, &args.out)
        .with_context(|| format!("copying {} to {}", args.seeds.display(), args.out.display()))?;

    let editions_dir = args.seeds.join("corpus/editions");
    let mut editions: Vec<(u32, String)> = Vec::new();
    for entry in std::fs::read_dir(&editions_dir)? {
        let path = entry?.path();
        let text = std::fs::read_to_string(&path)?;
        let year =
            toml_int(&text, "year").with_context(|| format!("no year in {}", path.display()))?;
        editions.push((year, text));
    }
    editions.sort();
    let sources_toml = std::fs::read_to_string(args.seeds.join("corpus/sources.toml"))?;
    let source_blocks: Vec<&str> = sources_toml.split("\n[[sources]]\n").skip(1).collect();

    let mut new_sources = String::new();
    let mut next_year = 2100u32;
    let mut next_ordinal = 100u32;
    for copy in 1..args.factor {
        // Each source is copied with the copy of the edition it covers; an edition citing the
        // source of another edition (a fact's provenance: 2020's rank is implied by the 2021
        // motion) cites that copy, varied the same way, so that its quote is still verbatim.
        let round_years: Vec<(u32, u32)> = editions
            .iter()
            .enumerate()
            .map(|(i, (year, _))| (*year, next_year + i as u32))
            .collect();
        let mut renamed: Vec<(String, String)> = Vec::new();
        for block in &source_blocks {
            let id = block
                .lines()
                .find_map(|l| l.strip_prefix("id = \""))
                .and_then(|l| l.strip_suffix('"'))
                .context("source without id")?;
            let covers = toml_int(block, "congress");
            if let Some((_, new_year)) = round_years.iter().find(|(y, _)| Some(*y) == covers) {
                renamed.push((id.to_string(), format!("{id}-{new_year}")));
            }
        }
        for (year, text) in &editions {
            let new_year = next_year;
            next_year += 1;
            next_ordinal += 1;
            if new_year > 9999 {
                bail!("too many copies: years would pass 9999");
            }
            // The sources this edition cites, copied with varied text.
            let mut edition = vary(text, copy);
            for block in &source_blocks {
                let id = block
                    .lines()
                    .find_map(|l| l.strip_prefix("id = \""))
                    .and_then(|l| l.strip_suffix('"'))
                    .context("source without id")?;
                if !edition.contains(&format!("source = \"{id}\""))
                    || toml_int(block, "congress") != Some(*year)
                {
                    continue;
                }
                let new_id = format!("{id}-{new_year}");
                let new_file = format!("{new_id}.txt");
                // A source of which no copy is kept (a third party's article) is copied as its
                // metadata alone.
                let file = block
                    .lines()
                    .find_map(|l| l.strip_prefix("file = \""))
                    .and_then(|l| l.strip_suffix('"'));
                let sha = match file {
                    Some(file) => {
                        let original =
                            std::fs::read_to_string(args.seeds.join("sources").join(file))?;
                        let varied = vary(&original, copy);
                        std::fs::write(args.out.join("sources").join(&new_file), &varied)?;
                        congres_numerique::export::sha256_hex(varied.as_bytes())
                    }
                    None => String::new(),
                };
                // A redacted copy has its own hash; the document as received is then left as is.
                let redacted = block.lines().any(|l| l.starts_with("copy_sha256 = "));
                let mut new_block = String::new();
                for line in block.lines() {
                    let line = if line.starts_with("id = ") {
                        format!("id = \"{new_id}\"")
                    } else if line.starts_with("file = ") {
                        format!("file = \"{new_file}\"")
                    } else if line.starts_with("copy_sha256 = ") {
                        format!("copy_sha256 = \"{sha}\"")
                    } else if line.starts_with("sha256 = ") && !redacted && file.is_some() {
                        format!("sha256 = \"{sha}\"")
                    } else if line.starts_with("congress = ") {
                        format!("congress = {new_year}")
                    } else {
                        line.to_string()
                    };
                    new_block.push_str(&line);
                    new_block.push('\n');
                }
                new_sources.push_str("\n[[sources]]\n");
                new_sources.push_str(&new_block);
            }
            for (id, new_id) in &renamed {
                edition = edition.replace(
                    &format!("source = \"{id}\""),
                    &format!("source = \"{new_id}\""),
                );
            }
            let edition = edition
                .lines()
                .map(|l| {
                    if l.starts_with("ordinal = ") {
                        format!("ordinal = {next_ordinal}")
                    } else if l.starts_with("year = ") {
                        format!("year = {new_year}")
                    } else if ["start_date", "end_date", "adopted_on"]
                        .iter()
                        .any(|k| l.starts_with(k))
                    {
                        l.replace(&format!("\"{year}-"), &format!("\"{new_year}-"))
                    } else {
                        l.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n");
            std::fs::write(
                args.out.join(format!("corpus/editions/{new_year}.toml")),
                edition + "\n",
            )?;
        }
    }
    let mut sources = sources_toml;
    sources.push_str(&new_sources);
    std::fs::write(args.out.join("corpus/sources.toml"), sources)?;
    println!(
        "{} editions written to {}",
        editions.len() as u32 * args.factor,
        args.out.display()
    );
    Ok(())
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("scale_corpus: {error:#}");
            ExitCode::FAILURE
        }
    }
}
