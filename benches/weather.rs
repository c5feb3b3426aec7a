//! Weather windows for 30 years of hourly metocean data (≈ 263,000 rows) and two operations,
//! CSV parsing included (issue 5 aims for < 0.5 s). The CSV is generated in the setup with a
//! seasonal Hs, wind and tidal current signal plus deterministic noise.

use criterion::{Criterion, criterion_group, criterion_main};
use fathom::lift::{alpha, windows};
use fathom::metocean as series;
use fathom::mission::Operation;
use std::hint::black_box;
use std::path::Path;

fn synthetic_csv(years: i64) -> String {
    let n = years * 8766;
    let mut s = String::with_capacity(n as usize * 48);
    s.push_str("time_utc,hs_m,tp_s,wind_ms,current_ms,tide_m\n");
    let t0 = 946_684_800; // 2000-01-01T00:00:00Z
    let mut x: u64 = 7;
    for i in 0..n {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let noise = (x >> 11) as f64 / (1u64 << 53) as f64;
        let day = i as f64 / 24.0;
        let season = (2.0 * std::f64::consts::PI * day / 365.25).cos();
        let hs = 1.2 + 0.6 * season + 0.8 * noise;
        let tide = 1.5 * (2.0 * std::f64::consts::PI * i as f64 / 12.42).sin();
        let cur = 0.9 * (2.0 * std::f64::consts::PI * i as f64 / 12.42).cos().abs() + 0.1 * noise;
        let t = chrono::DateTime::from_timestamp(t0 + i * 3600, 0).unwrap();
        s.push_str(&format!(
            "{},{hs:.2},{:.1},{:.1},{cur:.2},{tide:.2}\n",
            t.format("%Y-%m-%dT%H:%M:%SZ"),
            5.0 + 3.0 * hs,
            6.0 + 4.0 * hs
        ));
    }
    s
}

fn operations() -> Vec<Operation> {
    let op = |name: &str, t: f64, hs: f64, wind: f64, cur: Option<f64>| Operation {
        name: name.into(),
        duration_h: t,
        contingency_h: None,
        hs_max_m: hs,
        wind_max_ms: Some(wind),
        current_max_ms: cur,
    };
    vec![
        op("transit", 18.0, 2.5, 15.0, None),
        op("lift and lowering", 4.0, 1.5, 12.0, Some(0.5)),
    ]
}

fn bench(c: &mut Criterion) {
    let csv = synthetic_csv(30);
    let table = alpha::default_table();
    let ops = operations();
    c.bench_function("weather_30y_hourly_2ops_with_parsing", |b| {
        b.iter(|| {
            let s = series::parse(black_box(&csv), Path::new("bench.csv"), None).unwrap();
            let months = windows::months_of(&s);
            let out: Vec<_> = ops
                .iter()
                .map(|op| windows::analyse(&s, &months, windows::AppliedLimits::new(op, &table)))
                .collect();
            black_box(out)
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
