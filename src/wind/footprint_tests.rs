use super::*;
use crate::progress::silent;
use crate::wind::turbine::Turbine;
use crate::wind::wake::{RotorAverage, WakeModel, flow};

/// A farm of NREL 5 MW turbines at (x, y), no resource (the case is given).
fn farm(model: WakeModel, x: &[f64], y: &[f64]) -> FarmModel {
    FarmModel {
        turbine: Turbine::load("nrel-5mw").unwrap(),
        x: x.to_vec(),
        y: y.to_vec(),
        lonlat: vec![[0.0, 0.0]; x.len()],
        model,
        convergence_deg: 0.0,
        convergence_spread_deg: 0.0,
        rose: None,
        timeseries: None,
        shear: None,
        availability: 1.0,
        electrical_loss: 0.0,
    }
}

fn case(from_deg: f64, speed_ms: f64) -> WindCase {
    WindCase {
        from_grid_deg: from_deg,
        from_true_deg: from_deg,
        speed_ms,
        frequency: 1.0,
    }
}

/// ∫₀^∞ 2π r f(r) dr by the midpoint rule over `n` steps up to `r_max`.
fn disc_integral(f: impl Fn(f64) -> f64, r_max: f64, n: usize) -> f64 {
    let h = r_max / n as f64;
    (0..n)
        .map(|i| {
            let r = (i as f64 + 0.5) * h;
            2.0 * std::f64::consts::PI * r * f(r) * h
        })
        .sum()
}

#[test]
fn gaussian_wake_carries_the_rotors_thrust_downstream() {
    // Momentum balance behind one turbine (Bastankhah & Porté-Agel 2014, eq. 2): the momentum
    // flux deficit ρ∫u(U − u)dA equals the thrust ½ρCₜ(πD²/4)U², at every distance. Taken on a
    // crosswind transect through the hub of a footprint (axisymmetric wake), wind from the west.
    let f = farm(WakeModel::gaussian(), &[0.0], &[0.0]);
    let d = f.turbine.rotor_diameter_m;
    let ct = f.turbine.power_ct(8.0).1;
    let sources = [Source::new(ct, d)];
    let sc = 270f64.to_radians().sin_cos();
    let thrust = ct * std::f64::consts::PI * d * d / 8.0; // / (ρU²)
    for x_d in [4.0, 8.0, 15.0] {
        let x = x_d * d;
        let flux = disc_integral(
            |r| {
                let du = deficit_at(&f, &sources, sc, x, r);
                du * (1.0 - du)
            },
            12.0 * d,
            20_000,
        );
        assert!(
            (flux / thrust - 1.0).abs() < 1e-6,
            "{x_d} D: {flux} vs {thrust}"
        );
        // Nothing upstream.
        assert_eq!(deficit_at(&f, &sources, sc, -x, 0.0), 0.0);
    }
}

#[test]
fn noj_wake_carries_the_rotors_mass_deficit_downstream() {
    // Jensen (1983) mass balance: the volume-flux deficit ∫(U − u)dA behind the rotor stays
    // 2a·πR²·U, 2a = 1 − √(1 − Cₜ), however far the top-hat wake has spread.
    let f = farm(WakeModel::noj(), &[0.0], &[0.0]);
    let d = f.turbine.rotor_diameter_m;
    let ct = f.turbine.power_ct(9.0).1;
    let sources = [Source::new(ct, d)];
    let sc = 270f64.to_radians().sin_cos();
    let want = (1.0 - (1.0 - ct).sqrt()) * std::f64::consts::PI * d * d / 4.0;
    for x_d in [3.0, 10.0] {
        let flux = disc_integral(
            |r| deficit_at(&f, &sources, sc, x_d * d, r),
            4.0 * d,
            400_000,
        );
        assert!(
            (flux / want - 1.0).abs() < 1e-4,
            "{x_d} D: {flux} vs {want}"
        );
    }
}

