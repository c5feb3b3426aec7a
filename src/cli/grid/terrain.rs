//! `fathom grid slope | hillshade | contour | profile`: terrain derivatives, isobaths and depth
//! profiles of a grid (see `bathymetry::terrain`, `bathymetry::contours`, `bathymetry::sample`).

use super::GridInput;
use crate::bathymetry::contours::{Levels, contours_geojson};
use crate::bathymetry::sample::{LineCrs, profile};
use crate::bathymetry::terrain::{self, Illumination};
use crate::bathymetry::{self, Grid};
use crate::cli::CliError;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `fathom grid slope`.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Slope in degrees by Horn's method, as `gdaldem slope`; edges and cells next \
to no data are no data. Geographic grids use true metric cell sizes per row (no -s 111120 needed).

Examples:
  fathom grid slope survey.tif -o slope.tif
  fathom grid slope gebco.asc --crs EPSG:4326 -o slope.tif"
)]
pub struct SlopeArgs {
    #[command(flatten)]
    pub input: GridInput,
    /// Output grid (.tif Float32, .asc or .xyz); NaN = no data.
    #[arg(short, long)]
    pub output: PathBuf,
}

/// `fathom grid hillshade`.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Shaded relief 1–255 as `gdaldem hillshade`: a Byte GeoTIFF with 0 = no data (Float32 with NaN \
for .asc and .xyz).

Examples:
  fathom grid hillshade survey.tif -o shade.tif
  fathom grid hillshade survey.tif -o shade.tif --azimuth 270 --altitude 30 --z-factor 5"
)]
pub struct HillshadeArgs {
    #[command(flatten)]
    pub input: GridInput,
    /// Output grid (.tif Float32, .asc or .xyz).
    #[arg(short, long)]
    pub output: PathBuf,
    /// Direction of the light, degrees clockwise from north (gdaldem default 315).
    #[arg(long, default_value_t = 315.0)]
    pub azimuth: f64,
    /// Height of the light above the horizon, degrees (gdaldem default 45).
    #[arg(long, default_value_t = 45.0)]
    pub altitude: f64,
    /// Vertical exaggeration (gdaldem default 1).
    #[arg(long, default_value_t = 1.0)]
    pub z_factor: f64,
}

/// `fathom grid contour`.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Contour lines (isobaths) as a GeoJSON FeatureCollection of LineStrings in \
the grid's CRS, with `elevation` (m, positive up) and `depth_m` properties, as `gdal_contour`.

Examples:
  fathom grid contour survey.tif -o isobaths.geojson --interval 5
  fathom grid contour survey.tif -o isobaths.geojson --interval 10 --base 2.5"
)]
pub struct ContourArgs {
    #[command(flatten)]
    pub input: GridInput,
    /// Output GeoJSON file.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Spacing between contour levels (m).
    #[arg(long)]
    pub interval: f64,
    /// Level the others are offset from (m), as gdal_contour -off.
    #[arg(long, default_value_t = 0.0)]
    pub base: f64,
}

/// `fathom grid profile`.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Depth profile along a polyline: CSV on stdout with distance_m, lon, lat, \
elevation_m (empty outside the grid or next to no data), bilinear.

Examples:
  fathom grid profile survey.tif --line \"5.21,53.42;5.30,53.45\"
  fathom grid profile survey.tif --line \"645000,5910000;650000,5912000\" --grid-crs --step-m 10"
)]
pub struct ProfileArgs {
    #[command(flatten)]
    pub input: GridInput,
    /// Vertices "lon,lat;lon,lat;…" in WGS 84 degrees (or x,y in the grid CRS with --grid-crs).
    #[arg(long)]
    pub line: String,
    /// The --line vertices are in the grid's CRS, not lon/lat.
    #[arg(long)]
    pub grid_crs: bool,
    /// Spacing of the samples (m); default half a cell.
    #[arg(long)]
    pub step_m: Option<f64>,
}

fn write(grid: &Grid, path: &Path) -> Result<ExitCode, CliError> {
    bathymetry::io::write(grid, path).map_err(CliError::from_display)?;
    Ok(ExitCode::SUCCESS)
}

