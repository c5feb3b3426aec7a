//! Automatic routes for 10 cables on a 4096 × 4096 grid (the benchmark, aim < 2 s).
//!
//! The seabed: 10 m cells, 40 m of water with a lattice of steep cones (radius 100 cells, 40 m
//! high: ≈ 2.3°… up to 22° near their tops, so their upper parts are blocked by the side-slope
//! limit) the routes must go round. Ten cables run from the west edge to ten cabins near the
//! east edge, each planned after the previous ones and kept 50 m from them.

use criterion::{Criterion, criterion_group, criterion_main};
use fathom::bathymetry::{GeoTransform, Grid};
use fathom::cable::route::{RouteBase, plan};
use std::hint::black_box;

const N: usize = 4096;

fn seabed() -> Grid {
    let t = GeoTransform {
        origin_x: 500_000.0,
        origin_y: 4_000_000.0,
        dx: 10.0,
        dy: 10.0,
    };
    Grid::from_fn(N, N, t, |x, y| {
        let (c, r) = ((x - t.origin_x) / t.dx, (t.origin_y - y) / t.dy);
        let (dc, dr) = (c.rem_euclid(400.0) - 200.0, r.rem_euclid(400.0) - 200.0);
        let d = dc.hypot(dr);
        let cone = if d < 100.0 {
            40.0 * (1.0 - d / 100.0).powi(2)
        } else {
            0.0
        };
        -40.0 + cone.min(30.0)
    })
}

fn ends(grid: &Grid) -> Vec<((f64, f64), (f64, f64))> {
    (0..10)
        .map(|i| {
            let row = 100 + i * 390;
            let to_row = 300 + i * 360;
            (
                grid.transform.cell_center(5, row),
                grid.transform.cell_center(N - 150, to_row),
            )
        })
        .collect()
}

fn route_all(grid: &Grid, base: &RouteBase) -> Vec<Vec<(f64, f64)>> {
    let mut routes: Vec<Vec<(f64, f64)>> = Vec::new();
    for (i, e) in ends(grid).into_iter().enumerate() {
        let r = plan(grid, base, &format!("C{i}"), e, &[], &routes).expect("route");
        routes.push(r);
    }
    routes
}

fn bench(c: &mut Criterion) {
    let grid = seabed();
    let base = RouteBase::new(&grid, &[]);
    let routes = route_all(&grid, &base);
    let total: f64 = routes
        .iter()
        .map(|r| {
            r.windows(2)
                .map(|w| (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1))
                .sum::<f64>()
        })
        .sum();
    eprintln!(
        "10 cables: {:.1} km in all, {} vertices",
        total / 1e3,
        routes.iter().map(Vec::len).sum::<usize>()
    );
    let mut group = c.benchmark_group("cable");
    group.sample_size(10);
    group.bench_function("route_10_cables_4096", |b| {
        b.iter(|| black_box(route_all(&grid, &base)))
    });
    group.bench_function("base_mask_4096", |b| {
        b.iter(|| black_box(RouteBase::new(&grid, &[])))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
