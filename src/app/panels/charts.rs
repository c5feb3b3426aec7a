//! The chart panel under the map, in tabs: depth profile along the route with the draught and
//! clearance lines, cooling (PUE, plume and seawater temperature by month), power (wind supply
//! against demand), weather windows and the selected cable's profile. Legends sit in a row above
//! each plot, never over the data; hovering shows the value under the cursor.
//! Plots borrow the [`Analysis`] computed on a worker; nothing is computed here.

mod cable;

use crate::app::actions::Action;
use crate::app::analysis::{Analysis, CoolingChart, RouteProfile, WeatherChart, WindChart};
use crate::app::document::Selection;
use crate::app::map::overlays::ROUTE;
use crate::app::state::ChartTab;
use egui::{Color32, Ui};
use egui_plot::{Bar, BarChart, HLine, HoverPosition, Line, Plot, PlotPoints, Points, Text, VLine};

use crate::constants::MONTHS;
const SHALLOW: Color32 = Color32::from_rgb(220, 50, 47);
const DEMAND: Color32 = Color32::from_rgb(120, 130, 150);
const SUPPLY: Color32 = Color32::from_rgb(60, 170, 90);
const LIMIT: Color32 = Color32::from_rgb(220, 80, 60);

pub(super) fn month_axis(x: egui_plot::GridMark, _: &std::ops::RangeInclusive<f64>) -> String {
    let m = x.value.round();
    if (x.value - m).abs() < 1e-6 && (1.0..=12.0).contains(&m) {
        MONTHS[m as usize - 1].to_string()
    } else {
        String::new()
    }
}

/// One grid line per month; January, April, July and October are marked as the coarser step so
/// their labels stay when a narrow plot has no room for twelve.
fn month_marks(_: egui_plot::GridInput) -> Vec<egui_plot::GridMark> {
    (1..=12)
        .map(|m| egui_plot::GridMark {
            value: m as f64,
            step_size: if m % 3 == 1 { 3.0 } else { 1.0 },
        })
        .collect()
}

/// Plots fill what is left of the panel (without a height they take a width-based default).
pub(super) fn fill(ui: &Ui) -> f32 {
    ui.available_height().max(100.0)
}

/// A legend entry: name, colour, dashed line (else solid).
pub(super) type Key<'a> = (&'a str, Color32, bool);

