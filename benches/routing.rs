//! Least-cost any-angle route across a 4096 × 4096 synthetic grid (the benchmark).
//!
//! The seabed: 20 m of water with three shoal walls (2 m) across the whole grid, each with one
//! 100-cell gap, alternately near the bottom and the top, and a lattice of round shoals (radius
//! 120 cells) between them, so the route must zig-zag. `benches/routing_skimage.py` builds the
//! same grid for scikit-image's `route_through_array`.

use criterion::{Criterion, criterion_group, criterion_main};
use fathom::bathymetry::{GeoTransform, Grid};
use fathom::vessel::plan;
use std::hint::black_box;

const N: usize = 4096;

/// True where the synthetic seabed is a shoal (same rule as routing_skimage.py).
fn shoal(c: usize, r: usize) -> bool {
    for (i, wall) in [1024usize, 2048, 3072].iter().enumerate() {
        let gap = if i % 2 == 0 { 3500..3600 } else { 500..600 };
        if (wall - 8..wall + 8).contains(&c) && !gap.contains(&r) {
            return true;
        }
    }
    let (ci, ri) = (c % 512, r % 512);
    let (dc, dr) = (ci as f64 - 256.0, ri as f64 - 256.0);
    dc.hypot(dr) < 120.0
}

fn synthetic_grid() -> Grid {
    let t = GeoTransform {
        origin_x: 500_000.0,
        origin_y: 4_000_000.0,
        dx: 10.0,
        dy: 10.0,
    };
    let mut g = Grid::filled(N, N, t, -20.0);
    for r in 0..N {
        for c in 0..N {
            if shoal(c, r) {
                g.data[r * N + c] = -2.0;
            }
        }
    }
    g
}

fn bench(c: &mut Criterion) {
    let grid = synthetic_grid();
    let need = 8.0;
    let from = grid.transform.cell_center(20, 20);
    let to = grid.transform.cell_center(N - 21, N - 21);
    let mask = plan::depth_mask(&grid, need, 0.0, None);
    let p =
        plan::plan(&grid, &mask, need, 0.0, from, to, &fathom::progress::silent).expect("route");
    eprintln!(
        "route: {:.0} m, {} vertices, {} cells expanded",
        p.length_m,
        p.points.len(),
        p.expanded
    );
    let mut group = c.benchmark_group("routing");
    group.sample_size(10);
    group.bench_function("plan_4096x4096_mask_and_search", |b| {
        b.iter(|| {
            let mask = plan::depth_mask(&grid, need, 0.0, None);
            black_box(
                plan::plan(&grid, &mask, need, 0.0, from, to, &fathom::progress::silent)
                    .unwrap()
                    .length_m,
            )
        })
    });
    group.bench_function("plan_4096x4096_search_only", |b| {
        b.iter(|| {
            black_box(
                plan::plan(&grid, &mask, need, 0.0, from, to, &fathom::progress::silent)
                    .unwrap()
                    .length_m,
            )
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
