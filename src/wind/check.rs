//! Validation rules of the wind domain: `WIND-SHARE` (target renewable share missed),
//! `WIND-CABLE` (demand above the dedicated cable's capacity), `WIND-LAYOUT` (a turbine off the
//! grid, on dry land, with its rotor overlapping another's, or on top of a cabin) and
//! `WIND-INPUT` (the farm could not be modelled).

use super::aep::AepOptions;
use super::farm::{FarmModel, it_load_w};
use super::supply::{self, monthly_demand_w};
use crate::finding::{Finding, ObjectRef};
use crate::mission::Context;

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
            return vec![
                Finding::error("WIND-INPUT", e.to_string()).object(ObjectRef::field("wind_farm")),
            ];
        }
    };
    let cabins: Vec<CabinSite> = ctx
        .mission
        .cabins
        .iter()
        .filter_map(|c| {
            let (x, y) = ctx.to_work(c.lon, c.lat).ok()?;
            let t = ctx.mission.cabin_type(&c.cabin_type);
            let (l, w) = t.map_or((0.0, 0.0), |t| {
                (t.length_m.unwrap_or(0.0), t.width_m.unwrap_or(0.0))
            });
            Some(CabinSite {
                id: c.id.clone(),
                x,
                y,
                half_diagonal_m: 0.5 * l.hypot(w),
            })
        })
        .collect();
    let spacing = ctx
        .mission
        .constraints
        .as_ref()
        .and_then(|c| c.min_spacing_m)
        .unwrap_or(0.0);
    let mut out = layout_findings(
        &farm,
        &|x, y| ctx.grid.contains(x, y).then(|| ctx.depth_at(x, y)),
        &cabins,
        spacing,
    );
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
            .object(ObjectRef::field("wind_farm.cable_capacity_mw"))
            .at(lon, lat),
        );
    }
    if let Some(target) = wf.target_renewable_share {
        let losses = crate::cable::CableLosses::of_mission(ctx).ok().flatten();
        let share = match supply::hourly(&farm, &demand, cable_w, losses.as_ref()) {
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
                .object(ObjectRef::field("wind_farm.target_renewable_share"))
                .at(lon, lat),
            );
        }
    }
    out
}

/// A cabin as [`layout_findings`] sees it: centre in the working CRS and the radius of its
/// footprint (half the diagonal of length × width).
#[derive(Clone, Debug)]
pub struct CabinSite {
    pub id: String,
    pub x: f64,
    pub y: f64,
    pub half_diagonal_m: f64,
}

