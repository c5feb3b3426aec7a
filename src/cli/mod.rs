//! The command-line interface (clap). Each command group lives in its own file.
//!
//! Exit codes follow one rule everywhere: 0 success (no errors found), 1 the checks found errors,
//! 2 the command could not run (bad input; the message says which file and why).

mod cable;
mod campaign;
mod cooling;
mod export;
mod grid;
mod lift;
#[cfg(feature = "gui")]
mod planner;
mod progress;
mod replay;
mod report;
mod route;
mod series;
mod site;
#[cfg(not(feature = "gui"))]
mod summary;
mod track;
mod validate;
mod wind;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// fathom — plan the deployment of underwater data-centre cabins.
#[derive(Parser, Debug)]
#[command(name = "fathom", version, about, long_about = None, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Mission to open in the planner (default: missions/demo.toml).
    pub mission: Option<PathBuf>,
    /// Render the planner's first settled frame to this PNG and exit (documentation, checks).
    #[arg(long, value_name = "PATH")]
    pub screenshot: Option<PathBuf>,
    /// Open the planner's chart panel on this tab; `campaign` also runs the campaign.
    #[cfg(feature = "gui")]
    #[arg(long, value_name = "TAB")]
    pub chart: Option<crate::app::state::ChartTab>,
}

const EXAMPLES: &str = "Examples:
  fathom                                   open the planner on missions/demo.toml
  fathom missions/demo.toml                open the planner on a mission
  fathom validate missions/*.toml          check missions (exit 0 clean, 1 errors, 2 could not run)
  fathom grid info survey.tif              size, CRS, extent and depth range of a grid";

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check missions: files, CRS, objects inside the grid, and every domain's rules.
    Validate(validate::ValidateArgs),
    /// Work on a bathymetry grid: info, convert, and terrain derivatives.
    Grid(grid::GridArgs),
    /// Cabin siting: suitability map (GeoTIFF) and automatic layout.
    Site(site::SiteArgs),
    /// Vessel routes: the leg table and under-keel clearance, and least-cost route planning.
    Route(route::RouteArgs),
    /// Write the mission's route and objects for other tools: RTZ, GPX, GeoJSON, KML, CSV.
    Export(export::ExportArgs),
    /// Replace the mission's route with one from an RTZ or GPX file.
    ImportRoute(export::ImportRouteArgs),
    /// Compare an as-run track (NMEA log or GPX) with the planned route.
    Track(track::TrackArgs),
    /// Lift and lowering of each cabin: crane loads, hook height, phases, touchdown drift.
    Lift(lift::LiftArgs),
    /// Weather windows, operability per month and waiting on weather for the lift operations.
    Weather(lift::WeatherArgs),
    /// Installation campaign through a metocean hindcast: P10/P50/P90 duration, finish, cost.
    Campaign(campaign::CampaignArgs),
    /// Offshore wind: AEP with wake losses, flow cases, supply against the data centre's demand.
    Wind(wind::WindArgs),
    /// Seawater cooling budget: heat, flow, pumps, PUE by month, and the warm plume.
    Cooling(cooling::CoolingArgs),
    /// Mission report: one self-contained HTML (or Markdown) file.
    Report(report::ReportArgs),
    /// Subsea cables: automatic routes, route engineering, electrical check.
    Cable(cable::CableArgs),
    /// Send a recorded NMEA log over UDP or TCP at its own timing (live-mode demonstration).
    Replay(replay::ReplayArgs),
}

/// Output format of commands that report (`--format`).
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

/// An error that stops a command: printed on stderr, exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct CliError(pub String);

impl CliError {
    /// Wraps any displayable error.
    pub fn from_display(e: impl std::fmt::Display) -> Self {
        CliError(e.to_string())
    }
}

/// Parses the command line and runs it. When the command line asks for `--format json`, errors
/// (bad arguments included) go to stderr as one JSON object, `{"error": …, "exit_code": …}`, so
/// that a script reading JSON never has to parse prose.
pub fn run() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let json = json_requested(&args);
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) if json && e.use_stderr() => {
            let message = e.to_string();
            let message = message.trim_end().trim_start_matches("error: ");
            return json_error(message, "usage", e.exit_code());
        }
        Err(e) => e.exit(),
    };
    let result = match cli.command {
        Some(Command::Validate(args)) => validate::run(&args),
        Some(Command::Cooling(args)) => cooling::run(&args),
        Some(Command::Report(args)) => report::run(&args),
        Some(Command::Grid(args)) => grid::run(&args),
        Some(Command::Export(args)) => export::run(&args),
        Some(Command::ImportRoute(args)) => export::import_route(&args),
        Some(Command::Track(args)) => track::run(&args),
        Some(Command::Lift(args)) => lift::run_lift(&args),
        Some(Command::Weather(args)) => lift::run_weather(&args),
        Some(Command::Campaign(args)) => campaign::run(&args),
        Some(Command::Wind(args)) => wind::run(&args),
        Some(Command::Route(args)) => route::run(&args),
        Some(Command::Site(args)) => site::run(&args),
        Some(Command::Cable(args)) => cable::run(&args),
        Some(Command::Replay(args)) => replay::run(&args),
        #[cfg(feature = "gui")]
        None => planner::run(cli.mission.as_deref(), cli.screenshot.as_deref(), cli.chart),
        #[cfg(not(feature = "gui"))]
        None => summary::run(cli.mission.as_deref()),
    };
    match result {
        Ok(code) => code,
        Err(e) if json => json_error(&e.0, "could not run", 2),
        Err(e) => {
            eprintln!("fathom: error: {e}");
            ExitCode::from(2)
        }
    }
}

/// Whether the command line asks for JSON output: `--format json` or `--format=json` before any
/// `--` (after which arguments are values, not options).
fn json_requested(args: &[std::ffi::OsString]) -> bool {
    let args: Vec<&str> = args
        .iter()
        .skip(1)
        .map(|a| a.to_str().unwrap_or(""))
        .take_while(|a| *a != "--")
        .collect();
    args.contains(&"--format=json")
        || args
            .windows(2)
            .any(|w| w[0] == "--format" && w[1] == "json")
}

/// Prints `{"error": message, "kind": kind, "exit_code": code}` on stderr and returns the code.
fn json_error(message: &str, kind: &str, code: i32) -> ExitCode {
    let out = serde_json::json!({ "error": message, "kind": kind, "exit_code": code });
    eprintln!("{out}");
    ExitCode::from(u8::try_from(code).unwrap_or(2))
}

/// The demo mission shipped with fathom, found next to the working directory or the crate.
pub fn default_mission() -> PathBuf {
    let local = PathBuf::from("missions/demo.toml");
    if local.exists() {
        return local;
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("missions/demo.toml")
}

#[cfg(test)]
mod tests {
    use super::json_requested;

    #[test]
    fn help_lists_the_screenshot_option() {
        use clap::CommandFactory;
        let help = super::Cli::command().render_help().to_string();
        assert!(help.contains("--screenshot <PATH>"), "{help}");
        assert!(
            help.contains("Render the planner's first settled frame"),
            "{help}"
        );
    }

    fn asks(args: &[&str]) -> bool {
        let args: Vec<std::ffi::OsString> = args.iter().map(|a| a.into()).collect();
        json_requested(&args)
    }

    #[test]
    fn json_is_asked_for_by_the_format_option_only() {
        assert!(asks(&[
            "fathom", "grid", "slope", "g.tif", "--format", "json"
        ]));
        assert!(asks(&["fathom", "validate", "--format=json", "m.toml"]));
        assert!(!asks(&["fathom", "validate", "m.toml"]));
        assert!(!asks(&[
            "fathom", "export", "m.toml", "--format", "geojson"
        ]));
        assert!(!asks(&["fathom", "validate", "--", "--format", "json"]));
        // The program name is not an argument.
        assert!(!asks(&["--format=json"]));
    }
}
