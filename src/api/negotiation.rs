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

/// Picks the format of a response among `offered` (the first is the default).
///
/// `format` is the value of `?format=` if the endpoint accepts it. Without it, the `Accept`
/// header decides: the offered type with the highest quality wins, ties going to the server's
/// order, and a header that accepts none of them is answered 406 with the list. A missing or
/// unparsable header accepts anything (RFC 9110 §12.5.1).
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
    if !req.headers().contains_key(header::ACCEPT) {
        return Ok(default);
    }
    let Ok(accept) = header::Accept::parse(req) else {
        return Ok(default);
    };
    let mut best: Option<(Format, Quality)> = None;
    for &candidate in offered {
        let quality = quality_of(&accept, candidate.media_type());
        if quality > Quality::ZERO && best.is_none_or(|(_, q)| quality > q) {
            best = Some((candidate, quality));
        }
    }
    // An empty Accept list is as good as none.
    if accept.0.is_empty() {
        return Ok(default);
    }
    best.map(|(f, _)| f).ok_or_else(|| ApiError::NotAcceptable {
        available: offered.iter().map(|f| f.media_type().to_string()).collect(),
    })
}

/// The quality the client gives a media type: the most specific matching range wins
/// (`text/csv` over `text/*` over `*/*`). Between equally specific ranges (a contradictory
/// `text/csv;q=0, text/csv`), the lowest quality wins whatever their order: an explicit refusal
/// is never overridden, and the answer does not depend on how a client orders its list.
pub(crate) fn quality_of(accept: &header::Accept, media_type: &str) -> Quality {
    let (kind, subtype) = media_type.split_once('/').unwrap_or((media_type, ""));
    let mut best: Option<(u8, Quality)> = None;
    for item in &accept.0 {
        let range = &item.item;
        let specificity = if range.type_() == "*" {
            0
        } else if range.type_() != kind {
            continue;
        } else if range.subtype() == "*" {
            1
        } else if range.subtype() == subtype
            // `application/ld+json` parses as subtype `ld` with suffix `json`.
            || range
                .suffix()
                .is_some_and(|suffix| format!("{}+{suffix}", range.subtype()) == subtype)
        {
            2
        } else {
            continue;
        };
        let quality = item.quality;
        if best.is_none_or(|(s, q)| specificity > s || (specificity == s && quality < q)) {
            best = Some((specificity, quality));
        }
    }
    best.map_or(Quality::ZERO, |(_, q)| q)
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
