//! The leave-one-out evaluation: each edition with a motion text is drafted from its source with
//! that edition removed from the corpus used for suggestions, then compared with the curated file
//! (the answer key), on the original source and on variants with other layout noise.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::{Draft, Reference, draft, write};
use crate::corpus::raw;
use crate::text::fold_for_matching;

/// Layout noise added to a source to test that the heuristics are general.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    Original,
    OtherBullets,
    OtherNumbering,
    MovedLineBreaks,
    PageHeadersFooters,
    WindowsLineEndings,
}

impl Variant {
    pub const ALL: [Variant; 6] = [
        Variant::Original,
        Variant::OtherBullets,
        Variant::OtherNumbering,
        Variant::MovedLineBreaks,
        Variant::PageHeadersFooters,
        Variant::WindowsLineEndings,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Variant::Original => "source",
            Variant::OtherBullets => "autres puces",
            Variant::OtherNumbering => "autre numérotation",
            Variant::MovedLineBreaks => "retours à la ligne déplacés",
            Variant::PageHeadersFooters => "en-têtes et pieds de page",
            Variant::WindowsLineEndings => "fins de ligne Windows",
        }
    }
}

fn starts_like_marker(w: &str) -> bool {
    w.chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || "●•-*–▪◦#".contains(c))
}

