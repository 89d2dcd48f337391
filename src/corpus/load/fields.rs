//! Field helpers of the loader: each checks one value, returns it converted, and records a
//! diagnostic at the value's position when it is wrong.

use std::collections::BTreeSet;

use jiff::civil::Date;

use super::{Loader, Refs};
use crate::corpus::fidelity::TextUnit;
use crate::corpus::model::{FootnoteCall, SourceId, ThemeId};
use crate::corpus::raw::S;
use crate::diagnostics::SourceFile;
use crate::text::{fold_whitespace, matching_form};

impl Loader {
    // Field helpers: each returns the checked value or records a diagnostic.

    /// A text field: whitespace folded, never empty.
    pub(super) fn text(&mut self, file: &SourceFile, field: &str, value: &S<String>) -> String {
        let folded = fold_whitespace(value.get_ref());
        if folded.is_empty() {
            self.diags.at(
                file,
                value.span().start,
                format!("{field}: must not be empty"),
            );
        }
        folded
    }

    /// A text that must be found verbatim in `source`.
    pub(super) fn quoted(
        &mut self,
        file: &SourceFile,
        field: &str,
        value: &S<String>,
        source: &SourceId,
    ) -> String {
        let text = self.text(file, field, value);
        self.units.push(TextUnit {
            source: source.clone(),
            // Compared with every space folded; stored with the source's no-break spaces.
            text: matching_form(&text),
            file: file.path.clone(),
            location: file.position(value.span().start),
            field: field.to_string(),
        });
        text
    }

    /// Paragraphs that must be found verbatim in `source` and may hold footnote calls written
    /// `[^1]`: the call is taken out of the text and returned as a [`FootnoteCall`]; the text is
    /// matched with the label in its place, as printed ("Villes Internet1").
    pub(super) fn quoted_with_calls(
        &mut self,
        file: &SourceFile,
        field: &'static str,
        values: &[S<String>],
        source: &SourceId,
        calls: &mut Vec<FootnoteCall>,
    ) -> Vec<String> {
        let mut paragraphs = Vec::with_capacity(values.len());
        for (i, value) in values.iter().enumerate() {
            let name = format!("motion.{field}[{i}]");
            let text = self.text(file, &name, value);
            let (clean, printed, found) = split_footnote_calls(&text);
            for (label, offset) in found {
                calls.push(FootnoteCall {
                    label,
                    field,
                    paragraph: u16::try_from(i + 1).unwrap_or(u16::MAX),
                    offset,
                });
            }
            self.units.push(TextUnit {
                source: source.clone(),
                text: matching_form(&printed),
                file: file.path.clone(),
                location: file.position(value.span().start),
                field: name,
            });
            paragraphs.push(clean);
        }
        paragraphs
    }

    /// A quote of a fact's provenance: found verbatim in `source`, without counting as the
    /// corpus's text of it (see `Loader::citations`).
    pub(super) fn citation(
        &mut self,
        file: &SourceFile,
        field: &str,
        value: &S<String>,
        source: &SourceId,
    ) -> String {
        let text = self.text(file, field, value);
        self.citations.push(TextUnit {
            source: source.clone(),
            text: matching_form(&text),
            file: file.path.clone(),
            location: file.position(value.span().start),
            field: field.to_string(),
        });
        text
    }

