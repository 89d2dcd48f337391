//! The draft as an edition file in the loader's format, every guess marked with a review comment
//! `# À VÉRIFIER : …`, and the `sources.toml` record of its source.

use std::fmt::Write as _;

use super::people::Position;
use super::territories::Resolution;
use super::{Count, Draft, Item, Section};

/// The prefix of every review comment (`check` does not read comments: a person deletes them
/// once the guess is confirmed or corrected).
pub const REVIEW: &str = "# À VÉRIFIER :";

// The layout (quoting, when and how a long value is wrapped) is the corpus's canonical one, the
// one `fmt` restores: a draft differs from the curated file by its values, not its wrapping.
pub use crate::corpus::layout::quote;
use crate::corpus::layout::{array_field, string_field};

fn count_field(out: &mut String, key: &str, c: &Count) {
    let _ = writeln!(
        out,
        "{key} = {{ count = {}, qualifier = \"{}\", as_printed = {} }}",
        c.count,
        if c.more_than { "more_than" } else { "exact" },
        quote(&c.as_printed)
    );
}

fn provenance_table(
    out: &mut String,
    table: &str,
    source: &str,
    quote_text: &str,
    reasoning: Option<&str>,
) {
    let _ = writeln!(out, "\n[{table}]");
    let _ = writeln!(out, "source = {}", quote(source));
    let _ = writeln!(
        out,
        "kind = \"{}\"",
        if reasoning.is_some() {
            "inferred"
        } else {
            "printed"
        }
    );
    string_field(out, "quote", quote_text);
    if let Some(r) = reasoning {
        string_field(out, "reasoning", r);
    }
}

fn themes_line(chosen: &[String]) -> String {
    let list: Vec<String> = chosen.iter().map(|t| quote(t)).collect();
    format!("themes = [{}]\n", list.join(", "))
}

fn suggestion_comment(s: &[super::themes::Suggestion]) -> String {
    if s.is_empty() {
        return format!(
            "{REVIEW} aucun thème suggéré (aucun texte proche) : en choisir un dans themes.toml\n"
        );
    }
    let list: Vec<String> = s
        .iter()
        .map(|x| {
            let ev: Vec<&str> = x.evidence.iter().take(2).map(String::as_str).collect();
            format!("{} ({:.2} ; {})", x.theme, x.score, ev.join(", "))
        })
        .collect();
    format!(
        "{REVIEW} thèmes suggérés d'après les textes proches : {}\n",
        list.join(" ; ")
    )
}

/// The themes written for an item: the first suggestion (the others are in the comment).
pub fn item_themes(item: &Item) -> Vec<String> {
    item.themes
        .iter()
        .take(1)
        .map(|s| s.theme.clone())
        .collect()
}

/// The themes written for a section: its own first suggestion and every theme of its items.
pub fn section_themes(d: &Draft, index: usize, section: &Section) -> Vec<String> {
    let mut out: Vec<String> = section
        .themes
        .iter()
        .take(1)
        .map(|s| s.theme.clone())
        .collect();
    for it in d.items.iter().filter(|it| it.section == index) {
        for t in item_themes(it) {
            if !out.contains(&t) {
                out.push(t);
            }
        }
    }
    out
}

