//! `fathom grid …`: commands on a bathymetry grid file.
//!
//! Every subcommand takes its grid through [`GridInput`] (path, `--crs`, `--positive-down`), so
//! files without a CRS and files with positive depths are handled the same way everywhere.
//! One file per subcommand under `src/cli/grid/`.

mod convert;
mod info;
mod terrain;

use super::CliError;
use crate::bathymetry::{self, Grid, GridSummary};
use crate::geodesy::Crs;
use std::path::PathBuf;
use std::process::ExitCode;

/// `fathom grid <command>`.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  fathom grid info survey.tif
  fathom grid info gebco.asc --crs EPSG:4326 --format json
  fathom grid convert survey.asc -o survey.tif --to-crs EPSG:32651")]
pub struct GridArgs {
    #[command(subcommand)]
    pub command: GridCommand,
}

/// The grid subcommands.
#[derive(clap::Subcommand, Debug)]
pub enum GridCommand {
    /// Size, cell size, CRS, extent (grid CRS and lon/lat), elevation range and valid share.
    Info(info::InfoArgs),
    /// Convert between GeoTIFF, ESRI ASCII and XYZ, optionally reprojecting (bilinear).
    Convert(convert::ConvertArgs),
    /// Slope in degrees (Horn's method, as gdaldem slope).
    Slope(terrain::SlopeArgs),
    /// Shaded relief (as gdaldem hillshade).
    Hillshade(terrain::HillshadeArgs),
    /// Contour lines (isobaths) as GeoJSON (as gdal_contour).
    Contour(terrain::ContourArgs),
    /// Depth profile along a polyline, CSV on stdout.
    Profile(terrain::ProfileArgs),
}

/// The grid a command reads, shared by every `grid` subcommand (`#[command(flatten)]`).
#[derive(clap::Args, Debug, Clone)]
pub struct GridInput {
    /// Grid file: GeoTIFF (.tif), ESRI ASCII (.asc, with .prj) or XYZ (.xyz).
    pub grid: PathBuf,
    /// CRS of the grid when the file carries none (or to override it), e.g. EPSG:32631.
    #[arg(long, value_name = "EPSG:N")]
    pub crs: Option<String>,
    /// The file stores depths as positive numbers: negate them (fathom keeps elevation positive up).
    #[arg(long)]
    pub positive_down: bool,
}

impl GridInput {
    /// Reads the grid: elevation positive up, NaN for no data, a CRS set. A file without CRS and
    /// no `--crs` is refused with a message saying to give `--crs`.
    pub fn load(&self) -> Result<Grid, CliError> {
        bathymetry::io::read(&self.grid, &self.options()?).map_err(CliError::from_display)
    }

    /// What [`GridInput::load`] would read, without the cells (statistics gathered in bounded
    /// memory).
    pub fn summarise(&self) -> Result<GridSummary, CliError> {
        bathymetry::io::summarise(&self.grid, &self.options()?).map_err(CliError::from_display)
    }

    fn options(&self) -> Result<bathymetry::io::ReadOptions, CliError> {
        let crs = match &self.crs {
            Some(c) => Some(Crs::parse(c).map_err(|e| CliError(format!("--crs: {e}")))?),
            None => None,
        };
        Ok(bathymetry::io::ReadOptions {
            crs,
            positive_down: self.positive_down,
        })
    }
}

/// Runs a grid subcommand.
pub fn run(args: &GridArgs) -> Result<ExitCode, CliError> {
    match &args.command {
        GridCommand::Info(a) => info::run(a),
        GridCommand::Convert(a) => convert::run(a),
        GridCommand::Slope(a) => terrain::run_slope(a),
        GridCommand::Hillshade(a) => terrain::run_hillshade(a),
        GridCommand::Contour(a) => terrain::run_contour(a),
        GridCommand::Profile(a) => terrain::run_profile(a),
    }
}
