//! The RDF serialisations the publication offers, each carrying its own metadata (media type,
//! file extension), so one enum drives the dump file names, the `Accept` negotiation of the API
//! and the serializer choice (as `oxrdfio::RdfFormat` does in oxigraph).

use std::fmt;

/// An RDF serialisation of the corpus graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RdfFormat {
    /// [Turtle](https://www.w3.org/TR/turtle/), the readable one.
    Turtle,
    /// [N-Triples](https://www.w3.org/TR/n-triples/), one triple a line (diffs and `grep`).
    NTriples,
    /// [JSON-LD](https://www.w3.org/TR/json-ld11/), for JSON tooling.
    JsonLd,
    /// [RDF/XML](https://www.w3.org/TR/rdf-syntax-grammar/), for older triple stores.
    RdfXml,
    /// [N-Quads](https://www.w3.org/TR/n-quads/): the triples in the default graph, for dataset
    /// clients (Comunica, Jena's dataset readers). Served, not dumped (N-Triples is the same).
    NQuads,
    /// [TriG](https://www.w3.org/TR/trig/): Turtle for datasets. Served, not dumped.
    TriG,
}

impl RdfFormat {
    /// Every format, in the order the dumps list them.
    pub const ALL: [RdfFormat; 4] = [Self::Turtle, Self::NTriples, Self::JsonLd, Self::RdfXml];

    /// Every format the service can answer in: the dumps' four and the two dataset formats.
    pub const SERVED: [RdfFormat; 6] = [
        Self::Turtle,
        Self::NTriples,
        Self::JsonLd,
        Self::RdfXml,
        Self::NQuads,
        Self::TriG,
    ];

    /// The IANA media type.
    ///
    /// ```
    /// use congres_numerique::rdf::RdfFormat;
    /// assert_eq!(RdfFormat::Turtle.media_type(), "text/turtle");
    /// ```
    pub const fn media_type(self) -> &'static str {
        match self {
            Self::Turtle => "text/turtle",
            Self::NTriples => "application/n-triples",
            Self::JsonLd => "application/ld+json",
            Self::RdfXml => "application/rdf+xml",
            Self::NQuads => "application/n-quads",
            Self::TriG => "application/trig",
        }
    }

    /// The IANA-registered file extension, without the dot.
    ///
    /// ```
    /// use congres_numerique::rdf::RdfFormat;
    /// assert_eq!(RdfFormat::RdfXml.file_extension(), "rdf");
    /// ```
    pub const fn file_extension(self) -> &'static str {
        match self {
            Self::Turtle => "ttl",
            Self::NTriples => "nt",
            Self::JsonLd => "jsonld",
            Self::RdfXml => "rdf",
            Self::NQuads => "nq",
            Self::TriG => "trig",
        }
    }

    /// The format's usual name.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Turtle => "Turtle",
            Self::NTriples => "N-Triples",
            Self::JsonLd => "JSON-LD",
            Self::RdfXml => "RDF/XML",
            Self::NQuads => "N-Quads",
            Self::TriG => "TriG",
        }
    }

    /// The format of a media type (parameters and case ignored, `x-` variants accepted).
    ///
    /// Unlike `oxrdfio`, plain `application/json`, `application/xml` and `text/plain` are *not*
    /// read as RDF: in content negotiation they ask for the plain JSON (or text) representations.
    ///
    /// ```
    /// use congres_numerique::rdf::RdfFormat;
    /// assert_eq!(RdfFormat::from_media_type("text/turtle; charset=utf-8"), Some(RdfFormat::Turtle));
    /// assert_eq!(RdfFormat::from_media_type("application/ld+json"), Some(RdfFormat::JsonLd));
    /// assert_eq!(RdfFormat::from_media_type("application/json"), None);
    /// ```
    pub fn from_media_type(media_type: &str) -> Option<Self> {
        let essence = media_type.split(';').next()?.trim().to_ascii_lowercase();
        let (kind, subtype) = essence.split_once('/')?;
        let subtype = subtype.strip_prefix("x-").unwrap_or(subtype);
        match (kind, subtype) {
            ("text" | "application", "turtle") => Some(Self::Turtle),
            ("application" | "text", "n-triples") => Some(Self::NTriples),
            ("application", "ld+json") => Some(Self::JsonLd),
            ("application", "rdf+xml") => Some(Self::RdfXml),
            ("application" | "text", "n-quads" | "nquads") => Some(Self::NQuads),
            ("application", "trig") => Some(Self::TriG),
            _ => None,
        }
    }

    /// The format of a file extension (without the dot, case ignored).
    ///
    /// ```
    /// use congres_numerique::rdf::RdfFormat;
    /// assert_eq!(RdfFormat::from_extension("nt"), Some(RdfFormat::NTriples));
    /// assert_eq!(RdfFormat::from_extension("csv"), None);
    /// ```
    pub fn from_extension(extension: &str) -> Option<Self> {
        Self::SERVED
            .into_iter()
            .find(|format| format.file_extension().eq_ignore_ascii_case(extension))
    }
}

impl fmt::Display for RdfFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_and_extensions_round_trip() {
        for format in RdfFormat::SERVED {
            assert_eq!(
                RdfFormat::from_media_type(format.media_type()),
                Some(format)
            );
            assert_eq!(
                RdfFormat::from_extension(format.file_extension()),
                Some(format)
            );
        }
        assert_eq!(RdfFormat::from_media_type("text/html"), None);
        assert_eq!(RdfFormat::from_media_type("nonsense"), None);
    }
}
