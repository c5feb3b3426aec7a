//! The mission's cables as the map and the chart panel show them: each cable's route in
//! working-CRS metres, built with the scene after every edit ([`lines`]); and, on a worker, its
//! engineering from [`crate::cable::analyse`] (the analysis `fathom cable check` prints): the
//! depth along KP, the free spans as stretches of the route, the alter-course points, the
//! electrical or optical performance, and the crossings with existing cables/pipelines
//! ([`crate::cable::crossing::existing_lines`]) and the other cables, those below
//! [`MIN_CROSSING_DEG`] being bad ([`engineer`]).

use crate::cable::{self, Performance, crossing::MIN_CROSSING_DEG, route::point_segment_m};
use crate::mission::{CablePurpose, Context};

/// A cable's route ready to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct CableLine {
    /// Index in the mission's `cables`.
    pub index: usize,
    pub id: String,
    pub purpose: CablePurpose,
    /// From end, waypoints, to end (working-CRS metres).
    pub points: Vec<[f64; 2]>,
}

/// The routes of the mission's cables as the mission holds them
/// ([`cable::route::mission_route`]); a cable whose ends cannot be found or projected is left
/// out, with the reason in the second list.
pub fn lines(ctx: &Context) -> (Vec<CableLine>, Vec<String>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (index, c) in ctx.mission.cables.iter().enumerate() {
        match cable::route::mission_route(ctx, c) {
            Ok(r) => out.push(CableLine {
                index,
                id: c.id.clone(),
                purpose: c.purpose,
                points: r.iter().map(|&(x, y)| [x, y]).collect(),
            }),
            Err(e) => problems.push(e.to_string()),
        }
    }
    (out, problems)
}

/// The mission index of the cable whose route passes within `tol` metres of `w` (the topmost,
/// i.e. the last drawn).
pub fn cable_at(lines: &[CableLine], w: [f64; 2], tol: f64) -> Option<usize> {
    lines
        .iter()
        .rev()
        .find(|l| {
            l.points.windows(2).any(|s| {
                point_segment_m((w[0], w[1]), (s[0][0], s[0][1]), (s[1][0], s[1][1])) <= tol
            })
        })
        .map(|l| l.index)
}

/// A free span: where along the route (KP, km) and on the map.
#[derive(Clone, Debug, PartialEq)]
pub struct SpanView {
    pub from_km: f64,
    pub to_km: f64,
    pub length_m: f64,
    /// Largest height of the cable above the seabed (m).
    pub max_gap_m: f64,
    /// The profile samples it bridges (working-CRS metres).
    pub xy: Vec<[f64; 2]>,
}

/// A crossing of the cable with an existing cable/pipeline or another mission cable.
#[derive(Clone, Debug, PartialEq)]
pub struct CrossingView {
    pub at: [f64; 2],
    /// KP of the crossing along this cable (km).
    pub kp_km: f64,
    /// Acute angle (degrees).
    pub angle_deg: f64,
    /// What it crosses.
    pub with: String,
}

impl CrossingView {
    /// Below the minimum crossing angle (what `CABLE-CROSSING` flags).
    pub fn bad(&self) -> bool {
        self.angle_deg < MIN_CROSSING_DEG
    }
}

/// One cable's engineering for the chart and the map.
#[derive(Clone, Debug, PartialEq)]
pub struct CableProfile {
    /// Index in the mission's `cables`.
    pub index: usize,
    pub id: String,
    pub purpose: CablePurpose,
    /// The cable type's name.
    pub type_name: String,
    /// (KP km, elevation m = −depth) along the route.
    pub seabed: Vec<[f64; 2]>,
    pub spans: Vec<SpanView>,
    /// KP (km) of the alter-course points.
    pub alter_km: Vec<f64>,
    pub crossings: Vec<CrossingView>,
    pub route_km: f64,
    pub slack_pct: f64,
    /// Route + slack (km): the cable to order.
    pub cable_km: f64,
    /// No waypoints: the straight line between the ends.
    pub straight: bool,
    pub performance: Option<Performance>,
}

/// The engineering of every cable on its mission route and the reasons cables could not be
/// analysed (worker only: samples the grid and reads GeoJSON zones).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CableEngineering {
    pub profiles: Vec<CableProfile>,
    pub problems: Vec<String>,
}

impl CableEngineering {
    /// The profile of mission cable `index`, if it was analysed.
    pub fn of(&self, index: usize) -> Option<&CableProfile> {
        self.profiles.iter().find(|p| p.index == index)
    }
}

