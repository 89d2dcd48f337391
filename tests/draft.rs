//! `draft` as a specification: the leave-one-out evaluation (each edition with a motion text is
//! drafted from its source alone, with the edition left out of the corpus used for suggestions,
//! and compared with its curated file), its robustness to other layout noise, and the command's
//! handling of bad input. The targets are those of issue 14; where a target is not met, the
//! measured floor is asserted instead so that a regression fails (see BENCHMARKS.md).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use congres_numerique::corpus::layout;
use congres_numerique::draft::evaluate::{self, Score, Variant, percent};
use congres_numerique::draft::{Reference, draft, write};

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

fn scores(v: Variant) -> Vec<Score> {
    let editions = evaluate::editions_with_motion(&seeds()).expect("sources.toml reads");
    assert_eq!(
        editions.iter().map(|e| e.0).collect::<Vec<_>>(),
        [2020, 2021, 2026],
        "the editions with a motion text"
    );
    editions
        .iter()
        .map(|(year, id, path)| {
            evaluate::evaluate(&seeds(), *year, id, path, v)
                .unwrap_or_else(|e| panic!("{year}: {e}"))
                .0
        })
        .collect()
}

fn assert_targets(s: &Score) {
    let at = format!("{} ({})", s.year, s.variant);
    assert!(percent(s.items) >= 95.0, "{at}: items {:?}", s.items);
    assert!(
        percent(s.sections) >= 95.0,
        "{at}: sections {:?}",
        s.sections
    );
    assert_eq!(
        s.counts.0, s.counts.1,
        "{at}: every count with its qualifier"
    );
    assert!(
        percent(s.roles) >= 90.0,
        "{at}: people and roles {:?}",
        s.roles
    );
    assert_eq!(
        s.territories.0, s.territories.1,
        "{at}: territory codes right or flagged"
    );
    assert_eq!(
        s.wrong_unflagged, 0,
        "{at}: never a wrong code without a review comment"
    );
    assert!(
        percent(s.themes) >= 70.0,
        "{at}: themes in the top three {:?}",
        s.themes
    );
    // Target not met (< 10 % of lines changed) for 2020 alone: its measured floor, in lines, so
    // that a regression fails. What the line diff still counts there, by category, is printed by
    // `draft --evaluate` (BENCHMARKS.md): the congress's date, which only a press article gives
    // (its text is not in the repository: it is not ours to republish), the paragraphs the
    // curators split where the double-spaced source shows no break, and their extra themes.
    let (lines, values) = match s.year {
        2020 => (40, 23),
        2021 => (31, 18),
        _ => (33, 49),
    };
    assert!(
        s.fields_changed.0 <= values,
        "{at}: values to change {:?}",
        s.fields_changed
    );
    assert!(
        s.lines_changed.0 <= lines,
        "{at}: lines to change {:?}",
        s.lines_changed
    );
    if s.year != 2020 {
        assert!(
            percent(s.lines_changed) < 10.0,
            "{at}: lines to change {:?}",
            s.lines_changed
        );
    }
}

#[test]
fn leave_one_out_drafts_meet_the_targets_on_every_edition() {
    for s in scores(Variant::Original) {
        assert_targets(&s);
        // `check` accepts the draft as written (2020 prints no rank: the draft deduces it from
        // 2019's and 2021's, citing 2021's motion, with a review comment).
        // The other measure: draft lines a person edits or deletes (measured floor).
        let edited = match s.year {
            2020 => 26,
            2021 => 19,
            _ => 31,
        };
        assert!(
            s.draft_lines_edited.0 <= edited,
            "{}: draft lines edited {:?}",
            s.year,
            s.draft_lines_edited
        );
        assert_eq!(s.check_problems, Some(0), "{}: check problems", s.year);
    }
}

#[test]
fn other_layout_noise_scores_the_same() {
    let original = scores(Variant::Original);
    for v in Variant::ALL.into_iter().skip(1) {
        for (s, o) in scores(v).iter().zip(&original) {
            assert_targets(s);
            let key = |s: &Score| {
                (
                    s.items,
                    s.sections,
                    s.counts,
                    s.roles,
                    s.territories,
                    s.themes,
                )
            };
            assert_eq!(key(s), key(o), "{} with {}", s.year, s.variant);
        }
    }
}

