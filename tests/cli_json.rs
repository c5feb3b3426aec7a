//! `--format json` of the grid and siting commands through the binary: what was written and its
//! statistics on stdout, checked against closed forms on made grids; errors as one JSON object on
//! stderr; no progress drawn when stderr is not a terminal.

use serde_json::Value;
use std::path::Path;
mod cli_support;

use cli_support::run;
use std::process::Output;

fn stdout_json(out: &Output) -> Value {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Piped stderr is not a terminal: no progress bar, nothing at all.
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is one JSON document")
}

fn stderr_json(out: &Output) -> Value {
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    serde_json::from_slice(&out.stderr).unwrap_or_else(|e| {
        panic!(
            "stderr is not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// A `w` × `h` ESRI ASCII grid of 10 m cells whose elevation rises 1 m per 10 m eastward:
/// z = −50 + 0.1·x (x from the west edge's first cell centre).
fn ramp(dir: &Path, w: usize, h: usize) -> String {
    let mut s = format!("ncols {w}\nnrows {h}\nxllcorner 500000\nyllcorner 5900000\ncellsize 10\n");
    for _ in 0..h {
        let row: Vec<String> = (0..w)
            .map(|c| format!("{}", -50.0 + c as f64 * 1.0))
            .collect();
        s.push_str(&row.join(" "));
        s.push('\n');
    }
    let p = dir.join("ramp.asc");
    std::fs::write(&p, s).unwrap();
    p.display().to_string()
}

#[test]
fn slope_json_reports_the_file_and_the_closed_form_slope() {
    let dir = tempfile::tempdir().unwrap();
    let grid = ramp(dir.path(), 12, 9);
    let out_path = dir.path().join("slope.tif");
    let out = out_path.display().to_string();
    let v = stdout_json(&run(&[
        "grid",
        "slope",
        &grid,
        "--crs",
        "EPSG:32631",
        "-o",
        &out,
        "--format",
        "json",
    ]));
    assert_eq!(v["command"], "grid slope");
    assert_eq!(v["output"], out.as_str());
    assert_eq!(v["bytes"], std::fs::metadata(&out_path).unwrap().len());
    assert_eq!(
        (v["width"].as_u64(), v["height"].as_u64()),
        (Some(12), Some(9))
    );
    // Edge cells are no data (gdaldem without -compute_edges): 10 × 7 interior cells.
    assert_eq!(v["valid_cells"], 70);
    assert_eq!(v["total_cells"], 108);
    // A plane rising 1 m in 10 m: atan(0.1) = 5.710593°, everywhere.
    let want = 0.1f64.atan().to_degrees();
    for k in ["min", "max", "mean"] {
        let got = v[k].as_f64().unwrap();
        assert!((got - want).abs() < 1e-4, "{k} {got} vs {want}");
    }
}

#[test]
fn hillshade_json_on_flat_ground_is_gdaldems_constant() {
    let dir = tempfile::tempdir().unwrap();
    let flat = dir.path().join("flat.asc");
    let mut s = String::from("ncols 6\nnrows 5\nxllcorner 0\nyllcorner 0\ncellsize 10\n");
    for _ in 0..5 {
        s.push_str("-20 -20 -20 -20 -20 -20\n");
    }
    std::fs::write(&flat, s).unwrap();
    for name in ["shade.tif", "shade.asc"] {
        let out = dir.path().join(name).display().to_string();
        let v = stdout_json(&run(&[
            "grid",
            "hillshade",
            &flat.display().to_string(),
            "--crs",
            "EPSG:32631",
            "-o",
            &out,
            "--format",
            "json",
        ]));
        assert_eq!(v["command"], "grid hillshade");
        assert_eq!(v["valid_cells"], 4 * 3, "{name}");
        // Flat ground under a sun 45° high: 1 + 254·sin 45° = 180.6, rounded to 181.
        let want = (1.0 + 254.0 * 45f64.to_radians().sin()).round();
        assert_eq!(v["min"].as_f64(), Some(want), "{name}");
        assert_eq!(v["max"].as_f64(), Some(want), "{name}");
    }
}

#[test]
fn contour_json_counts_lines_and_lengths_per_level() {
    let dir = tempfile::tempdir().unwrap();
    let grid = ramp(dir.path(), 12, 9);
    let out = dir.path().join("c.geojson").display().to_string();
    let v = stdout_json(&run(&[
        "grid",
        "contour",
        &grid,
        "--crs",
        "EPSG:32631",
        "-o",
        &out,
        "--interval",
        "2.5",
        "--format",
        "json",
    ]));
    // Elevations −50 … −39 m: gdal_contour -i 2.5 on the same file draws −47.5, −45, −42.5 and
    // −40, each one straight north–south line over the grid's full height, 5900000 → 5900090
    // (GDAL 3.6, checked when this test was written): 90 m.
    let levels = v["levels"].as_array().unwrap();
    let elevations: Vec<f64> = levels
        .iter()
        .map(|l| l["elevation_m"].as_f64().unwrap())
        .collect();
    assert_eq!(elevations, [-47.5, -45.0, -42.5, -40.0]);
    for l in levels {
        assert_eq!(l["lines"], 1);
        assert!((l["length"].as_f64().unwrap() - 90.0).abs() < 1e-6, "{l}");
        assert_eq!(l["depth_m"].as_f64(), l["elevation_m"].as_f64().map(|e| -e));
    }
    assert_eq!(v["lines"], 4);
    assert!((v["length"].as_f64().unwrap() - 360.0).abs() < 1e-6, "{v}");
    let written: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(
        written["features"].as_array().unwrap().len() as u64,
        v["lines"].as_u64().unwrap()
    );
}

#[test]
fn suitability_json_adds_up_and_matches_the_written_mask() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("suit.tif").display().to_string();
    let mission = concat!(env!("CARGO_MANIFEST_DIR"), "/missions/demo.toml");
    let v = stdout_json(&run(&[
        "site",
        "suitability",
        mission,
        "-o",
        &out,
        "--format",
        "json",
    ]));
    let cells = v["cells"].as_u64().unwrap();
    assert_eq!(
        cells,
        v["width"].as_u64().unwrap() * v["height"].as_u64().unwrap()
    );
    let feasible = v["feasible_cells"].as_u64().unwrap();
    assert!(feasible > 0 && feasible < cells, "{v}");
    let pct = v["feasible_percent"].as_f64().unwrap();
    assert!((pct - 100.0 * feasible as f64 / cells as f64).abs() < 1e-9);
    // Every infeasible cell fails at least one named constraint.
    let fails = v["fails_in_cells"].as_object().unwrap();
    let most = fails.values().map(|n| n.as_u64().unwrap()).max().unwrap();
    let sum: u64 = fails.values().map(|n| n.as_u64().unwrap()).sum();
    assert!(most <= cells - feasible && sum >= cells - feasible, "{v}");
    assert_eq!(v["bytes"], std::fs::metadata(&out).unwrap().len());
}

#[test]
fn errors_are_json_on_stderr_when_json_is_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.tif").display().to_string();
    // A file that cannot be read.
    let o = run(&[
        "grid",
        "slope",
        "/no/such/grid.tif",
        "-o",
        &out,
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr_json(&o);
    assert!(
        e["error"].as_str().unwrap().contains("/no/such/grid.tif"),
        "{e}"
    );
    assert_eq!(e["exit_code"], 2);
    // A missing argument is a usage error, also as JSON.
    let o = run(&["grid", "contour", "g.tif", "-o", &out, "--format", "json"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr_json(&o);
    assert!(e["error"].as_str().unwrap().contains("--interval"), "{e}");
    assert_eq!(e["kind"], "usage");
    // Any command: validate of a missing mission.
    let o = run(&["validate", "/no/such/m.toml", "--format", "json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr_json(&o)["error"]
            .as_str()
            .unwrap()
            .contains("/no/such/m.toml")
    );
    // Without --format json the message stays prose.
    let o = run(&["grid", "slope", "/no/such/grid.tif", "-o", &out]);
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("fathom: error:"));
}
