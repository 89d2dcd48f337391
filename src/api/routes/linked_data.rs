//! Linked Data: every IRI `{base}/id/{type}/{key}` of the dumps answers here, with content
//! negotiation (Turtle, N-Triples, JSON-LD, RDF/XML, JSON, HTML), and the DCAT catalogue answers
//! at `/catalog`. No redirect anywhere: data.gouv.fr's harvester fails on any 3xx, and a client
//! following an IRI gets the description at once, with `Content-Location` naming the variant
//! (`{iri}.ttl`) that can be fetched directly.

use actix_web::http::header::{self, Header};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, web};
use oxrdf::{NamedOrBlankNode, Term, Triple};

use crate::api::caching::{Body, Reply};
use crate::api::error::ApiError;
use crate::api::negotiation::quality_of;
use crate::api::query::QueryParams;
use crate::api::routes::exports::resolve;
use crate::api::state::AppState;
use crate::catalog::{FileFormat, Profile};
use crate::html;
use crate::rdf::{self, RdfFormat};

/// A representation of a resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Representation {
    Rdf(RdfFormat),
    Json,
    Html,
}

impl Representation {
    /// Every representation of an entity, in the order preferred when a client accepts several
    /// equally (`*/*`): Turtle first, as Linked Data clients expect; browsers ask for HTML.
    pub const ALL: [Representation; 6] = [
        Representation::Rdf(RdfFormat::Turtle),
        Representation::Rdf(RdfFormat::JsonLd),
        Representation::Rdf(RdfFormat::NTriples),
        Representation::Rdf(RdfFormat::RdfXml),
        Representation::Json,
        Representation::Html,
    ];

    pub fn media_type(self) -> &'static str {
        match self {
            Representation::Rdf(format) => format.media_type(),
            Representation::Json => "application/json",
            Representation::Html => "text/html",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Representation::Rdf(RdfFormat::Turtle) => "text/turtle; charset=utf-8",
            Representation::Html => "text/html; charset=utf-8",
            other => other.media_type(),
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Representation::Rdf(format) => format.file_extension(),
            Representation::Json => "json",
            Representation::Html => "html",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Representation::Rdf(format) => format.name(),
            Representation::Json => "JSON",
            Representation::Html => "HTML",
        }
    }

    fn from_extension(extension: &str) -> Option<Self> {
        Representation::ALL
            .into_iter()
            .find(|r| r.extension() == extension)
    }
}

/// `2021-axis-1.2.ttl` → (`2021-axis-1.2`, Turtle). Keys never end in a format extension (they
/// end in digits or a slug), so the split is unambiguous.
fn split_extension(key: &str) -> (&str, Option<Representation>) {
    match key.rsplit_once('.') {
        Some((stem, extension)) => match Representation::from_extension(extension) {
            Some(representation) if !stem.is_empty() => (stem, Some(representation)),
            _ => (key, None),
        },
        None => (key, None),
    }
}

/// The representation to send: the one the URL's extension names, or the best the `Accept`
/// header takes among `offered` (the first on a tie or without header); 406 listing the offered
/// types when it takes none. Returns whether `Accept` decided (the answer then varies by it).
fn choose(
    req: &HttpRequest,
    explicit: Option<Representation>,
    offered: &[Representation],
) -> Result<(Representation, bool), ApiError> {
    let not_acceptable = || ApiError::NotAcceptable {
        available: offered.iter().map(|r| r.media_type().to_string()).collect(),
    };
    if let Some(representation) = explicit {
        return offered
            .contains(&representation)
            .then_some((representation, false))
            .ok_or_else(|| {
                ApiError::not_found("Ce format n'existe pas pour cette ressource.", None)
            });
    }
    let default = offered[0];
    let accept = match header::Accept::parse(req) {
        Ok(accept) if !accept.0.is_empty() => accept,
        _ => return Ok((default, true)),
    };
    let mut best: Option<(Representation, header::Quality)> = None;
    for &candidate in offered {
        let quality = quality_of(&accept, candidate.media_type());
        if quality > header::Quality::ZERO && best.is_none_or(|(_, q)| quality > q) {
            best = Some((candidate, quality));
        }
    }
    best.map(|(r, _)| (r, true)).ok_or_else(not_acceptable)
}

