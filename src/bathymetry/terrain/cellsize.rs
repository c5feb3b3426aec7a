//! True metric cell sizes per row, so that derivatives are right on geographic (degree) grids.

use crate::bathymetry::Grid;

/// WGS 84 semi-major axis (m), NIMA TR8350.2 (2000) table 3.1.
const WGS84_A: f64 = 6_378_137.0;
/// WGS 84 first eccentricity squared, e² = f(2 − f) with f = 1/298.257223563 (TR8350.2).
const WGS84_E2: f64 = 0.006_694_379_990_141_3;

/// East–west and north–south size of the cells of each row, in metres.
///
/// Projected grids (or grids without a CRS, taken to be in metres) have the same sizes on every
/// row. On geographic grids the sizes follow from the WGS 84 ellipsoid at the latitude of the
/// row's cell centres φ (Torge & Müller, *Geodesy*, 4th ed., §4.1.2):
///
/// - east–west: the arc of the parallel, Δx = N(φ)·cos φ·Δλ, with the prime-vertical radius
///   N = a / √(1 − e² sin² φ);
/// - north–south: the meridian arc, Δy = M(φ)·Δφ, with M = a(1 − e²) / (1 − e² sin² φ)^{3/2}.
///
/// `gdaldem -s 111120` instead uses one constant scale for both axes (the length of one degree of
/// latitude on a sphere), which ignores cos φ and so overstates east–west slopes away from the
/// equator.
#[derive(Clone, Debug, PartialEq)]
pub struct RowCellSizes {
    /// East–west cell size of each row (m).
    pub dx_m: Vec<f64>,
    /// North–south cell size of each row (m).
    pub dy_m: Vec<f64>,
}

impl RowCellSizes {
    /// Cell sizes of every row of `grid` (see the type's documentation).
    pub fn of(grid: &Grid) -> Self {
        let t = &grid.transform;
        let geographic = grid.crs.as_ref().is_some_and(|c| c.is_geographic());
        if !geographic {
            return RowCellSizes {
                dx_m: vec![t.dx; grid.height],
                dy_m: vec![t.dy; grid.height],
            };
        }
        let (dlon, dlat) = (t.dx.to_radians(), t.dy.to_radians());
        let (dx_m, dy_m) = (0..grid.height)
            .map(|r| {
                let lat = (t.origin_y - (r as f64 + 0.5) * t.dy).clamp(-90.0, 90.0);
                let (n, m) = radii_of_curvature(lat.to_radians());
                (n * lat.to_radians().cos() * dlon, m * dlat)
            })
            .unzip();
        RowCellSizes { dx_m, dy_m }
    }
}

/// Prime-vertical radius N and meridian radius M (m) of the WGS 84 ellipsoid at latitude `phi`
/// (radians).
pub fn radii_of_curvature(phi: f64) -> (f64, f64) {
    let w2 = 1.0 - WGS84_E2 * phi.sin().powi(2);
    let n = WGS84_A / w2.sqrt();
    let m = WGS84_A * (1.0 - WGS84_E2) / (w2 * w2.sqrt());
    (n, m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bathymetry::GeoTransform;
    use crate::geodesy::{Crs, geodesic_inverse};

    #[test]
    fn geographic_rows_match_geodesic_distances() {
        let t = GeoTransform {
            origin_x: -79.9,
            origin_y: 29.6,
            dx: 1.0 / 1200.0,
            dy: 1.0 / 1200.0,
        };
        let mut g = Grid::filled(4, 3, t, 0.0);
        g.crs = Some(Crs::epsg(4326));
        let s = RowCellSizes::of(&g);
        for r in 0..3 {
            let (_, lat) = t.cell_center(0, r);
            let ew = geodesic_inverse(-79.9, lat, -79.9 + t.dx, lat).distance_m;
            let ns = geodesic_inverse(-79.9, lat - t.dy / 2.0, -79.9, lat + t.dy / 2.0).distance_m;
            assert!((s.dx_m[r] - ew).abs() < 1e-6, "{} vs {ew}", s.dx_m[r]);
            assert!((s.dy_m[r] - ns).abs() < 1e-6, "{} vs {ns}", s.dy_m[r]);
        }
        // 3″ at 29.6°N: ≈ 80.7 m east–west, ≈ 92.4 m north–south.
        assert!((s.dx_m[0] - 80.7).abs() < 0.2 && (s.dy_m[0] - 92.4).abs() < 0.2);
    }

    #[test]
    fn projected_rows_are_constant() {
        let t = GeoTransform {
            origin_x: 0.0,
            origin_y: 0.0,
            dx: 30.0,
            dy: 20.0,
        };
        let mut g = Grid::filled(2, 2, t, 0.0);
        g.crs = Some(Crs::epsg(32631));
        let s = RowCellSizes::of(&g);
        assert_eq!(s.dx_m, vec![30.0, 30.0]);
        assert_eq!(s.dy_m, vec![20.0, 20.0]);
    }
}
