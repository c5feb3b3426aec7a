//! The as-run track compared with the planned route, in the working CRS (metres).
//!
//! - **Cross-track distance** (XTD) of every track point from its *active leg*: the signed
//!   perpendicular distance to the leg's line, positive to starboard of the planned course
//!   (ECDIS convention, IEC 61174 `starboardXTD`/`portsideXTD`). The active leg advances, as an
//!   ECDIS does, when the vessel enters the next waypoint's arrival circle or passes the leg's end
//!   (along-track distance ≥ leg length).
//! - **Arrival** at each waypoint: the closest approach of the track (interpolated between
//!   consecutive points, time interpolated linearly) after the arrival at the previous waypoint;
//!   "arrived" when it lies within the arrival radius.
//! - **Largest deviation**: the track point with the largest |XTD|.
//!
//! Straight legs in the working CRS stand in for rhumb/great-circle legs: over the few-kilometre
//! legs of a site they differ by centimetres.

use crate::geodesy::{CrsError, geodesic_inverse};
use crate::mission::{Context, Route};
use crate::vessel::legs;
use crate::vessel::sailing::METRES_PER_NM;
use chrono::{DateTime, Duration, Utc};

/// Default arrival radius: 0.05 NM, OpenCPN's default `arrival_radius` (as in the OpenCPN GPX
/// export in `shared/data/gpx`).
pub const DEFAULT_ARRIVAL_RADIUS_M: f64 = 0.05 * METRES_PER_NM;

/// One track point with its cross-track distance.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct XtdSample {
    /// Time of the fix (UTC), from the track.
    pub time: DateTime<Utc>,
    /// Longitude of the fix (degrees, WGS 84).
    pub lon: f64,
    /// Latitude of the fix (degrees, WGS 84).
    pub lat: f64,
    /// Id of the waypoint the active leg leads to.
    pub to_waypoint: u32,
    /// Signed cross-track distance (m), positive to starboard.
    pub xtd_m: f64,
}

/// How the vessel reached one waypoint.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Arrival {
    /// Id of the route waypoint this arrival is for.
    pub waypoint_id: u32,
    /// The waypoint's name, from the route.
    pub name: String,
    /// Within the arrival radius at the closest approach.
    pub arrived: bool,
    /// Time and place of the closest approach.
    pub time: Option<DateTime<Utc>>,
    /// Longitude of the closest approach (degrees, WGS 84; working-CRS easting (m) from
    /// [`compare_projected`]).
    pub lon: Option<f64>,
    /// Latitude of the closest approach (degrees, WGS 84; working-CRS northing (m) from
    /// [`compare_projected`]).
    pub lat: Option<f64>,
    /// Distance from the waypoint at the closest approach (m).
    pub miss_m: Option<f64>,
    /// ETA at this waypoint from the route's timetable ([`legs::timetable`]), when the route has a
    /// departure time and speeds.
    pub planned_eta: Option<DateTime<Utc>>,
    /// Actual − planned (s), positive when late.
    pub delay_s: Option<f64>,
}

/// The comparison.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct AsRun {
    /// Every track point with its cross-track distance from the active leg, in track order.
    pub samples: Vec<XtdSample>,
    /// One entry per route waypoint, in route order.
    pub arrivals: Vec<Arrival>,
    /// The sample with the largest |XTD|.
    pub max_deviation: Option<XtdSample>,
    /// Arrival radius used for "arrived" (m).
    pub arrival_radius_m: f64,
}

/// A timed position (WGS 84 lon/lat).
pub type TrackPoint = (DateTime<Utc>, f64, f64);

/// Why a track cannot be compared with the route.
#[derive(Debug, thiserror::Error)]
pub enum TrackError {
    /// The route's or the track's coordinates could not be projected to the working CRS.
    #[error(transparent)]
    Crs(#[from] CrsError),
    /// No track fix lies within `limit_m` of any waypoint: the log is not a run of this route.
    #[error(
        "the track never comes near the route: its closest fix ({fix_lon:.5}, {fix_lat:.5}) at {time} is {:.1} km from waypoint {waypoint_id} ({wp_lon:.5}, {wp_lat:.5}); expected a log of this route (within {:.1} km of a waypoint)",
        closest_m / 1000.0,
        limit_m / 1000.0
    )]
    FarFromRoute {
        /// Geodesic distance from the closest fix to its nearest waypoint (m).
        closest_m: f64,
        /// Largest distance at which a fix counts as near the route (m): half the longest leg plus
        /// [`NEAR_ROUTE_SLACK_M`].
        limit_m: f64,
        /// Time of the closest fix.
        time: DateTime<Utc>,
        /// Longitude of the closest fix (degrees, WGS 84).
        fix_lon: f64,
        /// Latitude of the closest fix (degrees, WGS 84).
        fix_lat: f64,
        /// Id of the waypoint nearest the closest fix.
        waypoint_id: u32,
        /// Longitude of that waypoint (degrees, WGS 84).
        wp_lon: f64,
        /// Latitude of that waypoint (degrees, WGS 84).
        wp_lat: f64,
    },
}

