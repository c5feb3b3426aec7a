//! The Campaign tab of the chart panel: the installation campaign simulated through the
//! mission's metocean series when the user asks ([`CampaignRun`], the run of
//! `fathom campaign MISSION`). It shows the P10/P50/P90 duration by start month, the best start
//! month, vessel days and spread cost, the Gantt chart of the P50 run (working and waiting on
//! weather) and the waiting on weather per operation — the report's campaign section
//! (`report::campaign`) in the planner. Numbers carry the CLI's precision.

use super::charts::{Key, by_month, fill, legend, month_axis, name_plot};
use crate::app::actions::Action;
use crate::app::campaign_run::{CampaignOutcome, CampaignRun, missing_input};
use crate::app::document::Document;
use crate::campaign::CampaignResult;
use crate::campaign::results::GanttBar;
use crate::constants::MONTHS;
use crate::render::svg::nice_at_least;
use egui::{Color32, Stroke, Ui};
use egui_plot::{AxisHints, Bar, BarChart, HoverPosition, Line, Plot, PlotPoints};

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
        match &run.outcome {
            Some(o) if o.revision != doc.revision => {
                ui.colored_label(
                    WARN,
                    "Out of date: the mission changed since this run — re-run",
                );
            }
            Some(o) if run.message.is_none() => {
                if let Some(best) = best_month_line(&o.result) {
                    ui.strong(best);
                }
            }
            _ => {}
        }
    });
    // On its own line: an error names the file and the field, and wraps.
    if let Some(m) = &run.message {
        ui.colored_label(WARN, m);
    }
    let Some(o) = &run.outcome else {
        ui.weak(
            "Run the campaign to see its duration by start month, the P50 run's Gantt chart \
             and the waiting on weather per operation.",
        );
        ui.allocate_space(ui.available_size());
        return;
    };
    summary(ui, o, o.revision != doc.revision || run.message.is_some());
    // The Gantt chart needs a row height per operation: the panel grows to this.
    let height = fill(ui).max(210.0);
    let width = ui.available_width();
    let column = egui::Layout::top_down(egui::Align::Min);
    ui.horizontal_top(|ui| {
        let w = ((width - 20.0) * 0.27).max(180.0);
        ui.allocate_ui_with_layout(egui::vec2(w, height), column, |ui| {
            by_start_month(ui, &o.result);
        });
        let w = ((width - 20.0) * 0.36).max(240.0);
        ui.allocate_ui_with_layout(egui::vec2(w, height), column, |ui| {
            gantt(ui, &o.result);
        });
        let w = ui.available_width();
        ui.allocate_ui_with_layout(egui::vec2(w, height), column, |ui| downtime(ui, o));
    });
}

/// Whole euros with thin-space thousands separators (`2 515 625`): the CLI's precision, easier
/// to read at a glance.
fn euros(v: Option<f64>) -> String {
    let Some(v) = v else { return "-".into() };
    let digits = format!("{:.0}", v.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('\u{2009}');
        }
        out.push(c);
    }
    if v.round() < 0.0 {
        out.insert(0, '−');
    }
    out
}

/// The figures under the controls; `best` repeats the best start month (when the controls' row
/// shows a message instead).
fn summary(ui: &mut Ui, o: &CampaignOutcome, best: bool) {
    let r = &o.result;
    if best && let Some(line) = best_month_line(r) {
        ui.strong(line);
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(format!(
            "Vessel days P50 {} / P90 {} d · spread cost P50 {} / P90 {} EUR",
            f(r.vessel_days_p50, 1),
            f(r.vessel_days_p90, 1),
            euros(r.cost_p50_eur),
            euros(r.cost_p90_eur)
        ))
        .on_hover_text("vessel days include mobilisation; cost = day rate × days + mobilisation");
        ui.weak(format!(
            "· {} starts (every {} h), {} censored",
            r.starts, r.start_step_h, r.censored
        ))
        .on_hover_text(format!(
            "Every start of the start window in every year of {}, simulated hour by hour; a \
             censored run would pass the end of the series and is left out of the statistics.",
            o.series
        ));
    });
    if o.default_campaign {
        ui.weak(
            "No [campaign] in the mission: fathom's defaults (add [campaign] for day rates, \
             mobilisation and deck capacity).",
        );
    }
}

