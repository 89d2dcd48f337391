//! Data parallelism for loading, without a thread pool crate: a slice is cut into contiguous
//! chunks, handed out in order to one scoped thread per available core as each becomes free.
//! [`schedule`] and [`joined`] are the mechanism, also used where the threads wait for the disk
//! rather than the CPU (the export's fsyncs).
//!
//! Performance (see BENCHMARKS.md): on a corpus of thousands of editions, parsing the TOML files
//! and checking every text against its source are most of the start-up time, and each file,
//! text or source is independent of the others.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Chunks per thread. One chunk per core left a core idle whenever the halves cost unequal time
/// (texts and sources vary in length) or another process took a core for a while; smaller
/// chunks taken on demand keep both busy to the end.
const CHUNKS_PER_THREAD: usize = 16;

/// `f` applied to contiguous chunks of `items` on one thread per available core (at most 8),
/// results in the order of the chunks. One chunk, on the calling thread, when there is one core
/// or few items.
pub fn in_chunks<T: Sync, R: Send>(items: &[T], f: impl Fn(&[T]) -> R + Sync) -> Vec<R> {
    let threads = threads_for(items.len());
    if threads == 1 {
        return vec![f(items)];
    }
    let chunks: Vec<&[T]> = items.chunks(chunk_size(items.len(), threads)).collect();
    schedule(chunks.len(), threads, |k| f(chunks[k]))
}

/// [`in_chunks`] taking the items: each chunk is handed to `f` by value, so what `f` does not
/// keep is also freed in parallel (the parsed TOML of thousands of files).
pub fn into_chunks<T: Send, R: Send>(items: Vec<T>, f: impl Fn(Vec<T>) -> R + Sync) -> Vec<R> {
    let threads = threads_for(items.len());
    if threads == 1 {
        return vec![f(items)];
    }
    let size = chunk_size(items.len(), threads);
    let mut chunks: Vec<Mutex<Vec<T>>> = Vec::new();
    let mut items = items.into_iter().peekable();
    while items.peek().is_some() {
        chunks.push(Mutex::new(items.by_ref().take(size).collect()));
    }
    // Each chunk is taken by exactly one call: the lock is never contended.
    let take = |k: usize| std::mem::take(&mut *chunks[k].lock().unwrap_or_else(|e| e.into_inner()));
    schedule(chunks.len(), threads, |k| f(take(k)))
}

fn threads_for(items: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    // Below this, spawning threads costs more than it saves (the real corpus stays sequential).
    const MIN_PER_THREAD: usize = 16;
    cores.min(items / MIN_PER_THREAD).max(1)
}

fn chunk_size(items: usize, threads: usize) -> usize {
    items.div_ceil(threads * CHUNKS_PER_THREAD)
}

/// `run(k)` for every `k < chunks` on `threads` threads (the calling one included), each thread
/// taking the next `k` when it is free; results in the order of `k`.
pub(crate) fn schedule<R: Send>(
    chunks: usize,
    threads: usize,
    run: impl Fn(usize) -> R + Sync,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let k = next.fetch_add(1, Ordering::Relaxed);
            if k >= chunks {
                return done;
            }
            done.push((k, run(k)));
        }
    };
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        // The calling thread works too rather than waiting.
        let mut results = work();
        for handle in handles {
            results.extend(joined(handle));
        }
        results
    });
    results.sort_unstable_by_key(|&(k, _)| k);
    results.into_iter().map(|(_, result)| result).collect()
}

/// What a scoped thread returned; its panic goes on in the caller.
pub(crate) fn joined<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_come_back_in_order_and_cover_everything() {
        let items: Vec<usize> = (0..1000).collect();
        let sums = in_chunks(&items, |chunk| chunk.to_vec());
        assert_eq!(sums.concat(), items);
        assert_eq!(in_chunks(&items[..3], |c| c.len()), vec![3]);
        assert_eq!(in_chunks(&[] as &[u8], |c| c.len()), vec![0]);
        let owned = into_chunks(items.clone(), |chunk| chunk);
        assert!(owned.len() > 1 || threads_for(items.len()) == 1);
        assert_eq!(owned.concat(), items);
        assert_eq!(into_chunks(vec![1, 2, 3], |c| c), vec![vec![1, 2, 3]]);
    }
}
