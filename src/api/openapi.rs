//! The OpenAPI 3.1 document, generated from the handlers (`#[utoipa::path]`), the view types
//! and the field definitions, then completed with what only the running data knows: the
//! publication's licence and contact, and a real corpus row as the example of each row schema.
//!
//! Served at `/openapi.json`; `congres-numerique openapi` writes the same document (with the
//! publication's own base URL) to `openapi/openapi.json`, and a test fails when that file is stale.

use std::path::Path;
use std::sync::Arc;

use serde_json::{Value as Json, json};
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::server::ServerBuilder;
use utoipa::openapi::{
    ContactBuilder, Content, InfoBuilder, LicenseBuilder, OpenApi as Document, RefOr, Response,
};
use utoipa::{OpenApi, ToResponse, ToSchema};

use super::error::{PROBLEM_JSON, Problem};
use super::routes;
use super::state::{AppState, TableView, Tables};
use super::views::*;
use crate::corpus::Corpus;
use crate::publication::Publication;

#[derive(OpenApi)]
#[openapi(
    paths(
        routes::meta::index,
        routes::meta::health,
        routes::congresses::list,
        routes::congresses::detail,
        routes::motions::list,
        routes::motions::detail,
        routes::sections::list,
        routes::sections::detail,
        routes::items::list,
        routes::items::detail,
        routes::themes::list,
        routes::themes::detail,
        routes::people::list,
        routes::people::detail,
        routes::roles::list,
        routes::positions::list,
        routes::facts::list,
        routes::organizations::list,
        routes::organizations::detail,
        routes::sources::list,
        routes::sources::detail,
        routes::press::list,
        routes::search::search,
        routes::exports::list,
        routes::exports::file,
        routes::releases::list,
        routes::releases::detail,
        routes::releases::file,
        routes::releases::atom,
        routes::changes::list,
        routes::linked_data::entity,
        routes::linked_data::catalog,
        routes::linked_data::schema_file,
        routes::linked_data::vocabulary,
        routes::linked_data::vocabulary_term,
        routes::linked_data::void,
        routes::sparql::get,
        routes::sparql::post,
        routes::meta::openapi_json,
    ),
    components(
        schemas(
            Problem,
            CongressList,
            MotionList,
            SectionList,
            ItemList,
            ThemeList,
            PersonList,
            RoleList,
            PositionList,
            FactList,
            OrganizationList,
            SourceList,
            PressArticleList,
            FootnoteRow,
            PartRow,
        ),
        responses(
            BadRequest,
            NotFound,
            NotAcceptable,
            UriTooLong,
            HeadersTooLarge,
            RangeNotSatisfiable,
            InternalError,
            NotModified,
            CongressListResponse,
            MotionListResponse,
            SectionListResponse,
            ItemListResponse,
            ThemeListResponse,
            PersonListResponse,
            RoleListResponse,
            PositionListResponse,
            FactListResponse,
            OrganizationListResponse,
            SourceListResponse,
            PressArticleListResponse,
        )
    ),
    tags(
        (name = "Éditions", description = "Les éditions du Congrès national des élus au numérique."),
        (name = "Motions", description = "Les motions et les propositions retenues (2026), en entier, telles qu'imprimées."),
        (name = "Sections et items", description = "Objectifs, axes, engagements et ateliers ; leviers, engagements et propositions."),
        (name = "Thèmes", description = "La taxonomie qui relie les éditions : ce que chacune a dit sur un thème."),
        (name = "Personnes et fonctions", description = "Les personnes nommées avec une fonction publique, et leurs fonctions imprimées."),
        (name = "Organisations", description = "L'association, les partenaires, les collectivités (codes INSEE, SIREN)."),
        (name = "Sources et presse", description = "Les documents sources (avec leur empreinte SHA-256), la source de chaque fait et les articles de presse."),
        (name = "Recherche", description = "Recherche plein texte en français (sans accents ni pluriels à respecter)."),
        (name = "Exports", description = "Les fichiers publiés : CSV, JSON, RDF, schémas, catalogue."),
        (name = "Versions", description = "Les versions publiées (immuables), leurs fichiers, leurs changements enregistrement par enregistrement et le flux Atom des changements."),
        (name = "Données liées", description = "Les IRI des entités, qui répondent elles-mêmes (RDF, JSON, HTML), le catalogue DCAT et les schémas."),
        (name = "Service", description = "Point d'entrée, état du service, documentation."),
    )
)]
struct ApiDoc;

