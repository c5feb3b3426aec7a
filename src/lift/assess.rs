//! The lift of one cabin, end to end: loads per phase, hook height, radius, lowering phases,
//! touchdown offset and its current limit, pendulum periods.

use super::crane::{self, PhaseLoad, STEEL_DENSITY_KGM3};
use super::drift::{self, G, HangingLoad};
use super::lowering::{self, Phase};
use super::pendulum::{self, PendulumCheck};
use crate::mission::{CabinType, Crane, LiftPlan, Metocean, Vessel};
use serde::Serialize;

/// Everything fathom computes for lifting and lowering one cabin.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CabinLift {
    pub cabin: String,
    pub cabin_type: String,
    /// Water depth at the cabin at the planning level (m).
    pub depth_m: f64,
    pub radius_m: f64,
    /// Smallest radius at which the cabin hangs clear of the hull (m).
    pub radius_needed_m: f64,
    /// Submerged mass of the cabin, m − ρV (t).
    pub submerged_mass_t: f64,
    pub loads: Vec<PhaseLoad>,
    pub hook_height_needed_m: f64,
    pub max_hook_height_m: f64,
    pub phases: Vec<Phase>,
    pub total_min: f64,
    /// Design surface current (m/s) and the touchdown offset it gives (m); `None` without drag
    /// data or for a floating cabin.
    pub design_current_ms: f64,
    pub touchdown_offset_m: Option<f64>,
    /// Largest surface current keeping the offset within the tolerance (m/s); `None` when the
    /// offset cannot be computed or 10 m/s still keeps it within.
    pub max_current_ms: Option<f64>,
    pub tolerance_m: f64,
    pub pendulum: Vec<PendulumCheck>,
}

/// Inputs shared by every cabin of a mission.
pub struct LiftSetup<'a> {
    pub vessel: &'a Vessel,
    pub crane: &'a Crane,
    pub plan: &'a LiftPlan,
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
        let tip_height = c.pedestal_fwd_stbd_up_m[2].max(0.0);
        let ca = t.drag.as_ref().map_or(0.0, |d| d.ca_lateral);
        let pendulum = pendulum::checks(
            plan.rigging_height_m + t.height_m / 2.0,
            tip_height + depth_m - t.height_m / 2.0,
            t.mass_t * 1000.0,
            t.displaced_volume_m3,
            ca,
            rho,
            self.metocean.wave_period_range_s,
            plan.resonance_margin_pct,
        );
        CabinLift {
            cabin: id.to_string(),
            cabin_type: t.id.clone(),
            depth_m,
            radius_m: plan.radius_m,
            radius_needed_m,
            submerged_mass_t: sub_t,
            loads: crane::phase_loads(c, t, plan, rho, depth_m),
            hook_height_needed_m: crane::required_hook_height_m(t, plan),
            max_hook_height_m: c.max_hook_height_m,
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
        // In air at 30 m: 1300·1.1 + 50 = 1480 t + wire (4 × 30 kg/m over 70 − 8 − 22 = 40 m
        // = 4.8 t) against 3000 t.
        assert!(
            (a.loads[0].hook_load_t - 1484.8).abs() < 1e-9,
            "{:?}",
            a.loads[0]
        );
        assert_eq!(a.loads[0].swl_t, Some(3000.0));
        assert_eq!(a.hook_height_needed_m, 24.0);
        let off = a.touchdown_offset_m.unwrap();
        assert!(off > 0.0 && off < 0.5, "{off}");
        assert!(a.max_current_ms.unwrap() > 0.5);
    }
}
