//! `[vessel]`, `[[ports]]` and `[route]`: the installation vessel and its planned route.

use super::{Crane, Ranges};
use serde::{Deserialize, Serialize};

/// The installation vessel.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vessel {
    /// Vessel name, shown in reports.
    pub name: String,
    /// Free text: where the numbers come from.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// Length overall (m).
    pub length_m: f64,
    /// Beam (m).
    pub beam_m: f64,
    /// Static draught (m).
    pub draught_m: f64,
    /// Block coefficient Cb (for squat).
    pub block_coefficient: f64,
    /// Service speed (knots).
    pub service_speed_kn: f64,
    /// Required under-keel clearance, absolute (m).
    pub ukc_min_m: f64,
    /// Required under-keel clearance as a share of draught (%); the larger of the two applies.
    #[serde(default)]
    pub ukc_min_pct: f64,
    /// Weather limits for transit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transit_limits: Option<TransitLimits>,
    /// The crane, for the lift analysis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crane: Option<Crane>,
}

impl Vessel {
    /// The required under-keel clearance (m): the larger of the absolute and relative figures.
    pub fn ukc_required_m(&self) -> f64 {
        self.ukc_min_m
            .max(self.ukc_min_pct / 100.0 * self.draught_m)
    }

    pub(super) fn check_ranges(&self, path: &str, r: &mut Ranges) {
        r.positive(path, "length_m", self.length_m);
        r.positive(path, "beam_m", self.beam_m);
        r.positive(path, "draught_m", self.draught_m);
        r.within(path, "block_coefficient", self.block_coefficient, 0.3, 1.0);
        r.positive(path, "service_speed_kn", self.service_speed_kn);
        r.non_negative(path, "ukc_min_m", self.ukc_min_m);
        r.within(path, "ukc_min_pct", self.ukc_min_pct, 0.0, 100.0);
        if let Some(l) = &self.transit_limits {
            r.positive(&format!("{path}.transit_limits"), "hs_max_m", l.hs_max_m);
            r.positive(
                &format!("{path}.transit_limits"),
                "wind_max_ms",
                l.wind_max_ms,
            );
        }
        if let Some(c) = &self.crane {
            c.check_ranges(&format!("{path}.crane"), r);
        }
    }
}

/// Weather limits for the vessel in transit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransitLimits {
    /// Significant wave height limit (m).
    pub hs_max_m: f64,
    /// Mean wind speed limit (m/s).
    pub wind_max_ms: f64,
}

/// A port or named point the vessel sails from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Port {
    /// Identifier, shown as the port's label on the map.
    pub id: String,
    /// Full name (free text).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Longitude, WGS 84 (degrees).
    pub lon: f64,
    /// Latitude, WGS 84 (degrees).
    pub lat: f64,
}

impl Port {
    pub(super) fn check_ranges(&self, path: &str, r: &mut Ranges) {
        r.lon_lat(path, self.lon, self.lat);
    }
}

/// How a leg is sailed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LegGeometry {
    /// Constant true bearing (loxodrome), as most legs are sailed; RTZ `Loxodrome`.
    #[default]
    Rhumb,
    /// Shortest path on the ellipsoid (orthodrome); RTZ `Orthodrome`.
    GreatCircle,
}

/// The planned route: ordered waypoints, each describing the leg that arrives at it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    /// Route name (RTZ `routeInfo@routeName`), carried into leg tables and exports.
    pub name: String,
    /// Planned departure from the first waypoint, UTC, RFC 3339 (e.g. 2025-06-01T06:00:00Z),
    /// written as a TOML date-time or as a string.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "departure_from_toml"
    )]
    pub departure: Option<chrono::DateTime<chrono::Utc>>,
    /// Waypoints in sailing order, at most [`MAX_WAYPOINTS`].
    pub waypoints: Vec<Waypoint>,
}

/// The most waypoints a route may have. ECDIS route managers hold a few hundred per route
/// (IEC 61174 requires ≥ 200 \[E\]); a 100,000-waypoint RTZ took 1.3 GB to import.
pub const MAX_WAYPOINTS: usize = 10_000;

impl Route {
    pub(super) fn check_ranges(&self, path: &str, r: &mut Ranges) {
        if self.waypoints.len() < 2 {
            r.fail(
                format!("{path}.waypoints"),
                format!("{} waypoint(s): expected at least 2", self.waypoints.len()),
            );
        }
        if self.waypoints.len() > MAX_WAYPOINTS {
            r.fail(
                format!("{path}.waypoints"),
                format!(
                    "{} waypoints: expected at most {MAX_WAYPOINTS} (split the passage into routes)",
                    self.waypoints.len()
                ),
            );
            return;
        }
        let mut seen = std::collections::HashSet::new();
        for (i, w) in self.waypoints.iter().enumerate() {
            let wp = format!("{path}.waypoints[{i}]");
            r.lon_lat(&wp, w.lon, w.lat);
            if let Some(s) = w.speed_kn {
                r.positive(&wp, "speed_kn", s);
            }
            if !seen.insert(w.id) {
                r.fail(
                    format!("{wp}.id"),
                    format!("waypoint id {} is used twice: expected unique ids", w.id),
                );
            }
        }
    }
}

