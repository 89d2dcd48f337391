//! `/recherche`: the search page. The same engine as `/api/v1/search` (`api::search`), with
//! facets (edition, kind, theme) counted over every match, and each hit linking to its place
//! in its motion.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::api::error::ApiError;
use crate::api::query::QueryParams;
use crate::api::search::{Hit, KINDS};
use crate::api::state::AppState;
use crate::corpus::{Corpus, ThemeId};
use crate::site::view::path;
use crate::site::{Head, respond};

/// Hits per page.
const PAGE_SIZE: u32 = 20;
/// Most hits read when a theme filter is applied after the engine's ranking.
const THEME_FILTER_LIMIT: u32 = 2000;

/// The French name of each kind of [`KINDS`], plural for the facet.
fn kind_label(kind: &str) -> &'static str {
    match kind {
        "congress" => "Éditions",
        "motion" => "Motions",
        "part" => "Parties",
        "section" => "Sections",
        "item" => "Propositions et engagements",
        "footnote" => "Notes",
        "theme" => "Thèmes",
        _ => "Autres",
    }
}

/// The filters of a search, as given.
#[derive(Debug, Default, Clone)]
struct Filters {
    kind: Option<String>,
    congress: Option<String>,
    theme: Option<String>,
}

/// One match, located: what facets count.
struct Match<'a> {
    kind: &'static str,
    congress: Option<&'a str>,
    themes: &'a [ThemeId],
}

fn located<'a>(corpus: &'a Corpus, kind: &'static str, position: usize) -> Match<'a> {
    let motion_congress = |motion: &str| corpus.motion(motion).map(|m| m.congress.as_str());
    let (congress, themes): (Option<&str>, &[ThemeId]) = match kind {
        "congress" => (corpus.congresses.get(position).map(|c| c.id.as_str()), &[]),
        "motion" => (
            corpus.motions.get(position).map(|m| m.congress.as_str()),
            &[],
        ),
        "part" => (
            corpus
                .parts
                .get(position)
                .and_then(|p| motion_congress(p.motion.as_str())),
            &[],
        ),
        "section" => match corpus.sections.get(position) {
            Some(s) => (Some(s.congress.as_str()), &s.themes),
            None => (None, &[]),
        },
        "item" => match corpus.items.get(position) {
            Some(i) => (Some(i.congress.as_str()), &i.themes),
            None => (None, &[]),
        },
        "footnote" => (
            corpus
                .footnotes
                .get(position)
                .and_then(|f| motion_congress(f.motion.as_str())),
            &[],
        ),
        _ => (None, &[]),
    };
    Match {
        kind,
        congress,
        themes,
    }
}

impl Filters {
    fn keeps(&self, m: &Match, except: &str) -> bool {
        (except == "type" || self.kind.as_deref().is_none_or(|k| k == m.kind))
            && (except == "congress"
                || self.congress.is_none()
                || self.congress.as_deref() == m.congress)
            && (except == "theme"
                || self
                    .theme
                    .as_deref()
                    .is_none_or(|t| m.themes.iter().any(|id| id.as_str() == t)))
    }

    /// The query string of this search with `name` set to `value` (or removed), from page 1.
    fn href(&self, q: &str, name: &str, value: Option<&str>) -> String {
        let mut pairs: Vec<(&str, &str)> = vec![("q", q)];
        for (key, current) in [
            ("type", &self.kind),
            ("congress", &self.congress),
            ("theme", &self.theme),
        ] {
            let v = if key == name {
                value
            } else {
                current.as_deref()
            };
            if let Some(v) = v {
                pairs.push((key, v));
            }
        }
        format!(
            "/recherche?{}",
            serde_urlencoded::to_string(pairs).unwrap_or_default()
        )
    }
}

/// A value of a facet: its label, count, link, and whether it is the current filter.
pub struct FacetValue {
    pub label: String,
    pub count: usize,
    pub href: String,
    pub selected: bool,
}

pub struct Facet {
    pub id: &'static str,
    pub title: &'static str,
    pub values: Vec<FacetValue>,
    /// The link that removes this facet's filter, when one is set.
    pub clear: Option<String>,
}

/// A hit as the page shows it.
pub struct HitView {
    pub kind: &'static str,
    pub label: String,
    pub href: String,
    pub congress: Option<String>,
    /// HTML from the engine: the matched words in `<mark>`, every other character escaped.
    pub snippet: String,
}