/// Slack beyond half the longest leg within which a run of the route passes some waypoint (m):
/// 10 km, far more than any cross-track deviation of a vessel following its plan \[E\].
pub const NEAR_ROUTE_SLACK_M: f64 = 10_000.0;

/// Refuses a track that is not a run of the route: a vessel sailing the route, even when its log
/// covers only part of a leg, comes within half the longest leg (plus [`NEAR_ROUTE_SLACK_M`]) of
/// a waypoint. Without this check a log from the other side of the world would be projected into
/// the site's UTM zone and give meaningless cross-track figures. Distances are geodesic (Karney).
pub fn check_near_route(route: &Route, track: &[TrackPoint]) -> Result<(), TrackError> {
    let longest = route
        .waypoints
        .windows(2)
        .map(|w| geodesic_inverse(w[0].lon, w[0].lat, w[1].lon, w[1].lat).distance_m)
        .fold(0.0, f64::max);
    let limit_m = longest / 2.0 + NEAR_ROUTE_SLACK_M;
    let mut closest: Option<(f64, &TrackPoint, &crate::mission::Waypoint)> = None;
    for p in track {
        for w in &route.waypoints {
            let d = geodesic_inverse(p.1, p.2, w.lon, w.lat).distance_m;
            if d <= limit_m {
                return Ok(());
            }
            if closest.is_none_or(|c| d < c.0) {
                closest = Some((d, p, w));
            }
        }
    }
    match closest {
        Some((closest_m, p, w)) => Err(TrackError::FarFromRoute {
            closest_m,
            limit_m,
            time: p.0,
            fix_lon: p.1,
            fix_lat: p.2,
            waypoint_id: w.id,
            wp_lon: w.lon,
            wp_lat: w.lat,
        }),
        None => Ok(()),
    }
}

/// Compares a track with the route in `ctx`'s working CRS, after [`check_near_route`].
pub fn compare(
    ctx: &Context,
    route: &Route,
    track: &[TrackPoint],
    arrival_radius_m: f64,
) -> Result<AsRun, TrackError> {
    check_near_route(route, track)?;
    let wps = route
        .waypoints
        .iter()
        .map(|w| ctx.to_work(w.lon, w.lat).map(|(x, y)| [x, y]))
        .collect::<Result<Vec<_>, _>>()?;
    let pts = track
        .iter()
        .map(|(_, lon, lat)| ctx.to_work(*lon, *lat).map(|(x, y)| [x, y]))
        .collect::<Result<Vec<_>, _>>()?;
    let speed = ctx.mission.vessel.as_ref().map(|v| v.service_speed_kn);
    let mut run = compare_projected(route, &wps, track, &pts, arrival_radius_m, speed);
    for a in &mut run.arrivals {
        if let (Some(lon), Some(lat)) = (a.lon, a.lat) {
            let (lo, la) = ctx.to_lonlat(lon, lat)?;
            (a.lon, a.lat) = (Some(lo), Some(la));
        }
    }
    Ok(run)
}

