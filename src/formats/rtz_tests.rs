use super::*;
use crate::testdata::shared_data;
use std::path::PathBuf;

fn rtz_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rtz_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rtz") {
            out.push(p);
        }
    }
}

#[test]
fn every_sample_outside_errors_imports() {
    let Some(dir) = shared_data("rtz/samples") else {
        return;
    };
    let mut files = Vec::new();
    rtz_files(&dir, &mut files);
    files.retain(|p| !p.components().any(|c| c.as_os_str() == "Errors"));
    assert!(files.len() >= 15, "{} samples", files.len());
    for f in &files {
        let r = read(f).unwrap_or_else(|e| panic!("{e}"));
        assert!(r.route.waypoints.len() >= 2, "{}", f.display());
        assert!(["1.0", "1.1", "1.2"].contains(&r.version.as_str()));
    }
}

#[test]
fn every_error_sample_is_refused_or_warned_naming_the_problem() {
    let Some(dir) = shared_data("rtz/samples/Errors") else {
        return;
    };
    // (file, must be refused, text the message must contain) — from reading each file.
    let expected: &[(&str, bool, &[&str])] = &[
        (
            "DuplicateWaypointIdError",
            true,
            &["duplicate waypoint id 11", "\"Pilots\""],
        ),
        (
            "GeometryTypeError",
            true,
            &["geometryType \"GreatCircle\"", "\"Los Angeles Pilots\""],
        ),
        (
            "NonsenseGeometryTypeError",
            true,
            &["geometryType \"Nonsense\""],
        ),
        (
            "MissingWaypointIdError",
            true,
            &["\"Hitachi LNG Terminal\"", "has no id"],
        ),
        ("NegativeRevisionError", true, &["id 1,", "revision \"-1\""]),
        (
            "RouteNameDoesNotMatchFilenameError",
            false,
            &["\"RouteNameDoesMatchFilename\" differs from the file name"],
        ),
        (
            "ScheduleError",
            true,
            &[
                "times must not go backwards",
                "waypointId \"1\" names no waypoint",
                "waypointId \"43\" names no waypoint",
                "2020-02-30",
            ],
        ),
        (
            "EsotericScheduleError",
            true,
            &[
                "windDirection \"370\"",
                "windSpeed \"-10\"",
                "currentDirection \"370\"",
            ],
        ),
        (
            "EsotericRouteInfoError",
            false,
            &[
                "validity period starts",
                "<extension> directly inside <routeInfo>",
            ],
        ),
    ];
    let mut files = Vec::new();
    rtz_files(&dir, &mut files);
    assert_eq!(files.len(), expected.len());
    for f in &files {
        let stem = f.file_stem().unwrap().to_string_lossy().to_string();
        let (_, refused, needles) = expected
            .iter()
            .find(|(n, _, _)| *n == stem)
            .unwrap_or_else(|| panic!("no expectation for {stem}"));
        let message = match read(f) {
            Err(e) => {
                assert!(*refused, "{stem} refused: {e}");
                e.to_string()
            }
            Ok(r) => {
                assert!(!*refused, "{stem} was accepted: {:?}", r.warnings);
                r.warnings.join("\n")
            }
        };
        for n in *needles {
            assert!(message.contains(n), "{stem}: `{n}` not in:\n{message}");
        }
    }
}

#[test]
fn warnings_sample_reports_its_warnings() {
    let Some(f) = shared_data("rtz/samples/Warnings/ScheduleWarnings.rtz") else {
        return;
    };
    let r = read(&f).unwrap();
    let w = r.warnings.join("\n");
    assert!(w.contains("leg element on the first waypoint"), "{w}");
    assert!(w.contains("not in waypoint order"), "{w}");
    assert!(w.contains("no element for waypoint(s) 0"), "{w}");
}

#[test]
fn default_waypoint_and_schedule_map_onto_the_model() {
    let Some(f) = shared_data(
        "rtz/samples/RTZ11AllOptionalElements/RTZ1.1AllOptionalElementsAndAttributes.rtz",
    ) else {
        return;
    };
    let r = read(&f).unwrap();
    assert_eq!(r.version, "1.1");
    let w = &r.route.waypoints;
    assert_eq!(
        w.iter().map(|w| w.id).collect::<Vec<_>>(),
        [11, 2, 43, 4, 0, 5]
    );
    // defaultWaypoint: Orthodrome, speedMax 18; waypoint 2 overrides the geometry, 43 the speed.
    assert_eq!(w[1].geometry, LegGeometry::Rhumb);
    assert_eq!(w[1].speed_kn, Some(18.0));
    assert_eq!(w[2].geometry, LegGeometry::GreatCircle);
    assert_eq!(w[2].speed_kn, Some(18.0));
    assert_eq!(w[0].speed_kn, None);
    assert_eq!(w[0].name, "Hitachi LNG Terminal");
    assert!((w[2].lon + 137.585).abs() < 1e-9);
    assert_eq!(
        r.route.departure.unwrap().to_rfc3339(),
        "2020-02-18T00:00:00+00:00"
    );
}

