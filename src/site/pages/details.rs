//! The pages of editions, themes, people, organisations and sources, at their IRIs.

use askama::Template;

use super::home::editions;
use super::motion::{item_number, section_number};
use crate::api::error::ApiError;
use crate::api::state::AppState;
use crate::corpus::codes::OrganizationKind;
use crate::site::view::{Link, Named, path, size_label};
use crate::site::{Alternate, Head, render};

/// A text quoted on another page, linked to its place in its motion.
pub struct Quote {
    pub href: String,
    pub label: String,
    pub text: String,
}

fn in_motion(motion: &str, anchor: &str) -> String {
    format!("{}#{anchor}", path("motion", motion))
}

fn head(
    title: String,
    description: String,
    alternates: Vec<Alternate>,
    menu: &'static str,
) -> Head {
    Head {
        alternates,
        ..Head::new(title, description).in_menu(menu)
    }
}

#[derive(Template)]
#[template(path = "congress.html")]
struct CongressPage {
    head: Head,
    edition: super::home::Edition,
    description: Vec<(Option<String>, Vec<String>)>,
    partners: Vec<Link>,
    people: Vec<Named>,
    source: Option<Link>,
}

pub fn congress(
    state: &AppState,
    key: &str,
    alternates: Vec<Alternate>,
) -> Result<Option<String>, ApiError> {
    let corpus = &state.corpus;
    let Some(congress) = corpus.congress(key) else {
        return Ok(None);
    };
    let Some(edition) = editions(corpus)
        .into_iter()
        .find(|e| e.year == congress.year)
    else {
        return Ok(None);
    };
    let page = CongressPage {
        head: head(
            edition.name.clone(),
            format!("{} : lieu, chiffres, motion.", edition.name),
            alternates,
            "editions",
        ),
        description: congress
            .description
            .iter()
            .map(|b| (b.heading.clone(), b.paragraphs.clone()))
            .collect(),
        partners: congress
            .workshop_partners
            .iter()
            .filter_map(|id| corpus.organization(id.as_str()))
            .map(|o| Link {
                href: path("organization", o.id.as_str()),
                label: o.name.clone(),
            })
            .collect(),
        people: corpus
            .roles
            .iter()
            .filter(|r| r.congress == congress.id)
            .map(|r| Named::new(corpus, r))
            .collect(),
        source: corpus.source(congress.source.as_str()).map(|s| Link {
            href: path("source", s.id.as_str()),
            label: s.title.clone(),
        }),
        edition,
    };
    render(&page).map(Some)
}

/// What one edition said on a theme.
pub struct YearColumn {
    pub year: u16,
    pub motion: Option<Link>,
    pub sections: Vec<Quote>,
    pub items: Vec<Quote>,
}

#[derive(Template)]
#[template(path = "theme.html")]
struct ThemePage {
    head: Head,
    label: String,
    definition: String,
    broader: Option<Link>,
    narrower: Vec<Link>,
    years: Vec<YearColumn>,
    silent: Vec<u16>,
}

