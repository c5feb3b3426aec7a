//! `[site]`: the bathymetry grid, the CRSs and the vertical datum.

use super::Ranges;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// Where the study takes place: its grid and the reference systems everything is computed in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Site {
    /// Bathymetry grid, relative to the mission file (`.tif`, `.asc`, `.xyz`).
    pub bathymetry: PathBuf,
    /// CRS of the grid when the file carries none (`EPSG:N`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grid_crs: Option<String>,
    /// The grid stores depths as positive numbers.
    #[serde(default, skip_serializing_if = "is_false")]
    pub positive_down: bool,
    /// Projected CRS in metres for all computation: `EPSG:N`, `utm` (the UTM zone of the grid's
    /// centre, the default), `cgcs2000-gk3` or `cgcs2000-gk6` (CGCS2000 Gauss–Krüger zones used
    /// for Chinese sites).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_crs: Option<String>,
    /// Vertical datum of the grid's elevations, e.g. "LAT" or "MSL"; recorded in outputs.
    #[serde(default = "default_datum")]
    pub vertical_datum: String,
    /// Added to grid elevations to get the planning water level's depths (m): for a grid on MSL
    /// and planning at lowest astronomical tide, the negative of MSL above LAT.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub tide_offset_m: f64,
}

fn default_datum() -> String {
    "MSL".into()
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

impl Site {
    /// A site on `bathymetry` with every other field at the default a mission file gets when it
    /// leaves it out: the grid's own CRS, elevations positive up, the UTM working CRS, MSL, no
    /// tide offset. The planner starts a new mission from a grid with it.
    pub fn on_grid(bathymetry: impl Into<PathBuf>) -> Site {
        Site {
            bathymetry: bathymetry.into(),
            grid_crs: None,
            positive_down: false,
            working_crs: None,
            vertical_datum: default_datum(),
            tide_offset_m: 0.0,
        }
    }

    pub(super) fn check_ranges(&self, path: &str, r: &mut Ranges) {
        r.within(path, "tide_offset_m", self.tide_offset_m, -30.0, 30.0);
        let known = ["utm", "cgcs2000-gk3", "cgcs2000-gk6"];
        if let Some(c) = &self.working_crs
            && !known.contains(&c.as_str())
            && crate::geodesy::Crs::parse(c).is_err()
        {
            r.fail(
                format!("{path}.working_crs"),
                format!(
                    "`{c}` is not a CRS: expected EPSG:N, `utm`, `cgcs2000-gk3` or `cgcs2000-gk6`"
                ),
            );
        }
        if let Some(c) = &self.grid_crs
            && crate::geodesy::Crs::parse(c).is_err()
        {
            r.fail(
                format!("{path}.grid_crs"),
                format!("`{c}` is not a CRS: expected EPSG:N"),
            );
        }
    }
}
