//! Running the `fathom` binary from the CLI suites (`cli_json`, `hostile`).

use std::process::{Command, Output};

/// Runs `fathom ARGS` and returns its output, failing the test if it panicked.
pub fn run(args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_fathom"))
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    out
}