/// `Link` to every other representation of `iri`.
fn alternates(iri: &str, offered: &[Representation], chosen: Representation) -> String {
    offered
        .iter()
        .filter(|r| **r != chosen)
        .map(|r| {
            format!(
                "<{iri}.{}>; rel=\"alternate\"; type=\"{}\"",
                r.extension(),
                r.media_type()
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The answer for one resource, whatever the representation.
fn reply(
    req: &HttpRequest,
    iri: &str,
    offered: &[Representation],
    chosen: (Representation, bool),
    body: Vec<u8>,
    context: Option<String>,
) -> HttpResponse {
    let (representation, negotiated) = chosen;
    let mut links = alternates(iri, offered, representation);
    if let Some(context) = context {
        links.push_str(&format!(
            ", <{context}>; rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\""
        ));
    }
    let mut reply = Reply::new(representation.content_type(), Body::Full(Bytes::from(body)))
        .header(
            header::CONTENT_LOCATION,
            format!("{iri}.{}", representation.extension()),
        )
        .header(header::LINK, links);
    if negotiated {
        reply = reply.vary_accept();
    }
    reply.respond(req)
}

fn serialize(state: &AppState, triples: &[Triple], format: RdfFormat) -> Result<Vec<u8>, ApiError> {
    rdf::serialize(triples, format, state.base_url(), Vec::new()).map_err(ApiError::internal)
}

/// Description d'une entité (IRI)
///
/// L'IRI d'une entité du corpus (`/id/{type}/{clé}`, les mêmes dans l'API, les exports et le
/// catalogue) répond elle-même, sans redirection : Turtle, N-Triples, JSON-LD, RDF/XML, JSON ou
/// HTML selon l'en-tête Accept, ou selon l'extension ajoutée à la clé (`.ttl`, `.nt`, `.jsonld`,
/// `.rdf`, `.json`, `.html`). `Content-Location` nomme la variante envoyée.
#[utoipa::path(
    get,
    path = "/id/{type}/{key}",
    tag = "Données liées",
    operation_id = "getEntity",
    params(
        ("type" = String, Path, description = "Type d'entité : congress, motion, footnote, part, section, item, theme, person, role, organization, source, press-article (et theme-scheme, dataset, distribution, data-service, contact-point pour le catalogue).", example = "item"),
        ("key" = String, Path, description = "Clé de l'entité, éventuellement suivie d'une extension de format.", example = "2021-axis-1.2"),
    ),
    responses(
        (status = 200, description = "La description de l'entité.", content(
            ("text/turtle"), ("application/ld+json"), ("application/n-triples"),
            ("application/rdf+xml"), ("application/json"), ("text/html"))),
        (status = 400, response = crate::api::openapi::BadRequest),
        (status = 404, response = crate::api::openapi::NotFound),
        (status = 406, response = crate::api::openapi::NotAcceptable),
    )
)]
pub async fn entity(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    QueryParams::parse(&req, &[])?;
    let (entity, key) = path.into_inner();
    let (key, explicit) = split_extension(&key);
    let not_found = || {
        ApiError::not_found(
            format!("Aucune entité « {entity}/{key} »."),
            Some(state.url("/")),
        )
    };
    if let Some(view) = state
        .tables
        .all()
        .into_iter()
        .find(|v| v.table.meta().entity == entity)
    {
        let position = view.find(key).ok_or_else(not_found)?;
        let table = view.table;
        let iri = state.publication.iri(&entity, key);
        let offered = Representation::ALL;
        let chosen = choose(&req, explicit, &offered)?;
        let mut context = None;
        let body = match chosen.0 {
            Representation::Rdf(format) => {
                let triples =
                    rdf::entity_graph(&state.corpus, &state.publication, table.meta().name, key)
                        .map_err(ApiError::internal)?
                        .ok_or_else(not_found)?;
                serialize(&state, &triples, format)?
            }
            Representation::Json => {
                context =
                    Some(state.url(&format!("/schemas/contexts/{}.jsonld", table.meta().name)));
                view.row_json(position).to_vec()
            }
            Representation::Html => {
                let values = table.row(&state.corpus, key).ok_or_else(not_found)?;
                let alternates: Vec<html::Alternate> = offered
                    .iter()
                    .filter(|r| **r != Representation::Html)
                    .map(|r| {
                        (
                            r.label(),
                            r.media_type(),
                            format!("{iri}.{}", r.extension()),
                        )
                    })
                    .collect();
                html::entity_page(
                    &state.publication,
                    &state.corpus,
                    table,
                    &values,
                    &alternates,
                )
                .into_bytes()
            }
        };
        return Ok(reply(&req, &iri, &offered, chosen, body, context));
    }
    // Resources that are not rows of a table: the theme scheme and the catalogue's own.
    let offered = RDF_ONLY;
    let triples = match entity.as_str() {
        "theme-scheme" => scheme_graph(&state, key)?,
        "dataset" | "distribution" | "data-service" | "contact-point" => {
            catalog_description(&state, &entity, key).await?
        }
        _ => Vec::new(),
    };
    if triples.is_empty() {
        return Err(not_found());
    }
    let chosen = choose(&req, explicit, &offered)?;
    let Representation::Rdf(format) = chosen.0 else {
        return Err(not_found());
    };
    let iri = state.publication.iri(&entity, key);
    Ok(reply(
        &req,
        &iri,
        &offered,
        chosen,
        serialize(&state, &triples, format)?,
        None,
    ))
}

const RDF_ONLY: [Representation; 4] = [
    Representation::Rdf(RdfFormat::Turtle),
    Representation::Rdf(RdfFormat::JsonLd),
    Representation::Rdf(RdfFormat::NTriples),
    Representation::Rdf(RdfFormat::RdfXml),
];

/// The concept scheme `{base}/id/theme-scheme/{table}`: its own triples and its concepts' labels.
fn scheme_graph(state: &AppState, key: &str) -> Result<Vec<Triple>, ApiError> {
    let iri = state.publication.iri("theme-scheme", key);
    let graph = rdf::corpus_graph(&state.corpus, &state.publication).map_err(ApiError::internal)?;
    let members: Vec<&NamedOrBlankNode> = graph
        .iter()
        .filter(|t| matches!(&t.object, Term::NamedNode(n) if n.as_str() == iri))
        .map(|t| &t.subject)
        .collect();
    Ok(graph
        .iter()
        .filter(|t| {
            t.subject.to_string() == format!("<{iri}>")
                || (members.contains(&&t.subject)
                    && t.predicate.as_str().starts_with(crate::vocab::SKOS))
        })
        .cloned()
        .collect())
}

/// The description of a catalogue resource (dataset, distribution…) in the published
/// catalogue, its blank nodes (checksum, period) included, with IRIs moved to this service's
/// base when it runs elsewhere than the publication's base.
async fn catalog_description(
    state: &AppState,
    entity: &str,
    key: &str,
) -> Result<Vec<Triple>, ApiError> {
    let path = state.exports_dir.join("catalog.ttl");
    let Ok(text) = web::block(move || std::fs::read_to_string(path))
        .await
        .map_err(ApiError::internal)?
    else {
        return Ok(Vec::new());
    };
    let mut triples = Vec::new();
    for triple in oxttl::TurtleParser::new().for_slice(text.as_bytes()) {
        triples.push(triple.map_err(ApiError::internal)?);
    }
    // The catalogue names itself `{published base}/catalog`.
    let published_base = triples
        .iter()
        .find_map(|t| match &t.subject {
            NamedOrBlankNode::NamedNode(n) => {
                n.as_str().strip_suffix("/catalog").map(str::to_string)
            }
            _ => None,
        })
        .unwrap_or_else(|| state.base_url().to_string());
    let rebase = |iri: &str| -> String {
        match iri.strip_prefix(&published_base) {
            Some(rest) => format!("{}{rest}", state.base_url()),
            None => iri.to_string(),
        }
    };
    let subject = state.publication.iri(entity, key);
    let mut description: Vec<Triple> = Vec::new();
    let mut frontier = vec![NamedOrBlankNode::NamedNode(
        oxrdf::NamedNode::new(subject).map_err(ApiError::internal)?,
    )];
    let rebased: Vec<Triple> = triples
        .into_iter()
        .map(|t| {
            let subject = match t.subject {
                NamedOrBlankNode::NamedNode(n) => {
                    NamedOrBlankNode::NamedNode(oxrdf::NamedNode::new_unchecked(rebase(n.as_str())))
                }
                other => other,
            };
            let object = match t.object {
                Term::NamedNode(n) => {
                    Term::NamedNode(oxrdf::NamedNode::new_unchecked(rebase(n.as_str())))
                }
                other => other,
            };
            Triple::new(subject, t.predicate, object)
        })
        .collect();
    // Concise bounded description: the subject's triples, and those of the blank nodes it uses.
    while let Some(node) = frontier.pop() {
        for triple in rebased.iter().filter(|t| t.subject == node) {
            if let Term::BlankNode(blank) = &triple.object {
                frontier.push(NamedOrBlankNode::BlankNode(blank.clone()));
            }
            description.push(triple.clone());
        }
    }
    Ok(description)
}

/// The catalogue's profile parameter (W3C *Content Negotiation by Profile*, query string form).
#[derive(Debug, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CatalogProfileParam {
    /// Profil du catalogue : `dcat-ap` (DCAT-AP 3.0.1, par défaut) ou `datagouv` (ce que lit le
    /// moissonneur de data.gouv.fr), ou l'URI du profil. Prime sur l'en-tête Accept-Profile.
    #[param(required = false, example = "datagouv")]
    pub _profile: Option<String>,
}

/// Catalogue DCAT
///
/// Le catalogue DCAT-AP 3.0.1 du jeu de données (fichiers des exports avec URL, taille, format,
/// empreinte, licence et schéma ; l'API comme service de données), tel que moissonné par
/// data.gouv.fr : Turtle, JSON-LD ou RDF/XML selon Accept ou l'extension (`/catalog.ttl`,
/// `/catalog.jsonld`, `/catalog.rdf`). Jamais de redirection.
///
/// Deux profils (négociation par profil du W3C : en-têtes `Accept-Profile` et `Content-Profile`,
/// ou paramètre `_profile`) : DCAT-AP 3.0.1 par défaut, et `datagouv`, celui que lit le
/// moissonneur de data.gouv.fr (empreintes en texte, API moissonnable comme service de données).
#[utoipa::path(
    get,
    path = "/catalog",
    tag = "Données liées",
    operation_id = "getCatalog",
    params(CatalogProfileParam),
    responses(
        (status = 200, description = "Le catalogue.", content(
            ("text/turtle"), ("application/ld+json"), ("application/rdf+xml"))),
        (status = 400, response = crate::api::openapi::BadRequest),
        (status = 404, response = crate::api::openapi::NotFound),
        (status = 406, response = crate::api::openapi::NotAcceptable),
    )
)]
pub async fn catalog(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    serve_catalog(req, state, None).await
}

