//! The wind farm's supply against the data centre's demand.
//!
//! Demand in month m: D_m = IT load × PUE_m (PUE per month from cooling when available, else the
//! mission's design PUE). Supply: the farm's wake-affected power × availability × (1 − electrical
//! losses) (availability taken as its expected value), limited by the dedicated cable's
//! capacity C. Wind energy used by the data centre in an hour: min(supply, C, D); the rest of
//! the demand is the shortfall (served from the grid), the rest of the supply is surplus.
//!
//! Where the mission models its power cables (`[[cables]]`, [`CableLosses`]), the hour-by-hour
//! balance takes their Joule losses at each hour's power instead of the flat `electrical_loss`:
//! the farm sends S = power × availability; the cabins can receive at most the d with
//! d + loss(d) = S ([`CableLosses::deliverable_w`]); the data centre uses min(d, C, D), and the
//! cables lose loss(used) (3·I²·R·L per cable at its share of that power). Only the wind power
//! the data centre uses is counted through the cables (the supply models neither the grid nor
//! storage); the surplus is S − used − loss(used). The Weibull rose keeps the flat loss, whose
//! exact integration needs a supply linear in the farm's power.
//!
//! With a time series every record is one hour; the farm is solved for that hour's hub-height
//! speed and grid direction. With a Weibull rose only: P(min(supply, C) ≥ D) and
//! E[max(D − min(supply, C), 0)] integrated exactly over each sector's Weibull for the
//! piecewise-linear farm power (see [`Weibull::exceedance_and_shortfall`](crate::wind::weibull::Weibull::exceedance_and_shortfall)); for C < D the
//! shortfall is (D − C) + E[max(C − supply, 0)] and the probability 0.

use super::aep::{AepOptions, power_table};
use super::farm::{FarmModel, it_load_w};
use super::wake::{Flow, Geometry, solve};
use super::weibull::Segment;
use crate::cable::CableLosses;
use crate::mission::Context;
use serde::Serialize;

/// Hours in each month of a 365-day year.
pub const MONTH_HOURS: [f64; 12] = [
    744.0, 672.0, 744.0, 720.0, 744.0, 720.0, 744.0, 744.0, 720.0, 744.0, 720.0, 744.0,
];

/// Hour-by-hour supply against demand over a time series.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HourlySupply {
    /// Records in the series (one hour each).
    pub hours: usize,
    /// Data-centre demand over the series, IT load × monthly PUE (MWh).
    pub demand_mwh: f64,
    /// Wind energy delivered by the farm (after availability and electrical losses), MWh.
    pub wind_delivered_mwh: f64,
    /// Wind energy used by the data centre, MWh.
    pub wind_used_mwh: f64,
    /// wind_used / demand.
    pub share_met: f64,
    /// Hours in which the wind used falls short of the demand.
    pub deficit_hours: usize,
    /// Demand not met by wind, served from the grid (MWh).
    pub shortfall_mwh: f64,
    /// Delivered wind energy the data centre does not use (MWh).
    pub surplus_mwh: f64,
    /// Longest run of consecutive deficit hours and when it began (UTC, RFC 3339).
    pub longest_deficit_h: usize,
    /// Start of that run (UTC, RFC 3339); `None` without deficit hours.
    pub longest_deficit_start: Option<String>,
    /// Mean delivered power (W) of the hours in each calendar month (0 for a month without
    /// hours), for monthly charts.
    #[serde(skip)]
    pub monthly_mean_supply_w: [f64; 12],
    /// Energy lost in the mission's power cables over the series (MWh), each hour at the power
    /// the data centre used; `None` where no power cable is modelled and the flat
    /// `electrical_loss` applies.
    pub cable_loss_mwh: Option<f64>,
    /// The same per cable, in mission order (empty without modelled cables).
    pub cable_losses: Vec<CableEnergy>,
}

