//! Touchdown offset of a cabin hanging in a current, and the largest current that keeps it within
//! the placement tolerance.
//!
//! Method: quasi-static statics of the whole hoist, from the load up to the boom tip, the only
//! fixed point of a crane lift (Faltinsen, *Sea Loads on Ships and Offshore Structures*, 1990,
//! ch. 8; the static step of lumped-mass line programs such as OrcaFlex; domain-reference §7).
//! With `x` downstream and `z` up, `t = (H, V)` is the pull the hoist above a point must supply:
//! `H` upstream against the drag carried from below, `V` up against the weight. Going up:
//!
//! 1. the cabin's drag ½ρ·Cd·A·U² at its mid-height and the submerged weight of cabin and
//!    rigging start the balance; rigging and the upper half of the cabin hang straight along it;
//! 2. the submerged wire is cut into N segments of equal vertical extent. A segment of length Δs
//!    at angle θ from the vertical feels Morison's drag with the cross-flow principle
//!    (DNV-RP-C205 2019 sec. 6.2–6.3), ½ρ·Cd·D·Δs·(U cos θ)² normal to it, i.e. along
//!    (cos θ, sin θ): it **adds** to `H` and lifts (subtracts from `V`); its submerged weight
//!    adds to `V`. θ is the angle of the tension at the segment's midpoint, found by fixed-point
//!    iteration;
//! 3. the wire in air from the waterline to the boom tip carries the same `H` (no drag) and its
//!    weight in air: an elastic-free catenary, solved in closed form (Irvine, *Cable Structures*,
//!    1981, eq. 1.7–1.8): with `T = √(H² + V²)`, `T_tip = T_0 + w·h` and
//!    `Δx = (H/w)·(asinh(V_tip/H) − asinh(V_0/H))`.
//!
//! The offset is the cabin's horizontal distance downstream of the boom tip, Σ Δz·tan θ over the
//! whole hoist: the vessel is assumed to hold the tip over the target, with no compensation for
//! the current. Every horizontal force grows with U, so the offset grows monotonically with the
//! current (≈ U² while the angles stay small).

use crate::mission::{CabinDrag, CurrentProfile};
use nalgebra::Vector2;

pub use crate::constants::G;

/// Drag coefficient of the hoist wire in cross-flow: 1.2 for stranded wire rope (DNV-RP-H103
/// 2011 sec. 4.6 / DNV-RP-C205 Fig. 6-6, rough cylinder at subcritical Re).
pub const WIRE_CD: f64 = 1.2;

/// Number of submerged wire segments.
const SEGMENTS: usize = 400;

/// What hangs from the boom tip, in SI units.
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
    /// The cabin type's lateral drag coefficient and projected area.
    pub drag: CabinDrag,
    /// Effective wire diameter for drag (m): diameter × falls.
    pub wire_diameter_m: f64,
    /// Submerged weight of the wire per metre, all falls (N/m).
    pub wire_weight_n_m: f64,
    /// Weight of the wire per metre in air, all falls (N/m).
    pub wire_weight_air_n_m: f64,
    /// Boom-tip sheave height above the waterline (m): the wire in air spans it.
    pub tip_height_m: f64,
    /// Seawater density (kg/m³).
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

/// Horizontal offset (m) of a straight-or-catenary wire in air of height `h`, weight `w` per
/// metre, carrying `t = (H, V)` at its lower end (Irvine 1981 eq. 1.7–1.8; `w = 0` or `H = 0`
/// is the straight line `h·H/V`).
fn in_air_offset_m(t: Vector2<f64>, w: f64, h: f64) -> f64 {
    if h <= 0.0 || t.x == 0.0 {
        return 0.0;
    }
    if w <= 0.0 {
        return h * t.x / t.y;
    }
    let t_tip = t.norm() + w * h;
    let v_tip = (t_tip * t_tip - t.x * t.x).sqrt();
    t.x / w * ((v_tip / t.x).asinh() - (t.y / t.x).asinh())
}

