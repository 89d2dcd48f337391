//! Numbers as printed: contributions and contributors with their qualifier, the ordinal of the
//! Congress, its date and place, only where the document prints them (never guessed).

use super::territories::Resolution;
use super::{Congress, Count, Partner, Quoted, Reference};
use crate::text::ascii_fold;

fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

fn number(w: &str) -> Option<u32> {
    let t = w.trim_matches(|c: char| !c.is_ascii_digit());
    if t.is_empty() || t.len() != w.trim_end_matches([',', '.', ';']).len() {
        return None;
    }
    t.parse().ok()
}

fn trim_punct(w: &str) -> &str {
    w.trim_end_matches([',', '.', ';', ':', ')'])
}

const DETERMINERS: [&str; 10] = [
    "le", "la", "les", "ce", "cet", "cette", "ces", "un", "une", "des",
];

/// A quote starts at its phrase's determiner (« Les six ateliers », « ce jeudi »), as the
/// curated files quote: `start` moved back over one.
fn phrase_start(w: &[&str], start: usize) -> usize {
    if start > 0 && DETERMINERS.contains(&ascii_fold(w[start - 1]).as_str()) {
        start - 1
    } else {
        start
    }
}

/// The last word of the clause that `from` is in: up to the next `,` `.` `;` `:`.
fn clause_end(w: &[&str], from: usize) -> usize {
    (from..w.len())
        .find(|&j| w[j].ends_with([',', '.', ';', ':']))
        .unwrap_or(w.len().saturating_sub(1))
}

/// « plus de 1000 contributions », « 727 nouvelles contributions », « 248 contributions ».
pub fn contributions(text: &str) -> Option<Count> {
    let w = words(text);
    for i in 0..w.len() {
        let Some(n) = number(w[i]) else { continue };
        let end = (i + 1..(i + 3).min(w.len()))
            .find(|&j| ascii_fold(trim_punct(w[j])).starts_with("contribution"));
        let Some(end) = end else { continue };
        return Some(qualified(&w, i, end, n));
    }
    None
}

/// « 287 élus locaux », « 123 élu·es contributeurs et contributrices ».
pub fn contributors(text: &str) -> Option<Count> {
    let w = words(text);
    for i in 0..w.len().saturating_sub(1) {
        let Some(n) = number(w[i]) else { continue };
        let next = ascii_fold(w[i + 1]);
        if !(next.starts_with("elu") || next.starts_with("contributeur")) {
            continue;
        }
        let mut end = i + 1;
        let tail = [
            "locaux",
            "locales",
            "contributeurs",
            "contributrices",
            "et",
            "municipaux",
        ];
        while end + 1 < w.len()
            && !w[end].ends_with([',', '.', ';'])
            && tail.contains(&trim_punct(w[end + 1]))
        {
            end += 1;
        }
        if w[end] == "et" {
            end -= 1;
        }
        return Some(qualified(&w, i, end, n));
    }
    None
}

fn qualified(w: &[&str], start: usize, end: usize, n: u32) -> Count {
    let more = start >= 2
        && matches!(
            (ascii_fold(w[start - 2]).as_str(), w[start - 1]),
            ("plus", "de") | ("plus", "d'") | ("au", "moins")
        );
    let from = if more { start - 2 } else { start };
    let mut printed = w[from..=end].join(" ");
    printed = trim_punct(&printed).to_string();
    Count {
        count: n,
        more_than: more,
        as_printed: printed,
    }
}

