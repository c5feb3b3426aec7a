//! The report's cables section: per cable the route summary of its RPL (length, slack, cable to
//! order, depth, slopes, free spans, crossings, burial), its depth profile with the free spans,
//! and the electrical table (power) or the link budget (fibre). Every number comes from
//! [`cable::analyse`], the analysis `fathom cable check` prints, on the mission's routes.

use super::{Block, Section};
use crate::cable::{self, CableAnalysis, Performance, check::MAX_VOLTAGE_DROP_PCT};
use crate::finding::{Finding, ObjectRef, Severity};
use crate::mission::Context;
use crate::render::profile::{Band, DepthProfile};

/// The cables section of the report.
pub fn cables(ctx: &Context, findings: &[Finding]) -> Section {
    let m = &ctx.mission;
    let s = Section::new("cables", "Cables");
    if m.cables.is_empty() {
        return s.text("No cables in this mission.");
    }
    let demand = cable::network::cabin_demand_kw(ctx);
    let mut analysed = Vec::new();
    let mut failed = Vec::new();
    for i in 0..m.cables.len() {
        match cable::analyse(ctx, i, None, &demand) {
            Ok(a) => analysed.push((i, a)),
            Err(e) => failed.push(e.to_string()),
        }
    }
    let crossings = crossings(ctx, &analysed);
    let straight: Vec<&str> = analysed
        .iter()
        .filter(|(_, a)| a.straight)
        .map(|(_, a)| a.id.as_str())
        .collect();
    let mut intro = format!(
        "{} cable(s) on the mission's routes. KP is the horizontal distance along the route in the working CRS; the cable to order is the route length plus the slack allowance. Slopes are the Horn slope of the seabed split along and across the route (limits {}° in-line and {}° across). A free span is where the cable, laid at a bottom tension of {} kN [E] and hanging as the parabola of curvature w/T between supports, stands more than {} m above the seabed; spans over {} m are flagged [E]. Crossings count the existing cables and pipelines and the mission's other cables the route crosses, with the smallest angle (at least {}°, ICPC Recommendation 3).",
        m.cables.len(),
        cable::route::MAX_INLINE_SLOPE_DEG,
        cable::route::MAX_SIDE_SLOPE_DEG,
        cable::engineering::BOTTOM_TENSION_KN,
        cable::engineering::SPAN_GAP_M,
        cable::engineering::MAX_FREE_SPAN_M,
        cable::route::MIN_CROSSING_DEG,
    );
    if !straight.is_empty() {
        intro += &format!(
            " Without waypoints, {} run on the straight line between their ends (route them with `fathom cable plan`).",
            straight.join(", ")
        );
    }
    let mut s = s.text(intro).table(
        &[
            "cable",
            "type",
            "from → to",
            "route km",
            "slack %",
            "to order km",
            "max depth m",
            "max slope ° in-line / side",
            "free spans (longest m)",
            "crossings (least °)",
            "burial m",
            "checks",
        ],
        analysed
            .iter()
            .zip(&crossings)
            .map(|((i, a), x)| summary_row(ctx, *i, a, x, findings))
            .collect(),
    );
    if !failed.is_empty() {
        s = s.text(format!("Not analysed: {}.", failed.join("; ")));
    }
    for (_, a) in &analysed {
        s.blocks.push(profile(a));
    }
    electrical(s, &analysed)
}

/// Crossing angles (degrees) of each analysed cable with the existing cables and pipelines and
/// with the other analysed cables ([`cable::crossing::crossings`]).
fn crossings(ctx: &Context, analysed: &[(usize, CableAnalysis)]) -> Vec<Vec<f64>> {
    let existing = cable::crossing::existing_lines(ctx);
    let routes: Vec<Vec<(f64, f64)>> = analysed
        .iter()
        .map(|(_, a)| a.engineering.vertices.iter().map(|v| (v.x, v.y)).collect())
        .collect();
    routes
        .iter()
        .enumerate()
        .map(|(k, route)| {
            let others = routes
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != k)
                .map(|(_, r)| r);
            existing
                .iter()
                .map(|l| &l.points)
                .chain(others)
                .flat_map(|line| cable::crossing::crossings(route, line))
                .map(|(_, angle)| angle)
                .collect()
        })
        .collect()
}

