//! Every export format on its own, then the whole publication (`export::build`, every file in
//! memory: what `congres-numerique export` does between loading the corpus and writing files),
//! and the corpus graph serialised in each RDF format. `rdf_turtle` is the figure compared with
//! rdflib (bench/rdflib_turtle.py). `sqlite_database` and `parquet_all_tables` are the two
//! writers of issue 16 alone, from the CSV tables they share with the other tabular formats
//! (bench/sparql.sh times them at ×1 and ×1000).

mod common;

use std::hint::black_box;

use congres_numerique::export;
use congres_numerique::rdf::{self, RdfFormat};
use criterion::{Criterion, criterion_group, criterion_main};

fn exports(c: &mut Criterion) {
    let (corpus, publication) = common::corpus();
    let mut group = c.benchmark_group(format!("export/{}", common::corpus_label()));
    group.bench_function("csv_all_tables", |b| {
        b.iter(|| black_box(export::csv_tables(&corpus).expect("csv")))
    });
    group.bench_function("json_corpus", |b| {
        b.iter(|| {
            let value = export::corpus_json(&corpus, &publication).expect("json");
            let mut bytes = serde_json::to_vec_pretty(&value).expect("json bytes");
            bytes.push(b'\n');
            black_box(bytes)
        })
    });
    let tables = export::csv_tables(&corpus).expect("csv");
    group.bench_function("sqlite_database", |b| {
        b.iter(|| black_box(export::sqlite::database(&tables, &publication).expect("sqlite")))
    });
    group.bench_function("parquet_all_tables", |b| {
        b.iter(|| {
            let files: Vec<Vec<u8>> = tables
                .iter()
                .map(|table| export::parquet::parquet(table, &publication).expect("parquet"))
                .collect();
            black_box(files)
        })
    });
    group.bench_function("rdf_graph_build", |b| {
        b.iter(|| black_box(rdf::corpus_graph(&corpus, &publication).expect("graph")))
    });
    let triples = rdf::corpus_graph(&corpus, &publication).expect("graph");
    for format in RdfFormat::ALL {
        group.bench_function(format!("rdf_{}", format.file_extension()), |b| {
            b.iter(|| {
                black_box(
                    rdf::serialize(&triples, format, &publication.base_url, Vec::new())
                        .expect("serialise"),
                )
            })
        });
    }
    group.bench_function("build_everything", |b| {
        b.iter(|| black_box(export::build(&corpus, &publication).expect("export")))
    });
    group.finish();
    eprintln!("corpus graph: {} triples", triples.len());
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = exports
}
criterion_main!(benches);
