//! The planner on a copy of the demo mission with a port, a route and the Lingang wind farm
//! added (egui_kittest, no GPU): map overlays and their layer switches, the RTZ export action with
//! an injected path, the as-run track, the charts and the route drawing tool. Every test acts as a
//! user would and asserts on the mission or on what the planner derived from it.

// This suite uses a subset of the shared helpers.
#[allow(dead_code)]
mod common;

use common::{click_at, drag, on_map, step_until};
use egui::{Key, Modifiers, vec2};
use egui_kittest::{Harness, kittest::Queryable};
use fathom::app::document::Selection;
use fathom::app::state::Tool;
use fathom::app::{FathomApp, LaunchOptions};
use fathom::mission::{self, LegGeometry, Mission, Port, Route, Waypoint, WindFarm};
use std::path::{Path, PathBuf};

/// The shipped `[wind_farm]` section (assets/wind/lingang-wind-farm.toml): 40 NREL 5 MW turbines.
fn wind_farm() -> WindFarm {
    #[derive(serde::Deserialize)]
    struct Section {
        wind_farm: WindFarm,
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/wind/lingang-wind-farm.toml");
    let text = std::fs::read_to_string(path).unwrap();
    toml::from_str::<Section>(&text).unwrap().wind_farm
}

fn waypoint(id: u32, name: &str, lon: f64, lat: f64) -> Waypoint {
    Waypoint {
        id,
        name: name.into(),
        lon,
        lat,
        speed_kn: None,
        geometry: LegGeometry::Rhumb,
    }
}

/// Writes the demo mission into `dir` (grid path made absolute) with a port, a three-leg route
/// from it to the cabins and the wind farm, replacing whatever the demo has in those sections.
fn demo_with_route_and_wind(dir: &Path) -> (PathBuf, Mission) {
    let demo = fathom::cli::default_mission();
    let mut m = mission::load(&demo).unwrap();
    let base = demo.parent().unwrap();
    m.site.bathymetry = std::path::absolute(base.join(&m.site.bathymetry)).unwrap();
    m.ports = vec![Port {
        id: "LG".into(),
        name: "Lingang quay".into(),
        lon: 121.96,
        lat: 30.89,
    }];
    m.route = Some(Route {
        name: "Quay to cabins".into(),
        departure: None,
        waypoints: vec![
            waypoint(1, "Quay", 121.965, 30.885),
            waypoint(2, "Channel", 121.98, 30.87),
            waypoint(3, "Approach", 121.995, 30.855),
            waypoint(4, "Site", 121.998, 30.852),
        ],
    });
    m.wind_farm = Some(wind_farm());
    let path = dir.join("planned.toml");
    mission::save(&m, &path).unwrap();
    (path, m)
}

fn open(path: PathBuf, answers: Vec<PathBuf>) -> Harness<'static, FathomApp> {
    let mut h = Harness::builder()
        .with_size(vec2(1500.0, 1000.0))
        .build_eframe(move |cc| FathomApp::new(cc, LaunchOptions::for_tests(Some(path), answers)));
    step_until(&mut h, "the mission to load, validate and chart", |a| {
        a.doc.is_some()
            && !a.busy()
            && a.view.findings_revision.is_some()
            && a.rt.analysis_job.is_none()
    });
    h.step();
    assert!(h.state().view.error.is_none(), "{:?}", h.state().view.error);
    h
}

/// Zooms the map so `lon, lat` is centred at `mpp` metres per point.
fn zoom_to(h: &mut Harness<'_, FathomApp>, lon: f64, lat: f64, mpp: f64) {
    let w = h
        .state()
        .doc
        .as_ref()
        .unwrap()
        .site
        .to_work(lon, lat)
        .unwrap();
    let v = &mut h.state_mut().view.map;
    v.center = w;
    v.metres_per_point = mpp;
    h.step();
}

