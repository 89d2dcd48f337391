//! `draft`: from a newly received congress document to a draft edition file in the corpus's own
//! format, with every guess marked `# À VÉRIFIER : …` for the person who completes it.
//!
//! One job per module: `lines` removes layout noise and rebuilds paragraphs, `structure` finds
//! parts, sections, items and footnotes, `counts` reads the printed numbers, `people` the printed
//! names and roles, `territories` resolves communes and EPCI against the bundled COG, `themes`
//! suggests themes from the closest themed texts, `write` prints the TOML, `evaluate` scores a
//! draft against a curated file (the leave-one-out evaluation of `tests/draft.rs`).

pub mod cli;
pub mod counts;
pub mod evaluate;
pub mod lines;
pub mod people;
pub mod reference;
pub mod structure;
pub mod territories;
pub mod themes;
pub mod write;

pub use reference::Reference;

/// A count as printed, with its qualifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    pub count: u32,
    pub more_than: bool,
    pub as_printed: String,
}

/// A printed fact with the words that state it (a provenance quote).
#[derive(Debug, Clone)]
pub struct Quoted<T> {
    pub value: T,
    pub quote: String,
}

#[derive(Debug, Clone, Default)]
pub struct Congress {
    pub ordinal: Option<Quoted<u16>>,
    /// When the document prints no rank: the one deduced from the neighbouring editions, with
    /// the source it cites and the reasoning.
    pub ordinal_inferred: Option<InferredOrdinal>,
    /// The words that give the year, and the reasoning when the year is inferred from them.
    pub year: Option<(String, Option<String>)>,
    pub date: Option<Quoted<String>>,
    pub place: Option<Quoted<territories::Resolution>>,
    pub contributions: Option<Count>,
    pub contributors: Option<Count>,
    /// The workshops' partners as printed, with their ids (derived, to confirm).
    pub workshop_partners: Option<Quoted<Vec<Partner>>>,
}

/// A rank the document does not print, deduced from the neighbouring editions' printed ranks.
#[derive(Debug, Clone)]
pub struct InferredOrdinal {
    pub value: u16,
    pub source: String,
    pub quote: String,
    pub reasoning: String,
}

/// A partner as printed and the id the draft gives it.
#[derive(Debug, Clone)]
pub struct Partner {
    pub id: String,
    pub printed: String,
    /// A commune (« ville de Lyon ») resolved in the COG: its code.
    pub commune: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Footnote {
    pub label: String,
    pub heading: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Default)]
pub struct Motion {
    pub title: String,
    pub preamble_heading: Option<String>,
    pub preamble: Vec<String>,
    pub closing: Vec<String>,
    pub footnotes: Vec<Footnote>,
    /// `(label, address as printed)`.
    pub related: Option<(String, String)>,
    pub adopted_on: Option<Quoted<String>>,
}

