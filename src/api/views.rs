//! Response types ("views"), separate from the corpus model.
//!
//! Rows are not re-declared here: a row is the JSON object [`crate::tables::json_row`] builds
//! from the field definitions, plus its `iri`, and its OpenAPI schema is generated from the same
//! definitions ([`row_schema`]): name, French title and description, type, codes, nullability.
//! One definition, so the dumps, the API and its documentation cannot drift apart. The composite
//! documents (a whole motion, a theme across editions) are ordinary structs that embed rows.

use std::borrow::Cow;

use serde::Serialize;
use serde_json::{Map, Value as Json};
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{
    ArrayBuilder, KnownFormat, ObjectBuilder, Schema, SchemaFormat, SchemaType, Type,
};
use utoipa::{PartialSchema, ToSchema};

use super::pagination::PageLinks;
use crate::tables::{self, FieldInfo, FieldType};

pub type JsonObject = Map<String, Json>;

/// The object schema of a row of `table`, built from its field definitions. The example is
/// added later from the corpus (see [`super::openapi`]), since a schema function has no data.
pub fn row_schema(table: &str) -> RefOr<Schema> {
    let Some(table) = tables::table(table) else {
        // Only reachable through a typo in `row_view!` below, which a test would catch.
        return ObjectBuilder::new().into();
    };
    let meta = table.meta();
    let fields = table.fields();
    let mut object = ObjectBuilder::new()
        .schema_type(Type::Object)
        .title(Some(meta.title))
        .description(Some(meta.description));
    for (i, field) in fields.iter().enumerate() {
        object = object
            .property(field.name, field_schema(field))
            .required(field.name);
        if i == 0 {
            object = object
                .property(
                    "iri",
                    ObjectBuilder::new()
                        .schema_type(Type::String)
                        .format(Some(SchemaFormat::Custom("uri".into())))
                        .title(Some("IRI"))
                        .description(Some(format!(
                            "Identifiant web de la ressource, « {{base}}/id/{}/{{id}} », le même dans tous les exports (CSV, JSON, RDF).",
                            meta.entity
                        ))),
                )
                .required("iri");
        }
    }
    object = object
        .property(
            "type",
            ArrayBuilder::new()
                .items(ObjectBuilder::new().schema_type(Type::String))
                .title(Some("Classes RDF"))
                .description(Some(
                    "Les classes RDF de la ressource (CURIE : « schema:Event »), comme dans les graphes RDF ; lues par JSON-LD comme son rdf:type.",
                )),
        )
        .required("type");
    for key in crate::rdf::fact_keys(table) {
        let description = match key {
            "in_scheme" => "IRI du schéma de concepts du thème (skos:inScheme).",
            _ => {
                "IRI de l'organisation qui publie la motion (schema:publisher) : l'association qui organise le Congrès."
            }
        };
        object = object
            .property(
                key,
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .format(Some(SchemaFormat::Custom("uri".into())))
                    .description(Some(description)),
            )
            .required(key);
    }
    object.into()
}

