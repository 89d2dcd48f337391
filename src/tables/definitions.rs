//! The tables of the publication and their fields: the single place where a published field is
//! named, described, typed and mapped to RDF.
//!
//! RDF mapping, after the suggested vocabularies: editions are `schema:Event`, texts
//! `schema:CreativeWork` (and `opengov:Motion` when they call themselves a motion, see
//! `rdf::graph`), sections/parts/items `schema:CreativeWork` linked by `dct:isPartOf`, people
//! `person:Person`, printed roles `prov:Entity` and each position they state an
//! `org:Membership`, organisations `org:Organization`, themes `skos:Concept`, sources
//! `foaf:Document`/`prov:Entity`, press articles `schema:NewsArticle`, the source of each fact an
//! `rdf:Statement`. `cn:` terms are the project's own, for facts no established term fits (a
//! count's qualifier, a role as printed).

use super::{AnyTable, CodeLabel, Field, FieldType as T, Rdf, Table, TableMeta, Value};
use crate::corpus::codes::{
    Capacity, CountQualifier, ItemKind, MotionKind, MotionStatus, Office, OrganizationKind,
    PositionKind, ProvenanceKind, SectionKind, SourceKind,
};
use crate::corpus::{
    Congress, Corpus, Count, Fact, Footnote, Item, Motion, Organization, Part, Person, Position,
    PressArticle, Role, Section, Source, Theme,
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
    &POSITIONS,
    &ORGANIZATIONS,
    &SOURCES,
    &PRESS_ARTICLES,
    &FACTS,
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
            rdf: $rdf,
            get: $get,
            label: None,
        }
    };
}

