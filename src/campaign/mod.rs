#![warn(missing_docs)]
//! The installation campaign: every cabin's load-out, transit, positioning, lift, cable work,
//! survey and return, simulated hour by hour through a metocean hindcast from every start date
//! of a start window (domain-reference §9), giving P10/P50/P90 durations and finish dates by
//! start month, weather downtime per operation, vessel days and spread cost.
//!
//! [`plan`] turns the mission into a sequence, [`engine`] runs it, [`results`] gathers the
//! statistics; [`check`] gives `CAMPAIGN-CAPACITY` and `CAMPAIGN-SEASON`.

pub mod engine;
pub mod plan;
pub mod results;

pub use plan::{CableWork, default_template};
pub use results::CampaignResult;

use crate::finding::{Finding, ObjectRef};
use crate::metocean::Series;
use crate::mission::{Campaign, Context};
use chrono::Datelike;

/// Parses `MM-DD` or `YYYY-MM-DD` into (month, day).
pub fn month_day(s: &str) -> Option<(u32, u32)> {
    let p: Vec<&str> = s.trim().split('-').collect();
    let (m, d) = match p[..] {
        [_, m, d] | [m, d] => (m.parse().ok()?, d.parse().ok()?),
        _ => return None,
    };
    chrono::NaiveDate::from_ymd_opt(2000, m, d).map(|_| (m, d))
}

/// The cable work of the mission's cables, each on the cabin it reaches (its `to` end, else its
/// `from` end): the length to order (route length + slack, `cable::engineering::with_slack`) on
/// the route the mission holds (hand-placed waypoints or the straight line). A cable with no
/// cabin end, or whose route cannot be placed (a finding of `cable::check`), is left out.
pub fn cable_work(ctx: &Context) -> Vec<CableWork> {
    use crate::mission::CableEnd;
    ctx.mission
        .cables
        .iter()
        .filter_map(|c| {
            let cabin = match (&c.to, &c.from) {
                (CableEnd::Cabin(id), _) | (_, CableEnd::Cabin(id)) => id.clone(),
                _ => return None,
            };
            let route = crate::cable::route::mission_route(ctx, c).ok()?;
            let length = crate::bathymetry::sample::polyline_length(&route);
            Some(CableWork {
                cabin,
                cable: c.id.clone(),
                length_m: crate::cable::engineering::with_slack(length, c.slack_pct),
            })
        })
        .collect()
}

/// The default start window: April to September, the usual North Sea installation season.
pub const DEFAULT_WINDOW: [(u32, u32); 2] = [(4, 1), (9, 30)];

/// Most starts `fathom validate` simulates for `CAMPAIGN-SEASON`: beyond it the start step is
/// coarsened (a whole multiple of the mission's), so the simulation part of validation stays
/// bounded on a long hindcast — 25 years of an April–September window at a daily step are
/// 4,575 starts, cut to 475 (a start every 10 days, 19 a season, about 80 per start month).
/// Reading and preparing the series stays linear in its records.
pub const VALIDATE_MAX_STARTS: usize = 500;

/// Simulates the mission's campaign over `series` (`window` overrides the mission's start
/// window). `cables` is the cable work per cabin (empty without cables). With `max_starts`, a
/// start step giving more starts is multiplied until they are at most that many.
pub fn simulate(
    ctx: &Context,
    series: &Series,
    cables: &[CableWork],
    window: Option<[(u32, u32); 2]>,
    max_starts: Option<usize>,
) -> Result<(plan::Plan, CampaignResult), String> {
    simulate_observed(ctx, series, cables, window, max_starts, &|_| true)
}

