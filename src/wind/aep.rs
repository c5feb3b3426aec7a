//! Annual energy production (AEP) of a farm under a sector-wise Weibull wind rose.
//!
//! AEP = 8760 h × Σ_sectors f_s × Σ_turbines E_s[P_t(U)] ([`HOURS_PER_YEAR`]): wake losses only;
//! availability and electrical losses are applied afterwards (domain-reference §3.3).
//!
//! Integration over wind speed: the farm is solved at speed nodes u_n (every tabulated speed of
//! the power curve — so cut-in, rated and cut-out are nodes — plus a uniform grid of
//! `ws_step_ms`); each turbine's power is taken as linear between nodes and integrated exactly
//! against the sector's Weibull ([`super::weibull::Weibull::at_nodes`]: F and the partial mean
//! once per node and sector, shared by all turbines). Without wakes this is the exact integral
//! of the tabulated curve; with wakes the only approximation is the linear interpolation of the
//! waked power between nodes. Zero below the first and above the last node (cut-in / cut-out
//! are exact steps; the bin-centre error near cut-out of FLORIS issue #918 does not arise).
//!
//! Direction: within a sector of width w the direction is spread evenly; the farm is solved at
//! the centres of ⌈w / direction_step_deg⌉ equal sub-sectors (default step 1°) and the powers
//! averaged, because the sector centre alone overstates wake losses for rows aligned with it.

use super::resource::WindRose;
use super::turbine::Turbine;
use super::wake::{Flow, Geometry, WakeModel, solve};
use super::weibull::Segment;

/// Hours per year used for energy (8760 h, IEC 61400-12-1 §9.3 and PyWake's `aep()`).
pub const HOURS_PER_YEAR: f64 = 8760.0;

/// Integration settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AepOptions {
    /// Uniform speed-node spacing (m/s) added to the curve's own speeds.
    pub ws_step_ms: f64,
    /// Include every tabulated speed of the curve as a node (exact gross AEP).
    pub curve_nodes: bool,
    /// Largest direction step (degrees) within a sector.
    pub direction_step_deg: f64,
}

impl Default for AepOptions {
    fn default() -> Self {
        AepOptions {
            ws_step_ms: 0.5,
            curve_nodes: true,
            direction_step_deg: 1.0,
        }
    }
}

/// Energy of one turbine.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct TurbineAep {
    /// The turbine's AEP without wakes (GWh/year).
    pub gross_gwh: f64,
    /// The turbine's AEP in the farm's wakes (GWh/year).
    pub net_gwh: f64,
}

/// Energy from one direction sector.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct SectorAep {
    /// Sector centre (degrees clockwise from grid north, where the wind comes from).
    pub sector_deg: f64,
    /// Probability of the wind coming from this sector (the sectors sum to 1).
    pub frequency: f64,
    /// Farm AEP from this sector without wakes (GWh/year).
    pub gross_gwh: f64,
    /// Farm AEP from this sector with wakes (GWh/year).
    pub net_gwh: f64,
}

/// Result of [`aep`].
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct AepResult {
    /// Number of turbines.
    pub turbines: usize,
    /// Installed capacity: rated power × turbines (MW).
    pub rated_mw: f64,
    /// Farm AEP without wakes (GWh/year); availability and electrical losses not applied.
    pub gross_gwh: f64,
    /// Farm AEP with wakes (GWh/year); availability and electrical losses not applied.
    pub net_gwh: f64,
    /// 100 × (1 − net / gross).
    pub wake_loss_pct: f64,
    /// Gross AEP / (rated power × 8760 h), 0–1.
    pub capacity_factor_gross: f64,
    /// Net (waked) AEP / (rated power × 8760 h), 0–1.
    pub capacity_factor_net: f64,
    /// Each turbine's energy, in the order of the positions.
    pub per_turbine: Vec<TurbineAep>,
    /// Each sector's energy, in the order of the rose.
    pub per_sector: Vec<SectorAep>,
}

/// The farm's power at the speed nodes for each sector, averaged over the sector's directions.
#[derive(Clone, Debug)]
pub struct PowerTable {
    /// Free-stream speed nodes (m/s), increasing; from [`power_table`] the first is cut-in and
    /// the last cut-out. Power is taken as linear between nodes and zero outside them.
    pub nodes: Vec<f64>,
    /// per_sector[s][n * turbines + t]: power (W) of turbine t at node n.
    pub per_sector: Vec<Vec<f64>>,
    /// Number of turbines (the stride of `per_sector`'s rows).
    pub turbines: usize,
}

impl PowerTable {
    /// Segments of turbine `t`'s power in sector `s` (all turbines summed when `t` is None).
    pub fn segments(&self, s: usize, t: Option<usize>) -> Vec<Segment> {
        let v = &self.per_sector[s];
        let n = self.turbines;
        let at = |k: usize| match t {
            Some(t) => v[k * n + t],
            None => v[k * n..(k + 1) * n].iter().sum(),
        };
        self.nodes
            .windows(2)
            .enumerate()
            .map(|(k, w)| Segment {
                u0: w[0],
                u1: w[1],
                g0: at(k),
                g1: at(k + 1),
            })
            .collect()
    }
}

