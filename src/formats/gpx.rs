//! GPX 1.1 routes (`rte/rtept`) and tracks (`trk/trkseg/trkpt`), with OpenCPN's extensions.
//!
//! OpenCPN (domain-reference §4, §4.1; `opencpn_v1.xsd`) writes route-level
//! `<opencpn:planned_speed>` (knots) and `<opencpn:planned_departure>` (UTC), and may write a
//! `planned_speed` on a route point: the speed of the leg *leaving* that point (OpenCPN's
//! `Route::UpdateSegmentDistances` takes the start point's planned speed for each segment \[E\]).
//! fathom's waypoints carry the speed of the leg *arriving* at them, so point *i − 1*'s speed
//! becomes waypoint *i*'s. Every other extension element (guid, viz, arrival radius, Garmin…) is
//! kept verbatim so that a GPX → GPX round trip loses nothing (the `gpx` crate drops them).

use super::xml::{self, Element};
use super::{FormatError, decimal};
use crate::mission::{LegGeometry, Route, Waypoint};
use crate::vessel::legs;
use chrono::{DateTime, Utc};
use std::path::Path;

const OPENCPN_NS: &str = "http://www.opencpn.org";

/// A GPX document's routes and tracks.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Gpx {
    /// The root's `creator` attribute (the program that wrote the file).
    pub creator: String,
    /// Namespace declarations of the root (`xmlns:opencpn`…), written back on export.
    pub namespaces: Vec<(String, String)>,
    /// The `<rte>` elements in document order.
    pub routes: Vec<GpxRoute>,
    /// The `<trk>` elements in document order.
    pub tracks: Vec<GpxTrack>,
}

/// A `<rte>`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GpxRoute {
    /// The route's `<name>`.
    pub name: String,
    /// The `<rtept>` elements in order.
    pub points: Vec<GpxPoint>,
    /// `opencpn:planned_speed` of the route (knots).
    pub planned_speed_kn: Option<f64>,
    /// `opencpn:planned_departure`.
    pub planned_departure: Option<DateTime<Utc>>,
    /// Other extension elements, verbatim.
    pub extensions: Vec<Element>,
}

/// A `<rtept>` or `<trkpt>`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GpxPoint {
    /// Latitude (degrees, WGS 84), the `lat` attribute.
    pub lat: f64,
    /// Longitude (degrees, WGS 84), the `lon` attribute.
    pub lon: f64,
    /// The `<time>` (UTC): a track fix's time; on exported route points, the planned ETA.
    pub time: Option<DateTime<Utc>>,
    /// The `<name>`.
    pub name: String,
    /// The `<desc>`.
    pub desc: String,
    /// The `<sym>` (symbol name, e.g. `diamond`).
    pub sym: String,
    /// The `<type>`.
    pub kind: String,
    /// `opencpn:planned_speed` of the leg leaving this point (knots).
    pub planned_speed_kn: Option<f64>,
    /// Other extension elements, verbatim.
    pub extensions: Vec<Element>,
}

/// A `<trk>`: segments of timed points.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GpxTrack {
    /// The track's `<name>`.
    pub name: String,
    /// The `<trkseg>` segments, each its `<trkpt>` elements in order.
    pub segments: Vec<Vec<GpxPoint>>,
}

/// Reads a GPX file.
pub fn read(path: &Path) -> Result<Gpx, FormatError> {
    read_str(&super::read_text(path, super::MAX_ROUTE_FILE_BYTES)?, path)
}

/// The most track points (`<trkpt>`, all tracks and segments together) a GPX file may hold. A
/// day of operations logged at 1 Hz is 86,400 points, and a GPX file within
/// [`MAX_ROUTE_FILE_BYTES`](super::MAX_ROUTE_FILE_BYTES) holds about 80,000 timed points; longer
/// logs come as NMEA (`--nmea`), which is read line by line.
pub const MAX_TRACK_POINTS: usize = 100_000;

