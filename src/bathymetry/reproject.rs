//! Reprojection of a grid into another CRS by inverse mapping and bilinear interpolation, as
//! `gdalwarp -r bilinear` does: each output cell centre is transformed back into the source CRS
//! and sampled there.

use super::{BathyError, GeoTransform, Grid};
use crate::geodesy::{Crs, Transformer};
use rayon::prelude::*;

/// The most the output may grow relative to the input, in cells. The output keeps the source's
/// cell area, so a CRS that suits the site gives about the same count; a ratio beyond this means
/// the bounding box of the warped outline is mostly empty (a 194 kB grid reprojected to a polar
/// CRS ran 117 s and took 2.4 GB).
pub const MAX_GROWTH: u64 = 16;

/// Small grids may always grow to this many cells (a few MB), whatever the ratio.
const MIN_OUTPUT_CELLS: u64 = 1 << 20;

/// Reprojects `grid` into `to`. The output extent is the bounding box of the source's outline
/// (sampled at 64 points per edge, so curved edges are covered); the output cell size keeps the
/// source's cell area (square cells of √(area) at the grid centre), so no resolution is invented
/// or thrown away. Cells whose source point falls outside the grid or on no data are NaN.
pub fn reproject(grid: &Grid, to: &Crs) -> Result<Grid, BathyError> {
    let from = grid
        .crs
        .clone()
        .ok_or_else(|| BathyError::Invalid("cannot reproject a grid without a CRS".into()))?;
    if &from == to {
        return Ok(grid.clone());
    }
    let crs_err = |source| BathyError::Crs {
        path: "reprojection".into(),
        source,
    };
    let fwd = Transformer::new(&from, to).map_err(crs_err)?;
    let (x0, y0, x1, y1) = grid.extent();
    let mut outline = Vec::with_capacity(256);
    for i in 0..=64 {
        let t = i as f64 / 64.0;
        outline.push((x0 + t * (x1 - x0), y0));
        outline.push((x0 + t * (x1 - x0), y1));
        outline.push((x0, y0 + t * (y1 - y0)));
        outline.push((x1, y0 + t * (y1 - y0)));
    }
    fwd.convert_all(&mut outline).map_err(crs_err)?;
    let (mut ox0, mut oy0, mut ox1, mut oy1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in &outline {
        ox0 = ox0.min(x);
        oy0 = oy0.min(y);
        ox1 = ox1.max(x);
        oy1 = oy1.max(y);
    }
    // Cell size from the area of the central cell once transformed.
    let (cx, cy) = grid.transform.cell_center(grid.width / 2, grid.height / 2);
    let (hx, hy) = (grid.transform.dx / 2.0, grid.transform.dy / 2.0);
    let c = [
        (cx - hx, cy - hy),
        (cx + hx, cy - hy),
        (cx + hx, cy + hy),
        (cx - hx, cy + hy),
    ];
    let mut q = c.to_vec();
    fwd.convert_all(&mut q).map_err(crs_err)?;
    let area = 0.5
        * (0..4)
            .map(|i| q[i].0 * q[(i + 1) % 4].1 - q[(i + 1) % 4].0 * q[i].1)
            .sum::<f64>()
            .abs();
    let cell = area.sqrt();
    if !(cell.is_finite() && cell > 0.0) {
        return Err(BathyError::Invalid(format!(
            "cannot reproject into {to}: degenerate cell size"
        )));
    }
    let width = ((ox1 - ox0) / cell).ceil().max(1.0) as u64;
    let height = ((oy1 - oy0) / cell).ceil().max(1.0) as u64;
    Grid::check_size(std::path::Path::new("reprojection"), width, height)?;
    let cells = (grid.width * grid.height) as u64;
    let limit = cells.saturating_mul(MAX_GROWTH).max(MIN_OUTPUT_CELLS);
    if width * height > limit {
        return Err(BathyError::Invalid(format!(
            "reprojecting the {} × {} grid into {to} would need a {width} × {height} grid \
             ({} cells, more than {MAX_GROWTH} times the input's {cells}): the source does not \
             fit that CRS (e.g. a polar projection far from the pole); choose a CRS centred on \
             the site, such as its UTM zone",
            grid.width,
            grid.height,
            width * height
        )));
    }
    let (width, height) = (width as usize, height as usize);
    let transform = GeoTransform {
        origin_x: ox0,
        origin_y: oy1,
        dx: cell,
        dy: cell,
    };
    let mut data = vec![f32::NAN; width * height];
    data.par_chunks_mut(width).enumerate().try_for_each_init(
        || Transformer::new(to, &from),
        |inv, (row, out)| {
            let inv = inv
                .as_ref()
                .map_err(|e| BathyError::Invalid(e.to_string()))?;
            for (col, v) in out.iter_mut().enumerate() {
                let (x, y) = transform.cell_center(col, row);
                if let Ok((sx, sy)) = inv.convert(x, y) {
                    *v = grid.sample_bilinear(sx, sy).unwrap_or(f32::NAN);
                }
            }
            Ok::<(), BathyError>(())
        },
    )?;
    Ok(Grid {
        width,
        height,
        transform,
        crs: Some(to.clone()),
        data,
        source_sign: grid.source_sign,
        vertical_datum: grid.vertical_datum.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn geographic_to_utm_keeps_values_and_area() {
        // 0.1° × 0.1° grid near Lingang, value = latitude-dependent ramp.
        let t = GeoTransform {
            origin_x: 122.0,
            origin_y: 30.9,
            dx: 0.001,
            dy: 0.001,
        };
        let mut g = Grid::filled(100, 100, t, 0.0);
        for r in 0..100 {
            for c in 0..100 {
                g.data[r * 100 + c] = -(10.0 + r as f32 * 0.1);
            }
        }
        g.crs = Some(Crs::wgs84());
        let out = reproject(&g, &Crs::epsg(32651)).unwrap();
        assert_eq!(out.crs, Some(Crs::epsg(32651)));
        // ≈ 96 m × 111 m per 0.001°: one cell of √(96·111) ≈ 103 m.
        assert!(
            (out.transform.dx - 103.2).abs() < 1.0,
            "{}",
            out.transform.dx
        );
        // Sample a point in the middle through both grids.
        let fwd = Transformer::new(&Crs::wgs84(), &Crs::epsg(32651)).unwrap();
        let (x, y) = fwd.convert(122.05, 30.85).unwrap();
        let a = g.sample_bilinear(122.05, 30.85).unwrap();
        let b = out.sample_bilinear(x, y).unwrap();
        assert!((a - b).abs() < 0.02, "{a} vs {b}");
    }

    #[test]
    fn an_arc_in_a_polar_crs_is_refused_with_the_reason() {
        // A thin band along 60° N over half the globe is a half annulus in polar stereographic:
        // its bounding box is ≈ 20 times the band's area.
        let t = GeoTransform {
            origin_x: 0.0,
            origin_y: 61.0,
            dx: 0.02,
            dy: 0.02,
        };
        let mut g = Grid::filled(9000, 50, t, -50.0);
        g.crs = Some(Crs::wgs84());
        let e = reproject(&g, &Crs::epsg(3413)).unwrap_err().to_string();
        assert!(
            e.contains("more than 16 times the input's 450000") && e.contains("UTM zone"),
            "{e}"
        );
    }
}
