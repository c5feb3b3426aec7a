//! `fathom report MISSION -o REPORT.html|REPORT.md`.

use super::CliError;
use crate::mission::Context;
use crate::report;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  fathom report missions/demo.toml -o demo-report.html
  fathom report missions/demo.toml -o demo-report.md

The HTML file is self-contained (inline styles and figures, no links to fetch) and prints on A4.
Set SOURCE_DATE_EPOCH (seconds since 1970) to fix the time stamp for reproducible reports.")]
pub struct ReportArgs {
    /// Mission file.
    pub mission: PathBuf,
    /// Output file: .html or .md.
    #[arg(short, long)]
    pub output: PathBuf,
}

pub fn run(args: &ReportArgs) -> Result<ExitCode, CliError> {
    let ctx = Context::load(&args.mission).map_err(CliError::from_display)?;
    let when = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        .unwrap_or_else(chrono::Utc::now);
    let doc = report::build(&ctx, when);
    let text = match args.output.extension().and_then(|e| e.to_str()) {
        Some("html") | Some("htm") => report::to_html(&doc),
        Some("md") => report::to_markdown(&doc),
        _ => {
            return Err(CliError(format!(
                "{}: unknown report format: expected a .html or .md file name",
                args.output.display()
            )));
        }
    };
    crate::fsutil::write_atomic(&args.output, text.as_bytes())
        .map_err(|e| CliError(format!("{}: {e}", args.output.display())))?;
    Ok(ExitCode::SUCCESS)
}