    pub(super) fn quoted_list(
        &mut self,
        file: &SourceFile,
        field: &str,
        values: &[S<String>],
        source: &SourceId,
    ) -> Vec<String> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| self.quoted(file, &format!("{field}[{i}]"), v, source))
            .collect()
    }

    pub(super) fn slug(&mut self, file: &SourceFile, field: &str, value: &S<String>) -> String {
        let id = value.get_ref();
        let well_formed = !id.is_empty()
            && id.split('-').all(|part| {
                !part.is_empty()
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
        if !well_formed {
            self.diags.at(
                file,
                value.span().start,
                format!(
                    "{field}: \"{id}\" is not a valid identifier (expected lowercase ASCII letters and digits separated by single hyphens, e.g. \"mathieu-vidal\")"
                ),
            );
        }
        id.clone()
    }

    pub(super) fn code<T>(
        &mut self,
        file: &SourceFile,
        field: &str,
        value: &S<String>,
        parse: fn(&str) -> Option<T>,
        expected: fn() -> String,
    ) -> Option<T> {
        let parsed = parse(value.get_ref());
        if parsed.is_none() {
            self.diags.at(
                file,
                value.span().start,
                format!(
                    "{field}: unknown value \"{}\" (expected {})",
                    value.get_ref(),
                    expected()
                ),
            );
        }
        parsed
    }

    pub(super) fn date(
        &mut self,
        file: &SourceFile,
        field: &str,
        value: &S<toml::Value>,
    ) -> Option<Date> {
        let text = match value.get_ref() {
            toml::Value::String(s) => s.clone(),
            toml::Value::Datetime(d) => d.to_string(),
            other => format!("{other}"),
        };
        let parsed = (text.len() == 10)
            .then(|| text.parse::<Date>().ok())
            .flatten();
        if parsed.is_none() {
            self.diags.at(
                file,
                value.span().start,
                format!("{field}: \"{text}\" is not a valid date (expected an existing calendar date written YYYY-MM-DD)"),
            );
        }
        parsed
    }

    pub(super) fn reference(
        &mut self,
        file: &SourceFile,
        field: &str,
        value: &S<String>,
        exists: bool,
        what: &str,
        defined_in: &str,
    ) -> bool {
        if !exists {
            self.diags.at(
                file,
                value.span().start,
                format!(
                    "{field}: unknown {what} \"{}\" (it must be defined in {defined_in})",
                    value.get_ref()
                ),
            );
        }
        exists
    }

    /// A new entity id: a well-formed slug not seen before in `seen`.
    pub(super) fn new_id(
        &mut self,
        file: &SourceFile,
        field: &str,
        value: &S<String>,
        seen: &mut BTreeSet<String>,
        what: &str,
    ) -> String {
        let id = self.slug(file, field, value);
        if !seen.insert(id.clone()) {
            self.duplicate(file, field, value.span().start, &id, what);
        }
        id
    }

    pub(super) fn duplicate(
        &mut self,
        file: &SourceFile,
        field: &str,
        offset: usize,
        id: &str,
        what: &str,
    ) {
        self.diags.at(
            file,
            offset,
            format!("{field}: duplicate {what} id \"{id}\" (ids must be unique)"),
        );
    }

    pub(super) fn themes_list(
        &mut self,
        file: &SourceFile,
        field: &str,
        value: &S<Vec<S<String>>>,
        refs: &Refs,
    ) -> Vec<ThemeId> {
        if value.get_ref().is_empty() {
            self.diags.at(
                file,
                value.span().start,
                format!("{field}: at least one theme is required (ids from corpus/themes.toml)"),
            );
        }
        let mut seen = BTreeSet::new();
        let mut themes = Vec::new();
        for (i, theme) in value.get_ref().iter().enumerate() {
            let exists = refs.themes.contains(theme.get_ref());
            self.reference(
                file,
                &format!("{field}[{i}]"),
                theme,
                exists,
                "theme",
                "corpus/themes.toml",
            );
            if !seen.insert(theme.get_ref().clone()) {
                self.diags.at(
                    file,
                    theme.span().start,
                    format!(
                        "{field}[{i}]: theme \"{}\" is listed twice",
                        theme.get_ref()
                    ),
                );
            }
            if exists {
                themes.push(ThemeId::new(theme.get_ref().clone()));
            }
        }
        themes
    }

    /// Reports positions that are not exactly 1..=n, in the order given.
    pub(super) fn contiguous(&mut self, file: &SourceFile, what: &str, positions: &[(u16, usize)]) {
        let mut sorted: Vec<(u16, usize)> = positions.to_vec();
        sorted.sort();
        for (expected, (position, offset)) in (1u16..).zip(sorted) {
            if position != expected {
                self.diags.at(
                    file,
                    offset,
                    format!("position: expected {expected}, found {position} (positions of {what} must run 1, 2, 3… without gaps or repeats)"),
                );
                break;
            }
        }
    }
}

/// `text` without its footnote calls `[^label]`, `text` with each call replaced by its label (as
/// printed), and each call's label with the number of characters before it in the first.
fn split_footnote_calls(text: &str) -> (String, String, Vec<(String, u32)>) {
    let mut clean = String::with_capacity(text.len());
    let mut printed = String::with_capacity(text.len());
    let mut calls = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("[^") {
        let Some(len) = rest[start + 2..].find(']') else {
            break;
        };
        let label = &rest[start + 2..start + 2 + len];
        if label.is_empty() || label.contains(char::is_whitespace) {
            break;
        }
        clean.push_str(&rest[..start]);
        printed.push_str(&rest[..start]);
        printed.push_str(label);
        calls.push((label.to_string(), clean.chars().count() as u32));
        rest = &rest[start + 2 + len + 1..];
    }
    clean.push_str(rest);
    printed.push_str(rest);
    (clean, printed, calls)
}

#[cfg(test)]
mod tests {
    use super::split_footnote_calls;

    #[test]
    fn a_footnote_call_is_taken_out_of_the_text_and_matched_as_printed() {
        let (clean, printed, calls) =
            split_footnote_calls("l’Association Villes Internet[^1], est");
        assert_eq!(clean, "l’Association Villes Internet, est");
        assert_eq!(printed, "l’Association Villes Internet1, est");
        assert_eq!(calls, [("1".to_string(), 29)]);
        let (clean, _, calls) = split_footnote_calls("un [lien] sans appel");
        assert_eq!((clean.as_str(), calls.len()), ("un [lien] sans appel", 0));
    }
}
