//! AEP of 100 IEA 15 MW turbines (10 × 10, 7 D spacing) × 36 sectors × 25 wind-speed bins,
//! Gaussian wake (Bastankhah & Porté-Agel 2014, CGI-7 rotor average, linear sum), one core:
//! exactly the case PyWake is timed on in `benches/wind_pywake.py` (same layout, rose, speeds
//! 0.5, 1.5, …, 24.5 m/s at the 36 sector centres; its time is in
//! `tests/data/pywake_reference.json`). A second variant adds fathom's default 1° direction
//! integration within each sector (360 directions × the same 25 speeds).

use criterion::{Criterion, criterion_group, criterion_main};
use fathom::wind::aep::{aep_from_table, power_table_at};
use fathom::wind::resource::{Sector, WindRose};
use fathom::wind::turbine::Turbine;
use fathom::wind::wake::WakeModel;
use fathom::wind::weibull::Weibull;
use std::hint::black_box;

fn case() -> (Turbine, Vec<f64>, Vec<f64>, WindRose, Vec<f64>) {
    let t = Turbine::load("iea-15mw").expect("shipped turbine");
    let s = 7.0 * t.rotor_diameter_m;
    let (mut x, mut y) = (vec![], vec![]);
    for j in 0..10 {
        for i in 0..10 {
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
    let speeds = (0..25).map(|i| 0.5 + i as f64).collect();
    (t, x, y, WindRose { sectors }, speeds)
}

fn bench(c: &mut Criterion) {
    let (t, x, y, rose, speeds) = case();
    let m = WakeModel::gaussian();
    let run = |step: f64| {
        let table = power_table_at(&m, &t, &x, &y, &rose, speeds.clone(), step);
        aep_from_table(&t, &table, &rose)
    };
    let mut g = c.benchmark_group("wind_aep_100wt");
    g.sample_size(10);
    g.bench_function("gaussian_36wd_x_25ws", |b| b.iter(|| black_box(run(10.0))));
    g.bench_function("gaussian_360wd_x_25ws", |b| b.iter(|| black_box(run(1.0))));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
