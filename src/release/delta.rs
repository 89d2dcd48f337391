//! Line deltas: a corrected file stored as the lines it shares with its previous release plus
//! the lines that changed. A one-word correction of `rdf/corpus.nt` (470 kB) is one changed
//! line, so the release adds a few hundred bytes instead of a copy of the file.
//!
//! Format (binary-safe; lines are split after each `\n`, the last one may lack it):
//!
//! ```text
//! cn-delta 1 <base sha256>\n
//! = <n>\n            copy the next n lines of the base
//! - <n>\n            skip the next n lines of the base
//! + <bytes>\n<raw>   insert these bytes (whole lines)
//! ```

use std::time::{Duration, Instant};

use similar::{Algorithm, DiffTag, capture_diff_slices_deadline};

const MAGIC: &str = "cn-delta 1 ";

/// Why a delta cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("malformed delta: {0}")]
pub struct DeltaError(pub String);

fn lines(bytes: &[u8]) -> Vec<&[u8]> {
    bytes.split_inclusive(|&b| b == b'\n').collect()
}

/// The delta that turns `base` (whose SHA-256 is `base_sha256`) into `new`.
pub fn encode(base_sha256: &str, base: &[u8], new: &[u8]) -> Vec<u8> {
    let old_lines = lines(base);
    let new_lines = lines(new);
    // A deadline keeps a pathological pair (a rewritten file) fast; the diff is then less
    // minimal, never wrong.
    let deadline = Instant::now() + Duration::from_secs(2);
    let ops =
        capture_diff_slices_deadline(Algorithm::Myers, &old_lines, &new_lines, Some(deadline));
    let mut out = format!("{MAGIC}{base_sha256}\n").into_bytes();
    for op in ops {
        let (tag, old, new) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => out.extend_from_slice(format!("= {}\n", old.len()).as_bytes()),
            DiffTag::Delete => out.extend_from_slice(format!("- {}\n", old.len()).as_bytes()),
            DiffTag::Insert | DiffTag::Replace => {
                if !old.is_empty() {
                    out.extend_from_slice(format!("- {}\n", old.len()).as_bytes());
                }
                let inserted: Vec<u8> = new_lines[new].concat();
                out.extend_from_slice(format!("+ {}\n", inserted.len()).as_bytes());
                out.extend_from_slice(&inserted);
            }
        }
    }
    out
}

/// The SHA-256 of the base a delta applies to.
pub fn base_of(delta: &[u8]) -> Result<&str, DeltaError> {
    let end = delta
        .iter()
        .position(|&b| b == b'\n')
        .ok_or_else(|| DeltaError("no header line".into()))?;
    let header =
        std::str::from_utf8(&delta[..end]).map_err(|_| DeltaError("header not UTF-8".into()))?;
    let base = header
        .strip_prefix(MAGIC)
        .ok_or_else(|| DeltaError(format!("header « {header} »")))?;
    if base.len() != 64 || !base.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(DeltaError(format!("base « {base} » is not a SHA-256")));
    }
    Ok(base)
}

/// Applies a delta to its base.
pub fn apply(delta: &[u8], base: &[u8]) -> Result<Vec<u8>, DeltaError> {
    let base_lines = lines(base);
    let mut at = delta
        .iter()
        .position(|&b| b == b'\n')
        .ok_or_else(|| DeltaError("no header line".into()))?
        + 1;
    let mut line = 0usize;
    let mut out = Vec::with_capacity(base.len());
    while at < delta.len() {
        let end = delta[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map(|e| at + e)
            .ok_or_else(|| DeltaError(format!("truncated operation at byte {at}")))?;
        let op = std::str::from_utf8(&delta[at..end])
            .map_err(|_| DeltaError(format!("operation at byte {at} not UTF-8")))?;
        let (kind, count) = op
            .split_once(' ')
            .ok_or_else(|| DeltaError(format!("operation « {op} »")))?;
        let count: usize = count
            .parse()
            .map_err(|_| DeltaError(format!("operation « {op} »")))?;
        at = end + 1;
        match kind {
            "=" | "-" => {
                let taken = base_lines
                    .get(line..line + count)
                    .ok_or_else(|| DeltaError(format!("« {op} » past the end of the base")))?;
                if kind == "=" {
                    taken.iter().for_each(|l| out.extend_from_slice(l));
                }
                line += count;
            }
            "+" => {
                let inserted = delta
                    .get(at..at + count)
                    .ok_or_else(|| DeltaError(format!("« {op} » past the end of the delta")))?;
                out.extend_from_slice(inserted);
                at += count;
            }
            _ => return Err(DeltaError(format!("operation « {op} »"))),
        }
    }
    if line != base_lines.len() {
        return Err(DeltaError(format!(
            "covers {line} of the base's {} lines",
            base_lines.len()
        )));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHA: &str = "0000000000000000000000000000000000000000000000000000000000000000";

    fn round_trip(base: &[u8], new: &[u8]) -> Vec<u8> {
        let delta = encode(SHA, base, new);
        assert_eq!(base_of(&delta).unwrap(), SHA);
        assert_eq!(apply(&delta, base).unwrap(), new);
        delta
    }

    #[test]
    fn a_one_word_change_is_one_line() {
        let base: String = (0..1000)
            .map(|i| format!("ligne {i} du fichier\n"))
            .collect();
        let new = base.replace("ligne 500 du", "ligne 500 au");
        let delta = round_trip(base.as_bytes(), new.as_bytes());
        assert!(delta.len() < 150, "{}", String::from_utf8_lossy(&delta));
    }

    #[test]
    fn edges_round_trip() {
        round_trip(b"", b"");
        round_trip(b"", b"a\nb");
        round_trip(b"a\nb", b"");
        round_trip(b"a\nb", b"a\nb\n");
        round_trip(b"x\ny\nz\n", b"y\nz\nw");
        round_trip(&[0, 159, 146, 150, b'\n', 255], &[0, 159, b'\n', 146]);
    }

    #[test]
    fn a_damaged_delta_is_an_error_not_a_wrong_file() {
        let delta = encode(SHA, b"a\nb\nc\n", b"a\nB\nc\n");
        assert!(apply(&delta, b"a\nb\n").is_err());
        assert!(apply(&delta[..delta.len() - 2], b"a\nb\nc\n").is_err());
        assert!(base_of(b"garbage\n").is_err());
    }
}
