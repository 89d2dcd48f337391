//! Data parallelism for loading, without a thread pool crate: a slice is cut into one contiguous
//! chunk per available core and each chunk is handled on a scoped thread.
//!
//! Performance (see BENCHMARKS.md): on a corpus of thousands of editions, parsing the TOML files
//! and checking every text against its source are most of the start-up time, and each file,
//! text or source is independent of the others.

/// `f` applied to contiguous chunks of `items` (one per available core, at most 8), results in
/// the order of the chunks. One chunk, on the calling thread, when there is one core or few
/// items.
pub fn in_chunks<T: Sync, R: Send>(items: &[T], f: impl Fn(&[T]) -> R + Sync) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    // Below this, spawning threads costs more than it saves (the real corpus stays sequential).
    const MIN_PER_THREAD: usize = 16;
    let threads = cores.min(items.len() / MIN_PER_THREAD).max(1);
    if threads == 1 {
        return vec![f(items)];
    }
    let size = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(size)
            .map(|chunk| scope.spawn(move || f(chunk)))
            .collect();
        handles
            .into_iter()
            .map(|handle| match handle.join() {
                Ok(result) => result,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
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
    }
}
