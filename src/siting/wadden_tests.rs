//! Acceptance test on the real Wadden Sea grid (../shared/data): a layout of N cabins, confirmed by
//! an independent check that samples the grid itself (its own projection call, cell lookup, Horn
//! slope and distances), not through the siting code.

use super::plan::layout_cabins;
use crate::bathymetry::{GeoTransform, Grid};
use crate::geodesy::{Crs, Transformer};
use crate::mission::fixtures::{context, mission};
use crate::mission::{Constraints, ExclusionZone, LandingPoint, ZoneKind};

/// Reads the Float32 GeoTIFF with the `tiff` decoder: pixel scale and tie point give the
/// geotransform; NaN is its no-data value.
fn read_wadden(path: &std::path::Path) -> Grid {
    use tiff::decoder::{Decoder, DecodingResult};
    use tiff::tags::Tag;
    let mut d = Decoder::new(std::fs::File::open(path).unwrap()).unwrap();
    let (w, h) = d.dimensions().unwrap();
    let scale = d.get_tag_f64_vec(Tag::ModelPixelScaleTag).unwrap();
    let tie = d.get_tag_f64_vec(Tag::ModelTiepointTag).unwrap();
    let DecodingResult::F32(data) = d.read_image().unwrap() else {
        panic!("expected Float32");
    };
    let t = GeoTransform {
        origin_x: tie[3],
        origin_y: tie[4],
        dx: scale[0],
        dy: scale[1],
    };
    let mut g = Grid::filled(w as usize, h as usize, t, 0.0);
    g.data = data;
    g.crs = Some(Crs::epsg(32631));
    g
}

const LANE: [[f64; 2]; 2] = [[5.30, 53.49], [5.60, 53.50]];
const LANE_BUFFER_M: f64 = 400.0;
const RESERVE: [[f64; 2]; 5] = [
    [5.40, 53.455],
    [5.44, 53.455],
    [5.44, 53.475],
    [5.40, 53.475],
    [5.40, 53.455],
];

