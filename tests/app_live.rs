#![cfg(feature = "gui")]
//! The planner's live positioning window driven by a replayed NMEA log over loopback UDP
//! (egui_kittest, no GPU): link state, fix quality, HDOP, the hook against the selected cabin's
//! target, and "Record as-placed" as one undo step.

// Uses only the waiting helper.
#[allow(dead_code)]
mod common;

use common::step_until;
use egui::{Key, Modifiers, vec2};
use egui_kittest::{Harness, kittest::Queryable};
use fathom::app::actions::Action;
use fathom::app::document::Selection;
use fathom::app::{FathomApp, LaunchOptions};
use fathom::geodesy::geodesic_destination;
use fathom::lift::lever_arm::{self, Attitude};
use fathom::live::LinkState;
use fathom::live::replay::{self, Sink};
use fathom::mission;
use std::path::Path;

/// `ddmm.mmmmmm,N` / `dddmm.mmmmmm,E` fields.
fn nmea_angle(v: f64, deg_digits: usize, pos: char, neg: char) -> String {
    let a = v.abs();
    let d = a.trunc();
    let m = (a - d) * 60.0;
    let h = if v >= 0.0 { pos } else { neg };
    format!("{:0w$}{:09.6},{h}", d as u32, m, w = deg_digits)
}

fn sentence(body: &str) -> String {
    let sum = body.bytes().fold(0u8, |a, b| a ^ b);
    format!("${body}*{sum:02X}\n")
}

/// A 1 Hz log of a vessel holding the hook over `target` at `heading`, with antenna `antenna` and
/// hook `hook` in the vessel frame.
fn holding_log(target: (f64, f64), heading: f64, antenna: [f64; 3], hook: [f64; 3]) -> String {
    let att = Attitude {
        heading_deg: heading,
        pitch_deg: 0.0,
        roll_deg: 0.0,
    };
    let (n, e) = lever_arm::offset_north_east(antenna, hook, att);
    // The antenna lies the lever arm back from the target.
    let (lon, lat) =
        geodesic_destination(target.0, target.1, (-e).atan2(-n).to_degrees(), n.hypot(e));
    let mut log = String::from("# synthetic: hook held over cabin C1\n");
    for s in 0..5 {
        let t = format!("0800{s:02}.00");
        log += &sentence(&format!(
            "GPGGA,{t},{},{},4,14,0.8,3.0,M,10.0,M,1.0,0001",
            nmea_angle(lat, 2, 'N', 'S'),
            nmea_angle(lon, 3, 'E', 'W')
        ));
        log += &sentence(&format!("GPHDT,{heading:.2},T"));
        log += &sentence(&format!("GPZDA,{t},04,12,2026,00,00"));
    }
    log
}

#[test]
fn live_panel_follows_a_replayed_log_and_records_as_placed() {
    let demo = fathom::cli::default_mission();
    let mut m = mission::load(&demo).unwrap();
    m.site.bathymetry =
        std::path::absolute(demo.parent().unwrap().join(&m.site.bathymetry)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.toml");
    mission::save(&m, &path).unwrap();
    let crane = m.vessel.as_ref().unwrap().crane.clone().unwrap();
    let plan = m.lift.clone().unwrap();
    let c1 = m.cabins.iter().find(|c| c.id == "C1").unwrap().clone();
    let hook =
        lever_arm::hook_in_vessel(crane.pedestal_fwd_stbd_up_m, plan.radius_m, plan.slew_deg);
    let log = holding_log(
        (c1.lon, c1.lat),
        c1.heading_deg,
        crane.gnss_antenna_fwd_stbd_up_m,
        hook,
    );

    let mut h = Harness::builder()
        .with_size(vec2(1500.0, 1000.0))
        .build_eframe(move |cc| FathomApp::new(cc, LaunchOptions::for_tests(Some(path), vec![])));
    step_until(&mut h, "the mission to load", |a| {
        a.doc.is_some() && !a.busy()
    });
    let i = h
        .state()
        .mission()
        .unwrap()
        .cabins
        .iter()
        .position(|c| c.id == "C1")
        .unwrap();
    h.state_mut().act(Action::Select(Selection::Cabin(i)));
    h.state_mut().act(Action::ToggleLive);
    h.state_mut().rt.live.source_text = "udp://127.0.0.1:0".into();
    let rec = dir.path().join("received.nmea");
    h.state_mut().rt.live.log_path = rec.to_string_lossy().into_owned();
    h.run_steps(3);
    h.get_by_label("Connect").click();
    h.run_steps(2);
    let addr = h.state().rt.live.local_addr().expect("listening");

    let sender = std::thread::spawn(move || {
        let mut sinks = vec![Sink::udp(addr).unwrap()];
        replay::send(&replay::schedule(&log), &mut sinks, 10.0).unwrap()
    });
    step_until(&mut h, "the replayed log to arrive", |a| {
        a.rt.live
            .status()
            .and_then(|s| s.fix)
            .is_some_and(|f| f.time.format("%H:%M:%S").to_string() == "08:00:04")
    });
    let n = sender.join().unwrap();
    h.run_steps(3);
    let live = &h.state().rt.live;
    assert_eq!(live.status().unwrap().state, LinkState::Live);
    let t = live.positions().unwrap().target.clone().unwrap();
    assert!(t.distance_m < 0.01, "{t:?}");
    assert!(t.heading_error_deg.abs() < 1e-6 && t.within_tolerance);
    // What the panel shows.
    for text in ["live — udp://127.0.0.1:", "Within tolerance: YES"] {
        assert!(
            h.query_by_label_contains(text).is_some(),
            "panel lacks `{text}`"
        );
    }
    for text in [
        "4 (RTK fixed)",
        "0.8",
        "cabin C1",
        &format!("{n} lines, 0 bad checksum, 0 garbled, 0 dropped"),
    ] {
        assert!(h.query_by_label(text).is_some(), "panel lacks `{text}`");
    }

    // Record as-placed: one undo step; the placement check then finds it in tolerance.
    h.get_by_label("Record as-placed").click();
    h.run_steps(3);
    let placed = h
        .state()
        .mission()
        .unwrap()
        .lift
        .as_ref()
        .unwrap()
        .as_placed
        .clone();
    assert_eq!(placed.len(), 1);
    assert_eq!(placed[0].cabin, "C1");
    assert!((placed[0].cabin_heading_deg - c1.heading_deg).abs() < 1e-9);
    let ctx = fathom::mission::Context::load(Path::new(&fathom::cli::default_mission())).unwrap();
    let p = fathom::lift::placement::place(&ctx, &crane, &plan, &placed[0], &c1).unwrap();
    assert!(p.within_tolerance && p.distance_m < 0.05, "{p:?}");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(
        h.state()
            .mission()
            .unwrap()
            .lift
            .as_ref()
            .unwrap()
            .as_placed
            .is_empty()
    );

    // Everything received was logged where `fathom track` reads it.
    h.get_by_label("Disconnect").click();
    h.run_steps(2);
    let logged = fathom::formats::nmea::read(&rec).unwrap();
    assert_eq!(logged.fixes.len(), 5);
}
