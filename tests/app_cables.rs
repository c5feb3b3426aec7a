//! The planner's cables (egui_kittest, no GPU). On copies of the demo mission: the cables layer
//! switched off and on in the layers panel, a cable selected on the map and through its
//! `CABLE-CROSSING` finding, a bad crossing in the chart's figures, Tools ▸ Auto-route selected
//! cable as one undo step that gives the library's route (`fathom cable plan`) and is undone
//! exactly, the draw-cable tool (one undo step; Esc cancels), and the cable profile tab's
//! lengths and electrical figures as `cable::analyse` computes them. On a synthetic V trough: the
//! chart's free spans are the library's and lie in the trough on the map; a route that cannot
//! start is reported and changes nothing.

// This suite uses a subset of the shared helpers.
#[allow(dead_code)]
mod common;

use common::{click_at, demo_copy, on_map, wait_long};
use egui::{Key, Modifiers, vec2};
use egui_kittest::{Harness, kittest::Queryable};
use fathom::app::actions::Action;
use fathom::app::document::Selection;
use fathom::app::state::{ChartTab, Tool};
use fathom::app::{FathomApp, LaunchOptions};
use fathom::cable::Performance;
use fathom::mission::{self, CableEnd, CablePurpose, Context, ExclusionZone, Mission, ZoneKind};
use std::path::{Path, PathBuf};

/// Loaded, validated and charted for the current revision, nothing running.
fn idle(a: &FathomApp) -> bool {
    let rev = a.doc.as_ref().map(|d| d.revision);
    rev.is_some()
        && !a.busy()
        && a.rt.analysis_job.is_none()
        && a.rt.analysis.as_ref().map(|x| x.revision) == rev
        && a.view.findings_revision == rev
}

fn open(path: PathBuf) -> Harness<'static, FathomApp> {
    let mut h = Harness::builder()
        .with_size(vec2(1500.0, 1000.0))
        .build_eframe(move |cc| FathomApp::new(cc, LaunchOptions::for_tests(Some(path), vec![])));
    wait_long(&mut h, "the mission to load and be analysed", idle);
    h.step();
    assert!(h.state().view.error.is_none(), "{:?}", h.state().view.error);
    h
}

fn mission(h: &Harness<'_, FathomApp>) -> Mission {
    h.state().mission().unwrap().clone()
}

fn undo(h: &mut Harness<'_, FathomApp>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.step();
    h.step();
}

/// Lon/lat of a point `t` (0–1) of the way from `a` to `b`.
fn between(a: (f64, f64), b: (f64, f64), t: f64) -> (f64, f64) {
    (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t)
}

/// The ends of the demo's fibre cable F1: the shore landing and cabin C1.
fn f1_ends(m: &Mission) -> ((f64, f64), (f64, f64)) {
    let l = m
        .landing_points
        .iter()
        .find(|l| l.id == "lingang-shore")
        .unwrap();
    let c = m.cabins.iter().find(|c| c.id == "C1").unwrap();
    ((l.lon, l.lat), (c.lon, c.lat))
}

/// An existing cable (a `cable-pipeline` zone line) across F1's midpoint at 30° to it, drawn in a
/// local east/north frame in metres so the angle is known by construction.
fn existing_cable_at_30_deg(m: &mut Mission) {
    let (a, b) = f1_ends(m);
    let mid = between(a, b, 0.5);
    let k = mid.1.to_radians().cos();
    let (e, n) = ((b.0 - a.0) * k, b.1 - a.1);
    let theta = n.atan2(e) + 30f64.to_radians();
    let half = 0.02; // degrees of latitude, ≈ 2.2 km
    let (de, dn) = (half * theta.cos(), half * theta.sin());
    m.exclusion_zones.push(ExclusionZone {
        id: "old-telecom".into(),
        kind: ZoneKind::CablePipeline,
        buffer_m: 50.0,
        polygon: None,
        line: Some(vec![
            [mid.0 - de / k, mid.1 - dn],
            [mid.0 + de / k, mid.1 + dn],
        ]),
        geojson: None,
    });
}

