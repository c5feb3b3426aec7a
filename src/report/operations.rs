//! Report sections on the marine operations: the route (legs, ETAs, under-keel clearance), the
//! lift of each cabin, and the weather windows by month — from `vessel` and `lift`.

use super::Section;
use crate::lift::{self, windows};
use crate::mission::Context;
use crate::render::chart::{Mark, MonthlyChart, Series};
use crate::vessel::{self, legs};

use crate::constants::MONTHS;

/// The route table ([`legs::route_table`]) and the least under-keel clearance per leg
/// ([`vessel::ukc::sample_route`]).
pub fn route(ctx: &Context) -> Section {
    let m = &ctx.mission;
    let s = Section::new("route", "Route");
    let Some(route) = &m.route else {
        return s.text("No route in this mission.");
    };
    let vessel = m.vessel.as_ref();
    let table = match legs::route_table(route, vessel) {
        Ok(t) => t,
        Err(e) => return s.text(format!("The route table could not be computed: {e}")),
    };
    let samples = vessel
        .map(|v| vessel::ukc::sample_route(ctx, route, &table, v))
        .unwrap_or_default();
    // Least clearance over the samples of one leg (0-based index in the table) or of all.
    let least = |leg: Option<usize>| {
        samples
            .iter()
            .filter(|x| leg.is_none_or(|l| x.leg == l))
            .filter_map(|x| x.clearance_m)
            .min_by(f64::total_cmp)
    };
    let waypoints = route
        .waypoints
        .iter()
        .map(|w| {
            vec![
                w.id.to_string(),
                w.name.clone(),
                format!("{:.6}", w.lon),
                format!("{:.6}", w.lat),
                w.speed_kn.map_or("—".into(), |v| format!("{v:.1}")),
            ]
        })
        .collect();
    let name_of = |id: u32| {
        route
            .waypoints
            .iter()
            .find(|w| w.id == id)
            .map_or(id.to_string(), |w| {
                if w.name.is_empty() {
                    id.to_string()
                } else {
                    w.name.clone()
                }
            })
    };
    let legs_rows = table
        .legs
        .iter()
        .enumerate()
        .map(|(i, l)| {
            vec![
                l.number.to_string(),
                format!("{} → {}", name_of(l.from_id), name_of(l.to_id)),
                format!("{:.2}", l.distance_nm),
                format!("{:.1}", l.bearing_deg),
                format!("{:.1}", l.speed_kn),
                legs::format_duration(l.duration_s),
                l.eta
                    .map_or("—".into(), |e| e.format("%Y-%m-%d %H:%M").to_string()),
                format!("{:.3}", l.kp_end_m / 1000.0),
                least(Some(i)).map_or("—".into(), |c| format!("{c:.2}")),
            ]
        })
        .collect();
    let mut summary = format!(
        "Route {}: {} leg(s), {:.2} NM ({:.3} km), time en route {}",
        table.name,
        table.legs.len(),
        table.total_nm,
        table.total_m / 1000.0,
        legs::format_duration(table.total_s)
    );
    if let Some(d) = table.departure {
        summary += &format!(", departing {} UTC", d.format("%Y-%m-%d %H:%M"));
    }
    summary.push('.');
    match (vessel, least(None)) {
        (Some(v), Some(c)) => {
            summary += &format!(
                " Least under-keel clearance {c:.2} m against {:.2} m required (draught {:.1} m, Barrass squat at leg speed).",
                v.ukc_required_m(),
                v.draught_m
            )
        }
        (Some(_), None) => summary += " No clearance sample lies on the grid.",
        (None, _) => summary += " No vessel in this mission: clearance not computed.",
    }
    s.text(summary)
        .table(&["id", "waypoint", "lon °", "lat °", "speed kn"], waypoints)
        .text("Courses are true (°T) by Mercator sailing on WGS 84; KP is the cumulative distance at the end of the leg.")
        .table(
            &[
                "leg",
                "from → to",
                "NM",
                "course °T",
                "kn",
                "time",
                "ETA UTC",
                "KP km",
                "least UKC m",
            ],
            legs_rows,
        )
}

