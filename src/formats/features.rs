//! The mission's geographic objects as neutral features (WGS 84 lon/lat), shared by the GeoJSON
//! and KML writers: the route (line + waypoints with speed and ETA), ports, cabins with their
//! footprints, exclusion zones, landing points and cables.
//!
//! Cabin footprints are built on the ellipsoid: each corner (or circle vertex) is the geodesic
//! destination from the cabin's centre at its true bearing (Karney 2013 via
//! [`crate::geodesy::geodesic_destination`]). This keeps the cabin's heading relative to *true*
//! north, which a rectangle drawn in projected coordinates would rotate by the meridian
//! convergence of the working CRS (up to ≈ 2° at the edge of a UTM zone).

use super::FormatError;
use crate::geodesy::geodesic_destination;
use crate::mission::{Cabin, CabinType, Mission};
use crate::vessel::legs;
use crate::vessel::sailing::METRES_PER_NM;
use serde_json::{Value, json};
use std::path::Path;

/// Vertices of a round footprint (one every 10°).
const CIRCLE_VERTICES: usize = 36;

/// A feature's geometry in WGS 84 lon/lat degrees.
#[derive(Clone, Debug, PartialEq)]
pub enum Geometry {
    /// One position, `[lon, lat]`.
    Point([f64; 2]),
    /// A polyline (route, cable, line-shaped zone), vertices in order.
    Line(Vec<[f64; 2]>),
    /// Outer ring, closed (last vertex equals the first).
    Polygon(Vec<[f64; 2]>),
}