/// [`simulate`] with `progress` told the share of starts done; it stops with `Err("cancelled")`
/// when `progress` returns false (the planner's job runs it this way).
pub fn simulate_observed(
    ctx: &Context,
    series: &Series,
    cables: &[CableWork],
    window: Option<[(u32, u32); 2]>,
    max_starts: Option<usize>,
    progress: &dyn Fn(f32) -> bool,
) -> Result<(plan::Plan, CampaignResult), String> {
    let m = &ctx.mission;
    let default = Campaign::default_for(m);
    let c = m.campaign.as_ref().unwrap_or(&default);
    let alpha = match m.lift.as_ref().and_then(|l| l.alpha_table.as_ref()) {
        Some(p) => crate::lift::alpha::read(&ctx.resolve(p))
            .map_err(|e| format!("The alpha-factor table could not be read: {e}"))?,
        None => crate::lift::alpha::default_table(),
    };
    let lifts: Vec<(String, f64)> = match crate::lift::setup(ctx) {
        Some(Ok(setup)) => crate::lift::cabin_lifts(ctx, &setup, None)
            .into_iter()
            .map(|(l, _)| (l.cabin, l.total_min / 60.0))
            .collect(),
        _ => Vec::new(),
    };
    let lift_h = |id: &str| lifts.iter().find(|(c, _)| c == id).map(|x| x.1);
    let p = plan::plan(m, c, &alpha, &lift_h, cables)?;
    let window = match (window, &c.start_window) {
        (Some(w), _) => w,
        (None, Some([a, b])) => [
            month_day(a).ok_or(format!("campaign.start_window `{a}`: expected MM-DD"))?,
            month_day(b).ok_or(format!("campaign.start_window `{b}`: expected MM-DD"))?,
        ],
        (None, None) => DEFAULT_WINDOW,
    };
    let eng = engine::Engine::new(series, p.ops.clone())?;
    let t0 = series.time_s.first().copied().unwrap_or(0);
    let mut starts = results::start_times(&eng, t0, window[0], window[1], c.start_step_h);
    if let Some(max) = max_starts
        && starts.len() > max.max(1)
    {
        let factor = u32::try_from(starts.len().div_ceil(max.max(1))).unwrap_or(u32::MAX);
        let step = c.start_step_h.saturating_mul(factor);
        starts = results::start_times(&eng, t0, window[0], window[1], step);
    }
    let costs = results::Costs {
        day_rate_eur: c.vessel_day_rate_eur,
        mobilisation_eur: c.mobilisation_eur,
        mobilisation_h: c.mobilisation_h,
    };
    let r = results::simulate_observed(&eng, &p.seq, &starts, costs, progress)
        .ok_or_else(|| "cancelled".to_string())?;
    Ok((p, r))
}

impl Campaign {
    /// The campaign assumed for a mission without `[campaign]`: defaults throughout.
    pub fn default_for(_m: &crate::mission::Mission) -> Campaign {
        toml::from_str("").expect("every [campaign] field has a default")
    }
}

/// Campaign rules: `CAMPAIGN-CAPACITY` (a cabin heavier than the deck load or the crane's
/// largest safe working load) and `CAMPAIGN-SEASON` (a start month whose P90 finish falls after
/// `campaign.deadline`, when the mission has a metocean series; at most
/// [`VALIDATE_MAX_STARTS`] starts).
pub fn check(ctx: &Context) -> Vec<Finding> {
    let m = &ctx.mission;
    let Some(c) = &m.campaign else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let crane_max_t = m
        .vessel
        .as_ref()
        .and_then(|v| v.crane.as_ref())
        .and_then(|cr| cr.swl_table.iter().map(|p| p[1]).reduce(f64::max));
    for cab in &m.cabins {
        let Some(t) = m.cabin_type(&cab.cabin_type) else {
            continue;
        };
        for (what, lim) in [
            ("deck load", c.deck_load_t),
            ("crane's largest SWL", crane_max_t),
        ] {
            if let Some(l) = lim
                && t.mass_t > l
            {
                out.push(
                    Finding::error(
                        "CAMPAIGN-CAPACITY",
                        format!(
                            "cabin mass {:.0} t exceeds the vessel's {what} of {l:.0} t",
                            t.mass_t
                        ),
                    )
                    .object(ObjectRef::Cabin(cab.id.clone())),
                );
            }
        }
    }
    let Some(deadline) = c.deadline.as_deref() else {
        return out;
    };
    let Some((dm, dd)) = month_day(deadline) else {
        out.push(Finding::error(
            "CAMPAIGN-SEASON",
            format!("campaign.deadline `{deadline}`: expected MM-DD or YYYY-MM-DD"),
        ));
        return out;
    };
    let result = match crate::metocean::of_mission(m, ctx.dir(), None, None) {
        Ok(None) => return out,
        Ok(Some((_, s))) => simulate(ctx, &s, &cable_work(ctx), None, Some(VALIDATE_MAX_STARTS)),
        Err(e) => Err(e.to_string()),
    };
    match result {
        Err(e) => out.push(Finding::warning(
            "CAMPAIGN-SEASON",
            format!("campaign not simulated: {e}"),
        )),
        Ok((_, r)) => {
            let doy =
                chrono::NaiveDate::from_ymd_opt(2001, dm, dd).map_or(365.0, |d| d.ordinal() as f64);
            for mo in &r.months {
                if let (Some(f), Some(s)) = (mo.finish_p90_doy, &mo.finish_p90)
                    && f > doy + 1.0
                {
                    out.push(Finding::warning(
                        "CAMPAIGN-SEASON",
                        format!(
                            "starting in month {}, the P90 finish {s} is after the deadline {deadline} ({} start(s), one every {} h; `fathom campaign` for every start)",
                            mo.month, r.starts, r.start_step_h
                        ),
                    ));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
