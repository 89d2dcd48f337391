//! The corpus loader on arbitrary bytes: whatever an edition file holds, `Corpus::load` returns
//! the corpus or diagnostics, and never panics; each diagnostic points into a real file at a
//! 1-based line and column; and a corpus it accepts can be exported.
//!
//! Each input becomes `corpus/editions/2021.toml` in a copy of the bundled seeds, so that every
//! other file is valid and the input can reach every check, up to the fidelity of the texts to
//! their source. Start from the real edition files (see fuzz/README.md).
#![no_main]

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use congres_numerique::corpus::Corpus;
use congres_numerique::export;
use congres_numerique::publication::Publication;
use libfuzzer_sys::fuzz_target;

/// The seeds of this fuzzing process: `corpus/` copied (the input is written there); `sources/`
/// and `publication.toml` linked to the bundled ones, which are only read; `reference/` cut down
/// to the rows whose code the bundled organizations cite (35,000 communes are otherwise read at
/// each run, for the same result).
fn seeds() -> &'static Path {
    static SEEDS: OnceLock<PathBuf> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("../seeds");
        let bundled = fs::canonicalize(bundled).expect("the bundled seeds");
        let dir = std::env::temp_dir().join(format!(
            "congres-numerique-fuzz-seeds-{}",
            std::process::id()
        ));
        let _ = fs::remove_dir_all(&dir);
        copy_dir(&bundled.join("corpus"), &dir.join("corpus"));
        for name in ["sources", "publication.toml"] {
            std::os::unix::fs::symlink(bundled.join(name), dir.join(name)).unwrap();
        }
        let organizations = fs::read_to_string(bundled.join("corpus/organizations.toml")).unwrap();
        fs::create_dir(dir.join("reference")).unwrap();
        for entry in fs::read_dir(bundled.join("reference")).unwrap() {
            let entry = entry.unwrap();
            let text = fs::read_to_string(entry.path()).unwrap();
            let kept: String = text
                .lines()
                .enumerate()
                .filter(|(i, line)| {
                    let code = line.split(',').next().unwrap_or("");
                    *i == 0 || organizations.contains(&format!("\"{code}\""))
                })
                .map(|(_, line)| format!("{line}\n"))
                .collect();
            fs::write(dir.join("reference").join(entry.file_name()), kept).unwrap();
        }
        // Else every input would fail for a reason of the harness.
        if let Err(error) = Corpus::load(&dir) {
            panic!("the seeds of the harness must load: {error}");
        }
        dir
    })
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let seeds = seeds();
    fs::write(seeds.join("corpus/editions/2021.toml"), data).unwrap();
    match Corpus::load(seeds) {
        Ok(corpus) => {
            let publication = Publication::load(seeds).expect("the bundled publication.toml");
            export::build(&corpus, &publication).expect("an accepted corpus exports");
        }
        Err(error) => {
            assert!(
                !error.diagnostics.is_empty(),
                "an error without diagnostics"
            );
            for diagnostic in &error.diagnostics {
                assert!(
                    diagnostic.line >= 1 && diagnostic.column >= 1,
                    "{diagnostic}"
                );
                assert!(diagnostic.file.exists(), "{diagnostic}: no such file");
                assert!(!diagnostic.message.is_empty(), "{diagnostic}: no message");
            }
            let _ = error.to_string();
        }
    }
});
