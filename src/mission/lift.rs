//! `[vessel.crane]`, `[lift]` and `[cabin_types.drag]`: the crane and rigging, the lift and
//! lowering plan (phases, tolerance, current profile, weather-restricted operations, as-placed
//! fixes) and the cabin's hydrodynamic data.
//!
//! Vessel frame used throughout: origin amidships (half the length overall) on the centreline at
//! the waterline, `x` forward, `y` to starboard, `z` up (file fields say `_fwd_stbd_up_m`); the
//! hull is taken as the rectangle `length_m` × `beam_m` around it. Headings are degrees
//! clockwise from true north.

use super::Ranges;
use super::ranges::plausible;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// The vessel's main crane and its rigging.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Crane {
    /// Safe working load against working radius: `[[radius_m, swl_t], …]`, radius strictly
    /// increasing (the manufacturer's load chart, main hoist). Linear between rows; outside the
    /// table there is no rating.
    pub swl_table: Vec<[f64; 2]>,
    /// Largest hook height above the deck (m), at the crane's shortest radius.
    pub max_hook_height_m: f64,
    /// Hook height above the deck against working radius, `[[radius_m, hook_height_m], …]`,
    /// radius strictly increasing (the hook-height curve of the load chart). Without it the
    /// hook height at the planned radius is bounded by the boom tip's height above the deck.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hook_height_table: Option<Vec<[f64; 2]>>,
    /// Height of the main deck above the waterline (m).
    pub deck_height_m: f64,
    /// Main-hoist lowering speed at full load (m/min); typical 2–10 m/min (domain-reference §5 \[E\]).
    pub lowering_speed_m_min: f64,
    /// Slow set-down and splash-zone speed (m/min); typical 0.1–0.5 m/min (domain-reference §5 \[E\]).
    pub set_down_speed_m_min: f64,
    /// Mass of the rigging below the hook: hook block, spreader, slings, shackles (t).
    pub rigging_mass_t: f64,
    /// Dynamic amplification factor on the static hook load (DNV-ST-N001 sec. 16.2, chosen by
    /// static hook load and whether the lift is inshore or offshore).
    pub daf: f64,
    /// Slew centre of the crane (`[x_fwd, y_stbd, z_up]`, m) in the vessel frame; `z` is the
    /// boom-tip sheave height above the waterline at the planned radius.
    pub pedestal_fwd_stbd_up_m: [f64; 3],
    /// GNSS antenna phase centre (`[x_fwd, y_stbd, z_up]`, m) in the vessel frame.
    pub gnss_antenna_fwd_stbd_up_m: [f64; 3],
    /// Diameter of one part of the hoist wire (m).
    pub wire_diameter_m: f64,
    /// Parts (falls) of wire between boom tip and hook block.
    #[serde(default = "one")]
    pub wire_falls: u32,
    /// Mass of one part of the hoist wire per metre, in air (kg/m).
    pub wire_mass_kg_m: f64,
}

fn one() -> u32 {
    1
}

/// The most parts of wire between boom tip and hook block: the largest offshore crane blocks
/// reeve a few tens of falls \[E\].
pub const MAX_WIRE_FALLS: u32 = 100;

