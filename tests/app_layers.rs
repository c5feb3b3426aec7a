//! The planner's computed map layers on the demo mission (egui_kittest, no GPU): the suitability
//! overlay, switched on through its label in the layers panel, computed on a worker, and the
//! reason a place fails (or its score) named in the status bar on hover; the isobaths; and the
//! weather-window chart computed from a metocean series.

// This suite uses a subset of the shared helpers.
#[allow(dead_code)]
mod common;

use common::{on_map, open_demo, step_until};
use egui::vec2;
use egui_kittest::{Harness, kittest::Queryable};
use fathom::app::actions::Action;
use fathom::app::edit::Edit;
use fathom::app::{FathomApp, LaunchOptions};

/// Switches the layer on by its label and waits for the worker's map.
fn suitability_on(h: &mut Harness<'_, FathomApp>) {
    assert!(!h.state().view.prefs.layers.suitability, "off by default");
    h.get_by_label("Suitability").click();
    h.step();
    assert!(h.state().view.prefs.layers.suitability);
    step_until(h, "the suitability map", |a| {
        a.rt.suitability.current.is_some() || a.rt.suitability.error.is_some()
    });
    assert!(
        h.state().rt.suitability.error.is_none(),
        "{:?}",
        h.state().rt.suitability.error
    );
}

/// Centres the map on world point `w` at 5 m per point and hovers it.
fn hover_world(h: &mut Harness<'_, FathomApp>, w: [f64; 2]) {
    let v = &mut h.state_mut().view.map;
    v.center = w;
    v.metres_per_point = 5.0;
    h.step();
    let p = fathom::app::map::screen_pos(&h.state().view, w[0], w[1]);
    h.hover_at(p);
    h.step();
    h.step();
}

/// The centre of a grid cell in water shallower than the demo's 15 m minimum depth, well inside
/// the grid: a cabin centred there must fail DEPTH.
fn shallow_cell(h: &Harness<'_, FathomApp>) -> [f64; 2] {
    let doc = h.state().doc.as_ref().unwrap();
    let g = &doc.site.grid;
    let tide = doc.mission.site.tide_offset_m;
    let min = doc
        .mission
        .constraints
        .as_ref()
        .unwrap()
        .min_depth_m
        .unwrap();
    let t = &g.transform;
    for r in 10..g.height - 10 {
        for c in 10..g.width - 10 {
            let e = g.data[r * g.width + c] as f64;
            let depth = -(e + tide);
            if e.is_finite() && depth > 1.0 && depth < min - 5.0 {
                return [
                    t.origin_x + (c as f64 + 0.5) * t.dx,
                    t.origin_y - (r as f64 + 0.5) * t.dy,
                ];
            }
        }
    }
    panic!("the demo grid has no shallow water");
}

#[test]
fn suitability_layer_names_why_a_place_fails_and_scores_a_feasible_one() {
    let mut h = open_demo();
    suitability_on(&mut h);
    {
        let s = &h.state().rt.suitability;
        let c = s.current.as_ref().unwrap();
        assert_eq!(c.type_id, "hainan-1300t");
        assert!(c.map.mask.contains(&0), "the demo has feasible water");
    }

    let shallow = shallow_cell(&h);
    hover_world(&mut h, shallow);
    assert!(
        h.query_by_label_contains("hainan-1300t: fails DEPTH")
            .is_some(),
        "no DEPTH failure named at {shallow:?}"
    );

    // Cabin C1 validates clean where it stands: the map calls the place feasible.
    let c1 = h.state().mission().unwrap().cabins[0].clone();
    let doc = h.state().doc.as_ref().unwrap();
    let w = doc.site.to_work(c1.lon, c1.lat).unwrap();
    hover_world(&mut h, w);
    let p = on_map(&h, c1.lon, c1.lat);
    assert!(h.state().view.map_rect.unwrap().contains(p));
    assert!(
        h.query_by_label_contains("hainan-1300t: feasible, score 0.")
            .is_some()
            || h.query_by_label_contains("hainan-1300t: feasible, score 1.")
                .is_some(),
        "C1's place is not reported feasible"
    );
}

#[test]
fn suitability_recomputes_for_constraints_not_for_cabin_moves() {
    let mut h = open_demo();
    suitability_on(&mut h);
    let key = h
        .state()
        .rt
        .suitability
        .current
        .as_ref()
        .unwrap()
        .key
        .clone();

    // Moving a cabin changes none of the map's inputs.
    let c1 = h.state().mission().unwrap().cabins[0].clone();
    h.state_mut().act(Action::Edit {
        edit: Edit::MoveCabin {
            index: 0,
            lon: c1.lon + 0.001,
            lat: c1.lat,
        },
        gesture: None,
    });
    h.step();
    assert_ne!(h.state().mission().unwrap().cabins[0].lon, c1.lon);
    assert!(h.state().rt.suitability.job.is_none());

    // A deeper minimum depth does: a new map, in which less water is feasible.
    let feasible = |a: &FathomApp| {
        let m = &a.rt.suitability.current.as_ref().unwrap().map;
        m.mask.iter().filter(|&&b| b == 0).count()
    };
    let before = feasible(h.state());
    {
        let doc = h.state_mut().doc.as_mut().unwrap();
        doc.mission.constraints.as_mut().unwrap().min_depth_m = Some(30.0);
        doc.revision += 1;
    }
    h.step();
    assert!(h.state().rt.suitability.job.is_some());
    step_until(&mut h, "the recomputed map", |a| {
        a.rt.suitability.job.is_none()
            && a.rt
                .suitability
                .current
                .as_ref()
                .is_some_and(|c| c.key != key)
    });
    assert!(feasible(h.state()) < before);
}