/// A field whose values are the codes of a `code_enum!`.
macro_rules! code_field {
    ($name:literal, $enum:ty, required: $required:expr, $rdf:expr, $title:literal, $description:literal, $get:expr $(,)?) => {
        Field {
            codes: Some(|| <$enum>::ALL.iter().map(|v| v.code()).collect()),
            label: Some(CodeLabel {
                name: concat!($name, "_label"),
                title: concat!($title, " (libellé)"),
                description: concat!("Libellé français du code de la colonne ", $name, " (un par code, défini avec la liste des codes)."),
                of: |code| <$enum>::parse(code).map(|v| v.label()),
            }),
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
    crate::corpus::RoleId,
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
        description: "Une ligne par édition du Congrès national des élus au numérique : rang, année, dates et lieu quand une source les donne (la source de chacun de ces faits, imprimé ou déduit, est dans la table facts), nombres de contributions et de contributeurs tels qu'imprimés, avec leur qualificatif (exact ou « plus de »).",
        classes: &["schema:Event"],
    },
    rows: |c| c.congresses.iter().collect(),
    fields: &[
        field!("id", T::Text, required: true, Rdf::Literal("dct:identifier"),
            "Identifiant", "Identifiant stable de l'édition : son année.",
            |c, _| text(c.id.as_str())),
        field!("ordinal", T::Integer, required: true, Rdf::Literal("cn:ordinal"),
            "Rang", "Rang de l'édition (1 pour le premier Congrès), imprimé ou déduit : voir sa source dans la table facts.",
            |c, _| Value::Integer(i64::from(c.ordinal))),
        field!("year", T::Integer, required: true, Rdf::Literal("cn:year"),
            "Année", "Année de l'édition, imprimée ou déduite (pour 2026 : l'année du titre « Les propositions 2026 ») : voir sa source dans la table facts.",
            |c, _| Value::Integer(i64::from(c.year))),
        field!("name", T::Text, required: true, Rdf::French("schema:name"),
            "Nom", "Nom de l'édition, composé à partir de son rang et de son année (libellé généré, pas une citation ; la source du rang et de l'année, imprimés ou déduits, est dans la table facts).",
            |c, _| Value::Owned(c.name())),
        field!("start_date", T::Date, required: false, Rdf::Literal("schema:startDate"),
            "Date de début", "Premier jour du Congrès (AAAA-MM-JJ), vide si aucune source ne la donne ; la source qui la donne est dans la table facts.",
            |c, _| date(c.start_date)),
        field!("end_date", T::Date, required: false, Rdf::Literal("schema:endDate"),
            "Date de fin", "Dernier jour du Congrès (AAAA-MM-JJ), vide si aucune source ne la donne ; la source qui la donne est dans la table facts.",
            |c, _| date(c.end_date)),
        field!("place_id", T::Ref("organizations"), required: false, Rdf::Link("schema:location"),
            "Lieu", "Commune où s'est tenu le Congrès (identifiant d'organisation), vide si aucune source ne le donne ; sa source, imprimée ou déduite, est dans la table facts.",
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
            "Statut du texte de la motion", "in_corpus : le texte de la motion (ou des propositions) est dans le corpus ; not_in_sources : une source mentionne la motion de l'édition mais son texte ne figure pas dans les sources.",
            |c, _| Value::Text(c.motion_status().code())),
        field!("motion_id", T::Ref("motions"), required: false, Rdf::Link("schema:subjectOf"),
            "Motion", "Identifiant de la motion de l'édition, vide si son texte n'est pas dans les sources.",
            |c, _| opt_id(&c.motion)),
        field!("workshop_partners", T::RefList("organizations"), required: false, Rdf::Link("cn:workshopPartner"),
            "Partenaires des ateliers", "Organisations imprimées comme partenaires des ateliers de l'édition (« ces ateliers ont été co-animés avec le soutien de partenaires »), dans l'ordre imprimé : partenaires des ateliers, pas du Congrès entier.",
            |c, _| Value::Refs(c.workshop_partners.iter().map(|p| p.as_str()).collect())),
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
        title: "Motions et propositions",
        description: "Une ligne par texte d'une édition présent dans les sources : une motion, ou les « propositions retenues » de 2026 (le document ne se dit ni motion ni adopté) ; titre, date d'adoption quand une source la donne, préambule et texte de conclusion, mot pour mot. En RDF, seules les lignes de nature motion sont des opengov:Motion.",
        classes: &["schema:CreativeWork"],
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
        code_field!("kind", MotionKind, required: true, Rdf::Literal("cn:motionKind"),
            "Nature", "Ce que le document dit être : motion, ou propositions (« voici les propositions retenues », jamais appelées motion ni dites adoptées).",
            |m, _| Value::Text(m.kind.code())),
        field!("adopted_on", T::Date, required: false, Rdf::Literal("dct:dateAccepted"),
            "Date d'adoption", "Date d'adoption (AAAA-MM-JJ) quand une source la donne, vide sinon ; la source qui la donne est dans la table facts.",
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
        field!("related_url", T::Text, required: false, Rdf::Iri("dct:relation"),
            "Ressource liée", "Adresse d'une ressource vers laquelle renvoie le document de la motion (la carte mentale interactive de 2021) : l'adresse imprimée, précédée de son protocole.",
            |m, _| m.related.as_ref().map_or(Value::Null, |r| Value::Text(&r.url))),
        field!("related_label", T::Text, required: false, Rdf::French("cn:relatedLabel"),
            "Ressource liée : libellé", "Ce que le document dit de cette ressource, mot pour mot (« carte mentale interactive »).",
            |m, _| m.related.as_ref().map_or(Value::Null, |r| Value::Text(&r.label))),
        field!("related_as_printed", T::Text, required: false, Rdf::Literal("cn:relatedAsPrinted"),
            "Ressource liée : adresse imprimée", "L'adresse telle qu'imprimée, sans protocole.",
            |m, _| m.related.as_ref().map_or(Value::Null, |r| Value::Text(&r.as_printed))),
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
        field!("call_field", T::Text, required: false, Rdf::Literal("cn:footnoteCallField"),
            "Appel : champ", "Champ de la motion où la note est appelée (preamble ou closing), vide si le texte ne l'appelle pas. Le numéro d'appel n'est pas recopié dans le texte : il est donné ici.",
            |f, _| f.call.as_ref().map_or(Value::Null, |c| Value::Text(c.field))),
        field!("call_paragraph", T::Integer, required: false, Rdf::Literal("cn:footnoteCallParagraph"),
            "Appel : paragraphe", "Rang (1, 2…) du paragraphe de ce champ où la note est appelée.",
            |f, _| f.call.as_ref().map_or(Value::Null, |c| Value::Integer(i64::from(c.paragraph)))),
        field!("call_offset", T::Integer, required: false, Rdf::Literal("cn:footnoteCallOffset"),
            "Appel : position", "Nombre de caractères du paragraphe qui précèdent l'appel de note (l'appel est imprimé juste après eux, collé au mot qui précède).",
            |f, _| f.call.as_ref().map_or(Value::Null, |c| Value::Integer(i64::from(c.offset)))),
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
            "Thèmes", "Thèmes de la taxonomie (au moins un) ; ils comprennent tous les thèmes des items de la section (vérifié au chargement), et parfois d'autres, pour le texte propre de la section.",
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

fn redactions(s: &Source) -> Value<'static> {
    if s.redactions.is_empty() {
        return Value::Null;
    }
    Value::Owned(
        s.redactions
            .iter()
            .map(|r| format!("ligne {} : {} ({})", r.line, r.marker, r.reason))
            .collect::<Vec<_>>()
            .join(" ; "),
    )
}

fn printed_department_matches<'a>(p: &'a Position, c: &'a Corpus) -> Value<'a> {
    let departments = p
        .organization
        .as_ref()
        .and_then(|o| c.organization(o.as_str()))
        .map(|o| o.departments.as_slice())
        .filter(|d| !d.is_empty());
    match (&p.printed_department, departments) {
        (Some(printed), Some(official)) => Value::Boolean(official.contains(printed)),
        _ => Value::Null,
    }
}

pub static ROLES: Table<Role> = Table {
    meta: TableMeta {
        name: "roles",
        entity: "role",
        api_path: "roles",
        title: "Rôles imprimés",
        description: "Chaque mention d'une personne avec sa fonction dans une édition, telle qu'imprimée (une ligne par mention) ; les fonctions, mandats et autres qualités qu'elle énonce sont chacun une ligne de la table positions.",
        classes: &["prov:Entity"],
    },
    rows: |c| c.roles.iter().collect(),
    fields: &[
        field!("id", T::Text, required: true, Rdf::Literal("dct:identifier"),
            "Identifiant", "Identifiant stable : « {année}-{contexte}-{personne} ».",
            |r, _| text(r.id.as_str())),
        field!("person_id", T::Ref("people"), required: true, Rdf::Link("cn:person"),
            "Personne", "La personne nommée.",
            |r, _| text(r.person.as_str())),
        field!("congress_id", T::Ref("congresses"), required: true, Rdf::Link("cn:congress"),
            "Édition", "Édition dans les documents de laquelle la fonction est imprimée.",
            |r, _| text(r.congress.as_str())),
        code_field!("capacity", Capacity, required: true, Rdf::Literal("cn:capacity"),
            "Qualité", "Où et comment le document imprime le nom : board_member (dans la liste PRÉSIDENT / VICE-PRÉSIDENT… imprimée à la fin de la motion), representative (« représenté par » une personne de cette liste), engagement_lead / engagement_associate (élus associés à un engagement), patron (le Congrès s'est tenu « sous l'égide de » cette personne).",
            |r, _| Value::Text(r.capacity.code())),
        field!("heading", T::Text, required: false, Rdf::French("cn:heading"),
            "Intitulé imprimé", "L'intitulé imprimé au-dessus du nom (« VICE-PRÉSIDENTE »), s'il y en a un.",
            |r, _| opt(&r.heading)),
        field!("as_printed", T::Text, required: true, Rdf::French("cn:asPrinted"),
            "Fonction (texte imprimé)", "La fonction telle qu'imprimée, mot pour mot.",
            |r, _| text(&r.as_printed)),
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

pub static POSITIONS: Table<Position> = Table {
    meta: TableMeta {
        name: "positions",
        entity: "position",
        api_path: "positions",
        title: "Fonctions et mandats",
        description: "Chaque fonction énoncée par un rôle imprimé, séparément : fonction à l'Association Villes Internet (office), mandat électif avec son titre tel qu'imprimé et son territoire (mandate), autre qualité (function). Le lien à une organisation cite sa source dans la table facts (imprimé ou déduit).",
        classes: &["org:Membership"],
    },
    rows: |c| c.positions.iter().collect(),
    fields: &[
        field!("id", T::Text, required: true, Rdf::Literal("dct:identifier"),
            "Identifiant", "Identifiant stable : « {rôle}-{rang} ».",
            |p, _| text(p.id.as_str())),
        field!("role_id", T::Ref("roles"), required: true, Rdf::Link("prov:wasDerivedFrom"),
            "Rôle imprimé", "Le rôle imprimé qui énonce cette fonction.",
            |p, _| text(p.role.as_str())),
        field!("person_id", T::Ref("people"), required: true, Rdf::Link("org:member"),
            "Personne", "La personne qui l'exerce.",
            |p, _| text(p.person.as_str())),
        field!("congress_id", T::Ref("congresses"), required: true, Rdf::Link("cn:congress"),
            "Édition", "Édition dans les documents de laquelle elle est imprimée.",
            |p, _| text(p.congress.as_str())),
        field!("position", T::Integer, required: true, Rdf::Literal("schema:position"),
            "Rang", "Rang dans le rôle imprimé (1, 2…), dans l'ordre imprimé.",
            |p, _| Value::Integer(i64::from(p.position))),
        code_field!("kind", PositionKind, required: true, Rdf::Literal("cn:positionKind"),
            "Nature", "office (fonction à l'Association Villes Internet), mandate (mandat électif) ou function (autre qualité : profession, titre).",
            |p, _| Value::Text(p.kind.code())),
        // rdfs:label, not org:role: org:role names an org:Role resource, and this is the title as
        // printed, a text.
        field!("title", T::Text, required: true, Rdf::French("rdfs:label"),
            "Intitulé", "L'intitulé de la fonction tel qu'imprimé (« Adjoint au Maire », « VICE-PRÉSIDENTE »).",
            |p, _| text(&p.title)),
        field!("as_printed", T::Text, required: true, Rdf::French("cn:asPrinted"),
            "Texte imprimé", "Les mots du rôle imprimé qui énoncent cette fonction, mot pour mot.",
            |p, _| text(&p.as_printed)),
        code_field!("office", Office, required: false, Rdf::Literal("cn:office"),
            "Fonction à Villes Internet", "Pour une fonction à l'association : laquelle.",
            |p, _| p.office.map_or(Value::Null, |o| Value::Text(o.code()))),
        field!("organization_id", T::Ref("organizations"), required: false, Rdf::Link("org:organization"),
            "Organisation", "Où elle s'exerce : l'association pour une fonction à l'association, la commune ou l'intercommunalité pour un mandat (résolue dans le Code officiel géographique) ; vide si aucune source ne le dit. Source du lien : table facts.",
            |p, _| opt_id(&p.organization)),
        field!("organization_as_printed", T::Text, required: false, Rdf::French("cn:organizationAsPrinted"),
            "Organisation (texte imprimé)", "Le nom de l'organisation ou du territoire tel qu'imprimé (« ALBI », « Châteauroux Métropole »).",
            |p, _| opt(&p.organization_as_printed)),
        field!("printed_department", T::Text, required: false, Rdf::Literal("cn:printedDepartment"),
            "Département imprimé", "Numéro de département imprimé à côté du territoire, tel quel (il peut être faux).",
            |p, _| opt(&p.printed_department)),
        field!("printed_department_matches", T::Boolean, required: false, Rdf::Literal("cn:printedDepartmentMatches"),
            "Département imprimé exact", "true si le département imprimé est celui de la commune (ou d'une commune membre de l'intercommunalité) selon le Code officiel géographique, false sinon, vide si l'un des deux manque.",
            printed_department_matches),
        field!("source_id", T::Ref("sources"), required: true, Rdf::Link("cn:printedIn"),
            "Source", "Document source où la fonction est imprimée.",
            |p, _| text(p.source.as_str())),
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
            "Nom", "Nom d'une commune selon le Code officiel géographique ; pour une intercommunalité et les autres organisations, le nom tel qu'imprimé (« Châteauroux Métropole »).",
            |o, _| text(&o.name)),
        field!("official_name", T::Text, required: false, Rdf::Literal("cn:officialName"),
            "Nom officiel", "Nom officiel d'une commune ou d'une intercommunalité dans le Code officiel géographique (« CA Châteauroux Métropole »).",
            |o, _| opt(&o.official_name)),
        field!("insee_code", T::Text, required: false, Rdf::Literal("igeo:codeINSEE"),
            "Code INSEE", "Code officiel géographique d'une commune.",
            |o, _| opt(&o.insee_code)),
        field!("siren", T::Text, required: false, Rdf::Literal("org:identifier"),
            "SIREN", "Numéro SIREN.",
            |o, _| opt(&o.siren)),
        field!("department", T::Text, required: false, Rdf::Literal("cn:department"),
            "Département", "Département d'une commune selon le Code officiel géographique ; pour une intercommunalité, ceux de ses communes membres, séparés par une espace.",
            |o, _| if o.departments.is_empty() { Value::Null } else { Value::Owned(o.departments.join(" ")) }),
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
        field!("file_name", T::Text, required: false, Rdf::Literal("cn:fileName"),
            "Copie conservée", "Nom du fichier de la copie conservée dans seeds/sources/ du dépôt ; vide quand aucune copie n'est conservée (texte d'un tiers, décrit seulement).",
            |s, _| opt(&s.file)),
        field!("original_name", T::Text, required: true, Rdf::Literal("cn:originalFileName"),
            "Nom d'origine", "Nom du fichier tel que reçu.",
            |s, _| text(&s.original_name)),
        field!("sha256", T::Text, required: true, Rdf::Literal("cn:sha256"),
            "SHA-256 du document reçu", "Empreinte SHA-256 (hexadécimal) du document tel que reçu.",
            |s, _| text(&s.sha256)),
        field!("copy_sha256", T::Text, required: false, Rdf::Literal("cn:copySha256"),
            "SHA-256 de la copie conservée", "Empreinte SHA-256 (hexadécimal) de la copie conservée : la même que sha256, sauf pour une copie expurgée (voir redactions) ; vide sans copie.",
            |s, _| opt(&s.copy_sha256)),
        field!("byte_size", T::Integer, required: false, Rdf::Literal("dcat:byteSize"),
            "Taille", "Taille de la copie conservée en octets ; vide sans copie.",
            |s, _| s.byte_size.map_or(Value::Null, |n| Value::Integer(n as i64))),
        field!("redactions", T::Text, required: false, Rdf::French("cn:redactions"),
            "Passages retirés", "Détails privés retirés de la copie conservée, chacun remplacé par une marque visible : « ligne N : marque (raison) », séparés par « ; ».",
            |s, _| redactions(s)),
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

fn fact_subject_tables() -> Vec<&'static str> {
    TABLES.iter().map(|t| t.meta().name).collect()
}

pub static FACTS: Table<Fact> = Table {
    meta: TableMeta {
        name: "facts",
        entity: "fact",
        api_path: "facts",
        title: "Sources des faits",
        description: "La source de chaque fait qui n'est pas un texte recopié de la source de sa ligne (rang, année, dates et lieu d'une édition, date d'adoption, partenaires, organisation d'une fonction) : le document qui le donne, s'il y est imprimé ou s'il en est déduit (avec le raisonnement), et ses mots exacts. Une ligne par (table, ligne, champ). En RDF, une rdf:Statement réifiée (rdf:subject, rdf:predicate, rdf:object) dérivée de sa source (prov:wasDerivedFrom).",
        classes: &["rdf:Statement"],
    },
    rows: |c| c.facts.iter().collect(),
    fields: &[
        field!("id", T::Text, required: true, Rdf::Literal("dct:identifier"),
            "Identifiant", "Identifiant stable : « {entité}-{ligne}-{champ} », par exemple congress-2020-start_date.",
            |f, _| text(&f.id)),
        Field {
            codes: Some(fact_subject_tables),
            // The French label of a table name is the table's title.
            label: Some(CodeLabel {
                name: "subject_table_label",
                title: "Table (libellé)",
                description: "Le titre français de la table de la colonne subject_table.",
                of: |code| {
                    TABLES
                        .iter()
                        .find(|t| t.meta().name == code)
                        .map(|t| t.meta().title)
                },
            }),
            ..field!("subject_table", T::Text, required: true, Rdf::Literal("cn:subjectTable"),
                "Table", "La table de la ligne dont ce fait est une valeur.",
                |f, _| text(f.table))
        },
        field!("subject_id", T::Text, required: true, Rdf::Literal("cn:subjectId"),
            "Ligne", "L'identifiant de cette ligne dans sa table.",
            |f, _| text(&f.row)),
        field!("field", T::Text, required: true, Rdf::Literal("cn:field"),
            "Champ", "Le champ de cette ligne dont ce fait est la valeur.",
            |f, _| text(f.field)),
        code_field!("kind", ProvenanceKind, required: true, Rdf::Literal("cn:provenanceKind"),
            "Nature", "printed : les mots cités disent ce fait ; inferred : il en est déduit, par le raisonnement donné.",
            |f, _| Value::Text(f.provenance.kind.code())),
        field!("quote", T::Text, required: true, Rdf::French("cn:quote"),
            "Citation", "Les mots de la source qui impriment le fait ou dont il est déduit, mot pour mot.",
            |f, _| text(&f.provenance.quote)),
        field!("reasoning", T::Text, required: false, Rdf::French("cn:reasoning"),
            "Raisonnement", "Pour un fait déduit : pourquoi les mots cités l'impliquent. Vide pour un fait imprimé.",
            |f, _| opt(&f.provenance.reasoning)),
        field!("source_id", T::Ref("sources"), required: true, Rdf::Link("prov:wasDerivedFrom"),
            "Source", "Le document qui donne ce fait (pas forcément celui de la ligne : la date du Congrès de 2020 vient de l'article de presse).",
            |f, _| text(f.provenance.source.as_str())),
    ],
};