impl Crane {
    pub(super) fn check_ranges(&self, path: &str, r: &mut Ranges) {
        if self.swl_table.is_empty() {
            r.fail(
                format!("{path}.swl_table"),
                "empty: expected [[radius_m, swl_t], …] rows".into(),
            );
        }
        let (max_radius, max_swl) = (plausible("radius_m").1, plausible("swl_t").1);
        let (max_hook, max_offset) = (plausible("max_hook_height_m").1, plausible("length_m").1);
        let within = |v: f64, hi: f64| v.is_finite() && v > 0.0 && v <= hi;
        for (i, row) in self.swl_table.iter().enumerate() {
            let p = format!("{path}.swl_table[{i}]");
            if !(within(row[0], max_radius) && within(row[1], max_swl)) {
                r.fail(
                    p.clone(),
                    format!(
                        "{row:?}: expected a radius_m > 0 and ≤ {max_radius} and a swl_t > 0 \
                         and ≤ {max_swl}"
                    ),
                );
            }
            if i > 0 && row[0] <= self.swl_table[i - 1][0] {
                r.fail(
                    p,
                    format!(
                        "radius {} m does not increase: expected rows sorted by radius",
                        row[0]
                    ),
                );
            }
        }
        r.positive(path, "max_hook_height_m", self.max_hook_height_m);
        for (i, row) in self.hook_height_table.iter().flatten().enumerate() {
            let prev = i
                .checked_sub(1)
                .and_then(|j| self.hook_height_table.as_ref()?.get(j));
            if !(within(row[0], max_radius) && within(row[1], max_hook))
                || prev.is_some_and(|p| row[0] <= p[0])
            {
                r.fail(
                    format!("{path}.hook_height_table[{i}]"),
                    format!(
                        "{row:?}: expected a radius_m > 0 and ≤ {max_radius}, increasing, and a \
                         hook_height_m > 0 and ≤ {max_hook}"
                    ),
                );
            }
        }
        r.non_negative(path, "deck_height_m", self.deck_height_m);
        r.positive(path, "lowering_speed_m_min", self.lowering_speed_m_min);
        r.positive(path, "set_down_speed_m_min", self.set_down_speed_m_min);
        r.non_negative(path, "rigging_mass_t", self.rigging_mass_t);
        r.within(path, "daf", self.daf, 1.0, 3.0);
        r.positive(path, "wire_diameter_m", self.wire_diameter_m);
        r.non_negative(path, "wire_mass_kg_m", self.wire_mass_kg_m);
        if !(1..=MAX_WIRE_FALLS).contains(&self.wire_falls) {
            r.fail(
                format!("{path}.wire_falls"),
                format!(
                    "{} is out of range: expected 1 to {MAX_WIRE_FALLS}",
                    self.wire_falls
                ),
            );
        }
        for (f, v) in [
            ("pedestal_fwd_stbd_up_m", self.pedestal_fwd_stbd_up_m),
            (
                "gnss_antenna_fwd_stbd_up_m",
                self.gnss_antenna_fwd_stbd_up_m,
            ),
        ] {
            if v.iter().any(|c| !(c.is_finite() && c.abs() <= max_offset)) {
                r.fail(
                    format!("{path}.{f}"),
                    format!("{v:?}: expected three numbers from −{max_offset} to {max_offset} m"),
                );
            }
        }
    }
}

/// Hydrodynamic data of a cabin type for the lowering analysis.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CabinDrag {
    /// Drag coefficient for horizontal flow past the cabin. DNV-RP-C205 (2019) sec. 6.7 gives
    /// 0.65–1.05 for a smooth to rough circular cylinder in cross-flow (post-critical Re);
    /// DNV-RP-H103 (2011) Table B-1 gives ≈ 2.0 for a square section and 1.0–2.5 for boxes
    /// depending on proportions.
    pub cd_lateral: f64,
    /// Area projected on a vertical plane normal to the current (m²): length × height for a
    /// horizontal cylinder, diameter × height for a vertical one.
    pub lateral_area_m2: f64,
    /// Added-mass coefficient for lateral motion (added mass = Ca·ρ·V); DNV-RP-H103 Table A-1:
    /// 1.0 for a circular cylinder in cross-flow.
    pub ca_lateral: f64,
}

impl CabinDrag {
    pub(super) fn check_ranges(&self, path: &str, r: &mut Ranges) {
        r.within(path, "cd_lateral", self.cd_lateral, 0.1, 5.0);
        r.positive(path, "lateral_area_m2", self.lateral_area_m2);
        r.within(path, "ca_lateral", self.ca_lateral, 0.0, 5.0);
    }
}

