//! The live positioning window: connects the planner to the vessel's NMEA stream
//! ([`crate::live`]), shows fix quality, age, HDOP and the hook against the selected cabin's
//! target, and records the as-placed fix into the mission (one undo step, read by the
//! `LIFT-PLACEMENT` check). The reader runs on its own thread; each frame takes at most
//! [`LINES_PER_FRAME`] lines from its bounded channel, so a burst never stalls the UI.

use super::actions::{Action, Edit, EditError};
use super::state::{Document, Selection, ViewState};
use crate::formats::nmea::Fix;
use crate::live::feed::{self, DEFAULT_STALE_AFTER};
use crate::live::position::{self, LivePositions, Rig};
use crate::live::{Feed, LinkState, Reader, Source, Status};
use crate::mission::{AsPlaced, Mission};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Most lines decoded per frame; the rest wait in the channel (or are dropped when it is full).
pub const LINES_PER_FRAME: usize = 2_000;
/// Lines the channel holds between two frames (a 10,000 line/s burst over ~0.4 s).
pub const CHANNEL_CAPACITY: usize = 4_096;
/// Most track points drawn per frame (older points thinned).
const MAX_DRAWN: usize = 2_000;

struct Running {
    reader: Reader,
    feed: Feed,
    source: Source,
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
    running: Option<Running>,
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
    fn update(&mut self, doc: Option<&Document>, selection: Selection) {
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
    fn as_placed(&self) -> Option<AsPlaced> {
        let p = self.positions.as_ref()?;
        let t = p.target.as_ref()?;
        Some(position::as_placed(p, &t.cabin, self.cabin_offset_deg))
    }
}

/// Applies [`Edit::RecordAsPlaced`]: the fix replaces the cabin's earlier one.
pub fn record(m: &mut Mission, placed: &AsPlaced) -> Result<Selection, EditError> {
    let i = m
        .cabins
        .iter()
        .position(|c| c.id == placed.cabin)
        .ok_or(EditError::NoSuchCabin(m.cabins.len()))?;
    let lift = m.lift.as_mut().ok_or(EditError::NoLiftPlan)?;
    lift.as_placed.retain(|a| a.cabin != placed.cabin);
    lift.as_placed.push(placed.clone());
    Ok(Selection::Cabin(i))
}

/// GGA fix quality in words.
fn quality(q: u8) -> &'static str {
    match q {
        0 => "invalid",
        1 => "GPS",
        2 => "DGPS",
        3 => "PPS",
        4 => "RTK fixed",
        5 => "RTK float",
        6 => "dead reckoning",
        7 => "manual",
        8 => "simulation",
        _ => "unknown",
    }
}

/// The live window (and, every frame, the positions the map layer draws).
pub fn window(
    ctx: &egui::Context,
    doc: Option<&Document>,
    view: &ViewState,
    live: &mut LiveSession,
    actions: &mut Vec<Action>,
) {
    live.update(doc, view.selection);
    if !live.open {
        return;
    }
    let mut open = true;
    egui::Window::new("Live positioning")
        .open(&mut open)
        .resizable(false)
        .show(ctx, |ui| {
            ui.set_max_width(360.0);
            contents(ui, doc, live, actions);
        });
    if !open {
        live.open = false;
    }
}

