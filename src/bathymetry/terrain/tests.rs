//! Terrain tests: analytic planes, and cell-by-cell agreement with `gdaldem` on real data.

use super::*;
use crate::bathymetry::GeoTransform;
use crate::bathymetry::gdal_check::{self, Gdal};
use crate::geodesy::Crs;

/// A `w` × `h` grid of `f(x, y)` at the cell centres (projected metres, origin 0,0 top-left).
fn plane(w: usize, h: usize, d: f64, f: impl Fn(f64, f64) -> f64) -> Grid {
    let t = GeoTransform {
        origin_x: 0.0,
        origin_y: 0.0,
        dx: d,
        dy: d,
    };
    let mut g = Grid::from_fn(w, h, t, f);
    g.crs = Some(Crs::epsg(32631));
    g
}

#[test]
fn slope_of_planes() {
    // z rises 1 m per 10 m eastwards: 5.7106°; edges are no data.
    let g = plane(6, 5, 10.0, |x, _| 0.1 * x);
    let s = slope(&g);
    assert!(s.get(0, 2).is_nan() && s.get(5, 2).is_nan() && s.get(2, 0).is_nan());
    for r in 1..4 {
        for c in 1..5 {
            assert!((s.get(c, r) as f64 - 0.1f64.atan().to_degrees()).abs() < 1e-4);
        }
    }
    // 45° along a diagonal: |∇z| = 1.
    let g = plane(5, 5, 2.0, |x, y| (x + y) / 2f64.sqrt());
    assert!((slope(&g).get(2, 2) - 45.0).abs() < 1e-4);
}

#[test]
fn filled_edges_fill_the_border_and_holes_but_flattens_them() {
    // z = 0.1·x + 0.05·y → 6.3794° wherever the whole window is present.
    let mut g = plane(10, 10, 10.0, |x, y| 0.1 * x + 0.05 * y);
    g.data[55] = f32::NAN;
    let s = slope_filled_edges(&g);
    let expect = 0.0125f64.sqrt().atan().to_degrees();
    assert!((s.data[22] as f64 - expect).abs() < 1e-4, "{}", s.data[22]);
    assert!(s.data[55].is_nan());
    // Next to the hole and on the border the replaced neighbours flatten the estimate.
    assert!((s.data[54] as f64) < expect && s.data[54] > 0.0);
    assert!((s.data[0] as f64) < expect && s.data[0] > 0.0);
}

#[test]
fn nodata_in_window_gives_nodata() {
    let mut g = plane(5, 5, 10.0, |x, _| x);
    g.data[0] = f32::NAN; // cell (0,0): touches only the window of (1,1)
    let s = slope(&g);
    assert!(s.get(1, 1).is_nan());
    assert!(!s.get(2, 2).is_nan() && !s.get(2, 1).is_nan());
    assert_eq!(hillshade_u8(&g, &Illumination::default())[6], 0);
}

#[test]
fn aspect_faces_downhill() {
    // Rising northwards (y up): the slope faces south, 180°.
    let g = plane(4, 4, 10.0, |_, y| 0.2 * y);
    assert!((aspect(&g).get(1, 1) - 180.0).abs() < 1e-4);
    // Rising eastwards: faces west, 270°.
    let g = plane(4, 4, 10.0, |x, _| 0.2 * x);
    assert!((aspect(&g).get(1, 1) - 270.0).abs() < 1e-4);
    // Rising westwards: faces east, 90°. Flat: no aspect.
    let g = plane(4, 4, 10.0, |x, _| -0.2 * x);
    assert!((aspect(&g).get(2, 2) - 90.0).abs() < 1e-4);
    assert!(aspect(&plane(4, 4, 10.0, |_, _| 3.0)).get(1, 1).is_nan());
}

#[test]
fn hillshade_flat_and_facing_light() {
    // Flat ground under light at 45°: 1 + 254·sin 45° = 180.6 → 181.
    let flat = plane(4, 4, 10.0, |_, _| 0.0);
    assert_eq!(hillshade_u8(&flat, &Illumination::default())[5], 181);
    // A 45° slope facing the light (north-west) is lit fully: 255.
    let g = plane(4, 4, 10.0, |x, y| (x - y) / 2f64.sqrt());
    assert_eq!(hillshade_u8(&g, &Illumination::default())[5], 255);
    // Facing away, steeper than the light: in shadow, 1.
    let g = plane(4, 4, 10.0, |x, y| -2.0 * (x - y));
    assert_eq!(hillshade_u8(&g, &Illumination::default())[5], 1);
}

