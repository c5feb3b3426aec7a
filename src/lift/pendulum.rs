//! Pendulum period of the hanging cabin, compared with the wave periods.
//!
//! A compound pendulum of length L (suspension point to the cabin's centre) with mass m, added
//! mass m_a and restoring weight W swings with T = 2π·√((m + m_a)·L / W) (small angles; in air
//! m_a = 0 and W = m·g gives the textbook 2π·√(L/g); submerged W = (m − ρV)·g and
//! m_a = Ca·ρ·V, DNV-RP-H103 2011 sec. 4.3 and Table A-1). Crane-tip motion at wave periods
//! near T excites the swing (DNV-RP-H103 sec. 3.4, resonance of lifted objects).

use super::drift::G;
use serde::Serialize;

/// Natural period (s) of a pendulum of `length_m` with `mass_kg`, `added_mass_kg` and a restoring
/// weight of `weight_n`. `None` when the weight does not restore (≤ 0).
pub fn period_s(length_m: f64, mass_kg: f64, added_mass_kg: f64, weight_n: f64) -> Option<f64> {
    (weight_n > 0.0 && length_m > 0.0).then(|| {
        2.0 * std::f64::consts::PI * ((mass_kg + added_mass_kg) * length_m / weight_n).sqrt()
    })
}

/// Pendulum period in one phase and whether it falls near the wave periods.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PendulumCheck {
    pub phase: &'static str,
    pub length_m: f64,
    pub period_s: f64,
    /// True when the period lies within the wave-period band widened by the margin.
    pub near_resonance: bool,
}

/// True when `period` lies in [Tp_min·(1 − margin), Tp_max·(1 + margin)].
pub fn near(period: f64, tp_range_s: [f64; 2], margin_pct: f64) -> bool {
    let m = margin_pct / 100.0;
    (tp_range_s[0] * (1.0 - m)..=tp_range_s[1] * (1.0 + m)).contains(&period)
}

/// In-air and submerged pendulum checks for a cabin of `mass_kg` and `volume_m3`.
#[allow(clippy::too_many_arguments)]
pub fn checks(
    air_length_m: f64,
    submerged_length_m: f64,
    mass_kg: f64,
    volume_m3: f64,
    ca: f64,
    density_kgm3: f64,
    tp_range_s: Option<[f64; 2]>,
    margin_pct: f64,
) -> Vec<PendulumCheck> {
    let mut out = Vec::new();
    let cases = [
        ("in air", air_length_m, 0.0, mass_kg * G),
        (
            "submerged at touchdown",
            submerged_length_m,
            ca * density_kgm3 * volume_m3,
            (mass_kg - density_kgm3 * volume_m3) * G,
        ),
    ];
    for (phase, l, ma, w) in cases {
        if let Some(t) = period_s(l, mass_kg, ma, w) {
            out.push(PendulumCheck {
                phase,
                length_m: l,
                period_s: t,
                near_resonance: tp_range_s.is_some_and(|r| near(t, r, margin_pct)),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_pendulum_in_air() {
        // L = g/(4π²) gives exactly 1 s.
        let l = G / (4.0 * std::f64::consts::PI.powi(2));
        let t = period_s(l, 1000.0, 0.0, 1000.0 * G).unwrap();
        assert!((t - 1.0).abs() < 1e-12);
    }

    #[test]
    fn submerged_pendulum_is_slower() {
        // 1,300 t, 800 m³, Ca 1, L 40 m: (1.3e6 + 0.82e6)·40 / (0.48e6·g).
        let c = checks(
            15.0,
            40.0,
            1.3e6,
            800.0,
            1.0,
            1025.0,
            Some([4.0, 8.0]),
            20.0,
        );
        let expect = 2.0 * std::f64::consts::PI * (2.12e6 * 40.0 / (0.48e6 * G)).sqrt();
        assert!((c[1].period_s - expect).abs() < 1e-9);
        assert!(c[1].period_s > 20.0 && !c[1].near_resonance);
        // 15 m in air: 7.77 s, inside 4–8 s.
        assert!(c[0].near_resonance, "{:?}", c[0]);
    }

    #[test]
    fn floating_load_has_no_period() {
        assert_eq!(period_s(10.0, 1.0, 0.0, -1.0), None);
    }
}
