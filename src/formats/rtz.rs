//! IEC 61174 RTZ route exchange: read versions 1.0, 1.1 and 1.2, write 1.1.
//!
//! Schema facts (domain-reference §4.1, the CIRM XSDs in `shared/data/rtz/schema`): root
//! `<route version="1.x">` → `routeInfo@routeName` (required), `waypoints` with an optional
//! `defaultWaypoint` (leg defaults) and ≥ 2 `waypoint@id` (unique non-negative integers) each with
//! `position@lat/@lon` (WGS 84 decimal degrees); the `leg` sits on the *arriving* waypoint
//! (`geometryType` Loxodrome|Orthodrome, `speedMin/Max` in knots); `schedules/schedule` with
//! `manual`/`calculated` `scheduleElement@waypointId` + `etd`/`eta` (UTC ISO 8601).
//!
//! Reading is tolerant of what producers actually write (no namespace, `…/RTZ/1/1` variants,
//! other prefixes, unknown extensions) and strict about meaning: errors that make the route
//! ambiguous refuse the file with every problem listed, each naming its waypoint; doubtful but
//! usable content comes back as warnings.

use super::xml::{self, Element};
use super::{FormatError, decimal};
use crate::mission::{LegGeometry, Route, Waypoint};
use crate::vessel::legs::{self, PlannedPoint};
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::path::Path;

/// A route read from RTZ, with the warnings about it.
#[derive(Clone, Debug, PartialEq)]
pub struct RtzImport {
    /// The route as fathom holds it (waypoints, speeds, leg geometry, departure).
    pub route: Route,
    /// The file's RTZ version ("1.0", "1.1", "1.2").
    pub version: String,
    /// Departures from IEC 61174 the import tolerated (a missing namespace, a route name unlike
    /// the file name, ignored elements…), one message each.
    pub warnings: Vec<String>,
}

/// Reads an RTZ file.
pub fn read(path: &Path) -> Result<RtzImport, FormatError> {
    read_str(&super::read_text(path, super::MAX_ROUTE_FILE_BYTES)?, path)
}