/// Runs `grid slope`.
pub fn run_slope(a: &SlopeArgs) -> Result<ExitCode, CliError> {
    write(&terrain::slope(&a.input.load()?), &a.output)
}

/// Runs `grid hillshade`.
pub fn run_hillshade(a: &HillshadeArgs) -> Result<ExitCode, CliError> {
    if !(0.0..=90.0).contains(&a.altitude) || !a.azimuth.is_finite() || !a.z_factor.is_finite() {
        return Err(CliError(format!(
            "--altitude {} --azimuth {} --z-factor {}: expected an altitude in 0…90° and finite numbers",
            a.altitude, a.azimuth, a.z_factor
        )));
    }
    let light = Illumination {
        azimuth_deg: a.azimuth,
        altitude_deg: a.altitude,
        z_factor: a.z_factor,
    };
    let grid = a.input.load()?;
    let ext = a.output.extension().and_then(|e| e.to_str()).unwrap_or("");
    if ext.eq_ignore_ascii_case("tif") || ext.eq_ignore_ascii_case("tiff") {
        // Bytes 1–255, 0 = no data: gdaldem's hillshade GeoTIFF.
        let shade = terrain::hillshade_u8(&grid, &light);
        bathymetry::io::write_bytes(&grid, &shade, &a.output).map_err(CliError::from_display)?;
        return Ok(ExitCode::SUCCESS);
    }
    write(&terrain::hillshade(&grid, &light), &a.output)
}

/// Runs `grid contour`.
pub fn run_contour(a: &ContourArgs) -> Result<ExitCode, CliError> {
    let grid = a.input.load()?;
    let levels = Levels {
        interval: a.interval,
        base: a.base,
    };
    let fc = contours_geojson(&grid, &levels).map_err(CliError::from_display)?;
    let bytes = serde_json::to_vec(&fc).map_err(CliError::from_display)?;
    crate::fsutil::write_atomic(&a.output, &bytes)
        .map_err(|e| CliError(format!("{}: {e}", a.output.display())))?;
    Ok(ExitCode::SUCCESS)
}

/// Parses "a,b;c,d;…" into vertices, naming the bad vertex.
pub fn parse_line(s: &str) -> Result<Vec<(f64, f64)>, CliError> {
    s.split(';')
        .filter(|v| !v.trim().is_empty())
        .enumerate()
        .map(|(i, v)| {
            let mut it = v.split(',').map(|n| n.trim().parse::<f64>());
            match (it.next(), it.next(), it.next()) {
                (Some(Ok(a)), Some(Ok(b)), None) => Ok((a, b)),
                _ => Err(CliError(format!(
                    "--line: vertex {} `{}`: expected two numbers `lon,lat` separated by `;`",
                    i + 1,
                    v.trim()
                ))),
            }
        })
        .collect()
}

/// Runs `grid profile`.
pub fn run_profile(a: &ProfileArgs) -> Result<ExitCode, CliError> {
    let line = parse_line(&a.line)?;
    let grid = a.input.load()?;
    let crs = if a.grid_crs {
        LineCrs::Grid
    } else {
        LineCrs::LonLat
    };
    let points = profile(&grid, &line, crs, a.step_m).map_err(CliError::from_display)?;
    let mut csv = String::from("distance_m,lon,lat,elevation_m\n");
    for p in &points {
        let e = p.elevation_m.map(|e| format!("{e:.3}")).unwrap_or_default();
        let _ = writeln!(csv, "{:.3},{:.8},{:.8},{e}", p.distance_m, p.lon, p.lat);
    }
    print!("{csv}");
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_parsing() {
        assert_eq!(
            parse_line("5.2,53.4; 5.3 ,53.5;").unwrap(),
            vec![(5.2, 53.4), (5.3, 53.5)]
        );
        let e = parse_line("5.2,53.4;5.3").unwrap_err().0;
        assert!(e.contains("vertex 2"), "{e}");
        assert!(parse_line("a,b").is_err());
    }
}
