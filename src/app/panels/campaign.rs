//! The Campaign tab of the chart panel: the installation campaign simulated through the
//! mission's metocean series when the user asks ([`CampaignRun`], the run of
//! `fathom campaign MISSION`). It shows the P10/P50/P90 duration by start month, the best start
//! month, vessel days and spread cost, the Gantt chart of the P50 run (working and waiting on
//! weather) and the waiting on weather per operation — the report's campaign section
//! (`report::campaign`) in the planner. Numbers carry the CLI's precision.

use super::charts::{Key, by_month, fill, legend, name_plot};
use crate::app::actions::Action;
use crate::app::campaign_run::{CampaignOutcome, CampaignRun, missing_input};
use crate::app::document::Document;
use crate::campaign::CampaignResult;
use crate::constants::MONTHS;
use egui::{Color32, Stroke, Ui};
use egui_plot::{Bar, BarChart, HoverPosition, Line, Plot, PlotPoints};

/// The report's Gantt colours (`render::gantt`): working, waiting on weather.
const WORK: Color32 = Color32::from_rgb(0x1f, 0x5f, 0x8b);
const WAIT: Color32 = Color32::from_rgb(0xf4, 0xa2, 0x59);
/// P50 bars of the other months, and the best month's.
const P50: Color32 = Color32::from_rgb(0x8f, 0xb3, 0xcf);
const BEST: Color32 = WORK;
const SPREAD: Color32 = Color32::from_rgb(0x33, 0x33, 0x33);
const WARN: Color32 = Color32::from_rgb(200, 90, 20);

fn f(v: Option<f64>, digits: usize) -> String {
    v.map_or("-".into(), |x| format!("{x:.digits$}"))
}

fn month_name(m: u32) -> &'static str {
    MONTHS
        .get((m as usize).wrapping_sub(1))
        .copied()
        .unwrap_or("?")
}

/// The headline: the best start month with its P10/P50/P90 duration (the figure tests read).
pub fn best_month_line(r: &CampaignResult) -> Option<String> {
    let b = r.best_start_month?;
    let m = r.months.iter().find(|m| m.month == b)?;
    Some(format!(
        "Best start month {}: P50 {} d (P10 {} d, P90 {} d), finish P50 {} / P90 {} from the 1st",
        month_name(b),
        f(m.duration_p50_d, 1),
        f(m.duration_p10_d, 1),
        f(m.duration_p90_d, 1),
        m.finish_p50.as_deref().unwrap_or("-"),
        m.finish_p90.as_deref().unwrap_or("-"),
    ))
}

/// Draws the tab: the run controls, then the result (if any).
pub fn show(ui: &mut Ui, doc: Option<&Document>, run: &CampaignRun, actions: &mut Vec<Action>) {
    let Some(doc) = doc else { return };
    if let Some(why) = missing_input(&doc.mission) {
        ui.label(why);
        ui.allocate_space(ui.available_size());
        return;
    }
    ui.horizontal(|ui| {
        match run.running() {
            Some(done) => {
                ui.add(
                    egui::ProgressBar::new(done)
                        .desired_width(220.0)
                        .text(format!("Simulating the campaign… {:.0} %", done * 100.0)),
                );
                if ui.button("Cancel").clicked() {
                    actions.push(Action::CancelCampaign);
                }
            }
            None => {
                let label = if run.outcome.is_some() {
                    "Re-run campaign"
                } else {
                    "Run campaign"
                };
                if ui
                    .button(label)
                    .on_hover_text(
                        "Simulate the campaign hour by hour from every start date of the start \
                         window in every year of the series (as `fathom campaign`)",
                    )
                    .clicked()
                {
                    actions.push(Action::RunCampaign);
                }
            }
        }
        if let Some(m) = &run.message {
            ui.colored_label(WARN, m);
        }
        if run
            .outcome
            .as_ref()
            .is_some_and(|o| o.revision != doc.revision)
        {
            ui.colored_label(
                WARN,
                "Out of date: the mission changed since this run — re-run",
            );
        }
    });
    let Some(o) = &run.outcome else {
        ui.weak(
            "Run the campaign to see its duration by start month, the P50 run's Gantt chart \
             and the waiting on weather per operation.",
        );
        ui.allocate_space(ui.available_size());
        return;
    };
    summary(ui, o);
    let height = fill(ui);
    let width = ui.available_width();
    ui.horizontal_top(|ui| {
        let w = ((width - 30.0) * 0.30).max(200.0);
        ui.allocate_ui(egui::vec2(w, height), |ui| by_start_month(ui, &o.result));
        let w = ((width - 30.0) * 0.42).max(240.0);
        ui.allocate_ui(egui::vec2(w, height), |ui| gantt(ui, &o.result));
        ui.allocate_ui(egui::vec2(ui.available_width(), height), |ui| {
            downtime(ui, o);
        });
    });
}

