//! Campaign statistics over every start: duration and finish by start month, downtime per
//! operation type, vessel days and spread cost, the best start month and the P50 run.

use super::engine::{Engine, Run, Step, StepRun};
use crate::lift::windows::percentile;
use chrono::{DateTime, Datelike, Duration, NaiveDate};
use serde::Serialize;

/// The simulated start times: every `step_h` hours from month/day `from` to month/day `to`
/// (inclusive, whole days) of every year of the series; a window with `to` before `from` runs
/// into the next year.
pub fn start_times(
    engine: &Engine,
    t0: i64,
    from: (u32, u32),
    to: (u32, u32),
    step_h: u32,
) -> Vec<i64> {
    let (Some(a), Some(b)) = (
        DateTime::from_timestamp(t0, 0),
        DateTime::from_timestamp(engine.end_s(), 0),
    ) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for y in a.year() - 1..=b.year() {
        let (Some(s), Some(e)) = (
            NaiveDate::from_ymd_opt(y, from.0, from.1),
            NaiveDate::from_ymd_opt(if to < from { y + 1 } else { y }, to.0, to.1),
        ) else {
            continue;
        };
        let end = (e + Duration::days(1))
            .and_hms_opt(0, 0, 0)
            .map(|t| t.and_utc().timestamp());
        let mut t = s
            .and_hms_opt(0, 0, 0)
            .map_or(i64::MAX, |t| t.and_utc().timestamp());
        while end.is_some_and(|e| t < e) {
            if t >= t0 && t < engine.end_s() {
                out.push(t);
            }
            t += i64::from(step_h.max(1)) * 3600;
        }
    }
    out
}

/// Statistics of the runs started in one calendar month.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MonthResult {
    /// 1 = January.
    pub month: u32,
    /// Simulated starts in this month.
    pub runs: usize,
    /// Runs that would pass the end of the series.
    pub censored: usize,
    /// 10th-percentile campaign duration of the month's finished runs (days; type-7 percentile).
    pub duration_p10_d: Option<f64>,
    /// Median campaign duration of the month's finished runs (days).
    pub duration_p50_d: Option<f64>,
    /// 90th-percentile campaign duration of the month's finished runs (days).
    pub duration_p90_d: Option<f64>,
    /// Finish dates (`MM-DD`, `+1y` when in the next year) of a start on the 1st of the month
    /// plus the month's P50/P90 duration.
    pub finish_p50: Option<String>,
    /// Finish date of a start on the 1st plus the P90 duration (see `finish_p50`).
    pub finish_p90: Option<String>,
    /// Day of year (1–366, may exceed 365 into the next year) of the P90 finish from the 1st.
    pub finish_p90_doy: Option<f64>,
}

/// Waiting on weather of one operation type over all runs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Downtime {
    /// Name of the operation (types differing only in α are one operation).
    pub operation: String,
    /// Mean over finished runs of the run's total waiting on weather in this operation (h).
    pub mean_h: f64,
    /// Median of that waiting (h).
    pub p50_h: Option<f64>,
    /// 90th percentile of that waiting (h).
    pub p90_h: Option<f64>,
}

/// Everything `fathom campaign` reports.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CampaignResult {
    /// Number of simulated starts.
    pub starts: usize,
    /// Hours between simulated starts (the smallest spacing; 0 with fewer than two starts).
    pub start_step_h: f64,
    /// Starts whose run would pass the end of the series.
    pub censored: usize,
    /// Per start month with at least one start, January first.
    pub months: Vec<MonthResult>,
    /// Waiting on weather per operation name, in the order of the operation types.
    pub downtime: Vec<Downtime>,
    /// Median vessel time of a finished run: duration plus mobilisation (days).
    pub vessel_days_p50: Option<f64>,
    /// 90th-percentile vessel time of a finished run (days).
    pub vessel_days_p90: Option<f64>,
    /// Cost at the median vessel time: mobilisation plus day rate × days (EUR).
    pub cost_p50_eur: Option<f64>,
    /// Cost at the 90th-percentile vessel time (EUR).
    pub cost_p90_eur: Option<f64>,
    /// Start month with the smallest P50 duration (then P90).
    pub best_start_month: Option<u32>,
    /// Name of each operation type (what a step's `op` indexes).
    pub operations: Vec<String>,
    /// The run whose duration is the median (nearest rank): the Gantt chart.
    pub p50_run: Vec<StepRun>,
    /// Requested start of the P50 run (Unix s); `None` when no run finished.
    pub p50_run_start_s: Option<i64>,
}

