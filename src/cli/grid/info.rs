//! `fathom grid info`: what a grid holds and where it is.

use super::GridInput;
use crate::bathymetry::{GridSummary, SignConvention};
use crate::cli::{CliError, Format};
use crate::geodesy::{Crs, Transformer};
use serde::Serialize;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  fathom grid info ../shared/data/bathymetry/wadden_ameland_30m_utm31n.tif
  fathom grid info florida.asc --crs EPSG:4326
  fathom grid info baltic.asc --positive-down --format json")]
pub struct InfoArgs {
    #[command(flatten)]
    pub input: GridInput,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Bounds of an area: `[min_x, min_y, max_x, max_y]`.
#[derive(Serialize, Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub min_x: f64,
    pub min_y: f64,
    pub max_x: f64,
    pub max_y: f64,
}

/// Everything `grid info` reports; the JSON output is this struct.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct GridInfo {
    pub file: String,
    pub width: usize,
    pub height: usize,
    pub cell_size_x: f64,
    pub cell_size_y: f64,
    /// `EPSG:N`, or the shortened definition when it has no EPSG code.
    pub crs: String,
    pub crs_epsg: Option<u32>,
    pub crs_name: String,
    pub crs_geographic: bool,
    /// Outer cell edges in the grid CRS.
    pub extent: Bounds,
    /// Bounding box of the grid outline in WGS 84 longitude/latitude (`None` if PROJ cannot
    /// transform it).
    pub extent_lonlat: Option<Bounds>,
    pub elevation_min_m: Option<f64>,
    pub elevation_max_m: Option<f64>,
    pub elevation_mean_m: Option<f64>,
    /// Population standard deviation of the valid cells (as `gdalinfo -stats`).
    pub elevation_stddev_m: Option<f64>,
    pub valid_cells: usize,
    pub total_cells: usize,
    /// Valid cells over all cells, 0–1.
    pub valid_share: f64,
    /// The sign convention the file used (values are reported as elevation positive up).
    pub source_sign: SignConvention,
}

impl GridInfo {
    /// Gathers the report for a grid summarised from `file`.
    pub fn of(grid: &GridSummary, file: &str) -> Self {
        let crs = grid.crs.clone();
        let (x0, y0, x1, y1) = grid.extent();
        let stats = grid.stats;
        let total = grid.width * grid.height;
        let valid = stats.map_or(0, |s| s.valid_cells);
        GridInfo {
            file: file.to_string(),
            width: grid.width,
            height: grid.height,
            cell_size_x: grid.transform.dx,
            cell_size_y: grid.transform.dy,
            crs: crs.as_ref().map_or("none".into(), |c| c.to_string()),
            crs_epsg: crs.as_ref().and_then(Crs::epsg_code),
            crs_name: crs.as_ref().map_or("none".into(), Crs::name),
            crs_geographic: crs.as_ref().is_some_and(Crs::is_geographic),
            extent: Bounds {
                min_x: x0,
                min_y: y0,
                max_x: x1,
                max_y: y1,
            },
            extent_lonlat: crs.as_ref().and_then(|c| lonlat_bounds(grid.extent(), c)),
            elevation_min_m: stats.map(|s| s.min),
            elevation_max_m: stats.map(|s| s.max),
            elevation_mean_m: stats.map(|s| s.mean),
            elevation_stddev_m: stats.map(|s| s.stddev),
            valid_cells: valid,
            total_cells: total,
            valid_share: valid as f64 / total.max(1) as f64,
            source_sign: grid.source_sign,
        }
    }

    /// The human-readable report.
    pub fn to_text(&self) -> String {
        let unit = if self.crs_geographic { "°" } else { " m" };
        let e = &self.extent;
        let mut s = String::new();
        let mut line = |k: &str, v: String| s.push_str(&format!("{k:<12}{v}\n"));
        line("file", self.file.clone());
        line(
            "size",
            format!(
                "{} × {} cells ({} columns × {} rows)",
                self.width, self.height, self.width, self.height
            ),
        );
        line(
            "cell size",
            format!("{}{unit} × {}{unit}", self.cell_size_x, self.cell_size_y),
        );
        line("CRS", format!("{} ({})", self.crs, self.crs_name));
        line(
            "extent",
            format!(
                "x {} … {}, y {} … {}{unit}",
                e.min_x, e.max_x, e.min_y, e.max_y
            ),
        );
        if let Some(b) = &self.extent_lonlat {
            line(
                "lon/lat",
                format!(
                    "lon {:.5} … {:.5}°, lat {:.5} … {:.5}° (WGS 84)",
                    b.min_x, b.max_x, b.min_y, b.max_y
                ),
            );
        }
        match (
            self.elevation_min_m,
            self.elevation_max_m,
            self.elevation_mean_m,
            self.elevation_stddev_m,
        ) {
            (Some(lo), Some(hi), Some(mean), Some(sd)) => line(
                "elevation",
                format!(
                    "min {lo:.3} m, max {hi:.3} m, mean {mean:.3} m, std. dev. {sd:.3} m \
                     (positive up)"
                ),
            ),
            _ => line("elevation", "no valid cells".into()),
        }
        line(
            "valid",
            format!(
                "{:.1} % ({} of {} cells)",
                100.0 * self.valid_share,
                self.valid_cells,
                self.total_cells
            ),
        );
        line(
            "sign",
            match self.source_sign {
                SignConvention::ElevationUp => "file stores elevation positive up".into(),
                SignConvention::DepthPositiveDown => {
                    "file stores depth positive down (negated on reading)".into()
                }
            },
        );
        s
    }
}

/// Bounding box in WGS 84 lon/lat of the grid outline: the four corners and 32 points along each
/// edge, so the curved image of a projected edge is covered.
fn lonlat_bounds((x0, y0, x1, y1): (f64, f64, f64, f64), crs: &Crs) -> Option<Bounds> {
    let t = Transformer::new(crs, &Crs::wgs84()).ok()?;
    let mut b = Bounds {
        min_x: f64::INFINITY,
        min_y: f64::INFINITY,
        max_x: f64::NEG_INFINITY,
        max_y: f64::NEG_INFINITY,
    };
    const N: usize = 32;
    for i in 0..=N {
        let f = i as f64 / N as f64;
        let (x, y) = (x0 + f * (x1 - x0), y0 + f * (y1 - y0));
        for (px, py) in [(x, y0), (x, y1), (x0, y), (x1, y)] {
            let (lon, lat) = t.convert(px, py).ok()?;
            b.min_x = b.min_x.min(lon);
            b.min_y = b.min_y.min(lat);
            b.max_x = b.max_x.max(lon);
            b.max_y = b.max_y.max(lat);
        }
    }
    Some(b)
}

/// Runs `grid info`: the statistics are gathered as the file is read, without holding the grid.
pub fn run(args: &InfoArgs) -> Result<ExitCode, CliError> {
    let grid = args.input.summarise()?;
    let info = GridInfo::of(&grid, &args.input.grid.display().to_string());
    match args.format {
        Format::Text => print!("{}", info.to_text()),
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&info).map_err(CliError::from_display)?
        ),
    }
    Ok(ExitCode::SUCCESS)
}