fn contents(
    ui: &mut egui::Ui,
    doc: Option<&Document>,
    live: &mut LiveSession,
    actions: &mut Vec<Action>,
) {
    egui::Grid::new("live-setup").num_columns(2).show(ui, |ui| {
        ui.label("Source");
        ui.add_enabled(
            !live.is_running(),
            egui::TextEdit::singleline(&mut live.source_text).hint_text("udp://0.0.0.0:10110"),
        )
        .on_hover_text("udp://ADDR:PORT (listen), tcp://HOST:PORT (connect) or /dev/ttyUSB0");
        ui.end_row();
        ui.label("Log to");
        ui.add_enabled(
            !live.is_running(),
            egui::TextEdit::singleline(&mut live.log_path).hint_text("file (optional)"),
        )
        .on_hover_text("Everything received; `fathom track --nmea FILE` reads it");
        ui.end_row();
        ui.label("Cabin − vessel heading");
        ui.add(
            egui::DragValue::new(&mut live.cabin_offset_deg)
                .range(-180.0..=180.0)
                .suffix("°"),
        )
        .on_hover_text("How the cabin hangs on the hook relative to the bow (0: fore-and-aft)");
        ui.end_row();
    });
    ui.horizontal(|ui| {
        if live.is_running() {
            if ui.button("Disconnect").clicked() {
                live.disconnect();
            }
        } else if ui.button("Connect").clicked() {
            live.connect();
        }
    });
    if let Some(e) = &live.error {
        ui.colored_label(ui.visuals().error_fg_color, e);
    }
    let Some(r) = &live.running else {
        return;
    };
    let s = r.feed.status(Instant::now());
    let c = r.feed.counts();
    ui.separator();
    egui::Grid::new("live-status")
        .num_columns(2)
        .show(ui, |ui| {
            let mut row = |k: &str, v: String| {
                ui.label(k);
                ui.label(v);
                ui.end_row();
            };
            let link = match s.state {
                LinkState::Waiting => "waiting for data".to_string(),
                LinkState::Live => "live".to_string(),
                LinkState::Stale => {
                    format!("STALE (no fix for {:.0} s)", s.fix_age_s.unwrap_or(0.0))
                }
            };
            row("Link", format!("{link} — {}", r.source));
            if let Some(e) = r.reader.stats().last_error() {
                row("Last problem", e);
            }
            if let Some(f) = &s.fix {
                row(
                    "Fix quality",
                    format!("{} ({})", f.quality, quality(f.quality)),
                );
                row("Fix age", format!("{:.1} s", s.fix_age_s.unwrap_or(0.0)));
                row("HDOP", f.hdop.map_or("—".into(), |h| format!("{h:.1}")));
                row("Antenna", format!("{:.7}°, {:.7}°", f.lat, f.lon));
                row(
                    "Heading",
                    f.heading_deg
                        .map_or("— (no heading source)".into(), |h| format!("{h:.1}°")),
                );
            }
            if let Some(a) = &s.attitude {
                row(
                    "Roll / pitch / heave",
                    format!(
                        "{:+.2}° / {:+.2}° / {}",
                        a.roll_deg,
                        a.pitch_deg,
                        a.heave_m.map_or("—".into(), |h| format!("{h:+.2} m"))
                    ),
                );
            }
            row(
                "Sentences",
                format!(
                    "{} lines, {} bad checksum, {} garbled, {} dropped",
                    c.lines,
                    c.bad_checksum,
                    c.garbled,
                    feed::dropped(&r.reader)
                ),
            );
        });
    ui.separator();
    let target = live.positions.as_ref().and_then(|p| p.target.as_ref());
    match (live.positions.as_ref(), target) {
        (None, _) if doc.is_some_and(|d| d.mission.lift.is_none()) => {
            ui.label("The mission has no [lift] plan and crane: no hook position.");
        }
        (None, _) => {
            ui.label("No hook position yet (needs a fix and a heading).");
        }
        (Some(_), None) => {
            ui.label("Select a cabin to guide the hook to its target.");
        }
        (Some(_), Some(t)) => {
            egui::Grid::new("live-target")
                .num_columns(2)
                .show(ui, |ui| {
                    ui.label("Target");
                    ui.label(format!("cabin {}", t.cabin));
                    ui.end_row();
                    ui.label("Hook to target");
                    ui.label(format!(
                        "{:.2} m, bearing {:.1}°",
                        t.distance_m, t.bearing_deg
                    ));
                    ui.end_row();
                    ui.label("Heading error");
                    ui.label(format!("{:+.1}°", t.heading_error_deg));
                    ui.end_row();
                    ui.label("Within tolerance");
                    let (text, colour) = if t.within_tolerance {
                        (
                            "Within tolerance: YES",
                            egui::Color32::from_rgb(60, 200, 110),
                        )
                    } else {
                        ("Within tolerance: NO", ui.visuals().error_fg_color)
                    };
                    ui.colored_label(colour, text);
                    ui.end_row();
                });
        }
    }
    let placed = live.as_placed();
    if ui
        .add_enabled(placed.is_some(), egui::Button::new("Record as-placed"))
        .on_hover_text("Store this fix as the cabin's touchdown (lift.as_placed; Ctrl+Z undoes)")
        .clicked()
        && let Some(placed) = placed
    {
        actions.push(Action::Edit {
            edit: Edit::RecordAsPlaced { placed },
            gesture: None,
        });
    }
}

/// Thins `n` points to at most [`MAX_DRAWN`], keeping the newest.
pub fn thin_step(n: usize) -> usize {
    n.div_ceil(MAX_DRAWN).max(1)
}
