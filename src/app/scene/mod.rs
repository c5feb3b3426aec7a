//! What the map shows of the document, derived from it off the drawing path: the [`Scene`] (the
//! mission's objects converted once per edit into working-CRS metres at true scale, ready to
//! draw: cabin footprints oriented to true north, exclusion zones buffered and triangulated), the
//! [`suitability`] overlay, the [`contours`] (isobaths) and the wind farm's [`wake`] footprint,
//! all computed on workers; and the [`cables`] (routes with the scene, engineering on the chart
//! worker).

pub mod cables;
pub mod contours;
pub mod suitability;
pub mod wake;

use crate::app::document::LoadedSite;
use crate::mission::{Mission, ZoneKind};
use geo::{MultiPolygon, TriangulateEarcut};

/// A cabin's footprint.
pub struct CabinShape {
    pub id: String,
    pub centre: [f64; 2],
    /// Closed outline (rectangle corners or a 32-gon for round cabins).
    pub outline: Vec<[f64; 2]>,
    /// Unit vector of the heading in the working CRS (grid north differs from true north by the
    /// meridian convergence, which is applied here).
    pub axis: [f64; 2],
    /// Half the length along the heading (m).
    pub half_length: f64,
}

/// An exclusion zone ready to draw.
#[derive(Clone, Debug)]
pub struct ZoneDrawing {
    pub id: String,
    pub kind: ZoneKind,
    /// Outer and inner rings of the (buffered) area.
    pub rings: Vec<Vec<[f64; 2]>>,
    /// Filled triangles of the area (earcut; concave areas fill correctly).
    pub triangles: Vec<[[f64; 2]; 3]>,
    /// The unbuffered geometry (cable line or polygon ring).
    pub source: Vec<[f64; 2]>,
}

impl ZoneDrawing {
    /// A zone from its (buffered) area in working-CRS metres: outline rings and earcut triangles.
    pub fn from_area(
        id: &str,
        kind: ZoneKind,
        area: &MultiPolygon<f64>,
        source: Vec<[f64; 2]>,
    ) -> Self {
        let mut rings = Vec::new();
        let mut triangles = Vec::new();
        for poly in &area.0 {
            rings.push(poly.exterior().coords().map(|c| [c.x, c.y]).collect());
            rings.extend(
                poly.interiors()
                    .iter()
                    .map(|r| r.coords().map(|c| [c.x, c.y]).collect()),
            );
            triangles.extend(poly.earcut_triangles_iter().map(|t| {
                let (a, b, c) = (t.v1(), t.v2(), t.v3());
                [[a.x, a.y], [b.x, b.y], [c.x, c.y]]
            }));
        }
        ZoneDrawing {
            id: id.to_string(),
            kind,
            rings,
            triangles,
            source,
        }
    }
}

/// A wind turbine: position and rotor radius (when the turbine is one of the shipped curves).
pub struct TurbineShape {
    pub id: String,
    pub at: [f64; 2],
    pub rotor_radius_m: Option<f64>,
}

/// A labelled point (landing point, port, waypoint).
pub struct Point {
    pub id: String,
    pub at: [f64; 2],
}

/// Everything drawable, in working-CRS metres.
#[derive(Default)]
pub struct Scene {
    pub cabins: Vec<CabinShape>,
    pub zones: Vec<ZoneDrawing>,
    pub landing_points: Vec<Point>,
    pub ports: Vec<Point>,
    pub route: Vec<Point>,
    /// Leg labels (distance, course, speed, ETA when the route has a departure), leg i arriving
    /// at waypoint i + 1.
    pub legs: Vec<String>,
    pub turbines: Vec<TurbineShape>,
    /// The mission's cables on their routes ([`cables::lines`]).
    pub cables: Vec<cables::CableLine>,
    /// Objects that could not be placed (CRS failures), for the status bar.
    pub problems: Vec<String>,
}

/// Clockwise angle (rad) from grid north to true north at a point: the meridian convergence
/// ([`crate::geodesy::meridian_convergence_deg`]).
fn convergence(site: &LoadedSite, lon: f64, lat: f64) -> f64 {
    crate::geodesy::meridian_convergence_deg(
        |a, b| site.to_work(a, b).map(|p| (p[0], p[1])).ok_or(()),
        lon,
        lat,
    )
    .map_or(0.0, f64::to_radians)
}