/// « 3e Congrès », « 7E CONGRÈS », « premier Congrès ».
pub fn ordinal(text: &str) -> Option<Quoted<u16>> {
    let w = words(text);
    for i in 0..w.len().saturating_sub(1) {
        // Cheap test first: most words are not « Congrès ».
        if !w[i + 1]
            .get(..5)
            .is_some_and(|p| p.eq_ignore_ascii_case("congr"))
            || !ascii_fold(w[i + 1]).starts_with("congres")
        {
            continue;
        }
        let f = ascii_fold(w[i]);
        let digits: String = f.chars().take_while(char::is_ascii_digit).collect();
        let suffix = &f[digits.len()..];
        let value = if !digits.is_empty() && matches!(suffix, "e" | "eme" | "er" | "re") {
            digits.parse().ok()
        } else if f == "premier" {
            Some(1)
        } else {
            None
        };
        if let Some(value) = value {
            let end = (i + 6).min(w.len() - 1);
            // « la motion du 3e Congrès », « LES PROPOSITIONS DU 7E CONGRÈS »: the noun the
            // ordinal belongs to is part of the quote.
            let start = if i >= 3
                && matches!(ascii_fold(w[i - 1]).as_str(), "du" | "de")
                && DETERMINERS.contains(&ascii_fold(w[i - 3]).as_str())
            {
                i - 3
            } else {
                phrase_start(&w, i)
            };
            let quote = trim_punct(&w[start..=end].join(" ")).to_string();
            return Some(Quoted { value, quote });
        }
    }
    None
}

const MONTHS: [&str; 12] = [
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
];

/// A date « 7 octobre 2021 » of the edition's year, in a sentence about the Congress or its
/// adoption: `(AAAA-MM-JJ with the clause that dates it, the adoption's words when the sentence
/// adopts: « qui ont adopté … ce jeudi 7 octobre 2021 »)`.
pub fn date(text: &str, year: u16) -> Option<(Quoted<String>, Option<Quoted<String>>)> {
    for sentence in text.split_inclusive(['.', '\n']) {
        let f = ascii_fold(sentence);
        if !(f.contains("adopt") || f.contains("congres")) {
            continue;
        }
        let w = words(sentence);
        for i in 0..w.len().saturating_sub(2) {
            let Some(day) = number(w[i]).filter(|d| (1..=31).contains(d)) else {
                continue;
            };
            let Some(month) = MONTHS.iter().position(|m| ascii_fold(w[i + 1]) == *m) else {
                continue;
            };
            if number(w[i + 2]) != Some(u32::from(year)) {
                continue;
            }
            let value = format!("{year}-{:02}-{day:02}", month + 1);
            // The weekday printed before the day belongs to the date.
            let weekday = i > 0
                && [
                    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
                ]
                .contains(&ascii_fold(w[i - 1]).as_str());
            let start = phrase_start(&w, if weekday { i - 1 } else { i });
            let quote = trim_punct(&w[start..=clause_end(&w, i + 2)].join(" ")).to_string();
            let adoption = w[..i]
                .iter()
                .rposition(|x| ascii_fold(x).starts_with("adopt"))
                .map(|k| {
                    // « qui ont adopté », « a adopté »: the clause from its subject.
                    let from = (k.saturating_sub(2)..k)
                        .find(|&j| ascii_fold(w[j]) == "qui")
                        .unwrap_or(k);
                    Quoted {
                        value: value.clone(),
                        quote: trim_punct(&w[from..=i + 2].join(" ")).to_string(),
                    }
                })
                .or_else(|| {
                    // Adopted after the date is printed (« Le 7 octobre, le Congrès a adopté »).
                    f.contains("adopt").then(|| Quoted {
                        value: value.clone(),
                        quote: trim_punct(&sentence.trim().replace('\n', " ")).to_string(),
                    })
                });
            return Some((Quoted { value, quote }, adoption));
        }
    }
    None
}

/// « organisés à Agen pour ce Congrès » : the place printed beside the Congress or its
/// workshops, resolved against the COG.
pub fn place(text: &str, reference: &Reference) -> Option<Quoted<Resolution>> {
    for sentence in text.split_inclusive(['.', '\n']) {
        let f = ascii_fold(sentence);
        if !(f.contains("congres") && (f.contains("organise") || f.contains("reuni"))) {
            continue;
        }
        let w = words(sentence);
        for i in 1..w.len().saturating_sub(1) {
            if w[i] != "à" {
                continue;
            }
            let name = trim_punct(w[i + 1]);
            if !name.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let resolution = reference.cog.resolve(name, None);
            if matches!(resolution, Resolution::Unknown) {
                continue;
            }
            let end = (i + 4).min(w.len() - 1);
            let start = phrase_start(&w, i.saturating_sub(3));
            let quote = trim_punct(&w[start..=end].join(" ")).to_string();
            return Some(Quoted {
                value: resolution,
                quote,
            });
        }
    }
    None
}

