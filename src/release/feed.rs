//! The Atom feed of the changes (RFC 4287): one entry per release, newest first, with its note
//! and what changed since the release before it (the French text of [`super::Diff`]). Written
//! from an askama template, which escapes every value for XML. Dates are release dates, never
//! the clock: the feed only changes when a release is made.

use askama::Template;

use super::{History, ReleaseError};
use crate::publication::Publication;

/// The feed's path on the service.
pub const PATH: &str = "/feeds/changes.atom";
/// Its media type.
pub const MEDIA_TYPE: &str = "application/atom+xml";

#[derive(Template)]
#[template(
    ext = "xml",
    source = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <id>{{ id }}</id>
  <title>{{ title }}</title>
  <subtitle>Une entrée par version publiée du jeu de données, avec les fichiers et les enregistrements qui ont changé.</subtitle>
  <updated>{{ updated }}</updated>
  <author>
    <name>{{ author }}</name>
    <uri>{{ author_uri }}</uri>
  </author>
  <link rel="self" type="application/atom+xml" href="{{ self_url }}"/>
  <link rel="alternate" type="application/json" href="{{ releases_url }}"/>
  <rights>{{ rights }}</rights>
{%- for entry in entries %}
  <entry>
    <id>{{ entry.id }}</id>
    <title>{{ entry.title }}</title>
    <updated>{{ entry.updated }}</updated>
    <published>{{ entry.updated }}</published>
    <link rel="alternate" type="application/json" href="{{ entry.url }}"/>
    <link rel="related" type="application/json" href="{{ entry.changes_url }}"/>
    <summary type="text">{{ entry.summary }}</summary>
    <content type="text">{{ entry.content }}</content>
  </entry>
{%- endfor %}
</feed>
"#
)]
struct Feed {
    id: String,
    title: String,
    updated: String,
    author: String,
    author_uri: String,
    self_url: String,
    releases_url: String,
    rights: String,
    entries: Vec<Entry>,
}

struct Entry {
    id: String,
    title: String,
    updated: String,
    url: String,
    changes_url: String,
    summary: String,
    content: String,
}

/// RFC 3339 for a release day: midnight UTC.
fn day(date: jiff::civil::Date) -> String {
    format!("{date}T00:00:00Z")
}

/// The feed of every release in `history`. Links use `publication.base_url` (the service's),
/// ids the published base, so an entry keeps its id wherever the feed is read from.
pub fn atom(history: &History, publication: &Publication) -> Result<String, ReleaseError> {
    let base = &publication.base_url;
    let mut entries = Vec::new();
    for manifest in history.releases().iter().rev() {
        let diff = history.changes_of(manifest.version)?;
        let summary = if manifest.note.is_empty() {
            format!(
                "Version {} : {} enregistrement(s) et {} fichier(s) modifiés.",
                manifest.version,
                diff.record_count(),
                diff.files.len()
            )
        } else {
            manifest.note.clone()
        };
        entries.push(Entry {
            id: format!(
                "{}/releases/{}/",
                publication.published_base_url, manifest.version
            ),
            title: format!("Version {} du {}", manifest.version, manifest.date),
            updated: day(manifest.date),
            url: format!("{base}/api/v1/releases/{}", manifest.version),
            changes_url: match manifest.previous {
                Some(previous) => format!("{base}/api/v1/changes?since={previous}"),
                None => format!("{base}/api/v1/releases/{}", manifest.version),
            },
            summary,
            content: diff.to_text(),
        });
    }
    let updated = history.latest().map_or_else(
        || format!("{}T00:00:00Z", publication.modified),
        |m| day(m.date),
    );
    let feed = Feed {
        id: format!("{}{PATH}", publication.published_base_url),
        title: format!("{} : versions et changements", publication.title),
        updated,
        author: publication.publisher.name.clone(),
        author_uri: publication.publisher.url.clone(),
        self_url: format!("{base}{PATH}"),
        releases_url: format!("{base}/api/v1/releases"),
        rights: publication.license.title.clone(),
        entries,
    };
    feed.render()
        .map_err(|e| ReleaseError::Unreadable(PATH.to_string(), e.to_string()))
}
