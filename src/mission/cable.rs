//! `[[cables]]`: the subsea power and fibre cables of a mission, each from one end to the other
//! (a cabin, a landing point or substation, a wind turbine, or another cabin for a daisy chain).

use super::{Mission, Ranges};
use serde::{Deserialize, Serialize};
use std::fmt;

/// What a cable is for; must match its type's kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CablePurpose {
    /// Carries electrical power (a power cable type).
    Power,
    /// Carries data (an optical-fibre cable type).
    Fibre,
}

/// One end of a cable, written `cabin:ID`, `landing:ID` (a landing point or substation of
/// `[[landing_points]]`) or `turbine:N` (0-based index in `wind_farm.positions`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum CableEnd {
    /// `cabin:ID`: the cabin with this `[[cabins]]` id.
    Cabin(String),
    /// `landing:ID`: the landing point or substation with this `[[landing_points]]` id.
    Landing(String),
    /// `turbine:N`: the turbine at 0-based index N of `wind_farm.positions`.
    Turbine(usize),
}

impl TryFrom<String> for CableEnd {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        let bad = || {
            format!(
                "`{s}`: expected `cabin:ID`, `landing:ID` or `turbine:N` (N = 0-based index in wind_farm.positions)"
            )
        };
        let (kind, id) = s.split_once(':').ok_or_else(bad)?;
        let id = id.trim();
        if id.is_empty() {
            return Err(bad());
        }
        match kind.trim() {
            "cabin" => Ok(CableEnd::Cabin(id.into())),
            "landing" => Ok(CableEnd::Landing(id.into())),
            "turbine" => id.parse().map(CableEnd::Turbine).map_err(|_| bad()),
            _ => Err(bad()),
        }
    }
}

impl From<CableEnd> for String {
    fn from(e: CableEnd) -> String {
        e.to_string()
    }
}

impl fmt::Display for CableEnd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CableEnd::Cabin(id) => write!(f, "cabin:{id}"),
            CableEnd::Landing(id) => write!(f, "landing:{id}"),
            CableEnd::Turbine(i) => write!(f, "turbine:{i}"),
        }
    }
}

/// Default slack allowance (%): the 2–5 % commonly ordered over the route length for seabed
/// undulation and installation tolerance \[E\].
fn default_slack() -> f64 {
    3.0
}

/// Default power factor of the data-centre load: 0.95, the usual grid-code minimum for large
/// consumers \[E\].
fn default_pf() -> f64 {
    0.95
}

/// A subsea cable of the mission.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cable {
    /// Identifier that findings, reports and the campaign's pull-in steps name the cable by.
    pub id: String,
    /// The id of a cable type in `assets/cables/` (e.g. `xlpe-66kv-630`, `fibre-48f`); checked
    /// by the cable rules (`CABLE-TYPE`), which own the library.
    pub cable_type: String,
    /// Power or fibre; must match the kind of `cable_type`.
    pub purpose: CablePurpose,
    /// The end the route starts from (its first point).
    pub from: CableEnd,
    /// The end the route arrives at (its last point).
    pub to: CableEnd,
    /// Hand-placed intermediate route points `[lon, lat]`, ends excluded; empty = route
    /// automatically with `fathom cable plan`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waypoints: Vec<[f64; 2]>,
    /// Target burial depth below the seabed (m).
    #[serde(default)]
    pub burial_m: f64,
    /// Cable ordered over the route length (%).
    #[serde(default = "default_slack")]
    pub slack_pct: f64,
    /// The lay vessel's minimum alter-course radius (m); bends tighter than the cable's minimum
    /// bending radius are flagged too.
    pub min_alter_course_radius_m: f64,
    /// Power factor of the load the cable feeds (power cables).
    #[serde(default = "default_pf")]
    pub power_factor: f64,
}

impl Cable {
    /// A cable without waypoints, with the file format's defaults for slack and power factor
    /// and no burial: what the planner's draw-cable tool creates.
    pub fn new(
        id: String,
        cable_type: String,
        purpose: CablePurpose,
        ends: (CableEnd, CableEnd),
        min_alter_course_radius_m: f64,
    ) -> Self {
        Cable {
            id,
            cable_type,
            purpose,
            from: ends.0,
            to: ends.1,
            waypoints: Vec::new(),
            burial_m: 0.0,
            slack_pct: default_slack(),
            min_alter_course_radius_m,
            power_factor: default_pf(),
        }
    }

