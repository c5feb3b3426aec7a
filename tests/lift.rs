//! The example missions' lifts: `missions/lift-failing.toml` gives exactly its documented
//! findings, and the `fathom lift` / `fathom weather` commands run on it.

use fathom::bathymetry::{GeoTransform, Grid};
use fathom::geodesy::Crs;
use fathom::mission::{self, Context};
use std::path::{Path, PathBuf};

fn missions() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("missions")
}

/// The failing mission with its seabed built in code (the same plane as
/// `lift-failing-seabed.asc`: −30 m at the north edge to −40 m at the south edge).
fn failing() -> Context {
    let path = missions().join("lift-failing.toml");
    let m = mission::load(&path).unwrap();
    let t = GeoTransform {
        origin_x: 402_000.0,
        origin_y: 2_036_000.0,
        dx: 50.0,
        dy: 50.0,
    };
    let mut grid = Grid::filled(40, 40, t, 0.0);
    for r in 0..40 {
        let y = 2_036_000.0 - (r as f64 + 0.5) * 50.0;
        let z = -30.0 - 10.0 * (2_036_000.0 - y) / 2000.0;
        for c in 0..40 {
            grid.data[r * 40 + c] = ((z * 100.0).round() / 100.0) as f32;
        }
    }
    grid.crs = Some(Crs::epsg(32649));
    Context {
        grid_path: path.with_file_name("lift-failing-seabed.asc"),
        path,
        grid_source_crs: Crs::epsg(32649),
        working_crs: Crs::epsg(32649),
        grid,
        mission: m,
    }
}

#[test]
fn failing_mission_has_exactly_its_findings() {
    let ctx = failing();
    let mut got: Vec<(String, String, String)> = fathom::lift::check(&ctx)
        .into_iter()
        .map(|f| (f.code, f.severity.to_string(), f.message))
        .collect();
    got.sort();
    let want = [
        ("LIFT-DRIFT", "error", "touchdown offset "),
        (
            "LIFT-HEIGHT",
            "error",
            "needs 22.0 m of hook height above the deck (cabin + rigging + clearance); the crane reaches 20.0 m",
        ),
        (
            "LIFT-PLACEMENT",
            "error",
            "placed 1.20 m from the target, heading error +0.5°: tolerance ±0.5 m, ±2°",
        ),
        (
            "LIFT-RESONANCE",
            "warning",
            "in air: pendulum period 8.0 s (length 16.0 m)",
        ),
        ("LIFT-SWL", "error", "lift-off (in air): hook load "),
        ("LIFT-SWL", "error", "splash zone: hook load "),
    ];
    assert_eq!(got.len(), want.len(), "{got:#?}");
    for ((code, sev, msg), (wc, ws, wm)) in got.iter().zip(want) {
        assert_eq!((code.as_str(), sev.as_str()), (wc, ws), "{got:#?}");
        assert!(msg.starts_with(wm), "{msg} does not start with {wm}");
    }
}

#[test]
fn failing_mission_numbers() {
    let ctx = failing();
    let setup = fathom::lift::setup(&ctx).unwrap().unwrap();
    let lifts = fathom::lift::cabin_lifts(&ctx, &setup, None);
    let a = &lifts[0].0;
    // 1300 − 1025·900/1000 = 377.5 t submerged.
    assert!((a.submerged_mass_t - 377.5).abs() < 1e-9);
    // SWL at 30 m: 800 − (5/15)·300 = 700 t; in air 1300·1.15 + 40 = 1535 t + wire.
    assert_eq!(a.loads[0].swl_t, Some(700.0));
    assert!(a.loads[0].hook_load_t > 1535.0);
    assert!(a.touchdown_offset_m.unwrap() > 0.5);
    let u = a.max_current_ms.unwrap();
    assert!(u > 0.0 && u < 1.5, "{u}");
}

#[test]
fn weather_command_reads_a_series() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("met.csv");
    let mut text = String::from("time_utc,hs_m,tp_s,wind_ms,current_ms\n");
    for h in 0..48 {
        let hs = if (10..20).contains(&h) { 2.5 } else { 0.8 };
        text += &format!(
            "2025-06-{:02}T{:02}:00:00Z,{hs},7,6,0.3\n",
            1 + h / 24,
            h % 24
        );
    }
    std::fs::write(&csv, text).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_fathom"))
        .args(["weather"])
        .arg(missions().join("lift-failing.toml"))
        .arg("--metocean")
        .arg(&csv)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let w = &v["operations"][0]["windows"];
    // Calm 00–09 h (10 h) and 20–47 h (28 h); T_R = 8 h fits both.
    assert_eq!(w.as_array().unwrap().len(), 2, "{w}");
    assert_eq!(w[1]["hours"], 28.0);
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_fathom"))
        .args(["weather"])
        .arg(missions().join("lift-failing.toml"))
        .arg("--metocean")
        .arg(Path::new("/nonexistent.csv"))
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}
