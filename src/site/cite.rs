//! How to cite a motion: a sentence, a BibTeX entry and a CSL-JSON item (what Zotero and
//! citation processors read). Generated from the corpus: the title is the motion's, the date
//! its year, the author the Congress that adopted it, the publisher the association.

use serde_json::json;

use crate::corpus::Motion;
use crate::publication::Publication;

/// The three forms of one citation.
#[derive(Debug, Clone)]
pub struct Citation {
    pub text: String,
    pub bibtex: String,
    pub csl_json: String,
}

const AUTHOR: &str = "Congrès national des élus au numérique";

/// BibTeX needs its special characters escaped inside braces.
fn bibtex_escape(text: &str) -> String {
    text.chars()
        .flat_map(|c| match c {
            '{' | '}' | '\\' | '%' | '&' | '$' | '#' | '_' => vec!['\\', c],
            _ => vec![c],
        })
        .collect()
}

impl Citation {
    pub fn motion(
        publication: &Publication,
        motion: &Motion,
        edition: Option<&str>,
        iri: &str,
    ) -> Self {
        let year = motion.id.as_str();
        let edition = edition.unwrap_or(AUTHOR);
        let publisher = &publication.publisher.name;
        let text = format!(
            "{AUTHOR}, « {} », {edition}, {publisher}, {year}. {iri} (données : {}, version {}, {}).",
            motion.title, publication.title, publication.version, publication.license.title
        );
        let bibtex = format!(
            "@misc{{congres-numerique-{year},\n  author = {{{{{}}}}},\n  title = {{{{{}}}}},\n  year = {{{}}},\n  publisher = {{{}}},\n  note = {{{}}},\n  url = {{{iri}}},\n  language = {{french}}\n}}",
            bibtex_escape(AUTHOR),
            bibtex_escape(&motion.title),
            bibtex_escape(year),
            bibtex_escape(publisher),
            bibtex_escape(edition),
        );
        let csl = json!({
            "id": format!("congres-numerique-{year}"),
            "type": "document",
            "title": motion.title,
            "author": [{ "literal": AUTHOR }],
            "publisher": publisher,
            "issued": { "date-parts": [[year.parse::<u32>().ok()]] },
            "note": edition,
            "URL": iri,
            "language": "fr",
        });
        let csl_json = serde_json::to_string_pretty(&csl).unwrap_or_default();
        Citation {
            text,
            bibtex,
            csl_json,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bibtex_special_characters_are_escaped() {
        assert_eq!(bibtex_escape("50 % & {x}"), "50 \\% \\& \\{x\\}");
    }
}