/// Parses GPX text; `path` names the file in messages.
pub fn read_str(text: &str, path: &Path) -> Result<Gpx, FormatError> {
    // Route points become a mission route, capped as a route is; track points are capped at
    // [`MAX_TRACK_POINTS`]: both counted while parsing, before the tree is built.
    let limits = [
        xml::Limit {
            name: "rtept",
            max: crate::mission::MAX_WAYPOINTS,
            hint: "split the passage into routes",
        },
        xml::Limit {
            name: "trkpt",
            max: MAX_TRACK_POINTS,
            hint: "split the log into days, or give it as NMEA with --nmea",
        },
    ];
    let root = xml::parse_limited(text, path, &limits)?;
    if root.local_name() != "gpx" {
        return Err(FormatError::at(
            path,
            root.line,
            format!("root element is <{}>: expected <gpx>", root.name),
        ));
    }
    let mut gpx = Gpx {
        creator: root.attr("creator").unwrap_or_default().to_string(),
        namespaces: root
            .attrs
            .iter()
            .filter(|(k, _)| k.starts_with("xmlns:") && k != "xmlns:xsi")
            .cloned()
            .collect(),
        ..Default::default()
    };
    for r in root.children_named("rte") {
        let mut route = GpxRoute {
            name: r.child_text("name").unwrap_or_default().to_string(),
            ..Default::default()
        };
        for ext in r
            .child("extensions")
            .map(|e| e.children.as_slice())
            .unwrap_or_default()
        {
            match ext.local_name() {
                "planned_speed" => route.planned_speed_kn = Some(number(ext, path)?),
                "planned_departure" => route.planned_departure = Some(time(ext, path)?),
                _ => route.extensions.push(ext.clone()),
            }
        }
        for p in r.children_named("rtept") {
            route.points.push(point(p, path)?);
        }
        gpx.routes.push(route);
    }
    for t in root.children_named("trk") {
        let mut track = GpxTrack {
            name: t.child_text("name").unwrap_or_default().to_string(),
            segments: Vec::new(),
        };
        for s in t.children_named("trkseg") {
            let seg = s
                .children_named("trkpt")
                .map(|p| point(p, path))
                .collect::<Result<Vec<_>, _>>()?;
            track.segments.push(seg);
        }
        gpx.tracks.push(track);
    }
    Ok(gpx)
}

fn number(e: &Element, path: &Path) -> Result<f64, FormatError> {
    e.text
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| {
            FormatError::at(
                path,
                e.line,
                format!("<{}> \"{}\" is not a number", e.name, e.text),
            )
        })
}

fn time(e: &Element, path: &Path) -> Result<DateTime<Utc>, FormatError> {
    DateTime::parse_from_rfc3339(e.text.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|err| {
            FormatError::at(
                path,
                e.line,
                format!(
                    "<{}> \"{}\" is not an ISO 8601 UTC time ({err})",
                    e.name, e.text
                ),
            )
        })
}

fn point(p: &Element, path: &Path) -> Result<GpxPoint, FormatError> {
    let coord = |attr: &str, lim: f64| {
        p.attr(attr)
            .and_then(|s| s.trim().parse::<f64>().ok())
            .filter(|v| v.abs() <= lim)
            .ok_or_else(|| {
                FormatError::at(
                    path,
                    p.line,
                    format!(
                        "<{}> {attr} \"{}\" missing or out of range (±{lim}°)",
                        p.name,
                        p.attr(attr).unwrap_or_default()
                    ),
                )
            })
    };
    let text = |n: &str| p.child_text(n).unwrap_or_default().to_string();
    let mut out = GpxPoint {
        lat: coord("lat", 90.0)?,
        lon: coord("lon", 180.0)?,
        time: p.child("time").map(|t| time(t, path)).transpose()?,
        name: text("name"),
        desc: text("desc"),
        sym: text("sym"),
        kind: text("type"),
        ..Default::default()
    };
    for ext in p
        .child("extensions")
        .map(|e| e.children.as_slice())
        .unwrap_or_default()
    {
        if ext.local_name() == "planned_speed" {
            out.planned_speed_kn = Some(number(ext, path)?);
        } else {
            out.extensions.push(ext.clone());
        }
    }
    Ok(out)
}

impl GpxRoute {
    /// The route in fathom's model: ids 1…n, rhumb legs (as OpenCPN sails them), leg speed from
    /// the previous point's planned speed or the route's.
    pub fn to_route(&self) -> Route {
        let waypoints = self
            .points
            .iter()
            .enumerate()
            .map(|(i, p)| Waypoint {
                id: i as u32 + 1,
                name: p.name.clone(),
                lon: p.lon,
                lat: p.lat,
                speed_kn: if i == 0 {
                    None
                } else {
                    self.points[i - 1]
                        .planned_speed_kn
                        .or(self.planned_speed_kn)
                },
                geometry: LegGeometry::Rhumb,
            })
            .collect();
        Route {
            name: self.name.clone(),
            departure: self.planned_departure,
            waypoints,
        }
    }

