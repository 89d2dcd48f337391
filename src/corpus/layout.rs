//! The canonical layout of the corpus's TOML files, written by `draft` and restored by `fmt`.
//!
//! One rule for long text values: the loader folds line breaks and runs of spaces in text fields
//! (`Loader::text`, which `quoted` and `citation` build on), so a value longer than a line is
//! written as a `"""…"""` string wrapped at word boundaries at [`WIDTH`] characters, and a short
//! one as `"…"` on the key's line. A value whose line breaks the loader keeps (ids, file names,
//! line ranges, URLs…) is never touched. Comments, key order and everything else stay as written:
//! the hand-wrapping of a curator and the draft's wrapping then produce the same lines, and a
//! line diff between them counts review work, not layout.

use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::text::fold_whitespace;

/// The width of a line, delimiters of a `"""` string's last line aside: the curated files were
/// hand-wrapped at 97–103 characters; a greedy wrap at 99 or 100 reproduced about half of their
/// strings exactly, any other width fewer. 100 is the width the draft already used.
pub const WIDTH: usize = 100;

/// The indentation of an array's elements and of their continuation lines.
pub const INDENT: &str = "  ";

/// Values longer than this are wrapped (as the draft always did).
const LONG_VALUE: usize = 100;

/// The keys whose string values the loader folds (whitespace runs read as one space): the fields
/// read with `Loader::text`, `quoted`, `quoted_list`, `quoted_with_calls` and `citation`
/// (src/corpus/load). Left out although folded: `website`, `email`, `phone`, `original_name`,
/// which are names or addresses, never prose.
pub const FOLDED_KEYS: [&str; 28] = [
    "address",
    "as_printed",
    "author",
    "body",
    "closing",
    "definition",
    "description",
    "family_name",
    "given_name",
    "heading",
    "headline",
    "introduction",
    "items_heading",
    "items_intro",
    "label",
    "marker",
    "name",
    "notation",
    "organization_as_printed",
    "paragraphs",
    "preamble",
    "preamble_heading",
    "quote",
    "reason",
    "reasoning",
    "rubric",
    "subtitle",
    "text",
];

/// Folded keys whose value stays on one line however long: a title reads as one.
const NEVER_WRAPPED: [&str; 1] = ["title"];

/// A TOML basic string.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether `value` can be written raw between `"""` (no escape needed, no delimiter inside).
fn fits_multiline(value: &str) -> bool {
    !value.contains('\\') && !value.contains("\"\"\"") && !value.contains(char::is_control)
}

/// Whether the loader folds the values of `key`, so that their line breaks are layout.
pub fn is_folded(key: &str) -> bool {
    FOLDED_KEYS.contains(&key)
}

/// Punctuation that French typography spaces from its word but never puts at the start of a
/// line (`»`, `:`, `;`…), and the opening guillemet that never ends one.
const NO_LINE_START: [char; 6] = ['»', '›', ':', ';', '!', '?'];
const NO_LINE_END: [char; 2] = ['«', '‹'];

/// Greedy wrap at word boundaries (ASCII spaces only: no-break spaces belong to their word), never
/// between a guillemet or a spaced punctuation mark and its word: the first line has
/// `first_width` characters, the others [`WIDTH`] including `indent`.
fn wrap(value: &str, first_width: usize, indent: &str) -> String {
    let mut units: Vec<String> = Vec::new();
    for word in value.split(' ') {
        match units.last_mut() {
            Some(last) if word.starts_with(NO_LINE_START) || last.ends_with(NO_LINE_END) => {
                last.push(' ');
                last.push_str(word);
            }
            _ => units.push(word.to_string()),
        }
    }
    let mut out = String::new();
    let mut line = 0usize;
    let mut width = first_width;
    for unit in &units {
        let n = unit.chars().count();
        if line > 0 && line + 1 + n > width {
            out.push('\n');
            out.push_str(indent);
            line = indent.chars().count();
            width = WIDTH;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(unit);
        line += n;
    }
    out
}

/// The literal of `key`'s value after a prefix (`key = `) of `prefix` characters.
fn field_literal(key: &str, prefix: usize, value: &str) -> String {
    let wrapped = is_folded(key)
        && !NEVER_WRAPPED.contains(&key)
        && value.chars().count() > LONG_VALUE
        && fits_multiline(value);
    if !wrapped {
        return quote(value);
    }
    let value = fold_whitespace(value);
    format!(
        "\"\"\"{}\"\"\"",
        wrap(&value, WIDTH.saturating_sub(prefix + 3), "")
    )
}

/// The literal of an element of `key`'s multi-line array, after [`INDENT`].
fn element_literal(key: &str, value: &str) -> String {
    let wrapped =
        is_folded(key) && value.chars().count() + INDENT.len() + 2 > WIDTH && fits_multiline(value);
    if !wrapped {
        return quote(value);
    }
    let value = fold_whitespace(value);
    format!(
        "\"\"\"{}\"\"\"",
        wrap(&value, WIDTH - INDENT.len() - 3, INDENT)
    )
}

/// `key = "…"`, or a `"""…"""` string wrapped at word boundaries when the value is long.
pub fn string_field(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(
        out,
        "{key} = {}",
        field_literal(key, key.chars().count() + 3, value)
    );
}

/// `key = [ … ]`, one element a line (an element wrapped when long), or one short value on the
/// key's line, as the curated files write it. Nothing for no values.
pub fn array_field(out: &mut String, key: &str, values: &[String]) {
    if values.is_empty() {
        return;
    }
    if let [one] = values {
        let inline = format!("{key} = [{}]", quote(one));
        if one.chars().count() <= LONG_VALUE && inline.chars().count() <= WIDTH {
            out.push_str(&inline);
            out.push('\n');
            return;
        }
    }
    let _ = writeln!(out, "{key} = [");
    for v in values {
        let _ = writeln!(out, "{INDENT}{},", element_literal(key, v));
    }
    out.push_str("]\n");
}

/// Why a file cannot be laid out: at a 1-based line and column of the file as it was.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LayoutError {
    #[error("{line}:{column}: not a TOML file the loader reads: {message}")]
    Parse {
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{line}:{column}: {path}: the new layout would change this value (after the loader's folding); nothing written"
    )]
    ValueChanged {
        line: usize,
        column: usize,
        path: String,
    },
}

