//! With no subcommand: a summary of the mission (the planner replaces this when built with `gui`).

use super::CliError;
use crate::mission::Context;
use std::path::Path;
use std::process::ExitCode;

pub fn run(mission: Option<&Path>) -> Result<ExitCode, CliError> {
    let path = mission
        .map(Path::to_path_buf)
        .unwrap_or_else(super::default_mission);
    let ctx = Context::load(&path).map_err(CliError::from_display)?;
    let m = &ctx.mission;
    println!("{} ({})", m.name, path.display());
    println!(
        "grid {} ({} × {} cells), working CRS {} ({})",
        ctx.grid_path.display(),
        ctx.grid.width,
        ctx.grid.height,
        ctx.working_crs,
        ctx.working_crs.name()
    );
    println!(
        "{} cabin type(s), {} cabin(s)",
        m.cabin_types.len(),
        m.cabins.len()
    );
    Ok(ExitCode::SUCCESS)
}
