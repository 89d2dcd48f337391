//! The repository holds only what may be republished: no tracked file carries an e-mail address
//! other than the association's public one, nor text of the press article's body.
//!
//! The article itself is not in the repository, and this test must not republish it either: it
//! holds only SHA-256 fingerprints of the article's word shingles (`tests/data/
//! press-article-fingerprints.txt`), made by the ignored test below from the received file. A
//! shingle is 12 consecutive words (lowercased, split at anything but letters and digits); one
//! is kept every 6 words, so any run of 17 words or more copied from the article contains a
//! fingerprinted shingle, while a few words quoted as provenance (an author, a date) do not, and
//! the fingerprints cannot be chained back into the text. Shingles the article shares with the
//! republishable sources (it quotes the motion) are left out: the motion may be published.

mod support;

use std::borrow::Cow;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256};

/// The association's public, generic addresses: the only real ones any file may carry.
const PUBLIC_ADDRESSES: &[&str] = &["coordination@villes-internet.net"];

/// Whether an address may appear: a public one, or one at a domain reserved for examples
/// (RFC 2606, RFC 6761), which can be nobody's.
fn allowed(address: &str) -> bool {
    let address = address.to_lowercase();
    let domain = address.rsplit('@').next().unwrap_or_default();
    PUBLIC_ADDRESSES.contains(&address.as_str())
        || ["example.com", "example.net", "example.org"].contains(&domain)
        || [".example", ".test", ".invalid", ".localhost"]
            .iter()
            .any(|tld| domain.ends_with(tld))
}

/// SHA-256 of the words (lowercased) of the private address printed in the 2026 document: its
/// local part must not appear anywhere either, even outside an address. Hashed, so that this
/// file does not carry it.
const PRIVATE_WORDS: &[&str] =
    &["bb7df95d462ee11b7fc541e9bc15573ba5e84261081f714049a2f501f2880182"];

const SHINGLE: usize = 12;
const STRIDE: usize = 6;
const FINGERPRINTS: &str = "tests/data/press-article-fingerprints.txt";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every tracked file (`git ls-files`); without git (a source archive), every file of the tree
/// but build outputs and local tool environments.
fn tracked_files() -> Vec<PathBuf> {
    let root = root();
    let listed = Command::new("git")
        .args(["ls-files", "-z"])
        .current_dir(&root)
        .output()
        .ok()
        .filter(|o| o.status.success());
    match listed {
        Some(output) => output
            .stdout
            .split(|&b| b == 0)
            .filter(|name| !name.is_empty())
            .map(|name| root.join(String::from_utf8_lossy(name).as_ref()))
            // A file deleted in the work tree but not yet from the index is not published.
            .filter(|path| path.is_file())
            .collect(),
        None => {
            let mut files = Vec::new();
            walk(&root, &mut files);
            files
        }
    }
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            let skipped = name == "target" || name == "node_modules" || name.starts_with('.');
            if !skipped {
                walk(&path, files);
            }
        } else {
            files.push(path);
        }
    }
}

/// The e-mail addresses in `text` (`local@domain.example`, as the export validator finds them).
fn addresses(text: &str) -> Vec<String> {
    let is_local = |c: char| c.is_alphanumeric() || "._%+-".contains(c);
    let is_domain = |c: char| c.is_alphanumeric() || ".-".contains(c);
    let mut found = Vec::new();
    for (at, _) in text.match_indices('@') {
        let local: String = text[..at]
            .chars()
            .rev()
            .take_while(|&c| is_local(c))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let domain: String = text[at + 1..]
            .chars()
            .take_while(|&c| is_domain(c))
            .collect();
        let domain = domain.trim_end_matches(['.', '-']);
        let labels: Vec<&str> = domain.split('.').collect();
        // A top-level domain is letters: `cargo-fuzz@0.13.2` is a version, not an address.
        let tld_ok = labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(char::is_alphabetic));
        if !local.is_empty() && labels.len() >= 2 && labels.iter().all(|l| !l.is_empty()) && tld_ok
        {
            found.push(format!("{local}@{domain}"));
        }
    }
    found
}

fn unhex(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hexadecimal"))
        .collect()
}

/// Lowercased words: runs of letters and digits.
fn words(text: &str) -> Vec<Cow<'_, str>> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.chars().any(char::is_uppercase) {
                Cow::Owned(w.to_lowercase())
            } else {
                Cow::Borrowed(w)
            }
        })
        .collect()
}

/// The first 8 bytes of the SHA-256 of a shingle's words joined by spaces (written as 16
/// hexadecimal digits).
fn fingerprint(shingle: &[Cow<'_, str>]) -> u64 {
    let mut hasher = Sha256::new();
    for (i, word) in shingle.iter().enumerate() {
        if i > 0 {
            hasher.update(b" ");
        }
        hasher.update(word.as_bytes());
    }
    let digest = hasher.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(first)
}

fn all_fingerprints(text: &str) -> Vec<u64> {
    words(text).windows(SHINGLE).map(fingerprint).collect()
}

fn article_fingerprints() -> HashSet<u64> {
    let text = std::fs::read_to_string(root().join(FINGERPRINTS)).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let l = l.trim();
            assert!(
                l.len() == 16,
                "{FINGERPRINTS}: {l:?} is not 16 hexadecimal digits"
            );
            u64::from_str_radix(l, 16).unwrap_or_else(|e| panic!("{FINGERPRINTS}: {l:?}: {e}"))
        })
        .collect()
}

