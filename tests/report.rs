//! `fathom report`: the HTML and Markdown reports of the demo mission and of a mission with
//! every section (the demo plus a route, a wind farm, an exclusion zone and a metocean series)
//! are self-contained and hold every section; the demo's Cables section holds the numbers of
//! `fathom cable check --format json`.

use std::path::{Path, PathBuf};
use std::process::Command;

const SECTIONS: [&str; 11] = [
    "Site",
    "Cabins",
    "Route",
    "Lift and lowering",
    "Weather windows",
    "Installation campaign",
    "Wind energy",
    "Cooling and plume",
    "Cables",
    "Findings",
    "Provenance",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The parts the demo mission may lack, merged over it (so the test follows the demo's edits).
const EXTRA: &str = r#"
[[ports]]
id = "staging"
name = "Staging area"
lon = 121.965
lat = 30.825

[route]
name = "Staging to site"
departure = "2025-06-01T06:00:00Z"
waypoints = [
    { id = 1, name = "Staging", lon = 121.965, lat = 30.825 },
    { id = 2, name = "Turn", lon = 121.985, lat = 30.835, speed_kn = 8.0 },
    { id = 3, name = "Site", lon = 121.998, lat = 30.8465, speed_kn = 4.0 },
]

[[exclusion_zones]]
id = "anchorage"
kind = "anchorage"
buffer_m = 50.0
polygon = [[122.010, 30.856], [122.020, 30.856], [122.020, 30.862], [122.010, 30.862]]

[metocean]
series_csv = "met.csv"

[wind_farm]
source = "six turbines of the Lingang-like farm in assets/wind (test)"
turbine = "nrel-5mw"
wake_model = "gaussian"
availability = 0.95
electrical_loss = 0.03
target_renewable_share = 0.95
cable_capacity_mw = 30.0
positions = [
    [121.99772, 30.78796], [122.00694, 30.78796], [122.01617, 30.78796],
    [121.99772, 30.79591], [122.00694, 30.79591], [122.01617, 30.79591],
]

[wind_farm.resource]
source = "test rose"
reference_height_m = 10.0
shear_alpha = 0.11
sectors = [
    { sector_deg = 0, frequency = 0.3, weibull_a_ms = 7.6, weibull_k = 2.1 },
    { sector_deg = 90, frequency = 0.2, weibull_a_ms = 6.8, weibull_k = 2.0 },
    { sector_deg = 180, frequency = 0.3, weibull_a_ms = 7.1, weibull_k = 2.0 },
    { sector_deg = 270, frequency = 0.2, weibull_a_ms = 6.4, weibull_k = 1.9 },
]
"#;

/// Writes the full mission and its metocean series (6-hourly over 2025, rough in winter) into
/// `dir`.
fn full_mission(dir: &Path) -> PathBuf {
    let demo = root().join("missions/demo.toml");
    let mut m: toml::Table = toml::from_str(&std::fs::read_to_string(&demo).unwrap()).unwrap();
    let site = m["site"].as_table_mut().unwrap();
    let grid = demo
        .parent()
        .unwrap()
        .join(site["bathymetry"].as_str().unwrap());
    site.insert(
        "bathymetry".into(),
        toml::Value::String(grid.canonicalize().unwrap().display().to_string()),
    );
    let extra: toml::Table = toml::from_str(EXTRA).unwrap();
    for (k, v) in extra {
        m.insert(k, v);
    }
    let path = dir.join("full.toml");
    std::fs::write(&path, toml::to_string(&m).unwrap()).unwrap();
    let mut csv = String::from("time_utc,hs_m,tp_s,wind_ms,current_ms\n");
    let start = chrono::DateTime::parse_from_rfc3339("2025-01-01T00:00:00Z").unwrap();
    for i in 0..365 * 4 {
        let t = start + chrono::Duration::hours(6 * i);
        let day = i as f64 / 4.0;
        let hs =
            1.3 + 0.6 * (2.0 * std::f64::consts::PI * day / 365.0).cos() + 0.5 * (day * 0.9).sin();
        csv += &format!(
            "{},{hs:.2},7,{:.1},0.3\n",
            t.format("%Y-%m-%dT%H:%M:%SZ"),
            8.0 + 4.0 * (day * 0.7).cos()
        );
    }
    std::fs::write(dir.join("met.csv"), csv).unwrap();
    path
}

/// Runs `fathom report MISSION -o OUT` and returns the file's text.
fn report(mission: &Path, out: &Path) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_fathom"))
        .arg("report")
        .arg(mission)
        .arg("-o")
        .arg(out)
        .env("SOURCE_DATE_EPOCH", "1764115200")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::read_to_string(out).unwrap()
}

/// No resource is fetched from the network: no http(s) URL in a src or href attribute or in a
/// CSS url().
fn assert_self_contained(text: &str) {
    let lower = text.to_ascii_lowercase();
    for attr in ["src=", "href=", "url("] {
        for q in ["", "\"", "'"] {
            for scheme in ["http:", "https:", "//"] {
                let bad = format!("{attr}{q}{scheme}");
                assert!(!lower.contains(&bad), "external resource: {bad}");
            }
        }
    }
}

fn assert_sections(html: &str, md: &str) {
    for (i, s) in SECTIONS.iter().enumerate() {
        assert!(html.contains(&format!("<h2>{}. {s}</h2>", i + 1)), "{s}");
        assert!(md.contains(&format!("\n## {}. {s}\n", i + 1)), "{s}");
    }
    assert_self_contained(html);
    assert_self_contained(md);
    assert!(html.contains("<image width=") && html.contains("href=\"data:image/png;base64,"));
    assert!(md.contains("](data:image/svg+xml;base64,"));
}

#[test]
fn demo_report_is_self_contained_with_every_section() {
    let dir = tempfile::tempdir().unwrap();
    let mission = root().join("missions/demo.toml");
    let html = report(&mission, &dir.path().join("demo.html"));
    let md = report(&mission, &dir.path().join("demo.md"));
    assert_sections(&html, &md);
    assert!(html.contains("Generated by fathom") && html.contains("2025-11-26 00:00:00"));
}

#[test]
fn full_report_fills_every_section() {
    let dir = tempfile::tempdir().unwrap();
    let mission = full_mission(dir.path());
    let html = report(&mission, &dir.path().join("full.html"));
    let md = report(&mission, &dir.path().join("full.md"));
    assert_sections(&html, &md);
    for absent in [
        "No route",
        "No wind farm",
        "No metocean",
        "No lift",
        "No cooling",
    ] {
        assert!(!html.contains(absent), "{absent}");
    }
    // Route legs with clearance, AEP, monthly operability, PUE, and the series' hash.
    for needle in [
        "Staging → Turn",
        "least UKC m",
        "net AEP (wake loss",
        "lift and lowering operable %",
        "target 1.15",
        "cable 30 MW",
        "metocean series",
    ] {
        assert!(html.contains(needle), "{needle}");
        assert!(
            md.contains(needle) || needle.starts_with("target") || needle.starts_with("cable"),
            "{needle}"
        );
    }
    // Both legs have a least under-keel clearance from the grid.
    for leg in ["Staging → Turn", "Turn → Site"] {
        let row = md.lines().find(|l| l.contains(leg)).unwrap();
        assert!(!row.ends_with("| — |"), "{row}");
    }
    // The map draws the route, six turbines and the zone.
    assert!(html.contains("<polyline points="));
    // Six turbines and the legend's symbol.
    assert_eq!(html.matches("M0,0V-7").count(), 6 + 1);
    assert!(html.contains("stroke-dasharray=\"6 3\""));
}

#[test]
fn campaign_section_shows_the_figures_of_fathom_campaign() {
    let dir = tempfile::tempdir().unwrap();
    let mission = full_mission(dir.path());
    let html = report(&mission, &dir.path().join("full.html"));
    let md = report(&mission, &dir.path().join("full.md"));
    let out = Command::new(env!("CARGO_BIN_EXE_fathom"))
        .args(["campaign", "--format", "json"])
        .arg(&mission)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // One row per start month with the same P10/P50/P90 and finish dates.
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let months = v["months"].as_array().unwrap();
    assert_eq!(months.len(), 6);
    let d = |x: &serde_json::Value| format!("{:.1}", x.as_f64().unwrap());
    for m in months {
        let row = format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            MONTHS[m["month"].as_u64().unwrap() as usize - 1],
            m["runs"],
            m["censored"],
            d(&m["duration_p10_d"]),
            d(&m["duration_p50_d"]),
            d(&m["duration_p90_d"]),
            m["finish_p50"].as_str().unwrap(),
            m["finish_p90"].as_str().unwrap()
        );
        assert!(md.contains(&row), "{row}");
    }
    let best = MONTHS[v["best_start_month"].as_u64().unwrap() as usize - 1];
    assert!(md.contains(&format!("Best start month: {best}")), "{best}");
    assert!(md.contains(&format!(
        "Vessel days P50 {} / P90 {}",
        d(&v["vessel_days_p50"]),
        d(&v["vessel_days_p90"])
    )));
    // Waiting on weather: one row per operation with its mean.
    for w in v["downtime"].as_array().unwrap() {
        let op = w["operation"].as_str().unwrap();
        let row = md
            .lines()
            .find(|l| l.starts_with(&format!("| {op} |")))
            .unwrap();
        assert!(row.contains(&format!("| {} |", d(&w["mean_h"]))), "{row}");
    }
    // The lift is weather-restricted: its Hs limit shows its α.
    assert!(
        md.lines()
            .any(|l| l.starts_with("| lift |") && l.contains("(α 0."))
    );
    // The monthly P50/P90 chart and the Gantt chart of the P50 run, one work bar per step.
    assert!(html.contains("campaign duration (d)") && html.contains(">days from the start<"));
    let steps = v["p50_run"].as_array().unwrap().len();
    assert_eq!(html.matches(" d</title></rect>").count(), steps);
}

