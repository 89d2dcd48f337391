//! Text normalisation shared by the loader and the fidelity checks.
//!
//! Sources are PDF extractions with hard line breaks and runs of spaces; the curated texts are
//! written across several TOML lines. Texts are stored with line breaks and runs of spaces
//! folded, but keep the source's no-break spaces (typography: the narrow no-break spaces around
//! « guillemets »); they are compared with every kind of space folded.

/// The no-break spaces a source may print, kept as printed: U+00A0, U+202F (narrow), U+2007.
fn is_no_break_space(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}')
}

/// Folds every run of Unicode whitespace into one ASCII space and trims both ends, except a run
/// made only of no-break spaces, kept as written: the source's characters, not a layout artefact.
pub fn fold_whitespace(text: &str) -> String {
    fold(text, Runs::KeepNoBreak)
}

/// Folds every run of Unicode whitespace, no-break spaces included, into one ASCII space and
/// trims both ends: how texts are compared with their source.
pub fn fold_for_matching(text: &str) -> String {
    fold(text, Runs::FoldAll)
}

/// [`fold_for_matching`] of a text already folded by [`fold_whitespace`]: the same text unless
/// it keeps a run of no-break spaces.
pub fn matching_form(folded: &str) -> String {
    if folded.contains(is_no_break_space) {
        fold_for_matching(folded)
    } else {
        folded.to_string()
    }
}

/// What becomes of a run of whitespace inside a text (at either end it is dropped).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Runs {
    /// One ASCII space, unless the run is only no-break spaces: kept as written.
    KeepNoBreak,
    /// One ASCII space.
    FoldAll,
}

/// One pass over the bytes, copying each word whole; a character is decoded only where a byte
/// is not ASCII.
///
/// Performance (see BENCHMARKS.md): folding was ~45 % of converting the editions at ×1000 with
/// `split_whitespace`, which decodes every character, and every quoted text was folded twice.
fn fold(text: &str, runs: Runs) -> String {
    let mut out = String::with_capacity(text.len());
    // The pending run of whitespace (start byte, only no-break spaces so far) and the word
    // being read (start byte).
    let mut run: Option<(usize, bool)> = None;
    let mut word = 0;
    let mut i = 0;
    while let Some(c) = char_at(text, i) {
        match (c.space, run) {
            (true, None) => {
                out.push_str(&text[word..i]);
                run = Some((i, c.no_break));
            }
            (true, Some((start, only_no_break))) => {
                run = Some((start, only_no_break && c.no_break));
            }
            (false, Some((start, only_no_break))) => {
                if !out.is_empty() {
                    if only_no_break && runs == Runs::KeepNoBreak {
                        out.push_str(&text[start..i]);
                    } else {
                        out.push(' ');
                    }
                }
                run = None;
                word = i;
            }
            (false, None) => {}
        }
        i += c.len;
    }
    if run.is_none() {
        out.push_str(&text[word..]);
    }
    out
}

/// What the folding needs to know of one character.
struct CharAt {
    /// Unicode whitespace (`char::is_whitespace`).
    space: bool,
    no_break: bool,
    /// Its length in bytes.
    len: usize,
}

/// The character starting at byte `i` of `text`, `None` at the end. An ASCII character is told
/// from its byte; only the others are decoded.
fn char_at(text: &str, i: usize) -> Option<CharAt> {
    let ascii = |space| CharAt {
        space,
        no_break: false,
        len: 1,
    };
    match *text.as_bytes().get(i)? {
        // `char::is_whitespace` of ASCII (`u8::is_ascii_whitespace` leaves out U+000B).
        b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' => Some(ascii(true)),
        b if b.is_ascii() => Some(ascii(false)),
        // `None` only off a character boundary, which the callers never ask for.
        _ => text.get(i..)?.chars().next().map(|c| CharAt {
            space: c.is_whitespace(),
            no_break: is_no_break_space(c),
            len: c.len_utf8(),
        }),
    }
}

/// How many bytes of a needle [`FoldedSource::find`] searches for before comparing the rest.
const FIND_KEY: usize = 32;