#[test]
fn tolerates_namespace_variants() {
    let body = r#"<routeInfo routeName="x"/><waypoints>
      <waypoint id="1"><position lat="1" lon="2"/></waypoint>
      <waypoint id="2"><position lat="1.1" lon="2.1"/><leg speedMax="7"/></waypoint>
    </waypoints>"#;
    for root in [
        "<route version=\"1.0\">".to_string(),
        "<route xmlns=\"http://www.cirm.org/RTZ/1/1\" version=\"1.1\">".into(),
        "<route xmlns=\"http://www.cirm.org/RTZ/1/1/\" version=\"1.1\">".into(),
    ] {
        let doc = format!("{root}{body}</route>");
        let r = read_str(&doc, Path::new("x.rtz")).unwrap();
        assert_eq!(r.route.waypoints[1].speed_kn, Some(7.0));
    }
    let doc = format!(
        "<rtz:route xmlns:rtz=\"http://www.cirm.org/RTZ/1/2\" version=\"1.2\">{}</rtz:route>",
        body.replace('<', "<rtz:").replace("<rtz:/", "</rtz:")
    );
    let r = read_str(&doc, Path::new("x.rtz")).unwrap();
    assert_eq!(r.version, "1.2");
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let r = read_str(&format!("<route>{body}</route>"), Path::new("x.rtz")).unwrap();
    assert!(r.warnings[0].contains("no RTZ namespace"));
}

#[test]
fn one_waypoint_is_refused() {
    let doc = r#"<route version="1.1"><routeInfo routeName="x"/><waypoints>
      <waypoint id="1"><position lat="1" lon="2"/></waypoint></waypoints></route>"#;
    let e = read_str(doc, Path::new("x.rtz")).unwrap_err().to_string();
    assert!(e.contains("1 waypoint(s)"), "{e}");
}

fn sample_route() -> Route {
    let wp = |id, lon, lat, speed, geometry| Waypoint {
        id,
        name: format!("WP {id}"),
        lon,
        lat,
        speed_kn: speed,
        geometry,
    };
    Route {
        name: "Demo & test".into(),
        departure: Some("2025-06-01T06:00:00Z".parse().unwrap()),
        waypoints: vec![
            wp(1, 121.9, 30.6, None, LegGeometry::Rhumb),
            wp(2, 122.1, 30.7, Some(10.0), LegGeometry::Rhumb),
            wp(7, 122.3, 30.75, None, LegGeometry::GreatCircle),
        ],
    }
}

#[test]
fn export_round_trips_and_schedules_etas() {
    let route = sample_route();
    let text = write(&route, "demo", Some(8.0));
    let back = read_str(&text, Path::new("demo.rtz")).unwrap();
    assert!(back.warnings.is_empty(), "{:?}", back.warnings);
    assert_eq!(back.route.name, "demo");
    assert_eq!(back.route.departure, route.departure);
    for (a, b) in back.route.waypoints.iter().zip(&route.waypoints) {
        assert_eq!(a.id, b.id);
        assert!((a.lon - b.lon).abs() < 1e-9 && (a.lat - b.lat).abs() < 1e-9);
        assert_eq!(a.geometry, b.geometry);
    }
    assert_eq!(back.route.waypoints[2].speed_kn, Some(8.0));
    // ETA of WP 2: rhumb leg at 10 kn.
    let (d, _) =
        crate::vessel::sailing::leg_distance_bearing(LegGeometry::Rhumb, 121.9, 30.6, 122.1, 30.7);
    let eta = route.departure.unwrap()
        + chrono::Duration::milliseconds((d / (10.0 * 1852.0 / 3600.0) * 1000.0).round() as i64);
    assert!(
        text.contains(&format!("eta=\"{}\"", eta.format("%Y-%m-%dT%H:%M:%SZ"))),
        "{text}"
    );
}

#[test]
fn export_validates_against_the_rtz_1_1_schema() {
    let Some(xsd) = shared_data("rtz/schema/RTZ_Schema_version_1_1.xsd") else {
        return;
    };
    if std::process::Command::new("xmllint")
        .arg("--version")
        .output()
        .is_err()
    {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "xmllint missing under CI=true (install libxml2-utils)"
        );
        eprintln!("skipping: xmllint not installed (Debian: libxml2-utils)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("demo.rtz");
    std::fs::write(&file, write(&sample_route(), "demo", Some(8.0))).unwrap();
    let out = std::process::Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&xsd)
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