/// What a file carries that it must not: addresses other than the public ones, and the number
/// of shingles of the article's body.
fn offences(text: &str, article: &HashSet<u64>) -> (Vec<String>, usize) {
    let mut private: Vec<String> = addresses(text)
        .into_iter()
        .filter(|a| !allowed(a))
        .collect();
    private.sort();
    private.dedup();
    let words = words(text);
    let private_words: Vec<Vec<u8>> = PRIVATE_WORDS.iter().map(|h| unhex(h)).collect();
    // Each distinct word once: a file repeats most of its words.
    let distinct: HashSet<&str> = words.iter().map(|w| w.as_ref()).collect();
    for word in distinct {
        let digest = Sha256::digest(word.as_bytes());
        if private_words
            .iter()
            .any(|p| p.as_slice() == digest.as_slice())
        {
            private.push("(a word of the private address, by its SHA-256)".to_string());
        }
    }
    let copied = words
        .windows(SHINGLE)
        .map(fingerprint)
        .filter(|f| article.contains(f))
        .count();
    (private, copied)
}

#[test]
fn no_tracked_file_holds_a_private_address_or_the_press_article() {
    let article = article_fingerprints();
    let files = tracked_files();
    assert!(
        files
            .iter()
            .any(|f| f.ends_with("seeds/corpus/sources.toml")),
        "the tracked files were not found"
    );
    let mut problems = Vec::new();
    for path in &files {
        let Some(text) = readable_text(path) else {
            continue;
        };
        let (private, copied) = offences(&text, &article);
        let shown = path.strip_prefix(root()).unwrap_or(path).display();
        for address in private {
            problems.push(format!(
                "{shown}: e-mail address {address} (only {PUBLIC_ADDRESSES:?} may appear)"
            ));
        }
        if copied > 0 {
            problems.push(format!(
                "{shown}: {copied} passage(s) of 12 words from the press article's body (third-party text, not republished)"
            ));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_checks_catch_what_they_look_for() {
    let article = article_fingerprints();
    assert!(article.len() >= 50, "{} fingerprints", article.len());
    // Built at run time: this file is tracked, and must not hold the address it looks for.
    let personal = format!("jean.dupont{}mairie.fr", '@');
    let (private, _) = offences(
        &format!("contact : {personal}, ou coordination@villes-internet.net, ou a@b.example."),
        &article,
    );
    assert_eq!(private, [personal]);
    let (private, _) = offences(
        "l'@ de Villes Internet, cinq arobases, cargo-fuzz@0.13.2",
        &article,
    );
    assert!(private.is_empty(), "{private:?}");
    // The private address's local part, even alone (built from its pieces at run time).
    let local = ["mf", "du", "jarrier"].concat();
    let (private, _) = offences(&format!("écrire à {local}"), &article);
    assert_eq!(private.len(), 1, "{private:?}");
    // The article itself, where its reader has it: every part of it is caught.
    if let Ok(path) = std::env::var("PRESS_ARTICLE") {
        let text = std::fs::read_to_string(path).unwrap();
        let (_, copied) = offences(&text, &article);
        assert!(copied >= article.len(), "{copied} of {}", article.len());
    }
    // A sentence of ours is not the article.
    let (_, copied) = offences(
        "Les textes sont recopiés mot pour mot depuis leur source, et chaque ligne de la source est reprise ou déclarée.",
        &article,
    );
    assert_eq!(copied, 0);
}

/// Writes the fingerprints from the article as received:
/// `PRESS_ARTICLE=/path/to/003_335eb43454118f56.txt cargo test --test repository -- --ignored`.
#[test]
#[ignore = "needs the press article as received (PRESS_ARTICLE=path), which the repository does not hold"]
fn regenerate_press_article_fingerprints() {
    let path = std::env::var("PRESS_ARTICLE").expect("PRESS_ARTICLE=path of the article");
    let article = std::fs::read_to_string(path).unwrap();
    let mut republishable = HashSet::new();
    for entry in std::fs::read_dir(root().join("seeds/sources")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        republishable.extend(all_fingerprints(&text));
    }
    let words: Vec<Cow<'_, str>> = words(&article);
    let mut kept = Vec::new();
    let mut start = 0;
    while start + SHINGLE <= words.len() {
        let print = fingerprint(&words[start..start + SHINGLE]);
        if !republishable.contains(&print) && !kept.contains(&print) {
            kept.push(print);
        }
        start += STRIDE;
    }
    let mut out = String::from(
        "# SHA-256 (first 16 hex digits) of 12-word shingles of the press article's body, one every\n\
         # 6 words, less those it shares with the republishable sources. See tests/repository.rs.\n",
    );
    for print in kept {
        out.push_str(&format!("{print:016x}\n"));
    }
    std::fs::create_dir_all(root().join("tests/data")).unwrap();
    std::fs::write(root().join(FINGERPRINTS), out).unwrap();
}

/// The text a file holds: a workbook's (a zip archive) is the text of its entries, since its
/// compressed bytes can look like an address by chance and would hide a real one; so are a
/// SQLite database's and a Parquet file's (their cells); an image or another binary file holds
/// none.
fn readable_text(path: &Path) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    // By signature too: a release stores workbooks as objects named by their SHA-256.
    let workbook = matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("xlsx" | "ods")
    ) || bytes.starts_with(b"PK\x03\x04");
    let name = path.to_string_lossy();
    if let Some(text) = support::tabular_text(&name, &bytes) {
        return Some(text);
    }
    if workbook {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
        let mut text = String::new();
        for i in 0..archive.len() {
            let mut entry = archive.by_index(i).ok()?;
            let mut content = Vec::new();
            std::io::Read::read_to_end(&mut entry, &mut content).ok()?;
            text.push_str(&String::from_utf8_lossy(&content));
            text.push('\n');
        }
        return Some(text);
    }
    String::from_utf8(bytes).ok()
}
