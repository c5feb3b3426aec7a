//! The planner driven through its UI without a GPU (egui_kittest): every test acts as a user would
//! (clicks, drags, keys, typing) and asserts on the mission.

// This suite uses a subset of the shared helpers.
#[allow(dead_code)]
mod common;

use common::{click_at, drag, on_map, step_until};
use egui::{Key, Modifiers, vec2};
use egui_kittest::{Harness, kittest::Queryable};
use fathom::app::document::Selection;
use fathom::app::state::Tool;
use fathom::app::{FathomApp, LaunchOptions};
use fathom::mission::{Context, ExclusionZone, ZoneKind};
use std::path::PathBuf;

/// A mission on the synthetic demo seabed: two cabins offshore, one outside the grid, and a
/// cable corridor.
fn demo_context() -> Context {
    let mut ctx = common::lingang_context(
        "UI test",
        "ui-test.toml",
        &[
            ("C1", 122.02, 30.80),
            ("C2", 122.04, 30.80),
            ("C3", 122.60, 30.80),
        ],
    );
    ctx.mission.exclusion_zones.push(ExclusionZone {
        id: "cable".into(),
        kind: ZoneKind::CablePipeline,
        buffer_m: 250.0,
        polygon: None,
        line: Some(vec![[121.95, 30.72], [122.10, 30.76], [122.12, 30.90]]),
        geojson: None,
    });
    ctx
}

fn open(answers: Vec<PathBuf>) -> Harness<'static, FathomApp> {
    let ctx = demo_context();
    let mut h = Harness::builder()
        .with_size(vec2(1400.0, 900.0))
        .build_eframe(move |cc| {
            let mut app = FathomApp::new(cc, LaunchOptions::for_tests(None, answers));
            app.open_context(ctx);
            app
        });
    step_until(&mut h, "the mission to load and validate", |a| {
        a.doc.is_some() && !a.busy() && a.view.findings_revision.is_some()
    });
    h.step();
    h
}

#[test]
fn opens_the_mission_and_validates_it() {
    let h = open(vec![]);
    let app = h.state();
    assert_eq!(app.mission().unwrap().name, "UI test");
    assert_eq!(app.rt.scene.cabins.len(), 3);
    // The concave, buffered cable zone is triangulated for filling.
    assert!(!app.rt.scene.zones[0].triangles.is_empty());
    assert!(
        app.view
            .findings
            .iter()
            .any(|f| f.code == "MISSION-OUTSIDE-GRID"
                && f.concerns(&fathom::finding::ObjectRef::cabin("C3")))
    );
}

#[test]
fn add_cabin_by_clicking_the_map_then_undo_and_redo() {
    let mut h = open(vec![]);
    h.get_by_label("Add cabin").click();
    h.step();
    assert_eq!(h.state().view.tool, Tool::AddCabin);
    let p = on_map(&h, 122.0, 30.85);
    click_at(&mut h, p);
    let m = h.state().mission().unwrap();
    assert_eq!(m.cabins.len(), 4);
    let c = &m.cabins[3];
    assert_eq!(c.id, "C4");
    assert!(
        (c.lon - 122.0).abs() < 0.002 && (c.lat - 30.85).abs() < 0.002,
        "{c:?}"
    );
    assert_eq!(h.state().view.selection, Selection::Cabin(3));

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.step();
    assert_eq!(h.state().mission().unwrap().cabins.len(), 3);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.step();
    assert_eq!(h.state().mission().unwrap().cabins.len(), 4);
}

#[test]
fn dragging_a_cabin_moves_it_in_one_undo_step() {
    let mut h = open(vec![]);
    let from = on_map(&h, 122.02, 30.80);
    let to = from + vec2(60.0, -40.0);
    drag(&mut h, from, to);
    let c = h.state().mission().unwrap().cabins[0].clone();
    assert!(c.lon > 122.02 + 1e-4 && c.lat > 30.80 + 1e-4, "{c:?}");
    let where_now = on_map(&h, c.lon, c.lat);
    assert!((where_now - to).length() < 3.0, "{where_now:?} vs {to:?}");
    assert!(h.state().doc.as_ref().unwrap().dirty());

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.step();
    let back = &h.state().mission().unwrap().cabins[0];
    assert_eq!((back.lon, back.lat), (122.02, 30.80));
}

