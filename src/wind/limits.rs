//! Plausible limits of a wind farm's inputs, checked before any wake or AEP computation: beyond
//! them the input is a slip or a hostile file, and the computation would hang or allocate
//! gigabytes (a 65,535 m/s cut-out, a 100,000-turbine layout, a 10⁻⁹° direction step).

use super::turbine::Turbine;
use crate::mission::shown;

/// Most turbines in one farm: the largest offshore farms have ≈ 300 (Hornsea 2: 165; Jiangsu
/// Rudong: ≈ 300) \[E\]. Wake work grows with the square of the count.
pub const MAX_TURBINES: usize = 2_000;

/// Largest rotor diameter (m): today's largest turbines have ≈ 260 m rotors (MingYang
/// MySE 18.X-20MW) \[E\].
pub const MAX_ROTOR_M: f64 = 400.0;

/// Highest tabulated wind speed (m/s): cut-outs are 25–35 m/s; the strongest gusts measured are
/// ≈ 113 m/s \[E\].
pub const MAX_WIND_MS: f64 = 100.0;

/// Direction steps (degrees) the AEP integration accepts: finer than 0.01° only multiplies the
/// work (the wind rose itself is given per sector).
pub const DIRECTION_STEP_DEG: (f64, f64) = (0.01, 90.0);

/// Wind-speed node spacing (m/s) the AEP integration accepts.
pub const WS_STEP_MS: (f64, f64) = (0.01, 10.0);

/// Refuses a turbine whose rotor, hub or power curve lies outside what exists.
pub fn check_turbine(t: &Turbine) -> Result<(), String> {
    let d = t.rotor_diameter_m;
    if !(d.is_finite() && d > 0.0 && d <= MAX_ROTOR_M) {
        return Err(format!(
            "turbine `{}`: rotor diameter {} m: expected more than 0 and at most {MAX_ROTOR_M} m",
            t.name,
            shown(d)
        ));
    }
    let h = t.hub_height_m;
    if !(h.is_finite() && h > d / 2.0 && h <= 2.0 * MAX_ROTOR_M) {
        return Err(format!(
            "turbine `{}`: hub height {} m: expected more than the rotor radius ({} m) and at most {} m",
            t.name,
            shown(h),
            d / 2.0,
            2.0 * MAX_ROTOR_M
        ));
    }
    if let Some(v) = t.ws.iter().find(|v| !(v.is_finite() && **v <= MAX_WIND_MS)) {
        return Err(format!(
            "turbine `{}`: wind speed {} m/s in the power curve: expected at most {MAX_WIND_MS} m/s",
            t.name,
            shown(*v)
        ));
    }
    Ok(())
}

/// Refuses more than [`MAX_TURBINES`] turbines and two turbines closer than one rotor diameter
/// (stacked or duplicated rows: the wake models assume separate rotors).
pub fn check_layout(x: &[f64], y: &[f64], rotor_m: f64) -> Result<(), String> {
    if x.len() > MAX_TURBINES {
        return Err(format!(
            "{} turbines: expected at most {MAX_TURBINES}",
            x.len()
        ));
    }
    for i in 0..x.len() {
        for j in i + 1..x.len() {
            let d = (x[i] - x[j]).hypot(y[i] - y[j]);
            if d < rotor_m {
                return Err(format!(
                    "turbines {} and {} are {d:.1} m apart: expected at least one rotor diameter ({rotor_m} m)",
                    i + 1,
                    j + 1
                ));
            }
        }
    }
    Ok(())
}

/// `value` within [`lo`, `hi`], for a command-line option; the error names the option.
pub fn check_option(option: &str, value: f64, (lo, hi): (f64, f64)) -> Result<(), String> {
    if value.is_finite() && value >= lo && value <= hi {
        Ok(())
    } else {
        Err(format!(
            "{option} {}: expected a number from {lo} to {hi}",
            shown(value)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn turbine() -> Turbine {
        Turbine::load("iea-15mw").unwrap()
    }

    #[test]
    fn shipped_turbines_pass_and_hostile_ones_are_named() {
        for name in ["iea-15mw", "iea-10mw", "nrel-5mw"] {
            check_turbine(&Turbine::load(name).unwrap()).unwrap();
        }
        let mut t = turbine();
        t.rotor_diameter_m = 1e300;
        assert!(
            check_turbine(&t)
                .unwrap_err()
                .contains("rotor diameter 1e300 m")
        );
        let mut t = turbine();
        *t.ws.last_mut().unwrap() = 65535.0;
        assert!(
            check_turbine(&t)
                .unwrap_err()
                .contains("wind speed 65535 m/s")
        );
    }

    #[test]
    fn stacked_and_too_many_turbines_are_refused() {
        let e = check_layout(&[0.0, 1000.0, 0.0], &[0.0, 0.0, 0.0], 240.0).unwrap_err();
        assert!(e.contains("turbines 1 and 3 are 0.0 m apart"), "{e}");
        check_layout(&[0.0, 1000.0], &[0.0, 0.0], 240.0).unwrap();
        let many: Vec<f64> = (0..=MAX_TURBINES).map(|i| i as f64 * 1000.0).collect();
        let e = check_layout(&many, &vec![0.0; many.len()], 240.0).unwrap_err();
        assert!(e.contains("expected at most 2000"), "{e}");
    }

    #[test]
    fn options_out_of_range_name_the_option() {
        let e = check_option("--wake-k", f64::NAN, (0.0, 1.0)).unwrap_err();
        assert_eq!(e, "--wake-k NaN: expected a number from 0 to 1");
        assert!(check_option("--direction-step", 1e-9, DIRECTION_STEP_DEG).is_err());
        assert!(check_option("--direction-step", 1.0, DIRECTION_STEP_DEG).is_ok());
    }
}
