//! Lookups by id and by parent, built once when the corpus is loaded.

use std::collections::HashMap;

use super::Corpus;

#[derive(Debug, Default)]
pub struct Index {
    pub(super) congresses: HashMap<String, usize>,
    pub(super) motions: HashMap<String, usize>,
    pub(super) parts: HashMap<String, usize>,
    pub(super) sections: HashMap<String, usize>,
    pub(super) items: HashMap<String, usize>,
    pub(super) people: HashMap<String, usize>,
    pub(super) roles: HashMap<String, usize>,
    pub(super) organizations: HashMap<String, usize>,
    pub(super) themes: HashMap<String, usize>,
    pub(super) sources: HashMap<String, usize>,
    pub(super) press_articles: HashMap<String, usize>,
    pub(super) items_by_section: HashMap<String, Vec<usize>>,
    /// Positions of each motion's parts, sections and footnotes, in reading order: a motion's
    /// document does not scan the whole corpus (4,000 motions at ×1000).
    pub(super) by_motion: HashMap<String, MotionParts>,
}

/// Positions, in their corpus lists, of what belongs to one motion.
#[derive(Debug, Default)]
pub struct MotionParts {
    pub parts: Vec<usize>,
    pub sections: Vec<usize>,
    pub footnotes: Vec<usize>,
}

fn positions<'a, T: 'a>(list: &'a [T], id: impl Fn(&T) -> &str) -> HashMap<String, usize> {
    list.iter()
        .enumerate()
        .map(|(i, x)| (id(x).to_string(), i))
        .collect()
}

impl Index {
    pub(super) fn build(c: &Corpus) -> Self {
        let mut items_by_section: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, item) in c.items.iter().enumerate() {
            items_by_section
                .entry(item.section.to_string())
                .or_default()
                .push(i);
        }
        let mut by_motion: HashMap<String, MotionParts> = HashMap::new();
        fn of<'m>(map: &'m mut HashMap<String, MotionParts>, motion: &str) -> &'m mut MotionParts {
            map.entry(motion.to_string()).or_default()
        }
        for (i, part) in c.parts.iter().enumerate() {
            of(&mut by_motion, part.motion.as_str()).parts.push(i);
        }
        for (i, section) in c.sections.iter().enumerate() {
            of(&mut by_motion, section.motion.as_str()).sections.push(i);
        }
        for (i, footnote) in c.footnotes.iter().enumerate() {
            of(&mut by_motion, footnote.motion.as_str())
                .footnotes
                .push(i);
        }
        Index {
            congresses: positions(&c.congresses, |x| x.id.as_str()),
            motions: positions(&c.motions, |x| x.id.as_str()),
            parts: positions(&c.parts, |x| x.id.as_str()),
            sections: positions(&c.sections, |x| x.id.as_str()),
            items: positions(&c.items, |x| x.id.as_str()),
            people: positions(&c.people, |x| x.id.as_str()),
            roles: positions(&c.roles, |x| x.id.as_str()),
            organizations: positions(&c.organizations, |x| x.id.as_str()),
            themes: positions(&c.themes, |x| x.id.as_str()),
            sources: positions(&c.sources, |x| x.id.as_str()),
            press_articles: positions(&c.press_articles, |x| x.id.as_str()),
            items_by_section,
            by_motion,
        }
    }
}
