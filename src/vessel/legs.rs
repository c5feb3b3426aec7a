//! The route table: per leg distance, true course, speed, duration and ETA, and the route's
//! kilometre-point (KP) axis — what a chart plotter's route manager (OpenCPN "Route properties")
//! or an ECDIS route schedule shows.

use super::sailing::{METRES_PER_NM, leg_distance_bearing};
use crate::mission::{LegGeometry, Route, Vessel};
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

/// One leg, from the previous waypoint to `to_id`; leg fields come from the arriving waypoint
/// (RTZ convention).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Leg {
    /// 1-based leg number.
    pub number: usize,
    /// Id of the waypoint the leg leaves from.
    pub from_id: u32,
    /// Id of the waypoint the leg arrives at.
    pub to_id: u32,
    /// Name of the arriving waypoint.
    pub to_name: String,
    /// Rhumb line or great circle, from the arriving waypoint.
    pub geometry: LegGeometry,
    /// Leg length (m).
    pub distance_m: f64,
    /// Leg length (nautical miles).
    pub distance_nm: f64,
    /// Rhumb legs: the constant course; great-circle legs: the initial course (degrees true).
    pub bearing_deg: f64,
    /// Planned speed (knots): the waypoint's `speed_kn`, else the vessel's service speed.
    pub speed_kn: f64,
    /// Time on the leg (s).
    pub duration_s: f64,
    /// KP at the start of the leg (m from the first waypoint).
    pub kp_start_m: f64,
    /// KP at the end of the leg (m from the first waypoint).
    pub kp_end_m: f64,
    /// Arrival at `to_id` when the route has a departure time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eta: Option<DateTime<Utc>>,
}

/// A computed route: its legs and totals.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RouteTable {
    /// The route's name.
    pub name: String,
    /// Departure from the first waypoint, when the route gives one.
    pub departure: Option<DateTime<Utc>>,
    /// The legs in route order.
    pub legs: Vec<Leg>,
    /// Route length (m).
    pub total_m: f64,
    /// Route length (nautical miles).
    pub total_nm: f64,
    /// Time under way over all legs (s).
    pub total_s: f64,
}

/// Why a route table cannot be computed.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum LegError {
    #[error(
        "route `{route}`: waypoint {id}: no speed on the leg and no vessel service speed; expected `speed_kn` > 0"
    )]
    /// A leg has neither its own speed nor a vessel service speed.
    NoSpeed {
        /// The route's name.
        route: String,
        /// Id of the arriving waypoint of the leg without speed.
        id: u32,
    },
}

/// One waypoint's line in the timetable the exports write (RTZ schedule, GPX times, CSV,
/// GeoJSON/KML properties), from the same leg computation as [`route_table`].
#[derive(Clone, Debug, PartialEq)]
pub struct PlannedPoint {
    /// Length of the arriving leg (m); 0 for the first waypoint.
    pub leg_m: f64,
    /// Course of the arriving leg (degrees true, as in [`Leg::bearing_deg`]); `None` for the first
    /// waypoint.
    pub course_deg: Option<f64>,
    /// Speed on the arriving leg (kn): the waypoint's own or the default (for the first waypoint:
    /// its own or the default, the speed it is left at in a GPX route).
    pub speed_kn: Option<f64>,
    /// Distance from the first waypoint (m): the KP.
    pub run_m: f64,
    /// Estimated time of arrival (for the first waypoint: the departure); `None` without a
    /// departure or after a leg without speed.
    pub eta: Option<DateTime<Utc>>,
}

