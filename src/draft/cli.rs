//! The `draft` command: reads a received document, writes the draft edition and the record of
//! its source, prints what was found and what needs a person, then runs `check`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use super::evaluate::{self, Variant};
use super::{Reference, draft, write};
use crate::corpus::Corpus;

/// Options of `draft`.
#[derive(Debug, clap::Args)]
pub struct DraftArgs {
    /// The received document (UTF-8 text extracted from the PDF or web page).
    #[arg(required_unless_present = "evaluate")]
    pub source: Option<PathBuf>,
    /// Year of the edition.
    #[arg(long, required_unless_present = "evaluate")]
    pub year: Option<u16>,
    /// Where to write the draft (default: {seeds}/corpus/editions/{year}.toml). With
    /// `--evaluate`: a directory where each leave-one-out draft is written as {year}.toml, to
    /// read beside the curated file, with {year}.missing.txt: the curated lines the draft lacks,
    /// each after its category.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Do not copy the source into {seeds}/sources/ nor add its record to sources.toml: print
    /// the record instead.
    #[arg(long)]
    pub no_copy: bool,
    /// Overwrite an existing edition, source copy or draft file.
    #[arg(long)]
    pub force: bool,
    /// Instead of drafting: run the leave-one-out evaluation on every edition and print the
    /// score table.
    #[arg(long)]
    pub evaluate: bool,
}

/// Why a draft cannot be made.
#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    #[error("{0}: cannot read the file: {1}")]
    Unreadable(PathBuf, std::io::Error),
    #[error(
        "{0}: not UTF-8 text (invalid byte at offset {1}); convert it first (e.g. `iconv -f latin1 -t utf-8`)"
    )]
    NotUtf8(PathBuf, usize),
    #[error("{0}: the document is empty")]
    Empty(PathBuf),
    #[error("the edition {0} already exists ({1}); use --force to replace it")]
    YearExists(u16, PathBuf),
    #[error("{0} already exists; use --force to overwrite it")]
    Exists(PathBuf),
    #[error("sources.toml already has a source with id \"{0}\"; remove it or use --no-copy")]
    SourceIdExists(String),
    #[error(transparent)]
    Reference(#[from] super::reference::ReferenceError),
    #[error("{0}: {1}")]
    Write(PathBuf, std::io::Error),
}

/// Reads a received document: readable, UTF-8, not empty.
pub fn read_document(path: &Path) -> Result<(Vec<u8>, String), DraftError> {
    let bytes = std::fs::read(path).map_err(|e| DraftError::Unreadable(path.to_path_buf(), e))?;
    let text = String::from_utf8(bytes.clone())
        .map_err(|e| DraftError::NotUtf8(path.to_path_buf(), e.utf8_error().valid_up_to()))?;
    if text.trim().is_empty() {
        return Err(DraftError::Empty(path.to_path_buf()));
    }
    Ok((bytes, text))
}

