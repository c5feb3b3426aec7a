//! The cooling budget of a mission: every cabin, every month, and the plumes between them.

use super::{DAYS_IN_MONTH, HeatLoad, Plume, SUMMER, heat_load, solve_chain};
use crate::mission::{Context, CoolingChain};
use serde::Serialize;

/// Why the cooling budget could not be computed.
#[derive(Debug, thiserror::Error)]
pub enum CoolingError {
    /// The mission has no `[cooling]` section (holds the mission file).
    #[error("{0}: the mission has no [cooling] section")]
    NoSection(String),
    /// A cabin type has no `[cabin_types.cooling]` chain (holds the type id).
    #[error(
        "cabin_types `{0}` has no `cooling` chain: expected [cabin_types.cooling] with kind = \"pumped-seawater\" or \"thermosiphon\""
    )]
    NoChain(String),
    /// A cabin names a type the mission does not define (cabin id, type id).
    #[error("cabin {0}: unknown cabin type `{1}`")]
    UnknownType(String, String),
    /// A cabin's position could not be projected into the working CRS (cabin id, reason).
    #[error("cabin {0}: {1}")]
    Position(String, String),
    /// No water depth under a cabin: outside the grid or on no data (cabin id, lon, lat in
    /// degrees).
    #[error("cabin {0} at {1:.6}, {2:.6}: no water depth there (outside the grid or no data)")]
    NoDepth(String, f64, f64),
}

/// One cabin in one month.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MonthCooling {
    /// 1 = January.
    pub month: usize,
    /// Ambient seawater temperature at cabin depth this month, from `cooling.sea_temp_c` (°C).
    pub sea_temp_c: f64,
    /// Sea temperature plus the warming from upstream neighbours' plumes (°C).
    pub intake_temp_c: f64,
    /// Heat the cabin rejects: IT + conversion losses + auxiliary load (kW).
    pub heat_kw: f64,
    /// Seawater flow through the heat exchanger (m³/s); 0 for a thermosiphon.
    pub flow_m3s: f64,
    /// Seawater temperature rise at the discharge (K); 0 for a thermosiphon.
    pub discharge_rise_k: f64,
    /// Electrical power of the seawater pumps (kW).
    pub pump_kw: f64,
    /// Coolant temperature supplied to the racks (°C).
    pub supply_temp_c: f64,
    /// The chain's rack coolant supply limit (°C), to compare `supply_temp_c` with.
    pub supply_limit_c: f64,
    /// Cabin PUE this month: (heat + pump power) / IT load.
    pub pue: f64,
    /// Plume excess at the mixing-zone edge, all cabins together (K), and this month's limit.
    pub plume_excess_k: f64,
    /// This month's allowed excess at the mixing-zone edge (K): the summer limit in Jun–Aug, else
    /// the other-months limit ([`crate::mission::Cooling::plume_limits_k`]).
    pub plume_limit_k: f64,
}

/// The far-field plume around one cabin.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlumeSummary {
    /// Water depth at the cabin, the most the plume mixes over (m).
    pub depth_m: f64,
    /// Excess temperature at the mixing-zone edge from every cabin's plume (K), worst direction.
    pub mixing_zone_excess_k: f64,
    /// Spacing along the current beyond which this cabin warms a neighbour's intake by less than
    /// `interference_limit_k` (m).
    pub recommended_spacing_m: f64,
}

/// One cabin's cooling over the year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CabinCooling {
    /// The cabin's id.
    pub cabin: String,
    /// The id of its cabin type.
    pub cabin_type: String,
    /// `pumped-seawater` or `thermosiphon`.
    pub chain: &'static str,
    /// Longitude, WGS 84 (degrees).
    pub lon: f64,
    /// Latitude, WGS 84 (degrees).
    pub lat: f64,
    /// Its electrical loads and the heat it rejects.
    pub load: HeatLoad,
    /// Warming of the intake by upstream neighbours (K), worst tidal direction, and by whom.
    pub intake_warming_k: f64,
    /// The neighbours behind that warming and what each adds (cabin id, K); below 0.001 K left
    /// out.
    pub warmed_by: Vec<(String, f64)>,
    /// Its far-field plume: depth mixed over, excess at the mixing-zone edge, recommended spacing.
    pub plume: PlumeSummary,
    /// The twelve months, January first.
    pub months: Vec<MonthCooling>,
    /// Energy-weighted PUE over the year.
    pub annual_pue: f64,
}

