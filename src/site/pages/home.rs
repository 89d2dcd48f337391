//! `/`: what this is, the editions as a timeline, a search box, the themes and where to find
//! the data. API clients keep the JSON entry point (`api::routes::meta::index`).

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::api::error::ApiError;
use crate::api::routes::meta;
use crate::api::state::AppState;
use crate::corpus::Corpus;
use crate::site::view::{Link, count_label, path};
use crate::site::{Head, prefers_html};

/// One edition of the Congress, as the timeline shows it.
pub struct Edition {
    pub year: u16,
    pub ordinal: String,
    pub name: String,
    pub href: String,
    pub place: Option<Link>,
    pub contributions: Option<String>,
    pub sections: usize,
    pub proposals: usize,
    /// The edition's motion, if its text is in the corpus.
    pub motion: Option<Link>,
}

/// Every edition, oldest first.
pub fn editions(corpus: &Corpus) -> Vec<Edition> {
    corpus
        .congresses
        .iter()
        .map(|congress| {
            let motion = congress
                .motion
                .as_ref()
                .and_then(|id| corpus.motion(id.as_str()));
            let (sections, proposals) = motion.map_or((0, 0), |m| {
                let sections: Vec<_> = corpus.sections_of(&m.id).collect();
                let proposals = sections
                    .iter()
                    .map(|s| corpus.items_of(&s.id).count())
                    .sum();
                (sections.len(), proposals)
            });
            Edition {
                year: congress.year,
                ordinal: if congress.ordinal == 1 {
                    "1er".to_string()
                } else {
                    format!("{}e", congress.ordinal)
                },
                name: congress.name(),
                href: path("congress", congress.id.as_str()),
                place: congress
                    .place
                    .as_ref()
                    .and_then(|id| corpus.organization(id.as_str()))
                    .map(|o| Link {
                        href: path("organization", o.id.as_str()),
                        label: o.name.clone(),
                    }),
                contributions: count_label(&congress.contributions),
                sections,
                proposals,
                motion: motion.map(|m| Link {
                    href: path("motion", m.id.as_str()),
                    label: m.title.clone(),
                }),
            }
        })
        .collect()
}

/// A theme of the taxonomy, with how many sections and items carry it.
pub struct ThemeSummary {
    pub link: Link,
    pub definition: String,
    pub texts: usize,
}

pub fn themes(corpus: &Corpus) -> Vec<ThemeSummary> {
    corpus
        .themes
        .iter()
        .map(|theme| {
            let texts = corpus
                .sections
                .iter()
                .filter(|s| s.themes.contains(&theme.id))
                .count()
                + corpus
                    .items
                    .iter()
                    .filter(|i| i.themes.contains(&theme.id))
                    .count();
            ThemeSummary {
                link: Link {
                    href: path("theme", theme.id.as_str()),
                    label: theme.label.clone(),
                },
                definition: theme.definition.clone(),
                texts,
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    head: Head,
    publisher: String,
    editions: Vec<Edition>,
    themes: Vec<ThemeSummary>,
}

/// `/`: the home page for a browser, the API's entry point for anyone else.
pub async fn home(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    if !prefers_html(&req) {
        let mut response = meta::index(req, state).await?;
        response
            .headers_mut()
            .insert(header::VARY, header::HeaderValue::from_static("Accept"));
        return Ok(response);
    }
    let corpus = &state.corpus;
    let publication = &state.publication;
    let page = HomePage {
        head: Head::new(
            "Accueil",
            "Lire, chercher et télécharger les motions du Congrès national des élus au numérique.",
        ),
        publisher: publication.publisher.name.clone(),
        editions: editions(corpus),
        themes: themes(corpus),
    };
    Ok(crate::site::page(crate::site::render(&page)?)
        .vary_accept()
        .respond(&req))
}
