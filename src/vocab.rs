//! RDF vocabulary terms used by the corpus model and the catalogue, as constants (IRIs checked by
//! a test). Established vocabularies first (see the mapping in `tables::definitions`); the few
//! facts no established term fits use the project's own namespace [`CN`], documented by the SHACL
//! shapes in `schemas/`.

pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const SCHEMA: &str = "http://schema.org/";
pub const DCT: &str = "http://purl.org/dc/terms/";
pub const DCAT: &str = "http://www.w3.org/ns/dcat#";
pub const FOAF: &str = "http://xmlns.com/foaf/0.1/";
pub const ORG: &str = "http://www.w3.org/ns/org#";
pub const PERSON: &str = "http://www.w3.org/ns/person#";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const OPENGOV: &str = "http://www.w3.org/ns/opengov#";
pub const IGEO: &str = "http://rdf.insee.fr/def/geo#";
pub const VCARD: &str = "http://www.w3.org/2006/vcard/ns#";
pub const SPDX: &str = "http://spdx.org/rdf/terms#";
pub const ADMS: &str = "http://www.w3.org/ns/adms#";
pub const HYDRA: &str = "http://www.w3.org/ns/hydra/core#";
pub const SH: &str = "http://www.w3.org/ns/shacl#";
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
pub const VANN: &str = "http://purl.org/vocab/vann/";
/// The project's own terms, under the published base: `{base}/def/`.
pub const CN_PATH: &str = "/def/";
/// The vocabulary document that defines them (`rdfs:isDefinedBy`): `{base}/def`.
pub const VOCABULARY_PATH: &str = "/def";

/// A term of the project's own vocabulary (`cn:`): its labels and definitions, in French and in
/// English. Its domain and range are not written here: they follow from the field it maps (the
/// table's class, the field's type), see `rdf::vocabulary_graph`, so they cannot disagree with
/// the dumps.
#[derive(Debug, Clone, Copy)]
pub struct Term {
    /// The local name: `asPrinted` for `cn:asPrinted`.
    pub local: &'static str,
    pub label_fr: &'static str,
    pub label_en: &'static str,
    pub definition_fr: &'static str,
    pub definition_en: &'static str,
}

macro_rules! term {
    ($local:literal, $label_fr:literal, $label_en:literal, $definition_fr:literal, $definition_en:literal) => {
        Term {
            local: $local,
            label_fr: $label_fr,
            label_en: $label_en,
            definition_fr: $definition_fr,
            definition_en: $definition_en,
        }
    };
}