/// One property: every key is always present in a row; a field that is not required is `null`
/// when the sources say nothing (lists are then empty rather than `null`).
fn field_schema(field: &FieldInfo) -> RefOr<Schema> {
    let description = match field.target() {
        Some(target) => {
            let path = tables::table(target).map_or(target, |t| t.meta().api_path);
            format!(
                "{} Identifiant d'une ressource de /api/v1/{path}.",
                field.description
            )
        }
        None => field.description.to_string(),
    };
    let scalar = |kind: Type| {
        let schema_type = if field.required {
            SchemaType::Type(kind)
        } else {
            [kind, Type::Null].into_iter().collect()
        };
        ObjectBuilder::new()
            .schema_type(schema_type)
            .title(Some(field.title))
            .description(Some(description.clone()))
    };
    let text_array = || ArrayBuilder::new().items(ObjectBuilder::new().schema_type(Type::String));
    match field.field_type {
        FieldType::Text | FieldType::Ref(_) => {
            let mut schema = scalar(Type::String);
            if let Some(codes) = field.codes {
                let mut values: Vec<Json> = codes().into_iter().map(Json::from).collect();
                if !field.required {
                    values.push(Json::Null);
                }
                schema = schema.enum_values(Some(values));
            }
            schema.into()
        }
        FieldType::Integer => scalar(Type::Integer)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
            .into(),
        FieldType::Boolean => scalar(Type::Boolean).into(),
        FieldType::Date => scalar(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
            .into(),
        FieldType::Paragraphs | FieldType::RefList(_) => text_array()
            .title(Some(field.title))
            .description(Some(description))
            .into(),
        FieldType::Blocks => ArrayBuilder::new()
            .items(
                ObjectBuilder::new()
                    .schema_type(Type::Object)
                    .property(
                        "heading",
                        ObjectBuilder::new()
                            .schema_type(
                                [Type::String, Type::Null]
                                    .into_iter()
                                    .collect::<SchemaType>(),
                            )
                            .description(Some("Intertitre du bloc, null s'il n'y en a pas.")),
                    )
                    .required("heading")
                    .property(
                        "paragraphs",
                        text_array().description(Some("Paragraphes du bloc.")),
                    )
                    .required("paragraphs"),
            )
            .title(Some(field.title))
            .description(Some(description))
            .into(),
    }
}

/// A row as it appears in JSON: the table's fields in order (the object of
/// [`tables::json_row`]), with `iri` after `id`, then the facts of its RDF that are no field
/// (`type`, and `in_scheme` or `publisher`: see `rdf::RowFacts`), so that the row read as
/// JSON-LD says what the dumps say. Written straight from the corpus values (see [`tables::Value`]'s
/// `Serialize`): building a `serde_json` map first copied every key and text of every row of
/// every table at start-up, a third of building the views at ×1000.
pub struct RowJson<'a> {
    fields: &'a [FieldInfo],
    values: &'a [tables::Value<'a>],
    iri: &'a str,
    types: Vec<&'static str>,
    links: &'a [(&'static str, &'static str, String)],
}

impl<'a> RowJson<'a> {
    pub fn new(
        fields: &'a [FieldInfo],
        values: &'a [tables::Value<'a>],
        iri: &'a str,
        facts: &'a crate::rdf::RowFacts,
    ) -> Self {
        RowJson {
            fields,
            values,
            iri,
            types: facts.types_of(fields, values),
            links: &facts.links,
        }
    }

    /// How many of its keys are written as something (not `null`, not an empty list).
    pub fn filled(&self) -> usize {
        let fields = self.values.iter().filter(|v| v.is_filled()).count();
        let iri = usize::from(self.fields.iter().any(|f| f.name == "id"));
        fields + iri + usize::from(!self.types.is_empty()) + self.links.len()
    }
}

impl Serialize for RowJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut row = serializer.serialize_map(None)?;
        for (field, value) in self.fields.iter().zip(self.values) {
            row.serialize_entry(field.name, value)?;
            if field.name == "id" {
                row.serialize_entry("iri", self.iri)?;
            }
        }
        row.serialize_entry("type", &self.types)?;
        for (key, _, iri) in self.links {
            row.serialize_entry(key, iri)?;
        }
        row.end()
    }
}

/// Declares the view type of the rows of one table: a JSON object whose schema comes from the
/// table's field definitions.
macro_rules! row_view {
    ($(#[$meta:meta])* $type:ident, $table:literal, $schema:literal) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Serialize)]
        #[serde(transparent)]
        pub struct $type(pub JsonObject);

        impl $type {
            /// The table the rows come from.
            pub const TABLE: &'static str = $table;
        }

        impl PartialSchema for $type {
            fn schema() -> RefOr<Schema> {
                row_schema($table)
            }
        }

        impl ToSchema for $type {
            fn name() -> Cow<'static, str> {
                Cow::Borrowed($schema)
            }
        }
    };
}

row_view!(
    /// A congress edition.
    CongressRow, "congresses", "Congress");
