//! The seed files as written by people: TOML shapes with the position of every value, before any
//! check. `load` turns these into the validated model, reporting problems at those positions.
//!
//! Codes (kinds, offices…), dates and references stay strings here so that a wrong value becomes
//! a diagnostic naming the field and the accepted values, collected with all the others, instead
//! of aborting the parse of the whole file.

use serde::Deserialize;
use toml::Spanned;

pub type S<T> = Spanned<T>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcesFile {
    #[serde(default)]
    pub sources: Vec<S<RawSource>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub id: S<String>,
    /// The copy kept in `seeds/sources/`; absent when no copy may be kept (third-party text).
    pub file: Option<S<String>>,
    pub original_name: S<String>,
    /// SHA-256 of the document as received.
    pub sha256: S<String>,
    /// SHA-256 of the copy kept, when it differs from the document as received (redacted).
    pub copy_sha256: Option<S<String>>,
    pub kind: S<String>,
    pub title: S<String>,
    pub description: S<String>,
    pub congress: S<u16>,
    pub republishable: bool,
    #[serde(default)]
    pub omitted: Vec<S<RawOmission>>,
    #[serde(default)]
    pub layout: Vec<S<RawLayout>>,
    #[serde(default)]
    pub redactions: Vec<S<RawRedaction>>,
}

/// A private detail replaced, in the copy kept, by a visible marker.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRedaction {
    pub line: S<u32>,
    pub marker: S<String>,
    pub reason: S<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOmission {
    /// `"12"` or `"12-18"`.
    pub lines: S<String>,
    pub reason: S<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLayout {
    pub text: S<String>,
    pub reason: S<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemesFile {
    #[serde(default)]
    pub themes: Vec<S<RawTheme>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTheme {
    pub id: S<String>,
    pub notation: S<String>,
    pub label: S<String>,
    pub definition: S<String>,
    pub broader: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganizationsFile {
    #[serde(default)]
    pub organizations: Vec<S<RawOrganization>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOrganization {
    pub id: S<String>,
    pub kind: S<String>,
    pub name: S<String>,
    pub insee: Option<S<String>>,
    pub siren: Option<S<String>>,
    pub website: Option<S<String>>,
    pub email: Option<S<String>>,
    pub phone: Option<S<String>>,
    pub address: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeopleFile {
    #[serde(default)]
    pub people: Vec<S<RawPerson>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPerson {
    pub id: S<String>,
    pub name: S<String>,
    pub given_name: Option<S<String>>,
    pub family_name: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PressFile {
    #[serde(default)]
    pub press_articles: Vec<S<RawPressArticle>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPressArticle {
    pub id: S<String>,
    pub source: S<String>,
    pub published_on: S<toml::Value>,
    pub author: S<String>,
    pub rubric: Option<S<String>>,
    pub headline: Option<S<String>>,
    pub about_motion: S<u16>,
}

/// `editions/{year}.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditionFile {
    pub congress: S<RawCongress>,
    pub motion: Option<S<RawMotion>>,
    #[serde(default)]
    pub parts: Vec<S<RawPart>>,
    #[serde(default)]
    pub sections: Vec<S<RawSection>>,
    #[serde(default)]
    pub items: Vec<S<RawItem>>,
    #[serde(default)]
    pub roles: Vec<S<RawRole>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCongress {
    pub ordinal: S<u16>,
    pub year: S<u16>,
    pub source: S<String>,
    pub start_date: Option<S<toml::Value>>,
    pub end_date: Option<S<toml::Value>>,
    pub place: Option<S<String>>,
    pub contributions: Option<S<RawCount>>,
    pub contributors: Option<S<RawCount>>,
    #[serde(default)]
    pub description: Vec<S<RawBlock>>,
    /// Partners of the edition's workshops, in printed order.
    #[serde(default)]
    pub workshop_partners: Vec<S<String>>,
    /// Where each fact of the congress comes from.
    pub provenance: Option<S<RawCongressProvenance>>,
}

/// The provenance of a fact: `{ source, kind, quote, reasoning }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProvenance {
    pub source: S<String>,
    /// `printed` or `inferred`.
    pub kind: S<String>,
    pub quote: S<String>,
    pub reasoning: Option<S<String>>,
}

/// `[congress.provenance]`: one entry per fact of the congress record.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCongressProvenance {
    pub ordinal: Option<S<RawProvenance>>,
    pub year: Option<S<RawProvenance>>,
    pub start_date: Option<S<RawProvenance>>,
    pub end_date: Option<S<RawProvenance>>,
    pub place: Option<S<RawProvenance>>,
    pub workshop_partners: Option<S<RawProvenance>>,
}

/// `[motion.provenance]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMotionProvenance {
    pub adopted_on: Option<S<RawProvenance>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCount {
    pub count: S<u32>,
    pub qualifier: S<String>,
    pub as_printed: S<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBlock {
    pub heading: Option<S<String>>,
    pub paragraphs: Vec<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMotion {
    pub source: S<String>,
    pub title: S<String>,
    pub adopted_on: Option<S<toml::Value>>,
    pub preamble_heading: Option<S<String>>,
    #[serde(default)]
    pub preamble: Vec<S<String>>,
    #[serde(default)]
    pub closing: Vec<S<String>>,
    #[serde(default)]
    pub footnotes: Vec<S<RawFootnote>>,
    pub related: Option<S<RawRelated>>,
    pub provenance: Option<S<RawMotionProvenance>>,
}

/// A resource the motion's document points to (the 2021 interactive mind map).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRelated {
    /// What the document calls it, verbatim.
    pub label: S<String>,
    /// The address as printed, verbatim (without a scheme).
    pub as_printed: S<String>,
    /// The address as an absolute URL: the printed one with its scheme.
    pub url: S<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFootnote {
    pub label: S<String>,
    pub heading: Option<S<String>>,
    pub text: S<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPart {
    pub position: S<u16>,
    pub title: Option<S<String>>,
    #[serde(default)]
    pub introduction: Vec<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    pub kind: S<String>,
    pub position: S<u16>,
    pub part: Option<S<u16>>,
    pub title: S<String>,
    pub subtitle: Option<S<String>>,
    #[serde(default)]
    pub body: Vec<S<String>>,
    pub items_heading: Option<S<String>>,
    #[serde(default)]
    pub items_intro: Vec<S<String>>,
    pub themes: S<Vec<S<String>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawItem {
    pub section: S<String>,
    pub position: S<u16>,
    pub parent: Option<S<u16>>,
    pub kind: S<String>,
    pub text: S<String>,
    pub themes: S<Vec<S<String>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRole {
    pub person: S<String>,
    pub source: S<String>,
    pub capacity: S<String>,
    pub as_printed: S<String>,
    /// The heading printed above the name (« VICE-PRÉSIDENTE »).
    pub heading: Option<S<String>>,
    pub section: Option<S<String>>,
    pub represents: Option<S<String>>,
    /// The positions the printed role states, in printed order.
    #[serde(default)]
    pub positions: Vec<S<RawPosition>>,
}

/// `[[roles.positions]]`: one position stated by a printed role.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPosition {
    /// `office`, `mandate` or `function`.
    pub kind: S<String>,
    /// The words of the role (or of its heading) stating the position.
    pub as_printed: S<String>,
    pub title: S<String>,
    pub office: Option<S<String>>,
    pub organization: Option<S<String>>,
    pub organization_as_printed: Option<S<String>>,
    pub printed_department: Option<S<String>>,
    /// Where the link to `organization` comes from (required with it).
    pub provenance: Option<S<RawProvenance>>,
}
