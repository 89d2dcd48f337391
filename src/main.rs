use std::process::ExitCode;

use clap::Parser;
use congres_numerique::cli::{Cli, run};

/// mimalloc rather than glibc's malloc: start-up makes millions of small allocations on two
/// threads and frees many from another, and glibc spent a quarter of the ×1000 start-up in
/// `malloc`, `free` and their consolidation (perf; BENCHMARKS.md). Declared by the binaries (and
/// `benches/common`, so that they measure what `serve` runs), not by the library: the fuzz
/// targets keep the sanitizers' allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    run(Cli::parse())
}
