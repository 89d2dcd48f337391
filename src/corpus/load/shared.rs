//! The shared seed files: themes, organisations (resolved against the COG), people, sources
//! (checked byte for byte) and press articles.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::shape::parse_line_range;
use super::{Loader, Parsed, Refs};
use crate::corpus::Corpus;
use crate::corpus::codes::{OrganizationKind, SourceKind};
use crate::corpus::cog::{self, Cog};
use crate::corpus::model::*;
use crate::corpus::raw::{self, S};
use crate::diagnostics::SourceFile;
use crate::text::fold_whitespace;

impl Loader {
    // Shared files

    pub(super) fn themes(&mut self, parsed: Parsed<raw::ThemesFile>) -> Vec<Theme> {
        let file = &parsed.file;
        let mut themes: Vec<Theme> = Vec::new();
        let mut ids = BTreeSet::new();
        let mut notations = BTreeSet::new();
        for (i, raw) in parsed.value.themes.iter().enumerate() {
            let raw = raw.get_ref();
            let field = format!("themes[{i}]");
            let id = self.new_id(file, &format!("{field}.id"), &raw.id, &mut ids, "theme");
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

    pub(super) fn organizations(
        &mut self,
        parsed: Parsed<raw::OrganizationsFile>,
        cog: &Cog,
    ) -> Vec<Organization> {
        let file = &parsed.file;
        let mut organizations: Vec<Organization> = Vec::new();
        let mut ids = BTreeSet::new();
        for (i, raw) in parsed.value.organizations.iter().enumerate() {
            let raw = raw.get_ref();
            let field = format!("organizations[{i}]");
            let id = self.new_id(
                file,
                &format!("{field}.id"),
                &raw.id,
                &mut ids,
                "organization",
            );
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
            let mut official = None;
            let insee_code = raw.insee.as_ref().map(|v| v.get_ref().clone());
            let siren = raw.siren.as_ref().map(|v| v.get_ref().clone());
            match kind {
                OrganizationKind::Commune => {
                    official = self.check_commune(file, &field, raw, &name, cog);
                }
                OrganizationKind::Epci => official = self.check_epci(file, &field, raw, cog),
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
                official_name: official.as_ref().map(|(name, _)| name.clone()),
                departments: official.map(|(_, d)| d).unwrap_or_default(),
                website: optional(&raw.website),
                email: optional(&raw.email),
                phone: optional(&raw.phone),
                address: optional(&raw.address),
            });
        }
        organizations
    }

    /// A commune must carry a well-formed INSEE code that exists in the COG under the same name.
    /// Returns its official name and its département.
    pub(super) fn check_commune(
        &mut self,
        file: &SourceFile,
        field: &str,
        raw: &raw::RawOrganization,
        name: &str,
        cog: &Cog,
    ) -> Option<(String, Vec<String>)> {
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
        Some((commune.name.clone(), vec![commune.department.clone()]))
    }

    /// An EPCI must carry a well-formed SIREN of the COG. Its name is the one the sources print
    /// (« Châteauroux Métropole »); returns the official one, kept beside it, and the
    /// départements of its member communes.
    pub(super) fn check_epci(
        &mut self,
        file: &SourceFile,
        field: &str,
        raw: &raw::RawOrganization,
        cog: &Cog,
    ) -> Option<(String, Vec<String>)> {
        let Some(siren) = &raw.siren else {
            self.diags.at(
                file,
                raw.id.span().start,
                format!("{field}.siren: an intercommunalité needs its SIREN (see seeds/reference/cog-epci.csv)"),
            );
            return None;
        };
        let code = siren.get_ref();
        if !cog::is_well_formed_siren(code) {
            self.diags.at(
                file,
                siren.span().start,
                format!("{field}.siren: \"{code}\" is not a well-formed SIREN (expected 9 digits with a valid Luhn checksum)"),
            );
            return None;
        }
        match cog.epcis.get(code) {
            None => {
                self.diags.at(
                    file,
                    siren.span().start,
                    format!(
                        "{field}.siren: \"{code}\" is not an EPCI of the Code officiel géographique"
                    ),
                );
                None
            }
            Some(epci) => Some((epci.name.clone(), epci.departments.clone())),
        }
    }

    pub(super) fn people(&mut self, parsed: Parsed<raw::PeopleFile>) -> Vec<Person> {
        let file = &parsed.file;
        let mut people: Vec<Person> = Vec::new();
        let mut ids = BTreeSet::new();
        for (i, raw) in parsed.value.people.iter().enumerate() {
            let raw = raw.get_ref();
            let field = format!("people[{i}]");
            let id = self.new_id(file, &format!("{field}.id"), &raw.id, &mut ids, "person");
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

    /// The sources of `corpus/sources.toml`, each checked against its copy as [`read_sources`]
    /// read it (`read[i]` for `sources[i]`).
    pub(super) fn sources(
        &mut self,
        parsed: Parsed<raw::SourcesFile>,
        read: Vec<CopyRead>,
    ) -> Vec<Source> {
        let file = &parsed.file;
        let mut read = read.into_iter();
        let mut sources: Vec<Source> = Vec::new();
        let mut ids = BTreeSet::new();
        for (i, raw) in parsed.value.sources.iter().enumerate() {
            let raw = raw.get_ref();
            let read = read.next().unwrap_or(CopyRead::NoCopy);
            let field = format!("sources[{i}]");
            let id = self.new_id(file, &format!("{field}.id"), &raw.id, &mut ids, "source");
            let kind = self.code(
                file,
                &format!("{field}.kind"),
                &raw.kind,
                SourceKind::parse,
                SourceKind::expected,
            );
            let sha256 = raw.sha256.get_ref().clone();
            if !is_sha256(&sha256) {
                self.diags.at(
                    file,
                    raw.sha256.span().start,
                    format!("{field}.sha256: \"{sha256}\" is not a SHA-256 (64 lowercase hexadecimal digits)"),
                );
            }
            let copy = match (read, &raw.file) {
                (CopyRead::NoCopy, _) | (_, None) => None,
                (CopyRead::NotPlain, Some(name)) => {
                    self.diags.at(
                        file,
                        name.span().start,
                        format!(
                            "{field}.file: \"{}\" must be a plain file name inside seeds/sources/",
                            name.get_ref()
                        ),
                    );
                    continue;
                }
                (CopyRead::Unreadable, Some(name)) => {
                    let path = self.seeds.join("sources").join(name.get_ref());
                    self.diags.at(
                        file,
                        name.span().start,
                        format!("{field}.file: cannot read {}", path.display()),
                    );
                    continue;
                }
                (CopyRead::Read(read), Some(name)) => Some((name, read)),
            };
            let mut copy_sha256 = None;
            let mut byte_size = None;
            let mut line_count = 0;
            let redactions = self.redactions(file, &field, raw, copy.as_ref().map(|(_, r)| r));
            if let Some((name, read)) = copy {
                // An unredacted copy is the document as received, byte for byte; a redacted one
                // has its own declared hash.
                let (expected, span, what) = match (&raw.copy_sha256, redactions.is_empty()) {
                    (Some(declared), false) => (declared.get_ref(), declared.span(), "copy_sha256"),
                    (Some(declared), true) => {
                        self.diags.at(
                            file,
                            declared.span().start,
                            format!("{field}.copy_sha256: only a redacted copy differs from the document as received; remove it, or declare the [[sources.redactions]]"),
                        );
                        (&sha256, raw.sha256.span(), "sha256")
                    }
                    (None, false) => {
                        self.diags.at(
                            file,
                            raw.sha256.span().start,
                            format!("{field}.copy_sha256: a redacted copy needs the SHA-256 of the copy kept beside that of the document as received ({})", read.sha256),
                        );
                        (&read.sha256, raw.sha256.span(), "copy_sha256")
                    }
                    (None, true) => (&sha256, raw.sha256.span(), "sha256"),
                };
                if &read.sha256 != expected {
                    let why = if what == "sha256" {
                        "sources are kept byte for byte as received (declare [[sources.redactions]] and copy_sha256 for a redacted copy)"
                    } else {
                        "the redacted copy has changed"
                    };
                    self.diags.at(
                        file,
                        span.start,
                        format!(
                            "{field}.{what}: the file's SHA-256 is {}; {why}",
                            read.sha256
                        ),
                    );
                }
                copy_sha256 = Some(read.sha256.clone());
                byte_size = Some(read.byte_size);
                let path = self.seeds.join("sources").join(name.get_ref());
                line_count = match read.text {
                    Some((text, line_count)) => {
                        self.source_texts.insert(id.clone(), text);
                        line_count
                    }
                    None => {
                        self.diags.at(
                            file,
                            name.span().start,
                            format!("{field}.file: {} is not valid UTF-8", path.display()),
                        );
                        // A duplicate id's text, read before (its duplicate is reported).
                        self.source_texts
                            .get(&id)
                            .map_or(0, |s| s.text.lines().count() as u32)
                    }
                };
            } else {
                if raw.republishable {
                    self.diags.at(
                        file,
                        raw.id.span().start,
                        format!(
                            "{field}.file: a republishable source keeps its copy in seeds/sources/"
                        ),
                    );
                }
                if let Some(declared) = &raw.copy_sha256 {
                    self.diags.at(
                        file,
                        declared.span().start,
                        format!("{field}.copy_sha256: no copy is kept (no `file`)"),
                    );
                }
                // Line numbers and fragments need a text to refer to.
                if let Some(o) = raw.omitted.first() {
                    self.diags.at(
                        file,
                        o.span().start,
                        format!("{field}.omitted: no copy is kept (no `file`), so there are no lines to leave out"),
                    );
                }
                if let Some(l) = raw.layout.first() {
                    self.diags.at(
                        file,
                        l.span().start,
                        format!("{field}.layout: no copy is kept (no `file`), so there is no layout to declare"),
                    );
                }
            }
            let name = raw.file.as_ref().map(|n| n.get_ref().clone());
            let shown = name.clone().unwrap_or_default();
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
                    _ if name.is_none() => {}
                    _ => self.diags.at(
                        file,
                        o.lines.span().start,
                        format!("{ofield}.lines: \"{}\" is not a line range of {shown} (expected \"N\" or \"N-M\" with 1 <= N <= M <= {line_count})", o.lines.get_ref()),
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
                file: name,
                original_name: self.text(
                    file,
                    &format!("{field}.original_name"),
                    &raw.original_name,
                ),
                sha256,
                copy_sha256,
                byte_size,
                redactions,
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

    /// The redactions of a source: each marker stands on its declared line of the copy kept, and
    /// the marker appears on no other line (an undeclared redaction).
    fn redactions(
        &mut self,
        file: &SourceFile,
        field: &str,
        raw: &raw::RawSource,
        copy: Option<&ReadSource>,
    ) -> Vec<Redaction> {
        let lines: Option<Vec<&str>> = copy
            .and_then(|c| c.text.as_ref())
            .map(|(text, _)| text.text.lines().collect());
        let mut redactions = Vec::new();
        for (j, r) in raw.redactions.iter().enumerate() {
            let r = r.get_ref();
            let rfield = format!("{field}.redactions[{j}]");
            let marker = self.text(file, &format!("{rfield}.marker"), &r.marker);
            let reason = self.text(file, &format!("{rfield}.reason"), &r.reason);
            let line = *r.line.get_ref();
            match &lines {
                None => self.diags.at(
                    file,
                    r.line.span().start,
                    format!("{rfield}: only a copy kept in seeds/sources/ can be redacted"),
                ),
                Some(lines) => {
                    let on_line = line
                        .checked_sub(1)
                        .and_then(|k| lines.get(k as usize))
                        .is_some_and(|l| l.contains(marker.as_str()));
                    if !on_line {
                        self.diags.at(
                            file,
                            r.line.span().start,
                            format!("{rfield}.line: line {line} of the copy does not hold the marker «{marker}»"),
                        );
                    }
                }
            }
            redactions.push(Redaction {
                line,
                marker,
                reason,
            });
        }
        if let Some(lines) = &lines {
            for (k, text) in lines.iter().enumerate() {
                let line = k as u32 + 1;
                let undeclared = redactions.iter().any(|r| text.contains(r.marker.as_str()))
                    && !redactions.iter().any(|r| r.line == line);
                if undeclared {
                    self.diags.at(
                        file,
                        raw.id.span().start,
                        format!("{field}.redactions: line {line} of the copy holds a redaction marker but no redaction declares it"),
                    );
                }
            }
        }
        redactions
    }

    pub(super) fn press(
        &mut self,
        parsed: Parsed<raw::PressFile>,
        refs: &Refs,
        corpus: &Corpus,
    ) -> Vec<PressArticle> {
        let file = &parsed.file;
        let mut articles: Vec<PressArticle> = Vec::new();
        let mut ids = BTreeSet::new();
        for (i, raw) in parsed.value.press_articles.iter().enumerate() {
            let raw = raw.get_ref();
            let field = format!("press_articles[{i}]");
            let id = self.new_id(
                file,
                &format!("{field}.id"),
                &raw.id,
                &mut ids,
                "press article",
            );
            let source_ok =
                self.source_ref(file, &format!("{field}.source"), &raw.source, refs, None);
            let source = SourceId::new(raw.source.get_ref().clone());
            let published_on = self.date(file, &format!("{field}.published_on"), &raw.published_on);
            // A date is not a quoted text, so the verbatim checks do not list it: said here.
            let no_copy = corpus
                .sources
                .iter()
                .any(|s| s.id == source && s.file.is_none());
            if no_copy && let Some(date) = published_on {
                let (line, column) = file.position(raw.published_on.span().start);
                self.notes.push(crate::diagnostics::Diagnostic {
                    file: file.path.clone(),
                    line,
                    column,
                    message: format!(
                        "note: {field}.published_on: not verified, no copy of source \"{source}\" is kept: {date}"
                    ),
                });
            }
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
    pub(super) fn source_ref(
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

    pub(super) fn check_unique_congresses(&mut self, corpus: &Corpus) {
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
}

/// Whether `source` is a known source covering `year` (if given): what [`Loader::source_ref`]
/// accepts, without reporting.
pub(super) fn source_covers(refs: &Refs, source: &str, year: Option<u16>) -> bool {
    refs.sources
        .get(source)
        .is_some_and(|(congress, _)| year.is_none_or(|year| congress == &year.to_string()))
}

/// What [`read_sources`] found for one source.
pub(super) enum CopyRead {
    /// The source keeps no copy (no `file`).
    NoCopy,
    /// `file` is not a plain file name: not read.
    NotPlain,
    /// The file cannot be read.
    Unreadable,
    Read(ReadSource),
}

/// The copy of each source of `sources.toml`, in order, as read from `seeds/sources/`. Called
/// on its own thread while the editions are parsed (see `Loader::run`): reading thousands of
/// files waits on the disk when they are not cached.
pub(super) fn read_sources(seeds: &Path, file: &raw::SourcesFile) -> Vec<CopyRead> {
    file.sources
        .iter()
        .map(|raw| {
            let Some(name) = &raw.get_ref().file else {
                return CopyRead::NoCopy;
            };
            let name = name.get_ref();
            if name.contains('/') || name.contains('\\') || name.starts_with('.') {
                return CopyRead::NotPlain;
            }
            read_source(&seeds.join("sources").join(name))
                .map_or(CopyRead::Unreadable, CopyRead::Read)
        })
        .collect()
}

/// `64` lowercase hexadecimal digits.
fn is_sha256(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// A source file as read: its SHA-256 (hex), size, and text and line count if it is UTF-8.
pub(super) struct ReadSource {
    sha256: String,
    byte_size: u64,
    text: Option<(SourceFile, u32)>,
}

/// `None` if the file cannot be read.
fn read_source(path: &Path) -> Option<ReadSource> {
    let bytes = std::fs::read(path).ok()?;
    Some(ReadSource {
        sha256: crate::export::sha256_hex(&bytes),
        byte_size: bytes.len() as u64,
        text: String::from_utf8(bytes).ok().map(|text| {
            let line_count = text.lines().count() as u32;
            (SourceFile::new(path.to_path_buf(), text), line_count)
        }),
    })
}
