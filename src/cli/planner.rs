//! With no subcommand (feature `gui`): open the planner on a mission (default: the demo mission).

use super::CliError;
use crate::app::state::ChartTab;
use crate::app::{LaunchOptions, NativeDialogs, recovery};
use std::path::Path;
use std::process::ExitCode;

pub fn run(
    mission: Option<&Path>,
    screenshot: Option<&Path>,
    chart_tab: Option<ChartTab>,
) -> Result<ExitCode, CliError> {
    let path = mission
        .map(Path::to_path_buf)
        .unwrap_or_else(super::default_mission);
    let opts = LaunchOptions {
        mission: Some(path),
        screenshot: screenshot.map(Path::to_path_buf),
        // A screenshot run is not a working session: no autosave, no recovery question.
        recovery_dir: if screenshot.is_some() {
            None
        } else {
            recovery::default_dir()
        },
        dialogs: Box::new(NativeDialogs),
        chart_tab,
    };
    crate::app::run(opts).map_err(CliError)?;
    Ok(ExitCode::SUCCESS)
}
