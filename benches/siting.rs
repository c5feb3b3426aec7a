//! Siting benchmarks (issue 3): the suitability map of a 20 m × 10 m footprint on a 4096 × 4096
//! grid of 1 m cells (survey-grade multibeam resolution: the footprint covers ~200 cells), and
//! the automatic layout of 24 cabins on the same grid (two headings, spacing, a zone).
//!
//! Run: `cargo bench --bench siting`.

use criterion::{Criterion, criterion_group, criterion_main};
use fathom::bathymetry::{GeoTransform, Grid};
use fathom::mission::ZoneKind;
use fathom::siting::{Limits, Shape, SiteModel, heading_map, layout};
use fathom::zones::ZoneShape;
use geo::{LineString, MultiPolygon, Polygon};
use std::hint::black_box;

const N: usize = 4096;

/// Sand waves on a gentle slope, 15–30 m deep, with a patch of no data.
fn seabed() -> Grid {
    let t = GeoTransform {
        origin_x: 400_000.0,
        origin_y: 3_400_000.0,
        dx: 1.0,
        dy: 1.0,
    };
    let mut g = Grid::filled(N, N, t, 0.0);
    for r in 0..N {
        for c in 0..N {
            let (x, y) = (c as f32, r as f32);
            g.data[r * N + c] = -15.0 - 0.003 * (x + y) - 0.4 * (x / 37.0 + y / 91.0).sin();
        }
    }
    for r in 1000..1100 {
        g.data[r * N + 2000..r * N + 2100].fill(f32::NAN);
    }
    g
}

fn site(grid: &Grid) -> SiteModel<'_> {
    let (x0, y0) = (401_000.0, 3_398_000.0);
    let ring = LineString::from(vec![
        (x0, y0),
        (x0 + 500.0, y0),
        (x0 + 500.0, y0 + 300.0),
        (x0, y0 + 300.0),
        (x0, y0),
    ]);
    let zone = ZoneShape {
        id: "reserve".into(),
        kind: ZoneKind::ProtectedArea,
        area: MultiPolygon::new(vec![Polygon::new(ring, vec![])]),
    };
    SiteModel::new(
        grid,
        0.0,
        vec![zone],
        vec![("shore".into(), 400_100.0, 3_396_000.0)],
    )
}

fn limits() -> Limits {
    Limits {
        min_depth_m: Some(15.0),
        max_depth_m: Some(35.0),
        min_top_clearance_m: Some(8.0),
        max_slope_deg: 3.0,
        slope_from_constraints: false,
        max_relief_m: 1.0,
        relief_from_constraints: false,
        min_spacing_m: Some(20.0),
        max_cable_m: Some(5_000.0),
        height_m: 4.0,
    }
}

fn bench(c: &mut Criterion) {
    let grid = seabed();
    let site = site(&grid);
    let l = limits();
    let shape = Shape::Rect {
        length: 20.0,
        width: 10.0,
    };
    let mut g = c.benchmark_group("siting");
    g.sample_size(10);
    g.bench_function("suitability_20x10_4096sq_heading0", |b| {
        b.iter(|| black_box(heading_map(&site, &l, shape, 0.0)))
    });
    g.bench_function("suitability_20x10_4096sq_heading30", |b| {
        b.iter(|| black_box(heading_map(&site, &l, shape, 30.0)))
    });
    g.bench_function("layout_24_cabins_4096sq_2_headings", |b| {
        b.iter(|| {
            let r = layout(&site, &l, shape, &[0.0, 90.0], 24, &[]);
            assert_eq!(r.placed.len(), 24);
            black_box(r)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
