//! Touchdown offset of a cabin hanging in a current, and the largest current that keeps it within
//! the placement tolerance.
//!
//! Method: quasi-static cable statics (Faltinsen, *Sea Loads on Ships and Offshore Structures*,
//! 1990, ch. 8; the static step of lumped-mass line programs such as OrcaFlex). The submerged
//! hoist wire is cut into N segments of equal vertical extent; at each node the tension carried
//! from below, the segment's submerged weight and its drag balance (nalgebra `Vector2`, x
//! downstream, z up). The force balance is marched from the cabin up to the surface (the
//! shooting method); because a segment's drag depends on its own angle, each segment's angle is
//! found by fixed-point iteration. Drag follows Morison's drag term with the cross-flow principle
//! (DNV-RP-C205 2019 sec. 6.2–6.3): a segment of length Δs at angle θ from the vertical feels
//! ½ρ·Cd·D·Δs·(U cos θ)² normal to it; the cabin feels ½ρ·Cd·A·U² horizontally at its centre.
//! The wire in air above the surface hangs vertically (no current), so the offset is measured
//! from the crane tip's plumb line: the vessel is assumed to hold the tip over the target, with
//! no compensation for the current.
//!
//! At small angles the offset is Σ H/V·Δz with every H ∝ U², so it grows with U².

use crate::mission::{CabinDrag, CurrentProfile};
use nalgebra::Vector2;

pub use crate::constants::G;

/// Drag coefficient of the hoist wire in cross-flow: 1.2 for stranded wire rope (DNV-RP-H103
/// 2011 sec. 4.6 / DNV-RP-C205 Fig. 6-6, rough cylinder at subcritical Re).
pub const WIRE_CD: f64 = 1.2;

/// Number of wire segments.
const SEGMENTS: usize = 200;

/// What hangs from the wire and the wire itself, in SI units.
#[derive(Clone, Debug, PartialEq)]
pub struct HangingLoad {
    /// Water depth at the cabin (m).
    pub depth_m: f64,
    /// Cabin height (m); its drag acts at mid-height.
    pub cabin_height_m: f64,
    /// Rigging height from the hook to the cabin's top (m).
    pub rigging_height_m: f64,
    /// Submerged weight of the cabin and rigging (N), > 0.
    pub submerged_weight_n: f64,
    pub drag: CabinDrag,
    /// Effective wire diameter for drag (m): diameter × falls.
    pub wire_diameter_m: f64,
    /// Submerged weight of the wire per metre, all falls (N/m).
    pub wire_weight_n_m: f64,
    pub density_kgm3: f64,
}

/// Current speed (m/s) at `z` metres below the surface in water `depth_m` deep, for a surface
/// speed `surface_ms` and the profile's shape (power law of DNV-RP-C205 eq. 4.1.4 or a table).
pub fn current_at(profile: &CurrentProfile, surface_ms: f64, z: f64, depth_m: f64) -> f64 {
    let frac = (z / depth_m).clamp(0.0, 1.0);
    let factor = match &profile.table {
        Some(t) if !t.is_empty() => interp(t, frac),
        _ => (1.0 - frac).max(0.0).powf(profile.exponent),
    };
    surface_ms * factor
}

fn interp(t: &[[f64; 2]], x: f64) -> f64 {
    let i = t.partition_point(|r| r[0] < x);
    if i == 0 {
        return t[0][1];
    }
    if i == t.len() {
        return t[t.len() - 1][1];
    }
    let (a, b) = (t[i - 1], t[i]);
    a[1] + (x - a[0]) / (b[0] - a[0]) * (b[1] - a[1])
}

/// Horizontal offset (m, downstream) of the cabin at touchdown from the crane tip's plumb line,
/// for a surface current `surface_ms` with the profile's shape. `None` when the load does not
/// hang (submerged weight ≤ 0).
pub fn touchdown_offset_m(
    load: &HangingLoad,
    profile: &CurrentProfile,
    surface_ms: f64,
) -> Option<f64> {
    if !(load.submerged_weight_n.is_finite() && load.submerged_weight_n > 0.0) {
        return None;
    }
    let d = load.depth_m;
    let half_drag = 0.5 * load.density_kgm3;
    let z_cabin = (d - load.cabin_height_m / 2.0).max(0.0);
    let u_c = current_at(profile, surface_ms, z_cabin, d);
    // Force the wire must exert on the hook: upstream against the drag, up against the weight.
    let mut t = Vector2::new(
        half_drag * load.drag.cd_lateral * load.drag.lateral_area_m2 * u_c * u_c,
        load.submerged_weight_n,
    );
    // Rigging and half the cabin below the hook hang straight along the bottom tension.
    let mut offset = (load.rigging_height_m + load.cabin_height_m / 2.0) * t.x / t.y;
    let z_hook = (d - load.cabin_height_m - load.rigging_height_m).max(0.0);
    let dz = z_hook / SEGMENTS as f64;
    for i in 0..SEGMENTS {
        let z_mid = z_hook - (i as f64 + 0.5) * dz;
        let u = current_at(profile, surface_ms, z_mid, d);
        let mut theta = t.x.atan2(t.y);
        let mut load_seg = Vector2::zeros();
        for _ in 0..8 {
            let ds = dz / theta.cos();
            let un = u * theta.cos();
            let fn_ = half_drag * WIRE_CD * load.wire_diameter_m * ds * un * un;
            // Normal drag on the segment points (cos θ, sin θ); weight points down.
            load_seg = Vector2::new(
                fn_ * theta.cos(),
                fn_ * theta.sin() - load.wire_weight_n_m * ds,
            );
            let mid = t + load_seg * 0.5;
            let next = mid.x.atan2(mid.y);
            if (next - theta).abs() < 1e-12 {
                theta = next;
                break;
            }
            theta = next;
        }
        offset += dz * theta.tan();
        t -= load_seg;
        if !(t.y.is_finite() && t.y > 0.0) {
            return None;
        }
    }
    Some(offset)
}

