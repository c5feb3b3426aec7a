//! Hostile inputs through the binary (issue #18): each ends with exit 2 and a message naming the
//! file and what is wrong — never a panic, a hang or an unbounded read.

use std::path::Path;
mod cli_support;

use cli_support::run;
use std::process::Output;

/// Exit 2 and every one of `expected` in the message.
fn refused(out: &Output, expected: &[&str]) {
    let e = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{e}");
    for x in expected {
        assert!(e.contains(x), "expected `{x}` in: {e}");
    }
}

/// A copy of the demo mission in `dir` (its grid path then dangles: for commands that only read
/// the mission file).
fn demo_mission(dir: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("missions/demo.toml")).unwrap();
    let p = dir.join("demo.toml");
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

/// The demo mission where it lies, with its grid.
fn demo_in_place() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    root.join("missions/demo.toml").display().to_string()
}

#[test]
fn a_fifo_as_mission_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("m.toml");
    let c = std::ffi::CString::new(p.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    refused(
        &run(&["validate", p.to_str().unwrap()]),
        &["m.toml", "a FIFO"],
    );
}

#[test]
fn a_mission_linked_to_a_device_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("m.toml");
    std::os::unix::fs::symlink("/dev/zero", &p).unwrap();
    refused(
        &run(&["validate", p.to_str().unwrap()]),
        &["m.toml", "a device"],
    );
}

#[test]
fn an_endless_nmea_log_is_cut_at_the_limit() {
    let m = demo_in_place();
    refused(
        &run(&["track", &m, "--nmea", "/dev/zero"]),
        &["/dev/zero", "larger than the 536870912-byte limit"],
    );
}

#[test]
fn a_track_without_timed_positions_names_the_file_and_why() {
    let dir = tempfile::tempdir().unwrap();
    let m = demo_in_place();
    let log = dir.path().join("ship.log");
    std::fs::write(
        &log,
        "$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47\n",
    )
    .unwrap();
    refused(
        &run(&["track", &m, "--nmea", log.to_str().unwrap()]),
        &["ship.log: no dated position fix in 1 lines (1 without a date"],
    );
}

#[test]
fn an_rtz_with_a_vanishing_speed_is_refused_naming_the_rtz() {
    // issue #18: speedMax="1e-300" with an etd overflowed the ETA arithmetic (exit 101).
    let dir = tempfile::tempdir().unwrap();
    let m = demo_mission(dir.path());
    let before = std::fs::read(&m).unwrap();
    let rtz = dir.path().join("slow.rtz");
    std::fs::write(
        &rtz,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<route xmlns="http://www.cirm.org/RTZ/1/0" version="1.0"><routeInfo routeName="slow"/><waypoints>
<waypoint id="1"><position lat="30.60" lon="122.04"/></waypoint>
<waypoint id="2"><position lat="30.62" lon="122.00"/><leg speedMax="1e-300"/></waypoint>
</waypoints>
<schedules><schedule id="1"><calculated><scheduleElement waypointId="1" etd="2026-06-01T00:00:00Z"/></calculated></schedule></schedules>
</route>"#,
    )
    .unwrap();
    refused(
        &run(&["import-route", rtz.to_str().unwrap(), "--into", &m]),
        &["slow.rtz: route.waypoints[1].speed_kn: 1e-300 is out of range"],
    );
    assert_eq!(
        std::fs::read(&m).unwrap(),
        before,
        "the mission is untouched"
    );
}

#[test]
fn wind_options_out_of_range_name_the_option() {
    refused(
        &run(&["wind", "aep", &demo_in_place(), "--direction-step", "1e-9"]),
        &["--direction-step 1e-9: expected a number from 0.01 to 90"],
    );
    let dir = tempfile::tempdir().unwrap();
    let layout = dir.path().join("farm.csv");
    std::fs::write(&layout, "x_m,y_m\n0,0\n1000,0\n0,0\n").unwrap();
    let rose = dir.path().join("rose.csv");
    std::fs::write(
        &rose,
        "sector_deg,frequency,weibull_a_ms,weibull_k\n0,0.5,9,2\n180,0.5,9,2\n",
    )
    .unwrap();
    let (l, r) = (layout.to_str().unwrap(), rose.to_str().unwrap());
    refused(
        &run(&[
            "wind",
            "aep",
            "--layout",
            l,
            "--turbine",
            "iea-15mw",
            "--wind-rose",
            r,
        ]),
        &["farm.csv: turbines 1 and 3 are 0.0 m apart"],
    );
    std::fs::write(&layout, "x_m,y_m\n0,0\n1000,0\n").unwrap();
    refused(
        &run(&[
            "wind",
            "aep",
            "--layout",
            l,
            "--turbine",
            "iea-15mw",
            "--wind-rose",
            r,
            "--wake-k",
            "nan",
        ]),
        &["--wake-k NaN: expected a number from 0 to 1"],
    );
}