    pub(super) fn check_ranges(&self, path: &str, m: &Mission, r: &mut Ranges) {
        r.within(path, "burial_m", self.burial_m, 0.0, 10.0);
        r.within(path, "slack_pct", self.slack_pct, 0.0, 50.0);
        r.positive(
            path,
            "min_alter_course_radius_m",
            self.min_alter_course_radius_m,
        );
        if !(self.power_factor > 0.0 && self.power_factor <= 1.0) {
            r.fail(
                format!("{path}.power_factor"),
                format!(
                    "{} is out of range: expected a number > 0 and ≤ 1",
                    self.power_factor
                ),
            );
        }
        for (i, w) in self.waypoints.iter().enumerate() {
            r.lon_lat(&format!("{path}.waypoints[{i}]"), w[0], w[1]);
        }
        for (field, end) in [("from", &self.from), ("to", &self.to)] {
            if let Some(msg) = missing_end(end, m) {
                r.fail(format!("{path}.{field}"), msg);
            }
        }
        if self.from == self.to {
            r.fail(
                format!("{path}.to"),
                format!("`{}`: expected a different end from `from`", self.to),
            );
        }
    }
}

/// Why an end names nothing in the mission, or `None` when it exists.
fn missing_end(end: &CableEnd, m: &Mission) -> Option<String> {
    let list = |ids: Vec<&str>| {
        if ids.is_empty() {
            "none defined".to_string()
        } else {
            ids.join(", ")
        }
    };
    match end {
        CableEnd::Cabin(id) if !m.cabins.iter().any(|c| &c.id == id) => Some(format!(
            "no cabin `{id}`; expected one of the [[cabins]] ids: {}",
            list(m.cabins.iter().map(|c| c.id.as_str()).collect())
        )),
        CableEnd::Landing(id) if !m.landing_points.iter().any(|c| &c.id == id) => Some(format!(
            "no landing point `{id}`; expected one of the [[landing_points]] ids: {}",
            list(m.landing_points.iter().map(|c| c.id.as_str()).collect())
        )),
        CableEnd::Turbine(i) => {
            let n = m.wind_farm.as_ref().map_or(0, |w| w.positions.len());
            (*i >= n).then(|| {
                format!("turbine {i}: expected an index below {n} (wind_farm.positions has {n})")
            })
        }
        _ => None,
    }
}

impl Mission {
    /// WGS 84 `[lon, lat]` of a cable end; `None` when it names nothing in the mission.
    pub fn cable_end_lonlat(&self, end: &CableEnd) -> Option<[f64; 2]> {
        match end {
            CableEnd::Cabin(id) => self
                .cabins
                .iter()
                .find(|c| &c.id == id)
                .map(|c| [c.lon, c.lat]),
            CableEnd::Landing(id) => self
                .landing_points
                .iter()
                .find(|c| &c.id == id)
                .map(|c| [c.lon, c.lat]),
            CableEnd::Turbine(i) => self
                .wind_farm
                .as_ref()
                .and_then(|w| w.positions.get(*i).copied()),
        }
    }

    /// A cable's route as `[lon, lat]` vertices: from, waypoints, to; `None` when an end is
    /// missing.
    pub fn cable_line(&self, cable: &Cable) -> Option<Vec<[f64; 2]>> {
        let mut line = vec![self.cable_end_lonlat(&cable.from)?];
        line.extend(cable.waypoints.iter().copied());
        line.push(self.cable_end_lonlat(&cable.to)?);
        Some(line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_cable_has_the_defaults_of_a_file_that_omits_them() {
        let read: Cable = toml::from_str(
            r#"
id = "P9"
cable_type = "xlpe-66kv-630"
purpose = "power"
from = "turbine:2"
to = "cabin:C1"
min_alter_course_radius_m = 25.0
"#,
        )
        .unwrap();
        let made = Cable::new(
            "P9".into(),
            "xlpe-66kv-630".into(),
            CablePurpose::Power,
            (CableEnd::Turbine(2), CableEnd::Cabin("C1".into())),
            25.0,
        );
        assert_eq!(made, read);
    }
}
