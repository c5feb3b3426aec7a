//! `[metocean]`: the site's sea water, current statistics and metocean time series.

use super::Ranges;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// Sea conditions at the site, shared by the lift, weather-window and cooling analyses.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metocean {
    /// Metocean time series (CSV: `time_utc,hs_m,tp_s,wind_ms,current_ms[,tide_m]`), relative to
    /// the mission file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series_csv: Option<PathBuf>,
    /// Sea-water density (kg/m³); default 1025 (domain-reference §2.1; DNV-RP-C205 uses the same
    /// value for sea water).
    #[serde(default = "default_density")]
    pub seawater_density_kgm3: f64,
    /// Surface current speed exceeded 90 % of the time (the 10th percentile, m/s): the weak
    /// current a cooling analysis should assume.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_p10_ms: Option<f64>,
    /// Median surface current speed (m/s).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_p50_ms: Option<f64>,
    /// Surface current speed exceeded 10 % of the time (m/s).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_p90_ms: Option<f64>,
    /// Range of peak wave periods Tp at the site, `[min_s, max_s]`, for the pendulum-resonance
    /// check of the lift.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wave_period_range_s: Option<[f64; 2]>,
}

pub use crate::constants::SEAWATER_DENSITY_KGM3;

fn default_density() -> f64 {
    SEAWATER_DENSITY_KGM3
}

impl Default for Metocean {
    fn default() -> Self {
        Metocean {
            series_csv: None,
            seawater_density_kgm3: SEAWATER_DENSITY_KGM3,
            current_p10_ms: None,
            current_p50_ms: None,
            current_p90_ms: None,
            wave_period_range_s: None,
        }
    }
}

impl Metocean {
    pub(super) fn check_ranges(&self, path: &str, r: &mut Ranges) {
        r.within(
            path,
            "seawater_density_kgm3",
            self.seawater_density_kgm3,
            990.0,
            1050.0,
        );
        for (f, v) in [
            ("current_p10_ms", self.current_p10_ms),
            ("current_p50_ms", self.current_p50_ms),
            ("current_p90_ms", self.current_p90_ms),
        ] {
            if let Some(v) = v {
                r.within(path, f, v, 0.0, 10.0);
            }
        }
        if let Some([lo, hi]) = self.wave_period_range_s
            && !(lo.is_finite() && lo > 0.0 && hi >= lo && hi.is_finite())
        {
            r.fail(
                format!("{path}.wave_period_range_s"),
                format!("[{lo}, {hi}]: expected [min_s, max_s] with 0 < min ≤ max"),
            );
        }
    }
}
