//! The corpus as a specification: what the bundled data says, and what `check` reports for each
//! kind of broken seed file (exact `file:line:column: message` diagnostics).

use std::path::{Path, PathBuf};
use std::process::Command;

use congres_numerique::corpus::codes::{
    CountQualifier, ItemKind, MotionKind, MotionStatus, Office, OrganizationKind, PositionKind,
    ProvenanceKind, SectionKind,
};
use congres_numerique::corpus::{Corpus, LoadError, Position};

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

fn bundled() -> Corpus {
    Corpus::load(&seeds()).unwrap_or_else(|e| panic!("the bundled corpus must be valid: {e}"))
}

// ---------------------------------------------------------------------------------------------
// What the bundled corpus says

#[test]
fn every_edition_of_the_sources_is_in_the_corpus() {
    let corpus = bundled();
    let editions: Vec<(u16, u16)> = corpus
        .congresses
        .iter()
        .map(|c| (c.year, c.ordinal))
        .collect();
    assert_eq!(editions, [(2019, 1), (2020, 2), (2021, 3), (2026, 7)]);
    assert_eq!(corpus.motions.len(), 3);
    assert_eq!(corpus.people.len(), 16);
    assert_eq!(corpus.organizations.len(), 24);
    assert_eq!(corpus.sources.len(), 5);
    assert_eq!(corpus.press_articles.len(), 1);
}

#[test]
fn the_2019_motion_is_declared_missing_rather_than_invented() {
    let corpus = bundled();
    let congress = corpus.congress("2019").unwrap();
    assert_eq!(congress.motion_status(), MotionStatus::NotInSources);
    assert!(corpus.motion("2019").is_none());
    let contributors = congress.contributors.as_ref().unwrap();
    assert_eq!(contributors.value, 120);
    assert_eq!(contributors.qualifier, CountQualifier::MoreThan);
    assert_eq!(contributors.as_printed, "Plus de 120 élus");
    assert!(
        congress.contributions.is_none(),
        "not printed, so not given"
    );
}

#[test]
fn counts_keep_their_printed_qualifier() {
    let corpus = bundled();
    let c2020 = corpus.congress("2020").unwrap();
    let contributions = c2020.contributions.as_ref().unwrap();
    assert_eq!(
        (contributions.value, contributions.qualifier),
        (1000, CountQualifier::MoreThan)
    );
    assert_eq!(c2020.contributors.as_ref().unwrap().value, 287);
    let c2021 = corpus.congress("2021").unwrap();
    assert_eq!(c2021.contributions.as_ref().unwrap().value, 727);
    assert_eq!(
        c2021.contributions.as_ref().unwrap().qualifier,
        CountQualifier::Exact
    );
    assert_eq!(c2021.contributors.as_ref().unwrap().value, 123);
    let c2026 = corpus.congress("2026").unwrap();
    assert_eq!(c2026.contributions.as_ref().unwrap().value, 248);
    assert!(c2026.start_date.is_none(), "the 2026 date is not printed");
    assert_eq!(c2026.place.as_ref().unwrap().as_str(), "agen");
}

#[test]
fn every_objective_lever_engagement_and_proposal_is_its_own_record() {
    let corpus = bundled();
    let count = |year: &str, kind: SectionKind| {
        corpus
            .sections
            .iter()
            .filter(|s| s.congress.as_str() == year && s.kind == kind)
            .count()
    };
    assert_eq!(count("2020", SectionKind::Objective), 8);
    assert_eq!(count("2021", SectionKind::Axis), 4);
    assert_eq!(count("2026", SectionKind::Engagement), 4);
    assert_eq!(count("2026", SectionKind::Workshop), 6);

    for section in corpus
        .sections
        .iter()
        .filter(|s| s.kind == SectionKind::Axis)
    {
        let levers: Vec<_> = corpus.items_of(&section.id).collect();
        assert_eq!(levers.len(), 3, "{}: three levers", section.id);
        assert!(levers.iter().all(|i| i.kind == ItemKind::Lever));
    }
    let proposals = corpus
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Proposal)
        .count();
    assert_eq!(proposals, 22);
    let sub_items: Vec<&str> = corpus
        .items
        .iter()
        .filter(|i| i.parent.is_some())
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(
        sub_items,
        [
            "2026-workshop-2.1.1",
            "2026-workshop-2.1.2",
            "2026-workshop-2.1.3"
        ]
    );
    // Reading order: a sub-item comes right after its parent.
    let position = |id: &str| corpus.items.iter().position(|i| i.id.as_str() == id);
    assert_eq!(
        position("2026-workshop-2.1").map(|p| p + 1),
        position("2026-workshop-2.1.1")
    );
}

#[test]
fn texts_are_verbatim_without_layout() {
    let corpus = bundled();
    let lever = corpus.item("2021-axis-3.1").unwrap();
    assert!(
        lever.text.contains("(cloud souverain)"),
        "*emphasis* dropped"
    );
    let section = corpus.section("2020-objective-1").unwrap();
    assert_eq!(
        section.title,
        "Pour une égalité d’accès aux réseaux et usages par les citoyens et pour les territoires"
    );
    assert!(
        section
            .body
            .iter()
            .all(|p| !p.contains("  ") && !p.contains('\n'))
    );
    let all_text = corpus
        .sections
        .iter()
        .flat_map(|s| s.body.iter())
        .chain(corpus.items.iter().map(|i| &i.text));
    for text in all_text {
        assert!(!text.contains("**") && !text.contains('●') && !text.contains("p. 3/4"));
    }
}

#[test]
fn communes_are_resolved_against_the_official_geography_not_the_printed_department() {
    let corpus = bundled();
    let rueil = corpus.organization("rueil-malmaison").unwrap();
    assert_eq!(rueil.insee_code.as_deref(), Some("92063"));
    assert_eq!(rueil.departments, ["92"]);
    let printed: Vec<&str> = corpus
        .positions
        .iter()
        .filter(|p| p.organization.as_ref().map(|o| o.as_str()) == Some("rueil-malmaison"))
        .filter_map(|p| p.printed_department.as_deref())
        .collect();
    assert!(!printed.is_empty() && printed.iter().all(|d| *d == "78"));
    let strasbourg = corpus.organization("eurometropole-de-strasbourg").unwrap();
    assert_eq!(strasbourg.siren.as_deref(), Some("246700488"));
}

