//! What every page shares: its head (title, description, alternates, JSON-LD), links to
//! entities, and the people named with their roles as printed.

use crate::corpus::{Corpus, Role, ThemeId};

/// The `<head>` of a page.
#[derive(Debug, Default)]
pub struct Head {
    /// The page's own title (the site's name is added after it).
    pub title: String,
    pub description: String,
    /// Other representations of the page's resource, announced with `<link rel="alternate">`.
    pub alternates: Vec<Alternate>,
    /// schema.org JSON-LD, already serialised and made safe for a `<script>` data block.
    pub json_ld: Option<String>,
    /// Which entry of the main menu is the current page (`aria-current`).
    pub section: &'static str,
}

impl Head {
    pub fn new(title: impl Into<String>, description: impl Into<String>) -> Self {
        Head {
            title: title.into(),
            description: description.into(),
            ..Head::default()
        }
    }

    pub fn in_menu(mut self, section: &'static str) -> Self {
        self.section = section;
        self
    }
}

/// Another representation of a resource.
#[derive(Debug, Clone)]
pub struct Alternate {
    pub label: &'static str,
    pub media_type: &'static str,
    pub href: String,
}

/// A link with its text.
#[derive(Debug, Clone)]
pub struct Link {
    pub href: String,
    pub label: String,
}

/// The site's path of an entity's IRI (`/id/{entity}/{key}`): links stay on the host that
/// served the page, whatever the publication's base URL.
pub fn path(entity: &str, key: &str) -> String {
    format!("/id/{entity}/{key}")
}

/// Links to themes, labelled.
pub fn theme_links(corpus: &Corpus, themes: &[ThemeId]) -> Vec<Link> {
    themes
        .iter()
        .map(|id| Link {
            href: path("theme", id.as_str()),
            label: corpus
                .theme(id.as_str())
                .map_or_else(|| id.to_string(), |t| t.label.clone()),
        })
        .collect()
}

/// A person as named in an edition: their name, their role as printed, the positions it states
/// and the territory of their mandate.
#[derive(Debug, Clone)]
pub struct Named {
    pub person: Link,
    pub as_printed: String,
    pub capacity: &'static str,
    pub positions: Vec<PositionView>,
    pub territory: Option<Link>,
    /// The code of the territory (INSEE code of a commune, SIREN of an intercommunalité).
    pub code: Option<String>,
}

/// One position a printed role states (an office at the association, a mandate, another
/// function): its kind, its title as printed, where it is held.
#[derive(Debug, Clone)]
pub struct PositionView {
    pub kind: &'static str,
    pub title: String,
    pub organization: Option<Link>,
}

impl Named {
    pub fn new(corpus: &Corpus, role: &Role) -> Self {
        let person = Link {
            href: path("person", role.person.as_str()),
            label: corpus
                .person(role.person.as_str())
                .map_or_else(|| role.person.to_string(), |p| p.name.clone()),
        };
        let positions: Vec<&crate::corpus::Position> = corpus.positions_of(&role.id).collect();
        // The territory is where the role's mandate is held (an office is held at the association).
        let organization = positions
            .iter()
            .filter(|p| p.kind == crate::corpus::codes::PositionKind::Mandate)
            .find_map(|p| p.organization.as_ref())
            .and_then(|id| corpus.organization(id.as_str()));
        Named {
            person,
            as_printed: role.as_printed.clone(),
            capacity: role.capacity.label(),
            positions: positions
                .iter()
                .map(|p| PositionView {
                    kind: p.kind.label(),
                    title: p.title.clone(),
                    organization: p
                        .organization
                        .as_ref()
                        .and_then(|id| corpus.organization(id.as_str()))
                        .map(|o| Link {
                            href: path("organization", o.id.as_str()),
                            label: p
                                .organization_as_printed
                                .clone()
                                .unwrap_or_else(|| o.name.clone()),
                        }),
                })
                .collect(),
            territory: organization.map(|o| Link {
                href: path("organization", o.id.as_str()),
                label: o.name.clone(),
            }),
            code: organization.and_then(|o| o.insee_code.clone().or_else(|| o.siren.clone())),
        }
    }
}

/// A count with its printed words: "248 contributions".
pub fn count_label(count: &Option<crate::corpus::Count>) -> Option<String> {
    count.as_ref().map(|c| c.as_printed.clone())
}

/// A byte size in French units: "26,3 ko".
pub fn size_label(bytes: u64) -> String {
    if bytes < 1000 {
        return format!("{bytes} octets");
    }
    let (value, unit) = if bytes < 1_000_000 {
        (bytes as f64 / 1000.0, "ko")
    } else {
        (bytes as f64 / 1_000_000.0, "Mo")
    };
    format!("{value:.1} {unit}").replace('.', ",")
}

/// JSON for a `<script type="application/ld+json">` block: `<`, `>` and `&` as JSON escapes,
/// so no text of the data can close the element.
pub fn script_json(value: &serde_json::Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
