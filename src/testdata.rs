//! Locating the real third-party test data in `../shared/data` (never copied into the repository).
//! Test-only: the unit tests compile it as `crate::testdata`, the integration tests include this
//! same file with `#[path = "../src/testdata.rs"] mod testdata;` — it is not part of the library.
//!
//! `FATHOM_SHARED_DATA` overrides the location (a git worktree sits elsewhere than `../shared`).
//!
//! Tests call [`shared_data`]: when the data is missing it returns `None` after printing why (the
//! test then returns early), except under CI (`CI=true`), where missing data is a failure.

use std::path::PathBuf;

/// Path of `rel` under `../shared/data` from the crate root, or `None` (with a message) when it is
/// absent outside CI. Panics under CI when absent, so a broken data mount cannot pass silently.
pub fn shared_data(rel: &str) -> Option<PathBuf> {
    let root = std::env::var_os("FATHOM_SHARED_DATA").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data"),
        PathBuf::from,
    );
    let path = root.join(rel);
    if path.exists() {
        return Some(path);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("test data {} is missing (CI=true)", path.display());
    }
    eprintln!("skipping: test data {} is missing", path.display());
    None
}