/// Type aliases so the path attributes read as the response they document.
pub type CongressList = ListPage<CongressRow>;
pub type MotionList = ListPage<MotionRow>;
pub type SectionList = ListPage<SectionRow>;
pub type ItemList = ListPage<ItemRow>;
pub type ThemeList = ListPage<ThemeRow>;
pub type PersonList = ListPage<PersonRow>;
pub type RoleList = ListPage<RoleRow>;
pub type PositionList = ListPage<PositionRow>;
pub type FactList = ListPage<FactRow>;
pub type OrganizationList = ListPage<OrganizationRow>;
pub type SourceList = ListPage<SourceRow>;
pub type PressArticleList = ListPage<PressArticleRow>;

const DESCRIPTION: &str = r#"Les motions du Congrès national des élus au numérique (Association Villes Internet), en données ouvertes : éditions, motions complètes, sections, items (leviers, engagements, propositions), thèmes, personnes et fonctions publiques, organisations, sources et presse. Textes repris mot pour mot des documents publiés ; nombres tels qu'imprimés.

**Formats.** JSON par défaut. Les listes existent aussi en CSV (`Accept: text/csv` ou `?format=csv`, mêmes colonnes que les fichiers CSV des exports) en JSON Lines (`Accept: application/x-ndjson` ou `?format=ndjson` : une ligne par élément, toute la liste filtrée, sans pagination) et en classeur Excel (`Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet` ou `?format=xlsx` : toute la liste filtrée, titres de colonnes en français, libellés à côté des codes, dates et nombres typés, précédée d'une feuille « À propos »). Un en-tête `Accept` qu'aucun format ne satisfait reçoit un 406 qui liste les types disponibles.

**Pages.** `page` (à partir de 1) et `page_size` (20 par défaut, 100 au plus). Le corps donne `total` et des liens absolus (`links.next`, `links.prev`…), repris dans l'en-tête `Link` (RFC 8288). L'ordre des listes est stable : celui du corpus (par édition, puis ordre de lecture).

**Paramètres.** Un paramètre inconnu ou une valeur invalide reçoit un 400 qui nomme le paramètre et les noms ou valeurs acceptés ; jamais de filtre ignoré en silence.

**Erreurs.** Toujours au format `application/problem+json` (RFC 9457) : `type`, `title`, `status`, `detail`, `instance`.

**Cache.** Chaque réponse porte un `ETag` fort calculé sur son contenu ; renvoyez-le dans `If-None-Match` pour recevoir un 304 sans corps. `HEAD` est accepté partout. Réponses compressées (gzip, brotli) sur demande. CORS ouvert en lecture (GET, HEAD).

**Méthodes et limites.** Service en lecture seule : `GET`, `HEAD` et `OPTIONS` (204 avec `Allow`) ; toute autre méthode reçoit un 405 avec `Allow`. Une requête `GET` ou `HEAD` ne porte pas de corps (400 sinon : les paramètres vont dans la chaîne de requête). Adresse de 8 Kio au plus (414 au-delà) ; 64 en-têtes et 32 Kio d'en-têtes au plus (431 au-delà). Un client qui n'a pas envoyé ses en-têtes 5 secondes après s'être connecté reçoit un 408 et la connexion est fermée.

**Identifiants.** Chaque ligne porte son `iri`, « {base}/id/{type}/{clé} », identique dans les exports RDF. Les identifiants sont des clés lisibles et stables (années, positions, noms), jamais des numéros de ligne.

**Stabilité.** La version 1 de l'API ne retire ni ne renomme aucun champ ni paramètre ; de nouveaux champs, paramètres ou ressources peuvent s'ajouter. Un champ appelé à disparaître est d'abord marqué « deprecated » dans ce document."#;

/// The document for a publication and its tables (rows give the examples).
pub fn document(tables: &Tables, publication: &Publication) -> Document {
    let mut doc = ApiDoc::openapi();
    doc.info = InfoBuilder::new()
        // ASCII: generators derive package and class names from titles (see `portable`).
        .title(ascii_title(&format!("{} - API", publication.title)))
        .version(env!("CARGO_PKG_VERSION").to_string())
        .description(Some(DESCRIPTION))
        .license(Some(
            LicenseBuilder::new()
                .name(format!("{} (données)", publication.license.title))
                .url(Some(publication.license.url.clone()))
                .build(),
        ))
        .contact(Some(
            ContactBuilder::new()
                .name(Some(publication.contact.name.clone()))
                .email(Some(publication.contact.email.clone()))
                .url(Some(publication.contact.url.clone()))
                .build(),
        ))
        .build();
    doc.servers = Some(vec![
        ServerBuilder::new()
            .url(publication.base_url.clone())
            .description(Some("Ce service"))
            .build(),
    ]);
    add_row_examples(&mut doc, tables);
    add_common_responses(&mut doc);
    doc
}

/// The JSON of [`document`], as served and committed: made [`portable`] for client generators.
pub fn document_json(tables: &Tables, publication: &Publication) -> serde_json::Result<Json> {
    let mut value = serde_json::to_value(document(tables, publication))?;
    portable(&mut value);
    Ok(value)
}

/// What makes clients generated from the document (openapi-python-client, openapi-generator)
/// keep working, checked by `scripts/validate-client.sh`:
/// - ASCII schema titles: generators make class names of them (`Éditions du Congrès` gave
///   `ÉDitionsDuCongrÈS`); the French text stays in the descriptions, accents folded here only;
/// - no `enum` in responses: a client generated today must read next year's values (a new kind
///   of item, a new office…), so each code list of a response is documented as
///   `x-extensible-enum` (Zalando's convention, which generators treat as a plain string).
///
/// Nothing built from the data is an enum either: years, ids and theme slugs are plain strings
/// in parameters (an unknown one is a 400 that lists the accepted values), since a client
/// generated with `2019…2026` as an enum would refuse `2027`. The fixed code lists of parameters
/// (a filter by kind, `format`) stay enums: a value the service would refuse anyway.
fn portable(document: &mut Json) {
    if let Some(schemas) = document.pointer_mut("/components/schemas") {
        portable_schema(schemas);
    }
    // Tags name the generated modules (`api/donn_é_es_li_é_es/`): ASCII too, their French
    // descriptions unchanged.
    if let Some(Json::Array(tags)) = document.get_mut("tags") {
        for tag in tags {
            if let Some(Json::String(name)) = tag.get_mut("name") {
                *name = ascii_title(name);
            }
        }
    }
    if let Some(Json::Object(paths)) = document.get_mut("paths") {
        for operation in paths
            .values_mut()
            .filter_map(Json::as_object_mut)
            .flat_map(|item| item.values_mut())
        {
            if let Some(Json::Array(tags)) = operation.get_mut("tags") {
                for tag in tags {
                    if let Json::String(name) = tag {
                        *name = ascii_title(name);
                    }
                }
            }
        }
    }
}

/// Folds `title`s to ASCII and turns `enum`s into `x-extensible-enum`s, in a schema and every
/// schema under it (examples are data, left untouched).
fn portable_schema(value: &mut Json) {
    match value {
        Json::Object(object) => {
            if let Some(Json::String(title)) = object.get_mut("title") {
                *title = ascii_title(title);
            }
            if let Some(Json::Array(values)) = object.remove("enum") {
                let codes: Vec<Json> = values.into_iter().filter(|v| !v.is_null()).collect();
                object.insert("x-extensible-enum".into(), Json::Array(codes));
                let note = "Liste extensible : d'autres valeurs peuvent apparaître.";
                match object.get_mut("description") {
                    Some(Json::String(description)) => {
                        description.push_str(&format!(" {note}"));
                    }
                    _ => {
                        object.insert("description".into(), Json::String(note.into()));
                    }
                }
            }
            for (key, child) in object.iter_mut() {
                if key != "example" && key != "examples" {
                    portable_schema(child);
                }
            }
        }
        Json::Array(items) => items.iter_mut().for_each(portable_schema),
        _ => {}
    }
}

/// `Éditions du Congrès — API` → `Editions du Congres - API`: accents folded, case kept,
/// typographic punctuation made ASCII, anything else non-ASCII dropped.
fn ascii_title(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        match c {
            '—' | '–' | '‑' => out.push('-'),
            '’' | '‘' => out.push('\''),
            '«' | '»' | '“' | '”' => out.push('"'),
            '·' => out.push('.'),
            '\u{a0}' | '\u{202f}' => out.push(' '),
            _ => {
                let folded = crate::text::ascii_fold(&c.to_string());
                if folded.is_ascii() {
                    if c.is_uppercase() {
                        out.push_str(&folded.to_uppercase());
                    } else {
                        out.push_str(&folded);
                    }
                }
            }
        }
    }
    // Collapse the spaces a dropped character leaves doubled.
    out.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Row schemas get a real row as their example: the row of the table that has the most
/// values, so the example shows as many fields filled in as the data allows.
fn add_row_examples(doc: &mut Document, tables: &Tables) {
    let Some(components) = doc.components.as_mut() else {
        return;
    };
    let examples: [(String, &TableView); 14] = [
        (CongressRow::name().into_owned(), &tables.congresses),
        (MotionRow::name().into_owned(), &tables.motions),
        (FootnoteRow::name().into_owned(), &tables.footnotes),
        (PartRow::name().into_owned(), &tables.parts),
        (SectionRow::name().into_owned(), &tables.sections),
        (ItemRow::name().into_owned(), &tables.items),
        (ThemeRow::name().into_owned(), &tables.themes),
        (PersonRow::name().into_owned(), &tables.people),
        (RoleRow::name().into_owned(), &tables.roles),
        (PositionRow::name().into_owned(), &tables.positions),
        (FactRow::name().into_owned(), &tables.facts),
        (OrganizationRow::name().into_owned(), &tables.organizations),
        (SourceRow::name().into_owned(), &tables.sources),
        (PressArticleRow::name().into_owned(), &tables.press_articles),
    ];
    for (name, view) in examples {
        let Some(RefOr::T(Schema::Object(object))) = components.schemas.get_mut(&name) else {
            continue;
        };
        if let Some(row) = view.richest_row().and_then(|i| view.row_object(i).ok()) {
            object.examples = vec![Json::Object(row)];
        }
    }
}

/// What every GET answers besides its own responses: 304 to a matching `If-None-Match`, 400 to a
/// body or a malformed parameter, 406 to an unsatisfiable `Accept` or `Accept-Encoding` (files
/// included: compression is negotiated for every answer), 414 and 431 past the limits of
/// `api::limits`, 500; and the validators of every 200.
fn add_common_responses(doc: &mut Document) {
    for item in doc.paths.paths.values_mut() {
        let Some(operation) = item.get.as_mut() else {
            continue;
        };
        let responses = &mut operation.responses.responses;
        if let Some(RefOr::T(ok)) = responses.get_mut("200") {
            ok.headers.insert(
                "ETag".to_string(),
                HeaderBuilder::new()
                    .schema(Some(ObjectBuilder::new().schema_type(Type::String)))
                    .description(Some(
                        "Validateur fort calculé sur le contenu ; à renvoyer dans If-None-Match.",
                    ))
                    .build()
                    .into(),
            );
            ok.headers.insert(
                "Cache-Control".to_string(),
                HeaderBuilder::new()
                    .schema(Some(ObjectBuilder::new().schema_type(Type::String)))
                    .description(Some(
                        "Durée pendant laquelle la réponse peut être réutilisée.",
                    ))
                    .build()
                    .into(),
            );
        }
        for (status, name) in [
            ("304", "NotModified"),
            ("400", "BadRequest"),
            ("406", "NotAcceptable"),
            ("414", "UriTooLong"),
            ("431", "HeadersTooLarge"),
            ("500", "InternalError"),
        ] {
            responses
                .entry(status.to_string())
                .or_insert_with(|| RefOr::Ref(utoipa::openapi::Ref::from_response_name(name)));
        }
    }
}

/// A problem-detail response with an example body.
fn problem_response(description: &str, example: Json) -> RefOr<Response> {
    ResponseBuilder::new()
        .description(description)
        .content(
            PROBLEM_JSON,
            Content::builder()
                .schema(Some(
                    utoipa::openapi::Ref::from_schema_name(Problem::name()),
                ))
                .example(Some(example))
                .build(),
        )
        .build()
        .into()
}

/// 400: a parameter is unknown, repeated or invalid.
pub struct BadRequest;

impl<'r> ToResponse<'r> for BadRequest {
    fn response() -> (&'r str, RefOr<Response>) {
        (
            "BadRequest",
            problem_response(
                "Paramètre inconnu, répété, mal encodé (pour cent, UTF-8) ou de valeur invalide, ou requête GET avec un corps ; invalid_params nomme le paramètre et les noms, valeurs ou bornes acceptés.",
                json!({
                    "type": "about:blank",
                    "title": "Requête invalide",
                    "status": 400,
                    "detail": "Valeur « 500 » invalide pour « page_size » : un entier entre 1 et 100 est attendu.",
                    "instance": "/api/v1/items?page_size=500",
                    "invalid_params": [{"name": "page_size", "reason": "un entier entre 1 et 100 est attendu", "minimum": 1, "maximum": 100}]
                }),
            ),
        )
    }
}

/// 404: no resource with this id.
pub struct NotFound;

impl<'r> ToResponse<'r> for NotFound {
    fn response() -> (&'r str, RefOr<Response>) {
        (
            "NotFound",
            problem_response(
                "Aucune ressource avec cet identifiant ; see_also mène à la liste.",
                json!({
                    "type": "about:blank",
                    "title": "Ressource introuvable",
                    "status": 404,
                    "detail": "Aucune section « 2021-axis-9 ».",
                    "instance": "/api/v1/sections/2021-axis-9",
                    "see_also": "https://congres-numerique.villes-internet.net/api/v1/sections"
                }),
            ),
        )
    }
}

/// 406: nothing the client accepts can be produced.
pub struct NotAcceptable;

impl<'r> ToResponse<'r> for NotAcceptable {
    fn response() -> (&'r str, RefOr<Response>) {
        (
            "NotAcceptable",
            problem_response(
                "L'en-tête Accept n'admet aucun des formats de la ressource (available les liste), ou Accept-Encoding refuse tout codage, identity compris.",
                json!({
                    "type": "about:blank",
                    "title": "Format non disponible",
                    "status": 406,
                    "detail": "Aucun des types demandés par l'en-tête Accept n'est disponible ici. Types disponibles : application/json, text/csv, application/x-ndjson, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.",
                    "instance": "/api/v1/items",
                    "available": ["application/json", "text/csv", "application/x-ndjson", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]
                }),
            ),
        )
    }
}

/// 414: the request target is longer than the service reads.
pub struct UriTooLong;

impl<'r> ToResponse<'r> for UriTooLong {
    fn response() -> (&'r str, RefOr<Response>) {
        (
            "UriTooLong",
            problem_response(
                "Adresse (chemin et chaîne de requête) de plus de 8 Kio.",
                json!({
                    "type": "about:blank",
                    "title": "URI trop longue",
                    "status": 414,
                    "detail": "L'adresse demandée fait 9000 octets ; 8192 au plus sont lus. Pour tout obtenir d'un coup, téléchargez les exports (/api/v1/exports).",
                    "instance": "/api/v1/items"
                }),
            ),
        )
    }
}

/// 431: too many header fields, or too many bytes of them.
pub struct HeadersTooLarge;

impl<'r> ToResponse<'r> for HeadersTooLarge {
    fn response() -> (&'r str, RefOr<Response>) {
        (
            "HeadersTooLarge",
            problem_response(
                "Plus de 64 en-têtes ou plus de 32 Kio d'en-têtes. Au-delà de 96 en-têtes ou de 128 Kio, la réponse arrive sans corps et la connexion est fermée.",
                json!({
                    "type": "about:blank",
                    "title": "En-têtes trop grands",
                    "status": 431,
                    "detail": "La requête porte 70 en-têtes (1400 octets) ; 64 en-têtes et 32768 octets au plus sont lus.",
                    "instance": "/api/v1/items"
                }),
            ),
        )
    }
}

/// 416: the `Range` of a file request lies outside the file.
pub struct RangeNotSatisfiable;

impl<'r> ToResponse<'r> for RangeNotSatisfiable {
    fn response() -> (&'r str, RefOr<Response>) {
        let mut response = problem_response(
            "La plage demandée (en-tête Range) est hors du fichier ; Content-Range donne sa taille.",
            json!({
                "type": "about:blank",
                "title": "Plage non satisfaisable",
                "status": 416,
                "detail": "La plage demandée (en-tête Range) est hors du fichier.",
                "instance": "/exports/README.md"
            }),
        );
        if let RefOr::T(response) = &mut response {
            response.headers.insert(
                "Content-Range".to_string(),
                HeaderBuilder::new()
                    .schema(Some(ObjectBuilder::new().schema_type(Type::String)))
                    .description(Some("« bytes */{taille du fichier} »."))
                    .build()
                    .into(),
            );
        }
        ("RangeNotSatisfiable", response)
    }
}

/// 500: a failure of the service, logged; the body says nothing more.
pub struct InternalError;

impl<'r> ToResponse<'r> for InternalError {
    fn response() -> (&'r str, RefOr<Response>) {
        (
            "InternalError",
            problem_response(
                "Erreur du service ; elle est journalisée, le corps n'en dit pas plus.",
                json!({
                    "type": "about:blank",
                    "title": "Erreur interne",
                    "status": 500,
                    "detail": "Erreur interne du serveur ; elle a été journalisée. Réessayez plus tard.",
                    "instance": "/api/v1/items"
                }),
            ),
        )
    }
}

/// The 200 of a list: a page in JSON, a page in CSV, or every row in JSON Lines or a workbook.
fn list_response<R: ToSchema>(description: &str) -> RefOr<Response> {
    let text = |description: String| {
        Content::builder()
            .schema(Some(
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .description(Some(description)),
            ))
            .build()
    };
    let header = |description: &str, kind: Type| {
        HeaderBuilder::new()
            .schema(Some(ObjectBuilder::new().schema_type(kind)))
            .description(Some(description))
            .build()
    };
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            Content::builder()
                .schema(Some(utoipa::openapi::Ref::from_schema_name(
                    ListPage::<R>::name(),
                )))
                .build(),
        )
        .content(
            "text/csv",
            text(format!(
                "Une page en CSV (RFC 4180, UTF-8, ligne d'en-tête) : les colonnes des fichiers CSV des exports, dans le même ordre ; les listes (thèmes…) sont dans les tables de liens des exports. Le nombre total est dans X-Total-Count, les pages dans Link. Chaque ligne correspond à un objet {}.",
                R::name()
            )),
        )
        .content(
            "application/x-ndjson",
            text(format!(
                "JSON Lines : un objet {} par ligne, toute la liste filtrée, sans pagination.",
                R::name()
            )),
        )
        .content(
            crate::export::spreadsheet::XLSX_MEDIA_TYPE,
            Content::builder()
                .schema(Some(
                    ObjectBuilder::new()
                        .schema_type(Type::String)
                        .content_media_type(crate::export::spreadsheet::XLSX_MEDIA_TYPE)
                        .description(Some(format!(
                            "Classeur Excel de toute la liste filtrée, sans pagination : une feuille « À propos » (jeu de données, licence, requête, description de chaque colonne) puis une feuille des objets {} ; mêmes cellules que le CSV, titres de colonnes en français, libellés à côté des codes, ligne d'en-tête figée, dates et nombres typés. Enregistré sous le nom de la table (Content-Disposition).",
                            R::name()
                        ))),
                ))
                .build(),
        )
        .header(
            "Content-Disposition",
            header(
                "En classeur Excel seulement : attachment; filename=\"{table}.xlsx\".",
                Type::String,
            ),
        )
        .header(
            "Link",
            header(
                "Liens vers les pages first, prev, next et last (RFC 8288), absents en JSON Lines et en classeur Excel.",
                Type::String,
            ),
        )
        .header(
            "X-Total-Count",
            header(
                "Nombre total d'éléments de la liste filtrée.",
                Type::Integer,
            ),
        )
        .header(
            "ETag",
            header(
                "Validateur fort calculé sur le contenu ; à renvoyer dans If-None-Match.",
                Type::String,
            ),
        )
        .build()
        .into()
}

