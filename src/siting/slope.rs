//! Seabed slope by Horn's method.
//!
//! Horn (1981), "Hill shading and the reflectance map", Proc. IEEE 69(1): with the 3 × 3
//! neighbourhood a b c / d e f / g h i (north row first),
//! ∂z/∂x = ((c + 2f + i) − (a + 2d + g)) / (8·dx), ∂z/∂y = ((a + 2b + c) − (g + 2h + i)) / (8·dy),
//! slope = atan(√((∂z/∂x)² + (∂z/∂y)²)). This is the estimator of GDAL's `gdaldem slope` and of
//! ArcGIS. Neighbours outside the grid or without data take the centre's value (as
//! `gdaldem -compute_edges` treats the border), so a valid cell always has a slope and a cell
//! without data has none (NaN).

use crate::bathymetry::Grid;
use rayon::prelude::*;

/// Horn slope of every cell in degrees (NaN where the cell has no data).
pub fn horn_slope_deg(grid: &Grid) -> Vec<f32> {
    let (w, h) = (grid.width, grid.height);
    let (dx, dy) = (grid.transform.dx, grid.transform.dy);
    let mut out = vec![f32::NAN; w * h];
    out.par_chunks_mut(w).enumerate().for_each(|(r, row)| {
        for (c, o) in row.iter_mut().enumerate() {
            let e = grid.get(c, r);
            if e.is_nan() {
                continue;
            }
            let z = |dc: isize, dr: isize| -> f64 {
                match grid.try_get(c as isize + dc, r as isize + dr) {
                    Some(v) if !v.is_nan() => v as f64,
                    _ => e as f64,
                }
            };
            let (a, b, cc) = (z(-1, -1), z(0, -1), z(1, -1));
            let (d, f) = (z(-1, 0), z(1, 0));
            let (g, hh, i) = (z(-1, 1), z(0, 1), z(1, 1));
            let gx = ((cc + 2.0 * f + i) - (a + 2.0 * d + g)) / (8.0 * dx);
            let gy = ((a + 2.0 * b + cc) - (g + 2.0 * hh + i)) / (8.0 * dy);
            *o = gx.hypot(gy).atan().to_degrees() as f32;
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bathymetry::GeoTransform;

    #[test]
    fn plane_has_its_slope_everywhere_and_nodata_has_none() {
        // z = 0.1·x + 0.05·y → slope atan(√(0.01 + 0.0025)) = 6.3794°.
        let t = GeoTransform {
            origin_x: 0.0,
            origin_y: 100.0,
            dx: 10.0,
            dy: 10.0,
        };
        let mut g = Grid::filled(10, 10, t, 0.0);
        for r in 0..10 {
            for c in 0..10 {
                let (x, y) = t.cell_center(c, r);
                g.data[r * 10 + c] = (0.1 * x + 0.05 * y) as f32;
            }
        }
        g.data[55] = f32::NAN;
        let s = horn_slope_deg(&g);
        let expect = (0.0125f64).sqrt().atan().to_degrees();
        assert!((s[22] as f64 - expect).abs() < 1e-4, "{}", s[22]);
        assert!(s[55].is_nan());
        // Next to the hole and on the border the replaced neighbours flatten the estimate.
        assert!((s[54] as f64) < expect && s[54] > 0.0);
        assert!((s[0] as f64) < expect);
    }
}
