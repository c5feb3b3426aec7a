//! The cable profile tab: the seabed along the selected cable's route (elevation against KP),
//! its free spans shaded between the seabed and the line joining the span's supports, its
//! alter-course points and crossings as vertical lines; above the plot the figures `fathom cable
//! check` prints for it (route, slack and cable to order, spans, crossings, electrical or
//! optical performance), all from the engineering computed on the worker
//! ([`crate::app::scene::cables::engineer`]).

use super::{Key, fill, hover_label, legend, name_plot};
use crate::app::actions::Action;
use crate::app::document::Selection;
use crate::app::map::overlays::cables::{BAD_CROSSING, SPAN, cable_colour};
use crate::app::scene::cables::{CableEngineering, CableProfile};
use crate::cable::Performance;
use crate::render::svg::nice_at_least;
use egui::{Color32, Ui};
use egui_plot::{FilledArea, Line, Plot, PlotPoints, VLine};

const SEABED: Color32 = Color32::from_rgb(150, 110, 60);
const CROSSING: Color32 = Color32::from_rgb(110, 110, 110);

/// Draws the tab for the selected cable (else the first analysed one); choosing another cable
/// in the box selects it.
pub(super) fn show(
    ui: &mut Ui,
    e: &CableEngineering,
    selection: Selection,
    actions: &mut Vec<Action>,
) {
    let Some(first) = e.profiles.first() else {
        let why = if e.problems.is_empty() {
            "the mission has no [[cables]]; draw one with the Draw cable tool (C)".to_string()
        } else {
            format!("no cable could be analysed: {}", e.problems.join("; "))
        };
        ui.weak(format!("Nothing to chart: {why}."));
        ui.allocate_space(ui.available_size());
        return;
    };
    let p = match selection {
        Selection::Cable(i) => e.of(i).unwrap_or(first),
        _ => first,
    };
    ui.horizontal_wrapped(|ui| {
        ui.label("Cable");
        egui::ComboBox::from_id_salt("cable_profile_choice")
            .selected_text(&p.id)
            .show_ui(ui, |ui| {
                for q in &e.profiles {
                    if ui.selectable_label(q.index == p.index, &q.id).clicked() {
                        actions.push(Action::Select(Selection::Cable(q.index)));
                    }
                }
            });
        ui.label(summary(p));
    });
    if let Some(text) = performance(p) {
        ui.label(text);
    }
    if !e.problems.is_empty() {
        ui.weak(format!("Not analysed: {}", e.problems.join("; ")));
    }
    let colour = cable_colour(p.purpose);
    let mut keys: Vec<Key<'_>> = vec![("seabed along the cable", SEABED, false)];
    if !p.spans.is_empty() {
        keys.push((
            "free span (below the line between its supports)",
            SPAN,
            false,
        ));
    }
    if !p.alter_km.is_empty() {
        keys.push(("alter-course point", colour, true));
    }
    if p.crossings.iter().any(|x| !x.bad()) {
        keys.push(("crossing", CROSSING, true));
    }
    if p.crossings.iter().any(|x| x.bad()) {
        keys.push(("crossing below the minimum angle", BAD_CROSSING, false));
    }
    legend(ui, &keys);
    let r = Plot::new("cable_profile")
        .x_axis_label("KP (km)")
        .y_axis_label("elevation (m)")
        .label_formatter(hover_label(|x| format!("KP {x:.3} km"), "m"))
        // About four depth and eight KP labels at 1, 2 or 5 × 10^k: egui_plot's decades leave a
        // profile a few metres deep and a kilometre or two long with one or two labels.
        .y_grid_spacer(nice_spacer(4.0))
        .x_grid_spacer(nice_spacer(8.0))
        .x_axis_formatter(step_decimals)
        .y_axis_formatter(step_decimals)
        .allow_scroll(false)
        .height(fill(ui))
        .show(ui, |plot| {
            for s in &p.spans {
                let pts: Vec<[f64; 2]> = p
                    .seabed
                    .iter()
                    .filter(|q| q[0] >= s.from_km && q[0] <= s.to_km)
                    .copied()
                    .collect();
                let (Some(a), Some(b)) = (pts.first(), pts.last()) else {
                    continue;
                };
                // The line between the supports over the trough it bridges.
                let chord = |x: f64| {
                    if b[0] > a[0] {
                        a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])
                    } else {
                        a[1]
                    }
                };
                let xs: Vec<f64> = pts.iter().map(|q| q[0]).collect();
                let low: Vec<f64> = pts.iter().map(|q| q[1]).collect();
                let high: Vec<f64> = pts.iter().map(|q| chord(q[0]).max(q[1])).collect();
                plot.add(
                    FilledArea::new("free span", &xs, &low, &high)
                        .fill_color(SPAN.gamma_multiply(0.6)),
                );
                plot.line(
                    Line::new("free span", PlotPoints::from(vec![*a, *b]))
                        .color(SPAN)
                        .width(2.5),
                );
            }
            plot.line(
                Line::new("seabed along the cable", PlotPoints::from(p.seabed.clone()))
                    .color(SEABED)
                    .width(2.0),
            );
            for &k in &p.alter_km {
                plot.vline(
                    VLine::new("alter-course point", k)
                        .color(colour.gamma_multiply(0.6))
                        .style(egui_plot::LineStyle::dashed_loose()),
                );
            }
            for x in &p.crossings {
                let (name, c) = if x.bad() {
                    ("crossing below the minimum angle", BAD_CROSSING)
                } else {
                    ("crossing", CROSSING)
                };
                let mut v = VLine::new(name, x.kp_km).color(c);
                if !x.bad() {
                    v = v.style(egui_plot::LineStyle::dashed_loose());
                }
                plot.vline(v.width(if x.bad() { 2.0 } else { 1.0 }));
            }
        });
    name_plot(&r.response, "Cable profile chart");
}