/// The source with the variant's layout noise.
pub fn variant(source: &str, v: Variant) -> String {
    match v {
        Variant::Original => source.to_string(),
        Variant::WindowsLineEndings => source.replace('\n', "\r\n"),
        Variant::OtherBullets => source
            .split('\n')
            .enumerate()
            .map(|(i, l)| {
                let indent: String = l.chars().take_while(|c| *c == ' ').collect();
                let rest = &l[indent.len()..];
                for b in ["- ", "● ", "• "] {
                    if let Some(r) = rest.strip_prefix(b) {
                        let new = if i % 2 == 0 { "• " } else { "* " };
                        return format!("{indent}{new}{r}");
                    }
                }
                l.to_string()
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Variant::OtherNumbering => source
            .split('\n')
            .map(|l| {
                let t = l.trim_start();
                let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
                match t[digits.len()..].strip_prefix("/ ") {
                    Some(rest) if !digits.is_empty() => format!("{digits}) {rest}"),
                    _ => l.to_string(),
                }
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Variant::MovedLineBreaks => source
            .split('\n')
            .map(|l| {
                if l.chars().count() <= 70 {
                    return l.to_string();
                }
                let mut out = String::new();
                let mut width = 0;
                for (k, w) in l.split(' ').enumerate() {
                    if k > 0 && width > 55 && !starts_like_marker(w) && !w.is_empty() {
                        out.push('\n');
                        width = 0;
                    } else if k > 0 {
                        out.push(' ');
                    }
                    out.push_str(w);
                    width += w.chars().count() + 1;
                }
                out
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Variant::PageHeadersFooters => {
            let lines: Vec<&str> = source.split('\n').collect();
            let mut out: Vec<String> = Vec::new();
            let mut since = 0;
            let mut page = 1;
            for (i, l) in lines.iter().enumerate() {
                out.push((*l).to_string());
                since += 1;
                let prev_ends = i > 0 && lines[i - 1].trim_end().ends_with('.');
                if since >= 25 && l.trim().is_empty() && prev_ends && i + 1 < lines.len() {
                    out.push(format!("Page {page}"));
                    out.push("Villes Internet | www.villes-internet.net".to_string());
                    out.push(String::new());
                    page += 1;
                    since = 0;
                }
            }
            out.join("\n")
        }
    }
}

/// The scores of one draft against its curated file: `(found, expected)` per target.
#[derive(Debug, Clone, Default)]
pub struct Score {
    pub year: u16,
    pub variant: &'static str,
    pub items: (usize, usize),
    pub sections: (usize, usize),
    pub counts: (usize, usize),
    pub roles: (usize, usize),
    /// Territory codes right or flagged for review.
    pub territories: (usize, usize),
    pub wrong_unflagged: usize,
    pub themes: (usize, usize),
    /// Lines (neither blank nor comment) of the curated file not in the draft, in LCS order.
    pub lines_changed: (usize, usize),
    /// The same on the files' values, one per line (strings with whitespace folded): the edits a
    /// person makes, without the re-wrapping that the loader ignores anyway.
    pub fields_changed: (usize, usize),
    /// The curated lines not in the draft, by why they differ (see [`Category`]).
    pub breakdown: [usize; Category::ALL.len()],
    /// The curated lines not in the draft, each after its category's label and a tab.
    pub missing_lines: String,
    /// Draft lines (neither blank nor comment) not in the curated file: edited or deleted.
    pub draft_lines_edited: (usize, usize),
    /// Review comments (`# À VÉRIFIER`) a person deletes once the guess is settled.
    pub review_comments: usize,
    /// Problems `check` reports on the draft as written (before review), when measured.
    pub check_problems: Option<usize>,
    pub draft_micros: u128,
}

pub fn percent(p: (usize, usize)) -> f64 {
    if p.1 == 0 {
        100.0
    } else {
        100.0 * p.0 as f64 / p.1 as f64
    }
}

/// A problem running the evaluation.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error(transparent)]
    Reference(#[from] super::reference::ReferenceError),
    #[error("{0}: {1}")]
    Read(PathBuf, String),
    #[error("the draft of {0} is not an edition file the loader reads: {1}")]
    Format(u16, String),
}

/// `(year, source id, source path)` of each edition whose motion text is in a source.
pub fn editions_with_motion(seeds: &Path) -> Result<Vec<(u16, String, PathBuf)>, EvalError> {
    let path = seeds.join("corpus/sources.toml");
    let text =
        std::fs::read_to_string(&path).map_err(|e| EvalError::Read(path.clone(), e.to_string()))?;
    let sources: raw::SourcesFile =
        toml::from_str(&text).map_err(|e| EvalError::Read(path.clone(), e.to_string()))?;
    let mut out = Vec::new();
    for s in &sources.sources {
        let s = s.get_ref();
        let Some(file) = &s.file else { continue };
        let year = *s.congress.get_ref();
        let edition = seeds.join(format!("corpus/editions/{year}.toml"));
        let Ok(e) = std::fs::read_to_string(&edition) else {
            continue;
        };
        let Ok(e) = toml::from_str::<raw::EditionFile>(&e) else {
            continue;
        };
        if e.motion
            .as_ref()
            .is_some_and(|m| m.get_ref().source.get_ref() == s.id.get_ref())
        {
            out.push((
                year,
                s.id.get_ref().clone(),
                seeds.join("sources").join(file.get_ref()),
            ));
        }
    }
    Ok(out)
}

fn fold(s: &str) -> String {
    fold_for_matching(&s.replace('*', ""))
}

/// Items as `(section title, parent text, text)`.
fn item_keys(e: &raw::EditionFile) -> Vec<(String, Option<String>, String)> {
    let title_of = |key: &str| {
        e.sections
            .iter()
            .map(|s| s.get_ref())
            .find(|s| format!("{}-{}", s.kind.get_ref(), s.position.get_ref()) == key)
            .map(|s| fold(s.title.get_ref()))
            .unwrap_or_default()
    };
    e.items
        .iter()
        .map(|it| it.get_ref())
        .map(|it| {
            let parent = it.parent.as_ref().and_then(|p| {
                e.items
                    .iter()
                    .map(|x| x.get_ref())
                    .find(|x| {
                        x.section.get_ref() == it.section.get_ref()
                            && x.parent.is_none()
                            && x.position.get_ref() == p.get_ref()
                    })
                    .map(|x| fold(x.text.get_ref()))
            });
            (
                title_of(it.section.get_ref()),
                parent,
                fold(it.text.get_ref()),
            )
        })
        .collect()
}

fn count_key(c: &Option<raw::S<raw::RawCount>>) -> Option<(u32, String, String)> {
    c.as_ref().map(|c| {
        let c = c.get_ref();
        (
            *c.count.get_ref(),
            c.qualifier.get_ref().clone(),
            fold(c.as_printed.get_ref()),
        )
    })
}

/// Lines that matter for the review: neither blank nor comments.
fn content_lines(t: &str) -> Vec<&str> {
    t.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .collect()
}

/// One line per value: `path = value`, strings with whitespace folded, tables of arrays without
/// their index (an inserted section does not shift every later line).
fn canonical_lines(text: &str) -> Vec<String> {
    fn walk(path: &str, v: &toml::Value, out: &mut Vec<String>) {
        match v {
            toml::Value::Table(t) => {
                for (k, v) in t {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    walk(&p, v, out);
                }
            }
            toml::Value::Array(a) if a.iter().all(toml::Value::is_table) && !a.is_empty() => {
                for v in a {
                    out.push(format!("[[{path}]]"));
                    walk(path, v, out);
                }
            }
            toml::Value::Array(a) => {
                for v in a {
                    walk(&format!("{path}[]"), v, out);
                }
            }
            toml::Value::String(s) => out.push(format!("{path} = {}", fold(s))),
            other => out.push(format!("{path} = {other}")),
        }
    }
    let mut out = Vec::new();
    if let Ok(table) = toml::from_str::<toml::Table>(text) {
        walk("", &toml::Value::Table(table), &mut out);
    }
    out
}

fn lcs(a: &[&str], b: &[&str]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Which lines of `a` and of `b` a longest common subsequence keeps.
fn lcs_kept(a: &[&str], b: &[&str]) -> (Vec<bool>, Vec<bool>) {
    let (n, m) = (a.len(), b.len());
    // suffix[i][j]: LCS of a[i..] and b[j..].
    let mut suffix = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            suffix[i][j] = if a[i] == b[j] {
                suffix[i + 1][j + 1] + 1
            } else {
                suffix[i + 1][j].max(suffix[i][j + 1])
            };
        }
    }
    let (mut ka, mut kb) = (vec![false; n], vec![false; m]);
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if a[i] == b[j] {
            ka[i] = true;
            kb[j] = true;
            i += 1;
            j += 1;
        } else if suffix[i + 1][j] >= suffix[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    (ka, kb)
}

/// Why a line of the curated file is not in the draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// The same line is in the draft, elsewhere (order of tables or keys).
    Order,
    /// The words are in a draft value: only line breaks, quoting or array layout differ.
    Formatting,
    /// A slug or id (`person`, `organization`, `place`, `section`, `parent`, `represents`).
    Ids,
    /// A fact another source gives, or a fact deduced with its `reasoning`.
    OtherSources,
    /// Themes the curators chose beyond the draft's.
    Themes,
    /// A field the source gives that the draft misses or gets wrong.
    SourceFields,
}

impl Category {
    pub const ALL: [Category; 6] = [
        Category::Order,
        Category::Formatting,
        Category::Ids,
        Category::OtherSources,
        Category::Themes,
        Category::SourceFields,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Category::Order => "ordre des tables et clés",
            Category::Formatting => "retours à la ligne, guillemets",
            Category::Ids => "identifiants et slugs",
            Category::OtherSources => "faits d'autres sources ou déduits (reasoning)",
            Category::Themes => "thèmes ajoutés par les curateurs",
            Category::SourceFields => "champs de la source manquants ou faux",
        }
    }
}

/// The words of a line of a TOML string value, without key, quotes and array punctuation.
fn line_words(line: &str) -> String {
    let mut t = line.trim();
    if let Some((k, v)) = t.split_once(" = ")
        && !k.contains(' ')
    {
        t = v;
    }
    let t = t
        .trim_start_matches('[')
        .trim_end_matches(',')
        .trim_end_matches(']')
        .trim_end_matches(',');
    fold(t.trim_matches('"'))
}

fn string_values(v: &toml::Value, out: &mut Vec<String>) {
    match v {
        toml::Value::String(s) => out.push(fold(s)),
        toml::Value::Array(a) => a.iter().for_each(|v| string_values(v, out)),
        toml::Value::Table(t) => t.values().for_each(|v| string_values(v, out)),
        _ => {}
    }
}

/// The congress facts (`ordinal`, `start_date`, …) the curated file cites from another source
/// than the edition's, or infers.
fn facts_from_elsewhere(curated: &toml::Table, source_id: &str) -> Vec<String> {
    let mut out = Vec::new();
    let provenance = curated
        .get("congress")
        .and_then(|c| c.get("provenance"))
        .and_then(toml::Value::as_table);
    for (field, p) in provenance.into_iter().flatten() {
        let other = p.get("source").and_then(toml::Value::as_str) != Some(source_id);
        let inferred = p.get("kind").and_then(toml::Value::as_str) == Some("inferred");
        if other || inferred {
            out.push(field.clone());
        }
    }
    out
}

/// Sorts the curated lines the draft lacks into [`Category`], counted in that enum's order.
fn breakdown(
    written: &str,
    curated_text: &str,
    source_id: &str,
) -> ([usize; Category::ALL.len()], (usize, usize), String) {
    let mut listing = String::new();
    let (a, b) = (content_lines(written), content_lines(curated_text));
    let (ka, kb) = lcs_kept(&a, &b);
    let draft_set: HashSet<&str> = a.iter().map(|l| l.trim()).collect();
    let mut values = Vec::new();
    if let Ok(t) = toml::from_str::<toml::Value>(written) {
        string_values(&t, &mut values);
    }
    let curated: toml::Table = toml::from_str(curated_text).unwrap_or_default();
    let elsewhere = facts_from_elsewhere(&curated, source_id);
    // Provenance tables that cite another source or infer: every line of theirs is such a fact.
    let mut block = 0usize;
    let mut blocks_elsewhere = HashSet::new();
    let mut block_of = Vec::with_capacity(b.len());
    let mut headers = vec![String::new()];
    for line in &b {
        let t = line.trim();
        if t.starts_with("[[") || (t.starts_with('[') && t.ends_with(']') && !t.contains(" = ")) {
            block += 1;
            headers.push(t.trim_matches(|c| c == '[' || c == ']').to_string());
        }
        let other_source = t.starts_with("source = ") && t != format!("source = \"{source_id}\"");
        if t.contains("kind = \"inferred\"") || other_source {
            blocks_elsewhere.insert(block);
        }
        block_of.push(block);
    }
    let mut counts = [0usize; Category::ALL.len()];
    let (mut table, mut key) = (String::new(), String::new());
    let mut in_string = false;
    for ((line, kept), block) in b.iter().zip(&kb).zip(&block_of) {
        let t = line.trim();
        if !in_string {
            if t.starts_with('[') && !t.contains(" = ") && !t.starts_with("[\"") {
                table = t.trim_matches(|c| c == '[' || c == ']').to_string();
                key.clear();
            } else if let Some((k, _)) = t.split_once(" = ")
                && !line.starts_with(' ')
            {
                key = k.to_string();
            }
        }
        let opens = t.matches("\"\"\"").count() % 2 == 1;
        let continuation = in_string;
        if opens {
            in_string = !in_string;
        }
        if *kept {
            continue;
        }
        let provenance_of = |field: &str| {
            table == format!("congress.provenance.{field}") || (table == "congress" && key == field)
        };
        let category = if elsewhere.iter().any(|f| provenance_of(f))
            || (table.ends_with("provenance") && blocks_elsewhere.contains(block))
            // An organisation whose provenance (inline, or the next table) cites another source.
            || (key == "organization"
                && (blocks_elsewhere.contains(block)
                    || (headers.get(block + 1).is_some_and(|h| h.ends_with(".provenance"))
                        && blocks_elsewhere.contains(&(block + 1)))))
            || key == "reasoning"
            || (line.contains("kind = \"inferred\"") && !continuation)
        {
            Category::OtherSources
        } else if key == "themes" {
            Category::Themes
        } else if draft_set.contains(t) {
            Category::Order
        } else if matches!(
            key.as_str(),
            "person" | "organization" | "place" | "section" | "parent" | "represents"
        ) && !continuation
        {
            Category::Ids
        } else {
            let words = line_words(t);
            // A whole value must equal a draft value; a line of a wrapped value be part of one.
            let whole = !continuation && !opens;
            let found = if whole {
                values.contains(&words)
            } else {
                values.iter().any(|v| v.contains(&words))
            };
            if (!words.is_empty() && found) || t == "]" || t == "\"\"\"," {
                Category::Formatting
            } else {
                Category::SourceFields
            }
        };
        counts[Category::ALL
            .iter()
            .position(|c| *c == category)
            .unwrap_or(0)] += 1;
        listing.push_str(&format!("{}\t{t}\n", category.label()));
    }
    let edited = ka.iter().filter(|k| !**k).count();
    (counts, (edited, a.len()), listing)
}

/// The breakdown of each score, as printed by `draft --evaluate` and copied into BENCHMARKS.md.
pub fn breakdown_table(scores: &[Score]) -> String {
    let mut o = String::from("| édition | lignes du fichier curé absentes du brouillon |");
    for c in Category::ALL {
        o.push_str(&format!(" {} |", c.label()));
    }
    o.push_str(" lignes du brouillon modifiées ou effacées | commentaires « À VÉRIFIER » à effacer |\n|---|---|");
    for _ in Category::ALL {
        o.push_str("---|");
    }
    o.push_str("---|---|\n");
    for s in scores
        .iter()
        .filter(|s| s.variant == Variant::Original.label())
    {
        o.push_str(&format!(
            "| {} | {}/{} ({:.0} %) |",
            s.year,
            s.lines_changed.0,
            s.lines_changed.1,
            percent(s.lines_changed)
        ));
        for n in s.breakdown {
            o.push_str(&format!(" {n} |"));
        }
        o.push_str(&format!(
            " {}/{} ({:.0} %) | {} |\n",
            s.draft_lines_edited.0,
            s.draft_lines_edited.1,
            percent(s.draft_lines_edited),
            s.review_comments
        ));
    }
    o
}

/// Compares a draft with the curated file of its edition.
pub fn score(
    d: &Draft,
    written: &str,
    curated_text: &str,
    reference: &Reference,
) -> Result<Score, EvalError> {
    let drafted: raw::EditionFile =
        toml::from_str(written).map_err(|e| EvalError::Format(d.year, e.to_string()))?;
    let curated: raw::EditionFile =
        toml::from_str(curated_text).map_err(|e| EvalError::Format(d.year, e.to_string()))?;
    let mut s = Score {
        year: d.year,
        ..Score::default()
    };
    // Items and sub-items: exact text, right section and parent.
    let got: HashSet<_> = item_keys(&drafted).into_iter().collect();
    let want = item_keys(&curated);
    s.items = (want.iter().filter(|k| got.contains(k)).count(), want.len());
    // Section titles and kinds.
    let got: HashSet<(String, String)> = drafted
        .sections
        .iter()
        .map(|x| {
            (
                fold(x.get_ref().title.get_ref()),
                x.get_ref().kind.get_ref().clone(),
            )
        })
        .collect();
    s.sections = (
        curated
            .sections
            .iter()
            .filter(|x| {
                got.contains(&(
                    fold(x.get_ref().title.get_ref()),
                    x.get_ref().kind.get_ref().clone(),
                ))
            })
            .count(),
        curated.sections.len(),
    );
    // Counts with their qualifier, and a printed ordinal.
    let (cc, dc) = (curated.congress.get_ref(), drafted.congress.get_ref());
    for (want, got) in [
        (count_key(&cc.contributions), count_key(&dc.contributions)),
        (count_key(&cc.contributors), count_key(&dc.contributors)),
    ] {
        if want.is_some() {
            s.counts.1 += 1;
            s.counts.0 += usize::from(want == got);
        }
    }
    let printed_ordinal = cc
        .provenance
        .as_ref()
        .and_then(|p| p.get_ref().ordinal.as_ref())
        .is_some_and(|p| {
            p.get_ref().kind.get_ref() == "printed" && p.get_ref().source.get_ref() == &d.source_id
        });
    if printed_ordinal {
        s.counts.1 += 1;
        s.counts.0 += usize::from(cc.ordinal.get_ref() == dc.ordinal.get_ref());
    }
    // People and roles: the person and the printed role.
    let got: HashSet<(String, String)> = drafted
        .roles
        .iter()
        .map(|r| {
            (
                r.get_ref().person.get_ref().clone(),
                fold(r.get_ref().as_printed.get_ref()),
            )
        })
        .collect();
    s.roles = (
        curated
            .roles
            .iter()
            .filter(|r| {
                got.contains(&(
                    r.get_ref().person.get_ref().clone(),
                    fold(r.get_ref().as_printed.get_ref()),
                ))
            })
            .count(),
        curated.roles.len(),
    );
    // Territory codes: right, or flagged for review; never wrong without a flag.
    for r in &curated.roles {
        let r = r.get_ref();
        for p in &r.positions {
            let p = p.get_ref();
            let Some(org) = &p.organization else { continue };
            let is_territory = reference
                .organizations
                .iter()
                .any(|o| &o.id == org.get_ref() && o.code.is_some());
            if !is_territory {
                continue;
            }
            s.territories.1 += 1;
            let drafted = d
                .roles
                .iter()
                .filter(|x| &x.person == r.person.get_ref())
                .flat_map(|x| x.positions.iter())
                .find(|x| fold(&x.as_printed) == fold(p.as_printed.get_ref()));
            match drafted {
                Some(x) if x.organization.as_deref() == Some(org.get_ref().as_str()) => {
                    s.territories.0 += 1
                }
                Some(x)
                    if x.territory.as_ref().is_some_and(|t| t.needs_review())
                        || x.organization.is_none() =>
                {
                    s.territories.0 += 1
                }
                Some(_) => s.wrong_unflagged += 1,
                None => {}
            }
        }
    }
    // Themes: the curated themes of each item among its top three suggestions.
    for it in &curated.items {
        let it = it.get_ref();
        let text = fold(it.text.get_ref());
        let suggestions = d
            .items
            .iter()
            .find(|x| fold(&x.text) == text)
            .map(|x| &x.themes);
        for t in it.themes.get_ref() {
            s.themes.1 += 1;
            if suggestions.is_some_and(|sug| sug.iter().any(|x| &x.theme == t.get_ref())) {
                s.themes.0 += 1;
            }
        }
    }
    let (a, b) = (content_lines(written), content_lines(curated_text));
    s.lines_changed = (b.len() - lcs(&a, &b), b.len());
    let (a, b) = (canonical_lines(written), canonical_lines(curated_text));
    let (ra, rb): (Vec<&str>, Vec<&str>) = (
        a.iter().map(String::as_str).collect(),
        b.iter().map(String::as_str).collect(),
    );
    s.fields_changed = (rb.len() - lcs(&ra, &rb), rb.len());
    (s.breakdown, s.draft_lines_edited, s.missing_lines) =
        breakdown(written, curated_text, &d.source_id);
    s.review_comments = written.matches(write::REVIEW).count();
    Ok(s)
}

/// Drafts edition `year` from its source (with the variant's noise) with the edition left out of
/// the reference, and scores it.
pub fn evaluate(
    seeds: &Path,
    year: u16,
    source_id: &str,
    source: &Path,
    v: Variant,
) -> Result<(Score, Draft, String), EvalError> {
    let reference = Reference::load(seeds, Some(year))?;
    let text = std::fs::read_to_string(source)
        .map_err(|e| EvalError::Read(source.to_path_buf(), e.to_string()))?;
    let text = variant(&text, v);
    let start = Instant::now();
    let d = draft(&text, year, source_id, &reference);
    let written = write::edition(&d);
    let micros = start.elapsed().as_micros();
    let curated_path = seeds.join(format!("corpus/editions/{year}.toml"));
    let curated = std::fs::read_to_string(&curated_path)
        .map_err(|e| EvalError::Read(curated_path, e.to_string()))?;
    let mut s = score(&d, &written, &curated, &reference)?;
    if v == Variant::Original {
        s.check_problems = Some(check_problems(seeds, &d, &written)?.len());
    }
    s.variant = v.label();
    s.draft_micros = micros;
    Ok((s, d, written))
}

/// The score table, as printed by `draft --evaluate` and copied into BENCHMARKS.md.
pub fn table(scores: &[Score]) -> String {
    let mut o = String::from(
        "| édition | variante | items exacts (≥ 95 %) | sections (≥ 95 %) | chiffres (100 %) | rôles (≥ 90 %) | territoires justes ou signalés (100 %) | faux non signalés (0) | thèmes dans le top 3 (≥ 70 %) | lignes à changer (< 10 %) | valeurs à changer | problèmes `check` | temps |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n",
    );
    let cell = |p: (usize, usize)| format!("{}/{} ({:.0} %)", p.0, p.1, percent(p));
    for s in scores {
        o.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {:.1} ms |\n",
            s.year,
            s.variant,
            cell(s.items),
            cell(s.sections),
            cell(s.counts),
            cell(s.roles),
            cell(s.territories),
            s.wrong_unflagged,
            cell(s.themes),
            cell(s.lines_changed),
            cell(s.fields_changed),
            s.check_problems
                .map(|n| n.to_string())
                .unwrap_or_else(|| "–".into()),
            s.draft_micros as f64 / 1000.0,
        ));
    }
    o
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// The curated record of `source_id` with its omitted lines and layout fragments replaced by the
/// draft's (its identity, checksums and redactions are the curators').
fn with_drafted_declarations(sources: &str, source_id: &str, d: &Draft) -> String {
    let mut chunks: Vec<String> = Vec::new();
    for line in sources.lines() {
        if line.starts_with("[[") || chunks.is_empty() {
            chunks.push(String::new());
        }
        if let Some(c) = chunks.last_mut() {
            c.push_str(line);
            c.push('\n');
        }
    }
    let mut out = String::new();
    let mut in_target = false;
    for c in chunks {
        if c.starts_with("[[sources]]") {
            if in_target {
                out.push_str(&write::declarations(d));
            }
            in_target = c.contains(&format!("id = \"{source_id}\""));
        }
        let declaration =
            c.starts_with("[[sources.omitted]]") || c.starts_with("[[sources.layout]]");
        if !(in_target && declaration) {
            out.push_str(&c);
        }
    }
    if in_target {
        out.push_str(&write::declarations(d));
    }
    out
}

/// Runs `check` (the loader) on a copy of `seeds` where the edition is the draft: the number of
/// problems a person has to resolve.
pub fn check_problems(seeds: &Path, d: &Draft, written: &str) -> Result<Vec<String>, EvalError> {
    let unique = format!(
        "congres-numerique-draft-{}-{}-{}",
        std::process::id(),
        d.year,
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|t| t.as_nanos())
            .unwrap_or(0)
    );
    let dir = std::env::temp_dir().join(unique);
    let io = |e: std::io::Error| EvalError::Read(dir.clone(), e.to_string());
    copy_dir(seeds, &dir).map_err(io)?;
    std::fs::write(
        dir.join(format!("corpus/editions/{}.toml", d.year)),
        written,
    )
    .map_err(io)?;
    let sources_path = dir.join("corpus/sources.toml");
    let sources = std::fs::read_to_string(&sources_path).map_err(io)?;
    std::fs::write(
        &sources_path,
        with_drafted_declarations(&sources, &d.source_id, d),
    )
    .map_err(io)?;
    let result = match crate::corpus::Corpus::load(&dir) {
        Ok(_) => Vec::new(),
        Err(e) => e.diagnostics.iter().map(|x| x.to_string()).collect(),
    };
    let _ = std::fs::remove_dir_all(&dir);
    Ok(result)
}
