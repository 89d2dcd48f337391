//! The tables of the publication and their fields: the single place where a published field is
//! named, described, typed and mapped to RDF.
//!
//! RDF mapping, after the suggested vocabularies: editions are `schema:Event`, motions
//! `opengov:Motion`, sections/parts/items `schema:CreativeWork` linked by `dct:isPartOf`, people
//! `person:Person`, printed roles `org:Membership`, organisations `org:Organization`, themes
//! `skos:Concept`, sources `foaf:Document`/`prov:Entity`, press articles `schema:NewsArticle`.
//! `cn:` terms are the project's own, for facts no established term fits (a count's qualifier,
//! a role as printed).

use super::{AnyTable, Field, FieldType as T, Rdf, Table, TableMeta, Value};
use crate::corpus::codes::{
    Capacity, CountQualifier, ItemKind, MotionStatus, Office, OrganizationKind, SectionKind,
    SourceKind,
};
use crate::corpus::{
    Congress, Corpus, Count, Footnote, Item, Motion, Organization, Part, Person, PressArticle,
    Role, Section, Source, Theme,
};

/// Every table, in publication order.
pub static TABLES: &[&dyn AnyTable] = &[
    &CONGRESSES,
    &MOTIONS,
    &FOOTNOTES,
    &PARTS,
    &SECTIONS,
    &ITEMS,
    &THEMES,
    &PEOPLE,
    &ROLES,
    &ORGANIZATIONS,
    &SOURCES,
    &PRESS_ARTICLES,
];

/// A table by name.
pub fn table(name: &str) -> Option<&'static dyn AnyTable> {
    TABLES.iter().copied().find(|t| t.meta().name == name)
}

/// A field with no closed list of codes.
macro_rules! field {
    ($name:literal, $type:expr, required: $required:expr, $rdf:expr, $title:literal, $description:literal, $get:expr $(,)?) => {
        Field {
            name: $name,
            title: $title,
            description: $description,
            field_type: $type,
            required: $required,
            codes: None,
            label: None,
            rdf: $rdf,
            get: $get,
        }
    };
}

/// A field whose values are the codes of a `code_enum!`.
macro_rules! code_field {
    ($name:literal, $enum:ty, required: $required:expr, $rdf:expr, $title:literal, $description:literal, $get:expr $(,)?) => {
        Field {
            codes: Some(|| <$enum>::ALL.iter().map(|v| v.code()).collect()),
            label: Some(|code| <$enum>::parse(code).map(|v| v.label())),
            ..field!($name, T::Text, required: $required, $rdf, $title, $description, $get)
        }
    };
}

fn text(s: &str) -> Value<'_> {
    Value::Text(s)
}

fn opt(s: &Option<String>) -> Value<'_> {
    s.as_deref().map_or(Value::Null, Value::Text)
}

fn opt_id<I: AsRef<str>>(id: &Option<I>) -> Value<'_> {
    id.as_ref()
        .map_or(Value::Null, |id| Value::Text(id.as_ref()))
}

fn date(d: Option<jiff::civil::Date>) -> Value<'static> {
    d.map_or(Value::Null, Value::Date)
}

fn count_value(c: &Option<Count>) -> Value<'static> {
    c.as_ref()
        .map_or(Value::Null, |c| Value::Integer(i64::from(c.value)))
}

fn count_qualifier(c: &Option<Count>) -> Value<'static> {
    c.as_ref()
        .map_or(Value::Null, |c| Value::Text(c.qualifier.code()))
}

fn count_printed(c: &Option<Count>) -> Value<'_> {
    c.as_ref()
        .map_or(Value::Null, |c| Value::Text(&c.as_printed))
}

macro_rules! as_ref_str {
    ($($t:ty),*) => {$(
        impl AsRef<str> for $t {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }
    )*};
}
as_ref_str!(
    crate::corpus::CongressId,
    crate::corpus::MotionId,
    crate::corpus::PartId,
    crate::corpus::SectionId,
    crate::corpus::ItemId,
    crate::corpus::PersonId,
    crate::corpus::OrganizationId,
    crate::corpus::ThemeId,
    crate::corpus::SourceId
);

// -------------------------------------------------------------------------------------------

