//! The planner as a new user meets it (issue 16), driven through its UI without a GPU
//! (egui_kittest): file dialogs on a desktop without a portal, the route tool, planning a route
//! into a hand-built one, and saving without float noise.
#![cfg(feature = "gui")]

// This suite uses a subset of the shared helpers.
#[allow(dead_code)]
mod common;

use common::{click_at, on_map, step_until};
use egui::{Key, Modifiers, vec2};
use egui_kittest::{Harness, kittest::Queryable};
use fathom::app::document::Selection;
use fathom::app::state::Tool;
use fathom::app::{FathomApp, InjectedDialogs, LaunchOptions};
use fathom::mission::{Context, Mission};

/// A mission on the synthetic demo seabed with a three-waypoint route and one cabin.
fn context() -> Context {
    common::lingang_context("Usability", "usability.toml", &[("C1", 122.06, 30.80)])
}

fn open_with(opts: LaunchOptions) -> Harness<'static, FathomApp> {
    let ctx = context();
    let mut h = Harness::builder()
        .with_size(vec2(1400.0, 900.0))
        .build_eframe(move |cc| {
            let mut app = FathomApp::new(cc, opts);
            app.open_context(ctx);
            app
        });
    step_until(&mut h, "the mission to load and validate", |a| {
        a.doc.is_some() && !a.busy() && a.view.findings_revision.is_some()
    });
    h.step();
    h
}

fn open() -> Harness<'static, FathomApp> {
    open_with(LaunchOptions::for_tests(None, vec![]))
}

fn no_portal() -> Harness<'static, FathomApp> {
    let mut opts = LaunchOptions::for_tests(None, vec![]);
    opts.dialogs = Box::new(InjectedDialogs::no_portal());
    open_with(opts)
}

#[test]
fn without_a_portal_save_as_goes_through_the_in_app_dialog() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("through-the-app.toml");
    let mut h = no_portal();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.step();
    h.step();
    assert!(
        h.state().view.status.contains("unavailable"),
        "the missing portal is reported: {:?}",
        h.state().view.status
    );
    assert!(h.state().view.file_dialog.is_some());
    h.get_by_label("File path").click();
    h.step();
    // Replace the suggested name with the full path, as a user types one.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.step();
    h.get_by_label("File path")
        .type_text(&out.display().to_string());
    h.step();
    h.get_by_label("Save").click();
    h.step();
    h.step();
    assert!(h.state().view.file_dialog.is_none());
    let back = fathom::mission::load(&out).unwrap();
    assert_eq!(back.name, "Usability");
    assert_eq!(back.route.unwrap().waypoints.len(), 3);
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(doc.path, out);
    assert!(!doc.dirty());
    assert_eq!(
        h.state().view.prefs.recent_folders()[0],
        dir.path().canonicalize().unwrap()
    );
}

#[test]
fn the_in_app_dialog_opens_a_listed_file_and_says_why_a_path_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let track = dir.path().join("asrun.gpx");
    std::fs::write(
        &track,
        r#"<?xml version="1.0"?><gpx version="1.1" creator="t"><trk><trkseg>
<trkpt lat="30.85" lon="121.96"><time>2026-06-01T00:00:00Z</time></trkpt>
<trkpt lat="30.84" lon="122.00"><time>2026-06-01T01:00:00Z</time></trkpt>
</trkseg></trk></gpx>"#,
    )
    .unwrap();
    std::fs::write(dir.path().join("other.toml"), "").unwrap();
    let mut h = no_portal();
    h.state_mut().view.prefs.remember_folder(dir.path());
    h.state_mut()
        .act(fathom::app::actions::Action::LoadTrackDialog);
    h.step();
    h.step();
    // The track filter lists the GPX file and not the mission.
    assert!(h.query_by_label("asrun.gpx").is_some());
    assert!(h.query_by_label("other.toml").is_none());
    h.get_by_label("File path").click();
    h.step();
    h.get_by_label("File path").type_text("missing.gpx");
    h.step();
    h.get_by_label("Open").click();
    h.step();
    h.step();
    assert!(
        h.query_by_label_contains("missing.gpx does not exist")
            .is_some()
    );
    h.get_by_label("asrun.gpx").click();
    h.step();
    h.get_by_label("Open").click();
    h.step();
    step_until(&mut h, "the track to load", |a| a.rt.track.is_some());
    assert_eq!(h.state().rt.track.as_ref().unwrap().path, track);
}

#[test]
fn cancelling_the_in_app_dialog_is_reported() {
    let mut h = no_portal();
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.step();
    h.step();
    h.get_by_label("Cancel").click();
    h.step();
    h.step();
    assert!(h.state().view.file_dialog.is_none());
    assert_eq!(h.state().view.status, "Open mission: cancelled");
}

fn route_lonlat(h: &Harness<'_, FathomApp>) -> Vec<[f64; 2]> {
    h.state()
        .mission()
        .unwrap()
        .route
        .as_ref()
        .map_or(vec![], |r| {
            r.waypoints.iter().map(|w| [w.lon, w.lat]).collect()
        })
}