#[test]
fn overlays_hold_route_port_and_turbines_and_layers_switch_them() {
    let dir = tempfile::tempdir().unwrap();
    let (path, m) = demo_with_route_and_wind(dir.path());
    let mut h = open(path, vec![]);
    let scene = &h.state().rt.scene;
    assert_eq!(scene.turbines.len(), 40);
    // NREL 5 MW: 126 m rotor (Jonkman et al. 2009), drawn at true scale.
    assert_eq!(scene.turbines[0].rotor_radius_m, Some(63.0));
    assert_eq!(scene.ports.len(), 1);
    let names: Vec<&str> = scene.route.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(names, ["Quay", "Channel", "Approach", "Site"]);
    // Leg labels from the route table: the demo vessel's 10 kn service speed.
    assert_eq!(scene.legs.len(), 3);
    assert!(scene.legs[0].ends_with("10.0 kn"), "{:?}", scene.legs);

    // Clicking a turbine selects it and the inspector names it.
    let t = m.wind_farm.as_ref().unwrap().positions[9];
    zoom_to(&mut h, t[0], t[1], 5.0);
    let p = on_map(&h, t[0], t[1]);
    click_at(&mut h, p);
    assert_eq!(h.state().view.selection, Selection::Turbine(9));
    assert!(h.query_by_label("Wind turbine T10").is_some());

    // Switching the layer off hides the turbines from clicks too.
    h.get_by_label("Wind turbines").click();
    h.step();
    assert!(!h.state().view.prefs.layers.turbines);
    click_at(&mut h, p + vec2(2.0, 0.0));
    assert_eq!(h.state().view.selection, Selection::None);

    // A waypoint by its name.
    let wp = &m.route.as_ref().unwrap().waypoints[1];
    zoom_to(&mut h, wp.lon, wp.lat, 5.0);
    let p = on_map(&h, wp.lon, wp.lat);
    click_at(&mut h, p);
    assert_eq!(h.state().view.selection, Selection::Waypoint(1));
    h.get_by_label("Planned route").click();
    h.step();
    assert!(!h.state().view.prefs.layers.route);
}

#[test]
fn export_rtz_through_the_export_action_with_an_injected_path() {
    let dir = tempfile::tempdir().unwrap();
    let (path, m) = demo_with_route_and_wind(dir.path());
    let out = dir.path().join("Quay_to_cabins.rtz");
    let mut h = open(path, vec![out.clone()]);
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export route as RTZ…").click();
    h.step();
    assert!(h.state().view.error.is_none(), "{:?}", h.state().view.error);
    assert!(out.exists(), "no RTZ written");
    let back = fathom::formats::rtz::read(&out).unwrap();
    assert_eq!(back.version, "1.1");
    assert_eq!(back.route.name, "Quay_to_cabins");
    let planned = m.route.as_ref().unwrap();
    assert_eq!(back.route.waypoints.len(), planned.waypoints.len());
    for (a, b) in back.route.waypoints.iter().zip(&planned.waypoints) {
        assert_eq!((a.id, &a.name), (b.id, &b.name));
        assert!((a.lon - b.lon).abs() < 1e-9 && (a.lat - b.lat).abs() < 1e-9);
    }
    // The mission itself is unchanged by an export.
    assert_eq!(h.state().mission().unwrap().route.as_ref(), Some(planned));
    assert!(!h.state().doc.as_ref().unwrap().dirty());
}

#[test]
fn export_without_a_route_says_so_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut m) = demo_with_route_and_wind(dir.path());
    m.route = None;
    mission::save(&m, &path).unwrap();
    let out = dir.path().join("none.rtz");
    let mut h = open(path, vec![out.clone()]);
    h.state_mut().act(fathom::app::actions::Action::ExportRtz);
    h.step();
    assert!(!out.exists());
    let e = h.state().view.error.clone().unwrap();
    assert!(e.contains("no route"), "{e}");
}

