//! Linked Data: every IRI `{base}/id/{type}/{key}` of the dumps answers here, with content
//! negotiation (Turtle, N-Triples, JSON-LD, RDF/XML, JSON, HTML), and the DCAT catalogue answers
//! at `/catalog`. No redirect anywhere: data.gouv.fr's harvester fails on any 3xx, and a client
//! following an IRI gets the description at once, with `Content-Location` naming the variant
//! (`{iri}.ttl`) that can be fetched directly.

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, web};
use oxrdf::{NamedOrBlankNode, Term, Triple};

use crate::api::caching::{Body, Reply};
use crate::api::error::ApiError;
use crate::api::negotiation::{Naming, Offer, accept_header, best};
use crate::api::query::QueryParams;
use crate::api::routes::exports::resolve;
use crate::api::state::AppState;
use crate::catalog::{FileFormat, Profile};
use crate::rdf::{self, RdfFormat};
use crate::site;

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
    pub const ALL: [Representation; 8] = [
        Representation::Rdf(RdfFormat::Turtle),
        Representation::Rdf(RdfFormat::JsonLd),
        Representation::Rdf(RdfFormat::NTriples),
        Representation::Rdf(RdfFormat::RdfXml),
        Representation::Rdf(RdfFormat::NQuads),
        Representation::Rdf(RdfFormat::TriG),
        Representation::Json,
        Representation::Html,
    ];

    pub fn media_type(self) -> &'static str {
        self.names()[0].0
    }

    fn content_type(self) -> &'static str {
        match self {
            Representation::Rdf(RdfFormat::Turtle) => "text/turtle; charset=utf-8",
            Representation::Rdf(RdfFormat::TriG) => "application/trig; charset=utf-8",
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

impl Offer for Representation {
    /// The media types each representation answers to. Always sent with its canonical type: a
    /// client that named a synonym or a generic type reads the canonical one (Jena, rdflib and
    /// the OWL API all know `application/n-triples` and `application/rdf+xml`).
    fn names(self) -> &'static [(&'static str, Naming)] {
        use Naming::{Canonical, Generic, Synonym};
        match self {
            Representation::Rdf(RdfFormat::Turtle) => &[
                ("text/turtle", Canonical),
                ("application/x-turtle", Synonym),
                ("application/turtle", Synonym),
                // N3 extends Turtle: an N3 reader (rdflib's format="n3") reads Turtle.
                ("text/n3", Synonym),
                ("text/rdf+n3", Synonym),
            ],
            Representation::Rdf(RdfFormat::JsonLd) => &[
                ("application/ld+json", Canonical),
                // JSON-LD is JSON: a JSON client gets it where there is no plain JSON.
                ("application/json", Generic),
            ],
            Representation::Rdf(RdfFormat::NTriples) => &[
                ("application/n-triples", Canonical),
                // N-Triples' type before its registration; rdflib's format="nt" sends it.
                ("text/plain", Generic),
            ],
            Representation::Rdf(RdfFormat::RdfXml) => &[
                ("application/rdf+xml", Canonical),
                ("application/xml", Generic),
                ("text/xml", Generic),
            ],
            Representation::Rdf(RdfFormat::NQuads) => &[
                ("application/n-quads", Canonical),
                ("text/x-nquads", Synonym),
            ],
            Representation::Rdf(RdfFormat::TriG) => &[
                ("application/trig", Canonical),
                ("application/x-trig", Synonym),
            ],
            Representation::Json => &[("application/json", Canonical)],
            // The page is HTML, sent as text/html: browsers that list XHTML list HTML too.
            Representation::Html => &[("text/html", Canonical), ("application/xhtml+xml", Synonym)],
        }
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

/// The representation to send: the one the URL's extension names, or the one the `Accept`
/// header prefers among `offered` (see [`best`]; the first without header); 406 listing the
/// offered types when it takes none. Returns whether `Accept` decided (the answer then varies by
/// it).
fn choose(
    req: &HttpRequest,
    explicit: Option<Representation>,
    offered: &[Representation],
) -> Result<(Representation, bool), ApiError> {
    if let Some(representation) = explicit {
        return offered
            .contains(&representation)
            .then_some((representation, false))
            .ok_or_else(|| {
                ApiError::not_found("Ce format n'existe pas pour cette ressource.", None)
            });
    }
    let Some(accept) = accept_header(req) else {
        return Ok((offered[0], true));
    };
    best(&accept, offered)
        .map(|r| (r, true))
        .ok_or_else(|| ApiError::NotAcceptable {
            available: offered.iter().map(|r| r.media_type().to_string()).collect(),
        })
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
/// catalogue) répond elle-même, sans redirection : Turtle, N-Triples, JSON-LD, RDF/XML, N-Quads,
/// TriG, JSON ou HTML selon l'en-tête Accept (RFC 9110 ; `text/plain` donne du N-Triples,
/// `application/xml` du RDF/XML, `text/n3` du Turtle), ou selon l'extension ajoutée à la clé
/// (`.ttl`, `.nt`, `.jsonld`, `.rdf`, `.nq`, `.trig`, `.json`, `.html`). `Content-Location` nomme
/// la variante envoyée.
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
            ("application/rdf+xml"), ("application/n-quads"), ("application/trig"),
            ("application/json"), ("text/html"))),
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
                let alternates = html_alternates(&iri, &offered);
                site::entity_page(&state, table.meta().name, key, alternates)?
                    .ok_or_else(not_found)?
                    .to_vec()
            }
        };
        return Ok(reply(&req, &iri, &offered, chosen, body, context));
    }
    // Resources that are not rows of a table: the theme scheme and the catalogue's own.
    let (triples, kind) = match entity.as_str() {
        "theme-scheme" => (scheme_graph(&state, key)?, "Schéma de concepts"),
        "dataset" | "distribution" | "data-service" | "contact-point" => (
            catalog_description(&state, &entity, key).await?,
            "Catalogue DCAT",
        ),
        _ => (Vec::new(), ""),
    };
    if triples.is_empty() {
        return Err(not_found());
    }
    let iri = state.publication.iri(&entity, key);
    described(&req, &state, &iri, explicit, &triples, kind)
}

