//! `missions/siting-violations.toml`: its exact findings, on the generated grid it names.

use crate::bathymetry::{GeoTransform, Grid};
use crate::geodesy::Crs;
use crate::mission::fixtures::context;
use std::path::PathBuf;

/// The test seabed of `bathymetry/siting-violations.asc`: 100 × 100 cells of 5 m, north-west
/// corner (640000, 5920000) in UTM 31N; 20 m deep + 1 cm per column eastwards; no data in rows
/// and columns 40–45; a 1.5 m step down in rows 70–79, columns 10–30; a mound 12 m deep in rows
/// and columns 5–15.
fn violations_grid() -> Grid {
    let t = GeoTransform {
        origin_x: 640_000.0,
        origin_y: 5_920_000.0,
        dx: 5.0,
        dy: 5.0,
    };
    let mut g = Grid::filled(100, 100, t, 0.0);
    for r in 0..100 {
        for c in 0..100 {
            let mut z = -20.0 - 0.01 * c as f32;
            if (70..80).contains(&r) && (10..=30).contains(&c) {
                z -= 1.5;
            }
            if (5..=15).contains(&r) && (5..=15).contains(&c) {
                z = -12.0;
            }
            if (40..=45).contains(&r) && (40..=45).contains(&c) {
                z = f32::NAN;
            }
            g.data[r * 100 + c] = z;
        }
    }
    g.crs = Some(Crs::epsg(32631));
    g
}

/// The grid as ESRI ASCII text (NODATA −9999, 2 decimals).
fn as_esri_ascii(g: &Grid) -> String {
    let (_, y0, _, _) = g.extent();
    let mut s = format!(
        "ncols {}\nnrows {}\nxllcorner {}\nyllcorner {}\ncellsize {}\nNODATA_value -9999\n",
        g.width, g.height, g.transform.origin_x, y0, g.transform.dx
    );
    for row in g.data.chunks(g.width) {
        let vals: Vec<String> = row
            .iter()
            .map(|v| {
                if v.is_nan() {
                    "-9999".into()
                } else {
                    format!("{v:.2}")
                }
            })
            .collect();
        s.push_str(&vals.join(" "));
        s.push('\n');
    }
    s
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shipped grid file is exactly what the generator gives (regenerate with
/// `FATHOM_REGENERATE=1 cargo test --lib violations`).
#[test]
fn shipped_grid_matches_its_generator() {
    let path = root().join("bathymetry/siting-violations.asc");
    let text = as_esri_ascii(&violations_grid());
    if std::env::var("FATHOM_REGENERATE").is_ok_and(|v| v == "1") {
        crate::fsutil::write_atomic(&path, text.as_bytes()).unwrap();
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn violations_mission_gives_exactly_its_findings() {
    let path = root().join("missions/siting-violations.toml");
    let m = crate::mission::load(&path).unwrap();
    let ctx = context(m, violations_grid());
    super::tests::assert_codes(
        &ctx,
        &[
            ("cabin corridor", "SITE-EXCLUSION"),
            ("cabin edge", "SITE-OUTSIDE-GRID"),
            ("cabin far", "SITE-CABLE"),
            ("cabin hole", "SITE-NODATA"),
            ("cabin pair-a", "SITE-SPACING"),
            ("cabin reserve", "SITE-EXCLUSION"),
            ("cabin shallow", "SITE-DEPTH"),
            ("cabin shallow", "SITE-TOP-CLEARANCE"),
            ("cabin step", "SITE-RELIEF"),
            ("cabin step", "SITE-SLOPE"),
        ],
    );
    let f = super::check(&ctx);
    let msg = |o: &str| {
        f.iter()
            .find(|x| x.object.as_ref().map(ToString::to_string).as_deref() == Some(o))
            .unwrap()
            .message
            .clone()
    };
    assert!(msg("cabin far").contains("to the nearest landing point `substation`; limit 600 m"));
    assert!(msg("cabin corridor").contains("`export-cable`"));
    assert!(msg("cabin edge").contains("lie outside the bathymetry grid"));
}