#[test]
fn the_cables_layer_shows_selects_and_flags_a_shallow_crossing() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = open(demo_copy(
        dir.path(),
        "cables.toml",
        existing_cable_at_30_deg,
    ));
    let m = mission(&h);
    // Every cable of the demo on the map, from its ends and waypoints.
    let scene: Vec<(String, usize)> = h
        .state()
        .rt
        .scene
        .cables
        .iter()
        .map(|c| (c.id.clone(), c.points.len()))
        .collect();
    let want: Vec<(String, usize)> = m
        .cables
        .iter()
        .map(|c| (c.id.clone(), c.waypoints.len() + 2))
        .collect();
    assert_eq!(scene, want);
    assert!(h.state().view.prefs.layers.cables, "on by default");

    // The crossing with the existing cable: one, at 30° (by construction), bad, on F1 only.
    let f1 = m.cables.iter().position(|c| c.id == "F1").unwrap();
    let a = h.state().rt.analysis.as_ref().unwrap();
    let crossings: Vec<(String, f64, bool)> = a
        .cables
        .profiles
        .iter()
        .flat_map(|p| {
            p.crossings
                .iter()
                .filter(|x| x.with.contains("old-telecom"))
                .map(|x| (p.id.clone(), x.angle_deg, x.bad()))
        })
        .collect();
    assert_eq!(crossings.len(), 1, "{crossings:?}");
    assert_eq!(crossings[0].0, "F1");
    assert!((crossings[0].1 - 30.0).abs() < 0.5, "{crossings:?}");
    assert!(crossings[0].2);
    // Half-way along F1 (KP within 1 % of the route).
    let p = a.cables.of(f1).unwrap();
    let x = p.crossings.iter().find(|x| x.bad()).unwrap();
    assert!(
        (x.kp_km - p.route_km / 2.0).abs() < p.route_km * 0.01,
        "{x:?}"
    );

    // Its finding selects the cable, like any finding selects its object.
    let i = h
        .state()
        .view
        .findings
        .iter()
        .position(|f| f.code == "CABLE-CROSSING")
        .expect("a CABLE-CROSSING finding");
    h.state_mut().act(Action::FocusFinding(i));
    h.step();
    assert_eq!(h.state().view.selection, Selection::Cable(f1));

    // A click on the cable a quarter of the way along selects it.
    h.state_mut().act(Action::Select(Selection::None));
    h.state_mut().act(Action::ZoomToGrid);
    h.run_steps(2);
    let (a, b) = f1_ends(&m);
    let q = between(a, b, 0.25);
    let at = on_map(&h, q.0, q.1);
    click_at(&mut h, at);
    assert_eq!(h.state().view.selection, Selection::Cable(f1));

    // Hidden, a cable is no longer hit; shown again, it is.
    h.get_by_label("Cables").click();
    h.step();
    assert!(!h.state().view.prefs.layers.cables);
    h.state_mut().act(Action::Select(Selection::None));
    click_at(&mut h, at);
    assert_eq!(h.state().view.selection, Selection::None);
    h.get_by_label("Cables").click();
    h.step();
    assert!(h.state().view.prefs.layers.cables);
    click_at(&mut h, at);
    assert_eq!(h.state().view.selection, Selection::Cable(f1));
}

