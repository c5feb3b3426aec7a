use super::*;
use crate::wind::resource::{Sector, WindRecord, WindRose};
use crate::wind::turbine::Turbine;
use crate::wind::wake::WakeModel;
use crate::wind::weibull::Weibull;
use chrono::{TimeZone, Utc};

fn farm(ts: Option<Vec<WindRecord>>, rose: Option<WindRose>) -> FarmModel {
    FarmModel {
        turbine: Turbine::load("nrel-5mw").unwrap(),
        x: vec![0.0],
        y: vec![0.0],
        lonlat: vec![[121.9, 30.8]],
        model: WakeModel::gaussian(),
        convergence_deg: 0.0,
        convergence_spread_deg: 0.0,
        rose,
        timeseries: ts,
        shear: None,
        availability: 1.0,
        electrical_loss: 0.0,
    }
}

fn hour(h: u32, ws: f64) -> WindRecord {
    WindRecord {
        time: Utc.with_ymd_and_hms(2024, 1, 1, h, 0, 0).unwrap(),
        ws,
        wd: 0.0,
        height_m: 90.0,
    }
}

#[test]
fn hourly_accounting() {
    // One NREL 5 MW: 2 MW demand. Hours: rated (5 MW), calm, calm, 8 m/s (1.771 MW), rated.
    let ts = vec![
        hour(0, 12.0),
        hour(1, 1.0),
        hour(2, 2.0),
        hour(3, 8.0),
        hour(4, 15.0),
    ];
    let f = farm(Some(ts), None);
    let s = hourly(&f, &[2e6; 12], None, None).unwrap();
    let p8 = f.turbine.power(8.0) / 1e6;
    assert_eq!(s.hours, 5);
    assert_eq!(s.deficit_hours, 3);
    assert_eq!(s.longest_deficit_h, 3);
    assert_eq!(
        s.longest_deficit_start.as_deref(),
        Some("2024-01-01T01:00:00+00:00")
    );
    assert!((s.demand_mwh - 10.0).abs() < 1e-12);
    assert!((s.shortfall_mwh - (4.0 + 2.0 - p8)).abs() < 1e-9);
    assert!((s.surplus_mwh - 6.0).abs() < 1e-9);
    assert!((s.share_met - (4.0 + p8) / 10.0).abs() < 1e-12);
    // A 1.5 MW cable: rated hours deliver only 1.5 MW to the data centre.
    let c = hourly(&f, &[2e6; 12], Some(1.5e6), None).unwrap();
    assert_eq!(c.deficit_hours, 5);
    assert!((c.wind_used_mwh - (1.5 + 1.5 + 1.5)).abs() < 1e-9);
}

#[test]
fn weibull_probability_and_shortfall() {
    let w = Weibull::from_mean(8.0, 2.0);
    let rose = WindRose {
        sectors: vec![Sector {
            centre_deg: 0.0,
            width_deg: 360.0,
            frequency: 1.0,
            weibull: w,
        }],
    };
    let f = farm(None, Some(rose));
    let opts = crate::wind::aep::AepOptions {
        direction_step_deg: 360.0,
        ..Default::default()
    };
    let t = &f.turbine;
    // Demand = rated power: covered exactly when rated ≤ u ≤ cut-out.
    let s = weibull(&f, &[5e6; 12], None, &opts).unwrap();
    let p = w.cdf(t.cut_out()) - w.cdf(t.rated_ws());
    assert!(
        (s.probability_covered - p).abs() < 1e-9,
        "{} vs {p}",
        s.probability_covered
    );
    // Expected shortfall = rated − mean power (the farm never exceeds rated).
    let segs: Vec<_> =
        t.ws.windows(2)
            .zip(t.power_w.windows(2))
            .map(|(u, g)| crate::wind::weibull::Segment {
                u0: u[0],
                u1: u[1],
                g0: g[0],
                g1: g[1],
            })
            .collect();
    let mean_p = w.expect(&segs);
    assert!((s.expected_shortfall_mw - (5.0 - mean_p / 1e6)).abs() < 1e-9);
    // A cable below demand: never covered.
    let c = weibull(&f, &[5e6; 12], Some(4e6), &opts).unwrap();
    assert_eq!(c.probability_covered, 0.0);
    assert!(c.expected_shortfall_mw > s.expected_shortfall_mw);
}