/// The legend as a row above the plot, so it never covers the data (egui_plot's legend sits
/// inside the plot area). Each entry is one unbroken label (a dash swatch in its colour, then
/// the name) that moves to the next line as a whole when the row is full.
pub(super) fn legend(ui: &mut Ui, keys: &[Key<'_>]) {
    ui.horizontal_wrapped(|ui| {
        for (name, colour, dashed) in keys {
            let mut job = egui::text::LayoutJob::default();
            let font = egui::TextStyle::Body.resolve(ui.style());
            let swatch = if *dashed { "- - -  " } else { "——  " };
            job.append(swatch, 0.0, egui::TextFormat::simple(font.clone(), *colour));
            job.append(
                name,
                0.0,
                egui::TextFormat::simple(font, ui.visuals().text_color()),
            );
            ui.add(egui::Label::new(job).wrap_mode(egui::TextWrapMode::Extend));
            ui.add_space(10.0);
        }
    });
}

/// The value under the cursor: the nearest item's name and its point, in the chart's units.
fn hover_label(
    x: impl Fn(f64) -> String,
    y_unit: &str,
) -> impl Fn(&HoverPosition<'_>) -> Option<String> {
    move |pos| {
        Some(match pos {
            HoverPosition::NearDataPoint {
                plot_name,
                position,
                ..
            } => format!("{plot_name}\n{}: {:.2} {y_unit}", x(position.x), position.y),
            HoverPosition::Elsewhere { position } => {
                format!("{}: {:.2} {y_unit}", x(position.x), position.y)
            }
        })
    }
}

/// "Jun" for x = 6 (month plots; the nearest month).
fn month_name(x: f64) -> String {
    let m = x.round().clamp(1.0, 12.0) as usize;
    MONTHS[m - 1].to_string()
}

/// Names the plot for screen readers and tests (egui_plot leaves it unnamed).
pub(super) fn name_plot(r: &egui::Response, name: &str) {
    let name = name.to_string();
    r.widget_info(move || egui::WidgetInfo::labeled(egui::Role::Canvas, true, &name));
}

/// Draws the tab strip and the current tab; `campaign` draws the Campaign tab (which runs on
/// request, not from the analysis).
pub fn show(
    ui: &mut Ui,
    tab: &mut ChartTab,
    analysis: Option<&Analysis>,
    stale: bool,
    selection: Selection,
    actions: &mut Vec<Action>,
    campaign: impl FnOnce(&mut Ui, &mut Vec<Action>),
) {
    ui.horizontal(|ui| {
        for t in ChartTab::ALL {
            ui.selectable_value(tab, t, t.label());
        }
        if stale {
            ui.separator();
            ui.add(egui::Spinner::new());
            ui.weak("updating…");
        }
    });
    if *tab == ChartTab::Campaign {
        campaign(ui, actions);
        return;
    }
    // A tab with nothing to chart still fills the panel, so the panel keeps its height.
    let Some(a) = analysis else {
        ui.weak("Charts appear once the mission is analysed.");
        ui.allocate_space(ui.available_size());
        return;
    };
    let absent = |ui: &mut Ui, why: &str| {
        ui.weak(format!("Nothing to chart: {}.", why.trim_end_matches('.')));
        ui.allocate_space(ui.available_size());
    };
    match tab {
        ChartTab::Profile => match &a.profile {
            Ok(p) => profile(ui, p),
            Err(e) => absent(ui, e),
        },
        ChartTab::Cooling => match &a.cooling {
            Ok(c) => cooling(ui, c),
            Err(e) => absent(ui, e),
        },
        ChartTab::Power => match &a.wind {
            Ok(w) => power(ui, w),
            Err(e) => absent(ui, e),
        },
        ChartTab::Weather => match &a.weather {
            Ok(w) => weather(ui, w),
            Err(e) => absent(ui, e),
        },
        ChartTab::Campaign => {}
        ChartTab::Cable => cable::show(ui, &a.cables, selection, actions),
    }
}

const SEABED: Color32 = Color32::from_rgb(150, 110, 60);
const KEEL: Color32 = Color32::from_rgb(40, 90, 200);
const PUE: Color32 = Color32::from_rgb(40, 90, 200);
const PLUME: Color32 = Color32::from_rgb(230, 140, 30);
const SEA: Color32 = Color32::from_rgb(20, 150, 170);

fn profile(ui: &mut Ui, p: &RouteProfile) {
    ui.horizontal(|ui| {
        match p.least_clearance_m {
            Some(c) => ui.label(format!("Least under-keel clearance {c:.2} m")),
            None => ui.label("No depth along the route (outside the grid)"),
        };
        if !p.shallow.is_empty() {
            ui.colored_label(
                SHALLOW,
                format!("{} samples below the required clearance", p.shallow.len()),
            );
        }
    });
    let mut keys: Vec<Key<'_>> = vec![
        ("seabed", SEABED, false),
        ("keel (draught + squat)", KEEL, false),
    ];
    if p.required.is_some() {
        keys.push(("draught + required UKC", SHALLOW, true));
    }
    if !p.shallow.is_empty() {
        keys.push(("UKC short", SHALLOW, false));
    }
    keys.push(("waypoints", ROUTE, false));
    legend(ui, &keys);
    let r = Plot::new("depth_profile")
        .x_axis_label("distance along route (NM)")
        .y_axis_label("elevation (m)")
        .label_formatter(hover_label(|x| format!("{x:.2} NM"), "m"))
        .allow_scroll(false)
        .height(fill(ui))
        .show(ui, |plot| {
            plot.line(
                Line::new("seabed", PlotPoints::Borrowed(&p.seabed))
                    .color(SEABED)
                    .width(2.0),
            );
            plot.line(
                Line::new("keel (draught + squat)", PlotPoints::Borrowed(&p.keel)).color(KEEL),
            );
            if let Some(r) = p.required {
                plot.hline(
                    HLine::new("draught + required UKC", r)
                        .color(SHALLOW)
                        .style(egui_plot::LineStyle::dashed_loose()),
                );
            }
            if !p.shallow.is_empty() {
                plot.points(
                    Points::new("UKC short", PlotPoints::Borrowed(&p.shallow))
                        .color(SHALLOW)
                        .radius(2.5),
                );
            }
            for (x, name) in &p.waypoints {
                plot.vline(VLine::new("waypoints", *x).color(ROUTE.gamma_multiply(0.6)));
                plot.text(
                    Text::new(
                        "waypoints",
                        egui_plot::PlotPoint::new(*x, 0.0),
                        name.as_str(),
                    )
                    .anchor(egui::Align2::LEFT_TOP)
                    .color(ROUTE),
                );
            }
        });
    name_plot(&r.response, "Depth profile chart");
}