#[test]
fn an_as_run_gpx_track_is_drawn_and_a_bad_one_reported() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = demo_with_route_and_wind(dir.path());
    let gpx = dir.path().join("asrun.gpx");
    let pts: String = (0..5)
        .map(|i| {
            format!(
                "<trkpt lat=\"{}\" lon=\"{}\"><time>2026-05-01T08:0{i}:00Z</time></trkpt>",
                30.885 - 0.003 * i as f64,
                121.965 + 0.003 * i as f64
            )
        })
        .collect();
    std::fs::write(
        &gpx,
        format!("<gpx version=\"1.1\" creator=\"t\"><trk><trkseg>{pts}</trkseg></trk></gpx>"),
    )
    .unwrap();
    let bad = dir.path().join("empty.gpx");
    std::fs::write(&bad, "<gpx version=\"1.1\" creator=\"t\"></gpx>").unwrap();
    let mut h = open(path, vec![gpx, bad]);
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Load as-run track…").click();
    step_until(&mut h, "the track", |a| a.rt.track.is_some());
    let t = h.state().rt.track.clone().unwrap();
    assert_eq!(t.xy.len(), 5);
    let site = &h.state().doc.as_ref().unwrap().site;
    let w = site.to_work(121.965, 30.885).unwrap();
    assert!((t.xy[0][0] - w[0]).abs() < 1e-6 && (t.xy[0][1] - w[1]).abs() < 1e-6);

    h.state_mut()
        .act(fathom::app::actions::Action::LoadTrackDialog);
    step_until(&mut h, "the failed track", |a| a.view.error.is_some());
    let e = h.state().view.error.clone().unwrap();
    assert!(e.contains("empty.gpx") && e.contains("no positions"), "{e}");
    // The track shown before stays.
    assert_eq!(h.state().rt.track.as_ref().unwrap().xy.len(), 5);
}

#[test]
fn charts_show_the_libraries_results_for_the_mission() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = demo_with_route_and_wind(dir.path());
    let mut h = open(path.clone(), vec![]);
    step_until(&mut h, "the charts", |a| {
        a.rt.analysis_job.is_none() && a.rt.analysis.is_some()
    });
    let ctx = fathom::mission::Context::load(&path).unwrap();
    let a = h.state().rt.analysis.clone().unwrap();

    // Depth profile: the UKC samples of the vessel module, seabed as negative elevation.
    let p = a.profile.as_ref().unwrap();
    let route = ctx.mission.route.as_ref().unwrap();
    let vessel = ctx.mission.vessel.as_ref().unwrap();
    let table = fathom::vessel::legs::route_table(route, Some(vessel)).unwrap();
    let samples = fathom::vessel::ukc::sample_route(&ctx, route, &table, vessel);
    let with_depth: Vec<_> = samples.iter().filter(|s| s.depth_m.is_some()).collect();
    assert_eq!(p.seabed.len(), with_depth.len());
    assert!((p.seabed[0].y + with_depth[0].depth_m.unwrap()).abs() < 1e-9);
    let least = samples
        .iter()
        .filter_map(|s| s.clearance_m)
        .fold(f64::INFINITY, f64::min);
    assert!((p.least_clearance_m.unwrap() - least).abs() < 1e-9);
    assert_eq!(
        p.required,
        Some(-(vessel.draught_m + vessel.ukc_required_m()))
    );
    assert_eq!(p.waypoints.len(), 4);
    assert!((p.waypoints[3].0 - table.total_nm).abs() < 1e-9);

    // Cooling: the monthly PUE of the cooling budget.
    h.get_by_label("Cooling").click();
    h.step();
    let pue = fathom::cooling::analyse(&ctx).unwrap().monthly_pue;
    let c = a.cooling.as_ref().unwrap();
    for (i, pt) in c.pue.iter().enumerate() {
        assert_eq!((pt.x, pt.y), ((i + 1) as f64, pue[i]));
    }
    assert!(h.query_by_label_contains("Annual PUE").is_some());

    // Power: demand = IT load × monthly PUE; the Weibull rose gives the annual mean supply.
    h.get_by_label("Power").click();
    h.step();
    assert_eq!(
        h.state().view.chart_tab,
        fathom::app::state::ChartTab::Power
    );
    let w = a.wind.as_ref().unwrap();
    let it = fathom::wind::farm::it_load_w(&ctx);
    let demand = fathom::wind::supply::monthly_demand_w(it, &fathom::wind::monthly_pue(&ctx));
    for (shown, d) in w.demand_mw.iter().zip(demand) {
        assert!((shown - d / 1e6).abs() < 1e-9);
    }
    assert!(w.supply_is_annual_mean && w.supply_mw[0] > 1.0, "{w:?}");
    assert!(w.share_met > 0.0 && w.share_met <= 1.0);
    assert!(h.query_by_label_contains("Share of demand met").is_some());
}