/// The edition file.
pub fn edition(d: &Draft) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "# Congrès national des élus au numérique {} : BROUILLON écrit par `congres-numerique draft`",
        d.year
    );
    let _ = writeln!(
        o,
        "# depuis la source « {} » (voir ../sources.toml). Chaque ligne « {REVIEW} … » signale une",
        d.source_id
    );
    let _ = writeln!(
        o,
        "# supposition : la confirmer ou la corriger, effacer le commentaire, puis lancer `check`."
    );
    o.push_str("\n[congress]\n");
    match (&d.congress.ordinal, &d.congress.ordinal_inferred) {
        (Some(q), _) => {
            let _ = writeln!(o, "ordinal = {}", q.value);
        }
        (None, Some(q)) => {
            let _ = writeln!(
                o,
                "{REVIEW} aucun rang imprimé : {} est déduit des éditions voisines (voir la provenance)",
                q.value
            );
            let _ = writeln!(o, "ordinal = {}", q.value);
        }
        (None, None) => {
            let _ = writeln!(
                o,
                "{REVIEW} aucun rang imprimé (« 3e Congrès ») : le déduire et citer sa source"
            );
            o.push_str("ordinal = 0\n");
        }
    }
    let _ = writeln!(o, "year = {}", d.year);
    if let Some(date) = &d.congress.date {
        let _ = writeln!(
            o,
            "{REVIEW} date imprimée « {} » : celle du Congrès (un seul jour) ?",
            date.quote
        );
        let _ = writeln!(
            o,
            "start_date = \"{}\"\nend_date = \"{}\"",
            date.value, date.value
        );
    }
    let place = d.congress.place.as_ref().and_then(|p| {
        let code = p.value.code()?;
        let id = d.place_id.clone()?;
        Some((p, code.to_string(), id))
    });
    if let Some((p, code, id)) = &place {
        let _ = writeln!(
            o,
            "{REVIEW} lieu lu dans « {} » (COG {code}) : celui du Congrès ?",
            p.quote
        );
        let _ = writeln!(o, "place = {}", quote(id));
    }
    let _ = writeln!(o, "source = {}", quote(&d.source_id));
    if let Some(c) = &d.congress.contributions {
        count_field(&mut o, "contributions", c);
    }
    if let Some(c) = &d.congress.contributors {
        count_field(&mut o, "contributors", c);
    }
    if let Some(p) = &d.congress.workshop_partners {
        let _ = writeln!(
            o,
            "{REVIEW} partenaires des ateliers lus dans « {} » ; identifiants tirés des noms imprimés : les confirmer (et ajouter les nouveaux à organizations.toml, voir la fin du fichier)",
            p.quote
        );
        let ids: Vec<String> = p.value.iter().map(|x| x.id.clone()).collect();
        array_field(&mut o, "workshop_partners", &ids);
    }
    if let Some(q) = &d.congress.ordinal {
        provenance_table(
            &mut o,
            "congress.provenance.ordinal",
            &d.source_id,
            &q.quote,
            None,
        );
    } else if let Some(q) = &d.congress.ordinal_inferred {
        provenance_table(
            &mut o,
            "congress.provenance.ordinal",
            &q.source,
            &q.quote,
            Some(&q.reasoning),
        );
    }
    match &d.congress.year {
        Some((q, reasoning)) => provenance_table(
            &mut o,
            "congress.provenance.year",
            &d.source_id,
            q,
            reasoning.as_deref(),
        ),
        None => {
            let _ = writeln!(
                o,
                "\n{REVIEW} l'année n'est pas imprimée : citer la source qui la donne"
            );
        }
    }
    if let Some(date) = &d.congress.date {
        provenance_table(
            &mut o,
            "congress.provenance.start_date",
            &d.source_id,
            &date.quote,
            None,
        );
        provenance_table(
            &mut o,
            "congress.provenance.end_date",
            &d.source_id,
            &date.quote,
            None,
        );
    }
    if let Some((p, _, _)) = &place {
        provenance_table(
            &mut o,
            "congress.provenance.place",
            &d.source_id,
            &p.quote,
            Some("Le document situe le Congrès (ou ses ateliers) dans cette commune."),
        );
    }
    if let Some(p) = &d.congress.workshop_partners {
        provenance_table(
            &mut o,
            "congress.provenance.workshop_partners",
            &d.source_id,
            &p.quote,
            None,
        );
    }

    // The motion.
    o.push_str("\n[motion]\n");
    let _ = writeln!(o, "source = {}", quote(&d.source_id));
    string_field(&mut o, "title", &d.motion.title);
    if let Some(a) = &d.motion.adopted_on {
        let _ = writeln!(o, "adopted_on = \"{}\"", a.value);
        let _ = writeln!(
            o,
            "provenance.adopted_on = {{ source = {}, kind = \"printed\", quote = {} }}",
            quote(&d.source_id),
            quote(&a.quote)
        );
    }
    if let Some(h) = &d.motion.preamble_heading {
        string_field(&mut o, "preamble_heading", h);
    }
    array_field(&mut o, "preamble", &d.motion.preamble);
    if let Some((label, printed)) = &d.motion.related {
        let _ = writeln!(
            o,
            "{REVIEW} ressource liée : adresse imprimée sans protocole, https:// ajouté"
        );
        let _ = writeln!(
            o,
            "related = {{ label = {}, as_printed = {}, url = {} }}",
            quote(label),
            quote(printed),
            quote(&format!("https://{printed}"))
        );
    }
    array_field(&mut o, "closing", &d.motion.closing);
    for f in &d.motion.footnotes {
        o.push_str("\n[[motion.footnotes]]\n");
        let _ = writeln!(o, "label = {}", quote(&f.label));
        if let Some(h) = &f.heading {
            string_field(&mut o, "heading", h);
        }
        string_field(&mut o, "text", &f.text);
    }
    for p in &d.parts {
        let _ = writeln!(o, "\n[[parts]]\nposition = {}", p.position);
        string_field(&mut o, "title", &p.title);
        array_field(&mut o, "introduction", &p.introduction);
    }

    // Sections, part by part. The curated files list a part's sections, then its items, unless
    // the sections head their items with a heading of their own (« Propositions »): each is then
    // followed by its items. (Convention read from the curated editions 2020, 2021 and 2026.)
    let mut start = 0;
    while start < d.sections.len() {
        let part = d.sections[start].part;
        let end = d.sections[start..]
            .iter()
            .position(|s| s.part != part)
            .map_or(d.sections.len(), |n| start + n);
        let headed = d.sections[start..end]
            .iter()
            .any(|s| s.items_heading.is_some());
        for index in start..end {
            section(&mut o, d, index);
            if headed {
                items(&mut o, d, index);
            }
        }
        if !headed {
            for index in start..end {
                items(&mut o, d, index);
            }
        }
        start = end;
    }

    for r in &d.roles {
        o.push_str("\n[[roles]]\n");
        if !r.known {
            let _ = writeln!(
                o,
                "{REVIEW} personne nouvelle « {} » : l'ajouter à people.toml (voir la fin du fichier)",
                r.name
            );
        }
        let _ = writeln!(o, "person = {}", quote(&r.person));
        let _ = writeln!(o, "source = {}", quote(&d.source_id));
        if let Some(s) = r.section.and_then(|s| d.sections.get(s)) {
            let _ = writeln!(o, "section = \"{}\"", s.key());
        }
        let _ = writeln!(o, "capacity = \"{}\"", r.capacity);
        if let Some(h) = &r.heading {
            string_field(&mut o, "heading", h);
        }
        if let Some(rep) = &r.represents {
            let _ = writeln!(o, "represents = {}", quote(rep));
        }
        string_field(&mut o, "as_printed", &r.as_printed);
        for p in &r.positions {
            position(&mut o, p, &d.source_id);
        }
    }

    if !d.new_people.is_empty() || !d.new_organizations.is_empty() {
        o.push_str("\n# ---------------------------------------------------------------------------------------------\n");
        o.push_str("# À ajouter (après vérification) à people.toml et organizations.toml :\n");
        for p in &d.new_people {
            let _ = writeln!(
                o,
                "#\n# [[people]]\n# id = {}\n# name = {}",
                quote(&p.id),
                quote(&p.name)
            );
        }
        for (id, kind, name, code) in &d.new_organizations {
            let field = if *kind == "commune" { "insee" } else { "siren" };
            let _ = writeln!(
                o,
                "#\n# [[organizations]]\n# id = {}\n# kind = \"{kind}\"\n# name = {}",
                quote(id),
                quote(name),
            );
            if !code.is_empty() {
                let _ = writeln!(o, "# {field} = {}", quote(code));
            }
        }
    }
    o
}