pub static CONGRESSES: Table<Congress> = Table {
    meta: TableMeta {
        name: "congresses",
        entity: "congress",
        api_path: "congresses",
        title: "Éditions du Congrès",
        description: "Une ligne par édition du Congrès national des élus au numérique : dates et lieu quand ils sont imprimés, nombres de contributions et de contributeurs tels qu'imprimés, avec leur qualificatif (exact ou « plus de »).",
        classes: &["schema:Event"],
    },
    rows: |c| c.congresses.iter().collect(),
    fields: &[
        field!("id", T::Text, required: true, Rdf::Literal("dct:identifier"),
            "Identifiant", "Identifiant stable de l'édition : son année.",
            |c, _| text(c.id.as_str())),
        field!("ordinal", T::Integer, required: true, Rdf::Literal("cn:ordinal"),
            "Rang", "Rang de l'édition (1 pour le premier Congrès).",
            |c, _| Value::Integer(i64::from(c.ordinal))),
        field!("year", T::Integer, required: true, Rdf::Literal("cn:year"),
            "Année", "Année de l'édition.",
            |c, _| Value::Integer(i64::from(c.year))),
        field!("name", T::Text, required: true, Rdf::French("schema:name"),
            "Nom", "Nom de l'édition, composé à partir de son rang et de son année (libellé généré, pas une citation).",
            |c, _| Value::Owned(c.name())),
        field!("start_date", T::Date, required: false, Rdf::Literal("schema:startDate"),
            "Date de début", "Premier jour du Congrès (AAAA-MM-JJ), vide si les sources ne la donnent pas.",
            |c, _| date(c.start_date)),
        field!("end_date", T::Date, required: false, Rdf::Literal("schema:endDate"),
            "Date de fin", "Dernier jour du Congrès (AAAA-MM-JJ), vide si les sources ne la donnent pas.",
            |c, _| date(c.end_date)),
        field!("place_id", T::Ref("organizations"), required: false, Rdf::Link("schema:location"),
            "Lieu", "Commune où s'est tenu le Congrès (identifiant d'organisation), vide si non imprimé.",
            |c, _| opt_id(&c.place)),
        field!("contributions_count", T::Integer, required: false, Rdf::Literal("cn:contributionsCount"),
            "Nombre de contributions", "Nombre de contributions tel qu'imprimé ; à lire avec contributions_qualifier (« plus de 1000 » reste une borne inférieure).",
            |c, _| count_value(&c.contributions)),
        code_field!("contributions_qualifier", CountQualifier, required: false, Rdf::Literal("cn:contributionsQualifier"),
            "Qualificatif du nombre de contributions", "exact : nombre exact ; more_than : le texte dit « plus de » ce nombre.",
            |c, _| count_qualifier(&c.contributions)),
        field!("contributions_as_printed", T::Text, required: false, Rdf::French("cn:contributionsAsPrinted"),
            "Contributions (texte imprimé)", "Les mots de la source pour ce nombre, mot pour mot.",
            |c, _| count_printed(&c.contributions)),
        field!("contributors_count", T::Integer, required: false, Rdf::Literal("cn:contributorsCount"),
            "Nombre de contributeurs", "Nombre d'élus contributeurs tel qu'imprimé ; à lire avec contributors_qualifier.",
            |c, _| count_value(&c.contributors)),
        code_field!("contributors_qualifier", CountQualifier, required: false, Rdf::Literal("cn:contributorsQualifier"),
            "Qualificatif du nombre de contributeurs", "exact : nombre exact ; more_than : le texte dit « plus de » ce nombre.",
            |c, _| count_qualifier(&c.contributors)),
        field!("contributors_as_printed", T::Text, required: false, Rdf::French("cn:contributorsAsPrinted"),
            "Contributeurs (texte imprimé)", "Les mots de la source pour ce nombre, mot pour mot.",
            |c, _| count_printed(&c.contributors)),
        field!("description", T::Blocks, required: false, Rdf::French("schema:description"),
            "Présentation", "Texte de présentation de l'édition quand une source en donne un (blocs avec intertitre facultatif).",
            |c, _| Value::Blocks(&c.description)),
        code_field!("motion_status", MotionStatus, required: true, Rdf::Literal("cn:motionStatus"),
            "Statut du texte de la motion", "in_corpus : la motion est dans le corpus ; not_in_sources : une motion a été adoptée mais son texte ne figure pas dans les sources.",
            |c, _| Value::Text(c.motion_status().code())),
        field!("motion_id", T::Ref("motions"), required: false, Rdf::Link("schema:subjectOf"),
            "Motion", "Identifiant de la motion de l'édition, vide si son texte n'est pas dans les sources.",
            |c, _| opt_id(&c.motion)),
        field!("partners", T::RefList("organizations"), required: false, Rdf::Link("schema:sponsor"),
            "Partenaires", "Organisations partenaires de l'édition, dans l'ordre imprimé.",
            |c, _| Value::Refs(c.partners.iter().map(|p| p.as_str()).collect())),
        field!("source_id", T::Ref("sources"), required: true, Rdf::Link("prov:wasDerivedFrom"),
            "Source", "Document source d'où viennent ces informations.",
            |c, _| text(c.source.as_str())),
    ],
};