#[test]
fn a_save_keeps_permissions_and_writes_through_a_link() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let real = demo_mission(dir.path());
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = dir.path().join("link.toml");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let gpx = dir.path().join("r.gpx");
    std::fs::write(
        &gpx,
        r#"<?xml version="1.0"?><gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1"><rte><name>R</name><rtept lat="30.60" lon="122.04"/><rtept lat="30.62" lon="122.00"/></rte></gpx>"#,
    )
    .unwrap();
    let out = run(&[
        "import-route",
        gpx.to_str().unwrap(),
        "--into",
        link.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let mode = std::fs::metadata(&real).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    assert!(
        std::fs::read_to_string(&real)
            .unwrap()
            .contains("name = \"R\"")
    );
}

#[test]
fn an_rtz_beyond_the_waypoint_limit_stops_while_parsing() {
    // issue #18: 100,000 waypoints were parsed into a tree (1.3 GB) before the limit applied.
    let dir = tempfile::tempdir().unwrap();
    let m = demo_mission(dir.path());
    let rtz = dir.path().join("long.rtz");
    let mut text = String::from(
        "<?xml version=\"1.0\"?>\n<route xmlns=\"http://www.cirm.org/RTZ/1/0\" version=\"1.0\">\
         <routeInfo routeName=\"long\"/>\n<waypoints>\n",
    );
    for i in 0..10_050 {
        text.push_str(&format!(
            "<waypoint id=\"{i}\"><position lat=\"30.6\" lon=\"{:.6}\"/></waypoint>\n",
            122.0 + i as f64 * 1e-5
        ));
    }
    text.push_str("</waypoints>\n</route>\n");
    std::fs::write(&rtz, text).unwrap();
    // Header on lines 1–3, waypoint i on line 4 + i: the 10,001st is on line 10,004.
    refused(
        &run(&["import-route", rtz.to_str().unwrap(), "--into", &m]),
        &[
            "long.rtz:10004: more than 10000 <waypoint> elements: expected at most 10000",
            "split the passage into routes",
        ],
    );
}

#[test]
fn a_wind_rose_with_a_repeated_sector_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let layout = dir.path().join("farm.csv");
    std::fs::write(&layout, "x_m,y_m\n0,0\n1000,0\n").unwrap();
    let rose = dir.path().join("rose.csv");
    std::fs::write(
        &rose,
        "sector_deg,frequency,weibull_a_ms,weibull_k\n0,0.25,9,2\n90,0.25,9,2\n180,0.25,9,2\n90,0.25,9,2\n",
    )
    .unwrap();
    refused(
        &run(&[
            "wind",
            "aep",
            "--layout",
            layout.to_str().unwrap(),
            "--turbine",
            "iea-15mw",
            "--wind-rose",
            rose.to_str().unwrap(),
        ]),
        &["rose.csv:5: sector_deg 90: expected a direction not given before (it repeats line 3)"],
    );
}

#[test]
fn an_irregular_metocean_step_names_the_bad_line_in_a_crlf_file() {
    // issue #18: in CRLF files (the published coastDat-2 excerpt) the line before was blamed.
    let dir = tempfile::tempdir().unwrap();
    let series = dir.path().join("met.csv");
    std::fs::write(
        &series,
        "time_utc,hs_m,tp_s,wind_ms,current_ms\r\n\
         2025-01-01T00:00:00Z,1,6,5,0.3\r\n\
         2025-01-01T01:00:00Z,1,6,5,0.3\r\n\
         2025-01-01T02:00:00Z,1,6,5,0.3\r\n\
         2025-01-01T02:20:00Z,1,6,5,0.3\r\n\
         2025-01-01T04:00:00Z,1,6,5,0.3\r\n",
    )
    .unwrap();
    refused(
        &run(&[
            "weather",
            &demo_in_place(),
            "--metocean",
            series.to_str().unwrap(),
        ]),
        &["met.csv:5: time_utc: 1200 s after the previous row"],
    );
}

