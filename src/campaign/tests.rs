use super::engine::{Engine, Limits, OpType, Step};
use super::results::{Costs, simulate as stats, start_times};
use crate::lift::windows::{self, AppliedLimits};
use crate::metocean::Series;

const T0: i64 = 1_743_465_600; // 2025-04-01T00:00:00Z

fn series(hs: Vec<f64>) -> Series {
    let n = hs.len();
    Series {
        time_s: (0..n as i64).map(|i| T0 + i * 3600).collect(),
        hs_m: hs,
        wind_ms: Some(vec![5.0; n]),
        step_s: 3600,
        ..Series::default()
    }
}

fn op(name: &str, hs: f64, splittable: bool) -> OpType {
    OpType {
        name: name.into(),
        limits: Limits {
            hs_m: Some(hs),
            ..Limits::default()
        },
        duration_h: 1.0,
        reference_h: 2.0,
        splittable,
    }
}

fn step(op: usize, t_pop: f64, t_r: f64) -> Step {
    Step {
        op,
        duration_h: t_pop,
        reference_h: t_r,
        label: String::new(),
    }
}

/// Calm (Hs 1 m) for 200 h with a storm (Hs 4 m) at hours 10–29: 20 hours.
fn storm() -> Series {
    series(
        (0..200)
            .map(|h| if (10..30).contains(&h) { 4.0 } else { 1.0 })
            .collect(),
    )
}

#[test]
fn a_storm_in_the_middle_of_a_splittable_operation_adds_its_length() {
    let e = Engine::new(&storm(), vec![op("lay", 2.0, true), op("lift", 2.0, false)]).unwrap();
    // Lay 14 h: works hours 0–9, pauses for the storm, resumes at 30 and ends at 34 (20 h wait).
    // Then a 6-h lift needing 12 calm hours starts at once: 34 → 40.
    let r = e
        .run(&[step(0, 14.0, 28.0), step(1, 6.0, 12.0)], T0)
        .unwrap();
    assert_eq!(r.steps[0].start_s, T0);
    assert_eq!(r.steps[0].end_s, T0 + 34 * 3600);
    assert_eq!(r.steps[0].wait_h, 20.0);
    assert_eq!(
        (r.steps[1].start_s, r.steps[1].wait_h),
        (T0 + 34 * 3600, 0.0)
    );
    assert_eq!(r.finish_s, T0 + 40 * 3600);
}

#[test]
fn a_weather_restricted_operation_waits_for_a_window_holding_its_reference_period() {
    let e = Engine::new(&storm(), vec![op("lift", 2.0, false)]).unwrap();
    // From hour 0 only 10 calm hours remain before the storm: T_R = 12 h does not fit, so the
    // lift waits until the storm has passed (hour 30) and ends at 36.
    let r = e.run(&[step(0, 6.0, 12.0)], T0).unwrap();
    assert_eq!(
        (r.steps[0].start_s, r.steps[0].wait_h),
        (T0 + 30 * 3600, 30.0)
    );
    assert_eq!(r.finish_s, T0 + 36 * 3600);
    // T_R = 10 h fits exactly before the storm.
    let r = e.run(&[step(0, 6.0, 10.0)], T0).unwrap();
    assert_eq!(r.finish_s, T0 + 6 * 3600);
    // A gap is never workable: remove hour 50 and a window needing hours 45–56 moves past it.
    let mut s = storm();
    s.time_s.remove(50);
    s.hs_m.remove(50);
    s.wind_ms.as_mut().unwrap().remove(50);
    let e = Engine::new(&s, vec![op("lift", 2.0, false)]).unwrap();
    let r = e.run(&[step(0, 6.0, 12.0)], T0 + 45 * 3600).unwrap();
    assert_eq!(r.steps[0].start_s, T0 + 51 * 3600);
}