pub static MOTIONS: Table<Motion> = Table {
    meta: TableMeta {
        name: "motions",
        entity: "motion",
        api_path: "motions",
        title: "Motions",
        description: "Une ligne par motion (ou texte de propositions) présente dans les sources : titre, date d'adoption quand elle est imprimée, préambule et texte de conclusion, mot pour mot.",
        classes: &["opengov:Motion", "schema:CreativeWork"],
    },
    rows: |c| c.motions.iter().collect(),
    fields: &[
        field!("id", T::Text, required: true, Rdf::Literal("dct:identifier"),
            "Identifiant", "Identifiant stable de la motion : l'année de son édition.",
            |m, _| text(m.id.as_str())),
        field!("congress_id", T::Ref("congresses"), required: true, Rdf::Link("opengov:legislativeSession"),
            "Édition", "Édition du Congrès qui a produit la motion.",
            |m, _| text(m.congress.as_str())),
        field!("title", T::Text, required: true, Rdf::French("dct:title"),
            "Titre", "Titre tel qu'imprimé.",
            |m, _| text(&m.title)),
        field!("adopted_on", T::Date, required: false, Rdf::Literal("dct:dateAccepted"),
            "Date d'adoption", "Date d'adoption imprimée (AAAA-MM-JJ), vide si la source ne la donne pas.",
            |m, _| date(m.adopted_on)),
        field!("preamble_heading", T::Text, required: false, Rdf::French("cn:preambleHeading"),
            "Titre du préambule", "Intertitre du préambule tel qu'imprimé (« Préambule », « NOS AMBITIONS »).",
            |m, _| opt(&m.preamble_heading)),
        field!("preamble", T::Paragraphs, required: false, Rdf::French("cn:preamble"),
            "Préambule", "Paragraphes du préambule (en CSV, séparés par une ligne vide).",
            |m, _| Value::Paragraphs(&m.preamble)),
        field!("closing", T::Paragraphs, required: false, Rdf::French("cn:closing"),
            "Conclusion", "Paragraphes de conclusion (en CSV, séparés par une ligne vide).",
            |m, _| Value::Paragraphs(&m.closing)),
        field!("source_id", T::Ref("sources"), required: true, Rdf::Link("prov:wasDerivedFrom"),
            "Source", "Document source du texte.",
            |m, _| text(m.source.as_str())),
    ],
};

pub static FOOTNOTES: Table<Footnote> = Table {
    meta: TableMeta {
        name: "footnotes",
        entity: "footnote",
        api_path: "footnotes",
        title: "Notes de bas de page",
        description: "Les notes de bas de page des motions, mot pour mot.",
        classes: &["schema:CreativeWork"],
    },
    rows: |c| c.footnotes.iter().collect(),
    fields: &[
        field!("id", T::Text, required: true, Rdf::Literal("dct:identifier"),
            "Identifiant", "Identifiant stable : « {motion}-note-{numéro} ».",
            |f, _| text(&f.id)),
        field!("motion_id", T::Ref("motions"), required: true, Rdf::Link("dct:isPartOf"),
            "Motion", "Motion qui porte la note.",
            |f, _| text(f.motion.as_str())),
        field!("label", T::Text, required: true, Rdf::Literal("schema:position"),
            "Numéro", "Numéro de la note tel qu'imprimé.",
            |f, _| text(&f.label)),
        field!("heading", T::Text, required: false, Rdf::French("dct:title"),
            "Titre", "Titre de la note, s'il y en a un.",
            |f, _| opt(&f.heading)),
        field!("text", T::Text, required: true, Rdf::French("schema:text"),
            "Texte", "Texte de la note.",
            |f, _| text(&f.text)),
        field!("source_id", T::Ref("sources"), required: true, Rdf::Link("prov:wasDerivedFrom"),
            "Source", "Document source du texte.",
            |f, _| text(f.source.as_str())),
    ],
};