row_view!(
    /// A motion (its own fields; see [`MotionDocument`] for the whole text).
    MotionRow, "motions", "Motion");
row_view!(
    /// A footnote of a motion.
    FootnoteRow, "footnotes", "Footnote");
row_view!(
    /// A part of a motion.
    PartRow, "parts", "Part");
row_view!(
    /// A section of a motion.
    SectionRow, "sections", "Section");
row_view!(
    /// An item of a section.
    ItemRow, "items", "Item");
row_view!(
    /// A theme of the taxonomy.
    ThemeRow, "themes", "Theme");
row_view!(
    /// A person.
    PersonRow, "people", "Person");
row_view!(
    /// A printed role.
    RoleRow, "roles", "Role");
row_view!(
    /// One position stated by a printed role.
    PositionRow, "positions", "Position");
row_view!(
    /// The source of one fact.
    FactRow, "facts", "Fact");
row_view!(
    /// An organisation.
    OrganizationRow, "organizations", "Organization");
row_view!(
    /// A source document.
    SourceRow, "sources", "Source");
row_view!(
    /// A press article (bibliographic data only).
    PressArticleRow, "press_articles", "PressArticle");

/// A page of a list.
#[derive(Debug, Serialize)]
pub struct ListPage<R> {
    pub page: u32,
    pub page_size: u32,
    pub total: usize,
    pub links: PageLinks,
    pub data: Vec<R>,
}

impl<R: ToSchema> PartialSchema for ListPage<R> {
    fn schema() -> RefOr<Schema> {
        let integer = |description: &str, minimum: i64, example: i64| {
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
                .minimum(Some(minimum))
                .description(Some(description))
                .examples([example])
        };
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .description(Some(format!(
                "Une page de la liste, dans l'ordre stable du corpus ; chaque élément de data est un objet {}.",
                R::name()
            )))
            .property("page", integer("Numéro de cette page (à partir de 1).", 1, 1))
            .required("page")
            .property("page_size", integer("Nombre maximal d'éléments par page.", 1, 20))
            .required("page_size")
            .property(
                "total",
                integer(
                    "Nombre total d'éléments de la liste filtrée, toutes pages confondues.",
                    0,
                    46,
                ),
            )
            .required("total")
            .property("links", PageLinks::schema_ref())
            .required("links")
            .property(
                "data",
                ArrayBuilder::new().items(utoipa::openapi::Ref::from_schema_name(R::name())),
            )
            .required("data")
            .into()
    }
}

impl<R: ToSchema> ToSchema for ListPage<R> {
    fn name() -> Cow<'static, str> {
        Cow::Owned(format!("{}List", R::name()))
    }

    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        schemas.push((R::name().into_owned(), R::schema()));
        R::schemas(schemas);
        schemas.push((PageLinks::name().into_owned(), PageLinks::schema()));
    }
}

/// A `$ref` to a component schema, for hand-built schemas.
trait SchemaRef: ToSchema {
    fn schema_ref() -> utoipa::openapi::Ref {
        utoipa::openapi::Ref::from_schema_name(Self::name())
    }
}

impl<T: ToSchema> SchemaRef for T {}

/// A whole motion, as one document: its fields, then its parts, sections (each with its items
/// and their sub-items), footnotes, the themes it uses, its edition and its source.
#[derive(Debug, Serialize, ToSchema)]
#[schema(
    description = "Une motion entière, en un seul document : ses champs, son édition, ses parties, ses sections (chacune avec ses items et leurs sous-items), ses notes, les thèmes cités et son document source."
)]
pub struct MotionDocument {
    #[serde(flatten)]
    pub motion: MotionRow,
    /// L'édition du Congrès dont vient le texte.
    pub congress: CongressRow,
    /// Les grandes parties de la motion, dans l'ordre ; les sections disent à quelle partie elles
    /// appartiennent (part_id).
    pub parts: Vec<PartRow>,
    /// Toutes les sections, dans l'ordre de lecture, chacune avec ses items.
    pub sections: Vec<SectionDocument>,
    /// Notes de bas de page.
    pub footnotes: Vec<FootnoteRow>,
    /// Les thèmes cités par les sections et les items, dans l'ordre de la taxonomie.
    pub themes: Vec<ThemeRow>,
    /// Le document source du texte.
    pub source: SourceRow,
}