fn section(o: &mut String, d: &Draft, index: usize) {
    let s = &d.sections[index];
    o.push_str("\n[[sections]]\n");
    if let Some(part) = s.part {
        let _ = writeln!(o, "part = {part}");
    }
    let _ = writeln!(o, "{REVIEW} kind « {} » : {}", s.kind, s.kind_evidence);
    let _ = writeln!(o, "kind = \"{}\"\nposition = {}", s.kind, s.position);
    string_field(o, "title", &s.title);
    if let Some(sub) = &s.subtitle {
        string_field(o, "subtitle", sub);
    }
    o.push_str(&suggestion_comment(&s.themes));
    o.push_str(&themes_line(&section_themes(d, index, s)));
    array_field(o, "body", &s.body);
    if let Some(h) = &s.items_heading {
        string_field(o, "items_heading", h);
    }
    array_field(o, "items_intro", &s.items_intro);
}

fn items(o: &mut String, d: &Draft, index: usize) {
    let s = &d.sections[index];
    for it in d.items.iter().filter(|it| it.section == index) {
        o.push_str("\n[[items]]\n");
        let _ = writeln!(o, "section = \"{}\"", s.key());
        if let Some(p) = it.parent {
            let _ = writeln!(o, "parent = {p}");
        }
        let _ = writeln!(o, "position = {}\nkind = \"{}\"", it.position, it.kind);
        o.push_str(&suggestion_comment(&it.themes));
        o.push_str(&themes_line(&item_themes(it)));
        string_field(o, "text", &it.text);
    }
}

