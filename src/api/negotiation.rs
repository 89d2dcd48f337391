//! Content negotiation: JSON by default; CSV, JSON Lines and Excel workbooks for lists.
//!
//! A client chooses with the `Accept` header (what HTTP tools do) or with `?format=` (what a
//! spreadsheet or a browser address bar can do); `format` wins when both are given. The format
//! enum carries its own media type and parameter code, as oxigraph's format enums do, so the
//! parameter, the header and the documentation cannot disagree.

use actix_web::HttpRequest;
use actix_web::http::header::{self, Header, Quality};
use utoipa::PartialSchema;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};

use super::error::ApiError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
    /// JSON Lines: one row per line, the whole filtered list without pages.
    Ndjson,
    /// An Excel workbook of the whole filtered list (see `export::spreadsheet`).
    Xlsx,
}

impl Format {
    /// Every format, in the order preferred when a client accepts several equally.
    pub const ALL: [Format; 4] = [Format::Json, Format::Csv, Format::Ndjson, Format::Xlsx];

    pub fn media_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Csv => "text/csv",
            Format::Ndjson => "application/x-ndjson",
            Format::Xlsx => crate::export::spreadsheet::XLSX_MEDIA_TYPE,
        }
    }

    /// The `Content-Type` header value, with its charset where the media type needs one.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            // text/* defaults to US-ASCII without a charset (RFC 6838), and the data is French.
            Format::Csv => "text/csv; charset=utf-8; header=present",
            Format::Ndjson => "application/x-ndjson",
            Format::Xlsx => crate::export::spreadsheet::XLSX_MEDIA_TYPE,
        }
    }

    /// The value of `?format=`.
    pub fn code(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Ndjson => "ndjson",
            Format::Xlsx => "xlsx",
        }
    }

    fn from_code(code: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.code() == code)
    }
}

/// Schema of the `format` parameter: its closed list of codes.
pub struct FormatCode;

impl utoipa::ToSchema for FormatCode {}

impl PartialSchema for FormatCode {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(Format::ALL.iter().map(|f| f.code())))
            .into()
    }
}

/// How a media type names a representation, from the weakest to the strongest claim. Between
/// representations a client accepts with the same quality, the one it named most precisely wins:
/// axios's `application/json, text/plain, */*` names JSON exactly and N-Triples only through the
/// generic `text/plain`, so a JSON-first client gets JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Naming {
    /// A generic type the representation also is: `text/plain` for N-Triples (its historical
    /// type, what rdflib's `format="nt"` sends), `application/xml` and `text/xml` for RDF/XML.
    Generic,
    /// Another name of the same format: `text/n3` for Turtle (a Turtle document is N3),
    /// `application/x-turtle`, `application/xhtml+xml` for the HTML page.
    Synonym,
    /// The representation's registered media type.
    Canonical,
}

/// A representation a resource offers, with every media type a client may ask it by.
pub trait Offer: Copy {
    /// The media types, the canonical one first.
    fn names(self) -> &'static [(&'static str, Naming)];
}

impl Offer for Format {
    fn names(self) -> &'static [(&'static str, Naming)] {
        match self {
            // JSON is text a person can read: a client asking only for `text/plain` (a shell
            // script, a text viewer) gets the default rather than a 406.
            Format::Json => &[
                ("application/json", Naming::Canonical),
                ("text/plain", Naming::Generic),
            ],
            Format::Csv => &[("text/csv", Naming::Canonical)],
            Format::Ndjson => &[
                ("application/x-ndjson", Naming::Canonical),
                ("application/jsonl", Naming::Synonym),
            ],
            Format::Xlsx => &[(
                crate::export::spreadsheet::XLSX_MEDIA_TYPE,
                Naming::Canonical,
            )],
        }
    }
}

/// How a media range of `Accept` matched: the quality it gives, then how precisely it named the
/// representation (`*/*` < `type/*` < a generic type < a synonym < the canonical type).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Score {
    quality: Quality,
    precision: u8,
}

