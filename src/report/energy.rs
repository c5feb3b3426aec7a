//! Report sections on energy: the wind farm's AEP and its supply against the data centre's
//! demand (`wind`), and the cooling budget by month with PUE and plume (`cooling`).

use super::{Block, Section};
use crate::cooling::{self, MONTHS};
use crate::mission::Context;
use crate::render::chart::{Mark, MonthlyChart, Series};
use crate::wind::aep::{AepOptions, aep_from_table, power_table};
use crate::wind::farm::FarmModel;
use crate::wind::supply::{self, MONTH_HOURS};

/// AEP ([`aep_from_table`]) and supply against demand ([`supply::weibull`],
/// [`supply::hourly`]) of the mission's wind farm.
pub fn wind(ctx: &Context) -> Section {
    let s = Section::new("wind", "Wind energy");
    let farm = match FarmModel::from_context(ctx) {
        Ok(None) => return s.text("No wind farm in this mission."),
        Err(e) => return s.text(format!("The wind farm could not be modelled: {e}")),
        Ok(Some(f)) => f,
    };
    let Some(wf) = ctx.mission.wind_farm.as_ref() else {
        return s.text("No wind farm in this mission.");
    };
    let rated_mw = farm.turbine.rated_power_w() * farm.x.len() as f64 / 1e6;
    let mut s = s.text(format!(
        "{} × {} ({:.0} MW), {:?} wake model, availability {:.0} %, electrical loss {:.1} %. {}",
        farm.x.len(),
        farm.turbine.name,
        rated_mw,
        wf.wake_model,
        farm.availability * 100.0,
        farm.electrical_loss * 100.0,
        wf.source
    ));
    let ms = supply::of_mission(ctx, &farm, false);
    let (it, demand, cable) = (ms.it_load_w, ms.demand_w, ms.cable_w);
    let mut mean_supply_mw = None;
    if let Some(rose) = &farm.rose {
        let opts = AepOptions::default();
        let r = aep_from_table(
            &farm.turbine,
            &power_table(&farm.model, &farm.turbine, &farm.x, &farm.y, rose, &opts),
            rose,
        );
        let delivered = r.net_gwh * farm.delivery_factor();
        mean_supply_mw = Some(delivered * 1e3 / MONTH_HOURS.iter().sum::<f64>());
        s = s.table(
            &["", "GWh/yr", "capacity factor"],
            vec![
                vec![
                    "gross AEP (no wakes)".into(),
                    format!("{:.1}", r.gross_gwh),
                    format!("{:.3}", r.capacity_factor_gross),
                ],
                vec![
                    format!("net AEP (wake loss {:.2} %)", r.wake_loss_pct),
                    format!("{:.1}", r.net_gwh),
                    format!("{:.3}", r.capacity_factor_net),
                ],
                vec![
                    "delivered (after availability and losses)".into(),
                    format!("{delivered:.1}"),
                    "—".into(),
                ],
            ],
        );
        if let Some(w) = supply::weibull(&farm, &demand, cable, &opts) {
            s = s.text(format!(
                "Weibull rose: the wind{} covers the demand {:.1} % of the time; expected shortfall {:.3} MW ({:.0} MWh/yr of {:.0}), share of the demand met by wind {:.1} %{}.",
                if cable.is_some() { " through the cable" } else { "" },
                w.probability_covered * 100.0,
                w.expected_shortfall_mw,
                w.shortfall_mwh,
                w.demand_mwh,
                w.share_met * 100.0,
                wf.target_renewable_share
                    .map_or(String::new(), |t| format!(" (target {:.0} %)", t * 100.0))
            ));
        }
    } else {
        s = s.text("No sector Weibull table (wind_farm.resource.sectors): AEP not computed.");
    }
    if let Some(h) = &ms.hourly {
        s = s.text(format!(
            "Time series of {} h: demand {:.0} MWh, wind delivered {:.0} MWh, share met {:.1} %, {} deficit hours (longest {} h), shortfall {:.1} MWh, surplus {:.0} MWh.",
            h.hours,
            h.demand_mwh,
            h.wind_delivered_mwh,
            h.share_met * 100.0,
            h.deficit_hours,
            h.longest_deficit_h,
            h.shortfall_mwh,
            h.surplus_mwh
        ));
    }
    let mut series = vec![Series {
        name: "demand (IT × PUE)".into(),
        values: demand.map(|d| Some(d / 1e6)),
        mark: Mark::Bars,
        colour: "#9aa5b1",
    }];
    if let Some(mw) = mean_supply_mw {
        series.push(Series {
            name: "mean wind delivered".into(),
            values: [Some(mw); 12],
            mark: Mark::Line,
            colour: "#2a9d8f",
        });
    }
    let chart = MonthlyChart {
        y_label: "MW".into(),
        series,
        reference: cable.map(|c| (c / 1e6, format!("cable {:.0} MW", c / 1e6))),
        y_min: Some(0.0),
    };
    s.blocks.push(Block::Svg {
        svg: chart.to_svg(),
        caption: format!(
            "Supply against demand: data-centre demand by month (IT load {:.2} MW × monthly PUE) against the farm's mean delivered power from the Weibull rose (the rose has no seasons, so the line is flat){}.",
            it / 1e6,
            if cable.is_some() { " and the dedicated cable's capacity" } else { "" }
        ),
    });
    s
}