/// Horizontal offset (m, downstream) of the cabin at touchdown from the boom tip's plumb line,
/// for a surface current `surface_ms` with the profile's shape. `None` when the load does not
/// hang (submerged weight ≤ 0) or the wire would be lifted by its drag.
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
    // Pull the hoist must supply at the cabin: upstream against the drag, up against the weight.
    let mut t = Vector2::new(
        half_drag * load.drag.cd_lateral * load.drag.lateral_area_m2 * u_c * u_c,
        load.submerged_weight_n,
    );
    // Rigging and half the cabin below the hook hang straight along the bottom tension (the
    // part above the surface when the water is shallower than cabin and rigging).
    let below_hook = (load.rigging_height_m + load.cabin_height_m / 2.0).min(z_cabin);
    let mut offset = below_hook * t.x / t.y;
    let z_hook = (d - load.cabin_height_m - load.rigging_height_m).max(0.0);
    let dz = z_hook / SEGMENTS as f64;
    for i in 0..SEGMENTS {
        let z_mid = z_hook - (i as f64 + 0.5) * dz;
        let u = current_at(profile, surface_ms, z_mid, d);
        let mut theta = t.x.atan2(t.y);
        let mut seg = Vector2::zeros();
        for _ in 0..50 {
            let (s, c) = theta.sin_cos();
            let ds = dz / c;
            let un = u * c;
            let fn_ = half_drag * WIRE_CD * load.wire_diameter_m * ds * un * un;
            // Change of the pull across the segment: its normal drag along (cos θ, sin θ) adds
            // to H and lifts; its weight adds to V.
            seg = Vector2::new(fn_ * c, load.wire_weight_n_m * ds - fn_ * s);
            let mid = t + seg * 0.5;
            let next = mid.x.atan2(mid.y);
            let done = (next - theta).abs() < 1e-13;
            theta = next;
            if done {
                break;
            }
        }
        offset += dz * theta.tan();
        t += seg;
        if !(t.y.is_finite() && t.y > 0.0) {
            return None;
        }
    }
    // Above the water: the hook itself when the water is shallower than cabin and rigging.
    let rigging_in_air = (load.rigging_height_m + load.cabin_height_m / 2.0 - below_hook).max(0.0);
    offset += rigging_in_air * t.x / t.y;
    offset += in_air_offset_m(
        t,
        load.wire_weight_air_n_m,
        load.tip_height_m - rigging_in_air,
    );
    Some(offset)
}

