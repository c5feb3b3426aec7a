//! `[campaign]`: the installation campaign — costs, deck capacity, cabin order, start window and
//! the operation template every cabin goes through (simulated by `crate::campaign`).

use super::Ranges;
use serde::{Deserialize, Serialize};

/// The installation campaign of a mission.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Campaign {
    /// Spread day rate of the installation vessel (EUR/day) [E: heavy-lift/DP2 construction
    /// vessels are chartered at roughly 100–250 kEUR/day].
    #[serde(default = "default_day_rate")]
    pub vessel_day_rate_eur: f64,
    /// Mobilisation and demobilisation cost (EUR), paid once.
    #[serde(default)]
    pub mobilisation_eur: f64,
    /// Mobilisation time before the first load-out (h), not weather dependent.
    #[serde(default)]
    pub mobilisation_h: f64,
    /// Cabins carried per trip (deck capacity).
    #[serde(default = "default_deck")]
    pub deck_capacity_cabins: usize,
    /// Deck load capacity (t); a cabin heavier than this is a `CAMPAIGN-CAPACITY` finding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deck_load_t: Option<f64>,
    /// Cabin order (ids); default the order of `[[cabins]]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cabin_order: Vec<String>,
    /// Port load-out time per trip (h); default 24 h [E: sea-fastening one to two cabins, cf.
    /// ORBIT's 6 h cable load and per-item lift/fasten times].
    #[serde(default = "default_load_out")]
    pub load_out_h: f64,
    /// Transit distance one way (NM); default the length of `[route]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transit_nm: Option<f64>,
    /// First and last start dates (`YYYY-MM-DD`, month and day used for every year of the series).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_window: Option<[String; 2]>,
    /// Hours between simulated start dates (default 24: every start day).
    #[serde(default = "default_step")]
    pub start_step_h: u32,
    /// Required completion (`YYYY-MM-DD`, month and day): `CAMPAIGN-SEASON` when the P90 finish
    /// of a start month falls later in the year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
    /// The operations every cabin goes through; default [`crate::campaign::default_template`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operations: Vec<CampaignOperation>,
}

/// What an operation does (decides where it sits in a trip and which defaults apply).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OperationKind {
    /// Port load-out, once per trip (duration `load_out_h`).
    LoadOut,
    /// Transit from port to site, once per trip (duration from the transit distance and speed).
    Transit,
    /// Position-keeping over the cabin's target before the lift (default 2 h, NREL ORBIT
    /// `site_position_time`).
    Positioning,
    /// Lift and lowering (duration from the lift phases when `duration_h` is left out).
    Lift,
    /// Cable lay (duration from the cable lengths and `lay_speed_kmh`).
    CableLay,
    /// Pull-in of each of the cabin's cables (default 5.5 h per cable, NREL ORBIT
    /// `cable_pull_in_time`).
    PullIn,
    /// As-placed ROV survey of the cabin (default 4 h \[E\]).
    Survey,
    /// Return to port, once per trip.
    Return,
}

impl OperationKind {
    /// The name as written in the mission (`load_out`, `cable_lay`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            OperationKind::LoadOut => "load_out",
            OperationKind::Transit => "transit",
            OperationKind::Positioning => "positioning",
            OperationKind::Lift => "lift",
            OperationKind::CableLay => "cable_lay",
            OperationKind::PullIn => "pull_in",
            OperationKind::Survey => "survey",
            OperationKind::Return => "return",
        }
    }
}

/// One operation of the template.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CampaignOperation {
    /// What the operation does; decides its default duration and where it sits in a trip.
    pub kind: OperationKind,
    /// Planned duration T_POP (h); computed for transit, return, lift and cable lay when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_h: Option<f64>,
    /// Contingency T_C (h); default T_POP (DNV-ST-N001, domain-reference §5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contingency_h: Option<f64>,
    /// Design Hs limit (m); none: not weather limited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hs_max_m: Option<f64>,
    /// Mean wind speed limit (m/s); none: not limited by wind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wind_max_ms: Option<f64>,
    /// Surface current limit (m/s); none: not limited by current.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_max_ms: Option<f64>,
    /// Peak-period limit Tp (s); a series without Tp or Tz is refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tp_max_s: Option<f64>,
    /// May pause and resume hour by hour (design limits, no α); otherwise it must fit one window
    /// of T_R = T_POP + T_C with the Hs limit reduced by α.
    #[serde(default)]
    pub splittable: bool,
    /// Cable lay speed (km/h) for `cable_lay`; default 1 km/h (NREL ORBIT `cable_lay_speed`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lay_speed_kmh: Option<f64>,
    /// Only between sunrise and sunset at the site (e.g. diver or visual-survey work, a lift
    /// the contractor's procedure keeps to daylight): the night counts as weather beyond the
    /// limits (`crate::solar`, NOAA/Meeus).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub daylight_only: bool,
}

fn default_day_rate() -> f64 {
    150_000.0
}
fn default_deck() -> usize {
    1
}
fn default_load_out() -> f64 {
    24.0
}
fn default_step() -> u32 {
    24
}

/// The most cabins one trip carries: heavy-transport decks take tens of modules \[E\]; the
/// bound catches a typing slip (a capacity of 10¹⁸ means "one trip" and hides the deck limit).
pub const MAX_DECK_CABINS: usize = 1_000;

impl Campaign {
    pub(super) fn check_ranges(&self, path: &str, r: &mut Ranges) {
        r.non_negative(path, "vessel_day_rate_eur", self.vessel_day_rate_eur);
        r.non_negative(path, "mobilisation_eur", self.mobilisation_eur);
        r.non_negative(path, "mobilisation_h", self.mobilisation_h);
        r.non_negative(path, "load_out_h", self.load_out_h);
        if let Some(nm) = self.transit_nm {
            r.non_negative(path, "transit_nm", nm);
        }
        if let Some(t) = self.deck_load_t {
            r.positive(path, "deck_load_t", t);
        }
        if !(1..=MAX_DECK_CABINS).contains(&self.deck_capacity_cabins) {
            r.fail(
                format!("{path}.deck_capacity_cabins"),
                format!(
                    "{} is out of range: expected 1 to {MAX_DECK_CABINS} cabins per trip",
                    self.deck_capacity_cabins
                ),
            );
        }
        if !(1..=8_760).contains(&self.start_step_h) {
            r.fail(
                format!("{path}.start_step_h"),
                format!(
                    "{} is out of range: expected 1 to 8760 h (one year)",
                    self.start_step_h
                ),
            );
        }
        for (i, op) in self.operations.iter().enumerate() {
            let p = format!("{path}.operations[{i}]");
            for (f, v) in [
                ("duration_h", op.duration_h),
                ("hs_max_m", op.hs_max_m),
                ("wind_max_ms", op.wind_max_ms),
                ("current_max_ms", op.current_max_ms),
                ("tp_max_s", op.tp_max_s),
                ("lay_speed_kmh", op.lay_speed_kmh),
            ] {
                if let Some(v) = v {
                    r.positive(&p, f, v);
                }
            }
            if let Some(c) = op.contingency_h {
                r.non_negative(&p, "contingency_h", c);
            }
        }
    }
}
