//! `fathom campaign`: the demo's campaign through its stand-in series, as JSON and CSV.

use std::path::PathBuf;
use std::process::Command;

fn demo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("missions/demo.toml")
}

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_fathom"))
        .arg("campaign")
        .arg(demo())
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn demo_campaign_reports_every_start_month_of_its_window() {
    let out = run(&["--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // April–September of the one-year stand-in: one start a day, 183 starts.
    assert_eq!(v["starts"], 183);
    let months: Vec<u64> = v["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["month"].as_u64().unwrap())
        .collect();
    assert_eq!(months, vec![4, 5, 6, 7, 8, 9]);
    for m in v["months"].as_array().unwrap() {
        let (p10, p50, p90) = (
            m["duration_p10_d"].as_f64().unwrap(),
            m["duration_p50_d"].as_f64().unwrap(),
            m["duration_p90_d"].as_f64().unwrap(),
        );
        assert!(p10 <= p50 && p50 <= p90, "{m}");
    }
    assert!(v["cost_p90_eur"].as_f64() >= v["cost_p50_eur"].as_f64());
    assert!(!v["p50_run"].as_array().unwrap().is_empty());
    // A narrower window and the CSV table.
    let out = run(&["--start", "2026-06-01..2026-06-30", "--format", "csv"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("start_month,runs,censored"), "{text}");
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[1].starts_with("6,30,"), "{text}");
    let bad = run(&["--start", "June"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--start `June`"));
}