#[test]
fn no_personal_contact_detail_is_in_the_data() {
    let corpus = bundled();
    let emails: Vec<&str> = corpus
        .organizations
        .iter()
        .filter_map(|o| o.email.as_deref())
        .collect();
    assert_eq!(emails, ["coordination@villes-internet.net"]);
    // Not even a part of the private address is written here (tests/repository.rs checks every
    // tracked file): the only `@` of the corpus files is the association's public address.
    let seeds_text: String = ["people.toml", "organizations.toml", "editions/2026.toml"]
        .iter()
        .map(|f| std::fs::read_to_string(seeds().join("corpus").join(f)).unwrap())
        .collect();
    let at_signs = seeds_text.matches('@').count();
    assert_eq!(
        at_signs,
        seeds_text
            .matches("coordination@villes-internet.net")
            .count()
    );
}

#[test]
fn sources_are_the_received_files_byte_for_byte() {
    let corpus = bundled();
    let originals: Vec<(&str, &str)> = corpus
        .sources
        .iter()
        .map(|s| (s.original_name.as_str(), s.sha256.as_str()))
        .collect();
    assert!(originals.contains(&(
        "000_b5414082e672537c.txt",
        "43154e304c45d8e1a56da4f2491bf2683828496c948b37996c53ab90e3fbfa73"
    )));
    assert!(!corpus.source("2020-press-article").unwrap().republishable);
}

#[test]
fn a_private_address_is_redacted_in_the_copy_kept_with_both_hashes_recorded() {
    let corpus = bundled();
    let source = corpus.source("2026-propositions").unwrap();
    assert_eq!(
        source.sha256, "79e54631d578c59cdc974163bec688e186455a0cba19a968d9f4aa3dbf449622",
        "the document as received"
    );
    assert_eq!(
        source.copy_sha256.as_deref(),
        Some("0ac37eb891f3897690ad5f78f4732dafb2add142251e93f4b89c04d671644ac6"),
        "the redacted copy"
    );
    assert_eq!(source.redactions.len(), 1);
    let redaction = &source.redactions[0];
    assert_eq!(
        (redaction.line, redaction.marker.as_str()),
        (186, "[adresse électronique retirée]")
    );
    let copy = std::fs::read_to_string(seeds().join("sources/2026-propositions.txt")).unwrap();
    assert_eq!(
        copy.lines().nth(185),
        Some("[adresse électronique retirée]")
    );
    assert!(!copy.contains('@'));
    // An unredacted copy is the document as received.
    let motion = corpus.source("2021-motion").unwrap();
    assert_eq!(motion.copy_sha256.as_deref(), Some(motion.sha256.as_str()));
}

#[test]
fn the_press_article_is_described_not_copied_and_what_cannot_be_verified_is_said() {
    let corpus = bundled();
    let article = corpus.source("2020-press-article").unwrap();
    assert!(!article.republishable);
    assert_eq!(article.file, None);
    assert_eq!(
        (article.copy_sha256.as_ref(), article.byte_size),
        (None, None)
    );
    assert_eq!(
        article.sha256,
        "c95c37bede6510f530446bbe0f902e48581be5c26287dacc23547005f51caf72"
    );
    assert!(!seeds().join("sources/2020-press-article.txt").exists());
    let notes: Vec<String> = corpus.unverified.iter().map(ToString::to_string).collect();
    assert!(
        notes.iter().any(|n| n.ends_with(
            "note: press_articles[0].author: not verified, no copy of source \"2020-press-article\" is kept: «Laura Fernandez Rodriguez»"
        )),
        "{notes:#?}"
    );
    assert!(
        notes.iter().any(|n| n
            .contains("source \"2026-propositions\": 2026-propositions.txt is a redacted copy")),
        "{notes:#?}"
    );
    assert!(
        notes.iter().any(|n| n.ends_with(
            "note: press_articles[0].published_on: not verified, no copy of source \"2020-press-article\" is kept: 2020-10-13"
        )),
        "{notes:#?}"
    );
}

#[test]
fn the_sources_no_break_spaces_are_kept_in_the_data() {
    let corpus = bundled();
    let quoted = "«\u{202f}cybersécurité\u{202f}»";
    let source = std::fs::read_to_string(seeds().join("sources/2020-motion.txt")).unwrap();
    assert!(source.contains(quoted));
    let bodies: Vec<&String> = corpus.sections.iter().flat_map(|s| &s.body).collect();
    assert!(bodies.iter().any(|b| b.contains(quoted)), "{bodies:#?}");
    // Line breaks are still folded, including one inside « … » (source lines 183-185).
    assert!(
        bodies
            .iter()
            .any(|b| b.contains("«\u{202f}les échelons territoriaux pertinents\u{202f}»"))
    );
}

#[test]
fn a_footnote_call_is_a_reference_to_the_note_not_a_digit_glued_to_a_word() {
    let corpus = bundled();
    let preamble = &corpus.motion("2020").unwrap().preamble[0];
    assert!(preamble.contains("portée par l’Association Villes Internet, est un travail"));
    assert!(!preamble.contains("Internet1"));
    let note = corpus
        .footnotes
        .iter()
        .find(|f| f.id == "2020-note-1")
        .unwrap();
    let call = note.call.as_ref().expect("the 2020 preamble calls note 1");
    assert_eq!((call.field, call.paragraph), ("preamble", 1));
    let before: String = preamble.chars().take(call.offset as usize).collect();
    assert!(
        before.ends_with("l’Association Villes Internet"),
        "{before}"
    );
    // The 2021 note is printed without a call in the text.
    let note_2021 = corpus
        .footnotes
        .iter()
        .find(|f| f.id == "2021-note-1")
        .unwrap();
    assert_eq!(note_2021.call, None);
}

