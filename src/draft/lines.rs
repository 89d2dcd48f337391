//! Layout noise of an extracted document: line endings, page markers, footers and repeated page
//! headers, and the hard line breaks that cut paragraphs. What is noise is kept aside with its
//! line number so that the draft declares it omitted, as `check` requires.

/// One line of the source, 1-based as `cat -n` numbers it.
#[derive(Debug, Clone)]
pub struct Line {
    pub number: u32,
    /// The line without its end-of-line characters and trailing spaces.
    pub text: String,
    /// Leading spaces (a sub-list is printed indented).
    pub indent: usize,
}

/// Why a line is layout, not text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Noise {
    PageMarker,
    Footer,
    RepeatedHeader,
    /// Part of a block of lines printed identically on several pages (a running header).
    RepeatedBlock,
}

impl Noise {
    pub fn reason(self) -> &'static str {
        match self {
            Noise::PageMarker => "Numéro de page issu de l'extraction du document.",
            Noise::Footer => "Pied de page ou bloc de contact (site, adresse, téléphone).",
            Noise::RepeatedHeader => "En-tête ou pied de page répété sur chaque page.",
            Noise::RepeatedBlock => {
                "Bloc de lignes répété à l'identique sur plusieurs pages (en-tête ou pied de page)."
            }
        }
    }
}

/// A paragraph rebuilt from one or more source lines.
#[derive(Debug, Clone)]
pub struct Block {
    pub first: u32,
    pub last: u32,
    pub indent: usize,
    /// The lines joined by one space, trimmed.
    pub text: String,
}

/// The source split into text lines and noise lines.
#[derive(Debug, Default)]
pub struct Cleaned {
    pub lines: Vec<Line>,
    pub noise: Vec<(u32, Noise)>,
    /// Each block of lines repeated on several pages, once: its lines joined by a space.
    pub repeated_blocks: Vec<String>,
}

/// How many times a block must be printed to be page furniture.
const REPEATS: usize = 3;

/// Runs of two or more consecutive short lines printed identically at least [`REPEATS`] times:
/// `(index of each line in a run, the distinct runs' texts)`. A running header of a title and a
/// subtitle carries no number, so the single-line rule does not see it; two lines repeated
/// together on every page are layout.
fn repeated_blocks(raw: &[Line]) -> (std::collections::HashSet<usize>, Vec<String>) {
    let short = |l: &Line| !l.text.is_empty() && l.text.chars().count() < 100;
    let mut pairs = std::collections::HashMap::<(&str, &str), usize>::new();
    for w in raw.windows(2) {
        if short(&w[0]) && short(&w[1]) {
            *pairs.entry((&w[0].text, &w[1].text)).or_default() += 1;
        }
    }
    let mut marked = std::collections::HashSet::new();
    for (i, w) in raw.windows(2).enumerate() {
        if pairs
            .get(&(w[0].text.as_str(), w[1].text.as_str()))
            .copied()
            >= Some(REPEATS)
        {
            marked.insert(i);
            marked.insert(i + 1);
        }
    }
    let mut texts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        if !marked.contains(&i) {
            i += 1;
            continue;
        }
        let start = i;
        while marked.contains(&i) {
            i += 1;
        }
        let text = raw[start..i]
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        if !texts.contains(&text) {
            texts.push(text);
        }
    }
    (marked, texts)
}

/// Splits on `\n` (a `\r` before it is dropped: Windows line endings) and sets noise aside.
pub fn clean(source: &str) -> Cleaned {
    let raw: Vec<Line> = source
        .split('\n')
        .enumerate()
        .map(|(i, l)| {
            let l = l.strip_suffix('\r').unwrap_or(l);
            let indent = l.chars().take_while(|c| c.is_whitespace()).count();
            Line {
                number: u32::try_from(i + 1).unwrap_or(u32::MAX),
                text: l.trim().to_string(),
                indent,
            }
        })
        .collect();
    let mut counts = std::collections::HashMap::<&str, usize>::new();
    for l in &raw {
        if !l.text.is_empty() {
            *counts.entry(l.text.as_str()).or_default() += 1;
        }
    }
    let repeated: std::collections::HashSet<String> = counts
        .into_iter()
        .filter(|(t, n)| *n >= 3 && t.chars().count() < 100 && looks_like_page_furniture(t))
        .map(|(t, _)| t.to_string())
        .collect();
    let (in_block, repeated_blocks) = repeated_blocks(&raw);
    let mut out = Cleaned {
        repeated_blocks,
        ..Cleaned::default()
    };
    let last_content = raw.iter().rposition(|l| !l.text.is_empty()).unwrap_or(0);
    let footer_start = trailing_contact_block(&raw, last_content);
    for (i, line) in raw.into_iter().enumerate() {
        let noise = if line.text.is_empty() {
            None
        } else if in_block.contains(&i) {
            Some(Noise::RepeatedBlock)
        } else if is_page_marker(&line.text) {
            Some(Noise::PageMarker)
        } else if repeated.contains(&line.text) {
            Some(Noise::RepeatedHeader)
        } else if footer_start.is_some_and(|s| i >= s) || is_contact_line(&line.text) {
            Some(Noise::Footer)
        } else {
            None
        };
        match noise {
            Some(n) => out.noise.push((line.number, n)),
            None => out.lines.push(line),
        }
    }
    out
}