/// The cells of the row whose first cell is `id` in the Markdown table whose header starts with
/// `header`, inside `text`.
fn md_row(text: &str, header: &str, id: &str) -> Vec<String> {
    let table = &text[text
        .find(header)
        .unwrap_or_else(|| panic!("no table {header}"))..];
    table
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            l.trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().to_string())
                .collect::<Vec<_>>()
        })
        .find(|r| r[0] == id)
        .unwrap_or_else(|| panic!("no row {id} in {header}"))
}

/// `cell` (a number, or the number before a space) equals `want` to within `tol`.
fn assert_close(cell: &str, want: f64, tol: f64, what: &str) {
    let got: f64 = cell
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap_or_else(|_| panic!("{what}: `{cell}` is not a number"));
    assert!(
        (got - want).abs() <= tol,
        "{what}: report {got}, cable check {want}"
    );
}

#[test]
fn demo_cables_section_matches_cable_check() {
    let dir = tempfile::tempdir().unwrap();
    let mission = root().join("missions/demo.toml");
    let md = report(&mission, &dir.path().join("demo.md"));
    let html = report(&mission, &dir.path().join("demo.html"));
    let o = Command::new(env!("CARGO_BIN_EXE_fathom"))
        .args(["cable", "check"])
        .arg(&mission)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stderr)));
    let n = |v: &serde_json::Value| v.as_f64().unwrap();
    let cables = v["cables"].as_array().unwrap();
    assert!(cables.len() >= 2, "the demo has power and fibre cables");
    let start = md.find("## 9. Cables\n").unwrap();
    let section = &md[start..md[start..].find("## 10. ").unwrap() + start];
    let (mut power, mut fibre, mut spans) = (0, 0, 0);
    for c in cables {
        let id = c["id"].as_str().unwrap();
        let e = &c["engineering"];
        let r = md_row(section, "| cable | type |", id);
        assert_eq!(r[1], c["cable_type"]["id"].as_str().unwrap());
        assert_close(&r[3], n(&e["route_length_m"]) / 1e3, 5e-4, "route km");
        assert_close(&r[4], n(&e["slack_pct"]), 0.05, "slack");
        assert_close(&r[5], n(&e["cable_length_m"]) / 1e3, 5e-4, "to order");
        // The deepest sample of the JSON profile.
        let deepest = e["samples"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|s| s["depth_m"].as_f64())
            .fold(f64::MIN, f64::max);
        assert_close(&r[6], deepest, 0.05, "max depth");
        let n_spans = e["spans"].as_array().unwrap().len();
        assert_close(&r[8], n_spans as f64, 0.0, "spans");
        spans += n_spans;
        let p = &c["performance"];
        match p["kind"].as_str().unwrap() {
            "power" => {
                power += 1;
                let f = &p["flow"];
                let r = md_row(section, "| cable | feeds |", id);
                assert_close(&r[2], n(&p["demand_kw"]) / 1e3, 5e-4, "demand");
                assert_close(&r[3], n(&f["current_a"]), 0.05, "current");
                assert_close(&r[4], n(&f["charging_current_a"]), 0.005, "charging");
                assert_close(&r[5], n(&f["rating_a"]), 0.5, "rating");
                assert_close(&r[7], n(&f["loss_kw"]), 0.005, "loss");
                assert_close(&r[8], n(&p["annual_loss_mwh"]), 0.05, "energy");
                assert_close(&r[9], n(&f["voltage_drop_pct"]), 5e-4, "drop");
                assert_close(&r[10], n(&f["critical_length_km"]), 0.5, "critical");
                let over = n(&f["utilisation"]) > 1.0;
                assert_eq!(r[11].contains("over rating"), over, "{r:?}");
            }
            "fibre" => {
                fibre += 1;
                let r = md_row(section, "| cable | length km |", id);
                assert_close(&r[1], n(&p["length_km"]), 5e-4, "fibre length");
                assert_close(&r[3], n(&p["loss_db"]), 0.005, "loss budget");
                assert_close(&r[4], n(&p["latency_us"]), 0.05, "latency");
            }
            k => panic!("unknown performance kind {k}"),
        }
    }
    assert!(power > 0 && fibre > 0);
    // One depth profile per cable, each free span shaded.
    assert_eq!(section.matches("![Cable ").count(), cables.len());
    assert_eq!(html.matches("<title>free span ").count(), spans);
}
