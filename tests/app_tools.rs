//! The planner's automatic tools driven through the Tools menu on a copy of the demo mission
//! (egui_kittest, no GPU): automatic cabin layout and least-cost routing to the selected cabin,
//! each one undo step that restores the mission exactly.

// Shares the pointer, fixture and long-wait helpers.
#[allow(dead_code)]
mod common;

use common::{click_at, demo_copy, on_map, wait_long};
use egui::{Key, Modifiers, vec2};
use egui_kittest::{Harness, kittest::Queryable};
use fathom::app::actions::Action;
use fathom::app::document::Selection;
use fathom::app::{FathomApp, LaunchOptions};
use fathom::finding::Severity;
use std::path::PathBuf;

fn idle(a: &FathomApp) -> bool {
    a.doc.is_some() && !a.busy() && a.rt.analysis_job.is_none()
}

fn open(path: PathBuf) -> Harness<'static, FathomApp> {
    let mut h = Harness::builder()
        .with_size(vec2(1500.0, 1000.0))
        .build_eframe(move |cc| FathomApp::new(cc, LaunchOptions::for_tests(Some(path), vec![])));
    wait_long(&mut h, "the mission to load", |a| {
        idle(a) && a.view.findings_revision.is_some()
    });
    h.step();
    assert!(h.state().view.error.is_none(), "{:?}", h.state().view.error);
    h
}

fn tools_menu(h: &mut Harness<'_, FathomApp>, item: &str) {
    h.get_by_label("Tools").click();
    h.run_steps(2);
    h.get_by_label(item).click();
    // The action applies after the frame; a new window sizes itself for one frame before showing.
    h.run_steps(4);
}

/// Selects cabin `id` by clicking it on the map.
fn select_cabin(h: &mut Harness<'_, FathomApp>, id: &str) -> usize {
    let m = h.state().mission().unwrap();
    let i = m.cabins.iter().position(|c| c.id == id).unwrap();
    let (lon, lat) = (m.cabins[i].lon, m.cabins[i].lat);
    let p = on_map(h, lon, lat);
    click_at(h, p);
    assert_eq!(h.state().view.selection, Selection::Cabin(i));
    i
}

fn undo(h: &mut Harness<'_, FathomApp>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.step();
    h.step();
}

#[test]
fn lay_out_cabins_adds_valid_cabins_in_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = open(demo_copy(dir.path(), "tools.toml", |_| {}));
    let before = h.state().mission().unwrap().clone();
    tools_menu(&mut h, "Lay out cabins…");
    let dialog = h
        .state()
        .view
        .layout_dialog
        .clone()
        .expect("the layout window");
    assert_eq!(dialog.cabin_type, "hainan-1300t");
    assert_eq!(dialog.cabins, before.cabins.len());
    h.get_by_label("Run layout").click();
    wait_long(&mut h, "the layout to finish", |a| {
        a.mission().unwrap().cabins.len() > before.cabins.len() && idle(a)
    });
    let app = h.state();
    assert!(app.view.error.is_none(), "{:?}", app.view.error);
    let m = app.mission().unwrap();
    assert_eq!(m.cabins.len(), before.cabins.len() + dialog.cabins);
    assert_eq!(m.cabins[..before.cabins.len()], before.cabins[..]);
    let new: Vec<&str> = m.cabins[before.cabins.len()..]
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(new, ["C3", "C4"]);
    // Every new cabin passes the siting checks (the auto-validation of this revision).
    assert_eq!(
        app.view.findings_revision,
        app.doc.as_ref().map(|d| d.revision)
    );
    for f in &app.view.findings {
        let on_new = f
            .object
            .as_ref()
            .and_then(|o| o.cabin_id())
            .is_some_and(|o| new.contains(&o));
        assert!(
            !(on_new && f.code.starts_with("SITE") && f.severity == Severity::Error),
            "{} {} {}",
            f.code,
            f.object
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            f.message
        );
    }
    assert!(
        app.view.layout_dialog.is_none(),
        "closed after a full layout"
    );
    undo(&mut h);
    assert_eq!(h.state().mission().unwrap(), &before);
}

#[test]
fn plan_route_to_the_selected_cabin_replaces_the_route_in_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = open(demo_copy(dir.path(), "tools.toml", |_| {}));
    let before = h.state().mission().unwrap().clone();
    let i = select_cabin(&mut h, "C2");
    tools_menu(&mut h, "Plan route to selection");
    // The demo route was built by hand (four waypoints, a slow-down point, per-leg speeds).
    assert!(h.state().view.plan_question);
    assert!(
        !h.state().tool_busy(),
        "nothing is planned before the answer"
    );
    h.get_by_label("Replace the route").click();
    h.run_steps(2);
    wait_long(&mut h, "the route to be planned", |a| {
        a.mission().unwrap().route != before.route
    });
    let status = h.state().view.status.clone();
    assert!(
        status.contains("NM") && status.contains("replaced"),
        "{status}"
    );
    wait_long(&mut h, "validation of the new route", idle);
    let app = h.state();
    assert!(app.view.error.is_none(), "{:?}", app.view.error);
    let route = app.mission().unwrap().route.clone().unwrap();
    let (first, last) = (&route.waypoints[0], route.waypoints.last().unwrap());
    let start = &before.route.as_ref().unwrap().waypoints[0];
    let cabin = &before.cabins[i];
    assert!((first.lon - start.lon).abs() < 1e-6 && (first.lat - start.lat).abs() < 1e-6);
    assert!((last.lon - cabin.lon).abs() < 1e-6 && (last.lat - cabin.lat).abs() < 1e-6);
    assert_eq!(last.name, "C2");
    // The route check finds no under-keel clearance error on the planned route.
    assert!(
        !app.view
            .findings
            .iter()
            .any(|f| f.code.starts_with("ROUTE-UKC") && f.severity == Severity::Error),
        "{:?}",
        app.view.findings
    );
    undo(&mut h);
    assert_eq!(h.state().mission().unwrap(), &before);
}

