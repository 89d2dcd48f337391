//! Reads `seeds/`, checks everything, and builds the immutable [`Corpus`].
//!
//! Two layers, as in ripgrep: the TOML is parsed into the `raw` shapes (syntax and field types),
//! then every value is checked and converted into the typed model. Problems are collected, never
//! thrown, so one run reports all of them as `file:line:column: message`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

use super::codes::{
    Capacity, CountQualifier, ItemKind, Office, OrganizationKind, SectionKind, SourceKind,
};
use super::cog::{self, Cog};
use super::fidelity::{self, TextUnit};
use super::model::*;
use super::raw::{self, S};
use super::{Corpus, LoadError};
use crate::diagnostics::{Diagnostics, SourceFile};
use crate::text::fold_whitespace;

/// Loads and validates the corpus under `seeds` (the directory holding `corpus/`, `sources/` and
/// `reference/`).
pub fn load(seeds: &Path) -> Result<Corpus, LoadError> {
    let mut loader = Loader {
        seeds: seeds.to_path_buf(),
        diags: Diagnostics::default(),
        units: Vec::new(),
        source_texts: BTreeMap::new(),
    };
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
    /// Source documents as read from `seeds/sources/`, by source id.
    source_texts: BTreeMap<String, SourceFile>,
}

/// A parsed seed file together with its text, for positions.
struct Parsed<T> {
    file: SourceFile,
    value: T,
}

impl Loader {
    fn run(&mut self) -> Corpus {
        let corpus_dir = self.seeds.join("corpus");
        let cog = Cog::load(&self.seeds.join("reference"), &mut self.diags);

        let themes_file = self.parse::<raw::ThemesFile>(&corpus_dir.join("themes.toml"));
        let orgs_file =
            self.parse::<raw::OrganizationsFile>(&corpus_dir.join("organizations.toml"));
        let people_file = self.parse::<raw::PeopleFile>(&corpus_dir.join("people.toml"));
        let sources_file = self.parse::<raw::SourcesFile>(&corpus_dir.join("sources.toml"));
        let press_file = self.parse::<raw::PressFile>(&corpus_dir.join("press.toml"));
        let editions = self.parse_editions(&corpus_dir.join("editions"));

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
        let sources = self.sources(sources_file);

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
        for edition in editions {
            self.edition(edition, &refs, &mut corpus);
        }
        corpus.press_articles = self.press(press_file, &refs, &corpus);
        self.check_unique_congresses(&corpus);

        fidelity::check_verbatim(&self.source_texts, &self.units, &mut self.diags);
        // Coverage once everything else holds: a dangling or mistyped entry would otherwise be
        // reported a second time, as source text "not represented".
        if self.diags.is_empty() {
            fidelity::check_coverage(
                &corpus.sources,
                &self.source_texts,
                &self.units,
                &mut self.diags,
            );
        }
        corpus.finish()
    }

    // ---------------------------------------------------------------------------------------
    // Files

