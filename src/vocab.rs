//! RDF vocabulary terms used by the corpus model and the catalogue, as constants (IRIs checked by
//! a test). Established vocabularies first (see the mapping in `tables::definitions`); the few
//! facts no established term fits use the project's own namespace [`CN`], documented by the SHACL
//! shapes in `schemas/`.

pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const SCHEMA: &str = "http://schema.org/";
pub const DCT: &str = "http://purl.org/dc/terms/";
pub const DCAT: &str = "http://www.w3.org/ns/dcat#";
pub const FOAF: &str = "http://xmlns.com/foaf/0.1/";
pub const ORG: &str = "http://www.w3.org/ns/org#";
pub const PERSON: &str = "http://www.w3.org/ns/person#";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const OPENGOV: &str = "http://www.w3.org/ns/opengov#";
pub const IGEO: &str = "http://rdf.insee.fr/def/geo#";
pub const VCARD: &str = "http://www.w3.org/2006/vcard/ns#";
pub const SPDX: &str = "http://spdx.org/rdf/terms#";
pub const ADMS: &str = "http://www.w3.org/ns/adms#";
pub const HYDRA: &str = "http://www.w3.org/ns/hydra/core#";
pub const SH: &str = "http://www.w3.org/ns/shacl#";
/// The project's own terms, under the published base: `{base}/def/`.
pub const CN_PATH: &str = "/def/";

/// Prefixes written in Turtle and JSON-LD, in a fixed order so outputs are reproducible.
pub const PREFIXES: &[(&str, &str)] = &[
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("xsd", XSD),
    ("schema", SCHEMA),
    ("dct", DCT),
    ("dcat", DCAT),
    ("foaf", FOAF),
    ("org", ORG),
    ("person", PERSON),
    ("skos", SKOS),
    ("prov", PROV),
    ("opengov", OPENGOV),
    ("igeo", IGEO),
    ("vcard", VCARD),
    ("spdx", SPDX),
];

/// Expands `prefix:local` with [`PREFIXES`]; `cn:local` needs the base, see [`expand_with_base`].
pub fn expand(curie: &str) -> Option<String> {
    let (prefix, local) = curie.split_once(':')?;
    PREFIXES
        .iter()
        .find(|(p, _)| *p == prefix)
        .map(|(_, ns)| format!("{ns}{local}"))
}

/// Expands a CURIE, `cn:` terms included, against the publication's base IRI.
pub fn expand_with_base(curie: &str, base: &str) -> Option<String> {
    match curie.strip_prefix("cn:") {
        Some(local) => Some(format!("{}{CN_PATH}{local}", base.trim_end_matches('/'))),
        None => expand(curie),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curies_expand_against_known_prefixes_and_the_base() {
        assert_eq!(
            expand("dct:title").as_deref(),
            Some("http://purl.org/dc/terms/title")
        );
        assert_eq!(expand("nope:x"), None);
        assert_eq!(
            expand_with_base("cn:asPrinted", "https://example.org/").as_deref(),
            Some("https://example.org/def/asPrinted")
        );
    }
}