/// « ces ateliers ont été co-animés avec le soutien de partenaires : Open Data France, …, Villes
/// de France » : the partners listed after « partenaires : » in a sentence about the workshops,
/// quoted from the start of their clause to the end of the list. An id is the slug of the printed
/// name (the curators' convention for organisations), or for « ville de X » the commune X.
pub fn workshop_partners(text: &str, reference: &Reference) -> Option<Quoted<Vec<Partner>>> {
    for sentence in text.split_inclusive(['.', '\n']) {
        let f = ascii_fold(sentence);
        if !f.contains("atelier") {
            continue;
        }
        let Some((at, _)) = sentence
            .match_indices(" : ")
            .find(|(i, _)| ascii_fold(&sentence[..*i]).ends_with("partenaires"))
        else {
            continue;
        };
        let at = at + " : ".len();
        let list = trim_punct(sentence[at..].trim());
        let mut partners = Vec::new();
        for name in list.split(", ").flat_map(|n| n.split(" et ")) {
            let name = name.trim();
            if name.is_empty() {
                continue;
            }
            // « ville de Lyon », « commune de X »: the commune X.
            let town = name.splitn(3, ' ').collect::<Vec<_>>();
            let town = match town.as_slice() {
                [v, de, t]
                    if matches!(ascii_fold(v).as_str(), "ville" | "commune")
                        && ascii_fold(de) == "de" =>
                {
                    Some(*t)
                }
                _ => None,
            };
            let commune =
                town.and_then(|t| reference.cog.resolve(t, None).code().map(str::to_string));
            let id = match (&commune, town) {
                (Some(code), _) => reference
                    .organization_with_code(code)
                    .map(str::to_string)
                    .unwrap_or_else(|| super::reference::slug(town.unwrap_or(name))),
                (None, Some(t)) => super::reference::slug(t),
                (None, None) => super::reference::slug(name),
            };
            partners.push(Partner {
                id,
                printed: name.to_string(),
                commune,
            });
        }
        if partners.is_empty() {
            continue;
        }
        let head = &sentence[..at];
        let clause = head.rfind(", ").map_or(0, |i| i + 2);
        let quote = format!("{}{list}", &head[clause..]).trim().to_string();
        return Some(Quoted {
            value: partners,
            quote,
        });
    }
    None
}

/// The words that give the Congress's year: its printed date (« ce jeudi 7 octobre 2021 »), else
/// a line naming the Congress with the year (printed), else the first line with the year: the
/// year is then inferred from it (`Some` reasoning), as for a document titled « Les propositions
/// 2026 » that prints no date.
pub fn year_quote(text: &str, year: u16) -> Option<(String, Option<String>)> {
    let y = year.to_string();
    if let Some((d, _)) = date(text, year)
        && let Some(at) = d.quote.find(&y)
    {
        return Some((d.quote[..at + y.len()].to_string(), None));
    }
    let line = |l: &str| trim_punct(l.trim()).chars().take(120).collect::<String>();
    // The sentence that names the Congress with its year (« L'atelier du Congrès 2026 … »).
    let named = text
        .lines()
        .flat_map(|l| l.split_inclusive(". "))
        .find(|s| s.contains(&y) && ascii_fold(s).contains("congres"));
    if let Some(sentence) = named {
        return Some((trim_punct(sentence.trim()).to_string(), None));
    }
    let l = line(text.lines().find(|l| l.contains(&y))?);
    let reasoning = format!(
        "Le document n'imprime ni la date ni l'année du Congrès ; {year} est l'année de « {l} », \
         retenue comme année (et identifiant) de l'édition."
    );
    Some((l, Some(reasoning)))
}

