//! What the chart panel shows, computed on a worker after each edit from the library's models
//! (never in `ui()`): the depth profile along the route with the vessel's draught and required
//! under-keel clearance ([`crate::vessel::ukc`]), the cooling budget by month
//! ([`crate::cooling::analyse`]), the wind farm's supply against the data centre's demand
//! ([`crate::wind::supply`]) and the lift operations' weather-window operability by month
//! ([`crate::lift::windows::of_mission`]); the cables' engineering
//! ([`super::scene::cables::engineer`]); and the exclusion zones kept in GeoJSON files, read and buffered
//! by [`crate::zones::zone_shape`] (the same geometry validation uses).

use super::scene::ZoneDrawing;
use super::scene::cables::CableEngineering;
use crate::mission::Context;
use crate::vessel::{legs, ukc};
use crate::wind::farm::FarmModel;
use crate::wind::supply::{self, MONTH_HOURS};
use egui_plot::PlotPoint;

/// Depth along the route: x = distance from the first waypoint (NM), y = elevation (m, negative
/// below the planning level) so the seabed reads as a section.
#[derive(Clone, Debug, Default)]
pub struct RouteProfile {
    pub seabed: Vec<PlotPoint>,
    /// −(draught + squat): where the keel is at the leg speed.
    pub keel: Vec<PlotPoint>,
    /// Required clearance line −(draught + required UKC), when the mission has a vessel.
    pub required: Option<f64>,
    /// Samples whose clearance (depth − draught − squat) is below the requirement.
    pub shallow: Vec<PlotPoint>,
    /// The same samples on the map (working-CRS metres).
    pub shallow_xy: Vec<[f64; 2]>,
    /// Waypoint positions (NM) and names, for vertical markers.
    pub waypoints: Vec<(f64, String)>,
    pub least_clearance_m: Option<f64>,
}

/// Cooling by month (index 0 = January).
#[derive(Clone, Debug, Default)]
pub struct CoolingChart {
    pub pue: Vec<PlotPoint>,
    pub target_pue: f64,
    pub annual_pue: f64,
    /// Largest plume excess temperature at the mixing-zone edge over the cabins (K).
    pub plume_excess: Vec<PlotPoint>,
    /// The water class's limit (K) for each month.
    pub plume_limit: Vec<PlotPoint>,
    /// Monthly mean seawater temperature at the cabins (°C), what drives the other two.
    pub sea_temp: Vec<PlotPoint>,
    /// How the cooling chains are controlled, in words (why PUE can be flat).
    pub control: String,
}

/// Wind supply against demand by month (MW).
#[derive(Clone, Debug, Default)]
pub struct WindChart {
    pub demand_mw: [f64; 12],
    pub supply_mw: [f64; 12],
    /// True when the supply is the Weibull rose's annual mean (no seasons in the rose).
    pub supply_is_annual_mean: bool,
    pub cable_mw: Option<f64>,
    pub share_met: f64,
}

/// Weather-window operability by month of each lift operation ([`crate::lift::windows`]).
#[derive(Clone, Debug, Default)]
pub struct WeatherChart {
    /// Per operation: its name, the share of all records at which it can start (%), and by month
    /// (index 0 = January) the same share, `None` for a month without records.
    pub operations: Vec<(String, f64, [Option<f64>; 12])>,
    /// Records in the series and their spacing (s).
    pub records: usize,
    pub step_s: i64,
}

/// Everything the charts show for one revision of the mission; each part says why it is absent.
#[derive(Clone, Debug)]
pub struct Analysis {
    pub revision: u64,
    pub profile: Result<RouteProfile, String>,
    pub cooling: Result<CoolingChart, String>,
    pub wind: Result<WindChart, String>,
    pub weather: Result<WeatherChart, String>,
    /// The cables' engineering (profiles, spans, crossings, electrical figures).
    pub cables: CableEngineering,
    /// Exclusion zones given as GeoJSON files, ready to draw.
    pub geojson_zones: Vec<ZoneDrawing>,
    /// Why a GeoJSON zone could not be drawn.
    pub zone_errors: Vec<String>,
}

/// Computes the charts for `ctx` (called on a worker).
pub fn analyse(ctx: &Context, revision: u64) -> Analysis {
    let mut geojson_zones = Vec::new();
    let mut zone_errors = Vec::new();
    for z in ctx
        .mission
        .exclusion_zones
        .iter()
        .filter(|z| z.geojson.is_some())
    {
        match crate::zones::zone_shape(ctx, z) {
            Ok(shape) => geojson_zones.push(ZoneDrawing::from_area(
                &shape.id,
                shape.kind,
                &shape.area,
                Vec::new(),
            )),
            Err(e) => zone_errors.push(e.to_string()),
        }
    }
    Analysis {
        revision,
        profile: profile(ctx),
        cooling: cooling(ctx),
        wind: wind(ctx),
        weather: weather(ctx),
        cables: super::scene::cables::engineer(ctx),
        geojson_zones,
        zone_errors,
    }
}

use crate::constants::METRES_PER_NM as NM;

/// Operability by month from the library's weather windows (reads the series: worker only).
fn weather(ctx: &Context) -> Result<WeatherChart, String> {
    let (series, ops) = crate::lift::windows::of_mission(ctx)?;
    let operations = ops
        .iter()
        .map(|o| {
            let mut by_month = [None; 12];
            for m in o.months.iter().filter(|m| (1..=12).contains(&m.month)) {
                by_month[m.month as usize - 1] = m.operability.map(|v| v * 100.0);
            }
            (o.limits.name.clone(), o.operability * 100.0, by_month)
        })
        .collect();
    Ok(WeatherChart {
        operations,
        records: series.time_s.len(),
        step_s: series.step_s,
    })
}

