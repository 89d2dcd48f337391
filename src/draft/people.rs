//! People named with their printed roles: a board list under office headings (« PRÉSIDENT »,
//! « représenté par … ») or the leads and associates of a section (a name, then its role; « Avec
//! X, rôle et Y, rôle »). Each role is split into its positions; ids already in the corpus are
//! reused.

use super::reference::slug;
use super::structure::is_person_name;
use super::territories::Resolution;
use super::{Draft, Reference};
use crate::text::ascii_fold;

#[derive(Debug, Clone)]
pub struct Position {
    pub kind: &'static str,
    pub as_printed: String,
    pub title: String,
    pub office: Option<&'static str>,
    pub organization_as_printed: Option<String>,
    pub printed_department: Option<String>,
    pub territory: Option<Resolution>,
    /// The id of the resolved organisation (reused if already in the corpus).
    pub organization: Option<String>,
    /// Set when the organisation is deduced rather than printed with the position.
    pub inferred: Option<Inferred>,
}

/// An organisation the document implies without printing it beside the position: the words
/// quoted and why they imply it (written as an `inferred` provenance, for review).
#[derive(Debug, Clone)]
pub struct Inferred {
    pub quote: String,
    pub reasoning: String,
}

/// The organisation that carries the document (« porté par l'association Villes Internet »), when
/// it is one the corpus knows: `(id, the words as printed)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Carrier {
    pub organization: String,
    pub quote: String,
}

/// Finds « porté(e) par l'association X » with X an organisation of the corpus (the longest name
/// that follows, compared without case or accents).
pub fn carrier(text: &str, reference: &Reference) -> Option<Carrier> {
    // « porté », « Portée »…: the first letter in either case, then the words as printed.
    for lead in ["orté par l", "ortée par l", "ortés par l", "ortées par l"] {
        for (at, _) in text.match_indices(lead) {
            // A word of its own (« porté », not « supporté »).
            let Some(start) = at.checked_sub(1).filter(|&i| {
                matches!(&text[i..at], "p" | "P") && !text[..i].ends_with(char::is_alphanumeric)
            }) else {
                continue;
            };
            let from = at + lead.len();
            let Some(after) = text[from..]
                .strip_prefix('\'')
                .or_else(|| text[from..].strip_prefix('’'))
            else {
                continue;
            };
            // The organisation's name as the corpus has it (« Association Villes Internet »), or
            // after the printed « association ».
            let short = after
                .strip_prefix("association ")
                .or_else(|| after.strip_prefix("Association "));
            for rest in std::iter::once(after).chain(short) {
                let folded = ascii_fold(rest);
                let found = reference
                    .organizations
                    .iter()
                    .filter(|o| {
                        let name = ascii_fold(&o.name);
                        !name.is_empty()
                            && folded.starts_with(&name)
                            && !folded[name.len()..].starts_with(char::is_alphanumeric)
                    })
                    .max_by_key(|o| o.name.len());
                if let Some(o) = found {
                    // The printed name has as many characters as the known one (accents and case
                    // aside).
                    let chars = o.name.chars().count();
                    let end = rest
                        .char_indices()
                        .nth(chars)
                        .map_or(rest.len(), |(i, _)| i);
                    let stop = text.len() - rest.len() + end;
                    return Some(Carrier {
                        organization: o.id.clone(),
                        quote: text[start..stop].to_string(),
                    });
                }
            }
        }
    }
    None
}

#[derive(Debug, Clone)]
pub struct Role {
    pub person: String,
    pub name: String,
    pub known: bool,
    pub capacity: &'static str,
    pub heading: Option<String>,
    pub section: Option<usize>,
    pub represents: Option<String>,
    pub as_printed: String,
    pub positions: Vec<Position>,
}

#[derive(Debug, Clone)]
pub struct NewPerson {
    pub id: String,
    pub name: String,
}

/// The office at the association a title names.
pub fn office_of(title: &str) -> Option<&'static str> {
    let f = ascii_fold(title);
    let f = f.trim();
    if f.starts_with("vice-president") || f.starts_with("vice president") {
        Some("vice_president")
    } else if f.starts_with("president") {
        Some("president")
    } else if f.starts_with("tresorier") {
        Some("treasurer")
    } else if f.starts_with("secretaire") {
        Some("secretary")
    } else if f.starts_with("administrat") {
        Some("administrator")
    } else {
        None
    }
}