pub static PARTS: Table<Part> = Table {
    meta: TableMeta {
        name: "parts",
        entity: "part",
        api_path: "parts",
        title: "Parties des motions",
        description: "Les grandes parties qui regroupent des sections d'une motion (« LES ENGAGEMENTS »…), avec leur texte d'introduction.",
        classes: &["schema:CreativeWork"],
    },
    rows: |c| c.parts.iter().collect(),
    fields: &[
        field!("id", T::Text, required: true, Rdf::Literal("dct:identifier"),
            "Identifiant", "Identifiant stable : « {année}-part-{position} ».",
            |p, _| text(p.id.as_str())),
        field!("motion_id", T::Ref("motions"), required: true, Rdf::Link("dct:isPartOf"),
            "Motion", "Motion qui contient la partie.",
            |p, _| text(p.motion.as_str())),
        field!("position", T::Integer, required: true, Rdf::Literal("schema:position"),
            "Position", "Rang de la partie dans la motion (1, 2…).",
            |p, _| Value::Integer(i64::from(p.position))),
        field!("title", T::Text, required: false, Rdf::French("dct:title"),
            "Titre", "Titre tel qu'imprimé.",
            |p, _| opt(&p.title)),
        field!("introduction", T::Paragraphs, required: false, Rdf::French("schema:text"),
            "Introduction", "Paragraphes d'introduction (en CSV, séparés par une ligne vide).",
            |p, _| Value::Paragraphs(&p.introduction)),
    ],
};

pub static SECTIONS: Table<Section> = Table {
    meta: TableMeta {
        name: "sections",
        entity: "section",
        api_path: "sections",
        title: "Sections des motions",
        description: "Une ligne par objectif (2020), axe (2021), engagement ou atelier (2026) : titre, sous-titre, texte, thèmes.",
        classes: &["schema:CreativeWork"],
    },
    rows: |c| c.sections.iter().collect(),
    fields: &[
        field!("id", T::Text, required: true, Rdf::Literal("dct:identifier"),
            "Identifiant", "Identifiant stable : « {année}-{kind}-{position} ».",
            |s, _| text(s.id.as_str())),
        field!("congress_id", T::Ref("congresses"), required: true, Rdf::None,
            "Édition", "Édition du Congrès.",
            |s, _| text(s.congress.as_str())),
        field!("motion_id", T::Ref("motions"), required: true, Rdf::Link("dct:isPartOf"),
            "Motion", "Motion qui contient la section.",
            |s, _| text(s.motion.as_str())),
        field!("part_id", T::Ref("parts"), required: false, Rdf::Link("dct:isPartOf"),
            "Partie", "Partie de la motion qui regroupe la section, s'il y en a une.",
            |s, _| opt_id(&s.part)),
        code_field!("kind", SectionKind, required: true, Rdf::Literal("cn:sectionKind"),
            "Nature", "objective (objectif), axis (axe), engagement ou workshop (atelier).",
            |s, _| Value::Text(s.kind.code())),
        field!("position", T::Integer, required: true, Rdf::Literal("schema:position"),
            "Position", "Rang de la section parmi celles de même nature dans la motion.",
            |s, _| Value::Integer(i64::from(s.position))),
        field!("title", T::Text, required: true, Rdf::French("dct:title"),
            "Titre", "Titre tel qu'imprimé, sans sa numérotation.",
            |s, _| text(&s.title)),
        field!("subtitle", T::Text, required: false, Rdf::French("schema:alternativeHeadline"),
            "Sous-titre", "Sous-titre tel qu'imprimé, s'il y en a un.",
            |s, _| opt(&s.subtitle)),
        field!("body", T::Paragraphs, required: false, Rdf::French("schema:text"),
            "Texte", "Paragraphes du texte de la section (en CSV, séparés par une ligne vide).",
            |s, _| Value::Paragraphs(&s.body)),
        field!("items_heading", T::Text, required: false, Rdf::French("cn:itemsHeading"),
            "Titre de la liste", "Intertitre qui précède la liste des items (« Propositions »).",
            |s, _| opt(&s.items_heading)),
        field!("items_intro", T::Paragraphs, required: false, Rdf::French("cn:itemsIntroduction"),
            "Introduction de la liste", "Texte qui introduit la liste des items (« Trois leviers doivent être davantage activés : »).",
            |s, _| Value::Paragraphs(&s.items_intro)),
        field!("themes", T::RefList("themes"), required: true, Rdf::Link("dct:subject"),
            "Thèmes", "Thèmes de la taxonomie (au moins un).",
            |s, _| Value::Refs(s.themes.iter().map(|t| t.as_str()).collect())),
        field!("source_id", T::Ref("sources"), required: true, Rdf::Link("prov:wasDerivedFrom"),
            "Source", "Document source du texte.",
            |s, _| text(s.source.as_str())),
    ],
};

