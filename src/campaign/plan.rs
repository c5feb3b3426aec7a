//! From a mission to the sequence the engine runs: the operation template (the mission's
//! `[[campaign.operations]]` or [`default_template`]), durations from the route, the lift phases
//! and the cable lengths, and the order of trips and cabins.

use super::engine::{Limits, OpType, Step};
use crate::lift::alpha::AlphaTable;
use crate::lift::windows::AppliedLimits;
use crate::mission::{Campaign, CampaignOperation, Mission, Operation, OperationKind};
use crate::vessel::sailing::{METRES_PER_NM, leg_distance_bearing};

/// Cable work of one cabin, a plain input so the campaign does not depend on the cable design:
/// the cable laid and pulled in during that cabin's visit and its length.
#[derive(Clone, Debug, PartialEq)]
pub struct CableWork {
    /// Id of the cabin the cable ends at: its lay and pull-in join that cabin's visit.
    pub cabin: String,
    /// Id of the cable (names the lay and pull-in steps).
    pub cable: String,
    /// Cable length to lay, with its slack (m).
    pub length_m: f64,
}

/// Position-keeping before a lift (h): NREL ORBIT `site_position_time` (2 h) \[E for cabins\].
pub const POSITIONING_H: f64 = 2.0;
/// Cable pull-in (h): NREL ORBIT `cable_pull_in_time` (5.5 h, from NREL's legacy BOS model).
pub const PULL_IN_H: f64 = 5.5;
/// Cable lay speed (km/h): NREL ORBIT `cable_lay_speed` (1 km/h; ORBIT marks it a guess).
pub const LAY_SPEED_KMH: f64 = 1.0;
/// As-placed ROV survey of one cabin (h) \[E\].
pub const SURVEY_H: f64 = 4.0;
/// Lift and lowering when there are no lift phases (h): Hainan, 35 m in ~3 h plus rigging
/// (domain-reference §1.2, §5).
pub const LIFT_H: f64 = 4.0;

/// The template used when the mission lists no operations. Limits: transit and positioning Hs
/// 2.5 m (SOV/DP class, domain-reference §5) unless the vessel's transit limits say otherwise;
/// lift Hs 1.5 m and wind 15 m/s (uncompensated subsea lift and crane in-service wind,
/// domain-reference §5), or the limits (current included) of the `[[lift.operations]]` entry
/// whose name contains "lift"; cable lay
/// and survey Hs 2.5 m \[E\], pull-in Hs 2.0 m \[E\]. Cable lay and survey pause and resume.
pub fn default_template(m: &Mission) -> Vec<CampaignOperation> {
    let t = m.vessel.as_ref().and_then(|v| v.transit_limits.as_ref());
    let lift = m.lift.as_ref().and_then(|l| {
        l.operations
            .iter()
            .find(|o| o.name.to_lowercase().contains("lift"))
    });
    let op = |kind, hs: f64, wind: Option<f64>, splittable| CampaignOperation {
        kind,
        duration_h: None,
        contingency_h: None,
        hs_max_m: Some(hs),
        wind_max_ms: wind,
        current_max_ms: None,
        tp_max_s: None,
        splittable,
        lay_speed_kmh: None,
        daylight_only: false,
    };
    let transit_hs = t.map_or(2.5, |t| t.hs_max_m);
    let transit_wind = t.map_or(20.0, |t| t.wind_max_ms);
    vec![
        CampaignOperation {
            hs_max_m: None,
            wind_max_ms: None,
            ..op(OperationKind::LoadOut, 0.0, None, false)
        },
        op(
            OperationKind::Transit,
            transit_hs,
            Some(transit_wind),
            false,
        ),
        op(OperationKind::Positioning, 2.5, None, false),
        CampaignOperation {
            duration_h: None,
            contingency_h: lift.and_then(|l| l.contingency_h),
            current_max_ms: lift.and_then(|l| l.current_max_ms),
            ..op(
                OperationKind::Lift,
                lift.map_or(1.5, |l| l.hs_max_m),
                Some(lift.and_then(|l| l.wind_max_ms).unwrap_or(15.0)),
                false,
            )
        },
        op(OperationKind::CableLay, 2.5, None, true),
        op(OperationKind::PullIn, 2.0, None, false),
        op(OperationKind::Survey, 2.5, None, true),
        op(OperationKind::Return, transit_hs, Some(transit_wind), false),
    ]
}

/// Length of `[route]` (NM), leg by leg with each leg's geometry.
pub fn route_nm(m: &Mission) -> Option<f64> {
    let w = &m.route.as_ref()?.waypoints;
    (w.len() >= 2).then(|| {
        w.windows(2)
            .map(|p| leg_distance_bearing(p[1].geometry, p[0].lon, p[0].lat, p[1].lon, p[1].lat).0)
            .sum::<f64>()
            / METRES_PER_NM
    })
}