/// Every representation of a resource known by its RDF description: the RDF formats and an HTML
/// page of its triples.
const DESCRIBED: [Representation; 7] = [
    Representation::Rdf(RdfFormat::Turtle),
    Representation::Rdf(RdfFormat::JsonLd),
    Representation::Rdf(RdfFormat::NTriples),
    Representation::Rdf(RdfFormat::RdfXml),
    Representation::Rdf(RdfFormat::NQuads),
    Representation::Rdf(RdfFormat::TriG),
    Representation::Html,
];

/// The answer for a resource known only by its triples (`kind` names it for people).
fn described(
    req: &HttpRequest,
    state: &AppState,
    iri: &str,
    explicit: Option<Representation>,
    triples: &[Triple],
    kind: &str,
) -> Result<HttpResponse, ApiError> {
    let offered = DESCRIBED;
    let chosen = choose(req, explicit, &offered)?;
    let body = match chosen.0 {
        Representation::Rdf(format) => serialize(state, triples, format)?,
        Representation::Json | Representation::Html => {
            let alternates = html_alternates(iri, &offered);
            let title = label_of(iri, triples).unwrap_or_else(|| iri.to_string());
            site::described::html(
                &state.publication.base_url,
                &title,
                kind,
                iri,
                triples,
                alternates,
            )?
            .into_bytes()
        }
    };
    Ok(reply(req, iri, &offered, chosen, body, None))
}

/// The links of an HTML page to the other representations.
fn html_alternates(iri: &str, offered: &[Representation]) -> Vec<site::Alternate> {
    offered
        .iter()
        .filter(|r| **r != Representation::Html)
        .map(|r| site::Alternate {
            label: r.label(),
            media_type: r.media_type(),
            href: format!("{iri}.{}", r.extension()),
        })
        .collect()
}

/// A resource's label for people: its French `skos:prefLabel`, `rdfs:label`, `dct:title`.
fn label_of(iri: &str, triples: &[Triple]) -> Option<String> {
    let labels = [
        "http://www.w3.org/2004/02/skos/core#prefLabel",
        "http://www.w3.org/2000/01/rdf-schema#label",
        "http://purl.org/dc/terms/title",
        "http://xmlns.com/foaf/0.1/name",
    ];
    labels.iter().find_map(|label| {
        let all: Vec<&oxrdf::Literal> = triples
            .iter()
            .filter_map(|t| match (&t.subject, &t.object) {
                (NamedOrBlankNode::NamedNode(s), Term::Literal(l))
                    if s.as_str() == iri && t.predicate.as_str() == *label =>
                {
                    Some(l)
                }
                _ => None,
            })
            .collect();
        all.iter()
            .find(|l| l.language() == Some("fr"))
            .or(all.first())
            .map(|l| l.value().to_string())
    })
}