pub fn run(seeds: &Path, args: &DraftArgs) -> ExitCode {
    if args.evaluate {
        return run_evaluation(seeds, args.out.as_deref());
    }
    match run_draft(seeds, args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run_draft(seeds: &Path, args: &DraftArgs) -> Result<ExitCode, DraftError> {
    let (Some(source), Some(year)) = (&args.source, args.year) else {
        return Ok(ExitCode::FAILURE);
    };
    let (bytes, text) = read_document(source)?;
    let reference = Reference::load(seeds, None)?;
    let edition_path = seeds.join(format!("corpus/editions/{year}.toml"));
    if reference.years.contains(&year) && !args.force {
        return Err(DraftError::YearExists(year, edition_path));
    }
    let out = args.out.clone().unwrap_or(edition_path);
    if out.exists() && !args.force {
        return Err(DraftError::Exists(out));
    }
    let kind = if crate::text::ascii_fold(&text).contains("propositions")
        && !crate::text::ascii_fold(&text).contains("motion")
    {
        "propositions"
    } else {
        "motion"
    };
    let source_id = format!("{year}-{kind}");
    let file = format!("{source_id}.txt");
    let start = Instant::now();
    let d = draft(&text, year, &source_id, &reference);
    let written = write::edition(&d);
    let elapsed = start.elapsed();
    let sha256 = crate::export::sha256_hex(&bytes);
    let original_name = source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.clone());
    let record = write::source_record(&d, &file, &original_name, &sha256, kind);

    let sources_toml = seeds.join("corpus/sources.toml");
    if args.no_copy {
        println!(
            "# Enregistrement à ajouter à {} :{record}",
            sources_toml.display()
        );
    } else {
        let copy = seeds.join("sources").join(&file);
        if copy.exists() && !args.force {
            return Err(DraftError::Exists(copy));
        }
        let existing = std::fs::read_to_string(&sources_toml)
            .map_err(|e| DraftError::Write(sources_toml.clone(), e))?;
        if existing.contains(&format!("id = \"{source_id}\"")) {
            return Err(DraftError::SourceIdExists(source_id));
        }
        std::fs::write(&copy, &bytes).map_err(|e| DraftError::Write(copy.clone(), e))?;
        std::fs::write(&sources_toml, existing + &record)
            .map_err(|e| DraftError::Write(sources_toml.clone(), e))?;
        println!("copié : {} (SHA-256 {sha256})", copy.display());
        println!(
            "ajouté : l'enregistrement \"{source_id}\" à {}",
            sources_toml.display()
        );
    }
    std::fs::write(&out, &written).map_err(|e| DraftError::Write(out.clone(), e))?;
    println!(
        "écrit : {} en {:.1} ms",
        out.display(),
        elapsed.as_secs_f64() * 1000.0
    );
    print_summary(&d, &written);

    println!("\n`check` sur le résultat :");
    match Corpus::load(seeds) {
        Ok(_) => println!("aucun problème"),
        Err(e) => {
            for diagnostic in e.diagnostics.iter().take(40) {
                println!("{diagnostic}");
            }
            println!(
                "{} problème(s) : à corriger avec les commentaires « À VÉRIFIER » du brouillon",
                e.diagnostics.len()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_summary(d: &super::Draft, written: &str) {
    let subs = d.items.iter().filter(|i| i.parent.is_some()).count();
    println!("\nTrouvé :");
    println!("  titre : {}", d.motion.title);
    println!(
        "  {} partie(s), {} section(s), {} item(s) dont {} sous-item(s), {} note(s)",
        d.parts.len(),
        d.sections.len(),
        d.items.len(),
        subs,
        d.motion.footnotes.len()
    );
    let count = |c: &Option<super::Count>| {
        c.as_ref()
            .map(|c| format!("« {} »", c.as_printed))
            .unwrap_or_else(|| "non imprimé".into())
    };
    println!(
        "  contributions : {} ; contributeurs : {}",
        count(&d.congress.contributions),
        count(&d.congress.contributors)
    );
    println!(
        "  rang : {}",
        d.congress
            .ordinal
            .as_ref()
            .map(|o| o.value.to_string())
            .or_else(|| {
                d.congress
                    .ordinal_inferred
                    .as_ref()
                    .map(|o| format!("{} (non imprimé, déduit des éditions voisines)", o.value))
            })
            .unwrap_or_else(|| "non imprimé".into())
    );
    println!(
        "  {} rôle(s), {} personne(s) nouvelle(s)",
        d.roles.len(),
        d.new_people.len()
    );
    println!(
        "  {} ligne(s) laissée(s) de côté, {} fragment(s) de mise en page déclarés",
        d.omitted.len(),
        d.layout.len()
    );
    println!(
        "\nÀ vérifier par une personne : {} commentaire(s) « À VÉRIFIER »",
        written.matches(write::REVIEW).count()
    );
    for r in &d.reviews {
        println!("  - {r}");
    }
}

fn run_evaluation(seeds: &Path, out: Option<&Path>) -> ExitCode {
    if let Some(dir) = out
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        eprintln!("error: {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    let editions = match evaluate::editions_with_motion(seeds) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut scores = Vec::new();
    for (year, id, path) in &editions {
        for v in Variant::ALL {
            match evaluate::evaluate(seeds, *year, id, path, v) {
                Ok((s, _, written)) => {
                    if let (Some(dir), Variant::Original) = (out, v) {
                        for (name, text) in [
                            (format!("{year}.toml"), &written),
                            (format!("{year}.missing.txt"), &s.missing_lines),
                        ] {
                            let path = dir.join(name);
                            if let Err(e) = std::fs::write(&path, text) {
                                eprintln!("error: {}: {e}", path.display());
                                return ExitCode::FAILURE;
                            }
                        }
                    }
                    scores.push(s)
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::FAILURE;
                }
            }
        }
    }
    print!("{}", evaluate::table(&scores));
    println!("\nLignes du fichier curé absentes du brouillon (source originale), par raison :\n");
    print!("{}", evaluate::breakdown_table(&scores));
    // The speed target: a source of 20 pages (about 60,000 characters), made of the longest
    // source repeated.
    if let (Some((_, _, path)), Ok(reference)) = (editions.last(), Reference::load(seeds, None))
        && let Ok(one) = std::fs::read_to_string(path)
    {
        let long = one.repeat(60_000 / one.len().max(1) + 1);
        let start = Instant::now();
        let d = draft(&long, 9999, "evaluation", &reference);
        let _ = write::edition(&d);
        println!(
            "\nDrafting a 20-page source ({} characters, {} items): {:.1} ms",
            long.chars().count(),
            d.items.len(),
            start.elapsed().as_secs_f64() * 1000.0
        );
    }
    ExitCode::SUCCESS
}