/// One bar of the Gantt chart of the P50 run; times in hours from the run's start. The step was
/// ready at `ready_h`, started at `start_h` (the wait between is waiting on weather) and ended
/// at `end_h` (a splittable step's pauses fall inside its bar).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GanttBar {
    /// Index into the chart's rows (operation names).
    pub row: usize,
    /// The step's label.
    pub label: String,
    /// When the step was ready (h from the run's start).
    pub ready_h: f64,
    /// When work on the step started (h from the run's start).
    pub start_h: f64,
    /// When the step ended (h from the run's start).
    pub end_h: f64,
}

impl CampaignResult {
    /// The P50 run as a Gantt chart: one row per operation name, in the order of first use,
    /// and one bar per step.
    pub fn gantt(&self) -> (Vec<String>, Vec<GanttBar>) {
        let mut rows: Vec<String> = Vec::new();
        let t0 = self.p50_run_start_s.unwrap_or(0);
        let h = |t: i64| (t - t0) as f64 / 3600.0;
        let bars = self
            .p50_run
            .iter()
            .map(|s| {
                let name = self.operations.get(s.op).cloned().unwrap_or_default();
                let row = rows.iter().position(|r| *r == name).unwrap_or_else(|| {
                    rows.push(name);
                    rows.len() - 1
                });
                GanttBar {
                    row,
                    label: s.label.clone(),
                    ready_h: h(s.ready_s),
                    start_h: h(s.start_s),
                    end_h: h(s.end_s),
                }
            })
            .collect();
        (rows, bars)
    }
}

/// Cost inputs.
#[derive(Clone, Copy, Debug)]
pub struct Costs {
    /// Vessel day rate (EUR per day).
    pub day_rate_eur: f64,
    /// Fixed mobilisation cost per campaign (EUR).
    pub mobilisation_eur: f64,
    /// Mobilisation time added to each run's vessel time (h).
    pub mobilisation_h: f64,
}

fn month_of(t: i64) -> usize {
    DateTime::from_timestamp(t, 0).map_or(0, |d| d.month0() as usize)
}

/// Runs the sequence from every start and gathers the statistics.
pub fn simulate(engine: &Engine, seq: &[Step], starts: &[i64], costs: Costs) -> CampaignResult {
    let runs: Vec<(i64, Option<Run>)> = starts.iter().map(|&t| (t, engine.run(seq, t))).collect();
    gather(engine, starts, runs, costs)
}

/// [`simulate`], telling `progress` the share of starts done (every 64 starts and at the end);
/// `None` as soon as `progress` returns false (cancelled).
pub fn simulate_observed(
    engine: &Engine,
    seq: &[Step],
    starts: &[i64],
    costs: Costs,
    progress: &dyn Fn(f32) -> bool,
) -> Option<CampaignResult> {
    let mut runs = Vec::with_capacity(starts.len());
    for (i, &t) in starts.iter().enumerate() {
        if i % 64 == 0 && !progress(i as f32 / starts.len() as f32) {
            return None;
        }
        runs.push((t, engine.run(seq, t)));
    }
    progress(1.0).then(|| gather(engine, starts, runs, costs))
}