pub static ITEMS: Table<Item> = Table {
    meta: TableMeta {
        name: "items",
        entity: "item",
        api_path: "items",
        title: "Items : objectifs, leviers, engagements et propositions",
        description: "Une ligne par unité d'une section : énoncé d'objectif (2020), levier (2021), engagement et proposition (2026), sous-propositions comprises (parent_id).",
        classes: &["schema:CreativeWork"],
    },
    rows: |c| c.items.iter().collect(),
    fields: &[
        field!("id", T::Text, required: true, Rdf::Literal("dct:identifier"),
            "Identifiant", "Identifiant stable : « {section}.{position} », ou « {section}.{parent}.{position} » pour une sous-proposition.",
            |i, _| text(i.id.as_str())),
        field!("congress_id", T::Ref("congresses"), required: true, Rdf::None,
            "Édition", "Édition du Congrès.",
            |i, _| text(i.congress.as_str())),
        field!("motion_id", T::Ref("motions"), required: true, Rdf::None,
            "Motion", "Motion qui contient l'item.",
            |i, _| text(i.motion.as_str())),
        field!("section_id", T::Ref("sections"), required: true, Rdf::Link("dct:isPartOf"),
            "Section", "Section qui contient l'item.",
            |i, _| text(i.section.as_str())),
        field!("parent_id", T::Ref("items"), required: false, Rdf::Link("cn:parentItem"),
            "Item parent", "Pour une sous-proposition, l'item dont elle détaille le contenu.",
            |i, _| opt_id(&i.parent)),
        code_field!("kind", ItemKind, required: true, Rdf::Literal("cn:itemKind"),
            "Nature", "objective (énoncé d'objectif), lever (levier), engagement ou proposal (proposition).",
            |i, _| Value::Text(i.kind.code())),
        field!("position", T::Integer, required: true, Rdf::Literal("schema:position"),
            "Position", "Rang de l'item dans sa section (ou sous son parent).",
            |i, _| Value::Integer(i64::from(i.position))),
        field!("text", T::Text, required: true, Rdf::French("schema:text"),
            "Texte", "Texte de l'item, mot pour mot.",
            |i, _| text(&i.text)),
        field!("themes", T::RefList("themes"), required: true, Rdf::Link("dct:subject"),
            "Thèmes", "Thèmes de la taxonomie (au moins un).",
            |i, _| Value::Refs(i.themes.iter().map(|t| t.as_str()).collect())),
        field!("source_id", T::Ref("sources"), required: true, Rdf::Link("prov:wasDerivedFrom"),
            "Source", "Document source du texte.",
            |i, _| text(i.source.as_str())),
    ],
};

pub static THEMES: Table<Theme> = Table {
    meta: TableMeta {
        name: "themes",
        entity: "theme",
        api_path: "themes",
        title: "Thèmes",
        description: "La taxonomie qui relie les éditions entre elles (un schéma de concepts SKOS).",
        classes: &["skos:Concept"],
    },
    rows: |c| c.themes.iter().collect(),
    fields: &[
        field!("id", T::Text, required: true, Rdf::Literal("dct:identifier"),
            "Identifiant", "Identifiant stable du thème (slug).",
            |t, _| text(t.id.as_str())),
        field!("notation", T::Text, required: true, Rdf::Literal("skos:notation"),
            "Code", "Code court du thème.",
            |t, _| text(&t.notation)),
        field!("label", T::Text, required: true, Rdf::French("skos:prefLabel"),
            "Libellé", "Libellé français.",
            |t, _| text(&t.label)),
        field!("definition", T::Text, required: true, Rdf::French("skos:definition"),
            "Définition", "Ce que le thème recouvre.",
            |t, _| text(&t.definition)),
        field!("broader_id", T::Ref("themes"), required: false, Rdf::Link("skos:broader"),
            "Thème plus général", "Thème parent dans la taxonomie, s'il y en a un.",
            |t, _| opt_id(&t.broader)),
    ],
};

