//! The lists of the site: editions, themes, people, organisations, sources. Each entry links to
//! the entity's IRI, whose HTML is its page.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::home::{Edition, ThemeSummary, editions as edition_list, themes as theme_list};
use crate::api::error::ApiError;
use crate::api::query::QueryParams;
use crate::api::state::AppState;
use crate::site::view::{Link, path, size_label};
use crate::site::{Head, respond};

#[derive(Template)]
#[template(path = "editions_list.html")]
struct EditionsPage {
    head: Head,
    editions: Vec<Edition>,
}

pub async fn editions(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    QueryParams::parse(&req, &[])?;
    respond(
        &req,
        &EditionsPage {
            head: Head::new(
                "Éditions",
                "Les éditions du Congrès national des élus au numérique et leurs motions.",
            )
            .in_menu("editions"),
            editions: edition_list(&state.corpus),
        },
    )
}

#[derive(Template)]
#[template(path = "themes_list.html")]
struct ThemesPage {
    head: Head,
    themes: Vec<ThemeSummary>,
}

pub async fn themes(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    QueryParams::parse(&req, &[])?;
    respond(
        &req,
        &ThemesPage {
            head: Head::new(
                "Thèmes",
                "Les thèmes qui relient les textes des motions d'une année à l'autre.",
            )
            .in_menu("themes"),
            themes: theme_list(&state.corpus),
        },
    )
}

/// A row of a simple list: a link and what to say beside it.
pub struct Entry {
    pub link: Link,
    pub detail: String,
}

#[derive(Template)]
#[template(path = "list.html")]
struct ListPage {
    head: Head,
    title: &'static str,
    intro: &'static str,
    entries: Vec<Entry>,
}

fn list(
    req: &HttpRequest,
    title: &'static str,
    intro: &'static str,
    entries: Vec<Entry>,
) -> Result<HttpResponse, ApiError> {
    QueryParams::parse(req, &[])?;
    respond(
        req,
        &ListPage {
            head: Head::new(title, intro),
            title,
            intro,
            entries,
        },
    )
}

pub async fn people(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let corpus = &state.corpus;
    let entries = corpus
        .people
        .iter()
        .map(|person| {
            let years: Vec<String> = corpus
                .roles_of(&person.id)
                .map(|r| r.congress.to_string())
                .collect();
            Entry {
                link: Link {
                    href: path("person", person.id.as_str()),
                    label: person.name.clone(),
                },
                detail: format!("nommé(e) en {}", years.join(", ")),
            }
        })
        .collect();
    list(
        &req,
        "Personnes",
        "Les personnes nommées dans les documents du Congrès, avec leurs fonctions telles qu'imprimées.",
        entries,
    )
}

pub async fn organizations(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let entries = state
        .corpus
        .organizations
        .iter()
        .map(|o| Entry {
            link: Link {
                href: path("organization", o.id.as_str()),
                label: o.name.clone(),
            },
            detail: match (&o.insee_code, &o.siren) {
                (Some(code), _) => format!("{}, code INSEE {code}", o.kind.label()),
                (None, Some(siren)) => format!("{}, SIREN {siren}", o.kind.label()),
                _ => o.kind.label().to_string(),
            },
        })
        .collect();
    list(
        &req,
        "Organisations",
        "Les collectivités et organisations citées : communes (code INSEE), intercommunalités (SIREN), associations et partenaires.",
        entries,
    )
}

pub async fn sources(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let entries = state
        .corpus
        .sources
        .iter()
        .map(|s| Entry {
            link: Link {
                href: path("source", s.id.as_str()),
                label: s.title.clone(),
            },
            detail: match s.byte_size {
                Some(size) => format!("{} ({}), {}", s.kind.label(), s.congress, size_label(size)),
                None => format!("{} ({}), non republié", s.kind.label(), s.congress),
            },
        })
        .collect();
    list(
        &req,
        "Sources",
        "Les documents d'où viennent les textes, chacun avec son empreinte SHA-256.",
        entries,
    )
}
