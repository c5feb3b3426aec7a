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

/// Shanghai, calm and hourly from 2025-06-21 00:00 UTC (08:00 CST) for 3 days. PyEphem 4.2.1
/// (an independent ephemeris, see `crate::solar`'s tests) gives sunset 2025-06-21 11:01:17 UTC
/// and sunrise 2025-06-21 20:50:42 UTC (04:50:42 CST on the 22nd), so the records
/// [00:00, 11:00) and from [21:00, 22:00) on are daylight.
fn shanghai_midsummer() -> Series {
    let t0 = 1_750_464_000; // 2025-06-21T00:00:00Z
    let mut s = series(vec![1.0; 72]);
    s.time_s = (0..72).map(|i| t0 + i * 3600).collect();
    s
}

fn daylight_op(splittable: bool, at: (f64, f64)) -> OpType {
    let mut o = op("survey", 2.0, splittable);
    o.limits.daylight = Some(at);
    o
}

#[test]
fn a_daylight_only_operation_pauses_at_sunset_and_resumes_after_sunrise() {
    const SHANGHAI: (f64, f64) = (31.2304, 121.4737);
    let s = shanghai_midsummer();
    let t0 = s.time_s[0];
    // Splittable, 14 h from 00:00 UTC: 11 h of work to sunset, the night, 3 h from 21:00 UTC.
    let e = Engine::new(&s, vec![daylight_op(true, SHANGHAI)]).unwrap();
    let r = e.run(&[step(0, 14.0, 28.0)], t0).unwrap();
    assert_eq!(r.finish_s, t0 + 24 * 3600);
    assert_eq!(r.steps[0].wait_h, 10.0);
    // Weather-restricted, T_POP 2 h / T_R 4 h, ready at 12:00 UTC (after sunset): starts with
    // the first whole daylight hour, 21:00 UTC, waiting 9 h.
    let e = Engine::new(&s, vec![daylight_op(false, SHANGHAI)]).unwrap();
    let r = e.run(&[step(0, 2.0, 4.0)], t0 + 12 * 3600).unwrap();
    assert_eq!(
        (r.steps[0].start_s, r.steps[0].wait_h),
        (t0 + 21 * 3600, 9.0)
    );
    // T_R 11 h fits before sunset from 00:00, 12 h no longer does (it waits for the next day).
    let r = e.run(&[step(0, 2.0, 11.0)], t0).unwrap();
    assert_eq!(r.steps[0].start_s, t0);
    let r = e.run(&[step(0, 2.0, 12.0)], t0).unwrap();
    assert_eq!(r.steps[0].start_s, t0 + 21 * 3600);
}

#[test]
fn daylight_only_work_in_the_polar_night_never_starts_and_is_censored() {
    // Longyearbyen (78.22° N) in the weeks around the December solstice: the sun never rises.
    let t0 = 1_765_843_200; // 2025-12-16T00:00:00Z
    let mut s = series(vec![1.0; 24 * 10]);
    s.time_s = (0..240).map(|i| t0 + i * 3600).collect();
    let e = Engine::new(&s, vec![daylight_op(true, (78.2232, 15.6267))]).unwrap();
    assert!(e.run(&[step(0, 1.0, 2.0)], t0).is_none());
    // The same without the daylight limit takes its hour.
    let e = Engine::new(&s, vec![op("survey", 2.0, true)]).unwrap();
    assert_eq!(e.run(&[step(0, 1.0, 2.0)], t0).unwrap().finish_s, t0 + 3600);
}

/// A mission with two cabins, a vessel-less template (durations given) and the operations.
fn plan_of(
    ops: Vec<crate::mission::CampaignOperation>,
    cables: &[super::CableWork],
) -> super::plan::Plan {
    let mut m = crate::mission::fixtures::mission(10.0, 5.0);
    for (id, lon) in [("A", 122.0), ("B", 122.01)] {
        m.cabins.push(crate::mission::Cabin {
            id: id.into(),
            cabin_type: "box".into(),
            lon,
            lat: 30.85,
            heading_deg: 0.0,
        });
    }
    let mut c = crate::mission::Campaign::default_for(&m);
    c.operations = ops;
    super::plan::plan(
        &m,
        &c,
        &crate::lift::alpha::default_table(),
        &|_| None,
        cables,
    )
    .unwrap()
}

fn template_op(
    kind: crate::mission::OperationKind,
    splittable: bool,
) -> crate::mission::CampaignOperation {
    crate::mission::CampaignOperation {
        kind,
        duration_h: None,
        contingency_h: None,
        hs_max_m: Some(2.0),
        wind_max_ms: None,
        current_max_ms: None,
        tp_max_s: None,
        splittable,
        lay_speed_kmh: Some(1.0),
        daylight_only: false,
    }
}

