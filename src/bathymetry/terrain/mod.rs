//! Terrain derivatives of a [`Grid`]: slope, aspect, hillshade, terrain ruggedness (TRI) and
//! roughness, each over the 3 × 3 window of GDAL's `gdaldem` and agreeing with it cell by cell
//! on projected grids (tests compare against `gdaldem` on the real Wadden Sea crop).
//!
//! Conventions, as `gdaldem` without `-compute_edges`: the first and last rows and columns are
//! no-data (NaN), and a cell whose window holds any no-data cell is no-data. Unlike `gdaldem`, the
//! cell sizes are true metres on geographic grids too ([`RowCellSizes`]), so slopes of a
//! lon/lat grid are right without a `-s 111120` scale (which `gdaldem` needs and which is only
//! approximate, as it ignores cos φ).
//!
//! Rows are processed in parallel (rayon); the slope loop is branch-free f32 so it vectorises.

mod cellsize;
mod kernel;

pub use cellsize::{RowCellSizes, radii_of_curvature};
pub use kernel::atan_nonneg;

use super::{Grid, SignConvention};
use crate::progress::{Report, silent};
use kernel::{Cells3x3, filled_window, map_windows};
use rayon::prelude::*;

/// Wraps a derived raster in a grid with `grid`'s georeferencing.
fn derived(grid: &Grid, data: Vec<f32>) -> Grid {
    Grid {
        width: grid.width,
        height: grid.height,
        transform: grid.transform,
        crs: grid.crs.clone(),
        data,
        source_sign: SignConvention::ElevationUp,
        vertical_datum: None,
    }
}

/// A derived raster of `grid`: `per_row(r)` gives the function of each 3×3 window of row `r`
/// ([`map_windows`]); edge and no-data cells are NaN.
fn derive<R, C>(grid: &Grid, per_row: R, progress: Report) -> Grid
where
    R: Fn(usize) -> C + Sync,
    C: Fn(&Cells3x3) -> f32,
{
    let data = map_windows(
        &grid.data,
        grid.width,
        grid.height,
        f32::NAN,
        per_row,
        progress,
    );
    derived(grid, data)
}

/// Slope in degrees by Horn's method, as `gdaldem slope` (default Horn algorithm).
///
/// Horn, B. K. P. (1981), "Hill shading and the reflectance map", Proc. IEEE 69(1), 14–47:
///
/// ```text
/// ∂z/∂x = ((z2 + 2 z5 + z8) − (z0 + 2 z3 + z6)) / (8 Δx)
/// ∂z/∂y = ((z0 + 2 z1 + z2) − (z6 + 2 z7 + z8)) / (8 Δy)
/// slope = atan √((∂z/∂x)² + (∂z/∂y)²)
/// ```
///
/// with Δx, Δy the metric cell sizes of the row ([`RowCellSizes`]). The arctangent is the
/// vectorisable [`atan_nonneg`] (error < 10⁻⁵ °).
pub fn slope(grid: &Grid) -> Grid {
    slope_reporting(grid, &silent)
}

/// [`slope`], telling `progress` the rows done (for large grids on the command line).
pub fn slope_reporting(grid: &Grid, progress: Report) -> Grid {
    let sizes = RowCellSizes::of(grid);
    let per_row = |r| {
        let k = horn_scales(&sizes, r);
        move |w: &Cells3x3| horn_slope_deg(w, k)
    };
    derive(grid, per_row, progress)
}

/// Slope as [`slope`], but every cell with data gets one: neighbours outside the grid or without
/// data take the centre cell's value. That is `gdaldem slope -compute_edges`'s rule next to
/// no-data; on the border gdaldem extrapolates linearly instead, which fathom does not, so border
/// slopes here lean towards flat. Siting uses it so that a footprint at the grid edge or beside a
/// hole in the survey is still judged on the cells it has.
pub fn slope_filled_edges(grid: &Grid) -> Grid {
    let mut out = slope(grid);
    let sizes = RowCellSizes::of(grid);
    let (w, h) = (grid.width, grid.height);
    out.data
        .par_chunks_mut(w.max(1))
        .enumerate()
        .for_each(|(r, row)| {
            let k = horn_scales(&sizes, r);
            for (c, o) in row.iter_mut().enumerate() {
                if o.is_nan()
                    && let Some(win) = filled_window(&grid.data, w, h, c, r)
                {
                    *o = horn_slope_deg(&win, k);
                }
            }
        });
    out
}

/// Horn slope (degrees) of the one cell (`c`, `r`) of a `width` × `height` raster of cells
/// `dx_m` × `dy_m`, with the window of [`slope_filled_edges`] (neighbours outside the raster or
/// without data take the centre's value): the planner's cursor read-out and inspector, so they
/// show the slope siting judges. `None` when the cell has no data or lies outside.
#[allow(clippy::too_many_arguments)]
pub fn slope_filled_at(
    data: &[f32],
    width: usize,
    height: usize,
    c: usize,
    r: usize,
    dx_m: f64,
    dy_m: f64,
) -> Option<f32> {
    if c >= width || r >= height {
        return None;
    }
    let win = filled_window(data, width, height, c, r)?;
    let k = ((1.0 / (8.0 * dx_m)) as f32, (1.0 / (8.0 * dy_m)) as f32);
    Some(horn_slope_deg(&win, k))
}

