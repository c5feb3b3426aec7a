//! Validation rules of the wind domain: `WIND-SHARE` (target renewable share missed),
//! `WIND-CABLE` (demand above the dedicated cable's capacity) and `WIND-INPUT` (the farm could
//! not be modelled).

use super::aep::AepOptions;
use super::farm::{FarmModel, it_load_w};
use super::supply::{self, monthly_demand_w};
use crate::mission::Context;
use crate::validate::Finding;

/// The PUE for each month: the cooling budget's monthly PUE when the mission has one (the
/// demand then follows the pumps through the seasons), else the wind farm's design PUE for every
/// month (default 1.15, Lingang phase 1's design PUE: domain-reference §1.3).
pub fn monthly_pue(ctx: &Context) -> [f64; 12] {
    if let Some(pue) = crate::cooling::monthly_pue(ctx) {
        return pue;
    }
    let design = ctx
        .mission
        .wind_farm
        .as_ref()
        .map_or(1.15, |w| w.design_pue);
    [design; 12]
}

/// Findings for a loaded mission.
pub fn check(ctx: &Context) -> Vec<Finding> {
    let Some(wf) = &ctx.mission.wind_farm else {
        return Vec::new();
    };
    let farm = match FarmModel::from_context(ctx) {
        Ok(Some(f)) => f,
        Ok(None) => return Vec::new(),
        Err(e) => {
            return vec![Finding::error("WIND-INPUT", e.to_string()).object("wind_farm")];
        }
    };
    let mut out = Vec::new();
    let (lon, lat) = farm.lonlat.first().map_or((0.0, 0.0), |p| (p[0], p[1]));
    let it = it_load_w(ctx);
    let pue = monthly_pue(ctx);
    let demand = monthly_demand_w(it, &pue);
    let peak = demand.iter().copied().fold(0.0, f64::max);
    let cable_w = wf.cable_capacity_mw.map(|c| c * 1e6);
    if let Some(c) = cable_w
        && peak > c
    {
        out.push(
            Finding::error(
                "WIND-CABLE",
                format!(
                    "peak demand {:.2} MW (IT {:.2} MW × PUE {:.2}) exceeds the dedicated cable's capacity {:.2} MW",
                    peak / 1e6,
                    it / 1e6,
                    pue.iter().copied().fold(0.0, f64::max),
                    c / 1e6
                ),
            )
            .object("wind_farm.cable_capacity_mw")
            .at(lon, lat),
        );
    }
    if let Some(target) = wf.target_renewable_share {
        let share = match supply::hourly(&farm, &demand, cable_w) {
            Some(h) => Some((h.share_met, "hour by hour over the time series")),
            None => supply::weibull(&farm, &demand, cable_w, &AepOptions::default())
                .map(|w| (w.share_met, "expected under the Weibull rose")),
        };
        if let Some((share, how)) = share
            && share < target
        {
            out.push(
                Finding::error(
                    "WIND-SHARE",
                    format!(
                        "wind covers {:.1} % of the data centre's demand ({how}); target {:.1} %",
                        share * 100.0,
                        target * 100.0
                    ),
                )
                .object("wind_farm.target_renewable_share")
                .at(lon, lat),
            );
        }
    }
    out
}
