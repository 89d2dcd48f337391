//! What a release is: `releases/{version}/manifest.json` lists every file `export` produced
//! (path, size, SHA-256) with the release's date, note and previous version; `releases/index.json`
//! lists the releases in order with the SHA-256 of each manifest, so a manifest edited by hand is
//! detected like an altered file.

use jiff::civil::Date;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Version;

/// One released file. Paths are those of `exports/` (`csv/items.csv`), and `schemas/…` for the
/// schemas, which is also their path under the service's base URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

/// One release, as committed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub version: Version,
    /// The release date (UTC day): what every date of the publication derives from.
    #[serde(serialize_with = "date_out", deserialize_with = "date_in")]
    pub date: Date,
    pub previous: Option<Version>,
    /// The release note (French, free text).
    pub note: String,
    /// Every file, in path order.
    pub files: Vec<FileEntry>,
}

impl Manifest {
    pub fn file(&self, path: &str) -> Option<&FileEntry> {
        self.files
            .binary_search_by(|f| f.path.as_str().cmp(path))
            .ok()
            .map(|i| &self.files[i])
    }

    /// Indented JSON with a final newline: reviewable in a pull request.
    pub fn to_bytes(&self) -> Vec<u8> {
        pretty(self)
    }
}

/// `releases/index.json`: the releases in order, each with its manifest's SHA-256.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    pub releases: Vec<IndexEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexEntry {
    pub version: Version,
    pub manifest_sha256: String,
}

impl Index {
    pub fn to_bytes(&self) -> Vec<u8> {
        pretty(self)
    }
}

fn pretty<T: Serialize>(value: &T) -> Vec<u8> {
    // Serialising these plain structs cannot fail (string keys, no maps of other keys).
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

fn date_out<S: Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(date)
}

fn date_in<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
    let text = String::deserialize(deserializer)?;
    text.parse().map_err(serde::de::Error::custom)
}
