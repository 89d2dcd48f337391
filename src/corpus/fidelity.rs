//! Fidelity: every text of the corpus is found verbatim in its source, and every character of a
//! source is either represented in the corpus or declared left out, with the reason.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::model::{Source, SourceId};
use super::parallel::in_chunks;
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use crate::text::FoldedSource;

/// One text value of the corpus, with where it was written and the source it quotes.
#[derive(Debug, Clone)]
pub struct TextUnit {
    pub source: SourceId,
    pub text: String,
    pub file: PathBuf,
    pub location: (u32, u32),
    pub field: String,
}

impl TextUnit {
    fn diagnostic(&self, message: String) -> Diagnostic {
        Diagnostic {
            file: self.file.clone(),
            line: self.location.0,
            column: self.location.1,
            message: format!("{}: {message}", self.field),
        }
    }
}

/// Every source folded for comparison, by source id: computed once per load and shared by
/// [`check_verbatim`] and [`check_coverage`].
pub fn fold_all(texts: &BTreeMap<String, SourceFile>) -> BTreeMap<&str, FoldedSource> {
    let texts: Vec<(&String, &SourceFile)> = texts.iter().collect();
    in_chunks(&texts, |chunk| {
        chunk
            .iter()
            .map(|(id, file)| (id.as_str(), FoldedSource::new(&file.text)))
            .collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect()
}

/// The diagnostics of each chunk, in chunk order, into `diags`.
fn merge(diags: &mut Diagnostics, chunks: Vec<Diagnostics>) {
    for chunk in chunks {
        for diagnostic in chunk.into_sorted() {
            diags.push(diagnostic);
        }
    }
}

/// Where each unit's text first occurs in its folded source (a byte offset), `None` when it does
/// not (or is empty, or its source is unknown): found once by [`check_verbatim`] and reused by
/// [`check_coverage`], which searched for it again.
pub type FirstOccurrences = Vec<Option<usize>>;

/// Every text is found verbatim in its source; no text carries an e-mail address. Returns where
/// each text was found, in the order of `units`.
pub fn check_verbatim(
    folded: &BTreeMap<&str, FoldedSource>,
    units: &[TextUnit],
    diags: &mut Diagnostics,
) -> FirstOccurrences {
    // Each unit is checked on its own: in parallel over chunks of units.
    let chunks = in_chunks(units, |chunk| {
        let mut diags = Diagnostics::default();
        let first = verbatim(folded, chunk, &mut diags);
        (first, diags)
    });
    let mut first = Vec::with_capacity(units.len());
    let mut all = Vec::with_capacity(chunks.len());
    for (found, chunk_diags) in chunks {
        first.extend(found);
        all.push(chunk_diags);
    }
    merge(diags, all);
    first
}

fn verbatim(
    folded: &BTreeMap<&str, FoldedSource>,
    units: &[TextUnit],
    diags: &mut Diagnostics,
) -> FirstOccurrences {
    let mut first = Vec::with_capacity(units.len());
    for unit in units {
        if looks_like_email(&unit.text) {
            diags.push(unit.diagnostic(
                "contains an e-mail address; personal contact details are not open data".into(),
            ));
        }
        let Some(source) = folded.get(unit.source.as_str()) else {
            first.push(None); // An unknown or unreadable source is already reported.
            continue;
        };
        if unit.text.is_empty() {
            first.push(None);
            continue;
        }
        let found = source.find(&unit.text, 0);
        first.push(found);
        if found.is_some() {
            continue;
        }
        let prefix = source.longest_found_prefix(&unit.text);
        let hint = if prefix.is_empty() {
            "no part of it appears there".to_string()
        } else {
            let tail: String = prefix
                .chars()
                .rev()
                .take(40)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            format!("it matches up to «…{tail}» and differs after that")
        };
        diags.push(unit.diagnostic(format!(
            "text not found verbatim in source \"{}\" ({hint})",
            unit.source
        )));
    }
    first
}

/// What cannot be checked against a copy: each text quoted from a source of which no copy is
/// kept, and each document as received whose hash only its sender can check (no copy, or a
/// redacted one). In source then corpus order.
pub fn unverifiable<'a>(
    sources: &[Source],
    units: impl IntoIterator<Item = &'a TextUnit>,
    sources_toml: &Path,
) -> Vec<Diagnostic> {
    let mut notes = Vec::new();
    let note = |message: String| Diagnostic {
        file: sources_toml.to_path_buf(),
        line: 1,
        column: 1,
        message,
    };
    for source in sources {
        match &source.file {
            None => notes.push(note(format!(
                "note: source \"{}\" ({}): no copy is kept, its SHA-256 as received ({}) is recorded but its texts cannot be verified",
                source.id, source.original_name, source.sha256
            ))),
            Some(file) if !source.redactions.is_empty() => notes.push(note(format!(
                "note: source \"{}\": {file} is a redacted copy ({} redaction(s)); the SHA-256 of the document as received ({}) cannot be checked against it",
                source.id,
                source.redactions.len(),
                source.sha256
            ))),
            Some(_) => {}
        }
    }
    let no_copy: HashSet<&str> = sources
        .iter()
        .filter(|s| s.file.is_none())
        .map(|s| s.id.as_str())
        .collect();
    for unit in units
        .into_iter()
        .filter(|u| no_copy.contains(u.source.as_str()))
    {
        notes.push(Diagnostic {
            file: unit.file.clone(),
            line: unit.location.0,
            column: unit.location.1,
            message: format!(
                "note: {}: not verified, no copy of source \"{}\" is kept: «{}»",
                unit.field, unit.source, unit.text
            ),
        });
    }
    notes
}

/// Every character of every source is represented in the corpus or declared left out.
pub fn check_coverage(
    sources: &[Source],
    texts: &BTreeMap<String, SourceFile>,
    folded: &BTreeMap<&str, FoldedSource>,
    units: &[TextUnit],
    first: &[Option<usize>],
    diags: &mut Diagnostics,
) {
    // The units of each source, grouped in one pass (in corpus order): filtering every unit for
    // every source was quadratic, most of `check` on a corpus of 4,000 editions.
    let mut by_source: HashMap<&str, Vec<(&TextUnit, Option<usize>)>> = HashMap::new();
    for (unit, &first) in units.iter().zip(first) {
        by_source
            .entry(unit.source.as_str())
            .or_default()
            .push((unit, first));
    }
    // Each source is covered on its own: in parallel over chunks of sources.
    let chunks = in_chunks(sources, |chunk| {
        let mut diags = Diagnostics::default();
        for source in chunk {
            let (Some(folded), Some(file)) = (
                folded.get(source.id.as_str()),
                texts.get(source.id.as_str()),
            ) else {
                continue;
            };
            let source_units = by_source
                .get(source.id.as_str())
                .map_or(&[][..], Vec::as_slice);
            coverage(source, file, folded, source_units.iter(), &mut diags);
        }
        diags
    });
    merge(diags, chunks);
}

/// Every character of the folded source must be covered by a corpus text, lie on an omitted
/// line, or belong to a declared layout fragment (or be punctuation between them).
fn coverage<'a>(
    source: &Source,
    file: &SourceFile,
    folded: &FoldedSource,
    units: impl Iterator<Item = &'a (&'a TextUnit, Option<usize>)>,
    diags: &mut Diagnostics,
) {
    // Each text claims one occurrence, longest texts first, preferring an occurrence nobody has
    // claimed yet: a short text ("France", a name) must not blanket every place it appears.
    let mut covered = vec![false; folded.text.len()];
    let mut units: Vec<(&TextUnit, usize)> = units
        .filter(|(u, _)| !u.text.is_empty())
        .map(|&(u, first)| {
            // `check_verbatim` found every text before coverage runs; searched again otherwise.
            let first = first.or_else(|| folded.find(&u.text, 0));
            (u, first)
        })
        .filter_map(|(u, first)| Some((u, first?)))
        .collect();
    units.sort_by_key(|(u, _)| std::cmp::Reverse(u.text.len()));
    for (unit, first) in units {
        let len = unit.text.len();
        let unclaimed = |start: usize| covered[start..start + len].iter().all(|c| !c);
        // The first occurrence, or the next ones (not overlapping it) only if it is taken.
        let claim = if unclaimed(first) {
            first
        } else {
            folded
                .occurrences_from(&unit.text, first + len)
                .map(|(start, _)| start)
                .find(|&start| unclaimed(start))
                .unwrap_or(first)
        };
        covered[claim..claim + len].fill(true);
    }
    let mut omission_used = vec![false; source.omitted.len()];
    for (range, line) in folded.line_runs() {
        if let Some(k) = source
            .omitted
            .iter()
            .position(|o| (o.first_line..=o.last_line).contains(&line))
        {
            covered[range].fill(true);
            omission_used[k] = true;
        }
    }

    // Longest fragments first, so that "représentée par" is removed before "par" would be.
    let mut layout: Vec<(usize, &str)> = source
        .layout
        .iter()
        .enumerate()
        .map(|(i, l)| (i, l.text.as_str()))
        .collect();
    layout.sort_by_key(|(_, text)| std::cmp::Reverse(text.len()));
    let mut layout_used = vec![false; source.layout.len()];

    let mut start = 0;
    while start < covered.len() {
        if covered[start] {
            start += 1;
            continue;
        }
        let end = covered[start..]
            .iter()
            .position(|&c| c)
            .map_or(covered.len(), |n| start + n);
        let mut rest = folded.text[start..end].to_string();
        for (i, text) in &layout {
            if rest.contains(text) {
                rest = rest.replace(text, " ");
                layout_used[*i] = true;
            }
        }
        if !rest.chars().all(is_separator) {
            let line = folded.line_at(start);
            let fragment = folded.text[start..end].trim();
            let shown: String = fragment.chars().take(80).collect();
            let ellipsis = if fragment.chars().count() > 80 {
                "…"
            } else {
                ""
            };
            diags.push(Diagnostic {
                file: file.path.clone(),
                line,
                column: 1,
                message: format!(
                    "source text not represented in the corpus: «{shown}{ellipsis}» (transcribe it, or declare it in corpus/sources.toml under source \"{}\" as [[sources.omitted]] or [[sources.layout]] with a reason)",
                    source.id
                ),
            });
        }
        start = end;
    }

    let sources_toml = |what: &str| Diagnostic {
        file: PathBuf::from(format!("{}/corpus/sources.toml", seeds_dir(file))),
        line: 1,
        column: 1,
        message: what.to_string(),
    };
    for (omission, used) in source.omitted.iter().zip(omission_used) {
        if !used {
            diags.push(sources_toml(&format!(
                "source \"{}\": omitted lines {}-{} hold no text; remove the declaration",
                source.id, omission.first_line, omission.last_line
            )));
        }
    }
    for (fragment, used) in source.layout.iter().zip(layout_used) {
        if !used {
            diags.push(sources_toml(&format!(
                "source \"{}\": layout fragment «{}» is never left over between corpus texts; remove the declaration",
                source.id, fragment.text
            )));
        }
    }
}