#[test]
fn auto_route_is_the_library_route_in_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_copy(dir.path(), "cables.toml", |_| {});
    let mut h = open(path.clone());
    let before = mission(&h);
    let i = before.cables.iter().position(|c| c.id == "F1").unwrap();
    assert!(
        before.cables[i].waypoints.is_empty(),
        "the demo's F1 is a straight line"
    );
    h.state_mut().act(Action::Select(Selection::Cable(i)));
    h.step();
    h.get_by_label("Tools").click();
    h.run_steps(2);
    // The Tools menu's entry (the inspector shows the same button for the selected cable).
    h.get_all_by_label("Auto-route selected cable")
        .last()
        .unwrap()
        .click();
    h.run_steps(2);
    wait_long(&mut h, "the cable route", |a| {
        !a.busy() && a.doc.as_ref().unwrap().history.can_undo()
    });
    assert!(h.state().view.error.is_none(), "{:?}", h.state().view.error);
    let after = mission(&h);
    // The same route as `fathom cable plan --cable F1` on the saved mission.
    let ctx = Context::load(&path).unwrap();
    let (id, planned) = fathom::cable::route::plan_mission(&ctx, Some("F1"))
        .unwrap()
        .remove(0);
    assert_eq!(id, "F1");
    let planned = planned.unwrap();
    let got = &after.cables[i].waypoints;
    assert_eq!(got.len(), planned.len() - 2, "{got:?}");
    for (w, &(x, y)) in got.iter().zip(&planned[1..]) {
        let (lon, lat) = ctx.to_lonlat(x, y).unwrap();
        assert!((w[0] - lon).abs() < 1e-9 && (w[1] - lat).abs() < 1e-9);
    }
    // Nothing else changed, and one undo restores the mission exactly.
    let mut only_waypoints = after.clone();
    only_waypoints.cables[i].waypoints.clear();
    assert_eq!(only_waypoints, before);
    undo(&mut h);
    assert_eq!(mission(&h), before);
    assert!(!h.state().doc.as_ref().unwrap().history.can_undo());
}

#[test]
fn the_draw_cable_tool_adds_a_fibre_cable_in_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = open(demo_copy(dir.path(), "cables.toml", |_| {}));
    let before = mission(&h);
    let cabin = |id: &str| {
        let c = before.cabins.iter().find(|c| c.id == id).unwrap();
        (c.lon, c.lat)
    };
    let (c1, c2) = (cabin("C1"), cabin("C2"));
    // Zoom in on the two cabins (about 350 m apart) so each is clicked on its own.
    {
        let app = h.state_mut();
        let site = app.doc.as_ref().unwrap().site.clone();
        let mid = between(c1, c2, 0.5);
        app.view.map.center = site.to_work(mid.0, mid.1).unwrap();
        app.view.map.metres_per_point = 1.5;
    }
    h.run_steps(2);
    h.get_by_label("Draw cable").click();
    h.run_steps(2);
    assert_eq!(h.state().view.tool, Tool::DrawCable);
    h.get_by_label("Fibre").click();
    h.run_steps(2);

    // Esc drops a started draft and leaves the tool; nothing is added.
    let p = on_map(&h, c1.0, c1.1);
    click_at(&mut h, p);
    assert!(h.state().view.cable_draft.from.is_some());
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert_eq!(h.state().view.tool, Tool::Select);
    assert!(h.state().view.cable_draft.from.is_none());
    assert_eq!(mission(&h), before);

    h.get_by_label("Draw cable").click();
    h.run_steps(2);
    // A waypoint off the line between the cabins, well clear of both.
    let mid = between(c1, c2, 0.5);
    let off = (mid.0 + 0.0008, mid.1 + 0.0008);
    for (lon, lat) in [c1, off, c2] {
        let p = on_map(&h, lon, lat);
        click_at(&mut h, p);
    }
    h.run_steps(2);
    let after = mission(&h);
    assert_eq!(
        after.cables.len(),
        before.cables.len() + 1,
        "{}",
        h.state().view.status
    );
    let c = after.cables.last().unwrap();
    // The demo has F1 and F2: the new fibre cable is F3, of the library's fibre type.
    assert_eq!(c.id, "F3");
    assert_eq!(c.purpose, CablePurpose::Fibre);
    assert_eq!(c.cable_type, "fibre-48f");
    assert_eq!(
        (c.from.clone(), c.to.clone()),
        (CableEnd::Cabin("C1".into()), CableEnd::Cabin("C2".into()))
    );
    assert_eq!(c.waypoints.len(), 1);
    // Where it was clicked, to within two screen points at 1.5 m per point.
    let tol = 2.0 * 1.5 / 111_000.0 / c1.1.to_radians().cos();
    assert!(
        (c.waypoints[0][0] - off.0).abs() < tol && (c.waypoints[0][1] - off.1).abs() < tol,
        "{:?} vs {off:?}",
        c.waypoints[0]
    );
    assert_eq!(
        h.state().view.selection,
        Selection::Cable(after.cables.len() - 1)
    );
    undo(&mut h);
    assert_eq!(mission(&h), before);
}

