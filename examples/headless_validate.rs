//! Headless validation, as a user's own script or test suite would run it: load a mission, run
//! every rule, read the findings, and compute the cooling budget — with the library alone, no GUI
//! (`cargo run --example headless_validate --no-default-features -- missions/demo.toml`).
//!
//! Exit status follows `fathom validate`: 0 clean, 1 errors found, 2 could not run.

use fathom::finding::{ObjectRef, Severity, has_errors};
use fathom::mission::Context;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let path = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("missions/demo.toml"));
    // Loading reads the grid, reprojects it to the working CRS and converts every object to
    // metres; a bad file is an error naming the file, line and field.
    let ctx = match Context::load(&path) {
        Ok(ctx) => ctx,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let findings = fathom::validate::validate(&ctx);
    for f in &findings {
        println!("{f}");
    }
    // Findings carry a typed object reference: select those about one kind of object.
    let on_cabins = findings
        .iter()
        .filter(|f| matches!(f.object, Some(ObjectRef::Cabin(_))))
        .count();
    let warnings = findings
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .count();
    println!(
        "{}: {} findings ({} about cabins, {} warnings)",
        path.display(),
        findings.len(),
        on_cabins,
        warnings
    );
    // A model on its own: the cooling budget, month by month.
    if ctx.mission.cooling.is_some() {
        match fathom::cooling::analyse(&ctx) {
            Ok(c) => println!(
                "annual PUE {:.3} (target {:.2}); monthly {:?}",
                c.annual_pue,
                c.target_pue,
                c.monthly_pue.map(|p| (p * 1000.0).round() / 1000.0)
            ),
            Err(e) => eprintln!("cooling: {e}"),
        }
    }
    if has_errors(&findings) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
