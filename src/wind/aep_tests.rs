use super::*;
use crate::wind::resource::Sector;
use crate::wind::weibull::Weibull;

fn one_sector(mean: f64, k: f64) -> WindRose {
    WindRose {
        sectors: vec![Sector {
            centre_deg: 0.0,
            width_deg: 360.0,
            frequency: 1.0,
            weibull: Weibull::from_mean(mean, k),
        }],
    }
}

fn single_cf(t: &Turbine, mean: f64) -> f64 {
    let opts = AepOptions {
        direction_step_deg: 360.0,
        ..AepOptions::default()
    };
    aep(
        &WakeModel::gaussian(),
        t,
        &[0.0],
        &[0.0],
        &one_sector(mean, 2.0),
        &opts,
    )
    .capacity_factor_net
}

/// The IEA 15 MW rotor-performance table (IEA Wind Task 37 xlsx, exported in ../shared/data),
/// read from its own columns: wind m/s, power MW, Ct.
fn iea_rotor_performance_table() -> Option<Turbine> {
    let path = crate::testdata::shared_data("turbines/iea15mw_rotor_performance.csv")?;
    let text = std::fs::read_to_string(path).unwrap();
    let (mut ws, mut power_w, mut ct) = (vec![], vec![], vec![]);
    for line in text.lines().skip(1) {
        let f: Vec<f64> = line.split(',').map(|s| s.parse().unwrap()).collect();
        ws.push(f[0]);
        power_w.push(f[2] * 1e6);
        ct.push(f[8]);
    }
    Some(Turbine {
        name: "iea-15mw-xlsx".into(),
        rotor_diameter_m: 240.0,
        hub_height_m: 150.0,
        ws,
        power_w,
        ct,
    })
}

/// Domain-reference §3.1 oracle (k = 2, one turbine, no losses): mean → CF. Derived there with
/// the NREL `turbine-models` CSV `IEA_15MW_240_RWT.csv`.
const ORACLE: [(f64, f64); 5] = [
    (7.0, 0.378),
    (7.5, 0.423),
    (8.0, 0.465),
    (8.5, 0.503),
    (9.0, 0.538),
];

/// The NREL `turbine-models` IEA 15 MW power rows quoted in domain-reference §3.1 (kW; the
/// curve the oracle was derived with; rated 14,995 kW from 10.6 m/s, 14,998 kW at 25 m/s).
fn nrel_turbine_models_curve() -> Turbine {
    let rows = [
        (3.0, 70.0),
        (4.0, 595.0),
        (5.0, 1429.0),
        (6.0, 2656.0),
        (7.0, 4339.0),
        (8.0, 6481.0),
        (9.0, 9229.0),
        (10.0, 12661.0),
        (10.5, 14661.0),
        (10.6, 14995.0),
        (25.0, 14998.0),
    ];
    Turbine {
        name: "iea-15mw-nrel-csv".into(),
        rotor_diameter_m: 240.0,
        hub_height_m: 150.0,
        ws: rows.iter().map(|r| r.0).collect(),
        power_w: rows.iter().map(|r| r.1 * 1e3).collect(),
        ct: vec![0.8; rows.len()],
    }
}

#[test]
fn iea15_capacity_factor_matches_oracle_with_the_oracles_curve() {
    let t = nrel_turbine_models_curve();
    for (mean, cf) in ORACLE {
        let got = single_cf(&t, mean);
        assert!(
            (got / cf - 1.0).abs() < 0.005,
            "mean {mean}: CF {got} vs {cf}"
        );
    }
}

/// The shipped FLORIS curve and the Task 37 table carry the WISDEM rows at 3.0, 3.55, 4.07, …
/// m/s and a lower power below rated (4,246 kW at 7 m/s by interpolation against 4,339 kW in
/// the NREL CSV); their CFs sit 0.5–1.4 % below the oracle, the gap largest at low mean speeds.
#[test]
fn iea15_capacity_factor_with_shipped_and_task37_curves() {
    let shipped = Turbine::load("iea-15mw").unwrap();
    for (mean, cf) in ORACLE {
        let got = single_cf(&shipped, mean);
        assert!(
            got < cf && got / cf > 0.985,
            "mean {mean}: CF {got} vs {cf}"
        );
    }
    let Some(task37) = iea_rotor_performance_table() else {
        return;
    };
    for (mean, _) in ORACLE {
        let (a, b) = (single_cf(&shipped, mean), single_cf(&task37, mean));
        assert!(
            (a / b - 1.0).abs() < 0.001,
            "mean {mean}: FLORIS {a} vs Task 37 {b}"
        );
    }
}