/// The statistics of the runs from `starts`.
fn gather(
    engine: &Engine,
    starts: &[i64],
    runs: Vec<(i64, Option<Run>)>,
    costs: Costs,
) -> CampaignResult {
    let mut months = Vec::new();
    for m in 0..12 {
        let mine: Vec<&(i64, Option<Run>)> =
            runs.iter().filter(|(t, _)| month_of(*t) == m).collect();
        if mine.is_empty() {
            continue;
        }
        let mut d: Vec<f64> = mine
            .iter()
            .filter_map(|(_, r)| r.as_ref().map(|r| r.duration_h() / 24.0))
            .collect();
        d.sort_by(f64::total_cmp);
        let finish = |days: Option<f64>| {
            days.map(|days| {
                let first = NaiveDate::from_ymd_opt(2001, m as u32 + 1, 1).unwrap_or_default();
                let f = first + Duration::minutes((days * 1440.0).round() as i64);
                let next = if f.year() > 2001 { " +1y" } else { "" };
                (
                    format!("{:02}-{:02}{next}", f.month(), f.day()),
                    first.ordinal0() as f64 + 1.0 + days,
                )
            })
        };
        let p90 = finish(percentile(&d, 0.9));
        months.push(MonthResult {
            month: m as u32 + 1,
            runs: mine.len(),
            censored: mine.len() - d.len(),
            duration_p10_d: percentile(&d, 0.1),
            duration_p50_d: percentile(&d, 0.5),
            duration_p90_d: percentile(&d, 0.9),
            finish_p50: finish(percentile(&d, 0.5)).map(|f| f.0),
            finish_p90: p90.as_ref().map(|f| f.0.clone()),
            finish_p90_doy: p90.map(|f| f.1),
        });
    }
    let done: Vec<&Run> = runs.iter().filter_map(|(_, r)| r.as_ref()).collect();
    let operations: Vec<String> = engine.ops().iter().map(|o| o.name.clone()).collect();
    // One row per operation name (types that differ only in α are one operation).
    let mut names: Vec<&String> = Vec::new();
    for n in &operations {
        if !names.contains(&n) {
            names.push(n);
        }
    }
    let mut downtime = Vec::new();
    for name in names {
        let mut w: Vec<f64> = done
            .iter()
            .map(|r| {
                r.steps
                    .iter()
                    .filter(|s| operations[s.op] == *name)
                    .map(|s| s.wait_h)
                    .sum()
            })
            .collect();
        w.sort_by(f64::total_cmp);
        downtime.push(Downtime {
            operation: name.clone(),
            mean_h: w.iter().fold(0.0, |a, b| a + b) / w.len().max(1) as f64,
            p50_h: percentile(&w, 0.5),
            p90_h: percentile(&w, 0.9),
        });
    }
    let mut by_dur: Vec<&Run> = done.clone();
    by_dur.sort_by(|a, b| a.duration_h().total_cmp(&b.duration_h()));
    let mut days: Vec<f64> = by_dur
        .iter()
        .map(|r| (r.duration_h() + costs.mobilisation_h) / 24.0)
        .collect();
    days.sort_by(f64::total_cmp);
    let cost = |d: Option<f64>| d.map(|d| costs.mobilisation_eur + costs.day_rate_eur * d);
    let median = by_dur.get(by_dur.len().saturating_sub(1) / 2);
    let best = months
        .iter()
        .filter(|m| m.duration_p50_d.is_some())
        .min_by(|a, b| {
            (a.duration_p50_d, a.duration_p90_d)
                .partial_cmp(&(b.duration_p50_d, b.duration_p90_d))
                .unwrap_or(std::cmp::Ordering::Equal)
        })
        .map(|m| m.month);
    CampaignResult {
        starts: runs.len(),
        start_step_h: starts
            .windows(2)
            .map(|w| w[1] - w[0])
            .min()
            .map_or(0.0, |d| d as f64 / 3600.0),
        censored: runs.len() - done.len(),
        months,
        downtime,
        vessel_days_p50: percentile(&days, 0.5),
        vessel_days_p90: percentile(&days, 0.9),
        cost_p50_eur: cost(percentile(&days, 0.5)),
        cost_p90_eur: cost(percentile(&days, 0.9)),
        best_start_month: best,
        p50_run: median.map(|r| r.steps.clone()).unwrap_or_default(),
        p50_run_start_s: median.map(|r| r.start_s),
        operations,
    }
}