fn summary(ui: &mut Ui, o: &CampaignOutcome) {
    let r = &o.result;
    ui.horizontal_wrapped(|ui| {
        if let Some(best) = best_month_line(r) {
            ui.strong(best);
            ui.separator();
        }
        ui.label(format!(
            "Vessel days P50 {} / P90 {} d; spread cost P50 {} / P90 {} EUR",
            f(r.vessel_days_p50, 1),
            f(r.vessel_days_p90, 1),
            f(r.cost_p50_eur, 0),
            f(r.cost_p90_eur, 0)
        ));
    });
    let mut what = format!(
        "{} starts, one every {} h of the start window in every year of {}; {} censored (would \
         pass the end of the series).",
        r.starts, r.start_step_h, o.series, r.censored
    );
    if o.default_campaign {
        what += " No [campaign] in the mission: fathom's defaults (add [campaign] for day rates, \
                 mobilisation and deck capacity).";
    }
    ui.weak(what);
}

/// P50 duration bars by start month with P10–P90 whiskers; the best month darker.
fn by_start_month(ui: &mut Ui, r: &CampaignResult) {
    let keys: [Key<'_>; 3] = [
        ("P50 duration", P50, false),
        ("best start month (P50)", BEST, false),
        ("P10–P90", SPREAD, false),
    ];
    legend(ui, &keys);
    let bars: Vec<Bar> = r
        .months
        .iter()
        .filter_map(|m| {
            let c = if Some(m.month) == r.best_start_month {
                BEST
            } else {
                P50
            };
            m.duration_p50_d.map(|d| {
                Bar::new(m.month as f64, d)
                    .width(0.6)
                    .fill(c)
                    .stroke(Stroke::new(1.0, c))
            })
        })
        .collect();
    let whiskers: Vec<[[f64; 2]; 2]> = r
        .months
        .iter()
        .filter_map(|m| {
            let x = m.month as f64;
            Some([[x, m.duration_p10_d?], [x, m.duration_p90_d?]])
        })
        .collect();
    let resp = by_month("campaign_by_month", "campaign duration (d)", "d")
        .height(fill(ui))
        .include_y(0.0)
        .x_axis_label("start month")
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new("P50 duration", bars));
            for w in &whiskers {
                let cap = |y: f64| PlotPoints::new(vec![[w[0][0] - 0.15, y], [w[0][0] + 0.15, y]]);
                for points in [PlotPoints::new(w.to_vec()), cap(w[0][1]), cap(w[1][1])] {
                    plot.line(Line::new("P10–P90", points).color(SPREAD).width(1.5));
                }
            }
        });
    name_plot(&resp.response, "Campaign duration by start month chart");
}