    /// A GPX route from fathom's model. The route-level planned speed is the first leg's; a point
    /// whose leaving leg has another speed gets its own `planned_speed`.
    pub fn from_route(route: &Route, default_speed_kn: Option<f64>) -> GpxRoute {
        let plan = legs::timetable(route, default_speed_kn);
        let first = plan.get(1).and_then(|p| p.speed_kn);
        let n = route.waypoints.len();
        let points = route
            .waypoints
            .iter()
            .enumerate()
            .map(|(i, w)| GpxPoint {
                lat: w.lat,
                lon: w.lon,
                time: plan[i].eta,
                name: w.name.clone(),
                planned_speed_kn: if i + 1 < n {
                    plan[i + 1].speed_kn.filter(|s| Some(*s) != first)
                } else {
                    None
                },
                ..Default::default()
            })
            .collect();
        GpxRoute {
            name: route.name.clone(),
            points,
            planned_speed_kn: first,
            planned_departure: route.departure,
            extensions: Vec::new(),
        }
    }
}

impl GpxTrack {
    /// Every timed point of every segment, in order (points without a time are skipped).
    pub fn timed_points(&self) -> Vec<(DateTime<Utc>, f64, f64)> {
        self.segments
            .iter()
            .flatten()
            .filter_map(|p| Some((p.time?, p.lon, p.lat)))
            .collect()
    }
}

