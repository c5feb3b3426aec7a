//! Bad input through the binary: a clear message naming the file and what was expected, exit 2,
//! quickly, never a panic.

use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn run(args: &[&str]) -> Output {
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_fathom"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "took {:?}",
        start.elapsed()
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    out
}

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let p = dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

#[test]
fn missing_mission_file() {
    let out = run(&["validate", "/no/such/mission.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/mission.toml"));
}

#[test]
fn typo_in_field_name() {
    let dir = tempfile::tempdir().unwrap();
    let m = write(
        &dir,
        "m.toml",
        "schema = 1\nname = \"x\"\n\n[site]\nbathymetri = \"g.asc\"\n",
    );
    let out = run(&["validate", &m]);
    assert_eq!(out.status.code(), Some(2));
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(e.contains("m.toml:5:1"), "{e}");
    assert!(e.contains("did you mean `bathymetry`?"), "{e}");
}

#[test]
fn missing_grid() {
    let dir = tempfile::tempdir().unwrap();
    let m = write(
        &dir,
        "m.toml",
        "schema = 1\nname = \"x\"\n\n[site]\nbathymetry = \"nowhere.asc\"\n",
    );
    let out = run(&["validate", &m]);
    assert_eq!(out.status.code(), Some(2));
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(
        e.contains("site.bathymetry") && e.contains("nowhere.asc"),
        "{e}"
    );
}

#[test]
fn newer_schema() {
    let dir = tempfile::tempdir().unwrap();
    let m = write(
        &dir,
        "m.toml",
        "schema = 9\nname = \"x\"\n\n[site]\nbathymetry = \"g.asc\"\n",
    );
    let out = run(&["validate", &m]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("schema 9 is newer"));
}
