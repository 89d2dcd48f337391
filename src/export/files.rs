//! A tree of output files built in memory: relative path → bytes, plus what each file is (for
//! the README and the catalogue). Nothing touches the disk until the whole tree is built, so a
//! failure while building writes nothing.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use super::ExportError;

/// One output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub bytes: Vec<u8>,
    /// French title (README, catalogue).
    pub title: String,
    /// French description (README, catalogue).
    pub description: String,
    /// The schema the file follows, as a path under the base URL (`schemas/…`), if any.
    pub conforms_to: Option<String>,
}

impl OutputFile {
    /// Lowercase hexadecimal SHA-256 of the contents.
    pub fn sha256(&self) -> String {
        sha256_hex(&self.bytes)
    }
}

/// Files by relative path (`/` separators), in path order: the order in which they are written,
/// listed and checksummed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileTree {
    files: BTreeMap<String, OutputFile>,
}

impl FileTree {
    /// Adds a file; two files at one path is a bug in the exporter, reported rather than hidden.
    pub fn add(
        &mut self,
        path: impl Into<String>,
        bytes: Vec<u8>,
        title: impl Into<String>,
        description: impl Into<String>,
        conforms_to: Option<String>,
    ) -> Result<(), ExportError> {
        let path = path.into();
        let file = OutputFile {
            bytes,
            title: title.into(),
            description: description.into(),
            conforms_to,
        };
        match self.files.insert(path.clone(), file) {
            None => Ok(()),
            Some(_) => Err(ExportError::DuplicatePath(path)),
        }
    }

    pub fn get(&self, path: &str) -> Option<&OutputFile> {
        self.files.get(path)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &OutputFile)> {
        self.files.iter().map(|(path, file)| (path.as_str(), file))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Total size in bytes.
    pub fn byte_size(&self) -> u64 {
        self.files.values().map(|f| f.bytes.len() as u64).sum()
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
