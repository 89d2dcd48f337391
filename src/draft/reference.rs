//! What the drafter knows besides the new document: the people and organisations already in the
//! corpus (their ids are reused), the themes and the themed texts of the other editions (for
//! suggestions), and the bundled COG (for territory codes). Read from the seed files directly so
//! that an edition can be left out (the leave-one-out evaluation).

use std::path::Path;

use crate::corpus::raw;
use crate::text::ascii_fold;

use super::territories::Cog;

#[derive(Debug, Clone)]
pub struct KnownPerson {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct KnownOrganization {
    pub id: String,
    pub name: String,
    pub code: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Theme {
    pub id: String,
    pub label: String,
    pub definition: String,
}

/// A text of another edition with the themes its curators gave it.
#[derive(Debug, Clone)]
pub struct Themed {
    pub id: String,
    pub text: String,
    pub themes: Vec<String>,
}

/// An edition's rank as one of its sources prints it (« 3e Congrès »).
#[derive(Debug, Clone)]
pub struct PrintedOrdinal {
    pub year: u16,
    pub ordinal: u16,
    pub source: String,
    pub quote: String,
}

#[derive(Debug, Default)]
pub struct Reference {
    pub people: Vec<KnownPerson>,
    pub organizations: Vec<KnownOrganization>,
    pub themes: Vec<Theme>,
    pub themed: Vec<Themed>,
    pub years: Vec<u16>,
    /// The ranks the other editions' sources print.
    pub ordinals: Vec<PrintedOrdinal>,
    pub cog: Cog,
}

/// A problem reading the seeds the drafter relies on.
#[derive(Debug, thiserror::Error)]
pub enum ReferenceError {
    #[error("{path}: {message}")]
    Read { path: String, message: String },
}

fn parse<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, ReferenceError> {
    let text = std::fs::read_to_string(path).map_err(|e| ReferenceError::Read {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    toml::from_str(&text).map_err(|e| ReferenceError::Read {
        path: path.display().to_string(),
        message: e.to_string(),
    })
}

/// A rank as written in French: « 1er », « 2e ».
fn rank(n: u16) -> String {
    if n == 1 {
        "1er".to_string()
    } else {
        format!("{n}e")
    }
}

/// A stable, readable id: the words in lowercase ASCII joined by `-`.
pub fn slug(text: &str) -> String {
    ascii_fold(text)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

impl Reference {
    /// Reads `seeds/`, leaving out the edition of `leave_out` (if any).
    pub fn load(seeds: &Path, leave_out: Option<u16>) -> Result<Self, ReferenceError> {
        let corpus = seeds.join("corpus");
        let people: raw::PeopleFile = parse(&corpus.join("people.toml"))?;
        let orgs: raw::OrganizationsFile = parse(&corpus.join("organizations.toml"))?;
        let themes: raw::ThemesFile = parse(&corpus.join("themes.toml"))?;
        let mut reference = Reference {
            people: people
                .people
                .iter()
                .map(|p| KnownPerson {
                    id: p.get_ref().id.get_ref().clone(),
                    name: p.get_ref().name.get_ref().clone(),
                })
                .collect(),
            organizations: orgs
                .organizations
                .iter()
                .map(|o| {
                    let o = o.get_ref();
                    KnownOrganization {
                        id: o.id.get_ref().clone(),
                        name: o.name.get_ref().clone(),
                        code: o
                            .insee
                            .as_ref()
                            .or(o.siren.as_ref())
                            .map(|c| c.get_ref().clone()),
                    }
                })
                .collect(),
            themes: themes
                .themes
                .iter()
                .map(|t| {
                    let t = t.get_ref();
                    Theme {
                        id: t.id.get_ref().clone(),
                        label: t.label.get_ref().clone(),
                        definition: t.definition.get_ref().clone(),
                    }
                })
                .collect(),
            cog: Cog::load(&seeds.join("reference"))?,
            ..Reference::default()
        };
        let dir = corpus.join("editions");
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .map_err(|e| ReferenceError::Read {
                path: dir.display().to_string(),
                message: e.to_string(),
            })?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        for path in paths {
            let year: Option<u16> = path
                .file_stem()
                .and_then(|s| s.to_str())
                .and_then(|s| s.parse().ok());
            if let Some(y) = year {
                reference.years.push(y);
            }
            if year.is_some() && year == leave_out {
                continue;
            }
            let edition: raw::EditionFile = parse(&path)?;
            reference.add_edition(&edition, year.unwrap_or(0));
        }
        Ok(reference)
    }

    fn add_edition(&mut self, e: &raw::EditionFile, year: u16) {
        let congress = e.congress.get_ref();
        if let Some(p) = congress
            .provenance
            .as_ref()
            .and_then(|p| p.get_ref().ordinal.as_ref())
            .map(|p| p.get_ref())
            .filter(|p| p.kind.get_ref() == "printed")
        {
            self.ordinals.push(PrintedOrdinal {
                year,
                ordinal: *congress.ordinal.get_ref(),
                source: p.source.get_ref().clone(),
                quote: p.quote.get_ref().clone(),
            });
        }
        let themes_of = |t: &raw::S<Vec<raw::S<String>>>| -> Vec<String> {
            t.get_ref().iter().map(|s| s.get_ref().clone()).collect()
        };
        for s in &e.sections {
            let s = s.get_ref();
            let mut text = s.title.get_ref().clone();
            for b in &s.body {
                text.push(' ');
                text.push_str(b.get_ref());
            }
            self.themed.push(Themed {
                id: format!("{year}-{}-{}", s.kind.get_ref(), s.position.get_ref()),
                text,
                themes: themes_of(&s.themes),
            });
        }
        for it in &e.items {
            let it = it.get_ref();
            self.themed.push(Themed {
                id: format!(
                    "{year}-{}.{}{}",
                    it.section.get_ref(),
                    it.parent
                        .as_ref()
                        .map(|p| format!("{}.", p.get_ref()))
                        .unwrap_or_default(),
                    it.position.get_ref()
                ),
                text: it.text.get_ref().clone(),
                themes: themes_of(&it.themes),
            });
        }
    }

    /// The rank of the congress of `year` when its document prints none, from the ranks printed
    /// for the years just before and after (the congress is yearly), citing the year after when
    /// both are known (and agree), else the one known.
    pub fn neighbour_ordinal(&self, year: u16) -> Option<super::InferredOrdinal> {
        let at = |y: u16| self.ordinals.iter().find(|o| o.year == y);
        let before = year.checked_sub(1).and_then(at).filter(|o| o.ordinal > 0);
        let after = year.checked_add(1).and_then(at).filter(|o| o.ordinal > 1);
        let printed = |o: &PrintedOrdinal| format!("{} (« {} »)", rank(o.ordinal), o.quote);
        let (value, cited, evidence, relation) = match (before, after) {
            (Some(b), Some(a)) if b.ordinal + 2 == a.ordinal => (
                b.ordinal + 1,
                a,
                format!(
                    "Le Congrès de {} est le {}, celui de {} le {}",
                    a.year,
                    printed(a),
                    b.year,
                    printed(b)
                ),
                "entre les deux",
            ),
            (None, Some(a)) => (
                a.ordinal - 1,
                a,
                format!("Le Congrès de {} est le {}", a.year, printed(a)),
                "l'année d'avant",
            ),
            (Some(b), None) => (
                b.ordinal + 1,
                b,
                format!("Le Congrès de {} est le {}", b.year, printed(b)),
                "l'année d'après",
            ),
            _ => return None,
        };
        Some(super::InferredOrdinal {
            value,
            source: cited.source.clone(),
            quote: cited.quote.clone(),
            reasoning: format!(
                "Le document n'imprime aucun rang. {evidence} : celui de {year}, {relation}, est le {}.",
                rank(value)
            ),
        })
    }

    /// The id of a person already in the corpus with this printed name.
    pub fn person_id(&self, name: &str) -> Option<&str> {
        let wanted = slug(name);
        self.people
            .iter()
            .find(|p| slug(&p.name) == wanted)
            .map(|p| p.id.as_str())
    }

    /// The id of an organisation already in the corpus with this code (INSEE or SIREN).
    pub fn organization_with_code(&self, code: &str) -> Option<&str> {
        self.organizations
            .iter()
            .find(|o| o.code.as_deref() == Some(code))
            .map(|o| o.id.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn printed(year: u16, ordinal: u16) -> PrintedOrdinal {
        PrintedOrdinal {
            year,
            ordinal,
            source: format!("{year}-motion"),
            quote: format!("le {} Congrès", rank(ordinal)),
        }
    }

    fn with(ordinals: Vec<PrintedOrdinal>) -> Reference {
        Reference {
            ordinals,
            ..Reference::default()
        }
    }

    #[test]
    fn an_unprinted_rank_is_deduced_from_the_years_around_it_and_cites_one() {
        let both = with(vec![printed(2019, 1), printed(2021, 3)]);
        let deduced = both.neighbour_ordinal(2020).expect("deduced");
        assert_eq!(deduced.value, 2);
        assert_eq!(deduced.source, "2021-motion");
        assert!(
            deduced.reasoning.contains("le 1er Congrès"),
            "{}",
            deduced.reasoning
        );

        let after = with(vec![printed(2026, 7)]);
        assert_eq!(after.neighbour_ordinal(2027).map(|o| o.value), Some(8));
        assert_eq!(after.neighbour_ordinal(2025).map(|o| o.value), Some(6));
    }

    #[test]
    fn no_rank_when_the_neighbours_disagree_or_are_missing() {
        // 2019 the 1st and 2021 the 4th: a year between them is missing from the corpus.
        assert!(
            with(vec![printed(2019, 1), printed(2021, 4)])
                .neighbour_ordinal(2020)
                .is_none()
        );
        assert!(
            with(vec![printed(2019, 1)])
                .neighbour_ordinal(2024)
                .is_none()
        );
        // Nothing before a first congress.
        assert!(
            with(vec![printed(2020, 1)])
                .neighbour_ordinal(2019)
                .is_none()
        );
    }
}