/// The mission's cooling budget.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CoolingReport {
    /// Every cabin's budget, in mission order.
    pub cabins: Vec<CabinCooling>,
    /// PUE of all cabins together, January to December.
    pub monthly_pue: [f64; 12],
    /// Energy-weighted PUE of all cabins over the year.
    pub annual_pue: f64,
    /// The PUE the design must meet (`cooling.target_pue`).
    pub target_pue: f64,
    /// Low (P10) depth-averaged current the plumes were computed for (m/s), from the mission.
    pub plume_current_ms: f64,
    /// Radius of the regulatory mixing zone around each discharge (m), from the mission.
    pub mixing_zone_m: f64,
}

/// Computes the cooling budget of every cabin of a mission.
pub fn analyse(ctx: &Context) -> Result<CoolingReport, CoolingError> {
    let m = &ctx.mission;
    let c = m
        .cooling
        .as_ref()
        .ok_or_else(|| CoolingError::NoSection(ctx.path.display().to_string()))?;
    struct Site<'a> {
        id: &'a str,
        type_id: &'a str,
        chain: &'a CoolingChain,
        lon: f64,
        lat: f64,
        xy: (f64, f64),
        load: HeatLoad,
        plume: Plume,
    }
    let mut sites = Vec::with_capacity(m.cabins.len());
    for cabin in &m.cabins {
        let t = m
            .cabin_type(&cabin.cabin_type)
            .ok_or_else(|| CoolingError::UnknownType(cabin.id.clone(), cabin.cabin_type.clone()))?;
        let chain = t
            .cooling
            .as_ref()
            .ok_or_else(|| CoolingError::NoChain(t.id.clone()))?;
        let xy = ctx
            .to_work(cabin.lon, cabin.lat)
            .map_err(|e| CoolingError::Position(cabin.id.clone(), e.to_string()))?;
        let depth = ctx
            .depth_at(xy.0, xy.1)
            .filter(|d| *d > 0.0)
            .ok_or_else(|| CoolingError::NoDepth(cabin.id.clone(), cabin.lon, cabin.lat))?;
        let load = heat_load(t, c);
        let cap_k = match chain {
            CoolingChain::PumpedSeawater {
                seawater_rise_k, ..
            } => *seawater_rise_k,
            CoolingChain::Thermosiphon { .. } => f64::INFINITY,
        };
        sites.push(Site {
            id: &cabin.id,
            type_id: &t.id,
            chain,
            lon: cabin.lon,
            lat: cabin.lat,
            xy,
            load,
            plume: Plume {
                heat_w: load.heat_kw() * 1e3,
                depth_m: depth,
                vertical_diffusivity_m2s: c.vertical_diffusivity_m2s,
                current_ms: c.plume_current_ms,
                cap_k,
            },
        });
    }
    let axis = c.current_axis_deg.to_radians();
    let (ax, ay) = (axis.sin(), axis.cos());
    // Excess at point p from every site's plume when the current flows along `dir`·axis.
    let excess_at = |p: (f64, f64), dir: f64, skip: Option<usize>| -> Vec<(usize, f64)> {
        sites
            .iter()
            .enumerate()
            .filter(|(k, _)| Some(*k) != skip)
            .map(|(k, s)| {
                let (dx, dy) = (p.0 - s.xy.0, p.1 - s.xy.1);
                let along = dir * (dx * ax + dy * ay);
                let across = dx * ay - dy * ax;
                (k, s.plume.excess_k(along, across))
            })
            .collect()
    };
    let (limit_summer, limit_other) = c.plume_limits_k();
    let mut cabins = Vec::with_capacity(sites.len());
    for (i, s) in sites.iter().enumerate() {
        let mut warming = 0.0;
        let mut warmed_by = Vec::new();
        let mut zone_excess: f64 = 0.0;
        for dir in [1.0, -1.0] {
            let contributions = excess_at(s.xy, dir, Some(i));
            let total: f64 = contributions.iter().map(|(_, e)| e).sum();
            if total > warming {
                warming = total;
                warmed_by = contributions
                    .iter()
                    .filter(|(_, e)| *e > 1e-3)
                    .map(|(k, e)| (sites[*k].id.to_string(), *e))
                    .collect();
            }
            let edge = (
                s.xy.0 + dir * c.mixing_zone_m * ax,
                s.xy.1 + dir * c.mixing_zone_m * ay,
            );
            zone_excess = zone_excess.max(excess_at(edge, dir, None).iter().map(|(_, e)| e).sum());
        }
        let limit_c = s.chain.supply_limit_c();
        let months: Vec<MonthCooling> = (0..12)
            .map(|mi| {
                let intake = c.sea_temp_c[mi] + warming;
                let heat = s.load.heat_kw();
                let st = solve_chain(s.chain, heat, heat, intake, c.years_in_service);
                MonthCooling {
                    month: mi + 1,
                    sea_temp_c: c.sea_temp_c[mi],
                    intake_temp_c: intake,
                    heat_kw: heat,
                    flow_m3s: st.flow_m3s,
                    discharge_rise_k: st.discharge_rise_k,
                    pump_kw: st.pump_kw,
                    supply_temp_c: st.supply_temp_c,
                    supply_limit_c: limit_c,
                    pue: (heat + st.pump_kw) / s.load.it_kw,
                    plume_excess_k: zone_excess,
                    plume_limit_k: if SUMMER[mi] {
                        limit_summer
                    } else {
                        limit_other
                    },
                }
            })
            .collect();
        let annual_pue = weighted_pue(
            months
                .iter()
                .map(|mo| (mo.heat_kw + mo.pump_kw, s.load.it_kw)),
        );
        cabins.push(CabinCooling {
            cabin: s.id.to_string(),
            cabin_type: s.type_id.to_string(),
            chain: match s.chain {
                CoolingChain::PumpedSeawater { .. } => "pumped-seawater",
                CoolingChain::Thermosiphon { .. } => "thermosiphon",
            },
            lon: s.lon,
            lat: s.lat,
            load: s.load,
            intake_warming_k: warming,
            warmed_by,
            plume: PlumeSummary {
                depth_m: s.plume.depth_m,
                mixing_zone_excess_k: zone_excess,
                recommended_spacing_m: s.plume.distance_below(c.interference_limit_k),
            },
            months,
            annual_pue,
        });
    }
    let mut monthly_pue = [f64::NAN; 12];
    for (mi, pue) in monthly_pue.iter_mut().enumerate() {
        let total: f64 = cabins
            .iter()
            .map(|k| k.months[mi].heat_kw + k.months[mi].pump_kw)
            .sum();
        let it: f64 = cabins.iter().map(|k| k.load.it_kw).sum();
        if it > 0.0 {
            *pue = total / it;
        }
    }
    let annual_pue = weighted_pue(cabins.iter().flat_map(|k| {
        k.months
            .iter()
            .map(move |mo| (mo.heat_kw + mo.pump_kw, k.load.it_kw))
    }));
    Ok(CoolingReport {
        cabins,
        monthly_pue,
        annual_pue,
        target_pue: c.target_pue,
        plume_current_ms: c.plume_current_ms,
        mixing_zone_m: c.mixing_zone_m,
    })
}

/// Energy-weighted PUE: Σ days·total / Σ days·IT over (total kW, IT kW) pairs given month by
/// month (repeating January–December for several cabins).
fn weighted_pue(pairs: impl Iterator<Item = (f64, f64)>) -> f64 {
    let (mut total, mut it) = (0.0, 0.0);
    for (k, (t, i)) in pairs.enumerate() {
        total += DAYS_IN_MONTH[k % 12] * t;
        it += DAYS_IN_MONTH[k % 12] * i;
    }
    if it > 0.0 { total / it } else { f64::NAN }
}