/// The lift and lowering plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LiftPlan {
    /// Planned crane working radius at lift-off and set-down (m).
    pub radius_m: f64,
    /// Crane slew at set-down, degrees clockwise from the bow (90 = over starboard).
    pub slew_deg: f64,
    /// Height of the rigging from the cabin's top to the hook (m).
    pub rigging_height_m: f64,
    /// Clearance to lift the cabin over its sea-fastening and the bulwark (m).
    pub liftoff_clearance_m: f64,
    /// Duration of rigging checks, lift-off and slew until the cabin hangs over the water (min).
    pub liftoff_min: f64,
    /// Hold with the cabin just submerged in the splash zone (min), domain-reference §5.
    pub splash_hold_min: f64,
    /// Height of the hold above the seabed (m); default 5 m, domain-reference §5 \[E\].
    #[serde(default = "default_hold_height")]
    pub seabed_hold_height_m: f64,
    /// Duration of the hold above the seabed for positioning (min).
    pub seabed_hold_min: f64,
    /// Horizontal placement tolerance (m); default ±0.5 m, domain-reference §5 \[E\].
    #[serde(default = "default_tolerance")]
    pub tolerance_m: f64,
    /// Heading placement tolerance (degrees); default ±2°, domain-reference §5 \[E\].
    #[serde(default = "default_heading_tolerance")]
    pub heading_tolerance_deg: f64,
    /// Band around the wave periods inside which the pendulum period is reported as near
    /// resonance (%, default 20 \[E\]: an engineering margin, not a standard's value).
    #[serde(default = "default_resonance_margin")]
    pub resonance_margin_pct: f64,
    /// Weight-contingency factor on the cabin's mass estimate for the hook load (upper-bound
    /// design weight). Default 1.10 for an object whose weight is calculated, not weighed;
    /// 1.03 once weighed (DNV-ST-N001 sec. 16.2 "weight and centre of gravity", following
    /// the weight-contingency practice of GL Noble Denton 0027/ND sec. 6.2 / 0001/ND sec. 8.3)
    /// [P, clause numbers to be confirmed against the standard's text].
    #[serde(default = "default_weight_contingency")]
    pub weight_contingency_factor: f64,
    /// The current during lowering.
    pub current: CurrentProfile,
    /// Alpha-factor table (CSV `t_pop_h,hs_m,alpha`) relative to the mission; default the table
    /// shipped with fathom (`assets/alpha_factors.csv`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alpha_table: Option<PathBuf>,
    /// Weather-restricted operations whose windows are searched.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operations: Vec<Operation>,
    /// As-placed GNSS fixes at set-down, for the placement check.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub as_placed: Vec<AsPlaced>,
}

fn default_hold_height() -> f64 {
    5.0
}
fn default_tolerance() -> f64 {
    0.5
}
fn default_heading_tolerance() -> f64 {
    2.0
}
fn default_weight_contingency() -> f64 {
    1.10
}
fn default_resonance_margin() -> f64 {
    20.0
}