/// A plot by month (January = 1) with the month names on the x axis.
pub(super) fn by_month(id: &str, y_label: &str, y_unit: &'static str) -> Plot<'static> {
    Plot::new(id)
        .x_axis_formatter(month_axis)
        .x_grid_spacer(month_marks)
        .include_x(0.5)
        .include_x(12.5)
        .y_axis_label(y_label)
        .label_formatter(hover_label(month_name, y_unit))
        .allow_scroll(false)
}

fn cooling(ui: &mut Ui, c: &CoolingChart) {
    ui.label(format!(
        "Annual PUE {:.3} (target {:.2})",
        c.annual_pue, c.target_pue
    ));
    if !c.control.is_empty() {
        ui.weak(format!("Control: {}.", c.control));
    }
    legend(
        ui,
        &[
            ("PUE", PUE, false),
            ("target PUE", LIMIT, true),
            (
                "plume excess at the mixing-zone edge (worst cabin)",
                PLUME,
                false,
            ),
            ("water-class limit", LIMIT, true),
            ("seawater temperature (mean at the cabins)", SEA, false),
        ],
    );
    let height = fill(ui);
    ui.columns(3, |cols| {
        let r = by_month("pue_by_month", "PUE", "")
            .height(height)
            .include_y(1.0)
            .show(&mut cols[0], |plot| {
                plot.line(
                    Line::new("PUE", PlotPoints::Borrowed(&c.pue))
                        .color(PUE)
                        .width(2.0),
                );
                plot.hline(
                    HLine::new("target PUE", c.target_pue)
                        .color(LIMIT)
                        .style(egui_plot::LineStyle::dashed_loose()),
                );
            });
        name_plot(&r.response, "PUE chart");
        let r = by_month("plume_by_month", "excess at mixing-zone edge (K)", "K")
            .height(height)
            .include_y(0.0)
            .show(&mut cols[1], |plot| {
                plot.line(
                    Line::new(
                        "plume excess (worst cabin)",
                        PlotPoints::Borrowed(&c.plume_excess),
                    )
                    .color(PLUME)
                    .width(2.0),
                );
                plot.line(
                    Line::new("water-class limit", PlotPoints::Borrowed(&c.plume_limit))
                        .color(LIMIT)
                        .style(egui_plot::LineStyle::dashed_loose()),
                );
            });
        name_plot(&r.response, "Plume chart");
        let r = by_month("sea_by_month", "seawater (°C)", "°C")
            .height(height)
            .show(&mut cols[2], |plot| {
                plot.line(
                    Line::new("seawater temperature", PlotPoints::Borrowed(&c.sea_temp))
                        .color(SEA)
                        .width(2.0),
                );
            });
        name_plot(&r.response, "Seawater temperature chart");
    });
}

fn power(ui: &mut Ui, w: &WindChart) {
    ui.horizontal(|ui| {
        ui.label(format!(
            "Share of demand met by wind {:.1} %",
            w.share_met * 100.0
        ));
        if w.supply_is_annual_mean {
            ui.weak("(supply: annual mean of the Weibull rose, which has no seasons)");
        }
    });
    let mut keys: Vec<Key<'_>> = vec![
        ("demand: IT load × PUE of the cabins", DEMAND, false),
        (
            "wind delivered: farm output after wakes × availability × (1 − electrical \
             losses), before the cable limit",
            SUPPLY,
            false,
        ),
    ];
    if w.cable_mw.is_some() {
        keys.push((
            "cable capacity: the most the dedicated cable carries to the data centre; wind \
             above it, or above the demand, is surplus",
            LIMIT,
            true,
        ));
    }
    legend(ui, &keys);
    let bars = |name: &str, v: &[f64; 12], offset: f64, colour: Color32| {
        BarChart::new(
            name,
            v.iter()
                .enumerate()
                .map(|(i, y)| Bar::new(i as f64 + 1.0 + offset, *y).width(0.38))
                .collect(),
        )
        .color(colour)
    };
    let r = by_month("supply_demand", "MW", "MW")
        .height(fill(ui))
        .include_y(0.0)
        .show(ui, |plot| {
            plot.bar_chart(bars("demand (IT × PUE)", &w.demand_mw, -0.2, DEMAND));
            plot.bar_chart(bars("wind delivered", &w.supply_mw, 0.2, SUPPLY));
            if let Some(c) = w.cable_mw {
                plot.hline(
                    HLine::new("cable capacity", c)
                        .color(LIMIT)
                        .style(egui_plot::LineStyle::dashed_loose()),
                );
            }
        });
    name_plot(&r.response, "Power chart");
}