#[test]
fn single_cell_forms_match_the_whole_grid_forms() {
    // A wavy seabed with a hole: every cell's slope and shade as the planner reads them one at a
    // time equal the gdaldem-checked whole-grid rasters.
    let mut g = plane(12, 9, 25.0, |x, y| {
        -30.0 + 4.0 * (x / 60.0).sin() + 3.0 * (y / 45.0).cos()
    });
    g.data[40] = f32::NAN;
    let light = Illumination {
        z_factor: 4.0,
        ..Illumination::default()
    };
    let filled = slope_filled_edges(&g);
    let bytes = hillshade_u8(&g, &light);
    for r in 0..g.height {
        for c in 0..g.width {
            let i = r * g.width + c;
            let s = slope_filled_at(&g.data, g.width, g.height, c, r, 25.0, 25.0);
            assert_eq!(
                s.map(f32::to_bits),
                (!filled.data[i].is_nan()).then(|| filled.data[i].to_bits())
            );
            let sh = shade_filled_at(&g.data, g.width, g.height, c, r, 25.0, 25.0, &light);
            assert_eq!(sh.is_none(), g.data[i].is_nan());
            if bytes[i] != 0 {
                let v = 1.0 + 254.0 * sh.unwrap();
                assert!(
                    (v - bytes[i] as f32).abs() <= 0.5 + 1e-3,
                    "{c},{r}: {v} vs {}",
                    bytes[i]
                );
            }
        }
    }
    assert_eq!(
        slope_filled_at(&g.data, g.width, g.height, 12, 0, 25.0, 25.0),
        None
    );
}

#[test]
fn shade_flat_and_towards_the_sun() {
    // Flat ground: sin 45° (Lambert, light at 45°). A slope facing the north-west sun is
    // brighter than one facing away.
    let flat = [-10.0_f32; 9];
    let s = shade_filled_at(&flat, 3, 3, 1, 1, 30.0, 30.0, &Illumination::default()).unwrap();
    assert!((s - std::f32::consts::FRAC_PI_4.sin()).abs() < 1e-6);
    let nw: Vec<f32> = (0..25).map(|i| ((i % 5) + (i / 5)) as f32).collect();
    let se: Vec<f32> = nw.iter().map(|z| -z).collect();
    let a = shade_filled_at(&nw, 5, 5, 2, 2, 1.0, 1.0, &Illumination::default()).unwrap();
    let b = shade_filled_at(&se, 5, 5, 2, 2, 1.0, 1.0, &Illumination::default()).unwrap();
    assert!(a > 0.9 && b < 0.5, "{a} {b}");
}

#[test]
fn tri_and_roughness_by_hand() {
    let mut g = plane(3, 3, 1.0, |_, _| 0.0);
    g.data[4] = 8.0;
    g.data[0] = 4.0;
    // Wilson: (4 + 7·8)/8 = 7.5; Riley: √(4² + 7·8²) = √464; roughness: 8.
    assert_eq!(tri(&g, TriAlgorithm::Wilson).get(1, 1), 7.5);
    assert!((tri(&g, TriAlgorithm::Riley).get(1, 1) - 464f32.sqrt()).abs() < 1e-5);
    assert_eq!(roughness(&g).get(1, 1), 8.0);
}

#[test]
fn geographic_plane_has_true_slope() {
    // A lon/lat grid near 30°N whose depth falls 1 m per 100 m northwards and 2 m per 100 m
    // eastwards (metric): slope atan √(0.01² + 0.02²) = 1.2811°.
    let t = GeoTransform {
        origin_x: -79.9,
        origin_y: 30.0,
        dx: 1.0 / 1200.0,
        dy: 1.0 / 1200.0,
    };
    let mut g = Grid::filled(5, 5, t, 0.0);
    g.crs = Some(Crs::epsg(4326));
    let (lon0, lat0) = t.cell_center(0, 0);
    for r in 0..5 {
        for c in 0..5 {
            let (lon, lat) = t.cell_center(c, r);
            let (n, m) = radii_of_curvature(lat.to_radians());
            let east = n * lat.to_radians().cos() * (lon - lon0).to_radians();
            let north = m * (lat - lat0).to_radians();
            g.data[r * 5 + c] = (0.02 * east + 0.01 * north) as f32;
        }
    }
    let s = slope(&g).get(2, 2) as f64;
    assert!(
        (s - 0.0005f64.sqrt().atan().to_degrees()).abs() < 2e-3,
        "{s}"
    );
}

/// Runs a gdaldem mode on `asc` (GDAL reads it itself) and returns its output as raw values.
fn gdaldem(gdal: &Gdal, args: &[&str], asc: &std::path::Path) -> Vec<f64> {
    gdal.dem(args, asc).expect("gdaldem runs")
}