/// One exported object.
#[derive(Clone, Debug, PartialEq)]
pub struct Feature {
    /// `route`, `waypoint`, `port`, `cabin`, `cabin_footprint`, `exclusion_zone`, `landing_point`, `cable`.
    pub kind: &'static str,
    /// The object's name or id, as in the mission.
    pub name: String,
    /// Where the object is.
    pub geometry: Geometry,
    /// Extra attributes with units in their names (`speed_kn`, `eta`, `buffer_m`).
    pub properties: Vec<(&'static str, Value)>,
}

/// Every object of the mission. `base` is the mission file's directory (zone GeoJSON files are
/// relative to it).
pub fn mission_features(m: &Mission, base: &Path) -> Result<Vec<Feature>, FormatError> {
    let mut out = Vec::new();
    if let Some(route) = &m.route {
        let speed = m.vessel.as_ref().map(|v| v.service_speed_kn);
        let plan = legs::timetable(route, speed);
        out.push(Feature {
            kind: "route",
            name: route.name.clone(),
            geometry: Geometry::Line(route.waypoints.iter().map(|w| [w.lon, w.lat]).collect()),
            properties: vec![
                (
                    "length_nm",
                    json!(round(
                        plan.last().map_or(0.0, |p| p.run_m) / METRES_PER_NM,
                        3
                    )),
                ),
                ("departure", json!(route.departure.map(|t| t.to_rfc3339()))),
            ],
        });
        for (w, p) in route.waypoints.iter().zip(&plan) {
            out.push(Feature {
                kind: "waypoint",
                name: if w.name.is_empty() {
                    format!("WP {}", w.id)
                } else {
                    w.name.clone()
                },
                geometry: Geometry::Point([w.lon, w.lat]),
                properties: vec![
                    ("id", json!(w.id)),
                    ("speed_kn", json!(p.speed_kn)),
                    ("leg_nm", json!(round(p.leg_m / METRES_PER_NM, 3))),
                    ("course_deg", json!(p.course_deg.map(|c| round(c, 1)))),
                    ("eta", json!(p.eta.map(|t| t.to_rfc3339()))),
                ],
            });
        }
    }
    for p in &m.ports {
        out.push(Feature {
            kind: "port",
            name: if p.name.is_empty() {
                p.id.clone()
            } else {
                p.name.clone()
            },
            geometry: Geometry::Point([p.lon, p.lat]),
            properties: vec![("id", json!(p.id))],
        });
    }
    for c in &m.cabins {
        let t = m.cabin_type(&c.cabin_type);
        out.push(Feature {
            kind: "cabin",
            name: c.id.clone(),
            geometry: Geometry::Point([c.lon, c.lat]),
            properties: vec![
                ("cabin_type", json!(c.cabin_type)),
                ("heading_deg", json!(c.heading_deg)),
            ],
        });
        if let Some(ring) = t.and_then(|t| footprint(c, t)) {
            out.push(Feature {
                kind: "cabin_footprint",
                name: c.id.clone(),
                geometry: Geometry::Polygon(ring),
                properties: vec![("cabin_type", json!(c.cabin_type))],
            });
        }
    }
    for z in &m.exclusion_zones {
        let props = || {
            vec![
                (
                    "zone_kind",
                    serde_json::to_value(z.kind).unwrap_or(Value::Null),
                ),
                ("buffer_m", json!(z.buffer_m)),
            ]
        };
        let mut geoms = Vec::new();
        if let Some(p) = &z.polygon {
            geoms.push(Geometry::Polygon(closed(p)));
        }
        if let Some(l) = &z.line {
            geoms.push(Geometry::Line(l.clone()));
        }
        if let Some(file) = &z.geojson {
            geoms.extend(zone_file(&base.join(file))?);
        }
        for g in geoms {
            out.push(Feature {
                kind: "exclusion_zone",
                name: z.id.clone(),
                geometry: g,
                properties: props(),
            });
        }
    }
    for l in &m.landing_points {
        out.push(Feature {
            kind: "landing_point",
            name: l.id.clone(),
            geometry: Geometry::Point([l.lon, l.lat]),
            properties: Vec::new(),
        });
    }
    for c in &m.cables {
        if let Some(line) = m.cable_line(c) {
            out.push(Feature {
                kind: "cable",
                name: c.id.clone(),
                geometry: Geometry::Line(line),
                properties: vec![
                    (
                        "purpose",
                        serde_json::to_value(c.purpose).unwrap_or(Value::Null),
                    ),
                    ("cable_type", json!(c.cable_type)),
                    ("from", json!(c.from.to_string())),
                    ("to", json!(c.to.to_string())),
                    ("burial_m", json!(c.burial_m)),
                    ("slack_pct", json!(c.slack_pct)),
                ],
            });
        }
    }
    Ok(out)
}

fn round(v: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (v * f).round() / f
}

fn closed(ring: &[[f64; 2]]) -> Vec<[f64; 2]> {
    let mut r = ring.to_vec();
    if r.first() != r.last() {
        r.push(r[0]);
    }
    r
}

/// The footprint ring of a cabin: a rectangle `length_m` along the heading × `width_m`, or a
/// circle of `diameter_m`. `None` when the type gives neither.
pub fn footprint(c: &Cabin, t: &CabinType) -> Option<Vec<[f64; 2]>> {
    let at = |bearing: f64, dist: f64| {
        let (lon, lat) = geodesic_destination(c.lon, c.lat, bearing, dist);
        [lon, lat]
    };
    let ring: Vec<[f64; 2]> = match (t.length_m, t.width_m, t.diameter_m) {
        (Some(l), Some(w), _) => {
            let half_diag = 0.5 * l.hypot(w);
            let a = w.atan2(l).to_degrees();
            [a, 180.0 - a, 180.0 + a, 360.0 - a]
                .iter()
                .map(|d| at(c.heading_deg + d, half_diag))
                .collect()
        }
        (_, _, Some(d)) => (0..CIRCLE_VERTICES)
            .map(|i| at(i as f64 * 360.0 / CIRCLE_VERTICES as f64, d / 2.0))
            .collect(),
        _ => return None,
    };
    Some(closed(&ring))
}

/// Outer rings and lines of a zone's GeoJSON file, read and checked as validation reads it
/// ([`crate::zones::parse_geojson`]).
fn zone_file(path: &Path) -> Result<Vec<Geometry>, FormatError> {
    let text = super::read_text(path, crate::zones::MAX_ZONE_FILE_BYTES)?;
    let (polygons, lines) =
        crate::zones::parse_geojson(&text).map_err(|e| FormatError::at(path, 0, e))?;
    let outer = polygons.iter().filter_map(|rings| rings.first());
    Ok(outer
        .map(|r| Geometry::Polygon(closed(r)))
        .chain(lines.into_iter().map(Geometry::Line))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geodesy::geodesic_inverse;
    use crate::mission::Foundation;

    fn cabin_type(l: Option<f64>, w: Option<f64>, d: Option<f64>) -> CabinType {
        CabinType {
            id: "t".into(),
            source: String::new(),
            length_m: l,
            width_m: w,
            diameter_m: d,
            height_m: 4.0,
            mass_t: 100.0,
            displaced_volume_m3: 50.0,
            foundation: Foundation::GravityBase,
            max_slope_deg: 5.0,
            max_relief_m: 1.0,
            racks: 1,
            rack_kw: 1.0,
            drag: None,
            cooling: None,
        }
    }

    #[test]
    fn rectangle_footprint_follows_true_heading() {
        let c = Cabin {
            id: "C".into(),
            cabin_type: "t".into(),
            lon: 122.3,
            lat: 30.7,
            heading_deg: 90.0,
        };
        let ring = footprint(&c, &cabin_type(Some(12.0), Some(4.0), None)).unwrap();
        assert_eq!(ring.len(), 5);
        assert_eq!(ring[0], ring[4]);
        // Bow side (corners 0 and 3) 6 m east of the centre; sides 12 m and 4 m long.
        let side = |a: [f64; 2], b: [f64; 2]| geodesic_inverse(a[0], a[1], b[0], b[1]).distance_m;
        assert!((side(ring[0], ring[1]) - 12.0).abs() < 1e-3);
        assert!((side(ring[1], ring[2]) - 4.0).abs() < 1e-3);
        let mid = [
            (ring[0][0] + ring[3][0]) / 2.0,
            (ring[0][1] + ring[3][1]) / 2.0,
        ];
        let b = geodesic_inverse(c.lon, c.lat, mid[0], mid[1]);
        assert!((b.distance_m - 6.0).abs() < 1e-3 && (b.bearing_deg - 90.0).abs() < 0.01);
    }

    #[test]
    fn round_footprint_has_radius() {
        let c = Cabin {
            id: "C".into(),
            cabin_type: "t".into(),
            lon: 0.0,
            lat: 60.0,
            heading_deg: 0.0,
        };
        let ring = footprint(&c, &cabin_type(None, None, Some(10.0))).unwrap();
        assert_eq!(ring.len(), CIRCLE_VERTICES + 1);
        for p in &ring {
            let d = geodesic_inverse(0.0, 60.0, p[0], p[1]).distance_m;
            assert!((d - 5.0).abs() < 1e-6);
        }
        assert!(footprint(&c, &cabin_type(None, None, None)).is_none());
    }

    /// A mission with one exclusion zone read from `z.geojson` in `dir`.
    fn zone_mission(dir: &Path, geojson: &str) -> Mission {
        std::fs::write(dir.join("z.geojson"), geojson).unwrap();
        let mut m = Mission::new("t", crate::mission::Site::on_grid("g.asc"));
        m.exclusion_zones.push(crate::mission::ExclusionZone {
            id: "Z".into(),
            kind: crate::mission::ZoneKind::Other,
            buffer_m: 50.0,
            polygon: None,
            line: None,
            geojson: Some("z.geojson".into()),
        });
        m
    }

    #[test]
    fn zone_files_are_read_as_validation_reads_them() {
        let dir = tempfile::tempdir().unwrap();
        let m = zone_mission(
            dir.path(),
            r#"{"type": "FeatureCollection", "features": [
                {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon",
                  "coordinates": [[[122.0, 30.0], [122.1, 30.0], [122.0, 30.1], [122.0, 30.0]]]}},
                {"type": "Feature", "properties": {}, "geometry": {"type": "LineString",
                  "coordinates": [[122.2, 30.2], [122.3, 30.3]]}}]}"#,
        );
        let zones: Vec<Geometry> = mission_features(&m, dir.path())
            .unwrap()
            .into_iter()
            .filter(|f| f.kind == "exclusion_zone")
            .map(|f| f.geometry)
            .collect();
        assert_eq!(zones.len(), 2, "{zones:?}");
        assert!(matches!(&zones[0], Geometry::Polygon(r) if r.len() == 4 && r[0] == r[3]));
        assert_eq!(zones[1], Geometry::Line(vec![[122.2, 30.2], [122.3, 30.3]]));
        // A point has no extent and a one-number position is no position: validation refuses
        // both (zones::parse_geojson), and so does the export now instead of dropping them.
        for bad in [
            r#"{"type": "Point", "coordinates": [122.0, 30.0]}"#,
            r#"{"type": "LineString", "coordinates": [[122.0], [122.1, 30.1]]}"#,
        ] {
            let m = zone_mission(dir.path(), bad);
            let e = mission_features(&m, dir.path()).unwrap_err().to_string();
            assert!(e.contains("z.geojson"), "{e}");
        }
    }
}