/// Declares the reusable 200 response of a list of `$row`.
macro_rules! list_response {
    ($name:ident, $row:ty, $description:literal) => {
        #[doc = $description]
        pub struct $name;

        impl<'r> ToResponse<'r> for $name {
            fn response() -> (&'r str, RefOr<Response>) {
                (stringify!($name), list_response::<$row>($description))
            }
        }
    };
}

list_response!(CongressListResponse, CongressRow, "Une page d'éditions.");
list_response!(MotionListResponse, MotionRow, "Une page de motions.");
list_response!(SectionListResponse, SectionRow, "Une page de sections.");
list_response!(ItemListResponse, ItemRow, "Une page d'items.");
list_response!(ThemeListResponse, ThemeRow, "Une page de thèmes.");
list_response!(PersonListResponse, PersonRow, "Une page de personnes.");
list_response!(
    RoleListResponse,
    RoleRow,
    "Une page de fonctions imprimées."
);
list_response!(
    PositionListResponse,
    PositionRow,
    "Une page de fonctions et mandats."
);
list_response!(FactListResponse, FactRow, "Une page de sources de faits.");
list_response!(
    OrganizationListResponse,
    OrganizationRow,
    "Une page d'organisations."
);
list_response!(
    SourceListResponse,
    SourceRow,
    "Une page de documents sources."
);
list_response!(
    PressArticleListResponse,
    PressArticleRow,
    "Une page d'articles de presse."
);

