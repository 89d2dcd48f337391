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

/// Terms as ids, sorted: an intersection is a merge, not a hash lookup per term.
type Terms = Vec<u32>;

struct Model<'a> {
    vocabulary: HashMap<String, u32>,
    /// Inverse document frequency of each term id.
    idf: Vec<f64>,
    docs: Vec<(Terms, &'a [String], &'a str)>,
    /// The norm of each doc, computed once (a query compares with every doc).
    norms: Vec<f64>,
    theme_terms: Vec<(String, Terms, f64)>,
}

/// Weight of a term no themed text contains (it still counts in the query's norm).
const UNSEEN: f64 = 2.0;

impl<'a> Model<'a> {
    fn new(reference: &'a Reference) -> Self {
        let mut vocabulary: HashMap<String, u32> = HashMap::new();
        let mut intern = |set: HashSet<String>| -> Terms {
            let mut ids: Terms = set
                .into_iter()
                .map(|w| {
                    let next = u32::try_from(vocabulary.len()).unwrap_or(u32::MAX);
                    *vocabulary.entry(w).or_insert(next)
                })
                .collect();
            ids.sort_unstable();
            ids
        };
        let docs: Vec<_> = reference
            .themed
            .iter()
            .map(|t| (intern(terms(&t.text)), t.themes.as_slice(), t.id.as_str()))
            .collect();
        let theme_sets: Vec<(String, Terms)> = reference
            .themes
            .iter()
            .map(|t| {
                (
                    t.id.clone(),
                    intern(terms(&format!("{} {}", t.label, t.definition))),
                )
            })
            .collect();
        let mut df = vec![0usize; vocabulary.len()];
        for (d, _, _) in &docs {
            for &w in d {
                df[w as usize] += 1;
            }
        }
        let n = docs.len().max(1) as f64;
        let idf: Vec<f64> = df
            .iter()
            .map(|&c| {
                if c == 0 {
                    UNSEEN
                } else {
                    (n / c as f64).ln() + 1.0
                }
            })
            .collect();
        let norm = |t: &Terms| t.iter().map(|&w| idf[w as usize]).sum::<f64>().sqrt();
        let norms = docs.iter().map(|(d, _, _)| norm(d)).collect();
        let theme_terms = theme_sets
            .into_iter()
            .map(|(id, t)| {
                let n = norm(&t);
                (id, t, n)
            })
            .collect();
        Model {
            vocabulary,
            idf,
            docs,
            norms,
            theme_terms,
        }
    }

    /// The summed weight of the terms two sorted lists share.
    fn shared(&self, a: &Terms, b: &Terms) -> f64 {
        let (mut i, mut j, mut sum) = (0, 0, 0.0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    sum += self.idf[a[i] as usize];
                    i += 1;
                    j += 1;
                }
            }
        }
        sum
    }

    fn suggest(&self, text: &str) -> Vec<Suggestion> {
        let words = terms(text);
        let mut unseen = 0.0;
        let mut q: Terms = Vec::with_capacity(words.len());
        for w in &words {
            match self.vocabulary.get(w) {
                Some(&id) => q.push(id),
                None => unseen += UNSEEN,
            }
        }
        q.sort_unstable();
        let qn = (q.iter().map(|&w| self.idf[w as usize]).sum::<f64>() + unseen)
            .sqrt()
            .max(1e-9);
        let mut scored: Vec<(f64, usize)> = self
            .docs
            .iter()
            .enumerate()
            .map(|(i, (d, _, _))| (self.shared(&q, d) / (qn * self.norms[i].max(1e-9)), i))
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
        for (id, words, norm) in &self.theme_terms {
            let shared = self.shared(&q, words);
            if shared > 0.0 {
                let e = votes.entry(id.clone()).or_default();
                e.0 += shared / (qn * norm.max(1e-9));
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