fn summary_row(
    ctx: &Context,
    i: usize,
    a: &CableAnalysis,
    crossings: &[f64],
    findings: &[Finding],
) -> Vec<String> {
    let c = &ctx.mission.cables[i];
    let e = &a.engineering;
    let max = |f: fn(&cable::engineering::Sample) -> Option<f64>| {
        e.samples
            .iter()
            .filter_map(|s| f(s).map(f64::abs))
            .fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.max(v))))
    };
    let f1 = |v: Option<f64>| v.map_or("—".into(), |v| format!("{v:.1}"));
    let longest = e.spans.iter().map(|s| s.length_m).fold(0.0, f64::max);
    let least = crossings.iter().copied().fold(f64::INFINITY, f64::min);
    let object = ObjectRef::Cable(c.id.clone());
    let mut codes: Vec<&str> = findings
        .iter()
        .filter(|f| f.severity != Severity::Info && f.concerns(&object))
        .map(|f| f.code.as_str())
        .collect();
    codes.sort_unstable();
    codes.dedup();
    vec![
        a.id.clone(),
        a.cable_type.id.clone(),
        format!("{} → {}", c.from, c.to),
        format!("{:.3}", e.route_length_m / 1e3),
        format!("{:.1}", e.slack_pct),
        format!("{:.3}", e.cable_length_m / 1e3),
        f1(max(|s| s.depth_m)),
        format!(
            "{} / {}",
            f1(max(|s| s.inline_deg)),
            f1(max(|s| s.side_deg))
        ),
        if e.spans.is_empty() {
            "0".into()
        } else {
            format!("{} ({longest:.0})", e.spans.len())
        },
        if crossings.is_empty() {
            "0".into()
        } else {
            format!("{} ({least:.0})", crossings.len())
        },
        format!("{:.1}", c.burial_m),
        if codes.is_empty() {
            "pass".into()
        } else {
            codes.join(", ")
        },
    ]
}

/// The depth along the route with the free spans shaded and the alter-course points ticked.
fn profile(a: &CableAnalysis) -> Block {
    let e = &a.engineering;
    let chart = DepthProfile {
        points: e
            .samples
            .iter()
            .map(|s| (s.kp_m / 1e3, s.depth_m))
            .collect(),
        line_name: "seabed along the route".into(),
        bands: e
            .spans
            .iter()
            .map(|s| Band {
                from_km: s.from_kp_m / 1e3,
                to_km: s.to_kp_m / 1e3,
                title: format!(
                    "free span {:.0} m, KP {:.3}–{:.3} km, up to {:.1} m above the seabed",
                    s.length_m,
                    s.from_kp_m / 1e3,
                    s.to_kp_m / 1e3,
                    s.max_gap_m
                ),
            })
            .collect(),
        band_name: "free span".into(),
        ticks: e.vertices[1..e.vertices.len().saturating_sub(1)]
            .iter()
            .map(|v| v.kp_m / 1e3)
            .collect(),
        tick_name: "alter-course point".into(),
    };
    let longest = e.spans.iter().map(|s| s.length_m).fold(0.0, f64::max);
    Block::Svg {
        svg: chart.to_svg(),
        caption: format!(
            "Cable {} ({}): depth at the planning level along {:.3} km of route, {} sample(s); {}.",
            a.id,
            a.cable_type.name,
            e.route_length_m / 1e3,
            e.samples.len(),
            if e.spans.is_empty() {
                "no free span".to_string()
            } else {
                format!(
                    "{} free span(s) shaded, the longest {longest:.0} m",
                    e.spans.len()
                )
            }
        ),
    }
}