/// Reads `departure` from a TOML offset date-time (`departure = 2025-06-01T06:00:00Z`) or an
/// RFC 3339 string (what [`super::save`] writes); a local time without offset is refused, since
/// ETAs need an absolute instant.
fn departure_from_toml<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<chrono::DateTime<chrono::Utc>>, D::Error> {
    use serde::de::Error;
    let text = match toml::Value::deserialize(d)? {
        toml::Value::Datetime(t) => t.to_string(),
        toml::Value::String(s) => s,
        other => {
            return Err(D::Error::custom(format!(
                "{} `{other}`: expected a date and time with offset, e.g. 2025-06-01T06:00:00Z",
                other.type_str()
            )));
        }
    };
    chrono::DateTime::parse_from_rfc3339(&text)
        .map(|t| Some(t.with_timezone(&chrono::Utc)))
        .map_err(|e| {
            D::Error::custom(format!(
                "`{text}`: {e}; expected a date and time with offset (UTC: Z), e.g. 2025-06-01T06:00:00Z"
            ))
        })
}

/// A route waypoint; the leg fields describe the leg from the previous waypoint to this one (as in
/// RTZ, where `leg` sits on the arriving waypoint).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waypoint {
    /// Unique id (RTZ `waypoint@id`).
    pub id: u32,
    /// Waypoint name (free text, RTZ `waypoint@name`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Longitude, WGS 84 (degrees).
    pub lon: f64,
    /// Latitude, WGS 84 (degrees).
    pub lat: f64,
    /// Planned speed on the arriving leg (knots); default the vessel's service speed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speed_kn: Option<f64>,
    /// Geometry of the arriving leg.
    #[serde(default, skip_serializing_if = "is_default")]
    pub geometry: LegGeometry,
}

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    fn route(departure: &str) -> Result<super::Route, String> {
        let text = format!(
            "schema = 1\nname = \"t\"\n[site]\nbathymetry = \"g.asc\"\n[route]\nname = \"r\"\n\
             departure = {departure}\n[[route.waypoints]]\nid = 1\nlon = 5.0\nlat = 53.0\n\
             [[route.waypoints]]\nid = 2\nlon = 5.1\nlat = 53.1\n"
        );
        super::super::load_str(&text, Path::new("m.toml"))
            .map(|m| m.route.expect("the text has a route"))
            .map_err(|e| e.to_string())
    }

    #[test]
    fn departure_as_toml_datetime_or_string() {
        let t = "2026-05-31T22:00:00Z"
            .parse::<chrono::DateTime<chrono::Utc>>()
            .unwrap();
        assert_eq!(route("2026-05-31T22:00:00Z").unwrap().departure, Some(t));
        assert_eq!(
            route("2026-06-01T06:00:00+08:00").unwrap().departure,
            Some(t)
        );
        assert_eq!(
            route("\"2026-05-31T22:00:00Z\"").unwrap().departure,
            Some(t)
        );
    }

    #[test]
    fn a_route_beyond_the_waypoint_limit_is_refused_naming_the_limit() {
        // issue #18: a 60 MB mission of 10⁶ waypoints took 3.5 GB to validate.
        let mut text = String::from(
            "schema = 1\nname = \"t\"\n[site]\nbathymetry = \"g.asc\"\n[route]\nname = \"r\"\n",
        );
        for i in 0..=super::MAX_WAYPOINTS {
            text.push_str(&format!(
                "[[route.waypoints]]\nid = {i}\nlon = {:.6}\nlat = 53.0\n",
                5.0 + i as f64 * 1e-4
            ));
        }
        let e = super::super::load_str(&text, Path::new("m.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("m.toml")
                && e.contains("route.waypoints")
                && e.contains("10001 waypoints: expected at most 10000"),
            "{e}"
        );
    }

    #[test]
    fn departure_without_offset_is_refused_with_position() {
        let e = route("2026-06-01T06:00:00").unwrap_err();
        assert!(e.contains("m.toml:7:") && e.contains("with offset"), "{e}");
        let e = route("12").unwrap_err();
        assert!(e.contains("integer `12`"), "{e}");
    }
}
