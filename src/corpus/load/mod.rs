//! Reads `seeds/`, checks everything, and builds the immutable [`Corpus`].
//!
//! Two layers, as in ripgrep: the TOML is parsed into the `raw` shapes (syntax and field types),
//! then every value is checked and converted into the typed model. Problems are collected, never
//! thrown, so one run reports all of them as `file:line:column: message`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use super::codes::{OrganizationKind, SourceKind};
use super::cog::{self, Cog};
use super::fidelity::{self, TextUnit};
use super::parallel::{in_chunks, into_chunks, joined};
use super::raw;
use super::{Corpus, LoadError};
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use crate::text::FoldedSource;

mod edition;
mod fields;
mod provenance;
mod shape;
mod shared;

use shape::shape_error_message;
use shared::read_sources;

/// Loads and validates the corpus under `seeds` (the directory holding `corpus/`, `sources/` and
/// `reference/`).
pub fn load(seeds: &Path) -> Result<Corpus, LoadError> {
    let mut loader = Loader::new(seeds);
    let corpus = loader.run();
    if loader.diags.is_empty() {
        Ok(corpus)
    } else {
        Err(LoadError {
            diagnostics: loader.diags.into_sorted(),
        })
    }
}

struct Loader {
    seeds: PathBuf,
    diags: Diagnostics,
    /// Every text of the corpus with where it was written and which source it must come from.
    units: Vec<TextUnit>,
    /// The quotes of fact provenances: checked verbatim like `units`, but they cite a source,
    /// they do not represent it (a source line is covered by the corpus texts only).
    citations: Vec<TextUnit>,
    /// Source documents as read from `seeds/sources/`, by source id.
    source_texts: BTreeMap<String, SourceFile>,
    /// Facts that are not quoted texts and cannot be verified (see `Corpus::unverified`).
    notes: Vec<Diagnostic>,
}

/// A parsed seed file together with its text, for positions.
struct Parsed<T> {
    file: SourceFile,
    value: T,
}

impl Loader {
    fn new(seeds: &Path) -> Self {
        Loader {
            seeds: seeds.to_path_buf(),
            diags: Diagnostics::default(),
            units: Vec::new(),
            citations: Vec::new(),
            source_texts: BTreeMap::new(),
            notes: Vec::new(),
        }
    }

