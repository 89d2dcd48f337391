//! A motion, whole: every part, section, item and sub-item in reading order with its number,
//! the people named, the footnotes, the source document and how to cite it. This is what a
//! browser gets at `/id/motion/{key}`.

use askama::Template;

use crate::api::error::ApiError;
use crate::api::state::AppState;
use crate::corpus::{Corpus, Item, Motion, Section};
use crate::site::cite::Citation;
use crate::site::view::{Link, Named, path, theme_links};
use crate::site::{Alternate, Head, render};

/// A numbered item, with its sub-items.
pub struct ItemView {
    pub id: String,
    pub iri: String,
    /// Its number in its section as the identifiers give it: "3", or "3.1" for a sub-item.
    pub number: String,
    pub kind: &'static str,
    pub text: String,
    pub themes: Vec<Link>,
    pub children: Vec<ItemView>,
}

pub struct SectionView {
    pub id: String,
    pub iri: String,
    /// "Engagement 1", "Atelier 3".
    pub number: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub body: Vec<String>,
    pub items_heading: Option<String>,
    pub items_intro: Vec<String>,
    pub themes: Vec<Link>,
    pub people: Vec<Named>,
    pub items: Vec<ItemView>,
}

pub struct PartView {
    pub id: String,
    pub iri: String,
    pub number: u16,
    pub title: Option<String>,
    pub introduction: Vec<String>,
    pub sections: Vec<SectionView>,
}

pub struct FootnoteView {
    pub id: String,
    pub label: String,
    pub heading: Option<String>,
    pub text: String,
}

pub struct SourceView {
    pub link: Link,
    pub original_name: String,
    pub sha256: String,
    pub description: String,
}

#[derive(Template)]
#[template(path = "motion.html")]
pub struct MotionPage {
    pub head: Head,
    pub iri: String,
    pub title: String,
    pub edition: Option<Link>,
    pub place: Option<Link>,
    pub adopted_on: Option<String>,
    pub preamble_heading: Option<String>,
    pub preamble: Vec<String>,
    /// Sections outside any part (motions without parts), then the parts.
    pub sections: Vec<SectionView>,
    pub parts: Vec<PartView>,
    pub closing: Vec<String>,
    pub people: Vec<Named>,
    pub footnotes: Vec<FootnoteView>,
    pub source: Option<SourceView>,
    pub citation: Citation,
    pub alternates: Vec<Alternate>,
    /// How many items (sub-items included) the page shows.
    pub item_count: usize,
}

/// "Engagement 1", "Atelier 3": a section's kind and position, as its heading shows them.
pub fn section_number(section: &Section) -> String {
    let kind = section.kind.label();
    let mut letters = kind.chars();
    let kind: String = letters
        .next()
        .map(|first| first.to_uppercase().chain(letters).collect())
        .unwrap_or_default();
    format!("{kind} {}", section.position)
}

/// An item's number in its section, as its identifier gives it: "3", or "3.1" for a sub-item.
pub fn item_number(item: &Item) -> String {
    let id = item.id.as_str();
    id.strip_prefix(item.section.as_str())
        .and_then(|rest| rest.strip_prefix('.'))
        .unwrap_or(id)
        .to_string()
}

fn item_view(state: &AppState, item: &Item, all: &[&Item]) -> ItemView {
    let corpus = &state.corpus;
    let id = item.id.as_str();
    let number = item_number(item);
    ItemView {
        id: id.to_string(),
        iri: state.publication.iri("item", id),
        number,
        kind: item.kind.label(),
        text: item.text.clone(),
        themes: theme_links(corpus, &item.themes),
        children: all
            .iter()
            .filter(|child| child.parent.as_ref() == Some(&item.id))
            .map(|child| item_view(state, child, all))
            .collect(),
    }
}

