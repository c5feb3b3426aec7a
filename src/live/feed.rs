//! The consumer side of a live source: decodes what the reader thread received, keeps the last
//! fix and attitude and the recent track, says whether the source has gone stale, and writes
//! everything received to a log that `fathom track --nmea` reads afterwards.
//!
//! [`Feed::poll`] takes at most a given number of lines per call, so a burst costs the caller
//! (the planner's frame) a bounded amount of work; what the channel cannot hold is dropped and
//! counted by the reader.

use super::source::{Reader, Received};
use crate::formats::nmea::{AttitudeSample, Counts, Decoder, Fix};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant, SystemTime};

/// Default staleness timeout: a GNSS receiver reports at 1 Hz or faster, so 5 s without a
/// position is five missed epochs \[E\].
pub const DEFAULT_STALE_AFTER: Duration = Duration::from_secs(5);

/// Most track points kept, whatever the span (10 Hz for an hour).
const MAX_TRACK: usize = 36_000;

/// The state of the link, for the panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkState {
    /// Nothing received yet.
    Waiting,
    /// A position arrived within the timeout.
    Live,
    /// No position for longer than the timeout (silent source, or sentences without a fix).
    Stale,
}

/// What the panel shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Status {
    /// Waiting, live or stale.
    pub state: LinkState,
    /// Seconds since the last position arrived.
    pub fix_age_s: Option<f64>,
    /// Seconds since any line arrived.
    pub silent_s: Option<f64>,
    /// The latest position fix.
    pub fix: Option<Fix>,
    /// The latest attitude sample the decoder holds.
    pub attitude: Option<AttitudeSample>,
}

/// Decoded live data.
pub struct Feed {
    decoder: Decoder,
    stale_after: Duration,
    track_span: chrono::Duration,
    track: VecDeque<Fix>,
    current: Option<Fix>,
    last_line: Option<Instant>,
    last_fix: Option<Instant>,
    log: Option<BufWriter<File>>,
    log_error: Option<String>,
}

impl Feed {
    /// A feed that reports stale after `stale_after` without a position and keeps the last
    /// `track_minutes` of track.
    pub fn new(stale_after: Duration, track_minutes: u32) -> Feed {
        Feed {
            decoder: Decoder::default(),
            stale_after,
            track_span: chrono::Duration::minutes(track_minutes.into()),
            track: VecDeque::new(),
            current: None,
            last_line: None,
            last_fix: None,
            log: None,
            log_error: None,
        }
    }

    /// Also writes every received line to `path` (created or truncated), with a comment header.
    pub fn log_to(&mut self, path: &Path, source: &str) -> std::io::Result<()> {
        let mut w = BufWriter::new(File::create(path)?);
        writeln!(
            w,
            "# fathom live log: {source}, started {}",
            Utc::now().to_rfc3339()
        )?;
        self.log = Some(w);
        Ok(())
    }

    /// Takes up to `max` lines from the reader. Returns how many were taken.
    pub fn poll(&mut self, reader: &Reader, max: usize, now: Instant) -> usize {
        let mut n = 0;
        while n < max {
            let Some(r) = reader.try_recv() else {
                break;
            };
            self.push(&r, now);
            n += 1;
        }
        if n > 0 {
            self.flush_log();
        }
        n
    }

    /// Decodes one received line.
    pub fn push(&mut self, r: &Received, now: Instant) {
        self.last_line = Some(now);
        if let Some(w) = &mut self.log
            && let Err(e) = writeln!(w, "{}", r.line.trim_end())
        {
            self.log_error = Some(e.to_string());
            self.log = None;
        }
        let date = fallback_date(r.at);
        self.decoder.line(&r.line);
        for f in self.decoder.take_complete(date) {
            self.add_track(f);
        }
        let cur = self.decoder.current(date);
        if cur.is_some() && cur != self.current {
            self.last_fix = Some(now);
        }
        if cur.is_some() {
            self.current = cur;
        }
    }

    fn add_track(&mut self, f: Fix) {
        let newest = f.time;
        self.track.push_back(f);
        while self.track.len() > MAX_TRACK
            || self
                .track
                .front()
                .is_some_and(|o| newest - o.time > self.track_span || o.time > newest)
        {
            self.track.pop_front();
        }
    }