pub static PEOPLE: Table<Person> = Table {
    meta: TableMeta {
        name: "people",
        entity: "person",
        api_path: "people",
        title: "Personnes",
        description: "Les personnes nommées dans les sources avec une fonction publique. Aucune donnée de contact personnelle.",
        classes: &["person:Person", "foaf:Person"],
    },
    rows: |c| c.people.iter().collect(),
    fields: &[
        field!("id", T::Text, required: true, Rdf::Literal("dct:identifier"),
            "Identifiant", "Identifiant stable (slug du nom).",
            |p, _| text(p.id.as_str())),
        field!("name", T::Text, required: true, Rdf::Literal("foaf:name"),
            "Nom", "Prénom et nom tels qu'imprimés.",
            |p, _| text(&p.name)),
        field!("given_name", T::Text, required: false, Rdf::Literal("foaf:givenName"),
            "Prénom", "Prénom.",
            |p, _| opt(&p.given_name)),
        field!("family_name", T::Text, required: false, Rdf::Literal("foaf:familyName"),
            "Nom de famille", "Nom de famille.",
            |p, _| opt(&p.family_name)),
    ],
};

fn printed_department_matches<'a>(r: &'a Role, c: &'a Corpus) -> Value<'a> {
    let department = r
        .organization
        .as_ref()
        .and_then(|o| c.organization(o.as_str()))
        .and_then(|o| o.department.as_deref());
    match (&r.printed_department, department) {
        (Some(printed), Some(official)) => Value::Boolean(printed == official),
        _ => Value::Null,
    }
}

pub static ROLES: Table<Role> = Table {
    meta: TableMeta {
        name: "roles",
        entity: "role",
        api_path: "roles",
        title: "Rôles imprimés",
        description: "Chaque mention d'une personne avec sa fonction dans une édition : la fonction telle qu'imprimée, et les liens structurés (collectivité résolue dans le Code officiel géographique, fonction à Villes Internet, engagement, édition).",
        classes: &["org:Membership"],
    },
    rows: |c| c.roles.iter().collect(),
    fields: &[
        field!("id", T::Text, required: true, Rdf::Literal("dct:identifier"),
            "Identifiant", "Identifiant stable : « {année}-{contexte}-{personne} ».",
            |r, _| text(r.id.as_str())),
        field!("person_id", T::Ref("people"), required: true, Rdf::Link("org:member"),
            "Personne", "La personne nommée.",
            |r, _| text(r.person.as_str())),
        field!("congress_id", T::Ref("congresses"), required: true, Rdf::Link("cn:congress"),
            "Édition", "Édition dans les documents de laquelle la fonction est imprimée.",
            |r, _| text(r.congress.as_str())),
        code_field!("capacity", Capacity, required: true, Rdf::Literal("cn:capacity"),
            "Qualité", "À quel titre la personne est nommée : board_member (bureau de l'association), representative (représente un membre du bureau), engagement_lead / engagement_associate (élus associés à un engagement), patron (le Congrès s'est tenu sous son égide).",
            |r, _| Value::Text(r.capacity.code())),
        code_field!("office", Office, required: false, Rdf::Literal("cn:office"),
            "Fonction à Villes Internet", "Fonction au sein de l'Association Villes Internet, si le texte en mentionne une.",
            |r, _| r.office.map_or(Value::Null, |o| Value::Text(o.code()))),
        field!("office_as_printed", T::Text, required: false, Rdf::French("cn:officeAsPrinted"),
            "Fonction à Villes Internet (texte imprimé)", "L'intitulé de la fonction tel qu'imprimé (« VICE-PRÉSIDENTE »).",
            |r, _| opt(&r.office_as_printed)),
        field!("as_printed", T::Text, required: true, Rdf::French("cn:asPrinted"),
            "Fonction (texte imprimé)", "La fonction telle qu'imprimée, mot pour mot.",
            |r, _| text(&r.as_printed)),
        field!("organization_id", T::Ref("organizations"), required: false, Rdf::Link("org:organization"),
            "Collectivité", "Commune ou intercommunalité où s'exerce le mandat, résolue dans le Code officiel géographique.",
            |r, _| opt_id(&r.organization)),
        field!("printed_department", T::Text, required: false, Rdf::Literal("cn:printedDepartment"),
            "Département imprimé", "Numéro de département imprimé à côté du nom, tel quel (il peut être faux).",
            |r, _| opt(&r.printed_department)),
        field!("printed_department_matches", T::Boolean, required: false, Rdf::Literal("cn:printedDepartmentMatches"),
            "Département imprimé exact", "true si le département imprimé est celui de la commune selon le Code officiel géographique, false sinon, vide si l'un des deux manque.",
            printed_department_matches),
        field!("section_id", T::Ref("sections"), required: false, Rdf::Link("cn:section"),
            "Engagement", "Section (engagement) à laquelle la personne est associée.",
            |r, _| opt_id(&r.section)),
        field!("represents_id", T::Ref("people"), required: false, Rdf::Link("cn:represents"),
            "Représente", "Personne que celle-ci représente (« représenté par »).",
            |r, _| opt_id(&r.represents)),
        field!("source_id", T::Ref("sources"), required: true, Rdf::Link("prov:wasDerivedFrom"),
            "Source", "Document source où la fonction est imprimée.",
            |r, _| text(r.source.as_str())),
    ],
};

