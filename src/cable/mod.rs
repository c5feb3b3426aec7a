//! Subsea power and fibre cables: the cable-type library ([`types`]), routing with the vessel
//! router's engine ([`route`]), route engineering and free spans ([`engineering`]), electrical
//! and fibre performance ([`electrical`]), the networks the cables form ([`network`]) and the
//! `CABLE-*` rules ([`check()`]). [`CableLosses`] is the hook for the wind supply's cable losses.
//!
//! Domain facts: domain-reference §8 (ORBIT cable data, MakaiPlan's route-engineering scope, ICPC
//! crossings, three-phase formulas, fibre latency).

#![warn(missing_docs)]

pub mod check;
pub mod crossing;
pub mod electrical;
pub mod engineering;
pub mod network;
pub mod route;
pub mod types;

pub use check::check;

use crate::mission::{Cable, Context};
use serde::Serialize;
use types::CableType;

/// Why a cable could not be analysed.
#[derive(Debug, thiserror::Error)]
pub enum CableError {
    /// The mission cable names a type that is not in the shipped library.
    #[error("cable `{cable}`: unknown cable type `{ty}`; expected one of {}", types::library_ids().join(", "))]
    UnknownType {
        /// The cable's id.
        cable: String,
        /// The cable type it names.
        ty: String,
    },
    /// The route could not be built or planned.
    #[error(transparent)]
    Route(#[from] route::RouteError),
    /// The route could not be engineered.
    #[error(transparent)]
    Engineering(#[from] engineering::EngineeringError),
}

/// Electrical (power) or optical (fibre) performance of a cable.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Performance {
    /// A power cable: the load it carries and its power flow.
    Power {
        /// Cabins the cable feeds and their facility demand (kW).
        fed_cabins: Vec<String>,
        /// The fed cabins' total facility demand (kW), the load the flow is computed at.
        demand_kw: f64,
        /// Current, loss, voltage drop and charging at that demand and the cable's power factor.
        flow: electrical::PowerFlow,
        /// Energy lost in a year at constant demand (MWh).
        annual_loss_mwh: f64,
    },
    /// A fibre cable: loss budget and latency over the length to order (two connectors, no
    /// splices).
    Fibre(electrical::FibreLink),
}

/// One cable analysed on its route as the mission holds it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CableAnalysis {
    /// The mission cable's id.
    pub id: String,
    /// Its type from the shipped library.
    pub cable_type: CableType,
    /// `true` when the route is the straight line between the ends (no waypoints given).
    pub straight: bool,
    /// Route engineering: KP, depth profile, slopes, free spans and the length to order.
    pub engineering: engineering::Engineering,
    /// Electrical or fibre performance; `None` when the type lacks the data (a power type without
    /// full electrical data, a fibre type without attenuation).
    pub performance: Option<Performance>,
}

/// The cable type of a mission cable.
pub fn type_of(cable: &Cable) -> Result<CableType, CableError> {
    types::cable_type(&cable.cable_type).ok_or_else(|| CableError::UnknownType {
        cable: cable.id.clone(),
        ty: cable.cable_type.clone(),
    })
}

/// Analyses cable `index` of the mission on `route` (working CRS; `None` = the mission's route).
pub fn analyse(
    ctx: &Context,
    index: usize,
    route: Option<&[(f64, f64)]>,
    demand_kw: &std::collections::HashMap<String, f64>,
) -> Result<CableAnalysis, CableError> {
    let cable = &ctx.mission.cables[index];
    let ty = type_of(cable)?;
    let own;
    let route = match route {
        Some(r) => r,
        None => {
            own = route::mission_route(ctx, cable)?;
            &own
        }
    };
    let eng = engineering::analyse(ctx, cable, &ty, route)?;
    let length_km = eng.cable_length_m / 1e3;
    let performance = if let Some(p) = ty.power() {
        let fed = network::fed_cabins(&ctx.mission, index);
        let kw: f64 = fed.iter().filter_map(|c| demand_kw.get(c)).sum();
        let flow = electrical::power_flow(&p, length_km, kw * 1e3, cable.power_factor);
        let annual =
            electrical::energy_lost_mwh(&p, length_km, &[kw / 1e3], cable.power_factor) * 8760.0;
        Some(Performance::Power {
            fed_cabins: fed,
            demand_kw: kw,
            flow,
            annual_loss_mwh: annual,
        })
    } else {
        ty.attenuation_db_per_km
            .map(|a| Performance::Fibre(electrical::fibre_link(a, length_km, 0)))
    };
    Ok(CableAnalysis {
        id: cable.id.clone(),
        straight: cable.waypoints.is_empty(),
        cable_type: ty,
        engineering: eng,
        performance,
    })
}