/// 1 / (8 Δx) and 1 / (8 Δy) of row `r`: the factors turning Horn's sums into gradients.
fn horn_scales(sizes: &RowCellSizes, r: usize) -> (f32, f32) {
    (
        (1.0 / (8.0 * sizes.dx_m[r])) as f32,
        (1.0 / (8.0 * sizes.dy_m[r])) as f32,
    )
}

/// Horn's slope (degrees) of one window given [`horn_scales`].
#[inline(always)]
fn horn_slope_deg(w: &Cells3x3, (kx, ky): (f32, f32)) -> f32 {
    let gx = w.horn_x() * kx;
    let gy = w.horn_y() * ky;
    atan_nonneg((gx * gx + gy * gy).sqrt()) * (180.0 / std::f32::consts::PI)
}

/// Aspect in degrees clockwise from north (0 = the slope faces north, 90 = east), the direction
/// the slope faces (downhill), by Horn's method as `gdaldem aspect`.
///
/// Flat cells (zero gradient) have no aspect: NaN, which is what `gdaldem` marks with its no-data
/// value −9999 unless `-zero_for_flat` is given. `gdaldem` ignores the cell sizes in aspect (it
/// assumes square cells); fathom divides each sum by its metric cell size, which is the same on
/// square projected cells and right on geographic grids.
pub fn aspect(grid: &Grid) -> Grid {
    let sizes = RowCellSizes::of(grid);
    let per_row = |r: usize| {
        let (dx, dy) = (sizes.dx_m[r], sizes.dy_m[r]);
        move |w: &Cells3x3| {
            // East-minus-west and south-minus-north gradients (gdaldem's dx and dy).
            let east = -(w.horn_x() as f64) / dx;
            let south = w.horn_y() as f64 / dy;
            if east == 0.0 && south == 0.0 {
                return f32::NAN;
            }
            let math = south.atan2(-east).to_degrees();
            let az = if math > 90.0 {
                450.0 - math
            } else {
                90.0 - math
            };
            let az = az as f32;
            if az >= 360.0 { 0.0 } else { az }
        }
    };
    derive(grid, per_row, &silent)
}

/// Illumination of a [`hillshade`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Illumination {
    /// Direction the light comes from, degrees clockwise from north. gdaldem default: 315 (NW).
    pub azimuth_deg: f64,
    /// Height of the light above the horizon, degrees. gdaldem default: 45.
    pub altitude_deg: f64,
    /// Vertical exaggeration. gdaldem default: 1.
    pub z_factor: f64,
}

impl Default for Illumination {
    /// `gdaldem hillshade` defaults: `-az 315 -alt 45 -z 1`.
    fn default() -> Self {
        Illumination {
            azimuth_deg: 315.0,
            altitude_deg: 45.0,
            z_factor: 1.0,
        }
    }
}

/// Shaded relief as bytes, `gdaldem hillshade` (default, not combined): 1–255, 0 = no data.
///
/// The GRASS r.shaded.relief model (Lambertian reflectance) with Horn's gradient, in gdaldem's
/// trigonometry-free form (apps/gdaldem_lib.cpp): with x, y Horn's gradients and z' = z/8,
///
/// ```text
/// c = (254 sin alt − 254 z' cos alt (y cos az − x sin az)) / √(1 + z'²(x² + y²))
/// value = 1 + max(c, 0), rounded to the nearest byte
/// ```
pub fn hillshade_u8(grid: &Grid, light: &Illumination) -> Vec<u8> {
    hillshade_u8_reporting(grid, light, &silent)
}

/// [`hillshade_u8`], telling `progress` the rows done (for large grids on the command line).
pub fn hillshade_u8_reporting(grid: &Grid, light: &Illumination, progress: Report) -> Vec<u8> {
    let sizes = RowCellSizes::of(grid);
    let shader = Shader::new(light);
    let per_row = |r: usize| {
        let (inv_ew, inv_ns) = Shader::inverse_sizes(sizes.dx_m[r], sizes.dy_m[r]);
        move |w: &Cells3x3| {
            let c = shader.value(w, inv_ew, inv_ns);
            let v = if c <= 0.0 { 1.0 } else { 1.0 + c };
            // `as u8` saturates and maps NaN (no data in the window) to 0, gdaldem's no-data.
            (v + 0.5) as u8
        }
    };
    map_windows(&grid.data, grid.width, grid.height, 0u8, per_row, progress)
}