/// The energy one power cable loses over an hourly series.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CableEnergy {
    /// The mission cable's id.
    pub id: String,
    /// Over the series (MWh).
    pub loss_mwh: f64,
}

/// Probabilistic supply against demand under a Weibull rose.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WeibullSupply {
    /// Fraction of the year the wind (through the cable) covers the demand.
    pub probability_covered: f64,
    /// Mean power missing (MW).
    pub expected_shortfall_mw: f64,
    /// Demand over a year, IT load × monthly PUE × the month's hours (MWh).
    pub demand_mwh: f64,
    /// Expected demand not met by wind in a year (MWh).
    pub shortfall_mwh: f64,
    /// 1 − shortfall / demand.
    pub share_met: f64,
    /// Delivered wind energy per year (GWh).
    pub wind_delivered_gwh: f64,
}

/// A mission's demand and the wind farm's supply against it, hour by hour: assembled once here
/// for the `fathom wind supply` command, the report and the planner's analysis chart.
#[derive(Clone, Debug, PartialEq)]
pub struct MissionSupply {
    /// The data centre's IT load (W, [`it_load_w`]).
    pub it_load_w: f64,
    /// PUE by month ([`super::monthly_pue`]).
    pub monthly_pue: [f64; 12],
    /// Demand by month, IT load × PUE (W).
    pub demand_w: [f64; 12],
    /// The dedicated cable's capacity (W), when the mission gives one.
    pub cable_w: Option<f64>,
    /// The mission's power cables, whose losses the hourly balance takes ([`CableLosses`]);
    /// `None` without power cables, or when a cable cannot be analysed (its type or route: the
    /// cable rules report it), and the flat loss applies.
    pub cable_losses: Option<CableLosses>,
    /// The hour-by-hour balance ([`hourly_series`]); `None` without a time series.
    pub hourly: Option<HourlySupply>,
    /// Every hour's row when asked for (else empty).
    pub rows: Vec<HourRow>,
}

/// Demand and hour-by-hour supply of `ctx`'s mission for `farm` (the mission's farm, possibly
/// with another time series); `rows` keeps every hour's row.
pub fn of_mission(ctx: &Context, farm: &FarmModel, rows: bool) -> MissionSupply {
    let it_load_w = it_load_w(ctx);
    let monthly_pue = super::monthly_pue(ctx);
    let demand_w = monthly_demand_w(it_load_w, &monthly_pue);
    let cable_w = ctx
        .mission
        .wind_farm
        .as_ref()
        .and_then(|wf| wf.cable_capacity_mw)
        .map(|c| c * 1e6);
    let cable_losses = CableLosses::of_mission(ctx).ok().flatten();
    let (hourly, rows) = match hourly_series(farm, &demand_w, cable_w, cable_losses.as_ref(), rows)
    {
        Some((h, r)) => (Some(h), r),
        None => (None, Vec::new()),
    };
    MissionSupply {
        it_load_w,
        monthly_pue,
        demand_w,
        cable_w,
        cable_losses,
        hourly,
        rows,
    }
}

/// Demand per month (W).
pub fn monthly_demand_w(it_load_w: f64, pue: &[f64; 12]) -> [f64; 12] {
    pue.map(|p| it_load_w * p)
}

/// One hour of [`hourly_series`] (MW; `used` = wind energy used by the data centre).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HourRow {
    /// Start of the hour (UTC, RFC 3339).
    pub time_utc: String,
    /// Free-stream speed at hub height (m/s).
    pub hub_wind_ms: f64,
    /// Wind power delivered (MW): the farm's output × availability, less the flat electrical loss
    /// or the modelled cable losses.
    pub supply_mw: f64,
    /// Data-centre demand in the hour's month (MW).
    pub demand_mw: f64,
    /// Wind power the data centre uses (MW): at most the supply, the cable capacity and the demand.
    pub used_mw: f64,
    /// Demand not met by wind, demand − used (MW).
    pub shortfall_mw: f64,
    /// Wind power not used, supply − used (MW).
    pub surplus_mw: f64,
}