pub fn theme(
    state: &AppState,
    key: &str,
    alternates: Vec<Alternate>,
) -> Result<Option<String>, ApiError> {
    let corpus = &state.corpus;
    let Some(theme) = corpus.theme(key) else {
        return Ok(None);
    };
    let mut years = Vec::new();
    let mut silent = Vec::new();
    for congress in &corpus.congresses {
        let sections: Vec<Quote> = corpus
            .sections
            .iter()
            .filter(|s| s.congress == congress.id && s.themes.contains(&theme.id))
            .map(|s| Quote {
                href: in_motion(s.motion.as_str(), s.id.as_str()),
                label: format!("{} · {}", section_number(s), s.title),
                text: s.subtitle.clone().unwrap_or_default(),
            })
            .collect();
        let items: Vec<Quote> = corpus
            .items
            .iter()
            .filter(|i| i.congress == congress.id && i.themes.contains(&theme.id))
            .map(|i| Quote {
                href: in_motion(i.motion.as_str(), i.id.as_str()),
                label: format!(
                    "{} {}",
                    i.kind.label(),
                    corpus.section(i.section.as_str()).map_or_else(
                        || item_number(i),
                        |s| format!("{}.{}", s.position, item_number(i))
                    )
                ),
                text: i.text.clone(),
            })
            .collect();
        if sections.is_empty() && items.is_empty() {
            silent.push(congress.year);
            continue;
        }
        years.push(YearColumn {
            year: congress.year,
            motion: congress
                .motion
                .as_ref()
                .and_then(|id| corpus.motion(id.as_str()))
                .map(|m| Link {
                    href: path("motion", m.id.as_str()),
                    label: m.title.clone(),
                }),
            sections,
            items,
        });
    }
    let page = ThemePage {
        head: head(
            theme.label.clone(),
            format!(
                "{} : ce qu'en a dit chaque édition du Congrès.",
                theme.label
            ),
            alternates,
            "",
        ),
        label: theme.label.clone(),
        definition: theme.definition.clone(),
        broader: theme
            .broader
            .as_ref()
            .and_then(|id| corpus.theme(id.as_str()))
            .map(|t| Link {
                href: path("theme", t.id.as_str()),
                label: t.label.clone(),
            }),
        narrower: corpus
            .themes
            .iter()
            .filter(|t| t.broader.as_ref() == Some(&theme.id))
            .map(|t| Link {
                href: path("theme", t.id.as_str()),
                label: t.label.clone(),
            })
            .collect(),
        years,
        silent,
    };
    render(&page).map(Some)
}

/// A role of a person as printed, with where and when.
pub struct RoleView {
    pub year: String,
    pub edition: Link,
    pub named: Named,
    pub section: Option<Link>,
    pub source: Option<Link>,
}

#[derive(Template)]
#[template(path = "person.html")]
struct PersonPage {
    head: Head,
    name: String,
    roles: Vec<RoleView>,
}

pub fn person(
    state: &AppState,
    key: &str,
    alternates: Vec<Alternate>,
) -> Result<Option<String>, ApiError> {
    let corpus = &state.corpus;
    let Some(person) = corpus.person(key) else {
        return Ok(None);
    };
    let roles = corpus
        .roles_of(&person.id)
        .map(|role| RoleView {
            year: role.congress.to_string(),
            edition: Link {
                href: path("congress", role.congress.as_str()),
                label: corpus
                    .congress(role.congress.as_str())
                    .map_or_else(|| role.congress.to_string(), |c| c.name()),
            },
            section: role
                .section
                .as_ref()
                .and_then(|id| corpus.section(id.as_str()))
                .map(|s| Link {
                    href: in_motion(s.motion.as_str(), s.id.as_str()),
                    label: s.title.clone(),
                }),
            source: corpus.source(role.source.as_str()).map(|s| Link {
                href: path("source", s.id.as_str()),
                label: s.title.clone(),
            }),
            named: Named::new(corpus, role),
        })
        .collect();
    let page = PersonPage {
        head: head(
            person.name.clone(),
            format!(
                "{} : ses fonctions telles qu'imprimées dans les documents du Congrès.",
                person.name
            ),
            alternates,
            "",
        ),
        name: person.name.clone(),
        roles,
    };
    render(&page).map(Some)
}