#[test]
fn wadden_layout_passes_an_independent_check() {
    let Some(path) = crate::testdata::shared_data("bathymetry/wadden_ameland_30m_utm31n.tif")
    else {
        return;
    };
    let grid = read_wadden(&path);
    let mut m = mission(20.0, 10.0);
    m.cabin_types[0].max_slope_deg = 2.0;
    m.cabin_types[0].max_relief_m = 1.0;
    m.constraints = Some(Constraints {
        min_depth_m: Some(8.0),
        max_depth_m: Some(30.0),
        min_top_clearance_m: Some(4.0),
        min_spacing_m: Some(60.0),
        max_cable_m: Some(10_000.0),
        headings_deg: Some(vec![0.0, 45.0, 90.0, 135.0]),
        ..Default::default()
    });
    m.landing_points.push(LandingPoint {
        id: "terschelling".into(),
        lon: 5.45,
        lat: 53.40,
    });
    m.exclusion_zones.push(ExclusionZone {
        id: "lane".into(),
        kind: ZoneKind::ShippingLane,
        buffer_m: LANE_BUFFER_M,
        polygon: None,
        line: Some(LANE.to_vec()),
        geojson: None,
    });
    m.exclusion_zones.push(ExclusionZone {
        id: "reserve".into(),
        kind: ZoneKind::ProtectedArea,
        buffer_m: 0.0,
        polygon: Some(RESERVE.to_vec()),
        line: None,
        geojson: None,
    });
    let ctx = context(m, grid.clone());
    let n = 12;
    let (report, cabins) = layout_cabins(&ctx, None, n, false).unwrap();
    assert_eq!(cabins.len(), n, "{}", report.why_short());

    // ---- independent check ----
    let fwd = Transformer::new(&Crs::wgs84(), &Crs::epsg(32631)).unwrap();
    let t = grid.transform;
    let cell = |x: f64, y: f64| -> Option<(usize, usize)> {
        let c = ((x - t.origin_x) / t.dx).floor();
        let r = ((t.origin_y - y) / t.dy).floor();
        (c >= 0.0 && r >= 0.0 && (c as usize) < grid.width && (r as usize) < grid.height)
            .then_some((c as usize, r as usize))
    };
    let z = |c: usize, r: usize| grid.data[r * grid.width + c] as f64;
    let horn = |c: usize, r: usize| -> f64 {
        let e = z(c, r);
        let n = |dc: i64, dr: i64| {
            let (cc, rr) = (c as i64 + dc, r as i64 + dr);
            if cc < 0 || rr < 0 || cc >= grid.width as i64 || rr >= grid.height as i64 {
                return e;
            }
            let v = z(cc as usize, rr as usize);
            if v.is_nan() { e } else { v }
        };
        let gx = (n(1, -1) + 2.0 * n(1, 0) + n(1, 1) - n(-1, -1) - 2.0 * n(-1, 0) - n(-1, 1))
            / (8.0 * t.dx);
        let gy = (n(-1, -1) + 2.0 * n(0, -1) + n(1, -1) - n(-1, 1) - 2.0 * n(0, 1) - n(1, 1))
            / (8.0 * t.dy);
        gx.hypot(gy).atan().to_degrees()
    };
    let lane: Vec<(f64, f64)> = LANE
        .iter()
        .map(|p| fwd.convert(p[0], p[1]).unwrap())
        .collect();
    let reserve: Vec<(f64, f64)> = RESERVE
        .iter()
        .map(|p| fwd.convert(p[0], p[1]).unwrap())
        .collect();
    let landing = fwd.convert(5.45, 53.40).unwrap();
    let mut outlines = Vec::new();
    for cab in &cabins {
        let (cx, cy) = fwd.convert(cab.lon, cab.lat).unwrap();
        let conv =
            crate::geodesy::meridian_convergence_deg(|a, b| fwd.convert(a, b), cab.lon, cab.lat)
                .unwrap()
                .to_radians();
        let a = cab.heading_deg.to_radians() + conv;
        let (ux, uy) = (a.sin(), a.cos());
        let (vx, vy) = (a.cos(), -a.sin());
        // Points every 0.5 m over the footprint, edges included.
        let mut pts = Vec::new();
        for i in 0..=40 {
            for j in 0..=20 {
                let (s, q) = (-10.0 + 0.5 * i as f64, -5.0 + 0.5 * j as f64);
                pts.push((cx + s * ux + q * vx, cy + s * uy + q * vy));
            }
        }
        let mut cells: Vec<(usize, usize)> = pts
            .iter()
            .map(|&(x, y)| cell(x, y).expect("inside the grid"))
            .collect();
        cells.sort();
        cells.dedup();
        let depths: Vec<f64> = cells.iter().map(|&(c, r)| -z(c, r)).collect();
        assert!(
            depths.iter().all(|d| !d.is_nan()),
            "{}: no data under the footprint",
            cab.id
        );
        let (dmin, dmax) = depths
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), &d| (a.min(d), b.max(d)));
        assert!(
            dmin >= 8.0 && dmax <= 30.0,
            "{}: depth {dmin}–{dmax}",
            cab.id
        );
        assert!(dmin - 4.0 >= 4.0, "{}: top clearance", cab.id);
        assert!(dmax - dmin <= 1.0, "{}: relief {}", cab.id, dmax - dmin);
        let slope = cells.iter().map(|&(c, r)| horn(c, r)).fold(0.0, f64::max);
        assert!(slope <= 2.0, "{}: slope {slope}", cab.id);
        let cable = (cx - landing.0).hypot(cy - landing.1);
        assert!(cable <= 10_000.0, "{}: cable {cable}", cab.id);
        // Clear of the lane corridor (1 % allowance for the buffer polygon's chords) and outside
        // the reserve (ray casting).
        for &p in &pts {
            assert!(
                seg_dist(p, lane[0], lane[1]) > LANE_BUFFER_M * 0.99,
                "{}: in the lane",
                cab.id
            );
            assert!(!inside(p, &reserve), "{}: in the reserve", cab.id);
        }
        let corners: Vec<(f64, f64)> = [(10.0, 5.0), (10.0, -5.0), (-10.0, -5.0), (-10.0, 5.0)]
            .iter()
            .map(|&(s, q)| (cx + s * ux + q * vx, cy + s * uy + q * vy))
            .collect();
        outlines.push((cab.id.clone(), corners));
    }
    // Spacing: edge to edge between every pair of rectangles.
    for (i, (ia, a)) in outlines.iter().enumerate() {
        for (ib, b) in &outlines[i + 1..] {
            let mut d = f64::MAX;
            for k in 0..4 {
                for l in 0..4 {
                    d = d.min(seg_dist(a[k], b[l], b[(l + 1) % 4]));
                    d = d.min(seg_dist(b[l], a[k], a[(k + 1) % 4]));
                }
            }
            assert!(d >= 60.0 - 1e-6, "{ia}–{ib}: {d} m");
        }
    }
}

fn seg_dist(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let t = (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / (dx * dx + dy * dy)).clamp(0.0, 1.0);
    (p.0 - a.0 - t * dx).hypot(p.1 - a.1 - t * dy)
}

fn inside(p: (f64, f64), ring: &[(f64, f64)]) -> bool {
    let mut c = false;
    for i in 0..ring.len() - 1 {
        let (a, b) = (ring[i], ring[i + 1]);
        if (a.1 > p.1) != (b.1 > p.1) && p.0 < a.0 + (p.1 - a.1) * (b.0 - a.0) / (b.1 - a.1) {
            c = !c;
        }
    }
    c
}
