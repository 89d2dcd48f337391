//! The structure of a document: title, preamble, parts, sections, items and sub-items, lead-ins,
//! footnotes. General rules on the shape of blocks (a marker, capitals, a final colon), never a
//! rule for one edition: the evaluation drafts each edition with the others only.

use super::lines::{Block, is_office_heading};
use super::{Draft, Footnote, Item, Part, Section};
use crate::text::ascii_fold;

/// The marker a line starts with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    /// `●`, `•`, `-`, `*`, `–`, `▪`, `◦`.
    Bullet,
    /// `1/`, `1.`, `1)`, `I.`: the number and the style (`/`, `.`, `)`, `R` for Roman).
    Numbered(u32, char),
    /// `1 TITRE` : a number then a word, printed before a footnote's heading.
    Bare(u32),
}

impl Marker {
    /// The marker and its printed text, and the rest of the line.
    pub fn parse(t: &str) -> (Option<(Marker, String)>, &str) {
        let mut chars = t.char_indices();
        if let Some((_, c)) = chars.next()
            && matches!(
                c,
                '●' | '•' | '-' | '*' | '–' | '▪' | '◦' | '·' | '—' | '➢' | '○'
            )
        {
            let after = &t[c.len_utf8()..];
            if after.starts_with(' ') {
                return (Some((Marker::Bullet, c.to_string())), after.trim_start());
            }
        }
        let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
        if !digits.is_empty() && digits.len() <= 2 {
            let n: u32 = digits.parse().unwrap_or(0);
            let after = &t[digits.len()..];
            for style in ['/', '.', ')'] {
                if let Some(rest) = after.strip_prefix(style)
                    && rest.starts_with(' ')
                {
                    return (
                        Some((Marker::Numbered(n, style), format!("{digits}{style}"))),
                        rest.trim_start(),
                    );
                }
            }
            if let Some(rest) = after.strip_prefix(' ')
                && rest.chars().next().is_some_and(char::is_uppercase)
                && is_caps(rest)
            {
                return (Some((Marker::Bare(n), digits)), rest.trim_start());
            }
        }
        let roman: String = t
            .chars()
            .take_while(|c| matches!(c, 'I' | 'V' | 'X'))
            .collect();
        if !roman.is_empty() {
            let after = &t[roman.len()..];
            for style in ['.', ')', '/'] {
                if let Some(rest) = after.strip_prefix(style)
                    && rest.starts_with(' ')
                {
                    let n = roman_value(&roman);
                    return (
                        Some((Marker::Numbered(n, 'R'), format!("{roman}{style}"))),
                        rest.trim_start(),
                    );
                }
            }
        }
        (None, t)
    }
}

fn roman_value(r: &str) -> u32 {
    let v = |c| match c {
        'I' => 1,
        'V' => 5,
        _ => 10,
    };
    let cs: Vec<u32> = r.chars().map(v).collect();
    let mut total = 0i64;
    for (i, &c) in cs.iter().enumerate() {
        if cs.get(i + 1).is_some_and(|&n| n > c) {
            total -= i64::from(c);
        } else {
            total += i64::from(c);
        }
    }
    u32::try_from(total).unwrap_or(0)
}

pub fn is_caps(t: &str) -> bool {
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 3 && letters.iter().all(|c| !c.is_lowercase())
}

/// Emphasis (`**…**`, `*…*`) is layout: the corpus keeps the words only.
pub fn strip_emphasis(t: &str) -> String {
    t.replace('*', "")
}

/// What a block is, from its shape.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Heading,
    NumberedHeading,
    Bullet,
    NumberedItem,
    Footnote,
    Hash,
    Url,
    Paragraph,
}

fn is_heading_text(t: &str) -> bool {
    let n = t.chars().count();
    n <= 150
        && !t.ends_with(['.', ';', ',', ':', '!', '?', '…'])
        && t.chars().next().is_some_and(|c| !c.is_lowercase())
}

fn is_url(t: &str) -> bool {
    !t.contains(' ') && t.contains('.') && (t.contains('/') || t.starts_with("www."))
}

