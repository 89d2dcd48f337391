//! Query strings: only the parameters an endpoint documents are accepted.
//!
//! Each endpoint lists its parameters once, as `IntoParams` types that also document them in the
//! OpenAPI document; [`QueryParams::parse`] takes the accepted names from those same types, so a
//! parameter cannot be accepted without being documented, nor documented without being accepted.
//! A misspelt filter (`?year=2021` for `?congress=2021`) is an error naming the accepted
//! parameters, never a silently unfiltered answer.

use actix_web::HttpRequest;
use actix_web::web;
use utoipa::IntoParams;
use utoipa::openapi::path::{Parameter, ParameterIn};

use super::error::ApiError;

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
        let pairs = web::Query::<Vec<(String, String)>>::from_query(req.query_string())
            .map_err(|_| ApiError::MalformedQuery)?
            .into_inner();
        for (i, (name, _)) in pairs.iter().enumerate() {
            if !allowed.contains(name) {
                return Err(ApiError::UnknownParameter {
                    name: name.clone(),
                    allowed,
                });
            }
            if pairs[..i].iter().any(|(seen, _)| seen == name) {
                return Err(ApiError::RepeatedParameter { name: name.clone() });
            }
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

    /// A positive integer within `min..=max`.
    pub fn integer(&self, name: &str, min: u32, max: u32) -> Result<Option<u32>, ApiError> {
        let Some(value) = self.get(name) else {
            return Ok(None);
        };
        match value.parse::<u32>() {
            Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
            _ if max == u32::MAX => Err(ApiError::invalid(
                name,
                value,
                format!("un entier supérieur ou égal à {min} est attendu"),
                Vec::<String>::new(),
            )),
            _ => Err(ApiError::invalid(
                name,
                value,
                format!("un entier entre {min} et {max} est attendu"),
                Vec::<String>::new(),
            )),
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

    /// Free text that must say something.
    pub fn text(&self, name: &str) -> Result<Option<String>, ApiError> {
        let Some(value) = self.get(name) else {
            return Ok(None);
        };
        let value = value.trim();
        if value.is_empty() {
            return Err(ApiError::invalid(
                name,
                value,
                "un texte non vide est attendu",
                Vec::<String>::new(),
            ));
        }
        if value.chars().count() > 500 {
            return Err(ApiError::invalid(
                name,
                &value.chars().take(40).collect::<String>(),
                "500 caractères au plus",
                Vec::<String>::new(),
            ));
        }
        Ok(Some(value.to_string()))
    }
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
        let req = TestRequest::with_uri("/x?page=0").to_http_request();
        let q = QueryParams::parse(&req, &accepted()).unwrap();
        assert!(q.integer("page", 1, u32::MAX).is_err());
    }
}
