//! Releases: immutable, versioned states of the publication that harvesters can follow.
//!
//! `congres-numerique release 2026.2` freezes what `export` produces (every file of `exports/`
//! and `schemas/`) into `releases/`: a manifest per release (`releases/{version}/manifest.json`)
//! and the content-addressed bytes of the files that changed (`releases/objects/…`, stored as a
//! line delta when that is smaller, see [`store`]); `releases/index.json` lists the releases with
//! the checksum of each manifest. `diff` compares two releases, or a release and the working
//! corpus, record by record ([`records`], [`diff`]); [`feed`] writes the Atom feed of the changes.
//!
//! A release never changes once made: a version that exists, that is not after the last, a
//! corpus that fails `check`, or a store whose checksums no longer match is refused before
//! anything is written, and the new files are installed with the index last (renamed into
//! place), so an interrupted release leaves the previous history intact.

pub mod dates;
mod delta;
pub mod diff;
pub mod feed;
pub mod manifest;
pub mod records;
mod store;
mod version;

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

pub use diff::Diff;
pub use manifest::{FileEntry, Index, IndexEntry, Manifest};
pub use version::{Version, VersionError};

use crate::corpus::{Corpus, LoadError};
use crate::export::{self, ExportError, sha256_hex};
use crate::publication::Publication;
use store::Store;

/// The index of the releases, in the release directory.
pub const INDEX: &str = "index.json";
/// A release's manifest, in `{version}/`.
pub const MANIFEST: &str = "manifest.json";

