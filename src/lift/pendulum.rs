//! Swing of the cabin hanging from the boom tip, compared with the wave periods.
//!
//! The hook block hangs on the falls from the boom tip, the only fixed point, and the cabin hangs
//! on the rigging below the hook: a double pendulum (domain-reference §7). With absolute angles
//! θ₁ (tip → hook, length l₁) and θ₂ (hook → cabin's centre of gravity, length l₂), the
//! linearised Lagrange equations are M·θ̈ + K·θ = 0 with
//!
//! M = [[(m₁ + m₂)·l₁², m₂·l₁·l₂], [m₂·l₁·l₂, m₂·l₂²]], K = diag((W₁ + W₂)·l₁, W₂·l₂)
//!
//! (Goldstein, *Classical Mechanics*, 3rd ed., sec. 6.4), m the inertias and W the restoring
//! weights. The two natural periods come from the generalised eigenproblem K·φ = ω²·M·φ, solved
//! by Cholesky reduction (M = L·Lᵀ, eigenvalues of L⁻¹·K·L⁻ᵀ). Submerged, the cabin's inertia
//! takes its added mass Ca·ρ·V and its weight the buoyancy (DNV-RP-H103 2011 sec. 4.3, Table
//! Hook block and rigging are lumped at the hook; the wire's own mass and the boom's
//! flexibility are neglected. Crane-tip motion at wave periods near either mode excites the swing
//! (DNV-RP-H103 sec. 3.4, resonance of lifted objects). As the wire pays out the falls lengthen,
//! so each phase is checked over its whole range of l₁.

use nalgebra::{Matrix2, SymmetricEigen};
use serde::Serialize;
use std::f64::consts::PI;

/// A double pendulum hanging from the boom tip, in SI units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DoublePendulum {
    /// Boom tip to the hook (m).
    pub l1_m: f64,
    /// Hook to the cabin's centre of gravity (m).
    pub l2_m: f64,
    /// Inertia at the hook: hook block and rigging (kg).
    pub m1_kg: f64,
    /// Restoring weight at the hook (N).
    pub w1_n: f64,
    /// Inertia of the cabin (kg), with its added mass when submerged.
    pub m2_kg: f64,
    /// Restoring weight of the cabin (N).
    pub w2_n: f64,
}

impl DoublePendulum {
    /// Natural periods (s), the slow sway of the whole hoist first. One period when a length or
    /// the hook's inertia vanishes (a single pendulum); `None` when the weights do not restore.
    pub fn periods_s(&self) -> Option<Vec<f64>> {
        let p = self;
        if !(p.w2_n > 0.0 && p.w1_n + p.w2_n > 0.0 && p.m2_kg > 0.0) {
            return None;
        }
        let single = |inertia: f64, length: f64, weight: f64| {
            (length > 0.0).then(|| vec![2.0 * PI * (inertia * length / weight).sqrt()])
        };
        if p.l1_m <= 0.0 {
            return single(p.m2_kg, p.l2_m, p.w2_n);
        }
        if p.l2_m <= 0.0 {
            return single(p.m1_kg + p.m2_kg, p.l1_m, p.w1_n + p.w2_n);
        }
        if p.m1_kg <= 0.0 {
            return single(p.m2_kg, p.l1_m + p.l2_m, p.w1_n + p.w2_n);
        }
        let (l1, l2) = (p.l1_m, p.l2_m);
        let m = Matrix2::new(
            (p.m1_kg + p.m2_kg) * l1 * l1,
            p.m2_kg * l1 * l2,
            p.m2_kg * l1 * l2,
            p.m2_kg * l2 * l2,
        );
        let k = Matrix2::new((p.w1_n + p.w2_n) * l1, 0.0, 0.0, p.w2_n * l2);
        let l_inv = m.cholesky()?.l().try_inverse()?;
        let a = l_inv * k * l_inv.transpose();
        let mut out: Vec<f64> = SymmetricEigen::new(a)
            .eigenvalues
            .iter()
            .filter(|w2| **w2 > 0.0)
            .map(|w2| 2.0 * PI / w2.sqrt())
            .collect();
        out.sort_by(|a, b| b.total_cmp(a));
        Some(out)
    }
}

/// One mode of the swing over one phase of the lift and whether it comes near the wave periods.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PendulumCheck {
    /// "in air" (lift-off to the splash zone) or "submerged" (splash zone to touchdown).
    pub phase: &'static str,
    /// 1: the slow sway of the whole hoist; 2: the hook swinging against the cabin.
    pub mode: usize,
    /// Falls length from the boom tip to the hook at the start and the end of the phase (m).
    pub falls_m: [f64; 2],
    /// Hook to the cabin's centre of gravity (m).
    pub hook_to_cog_m: f64,
    /// Shortest and longest natural period of the mode over the phase (s).
    pub period_s: [f64; 2],
    /// True when the period range meets the wave-period band widened by the margin.
    pub near_resonance: bool,
}

/// True when the periods `[lo, hi]` meet [Tp_min·(1 − margin), Tp_max·(1 + margin)].
pub fn near(period_s: [f64; 2], tp_range_s: [f64; 2], margin_pct: f64) -> bool {
    let m = margin_pct / 100.0;
    period_s[1] >= tp_range_s[0] * (1.0 - m) && period_s[0] <= tp_range_s[1] * (1.0 + m)
}

/// Number of falls lengths sampled over a phase.
const SAMPLES: usize = 64;