/// A printed person's name: two to four capitalised words.
pub fn is_person_name(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && t.chars().count() <= 40
        && !t.chars().any(|c| c.is_ascii_digit())
        && !is_caps(t)
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// In a list of people: a name, « Name, role », « Avec … », a role printed under a name, or a
/// role naming a territory with its département.
fn names_people(text: &str, after_name: bool) -> bool {
    let starts_with_name = text
        .split_once(", ")
        .is_some_and(|(name, _)| is_person_name(name));
    after_name
        || is_person_name(text)
        || starts_with_name
        || text.starts_with("Avec ")
        || (text.contains(" (") && text.ends_with(')') && text.chars().count() < 200)
}

/// A short heading that introduces a section's list (« Propositions », « Leviers »).
fn is_items_heading(t: &str) -> bool {
    let f = ascii_fold(t);
    t.split_whitespace().count() <= 2
        && [
            "proposition",
            "levier",
            "action",
            "mesure",
            "recommandation",
            "engagement",
        ]
        .iter()
        .any(|w| f.starts_with(w))
}

/// The kind of the sections of a part, from the words that announce them.
fn section_kind(context: &str) -> Option<(&'static str, String)> {
    let f = ascii_fold(context);
    let words: Vec<&str> = f
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let table: [(&str, &str); 4] = [
        ("objectif", "objective"),
        ("axe", "axis"),
        ("engagement", "engagement"),
        ("atelier", "workshop"),
    ];
    table.iter().find_map(|(stem, kind)| {
        words
            .iter()
            .find(|w| **w == *stem || **w == format!("{stem}s"))
            .map(|w| (*kind, format!("le mot « {w} » annonce ces sections")))
    })
}

fn item_kind(section_kind: &str, intro: &str) -> &'static str {
    let f = ascii_fold(intro);
    if f.contains("levier") {
        "lever"
    } else if f.contains("proposition") {
        "proposal"
    } else {
        match section_kind {
            "objective" => "objective",
            "engagement" => "engagement",
            "workshop" => "proposal",
            _ => "lever",
        }
    }
}

/// A block's kind, its marker (and the marker's printed text), and its text without them.
type Classified = (Kind, Option<(Marker, String)>, String);

fn classify(blocks: &[Block]) -> Vec<Classified> {
    let mut out = Vec::with_capacity(blocks.len());
    for b in blocks {
        let (marker, rest) = Marker::parse(&b.text);
        let rest = strip_emphasis(rest).trim().to_string();
        let kind = match &marker {
            Some((Marker::Bullet, _)) => Kind::Bullet,
            Some((Marker::Bare(_), _)) => Kind::Footnote,
            Some((Marker::Numbered(..), _)) if is_heading_text(&rest) => Kind::NumberedHeading,
            Some((Marker::Numbered(..), _)) => Kind::NumberedItem,
            None if b.text.starts_with('#') => Kind::Hash,
            None if is_url(&b.text) => Kind::Url,
            None if is_heading_text(&b.text) => Kind::Heading,
            None => Kind::Paragraph,
        };
        let text = if marker.is_some() {
            rest
        } else {
            strip_emphasis(&b.text).trim().to_string()
        };
        out.push((kind, marker, text));
    }
    // A numbered paragraph without a sibling numbered the same way is a footnote (« 1. Villes
    // Internet est… » between two axes), not a list of one.
    let styles: Vec<Option<(u32, char)>> = out
        .iter()
        .map(|(_, m, _)| match m {
            Some((Marker::Numbered(n, s), _)) => Some((*n, *s)),
            _ => None,
        })
        .collect();
    for i in 0..out.len() {
        if out[i].0 == Kind::NumberedItem
            && let Some((n, s)) = styles[i]
        {
            let sibling = styles
                .iter()
                .flatten()
                .any(|(m, t)| *t == s && (*m == n + 1 || (n > 1 && *m == n - 1)));
            if !sibling {
                out[i].0 = Kind::Footnote;
            }
        }
    }
    out
}

#[derive(PartialEq)]
enum Mode {
    Text,
    People,
}