/// The operation types and the sequence of one campaign.
#[derive(Clone, Debug)]
pub struct Plan {
    /// The operation types, indexed by [`Step::op`].
    pub ops: Vec<OpType>,
    /// What each operation type does (same index as `ops`).
    pub kinds: Vec<OperationKind>,
    /// DNV α of each operation type (same index as `ops`): the factor its Hs limit was multiplied
    /// by (1 when splittable or without an Hs limit).
    pub alphas: Vec<f64>,
    /// The campaign in order: every step of every trip.
    pub seq: Vec<Step>,
}

/// How one operation's weather limits are applied, for the tables of the report and the
/// planner: its Hs limits (m) as applied, with the DNV α of each weather-restricted step class
/// (DNV-ST-N001 sec. 2.6, α by each step's T_POP), and whether it pauses and resumes or waits
/// for daylight.
#[derive(Clone, Debug, PartialEq)]
pub struct OperationLimits {
    /// `1.50 (α 0.80)`, several comma-separated when its steps fall in different α classes;
    /// `—` without an Hs limit.
    pub hs_m: String,
    /// Whether any of its steps pauses when the limits fail and resumes later.
    pub splittable: bool,
    /// Whether any of its steps works in daylight only.
    pub daylight_only: bool,
}

impl Plan {
    /// The limits of the operation types named `name` (one row of the downtime table).
    pub fn operation_limits(&self, name: &str) -> OperationLimits {
        let mine = || {
            self.ops
                .iter()
                .zip(&self.alphas)
                .filter(|(o, _)| o.name == name)
        };
        let mut hs: Vec<String> = mine()
            .map(|(o, a)| {
                let hs = o.limits.hs_m.map_or("—".into(), |h| format!("{h:.2}"));
                if o.splittable || *a == 1.0 {
                    hs
                } else {
                    format!("{hs} (α {a:.2})")
                }
            })
            .collect();
        hs.dedup();
        OperationLimits {
            hs_m: hs.join(", "),
            splittable: mine().any(|(o, _)| o.splittable),
            daylight_only: mine().any(|(o, _)| o.limits.daylight.is_some()),
        }
    }
}

/// The mean position (latitude, longitude) of the mission's cabins: where the daylight limit is
/// evaluated (a site spans a few kilometres, a few seconds of sunrise).
pub fn site_lat_lon(m: &Mission) -> Option<(f64, f64)> {
    let n = m.cabins.len() as f64;
    (n > 0.0).then(|| {
        let (lat, lon) = m
            .cabins
            .iter()
            .fold((0.0, 0.0), |(a, b), c| (a + c.lat, b + c.lon));
        (lat / n, lon / n)
    })
}

/// The limits of one step of template operation `o` with planned duration `t_pop_h`: a
/// weather-restricted operation (not splittable, with an Hs limit) gets the forecast limit
/// α·Hs and the reference period T_R exactly as the lift's weather windows do
/// ([`AppliedLimits::new`]: α from the table by T_POP class and design Hs, DNV-ST-N001
/// sec. 2.6.10; T_R = T_POP + T_C, T_C default T_POP); otherwise the design limits and α = 1.
/// Returns (limits, α, T_R).
fn step_limits(
    o: &CampaignOperation,
    t_pop_h: f64,
    alpha: &AlphaTable,
    site: Option<(f64, f64)>,
) -> (Limits, f64, f64) {
    let t_r = t_pop_h + o.contingency_h.unwrap_or(t_pop_h);
    let (hs, a, t_r) = match o.hs_max_m {
        Some(hs) if !o.splittable => {
            let applied = AppliedLimits::new(
                &Operation {
                    name: o.kind.as_str().to_string(),
                    duration_h: t_pop_h,
                    contingency_h: o.contingency_h,
                    hs_max_m: hs,
                    wind_max_ms: o.wind_max_ms,
                    current_max_ms: o.current_max_ms,
                },
                alpha,
            );
            (Some(applied.hs_forecast_m), applied.alpha, applied.t_r_h)
        }
        hs => (hs, 1.0, t_r),
    };
    let limits = Limits {
        hs_m: hs,
        wind_ms: o.wind_max_ms,
        current_ms: o.current_max_ms,
        tp_max_s: o.tp_max_s,
        daylight: if o.daylight_only { site } else { None },
    };
    (limits, a, t_r)
}

