use super::*;
use crate::bathymetry::{GeoTransform, Grid};
use crate::mission::fixtures;
use crate::siting::footprint::footprint_stats;
use crate::zones::ZoneShape;
use geo::{LineString, MultiPolygon, Polygon};

/// A rough seabed: smooth swell + deterministic noise, with a hole of no data.
fn rough_grid(w: usize, h: usize) -> Grid {
    let t = GeoTransform {
        origin_x: 1000.0,
        origin_y: 9000.0,
        dx: 2.0,
        dy: 2.0,
    };
    let mut g = Grid::filled(w, h, t, 0.0);
    let mut seed = 12345u64;
    for r in 0..h {
        for c in 0..w {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let noise = ((seed >> 33) as f64 / (1u64 << 31) as f64 - 0.5) * 0.6;
            let z =
                -20.0 + 3.0 * ((c as f64) / 9.0).sin() + 2.0 * ((r as f64) / 13.0).cos() + noise;
            g.data[r * w + c] = z as f32;
        }
    }
    for r in 30..34 {
        for c in 40..43 {
            g.data[r * w + c] = f32::NAN;
        }
    }
    g
}

fn limits() -> Limits {
    Limits {
        min_depth_m: Some(18.0),
        max_depth_m: Some(23.0),
        min_top_clearance_m: Some(12.0),
        max_slope_deg: 25.0,
        slope_from_constraints: false,
        max_relief_m: 3.0,
        relief_from_constraints: false,
        min_spacing_m: None,
        max_cable_m: Some(90.0),
        height_m: 6.0,
    }
}

fn square_zone(x0: f64, y0: f64, s: f64) -> ZoneShape {
    ZoneShape {
        id: "z".into(),
        kind: crate::zones::ZoneKind::Other,
        area: MultiPolygon::new(vec![Polygon::new(
            LineString::from(vec![
                (x0, y0),
                (x0 + s, y0),
                (x0 + s, y0 + s),
                (x0, y0 + s),
                (x0, y0),
            ]),
            vec![],
        )]),
    }
}

/// Brute force: every cell's footprint re-scanned with `footprint_stats` must give the same mask
/// and score as the sliding-window map, at several headings, for rectangles and circles.
#[test]
fn sliding_window_map_equals_per_footprint_scan() {
    let grid = rough_grid(90, 70);
    let site = SiteModel::new(
        &grid,
        0.3,
        vec![square_zone(1100.0, 8880.0, 7.0)],
        vec![("L".into(), 1080.0, 8900.0)],
    );
    let l = limits();
    let diag = (90.0f64 * 2.0).hypot(70.0 * 2.0);
    for (shape, heading) in [
        (
            Shape::Rect {
                length: 20.0,
                width: 10.0,
            },
            0.0,
        ),
        (
            Shape::Rect {
                length: 20.0,
                width: 10.0,
            },
            37.0,
        ),
        (
            Shape::Rect {
                length: 20.0,
                width: 10.0,
            },
            90.0,
        ),
        (
            Shape::Rect {
                length: 13.0,
                width: 3.0,
            },
            121.0,
        ),
        (Shape::Circle { diameter: 9.0 }, 0.0),
    ] {
        let map = heading_map(&site, &l, shape, heading);
        let mut feasible = 0;
        for r in 0..grid.height {
            for c in 0..grid.width {
                let (x, y) = grid.transform.cell_center(c, r);
                let fp = Footprint {
                    x,
                    y,
                    grid_heading_deg: heading,
                    shape,
                };
                let s = footprint_stats(&fp, &grid, &site.slope_deg, site.tide_offset_m);
                let cable = site.nearest_landing(x, y).unwrap().1;
                let mut m = if cable > 90.0 { fail::CABLE } else { 0 };
                let zone = fp.spans(&grid.transform).iter().any(|sp| {
                    (sp.c0..=sp.c1).any(|cc| {
                        sp.row >= 0
                            && (sp.row as usize) < grid.height
                            && cc >= 0
                            && (cc as usize) < grid.width
                            && site.zone_mask[sp.row as usize * grid.width + cc as usize]
                    })
                });
                if s.outside > 0 {
                    m |= fail::OUTSIDE;
                } else {
                    if zone {
                        m |= fail::EXCLUSION;
                    }
                    if s.nodata > 0 {
                        m |= fail::NODATA;
                    } else {
                        let t = Terrain {
                            d_min: s.min_depth_m,
                            d_max: s.max_depth_m,
                            relief: s.relief_m,
                            slope: s.max_slope_deg,
                        };
                        m |= t.failures(&l);
                        if m == 0 {
                            let want = t.score(&l, Some(cable), diag) as f32;
                            assert_eq!(map.score[r * grid.width + c], want);
                            feasible += 1;
                        }
                    }
                }
                assert_eq!(
                    map.mask[r * grid.width + c],
                    m,
                    "cell ({c}, {r}) heading {heading} {shape:?}: {:?} vs {:?}",
                    fail::names(map.mask[r * grid.width + c]),
                    fail::names(m)
                );
            }
        }
        assert!(
            feasible > 20,
            "{shape:?} {heading}: only {feasible} feasible cells"
        );
    }
}

/// A flat strip 12 m wide running north–south in steep ground: a 20 m × 10 m cabin fits only
/// along the strip, so turning it makes the place feasible.
#[test]
fn heading_change_makes_a_place_feasible() {
    let mut grid = fixtures::flat_grid(60, 1.0, 30.0);
    for r in 0..60 {
        for c in 0..60 {
            let off = (c as f64 - 29.5).abs() - 6.0;
            if off > 0.0 {
                grid.data[r * 60 + c] = (-30.0 + off) as f32; // 45° banks
            }
        }
    }
    let site = SiteModel::new(&grid, 0.0, vec![], vec![]);
    let mut l = limits();
    (
        l.min_depth_m,
        l.max_depth_m,
        l.min_top_clearance_m,
        l.max_cable_m,
    ) = (None, None, None, None);
    l.max_relief_m = 0.5;
    let shape = Shape::Rect {
        length: 20.0,
        width: 10.0,
    };
    let k = 30 * 60 + 30; // centre cell
    let across = heading_map(&site, &l, shape, 90.0);
    assert_eq!(across.mask[k], fail::SLOPE | fail::RELIEF);
    let along = heading_map(&site, &l, shape, 0.0);
    assert_eq!(along.mask[k], 0);
    let most = std::sync::atomic::AtomicU64::new(0);
    let report = |d: u64, t: u64| {
        assert_eq!(t, 3 * 2, "3 headings × 2 bands of 32 rows over 60 rows");
        most.fetch_max(d, std::sync::atomic::Ordering::Relaxed);
    };
    let best = suitability(&site, &l, shape, &[90.0, 45.0, 0.0], &report);
    assert_eq!(
        (best.mask[k], best.heading[k], best.feasible[k]),
        (0, 2, 0b100)
    );
    assert_eq!(
        most.into_inner(),
        6,
        "every band of every heading reported done"
    );
}

#[test]
fn van_herk_matches_naive_window_maxima() {
    let x: Vec<f32> = (0..37).map(|i| ((i * 7919) % 23) as f32).collect();
    for len in 1..12 {
        let (mut g, mut h) = (vec![0.0; 37], vec![0.0; 37]);
        van_herk(&x, len, &mut g, &mut h);
        for s in 0..=37 - len {
            let naive = x[s..s + len].iter().copied().fold(f32::MIN, f32::max);
            assert_eq!(h[s].max(g[s + len - 1]), naive, "len {len} start {s}");
        }
    }
}
