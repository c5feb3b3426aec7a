//! Cables end to end on the demo mission: the RPL round trip, the RPL's total against route
//! length + slack, crossing angles judged against an existing cable laid across a route at a
//! known angle, the CLI, and mission errors that name file, line and field.

use fathom::cable::{self, engineering::with_slack};
use fathom::finding::ObjectRef;
use fathom::formats::rpl;
use fathom::mission::{self, Context, ExclusionZone, ZoneKind};
use std::path::{Path, PathBuf};
use std::process::Command;

fn demo_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("missions/demo.toml")
}

fn demo() -> Context {
    Context::load(&demo_path()).expect("demo loads")
}

#[test]
fn rpl_exported_then_read_gives_the_same_route_and_its_total_is_route_plus_slack() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("route.csv");
    let status = Command::new(env!("CARGO_BIN_EXE_fathom"))
        .args(["export"])
        .arg(demo_path())
        .args(["--format", "rpl", "--cable", "F2", "-o"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let rows = rpl::read(&std::fs::read_to_string(&out).unwrap(), &out).unwrap();
    let ctx = demo();
    let i = ctx
        .mission
        .cables
        .iter()
        .position(|c| c.id == "F2")
        .unwrap();
    let a = cable::analyse(&ctx, i, None, &cable::network::cabin_demand_kw(&ctx)).unwrap();
    let v = &a.engineering.vertices;
    assert_eq!(rows.len(), v.len());
    // Re-import: the positions read back, projected again, give every KP within 1 m (and the
    // KP column agrees too).
    let mut kp = 0.0;
    let mut prev: Option<(f64, f64)> = None;
    for (row, vert) in rows.iter().zip(v) {
        let p = ctx.to_work(row.lon, row.lat).unwrap();
        if let Some(q) = prev {
            kp += (p.0 - q.0).hypot(p.1 - q.1);
        }
        prev = Some(p);
        assert!((kp - vert.kp_m).abs() < 1.0, "{kp} vs {}", vert.kp_m);
        assert!((row.kp_km * 1e3 - vert.kp_m).abs() < 1.0);
    }
    // The RPL's total cable is the route length plus its slack.
    let last = rows.last().unwrap();
    let slack = ctx.mission.cables[i].slack_pct;
    assert!((last.cable_kp_km * 1e3 - kp * (1.0 + slack / 100.0)).abs() < 1.0);
    assert!(
        (a.engineering.cable_length_m - with_slack(a.engineering.route_length_m, slack)).abs()
            < 1e-9
    );
    assert!(rows[1..rows.len() - 1].iter().all(|r| r.event == "AC"));
}

#[test]
fn plan_write_stores_the_route_as_waypoints_and_keeps_the_file_s_comments() {
    // The demo without F2's hand-placed waypoints, its relative paths made absolute so that the
    // copy loads from a temporary directory.
    let missions = Path::new(env!("CARGO_MANIFEST_DIR")).join("missions");
    let dir = missions.display();
    let original: String = std::fs::read_to_string(demo_path())
        .unwrap()
        .replace("\"../", &format!("\"{dir}/../"))
        .replace("\"demo-", &format!("\"{dir}/demo-"))
        .lines()
        .filter(|l| !l.starts_with("waypoints = [[122.0003870"))
        .map(|l| format!("{l}\n"))
        .collect();
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("m.toml");
    std::fs::write(&path, &original).unwrap();
    assert!(
        mission::load(&path).unwrap().cables[3].waypoints.is_empty(),
        "F2 starts without waypoints"
    );
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_fathom"))
            .args(args)
            .arg(&path)
            .output()
            .unwrap()
    };
    let out = run(&["cable", "plan", "--cable", "F2", "--write"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("routes written to"), "{stdout}");
    // Loaded back: F2 holds the planned alter-course points, the others are unchanged.
    let m = mission::load(&path).unwrap();
    let f2 = m.cables.iter().find(|c| c.id == "F2").unwrap();
    assert!(!f2.waypoints.is_empty(), "{stdout}");
    assert!(
        stdout.contains(&format!("{} alter-course points", f2.waypoints.len())),
        "{stdout}"
    );
    assert!(
        m.cables
            .iter()
            .filter(|c| c.id != "F2")
            .all(|c| c.waypoints.is_empty())
    );
    // The stored route passes the cable rules.
    let check = run(&["cable", "check"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    // Every comment of the file survives, in order, and only F2's waypoints are new (the saver
    // writes a new array one number a line).
    let written = std::fs::read_to_string(&path).unwrap();
    let comments = |t: &str| {
        t.lines()
            .filter(|l| l.trim_start().starts_with('#'))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(comments(&written), comments(&original));
    let added: Vec<&str> = written
        .lines()
        .filter(|l| !original.lines().any(|o| o == *l))
        .collect();
    assert_eq!(added.first(), Some(&"waypoints = ["), "{added:?}");
    let numbers = added[1..]
        .iter()
        .map(|l| l.trim().trim_end_matches(','))
        .filter(|l| !matches!(*l, "[" | "]"))
        .inspect(|l| assert!(l.parse::<f64>().is_ok(), "{added:?}"))
        .count();
    assert_eq!(numbers, 2 * f2.waypoints.len(), "{added:?}");
    assert!(original.lines().all(|o| written.lines().any(|l| l == o)));
}

/// An existing cable (a `cable-pipeline` line zone) through the middle of P1 at `deg` to it.
fn with_existing_cable_at(deg: f64) -> Context {
    let mut ctx = demo();
    let p1 = ctx
        .mission
        .cables
        .iter()
        .find(|c| c.id == "P1")
        .unwrap()
        .clone();
    let route = cable::route::mission_route(&ctx, &p1).unwrap();
    let (a, b) = (route[0], route[route.len() - 1]);
    let mid = ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
    let heading = (b.1 - a.1).atan2(b.0 - a.0) + deg.to_radians();
    let end = |s: f64| {
        let (lon, lat) = ctx
            .to_lonlat(
                mid.0 + s * 300.0 * heading.cos(),
                mid.1 + s * 300.0 * heading.sin(),
            )
            .unwrap();
        [lon, lat]
    };
    ctx.mission.exclusion_zones.push(ExclusionZone {
        id: "old-cable".into(),
        kind: ZoneKind::CablePipeline,
        buffer_m: 0.0,
        polygon: None,
        line: Some(vec![end(-1.0), end(1.0)]),
        geojson: None,
    });
    ctx
}

#[test]
fn a_crossing_at_30_degrees_is_flagged_and_one_at_80_is_not() {
    let crossing_findings = |deg: f64| {
        cable::check(&with_existing_cable_at(deg))
            .into_iter()
            .filter(|f| f.code == "CABLE-CROSSING")
            .collect::<Vec<_>>()
    };
    let at30 = crossing_findings(30.0);
    assert_eq!(at30.len(), 1, "{at30:?}");
    assert_eq!(at30[0].object, Some(ObjectRef::Cable("P1".into())));
    assert!(at30[0].message.contains("30°"), "{}", at30[0].message);
    assert!(crossing_findings(80.0).is_empty());
    assert!(crossing_findings(-80.0).is_empty());
}

#[test]
fn every_crossing_of_a_geojson_pipeline_is_judged_at_its_own_angle() {
    // A GeoJSON MultiLineString of three lines across P1: at 30° a third of the way along, at
    // 80° half way and at 150° (30° acute) two thirds of the way: two CABLE-CROSSING findings.
    let mut ctx = demo();
    let p1 = ctx
        .mission
        .cables
        .iter()
        .find(|c| c.id == "P1")
        .unwrap()
        .clone();
    let route = cable::route::mission_route(&ctx, &p1).unwrap();
    let (a, b) = (route[0], route[route.len() - 1]);
    let line_at = |f: f64, deg: f64| {
        let m = (a.0 + f * (b.0 - a.0), a.1 + f * (b.1 - a.1));
        let h = (b.1 - a.1).atan2(b.0 - a.0) + f64::to_radians(deg);
        [-1.0, 1.0].map(|s: f64| {
            let (lon, lat) = ctx
                .to_lonlat(m.0 + s * 150.0 * h.cos(), m.1 + s * 150.0 * h.sin())
                .unwrap();
            [lon, lat]
        })
    };
    let lines = [
        line_at(1.0 / 3.0, 30.0),
        line_at(0.5, 80.0),
        line_at(2.0 / 3.0, 150.0),
    ];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pipes.geojson");
    let geojson = serde_json::json!({
        "type": "Feature",
        "properties": {},
        "geometry": { "type": "MultiLineString", "coordinates": lines },
    });
    std::fs::write(&path, geojson.to_string()).unwrap();
    ctx.mission.exclusion_zones.push(ExclusionZone {
        id: "pipes".into(),
        kind: ZoneKind::CablePipeline,
        buffer_m: 20.0,
        polygon: None,
        line: None,
        geojson: Some(path.clone()),
    });
    let found: Vec<_> = cable::check(&ctx)
        .into_iter()
        .filter(|f| f.code == "CABLE-CROSSING")
        .collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found.iter().all(|f| f.message.contains("at 30°")),
        "{found:?}"
    );
    assert!(
        found.iter().all(|f| f.message.contains("`pipes`")),
        "{found:?}"
    );
}

#[test]
fn the_demo_cables_check_clean_and_feed_both_cabins() {
    let out = Command::new(env!("CARGO_BIN_EXE_fathom"))
        .args(["cable", "check"])
        .arg(demo_path())
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["cables"].as_array().unwrap().len(), 4);
    assert_eq!(v["findings"].as_array().unwrap().len(), 0);
    let p1 = &v["cables"][0];
    assert_eq!(
        p1["performance"]["fed_cabins"],
        serde_json::json!(["C2", "C1"])
    );
}

#[test]
fn a_cabin_without_fibre_is_unconnected() {
    let mut ctx = demo();
    ctx.mission.cables.retain(|c| c.id != "F2");
    let f: Vec<_> = cable::check(&ctx)
        .into_iter()
        .filter(|f| f.code == "CABLE-UNCONNECTED")
        .collect();
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].object, Some(ObjectRef::cabin("C2")));
    assert!(f[0].message.contains("fibre"));
}