#[test]
fn inspector_edits_the_selected_cabin() {
    let mut h = open(vec![]);
    let p = on_map(&h, 122.04, 30.80);
    click_at(&mut h, p);
    assert_eq!(h.state().view.selection, Selection::Cabin(1));
    h.get_by_label("Cabin id").click();
    h.step();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.step();
    h.get_by_label("Cabin id").type_text("North-7");
    h.step();
    h.step();
    assert_eq!(h.state().mission().unwrap().cabins[1].id, "North-7");
    // Typing in one field is one undo step.
    h.key_press(Key::Escape);
    h.step();
    h.state_mut().act(fathom::app::actions::Action::Undo);
    h.step();
    assert_eq!(h.state().mission().unwrap().cabins[1].id, "C2");
}

#[test]
fn clicking_a_finding_zooms_to_it_and_selects_the_cabin() {
    let mut h = open(vec![]);
    h.get_by_label("Validate").click();
    step_until(&mut h, "validation", |a| {
        !a.busy() && a.view.findings_revision.is_some()
    });
    h.get_by_label("error MISSION-OUTSIDE-GRID · cabin C3")
        .click();
    h.step();
    let app = h.state();
    assert_eq!(app.view.selection, Selection::Cabin(2));
    let w = app
        .doc
        .as_ref()
        .unwrap()
        .site
        .to_work(122.60, 30.80)
        .unwrap();
    assert!(
        (app.view.map.center[0] - w[0]).abs() < 1.0 && (app.view.map.center[1] - w[1]).abs() < 1.0
    );
}

#[test]
fn a_corrupt_mission_shows_an_error_and_keeps_the_work() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "schema = 1\nname = \"broken\n").unwrap();
    let mut h = open(vec![bad]);
    let p = on_map(&h, 122.0, 30.85);
    h.get_by_label("Add cabin").click();
    h.step();
    click_at(&mut h, p);
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.step();
    // Unsaved changes: the planner asks first.
    h.get_by_label("Discard changes").click();
    step_until(&mut h, "the failed open", |a| {
        !a.busy() && a.view.error.is_some()
    });
    let app = h.state();
    assert!(
        app.view.error.as_ref().unwrap().contains("bad.toml:2"),
        "{:?}",
        app.view.error
    );
    assert_eq!(app.mission().unwrap().name, "UI test");
    assert_eq!(app.mission().unwrap().cabins.len(), 4);
    h.step();
    h.get_by_label("OK").click();
    h.step();
    assert!(h.state().view.error.is_none());
}

#[test]
fn save_as_writes_a_mission_that_loads_back() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("saved.toml");
    let mut h = open(vec![out.clone()]);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.step();
    let back = fathom::mission::load(&out).unwrap();
    assert_eq!(&back, h.state().mission().unwrap());
    assert!(!h.state().doc.as_ref().unwrap().dirty());
    assert_eq!(h.state().doc.as_ref().unwrap().path, out);
}

#[test]
fn opens_the_demo_mission_file() {
    let demo = fathom::cli::default_mission();
    let mut h = Harness::builder()
        .with_size(vec2(1400.0, 900.0))
        .build_eframe(move |cc| FathomApp::new(cc, LaunchOptions::for_tests(Some(demo), vec![])));
    step_until(&mut h, "the demo mission to load", |a| {
        a.doc.is_some() && !a.busy()
    });
    let app = h.state();
    assert!(app.view.error.is_none(), "{:?}", app.view.error);
    let doc = app.doc.as_ref().unwrap();
    assert_eq!(doc.mission.name, "Lingang demo (synthetic seabed)");
    assert_eq!(doc.site.working_crs.epsg_code(), Some(32651));
    assert_eq!((doc.site.grid.width, doc.site.grid.height), (720, 640));
    assert!(doc.site.pyramid.levels() >= 2);
}

#[test]
fn a_corrupt_grid_dropped_on_the_window_shows_an_error_and_keeps_the_work() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("seabed.asc");
    std::fs::write(
        &bad,
        "ncols 4\nnrows 3\nxllcorner 0\nyllcorner 0\ncellsize ten\n",
    )
    .unwrap();
    let mut h = open(vec![]);
    let before = h.state().mission().unwrap().clone();
    h.state_mut()
        .act(fathom::app::actions::Action::Open(bad.clone()));
    step_until(&mut h, "the failed grid", |a| {
        !a.busy() && a.view.error.is_some()
    });
    let app = h.state();
    let e = app.view.error.as_ref().unwrap();
    assert!(e.contains("seabed.asc"), "{e}");
    assert_eq!(app.mission().unwrap(), &before);
    assert_eq!(app.rt.scene.cabins.len(), 3);
}