#[test]
fn alpha_follows_each_steps_planned_duration() {
    use crate::mission::OperationKind::{CableLay, Lift};
    // Cable lay at 1 km/h, not splittable, design Hs 2 m: a 10 km cable is T_POP 10 h (class
    // ≤ 12 h: α 0.76 in assets/alpha_factors.csv), a 30 km cable 30 h (class ≤ 36 h: α 0.71).
    let cables = [
        super::CableWork {
            cabin: "A".into(),
            cable: "a".into(),
            length_m: 10_000.0,
        },
        super::CableWork {
            cabin: "B".into(),
            cable: "b".into(),
            length_m: 30_000.0,
        },
    ];
    let mut lift = template_op(Lift, false);
    lift.duration_h = Some(20.0);
    lift.contingency_h = Some(4.0);
    let p = plan_of(vec![lift, template_op(CableLay, false)], &cables);
    let of = |label: &str, name: &str| {
        let st = p
            .seq
            .iter()
            .find(|s| s.label == label && p.ops[s.op].name == name)
            .unwrap();
        (
            p.alphas[st.op],
            p.ops[st.op].limits.hs_m.unwrap(),
            st.reference_h,
        )
    };
    let (a, hs, t_r) = of("A a", "cable_lay");
    assert_eq!((a, t_r), (0.76, 20.0));
    assert!((hs - 1.52).abs() < 1e-12);
    let (a, hs, t_r) = of("B b", "cable_lay");
    assert_eq!((a, t_r), (0.71, 60.0));
    assert!((hs - 1.42).abs() < 1e-12);
    // The lift: T_POP 20 h (class ≤ 24 h: 0.73), T_R 20 + 4 h, the same type for both cabins.
    assert_eq!(of("A", "lift"), of("B", "lift"));
    let (a, _, t_r) = of("A", "lift");
    assert_eq!((a, t_r), (0.73, 24.0));
    // Splittable work keeps its design limit (α 1).
    let p = plan_of(vec![template_op(CableLay, true)], &cables);
    assert_eq!(p.ops.len(), 1);
    assert_eq!((p.alphas[0], p.ops[0].limits.hs_m), (1.0, Some(2.0)));
}

#[test]
fn progress_is_reported_and_a_cancel_stops_the_runs() {
    use super::results::simulate_observed;
    use std::cell::RefCell;
    let e = Engine::new(&storm(), vec![op("lay", 2.0, true)]).unwrap();
    let seq = [step(0, 5.0, 10.0)];
    let starts: Vec<i64> = (0..150).map(|h| T0 + h * 3600).collect();
    let costs = Costs {
        day_rate_eur: 0.0,
        mobilisation_eur: 0.0,
        mobilisation_h: 0.0,
    };
    let seen = RefCell::new(Vec::new());
    let r = simulate_observed(&e, &seq, &starts, costs, &|f| {
        seen.borrow_mut().push(f);
        true
    })
    .unwrap();
    // Every 64 starts and at the end; the result is the unobserved one.
    assert_eq!(*seen.borrow(), vec![0.0, 64.0 / 150.0, 128.0 / 150.0, 1.0]);
    assert_eq!(r, stats(&e, &seq, &starts, costs));
    let cancelled = simulate_observed(&e, &seq, &starts, costs, &|f| f < 0.5);
    assert!(cancelled.is_none());
}

#[test]
fn operation_limits_show_alpha_only_for_weather_restricted_steps() {
    let mut day = op("survey", 2.5, true);
    day.limits.daylight = Some((57.0, 7.0));
    let p = super::plan::Plan {
        ops: vec![
            op("lift", 2.0, false),
            op("lift", 2.0, false),
            op("lift", 2.0, false),
            day,
            op("return", 4.0, true),
        ],
        kinds: Vec::new(),
        // Two lift steps in the same α class, one in a longer one.
        alphas: vec![0.8, 0.8, 0.72, 1.0, 1.0],
        seq: Vec::new(),
    };
    let l = p.operation_limits("lift");
    assert_eq!(l.hs_m, "2.00 (α 0.80), 2.00 (α 0.72)");
    assert!(!l.splittable && !l.daylight_only);
    let s = p.operation_limits("survey");
    assert_eq!(
        (s.hs_m.as_str(), s.splittable, s.daylight_only),
        ("2.50", true, true)
    );
    assert_eq!(p.operation_limits("return").hs_m, "4.00");
    assert_eq!(p.operation_limits("absent").hs_m, "");
}