/// Every `cn:` term, in the order of the tables that use them. A test checks that every `cn:`
/// predicate of the field definitions is here and that every term here is used.
pub const TERMS: &[Term] = &[
    term!(
        "ordinal",
        "rang",
        "ordinal",
        "Rang d'une édition du Congrès (1 pour la première).",
        "Rank of an edition of the Congress (1 for the first)."
    ),
    term!(
        "year",
        "année",
        "year",
        "Année d'une édition du Congrès.",
        "Year of an edition of the Congress."
    ),
    term!(
        "contributionsCount",
        "nombre de contributions",
        "number of contributions",
        "Nombre de contributions à la motion, tel qu'imprimé dans la source ; à lire avec cn:contributionsQualifier.",
        "Number of contributions to the motion, as printed in the source; to be read with cn:contributionsQualifier."
    ),
    term!(
        "contributionsQualifier",
        "qualificatif du nombre de contributions",
        "qualifier of the number of contributions",
        "« exact » si le nombre de contributions est exact, « more_than » si la source dit « plus de » ce nombre (une borne inférieure).",
        "\"exact\" when the number of contributions is exact, \"more_than\" when the source says \"more than\" that number (a lower bound)."
    ),
    term!(
        "contributionsAsPrinted",
        "contributions (texte imprimé)",
        "contributions (as printed)",
        "Les mots de la source qui donnent le nombre de contributions, mot pour mot.",
        "The words of the source that give the number of contributions, verbatim."
    ),
    term!(
        "contributorsCount",
        "nombre de contributeurs",
        "number of contributors",
        "Nombre d'élus contributeurs, tel qu'imprimé dans la source ; à lire avec cn:contributorsQualifier.",
        "Number of contributing elected officials, as printed in the source; to be read with cn:contributorsQualifier."
    ),
    term!(
        "contributorsQualifier",
        "qualificatif du nombre de contributeurs",
        "qualifier of the number of contributors",
        "« exact » si le nombre de contributeurs est exact, « more_than » si la source dit « plus de » ce nombre (une borne inférieure).",
        "\"exact\" when the number of contributors is exact, \"more_than\" when the source says \"more than\" that number (a lower bound)."
    ),
    term!(
        "contributorsAsPrinted",
        "contributeurs (texte imprimé)",
        "contributors (as printed)",
        "Les mots de la source qui donnent le nombre de contributeurs, mot pour mot.",
        "The words of the source that give the number of contributors, verbatim."
    ),
    term!(
        "motionStatus",
        "statut du texte de la motion",
        "status of the motion's text",
        "« in_corpus » si le texte de la motion de l'édition est publié, « not_in_sources » si une motion a été adoptée mais que son texte ne figure pas dans les sources.",
        "\"in_corpus\" when the text of the edition's motion is published, \"not_in_sources\" when a motion was adopted but its text is not in the sources."
    ),
    term!(
        "preambleHeading",
        "titre du préambule",
        "preamble heading",
        "Intertitre du préambule d'une motion, tel qu'imprimé.",
        "Heading of a motion's preamble, as printed."
    ),
    term!(
        "preamble",
        "préambule",
        "preamble",
        "Texte du préambule d'une motion (paragraphes séparés par une ligne vide).",
        "Text of a motion's preamble (paragraphs separated by a blank line)."
    ),
    term!(
        "closing",
        "conclusion",
        "closing",
        "Texte de conclusion d'une motion (paragraphes séparés par une ligne vide).",
        "Closing text of a motion (paragraphs separated by a blank line)."
    ),
    term!(
        "sectionKind",
        "nature de la section",
        "kind of section",
        "Nature d'une section de motion : objective (objectif), axis (axe), engagement ou workshop (atelier).",
        "Kind of a motion's section: objective, axis, engagement or workshop."
    ),
    term!(
        "itemsHeading",
        "titre de la liste",
        "heading of the list",
        "Intertitre qui précède la liste des items d'une section, tel qu'imprimé.",
        "Heading printed before the list of a section's items."
    ),
    term!(
        "itemsIntroduction",
        "introduction de la liste",
        "introduction of the list",
        "Texte qui introduit la liste des items d'une section.",
        "Text introducing the list of a section's items."
    ),
    term!(
        "parentItem",
        "item parent",
        "parent item",
        "L'item dont une sous-proposition détaille le contenu.",
        "The item whose content a sub-proposal details."
    ),
    term!(
        "itemKind",
        "nature de l'item",
        "kind of item",
        "Nature d'un item : objective (énoncé d'objectif), lever (levier), engagement ou proposal (proposition).",
        "Kind of an item: objective (statement of an objective), lever, engagement or proposal."
    ),
    term!(
        "congress",
        "édition",
        "edition",
        "L'édition du Congrès dans les documents de laquelle une fonction est imprimée.",
        "The edition of the Congress in whose documents a role is printed."
    ),
    term!(
        "capacity",
        "qualité",
        "capacity",
        "À quel titre une personne est nommée dans les documents d'une édition (board_member, representative, engagement_lead, engagement_associate, patron…).",
        "In which capacity a person is named in an edition's documents (board_member, representative, engagement_lead, engagement_associate, patron…)."
    ),
    term!(
        "office",
        "fonction à Villes Internet",
        "office at Villes Internet",
        "Fonction au sein de l'Association Villes Internet, quand le texte en mentionne une.",
        "Office held in the Villes Internet association, when the text mentions one."
    ),
    term!(
        "asPrinted",
        "fonction (texte imprimé)",
        "role (as printed)",
        "La fonction d'une personne telle qu'imprimée dans la source, mot pour mot.",
        "A person's role as printed in the source, verbatim."
    ),
    term!(
        "printedDepartment",
        "département imprimé",
        "printed department",
        "Numéro de département imprimé à côté du nom d'une personne, tel quel (il peut être faux).",
        "Department number printed next to a person's name, as is (it may be wrong)."
    ),
    term!(
        "printedDepartmentMatches",
        "département imprimé exact",
        "printed department matches",
        "Vrai si le département imprimé est celui de la commune selon le Code officiel géographique, faux sinon.",
        "True when the printed department is the municipality's department in the official geographic code (COG), false otherwise."
    ),
    term!(
        "section",
        "engagement",
        "engagement",
        "La section (engagement) à laquelle une personne est associée.",
        "The section (engagement) a person is associated with."
    ),
    term!(
        "represents",
        "représente",
        "represents",
        "La personne qu'une autre représente (« représenté par » dans la source).",
        "The person another one represents (\"represented by\" in the source)."
    ),
    term!(
        "organizationKind",
        "nature de l'organisation",
        "kind of organisation",
        "Nature d'une organisation : association, commune, epci (intercommunalité) ou other.",
        "Kind of an organisation: association, commune (municipality), epci (inter-municipal body) or other."
    ),
    term!(
        "department",
        "département",
        "department",
        "Département d'une commune selon le Code officiel géographique.",
        "Department of a municipality in the official geographic code (COG)."
    ),
    term!(
        "sourceKind",
        "nature de la source",
        "kind of source",
        "Nature d'un document source : motion, propositions, presentation (présentation d'une édition) ou press_article.",
        "Kind of a source document: motion, propositions, presentation (of an edition) or press_article."
    ),
    term!(
        "fileName",
        "fichier",
        "file name",
        "Nom du fichier source dans le dépôt (seeds/sources/).",
        "Name of the source file in the repository (seeds/sources/)."
    ),
    term!(
        "originalFileName",
        "nom d'origine",
        "original file name",
        "Nom du fichier source tel que reçu.",
        "Name of the source file as received."
    ),
    term!(
        "sha256",
        "SHA-256",
        "SHA-256",
        "Empreinte SHA-256 du fichier source, en hexadécimal.",
        "SHA-256 digest of the source file, in hexadecimal."
    ),
    term!(
        "republishable",
        "republiable",
        "republishable",
        "Faux pour un contenu de tiers protégé par le droit d'auteur : il est décrit, jamais republié.",
        "False for third-party content protected by copyright: it is described, never republished."
    ),
    term!(
        "field",
        "champ",
        "field",
        "Le nom du champ (colonne) dont un fait sourcé est la valeur.",
        "The name of the field (column) whose value a sourced fact is."
    ),
    term!(
        "footnoteCallField",
        "appel de note : champ",
        "footnote call: field",
        "Le champ de la motion (préambule ou conclusion) où la note est appelée.",
        "The field of the motion (preamble or closing) where the footnote is called."
    ),
    term!(
        "footnoteCallParagraph",
        "appel de note : paragraphe",
        "footnote call: paragraph",
        "Le rang (1, 2…) du paragraphe où la note est appelée.",
        "The rank (1, 2…) of the paragraph where the footnote is called."
    ),
    term!(
        "footnoteCallOffset",
        "appel de note : position",
        "footnote call: offset",
        "Le nombre de caractères du paragraphe qui précèdent l'appel de note.",
        "The number of characters of the paragraph before the footnote call."
    ),
    term!(
        "heading",
        "intitulé imprimé",
        "printed heading",
        "L'intitulé imprimé au-dessus du nom d'une personne (« VICE-PRÉSIDENTE »).",
        "The heading printed above a person's name (« VICE-PRÉSIDENTE »)."
    ),
    term!(
        "motionKind",
        "nature du texte",
        "kind of text",
        "Ce que le document dit être : motion, ou propositions retenues.",
        "What the document says it is: a motion, or selected proposals."
    ),
    term!(
        "officialName",
        "nom officiel",
        "official name",
        "Le nom d'une commune ou d'une intercommunalité dans le Code officiel géographique.",
        "The name of a commune or an intercommunality in the official geographic code (COG)."
    ),
    term!(
        "organizationAsPrinted",
        "organisation (texte imprimé)",
        "organisation (as printed)",
        "Le nom de l'organisation ou du territoire tel qu'imprimé dans la source.",
        "The name of the organisation or territory as printed in the source."
    ),
    term!(
        "person",
        "personne",
        "person",
        "La personne nommée par un rôle imprimé ou une fonction.",
        "The person named by a printed role or a position."
    ),
    term!(
        "positionKind",
        "nature de la fonction",
        "kind of position",
        "Fonction à l'association, mandat électif ou autre qualité.",
        "An office in the association, an elected mandate or another function."
    ),
    term!(
        "printedIn",
        "imprimé dans",
        "printed in",
        "Le document source où la fonction est imprimée.",
        "The source document in which the position is printed."
    ),
    term!(
        "provenanceKind",
        "nature de la provenance",
        "kind of provenance",
        "Comment la source établit le fait : imprimé (les mots le disent) ou déduit (par le raisonnement donné).",
        "How the source states the fact: printed (its words say it) or inferred (by the reasoning given)."
    ),
    term!(
        "quote",
        "citation",
        "quote",
        "Les mots de la source qui impriment le fait ou dont il est déduit, mot pour mot.",
        "The words of the source that print the fact or from which it is inferred, verbatim."
    ),
    term!(
        "reasoning",
        "raisonnement",
        "reasoning",
        "Pour un fait déduit, pourquoi les mots cités l'impliquent.",
        "For an inferred fact, why the quoted words imply it."
    ),
    term!(
        "redactions",
        "passages retirés",
        "redactions",
        "Les détails privés retirés de la copie conservée d'une source, avec leur ligne, leur marque et leur raison.",
        "The private details removed from the kept copy of a source, with their line, marker and reason."
    ),
    term!(
        "relatedLabel",
        "ressource liée : libellé",
        "related resource: label",
        "Ce que le document dit de la ressource vers laquelle il renvoie, mot pour mot.",
        "What the document calls the resource it points to, verbatim."
    ),
    term!(
        "relatedAsPrinted",
        "ressource liée : adresse imprimée",
        "related resource: printed address",
        "L'adresse de la ressource liée telle qu'imprimée, sans protocole.",
        "The address of the related resource as printed, without a scheme."
    ),
    term!(
        "subjectTable",
        "table du fait",
        "fact's table",
        "La table de la ligne dont un fait sourcé est une valeur.",
        "The table of the row a sourced fact is a value of."
    ),
    term!(
        "subjectId",
        "ligne du fait",
        "fact's row",
        "L'identifiant de la ligne dont un fait sourcé est une valeur.",
        "The identifier of the row a sourced fact is a value of."
    ),
    term!(
        "workshopPartner",
        "partenaire des ateliers",
        "workshop partner",
        "Une organisation imprimée comme partenaire des ateliers d'une édition du Congrès.",
        "An organisation printed as a partner of the workshops of an edition of the Congress."
    ),
    term!(
        "copySha256",
        "SHA-256 de la copie conservée",
        "SHA-256 of the kept copy",
        "L'empreinte SHA-256 de la copie d'une source conservée dans le dépôt, quand elle diffère du document reçu (passages privés retirés).",
        "The SHA-256 digest of the copy of a source kept in the repository, when it differs from the document as received (private details removed)."
    ),
];