/// Operability by month of each lift operation, as grouped bars.
fn weather(ui: &mut Ui, w: &WeatherChart) {
    let summary: Vec<String> = w
        .operations
        .iter()
        .map(|(name, all, _)| format!("{name} {all:.1} %"))
        .collect();
    ui.label(format!(
        "Operable over {} records every {} h: {}",
        w.records,
        w.step_s as f64 / 3600.0,
        summary.join(", ")
    ));
    let keys: Vec<Key<'_>> = w
        .operations
        .iter()
        .enumerate()
        .map(|(k, (name, _, _))| (name.as_str(), OPERATION_COLOURS[k % 4], false))
        .collect();
    legend(ui, &keys);
    let n = w.operations.len().max(1) as f64;
    let width = 0.8 / n;
    let r = by_month("operability_by_month", "operable %", "%")
        .height(fill(ui))
        .include_y(0.0)
        .include_y(100.0)
        .show(ui, |plot| {
            for (k, (name, _, by_month)) in w.operations.iter().enumerate() {
                let offset = (k as f64 + 0.5) * width - 0.4;
                let bars = by_month
                    .iter()
                    .enumerate()
                    .filter_map(|(i, v)| {
                        v.map(|y| Bar::new(i as f64 + 1.0 + offset, y).width(width))
                    })
                    .collect();
                plot.bar_chart(BarChart::new(name.as_str(), bars).color(OPERATION_COLOURS[k % 4]));
            }
        });
    name_plot(&r.response, "Weather windows chart");
}

/// One colour per lift operation (the report's palette).
const OPERATION_COLOURS: [Color32; 4] = [
    Color32::from_rgb(0x1f, 0x5f, 0x8b),
    Color32::from_rgb(0xf7, 0x7f, 0x00),
    Color32::from_rgb(0x2a, 0x9d, 0x8f),
    Color32::from_rgb(0x83, 0x38, 0xec),
];