/// The timetable of `route`, one entry per waypoint. Unlike [`route_table`] a leg may lack a
/// speed (a route exported without a vessel): its distance and course are still given, and ETAs
/// stop there. Legs without their own speed use `default_speed_kn` (the vessel's service speed).
pub fn timetable(route: &Route, default_speed_kn: Option<f64>) -> Vec<PlannedPoint> {
    let speed_of =
        |w: &crate::mission::Waypoint| w.speed_kn.or(default_speed_kn).filter(|s| *s > 0.0);
    let Some(first) = route.waypoints.first() else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(route.waypoints.len());
    out.push(PlannedPoint {
        leg_m: 0.0,
        course_deg: None,
        speed_kn: speed_of(first),
        run_m: 0.0,
        eta: route.departure,
    });
    let (mut run, mut t) = (0.0, Some(0.0));
    for w in route.waypoints.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        let (leg_m, course) = leg_distance_bearing(b.geometry, a.lon, a.lat, b.lon, b.lat);
        let speed = speed_of(b);
        run += leg_m;
        t = t
            .zip(speed)
            .map(|(t, s)| t + leg_m / (s * METRES_PER_NM / 3600.0));
        out.push(PlannedPoint {
            leg_m,
            course_deg: Some(course),
            speed_kn: speed,
            run_m: run,
            eta: route.departure.zip(t).and_then(|(d, t)| after(d, t)),
        });
    }
    out
}

/// `departure` plus `seconds`, to the millisecond; `None` when the arrival lies beyond what a
/// timestamp can hold (a leg sailed at 1e-300 kn), so no ETA is shown rather than a panic.
fn after(departure: DateTime<Utc>, seconds: f64) -> Option<DateTime<Utc>> {
    let ms = (seconds * 1000.0).round();
    if !(ms.is_finite() && ms.abs() < i64::MAX as f64) {
        return None;
    }
    departure.checked_add_signed(Duration::try_milliseconds(ms as i64)?)
}

/// Computes the route table. Leg speed: the arriving waypoint's `speed_kn`, else
/// `vessel.service_speed_kn`. ETAs follow from `route.departure` when given.
pub fn route_table(route: &Route, vessel: Option<&Vessel>) -> Result<RouteTable, LegError> {
    let plan = timetable(route, vessel.map(|v| v.service_speed_kn));
    let mut legs = Vec::with_capacity(plan.len().saturating_sub(1));
    let mut t = 0.0;
    for (i, (w, p)) in route.waypoints.windows(2).zip(plan.windows(2)).enumerate() {
        let (a, b) = (&w[0], &w[1]);
        let speed_kn = p[1].speed_kn.ok_or_else(|| LegError::NoSpeed {
            route: route.name.clone(),
            id: b.id,
        })?;
        let duration_s = p[1].leg_m / (speed_kn * METRES_PER_NM / 3600.0);
        t += duration_s;
        legs.push(Leg {
            number: i + 1,
            from_id: a.id,
            to_id: b.id,
            to_name: b.name.clone(),
            geometry: b.geometry,
            distance_m: p[1].leg_m,
            distance_nm: p[1].leg_m / METRES_PER_NM,
            bearing_deg: p[1].course_deg.unwrap_or_default(),
            speed_kn,
            duration_s,
            kp_start_m: p[0].run_m,
            kp_end_m: p[1].run_m,
            eta: p[1].eta,
        });
    }
    let total_m = plan.last().map_or(0.0, |p| p.run_m);
    Ok(RouteTable {
        name: route.name.clone(),
        departure: route.departure,
        legs,
        total_m,
        total_nm: total_m / METRES_PER_NM,
        total_s: t,
    })
}