/// The largest surface current (m/s) for which the touchdown offset stays within `tolerance_m`,
/// by bisection (the offset grows monotonically with the current). `None` when even 10 m/s keeps
/// it within tolerance or the load does not hang.
pub fn max_current_ms(
    load: &HangingLoad,
    profile: &CurrentProfile,
    tolerance_m: f64,
) -> Option<f64> {
    let off = |u| touchdown_offset_m(load, profile, u);
    let hi_cap = 10.0;
    if off(hi_cap)? <= tolerance_m {
        return None;
    }
    let (mut lo, mut hi) = (0.0, hi_cap);
    for _ in 0..50 {
        let mid = 0.5 * (lo + hi);
        if off(mid)? <= tolerance_m {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Some(lo)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load() -> HangingLoad {
        HangingLoad {
            depth_m: 35.0,
            cabin_height_m: 10.0,
            rigging_height_m: 8.0,
            submerged_weight_n: 480_000.0 * G,
            drag: CabinDrag {
                cd_lateral: 1.0,
                lateral_area_m2: 150.0,
                ca_lateral: 1.0,
            },
            wire_diameter_m: 0.3,
            wire_weight_n_m: 200.0,
            density_kgm3: 1025.0,
        }
    }

    fn uniform() -> CurrentProfile {
        CurrentProfile {
            surface_ms: 0.0,
            exponent: 0.0,
            table: None,
        }
    }

    #[test]
    fn zero_current_zero_offset() {
        assert_eq!(touchdown_offset_m(&load(), &uniform(), 0.0), Some(0.0));
    }

    #[test]
    fn offset_by_hand_for_a_uniform_current() {
        // Wireless check: with no wire drag or weight, tan θ = F/W everywhere, and the cabin's
        // centre sits (35 − 5) m below the surface: offset = 30 · F / W.
        let mut l = load();
        l.wire_diameter_m = 0.0;
        l.wire_weight_n_m = 0.0;
        let u = 0.5;
        let f = 0.5 * 1025.0 * 1.0 * 150.0 * u * u;
        let expect = 30.0 * f / l.submerged_weight_n;
        let got = touchdown_offset_m(&l, &uniform(), u).unwrap();
        assert!((got - expect).abs() < 1e-9, "{got} vs {expect}");
    }

    #[test]
    fn offset_grows_with_current_squared() {
        let p = CurrentProfile {
            surface_ms: 0.0,
            exponent: 1.0 / 7.0,
            table: None,
        };
        let a = touchdown_offset_m(&load(), &p, 0.1).unwrap();
        let b = touchdown_offset_m(&load(), &p, 0.2).unwrap();
        assert!(a > 0.0);
        assert!((b / a - 4.0).abs() < 0.01, "ratio {}", b / a);
    }

    #[test]
    fn max_current_lands_on_the_tolerance() {
        let p = uniform();
        let u = max_current_ms(&load(), &p, 0.5).unwrap();
        let off = touchdown_offset_m(&load(), &p, u).unwrap();
        assert!((off - 0.5).abs() < 1e-6, "{u} m/s gives {off} m");
    }

    #[test]
    fn power_law_and_table_profiles() {
        let p = CurrentProfile {
            surface_ms: 1.0,
            exponent: 1.0 / 7.0,
            table: None,
        };
        assert_eq!(current_at(&p, 1.0, 0.0, 30.0), 1.0);
        assert!((current_at(&p, 1.0, 15.0, 30.0) - 0.5f64.powf(1.0 / 7.0)).abs() < 1e-12);
        assert_eq!(current_at(&p, 1.0, 30.0, 30.0), 0.0);
        let t = CurrentProfile {
            table: Some(vec![[0.0, 1.0], [1.0, 0.5]]),
            ..p
        };
        assert!((current_at(&t, 2.0, 15.0, 30.0) - 1.5).abs() < 1e-12);
    }

    #[test]
    fn floating_cabin_has_no_offset() {
        let mut l = load();
        l.submerged_weight_n = -1.0;
        assert_eq!(touchdown_offset_m(&l, &uniform(), 1.0), None);
    }
}
