//! The chart panel under the map, in tabs: depth profile along the route with the draught and
//! clearance lines, cooling (PUE and plume by month) and power (wind supply against demand).
//! Plots borrow the [`Analysis`] computed on a worker; nothing is computed here.

use crate::app::analysis::{Analysis, CoolingChart, RouteProfile, WeatherChart, WindChart};
use crate::app::map::overlays::ROUTE;
use egui::{Color32, Ui};
use egui_plot::{
    Bar, BarChart, Corner, HLine, Legend, Line, Plot, PlotPoints, Points, Text, VLine,
};

/// The tabs of the chart panel.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ChartTab {
    #[default]
    Profile,
    Cooling,
    Power,
    Weather,
}

impl ChartTab {
    pub const ALL: [ChartTab; 4] = [
        ChartTab::Profile,
        ChartTab::Cooling,
        ChartTab::Power,
        ChartTab::Weather,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ChartTab::Profile => "Depth profile",
            ChartTab::Cooling => "Cooling",
            ChartTab::Power => "Power",
            ChartTab::Weather => "Weather windows",
        }
    }
}

use crate::constants::MONTHS;
const SHALLOW: Color32 = Color32::from_rgb(220, 50, 47);
const DEMAND: Color32 = Color32::from_rgb(120, 130, 150);
const SUPPLY: Color32 = Color32::from_rgb(60, 170, 90);
const LIMIT: Color32 = Color32::from_rgb(220, 80, 60);

fn month_axis(x: egui_plot::GridMark, _: &std::ops::RangeInclusive<f64>) -> String {
    let m = x.value.round();
    if (x.value - m).abs() < 1e-6 && (1.0..=12.0).contains(&m) {
        MONTHS[m as usize - 1].to_string()
    } else {
        String::new()
    }
}

/// One grid line per month.
fn month_marks(_: egui_plot::GridInput) -> Vec<egui_plot::GridMark> {
    (1..=12)
        .map(|m| egui_plot::GridMark {
            value: m as f64,
            step_size: 1.0,
        })
        .collect()
}

/// Plots fill what is left of the panel (without a height they take a width-based default).
fn fill(ui: &Ui) -> f32 {
    ui.available_height().max(100.0)
}

/// Draws the tab strip and the current tab.
pub fn show(ui: &mut Ui, tab: &mut ChartTab, analysis: Option<&Analysis>, stale: bool) {
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
    let Some(a) = analysis else {
        ui.weak("Charts appear once the mission is analysed.");
        return;
    };
    let absent = |ui: &mut Ui, why: &str| {
        ui.weak(format!("Nothing to chart: {}.", why.trim_end_matches('.')));
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
    }
}

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
    Plot::new("depth_profile")
        .legend(Legend::default().position(Corner::RightBottom))
        .x_axis_label("distance along route (NM)")
        .y_axis_label("elevation (m)")
        .allow_scroll(false)
        .height(fill(ui))
        .show(ui, |plot| {
            plot.line(
                Line::new("seabed", PlotPoints::Borrowed(&p.seabed))
                    .color(Color32::from_rgb(150, 110, 60))
                    .width(2.0),
            );
            plot.line(
                Line::new("keel (draught + squat)", PlotPoints::Borrowed(&p.keel))
                    .color(Color32::from_rgb(40, 90, 200)),
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
}

fn cooling(ui: &mut Ui, c: &CoolingChart) {
    ui.label(format!(
        "Annual PUE {:.3} (target {:.2})",
        c.annual_pue, c.target_pue
    ));
    let height = fill(ui);
    ui.columns(2, |cols| {
        Plot::new("pue_by_month")
            .legend(Legend::default().position(Corner::LeftTop))
            .x_axis_formatter(month_axis)
            .x_grid_spacer(month_marks)
            .y_axis_label("PUE")
            .allow_scroll(false)
            .height(height)
            .include_y(1.0)
            .show(&mut cols[0], |plot| {
                plot.line(
                    Line::new("PUE", PlotPoints::Borrowed(&c.pue))
                        .color(Color32::from_rgb(40, 90, 200))
                        .width(2.0),
                );
                plot.hline(
                    HLine::new("target PUE", c.target_pue)
                        .color(LIMIT)
                        .style(egui_plot::LineStyle::dashed_loose()),
                );
            });
        Plot::new("plume_by_month")
            .legend(Legend::default().position(Corner::LeftTop))
            .x_axis_formatter(month_axis)
            .x_grid_spacer(month_marks)
            .y_axis_label("excess at mixing-zone edge (K)")
            .allow_scroll(false)
            .height(height)
            .include_y(0.0)
            .show(&mut cols[1], |plot| {
                plot.line(
                    Line::new(
                        "plume excess (worst cabin)",
                        PlotPoints::Borrowed(&c.plume_excess),
                    )
                    .color(Color32::from_rgb(230, 140, 30))
                    .width(2.0),
                );
                plot.line(
                    Line::new("water-class limit", PlotPoints::Borrowed(&c.plume_limit))
                        .color(LIMIT)
                        .style(egui_plot::LineStyle::dashed_loose()),
                );
            });
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
    Plot::new("supply_demand")
        .legend(Legend::default().position(Corner::LeftTop))
        .x_axis_formatter(month_axis)
        .x_grid_spacer(month_marks)
        .y_axis_label("MW")
        .allow_scroll(false)
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
    let n = w.operations.len().max(1) as f64;
    let width = 0.8 / n;
    Plot::new("operability_by_month")
        .legend(Legend::default().position(Corner::LeftTop))
        .x_axis_formatter(month_axis)
        .x_grid_spacer(month_marks)
        .y_axis_label("operable %")
        .allow_scroll(false)
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
}

/// One colour per lift operation (the report's palette).
const OPERATION_COLOURS: [Color32; 4] = [
    Color32::from_rgb(0x1f, 0x5f, 0x8b),
    Color32::from_rgb(0xf7, 0x7f, 0x00),
    Color32::from_rgb(0x2a, 0x9d, 0x8f),
    Color32::from_rgb(0x83, 0x38, 0xec),
];