/// The comparison on projected coordinates: `wps` and `pts` are the route's waypoints and the
/// track's points in metres; arrival positions come back in the same metres (lon/lat fields).
pub fn compare_projected(
    route: &Route,
    wps: &[[f64; 2]],
    track: &[TrackPoint],
    pts: &[[f64; 2]],
    radius: f64,
    default_speed_kn: Option<f64>,
) -> AsRun {
    let mut samples = Vec::with_capacity(track.len());
    let legs = wps.len().saturating_sub(1);
    let mut k = 0;
    if legs > 0 {
        for ((t, lon, lat), p) in track.iter().zip(pts) {
            while k + 1 < legs {
                let (along, _) = leg_frame(wps[k], wps[k + 1], *p);
                let len = dist(wps[k], wps[k + 1]);
                if along >= len || dist(*p, wps[k + 1]) <= radius {
                    k += 1;
                } else {
                    break;
                }
            }
            let (_, xtd) = leg_frame(wps[k], wps[k + 1], *p);
            samples.push(XtdSample {
                time: *t,
                lon: *lon,
                lat: *lat,
                to_waypoint: route.waypoints[k + 1].id,
                xtd_m: xtd,
            });
        }
    }
    let max_deviation = samples
        .iter()
        .max_by(|a, b| a.xtd_m.abs().total_cmp(&b.xtd_m.abs()))
        .cloned();
    let plan = legs::timetable(route, default_speed_kn);
    let mut arrivals = Vec::with_capacity(wps.len());
    let mut from = 0;
    for (i, w) in route.waypoints.iter().enumerate() {
        let closest = closest_approach(wps[i], track, pts, from);
        let planned_eta = plan.get(i).and_then(|p| p.eta);
        let mut a = Arrival {
            waypoint_id: w.id,
            name: w.name.clone(),
            arrived: false,
            time: None,
            lon: None,
            lat: None,
            miss_m: None,
            planned_eta,
            delay_s: None,
        };
        if let Some((seg, time, pos, d)) = closest {
            a.arrived = d <= radius;
            a.time = Some(time);
            (a.lon, a.lat) = (Some(pos[0]), Some(pos[1]));
            a.miss_m = Some(d);
            a.delay_s = planned_eta.map(|e| (time - e).num_milliseconds() as f64 / 1000.0);
            if a.arrived {
                from = seg;
            }
        }
        arrivals.push(a);
    }
    AsRun {
        samples,
        arrivals,
        max_deviation,
        arrival_radius_m: radius,
    }
}

fn dist(a: [f64; 2], b: [f64; 2]) -> f64 {
    (b[0] - a[0]).hypot(b[1] - a[1])
}

/// Along-track distance from `a` and signed cross-track distance (starboard positive) of `p`
/// relative to the leg a → b.
fn leg_frame(a: [f64; 2], b: [f64; 2], p: [f64; 2]) -> (f64, f64) {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len = dx.hypot(dy);
    let (vx, vy) = (p[0] - a[0], p[1] - a[1]);
    if len == 0.0 {
        return (0.0, vx.hypot(vy));
    }
    ((vx * dx + vy * dy) / len, (vx * dy - vy * dx) / len)
}

