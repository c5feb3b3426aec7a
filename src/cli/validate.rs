//! `fathom validate MISSION... [--format json]`.

use super::{CliError, Format};
use crate::finding::{self, Finding, Severity};
use crate::mission::Context;
use crate::validate;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  fathom validate missions/demo.toml
  fathom validate missions/*.toml --format json | jq '.[].findings[].code'

Exit codes: 0 no errors, 1 errors found, 2 could not run (a mission or its grid could not be read).")]
pub struct ValidateArgs {
    /// Mission files.
    #[arg(required = true)]
    pub missions: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(serde::Serialize)]
struct Report<'a> {
    mission: String,
    errors: usize,
    warnings: usize,
    findings: &'a [Finding],
}

pub fn run(args: &ValidateArgs) -> Result<ExitCode, CliError> {
    let mut any_errors = false;
    let mut json = Vec::new();
    let mut results = Vec::new();
    for path in &args.missions {
        let ctx = Context::load(path).map_err(CliError::from_display)?;
        results.push((path, validate::validate(&ctx)));
    }
    for (path, findings) in &results {
        any_errors |= finding::has_errors(findings);
        let count = |s| findings.iter().filter(|f| f.severity == s).count();
        let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
        match args.format {
            Format::Text => {
                for f in findings {
                    println!("{}: {f}", path.display());
                }
                println!(
                    "{}: {errors} error(s), {warnings} warning(s)",
                    path.display()
                );
            }
            Format::Json => json.push(Report {
                mission: path.display().to_string(),
                errors,
                warnings,
                findings,
            }),
        }
    }
    if args.format == Format::Json {
        println!(
            "{}",
            serde_json::to_string_pretty(&json).map_err(CliError::from_display)?
        );
    }
    Ok(if any_errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