fn section_view(state: &AppState, section: &Section) -> SectionView {
    let corpus = &state.corpus;
    let items: Vec<&Item> = corpus.items_of(&section.id).collect();
    SectionView {
        id: section.id.to_string(),
        iri: state.publication.iri("section", section.id.as_str()),
        number: section_number(section),
        title: section.title.clone(),
        subtitle: section.subtitle.clone(),
        body: section.body.clone(),
        items_heading: section.items_heading.clone(),
        items_intro: section.items_intro.clone(),
        themes: theme_links(corpus, &section.themes),
        people: corpus
            .roles
            .iter()
            .filter(|r| r.section.as_ref() == Some(&section.id))
            .map(|r| Named::new(corpus, r))
            .collect(),
        items: items
            .iter()
            .filter(|item| item.parent.is_none())
            .map(|item| item_view(state, item, &items))
            .collect(),
    }
}

/// The page of the motion `key`, if it exists.
pub fn build(state: &AppState, key: &str, alternates: Vec<Alternate>) -> Option<MotionPage> {
    let corpus: &Corpus = &state.corpus;
    let motion: &Motion = corpus.motion(key)?;
    let congress = corpus.congress(motion.congress.as_str());
    let structure = corpus.parts_of(&motion.id);
    let sections: Vec<&Section> = structure
        .sections
        .iter()
        .map(|&i| &corpus.sections[i])
        .collect();
    let parts = structure
        .parts
        .iter()
        .map(|&i| &corpus.parts[i])
        .map(|part| PartView {
            id: part.id.to_string(),
            iri: state.publication.iri("part", part.id.as_str()),
            number: part.position,
            title: part.title.clone(),
            introduction: part.introduction.clone(),
            sections: sections
                .iter()
                .filter(|s| s.part.as_ref() == Some(&part.id))
                .map(|s| section_view(state, s))
                .collect(),
        })
        .collect();
    let loose: Vec<SectionView> = sections
        .iter()
        .filter(|s| s.part.is_none())
        .map(|s| section_view(state, s))
        .collect();
    let item_count = sections
        .iter()
        .map(|s| corpus.items_of(&s.id).count())
        .sum();
    let people = corpus
        .roles
        .iter()
        .filter(|r| r.congress == motion.congress && r.section.is_none())
        .map(|r| Named::new(corpus, r))
        .collect();
    let footnotes = structure
        .footnotes
        .iter()
        .map(|&i| &corpus.footnotes[i])
        .map(|f| FootnoteView {
            id: f.id.clone(),
            label: f.label.clone(),
            heading: f.heading.clone(),
            text: f.text.clone(),
        })
        .collect();
    let source = corpus.source(motion.source.as_str()).map(|s| SourceView {
        link: Link {
            href: path("source", s.id.as_str()),
            label: s.title.clone(),
        },
        original_name: s.original_name.clone(),
        sha256: s.sha256.clone(),
        description: s.description.clone(),
    });
    let iri = state.publication.iri("motion", key);
    let edition_name = congress.map(|c| c.name());
    let citation = Citation::motion(&state.publication, motion, edition_name.as_deref(), &iri);
    let title = motion.title.clone();
    let description = match congress {
        Some(c) => format!("{title} : la motion du {} en entier.", c.name()),
        None => format!("{title} : la motion en entier."),
    };
    Some(MotionPage {
        head: Head {
            alternates: alternates.clone(),
            ..Head::new(title.clone(), description)
        },
        iri,
        title,
        edition: congress.map(|c| Link {
            href: path("congress", c.id.as_str()),
            label: c.name(),
        }),
        place: congress
            .and_then(|c| c.place.as_ref())
            .and_then(|id| corpus.organization(id.as_str()))
            .map(|o| Link {
                href: path("organization", o.id.as_str()),
                label: o.name.clone(),
            }),
        adopted_on: motion.adopted_on.map(|d| d.to_string()),
        preamble_heading: motion.preamble_heading.clone(),
        preamble: motion.preamble.clone(),
        sections: loose,
        parts,
        closing: motion.closing.clone(),
        people,
        footnotes,
        source,
        citation,
        alternates,
        item_count,
    })
}

/// The HTML of the motion `key`, if it exists.
pub fn html(
    state: &AppState,
    key: &str,
    alternates: Vec<Alternate>,
) -> Result<Option<String>, ApiError> {
    build(state, key, alternates)
        .map(|page| render(&page))
        .transpose()
}
