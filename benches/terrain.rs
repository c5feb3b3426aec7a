//! Terrain derivatives on large synthetic grids: slope and hillshade on 4096² and 8192² cells.
//!
//! `cargo bench --bench terrain`; the throughput line gives cells per second (elements/s).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use fathom::bathymetry::terrain::{Illumination, hillshade_u8, slope};
use fathom::bathymetry::{GeoTransform, Grid};
use fathom::geodesy::Crs;
use std::hint::black_box;

/// A deterministic seabed: a shoreface ramp with sand waves and a channel, 30 m cells in UTM.
fn seabed(n: usize) -> Grid {
    let t = GeoTransform {
        origin_x: 600_000.0,
        origin_y: 5_900_000.0,
        dx: 30.0,
        dy: 30.0,
    };
    let mut g = Grid::filled(n, n, t, 0.0);
    g.crs = Some(Crs::epsg(32631));
    for (i, v) in g.data.iter_mut().enumerate() {
        let (c, r) = ((i % n) as f32, (i / n) as f32);
        let channel = 8.0 * (-((c - 0.4 * r - 900.0) / 60.0).powi(2)).exp();
        *v = -0.01 * c - 2.0 * (c * 0.05 + r * 0.013).sin() - channel;
    }
    g
}

fn bench(c: &mut Criterion) {
    for n in [4096usize, 8192] {
        let g = seabed(n);
        let mut group = c.benchmark_group(format!("terrain_{n}x{n}"));
        group.sample_size(10);
        group.throughput(Throughput::Elements((n * n) as u64));
        group.bench_function("slope", |b| b.iter(|| black_box(slope(black_box(&g)))));
        group.bench_function("hillshade", |b| {
            b.iter(|| black_box(hillshade_u8(black_box(&g), &Illumination::default())))
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
