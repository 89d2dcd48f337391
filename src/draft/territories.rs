//! Communes and intercommunalités resolved against the bundled COG extract: by name, then by the
//! printed département. An ambiguous or unknown name is never given a code: it is left for review
//! with its candidates.

use std::collections::HashMap;
use std::path::Path;

use super::reference::ReferenceError;
use crate::text::ascii_fold;

#[derive(Debug, Clone)]
pub struct Place {
    pub code: String,
    pub name: String,
    pub departments: Vec<String>,
    pub epci: bool,
}

/// Every commune and EPCI of the extract, by folded name.
#[derive(Debug, Default)]
pub struct Cog {
    by_name: HashMap<String, Vec<Place>>,
}

/// The outcome of resolving a printed name.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolution {
    /// One place has this name in the printed département.
    Resolved {
        code: String,
        name: String,
        epci: bool,
    },
    /// One place has this name, but not in the printed département: resolved and flagged.
    OtherDepartment {
        code: String,
        name: String,
        epci: bool,
        department: String,
    },
    /// Several places have this name: `(code, name, département)` of each.
    Ambiguous(Vec<(String, String, String)>),
    Unknown,
}

impl Resolution {
    pub fn code(&self) -> Option<&str> {
        match self {
            Resolution::Resolved { code, .. } | Resolution::OtherDepartment { code, .. } => {
                Some(code)
            }
            _ => None,
        }
    }
    /// Whether a person must look at it.
    pub fn needs_review(&self) -> bool {
        !matches!(self, Resolution::Resolved { .. })
    }
}

/// Folded for lookup: lowercase ASCII, hyphens and apostrophes as spaces, no leading article.
pub fn fold_name(name: &str) -> String {
    let f = ascii_fold(name).replace(['-', '\'', '’'], " ");
    let words: Vec<&str> = f.split_whitespace().collect();
    let words = match words.first() {
        Some(&"l" | &"la" | &"le" | &"les") if words.len() > 1 => &words[1..],
        _ => &words[..],
    };
    words.join(" ")
}

impl Cog {
    pub fn load(dir: &Path) -> Result<Self, ReferenceError> {
        let mut cog = Cog::default();
        let read = |file: &str| -> Result<Vec<csv::StringRecord>, ReferenceError> {
            let path = dir.join(file);
            let err = |e: csv::Error| ReferenceError::Read {
                path: path.display().to_string(),
                message: e.to_string(),
            };
            let mut r = csv::Reader::from_path(&path).map_err(err)?;
            r.records().collect::<Result<Vec<_>, _>>().map_err(err)
        };
        for row in read("cog-communes.csv")? {
            let place = Place {
                code: row.get(0).unwrap_or_default().to_string(),
                name: row.get(1).unwrap_or_default().to_string(),
                departments: vec![row.get(2).unwrap_or_default().to_string()],
                epci: false,
            };
            cog.add(place);
        }
        for row in read("cog-epci.csv")? {
            let place = Place {
                code: row.get(0).unwrap_or_default().to_string(),
                name: row.get(1).unwrap_or_default().to_string(),
                departments: row
                    .get(3)
                    .unwrap_or_default()
                    .split(['|', ';', ' '])
                    .filter(|d| !d.is_empty())
                    .map(str::to_string)
                    .collect(),
                epci: true,
            };
            cog.add(place);
        }
        Ok(cog)
    }

    fn add(&mut self, place: Place) {
        let folded = fold_name(&place.name);
        // An EPCI is printed without its legal form (« Châteauroux Métropole » for
        // « CA Châteauroux Métropole »).
        if place.epci {
            for prefix in ["ca ", "cc ", "cu ", "metropole "] {
                if let Some(short) = folded.strip_prefix(prefix) {
                    self.by_name
                        .entry(short.to_string())
                        .or_default()
                        .push(place.clone());
                }
            }
        }
        self.by_name.entry(folded).or_default().push(place);
    }

    /// Resolves a printed name with the département printed beside it.
    pub fn resolve(&self, printed: &str, department: Option<&str>) -> Resolution {
        let Some(candidates) = self.by_name.get(&fold_name(printed)) else {
            return Resolution::Unknown;
        };
        let in_dep: Vec<&Place> = candidates
            .iter()
            .filter(|p| department.is_some_and(|d| p.departments.iter().any(|x| x == d)))
            .collect();
        let pick = |p: &Place| (p.code.clone(), p.name.clone(), p.epci);
        if in_dep.len() == 1 {
            let (code, name, epci) = pick(in_dep[0]);
            return Resolution::Resolved { code, name, epci };
        }
        if in_dep.is_empty() && candidates.len() == 1 {
            let (code, name, epci) = pick(&candidates[0]);
            return Resolution::OtherDepartment {
                code,
                name,
                epci,
                department: candidates[0].departments.join(", "),
            };
        }
        let list = if in_dep.len() > 1 {
            in_dep
        } else {
            candidates.iter().collect()
        };
        Resolution::Ambiguous(
            list.iter()
                .map(|p| (p.code.clone(), p.name.clone(), p.departments.join(", ")))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fold_for_lookup() {
        assert_eq!(fold_name("FONTENAY-SOUS-BOIS"), "fontenay sous bois");
        assert_eq!(fold_name("l'Indre"), "indre");
    }
}
