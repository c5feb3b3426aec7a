//! The installation campaign: 6 cabins × 8 operations, every start day of a 6-month window
//! (April–September) over 25 years of hourly data (issue 15 aims for < 2 s on 2 cores). The
//! series is generated in the setup (seasonal Hs and wind with deterministic noise); the timed
//! part prepares the engine (run lengths per operation) and simulates every start.

use criterion::{Criterion, criterion_group, criterion_main};
use fathom::campaign::engine::{Engine, Limits, OpType, Step};
use fathom::campaign::results::{Costs, simulate, start_times};
use fathom::metocean::Series;
use std::hint::black_box;

fn series(years: i64) -> Series {
    let n = (years * 8766) as usize;
    let t0 = 946_684_800; // 2000-01-01T00:00:00Z
    let mut x: u64 = 11;
    let mut noise = || {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (x >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut hs = Vec::with_capacity(n);
    let mut wind = Vec::with_capacity(n);
    let mut h = 1.5;
    for i in 0..n {
        let season = (2.0 * std::f64::consts::PI * i as f64 / 8766.0).cos();
        // AR(1) around a seasonal mean: storms last days, as in a real hindcast.
        h = 0.97 * h + 0.03 * (1.6 + 0.8 * season) + 0.25 * (noise() - 0.5);
        hs.push(h.max(0.1));
        wind.push((4.0 * h + 3.0 * noise()).max(0.0));
    }
    Series {
        time_s: (0..n as i64).map(|i| t0 + i * 3600).collect(),
        hs_m: hs,
        wind_ms: Some(wind),
        step_s: 3600,
        ..Series::default()
    }
}

fn ops() -> Vec<OpType> {
    // (name, Hs limit, splittable): load-out is in port (no limit).
    [
        ("load_out", None, false),
        ("transit", Some(1.9), false),
        ("positioning", Some(2.0), false),
        ("lift", Some(1.1), false),
        ("cable_lay", Some(2.5), true),
        ("pull_in", Some(2.0), false),
        ("survey", Some(2.5), true),
        ("return", Some(1.9), false),
    ]
    .into_iter()
    .map(|(name, hs, splittable)| OpType {
        name: name.into(),
        limits: Limits {
            hs_m: hs,
            wind_ms: hs.map(|_| 15.0),
            ..Limits::default()
        },
        splittable,
    })
    .collect()
}

fn bench(c: &mut Criterion) {
    let s = series(25);
    let hours = [24.0, 8.0, 2.0, 4.0, 3.0, 5.5, 4.0, 8.0];
    let seq: Vec<Step> = (0..6)
        .flat_map(|cabin| {
            hours.iter().enumerate().map(move |(op, &h)| Step {
                op,
                duration_h: h,
                reference_h: 2.0 * h,
                label: format!("C{cabin}"),
            })
        })
        .collect();
    let costs = Costs {
        day_rate_eur: 150_000.0,
        mobilisation_eur: 0.0,
        mobilisation_h: 0.0,
    };
    c.bench_function("campaign_6cabins_8ops_daily_starts_6months_25y", |b| {
        b.iter(|| {
            let e = Engine::new(black_box(&s), ops()).unwrap();
            let starts = start_times(&e, s.time_s[0], (4, 1), (9, 30), 24);
            assert_eq!(starts.len(), 25 * 183);
            black_box(simulate(&e, &seq, &starts, costs))
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
