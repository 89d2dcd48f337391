//! Full-text search as `/api/v1/search` runs it: rank every match and materialise the first page
//! of 20 hits with their highlighted snippets (`SearchIndex::search`);
//! and the `q` filter of lists (`matching_positions`), as `/api/v1/items?q=` runs it.

mod common;

use std::hint::black_box;

use congres_numerique::api::search::SearchIndex;
use criterion::{Criterion, criterion_group, criterion_main};

/// A frequent word (accent-folded), a two-word query, a phrase and a word found nowhere.
const QUERIES: [(&str, &str); 4] = [
    ("word", "donnees"),
    ("two_words", "donnée publique"),
    ("phrase", "\"transition écologique\""),
    ("no_match", "zzzzyx"),
];

fn search(c: &mut Criterion) {
    let (corpus, _) = common::corpus();
    let index = SearchIndex::build(&corpus).expect("index");
    let mut group = c.benchmark_group(format!("search/{}", common::corpus_label()));
    for (name, q) in QUERIES {
        group.bench_function(format!("page1_{name}"), |b| {
            b.iter(|| {
                black_box(
                    index
                        .search(black_box(q), None, None, 1, 20)
                        .expect("search"),
                )
            })
        });
    }
    group.bench_function("items_q_filter_word", |b| {
        b.iter(|| {
            black_box(
                index
                    .matching_positions(black_box("donnees"), "item")
                    .expect("positions"),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, search);
criterion_main!(benches);
