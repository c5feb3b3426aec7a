//! The lift of one cabin, end to end: loads per phase, hook height at the radius, radius,
//! lowering phases, touchdown offset and its current limit, the swing's two modes per phase.

use super::crane::{self, PhaseLoad, STEEL_DENSITY_KGM3};
use super::drift::{self, G, HangingLoad};
use super::lowering::{self, Phase};
use super::pendulum::{self, DoublePendulum, PendulumCheck};
use crate::mission::{CabinType, Crane, LiftPlan, Metocean, Vessel};
use serde::Serialize;

/// Everything fathom computes for lifting and lowering one cabin.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CabinLift {
    /// The cabin's id.
    pub cabin: String,
    /// Id of the cabin's type.
    pub cabin_type: String,
    /// Water depth at the cabin at the planning level (m).
    pub depth_m: f64,
    /// Planned crane radius (m), from the lift plan.
    pub radius_m: f64,
    /// Smallest radius at which the cabin hangs clear of the hull (m).
    pub radius_needed_m: f64,
    /// Submerged mass of the cabin, m − ρV (t).
    pub submerged_mass_t: f64,
    /// Dynamic hook load against the crane's rating in each phase (lift-off, splash zone,
    /// submerged at touchdown).
    pub loads: Vec<PhaseLoad>,
    /// Hook height above the deck needed to lift the cabin clear (m): cabin + rigging height +
    /// lift-off clearance.
    pub hook_height_needed_m: f64,
    /// Hook height above the deck the crane offers at the planned radius (m).
    pub hook_height_available_m: f64,
    /// The lowering phases with their durations.
    pub phases: Vec<Phase>,
    /// Duration of all lowering phases (min).
    pub total_min: f64,
    /// Design surface current (m/s): the lift plan's `current.surface_ms`.
    pub design_current_ms: f64,
    /// Horizontal offset of the cabin at touchdown in the design current (m); `None` without
    /// drag data or for a floating cabin.
    pub touchdown_offset_m: Option<f64>,
    /// Largest surface current keeping the offset within the tolerance (m/s); `None` when the
    /// offset cannot be computed or 10 m/s still keeps it within.
    pub max_current_ms: Option<f64>,
    /// Horizontal placement tolerance (m), from the lift plan.
    pub tolerance_m: f64,
    /// Both modes of the swing in air (lift-off to the splash zone) and submerged (splash zone
    /// to touchdown).
    pub pendulum: Vec<PendulumCheck>,
}

/// Inputs shared by every cabin of a mission.
pub struct LiftSetup<'a> {
    /// The installation vessel (hull size for the radius needed).
    pub vessel: &'a Vessel,
    /// The crane: load chart, geometry, wire and rigging.
    pub crane: &'a Crane,
    /// The lift plan: radius, slew, speeds, holds, current and tolerances.
    pub plan: &'a LiftPlan,
    /// Metocean inputs: seawater density and the wave period range for the swing check.
    pub metocean: Metocean,
}

impl LiftSetup<'_> {
    /// Assesses the lift of cabin `id` of type `t` at water depth `depth_m`.
    pub fn assess(&self, id: &str, t: &CabinType, depth_m: f64) -> CabinLift {
        let (c, plan) = (self.crane, self.plan);
        let rho = self.metocean.seawater_density_kgm3;
        let sub_t = crane::submerged_mass_t(t.mass_t, t.displaced_volume_m3, rho);
        let radius_needed_m = crane::required_radius_m(
            [c.pedestal_fwd_stbd_up_m[0], c.pedestal_fwd_stbd_up_m[1]],
            plan.slew_deg,
            self.vessel.length_m,
            self.vessel.beam_m,
            crane::footprint_radius_m(t),
        );
        let phases = lowering::phases(c, t, plan, depth_m);
        let rigging_sub_t = c.rigging_mass_t * (1.0 - rho / STEEL_DENSITY_KGM3);
        let hanging = t.drag.clone().map(|drag| HangingLoad {
            depth_m,
            cabin_height_m: t.height_m,
            rigging_height_m: plan.rigging_height_m,
            submerged_weight_n: (sub_t + rigging_sub_t) * 1000.0 * G,
            drag,
            wire_diameter_m: c.wire_diameter_m * c.wire_falls as f64,
            wire_weight_n_m: c.wire_mass_kg_m
                * c.wire_falls as f64
                * (1.0 - rho / STEEL_DENSITY_KGM3)
                * G,
            wire_weight_air_n_m: c.wire_mass_kg_m * c.wire_falls as f64 * G,
            tip_height_m: c.pedestal_fwd_stbd_up_m[2].max(0.0),
            density_kgm3: rho,
        });
        let offset = hanging
            .as_ref()
            .and_then(|h| drift::touchdown_offset_m(h, &plan.current, plan.current.surface_ms));
        let max_current = hanging
            .as_ref()
            .and_then(|h| drift::max_current_ms(h, &plan.current, plan.tolerance_m));
        let pendulum = self.pendulum(t, depth_m);
        CabinLift {
            cabin: id.to_string(),
            cabin_type: t.id.clone(),
            depth_m,
            radius_m: plan.radius_m,
            radius_needed_m,
            submerged_mass_t: sub_t,
            loads: crane::phase_loads(c, t, plan, rho, depth_m),
            hook_height_needed_m: crane::required_hook_height_m(t, plan),
            hook_height_available_m: crane::hook_height_at(c, plan.radius_m).available_m,
            total_min: lowering::total_min(&phases),
            phases,
            design_current_ms: plan.current.surface_ms,
            touchdown_offset_m: offset,
            max_current_ms: max_current,
            tolerance_m: plan.tolerance_m,
            pendulum,
        }
    }
}

