//! Lowering phases and their durations from the water depth at the cabin.

use crate::mission::{CabinType, Crane, LiftPlan};
use serde::Serialize;

/// One phase of the lowering with its duration.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Phase {
    /// Name of the phase, e.g. "splash zone" or "set-down".
    pub name: &'static str,
    /// Distance the cabin travels in the phase (m); 0 for holds and the lift-off.
    pub distance_m: f64,
    /// Duration of the phase (min).
    pub duration_min: f64,
}

/// The lowering sequence of domain-reference §5 (Noble Denton 0027/ND sec. 19.3.6, stops at the
/// splash zone and ~5 m above the seabed):
/// 1. lift-off and slew: `liftoff_min` from the plan;
/// 2. splash zone: the cabin's height crosses the surface at set-down speed, then
///    `splash_hold_min`;
/// 3. lowering at the main-hoist speed from just submerged to the hold height above the seabed:
///    (depth − hold − cabin height) / v_lower;
/// 4. hold above the seabed: `seabed_hold_min`;
/// 5. set-down: the hold height at set-down speed.
///
/// Example: Hainan, 35 m in ≈ 3 h (domain-reference §1.2).
pub fn phases(crane: &Crane, cabin: &CabinType, plan: &LiftPlan, depth_m: f64) -> Vec<Phase> {
    let hold = plan
        .seabed_hold_height_m
        .min((depth_m - cabin.height_m).max(0.0));
    let lower = (depth_m - hold - cabin.height_m).max(0.0);
    let slow = crane.set_down_speed_m_min;
    vec![
        Phase {
            name: "lift-off and slew",
            distance_m: 0.0,
            duration_min: plan.liftoff_min,
        },
        Phase {
            name: "splash zone",
            distance_m: cabin.height_m,
            duration_min: cabin.height_m / slow + plan.splash_hold_min,
        },
        Phase {
            name: "lowering",
            distance_m: lower,
            duration_min: lower / crane.lowering_speed_m_min,
        },
        Phase {
            name: "hold above seabed",
            distance_m: 0.0,
            duration_min: plan.seabed_hold_min,
        },
        Phase {
            name: "set-down",
            distance_m: hold,
            duration_min: hold / slow,
        },
    ]
}

/// Total duration of the phases (min).
pub fn total_min(phases: &[Phase]) -> f64 {
    phases.iter().map(|p| p.duration_min).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lift::testutil::{cabin, crane, plan};

    #[test]
    fn durations_by_hand() {
        // Cabin 10 m high, depth 35 m, hold 5 m: lowering 20 m at 5 m/min = 4 min; splash 10 m at
        // 0.25 m/min = 40 min + 30 min hold; set-down 5 m at 0.25 m/min = 20 min.
        let p = phases(&crane(), &cabin(), &plan(), 35.0);
        let d: Vec<f64> = p.iter().map(|x| x.duration_min).collect();
        assert_eq!(d, vec![60.0, 70.0, 4.0, 30.0, 20.0]);
        assert_eq!(total_min(&p), 184.0);
    }

    #[test]
    fn shallow_site_shortens_the_hold() {
        // Depth 12 m with a 10 m cabin: only 2 m left for the hold and no lowering at speed.
        let p = phases(&crane(), &cabin(), &plan(), 12.0);
        assert_eq!(p[2].distance_m, 0.0);
        assert_eq!(p[4].distance_m, 2.0);
    }
}