/// The catalogue in the format its extension names: `/catalog.ttl`, `.jsonld`, `.rdf`.
pub async fn catalog_file(
    req: HttpRequest,
    state: web::Data<AppState>,
    extension: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let representation = Representation::from_extension(&extension)
        .filter(|r| CATALOG.contains(r))
        .ok_or_else(|| {
            ApiError::not_found(
                "Le catalogue existe en .ttl, .jsonld et .rdf.",
                Some(state.url("/catalog")),
            )
        })?;
    serve_catalog(req, state, Some(representation)).await
}

const CATALOG: [Representation; 3] = [
    Representation::Rdf(RdfFormat::Turtle),
    Representation::Rdf(RdfFormat::JsonLd),
    Representation::Rdf(RdfFormat::RdfXml),
];

async fn serve_catalog(
    req: HttpRequest,
    state: web::Data<AppState>,
    explicit: Option<Representation>,
) -> Result<HttpResponse, ApiError> {
    let query = QueryParams::parse(&req, &[vec!["_profile".to_string()]])?;
    // The profile: `_profile` first, then Accept-Profile, else DCAT-AP (see catalog::Profile for
    // why the two graphs differ).
    let profile = match query.get("_profile") {
        Some(value) => Profile::from_token(value).ok_or_else(|| {
            ApiError::invalid(
                "_profile",
                value,
                "profil inconnu",
                Profile::ALL.map(Profile::token),
            )
        })?,
        None => req
            .headers()
            .get("accept-profile")
            .and_then(|v| v.to_str().ok())
            .and_then(Profile::from_accept_profile)
            .unwrap_or(Profile::DcatAp),
    };
    let chosen = choose(&req, explicit, &CATALOG)?;
    let path = state
        .exports_dir
        .join(format!("{}.{}", profile.file_stem(), chosen.0.extension()));
    let bytes = web::block(move || std::fs::read(path))
        .await
        .map_err(ApiError::internal)?
        .map_err(|_| {
            ApiError::not_found(
                "Le catalogue n'a pas encore été écrit (congres-numerique export).",
                None,
            )
        })?;
    let iri = state.url("/catalog");
    let mut response = reply(&req, &iri, &CATALOG, chosen, bytes, None);
    let headers = response.headers_mut();
    let profile_link = format!("<{}>; rel=\"profile\"", profile.uri());
    let content_profile = format!("<{}>", profile.uri());
    for (name, value) in [
        (header::LINK, profile_link),
        (
            header::HeaderName::from_static("content-profile"),
            content_profile,
        ),
    ] {
        if let Ok(value) = header::HeaderValue::from_str(&value) {
            headers.append(name, value);
        }
    }
    // The body depends on Accept-Profile whether or not this request sent it.
    headers.append(
        header::VARY,
        header::HeaderValue::from_static("Accept-Profile"),
    );
    if profile != Profile::DcatAp
        && let Ok(location) = header::HeaderValue::from_str(&format!(
            "{iri}.{}?_profile={}",
            chosen.0.extension(),
            profile.token()
        ))
    {
        headers.insert(header::CONTENT_LOCATION, location);
    }
    Ok(response)
}

