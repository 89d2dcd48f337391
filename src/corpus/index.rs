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
        }
    }
}
