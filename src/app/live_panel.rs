//! The live positioning window: connects the planner to the vessel's NMEA stream
//! ([`crate::live`], through the [`LiveSession`]), shows fix quality, age, HDOP and the hook
//! against the selected cabin's target, and records the as-placed fix into the mission (one undo
//! step, read by the `LIFT-PLACEMENT` check).

use super::actions::Action;
use super::document::Document;
use super::edit::Edit;
use super::live_session::LiveSession;
use super::state::ViewState;
use crate::live::LinkState;
use crate::live::feed;
use std::time::Instant;

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
    let target = live.positions().and_then(|p| p.target.as_ref());
    match (live.positions(), target) {
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