/// 1-based line and column (in characters) of byte `offset` of `text`.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

fn parse(text: &str) -> Result<Spanned<DeTable<'_>>, LayoutError> {
    DeTable::parse(text).map_err(|e| {
        let (line, column) = position(text, e.span().map_or(0, |s| s.start));
        LayoutError::Parse {
            line,
            column,
            message: e.message().to_string(),
        }
    })
}

/// A string value the layout may rewrite: its literal's bytes, its key, and whether it is an
/// element of an array.
struct Literal {
    span: Range<usize>,
    key: String,
    value: String,
    element: bool,
}

fn literals(key: &str, value: &Spanned<DeValue<'_>>, element: bool, out: &mut Vec<Literal>) {
    match value.get_ref() {
        DeValue::String(s) if is_folded(key) => out.push(Literal {
            span: value.span(),
            key: key.to_string(),
            value: s.to_string(),
            element,
        }),
        DeValue::Table(t) => {
            for (k, v) in t.iter() {
                literals(k.get_ref(), v, false, out);
            }
        }
        DeValue::Array(a) => {
            for v in a.iter() {
                literals(key, v, true, out);
            }
        }
        _ => {}
    }
}

/// `text` in the canonical layout. Only the string values of folded keys that sit alone on
/// their lines are rewritten: `key = "…"` (no indentation, nothing after) and an array's
/// `  "…",`; a value inside an inline table or array, or followed by a comment, stays as
/// written. Refuses, writing nothing, if any value would differ after the loader's folding.
pub fn format(text: &str) -> Result<String, LayoutError> {
    let table = parse(text)?;
    let mut found = Vec::new();
    for (k, v) in table.get_ref().iter() {
        literals(k.get_ref(), v, false, &mut found);
    }
    found.sort_by_key(|l| l.span.start);
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for l in &found {
        let line_start = text[..l.span.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[l.span.end..]
            .find('\n')
            .map_or(text.len(), |i| l.span.end + i);
        let before = &text[line_start..l.span.start];
        let after = text[l.span.end..line_end].trim_end();
        let new = if l.element {
            if before != INDENT || after != "," {
                continue;
            }
            element_literal(&l.key, &fold_whitespace(&l.value))
        } else {
            let alone = before.ends_with(" = ")
                && !before.starts_with(char::is_whitespace)
                && !before.contains(['"', '{', '[', '#'])
                && after.is_empty();
            if !alone {
                continue;
            }
            field_literal(&l.key, before.chars().count(), &fold_whitespace(&l.value))
        };
        let old = &text[l.span.clone()];
        // A short value written on one line stays as written (its escapes included).
        if !old.starts_with("\"\"\"") && !new.starts_with("\"\"\"") {
            continue;
        }
        out.push_str(&text[copied..l.span.start]);
        out.push_str(&new);
        copied = l.span.end;
    }
    out.push_str(&text[copied..]);
    same_values(text, &out)?;
    Ok(out)
}

/// Checks that `new` holds the values of `old`: the same tables, keys, arrays and scalars, the
/// strings of folded keys equal after the loader's folding and every other one byte for byte.
pub fn same_values(old: &str, new: &str) -> Result<(), LayoutError> {
    let a = parse(old)?;
    let b = parse(new)?;
    let mut path = Vec::new();
    match same(&as_value(&a), &as_value(&b), "", &mut path) {
        Ok(()) => Ok(()),
        Err(span) => {
            let (line, column) = position(old, span.start);
            Err(LayoutError::ValueChanged {
                line,
                column,
                path: path.join("."),
            })
        }
    }
}

fn as_value<'i>(t: &Spanned<DeTable<'i>>) -> Spanned<DeValue<'i>> {
    Spanned::new(t.span(), DeValue::Table(t.get_ref().clone()))
}