pub static ORGANIZATIONS: Table<Organization> = Table {
    meta: TableMeta {
        name: "organizations",
        entity: "organization",
        api_path: "organizations",
        title: "Organisations",
        description: "L'Association Villes Internet, les partenaires des ateliers et les collectivités (communes avec leur code INSEE, intercommunalités avec leur SIREN, vérifiés dans le Code officiel géographique).",
        classes: &["org:Organization", "foaf:Agent"],
    },
    rows: |c| c.organizations.iter().collect(),
    fields: &[
        field!("id", T::Text, required: true, Rdf::Literal("dct:identifier"),
            "Identifiant", "Identifiant stable (slug).",
            |o, _| text(o.id.as_str())),
        code_field!("kind", OrganizationKind, required: true, Rdf::Literal("cn:organizationKind"),
            "Nature", "association, commune, epci (intercommunalité) ou other.",
            |o, _| Value::Text(o.kind.code())),
        field!("name", T::Text, required: true, Rdf::Literal("foaf:name"),
            "Nom", "Nom officiel (Code officiel géographique pour les collectivités), sinon tel qu'imprimé.",
            |o, _| text(&o.name)),
        field!("insee_code", T::Text, required: false, Rdf::Literal("igeo:codeINSEE"),
            "Code INSEE", "Code officiel géographique d'une commune.",
            |o, _| opt(&o.insee_code)),
        field!("siren", T::Text, required: false, Rdf::Literal("org:identifier"),
            "SIREN", "Numéro SIREN.",
            |o, _| opt(&o.siren)),
        field!("department", T::Text, required: false, Rdf::Literal("cn:department"),
            "Département", "Département d'une commune selon le Code officiel géographique.",
            |o, _| opt(&o.department)),
        field!("website", T::Text, required: false, Rdf::Iri("foaf:homepage"),
            "Site web", "Site web de l'organisation, quand la source le donne.",
            |o, _| opt(&o.website)),
        field!("email", T::Text, required: false, Rdf::Literal("schema:email"),
            "Adresse électronique", "Adresse générique publique de l'organisation (jamais celle d'une personne).",
            |o, _| opt(&o.email)),
        field!("phone", T::Text, required: false, Rdf::Literal("schema:telephone"),
            "Téléphone", "Téléphone public de l'organisation.",
            |o, _| opt(&o.phone)),
        field!("address", T::Text, required: false, Rdf::Literal("schema:address"),
            "Adresse", "Adresse postale publique de l'organisation.",
            |o, _| opt(&o.address)),
    ],
};

