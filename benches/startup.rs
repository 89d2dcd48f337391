//! What `serve` does before it listens, step by step: load and validate `seeds/`
//! (`Corpus::load`: TOML, COG extract, references, fidelity of every text to its source), then
//! compute the API's views (`AppState::build`: JSON rows, JSON Lines, lookups, search index,
//! OpenAPI document). The sum is the in-process part of the start-up time that `bench/run.sh`
//! measures end to end (process start to the first 200 on /health).

mod common;

use std::hint::black_box;
use std::path::PathBuf;

use congres_numerique::api::search::SearchIndex;
use congres_numerique::api::state::AppState;
use congres_numerique::corpus::Corpus;
use congres_numerique::publication::Publication;
use criterion::{Criterion, criterion_group, criterion_main};

fn startup(c: &mut Criterion) {
    let seeds = common::seeds();
    let (corpus, publication) = common::corpus();
    let mut group = c.benchmark_group(format!("startup/{}", common::corpus_label()));
    group.bench_function("corpus_load_and_validate", |b| {
        b.iter(|| black_box(Corpus::load(&seeds).expect("valid corpus")))
    });
    group.bench_function("publication_load", |b| {
        b.iter(|| black_box(Publication::load(&seeds).expect("valid publication")))
    });
    group.bench_function("search_index_build", |b| {
        b.iter(|| black_box(SearchIndex::build(&corpus).expect("index")))
    });
    group.bench_function("app_state_build", |b| {
        b.iter(|| {
            black_box(
                AppState::build(
                    corpus.clone(),
                    publication.clone(),
                    PathBuf::from("exports"),
                    PathBuf::from("schemas"),
                )
                .expect("state"),
            )
        })
    });
    group.bench_function("load_then_build_state", |b| {
        b.iter(|| {
            let corpus = Corpus::load(&seeds).expect("valid corpus");
            let publication = Publication::load(&seeds).expect("valid publication");
            black_box(
                AppState::build(
                    std::sync::Arc::new(corpus),
                    publication,
                    PathBuf::from("exports"),
                    PathBuf::from("schemas"),
                )
                .expect("state"),
            )
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    // Start-up at x1000 takes seconds: few samples, still with criterion's statistics.
    config = Criterion::default().sample_size(10);
    targets = startup
}
criterion_main!(benches);