fn near(a: [f64; 2], b: [f64; 2]) -> bool {
    (a[0] - b[0]).abs() < 2e-3 && (a[1] - b[1]).abs() < 2e-3
}

#[test]
fn new_route_starts_afresh_and_extend_route_appends() {
    let mut h = open();
    let old = route_lonlat(&h);
    h.get_by_label("New route").click();
    h.step();
    assert_eq!(h.state().view.tool, Tool::DrawRoute);
    let a = on_map(&h, 122.00, 30.86);
    let b = on_map(&h, 122.06, 30.88);
    click_at(&mut h, a);
    click_at(&mut h, b);
    h.key_press(Key::Enter);
    h.step();
    let new = route_lonlat(&h);
    assert_eq!(new.len(), 2, "the old route is replaced: {new:?}");
    assert!(near(new[0], [122.00, 30.86]) && near(new[1], [122.06, 30.88]));
    assert_eq!(
        h.state().view.tool,
        Tool::Select,
        "Enter finishes the route"
    );
    assert_eq!(
        h.state().mission().unwrap().route.as_ref().unwrap().name,
        "Planned route"
    );

    h.get_by_label("Extend route").click();
    h.step();
    let c = on_map(&h, 122.10, 30.84);
    click_at(&mut h, c);
    let ext = route_lonlat(&h);
    assert_eq!(ext.len(), 3);
    assert_eq!(&ext[..2], &new[..]);
    assert!(near(ext[2], [122.10, 30.84]));
    // Undo restores the extension, then the new route, then the old route.
    for _ in 0..3 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.step();
    }
    assert_eq!(route_lonlat(&h), old);
}

#[test]
fn a_double_click_finishes_the_route_without_a_duplicate_waypoint() {
    let mut h = open();
    let before = route_lonlat(&h).len();
    h.key_press(Key::W);
    h.step();
    assert_eq!(h.state().view.tool, Tool::DrawRoute);
    let p = on_map(&h, 122.00, 30.86);
    h.hover_at(p);
    h.step();
    for _ in 0..2 {
        h.drag_at(p);
        h.step();
        h.drop_at(p);
        h.step();
    }
    h.step();
    let after = route_lonlat(&h);
    assert_eq!(after.len(), before + 1, "one waypoint, not two: {after:?}");
    let n = after.len();
    assert!(
        !near(after[n - 1], after[n - 2]),
        "no zero-length last leg: {after:?}"
    );
    assert_eq!(
        h.state().view.tool,
        Tool::Select,
        "the double-click finishes"
    );
}

#[test]
fn a_click_on_a_leg_inserts_a_waypoint_there_and_delete_removes_it() {
    let mut h = open();
    let before = route_lonlat(&h);
    h.key_press(Key::W);
    h.step();
    let mid = [
        (before[0][0] + before[1][0]) / 2.0,
        (before[0][1] + before[1][1]) / 2.0,
    ];
    let p = on_map(&h, mid[0], mid[1]);
    click_at(&mut h, p);
    let after = route_lonlat(&h);
    assert_eq!(after.len(), before.len() + 1);
    assert!(near(after[1], mid), "inserted on leg 1: {after:?}");
    assert_eq!(after[0], before[0]);
    assert_eq!(&after[2..], &before[1..]);
    assert_eq!(h.state().view.selection, Selection::Waypoint(1));
    let ids: Vec<u32> = h
        .state()
        .mission()
        .unwrap()
        .route
        .as_ref()
        .unwrap()
        .waypoints
        .iter()
        .map(|w| w.id)
        .collect();
    assert_eq!(ids, [1, 4, 2, 3]);
    // Drag the inserted waypoint, then delete it with Del.
    let to = on_map(&h, mid[0] + 0.01, mid[1]);
    common::drag(&mut h, p, to);
    let moved = route_lonlat(&h)[1];
    assert!(near(moved, [mid[0] + 0.01, mid[1]]), "{moved:?}");
    h.key_press(Key::Delete);
    h.step();
    assert_eq!(route_lonlat(&h), before);
}

/// The longest run of decimals of any number in `text`, outside the line holding `except`.
fn most_decimals(text: &str, except: &str) -> usize {
    text.lines()
        .filter(|l| !l.contains(except))
        .flat_map(|l| l.split(|c: char| !(c.is_ascii_digit() || c == '.')))
        .filter_map(|t| t.split_once('.').map(|(_, d)| d.len()))
        .max()
        .unwrap_or(0)
}