#[test]
fn the_cable_profile_tab_shows_the_selected_cables_figures() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_copy(dir.path(), "cables.toml", |_| {});
    let mut h = open(path.clone());
    h.get_by_label("Cable profile").click();
    h.run_steps(2);
    assert_eq!(h.state().view.chart_tab, ChartTab::Cable);
    let _ = h.get_by_label("Cable profile chart");
    let ctx = Context::load(&path).unwrap();
    let demand = fathom::cable::network::cabin_demand_kw(&ctx);
    let figures = |i: usize| {
        let a = fathom::cable::analyse(&ctx, i, None, &demand).unwrap();
        let e = &a.engineering;
        let lengths = format!(
            "route {:.3} km + {} % slack, cable to order {:.3} km",
            e.route_length_m / 1e3,
            e.slack_pct,
            e.cable_length_m / 1e3
        );
        let perf = match a.performance.unwrap() {
            Performance::Power { flow, .. } => {
                format!("voltage drop {:.2} %", flow.voltage_drop_pct)
            }
            Performance::Fibre(f) => format!("one-way latency {:.1} µs", f.latency_us),
        };
        (lengths, perf)
    };
    // Nothing selected: the first cable (a power cable).
    for text in <[String; 2]>::from(figures(0)) {
        assert!(
            h.query_by_label_contains(&text).is_some(),
            "no label with `{text}`"
        );
    }
    // A selected fibre cable.
    let f1 = ctx
        .mission
        .cables
        .iter()
        .position(|c| c.id == "F1")
        .unwrap();
    h.state_mut().act(Action::Select(Selection::Cable(f1)));
    h.run_steps(2);
    for text in <[String; 2]>::from(figures(f1)) {
        assert!(
            h.query_by_label_contains(&text).is_some(),
            "no label with `{text}`"
        );
    }
}

/// A 1 km × 400 m seabed at 30 m (10 m cells, UTM 49N) with a V trough across it: 120 m wide
/// and 8 m deep, centred 460 m from the west edge.
fn trough_grid(dir: &Path) -> PathBuf {
    let (cols, rows, x0) = (100, 40, 402_000.0);
    let mut text = format!(
        "ncols {cols}\nnrows {rows}\nxllcorner {x0}\nyllcorner 2034000.0\ncellsize 10.0\n\
         NODATA_value -9999\n"
    );
    for _ in 0..rows {
        let row: Vec<String> = (0..cols)
            .map(|c| {
                let x = x0 + (c as f64 + 0.5) * 10.0;
                let v = (1.0 - (x - (x0 + 460.0)).abs() / 60.0).max(0.0);
                format!("{:.3}", -30.0 - 8.0 * v)
            })
            .collect();
        text += &row.join(" ");
        text += "\n";
    }
    let asc = dir.join("trough.asc");
    std::fs::write(&asc, text).unwrap();
    let prj = fathom::cli::default_mission()
        .parent()
        .unwrap()
        .join("lift-failing-seabed.prj");
    std::fs::copy(prj, dir.join("trough.prj")).unwrap();
    asc
}

/// A fibre cable F1 between landing points W and E, 900 m apart across [`trough_grid`]'s
/// trough, changed by `edit` (given the mission and a working-CRS → lon/lat conversion).
fn trough_mission(
    dir: &Path,
    edit: impl FnOnce(&mut Mission, &dyn Fn(f64, f64) -> [f64; 2]),
) -> Context {
    let asc = trough_grid(dir);
    let path = dir.join("trough.toml");
    let mut m = Mission::new("trough", mission::Site::on_grid(&asc));
    let ctx = Context::from_mission(m.clone(), &path).unwrap();
    let lonlat = |x: f64, y: f64| {
        let (lon, lat) = ctx.to_lonlat(x, y).unwrap();
        [lon, lat]
    };
    for (id, x) in [("W", 402_050.0), ("E", 402_950.0)] {
        let [lon, lat] = lonlat(x, 2_034_200.0);
        m.landing_points.push(mission::LandingPoint {
            id: id.into(),
            lon,
            lat,
        });
    }
    m.cables.push(mission::Cable::new(
        "F1".into(),
        "fibre-48f".into(),
        CablePurpose::Fibre,
        (CableEnd::Landing("W".into()), CableEnd::Landing("E".into())),
        50.0,
    ));
    edit(&mut m, &lonlat);
    Context::from_mission(m, &path).unwrap()
}