#[test]
fn isobaths_layer_contours_the_grid_at_a_round_interval() {
    let mut h = open_demo();
    assert!(!h.state().view.prefs.layers.contours, "off by default");
    h.get_by_label("Isobaths (depth contours)").click();
    h.step();
    step_until(&mut h, "the isobaths", |a| {
        a.rt.contours.current.is_some() || a.rt.contours.error.is_some()
    });
    let c = h.state().rt.contours.current.as_ref().unwrap();
    let stats = h.state().doc.as_ref().unwrap().site.grid.stats().unwrap();
    let levels = (stats.max - stats.min) / c.interval_m;
    assert!((5.0..=12.0).contains(&levels), "{levels} levels");
    assert!(!c.lines.is_empty());
    for l in &c.lines {
        let k = l.elevation_m / c.interval_m;
        assert!((k - k.round()).abs() < 1e-9, "{} m", l.elevation_m);
        assert!(l.elevation_m > stats.min && l.elevation_m < stats.max);
    }
    // Drawn without a panic at the demo's overview and zoomed in.
    h.step();
    let v = &mut h.state_mut().view.map;
    v.metres_per_point = 2.0;
    h.step();
}

/// The demo with a 6-hourly metocean series over 2025 (rough in winter), in `dir`.
fn demo_with_metocean(dir: &std::path::Path) -> std::path::PathBuf {
    let demo = fathom::cli::default_mission();
    let mut m = fathom::mission::load(&demo).unwrap();
    m.site.bathymetry =
        std::path::absolute(demo.parent().unwrap().join(&m.site.bathymetry)).unwrap();
    let mut csv = String::from("time_utc,hs_m,tp_s,wind_ms,current_ms\n");
    let start = chrono::DateTime::parse_from_rfc3339("2025-01-01T00:00:00Z").unwrap();
    for i in 0..365 * 4 {
        let day = i as f64 / 4.0;
        let hs = 1.3 + 0.6 * (std::f64::consts::TAU * day / 365.0).cos() + 0.5 * (day * 0.9).sin();
        let t = start + chrono::Duration::hours(6 * i);
        csv += &format!("{},{hs:.2},7,9.0,0.3\n", t.format("%Y-%m-%dT%H:%M:%SZ"));
    }
    std::fs::write(dir.join("met.csv"), csv).unwrap();
    let met = m.metocean.get_or_insert_with(Default::default);
    met.series_csv = Some("met.csv".into());
    let path = dir.join("weather.toml");
    fathom::mission::save(&m, &path).unwrap();
    path
}

#[test]
fn weather_tab_charts_the_libraries_operability_by_month() {
    // The demo ships a stand-in series (missions/demo-metocean.csv): the tab charts it.
    let mut h = open_demo();
    step_until(&mut h, "the charts", |a| {
        a.rt.analysis.is_some() && a.rt.analysis_job.is_none()
    });
    h.get_by_label("Weather windows").click();
    h.step();
    assert!(
        h.query_by_label_contains("No metocean time series")
            .is_none()
    );
    let demo = h
        .state()
        .rt
        .analysis
        .as_ref()
        .unwrap()
        .weather
        .as_ref()
        .unwrap();
    assert_eq!(demo.records, 183 * 24);

    let dir = tempfile::tempdir().unwrap();
    let path = demo_with_metocean(dir.path());
    let mut h = Harness::builder()
        .with_size(vec2(1500.0, 1000.0))
        .build_eframe(move |cc| FathomApp::new(cc, LaunchOptions::for_tests(Some(path), vec![])));
    step_until(&mut h, "the mission and its charts", |a| {
        a.doc.is_some() && !a.busy() && a.rt.analysis.is_some() && a.rt.analysis_job.is_none()
    });
    h.get_by_label("Weather windows").click();
    h.step();
    let app = h.state();
    let chart = app.rt.analysis.as_ref().unwrap().weather.as_ref().unwrap();
    let ctx = fathom::mission::Context::load(&dir.path().join("weather.toml")).unwrap();
    let (_, ops) = fathom::lift::windows::of_mission(&ctx).unwrap();
    assert_eq!(chart.operations.len(), ops.len());
    assert_eq!(chart.records, 365 * 4);
    for ((name, all, by_month), o) in chart.operations.iter().zip(&ops) {
        assert_eq!(name, &o.limits.name);
        assert!((all - o.operability * 100.0).abs() < 1e-9);
        // Rough winter, calm summer: the lift is less operable in January than in July.
        assert!(
            by_month[0].unwrap() <= by_month[6].unwrap(),
            "{name}: {by_month:?}"
        );
    }
    assert!(
        h.query_by_label_contains("Operable over 1460 records")
            .is_some()
    );
}