pub struct Pager {
    pub previous: Option<String>,
    pub next: Option<String>,
    pub page: u32,
    pub last: u32,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    head: Head,
    q: String,
    searched: bool,
    total: usize,
    first: usize,
    hits: Vec<HitView>,
    facets: Vec<Facet>,
    filtered: bool,
    clear_all: String,
    pager: Option<Pager>,
}

/// Where a hit is read: its anchor in its motion for the parts of a motion.
fn hit_href(corpus: &Corpus, hit: &Hit) -> String {
    let in_motion = |motion: &str| format!("{}#{}", path("motion", motion), hit.id);
    match hit.kind.as_str() {
        "item" => corpus.item(&hit.id).map(|i| in_motion(i.motion.as_str())),
        "section" => corpus
            .section(&hit.id)
            .map(|s| in_motion(s.motion.as_str())),
        "part" => corpus.part(&hit.id).map(|p| in_motion(p.motion.as_str())),
        "footnote" => corpus
            .footnotes
            .iter()
            .find(|f| f.id == hit.id)
            .map(|f| in_motion(f.motion.as_str())),
        _ => None,
    }
    .unwrap_or_else(|| path(&hit.kind, &hit.id))
}

fn hit_themes<'a>(corpus: &'a Corpus, hit: &Hit) -> &'a [ThemeId] {
    match hit.kind.as_str() {
        "item" => corpus.item(&hit.id).map_or(&[], |i| &i.themes),
        "section" => corpus.section(&hit.id).map_or(&[], |s| &s.themes),
        _ => &[],
    }
}