/// `code name (département)` of the first candidates.
fn candidates(c: &[(String, String, String)]) -> String {
    let list: Vec<String> = c
        .iter()
        .take(8)
        .map(|(code, name, dep)| format!("{code} {name} ({dep})"))
        .collect();
    let more = c.len().saturating_sub(8);
    if more > 0 {
        format!("{} et {more} autre(s)", list.join(", "))
    } else {
        list.join(", ")
    }
}

fn position(o: &mut String, p: &Position, source: &str) {
    o.push_str("\n[[roles.positions]]\n");
    let printed = p.organization_as_printed.as_deref().unwrap_or("");
    match &p.territory {
        Some(Resolution::Ambiguous(c)) if p.printed_department.is_none() => {
            let _ = writeln!(
                o,
                "{REVIEW} « {printed} » sans département imprimé ; territoires du COG de ce nom : {} ; si une source dit lequel, ajouter organization et provenance",
                candidates(c)
            );
        }
        Some(Resolution::OtherDepartment {
            code,
            name,
            department,
            ..
        }) if p.printed_department.is_none() => {
            let _ = writeln!(
                o,
                "{REVIEW} « {printed} » sans département imprimé ; territoire du COG de ce nom : {code} {name} ({department}) ; si une source le confirme, ajouter organization et provenance",
            );
        }
        Some(Resolution::Ambiguous(c)) => {
            let list: Vec<String> = c
                .iter()
                .take(8)
                .map(|(code, name, dep)| format!("{code} {name} ({dep})"))
                .collect();
            let _ = writeln!(
                o,
                "{REVIEW} « {} » désigne plusieurs territoires du COG : {} ; ajouter organization et provenance",
                p.organization_as_printed.as_deref().unwrap_or(""),
                list.join(", ")
            );
        }
        Some(Resolution::Unknown) => {
            let _ = writeln!(
                o,
                "{REVIEW} « {} » est introuvable dans le COG : commune, EPCI ou autre ?",
                p.organization_as_printed.as_deref().unwrap_or("")
            );
        }
        Some(Resolution::OtherDepartment {
            code,
            name,
            department,
            ..
        }) => {
            let _ = writeln!(
                o,
                "{REVIEW} « {} » : seul {name} ({code}) porte ce nom, dans le département {department}, pas celui imprimé",
                p.organization_as_printed.as_deref().unwrap_or("")
            );
        }
        _ => {}
    }
    if p.kind == "function" {
        let _ = writeln!(
            o,
            "{REVIEW} fonction sans organisation reconnue : mandat, fonction ou office ?"
        );
    }
    let _ = writeln!(o, "kind = \"{}\"", p.kind);
    string_field(o, "as_printed", &p.as_printed);
    string_field(o, "title", &p.title);
    if let Some(office) = p.office {
        let _ = writeln!(o, "office = \"{office}\"");
    } else if p.kind == "office" {
        let _ = writeln!(
            o,
            "{REVIEW} office non reconnu : president, vice_president, treasurer, secretary, administrator"
        );
    }
    if let Some(org) = &p.organization {
        let _ = writeln!(o, "organization = {}", quote(org));
    }
    if let Some(n) = &p.organization_as_printed {
        string_field(o, "organization_as_printed", n);
    }
    if let Some(dep) = &p.printed_department {
        let _ = writeln!(o, "printed_department = {}", quote(dep));
    }
    match (&p.organization, &p.inferred) {
        (Some(_), Some(inferred)) => {
            let _ = writeln!(
                o,
                "{REVIEW} organisation déduite, pas imprimée avec la fonction : la confirmer (raisonnement ci-dessous) ou effacer organization et provenance"
            );
            provenance_table(
                o,
                "roles.positions.provenance",
                source,
                &inferred.quote,
                Some(&inferred.reasoning),
            );
        }
        (Some(_), None) => {
            let _ = writeln!(
                o,
                "provenance = {{ source = {}, kind = \"printed\", quote = {} }}",
                quote(source),
                quote(&p.as_printed)
            );
        }
        (None, _) => {}
    }
}