/// Why a release, a diff or a read of the history failed. Nothing was written in any case.
#[derive(Debug, thiserror::Error)]
pub enum ReleaseError {
    #[error(transparent)]
    Version(#[from] VersionError),
    #[error("release {0} already exists: a release never changes; choose the next version")]
    Exists(Version),
    #[error("version {version} is not after the last release {last}")]
    NotAfter { version: Version, last: Version },
    #[error("release date {date} is before the date {last_date} of the last release {last}")]
    DateBefore {
        date: Date,
        last: Version,
        last_date: Date,
    },
    #[error("nothing changed since release {0}: no release made")]
    NothingChanged(Version),
    #[error("no release {0} (see releases/index.json)")]
    Unknown(String),
    #[error("« {0} » is neither a version (2026.1) nor a date (2026-12-01)")]
    Since(String),
    #[error(
        "{}: the release store was altered ({detail}); a release never changes: restore it from version control (git checkout -- releases/)",
        path.display()
    )]
    Altered { path: PathBuf, detail: String },
    #[error("{0}: unreadable CSV in a release: {1}")]
    Unreadable(String, String),
    #[error(transparent)]
    Corpus(#[from] LoadError),
    #[error(transparent)]
    Export(#[from] ExportError),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl ReleaseError {
    fn altered(path: &Path, detail: impl Into<String>) -> Self {
        ReleaseError::Altered {
            path: path.to_path_buf(),
            detail: detail.into(),
        }
    }

    fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ReleaseError + '_ {
        move |source| ReleaseError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// The releases in a directory, their manifests checked against the index.
pub struct History {
    dir: PathBuf,
    store: Store,
    releases: Vec<Manifest>,
}

impl History {
    /// No release (yet) in `dir`.
    pub fn empty(dir: &Path) -> Self {
        History {
            dir: dir.to_path_buf(),
            store: Store::new(dir),
            releases: Vec::new(),
        }
    }

    /// Reads `releases/index.json` and every manifest it lists; a missing index is an empty
    /// history (no release yet), but a manifest or an object without an index is an altered one.
    pub fn load(dir: &Path) -> Result<Self, ReleaseError> {
        let store = Store::new(dir);
        let index_path = dir.join(INDEX);
        let index: Index = match fs::read(&index_path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map_err(|e| ReleaseError::altered(&index_path, e.to_string()))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if dir.join("objects").exists() {
                    return Err(ReleaseError::altered(&index_path, "index missing"));
                }
                Index::default()
            }
            Err(e) => return Err(ReleaseError::io(&index_path)(e)),
        };
        let mut releases: Vec<Manifest> = Vec::with_capacity(index.releases.len());
        for entry in &index.releases {
            let path = dir.join(entry.version.to_string()).join(MANIFEST);
            let bytes = fs::read(&path).map_err(|e| {
                if e.kind() == std::io::ErrorKind::NotFound {
                    ReleaseError::altered(&path, "manifest missing")
                } else {
                    ReleaseError::io(&path)(e)
                }
            })?;
            let actual = sha256_hex(&bytes);
            if actual != entry.manifest_sha256 {
                return Err(ReleaseError::altered(
                    &path,
                    format!(
                        "SHA-256 {actual}, index.json says {}",
                        entry.manifest_sha256
                    ),
                ));
            }
            let manifest: Manifest = serde_json::from_slice(&bytes)
                .map_err(|e| ReleaseError::altered(&path, e.to_string()))?;
            let previous = releases.last().map(|m| m.version);
            if manifest.version != entry.version || manifest.previous != previous {
                return Err(ReleaseError::altered(
                    &path,
                    "version or previous version differs from index.json",
                ));
            }
            releases.push(manifest);
        }
        Ok(History {
            dir: dir.to_path_buf(),
            store,
            releases,
        })
    }

    /// Reads every object of every release and checks its SHA-256 and size.
    pub fn verify(&self) -> Result<(), ReleaseError> {
        let mut checked = std::collections::HashSet::new();
        for manifest in &self.releases {
            for file in &manifest.files {
                if !checked.insert(file.sha256.as_str()) {
                    continue;
                }
                let bytes = self.store.read(&file.sha256)?;
                if bytes.len() as u64 != file.size {
                    return Err(ReleaseError::altered(
                        &self.dir.join(manifest.version.to_string()).join(MANIFEST),
                        format!(
                            "{}: {} bytes, listed as {}",
                            file.path,
                            bytes.len(),
                            file.size
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Every release, oldest first.
    pub fn releases(&self) -> &[Manifest] {
        &self.releases
    }

    pub fn latest(&self) -> Option<&Manifest> {
        self.releases.last()
    }

    pub fn get(&self, version: Version) -> Option<&Manifest> {
        self.releases.iter().find(|m| m.version == version)
    }

    /// The bytes of a file of a release, checked; `None` if the release has no such file.
    pub fn file(&self, version: Version, path: &str) -> Result<Option<Vec<u8>>, ReleaseError> {
        let manifest = self
            .get(version)
            .ok_or_else(|| ReleaseError::Unknown(version.to_string()))?;
        match manifest.file(path) {
            Some(entry) => self.store.read(&entry.sha256).map(Some),
            None => Ok(None),
        }
    }

    /// The state of a release, for a diff.
    pub fn state(&self, version: Version) -> Result<State, ReleaseError> {
        let manifest = self
            .get(version)
            .ok_or_else(|| ReleaseError::Unknown(version.to_string()))?;
        let files = manifest
            .files
            .iter()
            .map(|f| (f.path.clone(), f.sha256.clone()))
            .collect();
        let tables = records::records(&|path| self.file(version, path))?;
        Ok(State {
            label: version.to_string(),
            files,
            tables,
        })
    }

    /// The diff between two releases.
    pub fn diff(&self, from: Version, to: Version) -> Result<Diff, ReleaseError> {
        Ok(self.state(from)?.diff(&self.state(to)?))
    }

    /// The diff of a release from the one before it (from nothing for the first).
    pub fn changes_of(&self, version: Version) -> Result<Diff, ReleaseError> {
        let manifest = self
            .get(version)
            .ok_or_else(|| ReleaseError::Unknown(version.to_string()))?;
        let before = match manifest.previous {
            Some(previous) => self.state(previous)?,
            None => State::empty(),
        };
        Ok(before.diff(&self.state(version)?))
    }
}

/// One side of a diff: its files (path → SHA-256) and its records.
pub struct State {
    pub label: String,
    pub files: BTreeMap<String, String>,
    pub tables: Vec<records::TableRecords>,
}

impl State {
    /// Before the first release: nothing.
    pub fn empty() -> Self {
        State {
            label: "(rien)".to_string(),
            files: BTreeMap::new(),
            tables: Vec::new(),
        }
    }

    /// The working corpus, as `export` would write it now.
    pub fn working(files: &BTreeMap<String, Vec<u8>>) -> Result<Self, ReleaseError> {
        let tables = records::records(&|path| Ok(files.get(path).cloned()))?;
        Ok(State {
            label: "working".to_string(),
            files: files
                .iter()
                .map(|(p, b)| (p.clone(), sha256_hex(b)))
                .collect(),
            tables,
        })
    }

    pub fn diff(&self, after: &State) -> Diff {
        Diff::between(
            self.label.clone(),
            after.label.clone(),
            &self.files,
            &after.files,
            &self.tables,
            &after.tables,
        )
    }
}

/// `working` or a version: one side of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Working,
    Release(Version),
}

impl std::str::FromStr for Side {
    type Err = VersionError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s == "working" {
            Ok(Side::Working)
        } else {
            s.parse().map(Side::Release)
        }
    }
}

/// Every file `export` would write now, by released path (schemas under `schemas/`), after the
/// corpus passed `check`; files dated by `dating` (see [`dates::Dating`]).
pub fn working_files(
    seeds: &Path,
    dating: &dates::Dating,
) -> Result<BTreeMap<String, Vec<u8>>, ReleaseError> {
    let corpus = Corpus::load(seeds)?.with_record_dates(dating.record_dates().clone());
    let publication =
        Publication::load(seeds).map_err(|d| ReleaseError::Export(ExportError::Publication(d)))?;
    let built = export::build_dated(&corpus, &publication, dating)?;
    let mut files = BTreeMap::new();
    for (path, file) in built.exports.iter() {
        files.insert(path.to_string(), file.bytes.clone());
    }
    for (path, file) in built.schemas.iter() {
        files.insert(format!("schemas/{path}"), file.bytes.clone());
    }
    Ok(files)
}

/// `diff A B`.
pub fn diff(seeds: &Path, dir: &Path, from: Side, to: Side) -> Result<Diff, ReleaseError> {
    let history = History::load(dir)?;
    let mut working = None;
    let mut state = |side: Side| -> Result<State, ReleaseError> {
        match side {
            Side::Release(version) => history.state(version),
            Side::Working => {
                if working.is_none() {
                    working = Some(working_files(
                        seeds,
                        &dates::Dating::from_history(&history)?,
                    )?);
                }
                State::working(working.as_ref().expect("just built"))
            }
        }
    };
    let before = state(from)?;
    let after = state(to)?;
    Ok(before.diff(&after))
}

/// What `release` needs.
pub struct ReleaseRequest<'a> {
    pub seeds: &'a Path,
    pub dir: &'a Path,
    pub version: Version,
    pub date: Date,
    pub note: String,
}

/// What a release wrote.
#[derive(Debug)]
pub struct Released {
    pub manifest: Manifest,
    /// Objects added (files whose content is new), and their bytes on disk.
    pub new_objects: usize,
    pub new_bytes: u64,
    pub diff: Diff,
}

/// `release VERSION`: checks, then freezes the working publication.
pub fn release(request: &ReleaseRequest<'_>) -> Result<Released, ReleaseError> {
    let history = History::load(request.dir)?;
    history.verify()?;
    if history.get(request.version).is_some() {
        return Err(ReleaseError::Exists(request.version));
    }
    if let Some(last) = history.latest() {
        if request.version <= last.version {
            return Err(ReleaseError::NotAfter {
                version: request.version,
                last: last.version,
            });
        }
        if request.date < last.date {
            return Err(ReleaseError::DateBefore {
                date: request.date,
                last: last.version,
                last_date: last.date,
            });
        }
    }
    // Nothing to release when `export` would write the latest release's very files (a new
    // version would only differ by its own number and note).
    let unchanged = working_files(request.seeds, &dates::Dating::from_history(&history)?)?;
    if let Some(last) = history.latest() {
        let same = unchanged.len() == last.files.len()
            && last.files.iter().all(|f| {
                unchanged
                    .get(&f.path)
                    .is_some_and(|b| sha256_hex(b) == f.sha256)
            });
        if same {
            return Err(ReleaseError::NothingChanged(last.version));
        }
    }
    // Dated as the release will date them: unchanged files keep their release's date, the
    // others take this one's; each record's dates count this release (computed from the
    // records `export` writes now, which do not depend on those dates: the diff ignores them);
    // a later `export` then writes these very bytes.
    let records = State::working(&unchanged)?.tables;
    let dating = dates::Dating::from_history(&history)?.pending(
        &history,
        request.version,
        request.date,
        &request.note,
        &records,
    )?;
    let files = working_files(request.seeds, &dating)?;
    let working = State::working(&files)?;
    let before = match history.latest() {
        Some(last) => history.state(last.version)?,
        None => State::empty(),
    };
    let mut diff = before.diff(&working);
    diff.to = request.version.to_string();

    let mut objects: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut entries = Vec::with_capacity(files.len());
    for (path, bytes) in &files {
        let sha = sha256_hex(bytes);
        let base = match history.latest().and_then(|m| m.file(path)) {
            Some(entry) if entry.sha256 != sha => {
                Some((entry.sha256.clone(), history.store.read(&entry.sha256)?))
            }
            _ => None,
        };
        let already = objects.keys().any(|k| k.contains(&sha[2..]));
        if !already
            && let Some(object) = history.store.new_object(
                &sha,
                bytes,
                base.as_ref().map(|(s, b)| (s.as_str(), b.as_slice())),
            )
        {
            objects.insert(object.relative, object.bytes);
        }
        entries.push(FileEntry {
            path: path.clone(),
            size: bytes.len() as u64,
            sha256: sha,
        });
    }
    let manifest = Manifest {
        version: request.version,
        date: request.date,
        previous: history.latest().map(|m| m.version),
        note: request.note.clone(),
        files: entries,
    };
    let manifest_bytes = manifest.to_bytes();
    let mut index = Index {
        releases: history
            .releases
            .iter()
            .map(|m| -> Result<IndexEntry, ReleaseError> {
                let path = request.dir.join(m.version.to_string()).join(MANIFEST);
                let bytes = fs::read(&path).map_err(ReleaseError::io(&path))?;
                Ok(IndexEntry {
                    version: m.version,
                    manifest_sha256: sha256_hex(&bytes),
                })
            })
            .collect::<Result<_, _>>()?,
    };
    index.releases.push(IndexEntry {
        version: request.version,
        manifest_sha256: sha256_hex(&manifest_bytes),
    });
    let new_bytes =
        objects.values().map(|b| b.len() as u64).sum::<u64>() + manifest_bytes.len() as u64;
    let new_objects = objects.len();
    objects.insert(format!("{}/{MANIFEST}", request.version), manifest_bytes);
    install(request.dir, &objects, &index.to_bytes())?;
    Ok(Released {
        manifest,
        new_objects,
        new_bytes,
        diff,
    })
}

/// Writes each new file to a temporary name then renames it into place, the index last: until
/// the index is renamed the history is the previous one (new objects nobody lists are inert).
/// On an error, what was written is removed.
fn install(
    dir: &Path,
    files: &BTreeMap<String, Vec<u8>>,
    index: &[u8],
) -> Result<(), ReleaseError> {
    let pid = std::process::id();
    let mut written: Vec<PathBuf> = Vec::new();
    let result = (|| -> Result<(), ReleaseError> {
        for (relative, bytes) in files {
            let path = dir.join(relative);
            write_atomically(&path, bytes, pid)?;
            written.push(path);
        }
        write_atomically(&dir.join(INDEX), index, pid)
    })();
    if result.is_err() {
        for path in &written {
            let _ = fs::remove_file(path);
        }
    }
    result
}

fn write_atomically(path: &Path, bytes: &[u8], pid: u32) -> Result<(), ReleaseError> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(ReleaseError::io(parent))?;
    }
    let mut temp = path.as_os_str().to_owned();
    temp.push(format!(".tmp-{pid}"));
    let temp = PathBuf::from(temp);
    let write = || -> std::io::Result<()> {
        let mut file = fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)
    };
    write().map_err(|e| {
        let _ = fs::remove_file(&temp);
        ReleaseError::io(path)(e)
    })
}