/// A source text folded for comparison, remembering the line each byte came from so that a
/// coverage gap can be reported as `file:line`.
#[derive(Debug, Clone)]
pub struct FoldedSource {
    pub text: String,
    /// `(first byte, line)` for each run of bytes of `text` that come from one source line, in
    /// order: byte `i` comes from the 1-based line of the last run starting at or before `i`.
    ///
    /// Performance (see BENCHMARKS.md): one line number per byte (a `Vec<u32>` as long as the
    /// text) was four times the size of every source, 170 MB at peak on a corpus of 4,000
    /// editions; runs take a few bytes per source line.
    runs: Vec<(usize, u32)>,
}

impl FoldedSource {
    /// Folds whitespace like [`fold_for_matching`] and drops `*` (Markdown emphasis is layout).
    ///
    /// Performance (see BENCHMARKS.md): words are copied whole and a character decoded only
    /// where a byte is not ASCII; character by character, this was a fifth of the fidelity
    /// checks at ×1000.
    pub fn new(source: &str) -> Self {
        let bytes = source.as_bytes();
        let mut folded = Self {
            text: String::with_capacity(source.len()),
            runs: Vec::new(),
        };
        let mut line = 1u32;
        // The line of the whitespace run waiting to become one space, if any.
        let mut pending_space: Option<u32> = None;
        // The start of the word being read: no line break inside, so all on `line`.
        let mut word: Option<usize> = None;
        let mut i = 0;
        while let Some(c) = char_at(source, i) {
            if c.space || bytes[i] == b'*' {
                if let Some(start) = word.take() {
                    folded.push(&source[start..i], line);
                }
                if bytes[i] == b'\n' {
                    line += 1;
                }
                if c.space && !folded.text.is_empty() && pending_space.is_none() {
                    pending_space = Some(line);
                }
            } else if word.is_none() {
                if let Some(space_line) = pending_space.take() {
                    folded.push(" ", space_line);
                }
                word = Some(i);
            }
            i += c.len;
        }
        if let Some(start) = word {
            folded.push(&source[start..], line);
        }
        folded
    }

    /// Appends `part`, all from source line `line`.
    fn push(&mut self, part: &str, line: u32) {
        if self.runs.last().is_none_or(|&(_, l)| l != line) {
            self.runs.push((self.text.len(), line));
        }
        self.text.push_str(part);
    }

    /// The 1-based source line of byte `i` of `text`.
    pub fn line_at(&self, i: usize) -> u32 {
        let run = self.runs.partition_point(|&(start, _)| start <= i);
        self.runs
            .get(run.wrapping_sub(1))
            .map_or(1, |&(_, line)| line)
    }

    /// Each run of bytes of `text` that come from one source line, with that line, in order.
    pub fn line_runs(&self) -> impl Iterator<Item = (std::ops::Range<usize>, u32)> + '_ {
        self.runs.iter().enumerate().map(|(k, &(start, line))| {
            let end = self
                .runs
                .get(k + 1)
                .map_or(self.text.len(), |&(next, _)| next);
            (start..end, line)
        })
    }

    /// The first occurrence of `needle` at or after byte `from`, as a byte offset.
    ///
    /// Performance (see BENCHMARKS.md): `memchr::memmem` (SIMD) rather than `str::find`; the
    /// fidelity checks search every text of the corpus in its source, a fifth of start-up at
    /// ×1000 with the standard library's searcher.
    ///
    /// The searcher is built for the needle's first [`FIND_KEY`] bytes and each place they occur
    /// is compared with the whole needle: building a `memmem::Finder` (its Two-Way
    /// factorisation) for the whole of every text was 4 % of the loading's instructions, more
    /// than the search itself, for texts found once in a source of a few pages.
    pub fn find(&self, needle: &str, from: usize) -> Option<usize> {
        let haystack = self.text.as_bytes().get(from..)?;
        let needle = needle.as_bytes();
        let key = &needle[..needle.len().min(FIND_KEY)];
        let finder = memchr::memmem::Finder::new(key);
        let mut at = 0;
        // Every occurrence of the key, overlapping ones included, until the needle follows.
        while let Some(start) = haystack.get(at..).and_then(|rest| finder.find(rest)) {
            let start = at + start;
            if haystack[start..].starts_with(needle) {
                return Some(from + start);
            }
            at = start + 1;
        }
        None
    }

    /// Byte ranges of every non-overlapping occurrence of `needle` at or after byte `from`, as
    /// `str::match_indices` finds them in `text[from..]`.
    pub fn occurrences_from<'a>(
        &'a self,
        needle: &'a str,
        from: usize,
    ) -> impl Iterator<Item = (usize, usize)> + 'a {
        let haystack = self.text.as_bytes().get(from..).unwrap_or_default();
        memchr::memmem::find_iter(haystack, needle.as_bytes())
            .map(move |start| (from + start, from + start + needle.len()))
    }

    /// The longest prefix of `needle` (on a char boundary) found in the source: tells an editor
    /// where a transcription starts to diverge.
    pub fn longest_found_prefix<'a>(&self, needle: &'a str) -> &'a str {
        let boundaries: Vec<usize> = needle
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(needle.len()))
            .collect();
        // Binary search: "prefix found" is monotone in its length.
        let (mut lo, mut hi) = (0usize, boundaries.len() - 1);
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            if self.text.contains(&needle[..boundaries[mid]]) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        &needle[..boundaries[lo]]
    }
}