/// The term with this local name.
pub fn term(local: &str) -> Option<&'static Term> {
    TERMS.iter().find(|t| t.local == local)
}

/// Prefixes written in Turtle and JSON-LD, in a fixed order so outputs are reproducible.
pub const PREFIXES: &[(&str, &str)] = &[
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("xsd", XSD),
    ("schema", SCHEMA),
    ("dct", DCT),
    ("dcat", DCAT),
    ("foaf", FOAF),
    ("org", ORG),
    ("person", PERSON),
    ("skos", SKOS),
    ("prov", PROV),
    ("opengov", OPENGOV),
    ("igeo", IGEO),
    ("vcard", VCARD),
    ("spdx", SPDX),
];

/// Expands `prefix:local` with [`PREFIXES`]; `cn:local` needs the base, see [`expand_with_base`].
pub fn expand(curie: &str) -> Option<String> {
    let (prefix, local) = curie.split_once(':')?;
    PREFIXES
        .iter()
        .find(|(p, _)| *p == prefix)
        .map(|(_, ns)| format!("{ns}{local}"))
}

/// Expands a CURIE, `cn:` terms included, against the publication's base IRI.
pub fn expand_with_base(curie: &str, base: &str) -> Option<String> {
    match curie.strip_prefix("cn:") {
        Some(local) => Some(format!("{}{CN_PATH}{local}", base.trim_end_matches('/'))),
        None => expand(curie),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn every_cn_predicate_of_the_fields_is_a_defined_term_and_every_term_is_used() {
        let used: BTreeSet<&str> = crate::tables::TABLES
            .iter()
            .flat_map(|t| t.fields())
            .filter_map(|f| crate::rdf::predicate_of(&f))
            .filter_map(|p| p.strip_prefix("cn:"))
            .collect();
        let defined: BTreeSet<&str> = TERMS.iter().map(|t| t.local).collect();
        assert_eq!(used, defined);
        assert_eq!(defined.len(), TERMS.len(), "a term is defined twice");
        for term in TERMS {
            for text in [
                term.label_fr,
                term.label_en,
                term.definition_fr,
                term.definition_en,
            ] {
                assert!(!text.trim().is_empty(), "{}", term.local);
            }
        }
    }

    #[test]
    fn curies_expand_against_known_prefixes_and_the_base() {
        assert_eq!(
            expand("dct:title").as_deref(),
            Some("http://purl.org/dc/terms/title")
        );
        assert_eq!(expand("nope:x"), None);
        assert_eq!(
            expand_with_base("cn:asPrinted", "https://example.org/").as_deref(),
            Some("https://example.org/def/asPrinted")
        );
    }
}
