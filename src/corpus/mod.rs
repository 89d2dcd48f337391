//! The corpus: the curated data of every source document, loaded from `seeds/`, validated, and
//! held in memory as one immutable, indexed value that the API and the exporters read.

pub mod codes;
pub mod cog;
mod fidelity;
mod index;
pub mod layout;
mod load;
pub mod model;
pub(crate) mod parallel;
pub(crate) mod raw;

use std::path::Path;

pub use index::{Index, MotionParts};
pub use model::*;

use crate::diagnostics::Diagnostic;

/// The seed data could not be loaded: every problem found, each with its position.
#[derive(Debug, thiserror::Error)]
#[error("the corpus has {} problem(s):\n{}", diagnostics.len(), render(diagnostics))]
pub struct LoadError {
    pub diagnostics: Vec<Diagnostic>,
}

fn render(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every entity of the corpus, each list in a stable reading order, plus lookups.
#[derive(Debug, Default)]
pub struct Corpus {
    /// By year.
    pub congresses: Vec<Congress>,
    /// By year.
    pub motions: Vec<Motion>,
    /// By motion, then as printed.
    pub footnotes: Vec<Footnote>,
    /// By motion, then position.
    pub parts: Vec<Part>,
    /// In reading order: by motion, part, then position.
    pub sections: Vec<Section>,
    /// In reading order: by section, position, sub-items right after their parent.
    pub items: Vec<Item>,
    /// By id.
    pub people: Vec<Person>,
    /// By edition, then as printed.
    pub roles: Vec<Role>,
    /// By role, then as printed.
    pub positions: Vec<Position>,
    /// Where each fact that is not a quoted text comes from: by table, row, field.
    pub facts: Vec<Fact>,
    /// By id.
    pub organizations: Vec<Organization>,
    /// As listed in the taxonomy.
    pub themes: Vec<Theme>,
    /// By id.
    pub sources: Vec<Source>,
    /// By date.
    pub press_articles: Vec<PressArticle>,
    /// What `check` could not verify (texts quoted from a source of which no copy may be kept,
    /// hashes of documents as received that differ from their redacted copy): information for
    /// the reader, not problems.
    pub unverified: Vec<Diagnostic>,
    index: Index,
    /// Each record's `issued` and `modified`, from the release history: not a fact of the
    /// sources, so never loaded from the seeds; empty until [`Corpus::with_record_dates`].
    record_dates: crate::tables::RecordDates,
}

impl Corpus {
    /// Loads `seeds/` (corpus, sources and reference data) and validates all of it.
    pub fn load(seeds: &Path) -> Result<Self, LoadError> {
        load::load(seeds)
    }

    /// The corpus with its records dated by the release history.
    pub fn with_record_dates(mut self, dates: crate::tables::RecordDates) -> Self {
        self.record_dates = dates;
        self
    }

    /// Each record's dates (none before the first release).
    pub fn record_dates(&self) -> &crate::tables::RecordDates {
        &self.record_dates
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Puts every list in its documented order and builds the lookups.
    fn finish(mut self) -> Self {
        self.congresses.sort_by_key(|c| c.year);
        self.motions.sort_by(|a, b| a.id.cmp(&b.id));
        self.footnotes.sort_by(|a, b| a.motion.cmp(&b.motion));
        self.parts
            .sort_by(|a, b| (&a.motion, a.position).cmp(&(&b.motion, b.position)));
        // By id, not by scanning the parts for each section (quadratic at 4,000 editions).
        let part_positions: std::collections::HashMap<&PartId, u16> =
            self.parts.iter().map(|p| (&p.id, p.position)).collect();
        let part_position = |part: &Option<PartId>| {
            part.as_ref()
                .and_then(|id| part_positions.get(id))
                .map_or(0, |&position| position)
        };
        let mut sections = std::mem::take(&mut self.sections);
        sections
            .sort_by_cached_key(|s| (s.motion.clone(), part_position(&s.part), s.kind, s.position));
        self.sections = sections;
        let section_rank: std::collections::HashMap<&SectionId, usize> = self
            .sections
            .iter()
            .enumerate()
            .map(|(i, s)| (&s.id, i))
            .collect();
        let mut items = std::mem::take(&mut self.items);
        items.sort_by_cached_key(|item| {
            let top = item.parent.as_ref().map_or(item.position, |parent| {
                parent
                    .as_str()
                    .rsplit('.')
                    .next()
                    .and_then(|p| p.parse().ok())
                    .unwrap_or(0)
            });
            let sub = if item.parent.is_some() {
                item.position
            } else {
                0
            };
            (section_rank.get(&item.section).copied(), top, sub)
        });
        self.items = items;
        self.people.sort_by(|a, b| a.id.cmp(&b.id));
        self.organizations.sort_by(|a, b| a.id.cmp(&b.id));
        self.sources.sort_by(|a, b| a.id.cmp(&b.id));
        self.press_articles
            .sort_by(|a, b| (a.published_on, &a.id).cmp(&(b.published_on, &b.id)));
        self.roles.sort_by(|a, b| a.congress.cmp(&b.congress));
        // Positions in their roles' order (stable: printed order within a role).
        let role_rank: std::collections::HashMap<&RoleId, usize> = self
            .roles
            .iter()
            .enumerate()
            .map(|(i, r)| (&r.id, i))
            .collect();
        let mut positions = std::mem::take(&mut self.positions);
        positions.sort_by_key(|p| (role_rank.get(&p.role).copied(), p.position));
        self.positions = positions;
        self.facts
            .sort_by(|a, b| (a.table, &a.row, a.field).cmp(&(b.table, &b.row, b.field)));
        self.index = Index::build(&self);
        self
    }

    pub fn congress(&self, id: &str) -> Option<&Congress> {
        self.index.congresses.get(id).map(|&i| &self.congresses[i])
    }
    pub fn motion(&self, id: &str) -> Option<&Motion> {
        self.index.motions.get(id).map(|&i| &self.motions[i])
    }
    pub fn part(&self, id: &str) -> Option<&Part> {
        self.index.parts.get(id).map(|&i| &self.parts[i])
    }
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.index.sections.get(id).map(|&i| &self.sections[i])
    }
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.index.items.get(id).map(|&i| &self.items[i])
    }
    pub fn person(&self, id: &str) -> Option<&Person> {
        self.index.people.get(id).map(|&i| &self.people[i])
    }
    pub fn role(&self, id: &str) -> Option<&Role> {
        self.index.roles.get(id).map(|&i| &self.roles[i])
    }
    pub fn position(&self, id: &str) -> Option<&Position> {
        self.positions.iter().find(|p| p.id.as_str() == id)
    }
    /// The positions a printed role states, in printed order.
    pub fn positions_of<'a>(&'a self, role: &'a RoleId) -> impl Iterator<Item = &'a Position> {
        self.positions.iter().filter(move |p| &p.role == role)
    }
    /// Where the value of `field` of row `row` of `table` comes from, if it is a sourced fact.
    pub fn fact(&self, table: &str, row: &str, field: &str) -> Option<&Fact> {
        self.facts
            .iter()
            .find(|f| f.table == table && f.row == row && f.field == field)
    }
    pub fn organization(&self, id: &str) -> Option<&Organization> {
        self.index
            .organizations
            .get(id)
            .map(|&i| &self.organizations[i])
    }
    pub fn theme(&self, id: &str) -> Option<&Theme> {
        self.index.themes.get(id).map(|&i| &self.themes[i])
    }
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.index.sources.get(id).map(|&i| &self.sources[i])
    }
    pub fn press_article(&self, id: &str) -> Option<&PressArticle> {
        self.index
            .press_articles
            .get(id)
            .map(|&i| &self.press_articles[i])
    }

    /// Sections of a motion, in reading order.
    pub fn sections_of<'a>(&'a self, motion: &'a MotionId) -> impl Iterator<Item = &'a Section> {
        self.parts_of(motion)
            .sections
            .iter()
            .map(|&i| &self.sections[i])
    }
    /// Positions of a motion's parts, sections and footnotes in their lists, in reading order.
    pub fn parts_of(&self, motion: &MotionId) -> &MotionParts {
        static NONE: MotionParts = MotionParts {
            parts: Vec::new(),
            sections: Vec::new(),
            footnotes: Vec::new(),
        };
        self.index.by_motion.get(motion.as_str()).unwrap_or(&NONE)
    }
    /// Items of a section (sub-items included), in reading order.
    pub fn items_of<'a>(&'a self, section: &'a SectionId) -> impl Iterator<Item = &'a Item> {
        self.index
            .items_by_section
            .get(section.as_str())
            .into_iter()
            .flatten()
            .map(|&i| &self.items[i])
    }
    /// Roles printed for a person, by edition.
    pub fn roles_of<'a>(&'a self, person: &'a PersonId) -> impl Iterator<Item = &'a Role> {
        self.roles.iter().filter(move |r| &r.person == person)
    }

    /// A one-screen summary: counts per entity and per edition.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        let line = |out: &mut String, label: &str, n: usize| {
            out.push_str(&format!("  {label:<16}{n:>5}\n"));
        };
        out.push_str("corpus OK\n");
        line(&mut out, "congresses", self.congresses.len());
        line(&mut out, "motions", self.motions.len());
        line(&mut out, "parts", self.parts.len());
        line(&mut out, "sections", self.sections.len());
        line(&mut out, "items", self.items.len());
        line(&mut out, "people", self.people.len());
        line(&mut out, "roles", self.roles.len());
        line(&mut out, "positions", self.positions.len());
        line(&mut out, "sourced facts", self.facts.len());
        line(&mut out, "organizations", self.organizations.len());
        line(&mut out, "themes", self.themes.len());
        line(&mut out, "sources", self.sources.len());
        line(&mut out, "press articles", self.press_articles.len());
        out.push_str("per edition:\n");
        // Counted in one pass over each list (not one pass per edition: quadratic).
        #[derive(Default)]
        struct Counts {
            sections: usize,
            items: usize,
            sub_items: usize,
            roles: usize,
        }
        let mut counts: std::collections::HashMap<&str, Counts> = std::collections::HashMap::new();
        for s in &self.sections {
            counts.entry(s.congress.as_str()).or_default().sections += 1;
        }
        for i in &self.items {
            let c = counts.entry(i.congress.as_str()).or_default();
            c.items += 1;
            c.sub_items += usize::from(i.parent.is_some());
        }
        for r in &self.roles {
            counts.entry(r.congress.as_str()).or_default().roles += 1;
        }
        for congress in &self.congresses {
            let Counts {
                sections,
                items,
                sub_items,
                roles,
            } = counts.remove(congress.id.as_str()).unwrap_or_default();
            let motion = match &congress.motion {
                Some(_) => "motion",
                None => "no motion text in the sources",
            };
            out.push_str(&format!(
                "  {} (edition {}): {motion}, {sections} sections, {items} items ({sub_items} sub-items), {roles} roles\n",
                congress.year, congress.ordinal
            ));
        }
        out
    }
}