/// The power cables' currents, losses, voltage drop and charging, and the fibre link budgets.
fn electrical(mut s: Section, analysed: &[(usize, CableAnalysis)]) -> Section {
    let mut power = Vec::new();
    let mut fibre = Vec::new();
    let mut ratings = Vec::new();
    for (_, a) in analysed {
        match &a.performance {
            Some(Performance::Power {
                fed_cabins,
                demand_kw,
                flow,
                annual_loss_mwh,
            }) => {
                let mut check = Vec::new();
                if flow.utilisation > 1.0 {
                    check.push("over rating".to_string());
                }
                if flow.voltage_drop_pct > MAX_VOLTAGE_DROP_PCT {
                    check.push(format!("drop > {MAX_VOLTAGE_DROP_PCT} %"));
                }
                power.push(vec![
                    a.id.clone(),
                    if fed_cabins.is_empty() {
                        "—".into()
                    } else {
                        fed_cabins.join(", ")
                    },
                    format!("{:.3}", demand_kw / 1e3),
                    format!("{:.1}", flow.current_a),
                    format!("{:.2}", flow.charging_current_a),
                    format!("{:.0}", flow.rating_a),
                    format!("{:.1}", flow.utilisation * 100.0),
                    format!("{:.2}", flow.loss_kw),
                    format!("{annual_loss_mwh:.1}"),
                    format!("{:.3}", flow.voltage_drop_pct),
                    format!("{:.0}", flow.critical_length_km),
                    if check.is_empty() {
                        "pass".into()
                    } else {
                        check.join(", ")
                    },
                ]);
                let rating = format!(
                    "{} {:.0} A ({})",
                    a.cable_type.id,
                    flow.rating_a,
                    a.cable_type
                        .rating_condition
                        .as_deref()
                        .unwrap_or("condition not stated")
                );
                if !ratings.contains(&rating) {
                    ratings.push(rating);
                }
            }
            Some(Performance::Fibre(f)) => fibre.push(vec![
                a.id.clone(),
                format!("{:.3}", f.length_km),
                a.cable_type
                    .attenuation_db_per_km
                    .map_or("—".into(), |v| format!("{v:.2}")),
                format!("{:.2}", f.loss_db),
                format!("{:.1}", f.latency_us),
            ]),
            None => {}
        }
    }
    if !power.is_empty() {
        s = s
            .text(format!(
                "Power cables at the facility demand of the cabins they feed (IT load × the highest monthly PUE), three-phase at {:.0} Hz: current P/(√3·V·cos φ), Joule loss 3·I²·R·L, energy lost in a year at that demand, voltage drop √3·I·L·(R cos φ + X sin φ), charging current 2π·f·C·L·V/√3 and the critical length at which it alone reaches the rating. Utilisation is the larger of the load and sending-end current over the rating; the voltage drop is checked against {MAX_VOLTAGE_DROP_PCT} % [E]. Ratings: {}.",
                cable::electrical::FREQUENCY_HZ,
                ratings.join("; ")
            ))
            .table(
                &[
                    "cable",
                    "feeds",
                    "demand MW",
                    "current A",
                    "charging A",
                    "rating A",
                    "utilisation %",
                    "loss kW",
                    "energy lost MWh/yr",
                    "voltage drop %",
                    "critical length km",
                    "rating check",
                ],
                power,
            );
    }
    if !fibre.is_empty() {
        s = s
            .text(format!(
                "Fibre links: loss budget = attenuation × cable length + two connectors of 0.5 dB [E]; one-way latency at a group index of {} (about 4.9 µs/km).",
                cable::electrical::FIBRE_GROUP_INDEX
            ))
            .table(
                &[
                    "cable",
                    "length km",
                    "attenuation dB/km",
                    "loss budget dB",
                    "latency µs",
                ],
                fibre,
            );
    }
    s
}
