//! The Code officiel géographique extract (`seeds/reference/cog-*.csv`) that communes and
//! intercommunalités are resolved against, instead of trusting what a source prints beside them.
//!
//! Performance (see BENCHMARKS.md): the extract lists every commune of France (~35,000 rows,
//! 1.1 MB) while the corpus cites a few dozen organisations. Materialising every row (four
//! `String`s each, in a SipHash map, then dropped) was 60 % of `Corpus::load` and so of the
//! service's start-up. Every row is still read and its shape checked (a damaged extract is
//! reported as before), but through one reused `ByteRecord`, and only the rows whose code is
//! [`Wanted`] are kept.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::diagnostics::{Diagnostics, SourceFile};

#[derive(Debug, Clone)]
pub struct CogCommune {
    pub name: String,
    pub department: String,
    pub siren: String,
}

#[derive(Debug, Clone)]
pub struct CogEpci {
    pub name: String,
    /// The départements of its member communes.
    pub departments: Vec<String>,
}

/// The rows of the extract that the corpus cites (see [`Cog::load`]).
#[derive(Debug, Default)]
pub struct Cog {
    pub communes: HashMap<String, CogCommune>,
    pub epcis: HashMap<String, CogEpci>,
}

/// The codes to resolve: INSEE codes of communes, SIREN numbers of intercommunalités. A code that
/// is wanted but absent from the extract is simply not in [`Cog`], which is how the loader tells
/// that it does not exist.
#[derive(Debug, Default)]
pub struct Wanted<'a> {
    pub communes: HashSet<&'a str>,
    pub epcis: HashSet<&'a str>,
}

impl Cog {
    /// Reads both extracts, checking every row, and keeps the rows of the `wanted` codes; a
    /// missing or malformed file becomes a diagnostic.
    pub fn load(reference_dir: &Path, wanted: &Wanted<'_>, diags: &mut Diagnostics) -> Self {
        let mut cog = Cog::default();
        read_rows(&reference_dir.join("cog-communes.csv"), 4, diags, |row| {
            let [code, name, department, siren] = row;
            if wanted.communes.contains(code) {
                cog.communes.insert(
                    code.to_string(),
                    CogCommune {
                        name: name.to_string(),
                        department: department.to_string(),
                        siren: siren.to_string(),
                    },
                );
            }
        });
        read_rows(&reference_dir.join("cog-epci.csv"), 4, diags, |row| {
            let [siren, name, _kind, departments] = row;
            if wanted.epcis.contains(siren) {
                cog.epcis.insert(
                    siren.to_string(),
                    CogEpci {
                        name: name.to_string(),
                        departments: departments.split(' ').map(str::to_string).collect(),
                    },
                );
            }
        });
        cog
    }
}

/// Calls `keep` with each row of a small CSV as four cells (missing trailing cells are empty),
/// after the header; rows of another width and malformed CSV become diagnostics.
fn read_rows(
    path: &Path,
    columns: usize,
    diags: &mut Diagnostics,
    mut keep: impl FnMut([&str; 4]),
) {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) => {
            diags.file(path, format!("cannot read the COG extract: {error}"));
            return;
        }
    };
    // Line positions are only needed to report a problem: computed then, once.
    let mut file: Option<SourceFile> = None;
    let mut report = |offset: usize, message: String, diags: &mut Diagnostics| {
        let file = file.get_or_insert_with(|| SourceFile::new(path.to_path_buf(), text.clone()));
        diags.at(file, offset, message);
    };
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut record = csv::ByteRecord::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) if record.len() == columns => {
                let mut row = [""; 4];
                for (cell, value) in row.iter_mut().zip(record.iter()) {
                    // The text is valid UTF-8 and the delimiters are ASCII: so is every cell.
                    *cell = std::str::from_utf8(value).unwrap_or_default();
                }
                keep(row);
            }
            Ok(true) => {
                let offset = record.position().map_or(0, |p| p.byte() as usize);
                let message = format!("expected {columns} columns, found {}", record.len());
                report(offset, message, diags);
            }
            Err(error) => {
                let offset = error.position().map_or(0, |p| p.byte() as usize);
                report(offset, format!("malformed CSV: {error}"), diags);
            }
        }
    }
}

/// `81004`, or `2A004` for Corsica.
pub fn is_well_formed_insee(code: &str) -> bool {
    let bytes = code.as_bytes();
    bytes.len() == 5
        && (bytes[..2].iter().all(u8::is_ascii_digit) || matches!(&bytes[..2], b"2A" | b"2B"))
        && bytes[2..].iter().all(u8::is_ascii_digit)
}

/// Nine digits whose Luhn checksum is valid (INSEE's rule for SIREN numbers).
pub fn is_well_formed_siren(siren: &str) -> bool {
    siren.len() == 9 && siren.bytes().all(|b| b.is_ascii_digit()) && {
        let sum: u32 = siren
            .bytes()
            .rev()
            .enumerate()
            .map(|(i, b)| {
                let d = u32::from(b - b'0');
                if i % 2 == 1 {
                    let doubled = d * 2;
                    if doubled > 9 { doubled - 9 } else { doubled }
                } else {
                    d
                }
            })
            .sum();
        sum.is_multiple_of(10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insee_codes_have_five_characters_with_corsica_letters() {
        assert!(is_well_formed_insee("81004"));
        assert!(is_well_formed_insee("2A004"));
        assert!(!is_well_formed_insee("8100"));
        assert!(!is_well_formed_insee("2C004"));
        assert!(!is_well_formed_insee("81O04"));
    }

    #[test]
    fn siren_numbers_carry_a_luhn_checksum() {
        assert!(is_well_formed_siren("246700488")); // Eurométropole de Strasbourg
        assert!(is_well_formed_siren("218100048")); // Albi
        assert!(!is_well_formed_siren("246700489"));
        assert!(!is_well_formed_siren("24670048"));
    }
}