/// Lowercases and strips diacritics (French letters and ligatures), for slugs and lookups.
pub fn ascii_fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' | 'À' | 'Â' | 'Ä' | 'Á' => out.push('a'),
            'ç' | 'Ç' => out.push('c'),
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => out.push('e'),
            'î' | 'ï' | 'í' | 'Î' | 'Ï' => out.push('i'),
            'ô' | 'ö' | 'ó' | 'Ô' | 'Ö' => out.push('o'),
            'ù' | 'û' | 'ü' | 'ú' | 'Ù' | 'Û' | 'Ü' => out.push('u'),
            'ÿ' | 'Ÿ' => out.push('y'),
            'ñ' | 'Ñ' => out.push('n'),
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_collapses_line_breaks_and_keeps_no_break_spaces() {
        assert_eq!(
            fold_whitespace("  a \n\n b\u{a0}«\u{202f}c\u{202f}»  "),
            "a b\u{a0}«\u{202f}c\u{202f}»"
        );
        // A line break next to a no-break space is layout: the run becomes one space.
        assert_eq!(fold_whitespace("a\u{202f}\n b"), "a b");
        assert_eq!(fold_for_matching("  a \n\n b\u{a0}« c »  "), "a b « c »");
    }

    /// Every text of at most `max` characters of `alphabet`, the empty one included.
    fn every_text(alphabet: &[char], max: usize) -> Vec<String> {
        let mut texts = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..max {
            last = last
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            texts.extend(last.iter().cloned());
        }
        texts
    }

    /// The folding as first written, character by character: what the one-pass `fold` must
    /// give for every text.
    fn fold_reference(text: &str, keep_no_break: bool) -> String {
        let mut out = String::new();
        let mut run = String::new();
        for c in text.trim().chars() {
            if c.is_whitespace() {
                run.push(c);
                continue;
            }
            if !run.is_empty() {
                if keep_no_break && run.chars().all(is_no_break_space) {
                    out.push_str(&run);
                } else {
                    out.push(' ');
                }
                run.clear();
            }
            out.push(c);
        }
        out
    }

    #[test]
    fn one_pass_folding_is_the_character_by_character_folding_of_every_short_text() {
        // Every text of up to five characters over ASCII and Unicode spaces (no-break or not,
        // one to three bytes long) and letters of one and two bytes.
        let alphabet = [
            'a', 'é', ' ', '\n', '\t', '\u{a0}', '\u{202f}', '\u{2007}', '\u{3000}', '\u{85}',
        ];
        for text in &every_text(&alphabet, 5) {
            let kept = fold_whitespace(text);
            assert_eq!(kept, fold_reference(text, true), "{text:?}");
            assert_eq!(
                fold_for_matching(text),
                fold_reference(text, false),
                "{text:?}"
            );
            assert_eq!(matching_form(&kept), fold_for_matching(text), "{text:?}");
        }
    }

    /// `FoldedSource::new` as first written, character by character.
    fn folded_reference(source: &str) -> FoldedSource {
        let mut text = String::with_capacity(source.len());
        let mut runs: Vec<(usize, u32)> = Vec::new();
        let mut line = 1u32;
        let mut pending_space: Option<u32> = None;
        let mut push = |text: &mut String, c: char, line: u32| {
            if runs.last().is_none_or(|&(_, l)| l != line) {
                runs.push((text.len(), line));
            }
            text.push(c);
        };
        for c in source.chars() {
            if c == '\n' {
                line += 1;
            }
            if c == '*' {
                continue;
            }
            if c.is_whitespace() {
                if !text.is_empty() && pending_space.is_none() {
                    pending_space = Some(line);
                }
                continue;
            }
            if let Some(space_line) = pending_space.take() {
                push(&mut text, ' ', space_line);
            }
            push(&mut text, c, line);
        }
        FoldedSource { text, runs }
    }

    #[test]
    fn one_pass_source_folding_is_the_character_by_character_folding() {
        let alphabet = ['a', 'é', ' ', '\n', '*', '\u{a0}', '\u{3000}'];
        for text in &every_text(&alphabet, 6) {
            let (ours, reference) = (FoldedSource::new(text), folded_reference(text));
            assert_eq!(
                (&ours.text, &ours.runs),
                (&reference.text, &reference.runs),
                "{text:?}"
            );
        }
    }

    #[test]
    fn folded_source_drops_emphasis_and_keeps_line_numbers() {
        let folded = FoldedSource::new("x\n\n**bold** y\nz");
        assert_eq!(folded.text, "x bold y z");
        assert_eq!(folded.line_at(0), 1);
        assert_eq!(folded.line_at(2), 3);
        assert_eq!(folded.line_at(folded.text.len() - 1), 4);
        let runs: Vec<_> = folded.line_runs().collect();
        assert_eq!(runs, vec![(0..1, 1), (1..2, 2), (2..8, 3), (8..10, 4)]);
    }

    #[test]
    fn occurrences_are_those_of_match_indices() {
        let folded = FoldedSource::new("aaa ab aaa\nab");
        for (needle, from) in [
            ("a", 0),
            ("aa", 0),
            ("aa", 1),
            ("ab", 3),
            ("ab", 13),
            ("zz", 0),
        ] {
            let ours: Vec<_> = folded.occurrences_from(needle, from).collect();
            let std: Vec<_> = folded.text[from..]
                .match_indices(needle)
                .map(|(i, m)| (from + i, from + i + m.len()))
                .collect();
            assert_eq!(ours, std, "{needle:?} from {from}");
            assert_eq!(folded.find(needle, from), std.first().map(|&(i, _)| i));
        }
        assert_eq!(folded.find("a", 99), None);
        // A needle longer than the searched key, whose key occurs overlapping itself before the
        // needle does: every occurrence of the key is tried, not only non-overlapping ones.
        let key = "xy".repeat(FIND_KEY / 2);
        let needle = format!("{key}z");
        let text = format!("xy{needle}");
        let folded = FoldedSource::new(&text);
        assert_eq!(folded.find(&needle, 0), Some(2));
        assert_eq!(folded.find(&needle, 0), text.find(&needle));
        assert_eq!(folded.find(&format!("{key}zz"), 0), None);
    }

    #[test]
    fn longest_prefix_shows_where_a_transcription_diverges() {
        let folded = FoldedSource::new("la donnée territoriale");
        assert_eq!(
            folded.longest_found_prefix("la donnée locale"),
            "la donnée "
        );
        assert_eq!(folded.longest_found_prefix("zzz"), "");
    }

    #[test]
    fn ascii_fold_removes_accents() {
        assert_eq!(ascii_fold("Écologique Œuvre"), "ecologique oeuvre");
    }
}