fn profile(ctx: &Context) -> Result<RouteProfile, String> {
    let route = ctx
        .mission
        .route
        .as_ref()
        .filter(|r| r.waypoints.len() >= 2)
        .ok_or("no route with two or more waypoints")?;
    let vessel = ctx
        .mission
        .vessel
        .as_ref()
        .ok_or("no [vessel]: the profile needs its draught")?;
    let table = legs::route_table(route, Some(vessel)).map_err(|e| e.to_string())?;
    let samples = ukc::sample_route(ctx, route, &table, vessel);
    let required = vessel.ukc_required_m();
    let mut p = RouteProfile {
        required: Some(-(vessel.draught_m + required)),
        ..Default::default()
    };
    p.waypoints.push((0.0, waypoint_name(&route.waypoints[0])));
    for (leg, w) in table.legs.iter().zip(&route.waypoints[1..]) {
        p.waypoints.push((leg.kp_end_m / NM, waypoint_name(w)));
    }
    for s in &samples {
        let x = s.kp_m / NM;
        if let Some(d) = s.depth_m {
            p.seabed.push(PlotPoint::new(x, -d));
        }
        if let Some(sq) = s.squat_m {
            p.keel.push(PlotPoint::new(x, -(vessel.draught_m + sq)));
        }
        if let (Some(c), Some(d)) = (s.clearance_m, s.depth_m) {
            if c < required {
                p.shallow.push(PlotPoint::new(x, -d));
                if let Some((sx, sy)) = s.xy {
                    p.shallow_xy.push([sx, sy]);
                }
            }
            p.least_clearance_m = Some(p.least_clearance_m.map_or(c, |l: f64| l.min(c)));
        }
    }
    Ok(p)
}

fn waypoint_name(w: &crate::mission::Waypoint) -> String {
    if w.name.is_empty() {
        format!("WP{}", w.id)
    } else {
        w.name.clone()
    }
}

fn cooling(ctx: &Context) -> Result<CoolingChart, String> {
    if ctx.mission.cooling.is_none() {
        return Err("no [cooling] section".into());
    }
    let r = crate::cooling::analyse(ctx).map_err(|e| e.to_string())?;
    let month = |i: usize| (i + 1) as f64;
    let mut c = CoolingChart {
        pue: (0..12)
            .map(|i| PlotPoint::new(month(i), r.monthly_pue[i]))
            .collect(),
        target_pue: r.target_pue,
        annual_pue: r.annual_pue,
        ..Default::default()
    };
    for i in 0..12 {
        let months = r.cabins.iter().filter_map(|k| k.months.get(i));
        let (excess, limit) = months.fold((f64::NAN, f64::NAN), |(e, l), m| {
            (e.max(m.plume_excess_k), l.max(m.plume_limit_k))
        });
        if excess.is_finite() {
            c.plume_excess.push(PlotPoint::new(month(i), excess));
        }
        if limit.is_finite() {
            c.plume_limit.push(PlotPoint::new(month(i), limit));
        }
        let sea: Vec<f64> = r
            .cabins
            .iter()
            .filter_map(|k| k.months.get(i))
            .map(|m| m.sea_temp_c)
            .collect();
        if !sea.is_empty() {
            let mean = sea.iter().sum::<f64>() / sea.len() as f64;
            c.sea_temp.push(PlotPoint::new(month(i), mean));
        }
    }
    c.control = control_mode(r.cabins.iter().map(|k| k.chain));
    Ok(c)
}

/// The control of the cooling chains present, as `cooling::chain::solve` implements it.
fn control_mode<'a>(chains: impl Iterator<Item = &'a str>) -> String {
    let mut kinds: Vec<&str> = chains.collect();
    kinds.sort_unstable();
    kinds.dedup();
    kinds
        .iter()
        .map(|k| match *k {
            "pumped-seawater" => {
                "pumped seawater: the pumps run the least flow that keeps the rack supply at or \
                 below its limit, never less than the discharge-rise permit needs (PUE stays flat \
                 while the permit flow governs)"
            }
            "thermosiphon" => {
                "thermosiphon: no pumps, the heat leaves through the hull (PUE does not change with \
                 the sea; the supply temperature follows it)"
            }
            other => other,
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn wind(ctx: &Context) -> Result<WindChart, String> {
    let wf = ctx
        .mission
        .wind_farm
        .as_ref()
        .ok_or("no [wind_farm] section")?;
    let farm = FarmModel::from_context(ctx)
        .map_err(|e| e.to_string())?
        .ok_or("no [wind_farm] section")?;
    let ms = supply::of_mission(ctx, &farm, false);
    let (demand, cable_w) = (ms.demand_w, ms.cable_w);
    let mut chart = WindChart {
        demand_mw: demand.map(|d| d / 1e6),
        cable_mw: wf.cable_capacity_mw,
        ..Default::default()
    };
    if let Some(h) = &ms.hourly {
        chart.supply_mw = h.monthly_mean_supply_w.map(|s| s / 1e6);
        chart.share_met = h.share_met;
    } else if let Some(w) = supply::weibull(&farm, &demand, cable_w, &Default::default()) {
        let hours: f64 = MONTH_HOURS.iter().sum();
        chart.supply_mw = [w.wind_delivered_gwh * 1e3 / hours; 12];
        chart.supply_is_annual_mean = true;
        chart.share_met = w.share_met;
    } else {
        return Err("the wind farm has neither a time series nor a Weibull rose".into());
    }
    Ok(chart)
}
