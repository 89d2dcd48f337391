//! The content-addressed objects of the releases: `releases/objects/sha256/ab/cdef…` holds the
//! bytes whose SHA-256 is `abcdef…`, or `…/cdef….delta` a line delta against an earlier object
//! (see [`super::delta`]). A file unchanged between releases is stored once; a corrected one as
//! its changed lines. Every read is checked against the name: an object altered by hand is an
//! error, never a wrong file.

use std::path::{Path, PathBuf};

use super::{ReleaseError, delta};
use crate::export::sha256_hex;

/// Longest chain of deltas followed (one link per release that changed the file).
const MAX_CHAIN: usize = 1000;

pub struct Store {
    root: PathBuf,
}

/// An object to add: its relative path under the release directory and its bytes.
pub struct NewObject {
    pub relative: String,
    pub bytes: Vec<u8>,
}

impl Store {
    /// The objects under `releases` (the release directory).
    pub fn new(releases: &Path) -> Self {
        Store {
            root: releases.to_path_buf(),
        }
    }

    fn relative(sha256: &str) -> String {
        format!("objects/sha256/{}/{}", &sha256[..2], &sha256[2..])
    }

    fn full_path(&self, sha256: &str) -> PathBuf {
        self.root.join(Self::relative(sha256))
    }

    fn delta_path(&self, sha256: &str) -> PathBuf {
        self.root.join(format!("{}.delta", Self::relative(sha256)))
    }

    pub fn has(&self, sha256: &str) -> bool {
        valid_sha(sha256) && (self.full_path(sha256).is_file() || self.delta_path(sha256).is_file())
    }

    /// The bytes named `sha256`, checked.
    pub fn read(&self, sha256: &str) -> Result<Vec<u8>, ReleaseError> {
        self.read_chain(sha256, 0)
    }

    fn read_chain(&self, sha256: &str, depth: usize) -> Result<Vec<u8>, ReleaseError> {
        if !valid_sha(sha256) {
            return Err(ReleaseError::altered(
                &self.root,
                format!("« {sha256} » is not a SHA-256"),
            ));
        }
        let full = self.full_path(sha256);
        let delta_path = self.delta_path(sha256);
        let (path, bytes) = match std::fs::read(&full) {
            Ok(bytes) => (full, bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let bytes = std::fs::read(&delta_path).map_err(|e| {
                    if e.kind() == std::io::ErrorKind::NotFound {
                        ReleaseError::altered(&full, "object missing")
                    } else {
                        ReleaseError::io(&delta_path)(e)
                    }
                })?;
                if depth >= MAX_CHAIN {
                    return Err(ReleaseError::altered(
                        &delta_path,
                        "chain of deltas too long",
                    ));
                }
                let base_sha = delta::base_of(&bytes)
                    .map_err(|e| ReleaseError::altered(&delta_path, e.to_string()))?
                    .to_string();
                let base = self.read_chain(&base_sha, depth + 1)?;
                let applied = delta::apply(&bytes, &base)
                    .map_err(|e| ReleaseError::altered(&delta_path, e.to_string()))?;
                (delta_path, applied)
            }
            Err(e) => return Err(ReleaseError::io(&full)(e)),
        };
        let actual = sha256_hex(&bytes);
        if actual != sha256 {
            return Err(ReleaseError::altered(
                &path,
                format!("content has SHA-256 {actual}"),
            ));
        }
        Ok(bytes)
    }

    /// How to store `bytes` (named `sha256`): as a delta against `base` when that is less than
    /// half the size, else whole. `None` when the store already holds it.
    pub fn new_object(
        &self,
        sha256: &str,
        bytes: &[u8],
        base: Option<(&str, &[u8])>,
    ) -> Option<NewObject> {
        if self.has(sha256) {
            return None;
        }
        if let Some((base_sha, base_bytes)) = base {
            let delta = delta::encode(base_sha, base_bytes, bytes);
            if delta.len() * 2 < bytes.len() {
                return Some(NewObject {
                    relative: format!("{}.delta", Self::relative(sha256)),
                    bytes: delta,
                });
            }
        }
        Some(NewObject {
            relative: Self::relative(sha256),
            bytes: bytes.to_vec(),
        })
    }
}

fn valid_sha(sha256: &str) -> bool {
    sha256.len() == 64
        && sha256
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}