/// Splits at top-level `", "` and `" et "` (not inside parentheses), keeping the separators.
fn split_keep(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'(' => depth += 1,
            b')' => depth -= 1,
            _ => {}
        }
        if depth == 0 {
            for sep in [", ", " et "] {
                // « … au défi numérique et au système d'informations », « Docteur en géographie
                // et aménagement » : one position. A position after « et » has more than one
                // word (« maire de Fleury-sur-Orne (14) »); a lone lower-case word there is the
                // second noun of the same one.
                if !text[i..].starts_with(sep) {
                    continue;
                }
                let next = &text[i + sep.len()..];
                let lone_noun = next
                    .split(", ")
                    .next()
                    .is_some_and(|w| !w.contains(' ') && w.starts_with(char::is_lowercase));
                let continues = sep == " et "
                    && (lone_noun
                        || next.split_whitespace().next().is_some_and(|w| {
                            ["au", "aux", "à", "de", "du", "des", "en"].contains(&w)
                                || w.starts_with("d'")
                        }));
                if !continues {
                    out.push((text[start..i].to_string(), sep.to_string()));
                    i += sep.len();
                    start = i;
                    break;
                }
            }
        }
        i += 1;
        while i < bytes.len() && !text.is_char_boundary(i) {
            i += 1;
        }
    }
    if start <= text.len() {
        out.push((text[start..].to_string(), String::new()));
    }
    out
}

/// `(name, role)` pairs of « X, rôle et Y, rôle ».
fn people_in(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let parts = split_keep(text);
    let mut k = 0;
    while k < parts.len() {
        let (seg, sep) = &parts[k];
        if is_person_name(seg) && (sep == ", " || out.is_empty()) {
            out.push((seg.clone(), String::new()));
        } else if let Some(last) = out.last_mut() {
            if !last.1.is_empty() {
                let prev_sep = &parts[k - 1].1;
                last.1.push_str(prev_sep);
            }
            last.1.push_str(seg);
        }
        k += 1;
    }
    out
}

/// The department printed in parentheses: `(81)`, `(2A)`.
fn department(text: &str) -> Option<(usize, usize, String)> {
    let open = text.find('(')?;
    let close = open + text[open..].find(')')?;
    let inner = &text[open + 1..close];
    (inner.len() <= 3 && inner.chars().all(|c| c.is_ascii_alphanumeric()))
        .then(|| (open, close, inner.to_string()))
}

/// One position from a piece of a printed role.
pub fn position(piece: &str, reference: &Reference) -> Position {
    let piece = piece.trim();
    let mut p = Position {
        kind: "function",
        as_printed: piece.to_string(),
        title: piece.to_string(),
        office: None,
        organization_as_printed: None,
        printed_department: None,
        territory: None,
        organization: None,
        inferred: None,
    };
    if let Some(at) = piece.find(" de Villes Internet") {
        p.kind = "office";
        p.title = piece[..at].to_string();
        p.office = office_of(&p.title);
        p.organization = Some("villes-internet".to_string());
        p.organization_as_printed = Some("Villes Internet".to_string());
        return p;
    }
    let f = ascii_fold(piece);
    let elected = [
        "maire",
        "adjoint",
        "conseill",
        "depute",
        "president",
        "vice-president",
        "elu",
        "senat",
        "delegue",
    ]
    .iter()
    .any(|w| f.contains(w));
    if let Some((open, _close, dep)) = department(piece) {
        let before = &piece[..open].trim_end();
        // The territory is printed after the last « de », « d' », « à », « du ».
        let cut = [" de l'", " de la ", " de ", " d'", " à ", " du "]
            .iter()
            .filter_map(|sep| before.rfind(sep).map(|i| (i, sep.len())))
            // At one place the longest separator: « de l'EUROMÉTROPOLE » is « EUROMÉTROPOLE ».
            .max_by_key(|&(i, len)| (i, len));
        if let Some((at, len)) = cut {
            let name = before[at + len..].to_string();
            p.kind = "mandate";
            p.title = before[..at].to_string();
            p.printed_department = Some(dep.clone());
            let resolution = reference.cog.resolve(&name, Some(&dep));
            p.organization = resolution.code().map(|code| {
                reference
                    .organization_with_code(code)
                    .map(str::to_string)
                    .unwrap_or_else(|| slug(&name))
            });
            p.organization_as_printed = Some(name);
            p.territory = Some(resolution);
        }
        return p;
    }
    if elected {
        p.kind = "mandate";
        for sep in [" de l'", " de la ", " de ", " d'", " à "] {
            if let Some(at) = piece.find(sep)
                && (office_of(&piece[..at]).is_none() || at > 0)
            {
                p.title = piece[..at].to_string();
                let name = piece[at + 1..]
                    .trim_start_matches(['d', 'e', 'à', ' '])
                    .to_string();
                // No département printed: the COG's candidates go to the reviewer, and no
                // organisation is picked (the name alone does not say which place it is).
                let resolution = reference.cog.resolve(&name, None);
                if !matches!(resolution, Resolution::Unknown) {
                    p.territory = Some(resolution);
                }
                p.organization_as_printed = Some(name);
                break;
            }
        }
    }
    p
}

