//! Depth profiles: elevations sampled at regular spacing along a polyline.

use super::terrain::RowCellSizes;
use super::{BathyError, Grid};
use crate::geodesy::{Crs, Transformer, geodesic_destination, geodesic_inverse};

/// The most points one profile may hold; more is refused before allocating.
pub const MAX_PROFILE_POINTS: usize = 10_000_000;

/// In which CRS the polyline's vertices are given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineCrs {
    /// WGS 84 longitude, latitude (degrees), as mission files hold positions.
    LonLat,
    /// The grid's own CRS.
    Grid,
}

/// One sample of a profile.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ProfilePoint {
    /// Distance from the first vertex along the line (m).
    pub distance_m: f64,
    /// Easting in the grid's CRS.
    pub x: f64,
    /// Northing in the grid's CRS.
    pub y: f64,
    /// Longitude (degrees, WGS 84).
    pub lon: f64,
    /// Latitude (degrees, WGS 84).
    pub lat: f64,
    /// Bilinear elevation (m, positive up); `None` outside the grid or next to no data.
    pub elevation_m: Option<f32>,
}

/// Default spacing: half the smaller metric cell size (at the grid's middle row on geographic
/// grids), so that every cell the line crosses is sampled at least once.
pub fn default_step_m(grid: &Grid) -> f64 {
    let s = RowCellSizes::of(grid);
    let mid = grid.height / 2;
    0.5 * s.dx_m[mid].min(s.dy_m[mid])
}

/// Length of a polyline in a projected CRS (m): the sum of its straight segments. The one
/// along-line length of routes, cables and contours in the working CRS.
pub fn polyline_length(line: &[(f64, f64)]) -> f64 {
    line.windows(2)
        .map(|w| (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1))
        .sum()
}

/// Pieces a segment of `len` is split into so that none is longer than `step`: ⌈len / step⌉,
/// at least 1 (also for a non-positive or non-finite step, which splits nothing).
fn pieces(len: f64, step: f64) -> usize {
    if step > 0.0 && (len / step).is_finite() {
        ((len / step).ceil() as usize).max(1)
    } else {
        1
    }
}

/// Points along a polyline in a projected CRS at most `step` apart, each with its distance along
/// the line: every segment split into ⌈length / step⌉ equal pieces, each vertex given once, the
/// last included. The one densification of straight working-CRS lines (route scans, cable
/// separation and corridor marking); [`profile`] splits its segments the same way. An iterator,
/// so a long line with a fine step allocates nothing.
pub fn densify(line: &[(f64, f64)], step: f64) -> impl Iterator<Item = (f64, (f64, f64))> + '_ {
    let segments = line.len().saturating_sub(1);
    let mut along = 0.0;
    let single = (line.len() == 1).then(|| (0.0, line[0]));
    single
        .into_iter()
        .chain(line.windows(2).enumerate().flat_map(move |(i, w)| {
            let (a, b) = (w[0], w[1]);
            let len = (b.0 - a.0).hypot(b.1 - a.1);
            let n = pieces(len, step);
            let d0 = along;
            along += len;
            let last = usize::from(i + 1 == segments);
            (0..n + last).map(move |k| {
                let t = k as f64 / n as f64;
                (d0 + t * len, (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1)))
            })
        }))
}

