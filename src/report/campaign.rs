//! The report's campaign section: the installation campaign simulated through the mission's
//! metocean series ([`campaign::simulate`], the same run as `fathom campaign`).

use super::{Block, Section};
use crate::campaign::{self, CampaignResult};
use crate::constants::MONTHS;
use crate::mission::Context;
use crate::render::chart::{Mark, MonthlyChart, Series};
use crate::render::gantt::gantt_svg;

fn f(v: Option<f64>, digits: usize) -> String {
    v.map_or("—".into(), |x| format!("{x:.digits$}"))
}

fn month_name(m: u32) -> &'static str {
    MONTHS.get(m as usize - 1).copied().unwrap_or("?")
}

/// P10/P50/P90 duration and finish by start month, waiting on weather per operation, vessel
/// days and spread cost, the best start month, the Gantt chart of the P50 run and the monthly
/// P50/P90 chart.
pub fn campaign(ctx: &Context) -> Section {
    let s = Section::new("campaign", "Installation campaign");
    let m = &ctx.mission;
    let series = match crate::metocean::of_mission(m, ctx.dir(), None, None) {
        Ok(Some((_, x))) => x,
        Ok(None) => return s.text("No metocean time series in this mission (metocean.series_csv): the campaign is not simulated."),
        Err(e) => return s.text(format!("The metocean series could not be read: {e}")),
    };
    let (plan, r) = match campaign::simulate(ctx, &series, &campaign::cable_work(ctx), None, None) {
        Ok(x) => x,
        Err(e) => return s.text(format!("The campaign could not be simulated: {e}")),
    };
    let mut s = s.text(intro(&r, m.campaign.is_none()));
    s = s.table(
        &[
            "start month",
            "runs",
            "censored",
            "P10 d",
            "P50 d",
            "P90 d",
            "finish P50",
            "finish P90",
        ],
        r.months
            .iter()
            .map(|mo| {
                vec![
                    month_name(mo.month).to_string(),
                    mo.runs.to_string(),
                    mo.censored.to_string(),
                    f(mo.duration_p10_d, 1),
                    f(mo.duration_p50_d, 1),
                    f(mo.duration_p90_d, 1),
                    mo.finish_p50.clone().unwrap_or("—".into()),
                    mo.finish_p90.clone().unwrap_or("—".into()),
                ]
            })
            .collect(),
    );
    s.blocks.push(Block::Svg {
        svg: monthly_chart(&r),
        caption: "Campaign duration by start month: P50 and P90 over every start in the month and every year of the series (censored starts left out).".into(),
    });
    s = s.text("Waiting on weather per operation over every completed run (h). Weather-restricted operations must fit one window of T_R = T_POP + T_C with the forecast limit α·Hs (DNV-ST-N001 sec. 2.6, α by each step's T_POP); splittable ones pause and resume.").table(
        &[
            "operation",
            "Hs limit m",
            "splittable",
            "daylight only",
            "mean h",
            "P50 h",
            "P90 h",
        ],
        r.downtime
            .iter()
            .map(|d| {
                let l = plan.operation_limits(&d.operation);
                let yes = |b: bool| if b { "yes" } else { "no" }.to_string();
                vec![
                    d.operation.clone(),
                    l.hs_m,
                    yes(l.splittable),
                    yes(l.daylight_only),
                    format!("{:.1}", d.mean_h),
                    f(d.p50_h, 0),
                    f(d.p90_h, 0),
                ]
            })
            .collect(),
    );
    let (rows, bars) = r.gantt();
    if !bars.is_empty() {
        let start = r
            .p50_run_start_s
            .and_then(|t| chrono::DateTime::from_timestamp(t, 0))
            .map_or(String::new(), |d| {
                format!(" started {}", d.format("%Y-%m-%d %H:%M UTC"))
            });
        s.blocks.push(Block::Svg {
            svg: gantt_svg(&rows, &bars),
            caption: format!(
                "Gantt chart of the P50 run (the run of median duration){start}: each operation's work, and the waiting on weather before it hatched."
            ),
        });
    }
    s
}

fn intro(r: &CampaignResult, default: bool) -> String {
    let mut t = format!(
        "{} start(s) simulated, one every {} h of the start window in every year of the series; {} censored (the campaign would pass the end of the series). Vessel days P50 {} / P90 {}; spread cost P50 {} / P90 {} EUR (day rate × vessel days + mobilisation).",
        r.starts,
        r.start_step_h,
        r.censored,
        f(r.vessel_days_p50, 1),
        f(r.vessel_days_p90, 1),
        f(r.cost_p50_eur, 0),
        f(r.cost_p90_eur, 0)
    );
    if let Some(b) = r.best_start_month {
        t += &format!(
            " Best start month: {} (smallest P50 duration).",
            month_name(b)
        );
    }
    if default {
        t += " The mission has no [campaign]: fathom's default campaign and operation template.";
    }
    t
}

fn monthly_chart(r: &CampaignResult) -> String {
    let by = |g: fn(&campaign::results::MonthResult) -> Option<f64>| {
        std::array::from_fn(|mi| {
            r.months
                .iter()
                .find(|m| m.month as usize == mi + 1)
                .and_then(g)
        })
    };
    MonthlyChart {
        y_label: "campaign duration (d)".into(),
        series: vec![
            Series {
                name: "P50".into(),
                values: by(|m| m.duration_p50_d),
                mark: Mark::Bars,
                colour: "#1f5f8b",
            },
            Series {
                name: "P90".into(),
                values: by(|m| m.duration_p90_d),
                mark: Mark::Bars,
                colour: "#f77f00",
            },
        ],
        reference: None,
        y_min: Some(0.0),
    }
    .to_svg()
}