    fn read(&mut self, path: &Path) -> Option<SourceFile> {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(error) => {
                self.diags.file(path, format!("cannot read file: {error}"));
                return None;
            }
        };
        match String::from_utf8(bytes) {
            Ok(text) => Some(SourceFile::new(path.to_path_buf(), text)),
            Err(error) => {
                let valid = error.utf8_error().valid_up_to();
                let prefix = String::from_utf8_lossy(&error.as_bytes()[..valid]).into_owned();
                let file = SourceFile::new(path.to_path_buf(), prefix);
                self.diags.at(
                    &file,
                    valid,
                    "invalid UTF-8: seed files must be encoded in UTF-8",
                );
                None
            }
        }
    }

    fn parse<T: DeserializeOwned>(&mut self, path: &Path) -> Option<Parsed<T>> {
        let file = self.read(path)?;
        match toml::from_str::<T>(&file.text) {
            Ok(value) => Some(Parsed { file, value }),
            Err(error) => {
                let offset = error.span().map_or(0, |span| span.start);
                let message = shape_error_message(&file.text, offset, error.message());
                self.diags.at(&file, offset, message);
                None
            }
        }
    }

    /// Every `editions/*.toml`, in file-name order; `None` if the directory cannot be read or any
    /// file fails to parse.
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
        let parsed: Vec<Option<Parsed<raw::EditionFile>>> = paths
            .iter()
            .map(|p| self.parse::<raw::EditionFile>(p))
            .collect();
        parsed.into_iter().collect()
    }

    // ---------------------------------------------------------------------------------------
    // Field helpers: each returns the checked value or records a diagnostic.

    /// A text field: whitespace folded, never empty.
    fn text(&mut self, file: &SourceFile, field: &str, value: &S<String>) -> String {
        let folded = fold_whitespace(value.get_ref());
        if folded.is_empty() {
            self.diags.at(
                file,
                value.span().start,
                format!("{field}: must not be empty"),
            );
        }
        folded
    }

    /// A text that must be found verbatim in `source`.
    fn quoted(
        &mut self,
        file: &SourceFile,
        field: &str,
        value: &S<String>,
        source: &SourceId,
    ) -> String {
        let text = self.text(file, field, value);
        self.units.push(TextUnit {
            source: source.clone(),
            text: text.clone(),
            file: file.path.clone(),
            location: file.position(value.span().start),
            field: field.to_string(),
        });
        text
    }

    fn quoted_list(
        &mut self,
        file: &SourceFile,
        field: &str,
        values: &[S<String>],
        source: &SourceId,
    ) -> Vec<String> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| self.quoted(file, &format!("{field}[{i}]"), v, source))
            .collect()
    }

    fn slug(&mut self, file: &SourceFile, field: &str, value: &S<String>) -> String {
        let id = value.get_ref();
        let well_formed = !id.is_empty()
            && id.split('-').all(|part| {
                !part.is_empty()
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
        if !well_formed {
            self.diags.at(
                file,
                value.span().start,
                format!(
                    "{field}: \"{id}\" is not a valid identifier (expected lowercase ASCII letters and digits separated by single hyphens, e.g. \"mathieu-vidal\")"
                ),
            );
        }
        id.clone()
    }

    fn code<T>(
        &mut self,
        file: &SourceFile,
        field: &str,
        value: &S<String>,
        parse: fn(&str) -> Option<T>,
        expected: fn() -> String,
    ) -> Option<T> {
        let parsed = parse(value.get_ref());
        if parsed.is_none() {
            self.diags.at(
                file,
                value.span().start,
                format!(
                    "{field}: unknown value \"{}\" (expected {})",
                    value.get_ref(),
                    expected()
                ),
            );
        }
        parsed
    }

    fn date(&mut self, file: &SourceFile, field: &str, value: &S<toml::Value>) -> Option<Date> {
        let text = match value.get_ref() {
            toml::Value::String(s) => s.clone(),
            toml::Value::Datetime(d) => d.to_string(),
            other => format!("{other}"),
        };
        let parsed = (text.len() == 10)
            .then(|| text.parse::<Date>().ok())
            .flatten();
        if parsed.is_none() {
            self.diags.at(
                file,
                value.span().start,
                format!("{field}: \"{text}\" is not a valid date (expected an existing calendar date written YYYY-MM-DD)"),
            );
        }
        parsed
    }

    fn reference(
        &mut self,
        file: &SourceFile,
        field: &str,
        value: &S<String>,
        exists: bool,
        what: &str,
        defined_in: &str,
    ) -> bool {
        if !exists {
            self.diags.at(
                file,
                value.span().start,
                format!(
                    "{field}: unknown {what} \"{}\" (it must be defined in {defined_in})",
                    value.get_ref()
                ),
            );
        }
        exists
    }

    fn duplicate(&mut self, file: &SourceFile, field: &str, offset: usize, id: &str, what: &str) {
        self.diags.at(
            file,
            offset,
            format!("{field}: duplicate {what} id \"{id}\" (ids must be unique)"),
        );
    }

    fn themes_list(
        &mut self,
        file: &SourceFile,
        field: &str,
        value: &S<Vec<S<String>>>,
        refs: &Refs,
    ) -> Vec<ThemeId> {
        if value.get_ref().is_empty() {
            self.diags.at(
                file,
                value.span().start,
                format!("{field}: at least one theme is required (ids from corpus/themes.toml)"),
            );
        }
        let mut seen = BTreeSet::new();
        let mut themes = Vec::new();
        for (i, theme) in value.get_ref().iter().enumerate() {
            let exists = refs.themes.contains(theme.get_ref());
            self.reference(
                file,
                &format!("{field}[{i}]"),
                theme,
                exists,
                "theme",
                "corpus/themes.toml",
            );
            if !seen.insert(theme.get_ref().clone()) {
                self.diags.at(
                    file,
                    theme.span().start,
                    format!(
                        "{field}[{i}]: theme \"{}\" is listed twice",
                        theme.get_ref()
                    ),
                );
            }
            if exists {
                themes.push(ThemeId::new(theme.get_ref().clone()));
            }
        }
        themes
    }

    /// Reports positions that are not exactly 1..=n, in the order given.
    fn contiguous(&mut self, file: &SourceFile, what: &str, positions: &[(u16, usize)]) {
        let mut sorted: Vec<(u16, usize)> = positions.to_vec();
        sorted.sort();
        for (expected, (position, offset)) in (1u16..).zip(sorted) {
            if position != expected {
                self.diags.at(
                    file,
                    offset,
                    format!("position: expected {expected}, found {position} (positions of {what} must run 1, 2, 3… without gaps or repeats)"),
                );
                break;
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // Shared files

    fn themes(&mut self, parsed: Parsed<raw::ThemesFile>) -> Vec<Theme> {
        let file = &parsed.file;
        let mut themes: Vec<Theme> = Vec::new();
        let mut notations = BTreeSet::new();
        for (i, raw) in parsed.value.themes.iter().enumerate() {
            let raw = raw.get_ref();
            let field = format!("themes[{i}]");
            let id = self.slug(file, &format!("{field}.id"), &raw.id);
            if themes.iter().any(|t| t.id.as_str() == id) {
                self.duplicate(
                    file,
                    &format!("{field}.id"),
                    raw.id.span().start,
                    &id,
                    "theme",
                );
            }
            if !notations.insert(raw.notation.get_ref().clone()) {
                self.diags.at(
                    file,
                    raw.notation.span().start,
                    format!(
                        "{field}.notation: duplicate notation \"{}\"",
                        raw.notation.get_ref()
                    ),
                );
            }
            themes.push(Theme {
                id: ThemeId::new(id),
                notation: self.text(file, &format!("{field}.notation"), &raw.notation),
                label: self.text(file, &format!("{field}.label"), &raw.label),
                definition: self.text(file, &format!("{field}.definition"), &raw.definition),
                broader: raw
                    .broader
                    .as_ref()
                    .map(|b| ThemeId::new(b.get_ref().clone())),
            });
        }
        let ids: BTreeSet<String> = themes.iter().map(|t| t.id.to_string()).collect();
        for (i, raw) in parsed.value.themes.iter().enumerate() {
            if let Some(broader) = &raw.get_ref().broader {
                let exists = ids.contains(broader.get_ref())
                    && broader.get_ref() != raw.get_ref().id.get_ref();
                self.reference(
                    file,
                    &format!("themes[{i}].broader"),
                    broader,
                    exists,
                    "broader theme",
                    "corpus/themes.toml (and not the theme itself)",
                );
            }
        }
        themes
    }

    fn organizations(
        &mut self,
        parsed: Parsed<raw::OrganizationsFile>,
        cog: &Cog,
    ) -> Vec<Organization> {
        let file = &parsed.file;
        let mut organizations: Vec<Organization> = Vec::new();
        for (i, raw) in parsed.value.organizations.iter().enumerate() {
            let raw = raw.get_ref();
            let field = format!("organizations[{i}]");
            let id = self.slug(file, &format!("{field}.id"), &raw.id);
            if organizations.iter().any(|o| o.id.as_str() == id) {
                self.duplicate(
                    file,
                    &format!("{field}.id"),
                    raw.id.span().start,
                    &id,
                    "organization",
                );
            }
            let name = self.text(file, &format!("{field}.name"), &raw.name);
            let Some(kind) = self.code(
                file,
                &format!("{field}.kind"),
                &raw.kind,
                OrganizationKind::parse,
                OrganizationKind::expected,
            ) else {
                continue;
            };
            let mut department = None;
            let insee_code = raw.insee.as_ref().map(|v| v.get_ref().clone());
            let siren = raw.siren.as_ref().map(|v| v.get_ref().clone());
            match kind {
                OrganizationKind::Commune => {
                    department = self.check_commune(file, &field, raw, &name, cog);
                }
                OrganizationKind::Epci => self.check_epci(file, &field, raw, &name, cog),
                OrganizationKind::Association | OrganizationKind::Other => {
                    if let Some(insee) = &raw.insee {
                        self.diags.at(
                            file,
                            insee.span().start,
                            format!("{field}.insee: only a commune has an INSEE code"),
                        );
                    }
                    if let Some(siren) = &raw.siren
                        && !cog::is_well_formed_siren(siren.get_ref())
                    {
                        self.diags.at(
                            file,
                            siren.span().start,
                            format!("{field}.siren: \"{}\" is not a well-formed SIREN (expected 9 digits with a valid Luhn checksum)", siren.get_ref()),
                        );
                    }
                }
            }
            if let Some(email) = &raw.email
                && kind != OrganizationKind::Association
            {
                self.diags.at(
                    file,
                    email.span().start,
                    format!(
                        "{field}.email: only the association's generic public address is published"
                    ),
                );
            }
            let optional = |v: &Option<S<String>>| v.as_ref().map(|v| fold_whitespace(v.get_ref()));
            organizations.push(Organization {
                id: OrganizationId::new(id),
                kind,
                name,
                insee_code,
                siren,
                department,
                website: optional(&raw.website),
                email: optional(&raw.email),
                phone: optional(&raw.phone),
                address: optional(&raw.address),
            });
        }
        organizations
    }

    /// A commune must carry a well-formed INSEE code that exists in the COG under the same name.
    /// Returns its département.
    fn check_commune(
        &mut self,
        file: &SourceFile,
        field: &str,
        raw: &raw::RawOrganization,
        name: &str,
        cog: &Cog,
    ) -> Option<String> {
        let Some(insee) = &raw.insee else {
            self.diags.at(
                file,
                raw.id.span().start,
                format!("{field}.insee: a commune needs its INSEE code (see seeds/reference/cog-communes.csv)"),
            );
            return None;
        };
        let code = insee.get_ref();
        if !cog::is_well_formed_insee(code) {
            self.diags.at(
                file,
                insee.span().start,
                format!("{field}.insee: \"{code}\" is not a well-formed INSEE code (expected 5 characters: digits, or 2A/2B then 3 digits)"),
            );
            return None;
        }
        let Some(commune) = cog.communes.get(code) else {
            self.diags.at(
                file,
                insee.span().start,
                format!("{field}.insee: \"{code}\" is not a current commune in the Code officiel géographique"),
            );
            return None;
        };
        if commune.name != name {
            self.diags.at(
                file,
                raw.name.span().start,
                format!("{field}.name: \"{name}\" does not match the official name \"{}\" of commune {code}", commune.name),
            );
        }
        if let Some(siren) = &raw.siren
            && siren.get_ref() != &commune.siren
        {
            self.diags.at(
                file,
                siren.span().start,
                format!(
                    "{field}.siren: expected \"{}\", the SIREN of commune {code}",
                    commune.siren
                ),
            );
        }
        Some(commune.department.clone())
    }

    fn check_epci(
        &mut self,
        file: &SourceFile,
        field: &str,
        raw: &raw::RawOrganization,
        name: &str,
        cog: &Cog,
    ) {
        let Some(siren) = &raw.siren else {
            self.diags.at(
                file,
                raw.id.span().start,
                format!("{field}.siren: an intercommunalité needs its SIREN (see seeds/reference/cog-epci.csv)"),
            );
            return;
        };
        let code = siren.get_ref();
        if !cog::is_well_formed_siren(code) {
            self.diags.at(
                file,
                siren.span().start,
                format!("{field}.siren: \"{code}\" is not a well-formed SIREN (expected 9 digits with a valid Luhn checksum)"),
            );
            return;
        }
        match cog.epcis.get(code) {
            None => self.diags.at(
                file,
                siren.span().start,
                format!("{field}.siren: \"{code}\" is not an EPCI of the Code officiel géographique"),
            ),
            Some(epci) if epci.name != name => self.diags.at(
                file,
                raw.name.span().start,
                format!("{field}.name: \"{name}\" does not match the official name \"{}\" of EPCI {code}", epci.name),
            ),
            Some(_) => {}
        }
    }

    fn people(&mut self, parsed: Parsed<raw::PeopleFile>) -> Vec<Person> {
        let file = &parsed.file;
        let mut people: Vec<Person> = Vec::new();
        for (i, raw) in parsed.value.people.iter().enumerate() {
            let raw = raw.get_ref();
            let field = format!("people[{i}]");
            let id = self.slug(file, &format!("{field}.id"), &raw.id);
            if people.iter().any(|p| p.id.as_str() == id) {
                self.duplicate(
                    file,
                    &format!("{field}.id"),
                    raw.id.span().start,
                    &id,
                    "person",
                );
            }
            let name = self.text(file, &format!("{field}.name"), &raw.name);
            if name.contains('@') {
                self.diags.at(
                    file,
                    raw.name.span().start,
                    format!("{field}.name: looks like an e-mail address; personal contact details are not open data"),
                );
            }
            let given_name = raw
                .given_name
                .as_ref()
                .map(|v| self.text(file, &format!("{field}.given_name"), v));
            let family_name = raw
                .family_name
                .as_ref()
                .map(|v| self.text(file, &format!("{field}.family_name"), v));
            people.push(Person {
                id: PersonId::new(id),
                name,
                given_name,
                family_name,
            });
        }
        people
    }

    fn sources(&mut self, parsed: Parsed<raw::SourcesFile>) -> Vec<Source> {
        let file = &parsed.file;
        let mut sources: Vec<Source> = Vec::new();
        for (i, raw) in parsed.value.sources.iter().enumerate() {
            let raw = raw.get_ref();
            let field = format!("sources[{i}]");
            let id = self.slug(file, &format!("{field}.id"), &raw.id);
            if sources.iter().any(|s| s.id.as_str() == id) {
                self.duplicate(
                    file,
                    &format!("{field}.id"),
                    raw.id.span().start,
                    &id,
                    "source",
                );
            }
            let kind = self.code(
                file,
                &format!("{field}.kind"),
                &raw.kind,
                SourceKind::parse,
                SourceKind::expected,
            );
            let name = raw.file.get_ref();
            if name.contains('/') || name.contains('\\') || name.starts_with('.') {
                self.diags.at(
                    file,
                    raw.file.span().start,
                    format!(
                        "{field}.file: \"{name}\" must be a plain file name inside seeds/sources/"
                    ),
                );
                continue;
            }
            let path = self.seeds.join("sources").join(name);
            let Ok(bytes) = std::fs::read(&path) else {
                self.diags.at(
                    file,
                    raw.file.span().start,
                    format!("{field}.file: cannot read {}", path.display()),
                );
                continue;
            };
            let sha256 = format!("{:x}", Sha256::digest(&bytes));
            if &sha256 != raw.sha256.get_ref() {
                self.diags.at(
                    file,
                    raw.sha256.span().start,
                    format!("{field}.sha256: the file's SHA-256 is {sha256}; sources are kept byte for byte as received"),
                );
            }
            let byte_size = bytes.len() as u64;
            match String::from_utf8(bytes) {
                Ok(text) => {
                    self.source_texts
                        .insert(id.clone(), SourceFile::new(path.clone(), text));
                }
                Err(_) => self.diags.at(
                    file,
                    raw.file.span().start,
                    format!("{field}.file: {} is not valid UTF-8", path.display()),
                ),
            }
            let line_count = self
                .source_texts
                .get(&id)
                .map_or(0, |s| s.text.lines().count() as u32);
            let mut omitted = Vec::new();
            for (j, o) in raw.omitted.iter().enumerate() {
                let o = o.get_ref();
                let ofield = format!("{field}.omitted[{j}]");
                match parse_line_range(o.lines.get_ref()) {
                    Some((first, last)) if last <= line_count => omitted.push(Omission {
                        first_line: first,
                        last_line: last,
                        reason: self.text(file, &format!("{ofield}.reason"), &o.reason),
                    }),
                    _ => self.diags.at(
                        file,
                        o.lines.span().start,
                        format!("{ofield}.lines: \"{}\" is not a line range of {name} (expected \"N\" or \"N-M\" with 1 <= N <= M <= {line_count})", o.lines.get_ref()),
                    ),
                }
            }
            let layout = raw
                .layout
                .iter()
                .enumerate()
                .map(|(j, l)| {
                    let l = l.get_ref();
                    let lfield = format!("{field}.layout[{j}]");
                    LayoutFragment {
                        text: self.text(file, &format!("{lfield}.text"), &l.text),
                        reason: self.text(file, &format!("{lfield}.reason"), &l.reason),
                    }
                })
                .collect();
            let Some(kind) = kind else { continue };
            sources.push(Source {
                id: SourceId::new(id),
                file: name.clone(),
                original_name: self.text(
                    file,
                    &format!("{field}.original_name"),
                    &raw.original_name,
                ),
                sha256,
                byte_size,
                kind,
                title: self.text(file, &format!("{field}.title"), &raw.title),
                description: self.text(file, &format!("{field}.description"), &raw.description),
                congress: CongressId::new(raw.congress.get_ref().to_string()),
                republishable: raw.republishable,
                omitted,
                layout,
            });
        }
        sources
    }

    fn press(
        &mut self,
        parsed: Parsed<raw::PressFile>,
        refs: &Refs,
        corpus: &Corpus,
    ) -> Vec<PressArticle> {
        let file = &parsed.file;
        let mut articles: Vec<PressArticle> = Vec::new();
        for (i, raw) in parsed.value.press_articles.iter().enumerate() {
            let raw = raw.get_ref();
            let field = format!("press_articles[{i}]");
            let id = self.slug(file, &format!("{field}.id"), &raw.id);
            if articles.iter().any(|a| a.id.as_str() == id) {
                self.duplicate(
                    file,
                    &format!("{field}.id"),
                    raw.id.span().start,
                    &id,
                    "press article",
                );
            }
            let source_ok =
                self.source_ref(file, &format!("{field}.source"), &raw.source, refs, None);
            let source = SourceId::new(raw.source.get_ref().clone());
            let published_on = self.date(file, &format!("{field}.published_on"), &raw.published_on);
            let author = self.quoted(file, &format!("{field}.author"), &raw.author, &source);
            let rubric = raw
                .rubric
                .as_ref()
                .map(|r| self.quoted(file, &format!("{field}.rubric"), r, &source));
            let headline = raw
                .headline
                .as_ref()
                .map(|h| self.quoted(file, &format!("{field}.headline"), h, &source));
            let motion = raw.about_motion.get_ref().to_string();
            let motion_exists = corpus.motions.iter().any(|m| m.id.as_str() == motion);
            if !motion_exists {
                self.diags.at(
                    file,
                    raw.about_motion.span().start,
                    format!("{field}.about_motion: no motion {motion} in the corpus (expected the year of an edition whose motion is in editions/)"),
                );
            }
            if let (true, true, Some(published_on)) = (source_ok, motion_exists, published_on) {
                articles.push(PressArticle {
                    id: PressArticleId::new(id),
                    source,
                    published_on,
                    author,
                    rubric,
                    headline,
                    about_motion: MotionId::new(motion),
                });
            }
        }
        articles
    }

    /// Checks a source reference and, if given, that the source covers `year`.
    fn source_ref(
        &mut self,
        file: &SourceFile,
        field: &str,
        value: &S<String>,
        refs: &Refs,
        year: Option<u16>,
    ) -> bool {
        let Some((congress, _)) = refs.sources.get(value.get_ref()) else {
            return self.reference(file, field, value, false, "source", "corpus/sources.toml");
        };
        if let Some(year) = year
            && congress != &year.to_string()
        {
            self.diags.at(
                file,
                value.span().start,
                format!(
                    "{field}: source \"{}\" covers the {congress} edition, not {year}",
                    value.get_ref()
                ),
            );
            return false;
        }
        true
    }

    fn check_unique_congresses(&mut self, corpus: &Corpus) {
        let mut seen = BTreeMap::new();
        for congress in &corpus.congresses {
            *seen.entry(congress.ordinal).or_insert(0) += 1;
        }
        if let Some((ordinal, _)) = seen.iter().find(|(_, n)| **n > 1) {
            let dir = self.seeds.join("corpus").join("editions");
            self.diags
                .file(&dir, format!("two editions have ordinal {ordinal}"));
        }
    }

    // ---------------------------------------------------------------------------------------
    // Editions

    fn edition(&mut self, parsed: Parsed<raw::EditionFile>, refs: &Refs, corpus: &mut Corpus) {
        let file = &parsed.file;
        let edition = parsed.value;
        let raw_congress = edition.congress.get_ref();
        let year = *raw_congress.year.get_ref();
        let year_text = year.to_string();
        let stem = file.path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if stem != year_text {
            self.diags.at(
                file,
                raw_congress.year.span().start,
                format!("congress.year: {year} does not match the file name (expected editions/{year}.toml)"),
            );
        }
        if corpus.congresses.iter().any(|c| c.year == year) {
            self.duplicate(
                file,
                "congress.year",
                raw_congress.year.span().start,
                &year_text,
                "congress",
            );
            return;
        }
        let congress_id = CongressId::new(year_text.clone());

        // The congress record.
        let congress_source_ok = self.source_ref(
            file,
            "congress.source",
            &raw_congress.source,
            refs,
            Some(year),
        );
        let congress_source = SourceId::new(raw_congress.source.get_ref().clone());
        let start_date = raw_congress
            .start_date
            .as_ref()
            .and_then(|d| self.date(file, "congress.start_date", d));
        let end_date = raw_congress
            .end_date
            .as_ref()
            .and_then(|d| self.date(file, "congress.end_date", d));
        for (date, value, field) in [
            (start_date, &raw_congress.start_date, "congress.start_date"),
            (end_date, &raw_congress.end_date, "congress.end_date"),
        ] {
            if let (Some(date), Some(value)) = (date, value)
                && date.year() != year as i16
            {
                self.diags.at(
                    file,
                    value.span().start,
                    format!("{field}: {date} is not in {year}"),
                );
            }
        }
        if let (Some(start), Some(end), Some(value)) =
            (start_date, end_date, &raw_congress.end_date)
            && end < start
        {
            self.diags.at(
                file,
                value.span().start,
                format!("congress.end_date: {end} is before start_date {start}"),
            );
        }
        let place = raw_congress.place.as_ref().and_then(|p| {
            let is_commune =
                refs.organizations.get(p.get_ref()) == Some(&OrganizationKind::Commune);
            self.reference(
                file,
                "congress.place",
                p,
                is_commune,
                "commune",
                "corpus/organizations.toml with kind = \"commune\"",
            )
            .then(|| OrganizationId::new(p.get_ref().clone()))
        });
        let contributions = raw_congress
            .contributions
            .as_ref()
            .and_then(|c| self.count(file, "congress.contributions", c, &congress_source));
        let contributors = raw_congress
            .contributors
            .as_ref()
            .and_then(|c| self.count(file, "congress.contributors", c, &congress_source));
        let description = raw_congress
            .description
            .iter()
            .enumerate()
            .map(|(i, block)| {
                let block = block.get_ref();
                let field = format!("congress.description[{i}]");
                TextBlock {
                    heading: block.heading.as_ref().map(|h| {
                        self.quoted(file, &format!("{field}.heading"), h, &congress_source)
                    }),
                    paragraphs: self.quoted_list(
                        file,
                        &format!("{field}.paragraphs"),
                        &block.paragraphs,
                        &congress_source,
                    ),
                }
            })
            .collect();
        let mut partners = Vec::new();
        for (i, partner) in raw_congress.partners.iter().enumerate() {
            let exists = refs.organizations.contains_key(partner.get_ref());
            if self.reference(
                file,
                &format!("congress.partners[{i}]"),
                partner,
                exists,
                "organization",
                "corpus/organizations.toml",
            ) {
                partners.push(OrganizationId::new(partner.get_ref().clone()));
            }
        }

        // The motion and its parts, sections and items.
        let motion_id = MotionId::new(year_text.clone());
        let motion = edition
            .motion
            .as_ref()
            .and_then(|m| self.motion(file, m.get_ref(), &motion_id, &congress_id, year, refs));
        if motion.is_none()
            && (!edition.sections.is_empty()
                || !edition.items.is_empty()
                || !edition.parts.is_empty())
        {
            let offset = edition.sections.first().map_or(0, |s| s.span().start);
            self.diags.at(
                file,
                offset,
                "sections, parts and items need a [motion] table in the same file",
            );
        }
        if let (Some(motion), Some(raw_motion)) = (&motion, &edition.motion) {
            let source = motion.source.clone();
            for (i, f) in raw_motion.get_ref().footnotes.iter().enumerate() {
                let f = f.get_ref();
                let field = format!("motion.footnotes[{i}]");
                let label = self.text(file, &format!("{field}.label"), &f.label);
                let id = format!("{motion_id}-note-{label}");
                if corpus.footnotes.iter().any(|n| n.id == id) {
                    self.duplicate(
                        file,
                        &format!("{field}.label"),
                        f.label.span().start,
                        &id,
                        "footnote",
                    );
                }
                corpus.footnotes.push(Footnote {
                    id,
                    motion: motion_id.clone(),
                    label,
                    heading: f
                        .heading
                        .as_ref()
                        .map(|h| self.quoted(file, &format!("{field}.heading"), h, &source)),
                    text: self.quoted(file, &format!("{field}.text"), &f.text, &source),
                    source: source.clone(),
                });
            }
            let parts = self.parts(file, &edition.parts, &motion_id, year, &source);
            let sections = self.sections(
                file,
                &edition.sections,
                &parts,
                &motion_id,
                &congress_id,
                year,
                refs,
                &source,
            );
            let items = self.items(
                file,
                &edition.items,
                &sections,
                &motion_id,
                &congress_id,
                refs,
                &source,
            );
            corpus.parts.extend(parts.into_values());
            corpus
                .sections
                .extend(sections.into_values().map(|(s, _)| s));
            corpus.items.extend(items);
        }
        let roles = self.roles(file, &edition.roles, &congress_id, year, refs, corpus);
        corpus.roles.extend(roles);

        if let Some(motion) = motion {
            corpus.motions.push(motion);
        }
        if congress_source_ok {
            corpus.congresses.push(Congress {
                id: congress_id,
                ordinal: *raw_congress.ordinal.get_ref(),
                year,
                start_date,
                end_date,
                place,
                contributions,
                contributors,
                description,
                partners,
                motion: edition.motion.is_some().then_some(motion_id),
                source: congress_source,
            });
        }
    }

    fn count(
        &mut self,
        file: &SourceFile,
        field: &str,
        raw: &S<raw::RawCount>,
        source: &SourceId,
    ) -> Option<Count> {
        let raw = raw.get_ref();
        let qualifier = self.code(
            file,
            &format!("{field}.qualifier"),
            &raw.qualifier,
            CountQualifier::parse,
            CountQualifier::expected,
        );
        let as_printed = self.quoted(
            file,
            &format!("{field}.as_printed"),
            &raw.as_printed,
            source,
        );
        let value = *raw.count.get_ref();
        let digits: String = as_printed.chars().filter(|c| !c.is_whitespace()).collect();
        if !digits.contains(&value.to_string()) {
            self.diags.at(
                file,
                raw.count.span().start,
                format!("{field}.count: {value} does not appear in as_printed \"{as_printed}\" (counts are kept exactly as printed)"),
            );
        }
        Some(Count {
            value,
            qualifier: qualifier?,
            as_printed,
        })
    }

    fn motion(
        &mut self,
        file: &SourceFile,
        raw: &raw::RawMotion,
        id: &MotionId,
        congress: &CongressId,
        year: u16,
        refs: &Refs,
    ) -> Option<Motion> {
        let source_ok = self.source_ref(file, "motion.source", &raw.source, refs, Some(year));
        let source = SourceId::new(raw.source.get_ref().clone());
        let adopted_on = raw
            .adopted_on
            .as_ref()
            .and_then(|d| self.date(file, "motion.adopted_on", d));
        if let (Some(date), Some(value)) = (adopted_on, &raw.adopted_on)
            && date.year() != year as i16
        {
            self.diags.at(
                file,
                value.span().start,
                format!("motion.adopted_on: {date} is not in {year}"),
            );
        }
        let motion = Motion {
            id: id.clone(),
            congress: congress.clone(),
            title: self.quoted(file, "motion.title", &raw.title, &source),
            adopted_on,
            preamble_heading: raw
                .preamble_heading
                .as_ref()
                .map(|h| self.quoted(file, "motion.preamble_heading", h, &source)),
            preamble: self.quoted_list(file, "motion.preamble", &raw.preamble, &source),
            closing: self.quoted_list(file, "motion.closing", &raw.closing, &source),
            source: source.clone(),
        };
        source_ok.then_some(motion)
    }

    fn parts(
        &mut self,
        file: &SourceFile,
        raws: &[S<raw::RawPart>],
        motion: &MotionId,
        year: u16,
        source: &SourceId,
    ) -> BTreeMap<u16, Part> {
        let mut parts = BTreeMap::new();
        let mut positions = Vec::new();
        for (i, raw) in raws.iter().enumerate() {
            let raw = raw.get_ref();
            let field = format!("parts[{i}]");
            let position = *raw.position.get_ref();
            positions.push((position, raw.position.span().start));
            let part = Part {
                id: PartId::new(format!("{year}-part-{position}")),
                motion: motion.clone(),
                position,
                title: raw
                    .title
                    .as_ref()
                    .map(|t| self.quoted(file, &format!("{field}.title"), t, source)),
                introduction: self.quoted_list(
                    file,
                    &format!("{field}.introduction"),
                    &raw.introduction,
                    source,
                ),
            };
            if parts.insert(position, part).is_some() {
                self.duplicate(
                    file,
                    &format!("{field}.position"),
                    raw.position.span().start,
                    &format!("{year}-part-{position}"),
                    "part",
                );
            }
        }
        self.contiguous(file, "parts", &positions);
        parts
    }

    /// Returns sections keyed by `{kind}-{position}`, the key items use to refer to them.
    #[allow(clippy::too_many_arguments)]
    fn sections(
        &mut self,
        file: &SourceFile,
        raws: &[S<raw::RawSection>],
        parts: &BTreeMap<u16, Part>,
        motion: &MotionId,
        congress: &CongressId,
        year: u16,
        refs: &Refs,
        source: &SourceId,
    ) -> BTreeMap<String, (Section, usize)> {
        let mut sections = BTreeMap::new();
        let mut positions: BTreeMap<SectionKind, Vec<(u16, usize)>> = BTreeMap::new();
        for (i, raw) in raws.iter().enumerate() {
            let raw = raw.get_ref();
            let field = format!("sections[{i}]");
            let kind = self.code(
                file,
                &format!("{field}.kind"),
                &raw.kind,
                SectionKind::parse,
                SectionKind::expected,
            );
            let position = *raw.position.get_ref();
            let part = raw.part.as_ref().and_then(|p| match parts.get(p.get_ref()) {
                Some(part) => Some(part.id.clone()),
                None => {
                    self.diags.at(file, p.span().start, format!("{field}.part: no part with position {} in this file (declare it in [[parts]])", p.get_ref()));
                    None
                }
            });
            let themes = self.themes_list(file, &format!("{field}.themes"), &raw.themes, refs);
            let section = Section {
                id: SectionId::new(format!("{year}-{}-{position}", raw.kind.get_ref())),
                motion: motion.clone(),
                congress: congress.clone(),
                part,
                kind: kind.unwrap_or(SectionKind::Objective),
                position,
                title: self.quoted(file, &format!("{field}.title"), &raw.title, source),
                subtitle: raw
                    .subtitle
                    .as_ref()
                    .map(|s| self.quoted(file, &format!("{field}.subtitle"), s, source)),
                body: self.quoted_list(file, &format!("{field}.body"), &raw.body, source),
                items_heading: raw
                    .items_heading
                    .as_ref()
                    .map(|s| self.quoted(file, &format!("{field}.items_heading"), s, source)),
                items_intro: self.quoted_list(
                    file,
                    &format!("{field}.items_intro"),
                    &raw.items_intro,
                    source,
                ),
                themes,
                source: source.clone(),
            };
            let Some(kind) = kind else { continue };
            positions
                .entry(kind)
                .or_default()
                .push((position, raw.position.span().start));
            let key = format!("{}-{position}", kind.code());
            if sections.contains_key(&key) {
                self.duplicate(
                    file,
                    &format!("{field}.position"),
                    raw.position.span().start,
                    section.id.as_str(),
                    "section",
                );
                continue;
            }
            sections.insert(key, (section, i));
        }
        for (kind, positions) in positions {
            self.contiguous(file, &format!("\"{kind}\" sections"), &positions);
        }
        sections
    }

    #[allow(clippy::too_many_arguments)]
    fn items(
        &mut self,
        file: &SourceFile,
        raws: &[S<raw::RawItem>],
        sections: &BTreeMap<String, (Section, usize)>,
        motion: &MotionId,
        congress: &CongressId,
        refs: &Refs,
        source: &SourceId,
    ) -> Vec<Item> {
        // First pass: top-level items, so that sub-items can name their parent by position.
        let mut items: Vec<Item> = Vec::new();
        let mut positions: BTreeMap<(String, Option<u16>), Positions> = BTreeMap::new();
        let mut top_level: BTreeMap<(String, u16), ItemId> = BTreeMap::new();
        let order = |raw: &&S<raw::RawItem>| raw.get_ref().parent.is_some();
        let mut sorted: Vec<(usize, &S<raw::RawItem>)> = raws.iter().enumerate().collect();
        sorted.sort_by_key(|(_, raw)| order(raw));
        for (i, raw) in sorted {
            let raw = raw.get_ref();
            let field = format!("items[{i}]");
            let section_key = raw.section.get_ref();
            let Some((section, _)) = sections.get(section_key) else {
                let known: Vec<&str> = sections.keys().map(String::as_str).collect();
                self.diags.at(
                    file,
                    raw.section.span().start,
                    format!("{field}.section: no section \"{section_key}\" in this file (expected \"{{kind}}-{{position}}\" of a [[sections]] entry: {})", crate::corpus::codes::one_of(known.into_iter())),
                );
                continue;
            };
            let kind = self.code(
                file,
                &format!("{field}.kind"),
                &raw.kind,
                ItemKind::parse,
                ItemKind::expected,
            );
            let position = *raw.position.get_ref();
            let parent = match &raw.parent {
                None => None,
                Some(p) => match top_level.get(&(section_key.clone(), *p.get_ref())) {
                    Some(parent) => Some(parent.clone()),
                    None => {
                        self.diags.at(file, p.span().start, format!("{field}.parent: no top-level item at position {} in section \"{section_key}\"", p.get_ref()));
                        continue;
                    }
                },
            };
            let id = match &parent {
                Some(parent) => ItemId::new(format!("{parent}.{position}")),
                None => ItemId::new(format!("{}.{position}", section.id)),
            };
            let themes = self.themes_list(file, &format!("{field}.themes"), &raw.themes, refs);
            let text = self.quoted(file, &format!("{field}.text"), &raw.text, source);
            if items.iter().any(|item| item.id == id) {
                self.duplicate(
                    file,
                    &format!("{field}.position"),
                    raw.position.span().start,
                    id.as_str(),
                    "item",
                );
                continue;
            }
            positions
                .entry((
                    section_key.clone(),
                    raw.parent.as_ref().map(|p| *p.get_ref()),
                ))
                .or_default()
                .push((position, raw.position.span().start));
            if parent.is_none() {
                top_level.insert((section_key.clone(), position), id.clone());
            }
            let Some(kind) = kind else { continue };
            items.push(Item {
                id,
                section: section.id.clone(),
                motion: motion.clone(),
                congress: congress.clone(),
                kind,
                position,
                parent,
                text,
                themes,
                source: source.clone(),
            });
        }
        for ((section, parent), positions) in positions {
            let what = match parent {
                Some(parent) => format!("the sub-items of item {parent} of section \"{section}\""),
                None => format!("the items of section \"{section}\""),
            };
            self.contiguous(file, &what, &positions);
        }
        items
    }

    fn roles(
        &mut self,
        file: &SourceFile,
        raws: &[S<raw::RawRole>],
        congress: &CongressId,
        year: u16,
        refs: &Refs,
        corpus: &Corpus,
    ) -> Vec<Role> {
        let mut roles: Vec<Role> = Vec::new();
        for (i, raw) in raws.iter().enumerate() {
            let raw = raw.get_ref();
            let field = format!("roles[{i}]");
            let person_ok = refs.people.contains(raw.person.get_ref());
            self.reference(
                file,
                &format!("{field}.person"),
                &raw.person,
                person_ok,
                "person",
                "corpus/people.toml",
            );
            let source_ok = self.source_ref(
                file,
                &format!("{field}.source"),
                &raw.source,
                refs,
                Some(year),
            );
            let source = SourceId::new(raw.source.get_ref().clone());
            let capacity = self.code(
                file,
                &format!("{field}.capacity"),
                &raw.capacity,
                Capacity::parse,
                Capacity::expected,
            );
            let office = raw.office.as_ref().and_then(|o| {
                self.code(
                    file,
                    &format!("{field}.office"),
                    o,
                    Office::parse,
                    Office::expected,
                )
            });
            let organization = raw.organization.as_ref().and_then(|o| {
                let exists = refs.organizations.contains_key(o.get_ref());
                self.reference(
                    file,
                    &format!("{field}.organization"),
                    o,
                    exists,
                    "organization",
                    "corpus/organizations.toml",
                )
                .then(|| OrganizationId::new(o.get_ref().clone()))
            });
            let section = raw.section.as_ref().and_then(|s| {
                let id = format!("{year}-{}", s.get_ref());
                let exists = corpus
                    .sections
                    .iter()
                    .any(|section| section.id.as_str() == id);
                self.reference(
                    file,
                    &format!("{field}.section"),
                    s,
                    exists,
                    "section",
                    "this file's [[sections]] as \"{kind}-{position}\"",
                )
                .then(|| SectionId::new(id))
            });
            let represents = raw.represents.as_ref().and_then(|p| {
                let exists =
                    refs.people.contains(p.get_ref()) && p.get_ref() != raw.person.get_ref();
                self.reference(
                    file,
                    &format!("{field}.represents"),
                    p,
                    exists,
                    "person",
                    "corpus/people.toml (another person)",
                )
                .then(|| PersonId::new(p.get_ref().clone()))
            });
            if let Some(department) = &raw.printed_department {
                let d = department.get_ref();
                let well_formed = (2..=3).contains(&d.len())
                    && d.chars()
                        .all(|c| c.is_ascii_digit() || c == 'A' || c == 'B');
                if !well_formed {
                    self.diags.at(file, department.span().start, format!("{field}.printed_department: \"{d}\" is not a département number (expected e.g. \"81\", \"2A\", \"974\")"));
                }
            }
            // The person's name, as printed, is part of what the source says.
            if let Some(name) = refs.person_names.get(raw.person.get_ref()) {
                self.units.push(TextUnit {
                    source: source.clone(),
                    text: name.clone(),
                    file: file.path.clone(),
                    location: file.position(raw.person.span().start),
                    field: format!("{field}.person (name \"{name}\")"),
                });
            }
            let as_printed = self.quoted(
                file,
                &format!("{field}.as_printed"),
                &raw.as_printed,
                &source,
            );
            let office_as_printed = raw
                .office_as_printed
                .as_ref()
                .map(|o| self.quoted(file, &format!("{field}.office_as_printed"), o, &source));
            let (Some(capacity), true, true) = (capacity, person_ok, source_ok) else {
                continue;
            };
            let context = match (&raw.section, capacity) {
                (Some(section), _) => section.get_ref().clone(),
                (None, Capacity::BoardMember) => "board".to_string(),
                (None, other) => other.code().replace('_', "-"),
            };
            let id = RoleId::new(format!("{year}-{context}-{}", raw.person.get_ref()));
            if roles.iter().any(|r| r.id == id) {
                self.duplicate(
                    file,
                    &format!("{field}.person"),
                    raw.person.span().start,
                    id.as_str(),
                    "role",
                );
                continue;
            }
            roles.push(Role {
                id,
                person: PersonId::new(raw.person.get_ref().clone()),
                congress: congress.clone(),
                source,
                capacity,
                office,
                office_as_printed,
                as_printed,
                organization,
                printed_department: raw.printed_department.as_ref().map(|d| d.get_ref().clone()),
                section,
                represents,
            });
        }
        roles
    }
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

/// A TOML syntax or shape error, prefixed with the field it concerns (`sections[2].position`)
/// when the position tells, and with Rust type names put in words.
fn shape_error_message(text: &str, offset: usize, message: &str) -> String {
    let message = message.trim().replace('\n', " ");
    let message = ["u8", "u16", "u32", "i64"].iter().fold(message, |m, t| {
        m.replace(&format!("expected {t}"), "expected a whole number")
    });
    match field_path_at(text, offset) {
        Some(path) => format!("{path}: {message}"),
        None => message,
    }
}

/// The dotted path of the value at `offset`: the last table header before it (with the index of
/// an array-of-tables entry) and the keys on its line (`contributions.count` in an inline table).
fn field_path_at(text: &str, offset: usize) -> Option<String> {
    let offset = offset.min(text.len());
    let before = text.get(..offset)?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    // A "missing field" error points at the table's own header line: include that line.
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let headers_end = if text[line_start..line_end].trim_start().starts_with('[') {
        line_end
    } else {
        line_start
    };
    let mut path = Vec::new();
    let header = text[..headers_end]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('[') && l.ends_with(']'));
    if let Some(header) = header {
        let name = header.trim_matches(|c| c == '[' || c == ']').trim();
        if header.starts_with("[[") {
            let marker = format!("[[{name}]]");
            let index = text[..headers_end]
                .lines()
                .filter(|l| l.trim() == marker)
                .count()
                .saturating_sub(1);
            path.push(format!("{name}[{index}]"));
        } else {
            path.push(name.to_string());
        }
    }
    // Keys on the line: `a = { b = ` gives a.b; the value at offset follows the last `=`.
    let line = if headers_end == line_end {
        ""
    } else {
        &before[line_start..]
    };
    for segment in line.split('{') {
        if let Some((key, _)) = segment.rsplit_once('=') {
            let key = key.rsplit(',').next().unwrap_or(key).trim();
            if !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
            {
                path.push(key.to_string());
            }
        }
    }
    (!path.is_empty()).then(|| path.join("."))
}

fn parse_line_range(text: &str) -> Option<(u32, u32)> {
    let (first, last) = match text.split_once('-') {
        Some((a, b)) => (a.trim().parse().ok()?, b.trim().parse().ok()?),
        None => {
            let n = text.trim().parse().ok()?;
            (n, n)
        }
    };
    (first >= 1 && first <= last).then_some((first, last))
}

#[cfg(test)]
mod tests {
    use super::parse_line_range;

    #[test]
    fn shape_errors_name_the_field_they_concern() {
        let text = "[congress]\nordinal = \"3\"\n\n[[sections]]\nx = 1\n\n[[sections]]\nc = { count = \"a\" }\n";
        let ordinal = text.find("\"3\"").unwrap();
        assert_eq!(
            super::shape_error_message(text, ordinal, "invalid type: string \"3\", expected u8"),
            "congress.ordinal: invalid type: string \"3\", expected a whole number"
        );
        let count = text.find("\"a\"").unwrap();
        assert_eq!(
            super::field_path_at(text, count).as_deref(),
            Some("sections[1].c.count")
        );
    }

    #[test]
    fn line_ranges_are_single_lines_or_inclusive_spans() {
        assert_eq!(parse_line_range("12"), Some((12, 12)));
        assert_eq!(parse_line_range("5-17"), Some((5, 17)));
        assert_eq!(parse_line_range("17-5"), None);
        assert_eq!(parse_line_range("0"), None);
        assert_eq!(parse_line_range("a-b"), None);
    }
}
