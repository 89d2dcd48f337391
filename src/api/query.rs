//! Query strings: only the parameters an endpoint documents are accepted.
//!
//! Each endpoint lists its parameters once, as `IntoParams` types that also document them in the
//! OpenAPI document; [`QueryParams::parse`] takes the accepted names from those same types, so a
//! parameter cannot be accepted without being documented, nor documented without being accepted.
//! A misspelt filter (`?year=2021` for `?congress=2021`) is an error naming the accepted
//! parameters, never a silently unfiltered answer.
//!
//! Decoding is strict for the same reason: a `%` that starts no escape, or escapes that decode to
//! bytes that are not UTF-8, are an error naming the parameter, not a value quietly altered into
//! something the client never typed (the usual lossy decoding turns them into U+FFFD).

use actix_web::HttpRequest;
use utoipa::IntoParams;
use utoipa::openapi::path::{Parameter, ParameterIn};

use super::error::ApiError;

/// Longest free text accepted in a parameter (a search), in characters.
pub const MAX_TEXT_CHARS: usize = 500;

/// The names of the query parameters an `IntoParams` type documents.
pub fn names<P: IntoParams>() -> Vec<String> {
    P::into_params(|| Some(ParameterIn::Query))
        .into_iter()
        .filter(|p: &Parameter| p.parameter_in == ParameterIn::Query)
        .map(|p| p.name)
        .collect()
}

/// The query string of a request, checked against the accepted names.
#[derive(Debug, Default)]
pub struct QueryParams {
    pairs: Vec<(String, String)>,
}

impl QueryParams {
    /// Splits and decodes the query string; rejects unknown and repeated parameters.
    /// `accepted` is the concatenation of [`names`] of the endpoint's parameter types.
    pub fn parse(req: &HttpRequest, accepted: &[Vec<String>]) -> Result<Self, ApiError> {
        let allowed: Vec<String> = accepted.iter().flatten().cloned().collect();
        let mut pairs: Vec<(String, String)> = Vec::new();
        // `&&` and a trailing `&` separate nothing: skipped, as every form decoder does.
        for pair in req.query_string().split('&').filter(|p| !p.is_empty()) {
            let (raw_name, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
            let name = decode(raw_name).map_err(|reason| {
                ApiError::invalid(
                    raw_name,
                    raw_name,
                    format!("nom de paramètre mal encodé : {reason}"),
                    Vec::<String>::new(),
                )
            })?;
            if !allowed.contains(&name) {
                return Err(ApiError::UnknownParameter { name, allowed });
            }
            if pairs.iter().any(|(seen, _)| *seen == name) {
                return Err(ApiError::RepeatedParameter { name });
            }
            let value = decode(raw_value).map_err(|reason| {
                ApiError::invalid(&name, raw_value, reason, Vec::<String>::new())
            })?;
            pairs.push((name, value));
        }
        Ok(Self { pairs })
    }

    /// The value of a parameter, if given. An empty value (`?theme=`) counts as given: it is
    /// then rejected by the parameter's own check rather than ignored.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every parameter in the order given, for building page links that keep the filters.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// An integer within `min..=max`, written in decimal digits only: `-1`, `+1`, `1e3`, `1.0`,
    /// an empty value and numbers too large for any integer type are all refused with the range.
    pub fn integer(&self, name: &str, min: u32, max: u32) -> Result<Option<u32>, ApiError> {
        let Some(value) = self.get(name) else {
            return Ok(None);
        };
        let digits_only = !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit());
        match value.parse::<u32>() {
            Ok(n) if digits_only && (min..=max).contains(&n) => Ok(Some(n)),
            _ => Err(ApiError::OutOfRange {
                name: name.to_string(),
                value: value.to_string(),
                minimum: min.into(),
                maximum: max.into(),
            }),
        }
    }

    /// One of a closed list of values (codes, or the ids of a small table).
    pub fn one_of<'a>(
        &self,
        name: &str,
        allowed: impl IntoIterator<Item = &'a str> + Clone,
    ) -> Result<Option<String>, ApiError> {
        let Some(value) = self.get(name) else {
            return Ok(None);
        };
        if allowed.clone().into_iter().any(|a| a == value) {
            Ok(Some(value.to_string()))
        } else {
            Err(ApiError::invalid(
                name,
                value,
                "valeur inconnue",
                allowed.into_iter().map(str::to_string),
            ))
        }
    }

    /// The id of a row of a larger table: checked, but the error points to the list instead of
    /// enumerating every id.
    pub fn id_in(
        &self,
        name: &str,
        exists: impl Fn(&str) -> bool,
        list: &str,
    ) -> Result<Option<String>, ApiError> {
        let Some(value) = self.get(name) else {
            return Ok(None);
        };
        if exists(value) {
            Ok(Some(value.to_string()))
        } else {
            Err(ApiError::invalid(
                name,
                value,
                format!("identifiant inconnu (voir {list})"),
                Vec::<String>::new(),
            ))
        }
    }

    /// Free text that must say something: at most [`MAX_TEXT_CHARS`] characters as given, and
    /// not only white space.
    pub fn text(&self, name: &str) -> Result<Option<String>, ApiError> {
        let Some(value) = self.get(name) else {
            return Ok(None);
        };
        if value.chars().count() > MAX_TEXT_CHARS {
            return Err(ApiError::invalid(
                name,
                value,
                format!("{MAX_TEXT_CHARS} caractères au plus"),
                Vec::<String>::new(),
            ));
        }
        let value = value.trim();
        if value.is_empty() {
            return Err(ApiError::invalid(
                name,
                value,
                "un texte non vide est attendu",
                Vec::<String>::new(),
            ));
        }
        Ok(Some(value.to_string()))
    }
}

