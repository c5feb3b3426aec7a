//! Crane capacity: safe working load at a radius, hook loads per phase, submerged weight,
//! the radius a cabin needs to clear the hull, and the hook height needed to lift it.

use crate::mission::{CabinType, Crane, LiftPlan};
use serde::Serialize;

/// Steel density for the buoyancy of the hoist wire (kg/m³), EN 10025 structural steel 7850.
pub const STEEL_DENSITY_KGM3: f64 = 7850.0;

/// Safe working load (t) at `radius_m`, linear between the rows of the load chart
/// `[[radius_m, swl_t], …]`. `None` outside the chart: a crane has no rating beyond it.
pub fn swl_at(table: &[[f64; 2]], radius_m: f64) -> Option<f64> {
    let first = table.first()?;
    let last = table.last()?;
    if !(first[0]..=last[0]).contains(&radius_m) {
        return None;
    }
    let i = table.partition_point(|r| r[0] < radius_m);
    if i == 0 {
        return Some(first[1]);
    }
    let (a, b) = (table[i - 1], table[i]);
    let t = (radius_m - a[0]) / (b[0] - a[0]);
    Some(a[1] + t * (b[1] - a[1]))
}

/// Submerged mass (t) of a body: mass in air minus the mass of the sea water it displaces,
/// m − ρ·V (Archimedes; DNV-RP-H103 sec. 4.3 "submerged weight"). Negative means it floats.
pub fn submerged_mass_t(mass_t: f64, displaced_volume_m3: f64, density_kgm3: f64) -> f64 {
    mass_t - density_kgm3 * displaced_volume_m3 / 1000.0
}

/// Mass of the hoist wire paid out (t): `falls` parts of `length_m`, the part below the surface
/// reduced by its buoyancy (factor 1 − ρ_w/ρ_steel).
pub fn wire_mass_t(crane: &Crane, in_air_m: f64, submerged_m: f64, density_kgm3: f64) -> f64 {
    let per_m = crane.wire_mass_kg_m * crane.wire_falls as f64 / 1000.0;
    per_m * (in_air_m + submerged_m * (1.0 - density_kgm3 / STEEL_DENSITY_KGM3))
}

/// The hook load in one phase of the lift against the crane's rating.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PhaseLoad {
    /// Name of the phase: "lift-off (in air)", "splash zone" or "submerged at touchdown".
    pub phase: &'static str,
    /// Dynamic hook load (t): DAF × (cabin × weight contingency + rigging) + wire paid out.
    pub hook_load_t: f64,
    /// Safe working load at the working radius (t); `None` beyond the load chart.
    pub swl_t: Option<f64>,
    /// hook_load / SWL; `None` beyond the load chart.
    pub utilisation: Option<f64>,
}

/// Hook loads in each phase, following DNV-ST-N001 sec. 16.2: the static hook load is the
/// upper-bound design weight of the object (its mass estimate × the weight-contingency factor)
/// **plus the rigging** below the hook; the dynamic hook load is the DAF × the whole static hook
/// load (domain-reference §7). The hoist wire paid out is added statically: load charts rate the
/// hook, and the wire's weight varies slowly with the payout.
/// - lift-off in air: DAF·(γ·m + m_rig) + wire from boom tip to deck;
/// - splash zone: as in air (no buoyancy credited while the cabin crosses the surface);
/// - submerged at touchdown: DAF·((γ·m − ρV) + m_rig·(1 − ρ/ρ_steel)) + wire to the seabed
///   (submerged part buoyant).
///
/// `depth_m` is the water depth at the cabin; the wire in air spans the boom-tip height.
pub fn phase_loads(
    crane: &Crane,
    cabin: &CabinType,
    plan: &LiftPlan,
    density_kgm3: f64,
    depth_m: f64,
) -> Vec<PhaseLoad> {
    let swl = swl_at(&crane.swl_table, plan.radius_m);
    let tip = crane.pedestal_fwd_stbd_up_m[2].max(0.0);
    let hook_to_cabin = plan.rigging_height_m + cabin.height_m;
    let design_mass_t = cabin.mass_t * plan.weight_contingency_factor;
    let in_air = crane.daf * (design_mass_t + crane.rigging_mass_t);
    let wire_deck = wire_mass_t(
        crane,
        (tip - crane.deck_height_m - hook_to_cabin).max(0.0),
        0.0,
        density_kgm3,
    );
    let wire_splash = wire_mass_t(crane, tip, 0.0, density_kgm3);
    let sub = submerged_mass_t(design_mass_t, cabin.displaced_volume_m3, density_kgm3);
    let rigging_sub = crane.rigging_mass_t * (1.0 - density_kgm3 / STEEL_DENSITY_KGM3);
    let wire_seabed = wire_mass_t(crane, tip, (depth_m - hook_to_cabin).max(0.0), density_kgm3);
    let submerged = crane.daf * (sub.max(0.0) + rigging_sub) + wire_seabed;
    let make = |phase, load: f64| PhaseLoad {
        phase,
        hook_load_t: load,
        swl_t: swl,
        utilisation: swl.map(|s| load / s),
    };
    vec![
        make("lift-off (in air)", in_air + wire_deck),
        make("splash zone", in_air + wire_splash),
        make("submerged at touchdown", submerged),
    ]
}