/// Grid marks at 1, 2 or 5 × 10^k, about `labels` of them across the visible range.
fn nice_spacer(labels: f64) -> impl Fn(egui_plot::GridInput) -> Vec<egui_plot::GridMark> {
    egui_plot::uniform_grid_spacer(move |g| {
        let s = nice_at_least((g.bounds.1 - g.bounds.0) / labels);
        [s / 5.0, s, s * 5.0]
    })
}

/// A mark's value with as many decimals as its step needs (0.5 km steps read 0.5, 1.0, 1.5).
fn step_decimals(mark: egui_plot::GridMark, _range: &std::ops::RangeInclusive<f64>) -> String {
    let decimals = (-mark.step_size.log10().floor()).clamp(0.0, 6.0) as usize;
    format!("{:.*}", decimals, mark.value)
}

/// Route, slack and cable to order, spans and crossings, as one line.
fn summary(p: &CableProfile) -> String {
    let longest = p.spans.iter().map(|s| s.length_m).reduce(f64::max);
    let bad: Vec<String> = p
        .crossings
        .iter()
        .filter(|x| x.bad())
        .map(|x| format!("{} at {:.0}°", x.with, x.angle_deg))
        .collect();
    // The depth range in words too, to read without hovering the plot.
    let (lo, hi) = p
        .seabed
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), q| {
            (l.min(-q[1]), h.max(-q[1]))
        });
    let depths = if lo <= hi {
        format!("seabed {lo:.1}–{hi:.1} m deep; ")
    } else {
        String::new()
    };
    format!(
        "{}{}: route {:.3} km + {} % slack, cable to order {:.3} km; {depths}{} free span(s){}; {} \
         crossing(s){}",
        p.type_name,
        if p.straight {
            " (straight line: no waypoints)"
        } else {
            ""
        },
        p.route_km,
        p.slack_pct,
        p.cable_km,
        p.spans.len(),
        longest.map_or(String::new(), |l| format!(", longest {l:.0} m")),
        p.crossings.len(),
        if bad.is_empty() {
            String::new()
        } else {
            format!(", below the minimum angle: {}", bad.join(", "))
        }
    )
}

/// The electrical (power) or optical (fibre) figures, worded as `fathom cable check`.
fn performance(p: &CableProfile) -> Option<String> {
    Some(match p.performance.as_ref()? {
        Performance::Power {
            fed_cabins,
            demand_kw,
            flow,
            annual_loss_mwh,
        } => format!(
            "Feeds {} ({:.2} MW): {:.0} A of {:.0} A rated, charging {:.1} A, loss {:.1} kW \
             ({:.0} MWh/yr at that demand), voltage drop {:.2} %, critical length {:.0} km",
            if fed_cabins.is_empty() {
                "-".into()
            } else {
                fed_cabins.join(", ")
            },
            unsigned(demand_kw / 1e3),
            unsigned(flow.current_a),
            flow.rating_a,
            flow.charging_current_a,
            unsigned(flow.loss_kw),
            unsigned(*annual_loss_mwh),
            unsigned(flow.voltage_drop_pct),
            flow.critical_length_km
        ),
        Performance::Fibre(f) => format!(
            "Fibre link loss {:.1} dB, one-way latency {:.1} µs",
            f.loss_db, f.latency_us
        ),
    })
}

/// `v` with a negative zero made positive (a cable feeding no cabin carries −0.0 A, which
/// would print as "-0").
fn unsigned(v: f64) -> f64 {
    v + 0.0
}