/// A section with its items in reading order, each item with its sub-items.
#[derive(Debug, Serialize, ToSchema)]
#[schema(
    description = "Une section et ses items dans l'ordre de lecture, chaque item avec ses sous-items."
)]
pub struct SectionDocument {
    #[serde(flatten)]
    pub section: SectionRow,
    /// Les items de la section (sans les sous-items, rangés sous leur parent).
    pub items: Vec<ItemDocument>,
}

/// An item and its sub-items.
#[derive(Debug, Serialize, ToSchema)]
#[schema(description = "Un item et ses sous-items.")]
pub struct ItemDocument {
    #[serde(flatten)]
    pub item: ItemRow,
    /// Sous-propositions qui détaillent l'item, dans l'ordre (souvent vide).
    pub sub_items: Vec<ItemRow>,
}

/// A theme across the editions.
#[derive(Debug, Serialize, ToSchema)]
#[schema(description = "Un thème et, édition par édition, les sections et items qui le portent.")]
pub struct ThemeDocument {
    #[serde(flatten)]
    pub theme: ThemeRow,
    /// Thèmes plus précis rattachés à celui-ci (skos:narrower).
    pub narrower: Vec<String>,
    /// Ce que chaque édition a dit sur ce thème, de la plus ancienne à la plus récente.
    pub editions: Vec<ThemeEdition>,
}

/// What one edition said on a theme.
#[derive(Debug, Serialize, ToSchema)]
#[schema(description = "Ce qu'une édition a dit sur un thème.")]
pub struct ThemeEdition {
    /// Édition (année).
    #[schema(example = "2021")]
    pub congress_id: String,
    /// Année de l'édition.
    #[schema(example = 2021)]
    pub year: u16,
    /// in_corpus si le texte de la motion est dans le corpus ; not_in_sources sinon (l'édition
    /// ne peut alors rien dire du thème ici).
    #[schema(example = "in_corpus")]
    pub motion_status: String,
    /// Sections de la motion rattachées au thème.
    pub sections: Vec<SectionRow>,
    /// Items rattachés au thème.
    pub items: Vec<ItemRow>,
}

/// A person with the roles printed for them, edition by edition.
#[derive(Debug, Serialize, ToSchema)]
#[schema(description = "Une personne et ses fonctions imprimées, édition par édition.")]
pub struct PersonDocument {
    #[serde(flatten)]
    pub person: PersonRow,
    /// Les fonctions imprimées, regroupées par édition, de la plus ancienne à la plus récente.
    pub editions: Vec<PersonEdition>,
}

/// The roles of a person in one edition.
#[derive(Debug, Serialize, ToSchema)]
#[schema(description = "Les fonctions imprimées d'une personne dans une édition.")]
pub struct PersonEdition {
    /// Édition (année).
    #[schema(example = "2021")]
    pub congress_id: String,
    /// Fonctions imprimées dans les documents de cette édition.
    pub roles: Vec<RoleRow>,
    /// Les fonctions, mandats et autres qualités que ces rôles énoncent, chacun séparément.
    pub positions: Vec<PositionRow>,
}

/// An organisation with the positions held in it and the editions whose workshops it was a
/// partner of or that were held there.
#[derive(Debug, Serialize, ToSchema)]
#[schema(
    description = "Une organisation, les fonctions et mandats qui s'y exercent, les éditions dont elle est partenaire des ateliers et celles qui s'y sont tenues."
)]
pub struct OrganizationDocument {
    #[serde(flatten)]
    pub organization: OrganizationRow,
    /// Fonctions (à l'association) et mandats (dans la collectivité) qui s'y exercent.
    pub positions: Vec<PositionRow>,
    /// Éditions dont l'organisation est partenaire des ateliers.
    pub workshop_partner_of: Vec<String>,
    /// Éditions qui se sont tenues dans cette commune.
    pub hosted: Vec<String>,
}