/// `Err(span of the old value)` at the first difference; `path` then names it.
fn same(
    a: &Spanned<DeValue<'_>>,
    b: &Spanned<DeValue<'_>>,
    key: &str,
    path: &mut Vec<String>,
) -> Result<(), Range<usize>> {
    let differs = Err(a.span());
    match (a.get_ref(), b.get_ref()) {
        (DeValue::String(x), DeValue::String(y)) => {
            let equal = if is_folded(key) {
                fold_whitespace(x) == fold_whitespace(y)
            } else {
                x == y
            };
            if equal { Ok(()) } else { differs }
        }
        (DeValue::Table(x), DeValue::Table(y)) => {
            if x.len() != y.len() {
                return differs;
            }
            for (k, v) in x.iter() {
                path.push(k.get_ref().to_string());
                let Some(w) = y.get::<str>(k.get_ref().as_ref()) else {
                    return Err(v.span());
                };
                same(v, w, k.get_ref(), path)?;
                path.pop();
            }
            Ok(())
        }
        (DeValue::Array(x), DeValue::Array(y)) => {
            if x.len() != y.len() {
                return differs;
            }
            for (i, (v, w)) in x.iter().zip(y.iter()).enumerate() {
                path.push(i.to_string());
                same(v, w, key, path)?;
                path.pop();
            }
            Ok(())
        }
        (DeValue::Integer(x), DeValue::Integer(y)) if x.as_str() == y.as_str() => Ok(()),
        (DeValue::Float(x), DeValue::Float(y)) if x.as_str() == y.as_str() => Ok(()),
        (DeValue::Boolean(x), DeValue::Boolean(y)) if x == y => Ok(()),
        (DeValue::Datetime(x), DeValue::Datetime(y)) if x == y => Ok(()),
        _ => differs,
    }
}

/// Why `fmt` could not lay out a file.
#[derive(Debug, thiserror::Error)]
pub enum FmtError {
    /// `path:line:column: …`
    #[error("{}:{source}", path.display())]
    Layout { path: PathBuf, source: LayoutError },
    #[error("{}: {message}", path.display())]
    Io { path: PathBuf, message: String },
}