/// Checks of both modes over a phase whose falls run from `falls_m[0]` to `falls_m[1]`;
/// `at(l1)` gives the pendulum at falls length `l1`.
pub fn sweep(
    phase: &'static str,
    falls_m: [f64; 2],
    at: impl Fn(f64) -> DoublePendulum,
    tp_range_s: Option<[f64; 2]>,
    margin_pct: f64,
) -> Vec<PendulumCheck> {
    let mut ranges: Vec<[f64; 2]> = Vec::new();
    let mut hook_to_cog_m = 0.0;
    for i in 0..=SAMPLES {
        let l1 = falls_m[0] + (falls_m[1] - falls_m[0]) * i as f64 / SAMPLES as f64;
        let p = at(l1);
        hook_to_cog_m = p.l2_m;
        for (mode, t) in p.periods_s().unwrap_or_default().into_iter().enumerate() {
            match ranges.get_mut(mode) {
                Some(r) => *r = [r[0].min(t), r[1].max(t)],
                None => ranges.push([t, t]),
            }
        }
    }
    ranges
        .into_iter()
        .enumerate()
        .map(|(i, period_s)| PendulumCheck {
            phase,
            mode: i + 1,
            falls_m,
            hook_to_cog_m,
            period_s,
            near_resonance: tp_range_s.is_some_and(|r| near(period_s, r, margin_pct)),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lift::drift::G;

    /// The textbook closed form of the in-air double pendulum (point masses, W = m·g):
    /// ω² = g/(2·m₁·l₁·l₂)·[(m₁ + m₂)(l₁ + l₂) ∓ √((m₁ + m₂)²(l₁ + l₂)² − 4·m₁(m₁ + m₂)·l₁·l₂)].
    fn closed_form(m1: f64, m2: f64, l1: f64, l2: f64) -> [f64; 2] {
        let s = m1 + m2;
        let b = s * (l1 + l2);
        let disc = (b * b - 4.0 * m1 * s * l1 * l2).sqrt();
        let w = |sign: f64| G / (2.0 * m1 * l1 * l2) * (b + sign * disc);
        [2.0 * PI / w(-1.0).sqrt(), 2.0 * PI / w(1.0).sqrt()]
    }

    fn in_air(m1: f64, m2: f64, l1: f64, l2: f64) -> DoublePendulum {
        DoublePendulum {
            l1_m: l1,
            l2_m: l2,
            m1_kg: m1,
            w1_n: m1 * G,
            m2_kg: m2,
            w2_n: m2 * G,
        }
    }

    #[test]
    fn modes_match_the_closed_form_eigenproblem() {
        for (m1, m2, l1, l2) in [
            (150e3, 1300e3, 40.0, 28.0),
            (1.0, 1.0, 1.0, 1.0),
            (5e3, 50e3, 3.0, 60.0),
        ] {
            let got = in_air(m1, m2, l1, l2).periods_s().unwrap();
            let want = closed_form(m1, m2, l1, l2);
            for (g, w) in got.iter().zip(want) {
                assert!((g - w).abs() < 1e-9 * w, "{got:?} vs {want:?}");
            }
        }
    }

    #[test]
    fn limits_are_single_pendulums() {
        // A very heavy hook decouples the links: periods 2π√(l/g) of each.
        let t = in_air(1e12, 1.0, 10.0, 2.5).periods_s().unwrap();
        let simple = |l: f64| 2.0 * PI * (l / G).sqrt();
        assert!((t[0] - simple(10.0)).abs() < 1e-6 && (t[1] - simple(2.5)).abs() < 1e-6);
        // A weightless hook: one pendulum of l₁ + l₂.
        let t = in_air(0.0, 1000.0, 10.0, 2.5).periods_s().unwrap();
        assert_eq!(t.len(), 1);
        assert!((t[0] - simple(12.5)).abs() < 1e-12);
    }

    #[test]
    fn submerged_inertia_takes_the_added_mass() {
        // Light hook: the slow mode tends to 2π·√((m + Ca·ρV)·L / ((m − ρV)·g)).
        let (m, ma, w) = (1.3e6, 0.82e6, 0.48e6 * G);
        let p = DoublePendulum {
            l1_m: 60.0,
            l2_m: 30.0,
            m1_kg: 1.0,
            w1_n: G,
            m2_kg: m + ma,
            w2_n: w,
        };
        let t = p.periods_s().unwrap();
        let want = 2.0 * PI * ((m + ma) * 90.0 / w).sqrt();
        assert!((t[0] - want).abs() < 1e-3 * want, "{t:?} vs {want}");
    }

    #[test]
    fn sweep_flags_a_mode_passing_through_the_waves() {
        // Falls from 5 to 40 m under a 10 m hook-to-cog: the slow mode runs from ≈ 7 s to
        // ≈ 14 s and crosses a 8–10 s band; nothing else does.
        let checks = sweep(
            "in air",
            [5.0, 40.0],
            |l1| in_air(100e3, 1300e3, l1, 10.0),
            Some([8.0, 10.0]),
            0.0,
        );
        assert_eq!(checks.len(), 2);
        let slow = &checks[0];
        assert!(
            slow.period_s[0] < 8.0 && slow.period_s[1] > 10.0,
            "{slow:?}"
        );
        assert!(slow.near_resonance);
        assert!(!checks[1].near_resonance, "{:?}", checks[1]);
        assert!(near([7.0, 7.5], [8.0, 10.0], 10.0));
        assert!(!near([7.0, 7.1], [8.0, 10.0], 10.0));
    }

    #[test]
    fn floating_load_has_no_period() {
        let mut p = in_air(1.0, 1.0, 1.0, 1.0);
        p.w2_n = -1.0;
        assert_eq!(p.periods_s(), None);
    }
}