/// Builds the draft's parts, sections, items, footnotes and the blocks naming people.
pub fn build(blocks: &[Block], year: u16, source_id: &str) -> Draft {
    let mut d = Draft {
        year,
        source_id: source_id.to_string(),
        ..Draft::default()
    };
    let kinds = classify(blocks);
    let year_s = year.to_string();
    let mut i = 0;
    // Title: the first heading that prints the year, among the first ones; a generic header
    // before it is omitted.
    let title_at = kinds
        .iter()
        .take(3)
        .position(|(k, _, t)| *k == Kind::Heading && t.contains(&year_s))
        .or_else(|| kinds.iter().position(|(k, _, _)| *k == Kind::Heading))
        .unwrap_or(0);
    for b in &blocks[..title_at] {
        d.omitted.push((
            b.first,
            b.last,
            "En-tête du document (nom générique du Congrès) : le titre propre du document suit."
                .to_string(),
        ));
    }
    if let Some((_, _, t)) = kinds.get(title_at) {
        d.motion.title = t.clone();
        i = title_at + 1;
    }
    if !d.motion.title.contains(&year_s) {
        d.reviews.push(format!(
            "le titre « {} » n'imprime pas l'année {year}",
            d.motion.title
        ));
    }
    // Preamble: a heading followed by paragraphs.
    if kinds.get(i).is_some_and(|k| k.0 == Kind::Heading)
        && kinds.get(i + 1).is_some_and(|k| k.0 == Kind::Paragraph)
    {
        d.motion.preamble_heading = Some(kinds[i].2.clone());
        i += 1;
    }
    let mut mode = Mode::Text;
    let mut part_bullets: Vec<(usize, String)> = Vec::new();
    let mut trailing: Vec<String> = Vec::new();
    let mut hash_item: Option<&'static str> = None;
    let mut kind_context = String::new();
    let mut prev_was_title = false;
    let mut base_indent: Option<usize> = None;
    let mut last_people_was_name = false;
    while i < kinds.len() {
        let (kind, marker, text) = &kinds[i];
        let block = &blocks[i];
        let marker_text = marker.as_ref().map(|m| m.1.clone());
        if let Some(m) = &marker_text
            && !matches!(kind, Kind::Footnote)
        {
            add_layout(&mut d, m, kind);
        }
        let last_section = d.sections.len().checked_sub(1);
        let was_title = std::mem::replace(&mut prev_was_title, false);
        match kind {
            Kind::Heading | Kind::NumberedHeading | Kind::Paragraph
                if is_office_heading(text)
                    || (mode == Mode::People && names_people(text, last_people_was_name)) =>
            {
                last_people_was_name = is_person_name(text);
                mode = Mode::People;
                d.people_blocks
                    .push((last_section, block.clone(), text.clone()));
            }
            Kind::Heading if is_caps(text) && i + 1 == kinds.len() => {
                d.omitted.push((
                    block.first,
                    block.last,
                    "Intitulé qui termine le document, sans contenu à sa suite.".to_string(),
                ));
            }
            Kind::Heading if is_caps(text) => {
                mode = Mode::Text;
                flush_trailing(&mut d, &mut trailing);
                let position = u16::try_from(d.parts.len() + 1).unwrap_or(u16::MAX);
                d.parts.push(Part {
                    position,
                    title: text.clone(),
                    introduction: Vec::new(),
                });
                kind_context = text.clone();
            }
            Kind::Heading
                if was_title
                    && !is_items_heading(text)
                    && last_section.is_some_and(|s| d.sections[s].body.is_empty()) =>
            {
                if let Some(s) = last_section {
                    d.sections[s].subtitle = Some(text.clone());
                }
            }
            Kind::Heading
                if is_items_heading(text)
                    && last_section.is_some_and(|s| !d.items.iter().any(|it| it.section == s)) =>
            {
                if let Some(s) = last_section {
                    d.sections[s].items_heading = Some(text.clone());
                }
            }
            Kind::Heading | Kind::NumberedHeading => {
                mode = Mode::Text;
                flush_trailing(&mut d, &mut trailing);
                let part = d.parts.last().map(|p| p.position);
                let context = if kind_context.is_empty() {
                    d.motion.preamble.join(" ")
                } else {
                    kind_context.clone()
                };
                let (skind, evidence) = section_kind(&context)
                    .or_else(|| section_kind(&d.motion.preamble.join(" ")))
                    .unwrap_or(("axis", "aucun mot n'annonce ces sections".to_string()));
                let position =
                    u16::try_from(d.sections.iter().filter(|s| s.kind == skind).count() + 1)
                        .unwrap_or(u16::MAX);
                d.sections.push(Section {
                    part,
                    kind: skind,
                    kind_evidence: evidence,
                    position,
                    title: text.clone(),
                    ..Section::default()
                });
                prev_was_title = true;
                base_indent = None;
            }
            Kind::Hash => {
                let f = ascii_fold(text);
                if f.contains("elu") || f.contains("associe") || f.contains("intervenant") {
                    mode = Mode::People;
                } else {
                    hash_item = Some(if f.contains("engagement") {
                        "engagement"
                    } else {
                        "proposal"
                    });
                }
                add_layout(&mut d, text, kind);
            }
            Kind::Footnote => {
                let label = match marker {
                    Some((Marker::Numbered(n, _) | Marker::Bare(n), _)) => n.to_string(),
                    _ => String::new(),
                };
                if let Some(m) = &marker_text {
                    d.layout.push((
                        m.clone(),
                        "Numéro de la note de bas de page (repris comme `label` de la note)."
                            .to_string(),
                    ));
                }
                let caps_heading = matches!(marker, Some((Marker::Bare(_), _)));
                if caps_heading && kinds.get(i + 1).is_some_and(|k| k.0 == Kind::Paragraph) {
                    d.motion.footnotes.push(Footnote {
                        label,
                        heading: Some(text.clone()),
                        text: kinds[i + 1].2.clone(),
                    });
                    i += 1;
                } else {
                    d.motion.footnotes.push(Footnote {
                        label,
                        heading: None,
                        text: text.clone(),
                    });
                }
            }
            Kind::Url => {
                // The address a lead-in (« … sur : ») points to: a resource related to the motion.
                let lead = d.motion.preamble.pop().or_else(|| trailing.pop());
                match lead {
                    Some(lead) if lead.ends_with(':') => {
                        let (label, link) = split_link_words(&lead);
                        d.layout.push((
                            link,
                            "Liaison entre le libellé de la ressource liée et son adresse (motion.related)."
                                .to_string(),
                        ));
                        d.motion.related = Some((label, text.clone()));
                    }
                    other => {
                        if let Some(o) = other {
                            d.motion.preamble.push(o);
                        }
                        d.omitted
                            .push((block.first, block.last, "Adresse imprimée seule.".into()));
                    }
                }
            }
            _ if mode == Mode::People => {
                d.people_blocks
                    .push((last_section, block.clone(), text.clone()));
            }
            Kind::Bullet | Kind::NumberedItem => match last_section {
                Some(s)
                    if d.sections[s].part == d.parts.last().map(|p| p.position)
                        || d.parts.is_empty() =>
                {
                    if !trailing.is_empty() {
                        d.sections[s].items_intro.append(&mut trailing);
                    }
                    let base = *base_indent.get_or_insert(block.indent);
                    let intro = d.sections[s].items_intro.join(" ")
                        + d.sections[s].items_heading.as_deref().unwrap_or("");
                    let ikind = item_kind(d.sections[s].kind, &intro);
                    let top: Vec<&Item> = d
                        .items
                        .iter()
                        .filter(|it| it.section == s && it.parent.is_none())
                        .collect();
                    if block.indent > base && !top.is_empty() {
                        let parent = top.last().map(|p| p.position);
                        let position = u16::try_from(
                            d.items
                                .iter()
                                .filter(|it| it.section == s && it.parent == parent)
                                .count()
                                + 1,
                        )
                        .unwrap_or(u16::MAX);
                        d.items.push(Item {
                            section: s,
                            position,
                            parent,
                            kind: ikind,
                            text: text.clone(),
                            themes: Vec::new(),
                        });
                    } else {
                        let position = u16::try_from(top.len() + 1).unwrap_or(u16::MAX);
                        d.items.push(Item {
                            section: s,
                            position,
                            parent: None,
                            kind: ikind,
                            text: text.clone(),
                            themes: Vec::new(),
                        });
                    }
                }
                _ => part_bullets.push((d.parts.len(), text.clone())),
            },
            _ => {
                // A paragraph.
                if let Some(ikind) = hash_item.take()
                    && let Some(s) = last_section
                {
                    let position =
                        u16::try_from(d.items.iter().filter(|it| it.section == s).count() + 1)
                            .unwrap_or(u16::MAX);
                    d.items.push(Item {
                        section: s,
                        position,
                        parent: None,
                        kind: ikind,
                        text: text.clone(),
                        themes: Vec::new(),
                    });
                    i += 1;
                    continue;
                }
                let in_current_part = last_section
                    .is_some_and(|s| d.sections[s].part == d.parts.last().map(|p| p.position));
                match last_section {
                    Some(s) if in_current_part => {
                        let has_items = d.items.iter().any(|it| it.section == s);
                        let next_is_list = kinds
                            .get(i + 1)
                            .is_some_and(|k| matches!(k.0, Kind::Bullet | Kind::NumberedItem));
                        if has_items {
                            trailing.push(text.clone());
                        } else if d.sections[s].items_heading.is_some()
                            || (text.ends_with(':') && next_is_list)
                        {
                            d.sections[s].items_intro.push(text.clone());
                        } else {
                            d.sections[s].body.push(text.clone());
                        }
                    }
                    _ => match d.parts.last_mut() {
                        Some(p) => {
                            p.introduction.push(text.clone());
                            kind_context.push(' ');
                            kind_context.push_str(text);
                        }
                        None => d.motion.preamble.push(text.clone()),
                    },
                }
            }
        }
        i += 1;
    }
    d.motion.closing.append(&mut trailing);
    distribute_announced(&mut d, part_bullets);
    add_footnote_calls(&mut d);
    d
}

