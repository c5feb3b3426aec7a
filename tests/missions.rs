//! Every mission in `missions/` through `fathom validate`: clean missions exit 0; missions with
//! deliberate violations declare them in a header line
//! `# expect-findings: CODE object, CODE object, …` and must produce exactly those errors and
//! warnings (exit 1 when any is an error).

use std::path::{Path, PathBuf};
use std::process::Command;

fn fathom() -> Command {
    Command::new(env!("CARGO_BIN_EXE_fathom"))
}

fn missions() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("missions");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    v.sort();
    v
}

/// The `(code, object)` pairs a mission declares, sorted.
fn expected(path: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut v: Vec<(String, String)> = text
        .lines()
        .filter_map(|l| l.strip_prefix("# expect-findings:"))
        .flat_map(|l| {
            l.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .map(|item| {
            let (code, object) = item.split_once(' ').unwrap_or((item.as_str(), ""));
            (code.to_string(), object.trim().to_string())
        })
        .collect();
    v.sort();
    v
}

#[test]
fn demo_mission_exists_and_is_clean() {
    let out = fathom()
        .args(["validate", "missions/demo.toml"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn every_mission_gives_exactly_its_declared_findings() {
    for path in missions() {
        let out = fathom()
            .arg("validate")
            .arg(&path)
            .args(["--format", "json"])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let reports: serde_json::Value = serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("{}: not JSON ({e}): {stdout}{stderr}", path.display()));
        let mut got: Vec<(String, String)> = reports[0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] != "info")
            .map(|f| {
                let object = f["object"].as_str().unwrap_or("").to_string();
                (f["code"].as_str().unwrap().to_string(), object)
            })
            .collect();
        got.sort();
        let want = expected(&path);
        assert_eq!(got, want, "{}: findings differ:\n{stdout}", path.display());
        let errors = reports[0]["errors"].as_u64().unwrap();
        assert_eq!(
            out.status.code(),
            Some(if errors > 0 { 1 } else { 0 }),
            "{}",
            path.display()
        );
    }
}

/// The wind supply's demand follows the cooling budget's PUE month by month when there is one.
#[test]
fn wind_demand_uses_the_cooling_pue() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("missions/demo.toml");
    let ctx = fathom::mission::Context::load(&path).unwrap();
    let cooling = fathom::cooling::monthly_pue(&ctx).expect("the demo has a cooling budget");
    assert_eq!(fathom::wind::monthly_pue(&ctx), cooling);
    assert!(
        cooling.iter().all(|p| (1.0..1.15).contains(p)),
        "{cooling:?}"
    );
}
