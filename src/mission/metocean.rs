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
    /// How to read `series_csv` when it is not in fathom's own layout (`[metocean.columns]`):
    /// the published hindcast and buoy files name their columns differently.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub columns: Option<SeriesColumns>,
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

/// The columns of a metocean series file: which header names hold which variable. A name
/// matches a header case-insensitively, either whole or as its start (so `significant wave
/// height` matches `significant wave height (m)`). Variables left out are looked up under
/// fathom's own names; a variable found under neither is missing from the series.
///
/// A numeric column in other units names them after a colon, `hs_m = "Hs:cm"`
/// (`--columns hs_m=Hs:cm`): lengths (`hs_m`, `tide_m`) in m, cm, mm or ft; periods (`tp_s`,
/// `tz_s`) in s; speeds (`wind_ms`, `current_ms`) in m/s, cm/s, kn, km/h or mph. The text after
/// the last colon is the unit, so a header that itself holds a colon is written with its unit
/// (`"a:b:m"`). Conversions: `crate::metocean::unit_factor`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesColumns {
    /// Time column (default `time_utc`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// Significant wave height column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hs_m: Option<String>,
    /// Peak period column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tp_s: Option<String>,
    /// Zero-up-crossing period column, converted to Tp when there is no Tp column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tz_s: Option<String>,
    /// Wind speed column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wind_ms: Option<String>,
    /// Surface current speed column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_ms: Option<String>,
    /// Tide level column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tide_m: Option<String>,
    /// Field separator, one character (default: `;` when the header has one, else `,`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<char>,
}

pub use crate::constants::SEAWATER_DENSITY_KGM3;

fn default_density() -> f64 {
    SEAWATER_DENSITY_KGM3
}

impl Default for Metocean {
    fn default() -> Self {
        Metocean {
            series_csv: None,
            columns: None,
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