#[test]
fn at_a_waked_hub_the_footprint_is_the_flow_solutions_deficit() {
    // Three turbines on a line towards 210° (wind from 30°), 5 D apart: the point deficit at
    // the second and third hubs equals 1 − ws/U of the farm's flow solution with hub-point
    // rotor averaging (a separate path: the solver's upstream ordering and pair geometry).
    let model = WakeModel {
        rotor_average: RotorAverage::Centre,
        ..WakeModel::gaussian()
    };
    let t = Turbine::load("nrel-5mw").unwrap();
    let step = 5.0 * t.rotor_diameter_m;
    let (s, c) = 30f64.to_radians().sin_cos();
    let x: Vec<f64> = (0..3).map(|i| 1000.0 - i as f64 * step * s).collect();
    let y: Vec<f64> = (0..3).map(|i| 2000.0 - i as f64 * step * c).collect();
    let f = farm(model, &x, &y);
    let solved = flow(&model, &t, &x, &y, 8.0, 30.0);
    let sources: Vec<Source> = solved
        .ct
        .iter()
        .map(|&ct| Source::new(ct, t.rotor_diameter_m))
        .collect();
    let sc = 30f64.to_radians().sin_cos();
    assert_eq!(solved.ws[0], 8.0);
    for i in 1..3 {
        let du = deficit_at(&f, &sources, sc, x[i], y[i]);
        assert!((du - (1.0 - solved.ws[i] / 8.0)).abs() < 1e-12, "{i}");
    }
    // The raster: wakes lie downstream (towards 210°) of the farm's centre, and nothing lies
    // upstream of the first turbine.
    let fp = footprint(&f, case(30.0, 8.0), &silent);
    assert!(fp.width <= MAX_SIDE && fp.height <= MAX_SIDE);
    assert!((fp.cell_m - t.rotor_diameter_m / 4.0).abs() < 1e-9);
    let (mut sum, mut along) = (0.0, 0.0);
    for r in 0..fp.height {
        for col in 0..fp.width {
            let v = fp.deficit[r * fp.width + col] as f64;
            let (px, py) = fp.cell_centre(col, r);
            let (ex, ey) = (px - x[1], py - y[1]);
            let downstream = -(ex * s + ey * c);
            if downstream < -step - t.rotor_diameter_m {
                assert_eq!(v, 0.0, "upstream cell {col},{r}");
            }
            sum += v;
            along += v * downstream;
        }
    }
    assert!(
        sum > 0.0 && along / sum > step,
        "centroid {} m downstream",
        along / sum
    );
}

#[test]
fn the_demo_farms_footprint_is_for_its_most_frequent_sector() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("missions/demo.toml");
    let ctx = crate::mission::Context::load(&path).unwrap();
    let fp = of_mission(&ctx, &silent)
        .unwrap()
        .expect("the demo has a farm and a rose");
    // missions/demo.toml: the 0° sector holds 12 % of the time, A = 7.6 m/s and k = 2.1 at
    // 10 m, sheared to the 90 m hub with α = 0.11; mean A·Γ(1 + 1/k), Γ(1.476190) = 0.885694.
    assert_eq!(fp.case.from_true_deg, 0.0);
    assert!((fp.case.frequency - 0.12).abs() < 1e-9);
    let want = 7.6 * 9f64.powf(0.11) * 0.885_693_6;
    assert!(
        (fp.case.speed_ms - want).abs() < 1e-5,
        "{}",
        fp.case.speed_ms
    );
    // Wind from the north: the wakes lie south of the farm. Compare the raster's northern and
    // southern margins (MARGIN_D = 20 D beyond the outer turbines).
    let band = (10.0 * 126.0 / fp.cell_m) as usize;
    let mean_rows = |rows: std::ops::Range<usize>| {
        let n = rows.len() * fp.width;
        rows.flat_map(|r| fp.deficit[r * fp.width..(r + 1) * fp.width].iter())
            .map(|&v| v as f64)
            .sum::<f64>()
            / n as f64
    };
    let (north, south) = (mean_rows(0..band), mean_rows(fp.height - band..fp.height));
    assert_eq!(north, 0.0);
    assert!(south > 0.01, "{south}");
}
