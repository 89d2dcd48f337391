//! What the hardening and fault tests share: the real binaries, a working directory holding a
//! previous export, and snapshots of directory trees by content hash.
//!
//! Each test file uses its own part of it.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use sha2::{Digest, Sha256};

/// The command line under test, built by `cargo test` with the test itself.
pub const BIN: &str = env!("CARGO_BIN_EXE_congres-numerique");
/// Multiplies the bundled corpus (`src/bin/scale_corpus.rs`): a larger export takes longer to
/// write, which leaves room to interrupt it.
pub const SCALE_CORPUS: &str = env!("CARGO_BIN_EXE_scale_corpus");

pub fn bundled_seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

pub fn copy_dir(from: &Path, to: &Path) {
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

/// `congres-numerique export --seeds … --out … --schemas …`, not yet run.
pub fn export_command(seeds: &Path, out: &Path, schemas: &Path) -> Command {
    let mut command = Command::new(BIN);
    command
        .arg("export")
        .arg("--seeds")
        .arg(seeds)
        .arg("--out")
        .arg(out)
        .arg("--schemas")
        .arg(schemas);
    command
}

/// Runs an export that must succeed.
pub fn export_ok(seeds: &Path, out: &Path, schemas: &Path) {
    let output = export_command(seeds, out, schemas).output().unwrap();
    assert!(
        output.status.success(),
        "export of {} failed: {}",
        seeds.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A tree as seen on disk: every file by relative path (`/` separators) with the SHA-256 of its
/// bytes, and every directory with `/` appended (so that an empty directory is seen too). A
/// missing directory gives an empty snapshot.
pub type Snapshot = BTreeMap<String, String>;

/// A published export: both trees by content, with the identity (inode) of each directory, so
/// that a tree swapped for an identical copy still counts as written.
pub type Published = (Snapshot, Snapshot, u64, u64);

pub fn published(exports: &Path, schemas: &Path) -> Published {
    use std::os::unix::fs::MetadataExt;
    let inode = |dir: &Path| fs::metadata(dir).unwrap().ino();
    (
        snapshot(exports),
        snapshot(schemas),
        inode(exports),
        inode(schemas),
    )
}

pub fn snapshot(dir: &Path) -> Snapshot {
    fn walk(dir: &Path, prefix: &str, out: &mut Snapshot) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.map(Result::unwrap) {
            let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
            if entry.file_type().unwrap().is_dir() {
                out.insert(format!("{name}/"), String::new());
                walk(&entry.path(), &format!("{name}/"), out);
            } else {
                out.insert(name, sha256_hex(&fs::read(entry.path()).unwrap()));
            }
        }
    }
    let mut out = Snapshot::new();
    walk(dir, "", &mut out);
    out
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The entries of `dir` (names only) other than `expected`: what an export left behind.
pub fn leftovers(dir: &Path, expected: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !expected.contains(&name.as_str()))
        .collect();
    names.sort();
    names
}

/// What `sha256sum -c SHA256SUMS` checks, plus the converse: every file of the export is
/// listed, with its hash. Returns the first discrepancy.
pub fn check_sha256sums(exports: &Path) -> Result<(), String> {
    let sums = fs::read_to_string(exports.join("SHA256SUMS"))
        .map_err(|e| format!("{}/SHA256SUMS: {e}", exports.display()))?;
    let listed: BTreeMap<&str, &str> = sums
        .lines()
        .map(|line| {
            line.split_once("  ")
                .map(|(hash, path)| (path, hash))
                .ok_or_else(|| format!("SHA256SUMS: malformed line {line:?}"))
        })
        .collect::<Result<_, _>>()?;
    let files: BTreeMap<String, String> = snapshot(exports)
        .into_iter()
        .filter(|(path, _)| !path.ends_with('/') && path != "SHA256SUMS")
        .collect();
    for (path, hash) in &files {
        match listed.get(path.as_str()) {
            Some(listed) if listed == hash => {}
            Some(_) => return Err(format!("{path}: hash differs from SHA256SUMS")),
            None => return Err(format!("{path}: not listed in SHA256SUMS")),
        }
    }
    match listed.keys().find(|path| !files.contains_key(**path)) {
        Some(path) => Err(format!("{path}: listed in SHA256SUMS but missing")),
        None => Ok(()),
    }
}

/// The texts a SQLite database or a Parquet file of the exports holds, one per line (`None` for
/// other files): a scan of their raw bytes would read cells packed together (a database
/// record) or compressed (Parquet), so an address would be missed or one made up by chance.
pub fn tabular_text(path: &str, bytes: &[u8]) -> Option<String> {
    use arrow_array::cast::AsArray;
    use std::io::{Seek, Write};

    let mut text = String::new();
    // By signature too: a release stores files as objects named by their SHA-256.
    if path.ends_with(".db") || bytes.starts_with(b"SQLite format 3\0") {
        let mut db = rusqlite::Connection::open_in_memory().ok()?;
        db.deserialize_read_exact("main", bytes, bytes.len(), true)
            .ok()?;
        // The tables themselves; the full-text index's own tables hold only their tokens.
        let tables: Vec<String> = db
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table' \
                 AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE '%\\_fts\\_%' ESCAPE '\\'",
            )
            .ok()?
            .query_map([], |r| r.get(0))
            .ok()?
            .collect::<Result<_, _>>()
            .ok()?;
        for table in tables {
            let mut statement = db.prepare(&format!("SELECT * FROM \"{table}\"")).ok()?;
            let columns = statement.column_count();
            let mut rows = statement.query([]).ok()?;
            while let Some(row) = rows.next().ok()? {
                for i in 0..columns {
                    if let Ok(rusqlite::types::ValueRef::Text(cell)) = row.get_ref(i) {
                        text.push_str(&String::from_utf8_lossy(cell));
                        text.push('\n');
                    }
                }
            }
        }
        return Some(text);
    }
    if path.ends_with(".parquet") || bytes.starts_with(b"PAR1") {
        let mut file = tempfile::tempfile().ok()?;
        file.write_all(bytes).ok()?;
        file.rewind().ok()?;
        let builder =
            parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file).ok()?;
        let schema = builder.schema().clone();
        for value in schema.metadata().values() {
            text.push_str(value);
            text.push('\n');
        }
        for batch in builder.build().ok()? {
            for column in batch.ok()?.columns() {
                if let Some(strings) = column.as_string_opt::<i32>() {
                    for cell in strings.iter().flatten() {
                        text.push_str(cell);
                        text.push('\n');
                    }
                }
            }
        }
        return Some(text);
    }
    None
}