#[test]
fn charts_say_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut m) = demo_with_route_and_wind(dir.path());
    m.wind_farm = None;
    m.cables.clear(); // the demo's power cable starts at a turbine
    m.route = None;
    mission::save(&m, &path).unwrap();
    let mut h = open(path, vec![]);
    step_until(&mut h, "the charts", |a| {
        a.rt.analysis_job.is_none() && a.rt.analysis.is_some()
    });
    assert!(
        h.query_by_label_contains("Nothing to chart: no route")
            .is_some()
    );
    h.get_by_label("Power").click();
    h.step();
    assert!(
        h.query_by_label_contains("no [wind_farm] section")
            .is_some()
    );
}

#[test]
fn draw_a_route_by_clicking_then_undo_move_delete_and_export_it() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut m) = demo_with_route_and_wind(dir.path());
    m.route = None;
    mission::save(&m, &path).unwrap();
    let out = dir.path().join("Drawn.rtz");
    let mut h = open(path, vec![out.clone()]);
    h.get_by_label("Draw route").click();
    h.step();
    assert_eq!(h.state().view.tool, Tool::DrawRoute);
    let clicks = [(121.97, 30.88), (121.99, 30.86), (122.01, 30.84)];
    for (lon, lat) in clicks {
        let p = on_map(&h, lon, lat);
        click_at(&mut h, p);
    }
    let r = h.state().mission().unwrap().route.clone().unwrap();
    assert_eq!(
        r.waypoints.iter().map(|w| w.id).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    for (w, (lon, lat)) in r.waypoints.iter().zip(clicks) {
        assert!(
            (w.lon - lon).abs() < 0.002 && (w.lat - lat).abs() < 0.002,
            "{w:?}"
        );
    }
    assert_eq!(h.state().view.selection, Selection::Waypoint(2));
    assert_eq!(h.state().rt.scene.route.len(), 3);

    // Each click is one undo step.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.step();
    assert_eq!(route_len(&h), 2);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.step();
    assert_eq!(route_len(&h), 3);

    // Dragging a waypoint moves it, in one undo step.
    h.key_press(Key::Escape);
    h.step();
    assert_eq!(h.state().view.tool, Tool::Select);
    let from = on_map(&h, 121.99, 30.86);
    let to = from + vec2(30.0, 20.0);
    drag(&mut h, from, to);
    let moved = h
        .state()
        .mission()
        .unwrap()
        .route
        .clone()
        .unwrap()
        .waypoints[1]
        .clone();
    assert!(
        moved.lon > 121.99 + 1e-4 && moved.lat < 30.86 - 1e-4,
        "{moved:?}"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.step();
    let back = h
        .state()
        .mission()
        .unwrap()
        .route
        .clone()
        .unwrap()
        .waypoints[1]
        .clone();
    assert_eq!(
        (back.lon, back.lat),
        (r.waypoints[1].lon, r.waypoints[1].lat)
    );

    // The drawn route exports as RTZ.
    h.state_mut().act(fathom::app::actions::Action::ExportRtz);
    h.step();
    let rtz = fathom::formats::rtz::read(&out).unwrap();
    assert_eq!(rtz.route.waypoints.len(), 3);

    // Delete removes the selected waypoint.
    let p = on_map(&h, 122.01, 30.84);
    click_at(&mut h, p);
    assert_eq!(h.state().view.selection, Selection::Waypoint(2));
    h.key_press(Key::Delete);
    h.step();
    assert_eq!(route_len(&h), 2);
}

fn route_len(h: &Harness<'_, FathomApp>) -> usize {
    h.state()
        .mission()
        .unwrap()
        .route
        .as_ref()
        .map_or(0, |r| r.waypoints.len())
}

#[test]
fn draw_an_exclusion_zone_closing_it_on_the_first_corner() {
    let dir = tempfile::tempdir().unwrap();
    let (path, m) = demo_with_route_and_wind(dir.path());
    let zones_before = m.exclusion_zones.len();
    let mut h = open(path, vec![]);
    h.key_press(Key::E);
    h.step();
    assert_eq!(h.state().view.tool, Tool::DrawZone);
    let corners = [
        (121.97, 30.83),
        (122.02, 30.83),
        (122.02, 30.81),
        (121.97, 30.81),
    ];
    for (lon, lat) in corners {
        let p = on_map(&h, lon, lat);
        click_at(&mut h, p);
    }
    assert_eq!(h.state().view.zone_draft.len(), 4);
    // Nothing enters the mission (or the undo history) until the ring is closed.
    assert_eq!(
        h.state().mission().unwrap().exclusion_zones.len(),
        zones_before
    );
    let first = on_map(&h, corners[0].0, corners[0].1);
    click_at(&mut h, first + vec2(3.0, 0.0));
    let m = h.state().mission().unwrap();
    assert_eq!(m.exclusion_zones.len(), zones_before + 1);
    let z = m.exclusion_zones.last().unwrap();
    let ring = z.polygon.as_ref().unwrap();
    assert_eq!(ring.len(), 4);
    for (v, (lon, lat)) in ring.iter().zip(corners) {
        assert!(
            (v[0] - lon).abs() < 0.002 && (v[1] - lat).abs() < 0.002,
            "{v:?}"
        );
    }
    assert!(h.state().view.zone_draft.is_empty());
    assert_eq!(h.state().view.selection, Selection::Zone(zones_before));
    // Drawn, triangulated and filled in the scene.
    assert!(
        !h.state()
            .rt
            .scene
            .zones
            .last()
            .unwrap()
            .triangles
            .is_empty()
    );

    // A cabin placed inside it is reported by validation.
    h.key_press(Key::A);
    h.step();
    let inside = on_map(&h, 121.995, 30.82);
    click_at(&mut h, inside);
    step_until(&mut h, "validation of the new cabin", |a| {
        !a.busy() && a.view.findings_revision == a.doc.as_ref().map(|d| d.revision)
    });
    let id =
        fathom::finding::ObjectRef::cabin(&h.state().mission().unwrap().cabins.last().unwrap().id);
    assert!(
        h.state()
            .view
            .findings
            .iter()
            .any(|f| f.concerns(&id) && f.message.contains(&z_id(&h))),
        "{:#?}",
        h.state().view.findings
    );

    // One undo step removes the cabin, the next the zone.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.step();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.step();
    assert_eq!(
        h.state().mission().unwrap().exclusion_zones.len(),
        zones_before
    );
}

fn z_id(h: &Harness<'_, FathomApp>) -> String {
    h.state()
        .mission()
        .unwrap()
        .exclusion_zones
        .last()
        .unwrap()
        .id
        .clone()
}

#[test]
fn a_deep_draught_marks_the_route_short_of_clearance() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut m) = demo_with_route_and_wind(dir.path());
    m.vessel.as_mut().unwrap().draught_m = 30.0;
    mission::save(&m, &path).unwrap();
    let mut h = open(path, vec![]);
    step_until(&mut h, "the charts", |a| {
        a.rt.analysis_job.is_none() && a.rt.analysis.is_some()
    });
    let a = h.state().rt.analysis.clone().unwrap();
    let p = a.profile.as_ref().unwrap();
    // The demo seabed along this route is 15–30 m deep: every sample is short of 30 m + UKC.
    assert_eq!(p.shallow.len(), p.seabed.len());
    assert_eq!(p.shallow_xy.len(), p.shallow.len());
    assert!(p.least_clearance_m.unwrap() < 0.0);
    assert!(
        h.query_by_label_contains("samples below the required clearance")
            .is_some()
    );
}