/// Every `*.toml` under `seeds/corpus/`, sorted: what `fmt` lays out by default.
pub fn corpus_files(seeds: &Path) -> Result<Vec<PathBuf>, FmtError> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), FmtError> {
        let io = |e: std::io::Error| FmtError::Io {
            path: dir.to_path_buf(),
            message: e.to_string(),
        };
        for entry in std::fs::read_dir(dir).map_err(io)? {
            let path = entry.map_err(io)?.path();
            if path.is_dir() {
                walk(&path, out)?;
            } else if path.extension().is_some_and(|e| e == "toml") {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(&seeds.join("corpus"), &mut out)?;
    out.sort();
    Ok(out)
}

/// Lays out the file at `path`: `Ok(true)` if it was not canonical. With `write`, the new text
/// replaces the file atomically (a temporary file in the same directory, then a rename), so that
/// an interrupted run leaves the old file or the new one, never half of one.
pub fn format_file(path: &Path, write: bool) -> Result<bool, FmtError> {
    let io = |e: std::io::Error| FmtError::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let text = std::fs::read_to_string(path).map_err(io)?;
    let new = format(&text).map_err(|source| FmtError::Layout {
        path: path.to_path_buf(),
        source,
    })?;
    if new == text {
        return Ok(false);
    }
    if write {
        let name = path
            .file_name()
            .map_or_else(|| "fichier".into(), |n| n.to_string_lossy().into_owned());
        let temp = path.with_file_name(format!(".{name}.fmt-{}", std::process::id()));
        let written = std::fs::File::create(&temp).and_then(|mut f| {
            std::io::Write::write_all(&mut f, new.as_bytes())?;
            f.sync_all()
        });
        if let Err(e) = written.and_then(|()| std::fs::rename(&temp, path)) {
            let _ = std::fs::remove_file(&temp);
            return Err(io(e));
        }
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LONG: &str = "Loin de s'être réduites, les fractures numériques perdurent et se renouvellent. Elles sont multiples : territoriale, générationnelle, sociale, cognitive ou socio-économique.";

    fn field(key: &str, value: &str) -> String {
        let mut out = String::new();
        string_field(&mut out, key, value);
        out
    }

    #[test]
    fn a_long_text_is_wrapped_at_the_width_and_a_short_one_stays_on_its_line() {
        let written = field("text", LONG);
        assert!(written.starts_with("text = \"\"\"Loin"), "{written}");
        assert!(written.lines().count() > 1);
        for line in written.lines() {
            assert!(
                line.trim_end_matches("\"\"\"").chars().count() <= WIDTH,
                "{line}"
            );
        }
        assert_eq!(field("text", "Court."), "text = \"Court.\"\n");
        // Never wrapped: a title, and a value whose line breaks the loader keeps.
        assert_eq!(field("title", LONG), format!("title = {}\n", quote(LONG)));
        assert_eq!(field("lines", LONG), format!("lines = {}\n", quote(LONG)));
    }

    #[test]
    fn hand_wrapping_is_replaced_by_the_canonical_one_and_the_rest_is_kept() {
        let hand = "# un commentaire\n[motion]\nsource = \"x\"\npreamble = [\n  \"\"\"Loin de s'être réduites, les fractures\n  numériques perdurent et se renouvellent. Elles sont multiples : territoriale,\n  générationnelle, sociale, cognitive ou socio-économique.\"\"\",\n  \"court\",\n]\n\n[[items]]\ntext = \"\"\"Un texte\ncourt.\"\"\"\n";
        let canonical = format(hand).expect("formats");
        assert_eq!(
            canonical,
            format!(
                "# un commentaire\n[motion]\nsource = \"x\"\npreamble = [\n  \"\"\"{}\"\"\",\n  \"court\",\n]\n\n[[items]]\ntext = \"Un texte court.\"\n",
                wrap(LONG, WIDTH - 5, INDENT)
            )
        );
        let mut drafted = String::from("# un commentaire\n[motion]\nsource = \"x\"\n");
        array_field(
            &mut drafted,
            "preamble",
            &[LONG.to_string(), "court".to_string()],
        );
        drafted.push_str("\n[[items]]\n");
        string_field(&mut drafted, "text", "Un texte court.");
        assert_eq!(canonical, drafted, "fmt writes what the draft writes");
    }

    #[test]
    fn a_guillemet_or_a_spaced_punctuation_mark_stays_with_its_word() {
        let value = "mot ".repeat(20) + "« cité » : oui ; non ?";
        for width in 70..100 {
            let wrapped = wrap(&value, width, "");
            for line in wrapped.lines() {
                assert!(!line.starts_with(NO_LINE_START), "{width}: {line}");
                assert!(!line.ends_with(NO_LINE_END), "{width}: {line}");
            }
            assert_eq!(fold_whitespace(&wrapped), value.trim_end());
        }
    }

    #[test]
    fn formatting_twice_changes_nothing() {
        let once = format(&format!(
            "[a]\nreason = {}\ndefinition = \"\"\"{}\"\"\"\nkept = [\"{LONG}\"] # inline\n",
            quote(LONG),
            LONG.replace(", ", ",\n   ")
        ))
        .expect("formats");
        assert!(once.contains("reason = \"\"\"Loin"), "{once}");
        assert!(
            once.contains(&format!("kept = [\"{LONG}\"] # inline")),
            "{once}"
        );
        assert_eq!(format(&once).expect("formats"), once);
    }

    #[test]
    fn values_whose_line_breaks_count_are_left_as_written() {
        let text = format!(
            "[a]\nurl = \"\"\"https://a.example/\nb\"\"\"\nlines = {}\n",
            quote(LONG)
        );
        assert_eq!(format(&text).expect("formats"), text);
    }

    #[test]
    fn a_changed_value_is_refused_with_its_position() {
        let old = "[a]\ntext = \"\"\"un\n  deux\"\"\"\nlines = \"\"\"1\n2\"\"\"\n";
        assert_eq!(
            same_values(old, "[a]\ntext = \"un deux\"\nlines = \"\"\"1\n2\"\"\"\n"),
            Ok(())
        );
        assert_eq!(
            same_values(old, "[a]\ntext = \"un trois\"\nlines = \"\"\"1\n2\"\"\"\n"),
            Err(LayoutError::ValueChanged {
                line: 2,
                column: 8,
                path: "a.text".into()
            })
        );
        // Line breaks are part of a value the loader does not fold.
        assert_eq!(
            same_values(old, "[a]\ntext = \"un deux\"\nlines = \"1 2\"\n"),
            Err(LayoutError::ValueChanged {
                line: 4,
                column: 9,
                path: "a.lines".into()
            })
        );
        assert!(matches!(
            format("[a]\nok = 1\ntext = = \"x\"\n"),
            Err(LayoutError::Parse { line: 3, .. })
        ));
    }
}