/// The mission's power cables as the wind supply sees them: each cable's data, length to order
/// and the share of the total facility demand it carries (its fed cabins' demand / all cabins').
#[derive(Clone, Debug, PartialEq)]
pub struct CableLosses {
    /// Every power cable of the mission with its length and share of the demand.
    pub cables: Vec<LossCable>,
}

/// One power cable in [`CableLosses`].
#[derive(Clone, Debug, PartialEq)]
pub struct LossCable {
    /// The mission cable's id.
    pub id: String,
    /// Its electrical data.
    pub data: types::PowerData,
    /// Cable length (route + slack, km).
    pub length_km: f64,
    /// Share of the total facility demand it carries (0–1).
    pub share: f64,
    /// Power factor of the load it feeds (the mission cable's `power_factor`).
    pub power_factor: f64,
}

impl CableLosses {
    /// The power cables of a mission with their lengths (mission routes + slack); `None` when the
    /// mission models no power cable.
    pub fn of_mission(ctx: &Context) -> Result<Option<Self>, CableError> {
        let demand = network::cabin_demand_kw(ctx);
        let total: f64 = demand.values().sum();
        let mut cables = Vec::new();
        for (i, c) in ctx.mission.cables.iter().enumerate() {
            let Some(p) = type_of(c)?.power() else {
                continue;
            };
            let route = route::mission_route(ctx, c)?;
            let len = crate::bathymetry::sample::polyline_length(&route);
            let fed: f64 = network::fed_cabins(&ctx.mission, i)
                .iter()
                .filter_map(|id| demand.get(id))
                .sum();
            let share = if total > 0.0 { fed / total } else { 0.0 };
            let km = engineering::with_slack(len, c.slack_pct) / 1e3;
            cables.push(LossCable {
                id: c.id.clone(),
                data: p,
                length_km: km,
                share,
                power_factor: c.power_factor,
            });
        }
        Ok((!cables.is_empty()).then_some(CableLosses { cables }))
    }

    /// Joule loss (W) in all power cables when `delivered_w` reaches the cabins: each cable
    /// carries its share ([`electrical::loss_w`], 3·I²·R·L). This is what the wind supply
    /// subtracts hour by hour instead of a flat `electrical_loss` where cables are modelled.
    pub fn loss_w(&self, delivered_w: f64) -> f64 {
        self.per_cable_w(delivered_w).sum()
    }

    /// Each cable's Joule loss (W, in the order of [`CableLosses::cables`]) when `delivered_w`
    /// reaches the cabins.
    pub fn per_cable_w(&self, delivered_w: f64) -> impl Iterator<Item = f64> + '_ {
        self.cables.iter().map(move |c| {
            electrical::loss_w(&c.data, c.length_km, delivered_w * c.share, c.power_factor)
        })
    }

    /// The most power (W) the cabins can receive when `sent_w` enters the cables: the `d` with
    /// d + [`CableLosses::loss_w`]`(d)` = `sent_w`. Each cable's current, and so its loss, is
    /// proportional to the power it carries, so the loss is a·d² (a = the loss at 1 W) and d is
    /// the positive root of a·d² + d − S = 0, written 2S / (1 + √(1 + 4aS)) to avoid cancellation.
    pub fn deliverable_w(&self, sent_w: f64) -> f64 {
        let s = sent_w.max(0.0);
        let a = self.loss_w(1e6) / 1e12;
        2.0 * s / (1.0 + (1.0 + 4.0 * a * s).sqrt())
    }
}
