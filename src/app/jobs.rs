//! Background work: one thread per job, progress and cancel through atomics, the result through a
//! channel polled once per frame. `ui()` never waits on a job.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// Shared progress (0..1) and cancel flag, handed to the worker.
#[derive(Clone)]
pub struct Progress {
    fraction: Arc<AtomicU32>,
    cancel: Arc<AtomicBool>,
    repaint: Option<egui::Context>,
}

impl Progress {
    /// A progress nobody watches (tests, benchmarks).
    pub fn detached() -> Self {
        Progress {
            fraction: Arc::new(AtomicU32::new(0)),
            cancel: Arc::new(AtomicBool::new(false)),
            repaint: None,
        }
    }

    /// Reports progress and wakes the UI.
    pub fn set(&self, f: f32) {
        self.fraction
            .store(f.clamp(0.0, 1.0).to_bits(), Ordering::Relaxed);
        if let Some(c) = &self.repaint {
            c.request_repaint();
        }
    }

    pub fn get(&self) -> f32 {
        f32::from_bits(self.fraction.load(Ordering::Relaxed))
    }

    /// True once the user pressed Cancel; workers check it between steps.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// A running job producing `T` (or an error message for the user).
pub struct Job<T> {
    pub label: String,
    progress: Progress,
    rx: Receiver<Result<T, String>>,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a new thread; `repaint` is woken when it reports or finishes.
    pub fn spawn(
        label: impl Into<String>,
        repaint: Option<egui::Context>,
        work: impl FnOnce(&Progress) -> Result<T, String> + Send + 'static,
    ) -> Self {
        let progress = Progress {
            repaint,
            ..Progress::detached()
        };
        let (tx, rx) = channel();
        let p = progress.clone();
        let label = label.into();
        let spawned = std::thread::Builder::new()
            .name(format!("fathom job: {label}"))
            .spawn(move || {
                let result = work(&p);
                let _ = tx.send(result);
                if let Some(c) = &p.repaint {
                    c.request_repaint();
                }
            });
        if let Err(e) = spawned {
            let (tx, rx2) = channel();
            let _ = tx.send(Err(format!("could not start a worker thread: {e}")));
            return Job {
                label,
                progress,
                rx: rx2,
            };
        }
        Job {
            label,
            progress,
            rx,
        }
    }

    /// The result once the worker is done; `None` while it runs.
    pub fn poll(&mut self) -> Option<Result<T, String>> {
        match self.rx.try_recv() {
            Ok(r) => Some(r),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(format!(
                "{}: the worker stopped unexpectedly",
                self.label
            ))),
        }
    }

    pub fn fraction(&self) -> f32 {
        self.progress.get()
    }

    pub fn cancel(&self) {
        self.progress.cancel.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.progress.is_cancelled()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait<T: Send + 'static>(job: &mut Job<T>) -> Result<T, String> {
        for _ in 0..500 {
            if let Some(r) = job.poll() {
                return r;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        panic!("job did not finish");
    }

    #[test]
    fn result_and_progress_arrive() {
        let mut job = Job::spawn("sum", None, |p| {
            p.set(0.5);
            Ok(2 + 2)
        });
        assert_eq!(wait(&mut job), Ok(4));
        assert_eq!(job.fraction(), 0.5);
    }

    #[test]
    fn cancel_reaches_worker() {
        let (go_tx, go_rx) = channel::<()>();
        let mut job: Job<()> = Job::spawn("wait", None, move |p| {
            go_rx.recv().ok();
            if p.is_cancelled() {
                Err("cancelled".into())
            } else {
                Ok(())
            }
        });
        job.cancel();
        go_tx.send(()).unwrap();
        assert_eq!(wait(&mut job), Err("cancelled".into()));
    }
}
