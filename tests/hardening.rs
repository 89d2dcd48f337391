//! Hardening against bad input, through the real command line: for each kind of broken seed
//! file, `check` and `export` both fail with `file:line:column: field: message`, and `export`
//! writes nothing — the previous `exports/` and `schemas/` are left byte for byte as they were
//! (not even replaced by an identical copy), and no temporary directory is left beside them.
//!
//! tests/corpus.rs pins the loader's diagnostics for one breakage of each kind; here each kind
//! breaks another file, and what is specified is the commands' behaviour.

mod support;

use std::fs;
use std::path::PathBuf;
use std::process::{Command, Output};

use support::{BIN, Published, bundled_seeds, copy_dir, export_command, export_ok};

/// A working directory as a curator has it: `seeds/`, and the `exports/` and `schemas/` of a
/// previous, successful export.
struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    /// A copy of the bundled seeds, not yet exported.
    fn new() -> Self {
        let workspace = Workspace {
            dir: tempfile::tempdir().unwrap(),
        };
        copy_dir(&bundled_seeds(), &workspace.seeds());
        workspace
    }

    fn with_previous_export() -> Self {
        let workspace = Workspace::new();
        export_ok(
            &workspace.seeds(),
            &workspace.exports(),
            &workspace.schemas(),
        );
        workspace
    }

    fn seeds(&self) -> PathBuf {
        self.dir.path().join("seeds")
    }
    fn exports(&self) -> PathBuf {
        self.dir.path().join("exports")
    }
    fn schemas(&self) -> PathBuf {
        self.dir.path().join("schemas")
    }

    fn check(&self) -> Output {
        Command::new(BIN)
            .arg("check")
            .arg("--seeds")
            .arg(self.seeds())
            .output()
            .unwrap()
    }

    fn export(&self) -> Output {
        export_command(&self.seeds(), &self.exports(), &self.schemas())
            .output()
            .unwrap()
    }

    /// The published trees, by content, with the identity (inode) of each directory: a tree
    /// swapped for an identical copy would still count as written.
    fn published(&self) -> Published {
        support::published(&self.exports(), &self.schemas())
    }
}