/// Vocabulaire de la publication
///
/// Le vocabulaire propre à la publication (`{base}/def`, préfixe `cn:`) : les termes que les
/// graphes RDF emploient pour les faits qu'aucun vocabulaire établi ne dit, chacun avec libellé et
/// définition en français et en anglais, domaine et image. Turtle, N-Triples, JSON-LD, RDF/XML,
/// N-Quads, TriG ou HTML selon Accept ou l'extension (`/def.ttl`…).
#[utoipa::path(
    get,
    path = "/def",
    tag = "Données liées",
    operation_id = "getVocabulary",
    responses(
        (status = 200, description = "Le vocabulaire.", content(
            ("text/turtle"), ("application/ld+json"), ("application/n-triples"),
            ("application/rdf+xml"), ("application/n-quads"), ("application/trig"), ("text/html"))),
        (status = 400, response = crate::api::openapi::BadRequest),
        (status = 406, response = crate::api::openapi::NotAcceptable),
    )
)]
pub async fn vocabulary(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    serve_vocabulary(&req, &state, None)
}

/// The vocabulary in the format its extension names: `/def.ttl`, `/def.jsonld`…
pub async fn vocabulary_file(
    req: HttpRequest,
    state: web::Data<AppState>,
    extension: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let representation = described_extension(
        &extension,
        "Ce format n'existe pas pour le vocabulaire.",
        state.url("/def"),
    )?;
    serve_vocabulary(&req, &state, Some(representation))
}

/// The representation a described resource's extension names (`.ttl`, `.jsonld`…), or a 404
/// pointing to the resource itself.
fn described_extension(
    extension: &str,
    message: &str,
    resource: String,
) -> Result<Representation, ApiError> {
    Representation::from_extension(extension)
        .filter(|r| DESCRIBED.contains(r))
        .ok_or_else(|| ApiError::not_found(message, Some(resource)))
}

fn serve_vocabulary(
    req: &HttpRequest,
    state: &AppState,
    explicit: Option<Representation>,
) -> Result<HttpResponse, ApiError> {
    QueryParams::parse(req, &[])?;
    let triples = rdf::vocabulary_graph(&state.publication).map_err(ApiError::internal)?;
    let iri = rdf::vocabulary_iri(state.base_url());
    described(req, state, &iri, explicit, &triples, "Vocabulaire")
}

/// Description VoID du jeu de données
///
/// La description [VoID](https://www.w3.org/TR/void/) du jeu de données (RFC 8615 :
/// `/.well-known/void`) : son point d'accès SPARQL (`/sparql`), ses exports RDF, l'espace de ses
/// IRI (`/id/`), les vocabulaires employés et le nombre de triplets du graphe servi. Turtle,
/// N-Triples, JSON-LD, RDF/XML, N-Quads, TriG ou HTML selon Accept ou l'extension
/// (`/.well-known/void.ttl`…).
#[utoipa::path(
    get,
    path = "/.well-known/void",
    tag = "Données liées",
    operation_id = "getVoid",
    responses(
        (status = 200, description = "La description VoID.", content(
            ("text/turtle"), ("application/ld+json"), ("application/n-triples"),
            ("application/rdf+xml"), ("application/n-quads"), ("application/trig"), ("text/html"))),
        (status = 400, response = crate::api::openapi::BadRequest),
        (status = 406, response = crate::api::openapi::NotAcceptable),
    )
)]
pub async fn void(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    serve_void(&req, &state, None)
}

/// The VoID description in the format its extension names: `/.well-known/void.ttl`…
pub async fn void_file(
    req: HttpRequest,
    state: web::Data<AppState>,
    extension: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let representation = described_extension(
        &extension,
        "Ce format n'existe pas pour la description VoID.",
        state.url(crate::sparql::void::VOID_PATH),
    )?;
    serve_void(&req, &state, Some(representation))
}

