//! The Code officiel géographique extract (`seeds/reference/cog-*.csv`) that communes and
//! intercommunalités are resolved against, instead of trusting what a source prints beside them.

use std::collections::HashMap;
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
}

#[derive(Debug, Default)]
pub struct Cog {
    pub communes: HashMap<String, CogCommune>,
    pub epcis: HashMap<String, CogEpci>,
}

impl Cog {
    /// Reads both extracts; a missing or malformed file becomes a diagnostic.
    pub fn load(reference_dir: &Path, diags: &mut Diagnostics) -> Self {
        let mut cog = Cog::default();
        for row in read_rows(&reference_dir.join("cog-communes.csv"), 4, diags) {
            let [code, name, department, siren] = row;
            cog.communes.insert(
                code,
                CogCommune {
                    name,
                    department,
                    siren,
                },
            );
        }
        for row in read_rows(&reference_dir.join("cog-epci.csv"), 3, diags) {
            let [siren, name, _kind, _] = row;
            cog.epcis.insert(siren, CogEpci { name });
        }
        cog
    }
}

/// Rows of a small CSV as arrays of four cells (missing trailing cells are empty).
fn read_rows(path: &Path, columns: usize, diags: &mut Diagnostics) -> Vec<[String; 4]> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) => {
            diags.file(path, format!("cannot read the COG extract: {error}"));
            return Vec::new();
        }
    };
    let file = SourceFile::new(path.to_path_buf(), text);
    let mut reader = csv::Reader::from_reader(file.text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        match record {
            Ok(record) if record.len() == columns => {
                let mut row: [String; 4] = Default::default();
                for (cell, value) in row.iter_mut().zip(record.iter()) {
                    *cell = value.to_string();
                }
                rows.push(row);
            }
            Ok(record) => {
                let offset = record.position().map_or(0, |p| p.byte() as usize);
                diags.at(
                    &file,
                    offset,
                    format!("expected {columns} columns, found {}", record.len()),
                );
            }
            Err(error) => {
                let offset = error.position().map_or(0, |p| p.byte() as usize);
                diags.at(&file, offset, format!("malformed CSV: {error}"));
            }
        }
    }
    rows
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