/// Closest approach of the track to `w` from point index `from`: (segment index, time, position,
/// distance).
fn closest_approach(
    w: [f64; 2],
    track: &[TrackPoint],
    pts: &[[f64; 2]],
    from: usize,
) -> Option<(usize, DateTime<Utc>, [f64; 2], f64)> {
    let mut best: Option<(usize, DateTime<Utc>, [f64; 2], f64)> = None;
    let mut consider = |j: usize, time: DateTime<Utc>, pos: [f64; 2]| {
        let d = dist(pos, w);
        if best.is_none_or(|b| d < b.3) {
            best = Some((j, time, pos, d));
        }
    };
    if pts.len() == 1 && from == 0 {
        consider(0, track[0].0, pts[0]);
    }
    for j in from..pts.len().saturating_sub(1) {
        let (a, b) = (pts[j], pts[j + 1]);
        let len2 = (b[0] - a[0]).powi(2) + (b[1] - a[1]).powi(2);
        let s = if len2 > 0.0 {
            (((w[0] - a[0]) * (b[0] - a[0]) + (w[1] - a[1]) * (b[1] - a[1])) / len2).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let pos = [a[0] + s * (b[0] - a[0]), a[1] + s * (b[1] - a[1])];
        let dt = track[j + 1].0 - track[j].0;
        let time =
            track[j].0 + Duration::milliseconds((dt.num_milliseconds() as f64 * s).round() as i64);
        consider(j, time, pos);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mission::{LegGeometry, Waypoint};

    #[test]
    fn track_far_from_the_route_is_refused_with_the_closest_fix() {
        let wp = |id, lon, lat| Waypoint {
            id,
            name: String::new(),
            lon,
            lat,
            speed_kn: None,
            geometry: LegGeometry::Rhumb,
        };
        // The demo route off Lingang (≈ 16 km), a log off southern Ireland.
        let r = Route {
            name: "L".into(),
            departure: None,
            waypoints: vec![wp(1, 122.04, 30.705), wp(2, 122.0, 30.85)],
        };
        let t0: DateTime<Utc> = "2011-06-01T13:07:20Z".parse().unwrap();
        let e = check_near_route(&r, &[(t0, -8.1147, 50.2132)]).unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("never comes near the route"), "{msg}");
        assert!(
            msg.contains("waypoint 2") && msg.contains("2011-06-01 13:07:20"),
            "{msg}"
        );
        let TrackError::FarFromRoute { closest_m, .. } = e else {
            panic!("{e:?}")
        };
        assert!((9.0e6..1.0e7).contains(&closest_m), "{closest_m}");
        // A fix in the middle of the leg, 1 km off it, is a run of the route.
        assert!(check_near_route(&r, &[(t0, 122.03, 30.78)]).is_ok());
    }

    fn route() -> (Route, Vec<[f64; 2]>) {
        let wp = |id| Waypoint {
            id,
            name: format!("W{id}"),
            lon: 0.0,
            lat: 0.0,
            speed_kn: Some(10.0),
            geometry: LegGeometry::Rhumb,
        };
        let r = Route {
            name: "L".into(),
            departure: Some("2025-01-01T00:00:00Z".parse().unwrap()),
            waypoints: vec![wp(1), wp(2), wp(3)],
        };
        // East 1000 m, then north 1000 m.
        (r, vec![[0.0, 0.0], [1000.0, 0.0], [1000.0, 1000.0]])
    }

    #[test]
    fn xtd_sign_legs_and_arrivals() {
        let (r, wps) = route();
        let t0: DateTime<Utc> = "2025-01-01T00:00:00Z".parse().unwrap();
        // Sail east 30 m north of the line (port side), cut the corner within 50 m, then north
        // 20 m east of the second leg (starboard side).
        let pts = vec![
            [0.0, 30.0],
            [500.0, 30.0],
            [970.0, 30.0],
            [1020.0, 500.0],
            [1020.0, 1000.0],
        ];
        let track: Vec<TrackPoint> = pts
            .iter()
            .enumerate()
            .map(|(i, _)| (t0 + Duration::seconds(60 * i as i64), 0.0, 0.0))
            .collect();
        let run = compare_projected(&r, &wps, &track, &pts, 50.0, None);
        let x: Vec<f64> = run.samples.iter().map(|s| s.xtd_m).collect();
        assert!(
            (x[0] + 30.0).abs() < 1e-9 && (x[1] + 30.0).abs() < 1e-9,
            "{x:?}"
        );
        // Within 50 m of W2 → the second leg is active: 30 m west of it = port.
        assert_eq!(run.samples[2].to_waypoint, 3);
        assert!((x[2] + 30.0).abs() < 1e-9);
        assert!((x[3] - 20.0).abs() < 1e-9 && (x[4] - 20.0).abs() < 1e-9);
        assert!((run.max_deviation.unwrap().xtd_m + 30.0).abs() < 1e-9);
        assert!(run.arrivals.iter().all(|a| a.arrived), "{:?}", run.arrivals);
        let a2 = &run.arrivals[1];
        assert!((a2.miss_m.unwrap() - 30.0 * 2f64.sqrt() / 1.0).abs() < 10.0);
        // W1 is passed at 30 m, at t0; the plan left at t0 too.
        assert_eq!(run.arrivals[0].delay_s, Some(0.0));
        assert!((run.arrivals[2].miss_m.unwrap() - 20.0).abs() < 1e-9);
    }

    #[test]
    fn missed_waypoint_is_reported_not_arrived() {
        let (r, wps) = route();
        let t0: DateTime<Utc> = "2025-01-01T00:00:00Z".parse().unwrap();
        let pts = vec![[0.0, 0.0], [600.0, 400.0]];
        let track = vec![(t0, 0.0, 0.0), (t0 + Duration::seconds(100), 0.0, 0.0)];
        let run = compare_projected(&r, &wps, &track, &pts, 50.0, None);
        assert!(run.arrivals[0].arrived);
        assert!(!run.arrivals[2].arrived);
        // Closest approach to W2 (1000, 0) along the segment: interpolated time.
        let a = &run.arrivals[1];
        // Closest approach to W2 (1000, 0): the segment's end (600, 400), clamped, at t0 + 100 s.
        assert_eq!(a.time, Some(t0 + Duration::seconds(100)));
        assert!((a.miss_m.unwrap() - 400f64.hypot(400.0)).abs() < 1e-9);
    }
}