fn serve_void(
    req: &HttpRequest,
    state: &AppState,
    explicit: Option<Representation>,
) -> Result<HttpResponse, ApiError> {
    QueryParams::parse(req, &[])?;
    let triples = crate::sparql::void::void_graph(
        &state.publication,
        state.sparql().map_err(ApiError::Sparql)?,
    )
    .map_err(ApiError::internal)?;
    let iri = state.url(crate::sparql::void::VOID_PATH);
    described(req, state, &iri, explicit, &triples, "Description VoID")
}

/// Un terme du vocabulaire
///
/// Un terme `cn:` (`{base}/def/{terme}`) : libellé et définition en français et en anglais,
/// domaine, image et `rdfs:isDefinedBy`. Mêmes formats que le vocabulaire, selon Accept ou
/// l'extension (`/def/asPrinted.ttl`).
#[utoipa::path(
    get,
    path = "/def/{term}",
    tag = "Données liées",
    operation_id = "getVocabularyTerm",
    params(("term" = String, Path, description = "Nom local du terme, éventuellement suivi d'une extension de format.", example = "asPrinted")),
    responses(
        (status = 200, description = "Le terme.", content(
            ("text/turtle"), ("application/ld+json"), ("application/n-triples"),
            ("application/rdf+xml"), ("application/n-quads"), ("application/trig"), ("text/html"))),
        (status = 400, response = crate::api::openapi::BadRequest),
        (status = 404, response = crate::api::openapi::NotFound),
        (status = 406, response = crate::api::openapi::NotAcceptable),
    )
)]
pub async fn vocabulary_term(
    req: HttpRequest,
    state: web::Data<AppState>,
    term: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    QueryParams::parse(&req, &[])?;
    let (local, explicit) = split_extension(&term);
    let triples = rdf::term_graph(&state.publication, local)
        .map_err(ApiError::internal)?
        .ok_or_else(|| {
            ApiError::not_found(
                format!("Aucun terme « {local} » dans le vocabulaire."),
                Some(state.url("/def")),
            )
        })?;
    let iri = rdf::term_iri(state.base_url(), local);
    described(
        &req,
        &state,
        &iri,
        explicit,
        &triples,
        "Terme du vocabulaire",
    )
}

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

/// The description of a catalogue resource (dataset, distribution…) in the catalogue as this
/// service serves it (see [`served_catalog`]), its blank nodes (checksum, period) included.
async fn catalog_description(
    state: &web::Data<AppState>,
    entity: &str,
    key: &str,
) -> Result<Vec<Triple>, ApiError> {
    let worker_state = state.clone();
    let Some(triples) = web::block(move || served_catalog(&worker_state, Profile::DcatAp))
        .await
        .map_err(ApiError::internal)??
    else {
        return Ok(Vec::new());
    };
    let subject = state.publication.iri(entity, key);
    let mut description: Vec<Triple> = Vec::new();
    let mut frontier = vec![NamedOrBlankNode::NamedNode(
        oxrdf::NamedNode::new(subject).map_err(ApiError::internal)?,
    )];
    // Concise bounded description: the subject's triples, and those of the blank nodes it uses.
    while let Some(node) = frontier.pop() {
        for triple in triples.iter().filter(|t| t.subject == node) {
            if let Term::BlankNode(blank) = &triple.object {
                frontier.push(NamedOrBlankNode::BlankNode(blank.clone()));
            }
            description.push(triple.clone());
        }
    }
    Ok(description)
}