impl HourRow {
    /// CSV header matching [`HourRow::csv`].
    pub const CSV_HEADER: &str =
        "time_utc,hub_wind_ms,supply_mw,demand_mw,used_mw,shortfall_mw,surplus_mw";

    /// The row as CSV (no newline).
    pub fn csv(&self) -> String {
        format!(
            "{},{:.2},{:.4},{:.4},{:.4},{:.4},{:.4}",
            self.time_utc,
            self.hub_wind_ms,
            self.supply_mw,
            self.demand_mw,
            self.used_mw,
            self.shortfall_mw,
            self.surplus_mw
        )
    }
}

/// Hour-by-hour supply for the farm's time series (which must be present), with the cable
/// losses of `losses` where given (see the module doc), else the flat loss.
pub fn hourly(
    farm: &FarmModel,
    demand_w: &[f64; 12],
    cable_w: Option<f64>,
    losses: Option<&CableLosses>,
) -> Option<HourlySupply> {
    hourly_series(farm, demand_w, cable_w, losses, false).map(|(s, _)| s)
}

/// [`hourly`] and, when `rows` is set, every hour's supply and demand.
pub fn hourly_series(
    farm: &FarmModel,
    demand_w: &[f64; 12],
    cable_w: Option<f64>,
    losses: Option<&CableLosses>,
    rows: bool,
) -> Option<(HourlySupply, Vec<HourRow>)> {
    let ts = farm.timeseries.as_ref()?;
    let mut table = Vec::with_capacity(if rows { ts.len() } else { 0 });
    // With modelled cables the flat loss gives way to their Joule losses hour by hour.
    let k = if losses.is_some() {
        farm.availability
    } else {
        farm.delivery_factor()
    };
    let mut per_cable = vec![0.0; losses.map_or(0, |l| l.cables.len())];
    let cap = cable_w.unwrap_or(f64::INFINITY);
    let mut flow = Flow::default();
    let mut s = HourlySupply {
        hours: ts.len(),
        demand_mwh: 0.0,
        wind_delivered_mwh: 0.0,
        wind_used_mwh: 0.0,
        share_met: 0.0,
        deficit_hours: 0,
        shortfall_mwh: 0.0,
        surplus_mwh: 0.0,
        longest_deficit_h: 0,
        longest_deficit_start: None,
        monthly_mean_supply_w: [0.0; 12],
        cable_loss_mwh: None,
        cable_losses: Vec::new(),
    };
    let mut month_hours = [0usize; 12];
    let (mut run, mut run_start) = (0usize, 0usize);
    for (h, r) in ts.iter().enumerate() {
        let wd = (r.wd + farm.convergence_deg).rem_euclid(360.0);
        let geom = Geometry::new(&farm.model, &farm.turbine, &farm.x, &farm.y, wd);
        solve(
            &farm.model,
            &farm.turbine,
            &geom,
            farm.hub_speed(r),
            &mut flow,
        );
        let sent = flow.power_w.iter().sum::<f64>() * k;
        let demand = demand_w[r.month0()];
        let (supply, used) = match losses {
            Some(l) => {
                let used = l.deliverable_w(sent).min(cap).min(demand);
                for (sum, w) in per_cable.iter_mut().zip(l.per_cable_w(used)) {
                    *sum += w / 1e6;
                }
                (sent - l.loss_w(used), used)
            }
            None => (sent, sent.min(cap).min(demand)),
        };
        if rows {
            table.push(HourRow {
                time_utc: r.time.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                hub_wind_ms: farm.hub_speed(r),
                supply_mw: supply / 1e6,
                demand_mw: demand / 1e6,
                used_mw: used / 1e6,
                shortfall_mw: (demand - used) / 1e6,
                surplus_mw: (supply - used) / 1e6,
            });
        }
        s.monthly_mean_supply_w[r.month0()] += supply;
        month_hours[r.month0()] += 1;
        s.demand_mwh += demand / 1e6;
        s.wind_delivered_mwh += supply / 1e6;
        s.wind_used_mwh += used / 1e6;
        s.shortfall_mwh += (demand - used) / 1e6;
        s.surplus_mwh += (supply - used) / 1e6;
        let contiguous = h > 0 && (r.time - ts[h - 1].time).num_minutes() == 60;
        if used < demand * (1.0 - 1e-12) {
            s.deficit_hours += 1;
            if run == 0 || !contiguous {
                run = 0;
                run_start = h;
            }
            run += 1;
            if run > s.longest_deficit_h {
                s.longest_deficit_h = run;
                s.longest_deficit_start = Some(ts[run_start].time.to_rfc3339());
            }
        } else {
            run = 0;
        }
    }
    for (sum, n) in s.monthly_mean_supply_w.iter_mut().zip(month_hours) {
        *sum /= n.max(1) as f64;
    }
    s.share_met = if s.demand_mwh > 0.0 {
        s.wind_used_mwh / s.demand_mwh
    } else {
        1.0
    };
    if let Some(l) = losses {
        s.cable_loss_mwh = Some(per_cable.iter().sum());
        s.cable_losses = l
            .cables
            .iter()
            .zip(per_cable)
            .map(|(c, loss_mwh)| CableEnergy {
                id: c.id.clone(),
                loss_mwh,
            })
            .collect();
    }
    Some((s, table))
}

