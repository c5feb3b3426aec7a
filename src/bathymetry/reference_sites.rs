//! **Synthetic** seabeds of the reference scenarios (`missions/hainan-lingshui.toml`,
//! `missions/natick-orkney.toml`). No public survey of either site could be obtained, so each is
//! a [`SeabedModel`] plane shelf through the published cabin depth, with noise for the bed's
//! small-scale relief; shipped as small DEFLATE GeoTIFFs in `bathymetry/` and labelled synthetic
//! in file and mission names. Positions, slopes and noise are estimates \[E\]
//! (domain-reference §1 tags); only the depths are published.

use super::synthetic::{Profile, SeabedModel};
use super::{BathyError, Grid};

/// File name of the Lingshui grid, in `bathymetry/`.
pub const HAINAN_FILE: &str = "hainan_lingshui_synthetic_30m_utm49n.tif";
/// File name of the Orkney grid, in `bathymetry/`.
pub const ORKNEY_FILE: &str = "orkney_billia_croo_synthetic_20m_utm30n.tif";

/// Qingshui Bay, Lingshui, Hainan (site: merotribune.com 2024-01-20 \[P\]; the position in the bay
/// is not published, 18.33°N 109.93°E is an estimate \[E\]), UTM 49N, 6 km × 6 km at 30 m.
/// Cabins stand at 35 m (szdaily.com 2025-10-10 \[P\]); the inner shelf of south-east Hainan deepens
/// towards the SSE, modelled as 4 m/km towards 160° \[E\]; sandy bed with 0.3 m relief \[E\].
pub fn hainan_lingshui() -> Result<SeabedModel, BathyError> {
    let mut m = SeabedModel::centred(
        109.93,
        18.33,
        None,
        30.0,
        (200, 200),
        Profile::Plane {
            depth_m: 35.0,
            gradient: 0.004,
            downslope_bearing_deg: 160.0,
        },
    )?;
    m.current_bearing_deg = 60.0; // shelf current along the coast, NE–SW [E]
    m.noise = vec![(0.3, 600.0), (0.15, 150.0), (0.05, 60.0)];
    m.max_depth_m = 80.0;
    Ok(m)
}

/// EMEC's grid-connected Billia Croo test site off Stromness, Orkney, where Natick's Northern
/// Isles data centre lay "around half a mile offshore" at 117 ft ≈ 36 m (networkingplus.co.uk
/// 2020-10-06; datacenterfrontier \[P\]); its exact position is not published, 58.965°N 3.372°W is
/// an estimate \[E\]. UTM 30N, 3 km × 3 km at 20 m. Billia Croo's berths reach 70 m about 2 km out
/// (EMEC, imeche.org \[P\]), so the shelf deepens westwards at 20 m/km \[E\]; a rock-and-sand bed with
/// ≈ 1 m relief \[E\]. The plane ignores the coastline: the grid's eastern edge (≈ 3.346°W, 5 m)
/// lies where the real shore is, so only its western two thirds resemble the site.
pub fn orkney_billia_croo() -> Result<SeabedModel, BathyError> {
    let mut m = SeabedModel::centred(
        -3.372,
        58.965,
        None,
        20.0,
        (150, 150),
        Profile::Plane {
            depth_m: 36.0,
            gradient: 0.02,
            downslope_bearing_deg: 270.0,
        },
    )?;
    m.current_bearing_deg = 135.0; // flood/ebb towards Hoy Sound [E]
    m.noise = vec![(0.6, 300.0), (0.25, 80.0), (0.1, 40.0)];
    m.max_depth_m = 100.0;
    Ok(m)
}

/// The shipped reference grids: file name and model.
pub fn shipped() -> Result<Vec<(&'static str, Grid)>, BathyError> {
    Ok(vec![
        (HAINAN_FILE, hainan_lingshui()?.generate()?),
        (ORKNEY_FILE, orkney_billia_croo()?.generate()?),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geodesy::{Crs, Transformer};
    use std::path::PathBuf;

    fn depth_at(g: &Grid, epsg: u32, lon: f64, lat: f64) -> f64 {
        let t = Transformer::new(&Crs::wgs84(), &Crs::epsg(epsg)).unwrap();
        let (x, y) = t.convert(lon, lat).unwrap();
        -g.sample_bilinear(x, y).unwrap() as f64
    }

    #[test]
    fn sites_have_the_published_depths() {
        let h = hainan_lingshui().unwrap();
        assert_eq!(h.epsg, 32649);
        let d = depth_at(&h.generate().unwrap(), 32649, 109.93, 18.33);
        assert!((d - 35.0).abs() < 1.0, "Lingshui {d}");
        let o = orkney_billia_croo().unwrap();
        assert_eq!(o.epsg, 32630);
        let d = depth_at(&o.generate().unwrap(), 32630, -3.372, 58.965);
        assert!((d - 36.0).abs() < 1.5, "Orkney {d}");
    }

    /// The shipped grids are exactly what the models make, and small. Regenerate them after
    /// changing a model with `FATHOM_WRITE_DEMO=1 cargo test --lib shipped_reference_grids`.
    #[test]
    fn shipped_reference_grids_match_the_models() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("bathymetry");
        for (name, generated) in shipped().unwrap() {
            let path = dir.join(name);
            if std::env::var("FATHOM_WRITE_DEMO").is_ok_and(|v| v == "1") {
                crate::bathymetry::io::write(&generated, &path).unwrap();
            }
            let bytes = std::fs::metadata(&path).unwrap().len();
            assert!(bytes < 300_000, "{name}: {bytes} bytes");
            let shipped = crate::bathymetry::io::read(&path, &Default::default()).unwrap();
            assert_eq!(shipped.transform, generated.transform, "{name}");
            assert_eq!(shipped.crs, generated.crs, "{name}");
            assert_eq!(shipped.width, generated.width, "{name}");
            assert!(
                shipped
                    .data
                    .iter()
                    .zip(&generated.data)
                    .all(|(a, b)| a.to_bits() == b.to_bits()),
                "{name}"
            );
        }
    }
}