#[test]
fn the_inspector_edits_a_waypoint_and_a_zone() {
    let dir = tempfile::tempdir().unwrap();
    let (path, m) = demo_with_route_and_wind(dir.path());
    let mut h = open(path, vec![]);
    h.state_mut()
        .act(fathom::app::actions::Action::Select(Selection::Waypoint(2)));
    h.step();
    h.get_by_label("Waypoint name").click();
    h.step();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.step();
    h.get_by_label("Waypoint name").type_text("Turn");
    h.step();
    h.step();
    let wp = &h
        .state()
        .mission()
        .unwrap()
        .route
        .as_ref()
        .unwrap()
        .waypoints[2];
    assert_eq!(wp.name, "Turn");
    assert!(h.query_by_label_contains("Leg 2:").is_some());
    h.key_press(Key::Escape);
    h.step();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.step();
    assert_eq!(h.state().mission().unwrap(), &m);

    // Draw a zone, then widen it with a buffer in the inspector.
    h.key_press(Key::E);
    h.step();
    for (lon, lat) in [(121.97, 30.83), (122.02, 30.83), (122.02, 30.81)] {
        let p = on_map(&h, lon, lat);
        click_at(&mut h, p);
    }
    h.key_press(Key::Enter);
    h.step();
    let i = h.state().mission().unwrap().exclusion_zones.len() - 1;
    assert_eq!(h.state().view.selection, Selection::Zone(i));
    h.get_by_label("Buffer").click();
    h.step();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.step();
    h.get_by_label("Buffer").type_text("250");
    h.key_press(Key::Enter);
    h.step();
    h.step();
    assert_eq!(
        h.state().mission().unwrap().exclusion_zones[i].buffer_m,
        250.0
    );
}