    fn flush_log(&mut self) {
        if let Some(w) = &mut self.log
            && let Err(e) = w.flush()
        {
            self.log_error = Some(e.to_string());
            self.log = None;
        }
    }

    /// The link state and the latest data at `now`.
    pub fn status(&self, now: Instant) -> Status {
        let age = |t: Option<Instant>| t.map(|t| now.saturating_duration_since(t));
        let fix_age = age(self.last_fix);
        let state = match (self.last_line, fix_age) {
            (None, _) => LinkState::Waiting,
            (Some(_), Some(a)) if a <= self.stale_after => LinkState::Live,
            _ => LinkState::Stale,
        };
        Status {
            state,
            fix_age_s: fix_age.map(|d| d.as_secs_f64()),
            silent_s: age(self.last_line).map(|d| d.as_secs_f64()),
            fix: self.current.clone(),
            attitude: self.decoder.attitude(),
        }
    }

    /// The completed fixes of the last minutes, oldest first.
    pub fn track(&self) -> &VecDeque<Fix> {
        &self.track
    }

    /// What the decoder met (bad checksums, garbled, no fix…).
    pub fn counts(&self) -> &Counts {
        self.decoder.counts()
    }

    /// Why the log stopped being written, if it did.
    pub fn log_error(&self) -> Option<&str> {
        self.log_error.as_deref()
    }
}

/// Dropped-line count of a reader (a convenience for the panel).
pub fn dropped(reader: &Reader) -> u64 {
    reader.stats().dropped.load(Ordering::Relaxed)
}

/// The receiving clock's UTC date, for epochs before the stream has given one.
fn fallback_date(at: SystemTime) -> NaiveDate {
    DateTime::<Utc>::from(at).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(body: &str) -> Received {
        let sum = body.bytes().fold(0u8, |a, b| a ^ b);
        Received {
            at: SystemTime::now(),
            line: format!("${body}*{sum:02X}"),
        }
    }

    #[test]
    fn silent_source_goes_stale_and_bad_lines_are_counted() {
        let t0 = Instant::now();
        let mut feed = Feed::new(Duration::from_secs(5), 10);
        assert_eq!(feed.status(t0).state, LinkState::Waiting);
        feed.push(
            &line("GPGGA,120000,5000.0,N,00100.0,W,1,08,0.9,1.0,M,,,,"),
            t0,
        );
        feed.push(
            &Received {
                at: SystemTime::now(),
                line: "$GPGGA,garbage*00".into(),
            },
            t0,
        );
        let s = feed.status(t0 + Duration::from_secs(5));
        assert_eq!(s.state, LinkState::Live);
        assert_eq!(s.fix.as_ref().unwrap().hdop, Some(0.9));
        assert_eq!(feed.counts().bad_checksum, 1);
        // Sentences keep arriving but none has a position: stale all the same.
        let t6 = t0 + Duration::from_secs(6);
        feed.push(&line("GPGGA,120006,,,,,0,,,,,,,,"), t6);
        let s = feed.status(t6);
        assert_eq!(s.state, LinkState::Stale);
        assert_eq!(s.silent_s, Some(0.0));
        assert_eq!(s.fix_age_s, Some(6.0));
        assert_eq!(feed.counts().no_fix, 1);
    }

    #[test]
    fn track_keeps_the_last_minutes() {
        let t0 = Instant::now();
        let mut feed = Feed::new(DEFAULT_STALE_AFTER, 1);
        for s in 0..100 {
            let (m, s) = (s / 60, s % 60);
            feed.push(
                &line(&format!(
                    "GPRMC,12{m:02}{s:02},A,5000.0,N,00100.0,W,1.0,90.0,010611,,,A"
                )),
                t0,
            );
        }
        // 99 epochs closed by a newer one; those within a minute of the newest (12:01:38) kept.
        let t = feed.track();
        assert_eq!(
            t.back().unwrap().time.to_rfc3339(),
            "2011-06-01T12:01:38+00:00"
        );
        assert_eq!(
            t.front().unwrap().time.to_rfc3339(),
            "2011-06-01T12:00:38+00:00"
        );
        assert_eq!(t.len(), 61);
    }
}