#[test]
fn runs_passing_the_series_end_are_censored_and_counted() {
    // 48 calm hours; a 30-h splittable job fits from hour 0 (ends 30) but not from hour 20.
    let e = Engine::new(&series(vec![1.0; 48]), vec![op("lay", 2.0, true)]).unwrap();
    let seq = [step(0, 30.0, 60.0)];
    assert_eq!(e.run(&seq, T0).unwrap().finish_s, T0 + 30 * 3600);
    assert!(e.run(&seq, T0 + 20 * 3600).is_none());
    let starts: Vec<i64> = (0..48).map(|h| T0 + h * 3600).collect();
    let costs = Costs {
        day_rate_eur: 24_000.0,
        mobilisation_eur: 1000.0,
        mobilisation_h: 0.0,
    };
    let r = stats(&e, &seq, &starts, costs);
    // Starts at hours 0–18 finish by hour 48; 19–47 are censored.
    assert_eq!((r.starts, r.censored), (48, 29));
    assert_eq!(r.months[0].duration_p50_d, Some(1.25));
    // 30 h = 1.25 days at 24 kEUR/day plus mobilisation.
    assert_eq!(r.cost_p50_eur, Some(1000.0 + 24_000.0 * 1.25));
}

#[test]
fn a_limited_variable_the_series_lacks_is_refused_naming_both() {
    let mut o = op("lift", 2.0, false);
    o.limits.current_ms = Some(0.5);
    let e = Engine::new(&storm(), vec![o]).err().unwrap();
    assert!(e.contains("`lift` is limited by current_ms"), "{e}");
}

/// The campaign's view of one non-splittable operation started at every hour equals the weather
/// windows' waits (one engine, two views): P50/P90 duration − T_POP = P50/P90 wait, per month.
fn same_as_weather_windows(s: &Series, hs: f64, wind: Option<f64>) {
    let table = crate::lift::alpha::default_table();
    let mission_op = crate::mission::Operation {
        name: "lift".into(),
        duration_h: 6.0,
        contingency_h: Some(4.0),
        hs_max_m: hs,
        wind_max_ms: wind,
        current_max_ms: None,
    };
    let l = AppliedLimits::new(&mission_op, &table);
    let w = windows::analyse(s, &windows::months_of(s), l.clone());
    let ot = OpType {
        name: "lift".into(),
        limits: Limits {
            hs_m: Some(l.hs_forecast_m),
            wind_ms: l.wind_max_ms,
            ..Limits::default()
        },
        duration_h: l.t_pop_h,
        reference_h: l.t_r_h,
        splittable: false,
    };
    let e = Engine::new(s, vec![ot]).unwrap();
    let starts = start_times(&e, s.time_s[0], (1, 1), (12, 31), 1);
    assert_eq!(starts.len(), s.time_s.len());
    let costs = Costs {
        day_rate_eur: 0.0,
        mobilisation_eur: 0.0,
        mobilisation_h: 0.0,
    };
    let r = stats(&e, &[step(0, l.t_pop_h, l.t_r_h)], &starts, costs);
    for m in &r.months {
        let wm = &w.months[m.month as usize - 1];
        assert_eq!(m.censored, wm.censored, "month {}", m.month);
        for (d, wait) in [
            (m.duration_p50_d, wm.wait_p50_h),
            (m.duration_p90_d, wm.wait_p90_h),
        ] {
            let d = d.map(|d| d * 24.0 - l.t_pop_h);
            assert!(
                (d.unwrap() - wait.unwrap()).abs() < 1e-6,
                "month {}: {d:?} vs {wait:?}",
                m.month
            );
        }
    }
}

#[test]
fn one_operation_equals_the_weather_windows_on_a_synthetic_year() {
    // Two years of i.i.d. Hs uniform on [0, 3) m from a fixed LCG.
    let mut x: u64 = 9;
    let hs = (0..2 * 8760)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            3.0 * ((x >> 11) as f64 / (1u64 << 53) as f64)
        })
        .collect();
    let mut s = series(hs);
    s.time_s.iter_mut().for_each(|t| *t += -T0 + 1_735_689_600); // from 2025-01-01
    same_as_weather_windows(&s, 2.5, Some(15.0));
}

#[test]
fn one_operation_equals_the_weather_windows_on_the_north_sea_hindcast() {
    let Some(d) = crate::testdata::shared_data("metocean/ec-benchmark_dataset_D.txt") else {
        return;
    };
    let cols =
        crate::metocean::parse_columns("time=time,hs_m=significant wave height,wind_ms=wind speed")
            .unwrap();
    let s = crate::metocean::read(&d, Some(&cols)).unwrap();
    same_as_weather_windows(&s, 2.0, Some(12.0));
}

#[test]
fn month_days_parse() {
    assert_eq!(super::month_day("2026-04-01"), Some((4, 1)));
    assert_eq!(super::month_day("09-30"), Some((9, 30)));
    assert_eq!(super::month_day("02-30"), None);
}