#[test]
fn campaign_durations_and_speeds_beyond_reason_are_refused() {
    // A load-out of 1e300 h overflowed the campaign's step arithmetic (exit 101); a lay speed of
    // 1e-300 km/h did the same through the cable-lay duration.
    let dir = tempfile::tempdir().unwrap();
    let m = demo_mission(dir.path());
    let text = std::fs::read_to_string(&m).unwrap();
    let cases = [
        (
            text.replacen("load_out_h = 24.0", "load_out_h = 1e300", 1),
            "campaign.load_out_h: 1e300 is out of range: expected a number from 0 to 8760",
        ),
        (
            text.replacen("[campaign]\n", "[campaign]\ntransit_nm = 1e300\n", 1),
            "campaign.transit_nm: 1e300 is out of range: expected a number from 0 to 20000",
        ),
        (
            format!(
                "{text}\n[[campaign.operations]]\nkind = \"cable_lay\"\nlay_speed_kmh = 1e-300\n"
            ),
            "campaign.operations[0].lay_speed_kmh: 1e-300 is out of range: expected a number from 0.01 to 50",
        ),
        (
            format!("{text}\n[[campaign.operations]]\nkind = \"lift\"\ntp_max_s = 1e300\n"),
            "campaign.operations[0].tp_max_s: 1e300 is out of range: expected a number > 0 and ≤ 40",
        ),
    ];
    for (modified, expected) in cases {
        assert_ne!(modified, text);
        std::fs::write(&m, modified).unwrap();
        refused(&run(&["campaign", &m]), &["demo.toml", expected]);
    }
}

#[test]
fn a_gpx_track_beyond_the_point_limit_stops_while_parsing() {
    // issue #18: route points were capped at 10,000 but track points had no limit.
    let dir = tempfile::tempdir().unwrap();
    let gpx = dir.path().join("log.gpx");
    let mut text = String::from(
        "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" creator=\"t\" \
         xmlns=\"http://www.topografix.com/GPX/1/1\"><trk><trkseg>\n",
    );
    for i in 0..100_001 {
        text.push_str(&format!(
            "<trkpt lat=\"30.6\" lon=\"{:.5}\"/>\n",
            122.0 + (i % 1000) as f64 * 1e-5
        ));
    }
    text.push_str("</trkseg></trk></gpx>\n");
    std::fs::write(&gpx, text).unwrap();
    // Header on lines 1–2, point i on line 3 + i: the 100,001st is on line 100,003.
    refused(
        &run(&["track", &demo_in_place(), "--gpx", gpx.to_str().unwrap()]),
        &[
            "log.gpx:100003: more than 100000 <trkpt> elements: expected at most 100000",
            "--nmea",
        ],
    );
}

#[test]
fn endless_wind_inputs_are_cut_at_their_limits() {
    // issue #18: `--layout`, `--turbine` and `--wind-rose` read /dev/zero without bound; the
    // turbine curve (at most 10,000 rows) read a whole gigabyte before refusing.
    let dir = tempfile::tempdir().unwrap();
    let layout = dir.path().join("farm.csv");
    std::fs::write(&layout, "x_m,y_m\n0,0\n1000,0\n").unwrap();
    let rose = dir.path().join("rose.csv");
    std::fs::write(
        &rose,
        "sector_deg,frequency,weibull_a_ms,weibull_k\n0,0.5,9,2\n180,0.5,9,2\n",
    )
    .unwrap();
    let (l, r) = (layout.to_str().unwrap(), rose.to_str().unwrap());
    for (layout, turbine, rose, limit) in [
        ("/dev/zero", "iea-15mw", r, "134217728"),
        (l, "/dev/zero", r, "10305536"),
        (l, "iea-15mw", "/dev/zero", "134217728"),
    ] {
        let out = run(&[
            "wind",
            "aep",
            "--layout",
            layout,
            "--turbine",
            turbine,
            "--wind-rose",
            rose,
        ]);
        refused(
            &out,
            &[&format!(
                "/dev/zero: more than {limit} bytes: larger than the limit"
            )],
        );
    }
}

#[test]
fn a_gpx_track_without_times_names_the_file_and_why() {
    let dir = tempfile::tempdir().unwrap();
    let gpx = dir.path().join("untimed.gpx");
    std::fs::write(
        &gpx,
        r#"<?xml version="1.0"?><gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg><trkpt lat="30.6" lon="122.0"/><trkpt lat="30.61" lon="122.01"/></trkseg></trk></gpx>"#,
    )
    .unwrap();
    refused(
        &run(&["track", &demo_in_place(), "--gpx", gpx.to_str().unwrap()]),
        &["untimed.gpx: no timed track point (1 <trk> with 2 points, none with a <time>)"],
    );
}
