//! The metocean series a command reads: `--metocean FILE` and `--columns MAPPING` when given, else
//! the mission's own ([`crate::metocean::of_mission`]). Shared by `fathom campaign` and
//! `fathom weather`, so both accept and refuse the same things.

use super::CliError;
use crate::metocean::{self, Series};
use crate::mission::Mission;
use std::path::{Path, PathBuf};

/// Reads the series for `mission` (loaded from `mission_path`): the file read and the series, or
/// an error naming what to pass when neither the command line nor the mission names one.
pub fn read(
    mission_path: &Path,
    m: &Mission,
    metocean: Option<&Path>,
    columns: Option<&str>,
) -> Result<(PathBuf, Series), CliError> {
    let cols = columns
        .map(|c| metocean::parse_columns(c).map_err(|e| CliError(format!("--columns: {e}"))))
        .transpose()?;
    let base = mission_path.parent().unwrap_or(Path::new("."));
    metocean::of_mission(m, base, metocean, cols.as_ref())
        .map_err(CliError::from_display)?
        .ok_or_else(|| {
            CliError(format!(
                "{}: no metocean series: pass --metocean FILE or set metocean.series_csv",
                mission_path.display()
            ))
        })
}
