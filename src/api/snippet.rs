//! Highlighted extracts of search hits: where the words of a query occur in a text, in their
//! printed forms, and the best window of text around them, as HTML.
//!
//! Why not tantivy's `SnippetGenerator`: it runs the whole analyser (tokenizer, lower case, stop
//! words, folding, stemming) over every word of every hit's text on every request, which was
//! three quarters of `/api/v1/search` (see BENCHMARKS.md). The analyser maps each printed word to
//! at most one term, without context, and the index knows every printed word of the corpus: so
//! the printed forms of the query's terms are known when the query is read, and finding them in a
//! text is a multi-pattern substring search (Aho-Corasick) checked at word boundaries, with no
//! analysis and no hashing per word.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::site::escape::escape_into;

/// The words of a query as they are printed in the corpus, each with the weight of its term.
pub struct Highlighter {
    /// `None` when no form of any term of the query is printed in the corpus.
    automaton: Option<AhoCorasick>,
    /// The weight of pattern `i` of the automaton.
    weights: Vec<f32>,
    max_bytes: usize,
}

/// One occurrence of a query word in a text.
#[derive(Debug, Clone, PartialEq)]
struct Occurrence {
    range: Range<usize>,
    weight: f32,
}

impl Highlighter {
    /// `forms`: every printed form of the query's terms, with its term's weight (tantivy's:
    /// `1 / (1 + document frequency)`, rarer terms weigh more). `max_bytes`: longest extract.
    pub fn new(forms: Vec<(&str, f32)>, max_bytes: usize) -> Self {
        let weights = forms.iter().map(|(_, w)| *w).collect();
        // Leftmost-longest: at a word's start, the longest form is the only one that can end at
        // the word's end (forms are whole words), which is what `word_at` then checks.
        let automaton = (!forms.is_empty())
            .then(|| {
                // An NFA as first built, once per request, for a handful of words: the DFA that
                // `auto` picks for so few patterns took longer to build than to use.
                AhoCorasick::builder()
                    .kind(Some(AhoCorasickKind::NoncontiguousNFA))
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(forms.iter().map(|(form, _)| form))
                    .ok()
            })
            .flatten();
        Highlighter {
            automaton,
            weights,
            max_bytes,
        }
    }

    /// The occurrences of the query's words in `text`, as whole words, in order.
    fn occurrences(&self, text: &str) -> Vec<Occurrence> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        automaton
            .find_iter(text)
            .filter(|m| is_whole_word(text, m.start(), m.end()))
            .map(|m| Occurrence {
                range: m.start()..m.end(),
                weight: self
                    .weights
                    .get(m.pattern().as_usize())
                    .copied()
                    .unwrap_or(0.0),
            })
            .collect()
    }

    /// The extract of `text` with the most weight of query words in at most `max_bytes`
    /// (the earliest of equal ones), cut at word boundaries, the words in `<mark>` and
    /// everything else escaped; `None` when no query word occurs in `text`.
    pub fn snippet(&self, text: &str) -> Option<String> {
        let occurrences = self.occurrences(text);
        let (first, last) = best_window(&occurrences, self.max_bytes)?;
        let span = occurrences[first].range.start..occurrences[last].range.end;
        let window = extract_window(text, span, self.max_bytes);
        let mut html = String::with_capacity(window.len() + 32);
        let mut at = window.start;
        for occurrence in &occurrences[first..=last] {
            escape_into(&mut html, &text[at..occurrence.range.start]);
            html.push_str("<mark>");
            escape_into(&mut html, &text[occurrence.range.clone()]);
            html.push_str("</mark>");
            at = occurrence.range.end;
        }
        escape_into(&mut html, &text[at..window.end]);
        Some(html)
    }
}

/// Whether `text[start..end]` is a whole word as the tokenizer cuts them: maximal runs of
/// alphanumeric characters (tantivy's `SimpleTokenizer`).
fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// The run of occurrences `first..=last` that fits in `max_bytes` with the most weight, the
/// earliest of equal ones; a single occurrence longer than `max_bytes` is a run of its own.
fn best_window(occurrences: &[Occurrence], max_bytes: usize) -> Option<(usize, usize)> {
    let mut best: Option<(f32, usize, usize)> = None;
    let mut last = 0;
    for (first, occurrence) in occurrences.iter().enumerate() {
        last = last.max(first);
        while occurrences
            .get(last + 1)
            .is_some_and(|next| next.range.end - occurrence.range.start <= max_bytes)
        {
            last += 1;
        }
        // Summed again for each window (a handful of occurrences): no drift from subtracting.
        let weight: f32 = occurrences[first..=last].iter().map(|o| o.weight).sum();
        if best.is_none_or(|(w, _, _)| weight > w) {
            best = Some((weight, first, last));
        }
    }
    best.map(|(_, first, last)| (first, last))
}