/// Hook height above the deck needed to lift the cabin clear (m): cabin height + rigging height
/// + lift-off clearance.
pub fn required_hook_height_m(cabin: &CabinType, plan: &LiftPlan) -> f64 {
    cabin.height_m + plan.rigging_height_m + plan.liftoff_clearance_m
}

/// The hook height the crane offers at the planned radius, and what in its inputs contradicts.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HookHeight {
    /// Hook height above the deck available at the radius (m).
    pub available_m: f64,
    /// Boom-tip sheave height above the deck at the radius (m), from `pedestal_fwd_stbd_up_m`.
    pub tip_above_deck_m: f64,
    /// Inputs that contradict each other, in words naming the fields.
    pub conflicts: Vec<String>,
}

/// Hook height above the deck at `radius_m`. The hook hangs below the boom-tip sheave, so the
/// tip's height above the deck at the planned radius bounds it, and so does the chart's maximum
/// hook height (reached at the shortest radius); the load chart's hook-height curve, when given,
/// is read at the radius (linear between rows, as [`swl_at`]). Without that curve the hook block's
/// own height below the sheave is not known and not subtracted: the figure is an upper bound.
pub fn hook_height_at(crane: &Crane, radius_m: f64) -> HookHeight {
    let tip_above_deck_m = crane.pedestal_fwd_stbd_up_m[2] - crane.deck_height_m;
    let mut conflicts = Vec::new();
    if tip_above_deck_m <= 0.0 {
        conflicts.push(format!(
            "the boom tip (pedestal_fwd_stbd_up_m z = {} m) is not above the deck (deck_height_m = {} m)",
            crane.pedestal_fwd_stbd_up_m[2], crane.deck_height_m
        ));
    }
    let mut available_m = crane.max_hook_height_m.min(tip_above_deck_m.max(0.0));
    if let Some(table) = &crane.hook_height_table {
        match swl_at(table, radius_m) {
            Some(h) => {
                if h > tip_above_deck_m + 1e-9 {
                    conflicts.push(format!(
                        "hook_height_table gives {h:.1} m above the deck at {radius_m} m radius, above the boom tip ({tip_above_deck_m:.1} m above the deck from pedestal_fwd_stbd_up_m)"
                    ));
                }
                available_m = available_m.min(h);
            }
            None => conflicts.push(format!(
                "hook_height_table does not cover the planned radius {radius_m} m"
            )),
        }
        if let Some(top) = table.iter().map(|r| r[1]).max_by(f64::total_cmp)
            && top > crane.max_hook_height_m
        {
            conflicts.push(format!(
                "hook_height_table reaches {top:.1} m, above max_hook_height_m = {} m",
                crane.max_hook_height_m
            ));
        }
    }
    HookHeight {
        available_m,
        tip_above_deck_m,
        conflicts,
    }
}

/// Radius of the circle that encloses the cabin's footprint (m).
pub fn footprint_radius_m(cabin: &CabinType) -> f64 {
    match (cabin.length_m, cabin.width_m, cabin.diameter_m) {
        (_, _, Some(d)) => d / 2.0,
        (Some(l), Some(w), None) => l.hypot(w) / 2.0,
        _ => 0.0,
    }
}

