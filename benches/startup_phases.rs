//! One timed pass over each start-up phase, for corpora too large for criterion's repetitions
//! (`CN_BENCH_SEEDS=/tmp/seeds-x1000 cargo bench --bench startup_phases`). Prints one JSON
//! object; `bench/run.sh` keeps it with the scale results. Not a statistical measurement: the
//! end-to-end start-up time of the harness (median of several process starts) is the figure.

mod common;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use congres_numerique::api::search::SearchIndex;
use congres_numerique::api::state::AppState;
use congres_numerique::corpus::Corpus;
use congres_numerique::publication::Publication;

/// Resident memory of this process now, in MiB (Linux; 0 elsewhere).
fn rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or(0.0, |kb| (kb / 102.4).round() / 10.0)
}

fn ms(start: Instant) -> f64 {
    (start.elapsed().as_secs_f64() * 1e5).round() / 100.0
}

fn main() {
    let seeds = common::seeds();
    let t = Instant::now();
    let corpus = Arc::new(Corpus::load(&seeds).expect("valid corpus"));
    let load = ms(t);
    let rss_corpus = rss_mib();
    let publication = Publication::load(&seeds).expect("publication");
    let t = Instant::now();
    let search = SearchIndex::build(&corpus).expect("index");
    let search_ms = ms(t);
    let rss_search = rss_mib();
    drop(search);
    let t = Instant::now();
    let state = AppState::build(
        corpus.clone(),
        publication,
        PathBuf::from("exports"),
        PathBuf::from("schemas"),
    )
    .expect("state");
    let state_ms = ms(t);
    let rss_state = rss_mib();
    println!(
        "{{\"corpus\":\"{}\",\"items\":{},\"corpus_load_ms\":{load},\"search_index_build_ms\":{search_ms},\"app_state_build_ms\":{state_ms},\"rss_mib_after_load\":{rss_corpus},\"rss_mib_with_search_index\":{rss_search},\"rss_mib_with_state\":{rss_state}}}",
        common::corpus_label(),
        corpus.items.len()
    );
    drop(state);
}