/// Samples `grid` every `step_m` metres along each segment of `line`, plus every vertex.
///
/// On projected grids the segments are straight in the grid's CRS and distances are measured
/// there (grid metres); on geographic grids the segments are geodesics on WGS 84 (Karney 2013,
/// via `geo`) and distances are geodesic. Elevations are [`Grid::sample_bilinear`].
pub fn profile(
    grid: &Grid,
    line: &[(f64, f64)],
    crs: LineCrs,
    step_m: Option<f64>,
) -> Result<Vec<ProfilePoint>, BathyError> {
    if line.len() < 2 {
        return Err(BathyError::Invalid(format!(
            "profile line has {} vertex(es): expected at least 2",
            line.len()
        )));
    }
    let step = step_m.unwrap_or_else(|| default_step_m(grid));
    if !(step > 0.0 && step.is_finite()) {
        return Err(BathyError::Invalid(format!(
            "profile step {step} m: expected a positive number of metres"
        )));
    }
    let grid_crs = grid.crs.clone().ok_or_else(|| {
        BathyError::Invalid("the grid has no CRS; give one with --crs EPSG:N".into())
    })?;
    let wgs84 = Crs::wgs84();
    let crs_err = |source| BathyError::Crs {
        path: "profile line".into(),
        source,
    };
    let to_grid = Transformer::new(&wgs84, &grid_crs).map_err(crs_err)?;
    let to_lonlat = Transformer::new(&grid_crs, &wgs84).map_err(crs_err)?;
    let geographic = grid_crs.is_geographic();

    // Vertices in the space the segments are straight in: lon/lat for geographic grids (then
    // geodesics), grid CRS otherwise.
    let mut verts = Vec::with_capacity(line.len());
    for &(a, b) in line {
        if !(a.is_finite() && b.is_finite()) {
            return Err(BathyError::Invalid(format!(
                "profile vertex ({a}, {b}) is not a pair of numbers"
            )));
        }
        verts.push(match (crs, geographic) {
            (LineCrs::LonLat, false) => to_grid.convert(a, b).map_err(crs_err)?,
            (LineCrs::Grid, true) => to_lonlat.convert(a, b).map_err(crs_err)?,
            _ => (a, b),
        });
    }
    let seg_len = |p: (f64, f64), q: (f64, f64)| {
        if geographic {
            geodesic_inverse(p.0, p.1, q.0, q.1).distance_m
        } else {
            (q.0 - p.0).hypot(q.1 - p.1)
        }
    };
    let total: f64 = verts.windows(2).map(|w| seg_len(w[0], w[1])).sum();
    let n_est = total / step + verts.len() as f64;
    if n_est > MAX_PROFILE_POINTS as f64 {
        return Err(BathyError::Invalid(format!(
            "profile of {total:.0} m every {step} m needs {n_est:.0} points: expected at most {MAX_PROFILE_POINTS}"
        )));
    }

    let mut out = Vec::with_capacity(n_est as usize + 1);
    let mut dist0 = 0.0;
    for (i, w) in verts.windows(2).enumerate() {
        let (p, q) = (w[0], w[1]);
        let len = seg_len(p, q);
        let n = pieces(len, step);
        let bearing = geographic.then(|| geodesic_inverse(p.0, p.1, q.0, q.1).bearing_deg);
        let last = i + 2 == verts.len();
        for k in 0..n + usize::from(last) {
            let d = len * k as f64 / n as f64;
            let pos = match bearing {
                Some(b) if k > 0 => geodesic_destination(p.0, p.1, b, d),
                Some(_) => p,
                None => (
                    p.0 + (q.0 - p.0) * d / len.max(f64::MIN_POSITIVE),
                    p.1 + (q.1 - p.1) * d / len.max(f64::MIN_POSITIVE),
                ),
            };
            let ((x, y), (lon, lat)) = if geographic {
                (pos, pos)
            } else {
                (pos, to_lonlat.convert(pos.0, pos.1).map_err(crs_err)?)
            };
            out.push(ProfilePoint {
                distance_m: dist0 + d,
                x,
                y,
                lon,
                lat,
                elevation_m: grid.sample_bilinear(x, y),
            });
        }
        dist0 += len;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bathymetry::GeoTransform;

    fn utm_ramp() -> Grid {
        // 100 × 100 cells of 10 m in UTM 31N; elevation = −x_local / 100 (m).
        let t = GeoTransform {
            origin_x: 640_000.0,
            origin_y: 5_910_000.0,
            dx: 10.0,
            dy: 10.0,
        };
        let mut g = Grid::filled(100, 100, t, 0.0);
        g.crs = Some(Crs::epsg(32631));
        for r in 0..100 {
            for c in 0..100 {
                let (x, _) = t.cell_center(c, r);
                g.data[r * 100 + c] = (-(x - 640_000.0) / 100.0) as f32;
            }
        }
        g
    }

    #[test]
    fn projected_profile_in_grid_crs() {
        let g = utm_ramp();
        let line = [
            (640_100.0, 5_909_500.0),
            (640_500.0, 5_909_500.0),
            (640_500.0, 5_909_200.0),
        ];
        let p = profile(&g, &line, LineCrs::Grid, Some(50.0)).unwrap();
        // 400 m / 50 = 8 steps, 300 m / 50 = 6 steps, plus the last vertex.
        assert_eq!(p.len(), 8 + 6 + 1);
        assert_eq!(p[0].distance_m, 0.0);
        assert!((p.last().unwrap().distance_m - 700.0).abs() < 1e-9);
        for s in &p {
            let e = s.elevation_m.unwrap() as f64;
            assert!((e + (s.x - 640_000.0) / 100.0).abs() < 1e-4, "{s:?}");
        }
        // UTM 31N (640100, 5909500) is in the Dutch Wadden Sea, ≈ 5.1°E 53.3°N.
        assert!(
            (p[0].lon - 5.1).abs() < 0.1 && (p[0].lat - 53.3).abs() < 0.1,
            "{:?}",
            p[0]
        );
    }

    #[test]
    fn lonlat_line_and_default_step() {
        let g = utm_ramp();
        let to_ll = Transformer::new(&Crs::epsg(32631), &Crs::wgs84()).unwrap();
        let a = to_ll.convert(640_105.0, 5_909_505.0).unwrap();
        let b = to_ll.convert(640_905.0, 5_909_505.0).unwrap();
        let p = profile(&g, &[a, b], LineCrs::LonLat, None).unwrap();
        // Default step: 5 m over ≈ 800 m.
        assert!((p.len() as i64 - 161).abs() <= 1, "{}", p.len());
        assert!((p[0].x - 640_105.0).abs() < 1e-6);
        assert!((p.last().unwrap().distance_m - 800.0).abs() < 1e-3);
    }

    #[test]
    fn outside_grid_has_no_elevation_and_bad_input_is_refused() {
        let g = utm_ramp();
        let p = profile(
            &g,
            &[(639_000.0, 5_909_500.0), (640_500.0, 5_909_500.0)],
            LineCrs::Grid,
            Some(100.0),
        )
        .unwrap();
        assert_eq!(p[0].elevation_m, None);
        assert!(p.last().unwrap().elevation_m.is_some());
        assert!(profile(&g, &[(0.0, 0.0)], LineCrs::Grid, None).is_err());
        assert!(
            profile(
                &g,
                &[(640_000.0, 5_909_500.0), (641_000.0, 5_909_500.0)],
                LineCrs::Grid,
                Some(0.0)
            )
            .is_err()
        );
        assert!(
            profile(
                &g,
                &[(640_000.0, 5_909_500.0), (9e9, 5_909_500.0)],
                LineCrs::Grid,
                Some(1e-3)
            )
            .is_err()
        );
    }

    #[test]
    fn densify_splits_each_segment_evenly_and_keeps_every_vertex_once() {
        // 0→10 in x (10 m, step 4: 3 pieces of 3.33 m), then 10→10+3i in y (3 m: 1 piece).
        let line = [(0.0, 0.0), (10.0, 0.0), (10.0, 3.0)];
        let d: Vec<_> = densify(&line, 4.0).collect();
        let want = [
            (0.0, (0.0, 0.0)),
            (10.0 / 3.0, (10.0 / 3.0, 0.0)),
            (20.0 / 3.0, (20.0 / 3.0, 0.0)),
            (10.0, (10.0, 0.0)),
            (13.0, (10.0, 3.0)),
        ];
        assert_eq!(d.len(), want.len(), "{d:?}");
        for (g, w) in d.iter().zip(want) {
            assert!((g.0 - w.0).abs() < 1e-12 && (g.1.0 - w.1.0).abs() < 1e-12 && g.1.1 == w.1.1);
        }
        assert_eq!(polyline_length(&line), 13.0);
        // One point, no points, and a step that splits nothing.
        assert_eq!(
            densify(&[(1.0, 2.0)], 1.0).collect::<Vec<_>>(),
            [(0.0, (1.0, 2.0))]
        );
        assert_eq!(densify(&[], 1.0).count(), 0);
        assert_eq!(densify(&line, 0.0).count(), 3);
        assert_eq!(densify(&line, f64::NAN).count(), 3);
    }

    #[test]
    fn geographic_profile_uses_geodesics() {
        let t = GeoTransform {
            origin_x: -80.0,
            origin_y: 30.0,
            dx: 0.01,
            dy: 0.01,
        };
        let mut g = Grid::filled(50, 50, t, -700.0);
        g.crs = Some(Crs::epsg(4326));
        let p = profile(
            &g,
            &[(-79.9, 29.8), (-79.7, 29.8)],
            LineCrs::LonLat,
            Some(1000.0),
        )
        .unwrap();
        let len = geodesic_inverse(-79.9, 29.8, -79.7, 29.8).distance_m;
        assert!((p.last().unwrap().distance_m - len).abs() < 1e-6);
        assert!((p.last().unwrap().lon + 79.7).abs() < 1e-8);
        assert!(p.iter().all(|s| s.elevation_m == Some(-700.0)));
    }
}