impl Scene {
    /// Builds the scene of `m` over `site`.
    pub fn build(m: &Mission, site: &LoadedSite) -> Scene {
        let mut s = Scene::default();
        for c in &m.cabins {
            let Some(at) = site.to_work(c.lon, c.lat) else {
                s.problems
                    .push(format!("cabin {}: position cannot be projected", c.id));
                continue;
            };
            let theta = convergence(site, c.lon, c.lat) + c.heading_deg.to_radians();
            let u = [theta.sin(), theta.cos()];
            let v = [u[1], -u[0]];
            let t = m.cabin_type(&c.cabin_type);
            let (outline, half_length) = match t.map(|t| (t.length_m, t.width_m, t.diameter_m)) {
                Some((Some(l), Some(w), _)) => {
                    let (hl, hw) = (l / 2.0, w / 2.0);
                    let corner =
                        |a: f64, b: f64| [at[0] + a * u[0] + b * v[0], at[1] + a * u[1] + b * v[1]];
                    (
                        vec![
                            corner(hl, hw),
                            corner(hl, -hw),
                            corner(-hl, -hw),
                            corner(-hl, hw),
                        ],
                        hl,
                    )
                }
                Some((_, _, Some(d))) => (circle(at, d / 2.0), d / 2.0),
                // Unknown type: a 10 m marker so the cabin is still visible and selectable.
                _ => (circle(at, 5.0), 5.0),
            };
            s.cabins.push(CabinShape {
                id: c.id.clone(),
                centre: at,
                outline,
                axis: u,
                half_length,
            });
        }
        // A context shares the site's grid (no copy); zones are built as siting and validation
        // build them (projected, densified, buffered: `zones::zone_shape`).
        let ctx = site.context(m);
        for z in &m.exclusion_zones {
            if z.polygon.is_none() && z.line.is_none() {
                continue; // a GeoJSON file: read on a worker (`analysis::analyse`)
            }
            let area = match crate::zones::zone_shape(&ctx, z) {
                Ok(shape) => shape.area,
                Err(e) => {
                    s.problems.push(e.to_string());
                    continue;
                }
            };
            let ring = z.polygon.iter().chain(&z.line).flatten();
            let source = ring.filter_map(|p| site.to_work(p[0], p[1])).collect();
            s.zones
                .push(ZoneDrawing::from_area(&z.id, z.kind, &area, source));
        }
        let (lines, problems) = cables::lines(&ctx);
        s.cables = lines;
        s.problems.extend(problems);
        let point = |id: &str, lon: f64, lat: f64| {
            site.to_work(lon, lat).map(|at| Point {
                id: id.to_string(),
                at,
            })
        };
        s.landing_points = m
            .landing_points
            .iter()
            .filter_map(|p| point(&p.id, p.lon, p.lat))
            .collect();
        s.ports = m
            .ports
            .iter()
            .filter_map(|p| point(&p.id, p.lon, p.lat))
            .collect();
        if let Some(wf) = &m.wind_farm {
            // Shipped curves are compiled in, so this reads no file; a turbine CSV's rotor is
            // drawn as a marker only.
            let rotor_radius_m = crate::wind::turbine::BUILTIN
                .iter()
                .any(|(n, _)| n.eq_ignore_ascii_case(&wf.turbine))
                .then(|| crate::wind::turbine::Turbine::load(&wf.turbine).ok())
                .flatten()
                .map(|t| t.rotor_diameter_m / 2.0);
            for (i, p) in wf.positions.iter().enumerate() {
                match site.to_work(p[0], p[1]) {
                    Some(at) => s.turbines.push(TurbineShape {
                        id: format!("T{}", i + 1),
                        at,
                        rotor_radius_m,
                    }),
                    None => s
                        .problems
                        .push(format!("turbine T{}: position cannot be projected", i + 1)),
                }
            }
        }
        if let Some(r) = &m.route {
            if let Ok(t) = crate::vessel::legs::route_table(r, m.vessel.as_ref()) {
                s.legs = t
                    .legs
                    .iter()
                    .map(|l| {
                        let eta = l
                            .eta
                            .map(|e| format!("  {}", eta_text(e)))
                            .unwrap_or_default();
                        format!(
                            "{:.2} NM  {:03.0}°  {:.1} kn{eta}",
                            l.distance_nm, l.bearing_deg, l.speed_kn
                        )
                    })
                    .collect();
            }
            s.route = r
                .waypoints
                .iter()
                .filter_map(|w| {
                    let name = if w.name.is_empty() {
                        format!("WP{}", w.id)
                    } else {
                        w.name.clone()
                    };
                    point(&name, w.lon, w.lat)
                })
                .collect();
        }
        s
    }

    /// The cabin whose footprint contains `p` (or whose centre is within `tolerance_m`).
    pub fn cabin_at(&self, p: [f64; 2], tolerance_m: f64) -> Option<usize> {
        self.cabins.iter().rposition(|c| {
            point_in_ring(p, &c.outline)
                || (c.centre[0] - p[0]).hypot(c.centre[1] - p[1]) <= tolerance_m
        })
    }
}

fn circle(c: [f64; 2], r: f64) -> Vec<[f64; 2]> {
    (0..32)
        .map(|i| {
            let a = i as f64 / 32.0 * std::f64::consts::TAU;
            [c[0] + r * a.cos(), c[1] + r * a.sin()]
        })
        .collect()
}

/// An arrival time as the planner shows it, on the map and in the inspector alike:
/// "ETA 2025-06-01 14:30 UTC" (the route's times are UTC: `vessel.departure` is read as RFC 3339
/// and converted).
pub fn eta_text(eta: chrono::DateTime<chrono::Utc>) -> String {
    format!("ETA {}", eta.format("%Y-%m-%d %H:%M UTC"))
}

/// Even-odd point-in-polygon test.
pub fn point_in_ring(p: [f64; 2], ring: &[[f64; 2]]) -> bool {
    let mut inside = false;
    let n = ring.len();
    for i in 0..n {
        let (a, b) = (ring[i], ring[(i + n - 1) % n]);
        if (a[1] > p[1]) != (b[1] > p[1])
            && p[0] < (b[0] - a[0]) * (p[1] - a[1]) / (b[1] - a[1]) + a[0]
        {
            inside = !inside;
        }
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eta_names_date_time_and_zone() {
        use chrono::TimeZone;
        // 23:48 at +01:00 is 22:48 UTC.
        let t = chrono::FixedOffset::east_opt(3600)
            .unwrap()
            .with_ymd_and_hms(2026, 12, 31, 23, 48, 0)
            .unwrap();
        assert_eq!(
            eta_text(t.with_timezone(&chrono::Utc)),
            "ETA 2026-12-31 22:48 UTC"
        );
    }

    #[test]
    fn point_in_square() {
        let sq = [[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0]];
        assert!(point_in_ring([5.0, 5.0], &sq));
        assert!(!point_in_ring([15.0, 5.0], &sq));
    }
}
