use super::*;

fn iea() -> Turbine {
    Turbine::load("iea-15mw").unwrap()
}

/// Two IEA 15 MW in line 5 D apart, wind from the west along the line at 8 m/s.
fn pair_flow(model: WakeModel) -> (Flow, f64) {
    let t = iea();
    let d = t.rotor_diameter_m;
    let f = flow(&model, &t, &[0.0, 5.0 * d], &[0.0, 0.0], 8.0, 270.0);
    (f, t.power_ct(8.0).1)
}

#[test]
fn noj_in_line_matches_closed_form() {
    let m = WakeModel::noj();
    let (f, ct) = pair_flow(m);
    assert_eq!(f.ws[0], 8.0);
    // Jensen: Δu/U = (1 − √(1 − Cₜ)) (R / (R + k·5D))², R + 0.04·5·2R = 1.4 R; the wake
    // (1.4 R) covers the whole rotor (overlap fraction 1).
    let expected = 8.0 * (1.0 - (1.0 - (1.0 - ct).sqrt()) / 1.4f64.powi(2));
    assert!(
        (f.ws[1] - expected).abs() < 1e-12,
        "{} vs {expected}",
        f.ws[1]
    );
    assert!(f.ws[1] < 8.0 * 0.8);
}

#[test]
fn gaussian_in_line_matches_closed_form() {
    let (f, ct) = pair_flow(WakeModel::gaussian());
    let beta = 0.5 * (1.0 + (1.0 - ct).sqrt()) / (1.0 - ct).sqrt();
    let s = GAUSSIAN_K_PYWAKE * 5.0 + 0.2 * beta.sqrt(); // σ/D
    let centre = 1.0 - (1.0 - ct / (8.0 * s * s)).sqrt();
    // CGI-7 on the wake axis: the six outer points all lie at √(2/3) R = D/√6 from the centre.
    let avg = 0.25 + 0.75 * (-(1.0 / 6.0) / (2.0 * s * s)).exp();
    let expected = 8.0 * (1.0 - centre * avg);
    assert!(
        (f.ws[1] - expected).abs() < 1e-12,
        "{} vs {expected}",
        f.ws[1]
    );
    let hub = WakeModel {
        rotor_average: RotorAverage::Centre,
        ..WakeModel::gaussian()
    };
    let (f, _) = pair_flow(hub);
    assert!((f.ws[1] - 8.0 * (1.0 - centre)).abs() < 1e-12);
}

#[test]
fn direction_decides_who_is_waked() {
    let t = iea();
    let x = [0.0, 5.0 * t.rotor_diameter_m];
    let f = flow(&WakeModel::gaussian(), &t, &x, &[0.0, 0.0], 9.0, 90.0);
    assert_eq!(f.ws[1], 9.0);
    assert!(f.ws[0] < 9.0);
    // Crosswind (wind from the north): no interaction for NOJ's top hat.
    let f = flow(&WakeModel::noj(), &t, &x, &[0.0, 0.0], 9.0, 0.0);
    assert_eq!(f.ws, vec![9.0, 9.0]);
}

#[test]
fn overlap_fraction_limits() {
    assert_eq!(overlap_fraction(2.0, 1.0, 0.5), 1.0);
    assert_eq!(overlap_fraction(1.0, 1.0, 2.0), 0.0);
    // Two unit circles one radius apart: lens area 2π/3 − √3/2.
    let lens = 2.0 * std::f64::consts::PI / 3.0 - 3f64.sqrt() / 2.0;
    assert!((overlap_fraction(1.0, 1.0, 1.0) - lens / std::f64::consts::PI).abs() < 1e-12);
}

/// Effective speeds from PyWake 2.6.20 (`PropagateDownwind` with `NOJDeficit(k=0.04,
/// ct2a=ct2a_mom1d, AreaOverlapAvgModel())` + `SquaredSum()`, and
/// `BastankhahGaussianDeficit(k=0.0324555, ct2a=ct2a_mom1d, use_effective_ws=False,
/// CGIRotorAvg(7))` + `LinearSum()`), the IEA 15 MW curve of assets/turbines, D = 240 m.
/// (model, x, y, ws, wd, expected effective speeds).
type Case<'a> = (WakeModel, &'a [f64], &'a [f64], f64, f64, &'a [f64]);

#[test]
fn matches_pywake_2_6_20() {
    let t = iea();
    let d = 240.0;
    let grid_x: Vec<f64> = (0..9).map(|i| (i / 3) as f64 * 5.0 * d).collect();
    let grid_y: Vec<f64> = (0..9).map(|i| (i % 3) as f64 * 5.0 * d).collect();
    let irr_x = [0.0, 1100.0, 2300.0, 600.0, 1900.0, 3100.0];
    let irr_y = [0.0, 150.0, -80.0, 900.0, 1050.0, 700.0];
    let cases: [Case; 5] = [
        (
            WakeModel::noj(),
            &grid_x,
            &grid_y,
            9.0,
            270.0,
            &[
                9.0,
                9.0,
                9.0,
                6.570348461,
                6.570348461,
                6.570348461,
                6.1184691,
                6.1184691,
                6.1184691,
            ],
        ),
        (
            WakeModel::gaussian(),
            &grid_x,
            &grid_y,
            9.0,
            270.0,
            &[
                9.0,
                9.0,
                9.0,
                6.79023769,
                6.79023769,
                6.79023769,
                5.575860226,
                5.575860226,
                5.575860226,
            ],
        ),
        (
            WakeModel::noj(),
            &irr_x,
            &irr_y,
            9.0,
            255.0,
            &[9.0, 7.613236594, 9.0, 9.0, 8.234874744, 6.991567313],
        ),
        (
            WakeModel::gaussian(),
            &irr_x,
            &irr_y,
            9.0,
            255.0,
            &[9.0, 7.857102184, 8.999965024, 9.0, 8.407841288, 6.93887974],
        ),
        (
            WakeModel::gaussian(),
            &irr_x,
            &irr_y,
            12.0,
            280.0,
            &[
                12.0,
                11.991266561,
                10.304238494,
                12.0,
                11.995519772,
                10.967563947,
            ],
        ),
    ];
    for (m, x, y, ws, wd, expected) in cases {
        let f = flow(&m, &t, x, y, ws, wd);
        for (i, (got, want)) in f.ws.iter().zip(expected).enumerate() {
            assert!(
                (got - want).abs() < 1e-6,
                "{:?} {wd}° turbine {i}: {got} vs {want}",
                m.deficit
            );
        }
    }
}