#[test]
fn agrees_with_gdaldem_on_wadden_crop() {
    let Some(asc) =
        crate::testdata::shared_data("bathymetry/wadden_ameland_inlet_30m_crop200_utm31n.asc")
    else {
        return;
    };
    let Some(gdal) = Gdal::find() else { return };
    let mut grid = gdal_check::read_with_gdal(&gdal, &asc).expect("GDAL reads the crop");
    grid.crs = Some(Crs::epsg(32631));

    let ours = slope(&grid);
    let theirs = gdaldem(&gdal, &["slope"], &asc);
    let n = gdal_check::compare(&ours.data, &theirs, Some(-9999.0), 1e-3, "slope");
    assert!(n > 30_000, "only {n} valid slope cells compared");
    // Next to no-data both replace missing neighbours by the centre; on the border gdaldem
    // extrapolates instead, so the border is left out of the comparison.
    let mut theirs = gdaldem(&gdal, &["slope", "-compute_edges"], &asc);
    let mut filled = slope_filled_edges(&grid).data;
    let (w, h) = (grid.width, grid.height);
    for (i, (a, b)) in filled.iter_mut().zip(theirs.iter_mut()).enumerate() {
        let (c, r) = (i % w, i / w);
        if c == 0 || r == 0 || c + 1 == w || r + 1 == h {
            (*a, *b) = (f32::NAN, f64::NAN);
        }
    }
    let m = gdal_check::compare(&filled, &theirs, Some(-9999.0), 1e-3, "filled slope");
    assert!(
        m >= n,
        "filled edges compared {m} cells, fewer than without ({n})"
    );

    let ours: Vec<f32> = hillshade_u8(&grid, &Illumination::default())
        .iter()
        .map(|&b| if b == 0 { f32::NAN } else { b as f32 })
        .collect();
    let theirs = gdaldem(&gdal, &["hillshade"], &asc);
    gdal_check::compare(&ours, &theirs, Some(0.0), 1.0, "hillshade");

    let light = Illumination {
        azimuth_deg: 120.0,
        altitude_deg: 30.0,
        z_factor: 3.0,
    };
    let ours: Vec<f32> = hillshade_u8(&grid, &light)
        .iter()
        .map(|&b| if b == 0 { f32::NAN } else { b as f32 })
        .collect();
    let theirs = gdaldem(
        &gdal,
        &["hillshade", "-az", "120", "-alt", "30", "-z", "3"],
        &asc,
    );
    gdal_check::compare(&ours, &theirs, Some(0.0), 1.0, "hillshade az 120");

    let theirs = gdaldem(&gdal, &["aspect"], &asc);
    gdal_check::compare_circular(&aspect(&grid).data, &theirs, -9999.0, 1e-3, "aspect");
    for (alg, name) in [
        (TriAlgorithm::Wilson, "Wilson"),
        (TriAlgorithm::Riley, "Riley"),
    ] {
        let theirs = gdaldem(&gdal, &["TRI", "-alg", name], &asc);
        gdal_check::compare(&tri(&grid, alg).data, &theirs, Some(-9999.0), 1e-4, name);
    }
    let theirs = gdaldem(&gdal, &["roughness"], &asc);
    gdal_check::compare(
        &roughness(&grid).data,
        &theirs,
        Some(-9999.0),
        1e-4,
        "roughness",
    );
}

#[test]
fn geographic_florida_slopes_are_sensible() {
    let Some(asc) = crate::testdata::shared_data("bathymetry/usml_small_crm_florida_3arcsec.asc")
    else {
        return;
    };
    let Some(gdal) = Gdal::find() else { return };
    let mut grid = gdal_check::read_with_gdal(&gdal, &asc).expect("GDAL reads Florida");
    grid.crs = Some(Crs::epsg(4326));
    let ours = slope(&grid);
    let valid: Vec<f64> = ours
        .data
        .iter()
        .filter(|v| !v.is_nan())
        .map(|&v| v as f64)
        .collect();
    assert!(valid.len() > 50_000);
    let mean = valid.iter().sum::<f64>() / valid.len() as f64;
    let max = valid.iter().cloned().fold(0.0, f64::max);
    // The Blake Plateau: gentle, nowhere near the ~90° of degrees-as-metres.
    assert!(
        mean > 0.05 && mean < 5.0 && max < 30.0,
        "mean {mean}, max {max}"
    );
    // gdaldem -s 111120 takes 111120 m per degree on both axes: north–south that is within 0.3 %
    // of the meridian arc, but east–west it ignores cos φ (92.6 m instead of 80.7 m per 3″ at
    // 29.5°N), so its east–west gradients are 13 % too small and its mean slope a little lower.
    let theirs = gdaldem(&gdal, &["slope", "-s", "111120"], &asc);
    let g: Vec<f64> = theirs.iter().copied().filter(|&v| v != -9999.0).collect();
    let gmean = g.iter().sum::<f64>() / g.len() as f64;
    assert!(
        gmean / mean > 0.8 && gmean / mean < 1.01,
        "ours {mean}, gdaldem {gmean}"
    );
}