/// `p. 3/4`, `Page 3`, `3/4`, `- 3 -`, a lone page number.
pub fn is_page_marker(t: &str) -> bool {
    let lower = t.to_lowercase();
    let rest = lower
        .strip_prefix("page")
        .or_else(|| lower.strip_prefix("p."))
        .unwrap_or(&lower)
        .trim()
        .trim_matches(|c| c == '-' || c == '–' || c == ' ');
    !rest.is_empty()
        && rest.len() <= 9
        && rest.chars().any(|c| c.is_ascii_digit())
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || c == '/' || c == ' ' || c == 's' || c == 'u' || c == 'r')
}

/// A repeated line is page furniture when it carries a number, an address or a separator, not
/// when it is a structural word a document repeats (« Propositions », a lead-in).
fn looks_like_page_furniture(t: &str) -> bool {
    is_contact_line(t) || t.chars().any(|c| c.is_ascii_digit()) || t.contains('|')
}

/// A web address, an e-mail, a phone number: contact details, not motion text.
pub fn is_contact_line(t: &str) -> bool {
    let has_url = t.split_whitespace().any(|w| {
        w.starts_with("www.") || w.starts_with("http") || (w.contains('@') && w.contains('.'))
    });
    let digits: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let is_phone = digits.len() == 10 && digits.chars().all(|c| c.is_ascii_digit());
    // A long sentence may cite an address; a footer is short or mostly contact details.
    (has_url && t.split_whitespace().count() <= 8) || is_phone
}

/// The contact block that ends many documents (name, street, phone…): from the last blank gap
/// before a phone or address line in the last lines, if only short lines follow that gap.
fn trailing_contact_block(raw: &[Line], last: usize) -> Option<usize> {
    let window_start = last.saturating_sub(15);
    let contact = (window_start..=last).find(|&i| {
        let t = &raw[i].text;
        is_contact_line(t) || (t.chars().filter(char::is_ascii_digit).count() >= 8 && t.len() < 20)
    })?;
    let mut start = contact;
    let mut i = contact;
    while i > 0 {
        i -= 1;
        let t = &raw[i].text;
        if t.is_empty() {
            // Two blank lines in a row end the block.
            if i > 0 && raw[i - 1].text.is_empty() {
                break;
            }
            continue;
        }
        if t.chars().count() > 60 || t.ends_with('.') {
            break;
        }
        start = i;
    }
    // A lead-in to an address ("…sur :") makes the address a related resource, not a footer.
    if start > 0 {
        let before = raw[..start].iter().rev().find(|l| !l.text.is_empty());
        if before.is_some_and(|l| l.text.ends_with(':')) && start == contact {
            return None;
        }
    }
    Some(start)
}

/// Whether a line starts a list entry or a numbered heading (it never continues a paragraph).
pub fn starts_with_marker(t: &str) -> bool {
    super::structure::Marker::parse(t).0.is_some() || t.starts_with('#')
}

fn is_caps(t: &str) -> bool {
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 3 && letters.iter().all(|c| !c.is_lowercase())
}

fn ends_sentence(t: &str) -> bool {
    t.ends_with(['.', '!', '?', ':', ';', '…', '»', '"'])
}

fn starts_lower(t: &str) -> bool {
    t.chars().next().is_some_and(|c| c.is_lowercase())
}