/// « carte mentale interactive sur : » → label « carte mentale interactive », link « sur : ».
fn split_link_words(lead: &str) -> (String, String) {
    let body = lead.trim_end_matches(':').trim_end();
    for word in [" sur", " à", " ici", " sur le site"] {
        if let Some(label) = body.strip_suffix(word) {
            return (label.to_string(), format!("{} :", word.trim()));
        }
    }
    (body.to_string(), ":".to_string())
}

/// Paragraphs after a section's list, when another section follows: they belong to the section
/// (the drafter cannot tell a closing from a second body).
fn flush_trailing(d: &mut Draft, trailing: &mut Vec<String>) {
    if trailing.is_empty() {
        return;
    }
    if let Some(s) = d.sections.last_mut() {
        d.reviews.push(format!(
            "{} paragraphe(s) après la liste de la section « {} » : rangés dans son texte",
            trailing.len(),
            s.title
        ));
        s.body.append(trailing);
    }
}

/// A list printed under a part before its sections, with one entry per section, announces them:
/// each entry becomes the section's item (« Les huit objectifs… : ● … » then « 1/ … » to « 8/ »).
fn distribute_announced(d: &mut Draft, bullets: Vec<(usize, String)>) {
    if bullets.is_empty() {
        return;
    }
    let part = bullets[0].0;
    let part_pos = u16::try_from(part).ok();
    let sections: Vec<usize> = (0..d.sections.len())
        .filter(|&s| d.sections[s].part == part_pos)
        .collect();
    if sections.len() == bullets.len() {
        for ((_, text), s) in bullets.into_iter().zip(sections) {
            let kind = item_kind(d.sections[s].kind, "");
            d.items.push(Item {
                section: s,
                position: 1,
                parent: None,
                kind,
                text,
                themes: Vec::new(),
            });
        }
        d.items.sort_by_key(|it| it.section);
    } else {
        d.reviews.push(format!(
            "{} entrée(s) de liste avant les sections de la partie {part} : à ranger à la main",
            bullets.len()
        ));
        if let Some(p) = d.parts.iter_mut().find(|p| Some(p.position) == part_pos) {
            p.introduction.extend(bullets.into_iter().map(|b| b.1));
        }
    }
}