/// The representation of `offered` that `accept` prefers (RFC 9110 §12.5.1), `None` when it
/// accepts none of them. For each media type, the most specific matching range gives its
/// quality (`text/plain;q=0, */*` excludes `text/plain` only); a representation takes the best
/// of its media types; the highest quality wins, then the most precise naming, then the
/// server's order (the first of `offered`).
pub fn best<T: Offer>(accept: &header::Accept, offered: &[T]) -> Option<T> {
    let mut best: Option<(T, Score)> = None;
    for &candidate in offered {
        // A representation whose own type the client refuses by name is refused, whatever
        // other name it also goes by.
        let refused = candidate.names().first().is_some_and(|(media_type, _)| {
            quality_of(accept, media_type) == Some((Quality::ZERO, Specificity::Exact))
        });
        if refused {
            continue;
        }
        let score = candidate
            .names()
            .iter()
            .filter_map(|&(media_type, naming)| {
                let (quality, specificity) = quality_of(accept, media_type)?;
                let precision = match specificity {
                    // Other names count only when the client writes them: `text/*` asks for
                    // CSV or Turtle, not for whatever else is text, and `*/*` must not bring
                    // back through `text/n3` a Turtle that `text/turtle;q=0` refused.
                    _ if naming != Naming::Canonical && specificity != Specificity::Exact => {
                        return None;
                    }
                    Specificity::AnyType => 0,
                    Specificity::AnySubtype => 1,
                    Specificity::Exact => 2 + naming as u8,
                };
                (quality > Quality::ZERO).then_some(Score { quality, precision })
            })
            .max();
        if let Some(score) = score
            && best.is_none_or(|(_, b)| score > b)
        {
            best = Some((candidate, score));
        }
    }
    best.map(|(candidate, _)| candidate)
}

/// The `Accept` header of a request: `None` when it is absent, empty or unparsable, which
/// accepts anything (RFC 9110 §12.5.1).
pub fn accept_header(req: &HttpRequest) -> Option<header::Accept> {
    if !req.headers().contains_key(header::ACCEPT) {
        return None;
    }
    header::Accept::parse(req)
        .ok()
        .filter(|accept| !accept.0.is_empty())
}

/// Picks the format of a response among `offered` (the first is the default).
///
/// `format` is the value of `?format=` if the endpoint accepts it. Without it, the `Accept`
/// header decides (see [`best`]), and a header that accepts none of them is answered 406 with
/// the list.
pub fn negotiate(
    req: &HttpRequest,
    format: Option<&str>,
    offered: &[Format],
) -> Result<Format, ApiError> {
    if let Some(code) = format {
        return match Format::from_code(code).filter(|f| offered.contains(f)) {
            Some(f) => Ok(f),
            None => Err(ApiError::invalid(
                "format",
                code,
                "format inconnu",
                offered.iter().map(|f| f.code()),
            )),
        };
    }
    let default = offered.first().copied().unwrap_or(Format::Json);
    let Some(accept) = accept_header(req) else {
        return Ok(default);
    };
    best(&accept, offered).ok_or_else(|| ApiError::NotAcceptable {
        available: offered.iter().map(|f| f.media_type().to_string()).collect(),
    })
}

/// The quality `accept` gives `media_type` (zero when no range matches it).
pub fn quality(accept: &header::Accept, media_type: &str) -> Quality {
    quality_of(accept, media_type).map_or(Quality::ZERO, |(quality, _)| quality)
}

/// How specific the range that matched a media type is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Specificity {
    AnyType,
    AnySubtype,
    Exact,
}

