//! `fathom grid slope | hillshade | contour | profile`: terrain derivatives, isobaths and depth
//! profiles of a grid (see `bathymetry::terrain`, `bathymetry::contours`, `bathymetry::sample`).

use super::GridInput;
use crate::bathymetry::contours::{Levels, contour_lines_reporting, lines_geojson};
use crate::bathymetry::sample::{LineCrs, profile};
use crate::bathymetry::terrain::{self, Illumination};
use crate::bathymetry::{self, Grid};
use crate::cli::progress::Bar;
use crate::cli::{CliError, Format};
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
  fathom grid slope gebco.asc --crs EPSG:4326 -o slope.tif
  fathom grid slope survey.tif -o slope.tif --format json   # what was written, statistics"
)]
pub struct SlopeArgs {
    #[command(flatten)]
    pub input: GridInput,
    /// Output grid (.tif Float32, .asc or .xyz); NaN = no data.
    #[arg(short, long)]
    pub output: PathBuf,
    /// `json`: print what was written and its statistics on stdout (errors as JSON on stderr).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// `fathom grid hillshade`.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Shaded relief 1–255 as `gdaldem hillshade`: a Byte GeoTIFF with 0 = no data (Float32 with NaN \
for .asc and .xyz).

Examples:
  fathom grid hillshade survey.tif -o shade.tif
  fathom grid hillshade survey.tif -o shade.tif --azimuth 270 --altitude 30 --z-factor 5
  fathom grid hillshade survey.tif -o shade.tif --format json"
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
    /// `json`: print what was written and its statistics on stdout (errors as JSON on stderr).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// `fathom grid contour`.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Contour lines (isobaths) as a GeoJSON FeatureCollection of LineStrings in \
the grid's CRS, with `elevation` (m, positive up) and `depth_m` properties, as `gdal_contour`.

Examples:
  fathom grid contour survey.tif -o isobaths.geojson --interval 5
  fathom grid contour survey.tif -o isobaths.geojson --interval 10 --base 2.5
  fathom grid contour survey.tif -o isobaths.geojson --interval 5 --format json"
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
    /// `json`: print what was written, lines and length per level, on stdout (errors as JSON on
    /// stderr).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
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

/// Writes a derived grid and, with `--format json`, says what was written.
fn write(
    grid: &Grid,
    path: &Path,
    format: Format,
    command: &str,
    input: &Path,
    unit: &str,
) -> Result<ExitCode, CliError> {
    bathymetry::io::write(grid, path).map_err(CliError::from_display)?;
    if format == Format::Json {
        let stats = grid.stats();
        let out = serde_json::json!({
            "command": command,
            "input": input.display().to_string(),
            "output": path.display().to_string(),
            "bytes": written_bytes(path)?,
            "width": grid.width,
            "height": grid.height,
            "crs": grid.crs.as_ref().map(|c| c.to_string()),
            "unit": unit,
            "valid_cells": stats.map_or(0, |s| s.valid_cells),
            "total_cells": grid.width * grid.height,
            "min": stats.map(|s| s.min),
            "max": stats.map(|s| s.max),
            "mean": stats.map(|s| s.mean),
        });
        print_json(&out)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Size of the file just written.
fn written_bytes(path: &Path) -> Result<u64, CliError> {
    std::fs::metadata(path)
        .map(|m| m.len())
        .map_err(|e| CliError(format!("{}: {e}", path.display())))
}

fn print_json(v: &serde_json::Value) -> Result<(), CliError> {
    println!(
        "{}",
        serde_json::to_string_pretty(v).map_err(CliError::from_display)?
    );
    Ok(())
}

/// Runs `grid slope`.
pub fn run_slope(a: &SlopeArgs) -> Result<ExitCode, CliError> {
    let grid = a.input.load()?;
    let bar = Bar::new("slope", "rows");
    let slope = terrain::slope_reporting(&grid, &bar.report());
    drop(bar);
    write(
        &slope,
        &a.output,
        a.format,
        "grid slope",
        &a.input.grid,
        "degree",
    )
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
    let bar = Bar::new("hillshade", "rows");
    let ext = a.output.extension().and_then(|e| e.to_str()).unwrap_or("");
    if !(ext.eq_ignore_ascii_case("tif") || ext.eq_ignore_ascii_case("tiff")) {
        let shade = terrain::hillshade_reporting(&grid, &light, &bar.report());
        drop(bar);
        let (input, unit) = (&a.input.grid, "shade 1-255");
        return write(&shade, &a.output, a.format, "grid hillshade", input, unit);
    }
    // Bytes 1–255, 0 = no data: gdaldem's hillshade GeoTIFF.
    let shade = terrain::hillshade_u8_reporting(&grid, &light, &bar.report());
    drop(bar);
    bathymetry::io::write_bytes(&grid, &shade, &a.output).map_err(CliError::from_display)?;
    if a.format == Format::Json {
        let (min, max, sum, n) = shade
            .iter()
            .filter(|&&b| b != 0)
            .fold((u8::MAX, 0u8, 0u64, 0usize), |(lo, hi, sum, n), &b| {
                (lo.min(b), hi.max(b), sum + b as u64, n + 1)
            });
        let some = |v| (n > 0).then_some(v);
        print_json(&serde_json::json!({
            "command": "grid hillshade",
            "input": a.input.grid.display().to_string(),
            "output": a.output.display().to_string(),
            "bytes": written_bytes(&a.output)?,
            "width": grid.width,
            "height": grid.height,
            "crs": grid.crs.as_ref().map(|c| c.to_string()),
            "unit": "shade 1-255 (0 = no data)",
            "valid_cells": n,
            "total_cells": shade.len(),
            "min": some(min as f64),
            "max": some(max as f64),
            "mean": some(sum as f64 / n.max(1) as f64),
        }))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `grid contour`.
pub fn run_contour(a: &ContourArgs) -> Result<ExitCode, CliError> {
    let grid = a.input.load()?;
    let levels = Levels {
        interval: a.interval,
        base: a.base,
    };
    let bar = Bar::new("contours", "rows");
    let lines = contour_lines_reporting(&grid, &levels, &bar.report());
    drop(bar);
    let lines = lines.map_err(CliError::from_display)?;
    let fc = lines_geojson(&grid, &lines);
    let bytes = serde_json::to_vec(&fc).map_err(CliError::from_display)?;
    crate::fsutil::write_atomic(&a.output, &bytes)
        .map_err(|e| CliError(format!("{}: {e}", a.output.display())))?;
    if a.format == Format::Json {
        // Lines and length per level, in level order (lines come ordered by elevation).
        let mut per_level: Vec<serde_json::Value> = Vec::new();
        for chunk in lines.chunk_by(|x, y| x.elevation_m == y.elevation_m) {
            per_level.push(serde_json::json!({
                "elevation_m": chunk[0].elevation_m,
                "depth_m": -chunk[0].elevation_m,
                "lines": chunk.len(),
                "length": chunk.iter().map(|l| l.length()).sum::<f64>(),
            }));
        }
        print_json(&serde_json::json!({
            "command": "grid contour",
            "input": a.input.grid.display().to_string(),
            "output": a.output.display().to_string(),
            "bytes": bytes.len(),
            "crs": grid.crs.as_ref().map(|c| c.to_string()),
            "interval_m": a.interval,
            "base_m": a.base,
            "lines": lines.len(),
            "vertices": lines.iter().map(|l| l.points.len()).sum::<usize>(),
            "length": lines.iter().map(|l| l.length()).sum::<f64>(),
            "length_unit": "grid CRS unit (metre on projected grids)",
            "levels": per_level,
        }))?;
    }
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