#[test]
fn saving_after_a_drag_writes_no_float_noise_and_keeps_untouched_values() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("noise.toml");
    let mut ctx = context();
    // A value from another tool, with noise: the user never touches it, so it stays as read.
    ctx.mission.landing_points[0].lon = 121.95000000000002;
    std::fs::write(&path, fathom::mission::to_toml(&ctx.mission)).unwrap();
    ctx.path = path.clone();
    let mut h = Harness::builder()
        .with_size(vec2(1400.0, 900.0))
        .build_eframe(move |cc| {
            let mut app = FathomApp::new(cc, LaunchOptions::for_tests(None, vec![]));
            app.open_context(ctx);
            app
        });
    step_until(&mut h, "the mission to load", |a| {
        a.doc.is_some() && !a.busy()
    });
    h.step();
    let from = on_map(&h, 122.06, 30.80);
    let to = from + vec2(37.3, -21.7);
    common::drag(&mut h, from, to);
    let moved = h.state().mission().unwrap().cabins[0].clone();
    assert!(moved.lon != 122.06, "the drag moved the cabin");
    // The drag's position comes back through the working-CRS transform: full-precision noise.
    assert!(moved.lon.to_string().len() > 12, "{}", moved.lon);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.step();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("lon = 121.95000000000002"),
        "untouched value kept:\n{text}"
    );
    assert!(
        most_decimals(&text, "121.95000000000002") <= 7,
        "positions rounded to 1e-7 degrees:\n{text}"
    );
    let back = fathom::mission::load(&path).unwrap();
    let c = &back.cabins[0];
    assert!((c.lon - moved.lon).abs() <= 0.5e-7 && (c.lat - moved.lat).abs() <= 0.5e-7);
    assert!(!h.state().doc.as_ref().unwrap().dirty());
}

/// The demo mission copied into `dir` (grid path made absolute), changed by `edit`, opened.
fn open_demo(
    dir: &std::path::Path,
    edit: impl FnOnce(&mut Mission),
) -> Harness<'static, FathomApp> {
    let demo = fathom::cli::default_mission();
    let mut m = fathom::mission::load(&demo).unwrap();
    m.site.bathymetry =
        std::path::absolute(demo.parent().unwrap().join(&m.site.bathymetry)).unwrap();
    edit(&mut m);
    // The wind series sits next to the mission.
    let csv = "demo-wind-hourly.csv";
    std::fs::copy(demo.parent().unwrap().join(csv), dir.join(csv)).unwrap();
    let path = dir.join("charts.toml");
    fathom::mission::save(&m, &path).unwrap();
    let mut h = Harness::builder()
        .with_size(vec2(1500.0, 1000.0))
        .build_eframe(move |cc| FathomApp::new(cc, LaunchOptions::for_tests(Some(path), vec![])));
    for _ in 0..6000 {
        h.step();
        let a = h.state();
        if a.doc.is_some() && !a.busy() && a.rt.analysis_job.is_none() && a.rt.analysis.is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    h.step();
    assert!(h.state().rt.analysis.is_some(), "the charts were computed");
    h
}

#[test]
fn chart_legends_sit_outside_the_plots_and_an_empty_tab_keeps_the_panel_height() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = open_demo(dir.path(), |m| m.cooling = None);
    let map_height = |h: &Harness<'_, FathomApp>| h.state().view.map_rect.unwrap().height();
    let before = map_height(&h);
    let cases = [
        (
            "Depth profile",
            "Depth profile chart",
            "keel (draught + squat)",
        ),
        ("Power", "Power chart", "cable capacity: the most"),
    ];
    for (tab, plot, key) in cases {
        h.get_by_label(tab).click();
        h.run_steps(3);
        let plot_rect = h.get_by_label(plot).rect();
        let key_rect = h.get_by_label_contains(key).rect();
        assert!(
            !plot_rect.intersects(key_rect) && key_rect.bottom() <= plot_rect.top(),
            "{tab}: legend {key_rect:?} overlaps the plot {plot_rect:?}"
        );
        assert_eq!(map_height(&h), before, "{tab} keeps the panel height");
    }
    // Cooling was removed from the mission: its tab is empty and the panel keeps its height.
    h.get_by_label("Cooling").click();
    h.run_steps(3);
    assert!(h.query_by_label_contains("Nothing to chart").is_some());
    assert_eq!(
        map_height(&h),
        before,
        "the empty tab keeps the panel height"
    );
    // Hovering the depth profile shows the value under the cursor, in NM and m.
    h.get_by_label("Depth profile").click();
    h.run_steps(3);
    let r = h.get_by_label("Depth profile chart").rect();
    h.hover_at(r.center());
    h.run_steps(3);
    assert!(
        h.query_by_label_contains(" NM: ").is_some(),
        "a hover label with the distance and elevation"
    );
}

#[test]
fn the_cooling_tab_shows_seawater_temperature_and_the_control_mode() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = open_demo(dir.path(), |_| {});
    h.get_by_label("Cooling").click();
    h.run_steps(3);
    let sea = h.get_by_label("Seawater temperature chart").rect();
    let pue = h.get_by_label("PUE chart").rect();
    assert!(!sea.intersects(pue));
    assert!(h.query_by_label_contains("Control: ").is_some());
    let key = h
        .get_by_label_contains("seawater temperature (mean at the cabins)")
        .rect();
    assert!(key.bottom() <= sea.top());
    let a = h.state().rt.analysis.as_ref().unwrap();
    let c = a.cooling.as_ref().unwrap();
    assert_eq!(c.sea_temp.len(), 12);
}