/// Everything `[congress]` can say from the document's text.
pub fn congress(text: &str, year: u16, reference: &Reference) -> Congress {
    let printed = ordinal(text);
    Congress {
        // A rank deduced from the neighbouring editions only when the document prints none.
        ordinal_inferred: match printed {
            Some(_) => None,
            None => reference.neighbour_ordinal(year),
        },
        ordinal: printed,
        year: year_quote(text, year),
        date: date(text, year).map(|d| d.0),
        place: place(text, reference),
        contributions: contributions(text),
        contributors: contributors(text),
        workshop_partners: workshop_partners(text, reference),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_keep_their_qualifier_and_printed_words() {
        let c = contributions("analyse de plus de 1000 contributions exprimées").unwrap();
        assert_eq!(
            (c.count, c.more_than, c.as_printed.as_str()),
            (1000, true, "plus de 1000 contributions")
        );
        let c = contributions("727 nouvelles contributions ont été").unwrap();
        assert_eq!((c.count, c.more_than), (727, false));
        let p = contributors("par 123 élu·es contributeurs et contributrices, qui").unwrap();
        assert_eq!(p.as_printed, "123 élu·es contributeurs et contributrices");
        let p = contributors("exprimées par 287 élus locaux dans un").unwrap();
        assert_eq!(p.as_printed, "287 élus locaux");
    }

    #[test]
    fn workshop_partners_get_ids_from_their_printed_names_and_their_clause_as_quote() {
        let text = "Portés par les élus, ces ateliers ont été co-animés avec le soutien de \
                    partenaires : Open Data France, Réseau Canopé, ville de Lyon et La Mêlée. Suite";
        let p = workshop_partners(text, &Reference::default()).unwrap();
        let ids: Vec<&str> = p.value.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(
            ids,
            ["open-data-france", "reseau-canope", "lyon", "la-melee"]
        );
        assert_eq!(
            p.quote,
            "ces ateliers ont été co-animés avec le soutien de partenaires : Open Data France, \
             Réseau Canopé, ville de Lyon et La Mêlée"
        );
        // Partners of the Congress itself are not the workshops' partners.
        assert!(workshop_partners("Nos partenaires : Alliancy.", &Reference::default()).is_none());
    }

    #[test]
    fn the_year_is_quoted_from_the_date_else_from_the_congress_else_inferred_from_a_title() {
        let dated = "Motion 2021\nqui ont adopté la motion ce jeudi 7 octobre 2021 après une \
                     journée d'échanges.";
        assert_eq!(
            year_quote(dated, 2021),
            Some(("ce jeudi 7 octobre 2021".to_string(), None))
        );
        assert_eq!(
            year_quote("MOTION DU CONGRÈS NATIONAL 2020\nPréambule", 2020),
            Some(("MOTION DU CONGRÈS NATIONAL 2020".to_string(), None))
        );
        let (quote, reasoning) = year_quote("Les propositions 2026\nNOS AMBITIONS", 2026).unwrap();
        assert_eq!(quote, "Les propositions 2026");
        assert!(reasoning.is_some_and(|r| r.contains("n'imprime ni la date ni l'année")));
        assert_eq!(year_quote("Sans année", 2026), None);
    }

    #[test]
    fn ordinals_as_printed() {
        let o = ordinal("qui ont adopté la motion du 3e Congrès national des élus au numérique")
            .unwrap();
        assert_eq!(
            (o.value, o.quote.as_str()),
            (3, "la motion du 3e Congrès national des élus au numérique")
        );
        assert_eq!(
            ordinal("LES PROPOSITIONS DU 7E CONGRÈS NATIONAL")
                .unwrap()
                .value,
            7
        );
        assert!(ordinal("Le Congrès national").is_none());
    }

    #[test]
    fn a_date_only_when_printed_with_the_year() {
        let (d, adopted) = date(
            "qui ont adopté la motion ce jeudi 7 octobre 2021 après une journée. Le",
            2021,
        )
        .unwrap();
        assert_eq!(d.value, "2021-10-07");
        assert_eq!(d.quote, "ce jeudi 7 octobre 2021 après une journée");
        assert_eq!(
            adopted.map(|a| a.quote).as_deref(),
            Some("qui ont adopté la motion ce jeudi 7 octobre 2021")
        );
        assert!(
            date(
                "Le 12 octobre 2020 ces contributions ont été enrichies.",
                2020
            )
            .is_none()
        );
    }
}
