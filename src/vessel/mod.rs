#![warn(missing_docs)]
//! The installation vessel's routes: the route table (legs, courses, ETAs, KP), under-keel
//! clearance along the route with Barrass squat, and least-cost any-angle route planning over the
//! bathymetry grid.
//!
//! Domain facts: domain-reference §4 (OpenCPN's route table, which fathom's leg table matches)
//! and §5 (UKC, Barrass squat).

pub mod asrun;
pub mod coarse;
pub mod legs;
pub mod navmask;
pub mod plan;
pub mod sailing;
pub mod squat;
pub mod theta;
pub mod ukc;

use crate::finding::{Finding, ObjectRef};
use crate::mission::Context;

/// Legs shorter than this (m) join two waypoints that are the same point to the precision of a
/// GNSS fix (metre level) \[E\]: a duplicated waypoint, whose leg has no course.
pub const MIN_LEG_M: f64 = 1.0;

/// The route rules: `ROUTE-SPEED` (a leg without speed), `ROUTE-NO-VESSEL` (a route but no
/// vessel to check it for), `ROUTE-ZERO-LEG` (a leg shorter than [`MIN_LEG_M`]),
/// `ROUTE-SQUAT-RANGE` (depth/draught outside Barrass's stated range, see [`ukc::ukc_findings`]), `ROUTE-UKC`, `ROUTE-OUTSIDE-GRID`, `ROUTE-NO-DATA` (see
/// [`ukc::ukc_findings`]), `ROUTE-EXCLUSION` (a leg through an exclusion zone) and
/// `ROUTE-EXCLUSION-UNCHECKED` (a zone whose geometry could not be built: the siting rules report
/// why, as `SITE-ZONE`). Zones are the shared geometry of [`crate::zones`], buffer included.
pub fn check(ctx: &Context) -> Vec<Finding> {
    let m = &ctx.mission;
    let Some(route) = &m.route else {
        return Vec::new();
    };
    if route.waypoints.len() < 2 {
        return Vec::new(); // reported by the mission's range checks
    }
    let Some(vessel) = &m.vessel else {
        return vec![
            Finding::warning(
                "ROUTE-NO-VESSEL",
                format!(
                    "route `{}` has no [vessel]: under-keel clearance is not checked",
                    route.name
                ),
            )
            .object(ObjectRef::Route),
        ];
    };
    let table = match legs::route_table(route, Some(vessel)) {
        Ok(t) => t,
        Err(e) => {
            return vec![Finding::error("ROUTE-SPEED", e.to_string()).object(ObjectRef::Route)];
        }
    };
    let samples = ukc::sample_route(ctx, route, &table, vessel);
    let mut out = ukc::ukc_findings(&table, &samples, vessel);
    for leg in table.legs.iter().filter(|l| l.distance_m < MIN_LEG_M) {
        out.push(
            Finding::warning(
                "ROUTE-ZERO-LEG",
                format!(
                    "leg {} from waypoint {} to waypoint {} is {:.2} m long: a duplicated waypoint, its course is undefined; expected consecutive waypoints at least {MIN_LEG_M} m apart",
                    leg.number, leg.from_id, leg.to_id, leg.distance_m
                ),
            )
            .object(ukc::leg_object(leg)),
        );
    }
    let mut zones = Vec::with_capacity(m.exclusion_zones.len());
    for z in &m.exclusion_zones {
        match crate::zones::zone_shape(ctx, z) {
            Ok(shape) => zones.push(shape),
            Err(e) => out.push(
                Finding::info(
                    "ROUTE-EXCLUSION-UNCHECKED",
                    format!("not tested against the route: {e}"),
                )
                .object(ObjectRef::Zone(z.id.clone())),
            ),
        }
    }
    for (leg, zone, s) in ukc::zone_crossings(&samples, &zones) {
        out.push(
            Finding::error(
                "ROUTE-EXCLUSION",
                format!(
                    "leg {} enters exclusion zone `{zone}` at KP {:.3} km",
                    table.legs[leg].number,
                    s.kp_m / 1000.0
                ),
            )
            .object(ukc::leg_object(&table.legs[leg]))
            .at(s.lon, s.lat),
        );
    }
    out
}