/// The largest surface current (m/s) for which the touchdown offset stays within `tolerance_m`,
/// by bisection (the offset grows monotonically with the current; a current whose drag lifts the
/// wire counts as beyond the tolerance). `None` when the load does not hang or even 10 m/s keeps
/// the offset within the tolerance.
pub fn max_current_ms(
    load: &HangingLoad,
    profile: &CurrentProfile,
    tolerance_m: f64,
) -> Option<f64> {
    touchdown_offset_m(load, profile, 0.0)?;
    let within = |u| touchdown_offset_m(load, profile, u).is_some_and(|o| o <= tolerance_m);
    let hi_cap = 10.0;
    if within(hi_cap) {
        return None;
    }
    let (mut lo, mut hi) = (0.0, hi_cap);
    for _ in 0..50 {
        let mid = 0.5 * (lo + hi);
        if within(mid) {
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
            wire_weight_air_n_m: 230.0,
            tip_height_m: 60.0,
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

    fn power_law() -> CurrentProfile {
        CurrentProfile {
            surface_ms: 0.0,
            exponent: 1.0 / 7.0,
            table: None,
        }
    }

    /// Independent reference: a stretch of hoist as an ODE in arc length `s` from its lower end
    /// up, state `[x, z, H, V]` (x upstream, z height above the start), integrated by classic
    /// RK4 with `step` until `z` reaches `height` (the last step interpolated linearly). `q(z)` is
    /// ½ρ·Cd·D·U² at height z; the normal drag per metre is q·cos²θ, θ from the vertical; `w` the
    /// weight per metre. Returns `(x, H, V)` at the top.
    fn rk4_hoist(
        h0: f64,
        v0: f64,
        height: f64,
        w: f64,
        q: impl Fn(f64) -> f64,
        step: f64,
    ) -> (f64, f64, f64) {
        let f = |y: [f64; 4]| {
            let tn = y[2].hypot(y[3]);
            let (c, s) = (y[3] / tn, y[2] / tn);
            let qn = q(y[1]) * c * c;
            [s, c, qn * c, w - qn * s]
        };
        let add = |y: [f64; 4], k: [f64; 4], h: f64| std::array::from_fn(|i| y[i] + h * k[i]);
        let mut y = [0.0, 0.0, h0, v0];
        while y[1] < height {
            let k1 = f(y);
            let k2 = f(add(y, k1, step / 2.0));
            let k3 = f(add(y, k2, step / 2.0));
            let k4 = f(add(y, k3, step));
            let next: [f64; 4] = std::array::from_fn(|i| {
                y[i] + step / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i])
            });
            if next[1] >= height {
                let a = (height - y[1]) / (next[1] - y[1]);
                return (
                    y[0] + a * (next[0] - y[0]),
                    y[2] + a * (next[2] - y[2]),
                    y[3] + a * (next[3] - y[3]),
                );
            }
            y = next;
        }
        (y[0], y[2], y[3])
    }

    /// The whole hoist by the RK4 reference: straight below the hook, submerged wire, wire in air.
    fn reference_offset(l: &HangingLoad, p: &CurrentProfile, u0: f64) -> f64 {
        let d = l.depth_m;
        let u = |depth: f64| current_at(p, u0, depth, d);
        let z_c = d - l.cabin_height_m / 2.0;
        let f_c =
            0.5 * l.density_kgm3 * l.drag.cd_lateral * l.drag.lateral_area_m2 * u(z_c).powi(2);
        let straight = (l.rigging_height_m + l.cabin_height_m / 2.0) * f_c / l.submerged_weight_n;
        let z_hook = d - l.cabin_height_m - l.rigging_height_m;
        let k = 0.5 * l.density_kgm3 * WIRE_CD * l.wire_diameter_m;
        let (x_sub, h, v) = rk4_hoist(
            f_c,
            l.submerged_weight_n,
            z_hook,
            l.wire_weight_n_m,
            |z| k * u(z_hook - z).powi(2),
            0.002,
        );
        let (x_air, _, _) = rk4_hoist(h, v, l.tip_height_m, l.wire_weight_air_n_m, |_| 0.0, 0.002);
        straight + x_sub + x_air
    }

    #[test]
    fn zero_current_zero_offset() {
        assert_eq!(touchdown_offset_m(&load(), &uniform(), 0.0), Some(0.0));
    }

    #[test]
    fn weightless_wire_and_point_load_is_a_straight_line_from_the_tip() {
        // With no wire drag or weight the hoist is straight from the tip to the cabin's centre,
        // 60 m + (35 − 5) m below it: offset = L·H/V.
        let mut l = load();
        l.wire_diameter_m = 0.0;
        l.wire_weight_n_m = 0.0;
        l.wire_weight_air_n_m = 0.0;
        let u = 0.5;
        let h = 0.5 * 1025.0 * 1.0 * 150.0 * u * u;
        let expect = (60.0 + 30.0) * h / l.submerged_weight_n;
        let got = touchdown_offset_m(&l, &uniform(), u).unwrap();
        assert!((got - expect).abs() < 1e-9, "{got} vs {expect}");
    }

    #[test]
    fn heavy_wire_matches_a_fine_rk4_integration() {
        let mut l = load();
        l.depth_m = 60.0;
        for (p, u) in [(uniform(), 0.5), (uniform(), 1.5), (power_law(), 1.0)] {
            let got = touchdown_offset_m(&l, &p, u).unwrap();
            let want = reference_offset(&l, &p, u);
            assert!(got > 0.1, "{got}");
            assert!(
                ((got - want) / want).abs() < 1e-5,
                "{u} m/s: {got} vs {want}"
            );
        }
    }

    #[test]
    fn offset_points_downstream_and_grows_with_current() {
        let mut prev = 0.0;
        for i in 1..=60 {
            let u = i as f64 * 0.05;
            let off = touchdown_offset_m(&load(), &power_law(), u).unwrap();
            assert!(off > prev, "{u} m/s: {off} after {prev}");
            prev = off;
        }
    }

    #[test]
    fn thick_wire_and_small_cabin_drift_downstream_with_a_limit() {
        // The wire's own drag dominates: it must push the cabin downstream, not upstream.
        let mut l = load();
        l.depth_m = 80.0;
        l.wire_diameter_m = 1.0;
        l.drag.lateral_area_m2 = 1.0;
        let off = touchdown_offset_m(&l, &uniform(), 1.0).unwrap();
        let want = reference_offset(&l, &uniform(), 1.0);
        assert!(
            off > 0.0 && ((off - want) / want).abs() < 1e-5,
            "{off} vs {want}"
        );
        let u = max_current_ms(&l, &uniform(), 0.5).unwrap();
        let at = touchdown_offset_m(&l, &uniform(), u).unwrap();
        assert!((at - 0.5).abs() < 1e-6, "{u} m/s gives {at} m");
    }

    #[test]
    fn wire_in_air_carries_the_offset() {
        // The same load under a boom tip 60 m higher drifts further by about 60·H/V.
        let mut low = load();
        low.tip_height_m = 0.0;
        let a = touchdown_offset_m(&low, &uniform(), 0.5).unwrap();
        let b = touchdown_offset_m(&load(), &uniform(), 0.5).unwrap();
        assert!(b > 2.0 * a, "{a} {b}");
    }

    #[test]
    fn offset_grows_with_current_squared() {
        let a = touchdown_offset_m(&load(), &power_law(), 0.1).unwrap();
        let b = touchdown_offset_m(&load(), &power_law(), 0.2).unwrap();
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
        assert_eq!(max_current_ms(&l, &uniform(), 0.5), None);
    }
}