/// Analyses every cable as `fathom cable check` does ([`cable::analyse`] at the cabins'
/// demand from [`cable::network::cabin_demand_kw`]) and finds its crossings.
pub fn engineer(ctx: &Context) -> CableEngineering {
    let mut out = CableEngineering::default();
    if ctx.mission.cables.is_empty() {
        return out;
    }
    let demand = cable::network::cabin_demand_kw(ctx);
    let mut routes = Vec::new();
    for (i, c) in ctx.mission.cables.iter().enumerate() {
        match cable::analyse(ctx, i, None, &demand) {
            Ok(a) => {
                let e = &a.engineering;
                routes.push(e.vertices.iter().map(|v| (v.x, v.y)).collect::<Vec<_>>());
                out.profiles.push(view(&a, i, c.purpose));
            }
            Err(e) => out.problems.push(e.to_string()),
        }
    }
    let existing: Vec<(String, Vec<(f64, f64)>)> = cable::crossing::existing_lines(ctx)
        .into_iter()
        .map(|l| (format!("existing cable/pipeline {}", l.zone), l.points))
        .collect();
    for k in 0..out.profiles.len() {
        let route = &routes[k];
        let others = out
            .profiles
            .iter()
            .zip(&routes)
            .enumerate()
            .filter(|(j, _)| *j != k)
            .map(|(_, (p, r))| (format!("cable {}", p.id), r.clone()));
        let mut found = Vec::new();
        for (name, line) in existing.iter().cloned().chain(others) {
            for ((x, y), angle) in cable::crossing::crossings(route, &line) {
                found.push(CrossingView {
                    at: [x, y],
                    kp_km: kp_of(route, (x, y)) / 1e3,
                    angle_deg: angle,
                    with: name.clone(),
                });
            }
        }
        found.sort_by(|a, b| a.kp_km.total_cmp(&b.kp_km));
        out.profiles[k].crossings = found;
    }
    out
}

/// Distance (m) along the polyline `route` to its point nearest `p`.
fn kp_of(route: &[(f64, f64)], p: (f64, f64)) -> f64 {
    let mut best = (f64::INFINITY, 0.0);
    let mut kp = 0.0;
    for s in route.windows(2) {
        let len = (s[1].0 - s[0].0).hypot(s[1].1 - s[0].1);
        let d = point_segment_m(p, s[0], s[1]);
        if d < best.0 {
            best = (d, kp + (p.0 - s[0].0).hypot(p.1 - s[0].1).min(len));
        }
        kp += len;
    }
    best.1
}

fn view(a: &cable::CableAnalysis, index: usize, purpose: CablePurpose) -> CableProfile {
    let e = &a.engineering;
    let spans = e
        .spans
        .iter()
        .map(|s| SpanView {
            from_km: s.from_kp_m / 1e3,
            to_km: s.to_kp_m / 1e3,
            length_m: s.length_m,
            max_gap_m: s.max_gap_m,
            xy: e
                .samples
                .iter()
                .filter(|x| x.kp_m >= s.from_kp_m && x.kp_m <= s.to_kp_m)
                .map(|x| [x.x, x.y])
                .collect(),
        })
        .collect();
    CableProfile {
        index,
        id: a.id.clone(),
        purpose,
        type_name: a.cable_type.name.clone(),
        seabed: e
            .samples
            .iter()
            .filter_map(|s| s.depth_m.map(|d| [s.kp_m / 1e3, -d]))
            .collect(),
        spans,
        alter_km: e
            .vertices
            .iter()
            .skip(1)
            .take(e.vertices.len().saturating_sub(2))
            .map(|v| v.kp_m / 1e3)
            .collect(),
        crossings: Vec::new(),
        route_km: e.route_length_m / 1e3,
        slack_pct: e.slack_pct,
        cable_km: e.cable_length_m / 1e3,
        straight: a.straight,
        performance: a.performance.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kp_of_a_point_on_an_l_shaped_route() {
        let route = [(0.0, 0.0), (100.0, 0.0), (100.0, 50.0)];
        assert!((kp_of(&route, (40.0, 0.0)) - 40.0).abs() < 1e-9);
        assert!((kp_of(&route, (100.0, 30.0)) - 130.0).abs() < 1e-9);
    }

    #[test]
    fn a_click_near_a_segment_finds_the_cable() {
        let l = |index, points: Vec<[f64; 2]>| CableLine {
            index,
            id: format!("P{index}"),
            purpose: CablePurpose::Power,
            points,
        };
        let lines = [
            l(0, vec![[0.0, 0.0], [100.0, 0.0]]),
            l(3, vec![[0.0, 10.0], [50.0, 60.0], [100.0, 10.0]]),
        ];
        assert_eq!(cable_at(&lines, [50.0, 2.0], 3.0), Some(0));
        assert_eq!(cable_at(&lines, [75.0, 36.0], 3.0), Some(3));
        assert_eq!(cable_at(&lines, [50.0, 30.0], 3.0), None);
    }
}