/// Shade ∈ [0, 1] of the one cell (`c`, `r`) of a `width` × `height` raster of cells
/// `dx_m` × `dy_m`: [`hillshade_u8`]'s reflectance before the byte mapping (c / 254, 0 in
/// shadow), with the window of [`slope_filled_edges`] so that every cell with data is shaded.
/// The planner's map tiles use it. `None` when the cell has no data or lies outside.
#[allow(clippy::too_many_arguments)]
pub fn shade_filled_at(
    data: &[f32],
    width: usize,
    height: usize,
    c: usize,
    r: usize,
    dx_m: f64,
    dy_m: f64,
    light: &Illumination,
) -> Option<f32> {
    if c >= width || r >= height {
        return None;
    }
    let win = filled_window(data, width, height, c, r)?;
    let (inv_ew, inv_ns) = Shader::inverse_sizes(dx_m, dy_m);
    Some((Shader::new(light).value(&win, inv_ew, inv_ns) / 254.0).clamp(0.0, 1.0))
}

/// gdaldem's hillshade constants for one illumination (see [`hillshade_u8`]).
#[derive(Clone, Copy)]
struct Shader {
    num0: f32,
    cx: f32,
    cy: f32,
    zz: f32,
}

impl Shader {
    fn new(light: &Illumination) -> Self {
        let (alt, az) = (
            light.altitude_deg.to_radians(),
            light.azimuth_deg.to_radians(),
        );
        let zp = light.z_factor / 8.0;
        Shader {
            num0: (254.0 * alt.sin()) as f32,
            cy: (254.0 * az.cos() * alt.cos() * zp) as f32,
            cx: (254.0 * az.sin() * alt.cos() * zp) as f32,
            zz: (zp * zp) as f32,
        }
    }

    /// 1/Δx and −1/Δy: gdaldem divides by the geotransform's north–south term, which is negative.
    fn inverse_sizes(dx_m: f64, dy_m: f64) -> (f32, f32) {
        ((1.0 / dx_m) as f32, (-1.0 / dy_m) as f32)
    }

    /// [`hillshade_u8`]'s c (254 × reflectance, negative in shadow) of one window.
    #[inline(always)]
    fn value(&self, w: &Cells3x3, inv_ew: f32, inv_ns: f32) -> f32 {
        let x = w.horn_x() * inv_ew;
        let y = w.horn_y() * inv_ns;
        (self.num0 - (y * self.cy - x * self.cx)) / (1.0 + self.zz * (x * x + y * y)).sqrt()
    }
}

/// Shaded relief as a grid: the bytes of [`hillshade_u8`] as f32, NaN where no data.
pub fn hillshade(grid: &Grid, light: &Illumination) -> Grid {
    hillshade_reporting(grid, light, &silent)
}

/// [`hillshade`], telling `progress` the rows done (for large grids on the command line).
pub fn hillshade_reporting(grid: &Grid, light: &Illumination, progress: Report) -> Grid {
    let bytes = hillshade_u8_reporting(grid, light, progress);
    let data = bytes
        .iter()
        .map(|&b| if b == 0 { f32::NAN } else { b as f32 })
        .collect();
    derived(grid, data)
}

/// Which Terrain Ruggedness Index.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TriAlgorithm {
    /// Wilson et al. (2007), "Multiscale terrain analysis of multibeam bathymetry data for habitat
    /// mapping on the continental slope", Marine Geodesy 30, 3–35: the mean absolute difference
    /// between the centre cell and its 8 neighbours, TRI = Σ|zᵢ − z₄| / 8. Meant for bathymetry
    /// (GDAL's documentation recommends it there), hence fathom's default.
    #[default]
    Wilson,
    /// Riley, De Gloria & Elliot (1999), "A terrain ruggedness index that quantifies topographic
    /// heterogeneity", Intermountain J. Sci. 5: TRI = √Σ(zᵢ − z₄)². gdaldem's default since 3.3.
    Riley,
}

/// Terrain Ruggedness Index (m) of every cell, as `gdaldem TRI -alg Wilson|Riley`.
pub fn tri(grid: &Grid, algorithm: TriAlgorithm) -> Grid {
    let per_row = |_: usize| {
        move |w: &Cells3x3| {
            let c = w.w[4];
            let n = [0, 1, 2, 3, 5, 6, 7, 8];
            match algorithm {
                TriAlgorithm::Wilson => n.iter().map(|&k| (w.w[k] - c).abs()).sum::<f32>() * 0.125,
                TriAlgorithm::Riley => n
                    .iter()
                    .map(|&k| (w.w[k] as f64 - c as f64).powi(2))
                    .sum::<f64>()
                    .sqrt() as f32,
            }
        }
    };
    derive(grid, per_row, &silent)
}

/// Roughness (m): the largest difference between any two cells of the 3 × 3 window, as
/// `gdaldem roughness` (Wilson et al. 2007, after Dartnell 2000).
pub fn roughness(grid: &Grid) -> Grid {
    let per_row = |_: usize| {
        |w: &Cells3x3| {
            if w.w.iter().any(|v| v.is_nan()) {
                return f32::NAN;
            }
            let max = w.w.iter().copied().fold(f32::MIN, f32::max);
            let min = w.w.iter().copied().fold(f32::MAX, f32::min);
            max - min
        }
    };
    derive(grid, per_row, &silent)
}

#[cfg(test)]
mod tests;
