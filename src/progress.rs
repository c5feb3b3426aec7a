//! Progress of long computations (terrain of a large grid, suitability, route search, campaign,
//! report), reported through a plain callback so that the library knows nothing of who watches:
//! the command line draws a bar on a terminal, tests and benchmarks pass [`silent`].

#![warn(missing_docs)]

use std::sync::atomic::{AtomicU64, Ordering};

/// Told `(done, total)` in the computation's own units (rows, headings, metres of route, start
/// dates, sections). `Sync` because parallel loops call it from several threads; calls from
/// different threads may arrive slightly out of order, so a watcher keeps the largest `done`.
pub type Report<'a> = &'a (dyn Fn(u64, u64) + Sync);

/// A [`Report`] nobody watches.
pub fn silent(_done: u64, _total: u64) {}

/// Counts units finished by parallel workers and reports the running sum.
pub struct Counter<'a> {
    done: AtomicU64,
    total: u64,
    report: Report<'a>,
}

impl<'a> Counter<'a> {
    /// A counter of `total` units; reports `(0, total)` at once so the watcher knows the size.
    pub fn new(total: u64, report: Report<'a>) -> Self {
        report(0, total);
        Counter {
            done: AtomicU64::new(0),
            total,
            report,
        }
    }

    /// Adds `n` finished units and reports the sum (never more than the total).
    pub fn add(&self, n: u64) {
        let done = self.done.fetch_add(n, Ordering::Relaxed) + n;
        (self.report)(done.min(self.total), self.total);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::prelude::*;
    use std::sync::Mutex;

    #[test]
    fn parallel_adds_reach_the_total_once_all_are_done() {
        let seen = Mutex::new(Vec::new());
        let report = |d: u64, t: u64| seen.lock().unwrap().push((d, t));
        let counter = Counter::new(1000, &report);
        (0..1000).into_par_iter().for_each(|_| counter.add(1));
        let seen = seen.into_inner().unwrap();
        assert_eq!(seen.len(), 1001, "one report at the start, one per unit");
        assert_eq!(seen[0], (0, 1000));
        assert!(seen.iter().all(|&(d, t)| t == 1000 && d <= 1000));
        assert_eq!(seen.iter().map(|s| s.0).max(), Some(1000));
        // Each value 1..=1000 is reported exactly once, whatever the order of arrival.
        let mut done: Vec<u64> = seen[1..].iter().map(|s| s.0).collect();
        done.sort_unstable();
        assert_eq!(done, (1..=1000).collect::<Vec<_>>());
    }

    #[test]
    fn overcounting_is_clamped() {
        let last = Mutex::new((0, 0));
        let report = |d: u64, t: u64| *last.lock().unwrap() = (d, t);
        let counter = Counter::new(3, &report);
        counter.add(2);
        counter.add(5);
        assert_eq!(*last.lock().unwrap(), (3, 3));
    }
}
