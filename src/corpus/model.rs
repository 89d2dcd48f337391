//! The validated, typed model of the corpus. Values of these types are only built by the loader
//! (`corpus::load`), after validation: a `Section` always belongs to an existing motion, an
//! `Organization` of kind commune always has a checked INSEE code, and so on.

use jiff::civil::Date;

use super::codes::{
    Capacity, CountQualifier, ItemKind, MotionKind, MotionStatus, Office, OrganizationKind,
    PositionKind, ProvenanceKind, SectionKind, SourceKind,
};

/// Declares a string identifier newtype. Identifiers are stable, readable slugs or paths (years,
/// positions, names), never row numbers, and are used as is in URLs and IRIs.
macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(String);

        impl $name {
            pub(crate) fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }
    };
}

id_type!(
    /// A congress edition: its year, e.g. `2021`.
    CongressId
);
id_type!(
    /// A motion: the year of its congress, e.g. `2021`.
    MotionId
);
id_type!(
    /// A part of a motion: `{year}-part-{position}`.
    PartId
);
id_type!(
    /// A section: `{year}-{kind}-{position}`, e.g. `2021-axis-1`.
    SectionId
);
id_type!(
    /// An item: `{section}.{position}` or `{section}.{parent}.{position}` for a sub-item.
    ItemId
);
id_type!(
    /// A person: slug of the name, e.g. `mathieu-vidal`.
    PersonId
);
id_type!(
    /// A printed role: `{year}-{context}-{person}`.
    RoleId
);
id_type!(
    /// One position stated by a printed role: `{role}-{position}`, e.g. `2021-board-mathieu-vidal-3`.
    PositionId
);
id_type!(
    /// An organisation: slug, e.g. `villes-internet`, `albi`.
    OrganizationId
);
id_type!(
    /// A theme of the taxonomy: slug, e.g. `donnees`.
    ThemeId
);
id_type!(
    /// A source document: slug, e.g. `2021-motion`.
    SourceId
);
id_type!(
    /// A press article: `{date}-{author slug}`.
    PressArticleId
);

/// Where a fact comes from: the source that states it, how, and its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    pub source: SourceId,
    pub kind: ProvenanceKind,
    /// The words of the source that print the fact or that it is deduced from, verbatim.
    pub quote: String,
    /// Why the quoted words imply the fact (always given for an inference, never otherwise).
    pub reasoning: Option<String>,
}

/// The provenance of one field of one row: the `facts` table. Texts quoted from the row's own
/// source need none (the loader checks them verbatim against it); every other fact (dates,
/// ranks, years, places, links to organisations, partners) has one.
#[derive(Debug, Clone)]
pub struct Fact {
    /// `{entity}-{row id}-{field}`, e.g. `congress-2020-start_date`.
    pub id: String,
    /// The table of the row (`congresses`, `positions`…).
    pub table: &'static str,
    pub row: String,
    /// The field of that table the fact is the value of.
    pub field: &'static str,
    pub provenance: Provenance,
}

impl Fact {
    pub(crate) fn new(
        entity: &str,
        table: &'static str,
        row: &str,
        field: &'static str,
        provenance: Provenance,
    ) -> Self {
        Fact {
            id: format!("{entity}-{row}-{field}"),
            table,
            row: row.to_string(),
            field,
            provenance,
        }
    }
}

/// A count as printed in a source, with how to read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    pub value: u32,
    pub qualifier: CountQualifier,
    /// The words of the source, verbatim (e.g. "plus de 1000 contributions").
    pub as_printed: String,
}

/// A block of running text with an optional heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextBlock {
    pub heading: Option<String>,
    pub paragraphs: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Congress {
    pub id: CongressId,
    pub ordinal: u16,
    pub year: u16,
    pub start_date: Option<Date>,
    pub end_date: Option<Date>,
    pub place: Option<OrganizationId>,
    pub contributions: Option<Count>,
    pub contributors: Option<Count>,
    pub description: Vec<TextBlock>,
    /// Organisations printed as partners of the edition's workshops (not of the whole
    /// congress), in printed order.
    pub workshop_partners: Vec<OrganizationId>,
    pub motion: Option<MotionId>,
    pub source: SourceId,
}

