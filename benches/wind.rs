//! AEP of 100 IEA 15 MW turbines (10 × 10, 7 D spacing) × 36 sectors × ~25 wind-speed nodes,
//! Gaussian wake (Bastankhah & Porté-Agel 2014, CGI-7 rotor average, linear sum), one core.
//! Two variants: sector centres only (36 directions, the case), and the default 1°
//! direction integration within each sector (360 directions).

use criterion::{Criterion, criterion_group, criterion_main};
use fathom::wind::aep::{AepOptions, aep};
use fathom::wind::resource::{Sector, WindRose};
use fathom::wind::turbine::Turbine;
use fathom::wind::wake::WakeModel;
use fathom::wind::weibull::Weibull;
use std::hint::black_box;

fn case() -> (Turbine, Vec<f64>, Vec<f64>, WindRose) {
    let t = Turbine::load("iea-15mw").expect("shipped turbine");
    let s = 7.0 * t.rotor_diameter_m;
    let (mut x, mut y) = (vec![], vec![]);
    for i in 0..10 {
        for j in 0..10 {
            x.push(i as f64 * s);
            y.push(j as f64 * s);
        }
    }
    let sectors = (0..36)
        .map(|i| Sector {
            centre_deg: i as f64 * 10.0,
            width_deg: 10.0,
            frequency: 1.0 / 36.0,
            weibull: Weibull {
                a: 9.0 + (i % 4) as f64 * 0.5,
                k: 2.0,
            },
        })
        .collect();
    (t, x, y, WindRose { sectors })
}

fn bench(c: &mut Criterion) {
    let (t, x, y, rose) = case();
    let m = WakeModel::gaussian();
    // Nodes 4, 5, …, 24 m/s plus cut-in 3, rated 10.67 and cut-out 25: 24 speeds.
    let centres = AepOptions {
        ws_step_ms: 1.0,
        curve_nodes: false,
        direction_step_deg: 10.0,
    };
    let fine = AepOptions {
        direction_step_deg: 1.0,
        ..centres
    };
    let mut g = c.benchmark_group("wind_aep_100wt");
    g.sample_size(10);
    g.bench_function("gaussian_36wd_x_24ws", |b| {
        b.iter(|| black_box(aep(&m, &t, &x, &y, &rose, &centres)))
    });
    g.bench_function("gaussian_360wd_x_24ws", |b| {
        b.iter(|| black_box(aep(&m, &t, &x, &y, &rose, &fine)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