#[test]
fn dropping_an_rtz_imports_the_route_in_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut m) = demo_with_route_and_wind(dir.path());
    let planned = m.route.take().unwrap();
    mission::save(&m, &path).unwrap();
    let rtz = dir.path().join("Planned.rtz");
    std::fs::write(
        &rtz,
        fathom::formats::rtz::write(&planned, "Planned", Some(10.0)),
    )
    .unwrap();
    let mut h = open(path, vec![]);
    h.state_mut()
        .act(fathom::app::actions::Action::Open(rtz.clone()));
    h.step();
    let app = h.state();
    assert!(app.view.error.is_none(), "{:?}", app.view.error);
    // Still the same mission, now with the route.
    assert_eq!(app.mission().unwrap().name, m.name);
    let r = app.mission().unwrap().route.clone().unwrap();
    assert_eq!(r.waypoints.len(), planned.waypoints.len());
    assert_eq!(r.waypoints[1].name, "Channel");
    assert_eq!(app.rt.scene.route.len(), 4);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.step();
    assert!(h.state().mission().unwrap().route.is_none());

    // A broken RTZ is reported and changes nothing.
    std::fs::write(&rtz, "<route version=\"1.1\"><waypoints/></route>").unwrap();
    h.state_mut().act(fathom::app::actions::Action::Open(rtz));
    h.step();
    assert!(
        h.state()
            .view
            .error
            .as_ref()
            .unwrap()
            .contains("Planned.rtz")
    );
    assert!(h.state().mission().unwrap().route.is_none());
}

#[test]
fn geojson_exclusion_zones_are_read_on_the_worker_and_drawn() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut m) = demo_with_route_and_wind(dir.path());
    std::fs::write(
        dir.path().join("wreck.geojson"),
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},
"geometry":{"type":"Polygon","coordinates":[[[121.98,30.83],[121.99,30.83],[121.99,30.84],[121.98,30.83]]]}}]}"#,
    )
    .unwrap();
    let zone = |id: &str, file: &str| mission::ExclusionZone {
        id: id.into(),
        kind: mission::ZoneKind::Other,
        buffer_m: 50.0,
        polygon: None,
        line: None,
        geojson: Some(file.into()),
    };
    m.exclusion_zones = vec![
        zone("wreck", "wreck.geojson"),
        zone("lost", "missing.geojson"),
    ];
    mission::save(&m, &path).unwrap();
    let mut h = open(path, vec![]);
    step_until(&mut h, "the worker's zones", |a| {
        a.rt.analysis_job.is_none() && a.rt.analysis.is_some()
    });
    let a = h.state().rt.analysis.clone().unwrap();
    assert_eq!(a.geojson_zones.len(), 1);
    assert_eq!(a.geojson_zones[0].id, "wreck");
    assert!(!a.geojson_zones[0].triangles.is_empty());
    assert_eq!(a.zone_errors.len(), 1);
    assert!(
        a.zone_errors[0].contains("missing.geojson"),
        "{:?}",
        a.zone_errors
    );
}
