//! Writing triples in any [`RdfFormat`] with the project's fixed prefixes. Triples are written in
//! the order given ([`super::corpus_graph`] sorts them), so the output is reproducible.

use std::io::Write;

use oxjsonld::JsonLdSerializer;
use oxrdf::Triple;
use oxrdfio::RdfSerializer;

use super::terms::prefixes;
use super::{RdfError, RdfFormat};

/// Writes `triples` as `format`; `base_url` is the publication's base, which names the `cn:`
/// prefix. JSON-LD comes out indented (the streaming serializer writes one long line), so that a
/// reuser can read it.
///
/// ```
/// use congres_numerique::rdf::{RdfFormat, serialize};
/// use oxrdf::{Literal, NamedNode, Triple};
///
/// let triple = Triple::new(
///     NamedNode::new("https://example.org/id/theme/donnees")?,
///     NamedNode::new("http://www.w3.org/2004/02/skos/core#prefLabel")?,
///     Literal::new_language_tagged_literal_unchecked("Données", "fr"),
/// );
/// let turtle = serialize(&[triple], RdfFormat::Turtle, "https://example.org", Vec::new())?;
/// assert!(String::from_utf8(turtle)?.contains("skos:prefLabel \"Données\"@fr"));
/// # Ok::<_, Box<dyn std::error::Error>>(())
/// ```
pub fn serialize<W: Write>(
    triples: &[Triple],
    format: RdfFormat,
    base_url: &str,
    mut writer: W,
) -> Result<W, RdfError> {
    let prefixes = prefixes(base_url);
    match format {
        RdfFormat::JsonLd => {
            let mut serializer = JsonLdSerializer::new();
            for (prefix, namespace) in &prefixes {
                serializer = serializer.with_prefix(*prefix, namespace.as_str())?;
            }
            let mut serializer = serializer.for_writer(Vec::new());
            for triple in triples {
                serializer
                    .serialize_quad(triple.as_ref().in_graph(oxrdf::GraphNameRef::DefaultGraph))?;
            }
            let compact: serde_json::Value = serde_json::from_slice(&serializer.finish()?)?;
            serde_json::to_writer_pretty(&mut writer, &compact)?;
            writer.write_all(b"\n")?;
            Ok(writer)
        }
        RdfFormat::Turtle
        | RdfFormat::NTriples
        | RdfFormat::RdfXml
        | RdfFormat::NQuads
        | RdfFormat::TriG => {
            let mut serializer = RdfSerializer::from_format(match format {
                RdfFormat::Turtle => oxrdfio::RdfFormat::Turtle,
                RdfFormat::NTriples => oxrdfio::RdfFormat::NTriples,
                RdfFormat::NQuads => oxrdfio::RdfFormat::NQuads,
                RdfFormat::TriG => oxrdfio::RdfFormat::TriG,
                _ => oxrdfio::RdfFormat::RdfXml,
            });
            for (prefix, namespace) in &prefixes {
                serializer = serializer.with_prefix(*prefix, namespace.as_str())?;
            }
            let mut serializer = serializer.for_writer(writer);
            for triple in triples {
                serializer.serialize_triple(triple)?;
            }
            Ok(serializer.finish()?)
        }
    }
}