/// How a seed file is broken.
enum Edit {
    /// The first occurrence of the text is replaced.
    Replace(&'static str, &'static str),
    /// A byte that is never valid in UTF-8 (0xFF) is inserted right after the first occurrence
    /// of the text.
    InvalidByteAfter(&'static str),
}

/// One broken seed file and the diagnostic both commands must print for it.
struct Case {
    /// Relative to `seeds/`.
    file: &'static str,
    edit: Edit,
    /// Where the diagnostic points, as the broken file's text around it with `|` at the
    /// position; that text must occur exactly once in the file.
    at: &'static str,
    /// What follows `file:line:column: `: the field, then what is wrong with it.
    message: &'static str,
}

impl Case {
    fn fails_with_nothing_written(self) {
        let workspace = Workspace::with_previous_export();
        let path = workspace.seeds().join(self.file);
        let mut bytes = fs::read(&path).unwrap();
        let (from, to): (&[u8], Vec<u8>) = match self.edit {
            Edit::Replace(from, to) => (from.as_bytes(), to.as_bytes().to_vec()),
            Edit::InvalidByteAfter(text) => (text.as_bytes(), [text.as_bytes(), b"\xff"].concat()),
        };
        let offset =
            find(&bytes, from).unwrap_or_else(|| panic!("{:?} not in {}", from, self.file));
        bytes.splice(offset..offset + from.len(), to);
        fs::write(&path, &bytes).unwrap();
        let (line, column) = position(&bytes, self.at);
        let expected = format!("{}:{line}:{column}: {}", path.display(), self.message);

        let check = workspace.check();
        let stderr = String::from_utf8_lossy(&check.stderr);
        assert_eq!(check.status.code(), Some(1), "check must fail: {stderr}");
        assert!(
            stderr.lines().any(|l| l == expected),
            "check must print\n  {expected}\nit printed:\n{stderr}"
        );
        assert!(check.stdout.is_empty(), "no summary for a broken corpus");

        let before = workspace.published();
        let export = workspace.export();
        let stderr = String::from_utf8_lossy(&export.stderr);
        assert_eq!(export.status.code(), Some(1), "export must fail: {stderr}");
        assert!(
            stderr.lines().any(|l| l == expected),
            "export must print\n  {expected}\nit printed:\n{stderr}"
        );
        assert!(
            stderr
                .trim_end()
                .ends_with("problem(s); nothing was exported"),
            "{stderr}"
        );
        assert!(export.stdout.is_empty(), "no summary of written files");
        assert!(
            workspace.published() == before,
            "the previous exports/ and schemas/ must be left as they were"
        );
        assert_eq!(
            support::leftovers(workspace.dir.path(), &["seeds", "exports", "schemas"]),
            Vec::<String>::new(),
            "no temporary directory left behind"
        );
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The 1-based line and column (in characters) of the `|` of `at` in `bytes`.
fn position(bytes: &[u8], at: &str) -> (usize, usize) {
    let (before, after) = at.split_once('|').expect("`at` marks the position with |");
    let context = [before.as_bytes(), after.as_bytes()].concat();
    let offset = find(bytes, &context).unwrap_or_else(|| panic!("{at:?} not in the file"));
    assert!(
        find(&bytes[offset + 1..], &context).is_none(),
        "{at:?} occurs more than once: make it longer"
    );
    let offset = offset + before.len();
    let line_start = bytes[..offset]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&bytes[line_start..offset])
        .chars()
        .count()
        + 1;
    (line, column)
}

#[test]
fn a_toml_syntax_error() {
    Case {
        file: "corpus/editions/2026.toml",
        edit: Edit::Replace("title = \"LES ENGAGEMENTS\"", "title = \"LES ENGAGEMENTS"),
        // The string is unterminated where its line ends.
        at: "title = \"LES ENGAGEMENTS|\n",
        message: "parts[0].title: invalid basic string, expected `\"`",
    }
    .fails_with_nothing_written();
}

#[test]
fn bad_utf8_inside_a_value() {
    Case {
        file: "corpus/organizations.toml",
        edit: Edit::InvalidByteAfter("name = \"Albi"),
        at: "name = \"Albi|",
        message: "organizations[1].name: invalid UTF-8: seed files must be encoded in UTF-8",
    }
    .fails_with_nothing_written();
}

#[test]
fn a_missing_field() {
    Case {
        file: "corpus/editions/2026.toml",
        edit: Edit::Replace(
            "section = \"engagement-2\"\nposition = 1\nkind = \"engagement\"\n",
            "section = \"engagement-2\"\nposition = 1\n",
        ),
        // The entry that lacks it.
        at: "|[[items]]\nsection = \"engagement-2\"",
        message: "items[1]: missing field `kind`",
    }
    .fails_with_nothing_written();
}

#[test]
fn a_wrong_type() {
    Case {
        file: "corpus/organizations.toml",
        // Written as a number, a code would lose its leading zeros: codes are strings.
        edit: Edit::Replace("insee = \"81004\"", "insee = 81004"),
        at: "insee = |81004",
        message: "organizations[1].insee: invalid type: integer `81004`, expected a string",
    }
    .fails_with_nothing_written();
}

#[test]
fn a_duplicate_id() {
    Case {
        file: "corpus/organizations.toml",
        edit: Edit::Replace("id = \"chevreuse\"", "id = \"montrouge\""),
        at: "id = |\"montrouge\"\nkind = \"commune\"\nname = \"Chevreuse\"",
        message: "organizations[9].id: duplicate organization id \"montrouge\" (ids must be unique)",
    }
    .fails_with_nothing_written();
}

#[test]
fn a_dangling_reference() {
    Case {
        file: "corpus/editions/2026.toml",
        edit: Edit::Replace("person = \"mathieu-filmotte\"", "person = \"mathieu-filmote\""),
        at: "person = |\"mathieu-filmote\"",
        message: "roles[1].person: unknown person \"mathieu-filmote\" (it must be defined in corpus/people.toml)",
    }
    .fails_with_nothing_written();
}

#[test]
fn a_text_not_in_its_source() {
    Case {
        file: "corpus/editions/2026.toml",
        // A typographic apostrophe where the source has a straight one.
        edit: Edit::Replace(
            "Garantir et simplifier l'accès",
            "Garantir et simplifier l’accès",
        ),
        at: "text = |\"\"\"Garantir et simplifier l’accès",
        message: "items[0].text: text not found verbatim in source \"2026-propositions\" (it matches up to «…Garantir et simplifier l» and differs after that)",
    }
    .fails_with_nothing_written();
}

#[test]
fn an_impossible_date() {
    Case {
        file: "corpus/press.toml",
        edit: Edit::Replace(
            "published_on = \"2020-10-13\"",
            "published_on = \"2020-09-31\"",
        ),
        at: "published_on = |\"2020-09-31\"",
        message: "press_articles[0].published_on: \"2020-09-31\" is not a valid date (expected an existing calendar date written YYYY-MM-DD)",
    }
    .fails_with_nothing_written();
}

#[test]
fn a_malformed_insee_code() {
    Case {
        file: "corpus/organizations.toml",
        edit: Edit::Replace("insee = \"14271\"", "insee = \"14 271\""),
        at: "insee = |\"14 271\"",
        message: "organizations[7].insee: \"14 271\" is not a well-formed INSEE code (expected 5 characters: digits, or 2A/2B then 3 digits)",
    }
    .fails_with_nothing_written();
}

#[test]
fn a_malformed_siren() {
    Case {
        file: "corpus/organizations.toml",
        // A digit short.
        edit: Edit::Replace("siren = \"243600327\"", "siren = \"24360032\""),
        at: "siren = |\"24360032\"",
        message: "organizations[14].siren: \"24360032\" is not a well-formed SIREN (expected 9 digits with a valid Luhn checksum)",
    }
    .fails_with_nothing_written();
}

// ---------------------------------------------------------------------------------------------
// Hostile input
//
// What a fuzzer reaches for first (see fuzz/README.md). A parser that recursed without limit
// would overflow its stack and abort, with no diagnostic at all.

#[test]
fn deeply_nested_values_are_an_error_not_a_stack_overflow() {
    for (what, text) in [
        (
            "arrays",
            format!("a = {}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
        ),
        (
            "inline tables",
            format!("a = {}1{}\n", "{ b = ".repeat(50_000), " }".repeat(50_000)),
        ),
    ] {
        let workspace = Workspace::new();
        let path = workspace.seeds().join("corpus/editions/2021.toml");
        fs::write(&path, text).unwrap();
        let check = workspace.check();
        let stderr = String::from_utf8_lossy(&check.stderr);
        assert_eq!(check.status.code(), Some(1), "{what}: {stderr}");
        let first = stderr.lines().next().unwrap_or_default();
        assert!(
            first.starts_with(&format!("{}:1:", path.display()))
                && first.ends_with("max recursion depth met"),
            "{what}: {first}"
        );
    }
}