/// Rebuilds paragraphs. Lines of one run (no blank line between them) are joined unless the next
/// one starts a list entry or a heading in capitals ends; across a blank line, lines are joined
/// only where the text visibly continues (a PDF extraction that puts a blank line after every
/// line: the previous line is wide and the next does not start a new entry).
pub fn blocks(lines: &[Line], all_numbers: &[(u32, Noise)]) -> Vec<Block> {
    let noise: std::collections::HashSet<u32> = all_numbers.iter().map(|(n, _)| *n).collect();
    let mut lens: Vec<usize> = lines
        .iter()
        .filter(|l| !l.text.is_empty())
        .map(|l| l.text.chars().count())
        .collect();
    lens.sort_unstable();
    let width = lens.get(lens.len() * 9 / 10).copied().unwrap_or(80).max(40);
    // Double-spaced extraction: several sentences visibly continue after a blank line.
    let mut continued = 0;
    let mut prev: Option<&Line> = None;
    let mut gap = false;
    for l in lines {
        if l.text.is_empty() {
            gap = true;
            continue;
        }
        if let Some(p) = prev
            && gap
            && !ends_sentence(&p.text)
            && starts_lower(&l.text)
        {
            continued += 1;
        }
        prev = Some(l);
        gap = false;
    }
    let double_spaced = continued >= 3;

    let mut out: Vec<Block> = Vec::new();
    let mut prev: Option<&Line> = None;
    let mut blanks = 0usize;
    for l in lines {
        if l.text.is_empty() || noise.contains(&l.number) {
            if l.text.is_empty() {
                blanks += 1;
            }
            continue;
        }
        let join = match (prev, out.last()) {
            (Some(p), Some(_)) if !starts_with_marker(&l.text) => {
                let p_marker_heading =
                    starts_with_marker(&p.text) && p.text.chars().count() < width * 9 / 10;
                if blanks == 0 {
                    (!is_caps(&p.text) || is_caps(&l.text)) && !is_office_heading(&p.text)
                } else if blanks == 1 && double_spaced {
                    let wide = p.text.chars().count() * 10 >= width * 7;
                    (starts_lower(&l.text) && !ends_sentence(&p.text))
                        || (wide && !p_marker_heading && !is_caps(&p.text))
                } else {
                    false
                }
            }
            _ => false,
        };
        if join {
            if let Some(b) = out.last_mut() {
                b.text.push(' ');
                b.text.push_str(&l.text);
                b.last = l.number;
            }
        } else {
            out.push(Block {
                first: l.number,
                last: l.number,
                indent: l.indent,
                text: l.text.clone(),
            });
        }
        prev = Some(l);
        blanks = 0;
    }
    out
}

/// `PRÉSIDENT`, `VICE-PRÉSIDENTE`… printed alone above a name.
pub fn is_office_heading(t: &str) -> bool {
    is_caps(t) && super::people::office_of(t).is_some() && t.split_whitespace().count() <= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_line_endings_and_page_markers_are_not_text() {
        let c = clean("Titre\r\n\r\np. 3/4\r\nTexte.\r\n");
        assert_eq!(
            c.lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(),
            ["Titre", "", "Texte.", ""]
        );
        assert_eq!(c.noise, [(3, Noise::PageMarker)]);
    }

    #[test]
    fn a_block_of_lines_repeated_on_every_page_is_layout_declared_once() {
        // No number on the header's lines: the single-line rule would keep them as text.
        let page = "Congrès national des élus au numérique\nLa motion\n";
        let source = format!(
            "{page}Premier paragraphe.\n\n{page}Deuxième paragraphe.\n\n{page}Troisième.\nLa motion\n"
        );
        let c = clean(&source);
        let texts: Vec<&str> = c.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Premier paragraphe.",
                "",
                "Deuxième paragraphe.",
                "",
                "Troisième.",
                "La motion",
                ""
            ]
        );
        assert_eq!(
            c.repeated_blocks,
            ["Congrès national des élus au numérique La motion"]
        );
        assert!(c.noise.iter().all(|(_, n)| *n == Noise::RepeatedBlock));
        assert_eq!(c.noise.len(), 6);
    }

    #[test]
    fn hard_line_breaks_inside_a_paragraph_are_joined() {
        let c = clean("Une phrase coupée\nen deux lignes.\n\n- un item\n");
        let b = blocks(&c.lines, &c.noise);
        assert_eq!(b[0].text, "Une phrase coupée en deux lignes.");
        assert_eq!(b[1].text, "- un item");
    }
}