#[test]
fn the_draft_of_an_edition_is_in_the_loader_format_and_verbatim() {
    let reference = Reference::load(&seeds(), Some(2021)).expect("seeds read");
    let source = std::fs::read_to_string(seeds().join("sources/2021-motion.txt")).expect("source");
    let d = draft(&source, 2021, "2021-motion", &reference);
    let written = write::edition(&d);
    assert!(written.contains("preamble_heading = \"Préambule\""));
    assert!(written.contains(
        "contributions = { count = 727, qualifier = \"exact\", as_printed = \"727 nouvelles contributions\" }"
    ));
    assert!(written.contains("related = { label = \"carte mentale interactive\""));
    assert!(written.contains("# À VÉRIFIER :"));
    assert_eq!(d.congress.ordinal.as_ref().map(|o| o.value), Some(3));
    assert_eq!(
        d.motion.adopted_on.as_ref().map(|a| a.value.as_str()),
        Some("2021-10-07")
    );
    // The board printed under « PRÉSIDENT », « VICE-PRÉSIDENT(E) » after the motion's text, and
    // whoever represents its members, belong to the document, not to its last axis.
    let board: Vec<_> = d
        .roles
        .iter()
        .filter(|r| matches!(r.capacity, "board_member" | "representative"))
        .collect();
    assert_eq!(board.len(), 6);
    assert!(board.iter().all(|r| r.section.is_none()), "{board:?}");
    // The headings name no organisation; the motion is « porté par l'association Villes
    // Internet »: each office is that association's, deduced and quoted for review.
    let offices: Vec<_> = board
        .iter()
        .flat_map(|r| &r.positions)
        .filter(|p| p.kind == "office")
        .collect();
    assert_eq!(offices.len(), 4);
    for p in &offices {
        assert_eq!(p.organization.as_deref(), Some("villes-internet"), "{p:?}");
        let inferred = p.inferred.as_ref().expect("an inferred provenance");
        assert_eq!(inferred.quote, "porté par l'association Villes Internet");
    }
    // « représenté par Loïc Damiani, Adjoint au Maire »: the commune of the mayor he represents.
    let damiani = board
        .iter()
        .find(|r| r.person == "loic-damiani")
        .expect("Loïc Damiani");
    assert_eq!(
        damiani.positions[0].organization.as_deref(),
        Some("fontenay-sous-bois")
    );
    assert!(damiani.positions[0].inferred.is_some());
    // Caroline Zorn represents the president of an EPCI as « Vice-Présidente »: nothing deduced.
    let zorn = board
        .iter()
        .find(|r| r.person == "caroline-zorn")
        .expect("Caroline Zorn");
    assert!(zorn.positions.iter().all(|p| p.organization.is_none()));
    assert!(
        written
            .contains("kind = \"inferred\"\nquote = \"porté par l'association Villes Internet\"")
    );
    // « *cloud* » : emphasis is layout, the words are kept.
    assert!(d.items.iter().any(|i| i.text.contains("(cloud souverain)")));
}

#[test]
fn a_draft_is_in_the_canonical_layout_that_fmt_checks() {
    for (year, id, path) in evaluate::editions_with_motion(&seeds()).expect("sources.toml reads") {
        let reference = Reference::load(&seeds(), Some(year)).expect("seeds read");
        let source = std::fs::read_to_string(&path).expect("source");
        let d = draft(&source, year, &id, &reference);
        let written = write::edition(&d);
        assert_eq!(
            layout::format(&written).as_ref(),
            Ok(&written),
            "{year}: `fmt` would change the draft"
        );
        let record = write::source_record(&d, "x.txt", "x.txt", "0", "motion");
        assert_eq!(layout::format(&record).as_ref(), Ok(&record), "{year}");
    }
}

#[test]
fn an_ambiguous_commune_is_flagged_with_its_candidates_never_given_a_code() {
    let reference = Reference::load(&seeds(), None).expect("seeds read");
    // No département printed: the candidates go to the reviewer, none is picked.
    let p = congres_numerique::draft::people::position("Maire de Saint-Denis", &reference);
    assert!(p.organization.is_none());
    match &p.territory {
        Some(congres_numerique::draft::territories::Resolution::Ambiguous(c)) => {
            assert!(c.len() >= 2, "{c:?}")
        }
        other => panic!("Saint-Denis without département is flagged, not {other:?}"),
    }
    let p = congres_numerique::draft::people::position("Maire d'Allonne (79)", &reference);
    assert_eq!(
        p.organization.as_deref(),
        Some("allonne"),
        "Allonne of the Deux-Sèvres, not of the Oise"
    );
    // The article of « de l'EUROMÉTROPOLE » is not part of the name printed.
    let p = congres_numerique::draft::people::position(
        "Présidente de l'EUROMÉTROPOLE DE STRASBOURG (67)",
        &reference,
    );
    assert_eq!(
        p.organization_as_printed.as_deref(),
        Some("EUROMÉTROPOLE DE STRASBOURG")
    );
    assert_eq!(p.title, "Présidente");
    match reference.cog.resolve("Saint-Denis", None) {
        congres_numerique::draft::territories::Resolution::Ambiguous(c) => assert!(c.len() >= 2),
        other => panic!("Saint-Denis is ambiguous, not {other:?}"),
    }
}