/// Domain-reference §3.1's energies for the same cases (GWh/yr: 15 MW × 8760 h × CF) and its
/// note that k = 1.8 lowers the CF by ~0.01 (at the headline 8 m/s; the drop grows with the
/// mean, from ~0.002 at 7 m/s to ~0.02 at 9 m/s, as more probability moves below rated).
#[test]
fn iea15_oracle_energy_and_weibull_shape() {
    const GWH: [f64; 5] = [49.6, 55.5, 61.1, 66.1, 70.7];
    let t = nrel_turbine_models_curve();
    let opts = AepOptions {
        direction_step_deg: 360.0,
        ..AepOptions::default()
    };
    let one = |mean: f64, k: f64| {
        aep(
            &WakeModel::noj(),
            &t,
            &[0.0],
            &[0.0],
            &one_sector(mean, k),
            &opts,
        )
    };
    let mut last_drop = 0.0;
    for ((mean, _), gwh) in ORACLE.into_iter().zip(GWH) {
        let a = one(mean, 2.0);
        assert!(
            (a.net_gwh / gwh - 1.0).abs() < 0.005,
            "mean {mean}: {} GWh vs {gwh}",
            a.net_gwh
        );
        assert_eq!(a.wake_loss_pct, 0.0);
        let drop = a.capacity_factor_net - one(mean, 1.8).capacity_factor_net;
        assert!(drop > last_drop, "mean {mean}: k 1.8 lowers CF by {drop}");
        last_drop = drop;
        if mean == 8.0 {
            assert!((0.007..0.013).contains(&drop), "k 1.8 lowers CF by {drop}");
        }
    }
}

#[test]
fn exact_integration_agrees_with_fine_bins() {
    // Independent check: 0.001 m/s midpoint bins of the interpolated curve.
    let t = Turbine::load("iea-15mw").unwrap();
    let w = Weibull::from_mean(8.0, 2.0);
    let h = 1e-3;
    let mut e = 0.0;
    for i in 0..30_000 {
        let (a, b) = (i as f64 * h, (i + 1) as f64 * h);
        e += t.power((a + b) / 2.0) * (w.cdf(b) - w.cdf(a));
    }
    let cf_bins = e / t.rated_power_w();
    let cf = single_cf(&t, 8.0);
    assert!((cf - cf_bins).abs() < 2e-5, "{cf} vs {cf_bins}");
}

#[test]
fn wake_loss_and_sector_spreading() {
    let t = Turbine::load("iea-15mw").unwrap();
    let d = t.rotor_diameter_m;
    // A row along west–east, 5 D spacing, all wind from the 270° sector (30° wide).
    let x: Vec<f64> = (0..4).map(|i| i as f64 * 5.0 * d).collect();
    let y = vec![0.0; 4];
    let rose = WindRose {
        sectors: vec![Sector {
            centre_deg: 270.0,
            width_deg: 30.0,
            frequency: 1.0,
            weibull: Weibull::from_mean(8.5, 2.0),
        }],
    };
    let m = WakeModel::gaussian();
    let spread = aep(&m, &t, &x, &y, &rose, &AepOptions::default());
    let centre_only = aep(
        &m,
        &t,
        &x,
        &y,
        &rose,
        &AepOptions {
            direction_step_deg: 30.0,
            ..AepOptions::default()
        },
    );
    assert!(spread.wake_loss_pct > 0.0);
    // Aligned with the sector centre: evaluating only the centre overstates the loss.
    assert!(centre_only.wake_loss_pct > spread.wake_loss_pct + 5.0);
    // The first turbine is never waked; totals add up.
    assert!((spread.per_turbine[0].net_gwh - spread.per_turbine[0].gross_gwh).abs() < 1e-9);
    let sum: f64 = spread.per_turbine.iter().map(|p| p.net_gwh).sum();
    assert!((sum - spread.net_gwh).abs() < 1e-9);
    assert_eq!(spread.gross_gwh, centre_only.gross_gwh);
}
