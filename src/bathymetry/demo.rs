//! The demo seabed: a deterministic, **synthetic** bathymetry off Lingang (Shanghai), in UTM 51N.
//!
//! No public survey of this area could be obtained, so the demo site is modelled. It is labelled
//! synthetic wherever it appears. The model, in metres, elevation positive up:
//!
//! 1. **Shoreface**: Dean's equilibrium beach profile h = A·x^(2/3) (R. G. Dean, "Equilibrium
//!    beach profiles: characteristics and applications", J. Coastal Research 7(1), 1991), x the
//!    distance offshore from the coastline, A = 0.055 m^(1/3) (very fine sand and silt of the
//!    Yangtze delta front; Dean 1991 Table 1 gives ≈ 0.06 for 0.1 mm sand), capped 8 m above
//!    [`MAX_DEPTH_M`] so the channels stay inside it. Landward of the coast the tidal flats rise
//!    gently to +3 m.
//! 2. **Coastline**: the Nanhui/Lingang shore traced from GSHHG 2.3.7 high resolution (Wessel &
//!    Smith 1996; LGPL-3.0, Debian `gmt-gshhg-high`), 11 vertices between 121.81°E and 121.91°E.
//! 3. **Tidal channels**: two meandering ebb/flood channels, Gaussian cross-section
//!    (depth d·exp(−s²/2w²)), running along the Hangzhou Bay flood direction (WNW–ESE).
//! 4. **Sand waves**: sinusoidal bedforms, amplitude 1.2 m, wavelength 300 m, crests across the
//!    tidal current, present only between 12 and 35 m water depth (typical of tidal shelves:
//!    Besio et al., "The formation of sand waves", Cont. Shelf Res. 28, 2008).
//! 5. **Noise**: three octaves of deterministic value noise (integer hash; no RNG state), 0.3 m.
//!
//! The same code always gives the same grid, byte for byte; a test checks that the shipped file
//! `bathymetry/lingang_synthetic_40m_utm51n.tif` equals [`generate`].

use super::{GeoTransform, Grid, SignConvention};
use crate::geodesy::{Crs, Transformer};

/// Deepest water of the demo (m).
pub const MAX_DEPTH_M: f64 = 45.0;
/// Cell size (m).
pub const CELL_M: f64 = 40.0;
/// File name of the shipped demo grid, in `bathymetry/`.
pub const FILE_NAME: &str = "lingang_synthetic_40m_utm51n.tif";

/// GSHHG 2.3.7 high-resolution coastline of Nanhui/Lingang (lon, lat), west to north.
const COAST: [(f64, f64); 11] = [
    (121.812375067, 30.8612497139),
    (121.830777447, 30.8662546731),
    (121.854123751, 30.8637521935),
    (121.872404059, 30.8737315938),
    (121.879911498, 30.8720531014),
    (121.887022202, 30.876630808),
    (121.89703212, 30.8908216983),
    (121.902006561, 30.9050431067),
    (121.90780499, 30.9083390555),
    (121.912046998, 30.9383382925),
    (121.8895552, 30.999984741),
];

/// UTM 51N (EPSG:32651) extent of the demo, outer cell edges: about 121.86–122.16°E,
/// 30.70–30.93°N, 28.8 km × 25.6 km.
const ORIGIN_E: f64 = 390_800.0;
const ORIGIN_N: f64 = 3_422_400.0;
const WIDTH: usize = 720;
const HEIGHT: usize = 640;

/// Generates the demo seabed.
pub fn generate() -> Grid {
    let crs = Crs::epsg(32651);
    let t = Transformer::new(&Crs::wgs84(), &crs)
        .expect("EPSG:4326 → EPSG:32651 is in PROJ's database");
    let coast: Vec<(f64, f64)> = COAST
        .iter()
        .map(|&(lon, lat)| {
            t.convert(lon, lat)
                .expect("coast vertices are inside UTM 51N")
        })
        .collect();
    let transform = GeoTransform {
        origin_x: ORIGIN_E,
        origin_y: ORIGIN_N,
        dx: CELL_M,
        dy: CELL_M,
    };
    let mut grid = Grid::filled(WIDTH, HEIGHT, transform, 0.0);
    grid.crs = Some(crs);
    grid.source_sign = SignConvention::ElevationUp;
    grid.vertical_datum = Some("MSL".into());
    for row in 0..HEIGHT {
        for col in 0..WIDTH {
            let (x, y) = transform.cell_center(col, row);
            grid.data[row * WIDTH + col] = elevation(x, y, &coast) as f32;
        }
    }
    grid
}

/// Elevation (m, positive up) of the synthetic seabed at a UTM 51N point.
fn elevation(x: f64, y: f64, coast: &[(f64, f64)]) -> f64 {
    let offshore = signed_offshore_distance(x, y, coast);
    if offshore <= 0.0 {
        // Tidal flats and reclaimed land behind the shore: up to +3 m over 2 km.
        return (3.0 * (-offshore / 2000.0).min(1.0)) + 0.2 * noise(x, y, 400.0);
    }
    let shoreface = (0.055 * offshore.powf(2.0 / 3.0)).min(MAX_DEPTH_M - 8.0);
    let mut depth = shoreface;
    // Local frame: u along the flood/ebb axis (bearings 110°/290°), v across it.
    let (u, v) = rotate(x - ORIGIN_E, y - ORIGIN_N, (-20f64).to_radians());
    for (offset, width, deepening, phase) in
        [(-5_000.0, 450.0, 7.0, 0.0), (-15_000.0, 600.0, 9.0, 1.7)]
    {
        let centre = offset + 900.0 * (u / 5_200.0 + phase).sin();
        let s = v - centre;
        depth += deepening * (-(s * s) / (2.0 * width * width)).exp();
    }
    if (12.0..35.0).contains(&depth) {
        let taper = ((depth - 12.0).min(35.0 - depth) / 4.0).min(1.0);
        depth += 1.2
            * taper
            * (2.0 * std::f64::consts::PI * u / 300.0 + 0.4 * noise(x, y, 2_000.0)).sin();
    }
    depth += 0.3 * noise(x, y, 800.0) + 0.15 * noise(x, y, 200.0) + 0.08 * noise(x, y, 90.0);
    -depth.clamp(0.0, MAX_DEPTH_M + 2.0)
}