impl Congress {
    /// A generated label (not a quotation): "3e Congrès national des élus au numérique".
    pub fn name(&self) -> String {
        let ordinal = if self.ordinal == 1 {
            "1er".to_string()
        } else {
            format!("{}e", self.ordinal)
        };
        format!(
            "{ordinal} Congrès national des élus au numérique ({})",
            self.year
        )
    }

    pub fn motion_status(&self) -> MotionStatus {
        if self.motion.is_some() {
            MotionStatus::InCorpus
        } else {
            MotionStatus::NotInSources
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Footnote {
    /// `{motion}-note-{label}`.
    pub id: String,
    pub motion: MotionId,
    pub label: String,
    pub heading: Option<String>,
    pub text: String,
    pub source: SourceId,
    /// Where the motion's text calls the note, if it does.
    pub call: Option<FootnoteCall>,
}

/// A footnote call in a motion's text: the printed number is not part of the text (it was
/// glued to the word before it, "Villes Internet1"), it is this reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FootnoteCall {
    /// The label printed, that of the footnote called.
    pub label: String,
    /// The motion field holding the call: `preamble` or `closing`.
    pub field: &'static str,
    /// 1-based paragraph of that field.
    pub paragraph: u16,
    /// Characters of the paragraph before the call (the call stands right after them).
    pub offset: u32,
}

#[derive(Debug, Clone)]
pub struct Motion {
    pub id: MotionId,
    pub congress: CongressId,
    pub title: String,
    /// What the document calls itself (its source's kind).
    pub kind: MotionKind,
    pub adopted_on: Option<Date>,
    pub preamble_heading: Option<String>,
    pub preamble: Vec<String>,
    pub closing: Vec<String>,
    pub source: SourceId,
    /// The footnote calls of the preamble and closing, in reading order.
    pub footnote_calls: Vec<FootnoteCall>,
    /// A resource the document points to (the 2021 interactive mind map).
    pub related: Option<RelatedResource>,
}

/// A resource a motion's document points to, as printed and as a URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelatedResource {
    pub label: String,
    pub as_printed: String,
    pub url: String,
}

#[derive(Debug, Clone)]
pub struct Part {
    pub id: PartId,
    pub motion: MotionId,
    pub position: u16,
    pub title: Option<String>,
    pub introduction: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Section {
    pub id: SectionId,
    pub motion: MotionId,
    pub congress: CongressId,
    pub part: Option<PartId>,
    pub kind: SectionKind,
    pub position: u16,
    pub title: String,
    pub subtitle: Option<String>,
    pub body: Vec<String>,
    pub items_heading: Option<String>,
    pub items_intro: Vec<String>,
    pub themes: Vec<ThemeId>,
    pub source: SourceId,
}

#[derive(Debug, Clone)]
pub struct Item {
    pub id: ItemId,
    pub section: SectionId,
    pub motion: MotionId,
    pub congress: CongressId,
    pub kind: ItemKind,
    pub position: u16,
    pub parent: Option<ItemId>,
    pub text: String,
    pub themes: Vec<ThemeId>,
    pub source: SourceId,
}

#[derive(Debug, Clone)]
pub struct Person {
    pub id: PersonId,
    pub name: String,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Role {
    pub id: RoleId,
    pub person: PersonId,
    pub congress: CongressId,
    pub source: SourceId,
    pub capacity: Capacity,
    /// The heading printed above the name (« VICE-PRÉSIDENTE »), if any.
    pub heading: Option<String>,
    /// The role exactly as printed.
    pub as_printed: String,
    pub section: Option<SectionId>,
    pub represents: Option<PersonId>,
}

/// One position a printed role states: an office at the association, a mandate in a territory,
/// or another function. A role such as « Président de Villes Internet, …, adjoint au maire
/// d'Albi (81) » states three; each is its own row, linked to the role.
#[derive(Debug, Clone)]
pub struct Position {
    pub id: PositionId,
    pub role: RoleId,
    pub person: PersonId,
    pub congress: CongressId,
    pub source: SourceId,
    /// Rank within the role, in printed order (1, 2…).
    pub position: u16,
    pub kind: PositionKind,
    /// The words of the role (or of its heading) that state this position, verbatim.
    pub as_printed: String,
    /// The title of the position as printed (« Adjoint au Maire », « VICE-PRÉSIDENTE »).
    pub title: String,
    /// For an office: which one.
    pub office: Option<Office>,
    /// Where it is held: the association for an office, a commune or an EPCI for a mandate.
    pub organization: Option<OrganizationId>,
    /// The organisation's name as printed (« ALBI », « Châteauroux Métropole »).
    pub organization_as_printed: Option<String>,
    /// The département number printed beside the territory, as printed (it may be wrong: the
    /// organisation's own code is the resolved truth).
    pub printed_department: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Organization {
    pub id: OrganizationId,
    pub kind: OrganizationKind,
    pub name: String,
    /// Code officiel géographique of a commune.
    pub insee_code: Option<String>,
    pub siren: Option<String>,
    /// The official name in the Code officiel géographique (commune, EPCI), kept beside the
    /// name as printed.
    pub official_name: Option<String>,
    /// Département of a commune, or the départements of an EPCI's member communes, from the
    /// Code officiel géographique.
    pub departments: Vec<String>,
    pub website: Option<String>,
    /// Only an organisation's generic public address; never a person's.
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Theme {
    pub id: ThemeId,
    pub notation: String,
    pub label: String,
    pub definition: String,
    pub broader: Option<ThemeId>,
}

/// A span of a source deliberately left out of the data, with why.
#[derive(Debug, Clone)]
pub struct Omission {
    pub first_line: u32,
    pub last_line: u32,
    pub reason: String,
}

/// A layout or linking fragment (bullet, heading number, "Avec") that is not text.
#[derive(Debug, Clone)]
pub struct LayoutFragment {
    pub text: String,
    pub reason: String,
}

#[derive(Debug, Clone)]
pub struct Source {
    pub id: SourceId,
    /// File name of the copy kept under `seeds/sources/`; `None` when no copy may be kept
    /// (third-party text): its texts cannot be verified, only its SHA-256 recorded.
    pub file: Option<String>,
    pub original_name: String,
    /// SHA-256 of the document as received.
    pub sha256: String,
    /// SHA-256 of the copy kept (the same as `sha256` unless the copy is redacted).
    pub copy_sha256: Option<String>,
    /// Size of the copy kept, in bytes.
    pub byte_size: Option<u64>,
    /// Private details replaced by a marker in the copy kept.
    pub redactions: Vec<Redaction>,
    pub kind: SourceKind,
    pub title: String,
    pub description: String,
    pub congress: CongressId,
    /// False for third-party copyrighted content: described, never republished.
    pub republishable: bool,
    pub omitted: Vec<Omission>,
    pub layout: Vec<LayoutFragment>,
}

/// A private detail of a source replaced, in the copy kept, by a visible marker.
#[derive(Debug, Clone)]
pub struct Redaction {
    /// 1-based line of the copy where the marker stands.
    pub line: u32,
    pub marker: String,
    pub reason: String,
}

#[derive(Debug, Clone)]
pub struct PressArticle {
    pub id: PressArticleId,
    pub source: SourceId,
    pub published_on: Date,
    pub author: String,
    pub rubric: Option<String>,
    pub headline: Option<String>,
    pub about_motion: MotionId,
}