/// P50 duration bars by start month with P10–P90 whiskers; the best month darker.
fn by_start_month(ui: &mut Ui, r: &CampaignResult) {
    let keys: [Key<'_>; 3] = [
        ("P50", P50, false),
        ("best month", BEST, false),
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
    let (lo, hi) = r
        .months
        .iter()
        .fold((12, 1), |(lo, hi), m| (lo.min(m.month), hi.max(m.month)));
    let resp = by_month("campaign_by_month", "campaign duration (d)", "d")
        .height(fill(ui))
        .include_y(0.0)
        .default_x_bounds(f64::from(lo.min(hi)) - 0.5, f64::from(hi.max(lo)) + 0.5)
        // Every month of the window named (a window is a few months wide), none outside it.
        .x_grid_spacer(move |_| {
            (lo.min(hi)..=hi.max(lo))
                .map(|m| egui_plot::GridMark {
                    value: f64::from(m),
                    step_size: 1.0,
                })
                .collect()
        })
        .custom_x_axes(vec![
            AxisHints::new_x()
                .label("start month")
                .formatter(month_axis)
                .label_spacing(24.0..=30.0),
        ])
        .show(ui, |plot| {
            plot.bar_chart(
                BarChart::new("P50 duration", bars).element_formatter(Box::new(|b, _| {
                    format!(
                        "{} starts: P50 {:.1} d",
                        month_name(b.argument as u32),
                        b.value
                    )
                })),
            );
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
    // Each bar is named after its step (`lift C1`), for the tooltip.
    let bar = |b: &GanttBar, from_h: f64, to_h: f64, c: Color32| {
        let op = rows.get(b.row).map_or("", String::as_str);
        Bar::new(y_of(b.row), (to_h - from_h) / 24.0)
            .name(format!("{op} {}", b.label))
            .base_offset(from_h / 24.0)
            .width(0.6)
            .fill(c)
            .stroke(Stroke::new(1.0, c))
            .horizontal()
    };
    let work: Vec<Bar> = bars
        .iter()
        .map(|b| bar(b, b.start_h, b.end_h, WORK))
        .collect();
    let wait: Vec<Bar> = bars
        .iter()
        .filter(|b| b.start_h > b.ready_h)
        .map(|b| bar(b, b.ready_h, b.start_h, WAIT))
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
        // About six day labels across, at 1, 2 or 5 × 10^k days.
        .x_grid_spacer(egui_plot::uniform_grid_spacer(|g| {
            let s = nice_at_least((g.bounds.1 - g.bounds.0) / 6.0);
            [s, s * 5.0, s * 10.0]
        }))
        .custom_x_axes(vec![
            AxisHints::new_x().label(x_label).label_spacing(28.0..=36.0),
        ])
        .include_x(0.0)
        .include_y(-0.5)
        .include_y(n as f64 - 0.5)
        .y_grid_spacer(move |_| {
            (0..n)
                .map(|i| egui_plot::GridMark {
                    value: i as f64,
                    step_size: 1.0,
                })
                .collect()
        })
        // One label per row, however close the rows (the default hides labels under 20 px).
        .custom_y_axes(vec![
            AxisHints::new_y()
                .min_thickness(78.0)
                .label_spacing(8.0..=12.0)
                .formatter(move |m, _| {
                    let i = m.value.round();
                    if (m.value - i).abs() > 1e-6 || i < 0.0 || i as usize >= n {
                        return String::new();
                    }
                    row_names[n - 1 - i as usize].clone()
                }),
        ])
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
            let tip = |what: &'static str| {
                Box::new(move |b: &Bar, _: &BarChart| {
                    let from = b.base_offset.unwrap_or(0.0);
                    format!(
                        "{}: {what} {:.0} h\nday {:.2} to {:.2}",
                        b.name,
                        b.value * 24.0,
                        from,
                        from + b.value
                    )
                })
            };
            plot.bar_chart(
                BarChart::new("waiting on weather", wait)
                    .element_formatter(tip("waiting on weather")),
            );
            plot.bar_chart(BarChart::new("working", work).element_formatter(tip("working")));
        });
    name_plot(&resp.response, "Campaign Gantt chart of the P50 run");
}

/// Waiting on weather per operation over every completed run, with the limits as applied.
fn downtime(ui: &mut Ui, o: &CampaignOutcome) {
    ui.label("Waiting on weather (h), all completed runs");
    egui::ScrollArea::vertical()
        .id_salt("campaign_downtime")
        .show(ui, |ui| {
            egui::Grid::new("campaign_downtime_table")
                .striped(true)
                .num_columns(6)
                .show(ui, |ui| {
                    for h in ["operation", "Hs limit (m)", "split", "mean", "P50"] {
                        ui.strong(h);
                    }
                    ui.strong("P90")
                        .on_hover_text("hours waiting before the operation could start or go on");
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

#[cfg(test)]
mod tests {
    use super::euros;

    #[test]
    fn euros_are_grouped_in_thousands() {
        assert_eq!(euros(Some(2_515_625.4)), "2\u{2009}515\u{2009}625");
        assert_eq!(euros(Some(400.0)), "400");
        assert_eq!(euros(Some(-1000.0)), "−1\u{2009}000");
        assert_eq!(euros(None), "-");
    }
}