/// One row per cabin from [`lift::cabin_lifts`].
pub fn lift(ctx: &Context) -> Section {
    let s = Section::new("lift", "Lift and lowering");
    let setup = match lift::setup(ctx) {
        None => return s.text("No lift plan in this mission."),
        Some(Err(f)) => return s.text(format!("The lift could not be assessed: {}", f.message)),
        Some(Ok(setup)) => setup,
    };
    let lifts = lift::cabin_lifts(ctx, &setup, None);
    if lifts.is_empty() {
        return s.text("No cabin with a water depth to lower it to.");
    }
    let rows = lifts
        .iter()
        .map(|(l, _)| {
            let worst = l.loads.iter().max_by(|a, b| {
                a.utilisation
                    .unwrap_or(f64::INFINITY)
                    .total_cmp(&b.utilisation.unwrap_or(f64::INFINITY))
            });
            let resonance: Vec<String> = l
                .pendulum
                .iter()
                .filter(|p| p.near_resonance)
                .map(|p| format!("{} mode {}", p.phase, p.mode))
                .collect();
            vec![
                l.cabin.clone(),
                format!("{:.1}", l.depth_m),
                format!("{:.0} / {:.1}", l.radius_m, l.radius_needed_m),
                format!("{:.0}", l.submerged_mass_t),
                worst.map_or("—".into(), |p| format!("{:.0}", p.hook_load_t)),
                worst
                    .and_then(|p| p.swl_t)
                    .map_or("beyond chart".into(), |v| format!("{v:.0}")),
                worst
                    .and_then(|p| p.utilisation)
                    .map_or("—".into(), |u| format!("{:.0}", u * 100.0)),
                format!(
                    "{:.1} / {:.1}",
                    l.hook_height_needed_m, l.hook_height_available_m
                ),
                format!("{:.2}", l.total_min / 60.0),
                l.touchdown_offset_m
                    .map_or("—".into(), |o| format!("{o:.2} / ±{}", l.tolerance_m)),
                if resonance.is_empty() {
                    "clear".into()
                } else {
                    format!("near waves: {}", resonance.join(", "))
                },
            ]
        })
        .collect();
    s.text(format!(
        "Crane of {}: hook loads per DNV-ST-N001 §16.2 (payload × DAF + rigging + wire), the heaviest phase shown; lowering time over every phase including holds; touchdown offset in a {:.2} m/s surface current.",
        setup.vessel.name,
        setup.plan.current.surface_ms
    ))
    .table(
        &[
            "cabin",
            "depth m",
            "radius m / needed",
            "submerged t",
            "max hook load t",
            "SWL t",
            "util %",
            "hook height m / crane",
            "duration h",
            "touchdown offset m / tol.",
            "pendulum",
        ],
        rows,
    )
}

/// The statistics of month `mi` (0 = January) when the series has records in it.
fn month_value(o: &windows::OperationWindows, mi: usize) -> Option<&windows::MonthStats> {
    o.months
        .iter()
        .find(|x| x.month as usize == mi + 1 && x.records > 0)
}

/// Operability by month of each `[[lift.operations]]` over the metocean series
/// ([`windows::analyse`], DNV-ST-N001 α-factor on the design Hs).
pub fn weather(ctx: &Context) -> Section {
    let s = Section::new("weather", "Weather windows");
    let (series, ops) = match windows::of_mission(ctx) {
        Ok(x) => x,
        Err(why) => return s.text(why),
    };
    let summary: Vec<String> = ops
        .iter()
        .map(|o| {
            let l = &o.limits;
            format!(
                "{}: T_R {} h, Hs ≤ {:.2} m (α {:.3} × {} m){}{}, {} window(s), operability {:.1} %",
                l.name,
                l.t_r_h,
                l.hs_forecast_m,
                l.alpha,
                l.hs_design_m,
                l.wind_max_ms
                    .map_or(String::new(), |w| format!(", wind ≤ {w} m/s")),
                l.current_max_ms
                    .map_or(String::new(), |c| format!(", current ≤ {c} m/s")),
                o.windows.len(),
                o.operability * 100.0
            )
        })
        .collect();
    let mut header = vec!["month".to_string()];
    for o in &ops {
        header.push(format!("{} operable %", o.limits.name));
        header.push(format!("{} wait P50 / P90 h", o.limits.name));
    }
    let rows = (0..12)
        .map(|mi| {
            let mut row = vec![MONTHS[mi].to_string()];
            for o in &ops {
                let ms = month_value(o, mi);
                row.push(
                    ms.and_then(|x| x.operability)
                        .map_or("—".into(), |v| format!("{:.1}", v * 100.0)),
                );
                let f = |v: Option<f64>| v.map_or("—".into(), |x| format!("{x:.0}"));
                row.push(ms.map_or("—".into(), |x| {
                    format!("{} / {}", f(x.wait_p50_h), f(x.wait_p90_h))
                }));
            }
            row
        })
        .collect();
    const COLOURS: [&str; 4] = ["#1f5f8b", "#f77f00", "#2a9d8f", "#8338ec"];
    let chart = MonthlyChart {
        y_label: "operable %".into(),
        series: ops
            .iter()
            .enumerate()
            .map(|(i, o)| Series {
                name: o.limits.name.clone(),
                values: std::array::from_fn(|mi| {
                    month_value(o, mi)
                        .and_then(|x| x.operability)
                        .map(|v| v * 100.0)
                }),
                mark: Mark::Bars,
                colour: COLOURS[i % COLOURS.len()],
            })
            .collect(),
        reference: None,
        y_min: Some(0.0),
    };
    let mut s = s.text(format!(
        "{} records every {} s from {}, {} gap(s). {}.",
        series.time_s.len(),
        series.step_s,
        ctx.mission
            .metocean
            .as_ref()
            .and_then(|x| x.series_csv.as_ref())
            .map_or(String::new(), |p| p.display().to_string()),
        series.gaps.len(),
        summary.join("; ")
    ));
    s.blocks.push(super::Block::Svg {
        svg: chart.to_svg(),
        caption: "Operability by month: share of the month's records at which the operation can start, i.e. its reference period T_R fits in the weather window that follows.".into(),
    });
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    s.table(&header, rows)
}
