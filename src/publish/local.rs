//! The files `publish --upload` sends: read from the exports directory, checked against the
//! SHA-256 that `datagouv.json` gives (a stale export is refused), and fingerprinted with the
//! SHA-1 udata computes for the files it hosts, to compare with the server's copy.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};
use sha2::Digest as _;

/// The extensions udata's default settings accept for upload (`ALLOWED_RESOURCES_EXTENSIONS`
/// in udata/settings.py), of those `export` writes. Markdown, JSON-LD and N-Triples are not
/// among them: those files stay remote resources.
pub const UPLOADABLE: [&str; 8] = ["csv", "json", "xml", "rdf", "ttl", "ods", "xlsx", "zip"];

/// A local file to upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalFile {
    pub path: PathBuf,
    /// The name it is uploaded under (udata titles a fresh upload with it).
    pub file_name: String,
    /// Lowercase hex SHA-1, as udata reports `checksum.value` for hosted files.
    pub sha1: String,
}

#[derive(Debug, thiserror::Error)]
pub enum LocalError {
    #[error("reading {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is not the file datagouv.json describes (SHA-256 differs): run `export` again")]
    Stale { path: String },
}

/// The local file of a resource, when it is to be uploaded: its title is its path under the
/// exports directory (as `export` writes it) and its extension is one udata accepts.
pub fn local_file(
    exports: &Path,
    resource: &Map<String, Value>,
) -> Result<Option<LocalFile>, LocalError> {
    let Some(relative) = resource.get("title").and_then(Value::as_str) else {
        return Ok(None);
    };
    let uploadable = Path::new(relative)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| UPLOADABLE.contains(&e));
    let sha256 = resource
        .get("checksum")
        .and_then(|c| c.get("value"))
        .and_then(Value::as_str);
    let (true, Some(sha256)) = (uploadable, sha256) else {
        return Ok(None);
    };
    let path = exports.join(relative);
    let bytes = std::fs::read(&path).map_err(|source| LocalError::Read {
        path: path.display().to_string(),
        source,
    })?;
    if hex(&sha2::Sha256::digest(&bytes)) != sha256 {
        return Err(LocalError::Stale {
            path: path.display().to_string(),
        });
    }
    let sha1 = hex(&<sha1::Sha1 as sha1::Digest>::digest(&bytes));
    // `csv/items.csv` → `items.csv`; udata would slugify a slash away anyway.
    let file_name = relative.rsplit('/').next().unwrap_or(relative).to_string();
    Ok(Some(LocalFile {
        path,
        file_name,
        sha1,
    }))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
