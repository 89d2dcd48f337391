//! Dates that come from the release history, never from the clock: when a file's content or a
//! record last changed is the date of the first release that holds its current state.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::{History, Manifest, ReleaseError};

/// The record fields named after `dct:issued` and `dct:modified`.
pub const ISSUED: &str = "issued";
pub const MODIFIED: &str = "modified";

/// For each file path of the latest release: the release from which its bytes are unchanged.
pub fn file_dates(history: &History) -> BTreeMap<String, &Manifest> {
    let mut since: BTreeMap<String, (&str, &Manifest)> = BTreeMap::new();
    for manifest in history.releases() {
        let mut next = BTreeMap::new();
        for file in &manifest.files {
            let kept = since
                .get(file.path.as_str())
                .filter(|(sha, _)| *sha == file.sha256)
                .map_or(manifest, |(_, m)| *m);
            next.insert(file.path.clone(), (file.sha256.as_str(), kept));
        }
        since = next;
    }
    since.into_iter().map(|(p, (_, m))| (p, m)).collect()
}

/// When a file's current content was first released: the release date, or `None` if these
/// bytes are not (yet) in the latest release.
pub fn file_modified(history: &History, path: &str, sha256: &str) -> Option<Date> {
    let latest = history.latest()?;
    let entry = latest.file(path)?;
    if entry.sha256 != sha256 {
        return None;
    }
    file_dates(history).get(path).map(|m| m.date)
}

/// Checks that a date read back is a date (for the `since` parameter).
pub fn parse_date(text: &str) -> Result<Date, ReleaseError> {
    text.parse()
        .map_err(|_| ReleaseError::Since(text.to_string()))
}
