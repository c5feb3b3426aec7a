//! Pointer, waiting and fixture helpers shared by the planner's kittest suites.

use egui::Pos2;
use egui_kittest::Harness;
use fathom::app::FathomApp;
use fathom::mission::{
    Cabin, CabinType, Context, Foundation, LandingPoint, Mission, Route, Site, Waypoint,
};
use std::path::PathBuf;
use std::time::Duration;

/// Steps the app until `cond` holds (workers run on threads, so this sleeps between frames);
/// panics naming `what` after 15 s.
pub fn step_until(h: &mut Harness<'_, FathomApp>, what: &str, cond: impl Fn(&FathomApp) -> bool) {
    for _ in 0..1500 {
        h.step();
        if cond(h.state()) {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("timed out waiting for: {what}");
}

/// [`step_until`] for work that runs long in a debug build on a shared machine (layout, routing,
/// the campaign): waits up to 120 s.
pub fn wait_long(h: &mut Harness<'_, FathomApp>, what: &str, cond: impl Fn(&FathomApp) -> bool) {
    for _ in 0..6000 {
        h.step();
        if cond(h.state()) {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("timed out waiting for: {what}");
}

/// Writes the demo mission into `dir` as `name` (its grid and metocean series paths made
/// absolute, so the copy reads the same files), changed by `edit`.
pub fn demo_copy(dir: &std::path::Path, name: &str, edit: impl FnOnce(&mut Mission)) -> PathBuf {
    let demo = fathom::cli::default_mission();
    let base = demo.parent().unwrap();
    let mut m = fathom::mission::load(&demo).unwrap();
    m.site.bathymetry = std::path::absolute(base.join(&m.site.bathymetry)).unwrap();
    if let Some(s) = m.metocean.as_mut().and_then(|x| x.series_csv.as_mut()) {
        *s = std::path::absolute(base.join(&*s)).unwrap();
    }
    edit(&mut m);
    let path = dir.join(name);
    fathom::mission::save(&m, &path).unwrap();
    path
}

/// The planner on the bundled demo mission in a 1500 × 1000 window, loaded and validated.
pub fn open_demo() -> Harness<'static, FathomApp> {
    let demo = fathom::cli::default_mission();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1500.0, 1000.0))
        .build_eframe(move |cc| {
            FathomApp::new(
                cc,
                fathom::app::LaunchOptions::for_tests(Some(demo), vec![]),
            )
        });
    step_until(&mut h, "the demo to load and validate", |a| {
        a.doc.is_some() && !a.busy() && a.view.findings_revision.is_some()
    });
    assert!(h.state().view.error.is_none(), "{:?}", h.state().view.error);
    h
}

/// Screen position of a lon/lat on the map.
pub fn on_map(h: &Harness<'_, FathomApp>, lon: f64, lat: f64) -> Pos2 {
    let app = h.state();
    let w = app.doc.as_ref().unwrap().site.to_work(lon, lat).unwrap();
    fathom::app::map::screen_pos(&app.view, w[0], w[1])
}

/// A click as the pointer makes it: hover, press, release.
pub fn click_at(h: &mut Harness<'_, FathomApp>, p: Pos2) {
    h.hover_at(p);
    h.step();
    h.drag_at(p);
    h.step();
    h.drop_at(p);
    h.step();
    h.step();
}

/// A drag from `from` to `to` in five moves.
pub fn drag(h: &mut Harness<'_, FathomApp>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.step();
    h.drag_at(from);
    h.step();
    for i in 1..=5 {
        h.hover_at(from + (to - from) * (i as f32 / 5.0));
        h.step();
    }
    h.drop_at(to);
    h.step();
    h.step();
}

/// A mission named `name` (file `file`) on the synthetic demo seabed: one 30 × 8 m `pod` cabin type, the
/// landing point LP1, a three-waypoint route and `cabins` (id, lon, lat; heading 30°).
pub fn lingang_context(name: &str, file: &str, cabins: &[(&str, f64, f64)]) -> Context {
    let grid = fathom::bathymetry::demo::generate();
    let mut m = Mission::new(name, Site::on_grid("lingang.tif"));
    m.cabin_types.push(CabinType {
        id: "pod".into(),
        source: String::new(),
        length_m: Some(30.0),
        width_m: Some(8.0),
        diameter_m: None,
        height_m: 6.0,
        mass_t: 400.0,
        displaced_volume_m3: 300.0,
        foundation: Foundation::GravityBase,
        max_slope_deg: 5.0,
        max_relief_m: 1.5,
        racks: 12,
        rack_kw: 20.0,
        drag: None,
        cooling: None,
    });
    m.landing_points.push(LandingPoint {
        id: "LP1".into(),
        lon: 121.95,
        lat: 30.85,
    });
    m.cabins = cabins
        .iter()
        .map(|&(id, lon, lat)| Cabin {
            id: id.into(),
            cabin_type: "pod".into(),
            lon,
            lat,
            heading_deg: 30.0,
        })
        .collect();
    let wp = |id, lon, lat| Waypoint {
        id,
        name: String::new(),
        lon,
        lat,
        speed_kn: None,
        geometry: Default::default(),
    };
    m.route = Some(Route {
        name: "in".into(),
        departure: None,
        waypoints: vec![
            wp(1, 122.14, 30.90),
            wp(2, 122.08, 30.84),
            wp(3, 122.03, 30.81),
        ],
    });
    let working_crs = grid.crs.clone().unwrap();
    Context {
        mission: m,
        path: PathBuf::from(file),
        grid_path: PathBuf::from("lingang.tif"),
        grid_source_crs: working_crs.clone(),
        working_crs,
        grid: grid.into(),
    }
}
