//! What every bench shares: which corpus to measure.
//!
//! `CN_BENCH_SEEDS=/tmp/seeds-x100 cargo bench` measures a corpus built by `scale_corpus`;
//! without it, the repository's `seeds/`.

#![allow(dead_code)] // each bench uses a part

use std::path::PathBuf;
use std::sync::Arc;

use congres_numerique::corpus::Corpus;
use congres_numerique::publication::Publication;

/// The allocator of the `congres-numerique` binary (see `src/main.rs`), so that the benches
/// measure what the service runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub fn seeds() -> PathBuf {
    std::env::var_os("CN_BENCH_SEEDS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds"))
}

/// The corpus and its publication metadata, loaded once per bench binary.
pub fn corpus() -> (Arc<Corpus>, Publication) {
    let seeds = seeds();
    let corpus = Corpus::load(&seeds).unwrap_or_else(|e| panic!("{}: {e}", seeds.display()));
    let publication = Publication::load(&seeds).unwrap_or_else(|d| panic!("{d}"));
    (Arc::new(corpus), publication)
}

/// A label for the group names: `seeds` or the scaled directory's name (`x100`).
pub fn corpus_label() -> String {
    seeds()
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "seeds".into())
}