/// Decodes one name or value of an `application/x-www-form-urlencoded` query: `+` is a space,
/// `%XX` a byte, and the bytes must be UTF-8. The error says what is wrong, in French.
fn decode(raw: &str) -> Result<String, String> {
    percent_decode(raw, true)
}

/// Decodes a path segment as strictly as [`decode`] does a query, `+` staying a `+`.
pub(crate) fn decode_path_segment(raw: &str) -> Result<String, String> {
    percent_decode(raw, false)
}

fn percent_decode(raw: &str, plus_is_space: bool) -> Result<String, String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' if plus_is_space => out.push(b' '),
            b'%' => {
                let escape = bytes
                    .get(i + 1..i + 3)
                    .filter(|h| h.iter().all(u8::is_ascii_hexdigit));
                let Some(hex) = escape else {
                    let end = (i + 3).min(bytes.len());
                    return Err(format!(
                        "« {} » n'est pas un encodage pour cent (%XX, deux chiffres hexadécimaux)",
                        String::from_utf8_lossy(&bytes[i..end])
                    ));
                };
                // Two ASCII hex digits always fit a byte.
                let hex = std::str::from_utf8(hex).unwrap_or("00");
                out.push(u8::from_str_radix(hex, 16).unwrap_or(0));
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out)
        .map_err(|_| "les octets encodés ne forment pas du texte UTF-8 valide".to_string())
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    fn accepted() -> Vec<Vec<String>> {
        vec![vec!["page".into(), "q".into()]]
    }

    #[test]
    fn known_parameters_are_decoded() {
        let req = TestRequest::with_uri("/x?page=2&q=donn%C3%A9es+ouvertes").to_http_request();
        let q = QueryParams::parse(&req, &accepted()).unwrap();
        assert_eq!(q.integer("page", 1, u32::MAX).unwrap(), Some(2));
        assert_eq!(q.get("q"), Some("données ouvertes"));
    }

    #[test]
    fn unknown_and_repeated_parameters_are_refused() {
        let req = TestRequest::with_uri("/x?year=2021").to_http_request();
        assert!(matches!(
            QueryParams::parse(&req, &accepted()),
            Err(ApiError::UnknownParameter { name, .. }) if name == "year"
        ));
        let req = TestRequest::with_uri("/x?page=1&page=2").to_http_request();
        assert!(matches!(
            QueryParams::parse(&req, &accepted()),
            Err(ApiError::RepeatedParameter { .. })
        ));
    }

    #[test]
    fn out_of_range_integers_are_refused() {
        for value in [
            "0",
            "-1",
            "+1",
            "1e3",
            "1.0",
            "",
            "99999999999999999999",
            "11",
        ] {
            let req = TestRequest::with_uri(&format!("/x?page={value}")).to_http_request();
            let q = QueryParams::parse(&req, &accepted()).unwrap();
            assert!(
                matches!(
                    q.integer("page", 1, 10),
                    Err(ApiError::OutOfRange {
                        minimum: 1,
                        maximum: 10,
                        ..
                    })
                ),
                "{value:?}"
            );
        }
        let req = TestRequest::with_uri("/x?page=007").to_http_request();
        let q = QueryParams::parse(&req, &accepted()).unwrap();
        assert_eq!(q.integer("page", 1, 10).unwrap(), Some(7));
    }

    #[test]
    fn decoding_is_strict() {
        assert_eq!(decode("donn%C3%A9es+ouvertes").unwrap(), "données ouvertes");
        assert_eq!(decode("%2B%25").unwrap(), "+%");
        for bad in ["%ZZ", "%", "a%2", "%C3%28", "%FF"] {
            assert!(decode(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_malformed_value_is_an_error_naming_its_parameter() {
        for query in ["q=%ZZ", "q=%C3%28", "page=1&q=%"] {
            let req = TestRequest::with_uri(&format!("/x?{query}")).to_http_request();
            match QueryParams::parse(&req, &accepted()) {
                Err(ApiError::InvalidParameter { name, .. }) => assert_eq!(name, "q", "{query}"),
                other => panic!("{query}: {other:?}"),
            }
        }
    }

    #[test]
    fn free_text_is_bounded_and_not_blank() {
        let long = "a".repeat(MAX_TEXT_CHARS + 1);
        for value in ["", "+++", long.as_str()] {
            let req = TestRequest::with_uri(&format!("/x?q={value}")).to_http_request();
            let q = QueryParams::parse(&req, &accepted()).unwrap();
            assert!(q.text("q").is_err(), "{value:?}");
        }
        let req = TestRequest::with_uri("/x?q=+donn%C3%A9es+").to_http_request();
        let q = QueryParams::parse(&req, &accepted()).unwrap();
        assert_eq!(q.text("q").unwrap().as_deref(), Some("données"));
    }
}
