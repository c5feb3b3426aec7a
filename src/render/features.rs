//! The mission's objects in working-CRS metres, ready to draw: cabin footprints, route
//! waypoints, turbines, exclusion zones, ports and cable landing points.

use crate::mission::Context;
use crate::siting::footprint::{Footprint, Shape, convergence_deg};

/// One exclusion zone as rings (exteriors and holes; fill with the even-odd rule).
#[derive(Clone, Debug)]
pub struct ZoneRings {
    /// The zone's id, from the mission.
    pub id: String,
    /// Closed rings in working-CRS metres (x, y).
    pub rings: Vec<Vec<(f64, f64)>>,
}

/// Everything drawn over the seabed.
#[derive(Clone, Debug, Default)]
pub struct Features {
    /// Cabin id and footprint polygon (heading from true north turned to grid north).
    pub cabins: Vec<(String, Vec<(f64, f64)>)>,
    /// Waypoint label and position, in route order.
    pub route: Vec<(String, (f64, f64))>,
    /// Wind turbine positions (working CRS, m), when the mission has a wind farm.
    pub turbines: Vec<(f64, f64)>,
    /// Exclusion zones, in mission order.
    pub zones: Vec<ZoneRings>,
    /// Id, position and whether it is a port (else a cable landing point).
    pub points: Vec<(String, (f64, f64), bool)>,
    /// Grid bearing of true north at the site (degrees clockwise from grid north).
    pub convergence_deg: f64,
    /// Objects that could not be placed, for the map's caption.
    pub notes: Vec<String>,
}

impl Features {
    /// Projects the mission's objects to the working CRS.
    pub fn of(ctx: &Context) -> Features {
        let m = &ctx.mission;
        let mut f = Features::default();
        let mut failed = Vec::new();
        for c in &m.cabins {
            let Some(t) = m.cabin_type(&c.cabin_type) else {
                continue;
            };
            let placed = ctx
                .to_work(c.lon, c.lat)
                .map_err(|e| e.to_string())
                .and_then(|(x, y)| Ok((x, y, convergence_deg(ctx, c.lon, c.lat)?)));
            match placed {
                Ok((x, y, conv)) => {
                    let fp = Footprint {
                        x,
                        y,
                        grid_heading_deg: c.heading_deg + conv,
                        shape: Shape::of(t),
                    };
                    let ring = fp
                        .polygon()
                        .exterior()
                        .coords()
                        .map(|p| (p.x, p.y))
                        .collect();
                    f.cabins.push((c.id.clone(), ring));
                }
                Err(_) => failed.push(format!("cabin {}", c.id)),
            }
        }
        if let Some(r) = &m.route {
            for w in &r.waypoints {
                let name = if w.name.is_empty() {
                    w.id.to_string()
                } else {
                    w.name.clone()
                };
                match ctx.to_work(w.lon, w.lat) {
                    Ok(p) => f.route.push((name, p)),
                    Err(_) => failed.push(format!("waypoint {name}")),
                }
            }
        }
        if let Some(w) = &m.wind_farm {
            f.turbines = w
                .positions
                .iter()
                .filter_map(|p| ctx.to_work(p[0], p[1]).ok())
                .collect();
            if f.turbines.len() < w.positions.len() {
                failed.push("some turbines".into());
            }
        }
        match crate::zones::zone_shapes(ctx) {
            Ok(zones) => {
                for z in zones {
                    let mut rings = Vec::new();
                    for p in &z.area.0 {
                        rings.push(p.exterior().coords().map(|c| (c.x, c.y)).collect());
                        for hole in p.interiors() {
                            rings.push(hole.coords().map(|c| (c.x, c.y)).collect());
                        }
                    }
                    f.zones.push(ZoneRings { id: z.id, rings });
                }
            }
            Err(e) => f.notes.push(format!("exclusion zones not drawn: {e}")),
        }
        for p in &m.ports {
            if let Ok(xy) = ctx.to_work(p.lon, p.lat) {
                f.points.push((p.id.clone(), xy, true));
            }
        }
        for p in &m.landing_points {
            if let Ok(xy) = ctx.to_work(p.lon, p.lat) {
                f.points.push((p.id.clone(), xy, false));
            }
        }
        if !failed.is_empty() {
            f.notes.push(format!(
                "not projected to the working CRS: {}",
                failed.join(", ")
            ));
        }
        let (cx, cy) = f.bbox().map_or_else(
            || {
                let e = ctx.grid.extent();
                (0.5 * (e.0 + e.2), 0.5 * (e.1 + e.3))
            },
            |b| (0.5 * (b.0 + b.2), 0.5 * (b.1 + b.3)),
        );
        f.convergence_deg = ctx
            .to_lonlat(cx, cy)
            .ok()
            .and_then(|(lon, lat)| convergence_deg(ctx, lon, lat).ok())
            .unwrap_or(0.0);
        f
    }

    /// Bounding box (x0, y0, x1, y1) of every object, `None` when there is none.
    pub fn bbox(&self) -> Option<(f64, f64, f64, f64)> {
        let pts = self
            .cabins
            .iter()
            .flat_map(|c| c.1.iter().copied())
            .chain(self.route.iter().map(|r| r.1))
            .chain(self.turbines.iter().copied())
            .chain(
                self.zones
                    .iter()
                    .flat_map(|z| z.rings.iter().flatten().copied()),
            )
            .chain(self.points.iter().map(|p| p.1))
            .filter(|p| p.0.is_finite() && p.1.is_finite());
        pts.fold(None, |b, (x, y)| {
            Some(match b {
                None => (x, y, x, y),
                Some((a, c, d, e)) => (a.min(x), c.min(y), d.max(x), e.max(y)),
            })
        })
    }
}