/// Un schéma publié
///
/// Les schémas auxquels renvoient les exports et le catalogue (`dct:conformsTo`) : Table
/// Schemas, JSON Schema, contextes JSON-LD, formes SHACL.
#[utoipa::path(
    get,
    path = "/schemas/{path}",
    tag = "Données liées",
    operation_id = "getSchemaFile",
    params(("path" = String, Path, description = "Chemin du schéma.", example = "table-schemas/items.json")),
    responses(
        (status = 200, description = "Le schéma.", content(("application/json"), ("application/ld+json"), ("text/turtle"))),
        (status = 400, response = crate::api::openapi::BadRequest),
        (status = 404, response = crate::api::openapi::NotFound),
    )
)]
pub async fn schema_file(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    QueryParams::parse(&req, &[])?;
    let not_found = || ApiError::not_found(format!("Aucun schéma « {path} »."), None);
    let full = resolve(&state.schemas_dir, &path).ok_or_else(not_found)?;
    let format = FileFormat::from_path(&path);
    let bytes = web::block(move || std::fs::read(full))
        .await
        .map_err(ApiError::internal)?
        .map_err(|_| not_found())?;
    let content_type = match format {
        FileFormat::Turtle => "text/turtle; charset=utf-8",
        FileFormat::JsonLd => "application/ld+json",
        _ => "application/json",
    };
    Ok(Reply::new(content_type, Body::Full(Bytes::from(bytes))).respond(&req))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_keep_their_dots_and_lose_a_format_extension() {
        assert_eq!(split_extension("2021-axis-1.2"), ("2021-axis-1.2", None));
        assert_eq!(
            split_extension("2021-axis-1.2.ttl"),
            (
                "2021-axis-1.2",
                Some(Representation::Rdf(RdfFormat::Turtle))
            )
        );
        assert_eq!(
            split_extension("mathieu-vidal.html"),
            ("mathieu-vidal", Some(Representation::Html))
        );
        assert_eq!(split_extension(".ttl"), (".ttl", None));
    }
}
