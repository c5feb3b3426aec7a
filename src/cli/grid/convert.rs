//! `fathom grid convert`: rewrite a grid in another format, optionally in another CRS.

use super::GridInput;
use crate::bathymetry::{io, reproject};
use crate::cli::CliError;
use crate::geodesy::Crs;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
#[command(
    after_help = "The output format follows the extension of OUT: .tif (GeoTIFF Float32, DEFLATE),
.asc (ESRI ASCII + .prj) or .xyz (cell centres, row-major from the north-west).
Values are written as elevation positive up (after --positive-down, if given).

Examples:
  fathom grid convert survey.asc -o survey.tif
  fathom grid convert gebco.tif -o site.asc --to-crs EPSG:32651
  fathom grid convert points.xyz --crs EPSG:32631 -o grid.tif"
)]
pub struct ConvertArgs {
    #[command(flatten)]
    pub input: GridInput,
    /// Output file (.tif, .asc or .xyz).
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: PathBuf,
    /// Reproject into this CRS (bilinear, as gdalwarp -r bilinear).
    #[arg(long, value_name = "EPSG:N")]
    pub to_crs: Option<String>,
}

pub fn run(args: &ConvertArgs) -> Result<ExitCode, CliError> {
    let mut grid = args.input.load()?;
    if let Some(to) = &args.to_crs {
        let to = Crs::parse(to).map_err(|e| CliError(format!("--to-crs: {e}")))?;
        grid = reproject::reproject(&grid, &to).map_err(CliError::from_display)?;
    }
    io::write(&grid, &args.output).map_err(CliError::from_display)?;
    Ok(ExitCode::SUCCESS)
}
