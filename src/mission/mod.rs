//! The mission: one TOML file that describes a deployment study, and its loading into a
//! [`Context`] in working-CRS metres.
//!
//! File format, schema version 1. Positions are WGS 84 longitude/latitude in degrees; every
//! quantity carries its unit in the field name (`depth_m`, `mass_t`, `speed_kn`). Sections:
//! `[site]` (grid, CRS, datum), `[constraints]`, `[[cabin_types]]`, `[[cabins]]`,
//! `[[exclusion_zones]]`, `[[landing_points]]`, `[vessel]`, `[[ports]]`, `[route]`, `[lift]`,
//! `[metocean]`, `[wind_farm]`, `[cooling]`, `[[cables]]`. Unknown fields are refused (with the nearest valid
//! name suggested), so a typo never silently drops a constraint.

#![warn(missing_docs)]

mod cable;
mod campaign;
mod context;
mod cooling;
mod error;
mod file;
#[cfg(test)]
pub(crate) mod fixtures;
mod lift;
mod metocean;
mod preserve;
mod ranges;
pub mod rounding;
mod site;
mod siting;
mod vessel;
mod wind;

pub use cable::*;
pub use campaign::*;
pub use context::{Context, LoadError};
pub use cooling::*;
pub use error::MissionError;
pub use file::{CURRENT_SCHEMA, load, load_str, save, to_toml};
pub use lift::*;
pub use metocean::*;
pub use ranges::{Ranges, shown};
pub use site::*;
pub use siting::*;
pub use vessel::*;
pub use wind::*;

use serde::{Deserialize, Serialize};

/// A deployment study: everything fathom needs to site, install, power and cool the cabins.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mission {
    /// File-format version; files from older versions are migrated on load.
    pub schema: u32,
    /// Mission name, shown in the planner and reports.
    pub name: String,
    /// Free text: what the study is for.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Bathymetry, CRS and datum.
    pub site: Site,
    /// `[constraints]`: the siting limits that apply to every cabin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constraints: Option<Constraints>,
    /// `[[cabin_types]]`: the cabin designs, referred to by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cabin_types: Vec<CabinType>,
    /// `[[cabins]]`: the cabins placed, each of one cabin type.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cabins: Vec<Cabin>,
    /// Areas the cabins and the route keep out of.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclusion_zones: Vec<ExclusionZone>,
    /// Cable landing points and subsea substations the cabins connect to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub landing_points: Vec<LandingPoint>,
    /// The installation vessel and its crane.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vessel: Option<Vessel>,
    /// Ports the vessel sails from or returns to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<Port>,
    /// The vessel's route to the site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<Route>,
    /// `[lift]`: the lift and lowering plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lift: Option<LiftPlan>,
    /// `[metocean]`: sea conditions at the site (the lift, weather windows and cooling read them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metocean: Option<Metocean>,
    /// `[wind_farm]`: the offshore wind farm that powers the cabins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wind_farm: Option<WindFarm>,
    /// `[cooling]`: site-wide cooling inputs and limits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cooling: Option<Cooling>,
    /// `[campaign]`: the installation campaign.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub campaign: Option<Campaign>,
    /// Subsea power and fibre cables.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cables: Vec<Cable>,
}

impl Mission {
    /// A mission with only a site: the starting point for new studies and tests.
    pub fn new(name: impl Into<String>, site: Site) -> Self {
        Mission {
            schema: CURRENT_SCHEMA,
            name: name.into(),
            description: String::new(),
            site,
            constraints: None,
            cabin_types: Vec::new(),
            cabins: Vec::new(),
            exclusion_zones: Vec::new(),
            landing_points: Vec::new(),
            vessel: None,
            ports: Vec::new(),
            route: None,
            lift: None,
            metocean: None,
            wind_farm: None,
            cooling: None,
            campaign: None,
            cables: Vec::new(),
        }
    }

    /// The cabin type named `id`.
    pub fn cabin_type(&self, id: &str) -> Option<&CabinType> {
        self.cabin_types.iter().find(|t| t.id == id)
    }

    /// Range and consistency checks that serde cannot express; each names the field path.
    pub fn check_ranges(&self) -> Vec<(String, String)> {
        let mut r = Ranges::default();
        self.site.check_ranges("site", &mut r);
        if let Some(c) = &self.constraints {
            c.check_ranges("constraints", &mut r);
        }
        for (i, t) in self.cabin_types.iter().enumerate() {
            t.check_ranges(&format!("cabin_types[{i}]"), &mut r);
        }
        r.unique_ids(
            "cabin_types",
            self.cabin_types.iter().map(|t| t.id.as_str()),
        );
        r.unique_ids("cabins", self.cabins.iter().map(|c| c.id.as_str()));
        r.unique_ids(
            "exclusion_zones",
            self.exclusion_zones.iter().map(|z| z.id.as_str()),
        );
        for (i, c) in self.cabins.iter().enumerate() {
            let path = format!("cabins[{i}]");
            c.check_ranges(&path, &mut r);
            if self.cabin_type(&c.cabin_type).is_none() {
                r.fail(
                    format!("{path}.cabin_type"),
                    format!(
                        "unknown cabin type `{}`; expected one of the [[cabin_types]] ids: {}",
                        c.cabin_type,
                        self.cabin_types
                            .iter()
                            .map(|t| format!("`{}`", t.id))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
            }
        }
        for (i, z) in self.exclusion_zones.iter().enumerate() {
            z.check_ranges(&format!("exclusion_zones[{i}]"), &mut r);
        }
        for (i, p) in self.landing_points.iter().enumerate() {
            p.check_ranges(&format!("landing_points[{i}]"), &mut r);
        }
        if let Some(v) = &self.vessel {
            v.check_ranges("vessel", &mut r);
        }
        for (i, p) in self.ports.iter().enumerate() {
            p.check_ranges(&format!("ports[{i}]"), &mut r);
        }
        if let Some(x) = &self.route {
            x.check_ranges("route", &mut r);
        }
        if let Some(x) = &self.lift {
            x.check_ranges("lift", &mut r);
        }
        if let Some(x) = &self.metocean {
            x.check_ranges("metocean", &mut r);
        }
        if let Some(x) = &self.wind_farm {
            x.check_ranges("wind_farm", &mut r);
        }
        if let Some(x) = &self.cooling {
            x.check_ranges("cooling", &mut r);
        }
        if let Some(x) = &self.campaign {
            x.check_ranges("campaign", &mut r);
        }
        for (i, c) in self.cables.iter().enumerate() {
            c.check_ranges(&format!("cables[{i}]"), self, &mut r);
        }
        r.into_issues()
    }
}
