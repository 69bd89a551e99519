//! Work split over threads, results handed on in order.
//!
//! Used where a stage does the same work on many independent pieces and the output order
//! must not depend on scheduling: loading stored claims, making pairs. Threads take the next
//! piece from a shared counter; the calling thread receives results in piece order. A bounded
//! channel keeps at most a few results waiting, so memory stays bounded by the piece size.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Run `work(i)` for every `i` in `0..pieces` on `threads` threads and hand each result to
/// `emit` on the calling thread, in order of `i`.
pub fn map_in_order<T: Send>(pieces: usize, threads: usize, work: impl Fn(usize) -> T + Sync, mut emit: impl FnMut(T)) {
    let threads = threads.clamp(1, pieces.max(1));
    if threads == 1 {
        (0..pieces).for_each(|i| emit(work(i)));
        return;
    }
    let next = AtomicUsize::new(0);
    std::thread::scope(|s| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, T)>(threads * 2);
        for _ in 0..threads {
            let (tx, next, work) = (tx.clone(), &next, &work);
            s.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= pieces || tx.send((i, work(i))).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut waiting = BTreeMap::new();
        let mut due = 0;
        for (i, t) in rx {
            waiting.insert(i, t);
            while let Some(t) = waiting.remove(&due) {
                emit(t);
                due += 1;
            }
        }
    });
}

/// Threads to use: one per core.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order_whatever_the_threads() {
        for threads in [1, 2, 3, 8] {
            let mut got = Vec::new();
            // Uneven work, so pieces finish out of order.
            map_in_order(200, threads, |i| {
                if i % 7 == 0 {
                    std::thread::sleep(std::time::Duration::from_micros(200));
                }
                i * 2
            }, |v| got.push(v));
            assert_eq!(got, (0..200).map(|i| i * 2).collect::<Vec<_>>(), "{threads} threads");
        }
        let mut none = Vec::<usize>::new();
        map_in_order(0, 4, |i| i, |v| none.push(v));
        assert!(none.is_empty());
    }
}