pub static SOURCES: Table<Source> = Table {
    meta: TableMeta {
        name: "sources",
        entity: "source",
        api_path: "sources",
        title: "Documents sources",
        description: "Les documents d'où viennent les données, avec leur nom d'origine et leur empreinte SHA-256 : la provenance reste vérifiable.",
        classes: &["foaf:Document", "prov:Entity"],
    },
    rows: |c| c.sources.iter().collect(),
    fields: &[
        field!("id", T::Text, required: true, Rdf::Literal("dct:identifier"),
            "Identifiant", "Identifiant stable du document.",
            |s, _| text(s.id.as_str())),
        code_field!("kind", SourceKind, required: true, Rdf::Literal("cn:sourceKind"),
            "Nature", "motion, propositions, presentation (présentation d'une édition) ou press_article.",
            |s, _| Value::Text(s.kind.code())),
        field!("title", T::Text, required: true, Rdf::French("dct:title"),
            "Titre", "Titre descriptif du document (rédigé pour le corpus).",
            |s, _| text(&s.title)),
        field!("description", T::Text, required: true, Rdf::French("dct:description"),
            "Description", "Ce qu'est le document.",
            |s, _| text(&s.description)),
        field!("congress_id", T::Ref("congresses"), required: true, Rdf::Link("dct:references"),
            "Édition", "Édition du Congrès dont traite le document.",
            |s, _| text(s.congress.as_str())),
        field!("file_name", T::Text, required: true, Rdf::Literal("cn:fileName"),
            "Fichier", "Nom du fichier dans seeds/sources/ du dépôt.",
            |s, _| text(&s.file)),
        field!("original_name", T::Text, required: true, Rdf::Literal("cn:originalFileName"),
            "Nom d'origine", "Nom du fichier tel que reçu.",
            |s, _| text(&s.original_name)),
        field!("sha256", T::Text, required: true, Rdf::Literal("cn:sha256"),
            "SHA-256", "Empreinte SHA-256 du fichier (hexadécimal).",
            |s, _| text(&s.sha256)),
        field!("byte_size", T::Integer, required: true, Rdf::Literal("dcat:byteSize"),
            "Taille", "Taille du fichier en octets.",
            |s, _| Value::Integer(s.byte_size as i64)),
        field!("republishable", T::Boolean, required: true, Rdf::Literal("cn:republishable"),
            "Republiable", "false pour un contenu de tiers protégé par le droit d'auteur : décrit, jamais republié.",
            |s, _| Value::Boolean(s.republishable)),
    ],
};

pub static PRESS_ARTICLES: Table<PressArticle> = Table {
    meta: TableMeta {
        name: "press_articles",
        entity: "press-article",
        api_path: "press-articles",
        title: "Articles de presse",
        description: "Métadonnées bibliographiques des articles de presse sur les motions ; leur texte appartient à leur éditeur et n'est pas republié.",
        classes: &["schema:NewsArticle"],
    },
    rows: |c| c.press_articles.iter().collect(),
    fields: &[
        field!("id", T::Text, required: true, Rdf::Literal("dct:identifier"),
            "Identifiant", "Identifiant stable : « {date}-{auteur} ».",
            |a, _| text(a.id.as_str())),
        field!("published_on", T::Date, required: true, Rdf::Literal("schema:datePublished"),
            "Date de publication", "Date de publication imprimée (AAAA-MM-JJ).",
            |a, _| Value::Date(a.published_on)),
        field!("author", T::Text, required: true, Rdf::Literal("schema:author"),
            "Auteur", "Auteur tel qu'imprimé.",
            |a, _| text(&a.author)),
        field!("rubric", T::Text, required: false, Rdf::Literal("schema:articleSection"),
            "Rubrique", "Rubrique imprimée.",
            |a, _| opt(&a.rubric)),
        field!("headline", T::Text, required: false, Rdf::French("schema:headline"),
            "Titre", "Titre de l'article, s'il figure dans la source.",
            |a, _| opt(&a.headline)),
        field!("about_motion_id", T::Ref("motions"), required: true, Rdf::Link("schema:about"),
            "Motion traitée", "Motion dont parle l'article.",
            |a, _| text(a.about_motion.as_str())),
        field!("source_id", T::Ref("sources"), required: true, Rdf::Link("prov:wasDerivedFrom"),
            "Source", "Document source (l'article tel que reçu, non republié).",
            |a, _| text(a.source.as_str())),
    ],
};
