//! One edition file: the congress, its motion with parts, sections and items, and the roles
//! printed in its documents.

use std::collections::{BTreeMap, HashSet};

use super::provenance::FactAt;
use super::shared::source_covers;
use super::{Loader, Parsed, Positions, Refs};
use crate::corpus::Corpus;
use crate::corpus::codes::{
    Capacity, CountQualifier, ItemKind, MotionKind, Office, OrganizationKind, PositionKind,
    SectionKind, SourceKind,
};
use crate::corpus::fidelity::TextUnit;
use crate::corpus::model::*;
use crate::corpus::raw::{self, S};
use crate::diagnostics::SourceFile;
use crate::text::fold_for_matching;

impl Loader {
    /// One edition's congress, motion, parts, sections, items and roles, appended to `corpus`.
    /// Looks at nothing outside the file but `refs` (editions are converted in parallel, see
    /// [`Loader::distinct_editions`] for the checks across files).
    pub(super) fn edition(
        &mut self,
        parsed: &Parsed<raw::EditionFile>,
        refs: &Refs,
        corpus: &mut Corpus,
    ) {
        let file = &parsed.file;
        let edition = &parsed.value;
        let raw_congress = edition.congress.get_ref();
        let year = *raw_congress.year.get_ref();
        let year_text = year.to_string();
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
        let mut workshop_partners = Vec::new();
        for (i, partner) in raw_congress.workshop_partners.iter().enumerate() {
            let exists = refs.organizations.contains_key(partner.get_ref());
            if self.reference(
                file,
                &format!("congress.workshop_partners[{i}]"),
                partner,
                exists,
                "organization",
                "corpus/organizations.toml",
            ) {
                workshop_partners.push(OrganizationId::new(partner.get_ref().clone()));
            }
        }
        self.congress_facts(file, raw_congress, &year_text, refs, &mut corpus.facts);

        // The motion and its parts, sections and items.
        let motion_id = MotionId::new(year_text.clone());
        let motion = edition.motion.as_ref().and_then(|m| {
            self.motion(
                file,
                m.get_ref(),
                &motion_id,
                &congress_id,
                year,
                refs,
                &mut corpus.facts,
            )
        });
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
        // This edition's footnotes and sections are appended after these positions: duplicate
        // and reference checks look there only, not through every edition loaded before
        // (quadratic on a corpus of thousands of editions).
        let first_footnote = corpus.footnotes.len();
        let first_section = corpus.sections.len();
        if let (Some(motion), Some(raw_motion)) = (&motion, &edition.motion) {
            let source = motion.source.clone();
            for (i, f) in raw_motion.get_ref().footnotes.iter().enumerate() {
                let f = f.get_ref();
                let field = format!("motion.footnotes[{i}]");
                let label = self.text(file, &format!("{field}.label"), &f.label);
                let id = format!("{motion_id}-note-{label}");
                if corpus.footnotes[first_footnote..]
                    .iter()
                    .any(|n| n.id == id)
                {
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
                    call: None,
                });
            }
            // Each call names a footnote of this motion, and a footnote is called once.
            for call in &motion.footnote_calls {
                let note = corpus.footnotes[first_footnote..]
                    .iter_mut()
                    .find(|n| n.label == call.label);
                let problem = match note {
                    Some(note) if note.call.is_none() => {
                        note.call = Some(call.clone());
                        continue;
                    }
                    Some(_) => "a footnote is called once; this one is called again",
                    None => "no [[motion.footnotes]] has this label",
                };
                let offset = raw_motion
                    .get_ref()
                    .preamble
                    .iter()
                    .chain(&raw_motion.get_ref().closing)
                    .find(|p| p.get_ref().contains(&format!("[^{}]", call.label)))
                    .map_or(0, |p| p.span().start);
                self.diags.at(
                    file,
                    offset,
                    format!(
                        "motion.{}[{}]: footnote call [^{}]: {problem}",
                        call.field,
                        call.paragraph - 1,
                        call.label
                    ),
                );
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
            self.check_section_themes(file, &edition.sections, &sections, &items);
            corpus.parts.extend(parts.into_values());
            corpus
                .sections
                .extend(sections.into_values().map(|(s, _)| s));
            corpus.items.extend(items);
        }
        let sections = corpus.sections.split_off(first_section);
        self.roles(
            file,
            &edition.roles,
            &congress_id,
            year,
            refs,
            &sections,
            corpus,
        );
        corpus.sections.extend(sections);

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
                workshop_partners,
                motion: edition.motion.is_some().then_some(motion_id),
                source: congress_source,
            });
        }
    }

    /// The provenance of each fact of the congress record (`[congress.provenance]`): its rank
    /// and year always, its dates, place and workshop partners when given.
    fn congress_facts(
        &mut self,
        file: &SourceFile,
        raw: &raw::RawCongress,
        id: &str,
        refs: &Refs,
        facts: &mut Vec<Fact>,
    ) {
        let none = raw::RawCongressProvenance::default();
        let provenance = raw.provenance.as_ref().map_or(&none, |p| p.get_ref());
        let wanted = [
            (
                "ordinal",
                "ordinal",
                Some(raw.ordinal.span().start),
                &provenance.ordinal,
            ),
            (
                "year",
                "year",
                Some(raw.year.span().start),
                &provenance.year,
            ),
            (
                "start_date",
                "start_date",
                raw.start_date.as_ref().map(|v| v.span().start),
                &provenance.start_date,
            ),
            (
                "end_date",
                "end_date",
                raw.end_date.as_ref().map(|v| v.span().start),
                &provenance.end_date,
            ),
            (
                "place",
                "place_id",
                raw.place.as_ref().map(|v| v.span().start),
                &provenance.place,
            ),
            (
                "workshop_partners",
                "workshop_partners",
                raw.workshop_partners.first().map(|v| v.span().start),
                &provenance.workshop_partners,
            ),
        ];
        for (key, published, value_at, raw_provenance) in wanted {
            let field = format!("congress.{key}");
            let provenance_key = format!("[congress.provenance.{key}]");
            if let Some(p) = self.fact_provenance(
                file,
                FactAt {
                    field: &field,
                    value_at,
                    provenance_key: &provenance_key,
                },
                raw_provenance.as_ref(),
                refs,
            ) {
                facts.push(Fact::new("congress", "congresses", id, published, p));
            }
        }
    }

    /// The editions to convert, in file order: each file's year is checked against its name,
    /// and an edition whose year an earlier one already has is reported and left out, as the
    /// loader did when it converted editions one by one (a congress counts from then on only if
    /// its source reference is valid, as in [`Loader::edition`]).
    pub(super) fn distinct_editions(
        &mut self,
        editions: Vec<Parsed<raw::EditionFile>>,
        refs: &Refs,
    ) -> Vec<Parsed<raw::EditionFile>> {
        let mut years = HashSet::new();
        let mut distinct = Vec::with_capacity(editions.len());
        for parsed in editions {
            let file = &parsed.file;
            let raw_congress = parsed.value.congress.get_ref();
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
            if years.contains(&year) {
                self.duplicate(
                    file,
                    "congress.year",
                    raw_congress.year.span().start,
                    &year_text,
                    "congress",
                );
                continue;
            }
            if source_covers(refs, raw_congress.source.get_ref(), Some(year)) {
                years.insert(year);
            }
            distinct.push(parsed);
        }
        distinct
    }

    pub(super) fn count(
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

    #[allow(clippy::too_many_arguments)]
    pub(super) fn motion(
        &mut self,
        file: &SourceFile,
        raw: &raw::RawMotion,
        id: &MotionId,
        congress: &CongressId,
        year: u16,
        refs: &Refs,
        facts: &mut Vec<Fact>,
    ) -> Option<Motion> {
        let source_ok = self.source_ref(file, "motion.source", &raw.source, refs, Some(year));
        let source = SourceId::new(raw.source.get_ref().clone());
        // A text is what its source says it is: a motion, or « propositions retenues ».
        let kind = match refs.sources.get(raw.source.get_ref()) {
            Some((_, SourceKind::Propositions)) => MotionKind::Propositions,
            _ => MotionKind::Motion,
        };
        let provenance = raw.provenance.as_ref().map(|p| p.get_ref());
        if let Some(p) = self.fact_provenance(
            file,
            FactAt {
                field: "motion.adopted_on",
                value_at: raw.adopted_on.as_ref().map(|d| d.span().start),
                provenance_key: "[motion.provenance.adopted_on]",
            },
            provenance.and_then(|p| p.adopted_on.as_ref()),
            refs,
        ) {
            facts.push(Fact::new("motion", "motions", id.as_str(), "adopted_on", p));
        }
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
        let mut footnote_calls = Vec::new();
        let preamble = self.quoted_with_calls(
            file,
            "preamble",
            &raw.preamble,
            &source,
            &mut footnote_calls,
        );
        let closing =
            self.quoted_with_calls(file, "closing", &raw.closing, &source, &mut footnote_calls);
        let motion = Motion {
            id: id.clone(),
            congress: congress.clone(),
            title: self.quoted(file, "motion.title", &raw.title, &source),
            kind,
            adopted_on,
            preamble_heading: raw
                .preamble_heading
                .as_ref()
                .map(|h| self.quoted(file, "motion.preamble_heading", h, &source)),
            preamble,
            closing,
            source: source.clone(),
            footnote_calls,
            related: raw
                .related
                .as_ref()
                .and_then(|r| self.related(file, r, &source)),
        };
        source_ok.then_some(motion)
    }

    /// A section's themes are those its items are about: every theme of an item is also one of
    /// its section's (the section may have more, for its own text). Reported at the section's
    /// `themes`, with the missing ones and the items that carry them.
    fn check_section_themes(
        &mut self,
        file: &SourceFile,
        raws: &[S<raw::RawSection>],
        sections: &BTreeMap<String, (Section, usize)>,
        items: &[Item],
    ) {
        for (section, i) in sections.values() {
            // A theme it names that is unknown is already reported, and may be the missing one.
            let written = raws
                .get(*i)
                .map_or(0, |raw| raw.get_ref().themes.get_ref().len());
            if written != section.themes.len() {
                continue;
            }
            let mut missing: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
            for item in items.iter().filter(|item| item.section == section.id) {
                for theme in &item.themes {
                    if !section.themes.contains(theme) {
                        missing
                            .entry(theme.as_str())
                            .or_default()
                            .push(item.id.as_str());
                    }
                }
            }
            if missing.is_empty() {
                continue;
            }
            let listed: Vec<String> = missing
                .iter()
                .map(|(theme, items)| format!("\"{theme}\" (items {})", items.join(", ")))
                .collect();
            let offset = raws
                .get(*i)
                .map_or(0, |raw| raw.get_ref().themes.span().start);
            self.diags.at(
                file,
                offset,
                format!(
                    "sections[{i}].themes: section {} lacks the themes of its items: {}; a section's themes include every theme of its items",
                    section.id,
                    listed.join(", ")
                ),
            );
        }
    }

    /// The related resource of a motion: label and address verbatim, and a URL that is the
    /// printed address with its scheme (nothing else added).
    fn related(
        &mut self,
        file: &SourceFile,
        raw: &S<raw::RawRelated>,
        source: &SourceId,
    ) -> Option<RelatedResource> {
        let r = raw.get_ref();
        let label = self.quoted(file, "motion.related.label", &r.label, source);
        let as_printed = self.quoted(file, "motion.related.as_printed", &r.as_printed, source);
        let url = r.url.get_ref().trim().to_string();
        let printed = ["https://", "http://"]
            .iter()
            .any(|scheme| url.strip_prefix(scheme) == Some(as_printed.as_str()));
        if !printed {
            self.diags.at(
                file,
                r.url.span().start,
                format!("motion.related.url: \"{url}\" must be the printed address \"{as_printed}\" with its scheme (https:// or http://)"),
            );
            return None;
        }
        Some(RelatedResource {
            label,
            as_printed,
            url,
        })
    }

    pub(super) fn parts(
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
    pub(super) fn sections(
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
    pub(super) fn items(
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

    #[allow(clippy::too_many_arguments)]
    pub(super) fn roles(
        &mut self,
        file: &SourceFile,
        raws: &[S<raw::RawRole>],
        congress: &CongressId,
        year: u16,
        refs: &Refs,
        // This edition's sections (a role names a section of its own edition).
        sections: &[Section],
        corpus: &mut Corpus,
    ) {
        let first_role = corpus.roles.len();
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
            let section = raw.section.as_ref().and_then(|s| {
                let id = format!("{year}-{}", s.get_ref());
                let exists = sections.iter().any(|section| section.id.as_str() == id);
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
            // The person's name, as printed, is part of what the source says.
            if let Some(name) = refs.person_names.get(raw.person.get_ref()) {
                self.units.push(TextUnit {
                    source: source.clone(),
                    text: crate::text::fold_for_matching(name),
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
            let heading = raw
                .heading
                .as_ref()
                .map(|o| self.quoted(file, &format!("{field}.heading"), o, &source));
            let (Some(capacity), true, true) = (capacity, person_ok, source_ok) else {
                continue;
            };
            let context = match (&raw.section, capacity) {
                (Some(section), _) => section.get_ref().clone(),
                (None, Capacity::BoardMember) => "board".to_string(),
                (None, other) => other.code().replace('_', "-"),
            };
            let id = RoleId::new(format!("{year}-{context}-{}", raw.person.get_ref()));
            if corpus.roles[first_role..].iter().any(|r| r.id == id) {
                self.duplicate(
                    file,
                    &format!("{field}.person"),
                    raw.person.span().start,
                    id.as_str(),
                    "role",
                );
                continue;
            }
            let role = Role {
                id,
                person: PersonId::new(raw.person.get_ref().clone()),
                congress: congress.clone(),
                source,
                capacity,
                heading,
                as_printed,
                section,
                represents,
            };
            for (n, position) in raw.positions.iter().enumerate() {
                let field = format!("{field}.positions[{n}]");
                let rank = u16::try_from(n + 1).unwrap_or(u16::MAX);
                if let Some(position) =
                    self.position(file, &field, position, rank, &role, refs, &mut corpus.facts)
                {
                    corpus.positions.push(position);
                }
            }
            corpus.roles.push(role);
        }
    }

    /// One position of a printed role: its words must be the role's (or its heading's), its
    /// title and the organisation's name must be among them, an office is held at the
    /// association, a mandate in a commune or an EPCI, and the link to an organisation cites
    /// its source.
    #[allow(clippy::too_many_arguments)]
    fn position(
        &mut self,
        file: &SourceFile,
        field: &str,
        raw: &S<raw::RawPosition>,
        rank: u16,
        role: &Role,
        refs: &Refs,
        facts: &mut Vec<Fact>,
    ) -> Option<Position> {
        let raw = raw.get_ref();
        let source = &role.source;
        let kind = self.code(
            file,
            &format!("{field}.kind"),
            &raw.kind,
            PositionKind::parse,
            PositionKind::expected,
        );
        let as_printed = self.quoted(
            file,
            &format!("{field}.as_printed"),
            &raw.as_printed,
            source,
        );
        let in_role = |text: &str| {
            let text = fold_for_matching(text);
            fold_for_matching(&role.as_printed).contains(&text)
                || role
                    .heading
                    .as_deref()
                    .is_some_and(|h| fold_for_matching(h).contains(&text))
        };
        if !in_role(&as_printed) {
            self.diags.at(
                file,
                raw.as_printed.span().start,
                format!("{field}.as_printed: \"{as_printed}\" is not in the role as printed (as_printed or heading of the role)"),
            );
        }
        let within = |this: &mut Self, name: &str, value: &S<String>| -> String {
            let text = this.quoted(file, &format!("{field}.{name}"), value, source);
            if !fold_for_matching(&as_printed).contains(&fold_for_matching(&text)) {
                this.diags.at(
                    file,
                    value.span().start,
                    format!("{field}.{name}: \"{text}\" is not in the position's as_printed \"{as_printed}\""),
                );
            }
            text
        };
        let title = within(self, "title", &raw.title);
        let organization_as_printed = raw
            .organization_as_printed
            .as_ref()
            .map(|o| within(self, "organization_as_printed", o));
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
            let found = refs.organizations.get(o.get_ref()).copied();
            self.reference(
                file,
                &format!("{field}.organization"),
                o,
                found.is_some(),
                "organization",
                "corpus/organizations.toml",
            )
            .then(|| {
                (
                    OrganizationId::new(o.get_ref().clone()),
                    found,
                    o.span().start,
                )
            })
        });
        let kind = kind?;
        match (kind, &raw.office) {
            (PositionKind::Office, None) => self.diags.at(
                file,
                raw.kind.span().start,
                format!(
                    "{field}.office: an office needs its code (expected {})",
                    Office::expected()
                ),
            ),
            (PositionKind::Mandate | PositionKind::Function, Some(o)) => self.diags.at(
                file,
                o.span().start,
                format!("{field}.office: only a position of kind \"office\" has one"),
            ),
            _ => {}
        }
        if let Some((_, Some(org_kind), offset)) = &organization {
            let fits = match kind {
                PositionKind::Office => *org_kind == OrganizationKind::Association,
                PositionKind::Mandate => {
                    matches!(org_kind, OrganizationKind::Commune | OrganizationKind::Epci)
                }
                PositionKind::Function => true,
            };
            if !fits {
                self.diags.at(
                    file,
                    *offset,
                    format!("{field}.organization: a position of kind \"{kind}\" cannot be held in an organisation of kind \"{org_kind}\" (an office is held at the association, a mandate in a commune or an intercommunalité)"),
                );
            }
        }
        if let Some(department) = &raw.printed_department {
            let d = department.get_ref();
            let well_formed = (2..=3).contains(&d.len())
                && d.chars()
                    .all(|c| c.is_ascii_digit() || c == 'A' || c == 'B');
            if !well_formed {
                self.diags.at(file, department.span().start, format!("{field}.printed_department: \"{d}\" is not a département number (expected e.g. \"81\", \"2A\", \"974\")"));
            }
        }
        let id = PositionId::new(format!("{}-{rank}", role.id));
        let provenance_key = format!("{field}.provenance");
        if let Some(p) = self.fact_provenance(
            file,
            FactAt {
                field: &format!("{field}.organization"),
                value_at: raw.organization.as_ref().map(|o| o.span().start),
                provenance_key: &provenance_key,
            },
            raw.provenance.as_ref(),
            refs,
        ) {
            facts.push(Fact::new(
                "position",
                "positions",
                id.as_str(),
                "organization_id",
                p,
            ));
        }
        Some(Position {
            id,
            role: role.id.clone(),
            person: role.person.clone(),
            congress: role.congress.clone(),
            source: source.clone(),
            position: rank,
            kind,
            as_printed,
            title,
            office,
            organization: organization.map(|(id, _, _)| id),
            organization_as_printed,
            printed_department: raw.printed_department.as_ref().map(|d| d.get_ref().clone()),
        })
    }
}