/// The quality the client gives a media type, and how specific the range that gave it is: the
/// most specific matching range wins (`text/csv` over `text/*` over `*/*`). Between equally
/// specific ranges (a contradictory `text/csv;q=0, text/csv`), the lowest quality wins whatever
/// their order: an explicit refusal is never overridden, and the answer does not depend on how a
/// client orders its list. Parameters other than `q` are ignored (a JSON-LD `profile` still
/// asks for JSON-LD). `None` when no range matches.
fn quality_of(accept: &header::Accept, media_type: &str) -> Option<(Quality, Specificity)> {
    let (kind, subtype) = media_type.split_once('/').unwrap_or((media_type, ""));
    let mut best: Option<(Specificity, Quality)> = None;
    for item in &accept.0 {
        let range = &item.item;
        let specificity = if range.type_() == "*" {
            Specificity::AnyType
        } else if !range.type_().as_str().eq_ignore_ascii_case(kind) {
            continue;
        } else if range.subtype() == "*" {
            Specificity::AnySubtype
        } else if range.subtype().as_str().eq_ignore_ascii_case(subtype)
            // `application/ld+json` parses as subtype `ld` with suffix `json`.
            || range.suffix().is_some_and(|suffix| {
                format!("{}+{suffix}", range.subtype()).eq_ignore_ascii_case(subtype)
            })
        {
            Specificity::Exact
        } else {
            continue;
        };
        let quality = item.quality;
        if best.is_none_or(|(s, q)| specificity > s || (specificity == s && quality < q)) {
            best = Some((specificity, quality));
        }
    }
    best.map(|(s, q)| (q, s))
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    const LIST: &[Format] = &[Format::Json, Format::Csv, Format::Ndjson];

    fn pick(accept: Option<&str>, format: Option<&str>) -> Result<Format, ApiError> {
        let mut req = TestRequest::default();
        if let Some(accept) = accept {
            req = req.insert_header((header::ACCEPT, accept));
        }
        negotiate(&req.to_http_request(), format, LIST)
    }

    #[test]
    fn json_is_the_default_and_browsers_get_it() {
        assert_eq!(pick(None, None).unwrap(), Format::Json);
        assert_eq!(
            pick(
                Some("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
                None
            )
            .unwrap(),
            Format::Json
        );
    }

    #[test]
    fn json_first_and_plain_text_clients_get_json() {
        // axios's default
        assert_eq!(
            pick(Some("application/json, text/plain, */*"), None).unwrap(),
            Format::Json
        );
        assert_eq!(pick(Some("text/plain"), None).unwrap(), Format::Json);
        assert_eq!(pick(Some("*/*"), None).unwrap(), Format::Json);
        // The most specific range gives the quality, whatever the order.
        assert_eq!(
            pick(Some("*/*;q=0.1, text/csv;q=0.5"), None).unwrap(),
            Format::Csv
        );
        assert_eq!(
            pick(
                Some("text/*;q=0.9, text/csv;q=0.2, application/x-ndjson;q=0.5"),
                None
            )
            .unwrap(),
            Format::Ndjson
        );
    }

    #[test]
    fn accept_and_format_choose_csv_or_ndjson() {
        assert_eq!(pick(Some("text/csv"), None).unwrap(), Format::Csv);
        assert_eq!(pick(Some("text/*"), None).unwrap(), Format::Csv);
        assert_eq!(
            pick(Some("application/x-ndjson, application/json;q=0.5"), None).unwrap(),
            Format::Ndjson
        );
        assert_eq!(
            pick(Some("application/json"), Some("csv")).unwrap(),
            Format::Csv
        );
    }

    #[test]
    fn nothing_acceptable_is_a_406_listing_the_types() {
        match pick(Some("application/xml"), None) {
            Err(ApiError::NotAcceptable { available }) => {
                assert_eq!(
                    available,
                    ["application/json", "text/csv", "application/x-ndjson"]
                )
            }
            other => panic!("{other:?}"),
        }
        assert!(pick(Some("text/csv;q=0"), None).is_err());
        assert!(pick(Some("application/json;q=0, text/plain"), None).is_err());
        // Contradictions: the refusal wins, in either order.
        assert!(pick(Some("text/csv;q=0, text/csv"), None).is_err());
        assert!(pick(Some("text/csv, text/csv;q=0"), None).is_err());
        assert_eq!(
            pick(Some("text/csv, text/csv;q=0, application/json"), None).unwrap(),
            Format::Json
        );
        assert!(matches!(
            pick(None, Some("xlsx")),
            Err(ApiError::InvalidParameter { .. })
        ));
    }
}