/// The P50 run: one row per operation (first at the top), its waiting on weather and its work
/// over days from the run's start.
fn gantt(ui: &mut Ui, r: &CampaignResult) {
    let (rows, bars) = r.gantt();
    let start = r
        .p50_run_start_s
        .and_then(|t| chrono::DateTime::from_timestamp(t, 0));
    let keys: [Key<'_>; 2] = [
        ("working", WORK, false),
        ("waiting on weather", WAIT, false),
    ];
    legend(ui, &keys);
    let n = rows.len();
    let y_of = move |row: usize| (n - 1 - row.min(n.saturating_sub(1))) as f64;
    let bar = |row: usize, from_h: f64, to_h: f64, c: Color32| {
        Bar::new(y_of(row), (to_h - from_h) / 24.0)
            .base_offset(from_h / 24.0)
            .width(0.6)
            .fill(c)
            .stroke(Stroke::new(1.0, c))
            .horizontal()
    };
    let work: Vec<Bar> = bars
        .iter()
        .map(|b| bar(b.row, b.start_h, b.end_h, WORK))
        .collect();
    let wait: Vec<Bar> = bars
        .iter()
        .filter(|b| b.start_h > b.ready_h)
        .map(|b| bar(b.row, b.ready_h, b.start_h, WAIT))
        .collect();
    let row_names = rows.clone();
    let date = move |days: f64| {
        start.map_or(String::new(), |s| {
            let t = s + chrono::Duration::minutes((days * 1440.0).round() as i64);
            t.format(" (%Y-%m-%d %H:%M)").to_string()
        })
    };
    let x_label = match start {
        Some(s) => format!(
            "days from the start of the P50 run, {}",
            s.format("%Y-%m-%d %H:%M UTC")
        ),
        None => "days from the start of the P50 run".into(),
    };
    let resp = Plot::new("campaign_gantt")
        .height(fill(ui))
        .x_axis_label(x_label)
        .include_x(0.0)
        .include_y(-0.5)
        .include_y(n as f64 - 0.5)
        .y_axis_min_width(78.0)
        .y_grid_spacer(move |_| {
            (0..n)
                .map(|i| egui_plot::GridMark {
                    value: i as f64,
                    step_size: 1.0,
                })
                .collect()
        })
        .y_axis_formatter(move |m, _| {
            let i = m.value.round();
            if (m.value - i).abs() > 1e-6 || i < 0.0 || i as usize >= n {
                return String::new();
            }
            row_names[n - 1 - i as usize].clone()
        })
        .label_formatter(move |pos| {
            let (name, p) = match pos {
                HoverPosition::NearDataPoint {
                    plot_name,
                    position,
                    ..
                } => (*plot_name, position),
                HoverPosition::Elsewhere { position } => ("", position),
            };
            let row = p.y.round();
            let op = if row >= 0.0 && (row as usize) < n {
                rows[n - 1 - row as usize].as_str()
            } else {
                ""
            };
            let head = if name.is_empty() {
                op.to_string()
            } else {
                format!("{name}: {op}")
            };
            Some(format!("{head}\nday {:.2}{}", p.x, date(p.x)))
        })
        .allow_scroll(false)
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new("waiting on weather", wait));
            plot.bar_chart(BarChart::new("working", work));
        });
    name_plot(&resp.response, "Campaign Gantt chart of the P50 run");
}

/// Waiting on weather per operation over every completed run, with the limits as applied.
fn downtime(ui: &mut Ui, o: &CampaignOutcome) {
    ui.label("Waiting on weather per operation, every completed run");
    egui::ScrollArea::vertical()
        .id_salt("campaign_downtime")
        .show(ui, |ui| {
            egui::Grid::new("campaign_downtime_table")
                .striped(true)
                .num_columns(6)
                .show(ui, |ui| {
                    for h in ["operation", "Hs limit (m)", "split", "mean (h)", "P50 (h)"] {
                        ui.strong(h);
                    }
                    ui.strong("P90 (h)");
                    ui.end_row();
                    for (d, l) in o.result.downtime.iter().zip(&o.limits) {
                        ui.label(&d.operation);
                        ui.label(&l.hs_m);
                        ui.label(if l.splittable { "yes" } else { "no" });
                        let num = |ui: &mut Ui, s: String| {
                            ui.with_layout(
                                egui::Layout::right_to_left(egui::Align::Center),
                                |ui| ui.label(s),
                            );
                        };
                        num(ui, format!("{:.1}", d.mean_h));
                        num(ui, f(d.p50_h, 0));
                        num(ui, f(d.p90_h, 0));
                        ui.end_row();
                    }
                });
        });
}