#[test]
fn bad_cable_entries_name_file_line_and_field() {
    let text = std::fs::read_to_string(demo_path()).unwrap();
    let bad_end = format!(
        "{text}\n[[cables]]\nid = \"X\"\ncable_type = \"fibre-48f\"\npurpose = \"fibre\"\nfrom = \"cabin:NOPE\"\nto = \"cabin:C1\"\nmin_alter_course_radius_m = 50.0\n"
    );
    let e = mission::load_str(&bad_end, Path::new("m.toml"))
        .unwrap_err()
        .to_string();
    let line = 1 + bad_end
        .lines()
        .collect::<Vec<_>>()
        .iter()
        .rposition(|l| l.starts_with("from = "))
        .unwrap();
    assert!(e.starts_with(&format!("m.toml:{line}:")), "{e}");
    assert!(
        e.contains("cables[4].from") && e.contains("no cabin `NOPE`"),
        "{e}"
    );
    let bad_syntax = format!(
        "{text}\n[[cables]]\nid = \"X\"\ncable_type = \"fibre-48f\"\npurpose = \"fibre\"\nfrom = \"cabin-C1\"\nto = \"cabin:C1\"\nmin_alter_course_radius_m = 50.0\n"
    );
    let e = mission::load_str(&bad_syntax, Path::new("m.toml"))
        .unwrap_err()
        .to_string();
    let n = 1 + bad_syntax
        .lines()
        .collect::<Vec<_>>()
        .iter()
        .rposition(|l| l.starts_with("from = "))
        .unwrap();
    assert!(e.starts_with(&format!("m.toml:{n}:")), "{e}");
    assert!(e.contains("expected `cabin:ID`"), "{e}");
}

#[test]
fn the_wind_supply_hook_adds_each_cable_s_joule_loss() {
    // Demo: P1 carries both cabins (share 1), P2 carries C1 (share C1/(C1+C2) = 1/2, the cabins
    // are alike). Hand: 6 MW delivered at 33 kV, pf 0.95 → I = 110.50 A in P1, 55.25 A in P2;
    // loss = 3·I²·0.06 Ω/km·L.
    let ctx = demo();
    let l = cable::CableLosses::of_mission(&ctx).unwrap().unwrap();
    assert_eq!(l.cables.len(), 2);
    let km = |id: &str| l.cables.iter().find(|c| c.id == id).unwrap().length_km;
    let i1 = 6e6 / (3f64.sqrt() * 33e3 * 0.95);
    let want = 3.0 * i1 * i1 * 0.06 * km("P1") + 3.0 * (i1 / 2.0).powi(2) * 0.06 * km("P2");
    assert!(
        (l.loss_w(6e6) - want).abs() < 1e-6 * want,
        "{} vs {want}",
        l.loss_w(6e6)
    );
    assert!((i1 - 110.50).abs() < 0.01);
}