/// A duration as OpenCPN prints it: `2d 9H 31M` (minutes rounded to nearest).
pub fn format_duration(seconds: f64) -> String {
    let total_min = (seconds / 60.0).round() as i64;
    let (d, h, m) = (total_min / 1440, total_min % 1440 / 60, total_min % 60);
    if d > 0 {
        format!("{d}d {h}H {m}M")
    } else {
        format!("{h}H {m}M")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mission::Waypoint;

    fn wp(id: u32, lon: f64, lat: f64, speed: Option<f64>) -> Waypoint {
        Waypoint {
            id,
            name: format!("W{id}"),
            lon,
            lat,
            speed_kn: speed,
            geometry: LegGeometry::Rhumb,
        }
    }

    #[test]
    fn sixty_miles_north_at_ten_knots_takes_six_hours() {
        let route = Route {
            name: "r".into(),
            departure: Some("2025-06-01T06:00:00Z".parse().unwrap()),
            waypoints: vec![wp(1, 5.0, 53.0, None), wp(2, 5.0, 54.0, Some(10.0))],
        };
        let t = route_table(&route, None).unwrap();
        assert_eq!(t.legs.len(), 1);
        assert!((t.total_nm - 60.0).abs() < 1e-9);
        assert!((t.total_s - 6.0 * 3600.0).abs() < 1e-6);
        assert_eq!(
            t.legs[0].eta.unwrap(),
            "2025-06-01T12:00:00Z".parse::<DateTime<Utc>>().unwrap()
        );
        assert_eq!(format_duration(t.total_s), "6H 0M");
    }

    #[test]
    fn timetable_tolerates_legs_without_speed_and_matches_the_route_table() {
        let mut route = Route {
            name: "r".into(),
            departure: Some("2025-06-01T06:00:00Z".parse().unwrap()),
            waypoints: vec![
                wp(1, 5.0, 53.0, None),
                wp(2, 5.0, 53.5, Some(8.0)),
                wp(3, 5.5, 53.5, Some(6.0)),
            ],
        };
        let t = route_table(&route, None).unwrap();
        let plan = timetable(&route, None);
        assert_eq!(plan.len(), 3);
        assert_eq!(plan[0].eta, route.departure);
        for (l, p) in t.legs.iter().zip(&plan[1..]) {
            assert_eq!((l.distance_m, l.kp_end_m, l.eta), (p.leg_m, p.run_m, p.eta));
            assert_eq!(Some(l.bearing_deg), p.course_deg);
        }
        // Without a speed on leg 1: distances and courses stay, ETAs stop.
        route.waypoints[1].speed_kn = None;
        let plan = timetable(&route, None);
        assert!((plan[1].leg_m - 30.0 * METRES_PER_NM).abs() < 1e-6);
        assert_eq!((plan[1].eta, plan[2].eta), (None, None));
        assert_eq!(plan[2].speed_kn, Some(6.0));
    }

    #[test]
    fn kp_axis_accumulates_and_speed_is_required() {
        let route = Route {
            name: "r".into(),
            departure: None,
            waypoints: vec![
                wp(1, 5.0, 53.0, None),
                wp(2, 5.0, 53.5, Some(8.0)),
                wp(3, 5.5, 53.5, Some(8.0)),
            ],
        };
        let t = route_table(&route, None).unwrap();
        assert_eq!(t.legs[1].kp_start_m, t.legs[0].kp_end_m);
        assert!((t.legs[1].bearing_deg - 90.0).abs() < 1e-9);
        assert!((t.total_m - t.legs[1].kp_end_m).abs() < 1e-9);
        let mut r2 = route.clone();
        r2.waypoints[1].speed_kn = None;
        assert_eq!(
            route_table(&r2, None),
            Err(LegError::NoSpeed {
                route: "r".into(),
                id: 2
            })
        );
    }

    #[test]
    fn an_eta_past_the_end_of_time_is_none_not_a_panic() {
        // issue #18: a 1e-300 kn leg (from an RTZ `speedMax` or a GPX `planned_speed`) overflowed
        // `DateTime + TimeDelta`.
        let route = Route {
            name: "r".into(),
            departure: Some("2025-06-01T06:00:00Z".parse().unwrap()),
            waypoints: vec![
                wp(1, 5.0, 53.0, None),
                wp(2, 5.0, 53.5, Some(1e-300)),
                wp(3, 5.0, 54.0, Some(10.0)),
            ],
        };
        let t = route_table(&route, None).unwrap();
        assert_eq!((t.legs[0].eta, t.legs[1].eta), (None, None));
        assert!(t.total_s > 1e300);
    }
}