fn positions(role: &str, reference: &Reference) -> Vec<Position> {
    split_keep(role)
        .into_iter()
        .map(|(s, _)| s)
        .filter(|s| !s.trim().is_empty())
        .map(|s| position(&s, reference))
        .collect()
}

fn make_role(
    name: &str,
    role: &str,
    capacity: &'static str,
    section: Option<usize>,
    reference: &Reference,
) -> Role {
    let known = reference.person_id(name);
    Role {
        person: known.map(str::to_string).unwrap_or_else(|| slug(name)),
        name: name.to_string(),
        known: known.is_some(),
        capacity,
        heading: None,
        section,
        represents: None,
        as_printed: role.trim().to_string(),
        positions: positions(role, reference),
    }
}

/// Reads the blocks `structure` set aside as naming people. Offices printed as headings are
/// given to the organisation that carries the document, if it names one the corpus knows.
pub fn resolve(d: &mut Draft, reference: &Reference, carrier: Option<&Carrier>) {
    let blocks = std::mem::take(&mut d.people_blocks);
    let mut heading: Option<String> = None;
    let mut pending_name: Option<(String, Option<usize>)> = None;
    let mut layout: Vec<&str> = Vec::new();
    for (section, _block, text) in blocks {
        if super::lines::is_office_heading(&text) {
            heading = Some(text);
            continue;
        }
        if let Some(rest) = text.strip_prefix("Avec ") {
            layout.push("Avec");
            for (name, role) in people_in(rest) {
                layout.push(",");
                if role.contains(" et ") || rest.contains(" et ") {
                    layout.push("et");
                }
                d.roles.push(make_role(
                    &name,
                    &role,
                    "engagement_associate",
                    section,
                    reference,
                ));
            }
            continue;
        }
        if is_person_name(&text) {
            pending_name = Some((text, section));
            continue;
        }
        if let Some((name, section)) = pending_name.take() {
            d.roles.push(make_role(
                &name,
                &text,
                "engagement_lead",
                section,
                reference,
            ));
            continue;
        }
        // « Nom, rôle, représenté(e) par Nom, rôle ».
        let (main, represented) = match text
            .split_once(", représenté par ")
            .map(|x| (x, "représenté par"))
            .or_else(|| {
                text.split_once(", représentée par ")
                    .map(|x| (x, "représentée par"))
            }) {
            Some(((a, b), link)) => {
                layout.push(link);
                (a.to_string(), Some(b.to_string()))
            }
            None => (text.clone(), None),
        };
        let Some((name, role)) = main.split_once(", ") else {
            d.reviews
                .push(format!("« {main} » : nom ou rôle non reconnu"));
            continue;
        };
        layout.push(",");
        let capacity = if heading.is_some() {
            "board_member"
        } else {
            "engagement_lead"
        };
        // Names under an office heading (« PRÉSIDENT ») are the association's board, printed
        // after the motion's text: they belong to the document, not to its last section (nor
        // does whoever represents them).
        let section = if heading.is_some() { None } else { section };
        let mut r = make_role(name, role, capacity, section, reference);
        if let Some(h) = heading.take() {
            r.positions.insert(
                0,
                Position {
                    kind: "office",
                    as_printed: h.clone(),
                    title: h.clone(),
                    office: office_of(&h),
                    organization_as_printed: None,
                    printed_department: None,
                    territory: None,
                    organization: carrier.map(|c| c.organization.clone()),
                    inferred: carrier.map(|c| Inferred {
                        quote: c.quote.clone(),
                        reasoning: format!(
                            "Le nom est imprimé sous l'intitulé « {h} », qui ne nomme aucun organisme ; le document est « {} » : c'est un office de son bureau.",
                            c.quote
                        ),
                    }),
                },
            );
            r.heading = Some(h);
        }
        let board = r.person.clone();
        d.roles.push(r);
        if let Some(rep) = represented
            && let Some((rname, rrole)) = rep.split_once(", ")
        {
            let mut r = make_role(rname, rrole, "representative", section, reference);
            r.represents = Some(board);
            represented_commune(d.roles.last(), &mut r, &text);
            d.roles.push(r);
        }
    }
    for l in layout {
        if !d.layout.iter().any(|(t, _)| t == l) {
            d.layout.push((
                l.to_string(),
                "Mot de liaison entre un nom et sa fonction.".to_string(),
            ));
        }
    }
    for r in &d.roles {
        if !r.known && !d.new_people.iter().any(|p| p.id == r.person) {
            d.new_people.push(NewPerson {
                id: r.person.clone(),
                name: r.name.clone(),
            });
        }
    }
}

