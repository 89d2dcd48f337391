//! `/telechargements`: every published file with its format, size, SHA-256, schema, licence and
//! what it holds; the API and the catalogue; how to cite the dataset; and the dataset described
//! for search engines (schema.org `Dataset` in JSON-LD, from the same metadata as the DCAT
//! catalogue: title, description, licence, publisher, keywords, temporal coverage, files).

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde_json::json;

use crate::api::error::ApiError;
use crate::api::query::QueryParams;
use crate::api::routes::exports::list_files;
use crate::api::state::AppState;
use crate::catalog::{FileFormat, temporal_coverage};
use crate::site::view::{script_json, size_label};
use crate::site::{Head, respond};

/// One published file as the page lists it.
pub struct FileView {
    pub path: String,
    pub href: String,
    pub format: &'static str,
    pub size: String,
    pub bytes: u64,
    pub sha256: String,
    pub schema: Option<String>,
    pub description: String,
}

/// The descriptions of files that `datagouv.json` (written by `export`) does not carry: the
/// catalogue describes the others, and not itself.
fn own_description(path: &str) -> &'static str {
    match path {
        "SHA256SUMS" => {
            "L'empreinte SHA-256 de chaque fichier, à vérifier avec « sha256sum -c SHA256SUMS »."
        }
        "datagouv.json" => {
            "Les métadonnées du jeu de données et de ses fichiers, au format de l'API de data.gouv.fr."
        }
        p if p.starts_with("catalog.") => {
            "Le catalogue DCAT-AP 3.0.1 du jeu de données : chaque fichier avec son adresse, sa taille, son format, son empreinte, sa licence et son schéma."
        }
        _ => "",
    }
}

#[derive(Template)]
#[template(path = "downloads.html")]
struct DownloadsPage {
    head: Head,
    groups: Vec<(&'static str, Vec<FileView>)>,
    license_title: String,
    license_url: String,
    citation: String,
    version: String,
}

/// The path on this site of a URL of the publication (`…/schemas/x.json` → `/schemas/x.json`).
fn local(url: &str, marker: &str) -> Option<String> {
    url.find(marker).map(|at| url[at..].to_string())
}

pub async fn page(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    QueryParams::parse(&req, &[])?;
    let worker = state.clone();
    let (files, described) = web::block(move || {
        let files = list_files(&worker)?;
        // What `export` says of each file, if the exports carry it.
        let described: serde_json::Value = std::fs::read(worker.exports_dir.join("datagouv.json"))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        std::io::Result::Ok((files, described))
    })
    .await
    .map_err(ApiError::internal)?
    .map_err(ApiError::internal)?;
    let resources = described["resources"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let views: Vec<FileView> = files
        .iter()
        .map(|file| {
            let resource = resources
                .iter()
                .find(|r| r["title"].as_str() == Some(file.path.as_str()));
            let description = resource
                .and_then(|r| r["description"].as_str())
                .map(str::to_string)
                .unwrap_or_else(|| own_description(&file.path).to_string());
            FileView {
                href: local(&file.url, "/exports/").unwrap_or_else(|| file.url.clone()),
                format: FileFormat::from_path(&file.path).label(),
                size: size_label(file.size),
                bytes: file.size,
                sha256: file.sha256.clone(),
                schema: resource
                    .and_then(|r| r["schema"]["url"].as_str())
                    .and_then(|url| local(url, "/schemas/")),
                description,
                path: file.path.clone(),
            }
        })
        .collect();
    let mut groups: Vec<(&'static str, Vec<FileView>)> = vec![
        ("Tableurs (CSV)", Vec::new()),
        ("JSON", Vec::new()),
        ("RDF (données liées)", Vec::new()),
        ("Catalogue, documentation et intégrité", Vec::new()),
    ];
    for view in views {
        let group = if view.path.starts_with("csv/") {
            0
        } else if view.path.starts_with("json/") {
            1
        } else if view.path.starts_with("rdf/") {
            2
        } else {
            3
        };
        groups[group].1.push(view);
    }
    groups.retain(|(_, files)| !files.is_empty());

    let publication = &state.publication;
    let dataset_iri = publication.iri("dataset", &publication.identifier);
    let distributions: Vec<serde_json::Value> = groups
        .iter()
        .flat_map(|(_, files)| files)
        .map(|f| {
            json!({
                "@type": "DataDownload",
                "name": f.path,
                "contentUrl": state.url(&f.href),
                "encodingFormat": crate::api::routes::exports::media_type(std::path::Path::new(&f.path)),
                "contentSize": format!("{} B", f.bytes),
                "sha256": f.sha256,
            })
        })
        .collect();
    let mut dataset = json!({
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "@id": dataset_iri,
        "identifier": publication.identifier,
        "name": publication.title,
        "description": publication.description,
        "url": state.url("/telechargements"),
        "keywords": publication.keywords,
        "license": publication.license.url,
        "isAccessibleForFree": true,
        "inLanguage": "fr",
        "version": publication.version,
        "datePublished": publication.issued,
        "dateModified": publication.modified,
        "spatialCoverage": "France",
        "creator": { "@type": "Organization", "name": publication.publisher.name, "url": publication.publisher.url },
        "publisher": { "@type": "Organization", "name": publication.publisher.name, "url": publication.publisher.url },
        "distribution": distributions,
    });
    if let Some((start, end)) = temporal_coverage(&state.corpus) {
        dataset["temporalCoverage"] = json!(format!("{start}/{end}"));
    }
    let citation = format!(
        "{}, « {} », version {}, {}. {} ({}).",
        publication.publisher.name,
        publication.title,
        publication.version,
        publication
            .modified
            .get(..4)
            .unwrap_or(&publication.modified),
        state.url("/telechargements"),
        publication.license.title
    );
    let page = DownloadsPage {
        head: Head {
            json_ld: Some(script_json(&dataset)),
            ..Head::new(
                "Téléchargements",
                "Toutes les données en CSV, JSON et RDF, avec leurs schémas, tailles et empreintes.",
            )
            .in_menu("downloads")
        },
        groups,
        license_title: publication.license.title.clone(),
        license_url: publication.license.url.clone(),
        citation,
        version: publication.version.clone(),
    };
    respond(&req, &page)
}