#[derive(Template)]
#[template(path = "organization.html")]
struct OrganizationPage {
    head: Head,
    name: String,
    kind: &'static str,
    /// (label, code, link to the official page of the code).
    codes: Vec<(&'static str, String, String)>,
    department: Option<String>,
    website: Option<String>,
    people: Vec<Named>,
    hosted: Vec<Link>,
    partnered: Vec<Link>,
}

pub fn organization(
    state: &AppState,
    key: &str,
    alternates: Vec<Alternate>,
) -> Result<Option<String>, ApiError> {
    let corpus = &state.corpus;
    let Some(o) = corpus.organization(key) else {
        return Ok(None);
    };
    let mut codes = Vec::new();
    if let Some(code) = &o.insee_code {
        // INSEE's "dossier complet" of a commune, addressed by its code officiel géographique.
        codes.push((
            "Code INSEE (COG)",
            code.clone(),
            format!("https://www.insee.fr/fr/statistiques/2011101?geo=COM-{code}"),
        ));
    }
    if let Some(siren) = &o.siren {
        // The State's public directory of legal entities, addressed by SIREN.
        codes.push((
            "SIREN",
            siren.clone(),
            format!("https://annuaire-entreprises.data.gouv.fr/entreprise/{siren}"),
        ));
        if o.kind == OrganizationKind::Epci {
            codes.push((
                "Dossier INSEE de l'intercommunalité",
                siren.clone(),
                format!("https://www.insee.fr/fr/statistiques/2011101?geo=EPCI-{siren}"),
            ));
        }
    }
    let edition = |c: &crate::corpus::Congress| Link {
        href: path("congress", c.id.as_str()),
        label: c.name(),
    };
    let page = OrganizationPage {
        head: head(
            o.name.clone(),
            format!(
                "{} : {}, codes officiels et mentions dans les documents du Congrès.",
                o.name,
                o.kind.label()
            ),
            alternates,
            "",
        ),
        name: o.name.clone(),
        kind: o.kind.label(),
        codes,
        department: (!o.departments.is_empty()).then(|| o.departments.join(", ")),
        website: o.website.clone(),
        people: {
            // The roles that state a position held here, once each, in corpus order.
            let mut roles: Vec<&crate::corpus::RoleId> = corpus
                .positions
                .iter()
                .filter(|p| p.organization.as_ref() == Some(&o.id))
                .map(|p| &p.role)
                .collect();
            roles.dedup();
            roles
                .into_iter()
                .filter_map(|id| corpus.role(id.as_str()))
                .map(|r| Named::new(corpus, r))
                .collect()
        },
        hosted: corpus
            .congresses
            .iter()
            .filter(|c| c.place.as_ref() == Some(&o.id))
            .map(edition)
            .collect(),
        partnered: corpus
            .congresses
            .iter()
            .filter(|c| c.workshop_partners.contains(&o.id))
            .map(edition)
            .collect(),
    };
    render(&page).map(Some)
}

#[derive(Template)]
#[template(path = "source.html")]
struct SourcePage {
    head: Head,
    title: String,
    kind: &'static str,
    edition: Link,
    /// The copy kept in the repository, if any (none for a third party's text).
    file: Option<String>,
    original_name: String,
    sha256: String,
    copy_sha256: Option<String>,
    size: Option<String>,
    redactions: Vec<(u32, String)>,
    description: String,
    republishable: bool,
    omitted: Vec<(u32, u32, String)>,
    texts: Vec<Link>,
}

pub fn source(
    state: &AppState,
    key: &str,
    alternates: Vec<Alternate>,
) -> Result<Option<String>, ApiError> {
    let corpus = &state.corpus;
    let Some(s) = corpus.source(key) else {
        return Ok(None);
    };
    let mut texts: Vec<Link> = corpus
        .motions
        .iter()
        .filter(|m| m.source == s.id)
        .map(|m| Link {
            href: path("motion", m.id.as_str()),
            label: m.title.clone(),
        })
        .collect();
    texts.extend(
        corpus
            .congresses
            .iter()
            .filter(|c| c.source == s.id)
            .map(|c| Link {
                href: path("congress", c.id.as_str()),
                label: c.name(),
            }),
    );
    let page = SourcePage {
        head: head(
            s.title.clone(),
            format!("{} : document source, empreinte et provenance.", s.title),
            alternates,
            "",
        ),
        title: s.title.clone(),
        kind: s.kind.label(),
        edition: Link {
            href: path("congress", s.congress.as_str()),
            label: corpus
                .congress(s.congress.as_str())
                .map_or_else(|| s.congress.to_string(), |c| c.name()),
        },
        file: s.file.clone(),
        original_name: s.original_name.clone(),
        sha256: s.sha256.clone(),
        copy_sha256: s.copy_sha256.clone(),
        size: s.byte_size.map(size_label),
        redactions: s
            .redactions
            .iter()
            .map(|r| (r.line, r.reason.clone()))
            .collect(),
        description: s.description.clone(),
        republishable: s.republishable,
        omitted: s
            .omitted
            .iter()
            .map(|o| (o.first_line, o.last_line, o.reason.clone()))
            .collect(),
        texts,
    };
    render(&page).map(Some)
}
