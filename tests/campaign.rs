//! `fathom campaign`: the demo's campaign through its stand-in series, as JSON and CSV; and
//! `CAMPAIGN-SEASON` in `fathom validate`, bounded on a 25-year hindcast.

#[path = "../src/testdata.rs"]
mod testdata;
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

/// The demo with its deadline moved to `deadline` and, with `series`, a metocean series and
/// column mapping of its own, written next to a copy in `dir`.
fn demo_variant(dir: &std::path::Path, deadline: &str, series: Option<&str>) -> PathBuf {
    let mut m: toml::Table = toml::from_str(&std::fs::read_to_string(demo()).unwrap()).unwrap();
    let base = demo().parent().unwrap().to_path_buf();
    let abs =
        |p: &str| toml::Value::String(base.join(p).canonicalize().unwrap().display().to_string());
    let site = m["site"].as_table_mut().unwrap();
    let grid = abs(site["bathymetry"].as_str().unwrap());
    site.insert("bathymetry".into(), grid);
    let wind = m["wind_farm"]["resource"]["timeseries"].as_str().map(abs);
    if let Some(w) = wind {
        m["wind_farm"]["resource"]
            .as_table_mut()
            .unwrap()
            .insert("timeseries".into(), w);
    }
    let met = m["metocean"].as_table_mut().unwrap();
    let csv = abs(met["series_csv"].as_str().unwrap());
    met.insert("series_csv".into(), csv);
    if let Some(extra) = series {
        let t: toml::Table = toml::from_str(extra).unwrap();
        for (k, v) in t {
            m.insert(k, v);
        }
    }
    m["campaign"]
        .as_table_mut()
        .unwrap()
        .insert("deadline".into(), toml::Value::String(deadline.into()));
    let path = dir.join("m.toml");
    std::fs::write(&path, toml::to_string(&m).unwrap()).unwrap();
    path
}

fn validate(mission: &std::path::Path) -> Vec<serde_json::Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_fathom"))
        .args(["validate", "--format", "json"])
        .arg(mission)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    v[0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "CAMPAIGN-SEASON")
        .cloned()
        .collect()
}

#[test]
fn validate_warns_for_each_start_month_finishing_after_the_deadline() {
    let dir = tempfile::tempdir().unwrap();
    // The demo's own deadline (10-31) is met from every start month.
    assert!(validate(&demo()).is_empty());
    // By 06-20: the P90 finish of June (06-29) and later start months is too late, April's
    // (04-17) and May's (05-14) are not — the figures of `fathom campaign missions/demo.toml`.
    let found = validate(&demo_variant(dir.path(), "06-20", None));
    let months: Vec<String> = found
        .iter()
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(months.len(), 4, "{months:?}");
    assert!(
        months[0].starts_with("starting in month 6, the P90 finish 06-29"),
        "{months:?}"
    );
    assert!(
        months[0].contains("183 start(s), one every 24 h"),
        "{months:?}"
    );
}

#[test]
fn validate_bounds_the_starts_on_a_25_year_hindcast() {
    let Some(d) = fathom_testdata() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    // Dataset D has no current: a template without current limits.
    let extra = format!(
        r#"
[metocean]
series_csv = "{}"
columns = {{ time = "time", hs_m = "significant wave height", wind_ms = "wind speed" }}

[campaign]
start_window = ["04-01", "09-30"]
operations = [
    {{ kind = "load_out" }},
    {{ kind = "transit", hs_max_m = 2.5 }},
    {{ kind = "lift", hs_max_m = 1.5, wind_max_ms = 15.0 }},
    {{ kind = "survey", hs_max_m = 2.5, splittable = true }},
    {{ kind = "return", hs_max_m = 2.5 }},
]
"#,
        d.display()
    );
    let found = validate(&demo_variant(dir.path(), "06-30", Some(&extra)));
    assert!(!found.is_empty());
    // 25 seasons of 183 days at a daily step are 4,575 starts; validate takes every tenth day:
    // 19 a season, 475 in all.
    for f in &found {
        let msg = f["message"].as_str().unwrap();
        assert!(msg.contains("(475 start(s), one every 240 h;"), "{msg}");
    }
}

fn fathom_testdata() -> Option<PathBuf> {
    testdata::shared_data("metocean/ec-benchmark_dataset_D.txt")
}