/// The `[[sources]]` record of the new source, with its omitted lines and layout fragments.
pub fn source_record(
    d: &Draft,
    file: &str,
    original_name: &str,
    sha256: &str,
    kind: &str,
) -> String {
    let mut o = String::new();
    o.push_str("\n# ---------------------------------------------------------------------------------------------\n");
    let _ = writeln!(
        o,
        "# Brouillon écrit par `congres-numerique draft` : {REVIEW} titre, description, lignes laissées de côté."
    );
    o.push_str("\n[[sources]]\n");
    let _ = writeln!(o, "id = {}", quote(&d.source_id));
    let _ = writeln!(o, "file = {}", quote(file));
    let _ = writeln!(o, "original_name = {}", quote(original_name));
    let _ = writeln!(o, "sha256 = {}", quote(sha256));
    let _ = writeln!(o, "kind = \"{kind}\"");
    string_field(&mut o, "title", &d.motion.title);
    let _ = writeln!(o, "congress = {}", d.year);
    string_field(
        &mut o,
        "description",
        &format!("{} (description à rédiger).", d.motion.title),
    );
    o.push_str("republishable = true\n");
    o.push_str(&declarations(d));
    o
}

/// The `[[sources.omitted]]` and `[[sources.layout]]` of the draft.
pub fn declarations(d: &Draft) -> String {
    let mut o = String::new();
    for (first, last, reason) in &d.omitted {
        o.push_str("\n[[sources.omitted]]\n");
        let lines = if first == last {
            first.to_string()
        } else {
            format!("{first}-{last}")
        };
        let _ = writeln!(o, "lines = \"{lines}\"");
        string_field(&mut o, "reason", reason);
    }
    for (text, reason) in &d.layout {
        o.push_str("\n[[sources.layout]]\n");
        let _ = writeln!(o, "text = {}", quote(text));
        string_field(&mut o, "reason", reason);
    }
    o
}