/// A filter's value, empty meaning absent (what an empty form field sends).
fn param(query: &QueryParams, name: &str) -> Option<String> {
    query
        .get(name)
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

fn check(name: &str, value: &Option<String>, allowed: Vec<String>) -> Result<(), ApiError> {
    match value {
        Some(v) if !allowed.contains(v) => {
            Err(ApiError::invalid(name, v, "valeur inconnue", allowed))
        }
        _ => Ok(()),
    }
}

/// `/recherche?q=…&type=…&congress=…&theme=…&page=…`
pub async fn page(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let names = ["q", "type", "congress", "theme", "page"].map(str::to_string);
    let query = QueryParams::parse(&req, &[names.to_vec()])?;
    let corpus = &state.corpus;
    let filters = Filters {
        kind: param(&query, "type"),
        congress: param(&query, "congress"),
        theme: param(&query, "theme"),
    };
    check("type", &filters.kind, KINDS.map(str::to_string).to_vec())?;
    check(
        "congress",
        &filters.congress,
        corpus.congresses.iter().map(|c| c.id.to_string()).collect(),
    )?;
    check(
        "theme",
        &filters.theme,
        corpus.themes.iter().map(|t| t.id.to_string()).collect(),
    )?;
    let page_number = query
        .integer("page", 1, crate::api::pagination::MAX_PAGE)?
        .unwrap_or(1);
    let q = match param(&query, "q") {
        Some(_) => query.text("q")?.unwrap_or_default(),
        None => String::new(),
    };
    let mut page = SearchPage {
        head: Head::new(
            if q.is_empty() {
                "Recherche".to_string()
            } else {
                format!("« {q} » — Recherche")
            },
            "Chercher dans tous les textes des motions, de toutes les éditions.",
        )
        .in_menu("search"),
        q: q.clone(),
        searched: !q.is_empty(),
        total: 0,
        first: 1,
        hits: Vec::new(),
        facets: Vec::new(),
        filtered: filters.kind.is_some() || filters.congress.is_some() || filters.theme.is_some(),
        clear_all: filters.href(&q, "", None),
        pager: None,
    };
    if q.is_empty() {
        return respond(&req, &page);
    }
    page.clear_all = format!(
        "/recherche?{}",
        serde_urlencoded::to_string([("q", &q)]).unwrap_or_default()
    );

    // Every match, located, for the facets (the engine's own matching, without snippets).
    let mut matches = Vec::new();
    for kind in KINDS {
        for position in state
            .search
            .matching_positions(&q, kind)
            .map_err(ApiError::internal)?
        {
            matches.push(located(corpus, kind, position));
        }
    }
    let count = |except: &str, keep: &dyn Fn(&Match) -> bool| {
        matches
            .iter()
            .filter(|m| filters.keeps(m, except) && keep(m))
            .count()
    };
    let total = count("", &|_| true);
    let kinds = KINDS
        .iter()
        .map(|&kind| FacetValue {
            label: kind_label(kind).to_string(),
            count: count("type", &|m| m.kind == kind),
            href: filters.href(&q, "type", Some(kind)),
            selected: filters.kind.as_deref() == Some(kind),
        })
        .filter(|v| v.count > 0 || v.selected)
        .collect();
    let editions = corpus
        .congresses
        .iter()
        .map(|c| FacetValue {
            label: c.year.to_string(),
            count: count("congress", &|m| m.congress == Some(c.id.as_str())),
            href: filters.href(&q, "congress", Some(c.id.as_str())),
            selected: filters.congress.as_deref() == Some(c.id.as_str()),
        })
        .filter(|v| v.count > 0 || v.selected)
        .collect();
    let themes = corpus
        .themes
        .iter()
        .map(|t| FacetValue {
            label: t.label.clone(),
            count: count("theme", &|m| m.themes.contains(&t.id)),
            href: filters.href(&q, "theme", Some(t.id.as_str())),
            selected: filters.theme.as_deref() == Some(t.id.as_str()),
        })
        .filter(|v| v.count > 0 || v.selected)
        .collect();
    page.facets = vec![
        Facet {
            id: "facet-edition",
            title: "Édition",
            values: editions,
            clear: filters
                .congress
                .as_ref()
                .map(|_| filters.href(&q, "congress", None)),
        },
        Facet {
            id: "facet-type",
            title: "Nature du texte",
            values: kinds,
            clear: filters
                .kind
                .as_ref()
                .map(|_| filters.href(&q, "type", None)),
        },
        Facet {
            id: "facet-theme",
            title: "Thème",
            values: themes,
            clear: filters
                .theme
                .as_ref()
                .map(|_| filters.href(&q, "theme", None)),
        },
    ];

    // The page of hits, ranked by the engine (BM25). A theme is not a field of the index: the
    // engine's ranking is filtered by theme here.
    let hits: Vec<Hit> = match &filters.theme {
        None => {
            state
                .search
                .search(
                    &q,
                    filters.kind.as_deref(),
                    filters.congress.as_deref(),
                    page_number,
                    PAGE_SIZE,
                )
                .map_err(ApiError::internal)?
                .hits
        }
        Some(theme) => {
            let all = state
                .search
                .search(
                    &q,
                    filters.kind.as_deref(),
                    filters.congress.as_deref(),
                    1,
                    THEME_FILTER_LIMIT,
                )
                .map_err(ApiError::internal)?
                .hits;
            let start = (page_number as usize - 1) * PAGE_SIZE as usize;
            all.into_iter()
                .filter(|hit| hit_themes(corpus, hit).iter().any(|t| t.as_str() == theme))
                .skip(start)
                .take(PAGE_SIZE as usize)
                .collect()
        }
    };
    page.total = total;
    page.first = (page_number as usize - 1) * PAGE_SIZE as usize + 1;
    page.hits = hits
        .iter()
        .map(|hit| HitView {
            kind: KINDS
                .iter()
                .position(|k| *k == hit.kind)
                .map_or("", |i| kind_singular(KINDS[i])),
            label: hit.label.clone(),
            href: hit_href(corpus, hit),
            congress: hit.congress.clone(),
            snippet: hit.snippet.clone(),
        })
        .collect();
    let last = total.div_ceil(PAGE_SIZE as usize).max(1) as u32;
    if last > 1 {
        let at = |n: u32| {
            let base = filters.href(&q, "", None);
            format!("{base}&page={n}")
        };
        page.pager = Some(Pager {
            previous: (page_number > 1).then(|| at(page_number - 1)),
            next: (page_number < last).then(|| at(page_number + 1)),
            page: page_number,
            last,
        });
    }
    respond(&req, &page)
}

fn kind_singular(kind: &str) -> &'static str {
    match kind {
        "congress" => "Édition",
        "motion" => "Motion",
        "part" => "Partie",
        "section" => "Section",
        "item" => "Proposition ou engagement",
        "footnote" => "Note",
        "theme" => "Thème",
        _ => "",
    }
}