#[test]
fn planning_into_a_hand_built_route_asks_and_can_keep_it_adding_one_leg() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = open(demo_copy(dir.path(), "tools.toml", |_| {}));
    let before = h.state().mission().unwrap().clone();
    let old = before.route.clone().unwrap();
    select_cabin(&mut h, "C2");
    tools_menu(&mut h, "Plan route to selection");
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(!h.state().view.plan_question && !h.state().tool_busy());
    assert_eq!(
        h.state().mission().unwrap(),
        &before,
        "Cancel changes nothing"
    );

    tools_menu(&mut h, "Plan route to selection");
    h.get_by_label("Add a leg to C2").click();
    h.run_steps(2);
    wait_long(&mut h, "the leg to be planned", |a| {
        a.mission().unwrap().route != before.route
    });
    let status = h.state().view.status.clone();
    assert!(status.contains("leg added"), "{status}");
    let route = h.state().mission().unwrap().route.clone().unwrap();
    // The hand-built part is kept exactly: names, slow-down point, per-leg speeds.
    assert_eq!(&route.waypoints[..old.waypoints.len()], &old.waypoints[..]);
    assert_eq!(
        (route.name.as_str(), route.departure),
        (old.name.as_str(), old.departure)
    );
    let last = route.waypoints.last().unwrap();
    let c2 = before.cabins.iter().find(|c| c.id == "C2").unwrap();
    assert!((last.lon - c2.lon).abs() < 1e-6 && (last.lat - c2.lat).abs() < 1e-6);
    assert_eq!(last.name, "C2");
    let mut ids: Vec<u32> = route.waypoints.iter().map(|w| w.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), route.waypoints.len(), "ids stay unique");
    wait_long(&mut h, "validation", idle);
    undo(&mut h);
    assert_eq!(h.state().mission().unwrap(), &before);
}

#[test]
fn planning_without_a_start_shows_an_error_and_keeps_the_mission() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = open(demo_copy(dir.path(), "tools.toml", |m| {
        m.ports.clear();
        m.route = None;
    }));
    let before = h.state().mission().unwrap().clone();
    select_cabin(&mut h, "C1");
    tools_menu(&mut h, "Plan route to selection");
    h.step();
    let app = h.state();
    let err = app.view.error.as_deref().expect("an error message");
    assert!(err.contains("no [[ports]]"), "{err}");
    assert_eq!(app.mission().unwrap(), &before);
    assert!(!app.tool_busy());
}

#[test]
fn a_layout_that_places_nothing_explains_why_and_leaves_no_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = open(demo_copy(dir.path(), "tools.toml", |m| {
        // Deeper than any water on the demo seabed: no cell is feasible.
        let c = m.constraints.get_or_insert_with(Default::default);
        c.min_depth_m = Some(500.0);
        c.max_depth_m = Some(600.0);
    }));
    let before = h.state().mission().unwrap().clone();
    tools_menu(&mut h, "Lay out cabins…");
    h.get_by_label("Run layout").click();
    wait_long(&mut h, "the layout to finish", |a| {
        a.view
            .layout_dialog
            .as_ref()
            .is_some_and(|d| d.note.is_some())
            && idle(a)
    });
    let app = h.state();
    let note = app
        .view
        .layout_dialog
        .as_ref()
        .unwrap()
        .note
        .clone()
        .unwrap();
    assert!(
        note.contains("placed 0 of 2") && note.contains("DEPTH"),
        "{note}"
    );
    assert_eq!(app.mission().unwrap(), &before);
    assert!(!app.doc.as_ref().unwrap().history.can_undo());
    h.get_by_label_contains("placed 0 of 2");
}

#[test]
fn an_unreachable_cabin_shows_why_and_keeps_the_route() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = open(demo_copy(dir.path(), "tools.toml", |m| {
        // A draught no water on the demo seabed (at most 46 m deep) can float, within the range.
        m.vessel.as_mut().unwrap().draught_m = 49.0;
    }));
    let before = h.state().mission().unwrap().clone();
    select_cabin(&mut h, "C1");
    tools_menu(&mut h, "Plan route to selection");
    h.get_by_label("Replace the route").click();
    h.run_steps(2);
    wait_long(&mut h, "the planning to fail", |a| {
        a.view.error.is_some() && !a.tool_busy()
    });
    let app = h.state();
    let err = app.view.error.clone().unwrap();
    assert!(
        err.contains("Plan route from") && err.contains("needs"),
        "{err}"
    );
    assert_eq!(app.mission().unwrap(), &before);
    h.run_steps(3);
    h.get_by_label("OK").click();
    h.run_steps(2);
    assert!(h.state().view.error.is_none());
}

#[test]
fn a_cancelled_layout_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = open(demo_copy(dir.path(), "tools.toml", |_| {}));
    let before = h.state().mission().unwrap().clone();
    // Both land before the next frame polls the worker, as a Cancel click during a long layout.
    let app = h.state_mut();
    app.act(Action::RunLayout {
        cabins: 2,
        cabin_type: "hainan-1300t".into(),
    });
    assert!(app.tool_busy());
    app.act(Action::CancelTool);
    wait_long(&mut h, "the cancelled layout to stop", |a| !a.tool_busy());
    let app = h.state();
    assert_eq!(app.view.status, "Cancelled");
    assert_eq!(app.mission().unwrap(), &before);
    assert!(!app.doc.as_ref().unwrap().history.can_undo());
}