/// Supply against demand from the farm's Weibull rose (which must be present).
pub fn weibull(
    farm: &FarmModel,
    demand_w: &[f64; 12],
    cable_w: Option<f64>,
    opts: &AepOptions,
) -> Option<WeibullSupply> {
    let rose = farm.rose.as_ref()?;
    let table = power_table(&farm.model, &farm.turbine, &farm.x, &farm.y, rose, opts);
    let k = farm.delivery_factor();
    let cap = cable_w.unwrap_or(f64::INFINITY);
    let sectors: Vec<Vec<Segment>> = (0..rose.sectors.len())
        .map(|s| {
            table
                .segments(s, None)
                .into_iter()
                .map(|g| Segment {
                    g0: g.g0 * k,
                    g1: g.g1 * k,
                    ..g
                })
                .collect()
        })
        .collect();
    let (mut prob, mut short_w, mut demand_wh, mut delivered_w) = (0.0, 0.0, 0.0, 0.0);
    for (m, &d) in demand_w.iter().enumerate() {
        let wm = MONTH_HOURS[m] / 8760.0;
        demand_wh += d * MONTH_HOURS[m];
        for (sec, segs) in rose.sectors.iter().zip(&sectors) {
            let w = wm * sec.frequency;
            if d <= 0.0 {
                prob += w;
                continue;
            }
            if cap >= d {
                let (p, sh) = sec.weibull.exceedance_and_shortfall(segs, d);
                prob += w * p;
                short_w += w * sh;
            } else {
                let (_, sh) = sec.weibull.exceedance_and_shortfall(segs, cap);
                short_w += w * (d - cap + sh);
            }
        }
    }
    for (sec, segs) in rose.sectors.iter().zip(&sectors) {
        delivered_w += sec.frequency * sec.weibull.expect(segs);
    }
    let shortfall_mwh = short_w * 8760.0 / 1e6;
    let demand_mwh = demand_wh / 1e6;
    Some(WeibullSupply {
        probability_covered: prob,
        expected_shortfall_mw: short_w / 1e6,
        demand_mwh,
        shortfall_mwh,
        share_met: if demand_mwh > 0.0 {
            1.0 - shortfall_mwh / demand_mwh
        } else {
            1.0
        },
        wind_delivered_gwh: delivered_w * 8760.0 / 1e9,
    })
}

#[cfg(test)]
#[path = "supply_tests.rs"]
mod tests;
