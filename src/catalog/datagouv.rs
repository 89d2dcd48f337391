//! The dataset's metadata as data.gouv.fr's API expects it (`POST /api/1/datasets/`, then one
//! resource per file), written by `export` so that a publish step has nothing left to decide and
//! every item of data.gouv.fr's quality score is met: licence, temporal and spatial coverage,
//! frequency, a description over 100 characters, open formats, documentation resources.

use serde_json::{Value, json};

use super::{PublishedFile, temporal_coverage};
use crate::catalog::FileFormat;
use crate::corpus::Corpus;
use crate::publication::Publication;
use crate::text::ascii_fold;

/// data.gouv.fr's resource types.
fn resource_type(file: &PublishedFile) -> &'static str {
    match file.format() {
        FileFormat::Markdown | FileFormat::Text => "documentation",
        _ if file.path == "datapackage.json" => "documentation",
        _ => "main",
    }
}

/// `"Villes Internet"` → `"villes-internet"`: data.gouv.fr tags are lowercase slugs.
fn tag(keyword: &str) -> String {
    let folded = ascii_fold(keyword);
    let mut slug = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

pub fn metadata(publication: &Publication, corpus: &Corpus, files: &[PublishedFile]) -> Value {
    let base = &publication.base_url;
    let temporal =
        temporal_coverage(corpus).map(|(start, end)| json!({ "start": start, "end": end }));
    let editions: Vec<String> = corpus
        .congresses
        .iter()
        .map(|c| format!("- {} ({})", c.name(), c.motion_status().label()))
        .collect();
    let description = format!(
        "{}\n\n## Éditions couvertes\n\n{}\n\n## Fichiers\n\nCSV (une table par entité, tables de liens pour les relations multiples), JSON (le corpus imbriqué et son JSON Schema), RDF (Turtle, N-Triples, JSON-LD, RDF/XML), Data Package Frictionless et schémas Table Schema. Le détail des colonnes est dans le README.md du jeu de données.\n\n## API\n\n{base}/api/v1/ — documentation : {base}/swagger-ui/\n\n## Licence\n\n{} ({})",
        publication.description,
        editions.join("\n"),
        publication.license.title,
        publication.license.url,
    );
    let mut resources: Vec<Value> = files
        .iter()
        .map(|file| {
            let format = file.format();
            let mut resource = json!({
                "title": file.path,
                "description": format!("{} — {}", file.title, file.description),
                "type": resource_type(file),
                "filetype": "remote",
                "url": format!("{base}/exports/{}", file.path),
                "format": format.label(),
                "mime": format.media_type(),
                "filesize": file.byte_size,
                "checksum": { "type": "sha256", "value": file.sha256 },
            });
            if let Some(schema) = &file.conforms_to {
                resource["schema"] = json!({ "url": format!("{base}/{schema}") });
            }
            resource
        })
        .collect();
    resources.push(json!({
        "title": "API v1",
        "description": "API HTTP documentée (OpenAPI 3.1) : mêmes données en JSON, CSV et JSON Lines, recherche plein texte.",
        "type": "api",
        "filetype": "remote",
        "url": format!("{base}/api/v1/"),
        "format": "json",
        "mime": "application/json",
    }));
    json!({
        "dataset": {
            "title": publication.title,
            "description": description,
            "license": publication.license.udata_id,
            "frequency": "annual",
            "temporal_coverage": temporal,
            "spatial": { "zones": ["country:fr"], "granularity": "country" },
            "tags": publication.keywords.iter().map(|k| tag(k)).collect::<Vec<_>>(),
            "private": false,
            "extras": { "identifier": publication.identifier, "version": publication.version },
        },
        "resources": resources,
    })
}

#[cfg(test)]
mod tests {
    use super::tag;

    #[test]
    fn tags_are_lowercase_ascii_slugs() {
        assert_eq!(tag("Villes Internet"), "villes-internet");
        assert_eq!(tag("sobriété numérique"), "sobriete-numerique");
    }
}