/// A footnote's number printed glued to a word of the preamble or closing (« Internet1 ») is a
/// call: written `[^1]`, as the loader expects.
fn add_footnote_calls(d: &mut Draft) {
    let labels: Vec<String> = d.motion.footnotes.iter().map(|f| f.label.clone()).collect();
    for label in labels {
        for text in d
            .motion
            .preamble
            .iter_mut()
            .chain(d.motion.closing.iter_mut())
        {
            if let Some(at) = find_call(text, &label) {
                text.replace_range(at..at + label.len(), &format!("[^{label}]"));
                break;
            }
        }
    }
}

fn find_call(text: &str, label: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(rel) = text[from..].find(label) {
        let at = from + rel;
        let before = text[..at].chars().next_back();
        let after = text[at + label.len()..].chars().next();
        if before.is_some_and(char::is_alphabetic) && after.is_none_or(|c| !c.is_alphanumeric()) {
            return Some(at);
        }
        from = at + label.len();
    }
    None
}

fn add_layout(d: &mut Draft, text: &str, kind: &Kind) {
    if d.layout.iter().any(|(t, _)| t == text) {
        return;
    }
    let reason = match kind {
        Kind::Bullet => "Puces des listes.",
        Kind::Hash => "Étiquette de mise en page.",
        _ => "Numérotation d'un titre ou d'une liste.",
    };
    d.layout.push((text.to_string(), reason.to_string()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_of_lists_and_numbered_headings() {
        assert_eq!(
            Marker::parse("● Une égalité").0.map(|m| m.0),
            Some(Marker::Bullet)
        );
        assert_eq!(
            Marker::parse("3/ Pour").0.map(|m| m.0),
            Some(Marker::Numbered(3, '/'))
        );
        assert_eq!(
            Marker::parse("IV. Pour").0.map(|m| m.0),
            Some(Marker::Numbered(4, 'R'))
        );
        assert_eq!(
            Marker::parse("1 ASSOCIATION").0.map(|m| m.0),
            Some(Marker::Bare(1))
        );
        assert_eq!(Marker::parse("**Après**").0, None);
        assert_eq!(Marker::parse("2030 est").0, None);
    }

    #[test]
    fn a_footnote_call_is_written_as_a_reference() {
        assert_eq!(find_call("Villes Internet1, est", "1"), Some(15));
        assert_eq!(find_call("plus de 1000", "1"), None);
    }
}