#[test]
fn hourly_series_rows_add_up_to_the_summary() {
    let ts = vec![hour(0, 12.0), hour(1, 1.0), hour(2, 8.0)];
    let f = farm(Some(ts), None);
    let (s, rows) = hourly_series(&f, &[2e6; 12], Some(1.5e6), None, true).unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].time_utc, "2024-01-01T00:00:00Z");
    // Rated hour: 5 MW supply, the cable passes 1.5 MW of the 2 MW demand.
    assert_eq!((rows[0].supply_mw, rows[0].used_mw), (5.0, 1.5));
    assert!((rows[0].shortfall_mw - 0.5).abs() < 1e-12);
    assert!((rows[0].surplus_mw - 3.5).abs() < 1e-12);
    assert_eq!(rows[1].supply_mw, 0.0);
    let used: f64 = rows.iter().map(|r| r.used_mw).sum();
    assert!((used - s.wind_used_mwh).abs() < 1e-12);
    let short: f64 = rows.iter().map(|r| r.shortfall_mw).sum();
    assert!((short - s.shortfall_mwh).abs() < 1e-12);
    assert_eq!(
        rows[2].csv().split(',').count(),
        HourRow::CSV_HEADER.split(',').count()
    );
    assert!(
        hourly_series(&f, &[2e6; 12], None, None, false)
            .unwrap()
            .1
            .is_empty()
    );
}

#[test]
fn monthly_mean_supply_by_calendar_month() {
    // NREL 5 MW: January hours at rated (5 MW) and calm, one February hour at 8 m/s.
    let feb = WindRecord {
        time: Utc.with_ymd_and_hms(2024, 2, 3, 0, 0, 0).unwrap(),
        ..hour(0, 8.0)
    };
    let f = farm(Some(vec![hour(0, 12.0), hour(1, 1.0), feb]), None);
    let s = hourly(&f, &[2e6; 12], None, None).unwrap();
    assert_eq!(s.monthly_mean_supply_w[0], 2.5e6);
    assert!((s.monthly_mean_supply_w[1] - f.turbine.power(8.0)).abs() < 1e-6);
    assert!(s.monthly_mean_supply_w[2..].iter().all(|&w| w == 0.0));
}

#[test]
fn cable_losses_replace_the_flat_loss_hour_by_hour() {
    use crate::cable::{CableLosses, LossCable, types::cable_type};
    // One NREL 5 MW, availability 1, a flat loss of 10 % that modelled cables replace; 2 MW of
    // demand; one 10 km 33 kV 400 mm² cable (0.06 Ω/km) carrying it all at pf 0.95.
    let mut f = farm(Some(vec![hour(0, 12.0), hour(1, 8.0), hour(2, 1.0)]), None);
    f.electrical_loss = 0.10;
    let data = cable_type("xlpe-33kv-400").unwrap().power().unwrap();
    let l = CableLosses {
        cables: vec![LossCable {
            id: "P1".into(),
            data,
            length_km: 10.0,
            share: 1.0,
            power_factor: 0.95,
        }],
    };
    let s = hourly(&f, &[2e6; 12], None, Some(&l)).unwrap();
    // Rated hour: 5 MW sent, 2 MW used. By hand: I = 2e6 / (√3 · 33e3 · 0.95) = 36.833 A;
    // loss = 3 · 36.833² · 0.06 Ω/km · 10 km = 2442.0 W.
    let loss_rated = 2442.0;
    // 8 m/s: the farm sends P8 < 2 MW and the cabins receive the d with
    // R·L / (V² cos²φ) · d² + d = P8, by the quadratic formula.
    let p8 = f.turbine.power(8.0);
    let a = 0.6 / (33e3f64.powi(2) * 0.95f64.powi(2));
    let d8 = (-1.0 + (1.0 + 4.0 * a * p8).sqrt()) / (2.0 * a);
    assert!(p8 < 2e6 && d8 < p8);
    assert!((s.wind_used_mwh - (2.0 + d8 / 1e6)).abs() < 1e-9);
    let lost = (loss_rated + (p8 - d8)) / 1e6;
    assert!((s.cable_loss_mwh.unwrap() - lost).abs() < 1e-6, "{s:?}");
    assert_eq!(s.cable_losses.len(), 1);
    assert_eq!(s.cable_losses[0].id, "P1");
    assert!((s.cable_losses[0].loss_mwh - lost).abs() < 1e-6);
    // Delivered = sent − cable loss (no flat 10 %); the surplus is what the data centre left.
    assert!((s.wind_delivered_mwh - (5.0 + p8 / 1e6 - lost)).abs() < 1e-6);
    assert!((s.surplus_mwh - (5.0 - 2.0 - loss_rated / 1e6)).abs() < 1e-6);
    assert_eq!(s.deficit_hours, 2);
    // Without cables the flat loss applies as before.
    let flat = hourly(&f, &[2e6; 12], None, None).unwrap();
    assert!(flat.cable_loss_mwh.is_none() && flat.cable_losses.is_empty());
    assert!((flat.wind_delivered_mwh - 0.9 * (5.0 + p8 / 1e6)).abs() < 1e-9);
}
