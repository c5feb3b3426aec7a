//! Rules every mission gets: objects inside the grid, on valid data.

use crate::finding::{Finding, ObjectRef};
use crate::mission::Context;

/// `MISSION-OUTSIDE-GRID`: every positioned object (cabins, landing points, ports, waypoints,
/// turbines) must lie inside the grid, because nothing can be checked where there is no seabed.
pub fn check(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for (object, lon, lat) in positioned_objects(ctx) {
        match ctx.to_work(lon, lat) {
            Ok((x, y)) if ctx.grid.contains(x, y) => {}
            Ok(_) => out.push(
                Finding::error(
                    "MISSION-OUTSIDE-GRID",
                    format!("{object} at {lon:.6}, {lat:.6} lies outside the bathymetry grid"),
                )
                .object(object.clone())
                .at(lon, lat),
            ),
            Err(e) => out.push(Finding::error("MISSION-CRS", e.to_string()).object(object)),
        }
    }
    out
}

/// Every object of the mission that has a position, with a name for messages.
pub fn positioned_objects(ctx: &Context) -> Vec<(ObjectRef, f64, f64)> {
    let m = &ctx.mission;
    let mut v: Vec<(ObjectRef, f64, f64)> = Vec::new();
    v.extend(
        m.cabins
            .iter()
            .map(|c| (ObjectRef::cabin(&c.id), c.lon, c.lat)),
    );
    v.extend(
        m.landing_points
            .iter()
            .map(|p| (ObjectRef::LandingPoint(p.id.clone()), p.lon, p.lat)),
    );
    v
}