/// Smallest crane radius (m) at which the cabin, slewed `slew_deg` from the bow, hangs clear of
/// the hull: the hook point's distance to the hull rectangle (length × beam around amidships)
/// must reach the footprint radius. Found by bisection along the slew direction, on which the
/// distance grows monotonically once outside the hull.
pub fn required_radius_m(
    pedestal_xy: [f64; 2],
    slew_deg: f64,
    length_m: f64,
    beam_m: f64,
    clearance_m: f64,
) -> f64 {
    let (s, c) = slew_deg.to_radians().sin_cos();
    let (hx, hy) = (length_m / 2.0, beam_m / 2.0);
    let dist = |r: f64| {
        let (x, y) = (pedestal_xy[0] + r * c, pedestal_xy[1] + r * s);
        let dx = (x.abs() - hx).max(0.0);
        let dy = (y.abs() - hy).max(0.0);
        dx.hypot(dy)
    };
    let mut hi = 1.0;
    while dist(hi) < clearance_m && hi < 1e5 {
        hi *= 2.0;
    }
    let mut lo = 0.0;
    for _ in 0..60 {
        let mid = 0.5 * (lo + hi);
        if dist(mid) < clearance_m {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    hi
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swl_interpolates_and_refuses_outside() {
        let t = [[10.0, 5000.0], [20.0, 3000.0], [40.0, 1000.0]];
        assert_eq!(swl_at(&t, 10.0), Some(5000.0));
        assert_eq!(swl_at(&t, 15.0), Some(4000.0));
        assert_eq!(swl_at(&t, 30.0), Some(2000.0));
        assert_eq!(swl_at(&t, 40.0), Some(1000.0));
        assert_eq!(swl_at(&t, 9.9), None);
        assert_eq!(swl_at(&t, 40.1), None);
        assert_eq!(swl_at(&[], 10.0), None);
    }

    #[test]
    fn submerged_weight_of_a_1300_t_cabin() {
        // 1,300 t, 800 m³ displaced, ρ 1025 kg/m³: 1300 − 1025·800/1000 = 1300 − 820 = 480 t.
        assert!((submerged_mass_t(1300.0, 800.0, 1025.0) - 480.0).abs() < 1e-9);
        // Buoyant: 1,300 m³ displaces 1,332.5 t.
        assert!((submerged_mass_t(1300.0, 1300.0, 1025.0) + 32.5).abs() < 1e-9);
    }

    #[test]
    fn hook_height_is_bounded_by_the_boom_tip_at_the_radius() {
        // Test crane: tip 70 m above the waterline, deck 8 m: 62 m over the deck, chart 60 m.
        let mut c = crate::lift::testutil::crane();
        let h = hook_height_at(&c, 30.0);
        assert_eq!((h.available_m, h.tip_above_deck_m), (60.0, 62.0));
        assert!(h.conflicts.is_empty());
        c.pedestal_fwd_stbd_up_m[2] = 40.0;
        assert_eq!(hook_height_at(&c, 30.0).available_m, 32.0);
        // A hook-height curve read at the radius; one that rises above the tip contradicts it.
        c.hook_height_table = Some(vec![[20.0, 40.0], [50.0, 20.0]]);
        let h = hook_height_at(&c, 30.0);
        assert!(
            (h.available_m - 32.0).abs() < 1e-12 && h.conflicts.len() == 1,
            "{h:?}"
        );
        let h = hook_height_at(&c, 40.0);
        assert!((h.available_m - 80.0 / 3.0).abs() < 1e-12 && h.conflicts.is_empty());
        assert_eq!(hook_height_at(&c, 60.0).conflicts.len(), 1);
        c.pedestal_fwd_stbd_up_m[2] = 5.0;
        let h = hook_height_at(&c, 40.0);
        assert_eq!(h.available_m, 0.0);
        assert!(h.conflicts[0].contains("not above the deck"), "{h:?}");
    }

    #[test]
    fn radius_needed_over_the_side() {
        // Pedestal on the centreline amidships, beam 40 m, slew 90° (starboard): the hull side is
        // 20 m away, the cabin (footprint radius 5 m) needs 25 m.
        let r = required_radius_m([0.0, 0.0], 90.0, 150.0, 40.0, 5.0);
        assert!((r - 25.0).abs() < 1e-6, "{r}");
        // Over the stern from a pedestal 60 m aft of midships on a 150 m hull: 15 m + 5 m.
        let r = required_radius_m([-60.0, 0.0], 180.0, 150.0, 40.0, 5.0);
        assert!((r - 20.0).abs() < 1e-6, "{r}");
    }
}
