//! Publication metadata (`seeds/publication.toml`): base IRI, licence, publisher, dataset
//! description. Set in one place; the exporters, the catalogue and the API read it from here.

use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, SourceFile};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publication {
    /// Public base of the service, without trailing slash once loaded.
    pub base_url: String,
    /// The base the published files are written with (`base_url` of `publication.toml`), kept
    /// when a local `serve --base-url` replaces `base_url`: see [`Publication::rebase`].
    #[serde(skip)]
    pub published_base_url: String,
    pub identifier: String,
    pub title: String,
    pub description: String,
    pub keywords: Vec<String>,
    /// `YYYY-MM-DD`.
    pub issued: String,
    /// `YYYY-MM-DD`.
    pub modified: String,
    pub version: String,
    /// The release note of the version the catalogue describes (`adms:versionNotes`), set from
    /// the release history (`release::dates::Dating`), never read from `publication.toml`.
    #[serde(skip)]
    pub version_notes: Option<String>,
    /// The releases, oldest first (`dcat:hasVersion`), set from the release history like
    /// `version_notes`.
    #[serde(skip)]
    pub versions: Vec<crate::catalog::DatasetVersion>,
    pub license: License,
    pub publisher: Publisher,
    pub contact: Contact,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct License {
    pub title: String,
    pub url: String,
    pub udata_id: String,
    pub spdx: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publisher {
    pub name: String,
    pub url: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: String,
    pub email: String,
    pub url: String,
}

impl Publication {
    /// Reads `{seeds}/publication.toml`.
    pub fn load(seeds: &Path) -> Result<Self, Diagnostic> {
        let path = seeds.join("publication.toml");
        let text = std::fs::read_to_string(&path).map_err(|error| Diagnostic {
            file: path.clone(),
            line: 1,
            column: 1,
            message: format!("cannot read the publication metadata: {error}"),
        })?;
        let file = SourceFile::new(path, text);
        let mut publication: Publication = toml::from_str(&file.text).map_err(|error| {
            file.diagnostic(
                error.span().map_or(0, |s| s.start),
                error.message().trim().replace('\n', " "),
            )
        })?;
        for (field, date) in [
            ("issued", &publication.issued),
            ("modified", &publication.modified),
        ] {
            if date.len() != 10 || date.parse::<jiff::civil::Date>().is_err() {
                let offset = file.text.find(&format!("{field} =")).unwrap_or(0);
                return Err(file.diagnostic(
                    offset,
                    format!("{field}: \"{date}\" is not a valid date (expected YYYY-MM-DD)"),
                ));
            }
        }
        if !(publication.base_url.starts_with("http://")
            || publication.base_url.starts_with("https://"))
        {
            let offset = file.text.find("base_url =").unwrap_or(0);
            return Err(file.diagnostic(offset, "base_url: expected an absolute http(s) URL"));
        }
        publication.base_url = publication.base_url.trim_end_matches('/').to_string();
        publication.published_base_url = publication.base_url.clone();
        publication.description = crate::text::fold_whitespace(&publication.description);
        Ok(publication)
    }

    /// The same publication served from another base (a local `serve --base-url`).
    pub fn with_base_url(mut self, base_url: &str) -> Self {
        self.base_url = base_url.trim_end_matches('/').to_string();
        self
    }

    /// A published file as this service serves it: every occurrence of the published base
    /// replaced by the service's own, so that each link of a local run leads to that run. The
    /// committed files keep the public base; a file that names neither is borrowed as is.
    pub fn rebase<'a>(&self, bytes: &'a [u8]) -> std::borrow::Cow<'a, [u8]> {
        let from = self.published_base_url.as_bytes();
        if from.is_empty() || self.base_url == self.published_base_url {
            return std::borrow::Cow::Borrowed(bytes);
        }
        let mut found = memchr::memmem::find_iter(bytes, from).peekable();
        if found.peek().is_none() {
            return std::borrow::Cow::Borrowed(bytes);
        }
        let mut out = Vec::with_capacity(bytes.len());
        let mut from_index = 0;
        for at in found {
            out.extend_from_slice(&bytes[from_index..at]);
            out.extend_from_slice(self.base_url.as_bytes());
            from_index = at + from.len();
        }
        out.extend_from_slice(&bytes[from_index..]);
        std::borrow::Cow::Owned(out)
    }

    /// `{base}/id/{entity}/{key}`: the IRI of an entity, identical in every output.
    pub fn iri(&self, entity: &str, key: &str) -> String {
        format!("{}/id/{entity}/{key}", self.base_url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_publication_metadata_loads() {
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let publication = Publication::load(&seeds).expect("publication.toml is valid");
        assert_eq!(publication.license.udata_id, "lov2");
        assert!(!publication.base_url.ends_with('/'));
        assert_eq!(
            publication.iri("motion", "2020"),
            format!("{}/id/motion/2020", publication.base_url)
        );
    }

    #[test]
    fn a_local_service_rebases_published_files_and_the_public_one_does_not() {
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let public = Publication::load(&seeds).unwrap();
        let file = format!(
            "<{0}/id/theme/donnees> <{0}/def/year> \"{0}\" .",
            public.base_url
        );
        assert!(matches!(
            public.rebase(file.as_bytes()),
            std::borrow::Cow::Borrowed(_)
        ));
        let local = public.with_base_url("http://127.0.0.1:9/");
        assert_eq!(
            local.published_base_url,
            Publication::load(&seeds).unwrap().base_url
        );
        assert_eq!(
            String::from_utf8(local.rebase(file.as_bytes()).into_owned()).unwrap(),
            "<http://127.0.0.1:9/id/theme/donnees> <http://127.0.0.1:9/def/year> \"http://127.0.0.1:9\" ."
        );
        assert!(matches!(
            local.rebase(b"no base here"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
