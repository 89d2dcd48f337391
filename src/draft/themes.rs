//! Theme suggestions: for each section and item, the themes of the closest already-themed texts
//! of the other editions (word overlap, weighted by rarity), and the words of each theme's own
//! label and definition. The top three are kept with their evidence, for a person to choose.

use std::collections::{HashMap, HashSet};

use super::{Draft, Reference};
use crate::text::ascii_fold;

#[derive(Debug, Clone)]
pub struct Suggestion {
    pub theme: String,
    pub score: f64,
    /// The texts (ids) that voted for it.
    pub evidence: Vec<String>,
}

/// Content words: folded, four letters or more, a crude French stemming (plural `s`/`x`).
fn terms(text: &str) -> HashSet<String> {
    ascii_fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(|w| {
            let w = w.trim_end_matches(['s', 'x']);
            w.chars().take(7).collect()
        })
        .collect()
}

struct Model<'a> {
    docs: Vec<(HashSet<String>, &'a [String], &'a str)>,
    /// The norm of each doc, computed once (a query compares with every doc).
    norms: Vec<f64>,
    idf: HashMap<String, f64>,
    theme_terms: Vec<(String, HashSet<String>)>,
}

impl<'a> Model<'a> {
    fn new(reference: &'a Reference) -> Self {
        let docs: Vec<_> = reference
            .themed
            .iter()
            .map(|t| (terms(&t.text), t.themes.as_slice(), t.id.as_str()))
            .collect();
        let mut df: HashMap<String, usize> = HashMap::new();
        for (d, _, _) in &docs {
            for w in d {
                *df.entry(w.clone()).or_default() += 1;
            }
        }
        let n = docs.len().max(1) as f64;
        let idf = df
            .into_iter()
            .map(|(w, c)| (w, (n / c as f64).ln() + 1.0))
            .collect();
        let theme_terms = reference
            .themes
            .iter()
            .map(|t| {
                (
                    t.id.clone(),
                    terms(&format!("{} {}", t.label, t.definition)),
                )
            })
            .collect();
        let mut model = Model {
            docs,
            norms: Vec::new(),
            idf,
            theme_terms,
        };
        model.norms = model
            .docs
            .iter()
            .map(|(d, _, _)| d.iter().map(|w| model.weight(w)).sum::<f64>().sqrt())
            .collect();
        model
    }

    fn weight(&self, w: &str) -> f64 {
        self.idf.get(w).copied().unwrap_or(2.0)
    }

    fn suggest(&self, text: &str) -> Vec<Suggestion> {
        let q = terms(text);
        let norm = |s: &HashSet<String>| s.iter().map(|w| self.weight(w)).sum::<f64>().sqrt();
        let qn = norm(&q).max(1e-9);
        let mut scored: Vec<(f64, usize)> = self
            .docs
            .iter()
            .enumerate()
            .map(|(i, (d, _, _))| {
                let shared: f64 = q.intersection(d).map(|w| self.weight(w)).sum();
                (shared / (qn * self.norms[i].max(1e-9)), i)
            })
            .filter(|(s, _)| *s > 0.0)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut votes: HashMap<String, (f64, Vec<String>)> = HashMap::new();
        for (s, i) in scored.iter().take(5) {
            let (_, themes, id) = &self.docs[*i];
            for t in themes.iter() {
                let e = votes.entry(t.clone()).or_default();
                e.0 += s;
                e.1.push((*id).to_string());
            }
        }
        // The theme's own words count too: a theme no other edition used can still be found.
        for (id, words) in &self.theme_terms {
            let shared: f64 = q.intersection(words).map(|w| self.weight(w)).sum();
            if shared > 0.0 {
                let e = votes.entry(id.clone()).or_default();
                e.0 += shared / (qn * norm(words).max(1e-9));
                e.1.push(format!("définition de « {id} »"));
            }
        }
        let mut out: Vec<Suggestion> = votes
            .into_iter()
            .map(|(theme, (score, evidence))| Suggestion {
                theme,
                score,
                evidence,
            })
            .collect();
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.theme.cmp(&b.theme)));
        out.truncate(3);
        out
    }
}

/// Suggests themes for every item, then for every section (its items' first themes first, as the
/// loader requires a section to carry all its items' themes).
pub fn suggest(d: &mut Draft, reference: &Reference) {
    let model = Model::new(reference);
    for item in &mut d.items {
        item.themes = model.suggest(&item.text);
    }
    for (s, section) in d.sections.iter_mut().enumerate() {
        let text = format!(
            "{} {} {}",
            section.title,
            section.subtitle.clone().unwrap_or_default(),
            section.body.join(" ")
        );
        section.themes = model.suggest(&text);
        let _ = s;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_folded_and_stemmed() {
        let t = terms("Les Données ouvertes");
        assert!(t.contains("donnee"));
        assert!(t.contains("ouverte"));
        assert!(!t.contains("les"));
    }
}