impl LiftPlan {
    pub(super) fn check_ranges(&self, path: &str, r: &mut Ranges) {
        r.positive(path, "radius_m", self.radius_m);
        r.within(path, "slew_deg", self.slew_deg, -360.0, 360.0);
        r.non_negative(path, "rigging_height_m", self.rigging_height_m);
        r.non_negative(path, "liftoff_clearance_m", self.liftoff_clearance_m);
        r.non_negative(path, "liftoff_min", self.liftoff_min);
        r.non_negative(path, "splash_hold_min", self.splash_hold_min);
        r.non_negative(path, "seabed_hold_height_m", self.seabed_hold_height_m);
        r.non_negative(path, "seabed_hold_min", self.seabed_hold_min);
        r.positive(path, "tolerance_m", self.tolerance_m);
        r.positive(path, "heading_tolerance_deg", self.heading_tolerance_deg);
        r.within(
            path,
            "resonance_margin_pct",
            self.resonance_margin_pct,
            0.0,
            100.0,
        );
        r.within(
            path,
            "weight_contingency_factor",
            self.weight_contingency_factor,
            1.0,
            1.5,
        );
        self.current.check_ranges(&format!("{path}.current"), r);
        for (i, o) in self.operations.iter().enumerate() {
            o.check_ranges(&format!("{path}.operations[{i}]"), r);
        }
        for (i, a) in self.as_placed.iter().enumerate() {
            let p = format!("{path}.as_placed[{i}]");
            r.lon_lat(&p, a.lon, a.lat);
            r.within(&p, "heading_deg", a.heading_deg, -360.0, 360.0);
            r.within(&p, "roll_deg", a.roll_deg, -30.0, 30.0);
            r.within(&p, "pitch_deg", a.pitch_deg, -30.0, 30.0);
            r.within(&p, "cabin_heading_deg", a.cabin_heading_deg, -360.0, 360.0);
            if let Some(slew) = a.slew_deg {
                r.within(&p, "slew_deg", slew, -360.0, 360.0);
            }
            if let Some(radius) = a.radius_m {
                r.positive(&p, "radius_m", radius);
            }
        }
    }
}

/// Current profile over depth: a surface speed and its shape.
///
/// Shape: the power law of DNV-RP-C205 (2019) eq. 4.1.4 for tidal current,
/// U(z) = U₀·((d − z)/d)^α with z depth below the surface, d water depth and α = 1/7 by
/// default; or a table of `[depth_fraction, factor]` rows (0 = surface, 1 = seabed), linear
/// between rows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CurrentProfile {
    /// Design surface current for the touchdown offset (m/s).
    pub surface_ms: f64,
    /// Power-law exponent α; default 1/7 (DNV-RP-C205 sec. 4.1.4).
    #[serde(default = "default_exponent")]
    pub exponent: f64,
    /// `[[depth_fraction, factor], …]` instead of the power law, depth fraction increasing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<Vec<[f64; 2]>>,
}

/// The largest factor of a current-profile table: the current at depth rarely exceeds the
/// surface current (a jet under a stratified layer may reach ≈ 1.5×) \[E\].
pub const MAX_PROFILE_FACTOR: f64 = 5.0;

fn default_exponent() -> f64 {
    1.0 / 7.0
}

impl CurrentProfile {
    fn check_ranges(&self, path: &str, r: &mut Ranges) {
        r.non_negative(path, "surface_ms", self.surface_ms);
        r.within(path, "exponent", self.exponent, 0.0, 2.0);
        if let Some(t) = &self.table {
            if t.is_empty() {
                r.fail(format!("{path}.table"), "empty: expected rows".into());
            }
            for (i, row) in t.iter().enumerate() {
                let ok = (0.0..=1.0).contains(&row[0])
                    && (0.0..=MAX_PROFILE_FACTOR).contains(&row[1])
                    && (i == 0 || row[0] > t[i - 1][0]);
                if !ok {
                    r.fail(
                        format!("{path}.table[{i}]"),
                        format!(
                            "{row:?}: expected an increasing depth fraction in [0, 1] and a \
                             factor from 0 to {MAX_PROFILE_FACTOR}"
                        ),
                    );
                }
            }
        }
    }
}

/// One weather-restricted operation (DNV-ST-N001 sec. 2.6): its planned duration, contingency
/// and design limits. The forecast limit is α × the design limit (domain-reference §5).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Operation {
    /// Name of the operation, used in the weather-window results and messages.
    pub name: String,
    /// Planned operation period T_POP (h).
    pub duration_h: f64,
    /// Contingency T_C (h); default T_POP, so T_R = 2·T_POP (DNV-ST-N001 sec. 2.6 when the
    /// contingency is unknown, domain-reference §5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contingency_h: Option<f64>,
    /// Design significant wave height limit (m), reduced by α.
    pub hs_max_m: f64,
    /// Mean wind speed limit (m/s).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wind_max_ms: Option<f64>,
    /// Surface current limit (m/s).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_max_ms: Option<f64>,
}

