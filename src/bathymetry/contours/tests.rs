//! Contour tests: analytic surfaces, no-data breaks, and total length against `gdal_contour`.

use super::*;
use crate::bathymetry::GeoTransform;
use crate::bathymetry::gdal_check::{self, Gdal};
use crate::geodesy::Crs;
use std::collections::BTreeMap;

fn grid(w: usize, h: usize, f: impl Fn(f64, f64) -> f64) -> Grid {
    let t = GeoTransform {
        origin_x: 1000.0,
        origin_y: 5000.0,
        dx: 10.0,
        dy: 10.0,
    };
    let mut g = Grid::from_fn(w, h, t, f);
    g.crs = Some(Crs::epsg(32631));
    g
}

#[test]
fn ramp_gives_straight_lines_across_the_grid() {
    // z = (x − 1000)/10: one metre per cell eastwards (0.5 … 7.5 at the centres); the 3 m
    // contour is x = 1030, running from the grid's north edge (y = 5000) to its south edge
    // (y = 4900).
    let g = grid(8, 10, |x, _| (x - 1000.0) / 10.0);
    let lines = contour_lines(
        &g,
        &Levels {
            interval: 3.0,
            base: 0.0,
        },
    )
    .unwrap();
    let at = |e: f64| {
        lines
            .iter()
            .filter(|l| l.elevation_m == e)
            .collect::<Vec<_>>()
    };
    let l3 = at(3.0);
    assert_eq!(l3.len(), 1);
    // 3 m is also the midpoint value of the edge, nudged by 10⁻⁶ m as GDAL does: 10⁻⁵ m off.
    assert!(
        l3[0].points.iter().all(|p| (p.0 - 1030.0).abs() < 1e-4),
        "{:?}",
        l3[0].points
    );
    assert!((l3[0].length() - 100.0).abs() < 1e-6, "{}", l3[0].length());
    assert_eq!(at(6.0).len(), 1);
    assert!(at(0.0).is_empty() && at(9.0).is_empty()); // outside the data range
}

#[test]
fn closed_ring_around_a_hill() {
    let g = grid(21, 21, |x, y| {
        10.0 - ((x - 1105.0).powi(2) + (y - 4895.0).powi(2)).sqrt() / 10.0
    });
    let lines = contour_lines(
        &g,
        &Levels {
            interval: 5.0,
            base: 0.0,
        },
    )
    .unwrap();
    let ring = lines.iter().find(|l| l.elevation_m == 5.0).unwrap();
    assert_eq!(ring.points.first(), ring.points.last(), "closed");
    // A circle of radius 50 m: 2π·50 = 314.2 m (linear interpolation cuts corners slightly).
    assert!((ring.length() - 314.16).abs() < 3.0, "{}", ring.length());
}

#[test]
fn nodata_breaks_lines() {
    let mut g = grid(8, 10, |x, _| (x - 1000.0) / 10.0);
    for c in 0..8 {
        g.data[5 * 8 + c] = f32::NAN; // a no-data row across the line
    }
    let lines = contour_lines(
        &g,
        &Levels {
            interval: 3.0,
            base: 0.0,
        },
    )
    .unwrap();
    let l3: Vec<_> = lines.iter().filter(|l| l.elevation_m == 3.0).collect();
    assert_eq!(l3.len(), 2, "the line is cut in two");
    assert!(
        l3.iter()
            .all(|l| l.points.iter().all(|p| p.0.is_finite() && p.1.is_finite()))
    );
    // Each piece runs to the outer edge of the last valid row: rows 0–4 (50 m), rows 6–9 (40 m).
    let mut lens: Vec<f64> = l3.iter().map(|l| l.length()).collect();
    lens.sort_by(f64::total_cmp);
    assert!(
        (lens[0] - 40.0).abs() < 1e-6 && (lens[1] - 50.0).abs() < 1e-6,
        "{lens:?}"
    );
}

#[test]
fn bad_interval_is_refused() {
    let g = grid(3, 3, |x, _| x);
    assert!(
        contour_lines(
            &g,
            &Levels {
                interval: 0.0,
                base: 0.0
            }
        )
        .is_err()
    );
    assert!(
        contour_lines(
            &g,
            &Levels {
                interval: 1e-9,
                base: 0.0
            }
        )
        .is_err()
    );
}

#[test]
fn geojson_has_elevation_and_depth() {
    let g = grid(8, 10, |x, _| -(x - 1000.0) / 10.0);
    let fc = contours_geojson(
        &g,
        &Levels {
            interval: 2.0,
            base: 0.0,
        },
    )
    .unwrap();
    let f = &fc["features"][0];
    assert_eq!(f["geometry"]["type"], "LineString");
    assert_eq!(
        f["properties"]["elevation"].as_f64().unwrap(),
        -f["properties"]["depth_m"].as_f64().unwrap()
    );
    assert_eq!(
        fc["crs"]["properties"]["name"],
        "urn:ogc:def:crs:EPSG::32631"
    );
}

/// Total line length per level of a GeoJSON FeatureCollection with an elevation property.
fn lengths(fc: &serde_json::Value, prop: &str) -> BTreeMap<i64, f64> {
    let mut out = BTreeMap::new();
    for f in fc["features"].as_array().unwrap() {
        let e = f["properties"][prop].as_f64().unwrap();
        let coords = f["geometry"]["coordinates"].as_array().unwrap();
        let pts: Vec<(f64, f64)> = coords
            .iter()
            .map(|c| (c[0].as_f64().unwrap(), c[1].as_f64().unwrap()))
            .collect();
        let len: f64 = pts
            .windows(2)
            .map(|w| (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1))
            .sum();
        *out.entry((e * 1000.0).round() as i64).or_insert(0.0) += len;
    }
    out
}

#[test]
fn agrees_with_gdal_contour_on_wadden_crop() {
    let Some(asc) =
        crate::testdata::shared_data("bathymetry/wadden_ameland_inlet_30m_crop200_utm31n.asc")
    else {
        return;
    };
    let Some(gdal) = Gdal::find() else { return };
    let mut grid = gdal_check::read_with_gdal(&gdal, &asc).expect("GDAL reads the crop");
    grid.crs = Some(Crs::epsg(32631));
    let out = gdal.path("contours.geojson");
    let status = std::process::Command::new("gdal_contour")
        .args([
            "-q", "-a", "elev", "-i", "5", "-off", "2.5", "-f", "GeoJSON",
        ])
        .arg(&asc)
        .arg(&out)
        .status()
        .expect("gdal_contour runs");
    assert!(status.success());
    let theirs: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let ours = contours_geojson(
        &grid,
        &Levels {
            interval: 5.0,
            base: 2.5,
        },
    )
    .unwrap();
    let (a, b) = (lengths(&ours, "elevation"), lengths(&theirs, "elev"));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (k, la) in &a {
        let lb = b[k];
        eprintln!(
            "level {:>7.1} m: fathom {la:>9.1} m, gdal_contour {lb:>9.1} m",
            *k as f64 / 1000.0
        );
        assert!((la - lb).abs() <= 0.01 * lb, "level {k}: {la} vs {lb}");
    }
}