/// Monthly cooling of all cabins from [`cooling::analyse`]: flow, pumps, supply temperature,
/// plume at the mixing-zone edge and PUE.
pub fn cooling(ctx: &Context) -> Section {
    let s = Section::new("cooling", "Cooling and plume");
    if ctx.mission.cooling.is_none() {
        return s.text("No cooling section in this mission.");
    }
    let r = match cooling::analyse(ctx) {
        Err(e) => return s.text(format!("The cooling budget could not be computed: {e}")),
        Ok(r) => r,
    };
    let rows = (0..12)
        .map(|mi| {
            let flow: f64 = r.cabins.iter().map(|k| k.months[mi].flow_m3s).sum();
            let pump: f64 = r.cabins.iter().map(|k| k.months[mi].pump_kw).sum();
            let supply = r
                .cabins
                .iter()
                .map(|k| k.months[mi].supply_temp_c)
                .fold(f64::MIN, f64::max);
            let plume = r
                .cabins
                .iter()
                .map(|k| k.months[mi].plume_excess_k)
                .fold(0.0, f64::max);
            let first = r.cabins.first();
            vec![
                MONTHS[mi].to_string(),
                first.map_or("—".into(), |k| format!("{:.1}", k.months[mi].sea_temp_c)),
                format!("{flow:.3}"),
                format!("{pump:.1}"),
                if r.cabins.is_empty() {
                    "—".into()
                } else {
                    format!("{supply:.1}")
                },
                format!("{plume:.2}"),
                first.map_or("—".into(), |k| {
                    format!("{:.1}", k.months[mi].plume_limit_k)
                }),
                format!("{:.3}", r.monthly_pue[mi]),
            ]
        })
        .collect();
    let cabins = r
        .cabins
        .iter()
        .map(|k| {
            vec![
                k.cabin.clone(),
                k.chain.to_string(),
                format!("{:.1}", k.plume.depth_m),
                format!("{:.2}", k.intake_warming_k),
                format!("{:.2}", k.plume.mixing_zone_excess_k),
                format!("{:.0}", k.plume.recommended_spacing_m),
                format!("{:.3}", k.annual_pue),
            ]
        })
        .collect();
    let chart = MonthlyChart {
        y_label: "PUE".into(),
        series: vec![Series {
            name: "PUE, all cabins".into(),
            values: r.monthly_pue.map(Some),
            mark: Mark::Line,
            colour: "#1f5f8b",
        }],
        reference: Some((r.target_pue, format!("target {:.2}", r.target_pue))),
        y_min: Some(1.0),
    };
    let mut s = s.text(format!(
        "Annual energy-weighted PUE {:.3} against a target of {:.3}. Plumes evaluated at a {:.2} m/s current at the {:.0} m mixing-zone edge.",
        r.annual_pue, r.target_pue, r.plume_current_ms, r.mixing_zone_m
    ));
    s.blocks.push(Block::Svg {
        svg: chart.to_svg(),
        caption: "Monthly PUE of all cabins together (IT, conversion losses, pumps and auxiliaries) against the target.".into(),
    });
    s.table(
        &[
            "month",
            "sea °C",
            "flow m³/s",
            "pumps kW",
            "max supply °C",
            "plume K",
            "limit K",
            "PUE",
        ],
        rows,
    )
    .table(
        &[
            "cabin",
            "cooling",
            "depth m",
            "intake warming K",
            "plume at edge K",
            "spacing m",
            "annual PUE",
        ],
        cabins,
    )
}
