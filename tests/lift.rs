//! The example missions' lifts: `missions/lift-failing.toml` gives exactly its documented
//! findings, and the `fathom lift` / `fathom weather` commands run on it.

use fathom::mission::{self, Context};
use std::path::{Path, PathBuf};

fn missions() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("missions")
}

/// The failing mission, loaded with its seabed `lift-failing-seabed.asc` (a plane from −30 m at
/// the north edge to −40 m at the south edge, UTM 49N).
fn failing() -> Context {
    Context::load(&missions().join("lift-failing.toml")).unwrap()
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
            "needs 22.0 m of hook height above the deck (cabin + rigging + clearance); the crane reaches 20.0 m at 30 m radius",
        ),
        (
            "LIFT-PLACEMENT",
            "error",
            "placed 1.20 m from the target, heading error +0.5°: tolerance ±0.5 m, ±2°",
        ),
        (
            "LIFT-RESONANCE",
            "warning",
            "in air, mode 1: pendulum period 10.6–12.0 s (falls 12.0–20.0 m from the boom tip, hook to centre of gravity 16.0 m)",
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
    // SWL at 30 m: 800 − (5/15)·300 = 700 t; in air DAF 1.15 × (1300 t × contingency 1.10 +
    // 40 t rigging) = 1690.5 t + wire (4 × 16 kg/m over 40 − 6 − 20 = 14 m = 0.896 t).
    assert_eq!(a.loads[0].swl_t, Some(700.0));
    assert!((a.loads[0].hook_load_t - 1691.396).abs() < 1e-9);
    // The whole hoist from the 40 m boom tip drifts 1.64 m at 1.5 m/s; 0.83 m/s keeps ±0.5 m.
    assert!((a.touchdown_offset_m.unwrap() - 1.64).abs() < 0.01);
    let u = a.max_current_ms.unwrap();
    assert!((u - 0.83).abs() < 0.01, "{u}");
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

#[test]
fn demo_vessel_lifts_a_1300_t_cabin() {
    // The demo's vessel and lift plan (CCCC heavy-lift class) with the 1,300 t Hainan-class cabin
    // of the failing mission, at the Lingang (10 m) and Hainan (35 m) depths: no lift errors.
    let demo = mission::load(&missions().join("demo.toml")).unwrap();
    let failing = mission::load(&missions().join("lift-failing.toml")).unwrap();
    let vessel = demo.vessel.clone().unwrap();
    let setup = fathom::lift::LiftSetup {
        vessel: &vessel,
        crane: vessel.crane.as_ref().unwrap(),
        plan: demo.lift.as_ref().unwrap(),
        metocean: failing.metocean.clone().unwrap(),
    };
    for depth in [10.0, 35.0] {
        let a = setup.assess("C1", &failing.cabin_types[0], depth);
        let errors: Vec<_> = fathom::lift::cabin_findings(&a)
            .into_iter()
            .filter(|f| f.severity == fathom::finding::Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{depth} m: {errors:#?}");
        assert!(a.loads[0].utilisation.unwrap() < 1.0);
    }
}