/// A search hit.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(description = "Un résultat de recherche.")]
pub struct SearchHit {
    /// Nature de la ressource trouvée.
    #[schema(example = "item")]
    pub r#type: String,
    /// Identifiant de la ressource.
    #[schema(example = "2021-axis-1.2")]
    pub id: String,
    /// Édition (année) de la ressource ; null pour un thème, commun à toutes les éditions.
    #[schema(example = "2021")]
    pub congress_id: Option<String>,
    /// Pertinence (BM25) : plus elle est grande, plus la ressource correspond ; à comparer
    /// seulement entre les résultats d'une même recherche.
    #[schema(example = 3.2)]
    pub score: f32,
    /// Libellé de la ressource (titre, ou début du texte).
    pub label: String,
    /// Extrait où les mots trouvés sont entourés de <mark>…</mark>. Le reste est échappé pour
    /// HTML : l'extrait peut être inséré tel quel dans une page.
    #[schema(example = "… la <mark>donnée</mark> publique …")]
    pub snippet: String,
    /// IRI de la ressource.
    pub iri: String,
    /// Adresse de la ressource dans l'API (la motion entière pour une partie ou une note).
    pub url: String,
}

/// A page of search hits, best first.
#[derive(Debug, Serialize, ToSchema)]
#[schema(description = "Une page de résultats de recherche, du plus pertinent au moins pertinent.")]
pub struct SearchPage {
    /// La recherche telle que comprise.
    #[schema(example = "donnée")]
    pub q: String,
    pub page: u32,
    pub page_size: u32,
    /// Nombre total de résultats.
    pub total: usize,
    pub links: PageLinks,
    /// Résultats, du plus pertinent au moins pertinent.
    pub data: Vec<SearchHit>,
}

/// A file of the published exports.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(description = "Un fichier des exports.")]
pub struct ExportFile {
    /// Chemin relatif au dossier des exports.
    #[schema(example = "csv/items.csv")]
    pub path: String,
    /// Taille en octets.
    pub size: u64,
    /// Empreinte SHA-256 du fichier (hexadécimal).
    pub sha256: String,
    /// Type de média servi.
    #[schema(example = "text/csv; charset=utf-8")]
    pub media_type: String,
    /// Adresse de téléchargement.
    pub url: String,
}

/// The list of export files.
#[derive(Debug, Serialize, ToSchema)]
#[schema(description = "La liste des fichiers des exports.")]
pub struct ExportList {
    /// Nombre de fichiers.
    pub total: usize,
    /// Les fichiers, par chemin.
    pub data: Vec<ExportFile>,
}

/// The entry point of the service.
#[derive(Debug, Serialize, ToSchema)]
#[schema(
    description = "Le point d'entrée du service : le jeu de données, sa licence et les adresses des ressources."
)]
pub struct ServiceIndex {
    /// Titre du jeu de données.
    pub title: String,
    /// Description du jeu de données.
    pub description: String,
    /// Version des données publiées.
    pub version: String,
    /// Licence des données.
    pub license: LicenseView,
    /// Adresses de la documentation et des ressources, par nom.
    pub links: std::collections::BTreeMap<String, String>,
}

/// A licence.
#[derive(Debug, Serialize, ToSchema)]
#[schema(description = "Une licence.")]
pub struct LicenseView {
    #[schema(example = "Licence Ouverte / Open Licence version 2.0")]
    pub title: String,
    pub url: String,
    /// Identifiant SPDX.
    #[schema(example = "etalab-2.0")]
    pub spdx: String,
}

/// The state of the service.
#[derive(Debug, Serialize, ToSchema)]
#[schema(description = "L'état du service.")]
pub struct Health {
    /// ok quand le service répond.
    #[schema(example = "ok")]
    pub status: String,
    /// Version du logiciel.
    pub software_version: String,
    /// Version des données publiées.
    pub data_version: String,
    /// Nombre de lignes par table chargée.
    pub counts: std::collections::BTreeMap<String, usize>,
}