/// The commune of a representative's mandate printed without its place (« représenté par X,
/// Adjoint au Maire »): the one whose mayor they represent (« Maire de FONTENAY-SOUS-BOIS (94) »).
/// Only a municipal mandate, representing a mayor whose commune is resolved.
fn represented_commune(represented: Option<&Role>, representative: &mut Role, printed: &str) {
    let Some(mayor) = represented.and_then(|r| {
        r.positions.iter().find(|p| {
            p.kind == "mandate"
                && ascii_fold(&p.title).trim() == "maire"
                && p.organization.is_some()
        })
    }) else {
        return;
    };
    let Some(commune) = mayor.organization_as_printed.as_deref() else {
        return;
    };
    let name = &representative.name;
    let Some(mandate) = representative.positions.iter_mut().find(|p| {
        p.kind == "mandate"
            && p.organization_as_printed.is_none()
            && ascii_fold(&p.title).contains("maire")
    }) else {
        return;
    };
    mandate.organization = mayor.organization.clone();
    mandate.inferred = Some(Inferred {
        quote: printed.to_string(),
        reasoning: format!(
            "La commune n'est pas imprimée à côté de « {} » : {name} y représente le maire de {commune}.",
            mandate.as_printed
        ),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(organizations: &[(&str, &str)]) -> Reference {
        Reference {
            organizations: organizations
                .iter()
                .map(|(id, name)| super::super::reference::KnownOrganization {
                    id: id.to_string(),
                    name: name.to_string(),
                    code: None,
                })
                .collect(),
            ..Reference::default()
        }
    }

    #[test]
    fn the_carrier_is_a_known_organisation_quoted_as_printed() {
        let reference = known(&[
            ("villes-internet", "Association Villes Internet"),
            ("villes", "Villes"),
        ]);
        let text = "Le résultat de 6 mois de préparation porté par l'association Villes Internet, rythmé de 4 rencontres.";
        assert_eq!(
            carrier(text, &reference),
            Some(Carrier {
                organization: "villes-internet".into(),
                quote: "porté par l'association Villes Internet".into(),
            })
        );
        let curly = "Cette motion, Portée par l’Association VILLES INTERNET : un travail.";
        assert_eq!(
            carrier(curly, &reference).map(|c| c.quote),
            Some("Portée par l’Association VILLES INTERNET".into())
        );
        // An organisation the corpus does not know, or a name that goes on: no carrier.
        assert_eq!(
            carrier("porté par l'association Réseau X", &reference),
            None
        );
        assert_eq!(
            carrier(
                "porté par l'association Villes Internetworks",
                &known(&[("villes-internet", "Association Villes Internet")])
            ),
            None
        );
        assert_eq!(
            carrier("supporté par l'association Villes Internet", &reference),
            None
        );
    }

    #[test]
    fn associates_are_split_at_names_not_at_every_comma() {
        let p = people_in(
            "Marc Lecerf, trésorier de Villes Internet et maire de Fleury-sur-Orne (14) et Pascal Hureau, adjoint au numérique à Montrouge (92)",
        );
        assert_eq!(p.len(), 2);
        assert_eq!(
            p[0].1,
            "trésorier de Villes Internet et maire de Fleury-sur-Orne (14)"
        );
        assert_eq!(p[1].0, "Pascal Hureau");
    }

    #[test]
    fn a_role_is_split_into_positions_at_and_unless_and_joins_two_nouns_of_one() {
        let pieces = |role: &str| -> Vec<String> {
            split_keep(role)
                .into_iter()
                .map(|(s, _)| s)
                .filter(|s| !s.trim().is_empty())
                .collect()
        };
        assert_eq!(
            pieces("Docteur en géographie et aménagement, maître de conférences"),
            [
                "Docteur en géographie et aménagement",
                "maître de conférences"
            ]
        );
        assert_eq!(
            pieces("trésorier de Villes Internet et maire de Fleury-sur-Orne (14)"),
            [
                "trésorier de Villes Internet",
                "maire de Fleury-sur-Orne (14)"
            ]
        );
    }
}
