//! Closed vocabularies of the corpus (kinds, offices, qualifiers). Each is defined once, with its
//! code (used in TOML, CSV, JSON and IRIs) and its French label; every output reads them from here.

/// Declares an enum whose variants have a stable code and a French label, plus `ALL`, `code()`,
/// `label()` and `parse()`. One list, so the Table Schema `enum`, the OpenAPI `enum` and the
/// validator's "expected one of" message cannot disagree.
macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = ($code:literal, $label:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable code written in the data files and every export.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The French label shown to people.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            pub fn parse(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }

            /// `"a", "b" or "c"`: for error messages.
            pub fn expected() -> String {
                crate::corpus::codes::one_of(Self::ALL.iter().map(|v| v.code()))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use code_enum;

pub(crate) fn one_of<'a>(codes: impl Iterator<Item = &'a str>) -> String {
    let quoted: Vec<String> = codes.map(|c| format!("\"{c}\"")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

code_enum! {
    /// How a printed count is to be read.
    CountQualifier {
        Exact = ("exact", "exactement"),
        /// "plus de 1000": a strict lower bound, never an exact figure.
        MoreThan = ("more_than", "plus de"),
    }
}

code_enum! {
    /// What a section of a motion is.
    SectionKind {
        Objective = ("objective", "objectif"),
        Axis = ("axis", "axe"),
        Engagement = ("engagement", "engagement"),
        Workshop = ("workshop", "atelier"),
    }
}

code_enum! {
    /// What an item (a unit of a section) is.
    ItemKind {
        /// The one-line statement of a 2020 objective.
        Objective = ("objective", "objectif"),
        Lever = ("lever", "levier"),
        Engagement = ("engagement", "engagement"),
        Proposal = ("proposal", "proposition"),
    }
}

code_enum! {
    /// In what capacity a person is named in an edition's documents: where and how the document
    /// prints the name, not what it implies (the offices and mandates are [`PositionKind`]s).
    Capacity {
        /// Named in the list of office holders printed at the end of the document (« PRÉSIDENT »,
        /// « VICE-PRÉSIDENT »…).
        BoardMember = ("board_member", "nommé dans la liste du bureau imprimée"),
        Representative = ("representative", "représentant d'une personne de cette liste"),
        EngagementLead = ("engagement_lead", "élu associé à un engagement"),
        EngagementAssociate = ("engagement_associate", "élu associé (avec)"),
        Patron = ("patron", "personnalité sous l'égide de laquelle le congrès s'est tenu"),
    }
}

code_enum! {
    /// An office held in the Association Villes Internet.
    Office {
        President = ("president", "président"),
        VicePresident = ("vice_president", "vice-président"),
        Treasurer = ("treasurer", "trésorier"),
        Secretary = ("secretary", "secrétaire"),
        Administrator = ("administrator", "administrateur"),
    }
}

code_enum! {
    /// What one position stated by a printed role is.
    PositionKind {
        /// An office in the Association Villes Internet.
        Office = ("office", "fonction à l'association"),
        /// An elected mandate (commune, intercommunalité, Parlement).
        Mandate = ("mandate", "mandat électif"),
        /// Any other function (a profession, a title).
        Function = ("function", "autre fonction"),
    }
}

code_enum! {
    /// How a source states a fact.
    ProvenanceKind {
        /// The quoted words say it.
        Printed = ("printed", "imprimé"),
        /// Deduced from the quoted words, by the reasoning given with it.
        Inferred = ("inferred", "déduit"),
    }
}

code_enum! {
    /// What a text of the motions table says it is.
    MotionKind {
        /// The document calls itself a motion.
        Motion = ("motion", "motion"),
        /// « voici les propositions retenues »: never called a motion, nor adopted.
        Propositions = ("propositions", "propositions retenues"),
    }
}

code_enum! {
    /// What an organisation is.
    OrganizationKind {
        Association = ("association", "association"),
        Commune = ("commune", "commune"),
        Epci = ("epci", "intercommunalité (EPCI)"),
        Other = ("other", "autre organisation"),
    }
}

code_enum! {
    /// What a source document is.
    SourceKind {
        Motion = ("motion", "motion"),
        Propositions = ("propositions", "propositions"),
        Presentation = ("presentation", "présentation d'une édition"),
        PressArticle = ("press_article", "article de presse"),
    }
}

code_enum! {
    /// Whether an edition's motion text is in the corpus.
    MotionStatus {
        InCorpus = ("in_corpus", "texte présent dans le corpus"),
        /// A source mentions the edition's motion but its text is not among the sources.
        NotInSources = ("not_in_sources", "texte absent des sources"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_list_the_alternatives() {
        for kind in SectionKind::ALL {
            assert_eq!(SectionKind::parse(kind.code()), Some(*kind));
        }
        assert_eq!(SectionKind::parse("chapter"), None);
        assert_eq!(CountQualifier::expected(), "\"exact\" or \"more_than\"");
    }
}