#[test]
fn the_2021_mind_map_is_a_related_resource_of_the_motion() {
    let corpus = bundled();
    let related = corpus.motion("2021").unwrap().related.as_ref().unwrap();
    assert_eq!(
        (
            related.label.as_str(),
            related.as_printed.as_str(),
            related.url.as_str()
        ),
        (
            "carte mentale interactive",
            "villes-internet.net/site/motion2021",
            "https://villes-internet.net/site/motion2021"
        )
    );
    assert!(corpus.motion("2020").unwrap().related.is_none());
}

#[test]
fn a_sections_themes_include_every_theme_of_its_items() {
    let corpus = bundled();
    for section in &corpus.sections {
        for item in corpus.items_of(&section.id) {
            for theme in &item.themes {
                assert!(
                    section.themes.contains(theme),
                    "{} lacks {theme} of {}",
                    section.id,
                    item.id
                );
            }
        }
    }
    let axis = corpus.section("2021-axis-3").unwrap();
    assert!(axis.themes.iter().any(|t| t.as_str() == "donnees"));
}

#[test]
fn people_have_their_roles_per_edition() {
    let corpus = bundled();
    let vidal = corpus.person("mathieu-vidal").unwrap();
    let editions: Vec<&str> = corpus
        .roles_of(&vidal.id)
        .map(|r| r.congress.as_str())
        .collect();
    assert_eq!(editions, ["2021", "2026"]);
    let rocchi: Vec<&str> = corpus
        .roles
        .iter()
        .filter(|r| r.person.as_str() == "serge-rocchi")
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(
        rocchi,
        [
            "2026-engagement-3-serge-rocchi",
            "2026-engagement-4-serge-rocchi"
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Broken corpora: each kind of mistake gives an exact diagnostic

/// A copy of the bundled seeds in a temporary directory, to break on purpose.
struct Seeds {
    dir: tempfile::TempDir,
}

impl Seeds {
    fn copy() -> Self {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&seeds(), dir.path());
        Seeds { dir }
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    /// Replaces the first `from` by `to` in a seed file and returns the 1-based line and column
    /// where `to` starts.
    fn replace(&self, relative: &str, from: &str, to: &str) -> (usize, usize) {
        let path = self.path(relative);
        let text = std::fs::read_to_string(&path).unwrap();
        let offset = text
            .find(from)
            .unwrap_or_else(|| panic!("{from:?} not in {relative}"));
        let new = text.replacen(from, to, 1);
        std::fs::write(&path, &new).unwrap();
        let line = new[..offset].matches('\n').count() + 1;
        let column = new[..offset].rsplit('\n').next().unwrap().chars().count() + 1;
        (line, column)
    }

    /// The diagnostics of a load that must fail, rendered as printed by `check`.
    fn diagnostics(&self) -> Vec<String> {
        match Corpus::load(self.dir.path()) {
            Ok(_) => panic!("the broken corpus loaded"),
            Err(LoadError { diagnostics }) => diagnostics.iter().map(ToString::to_string).collect(),
        }
    }

    /// The 1-based line of the first occurrence of `text` in a seed file.
    fn line_of(&self, relative: &str, text: &str) -> usize {
        let content = std::fs::read_to_string(self.path(relative)).unwrap();
        let offset = content.find(text).unwrap();
        content[..offset].matches('\n').count() + 1
    }

    fn at(&self, relative: &str, (line, column): (usize, usize), message: &str) -> String {
        format!(
            "{}:{line}:{column}: {message}",
            self.path(relative).display()
        )
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

const THEMES: &str = "corpus/themes.toml";
const PEOPLE: &str = "corpus/people.toml";
const ORGS: &str = "corpus/organizations.toml";
const E2021: &str = "corpus/editions/2021.toml";
const E2020: &str = "corpus/editions/2020.toml";
const CORPUS_SOURCES: &str = "corpus/sources.toml";

#[test]
fn a_toml_syntax_error_is_located() {
    let seeds = Seeds::copy();
    let at = seeds.replace(THEMES, "notation = \"ACC\"", "notation = \"ACC");
    let diagnostics = seeds.diagnostics();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    // The string is unterminated where the line ends.
    assert_eq!(
        diagnostics[0],
        seeds.at(
            THEMES,
            (at.0, at.1 + 15),
            "themes[0].notation: invalid basic string, expected `\"`"
        )
    );
}

#[test]
fn invalid_utf8_is_located_at_the_first_bad_byte() {
    let seeds = Seeds::copy();
    let path = seeds.path(PEOPLE);
    let mut bytes = b"# ok\n# bad \xff here\n".to_vec();
    bytes.extend(std::fs::read(&path).unwrap());
    std::fs::write(&path, bytes).unwrap();
    assert_eq!(
        seeds.diagnostics(),
        [seeds.at(
            PEOPLE,
            (2, 7),
            "invalid UTF-8: seed files must be encoded in UTF-8"
        )]
    );
}

#[test]
fn a_missing_field_names_the_field() {
    let seeds = Seeds::copy();
    seeds.replace(THEMES, "label = \"Accès et inclusion numérique\"\n", "");
    let diagnostics = seeds.diagnostics();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert!(
        diagnostics[0].ends_with(": themes[0]: missing field `label`"),
        "{diagnostics:#?}"
    );
    assert!(diagnostics[0].starts_with(&format!("{}:", seeds.path(THEMES).display())));
}

#[test]
fn a_wrong_type_names_the_expected_type() {
    let seeds = Seeds::copy();
    let at = seeds.replace(E2021, "ordinal = 3", "ordinal = \"3\"");
    let diagnostics = seeds.diagnostics();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert!(
        diagnostics[0].starts_with(&seeds.at(E2021, (at.0, at.1 + 10), "")),
        "{diagnostics:#?}"
    );
    assert!(
        diagnostics[0]
            .ends_with(": congress.ordinal: invalid type: string \"3\", expected a whole number"),
        "{diagnostics:#?}"
    );
}

#[test]
fn a_duplicate_id_is_reported_at_the_second_definition() {
    let seeds = Seeds::copy();
    // Pia Imbs's entry comes first in the file and now takes Claude Morin's id.
    seeds.replace(PEOPLE, "id = \"pia-imbs\"", "id = \"claude-morin\"");
    let text = std::fs::read_to_string(seeds.path(PEOPLE)).unwrap();
    let (second, _) = text.match_indices("id = \"claude-morin\"").nth(1).unwrap();
    let line = text[..second].matches('\n').count() + 1;
    let index = text[..second].matches("\n[[people]]").count() - 1;
    let diagnostics = seeds.diagnostics();
    assert!(
        diagnostics.contains(&seeds.at(
            PEOPLE,
            (line, 6),
            &format!(
                "people[{index}].id: duplicate person id \"claude-morin\" (ids must be unique)"
            )
        )),
        "{diagnostics:#?}"
    );
    // References to the id that no longer exists dangle, and say so.
    assert!(
        diagnostics
            .iter()
            .any(|d| d.contains("unknown person \"pia-imbs\""))
    );
}

#[test]
fn a_dangling_reference_says_where_it_should_be_defined() {
    let seeds = Seeds::copy();
    let at = seeds.replace(
        E2021,
        "themes = [\"transition-ecologique\"]",
        "themes = [\"ecologie\"]",
    );
    assert_eq!(
        seeds.diagnostics(),
        [seeds.at(
            E2021,
            (at.0, at.1 + 10),
            "sections[3].themes[0]: unknown theme \"ecologie\" (it must be defined in corpus/themes.toml)"
        )]
    );
}

#[test]
fn a_text_not_in_its_source_says_where_it_diverges() {
    let seeds = Seeds::copy();
    let at = seeds.replace(
        E2021,
        "text = \"la formation des agents et des élu·es.\"",
        "text = \"la formation des agents et des élus.\"",
    );
    let diagnostics = seeds.diagnostics();
    assert!(
        diagnostics.contains(&seeds.at(
            E2021,
            (at.0, at.1 + 7),
            "items[2].text: text not found verbatim in source \"2021-motion\" (it matches up to «…la formation des agents et des élu» and differs after that)"
        )),
        "{diagnostics:#?}"
    );
}

#[test]
fn a_source_line_left_out_of_the_data_is_reported_in_the_source() {
    let seeds = Seeds::copy();
    // Drop the third lever of axis 1 from the data.
    seeds.replace(
        E2021,
        "text = \"la formation des agents et des élu·es.\"",
        "text = \"la formation des agents\"",
    );
    let diagnostics = seeds.diagnostics();
    let source = "sources/2021-motion.txt";
    assert!(
        diagnostics.contains(&seeds.at(
            source,
            (22, 1),
            "source text not represented in the corpus: «et des élu·es.» (transcribe it, or declare it in corpus/sources.toml under source \"2021-motion\" as [[sources.omitted]] or [[sources.layout]] with a reason)"
        )),
        "{diagnostics:#?}"
    );
}

#[test]
fn an_impossible_date_is_rejected() {
    let seeds = Seeds::copy();
    let at = seeds.replace(
        E2021,
        "adopted_on = \"2021-10-07\"",
        "adopted_on = \"2021-02-30\"",
    );
    assert_eq!(
        seeds.diagnostics(),
        [seeds.at(
            E2021,
            (at.0, at.1 + 13),
            "motion.adopted_on: \"2021-02-30\" is not a valid date (expected an existing calendar date written YYYY-MM-DD)"
        )]
    );
}

#[test]
fn a_malformed_insee_code_is_rejected() {
    let seeds = Seeds::copy();
    let at = seeds.replace(ORGS, "insee = \"81004\"", "insee = \"8100A\"");
    let diagnostics = seeds.diagnostics();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert!(
        diagnostics[0].starts_with(&seeds.at(ORGS, (at.0, at.1 + 8), "organizations[")),
        "{diagnostics:#?}"
    );
    assert!(diagnostics[0].ends_with(
        ".insee: \"8100A\" is not a well-formed INSEE code (expected 5 characters: digits, or 2A/2B then 3 digits)"
    ));
}

#[test]
fn an_insee_code_that_is_not_the_named_commune_is_rejected() {
    let seeds = Seeds::copy();
    // 92062 is a real commune, but it is Puteaux.
    seeds.replace(ORGS, "insee = \"92063\"", "insee = \"92062\"");
    let diagnostics = seeds.diagnostics();
    assert!(
        diagnostics
            .iter()
            .any(|d| d.ends_with("does not match the official name \"Puteaux\" of commune 92062")),
        "{diagnostics:#?}"
    );
}

#[test]
fn a_malformed_siren_is_rejected() {
    let seeds = Seeds::copy();
    seeds.replace(ORGS, "siren = \"246700488\"", "siren = \"246700489\"");
    let diagnostics = seeds.diagnostics();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert!(diagnostics[0].ends_with(
        ".siren: \"246700489\" is not a well-formed SIREN (expected 9 digits with a valid Luhn checksum)"
    ));
}

#[test]
fn positions_must_be_contiguous() {
    let seeds = Seeds::copy();
    let at = seeds.replace(
        E2021,
        "kind = \"axis\"\nposition = 4",
        "kind = \"axis\"\nposition = 5",
    );
    assert_eq!(
        seeds.diagnostics(),
        [seeds.at(
            E2021,
            (at.0 + 1, 12),
            "position: expected 4, found 5 (positions of \"axis\" sections must run 1, 2, 3… without gaps or repeats)"
        ),
        // The items of axis-4 now name a section that does not exist.
        ]
        .into_iter()
        .chain(item_section_errors(&seeds))
        .collect::<Vec<_>>()
    );
}

fn item_section_errors(seeds: &Seeds) -> Vec<String> {
    let text = std::fs::read_to_string(seeds.path(E2021)).unwrap();
    text.match_indices("section = \"axis-4\"")
        .map(|(offset, _)| {
            let line = text[..offset].matches('\n').count() + 1;
            let index = text[..offset].matches("[[items]]").count() - 1;
            seeds.at(
                E2021,
                (line, 11),
                &format!("items[{index}].section: no section \"axis-4\" in this file (expected \"{{kind}}-{{position}}\" of a [[sections]] entry: \"axis-1\", \"axis-2\", \"axis-3\" or \"axis-5\")"),
            )
        })
        .collect()
}

#[test]
fn a_source_file_changed_after_curation_is_detected() {
    let seeds = Seeds::copy();
    let path = seeds.path("sources/2019-presentation.txt");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("\nligne ajoutée\n");
    std::fs::write(&path, text).unwrap();
    let diagnostics = seeds.diagnostics();
    assert!(
        diagnostics
            .iter()
            .any(|d| d.contains("sources[0].sha256: the file's SHA-256 is")),
        "{diagnostics:#?}"
    );
}

#[test]
fn an_undeclared_redaction_or_a_changed_redacted_copy_is_reported() {
    let seeds = Seeds::copy();
    let path = seeds.path("sources/2026-propositions.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen("01 55 06 09 30", "[adresse électronique retirée]", 1),
    )
    .unwrap();
    let diagnostics = seeds.diagnostics();
    assert!(
        diagnostics.iter().any(|d| d.contains(
            "sources[4].redactions: line 188 of the copy holds a redaction marker but no redaction declares it"
        )),
        "{diagnostics:#?}"
    );
    assert!(
        diagnostics.iter().any(
            |d| d.contains("sources[4].copy_sha256: the file's SHA-256 is")
                && d.contains("the redacted copy has changed")
        ),
        "{diagnostics:#?}"
    );
}

#[test]
fn a_redaction_must_stand_where_it_is_declared() {
    let seeds = Seeds::copy();
    let at = seeds.replace(CORPUS_SOURCES, "line = 186", "line = 185");
    let diagnostics = seeds.diagnostics();
    assert_eq!(
        diagnostics,
        [
            seeds.at(
                CORPUS_SOURCES,
                (seeds.line_of(CORPUS_SOURCES, "id = \"2026-propositions\""), 6),
                "sources[4].redactions: line 186 of the copy holds a redaction marker but no redaction declares it"
            ),
            seeds.at(
                CORPUS_SOURCES,
                (at.0, at.1 + 7),
                "sources[4].redactions[0].line: line 185 of the copy does not hold the marker «[adresse électronique retirée]»"
            ),
        ]
    );
}

#[test]
fn a_republishable_source_keeps_its_copy() {
    let seeds = Seeds::copy();
    seeds.replace(CORPUS_SOURCES, "file = \"2021-motion.txt\"\n", "");
    let diagnostics = seeds.diagnostics();
    assert!(
        diagnostics.iter().any(|d| d
            .contains("sources[2].file: a republishable source keeps its copy in seeds/sources/")),
        "{diagnostics:#?}"
    );
}

#[test]
fn a_footnote_call_must_name_a_note_of_the_motion() {
    let seeds = Seeds::copy();
    let (line, _) = seeds.replace(E2020, "Villes Internet[^1]", "Villes Internet[^2]");
    let diagnostics = seeds.diagnostics();
    assert_eq!(diagnostics.len(), 2, "{diagnostics:#?}");
    assert!(
        diagnostics[0].ends_with(&format!(
            "2020.toml:{line}:3: motion.preamble[0]: footnote call [^2]: no [[motion.footnotes]] has this label",
        )),
        "{diagnostics:#?}"
    );
    // And the text is then not the printed one ("Internet2").
    assert!(diagnostics[1].contains("motion.preamble[0]: text not found verbatim"));
}

#[test]
fn a_related_url_must_be_the_printed_address() {
    let seeds = Seeds::copy();
    let at = seeds.replace(
        E2021,
        "url = \"https://villes-internet.net/site/motion2021\"",
        "url = \"https://www.villes-internet.net/motion\"",
    );
    assert_eq!(
        seeds.diagnostics(),
        [seeds.at(
            E2021,
            (at.0, at.1 + 6),
            "motion.related.url: \"https://www.villes-internet.net/motion\" must be the printed address \"villes-internet.net/site/motion2021\" with its scheme (https:// or http://)"
        )]
    );
}

#[test]
fn a_section_lacking_a_theme_of_its_items_is_reported() {
    let seeds = Seeds::copy();
    let at = seeds.replace(
        E2021,
        "themes = [\"souverainete-securite\", \"moyens-gouvernance\", \"acces-inclusion\", \"cooperation\", \"donnees\"]",
        "themes = [\"souverainete-securite\", \"moyens-gouvernance\", \"acces-inclusion\", \"cooperation\"]",
    );
    assert_eq!(
        seeds.diagnostics(),
        [seeds.at(
            E2021,
            (at.0, at.1 + 9),
            "sections[2].themes: section 2021-axis-3 lacks the themes of its items: \"donnees\" (items 2021-axis-3.1, 2021-axis-3.2); a section's themes include every theme of its items"
        )]
    );
}

#[test]
fn every_problem_is_reported_in_one_run_sorted_by_file_and_line() {
    let seeds = Seeds::copy();
    seeds.replace(
        E2021,
        "adopted_on = \"2021-10-07\"",
        "adopted_on = \"2021-13-07\"",
    );
    seeds.replace(
        E2021,
        "organization = \"nouans\"",
        "organization = \"nowhere\"",
    );
    seeds.replace(ORGS, "insee = \"81004\"", "insee = \"1\"");
    let diagnostics = seeds.diagnostics();
    assert_eq!(diagnostics.len(), 3, "{diagnostics:#?}");
    // Sorted by file, then line and column as numbers (line 44 before line 406).
    let key = |d: &String| {
        let mut parts = d.splitn(4, ':');
        let file = parts.next().unwrap_or_default().to_string();
        let number = |p: Option<&str>| p.and_then(|n| n.parse::<u32>().ok()).unwrap_or(0);
        (file, number(parts.next()), number(parts.next()))
    };
    let mut sorted = diagnostics.clone();
    sorted.sort_by_key(key);
    assert_eq!(diagnostics, sorted);
}

// ---------------------------------------------------------------------------------------------
// The `check` command

fn check(seeds: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_congres-numerique"))
        .args(["check", "--seeds"])
        .arg(seeds)
        .output()
        .unwrap()
}

#[test]
fn check_prints_a_summary_and_succeeds_on_the_bundled_corpus() {
    let output = check(&seeds());
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.starts_with("corpus OK\n"), "{stdout}");
    assert!(
        stdout.contains("2021 (edition 3): motion, 4 sections, 12 items"),
        "{stdout}"
    );
    assert!(
        stdout.contains("2019 (edition 1): no motion text in the sources"),
        "{stdout}"
    );
    // What cannot be verified is reported as information, and `check` still succeeds.
    assert!(
        stdout.contains("press.toml:16:10: note: press_articles[0].author: not verified, no copy of source \"2020-press-article\" is kept"),
        "{stdout}"
    );
}

#[test]
fn check_prints_every_diagnostic_and_fails_on_a_broken_corpus() {
    let seeds = Seeds::copy();
    seeds.replace(
        E2021,
        "adopted_on = \"2021-10-07\"",
        "adopted_on = \"hier\"",
    );
    seeds.replace(THEMES, "broader = \"formation\"", "broader = \"nope\"");
    let output = check(seeds.dir.path());
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("motion.adopted_on: \"hier\" is not a valid date"),
        "{stderr}"
    );
    assert!(
        stderr.contains(".broader: unknown broader theme \"nope\""),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("error: the corpus has 2 problem(s); nothing was written\n"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());
}

// ---------------------------------------------------------------------------------------------
// Every fact cites the source that states it (issue 12, facts the sources do not state)

const E2026: &str = "corpus/editions/2026.toml";

/// The provenance of one fact of the bundled corpus: (source, kind, quote, reasoning).
fn fact<'a>(
    corpus: &'a Corpus,
    table: &str,
    row: &str,
    field: &str,
) -> (&'a str, ProvenanceKind, &'a str, Option<&'a str>) {
    let fact = corpus
        .fact(table, row, field)
        .unwrap_or_else(|| panic!("{table}/{row}/{field} cites a source"));
    let p = &fact.provenance;
    (
        p.source.as_str(),
        p.kind,
        p.quote.as_str(),
        p.reasoning.as_deref(),
    )
}

#[test]
fn the_2020_congress_date_comes_from_the_press_article_and_the_motion_is_not_said_adopted() {
    let corpus = bundled();
    let (source, kind, quote, reasoning) = fact(&corpus, "congresses", "2020", "start_date");
    assert_eq!(source, "2020-press-article");
    assert_eq!(kind, ProvenanceKind::Inferred, "the article prints no year");
    assert!(quote.contains("12 octobre"));
    assert!(reasoning.is_some_and(|r| r.contains("13/10/2020")));
    let motion = corpus.motion("2020").unwrap();
    assert_eq!(motion.adopted_on, None, "no source says it was adopted");
    assert!(corpus.fact("motions", "2020", "adopted_on").is_none());
    // 2021 prints its adoption: the fact cites the words.
    let (source, kind, quote, _) = fact(&corpus, "motions", "2021", "adopted_on");
    assert_eq!((source, kind), ("2021-motion", ProvenanceKind::Printed));
    assert!(quote.contains("qui ont adopté la motion"));
}

#[test]
fn an_ordinal_cites_the_document_that_prints_or_implies_it() {
    let corpus = bundled();
    let (source, kind, quote, reasoning) = fact(&corpus, "congresses", "2020", "ordinal");
    assert_eq!((source, kind), ("2021-motion", ProvenanceKind::Inferred));
    assert!(quote.contains("3e Congrès"));
    assert!(reasoning.is_some());
    for (year, source) in [
        ("2019", "2019-presentation"),
        ("2021", "2021-motion"),
        ("2026", "2026-propositions"),
    ] {
        let (cited, kind, _, reasoning) = fact(&corpus, "congresses", year, "ordinal");
        assert_eq!(
            (cited, kind, reasoning),
            (source, ProvenanceKind::Printed, None)
        );
    }
}

#[test]
fn the_2026_year_place_and_text_are_what_the_document_says() {
    let corpus = bundled();
    // No date or year is printed for the 7th congress: the year is the title's, inferred.
    let (source, kind, quote, _) = fact(&corpus, "congresses", "2026", "year");
    assert_eq!(
        (source, kind, quote),
        (
            "2026-propositions",
            ProvenanceKind::Inferred,
            "Les propositions 2026"
        )
    );
    let congress = corpus.congress("2026").unwrap();
    assert_eq!((congress.start_date, congress.end_date), (None, None));
    // Agen is where the workshops were organised: the congress's place is an inference.
    let (_, kind, quote, _) = fact(&corpus, "congresses", "2026", "place_id");
    assert_eq!(kind, ProvenanceKind::Inferred);
    assert!(quote.contains("ateliers organisés à Agen"));
    // « voici les propositions retenues »: not a motion, not adopted.
    let text = corpus.motion("2026").unwrap();
    assert_eq!(text.kind, MotionKind::Propositions);
    assert_eq!(text.adopted_on, None);
    assert_eq!(corpus.motion("2021").unwrap().kind, MotionKind::Motion);
}

#[test]
fn workshop_partners_are_the_workshops_partners_as_printed() {
    let corpus = bundled();
    let congress = corpus.congress("2026").unwrap();
    assert_eq!(congress.workshop_partners.len(), 10);
    assert_eq!(congress.workshop_partners[0].as_str(), "open-data-france");
    let (_, kind, quote, _) = fact(&corpus, "congresses", "2026", "workshop_partners");
    assert_eq!(kind, ProvenanceKind::Printed);
    assert!(quote.starts_with("ces ateliers ont été co-animés avec le soutien de partenaires"));
}

#[test]
fn links_the_2021_list_does_not_print_are_inferred_with_their_reasoning_or_absent() {
    let corpus = bundled();
    let positions = |role: &str| -> Vec<&Position> {
        corpus
            .positions
            .iter()
            .filter(|p| p.role.as_str() == role)
            .collect()
    };
    // « Vice-Présidente » of what, the list does not say: no organisation.
    let zorn = positions("2021-representative-caroline-zorn");
    assert_eq!(zorn.len(), 1);
    assert_eq!(zorn[0].organization, None);
    assert_eq!(zorn[0].title, "Vice-Présidente");
    // The offices at Villes Internet in 2021 are inferred, with the reasoning.
    for role in ["2021-board-jean-philippe-gautrais", "2021-board-pia-imbs"] {
        let office = positions(role)
            .into_iter()
            .find(|p| p.kind == PositionKind::Office)
            .unwrap_or_else(|| panic!("{role} has an office"));
        assert_eq!(
            office.organization.as_ref().unwrap().as_str(),
            "villes-internet"
        );
        let (_, kind, _, reasoning) =
            fact(&corpus, "positions", office.id.as_str(), "organization_id");
        assert_eq!(kind, ProvenanceKind::Inferred);
        assert!(reasoning.is_some_and(|r| r.contains("Villes Internet")));
    }
}

#[test]
fn every_fact_of_the_bundled_corpus_cites_a_source_and_only_inferences_reason() {
    let corpus = bundled();
    let cited = |table: &str, row: &str, field: &str| corpus.fact(table, row, field).is_some();
    for c in &corpus.congresses {
        let id = c.id.as_str();
        assert!(
            cited("congresses", id, "ordinal") && cited("congresses", id, "year"),
            "{id}"
        );
        assert_eq!(
            c.start_date.is_some(),
            cited("congresses", id, "start_date"),
            "{id}"
        );
        assert_eq!(
            c.end_date.is_some(),
            cited("congresses", id, "end_date"),
            "{id}"
        );
        assert_eq!(
            c.place.is_some(),
            cited("congresses", id, "place_id"),
            "{id}"
        );
        assert_eq!(
            !c.workshop_partners.is_empty(),
            cited("congresses", id, "workshop_partners"),
            "{id}"
        );
    }
    for m in &corpus.motions {
        assert_eq!(
            m.adopted_on.is_some(),
            cited("motions", m.id.as_str(), "adopted_on")
        );
    }
    for p in &corpus.positions {
        assert_eq!(
            p.organization.is_some(),
            cited("positions", p.id.as_str(), "organization_id"),
            "{}",
            p.id
        );
    }
    for f in &corpus.facts {
        let p = &f.provenance;
        assert_eq!(
            p.kind == ProvenanceKind::Inferred,
            p.reasoning.is_some(),
            "{}",
            f.id
        );
        assert!(corpus.source(p.source.as_str()).is_some(), "{}", f.id);
    }
}

/// Removes a `[congress.provenance.{key}]` block (up to the next blank line) from a seed file.
fn remove_block(seeds: &Seeds, relative: &str, header: &str) {
    let path = seeds.path(relative);
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text
        .find(header)
        .unwrap_or_else(|| panic!("{header} in {relative}"));
    let end = text[start..]
        .find("\n\n")
        .map_or(text.len(), |e| start + e + 2);
    std::fs::write(&path, format!("{}{}", &text[..start], &text[end..])).unwrap();
}

/// The 1-based line and column of the first `needle` in a seed file.
fn position_of(seeds: &Seeds, relative: &str, needle: &str) -> (usize, usize) {
    let text = std::fs::read_to_string(seeds.path(relative)).unwrap();
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} in {relative}"));
    let line = text[..offset].matches('\n').count() + 1;
    let column = text[..offset].rsplit('\n').next().unwrap().chars().count() + 1;
    (line, column)
}

#[test]
fn check_reports_a_fact_without_a_source_at_the_fact() {
    let seeds = Seeds::copy();
    remove_block(&seeds, E2020, "[congress.provenance.start_date]");
    let (line, column) = position_of(&seeds, E2020, "start_date = \"2020-10-12\"");
    let expected = seeds.at(
        E2020,
        (line, column + "start_date = ".len()),
        "congress.start_date: no source for this fact (add [congress.provenance.start_date] with source, kind and quote: every fact cites the source that states it)",
    );
    assert_eq!(seeds.diagnostics(), std::slice::from_ref(&expected));
    // And the `check` command fails with it.
    let output = check(seeds.dir.path());
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains(&expected));
}

#[test]
fn a_position_linked_to_an_organisation_without_a_source_is_reported() {
    let seeds = Seeds::copy();
    let at = seeds.replace(
        E2026,
        "provenance = { source = \"2026-propositions\", kind = \"printed\", quote = \"adjoint au numérique à Montrouge (92)\" }\n",
        "",
    );
    let (line, column) = position_of(&seeds, E2026, "organization = \"montrouge\"");
    assert!(line < at.0);
    let diagnostics = seeds.diagnostics();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert!(
        diagnostics[0].starts_with(&seeds.at(
            E2026,
            (line, column + "organization = ".len()),
            "roles[5].positions[0].organization: no source for this fact"
        )),
        "{diagnostics:#?}"
    );
}

#[test]
fn a_provenance_quote_must_be_in_the_cited_source_and_an_inference_must_reason() {
    let seeds = Seeds::copy();
    // The 2020 date quoted from the motion, which does not say it.
    seeds.replace(
        E2020,
        "source = \"2020-press-article\"\nkind = \"inferred\"\nquote = \"qui s'est déroulé le 12 octobre\"",
        "source = \"2020-motion\"\nkind = \"inferred\"\nquote = \"qui s'est déroulé le 12 octobre\"",
    );
    // An inference without its reasoning.
    seeds.replace(
        E2026,
        "kind = \"inferred\"\nquote = \"Les propositions 2026\"\nreasoning = \"\"\"",
        "kind = \"inferred\"\nquote = \"Les propositions 2026\"\nnote = \"\"\"",
    );
    let diagnostics = seeds.diagnostics();
    assert!(
        diagnostics
            .iter()
            .any(|d| d.contains("2026.toml") && d.contains("unknown field `note`")),
        "{diagnostics:#?}"
    );
    let seeds = Seeds::copy();
    seeds.replace(
        E2020,
        "source = \"2020-press-article\"\nkind = \"inferred\"\nquote = \"qui s'est déroulé le 12 octobre\"",
        "source = \"2020-motion\"\nkind = \"inferred\"\nquote = \"qui s'est déroulé le 12 octobre\"",
    );
    let diagnostics = seeds.diagnostics();
    assert!(
        diagnostics.iter().any(
            |d| d.contains("2020.toml") && d.contains("[congress.provenance.start_date].quote")
        ),
        "{diagnostics:#?}"
    );
    let seeds = Seeds::copy();
    remove_reasoning(&seeds, E2026, "[congress.provenance.year]");
    let diagnostics = seeds.diagnostics();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert!(
        diagnostics[0]
            .contains("[congress.provenance.year].reasoning: an inferred fact needs its reasoning"),
        "{diagnostics:#?}"
    );
}

/// Removes the `reasoning = """…"""` of the provenance block that starts with `header`.
fn remove_reasoning(seeds: &Seeds, relative: &str, header: &str) {
    let path = seeds.path(relative);
    let text = std::fs::read_to_string(&path).unwrap();
    let block = text.find(header).unwrap();
    let start = block + text[block..].find("reasoning = \"\"\"").unwrap();
    let end = start + 16 + text[start + 16..].find("\"\"\"").unwrap() + 4;
    std::fs::write(&path, format!("{}{}", &text[..start], &text[end..])).unwrap();
}

// ---------------------------------------------------------------------------------------------
// A printed role states several positions, each its own (issue 12, the model error)

#[test]
fn a_printed_role_is_split_into_an_office_at_the_association_and_a_mandate_in_its_territory() {
    let corpus = bundled();
    let vidal: Vec<&Position> = corpus
        .positions_of(&corpus.role("2021-board-mathieu-vidal").unwrap().id)
        .collect();
    let summary: Vec<(PositionKind, &str, Option<&str>)> = vidal
        .iter()
        .map(|p| {
            (
                p.kind,
                p.title.as_str(),
                p.organization.as_ref().map(|o| o.as_str()),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (PositionKind::Office, "PRÉSIDENT", Some("villes-internet")),
            (
                PositionKind::Function,
                "Docteur en géographie et aménagement",
                None
            ),
            (
                PositionKind::Function,
                "maître de conférences à l'INU Champollion",
                None
            ),
            (PositionKind::Mandate, "Adjoint au Maire", Some("albi")),
        ]
    );
    assert_eq!(vidal[0].office, Some(Office::President));
    assert_eq!(vidal[3].office, None, "no office at Albi");
    assert_eq!(vidal[3].organization_as_printed.as_deref(), Some("ALBI"));
    assert_eq!(vidal[3].printed_department.as_deref(), Some("81"));
    // No office is ever held in a commune or an EPCI, for any of the roles the issue names.
    for p in &corpus.positions {
        let org = p
            .organization
            .as_ref()
            .and_then(|o| corpus.organization(o.as_str()));
        if p.kind == PositionKind::Office {
            assert_eq!(
                org.map(|o| o.kind),
                Some(OrganizationKind::Association),
                "{}",
                p.id
            );
        }
        if org.is_some_and(|o| o.kind != OrganizationKind::Association) {
            assert_eq!(p.kind, PositionKind::Mandate, "{}", p.id);
        }
    }
    for role in [
        "2026-engagement-2-marc-lecerf",
        "2026-engagement-4-emmanuel-allard",
        "2026-engagement-3-serge-rocchi",
        "2026-engagement-3-claude-morin",
        "2026-engagement-1-carole-dejean-simoni",
    ] {
        let kinds: Vec<PositionKind> = corpus
            .positions_of(&corpus.role(role).unwrap().id)
            .map(|p| p.kind)
            .collect();
        assert_eq!(
            kinds,
            [PositionKind::Office, PositionKind::Mandate],
            "{role}"
        );
    }
}

#[test]
fn epci_mandates_keep_the_printed_name_and_get_their_department_checked() {
    let corpus = bundled();
    let chateauroux = corpus.organization("chateauroux-metropole").unwrap();
    assert_eq!(chateauroux.name, "Châteauroux Métropole");
    assert_eq!(
        chateauroux.official_name.as_deref(),
        Some("CA Châteauroux Métropole")
    );
    assert_eq!(chateauroux.departments, ["36"]);
    let strasbourg = corpus.organization("eurometropole-de-strasbourg").unwrap();
    assert_eq!(strasbourg.departments, ["67"]);
    let mandate = |role: &str| {
        corpus
            .positions_of(&corpus.role(role).unwrap().id)
            .find(|p| p.organization.is_some() && p.kind == PositionKind::Mandate)
            .unwrap_or_else(|| panic!("{role} has a mandate"))
            .clone()
    };
    let imbs = mandate("2021-board-pia-imbs");
    assert_eq!(imbs.printed_department.as_deref(), Some("67"));
    let fruchon = mandate("2026-engagement-2-alix-fruchon");
    assert_eq!(
        fruchon.organization_as_printed.as_deref(),
        Some("Châteauroux Métropole")
    );
    assert_eq!(fruchon.printed_department.as_deref(), Some("36"));
}

#[test]
fn a_position_must_be_worded_as_in_its_role_and_an_office_held_at_the_association() {
    let seeds = Seeds::copy();
    let at = seeds.replace(
        E2026,
        "as_printed = \"maire d'Allonne (79)\"",
        "as_printed = \"maire de Niort (79)\"",
    );
    let diagnostics = seeds.diagnostics();
    let expected = seeds.at(
        E2026,
        (at.0, at.1 + "as_printed = ".len()),
        "roles[11].positions[1].as_printed: \"maire de Niort (79)\" is not in the role as printed (as_printed or heading of the role)",
    );
    assert!(diagnostics.contains(&expected), "{diagnostics:#?}");

    let seeds = Seeds::copy();
    let at = seeds.replace(
        E2026,
        "office = \"secretary\"\norganization = \"villes-internet\"",
        "office = \"secretary\"\norganization = \"allonne\"",
    );
    let diagnostics = seeds.diagnostics();
    let expected = seeds.at(
        E2026,
        (at.0 + 1, 1 + "organization = ".len()),
        "roles[11].positions[0].organization: a position of kind \"office\" cannot be held in an organisation of kind \"commune\" (an office is held at the association, a mandate in a commune or an intercommunalité)",
    );
    assert_eq!(diagnostics, [expected]);
}