/// Speed nodes from the options.
pub fn speed_nodes(turbine: &Turbine, opts: &AepOptions) -> Vec<f64> {
    let (lo, hi) = (turbine.cut_in(), turbine.cut_out());
    let mut nodes = vec![lo, turbine.rated_ws(), hi];
    if opts.curve_nodes {
        nodes.extend_from_slice(&turbine.ws);
    }
    let step = opts.ws_step_ms.max(0.01);
    let mut u = (lo / step).floor() * step + step;
    while u < hi {
        nodes.push(u);
        u += step;
    }
    nodes.sort_by(f64::total_cmp);
    nodes.dedup_by(|a, b| (*a - *b).abs() < 1e-9);
    nodes
}

/// Solves the farm at every node and sector sub-direction. `rose` is at hub height with
/// directions relative to grid north (the frame of `x`, `y`).
pub fn power_table(
    model: &WakeModel,
    turbine: &Turbine,
    x: &[f64],
    y: &[f64],
    rose: &WindRose,
    opts: &AepOptions,
) -> PowerTable {
    let nodes = speed_nodes(turbine, opts);
    power_table_at(model, turbine, x, y, rose, nodes, opts.direction_step_deg)
}

/// [`power_table`] at given free-stream speed nodes (m/s, increasing), e.g. another tool's
/// wind-speed bin centres to compare with it flow case for flow case.
pub fn power_table_at(
    model: &WakeModel,
    turbine: &Turbine,
    x: &[f64],
    y: &[f64],
    rose: &WindRose,
    nodes: Vec<f64>,
    direction_step_deg: f64,
) -> PowerTable {
    let n = x.len();
    let mut flow = Flow::default();
    let per_sector = rose
        .sectors
        .iter()
        .map(|sec| {
            let subs = (sec.width_deg / direction_step_deg.max(1e-3))
                .ceil()
                .max(1.0) as usize;
            let mut acc = vec![0.0; nodes.len() * n];
            for m in 0..subs {
                let wd = sec.centre_deg + sec.width_deg * ((m as f64 + 0.5) / subs as f64 - 0.5);
                let geom = Geometry::new(model, turbine, x, y, wd);
                for (k, &u) in nodes.iter().enumerate() {
                    solve(model, turbine, &geom, u, &mut flow);
                    for (a, p) in acc[k * n..(k + 1) * n].iter_mut().zip(&flow.power_w) {
                        *a += p;
                    }
                }
            }
            acc.iter_mut().for_each(|a| *a /= subs as f64);
            acc
        })
        .collect();
    PowerTable {
        nodes,
        per_sector,
        turbines: n,
    }
}

/// Gross and net AEP, per turbine and per sector.
pub fn aep(
    model: &WakeModel,
    turbine: &Turbine,
    x: &[f64],
    y: &[f64],
    rose: &WindRose,
    opts: &AepOptions,
) -> AepResult {
    let table = power_table(model, turbine, x, y, rose, opts);
    aep_from_table(turbine, &table, rose)
}

/// AEP from a prepared [`PowerTable`].
pub fn aep_from_table(turbine: &Turbine, table: &PowerTable, rose: &WindRose) -> AepResult {
    let n = table.turbines;
    let to_gwh = HOURS_PER_YEAR / 1e9;
    let nodes = &table.nodes;
    let mut per_turbine = vec![
        TurbineAep {
            gross_gwh: 0.0,
            net_gwh: 0.0
        };
        n
    ];
    let mut per_sector = Vec::with_capacity(rose.sectors.len());
    for (s, sec) in rose.sectors.iter().enumerate() {
        // One incomplete-gamma evaluation per node, shared by every turbine of the sector.
        let w = sec.weibull.at_nodes(nodes);
        let v = &table.per_sector[s];
        let gross_one = sec.frequency * w.expect(|k| turbine.power(nodes[k])) * to_gwh;
        let mut net = 0.0;
        for (t, acc) in per_turbine.iter_mut().enumerate() {
            let e = sec.frequency * w.expect(|k| v[k * n + t]) * to_gwh;
            acc.net_gwh += e;
            acc.gross_gwh += gross_one;
            net += e;
        }
        per_sector.push(SectorAep {
            sector_deg: sec.centre_deg,
            frequency: sec.frequency,
            gross_gwh: gross_one * n as f64,
            net_gwh: net,
        });
    }
    let gross: f64 = per_sector.iter().map(|s| s.gross_gwh).sum();
    let net: f64 = per_sector.iter().map(|s| s.net_gwh).sum();
    let rated_mw = turbine.rated_power_w() * n as f64 / 1e6;
    let ideal = rated_mw * HOURS_PER_YEAR / 1e3;
    AepResult {
        turbines: n,
        rated_mw,
        gross_gwh: gross,
        net_gwh: net,
        wake_loss_pct: if gross > 0.0 {
            100.0 * (1.0 - net / gross)
        } else {
            0.0
        },
        capacity_factor_gross: gross / ideal,
        capacity_factor_net: net / ideal,
        per_turbine,
        per_sector,
    }
}

#[cfg(test)]
#[path = "aep_tests.rs"]
mod tests;