/// Distance from the coast polyline, positive at sea (east and south of it), negative on land.
fn signed_offshore_distance(x: f64, y: f64, coast: &[(f64, f64)]) -> f64 {
    let mut best = f64::INFINITY;
    let mut sign = 1.0;
    for w in coast.windows(2) {
        let (ax, ay, bx, by) = (w[0].0, w[0].1, w[1].0, w[1].1);
        let (dx, dy) = (bx - ax, by - ay);
        let t = (((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)).clamp(0.0, 1.0);
        let (px, py) = (ax + t * dx, ay + t * dy);
        let d = ((x - px).powi(2) + (y - py).powi(2)).sqrt();
        if d < best {
            best = d;
            // The coast runs west → north: the sea lies to the right of the direction of travel.
            sign = if dx * (y - ay) - dy * (x - ax) < 0.0 {
                1.0
            } else {
                -1.0
            };
        }
    }
    sign * best
}

fn rotate(x: f64, y: f64, angle: f64) -> (f64, f64) {
    let (s, c) = angle.sin_cos();
    (c * x + s * y, -s * x + c * y)
}

/// Smooth value noise in [−1, 1] with feature size `scale` (m): bilinear-smoothstep interpolation
/// of hashed lattice values. Pure function of position: no random state.
fn noise(x: f64, y: f64, scale: f64) -> f64 {
    let (gx, gy) = (x / scale, y / scale);
    let (ix, iy) = (gx.floor(), gy.floor());
    let (fx, fy) = (gx - ix, gy - iy);
    let s = |t: f64| t * t * (3.0 - 2.0 * t);
    let (sx, sy) = (s(fx), s(fy));
    let h = |i: f64, j: f64| lattice(i as i64, j as i64);
    let top = h(ix, iy) + (h(ix + 1.0, iy) - h(ix, iy)) * sx;
    let bottom = h(ix, iy + 1.0) + (h(ix + 1.0, iy + 1.0) - h(ix, iy + 1.0)) * sx;
    top + (bottom - top) * sy
}

/// A hash of a lattice point to [−1, 1] (SplitMix64 finaliser, Steele et al. 2014).
fn lattice(i: i64, j: i64) -> f64 {
    let mut z = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ (j as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 52) as f64 - 1.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depths_in_range_and_deterministic() {
        let g = generate();
        let s = g.stats().unwrap();
        assert!(
            s.min >= -(MAX_DEPTH_M + 2.0) && s.min < -35.0,
            "min {}",
            s.min
        );
        assert!(s.max > 0.0 && s.max < 4.0, "max {}", s.max);
        assert_eq!(s.valid_cells, s.total_cells);
        assert_eq!(g, generate());
    }

    #[test]
    fn land_is_north_west_and_sea_deepens_offshore() {
        let g = generate();
        let t = Transformer::new(&Crs::wgs84(), &Crs::epsg(32651)).unwrap();
        let (lx, ly) = t.convert(121.87, 30.92).unwrap(); // Lingang new city
        assert!(g.sample_bilinear(lx, ly).unwrap() > 0.0);
        let (nx, ny) = t.convert(121.95, 30.85).unwrap(); // ≈ 5 km off the cape
        let (fx, fy) = t.convert(122.12, 30.74).unwrap(); // ≈ 25 km off
        let near = g.sample_bilinear(nx, ny).unwrap();
        let far = g.sample_bilinear(fx, fy).unwrap();
        assert!(near < 0.0 && far < near, "near {near}, far {far}");
    }
}

#[cfg(test)]
mod shipped {
    use super::*;
    use std::path::PathBuf;

    fn shipped_path() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("bathymetry")
            .join(FILE_NAME)
    }

    /// The shipped grid is exactly what [`generate`] makes. Regenerate it after changing the
    /// model with `FATHOM_WRITE_DEMO=1 cargo test --lib shipped_grid_matches_the_model`.
    #[test]
    fn shipped_grid_matches_the_model() {
        let generated = generate();
        if std::env::var("FATHOM_WRITE_DEMO").is_ok_and(|v| v == "1") {
            crate::bathymetry::io::write(&generated, &shipped_path()).unwrap();
        }
        let shipped = crate::bathymetry::io::read(&shipped_path(), &Default::default()).unwrap();
        assert_eq!(shipped.width, generated.width);
        assert_eq!(shipped.height, generated.height);
        assert_eq!(shipped.transform, generated.transform);
        assert_eq!(shipped.crs, generated.crs);
        assert!(
            shipped
                .data
                .iter()
                .zip(&generated.data)
                .all(|(a, b)| a.to_bits() == b.to_bits())
        );
    }
}