    fn run(&mut self) -> Corpus {
        let corpus_dir = self.seeds.join("corpus");
        let themes_file = self.parse::<raw::ThemesFile>(&corpus_dir.join("themes.toml"));
        let orgs_file =
            self.parse::<raw::OrganizationsFile>(&corpus_dir.join("organizations.toml"));
        // `sources.toml` is parsed and the source files it names are read on a thread of their
        // own while the editions are parsed: on a large corpus, reading thousands of source
        // files one after the other (and waiting for the disk when they are not cached) came
        // after parsing, alone. The COG extract, checked whole but kept only for the codes the
        // organisations cite (keeping all 35,000 communes was most of the start-up time), is
        // read on a third: on the real corpus it was a fifth of the loading, alone.
        let wanted = cited_codes(orgs_file.as_ref());
        let reference_dir = self.seeds.join("reference");
        let seeds = self.seeds.clone();
        let (cog, people_file, press_file, sources, editions) = std::thread::scope(|scope| {
            let cog = scope.spawn(|| {
                let mut diags = Diagnostics::default();
                let cog = Cog::load(&reference_dir, &wanted, &mut diags);
                (cog, diags)
            });
            let sources = scope.spawn(|| {
                let mut diags = Diagnostics::default();
                let parsed =
                    parse_file::<raw::SourcesFile>(&corpus_dir.join("sources.toml"), &mut diags);
                let read = parsed
                    .as_ref()
                    .map(|p| read_sources(&seeds, &p.value))
                    .unwrap_or_default();
                (parsed, read, diags)
            });
            let people_file = self.parse::<raw::PeopleFile>(&corpus_dir.join("people.toml"));
            let press_file = self.parse::<raw::PressFile>(&corpus_dir.join("press.toml"));
            let editions = self.parse_editions(&corpus_dir.join("editions"));
            (
                joined(cog),
                people_file,
                press_file,
                joined(sources),
                editions,
            )
        });
        let (cog, cog_diags) = cog;
        for diagnostic in cog_diags.into_sorted() {
            self.diags.push(diagnostic);
        }
        let (sources_file, sources_read, sources_diags) = sources;
        let sources_path = corpus_dir.join("sources.toml");
        for diagnostic in sources_diags.into_sorted() {
            self.diags.push(diagnostic);
        }

        // A file that does not parse would make every reference to it dangle: report the
        // syntax and shape errors of all files, and only those.
        let (
            Some(themes_file),
            Some(orgs_file),
            Some(people_file),
            Some(sources_file),
            Some(press_file),
            Some(editions),
        ) = (
            themes_file,
            orgs_file,
            people_file,
            sources_file,
            press_file,
            editions,
        )
        else {
            return Corpus::default();
        };
        if !self.diags.is_empty() {
            return Corpus::default();
        }

        let themes = self.themes(themes_file);
        let organizations = self.organizations(orgs_file, &cog);
        let people = self.people(people_file);
        let sources = self.sources(sources_file, sources_read);

        let refs = Refs {
            themes: themes.iter().map(|t| t.id.to_string()).collect(),
            organizations: organizations
                .iter()
                .map(|o| (o.id.to_string(), o.kind))
                .collect(),
            people: people.iter().map(|p| p.id.to_string()).collect(),
            sources: sources
                .iter()
                .map(|s| (s.id.to_string(), (s.congress.to_string(), s.kind)))
                .collect(),
            person_names: people
                .iter()
                .map(|p| (p.id.to_string(), p.name.clone()))
                .collect(),
        };

        let mut corpus = Corpus {
            themes,
            organizations,
            people,
            sources,
            ..Corpus::default()
        };
        let editions = self.distinct_editions(editions, &refs);
        // Each edition is converted on its own (see `Loader::edition`): in parallel over chunks
        // of editions, each with its own diagnostics, texts and corpus lists, appended in file
        // order so that the corpus and its texts are in the same order as converted one by one.
        let seeds = &self.seeds;
        let chunks = into_chunks(editions, |chunk| {
            let mut loader = Loader::new(seeds);
            let mut part = Corpus::default();
            for edition in &chunk {
                loader.edition(edition, &refs, &mut part);
            }
            (loader, part)
        });
        for (loader, part) in chunks {
            for diagnostic in loader.diags.into_sorted() {
                self.diags.push(diagnostic);
            }
            self.units.extend(loader.units);
            self.citations.extend(loader.citations);
            corpus.congresses.extend(part.congresses);
            corpus.motions.extend(part.motions);
            corpus.footnotes.extend(part.footnotes);
            corpus.parts.extend(part.parts);
            corpus.sections.extend(part.sections);
            corpus.items.extend(part.items);
            corpus.roles.extend(part.roles);
            corpus.positions.extend(part.positions);
            corpus.facts.extend(part.facts);
        }
        corpus.press_articles = self.press(press_file, &refs, &corpus);
        self.check_unique_congresses(&corpus);

        let folded = fidelity::fold_all(&self.source_texts);
        let first = fidelity::check_verbatim(&folded, &self.units, &mut self.diags);
        fidelity::check_verbatim(&folded, &self.citations, &mut self.diags);
        corpus.unverified = fidelity::unverifiable(
            &corpus.sources,
            self.units.iter().chain(&self.citations),
            &sources_path,
        );
        corpus.unverified.append(&mut self.notes);
        corpus.unverified.sort();
        // Coverage once everything else holds: a dangling or mistyped entry would otherwise be
        // reported a second time, as source text "not represented".
        if self.diags.is_empty() {
            fidelity::check_coverage(
                &corpus.sources,
                &self.source_texts,
                &folded,
                &self.units,
                &first,
                &mut self.diags,
            );
        }
        // What only the checks needed (every text a second time, the sources as read and
        // folded: ~100 MB in small allocations at ×1000) is freed on a thread of its own while
        // the corpus is indexed: freed here, it held up start-up for a tenth of a second.
        let folded: Vec<FoldedSource> = folded.into_values().collect();
        let checked = (
            std::mem::take(&mut self.units),
            std::mem::take(&mut self.source_texts),
            folded,
            first,
        );
        // If no thread can be started, the closure (and what it holds) is dropped here.
        let _ = std::thread::Builder::new()
            .name("free-checked".into())
            .spawn(move || drop(checked));
        corpus.finish()
    }