fn fmt_time(t: &DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn write_point(tag: &str, p: &GpxPoint) -> Element {
    let mut e = Element::new(tag)
        .attr_set("lat", decimal(p.lat, 9))
        .attr_set("lon", decimal(p.lon, 9));
    if let Some(t) = &p.time {
        e = e.with_child(Element::new("time").with_text(fmt_time(t)));
    }
    for (n, v) in [
        ("name", &p.name),
        ("desc", &p.desc),
        ("sym", &p.sym),
        ("type", &p.kind),
    ] {
        if !v.is_empty() {
            e = e.with_child(Element::new(n).with_text(v.as_str()));
        }
    }
    let mut ext = p.extensions.clone();
    if let Some(s) = p.planned_speed_kn {
        ext.push(Element::new("opencpn:planned_speed").with_text(format!("{s:.2}")));
    }
    if !ext.is_empty() {
        e = e.with_child(Element {
            children: ext,
            ..Element::new("extensions")
        });
    }
    e
}

/// Writes a GPX 1.1 document.
pub fn write(gpx: &Gpx) -> String {
    let mut root = Element::new("gpx")
        .attr_set("version", "1.1")
        .attr_set(
            "creator",
            if gpx.creator.is_empty() {
                "fathom"
            } else {
                gpx.creator.as_str()
            },
        )
        .attr_set("xmlns", "http://www.topografix.com/GPX/1/1");
    let mut ns = gpx.namespaces.clone();
    if !ns.iter().any(|(k, _)| k == "xmlns:opencpn") {
        ns.push(("xmlns:opencpn".into(), OPENCPN_NS.into()));
    }
    root.attrs.extend(ns);
    for r in &gpx.routes {
        let mut e = Element::new("rte").with_child(Element::new("name").with_text(r.name.as_str()));
        let mut ext = Vec::new();
        if let Some(s) = r.planned_speed_kn {
            ext.push(Element::new("opencpn:planned_speed").with_text(format!("{s:.2}")));
        }
        if let Some(t) = &r.planned_departure {
            ext.push(Element::new("opencpn:planned_departure").with_text(fmt_time(t)));
        }
        ext.extend(r.extensions.iter().cloned());
        if !ext.is_empty() {
            e = e.with_child(Element {
                children: ext,
                ..Element::new("extensions")
            });
        }
        for p in &r.points {
            e = e.with_child(write_point("rtept", p));
        }
        root = root.with_child(e);
    }
    for t in &gpx.tracks {
        let mut e = Element::new("trk").with_child(Element::new("name").with_text(t.name.as_str()));
        for s in &t.segments {
            let mut seg = Element::new("trkseg");
            for p in s {
                seg = seg.with_child(write_point("trkpt", p));
            }
            e = e.with_child(seg);
        }
        root = root.with_child(e);
    }
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    root.write(&mut out, 0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::shared_data;
    use crate::vessel::sailing::METRES_PER_NM;

    #[test]
    fn opencpn_route_imports_with_speed_and_departure() {
        let Some(p) = shared_data("gpx/navtools_Beaufort-St._Marys.gpx") else {
            return;
        };
        let gpx = read(&p).unwrap();
        assert_eq!(gpx.routes.len(), 1);
        let r = gpx.routes[0].to_route();
        assert_eq!(r.name, "Beaufort-St. Mary's");
        assert_eq!(r.waypoints.len(), 7);
        assert_eq!(r.waypoints[0].speed_kn, None);
        assert!(r.waypoints[1..].iter().all(|w| w.speed_kn == Some(6.0)));
        assert_eq!(
            r.departure.unwrap().to_rfc3339(),
            "2021-05-26T08:47:26+00:00"
        );
        assert_eq!(r.waypoints[6].name, "St. Mary's");
        // OpenCPN's route printout: 345.1 NM in total, 2 d 9 h 31 min at 6 kn. The exports'
        // timetable is the route table's Mercator sailing, which is OpenCPN's own.
        let plan = legs::timetable(&r, None);
        let total_nm = plan.last().unwrap().run_m / METRES_PER_NM;
        assert!((total_nm - 345.1).abs() < 0.05, "{total_nm}");
        let enroute = plan.last().unwrap().eta.unwrap() - r.departure.unwrap();
        assert!(
            (enroute.num_minutes() - (2 * 1440 + 9 * 60 + 31)).abs() <= 1,
            "{enroute}"
        );
    }

    #[test]
    fn round_trip_keeps_opencpn_extensions() {
        let Some(p) = shared_data("gpx/navtools_Beaufort-St._Marys.gpx") else {
            return;
        };
        let gpx = read(&p).unwrap();
        let text = write(&gpx);
        assert!(text.contains("<opencpn:guid>1495b60f-e1c6-4edd-ba1a-b2037edadbbd</opencpn:guid>"));
        assert!(text.contains("<gpxx:IsAutoNamed>false</gpxx:IsAutoNamed>"));
        assert!(text.contains("xmlns:gpxx="));
        let again = read_str(&text, Path::new("again.gpx")).unwrap();
        assert_eq!(write(&again), text);
        assert_eq!(again.routes[0].points, {
            // Same content; only the source line numbers of extension elements differ.
            let mut p = gpx.routes[0].points.clone();
            for (q, r) in p.iter_mut().zip(&again.routes[0].points) {
                for (e, f) in q.extensions.iter_mut().zip(&r.extensions) {
                    e.line = f.line;
                }
            }
            p
        });
    }

    #[test]
    fn per_leg_speeds_survive_model_round_trip() {
        let wp = |id, lon: f64, speed| Waypoint {
            id,
            name: format!("P{id}"),
            lon,
            lat: 30.0,
            speed_kn: speed,
            geometry: LegGeometry::Rhumb,
        };
        let route = Route {
            name: "r".into(),
            departure: Some("2025-01-01T00:00:00Z".parse().unwrap()),
            waypoints: vec![
                wp(1, 122.0, None),
                wp(2, 122.1, Some(8.0)),
                wp(3, 122.2, Some(5.5)),
            ],
        };
        let gpx = Gpx {
            routes: vec![GpxRoute::from_route(&route, None)],
            ..Default::default()
        };
        let back = read_str(&write(&gpx), Path::new("r.gpx")).unwrap().routes[0].to_route();
        assert_eq!(back.waypoints[1].speed_kn, Some(8.0));
        assert_eq!(back.waypoints[2].speed_kn, Some(5.5));
        assert_eq!(back.departure, route.departure);
    }

    #[test]
    fn recorded_track_reads_segments_and_times() {
        let Some(p) = shared_data("gpx/navtools_TRACK_041812.gpx") else {
            return;
        };
        let gpx = read(&p).unwrap();
        assert_eq!(gpx.tracks.len(), 1);
        let t = &gpx.tracks[0];
        assert_eq!(t.name, "TRACK_041812");
        assert!(t.segments.len() > 3);
        let pts = t.timed_points();
        assert!(pts.windows(2).all(|w| w[0].0 <= w[1].0));
        assert_eq!(pts[0].0.to_rfc3339(), "2011-06-04T13:12:32+00:00");
        assert!((pts[0].2 - 37.549225).abs() < 1e-9);
    }

    #[test]
    fn bad_coordinate_names_line() {
        let e = read_str(
            "<gpx>\n<rte><rtept lat=\"95\" lon=\"1\"/></rte></gpx>",
            Path::new("b.gpx"),
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("b.gpx:2:"), "{e}");
    }
}