impl Operation {
    /// Reference period T_R = T_POP + T_C (h).
    pub fn reference_period_h(&self) -> f64 {
        self.duration_h + self.contingency_h.unwrap_or(self.duration_h)
    }

    fn check_ranges(&self, path: &str, r: &mut Ranges) {
        r.positive(path, "duration_h", self.duration_h);
        if let Some(c) = self.contingency_h {
            r.non_negative(path, "contingency_h", c);
        }
        r.positive(path, "hs_max_m", self.hs_max_m);
        if let Some(w) = self.wind_max_ms {
            r.positive(path, "wind_max_ms", w);
        }
        if let Some(c) = self.current_max_ms {
            r.positive(path, "current_max_ms", c);
        }
    }
}

/// The vessel's GNSS fix and attitude when a cabin was set down, with the cabin's measured
/// heading: the input of the placement check.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AsPlaced {
    /// The cabin's id.
    pub cabin: String,
    /// GNSS antenna position, WGS 84.
    pub lon: f64,
    /// GNSS antenna latitude, WGS 84 (degrees).
    pub lat: f64,
    /// Vessel heading (degrees clockwise from true north).
    pub heading_deg: f64,
    /// Roll, starboard down positive (degrees).
    #[serde(default)]
    pub roll_deg: f64,
    /// Pitch, bow up positive (degrees).
    #[serde(default)]
    pub pitch_deg: f64,
    /// Crane slew (degrees clockwise from the bow); default the plan's `slew_deg`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slew_deg: Option<f64>,
    /// Crane radius (m); default the plan's `radius_m`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub radius_m: Option<f64>,
    /// The cabin's measured heading on the seabed (degrees clockwise from true north).
    pub cabin_heading_deg: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hook_height_table_and_contingency_are_range_checked() {
        let crane: Crane = toml::from_str(
            "swl_table = [[20.0, 100.0]]\nmax_hook_height_m = 30.0\ndeck_height_m = 5.0\n\
             lowering_speed_m_min = 5.0\nset_down_speed_m_min = 0.2\nrigging_mass_t = 5.0\n\
             daf = 1.1\npedestal_fwd_stbd_up_m = [0.0, 0.0, 40.0]\n\
             gnss_antenna_fwd_stbd_up_m = [0.0, 0.0, 20.0]\nwire_diameter_m = 0.05\n\
             wire_mass_kg_m = 10.0\nhook_height_table = [[20.0, 30.0], [20.0, 25.0], [30.0, -1.0]]\n",
        )
        .unwrap();
        let mut r = Ranges::default();
        crane.check_ranges("vessel.crane", &mut r);
        let paths: Vec<String> = r.into_issues().into_iter().map(|(p, _)| p).collect();
        assert_eq!(
            paths,
            [
                "vessel.crane.hook_height_table[1]",
                "vessel.crane.hook_height_table[2]"
            ]
        );
        let mut plan: LiftPlan = toml::from_str(
            "radius_m = 20.0\nslew_deg = 90.0\nrigging_height_m = 5.0\nliftoff_clearance_m = 1.0\n\
             liftoff_min = 10.0\nsplash_hold_min = 10.0\nseabed_hold_min = 10.0\n\
             [current]\nsurface_ms = 0.3\n",
        )
        .unwrap();
        assert_eq!(plan.weight_contingency_factor, 1.10);
        plan.weight_contingency_factor = 0.9;
        let mut r = Ranges::default();
        plan.check_ranges("lift", &mut r);
        assert_eq!(r.into_issues()[0].0, "lift.weight_contingency_factor");
    }
}
