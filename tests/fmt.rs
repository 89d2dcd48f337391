//! `fmt` as a specification: the bundled seed files are in the canonical layout (a maintainer who
//! wraps a text by hand is told to run `fmt`), and the command rewrites, checks and refuses as
//! rustfmt does.

use std::path::{Path, PathBuf};
use std::process::Command;

use congres_numerique::corpus::layout;

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

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
fn every_bundled_seed_file_is_in_the_canonical_layout() {
    let files = layout::corpus_files(&seeds()).expect("seeds/corpus reads");
    assert!(
        files.iter().any(|f| f.ends_with("editions/2026.toml")) && files.len() >= 9,
        "{files:?}"
    );
    let not_canonical: Vec<&PathBuf> = files
        .iter()
        .filter(|f| layout::format_file(f, false).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    assert!(
        not_canonical.is_empty(),
        "not in the canonical layout (run `cargo run -- fmt`): {not_canonical:?}"
    );
}

const HAND_WRAPPED: &str = "# Un commentaire gardé.\n[[items]]\nsection = \"axis-1\"\nposition = 1\ntext = \"\"\"un texte coupé à la main,\n    bien avant la largeur\"\"\"\n";

#[test]
fn fmt_check_lists_what_is_not_canonical_and_fmt_rewrites_it_keeping_the_rest() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("2030.toml");
    std::fs::write(&file, HAND_WRAPPED).expect("write");
    let path = file.to_str().expect("utf-8 path");

    let (ok, stdout, _) = run(&["fmt", "--check", path]);
    assert!(!ok, "--check fails on a file not canonical");
    assert_eq!(stdout.trim(), path);
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        HAND_WRAPPED,
        "--check writes nothing"
    );

    let (ok, _, stderr) = run(&["fmt", path]);
    assert!(ok, "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        "# Un commentaire gardé.\n[[items]]\nsection = \"axis-1\"\nposition = 1\ntext = \"un texte coupé à la main, bien avant la largeur\"\n"
    );
    let (ok, stdout, _) = run(&["fmt", "--check", path]);
    assert!(ok, "canonical after fmt: {stdout}");
    assert!(stdout.is_empty(), "{stdout}");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("read dir")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left: {leftovers:?}");
}

#[test]
fn a_file_that_is_not_toml_is_refused_at_its_position_and_left_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("cassé.toml");
    let broken = "[a]\ntext = \"\"\"long\n  texte\"\"\"\nb = = 1\n";
    std::fs::write(&file, broken).expect("write");
    let path = file.to_str().expect("utf-8 path");
    let (ok, _, stderr) = run(&["fmt", path]);
    assert!(!ok);
    assert!(stderr.contains(&format!("{path}:4:")), "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).expect("read"), broken);
}
