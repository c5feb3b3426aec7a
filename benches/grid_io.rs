//! Reading a large GeoTIFF: a 4096 × 4096 Float32 DEFLATE grid written by fathom's own writer
//! (strips of 16 rows), read back with `bathymetry::io::read`. Throughput is in cells per second.
//!
//! Reference: `gdal_translate -of ENVI` (a full decode) or `gdalinfo -stats` on the same file;
//! the file is left in the system temp directory as `fathom_bench_4096.tif`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use fathom::bathymetry::io::{self, ReadOptions};
use fathom::bathymetry::{GeoTransform, Grid};
use fathom::geodesy::Crs;
use std::hint::black_box;

/// A seabed-like surface: a sloping shoreface with sand waves and millimetre-scale noise (values
/// rounded to centimetres, as survey products are), so DEFLATE sees realistic entropy.
fn seabed(n: usize) -> Grid {
    let t = GeoTransform {
        origin_x: 600_000.0,
        origin_y: 3_400_000.0,
        dx: 10.0,
        dy: 10.0,
    };
    let mut g = Grid::filled(n, n, t, 0.0);
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    for r in 0..n {
        for c in 0..n {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let noise = (state % 1000) as f64 / 1000.0 - 0.5;
            let z = -5.0 - 40.0 * r as f64 / n as f64 + 1.5 * (c as f64 * 0.05).sin() + 0.1 * noise;
            g.data[r * n + c] = ((z * 100.0).round() / 100.0) as f32;
        }
    }
    g.crs = Some(Crs::epsg(32651));
    g
}

fn read_geotiff(c: &mut Criterion) {
    let n = 4096;
    let path = std::env::temp_dir().join("fathom_bench_4096.tif");
    io::write(&seabed(n), &path).expect("write the bench GeoTIFF");
    let opts = ReadOptions::default();
    let mut group = c.benchmark_group("geotiff_read");
    group.sample_size(10);
    group.throughput(Throughput::Elements((n * n) as u64));
    group.bench_function("4096x4096_f32_deflate", |b| {
        b.iter(|| black_box(io::read(&path, &opts).expect("read")))
    });
    group.finish();
}

criterion_group!(benches, read_geotiff);
criterion_main!(benches);