    // ---------------------------------------------------------------------------------------
    // Files

    fn parse<T: DeserializeOwned>(&mut self, path: &Path) -> Option<Parsed<T>> {
        parse_file(path, &mut self.diags)
    }

    /// Every `editions/*.toml`, in file-name order; `None` if the directory cannot be read or any
    /// file fails to parse. The files are parsed in parallel (`parallel::in_chunks`): on a large
    /// corpus, parsing is a third of the loading time.
    fn parse_editions(&mut self, dir: &Path) -> Option<Vec<Parsed<raw::EditionFile>>> {
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(error) => {
                self.diags
                    .file(dir, format!("cannot read the editions directory: {error}"));
                return None;
            }
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        paths.sort();
        let chunks = in_chunks(&paths, |chunk| {
            let mut diags = Diagnostics::default();
            let parsed: Vec<Option<Parsed<raw::EditionFile>>> = chunk
                .iter()
                .map(|p| parse_file::<raw::EditionFile>(p, &mut diags))
                .collect();
            (parsed, diags)
        });
        let mut all = Vec::with_capacity(paths.len());
        for (parsed, diags) in chunks {
            for diagnostic in diags.into_sorted() {
                self.diags.push(diagnostic);
            }
            all.extend(parsed);
        }
        all.into_iter().collect()
    }
}

fn read_file(path: &Path, diags: &mut Diagnostics) -> Option<SourceFile> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            diags.file(path, format!("cannot read file: {error}"));
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => Some(SourceFile::new(path.to_path_buf(), text)),
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&error.as_bytes()[..valid]).into_owned();
            let file = SourceFile::new(path.to_path_buf(), prefix);
            // Named after the field it falls in, when the valid text before it tells.
            let message = shape_error_message(
                &file.text,
                valid,
                "invalid UTF-8: seed files must be encoded in UTF-8",
            );
            diags.at(&file, valid, message);
            None
        }
    }
}

fn parse_file<T: DeserializeOwned>(path: &Path, diags: &mut Diagnostics) -> Option<Parsed<T>> {
    let file = read_file(path, diags)?;
    match toml::from_str::<T>(&file.text) {
        Ok(value) => Some(Parsed { file, value }),
        Err(error) => {
            let offset = error.span().map_or(0, |span| span.start);
            let message = shape_error_message(&file.text, offset, error.message());
            diags.at(&file, offset, message);
            None
        }
    }
}

/// The INSEE codes and SIREN numbers the organisations file cites, whatever their kind (a code
/// of the wrong kind is reported by the organisation checks, not looked up).
fn cited_codes(orgs: Option<&Parsed<raw::OrganizationsFile>>) -> cog::Wanted<'_> {
    let mut wanted = cog::Wanted::default();
    for org in orgs
        .map(|o| o.value.organizations.as_slice())
        .unwrap_or_default()
    {
        let org = org.get_ref();
        if let Some(insee) = &org.insee {
            wanted.communes.insert(insee.get_ref().as_str());
        }
        if let Some(siren) = &org.siren {
            wanted.epcis.insert(siren.get_ref().as_str());
        }
    }
    wanted
}

/// Positions as written, each with the offset of its value (for diagnostics).
type Positions = Vec<(u16, usize)>;

/// What later checks need to know of the shared files.
struct Refs {
    themes: BTreeSet<String>,
    organizations: HashMap<String, OrganizationKind>,
    people: BTreeSet<String>,
    sources: HashMap<String, (String, SourceKind)>,
    person_names: HashMap<String, String>,
}