/// Builds the plan. `lift_h` gives the lift-and-lowering time of a cabin from its lift phases
/// (`None`: the template's or [`LIFT_H`]).
pub fn plan(
    m: &Mission,
    c: &Campaign,
    alpha: &AlphaTable,
    lift_h: &dyn Fn(&str) -> Option<f64>,
    cables: &[CableWork],
) -> Result<Plan, String> {
    let template = if c.operations.is_empty() {
        default_template(m)
    } else {
        c.operations.clone()
    };
    let speed_kn = m.vessel.as_ref().map(|v| v.service_speed_kn);
    let transit_h = match (c.transit_nm.or_else(|| route_nm(m)), speed_kn) {
        (Some(nm), Some(kn)) if kn > 0.0 => Some(nm / kn),
        _ => None,
    };
    let site = site_lat_lon(m);
    if let Some((i, o)) = template
        .iter()
        .enumerate()
        .find(|(_, o)| o.daylight_only && site.is_none())
    {
        return Err(format!(
            "campaign.operations[{i}] ({}) is daylight_only, but the sunrise and sunset need the site's position: expected at least one [[cabins]] entry",
            o.kind.as_str()
        ));
    }
    let order: Vec<String> = if c.cabin_order.is_empty() {
        m.cabins.iter().map(|x| x.id.clone()).collect()
    } else {
        c.cabin_order.clone()
    };
    if let Some(bad) = order
        .iter()
        .find(|id| !m.cabins.iter().any(|x| &x.id == *id))
    {
        return Err(format!(
            "campaign.cabin_order: `{bad}`: expected the id of a [[cabins]] entry"
        ));
    }
    let dur = |i: usize,
               o: &CampaignOperation,
               cabin: Option<&str>|
     -> Result<Vec<(f64, String)>, String> {
        let one = |h: f64, label: String| Ok(vec![(h, label)]);
        let cab = cabin.unwrap_or("");
        match (o.kind, o.duration_h) {
            (OperationKind::CableLay, _) => Ok(cables
                .iter()
                .filter(|w| w.cabin == cab)
                .map(|w| {
                    let speed = o.lay_speed_kmh.unwrap_or(LAY_SPEED_KMH);
                    (o.duration_h.unwrap_or(w.length_m / 1000.0 / speed), format!("{cab} {}", w.cable))
                })
                .collect()),
            (OperationKind::PullIn, d) => Ok(cables
                .iter()
                .filter(|w| w.cabin == cab)
                .map(|w| (d.unwrap_or(PULL_IN_H), format!("{cab} {}", w.cable)))
                .collect()),
            (_, Some(d)) => one(d, cab.to_string()),
            (OperationKind::LoadOut, None) => one(c.load_out_h, cab.to_string()),
            (OperationKind::Transit | OperationKind::Return, None) => transit_h
                .map(|h| vec![(h, cab.to_string())])
                .ok_or_else(|| {
                    format!(
                        "campaign.operations[{i}] ({:?}): no duration_h and no route or campaign.transit_nm with a vessel speed: expected one of them",
                        o.kind
                    )
                }),
            (OperationKind::Lift, None) => one(lift_h(cab).unwrap_or(LIFT_H), cab.to_string()),
            (OperationKind::Positioning, None) => one(POSITIONING_H, cab.to_string()),
            (OperationKind::Survey, None) => one(SURVEY_H, cab.to_string()),
        }
    };
    let mut out = Plan {
        ops: Vec::new(),
        kinds: Vec::new(),
        alphas: Vec::new(),
        seq: Vec::new(),
    };
    let mut push = |list: Vec<(f64, String)>, o: &CampaignOperation| {
        for (h, label) in list {
            let (limits, a, t_r) = step_limits(o, h, alpha, site);
            let op = OpType {
                name: o.kind.as_str().to_string(),
                limits,
                splittable: o.splittable,
            };
            let index = match out.ops.iter().position(|x| *x == op) {
                Some(k) => k,
                None => {
                    out.ops.push(op);
                    out.kinds.push(o.kind);
                    out.alphas.push(a);
                    out.ops.len() - 1
                }
            };
            out.seq.push(Step {
                op: index,
                duration_h: h,
                reference_h: t_r,
                label,
            });
        }
    };
    let per_trip = |k: OperationKind| matches!(k, OperationKind::LoadOut | OperationKind::Transit);
    for trip in order.chunks(c.deck_capacity_cabins.max(1)) {
        let first = trip[0].as_str();
        for (i, o) in template
            .iter()
            .enumerate()
            .filter(|(_, o)| per_trip(o.kind))
        {
            push(dur(i, o, Some(first))?, o);
        }
        for cab in trip {
            for (i, o) in template.iter().enumerate() {
                if !per_trip(o.kind) && o.kind != OperationKind::Return {
                    push(dur(i, o, Some(cab))?, o);
                }
            }
        }
        let last = trip[trip.len() - 1].as_str();
        for (i, o) in template.iter().enumerate() {
            if o.kind == OperationKind::Return {
                push(dur(i, o, Some(last))?, o);
            }
        }
    }
    Ok(out)
}