/// The bytes of `text` to show around `span`: at most `max_bytes` (or `span` alone if longer),
/// starting a little before it so that the words read in context, cut at word boundaries.
fn extract_window(text: &str, span: Range<usize>, max_bytes: usize) -> Range<usize> {
    let slack = max_bytes.saturating_sub(span.len());
    // A third of the room before the words, the rest after: a sentence reads forward.
    let mut start = floor_char_boundary(text, span.start.saturating_sub(slack / 3));
    if start > 0 {
        if text[..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            // `start` cuts a word: skip the rest of it.
            start += text[start..span.start]
                .find(|c: char| !c.is_alphanumeric())
                .unwrap_or(span.start - start);
        }
        // Start on the first word at or after `start`.
        start += text[start..span.start]
            .find(char::is_alphanumeric)
            .unwrap_or(span.start - start);
    }
    if text.len() - start <= max_bytes {
        // The rest of the text fits: show it to its end, punctuation included.
        return start..text.len();
    }
    let limit = floor_char_boundary(text, (start + max_bytes).min(text.len())).max(span.end);
    // End after the last whole word that fits.
    let mut end = span.end;
    let mut in_word = false;
    for (i, c) in text[span.end..limit].char_indices() {
        let is_word = c.is_alphanumeric();
        if in_word && !is_word {
            end = span.end + i;
        }
        in_word = is_word;
    }
    if in_word
        && !text[limit..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
    {
        end = limit;
    }
    start..end
}

/// The largest char boundary of `text` at or before `at`.
fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn highlighter(forms: &[(&str, f32)], max: usize) -> Highlighter {
        Highlighter::new(forms.to_vec(), max)
    }

    #[test]
    fn every_printed_form_is_marked_and_only_whole_words() {
        let h = highlighter(&[("données", 0.5), ("Données", 0.5), ("donnée", 0.5)], 200);
        let snippet = h
            .snippet("Données ouvertes : la donnée, les données, mégadonnées et donnéesX.")
            .expect("found");
        assert_eq!(
            snippet,
            "<mark>Données</mark> ouvertes : la <mark>donnée</mark>, les <mark>données</mark>, mégadonnées et donnéesX."
        );
    }

    #[test]
    fn no_occurrence_no_snippet() {
        assert_eq!(
            highlighter(&[("donnée", 1.0)], 50).snippet("rien ici"),
            None
        );
        assert_eq!(highlighter(&[], 50).snippet("rien ici"), None);
    }

    #[test]
    fn the_extract_is_the_heaviest_window_cut_at_words() {
        let text = format!(
            "{} rare puis {} commun et commun encore {}",
            "début ".repeat(30),
            "milieu ".repeat(30),
            "fin ".repeat(30)
        );
        let h = highlighter(&[("rare", 0.9), ("commun", 0.3)], 60);
        let snippet = h.snippet(&text).expect("found");
        assert!(snippet.contains("<mark>rare</mark>"), "{snippet}");
        let plain = snippet.replace("<mark>", "").replace("</mark>", "");
        assert!(plain.len() <= 60, "{plain:?}");
        assert!(text.contains(&plain), "a slice of the text: {plain:?}");
        let words = |s: &str| {
            s.split_whitespace()
                .all(|w| ["début", "rare", "puis", "milieu", "commun"].contains(&w))
        };
        assert!(words(&plain), "whole words only: {plain:?}");
        // Two common words weigh less than the rare one, which comes first anyway; with a
        // heavier common word, the window of the two wins.
        let h = highlighter(&[("rare", 0.5), ("commun", 0.3)], 30);
        let snippet = h
            .snippet("rare x x x x x x x x x x x x x x x x x x x commun et commun")
            .expect("found");
        assert_eq!(
            snippet.matches("<mark>commun</mark>").count(),
            2,
            "{snippet}"
        );
    }

    #[test]
    fn html_is_escaped_around_and_inside_marks() {
        let h = highlighter(&[("a", 1.0)], 100);
        assert_eq!(
            h.snippet("<b> & \"a\" </b>").expect("found"),
            "&lt;b&gt; &amp; &quot;<mark>a</mark>&quot; &lt;/b&gt;"
        );
    }

    #[test]
    fn multibyte_texts_are_cut_on_char_boundaries() {
        let text = "é".repeat(100) + " donnée " + &"é".repeat(100);
        let h = highlighter(&[("donnée", 1.0)], 21);
        let snippet = h.snippet(&text).expect("found");
        assert_eq!(snippet, "<mark>donnée</mark>");
    }
}