/// `seeds` for `seeds/sources/x.txt`.
fn seeds_dir(file: &SourceFile) -> String {
    file.path
        .parent()
        .and_then(|p| p.parent())
        .map_or_else(|| ".".to_string(), |p| p.display().to_string())
}

fn is_separator(c: char) -> bool {
    c.is_whitespace() || c.is_ascii_punctuation() || "«»’‘“”–—…●•·".contains(c)
}

/// `name@domain.example` anywhere in the text.
fn looks_like_email(text: &str) -> bool {
    // Most texts have no `@`: one byte search instead of splitting them into words.
    if memchr::memchr(b'@', text.as_bytes()).is_none() {
        return false;
    }
    text.split(|c: char| c.is_whitespace() || "<>()«»,;\"'".contains(c))
        .any(|word| {
            word.split_once('@').is_some_and(|(user, domain)| {
                !user.is_empty() && domain.contains('.') && !domain.starts_with('.')
            })
        })
}

#[cfg(test)]
mod tests {
    use super::looks_like_email;

    #[test]
    fn e_mail_addresses_are_spotted_in_running_text() {
        assert!(looks_like_email("contact : someone@example.org"));
        assert!(!looks_like_email("l'@ de Villes Internet"));
        assert!(!looks_like_email("cinq arobases"));
    }
}