/// Parses RTZ text; `path` names the file in messages and its stem is compared with `routeName`.
pub fn read_str(text: &str, path: &Path) -> Result<RtzImport, FormatError> {
    // Counted while parsing: a 100,000-waypoint file stops at waypoint 10,001, before the tree
    // of the rest is built.
    let limit = xml::Limit {
        name: "waypoint",
        max: crate::mission::MAX_WAYPOINTS,
        hint: "split the passage into routes",
    };
    let root = xml::parse_limited(text, path, &[limit])?;
    let mut p = Parser {
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    let route = p.route(&root, path);
    if !p.errors.is_empty() {
        return Err(FormatError::at(
            path,
            0,
            format!("not a usable RTZ route: {}", p.errors.join("; ")),
        ));
    }
    let (route, version) = route.expect("no errors means a route");
    Ok(RtzImport {
        route,
        version,
        warnings: p.warnings,
    })
}

struct Parser {
    errors: Vec<String>,
    warnings: Vec<String>,
}

/// Leg attributes that map onto the model.
#[derive(Clone, Copy, Default)]
struct Leg {
    geometry: Option<LegGeometry>,
    speed_kn: Option<f64>,
}

impl Parser {
    fn route(&mut self, root: &Element, path: &Path) -> Option<(Route, String)> {
        if root.local_name() != "route" {
            self.errors.push(format!(
                "root element is <{}>: expected <route> (an RTZ file)",
                root.name
            ));
            return None;
        }
        let version = self.version(root);
        self.misplaced_extensions(root);
        let Some(info) = root.child("routeInfo") else {
            self.errors
                .push("no <routeInfo> element: expected one with a routeName".into());
            return None;
        };
        let name = match info.attr("routeName") {
            Some(n) if !n.trim().is_empty() => n.to_string(),
            _ => {
                self.errors.push(format!(
                    "line {}: routeInfo has no routeName (required)",
                    info.line
                ));
                String::new()
            }
        };
        let stem = path.file_stem().map(|s| s.to_string_lossy().to_string());
        if let Some(stem) = stem.filter(|s| !name.is_empty() && *s != name) {
            self.warnings.push(format!(
                "routeName \"{name}\" differs from the file name \"{stem}\" (IEC 61174 expects them equal)"
            ));
        }
        self.validity(info);
        let Some(wps) = root.child("waypoints") else {
            self.errors.push("no <waypoints> element".into());
            return None;
        };
        let default_leg = match wps.child("defaultWaypoint") {
            Some(d) => {
                if d.attr("id").is_some() || d.child("position").is_some() {
                    self.warnings.push(format!(
                        "line {}: defaultWaypoint has an id or position, which RTZ forbids; ignored",
                        d.line
                    ));
                }
                d.child("leg")
                    .map(|l| self.leg(l, "defaultWaypoint"))
                    .unwrap_or_default()
            }
            None => Leg::default(),
        };
        let mut waypoints = Vec::new();
        let mut seen: HashMap<u32, usize> = HashMap::new();
        for (i, w) in wps.children_named("waypoint").enumerate() {
            if let Some(wp) = self.waypoint(i, w, &default_leg, &mut seen) {
                waypoints.push(wp);
            }
        }
        let count = wps.children_named("waypoint").count();
        if count < 2 {
            self.errors
                .push(format!("{count} waypoint(s): a route needs at least two"));
        }
        let mut route = Route {
            name,
            departure: None,
            waypoints,
        };
        if let Some(s) = root.child("schedules") {
            self.schedules(s, &mut route);
        }
        Some((route, version))
    }

    fn version(&mut self, root: &Element) -> String {
        let ns = root
            .attrs
            .iter()
            .find(|(k, v)| k.starts_with("xmlns") && v.contains("/RTZ/"))
            .map(|(_, v)| v.clone());
        let from_ns = ns.as_deref().and_then(|n| {
            let tail = n.split("/RTZ/").nth(1)?;
            let mut parts = tail.split('/').filter(|p| !p.is_empty());
            Some(format!("{}.{}", parts.next()?, parts.next().unwrap_or("0")))
        });
        let version = root
            .attr("version")
            .map(str::to_string)
            .or(from_ns.clone())
            .unwrap_or_else(|| "1.0".into());
        match &ns {
            None => self.warnings.push(format!(
                "no RTZ namespace on <route> (expected xmlns=\"http://www.cirm.org/RTZ/{}\"); read as RTZ {version}",
                version.replace('.', "/")
            )),
            Some(n) if !n.starts_with("http://www.cirm.org/RTZ/") => self
                .warnings
                .push(format!("non-standard RTZ namespace \"{n}\"; read as RTZ {version}")),
            _ => {}
        }
        if let Some(v) = from_ns.filter(|v| *v != version) {
            self.warnings.push(format!(
                "version attribute \"{version}\" disagrees with the namespace (RTZ {v})"
            ));
        }
        if !matches!(version.as_str(), "1.0" | "1.1" | "1.2") {
            self.warnings.push(format!(
                "RTZ version \"{version}\" is not 1.0, 1.1 or 1.2; read as the closest known"
            ));
        }
        version
    }

    /// `extension` elements belong inside an `extensions` element.
    fn misplaced_extensions(&mut self, root: &Element) {
        for (parent, e) in root.descendants() {
            if e.local_name() == "extension" && parent != "extensions" {
                self.warnings.push(format!(
                    "line {}: <extension> directly inside <{parent}>: expected inside <extensions>; ignored",
                    e.line
                ));
            }
        }
    }

    fn validity(&mut self, info: &Element) {
        let start = info.attr("validityPeriodStart").map(parse_time);
        let stop = info.attr("validityPeriodStop").map(parse_time);
        for (which, v) in [
            ("validityPeriodStart", &start),
            ("validityPeriodStop", &stop),
        ] {
            if let Some(Err(e)) = v {
                self.warnings
                    .push(format!("routeInfo {which}: {e}; ignored"));
            }
        }
        if let (Some(Ok(a)), Some(Ok(b))) = (start, stop)
            && a > b
        {
            self.warnings.push(format!(
                "routeInfo validity period starts ({}) after it stops ({})",
                a.to_rfc3339(),
                b.to_rfc3339()
            ));
        }
    }

    fn leg(&mut self, leg: &Element, who: &str) -> Leg {
        let geometry = match leg.attr("geometryType") {
            None => None,
            Some("Loxodrome") => Some(LegGeometry::Rhumb),
            Some("Orthodrome") => Some(LegGeometry::GreatCircle),
            Some(other) => {
                self.errors.push(format!(
                    "{who}: unknown leg geometryType \"{other}\" (line {}): expected Loxodrome or Orthodrome",
                    leg.line
                ));
                None
            }
        };
        let mut speed = |attr: &str| match leg.attr(attr).map(|s| s.trim().parse::<f64>()) {
            None => None,
            Some(Ok(v)) if v.is_finite() && v >= 0.0 => Some(v),
            Some(_) => {
                self.errors.push(format!(
                    "{who}: leg {attr} \"{}\" is not a speed in knots (≥ 0)",
                    leg.attr(attr).unwrap_or_default()
                ));
                None
            }
        };
        let max = speed("speedMax");
        let min = speed("speedMin");
        Leg {
            geometry,
            speed_kn: max.or(min).filter(|s| *s > 0.0),
        }
    }

    fn waypoint(
        &mut self,
        i: usize,
        w: &Element,
        default_leg: &Leg,
        seen: &mut HashMap<u32, usize>,
    ) -> Option<Waypoint> {
        let name = w.attr("name").unwrap_or_default().to_string();
        let label = |id: Option<&str>| {
            let mut s = format!("waypoint #{} (", i + 1);
            if let Some(id) = id {
                s.push_str(&format!("id {id}, "));
            }
            if !name.is_empty() {
                s.push_str(&format!("\"{name}\", "));
            }
            s.push_str(&format!("line {})", w.line));
            s
        };
        let who = label(w.attr("id"));
        let id = match w.attr("id").map(|s| s.trim().parse::<u32>()) {
            None => {
                self.errors
                    .push(format!("{who} has no id (required, unique)"));
                None
            }
            Some(Err(_)) => {
                self.errors.push(format!(
                    "{who}: id \"{}\" is not a non-negative integer",
                    w.attr("id").unwrap_or_default()
                ));
                None
            }
            Some(Ok(id)) => {
                if let Some(first) = seen.insert(id, i) {
                    self.errors.push(format!(
                        "{who}: duplicate waypoint id {id} (also waypoint #{})",
                        first + 1
                    ));
                }
                Some(id)
            }
        };
        if let Some(r) = w.attr("revision")
            && r.trim().parse::<u64>().is_err()
        {
            self.errors.push(format!(
                "{who}: revision \"{r}\" is negative or not an integer: expected a non-negative integer"
            ));
        }
        if let Some(r) = w.attr("radius") {
            match r.trim().parse::<f64>() {
                Ok(v) if (0.0..=5.0).contains(&v) => {}
                _ => self
                    .warnings
                    .push(format!("{who}: radius \"{r}\" outside 0–5 NM; ignored")),
            }
        }
        let pos = w.child("position");
        let coord = |attr: &str, lim: f64| {
            pos.and_then(|p| p.attr(attr))
                .and_then(|s| s.trim().parse::<f64>().ok())
                .filter(|v| v.abs() <= lim)
        };
        let (lat, lon) = (coord("lat", 90.0), coord("lon", 180.0));
        if lat.is_none() || lon.is_none() {
            self.errors.push(format!(
                "{who}: missing or invalid position (expected <position lat=\"-90..90\" lon=\"-180..180\">)"
            ));
        }
        let leg = w.child("leg").map(|l| self.leg(l, &who));
        if i == 0 && leg.is_some() {
            self.warnings.push(format!(
                "{who}: leg element on the first waypoint has no effect (a leg describes the arrival at its waypoint)"
            ));
        }
        let leg = leg.unwrap_or_default();
        Some(Waypoint {
            id: id?,
            name,
            lon: lon?,
            lat: lat?,
            speed_kn: if i == 0 {
                None
            } else {
                leg.speed_kn.or(default_leg.speed_kn)
            },
            geometry: leg.geometry.or(default_leg.geometry).unwrap_or_default(),
        })
    }

    fn schedules(&mut self, schedules: &Element, route: &mut Route) {
        let ids: HashMap<u32, usize> = route
            .waypoints
            .iter()
            .enumerate()
            .map(|(i, w)| (w.id, i))
            .collect();
        for s in schedules.children_named("schedule") {
            let sid = s.attr("id").unwrap_or("?");
            for kind in ["manual", "calculated"] {
                let Some(list) = s.child(kind) else { continue };
                let who = format!("schedule {sid} ({kind})");
                let mut listed = Vec::new();
                let mut times: Vec<(usize, u8, DateTime<Utc>, &str, String)> = Vec::new();
                for e in list.children_named("scheduleElement") {
                    let at = format!("{who}, line {}", e.line);
                    let Some(idx) = self.schedule_element(e, &at, &ids, route) else {
                        continue;
                    };
                    listed.push(idx);
                    for (order, attr) in [(0u8, "eta"), (1, "etd")] {
                        let Some(raw) = e.attr(attr) else { continue };
                        match parse_time(raw) {
                            Err(msg) => self.errors.push(format!(
                                "{at}: waypoint {}: {attr} {msg}",
                                route.waypoints[idx].id
                            )),
                            Ok(t) => {
                                if attr == "etd" && idx == 0 && route.departure.is_none() {
                                    route.departure = Some(t);
                                }
                                times.push((idx, order, t, attr, at.clone()));
                            }
                        }
                    }
                    self.stay(e, &at);
                }
                // Along the route (waypoint order, ETA before ETD) times must not decrease.
                times.sort_by_key(|x| (x.0, x.1));
                for w in times.windows(2) {
                    let ((pi, _, pt, pa, _), (i, _, t, a, at)) = (&w[0], &w[1]);
                    if t < pt {
                        self.errors.push(format!(
                            "{at}: waypoint {} {a} {} is before {pa} {} of waypoint {}: times must not go backwards",
                            route.waypoints[*i].id,
                            t.to_rfc3339(),
                            pt.to_rfc3339(),
                            route.waypoints[*pi].id
                        ));
                    }
                }
                if listed.windows(2).any(|w| w[1] < w[0]) {
                    self.warnings
                        .push(format!("{who}: elements are not in waypoint order"));
                }
                if kind == "calculated" && !listed.is_empty() {
                    let missing: Vec<String> = (0..route.waypoints.len())
                        .filter(|i| !listed.contains(i))
                        .map(|i| route.waypoints[i].id.to_string())
                        .collect();
                    if !missing.is_empty() {
                        self.warnings.push(format!(
                            "{who}: no element for waypoint(s) {}",
                            missing.join(", ")
                        ));
                    }
                }
            }
        }
    }

    /// Checks one element; returns the index of its waypoint. Applies a manual speed to the leg.
    fn schedule_element(
        &mut self,
        e: &Element,
        at: &str,
        ids: &HashMap<u32, usize>,
        route: &mut Route,
    ) -> Option<usize> {
        let raw = e.attr("waypointId").unwrap_or_default();
        let idx = match raw.trim().parse::<u32>().ok().and_then(|id| ids.get(&id)) {
            Some(i) => *i,
            None => {
                self.errors.push(format!(
                    "{at}: waypointId \"{raw}\" names no waypoint of the route"
                ));
                return None;
            }
        };
        for (attr, lo, hi) in [
            ("windDirection", 0.0, 360.0),
            ("currentDirection", 0.0, 360.0),
            ("windSpeed", 0.0, f64::INFINITY),
            ("currentSpeed", 0.0, f64::INFINITY),
            ("speed", 0.0, f64::INFINITY),
        ] {
            if let Some(v) = e.attr(attr) {
                match v.trim().parse::<f64>() {
                    Ok(x) if x >= lo && x < hi => {
                        if attr == "speed" && x > 0.0 && idx > 0 {
                            route.waypoints[idx].speed_kn.get_or_insert(x);
                        }
                    }
                    _ => self.errors.push(format!(
                        "{at}: waypoint {}: {attr} \"{v}\" out of range (expected {lo} ≤ value < {hi})",
                        route.waypoints[idx].id
                    )),
                }
            }
        }
        Some(idx)
    }

    /// `stay` should equal etd − eta when all three are given.
    fn stay(&mut self, e: &Element, at: &str) {
        let (Some(stay), Some(Ok(eta)), Some(Ok(etd))) = (
            e.attr("stay"),
            e.attr("eta").map(parse_time),
            e.attr("etd").map(parse_time),
        ) else {
            return;
        };
        match parse_duration(stay) {
            Some(s) if (s - (etd - eta).num_seconds() as f64).abs() > 1.0 => {
                self.warnings.push(format!(
                    "{at}: stay {stay} ({:.0} min) disagrees with etd − eta ({} min)",
                    s / 60.0,
                    (etd - eta).num_minutes()
                ))
            }
            None => self
                .warnings
                .push(format!("{at}: stay \"{stay}\" is not an ISO 8601 duration")),
            _ => {}
        }
    }
}

/// Parses an `xsd:dateTime` (a zone is expected; without one UTC is assumed).
fn parse_time(s: &str) -> Result<DateTime<Utc>, String> {
    let s = s.trim();
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .or_else(|_| {
            chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f").map(|t| t.and_utc())
        })
        .map_err(|e| format!("\"{s}\" is not a valid UTC date-time ({e})"))
}

/// Seconds of an ISO 8601 duration `PnDTnHnMnS` (years and months are refused).
fn parse_duration(s: &str) -> Option<f64> {
    let rest = s.trim().strip_prefix('P')?;
    let (days, time) = match rest.split_once('T') {
        Some((d, t)) => (d, t),
        None => (rest, ""),
    };
    let mut total = 0.0;
    for (part, units) in [
        (days, &[('D', 86_400.0)][..]),
        (time, &[('H', 3600.0), ('M', 60.0), ('S', 1.0)][..]),
    ] {
        let mut num = String::new();
        for c in part.chars() {
            if c.is_ascii_digit() || c == '.' {
                num.push(c);
            } else {
                let f = units.iter().find(|(u, _)| *u == c)?.1;
                total += num.parse::<f64>().ok()? * f;
                num.clear();
            }
        }
        if !num.is_empty() {
            return None;
        }
    }
    Some(total)
}

/// Writes `route` as RTZ 1.1 (valid against `RTZ_Schema_version_1_1.xsd`). `route_name` is the
/// target file's stem (IEC 61174: routeName equals the file name). Leg speeds default to
/// `default_speed_kn`; when the route has a departure and every leg a speed, a `manual` schedule
/// gives the ETD of the first waypoint and the ETA of every other one.
pub fn write(route: &Route, route_name: &str, default_speed_kn: Option<f64>) -> String {
    let plan = legs::timetable(route, default_speed_kn);
    let mut root = Element::new("route")
        .attr_set("xmlns", "http://www.cirm.org/RTZ/1/1")
        .attr_set("version", "1.1")
        .with_child(Element::new("routeInfo").attr_set("routeName", route_name));
    let mut wps = Element::new("waypoints");
    for (i, (w, p)) in route.waypoints.iter().zip(&plan).enumerate() {
        let lon = if w.lon >= 180.0 { w.lon - 360.0 } else { w.lon };
        let mut e = Element::new("waypoint").attr_set("id", w.id.to_string());
        if !w.name.is_empty() {
            e = e.attr_set("name", w.name.as_str());
        }
        e = e.with_child(
            Element::new("position")
                .attr_set("lat", decimal(w.lat, 9))
                .attr_set("lon", decimal(lon, 9)),
        );
        if i > 0 {
            let mut leg = Element::new("leg").attr_set(
                "geometryType",
                match w.geometry {
                    LegGeometry::Rhumb => "Loxodrome",
                    LegGeometry::GreatCircle => "Orthodrome",
                },
            );
            if let Some(s) = p.speed_kn {
                leg = leg.attr_set("speedMax", decimal(s, 2));
            }
            e = e.with_child(leg);
        }
        wps = wps.with_child(e);
    }
    root = root.with_child(wps);
    if let Some(manual) = manual_schedule(route, &plan) {
        root = root.with_child(
            Element::new("schedules").with_child(
                Element::new("schedule")
                    .attr_set("id", "1")
                    .attr_set("name", "Planned")
                    .with_child(manual),
            ),
        );
    }
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    root.write(&mut out, 0);
    out
}

fn manual_schedule(route: &Route, plan: &[PlannedPoint]) -> Option<Element> {
    if plan.iter().any(|p| p.eta.is_none()) {
        return None;
    }
    let mut manual = Element::new("manual");
    for (i, (w, p)) in route.waypoints.iter().zip(plan).enumerate() {
        let t = p.eta?.format("%Y-%m-%dT%H:%M:%SZ").to_string();
        let mut e = Element::new("scheduleElement").attr_set("waypointId", w.id.to_string());
        e = if i == 0 {
            e.attr_set("etd", t)
        } else {
            e.attr_set("eta", t)
        };
        if i > 0
            && let Some(s) = p.speed_kn
        {
            e = e.attr_set("speed", decimal(s, 2));
        }
        manual = manual.with_child(e);
    }
    Some(manual)
}

#[cfg(test)]
#[path = "rtz_tests.rs"]
mod tests;