/// `WIND-LAYOUT` findings of a farm. `depth(x, y)` is `None` off the grid and `Some(None)` on a
/// no-data cell, else the positive-down depth. Rules, each from geometry rather than a tuned
/// number: a turbine off the grid or on no data (warning: its water depth is unknown); on dry
/// land, depth ≤ 0 (error); two hubs closer than one rotor diameter, so the rotors of turbines
/// facing the same wind overlap (error); a turbine within a cabin's footprint radius plus the
/// mission's `constraints.min_spacing_m` (the edge-to-edge spacing the mission demands between
/// seabed objects; 0 when unset) of a cabin's centre (error).
pub fn layout_findings(
    farm: &FarmModel,
    depth: &dyn Fn(f64, f64) -> Option<Option<f64>>,
    cabins: &[CabinSite],
    min_spacing_m: f64,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let d = farm.turbine.rotor_diameter_m;
    let n = farm.x.len();
    for i in 0..n {
        let (x, y) = (farm.x[i], farm.y[i]);
        let [lon, lat] = farm.lonlat[i];
        let object = ObjectRef::Turbine(i);
        let at = |f: Finding| f.object(object.clone()).at(lon, lat);
        match depth(x, y) {
            None => out.push(at(Finding::warning(
                "WIND-LAYOUT",
                format!(
                    "turbine {} is outside the bathymetry grid: water depth unknown",
                    i + 1
                ),
            ))),
            Some(None) => out.push(at(Finding::warning(
                "WIND-LAYOUT",
                format!(
                    "turbine {} stands on a no-data cell: water depth unknown",
                    i + 1
                ),
            ))),
            Some(Some(z)) if z <= 0.0 => out.push(at(Finding::error(
                "WIND-LAYOUT",
                format!(
                    "turbine {} is on dry land ({:.1} m above the datum)",
                    i + 1,
                    -z
                ),
            ))),
            Some(Some(_)) => {}
        }
        for j in i + 1..n {
            let gap = (farm.x[j] - x).hypot(farm.y[j] - y);
            if gap < d {
                out.push(at(Finding::error(
                    "WIND-LAYOUT",
                    format!(
                        "turbines {} and {} are {gap:.0} m apart: their {d:.0} m rotors overlap",
                        i + 1,
                        j + 1
                    ),
                )));
            }
        }
        for c in cabins {
            let gap = (c.x - x).hypot(c.y - y);
            let need = c.half_diagonal_m + min_spacing_m;
            if gap < need {
                out.push(at(Finding::error(
                    "WIND-LAYOUT",
                    format!(
                        "turbine {} is {gap:.0} m from cabin {}: expected at least {need:.0} m (footprint radius {:.0} m + min_spacing_m {min_spacing_m:.0} m)",
                        i + 1,
                        c.id,
                        c.half_diagonal_m
                    ),
                )));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;
    use crate::wind::turbine::Turbine;
    use crate::wind::wake::WakeModel;

    fn farm(xy: &[(f64, f64)]) -> FarmModel {
        FarmModel {
            turbine: Turbine::load("nrel-5mw").unwrap(),
            x: xy.iter().map(|p| p.0).collect(),
            y: xy.iter().map(|p| p.1).collect(),
            lonlat: vec![[122.0, 30.8]; xy.len()],
            model: WakeModel::gaussian(),
            convergence_deg: 0.0,
            convergence_spread_deg: 0.0,
            rose: None,
            timeseries: None,
            shear: None,
            availability: 1.0,
            electrical_loss: 0.0,
        }
    }

    #[test]
    fn each_layout_rule_fires_on_its_turbine_only() {
        // Seabed 20 m deep for x < 1000, land beyond 1000, off the grid beyond 2000 and no
        // data in 1500..1600.
        let depth = |x: f64, _y: f64| match x {
            x if x >= 2000.0 => None,
            x if (1500.0..1600.0).contains(&x) => Some(None),
            x if x >= 1000.0 => Some(Some(-2.0)),
            _ => Some(Some(20.0)),
        };
        let cabin = CabinSite {
            id: "C1".into(),
            x: 0.0,
            y: 3000.0,
            half_diagonal_m: 11.2,
        };
        let f = farm(&[
            (0.0, 0.0),    // 1: fine
            (0.0, 600.0),  // 2: 120 m from 3 (< D = 126 m)
            (0.0, 720.0),  // 3
            (1200.0, 0.0), // 4: dry land
            (1550.0, 0.0), // 5: no data
            (2500.0, 0.0), // 6: off the grid
            (0.0, 2950.0), // 7: 50 m from C1 < 11.2 + 50
            (0.0, 2930.0), // 8: 70 m from C1 ≥ 61.2, but 20 m from 7 (overlap)
        ]);
        let out = layout_findings(&f, &depth, &[cabin], 50.0);
        let got: Vec<(&str, Severity, String)> = out
            .iter()
            .map(|f| {
                let obj = f
                    .object
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                (f.code.as_str(), f.severity, obj)
            })
            .collect();
        let p = |i: usize| format!("wind_farm.positions[{i}]");
        assert_eq!(
            got,
            vec![
                ("WIND-LAYOUT", Severity::Error, p(1)),
                ("WIND-LAYOUT", Severity::Error, p(3)),
                ("WIND-LAYOUT", Severity::Warning, p(4)),
                ("WIND-LAYOUT", Severity::Warning, p(5)),
                ("WIND-LAYOUT", Severity::Error, p(6)),
                ("WIND-LAYOUT", Severity::Error, p(6)),
            ],
            "{out:#?}"
        );
        assert!(out[0].message.contains("turbines 2 and 3 are 120 m apart"));
        assert!(out[1].message.contains("dry land (2.0 m above"));
        assert!(out[4].message.contains("turbines 7 and 8 are 20 m apart"));
        assert!(
            out[5]
                .message
                .contains("50 m from cabin C1: expected at least 61 m")
        );
    }
}
