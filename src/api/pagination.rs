//! Pages of a list: `page` and `page_size` in, a window of rows and absolute links out.
//!
//! Links are given twice, in the body (`links`) for JSON readers and in an RFC 8288 `Link`
//! header for CSV readers and generic HTTP tools; both keep every other parameter of the
//! request, so following `next` never drops a filter or the format.

use std::ops::Range;

use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

use super::error::ApiError;
use super::query::QueryParams;

pub const DEFAULT_PAGE_SIZE: u32 = 20;
pub const MAX_PAGE_SIZE: u32 = 100;
/// Highest page number accepted. Pages past the end are empty anyway; the bound turns absurd
/// numbers (`?page=99999999999999999999`) into a clear 400 stating the range, and keeps every
/// page number a 32-bit integer as documented.
pub const MAX_PAGE: u32 = 1_000_000;

/// Page parameters of every list.
#[derive(Debug, Clone, Copy, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Paging {
    /// Numéro de la page, à partir de 1 (1 000 000 au plus). Au-delà de la dernière page, la
    /// liste est vide.
    #[param(
        required = false,
        minimum = 1,
        maximum = 1_000_000,
        default = 1,
        example = 1
    )]
    pub page: u32,
    /// Nombre d'éléments par page : 20 par défaut, 100 au plus. Ignoré en JSON Lines, qui
    /// renvoie toute la liste filtrée.
    #[param(
        required = false,
        minimum = 1,
        maximum = 100,
        default = 20,
        example = 20
    )]
    pub page_size: u32,
}

impl Paging {
    pub fn read(q: &QueryParams) -> Result<Self, ApiError> {
        Ok(Paging {
            page: q.integer("page", 1, MAX_PAGE)?.unwrap_or(1),
            page_size: q
                .integer("page_size", 1, MAX_PAGE_SIZE)?
                .unwrap_or(DEFAULT_PAGE_SIZE),
        })
    }

    /// The rows of this page among `total`.
    pub fn range(&self, total: usize) -> Range<usize> {
        let size = self.page_size as usize;
        let start = (self.page as usize - 1).saturating_mul(size).min(total);
        start..start.saturating_add(size).min(total)
    }

    /// Number of pages; an empty list still has one (empty) page.
    pub fn last_page(&self, total: usize) -> u32 {
        let pages = total.div_ceil(self.page_size as usize).max(1);
        u32::try_from(pages).unwrap_or(u32::MAX)
    }

    /// Absolute links to this page and its neighbours. `base` is the service's base URL,
    /// `path` the request path, `params` every query parameter of the request.
    pub fn links(
        &self,
        total: usize,
        base: &str,
        path: &str,
        params: &[(String, String)],
    ) -> PageLinks {
        let last = self.last_page(total);
        let url = |page: u32| page_url(base, path, params, page);
        PageLinks {
            this: url(self.page),
            first: url(1),
            // Past the end, "prev" leads back to the last page that has rows.
            prev: (self.page > 1).then(|| url((self.page - 1).min(last))),
            next: (self.page < last).then(|| url(self.page + 1)),
            last: url(last),
        }
    }
}

fn page_url(base: &str, path: &str, params: &[(String, String)], page: u32) -> String {
    let mut pairs: Vec<(&str, String)> = params
        .iter()
        .filter(|(name, _)| name != "page")
        .map(|(name, value)| (name.as_str(), value.clone()))
        .collect();
    if page > 1 {
        pairs.push(("page", page.to_string()));
    }
    // Encoding pairs of strings cannot fail.
    let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
    if query.is_empty() {
        format!("{base}{path}")
    } else {
        format!("{base}{path}?{query}")
    }
}

/// Absolute links between the pages of a list.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(
    description = "Liens absolus entre les pages d'une liste ; ils gardent tous les autres paramètres de la requête."
)]
pub struct PageLinks {
    /// Cette page.
    #[serde(rename = "self")]
    #[schema(example = "https://congres-numerique.villes-internet.net/api/v1/items?congress=2021")]
    pub this: String,
    /// Première page.
    pub first: String,
    /// Page précédente, absente sur la première page.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    pub prev: Option<String>,
    /// Page suivante, absente sur la dernière page.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    pub next: Option<String>,
    /// Dernière page.
    pub last: String,
}

impl PageLinks {
    /// The same links as an RFC 8288 `Link` header value.
    pub fn header(&self) -> String {
        let mut links = vec![format!("<{}>; rel=\"first\"", self.first)];
        if let Some(prev) = &self.prev {
            links.push(format!("<{prev}>; rel=\"prev\""));
        }
        if let Some(next) = &self.next {
            links.push(format!("<{next}>; rel=\"next\""));
        }
        links.push(format!("<{}>; rel=\"last\"", self.last));
        links.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_bounds_are_the_checked_ones() {
        use utoipa::openapi::path::ParameterIn;
        let params = Paging::into_params(|| Some(ParameterIn::Query));
        let bounds = |name: &str| {
            let param = params.iter().find(|p| p.name == name).expect("documented");
            let json = serde_json::to_value(&param.schema).expect("schema");
            (json["minimum"].as_f64(), json["maximum"].as_f64())
        };
        assert_eq!(bounds("page"), (Some(1.0), Some(f64::from(MAX_PAGE))));
        assert_eq!(
            bounds("page_size"),
            (Some(1.0), Some(f64::from(MAX_PAGE_SIZE)))
        );
    }

    fn paging(page: u32, page_size: u32) -> Paging {
        Paging { page, page_size }
    }

    #[test]
    fn pages_cut_the_list_and_past_the_end_is_empty() {
        assert_eq!(paging(1, 20).range(46), 0..20);
        assert_eq!(paging(3, 20).range(46), 40..46);
        assert_eq!(paging(4, 20).range(46), 46..46);
        assert_eq!(paging(1, 20).last_page(0), 1);
        assert_eq!(paging(u32::MAX, 100).range(46), 46..46);
    }

    #[test]
    fn links_keep_the_other_parameters_and_encode_them() {
        let params = vec![
            ("q".to_string(), "données ouvertes".to_string()),
            ("page".to_string(), "2".to_string()),
        ];
        let links = paging(2, 20).links(46, "http://h", "/api/v1/items", &params);
        assert_eq!(links.first, "http://h/api/v1/items?q=donn%C3%A9es+ouvertes");
        assert_eq!(
            links.next.as_deref(),
            Some("http://h/api/v1/items?q=donn%C3%A9es+ouvertes&page=3")
        );
        assert_eq!(links.prev.as_deref(), Some(links.first.as_str()));
        assert!(links.header().contains("rel=\"next\""));
        let last = paging(3, 20).links(46, "http://h", "/p", &[]);
        assert_eq!(last.next, None);
    }
}