/// The published catalogue (`catalog.ttl` of the exports) as this service serves it: `None`
/// when it has not been written. For a local run (another base than the published one), its
/// IRIs move to the service's base and each distribution's size and SHA-256 become those of the
/// bytes served (the files are rebased too, see `Publication::rebase`), so that a client that
/// checks a download against the catalogue finds it intact. Blank nodes are relabelled in order
/// (`c0`, `c1`…), so that the same catalogue is the same bytes (and `ETag`) on every request.
fn served_catalog(state: &AppState, profile: Profile) -> Result<Option<Vec<Triple>>, ApiError> {
    let path = state
        .exports_dir
        .join(format!("{}.ttl", profile.file_stem()));
    let Ok(text) = std::fs::read(path) else {
        return Ok(None);
    };
    let text = state.publication.rebase(&text);
    let mut triples = Vec::new();
    for triple in oxttl::TurtleParser::new().for_slice(&text) {
        triples.push(triple.map_err(ApiError::internal)?);
    }
    let mut labels: std::collections::HashMap<String, oxrdf::BlankNode> =
        std::collections::HashMap::new();
    let mut relabel = |node: &oxrdf::BlankNode| -> oxrdf::BlankNode {
        let next = labels.len();
        labels
            .entry(node.as_str().to_string())
            .or_insert_with(|| oxrdf::BlankNode::new_unchecked(format!("c{next}")))
            .clone()
    };
    for triple in &mut triples {
        if let NamedOrBlankNode::BlankNode(node) = &triple.subject {
            triple.subject = relabel(node).into();
        }
        if let Term::BlankNode(node) = &triple.object {
            triple.object = relabel(node).into();
        }
    }
    if state.publication.base_url == state.publication.published_base_url {
        return Ok(Some(triples));
    }
    let exports = state.url("/exports/");
    let download = oxrdf::NamedNode::new_unchecked(format!("{}downloadURL", crate::vocab::DCAT));
    let byte_size = oxrdf::NamedNode::new_unchecked(format!("{}byteSize", crate::vocab::DCAT));
    let checksum = oxrdf::NamedNode::new_unchecked(format!("{}checksum", crate::vocab::SPDX));
    let checksum_value =
        oxrdf::NamedNode::new_unchecked(format!("{}checksumValue", crate::vocab::SPDX));
    // Distribution (and its checksum node) → the size and SHA-256 of the file as served.
    let mut served = Vec::new();
    for triple in triples.iter().filter(|t| t.predicate == download) {
        let Term::NamedNode(url) = &triple.object else {
            continue;
        };
        let Some(relative) = url.as_str().strip_prefix(&exports) else {
            continue;
        };
        let relative = percent_decode(relative);
        if let Some(sum) = crate::api::routes::exports::served_sum(state, &relative) {
            served.push((triple.subject.clone(), sum));
        }
    }
    let nodes: Vec<(NamedOrBlankNode, &(u64, String))> = served
        .iter()
        .flat_map(|(distribution, sum)| {
            let checksum_nodes = triples
                .iter()
                .filter(|t| t.subject == *distribution && t.predicate == checksum)
                .filter_map(|t| match &t.object {
                    Term::BlankNode(node) => Some(NamedOrBlankNode::from(node.clone())),
                    _ => None,
                });
            std::iter::once(distribution.clone())
                .chain(checksum_nodes)
                .map(move |node| (node, sum))
        })
        .collect();
    for triple in &mut triples {
        let Some((_, (size, sha256))) = nodes.iter().find(|(node, _)| *node == triple.subject)
        else {
            continue;
        };
        if let Term::Literal(literal) = &triple.object {
            if triple.predicate == byte_size {
                triple.object =
                    oxrdf::Literal::new_typed_literal(size.to_string(), literal.datatype()).into();
            } else if triple.predicate == checksum_value {
                triple.object =
                    oxrdf::Literal::new_typed_literal(sha256.as_str(), literal.datatype()).into();
            }
        }
    }
    Ok(Some(triples))
}

/// `%C3%A9` → `é` in a path of the exports (their URLs percent-encode each segment).
fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
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
    let iri = state.url("/catalog");
    let body = if state.publication.base_url != state.publication.published_base_url {
        // A local run serves the catalogue of what it serves (see `served_catalog`).
        let worker_state = state.clone();
        let triples = web::block(move || served_catalog(&worker_state, profile))
            .await
            .map_err(ApiError::internal)??
            .ok_or_else(not_written)?;
        let Representation::Rdf(format) = chosen.0 else {
            return Err(ApiError::internal(anyhow::anyhow!(
                "the catalogue is RDF only"
            )));
        };
        serialize(&state, &triples, format)?
    } else {
        let path =
            state
                .exports_dir
                .join(format!("{}.{}", profile.file_stem(), chosen.0.extension()));
        web::block(move || std::fs::read(path))
            .await
            .map_err(ApiError::internal)?
            .map_err(|_| not_written())?
    };
    let mut response = reply(&req, &iri, &CATALOG, chosen, body, None);
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

/// The answer when the catalogue has not been exported yet.
fn not_written() -> ApiError {
    ApiError::not_found(
        "Le catalogue n'a pas encore été écrit (congres-numerique export).",
        None,
    )
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
    // Contexts and schemas name the base (`cn:`, `@vocab`, `$id`): a local run names itself.
    let bytes = state.publication.rebase(&bytes).into_owned();
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
