//! The live positioning session: the reader of the vessel's NMEA stream ([`crate::live`]) on its
//! own thread, its settings, and the positions of vessel, boom tip and hook worked out each frame
//! for the mission's rig and the selected cabin. Each frame takes at most [`LINES_PER_FRAME`]
//! lines from the reader's bounded channel, so a burst never stalls the UI. Runtime data, held by
//! the state; its window is [`super::live_panel`], its map layer `map::live`.

use super::document::{Document, Selection};
use crate::formats::nmea::Fix;
use crate::live::feed::DEFAULT_STALE_AFTER;
use crate::live::position::{self, LivePositions, Rig};
use crate::live::{Feed, Reader, Source, Status};
use crate::mission::AsPlaced;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Most lines decoded per frame; the rest wait in the channel (or are dropped when it is full).
pub const LINES_PER_FRAME: usize = 2_000;

/// Lines the channel holds between two frames (a 10,000 line/s burst over ~0.4 s).
pub const CHANNEL_CAPACITY: usize = 4_096;

/// Most track points drawn per frame (older points thinned).
const MAX_DRAWN: usize = 2_000;

/// A connected source: its reader thread and what it received.
pub(super) struct Running {
    pub(super) reader: Reader,
    pub(super) feed: Feed,
    pub(super) source: Source,
}

/// The live input, its settings and the latest positions.
pub struct LiveSession {
    pub open: bool,
    /// `udp://ADDR:PORT`, `tcp://HOST:PORT` or a serial device path.
    pub source_text: String,
    /// Where to log everything received (empty: no log).
    pub log_path: String,
    /// The cabin's heading minus the vessel's as rigged (degrees).
    pub cabin_offset_deg: f64,
    /// Minutes of track kept and drawn.
    pub track_minutes: u32,
    pub error: Option<String>,
    pub(super) running: Option<Running>,
    positions: Option<LivePositions>,
    /// The target cabin's id, lon/lat and the plan's tolerance (m), for the map.
    target: Option<(String, f64, f64, f64)>,
}

impl Default for LiveSession {
    fn default() -> Self {
        LiveSession {
            open: false,
            // 10110: the IANA port for NMEA 0183 over IP, OpenCPN's default.
            source_text: "udp://0.0.0.0:10110".into(),
            log_path: String::new(),
            cabin_offset_deg: 0.0,
            track_minutes: 10,
            error: None,
            running: None,
            positions: None,
            target: None,
        }
    }
}

impl LiveSession {
    /// Starts reading the source in `source_text`; the error is kept for the window.
    pub fn connect(&mut self) {
        self.disconnect();
        let started = self
            .source_text
            .trim()
            .parse::<Source>()
            .and_then(|source| {
                let reader = Reader::start(&source, CHANNEL_CAPACITY)
                    .map_err(|e| format!("{source}: {e}"))?;
                let mut feed = Feed::new(DEFAULT_STALE_AFTER, self.track_minutes);
                let log = self.log_path.trim();
                if !log.is_empty() {
                    feed.log_to(&PathBuf::from(log), &source.to_string())
                        .map_err(|e| format!("{log}: {e}"))?;
                }
                Ok(Running {
                    reader,
                    feed,
                    source,
                })
            });
        match started {
            Ok(r) => self.running = Some(r),
            Err(e) => self.error = Some(e),
        }
    }

    /// Stops the reader (the log is flushed and closed).
    pub fn disconnect(&mut self) {
        self.running = None;
        self.positions = None;
        self.error = None;
    }

    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// The bound UDP address (tests listen on port 0).
    pub fn local_addr(&self) -> Option<SocketAddr> {
        self.running.as_ref().and_then(|r| r.reader.local_addr())
    }

    /// The link state and latest fix.
    pub fn status(&self) -> Option<Status> {
        self.running.as_ref().map(|r| r.feed.status(Instant::now()))
    }

    /// The positions of the last frame.
    pub fn positions(&self) -> Option<&LivePositions> {
        self.positions.as_ref()
    }

    /// The recent track, oldest first.
    pub fn track(&self) -> impl Iterator<Item = &Fix> {
        self.running.iter().flat_map(|r| r.feed.track().iter())
    }

    /// The target cabin (id, lon, lat, tolerance m) of the last frame.
    pub fn target(&self) -> Option<&(String, f64, f64, f64)> {
        self.target.as_ref()
    }

    /// Takes this frame's share of received lines and keeps frames coming while connected.
    pub fn poll(&mut self, ctx: &egui::Context) {
        if let Some(r) = &mut self.running {
            r.feed.poll(&r.reader, LINES_PER_FRAME, Instant::now());
            ctx.request_repaint_after(Duration::from_millis(100));
        }
    }

    /// Recomputes the positions for the mission's rig and the selected cabin.
    pub fn update(&mut self, doc: Option<&Document>, selection: Selection) {
        self.positions = None;
        self.target = None;
        let (Some(doc), Some(status)) = (doc, self.status()) else {
            return;
        };
        let m = &doc.mission;
        let cabin = match selection {
            Selection::Cabin(i) => m.cabins.get(i),
            _ => None,
        };
        let (Some(v), Some(plan)) = (m.vessel.as_ref(), m.lift.as_ref()) else {
            return;
        };
        let Some(crane) = v.crane.as_ref() else {
            return;
        };
        if let Some(c) = cabin {
            self.target = Some((c.id.clone(), c.lon, c.lat, plan.tolerance_m));
        }
        let rig = Rig {
            crane,
            plan,
            length_m: v.length_m,
            beam_m: v.beam_m,
            cabin_offset_deg: self.cabin_offset_deg,
        };
        self.positions = status
            .fix
            .as_ref()
            .and_then(|f| position::locate(&rig, f, status.attitude.as_ref(), cabin));
    }

    /// The as-placed record of the target cabin now.
    pub fn as_placed(&self) -> Option<AsPlaced> {
        let p = self.positions.as_ref()?;
        let t = p.target.as_ref()?;
        Some(position::as_placed(p, &t.cabin, self.cabin_offset_deg))
    }
}

/// Thins `n` points to at most `MAX_DRAWN` (2,000), keeping the newest.
pub fn thin_step(n: usize) -> usize {
    n.div_ceil(MAX_DRAWN).max(1)
}