#[test]
fn drafting_a_twenty_page_source_takes_under_a_second() {
    let reference = Reference::load(&seeds(), None).expect("seeds read");
    let one =
        std::fs::read_to_string(seeds().join("sources/2026-propositions.txt")).expect("source");
    // About 3,000 characters a page.
    let long = one.repeat(60_000 / one.len() + 1);
    let start = Instant::now();
    let d = draft(&long, 2027, "2027-propositions", &reference);
    let _ = write::edition(&d);
    let elapsed = start.elapsed();
    assert!(
        elapsed.as_secs_f64() < 1.0,
        "{elapsed:?} for {} characters",
        long.len()
    );
}

// ---------------------------------------------------------------------------------------------
// The command

fn run(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_congres-numerique"))
        .args(args)
        .output()
        .expect("the binary runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn bad_input_gets_a_clear_error_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let seeds = seeds();
    let seeds = seeds.to_str().expect("utf-8 path");
    let out = dir.path().join("draft.toml");
    let out = out.to_str().expect("utf-8 path");
    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, b"Pr\xe9ambule\n").expect("write");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "  \n\n").expect("write");
    let cases: [(&str, u16, &str); 4] = [
        (
            latin1.to_str().expect("path"),
            2030,
            "not UTF-8 text (invalid byte at offset 2)",
        ),
        (empty.to_str().expect("path"), 2030, "the document is empty"),
        ("/nonexistent/motion.txt", 2030, "cannot read the file"),
        (latin1.to_str().expect("path"), 2021, "not UTF-8"),
    ];
    for (source, year, message) in cases {
        let (ok, _, stderr) = run(&[
            "--seeds",
            seeds,
            "draft",
            source,
            "--year",
            &year.to_string(),
            "--out",
            out,
            "--no-copy",
        ]);
        assert!(!ok, "{source}");
        assert!(stderr.contains(message), "{source}: {stderr}");
    }
    let source = format!("{seeds}/sources/2021-motion.txt");
    let (ok, _, stderr) = run(&[
        "--seeds",
        seeds,
        "draft",
        &source,
        "--year",
        "2021",
        "--out",
        out,
        "--no-copy",
    ]);
    assert!(!ok);
    assert!(
        stderr.contains("the edition 2021 already exists"),
        "{stderr}"
    );
    assert!(!Path::new(out).exists(), "nothing written");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

#[test]
fn next_years_document_becomes_a_draft_a_source_copy_and_its_record_then_check_runs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let seeds = dir.path().join("seeds");
    copy_dir(&self::seeds(), &seeds);
    let received = dir.path().join("005_motion.txt");
    let text =
        std::fs::read_to_string(self::seeds().join("sources/2021-motion.txt")).expect("source");
    std::fs::write(
        &received,
        text.replace("2021", "2027").replace("\n", "\r\n"),
    )
    .expect("write");
    let s = seeds.to_str().expect("path");
    let r = received.to_str().expect("path");
    let (ok, stdout, stderr) = run(&["--seeds", s, "draft", r, "--year", "2027"]);
    assert!(ok, "{stdout}\n{stderr}");
    assert!(stdout.contains("12 item(s)"), "{stdout}");
    assert!(stdout.contains("`check` sur le résultat"), "{stdout}");
    assert!(seeds.join("corpus/editions/2027.toml").exists());
    assert!(seeds.join("sources/2027-motion.txt").exists());
    let sources = std::fs::read_to_string(seeds.join("corpus/sources.toml")).expect("sources");
    assert!(sources.contains("id = \"2027-motion\""));
    assert!(sources.contains("original_name = \"005_motion.txt\""));
    // The draft and the record added to sources.toml are in the canonical layout already.
    let (ok, stdout, stderr) = run(&["--seeds", s, "fmt", "--check"]);
    assert!(ok, "fmt --check: {stdout}{stderr}");
    // Run again: nothing is overwritten without --force.
    let (ok, _, stderr) = run(&["--seeds", s, "draft", r, "--year", "2027"]);
    assert!(!ok);
    assert!(stderr.contains("already exists"), "{stderr}");
}