/// 304: the copy named in If-None-Match is current.
pub struct NotModified;

impl<'r> ToResponse<'r> for NotModified {
    fn response() -> (&'r str, RefOr<Response>) {
        (
            "NotModified",
            ResponseBuilder::new()
                .description("La copie désignée par If-None-Match est à jour : pas de corps.")
                .build()
                .into(),
        )
    }
}

/// The document as committed in `openapi/openapi.json`: the publication's own base URL, pretty
/// JSON, final newline. Deterministic: same code and corpus, same bytes.
pub fn committed_document(seeds: &Path) -> anyhow::Result<String> {
    let corpus = Corpus::load(seeds)?;
    let publication = Publication::load(seeds).map_err(|d| anyhow::anyhow!("{d}"))?;
    // Exports are not read by the document: any directory will do.
    let state = AppState::build(
        Arc::new(corpus),
        publication,
        "exports".into(),
        "schemas".into(),
    )?;
    let mut text = String::from_utf8(state.openapi_json.to_vec())?;
    text.push('\n');
    Ok(text)
}

/// Writes [`committed_document`] to `out`.
pub fn write(seeds: &Path, out: &Path) -> anyhow::Result<()> {
    let text = committed_document(seeds)?;
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(out, text)?;
    Ok(())
}

#[cfg(test)]
mod portability_tests {
    use super::*;

    #[test]
    fn titles_become_ascii_with_their_case_and_words() {
        assert_eq!(
            ascii_title("Éditions du Congrès — API"),
            "Editions du Congres - API"
        );
        assert_eq!(ascii_title("l’Élu·e  ŒUVRE"), "l'Elu.e OEUVRE");
    }

    #[test]
    fn response_code_lists_become_extensible_and_examples_stay() {
        let mut schema = json!({
            "title": "Rôle",
            "properties": {
                "office": { "type": ["string", "null"], "enum": ["president", null], "description": "Fonction." },
            },
            "examples": [{ "title": "Présidente" }],
        });
        portable_schema(&mut schema);
        assert_eq!(schema["title"], "Role");
        assert_eq!(schema["examples"][0]["title"], "Présidente");
        let office = &schema["properties"]["office"];
        assert!(office.get("enum").is_none());
        assert_eq!(office["x-extensible-enum"], json!(["president"]));
        assert!(
            office["description"]
                .as_str()
                .unwrap()
                .contains("extensible")
        );
    }
}