/// The planner on `ctx`, loaded and analysed.
fn open_context(ctx: Context) -> Harness<'static, FathomApp> {
    let mut h = Harness::builder()
        .with_size(vec2(1500.0, 1000.0))
        .build_eframe(|cc| FathomApp::new(cc, LaunchOptions::for_tests(None, vec![])));
    h.state_mut().open_context(ctx);
    wait_long(&mut h, "the mission to load and be analysed", idle);
    h
}

#[test]
fn a_failed_auto_route_is_shown_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // The west landing inside an exclusion zone: the router has nowhere to start.
    let ctx = trough_mission(dir.path(), |m, lonlat| {
        let (x, y) = (402_050.0, 2_034_200.0);
        let ring = [(-30.0, -30.0), (30.0, -30.0), (30.0, 30.0), (-30.0, 30.0)];
        m.exclusion_zones.push(ExclusionZone {
            id: "wreck".into(),
            kind: ZoneKind::Other,
            buffer_m: 0.0,
            polygon: Some(ring.iter().map(|(dx, dy)| lonlat(x + dx, y + dy)).collect()),
            line: None,
            geojson: None,
        });
    });
    let mut h = open_context(ctx);
    let before = mission(&h);
    h.state_mut().act(Action::Select(Selection::Cable(0)));
    h.state_mut().act(Action::AutoRouteCable { index: 0 });
    wait_long(&mut h, "the router to give up", |a| !a.busy());
    h.run_steps(2);
    let error = h.state().view.error.clone().expect("the error is shown");
    assert!(
        error.contains("Auto-route cable F1") && error.contains("exclusion zone"),
        "{error}"
    );
    assert_eq!(mission(&h), before);
    assert!(!h.state().doc.as_ref().unwrap().history.can_undo());
}

#[test]
fn a_cable_over_a_trough_has_its_library_spans_on_the_map_and_in_the_chart() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = trough_mission(dir.path(), |_, _| {});
    let want = fathom::cable::analyse(&ctx, 0, None, &Default::default()).unwrap();
    let h = open_context(ctx);
    let a = h.state().rt.analysis.as_ref().unwrap();
    let p = a.cables.of(0).expect("F1 analysed");
    // The chart's spans are the library's, each drawn on the map inside the trough.
    let got: Vec<(f64, f64, f64)> = p
        .spans
        .iter()
        .map(|s| (s.from_km * 1e3, s.to_km * 1e3, s.length_m))
        .collect();
    let lib: Vec<(f64, f64, f64)> = want
        .engineering
        .spans
        .iter()
        .map(|s| (s.from_kp_m, s.to_kp_m, s.length_m))
        .collect();
    assert!(!lib.is_empty(), "the trough makes a free span");
    assert_eq!(got.len(), lib.len());
    for (g, l) in got.iter().zip(&lib) {
        assert!((g.0 - l.0).abs() < 1e-6 && (g.1 - l.1).abs() < 1e-6 && g.2 == l.2);
    }
    for s in &p.spans {
        assert!(s.xy.len() >= 2, "{s:?}");
        assert!(
            s.xy.iter()
                .all(|q| (402_400.0 - 10.0..=402_520.0 + 10.0).contains(&q[0])),
            "{s:?}"
        );
    }
    // The profile reaches the deepest cells of the trough: their centres lie 5 m from its axis,
    // so 30 + 8 × (1 − 5/60) m down.
    let deepest = p.seabed.iter().map(|q| q[1]).fold(f64::INFINITY, f64::min);
    let cell = -(30.0 + 8.0 * (1.0 - 5.0 / 60.0));
    assert!((deepest - cell).abs() < 0.01, "{deepest} vs {cell}");
}
