//! The demo seabed: a deterministic, **synthetic** bathymetry off Lingang (Shanghai), in UTM 51N,
//! and the synthetic seabeds of the reference scenarios (Lingshui, Hainan; Orkney).
//!
//! No public survey of these areas could be obtained, so the sites are modelled with
//! [`SeabedModel`] (see [`super::synthetic`] for the equations and sources) and labelled synthetic
//! wherever they appear. The Lingang demo, in metres:
//!
//! 1. **Shoreface**: Dean profile with A = 0.055 m^(1/3) (very fine sand and silt of the Yangtze
//!    delta front; Dean 1991 Table 1 gives ≈ 0.06 for 0.1 mm sand), capped 8 m above
//!    [`MAX_DEPTH_M`] so the channels stay inside it; landward of the coast the tidal flats rise
//!    gently to +3 m over 2 km.
//! 2. **Coastline**: the Nanhui/Lingang shore traced from GSHHG 2.3.7 high resolution (Wessel &
//!    Smith 1996; LGPL-3.0, Debian `gmt-gshhg-high`), 11 vertices between 121.81°E and 121.91°E.
//! 3. **Tidal channels**: two meandering ebb/flood channels along the Hangzhou Bay flood
//!    direction (bearing 110°).
//! 4. **Sand waves**: amplitude 1.2 m, wavelength 300 m, between 12 and 35 m water depth.
//! 5. **Noise**: three octaves, 0.3 m at 800 m, 0.15 m at 200 m, 0.08 m at 90 m.
//!
//! The same code always gives the same grids, byte for byte; a test checks that each shipped file
//! in `bathymetry/` equals its model (regenerate with `FATHOM_WRITE_DEMO=1`).

use super::Grid;
use super::synthetic::{Channel, Profile, SandWaves, SeabedModel};

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

/// The Lingang demo model: UTM 51N (EPSG:32651), outer cell edges about 121.86–122.16°E,
/// 30.70–30.93°N, 28.8 km × 25.6 km.
pub fn lingang() -> SeabedModel {
    let channel = |offset_m, width_m, deepening_m, phase| Channel {
        offset_m,
        width_m,
        deepening_m,
        meander_m: 900.0,
        meander_length_m: 5_200.0,
        phase,
    };
    SeabedModel {
        epsg: 32651,
        origin_e: 390_800.0,
        origin_n: 3_422_400.0,
        cell_m: CELL_M,
        width: 720,
        height: 640,
        profile: Profile::Shoreface {
            coast: COAST.to_vec(),
            dean_a: 0.055,
            cap_m: MAX_DEPTH_M - 8.0,
            hinterland_m: 3.0,
            hinterland_width_m: 2000.0,
        },
        current_bearing_deg: 110.0,
        channels: vec![
            channel(-5_000.0, 450.0, 7.0, 0.0),
            channel(-15_000.0, 600.0, 9.0, 1.7),
        ],
        sand_waves: Some(SandWaves {
            amplitude_m: 1.2,
            wavelength_m: 300.0,
            min_depth_m: 12.0,
            max_depth_m: 35.0,
        }),
        noise: vec![(0.3, 800.0), (0.15, 200.0), (0.08, 90.0)],
        max_depth_m: MAX_DEPTH_M + 2.0,
    }
}

/// Generates the demo seabed.
pub fn generate() -> Grid {
    lingang()
        .generate()
        .expect("the demo model has a valid CRS and size (checked by the shipped-grid test)")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geodesy::{Crs, Transformer};

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