impl LiftSetup<'_> {
    /// The swing of cabin type `t` over the two phases of its lowering to `depth_m`: in air the
    /// falls run from the hook at lift-off height to the cabin's bottom at the waterline;
    /// submerged, from the cabin's top at the waterline to touchdown. Hook block and rigging hang
    /// at the hook (submerged weight once the hook is under water); the cabin's centre of gravity
    /// is taken at mid-height.
    fn pendulum(&self, t: &CabinType, depth_m: f64) -> Vec<PendulumCheck> {
        let (c, plan) = (self.crane, self.plan);
        let rho = self.metocean.seawater_density_kgm3;
        let tip = c.pedestal_fwd_stbd_up_m[2].max(0.0);
        let (rig, h) = (plan.rigging_height_m, t.height_m);
        let hook_liftoff = c.deck_height_m + crane::required_hook_height_m(t, plan);
        let m1 = c.rigging_mass_t * 1000.0;
        let m = t.mass_t * 1000.0;
        let buoyancy = rho * t.displaced_volume_m3;
        let ca = t.drag.as_ref().map_or(0.0, |d| d.ca_lateral);
        let (tp, margin) = (self.metocean.wave_period_range_s, plan.resonance_margin_pct);
        let mut out = pendulum::sweep(
            "in air",
            [(tip - hook_liftoff).max(0.0), (tip - rig - h).max(0.0)],
            |l1| DoublePendulum {
                l1_m: l1,
                l2_m: rig + h / 2.0,
                m1_kg: m1,
                w1_n: m1 * G,
                m2_kg: m,
                w2_n: m * G,
            },
            tp,
            margin,
        );
        out.extend(pendulum::sweep(
            "submerged",
            [(tip - rig).max(0.0), tip + (depth_m - h - rig).max(0.0)],
            |l1| DoublePendulum {
                l1_m: l1,
                l2_m: rig + h / 2.0,
                m1_kg: m1,
                w1_n: m1
                    * G
                    * if l1 > tip {
                        1.0 - rho / STEEL_DENSITY_KGM3
                    } else {
                        1.0
                    },
                m2_kg: m + ca * buoyancy,
                w2_n: (m - buoyancy) * G,
            },
            tp,
            margin,
        ));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lift::testutil::{cabin, crane, plan};

    fn vessel() -> Vessel {
        toml::from_str(
            "name = \"v\"\nlength_m = 150.0\nbeam_m = 40.0\ndraught_m = 8.0\n\
             block_coefficient = 0.8\nservice_speed_kn = 10.0\nukc_min_m = 1.0\n",
        )
        .unwrap()
    }

    #[test]
    fn assessment_by_hand() {
        let (v, c, p) = (vessel(), crane(), plan());
        let setup = LiftSetup {
            vessel: &v,
            crane: &c,
            plan: &p,
            metocean: Metocean::default(),
        };
        let a = setup.assess("C1", &cabin(), 35.0);
        assert!((a.submerged_mass_t - 480.0).abs() < 1e-9);
        // Over the stern from 60 m aft of midships (hull ends 75 m aft): 15 m + half-diagonal
        // of 20 × 8 m = 10.77 m.
        assert!((a.radius_needed_m - (15.0 + 464f64.sqrt() / 2.0)).abs() < 1e-6);
        // In air at 30 m: DAF 1.1 × (1300 t × contingency 1.1 + 50 t rigging) = 1628 t + wire
        // (4 × 30 kg/m over 70 − 8 − 22 = 40 m = 4.8 t) against 3000 t.
        assert!(
            (a.loads[0].hook_load_t - 1632.8).abs() < 1e-9,
            "{:?}",
            a.loads[0]
        );
        assert_eq!(a.loads[0].swl_t, Some(3000.0));
        assert_eq!(a.hook_height_needed_m, 24.0);
        assert_eq!(a.hook_height_available_m, 60.0);
        // Submerged: 1.1 × ((1430 − 820) t + 50·(1 − 1025/7850) t) + wire (4 × 30 kg/m, 70 m in
        // air and 35 − 22 = 13 m submerged at 1 − 1025/7850).
        let rig = 50.0 * (1.0 - 1025.0 / 7850.0);
        let wire = 0.12 * (70.0 + 13.0 * (1.0 - 1025.0 / 7850.0));
        assert!((a.loads[2].hook_load_t - (1.1 * (610.0 + rig) + wire)).abs() < 1e-9);
        let off = a.touchdown_offset_m.unwrap();
        assert!(off > 0.0 && off < 0.5, "{off}");
        assert!(a.max_current_ms.unwrap() > 0.5);
        // Falls in air from 70 − (8 + 24) = 38 m to 70 − 22 = 48 m; submerged 58 m to 83 m.
        let p: Vec<_> = a
            .pendulum
            .iter()
            .map(|p| (p.phase, p.mode, p.falls_m))
            .collect();
        assert_eq!(
            p,
            [
                ("in air", 1, [38.0, 48.0]),
                ("in air", 2, [38.0, 48.0]),
                ("submerged", 1, [58.0, 83.0]),
                ("submerged", 2, [58.0, 83.0]),
            ]
        );
    }
}