#[derive(Debug, Clone, Default)]
pub struct Part {
    pub position: u16,
    pub title: String,
    pub introduction: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Section {
    pub part: Option<u16>,
    pub kind: &'static str,
    /// Why this kind was chosen (written as a review comment).
    pub kind_evidence: String,
    pub position: u16,
    pub title: String,
    pub subtitle: Option<String>,
    pub body: Vec<String>,
    pub items_heading: Option<String>,
    pub items_intro: Vec<String>,
    pub themes: Vec<themes::Suggestion>,
}

impl Section {
    pub fn key(&self) -> String {
        format!("{}-{}", self.kind, self.position)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Item {
    /// Index in `Draft::sections`.
    pub section: usize,
    pub position: u16,
    pub parent: Option<u16>,
    pub kind: &'static str,
    pub text: String,
    pub themes: Vec<themes::Suggestion>,
}

/// The draft of one edition, before it is written as TOML.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub year: u16,
    pub source_id: String,
    pub congress: Congress,
    pub motion: Motion,
    pub parts: Vec<Part>,
    pub sections: Vec<Section>,
    pub items: Vec<Item>,
    pub roles: Vec<people::Role>,
    /// People named in the roles that `people.toml` does not know yet.
    pub new_people: Vec<people::NewPerson>,
    /// Lines to declare in `[[sources.omitted]]`: `(first, last, reason)`.
    pub omitted: Vec<(u32, u32, String)>,
    /// Fragments to declare in `[[sources.layout]]`: `(text, reason)`.
    pub layout: Vec<(String, String)>,
    /// What the drafter could not decide, for the summary.
    pub reviews: Vec<String>,
    /// The id of the congress's place, when resolved.
    pub place_id: Option<String>,
    /// Organisations the resolved positions cite that `organizations.toml` does not have:
    /// `(id, kind, name, code)`.
    pub new_organizations: Vec<(String, &'static str, String, String)>,
    /// Blocks naming people, for `people`: `(section index, block, text)`.
    pub people_blocks: Vec<(Option<usize>, lines::Block, String)>,
}

/// Drafts an edition from the text of its source.
pub fn draft(source: &str, year: u16, source_id: &str, reference: &Reference) -> Draft {
    let cleaned = lines::clean(source);
    let blocks = lines::blocks(&cleaned.lines, &cleaned.noise);
    let mut draft = structure::build(&blocks, year, source_id);
    for (n, noise) in &cleaned.noise {
        if *noise != lines::Noise::RepeatedBlock {
            draft.omitted.push((*n, *n, noise.reason().to_string()));
        }
    }
    // A block repeated on several pages is declared once, as a layout fragment.
    for text in &cleaned.repeated_blocks {
        draft.layout.push((
            text.clone(),
            lines::Noise::RepeatedBlock.reason().to_string(),
        ));
    }
    merge_ranges(&mut draft.omitted);
    let joined = blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    draft.congress = counts::congress(&joined, year, reference);
    if let Some((_, Some(adoption))) = counts::date(&joined, year) {
        draft.motion.adopted_on = Some(adoption);
    }
    let carrier = people::carrier(&joined, reference);
    people::resolve(&mut draft, reference, carrier.as_ref());
    organizations(&mut draft, reference);
    themes::suggest(&mut draft, reference);
    draft
}

/// Adjacent omitted lines with the same reason become one range.
fn merge_ranges(omitted: &mut Vec<(u32, u32, String)>) {
    omitted.sort_by_key(|o| o.0);
    let mut out: Vec<(u32, u32, String)> = Vec::new();
    for o in omitted.drain(..) {
        match out.last_mut() {
            Some(last) if last.2 == o.2 && o.0 <= last.1 + 2 => last.1 = o.1,
            _ => out.push(o),
        }
    }
    *omitted = out;
}

/// The place's id, and the organisations to add for the codes the draft resolved.
fn organizations(d: &mut Draft, reference: &Reference) {
    let mut found: Vec<(String, bool, String, String)> = Vec::new();
    if let Some(p) = &d.congress.place
        && let territories::Resolution::Resolved { code, name, epci }
        | territories::Resolution::OtherDepartment {
            code, name, epci, ..
        } = &p.value
    {
        let id = reference
            .organization_with_code(code)
            .map(str::to_string)
            .unwrap_or_else(|| reference::slug(name));
        d.place_id = Some(id.clone());
        found.push((id, *epci, name.clone(), code.clone()));
    }
    for r in &d.roles {
        for p in &r.positions {
            if let (Some(id), Some(t)) = (&p.organization, &p.territory)
                && let territories::Resolution::Resolved { code, epci, .. }
                | territories::Resolution::OtherDepartment { code, epci, .. } = t
            {
                let name = p.organization_as_printed.clone().unwrap_or_default();
                found.push((id.clone(), *epci, name, code.clone()));
            }
        }
    }
    let partners = d.congress.workshop_partners.iter().flat_map(|p| &p.value);
    let partners = partners.map(|p| match &p.commune {
        Some(code) => (p.id.clone(), "commune", p.printed.clone(), code.clone()),
        None => (p.id.clone(), "other", p.printed.clone(), String::new()),
    });
    let found = found
        .into_iter()
        .map(|(id, epci, name, code)| (id, if epci { "epci" } else { "commune" }, name, code))
        .chain(partners);
    for (id, kind, name, code) in found {
        let known = reference.organizations.iter().any(|o| o.id == id);
        if !known && !d.new_organizations.iter().any(|o| o.0 == id) {
            d.new_organizations.push((id, kind, name, code));
        }
    }
}
