//! `[wind_farm]`: the offshore wind farm that powers the cabins, its wind resource and the
//! supply targets.

use super::Ranges;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// Wake deficit model named in the mission.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum WakeModelName {
    /// Jensen/NOJ top-hat (k default 0.04 offshore, squared sum).
    Noj,
    /// Bastankhah & Porté-Agel 2014 Gaussian (k default 0.0324555, linear sum).
    #[default]
    Gaussian,
}

/// Wake superposition named in the mission.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SuperpositionName {
    /// Root-sum-square of the upstream deficits (Katić et al. 1986), NOJ's default.
    Squared,
    /// Linear sum of the upstream deficits, the Gaussian model's default.
    Linear,
}

/// The wind farm.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WindFarm {
    /// Free text: what the farm is modelled on.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// A shipped turbine (`iea-15mw`, `iea-10mw`, `nrel-5mw`) or a turbine CSV relative to the
    /// mission.
    pub turbine: String,
    /// Turbine positions `[lon, lat]` (WGS 84 degrees).
    pub positions: Vec<[f64; 2]>,
    /// Wake deficit model (default Gaussian).
    #[serde(default)]
    pub wake_model: WakeModelName,
    /// Wake expansion k; default per model (NOJ 0.04, Gaussian 0.0324555).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wake_k: Option<f64>,
    /// Default per model (NOJ squared, Gaussian linear).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub superposition: Option<SuperpositionName>,
    /// Fraction of time the turbines are available (0–1); default 1 (no loss applied).
    #[serde(default = "one")]
    pub availability: f64,
    /// Fraction of energy lost in the array and export cables and transformers (0–1); default 0.
    #[serde(default)]
    pub electrical_loss: f64,
    /// Share of the data centre's energy that must come from the farm (0–1), e.g. 0.95 for
    /// Lingang's "> 95 % renewable" (domain-reference §1.3). Checked as `WIND-SHARE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_renewable_share: Option<f64>,
    /// Capacity of the dedicated cable from the farm to the data centre (MW); the demand above it
    /// cannot be served by wind. Checked as `WIND-CABLE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cable_capacity_mw: Option<f64>,
    /// Design PUE used for every month until monthly PUE is computed; default 1.15 (Lingang
    /// phase 1 design, domain-reference §1.3).
    #[serde(default = "default_pue")]
    pub design_pue: f64,
    /// The wind resource at the farm (Weibull table and/or time series).
    pub resource: WindResource,
}

fn one() -> f64 {
    1.0
}

fn default_pue() -> f64 {
    1.15
}

/// The wind resource at the farm.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WindResource {
    /// Free text: where the numbers come from (and whether they are estimates).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// Height (m above sea level) of the sector Weibull table.
    pub reference_height_m: f64,
    /// Power-law shear exponent α (offshore 0.10–0.12, domain-reference §3.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shear_alpha: Option<f64>,
    /// Log-law roughness length z₀ (m), instead of `shear_alpha`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roughness_length_m: Option<f64>,
    /// Sector-wise Weibull table at `reference_height_m`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sectors: Vec<WindSector>,
    /// Hourly time series CSV (`time_utc,wind_speed_ms,wind_direction_deg,height_m`), relative
    /// to the mission.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeseries: Option<PathBuf>,
}

/// One row of the sector Weibull table.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WindSector {
    /// Sector centre, degrees clockwise from true north, where the wind comes from.
    pub sector_deg: f64,
    /// Probability of the wind coming from this sector; the rows must sum to 1 (± 0.01) and are
    /// normalised.
    pub frequency: f64,
    /// Weibull scale parameter A (m/s) at `reference_height_m`.
    pub weibull_a_ms: f64,
    /// Weibull shape parameter k (dimensionless).
    pub weibull_k: f64,
}

impl WindFarm {
    pub(super) fn check_ranges(&self, path: &str, r: &mut Ranges) {
        if self.positions.is_empty() {
            r.fail(
                format!("{path}.positions"),
                "no turbines: expected at least one `[lon, lat]`".into(),
            );
        }
        for (i, p) in self.positions.iter().enumerate() {
            r.lon_lat(&format!("{path}.positions[{i}]"), p[0], p[1]);
        }
        if let Some(k) = self.wake_k {
            r.within(path, "wake_k", k, 0.0, 1.0);
        }
        r.within(path, "availability", self.availability, 0.0, 1.0);
        r.within(path, "electrical_loss", self.electrical_loss, 0.0, 1.0);
        if let Some(s) = self.target_renewable_share {
            r.within(path, "target_renewable_share", s, 0.0, 1.0);
        }
        if let Some(c) = self.cable_capacity_mw {
            r.positive(path, "cable_capacity_mw", c);
        }
        r.within(path, "design_pue", self.design_pue, 1.0, 5.0);
        self.resource.check_ranges(&format!("{path}.resource"), r);
    }
}

impl WindResource {
    fn check_ranges(&self, path: &str, r: &mut Ranges) {
        r.within(
            path,
            "reference_height_m",
            self.reference_height_m,
            0.1,
            1000.0,
        );
        if let Some(a) = self.shear_alpha {
            r.within(path, "shear_alpha", a, 0.0, 1.0);
        }
        if let Some(z) = self.roughness_length_m {
            r.within(path, "roughness_length_m", z, 1e-6, 10.0);
        }
        if self.shear_alpha.is_some() && self.roughness_length_m.is_some() {
            r.fail(
                format!("{path}.shear_alpha"),
                "expected either `shear_alpha` (power law) or `roughness_length_m` (log law), not both".into(),
            );
        }
        if self.sectors.is_empty() && self.timeseries.is_none() {
            r.fail(
                format!("{path}.sectors"),
                "no resource: expected `sectors` (Weibull table) and/or `timeseries`".into(),
            );
        }
        for (i, s) in self.sectors.iter().enumerate() {
            let p = format!("{path}.sectors[{i}]");
            r.within(&p, "sector_deg", s.sector_deg, -360.0, 360.0);
            r.non_negative(&p, "frequency", s.frequency);
            r.within(&p, "weibull_a_ms", s.weibull_a_ms, 0.01, 100.0);
            r.within(&p, "weibull_k", s.weibull_k, 0.5, 20.0);
        }
    }
}
