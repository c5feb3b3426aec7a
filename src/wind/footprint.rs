//! The wind farm's wake footprint: the hub-height velocity deficit Δu/U over a raster around the
//! farm, for one wind direction and speed — by default the dominant direction of the mission's
//! resource at that direction's mean speed — so that a map can show where the farm's wakes lie
//! (slower, more turbulent water-surface wind downstream; where a cabin's surface works, a
//! survey vessel or a future turbine would sit in the wake).
//!
//! The deficit at a point is the farm's model ([`super::wake`]: NOJ or Bastankhah–Porté-Agel,
//! with its superposition) taken at the point rather than averaged over a rotor
//! ([`Spot::Point`]), with every turbine's thrust coefficient from its own waked inflow
//! ([`super::wake::solve`]). Points upstream of a turbine get nothing from it.
//!
//! Dominant direction: the sector of the wind rose with the largest frequency, at the mean of its
//! Weibull distribution (A·Γ(1 + 1/k)); with only a time series, the 30° sector (centred on
//! 0°, 30°, …, true) holding most hours, at the mean hub-height speed of those hours.

use super::farm::FarmModel;
use super::wake::{Geometry, Source, Spot, single_deficit, solve, superpose};
use crate::progress::{Counter, Report};
use rayon::prelude::*;

/// Largest raster side (cells): the footprint is a map layer, not an analysis grid.
pub const MAX_SIDE: usize = 600;
/// Margin around the turbines (rotor diameters): far wakes at 20 D still carry a few per cent.
pub const MARGIN_D: f64 = 20.0;

/// A wind case: meteorological direction (where the wind comes from) and hub-height speed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WindCase {
    /// Degrees clockwise from grid north of the working CRS.
    pub from_grid_deg: f64,
    /// Degrees clockwise from true north.
    pub from_true_deg: f64,
    /// Free-stream hub-height speed (m/s).
    pub speed_ms: f64,
    /// Share of the time the wind blows from this case's sector (0–1).
    pub frequency: f64,
}

/// The deficit raster, north-up, row-major from the north-west corner, in the working CRS.
#[derive(Clone, Debug, PartialEq)]
pub struct WakeFootprint {
    /// The wind direction and speed the footprint is computed for.
    pub case: WindCase,
    /// West edge and north edge of the raster (m).
    pub origin_x: f64,
    /// North edge of the raster (m, working CRS).
    pub origin_y: f64,
    /// Square cell side (m).
    pub cell_m: f64,
    /// Raster columns (at most [`MAX_SIDE`]).
    pub width: usize,
    /// Raster rows (at most [`MAX_SIDE`]).
    pub height: usize,
    /// Δu/U per cell, 0 (free stream) to 1.
    pub deficit: Vec<f32>,
}

impl WakeFootprint {
    /// Centre (x, y) of cell (`c`, `r`).
    pub fn cell_centre(&self, c: usize, r: usize) -> (f64, f64) {
        (
            self.origin_x + (c as f64 + 0.5) * self.cell_m,
            self.origin_y - (r as f64 + 0.5) * self.cell_m,
        )
    }
}

/// The dominant wind case of the farm's resource; `None` without rose or time series.
pub fn dominant_case(farm: &FarmModel) -> Option<WindCase> {
    let gamma = farm.convergence_deg;
    if let Some(rose) = &farm.rose {
        let s = rose
            .sectors
            .iter()
            .max_by(|a, b| a.frequency.total_cmp(&b.frequency))?;
        return Some(WindCase {
            from_grid_deg: s.centre_deg,
            from_true_deg: (s.centre_deg - gamma).rem_euclid(360.0),
            speed_ms: s.weibull.mean(),
            frequency: s.frequency,
        });
    }
    let ts = farm.timeseries.as_ref()?;
    let mut hours = [0usize; 12];
    let mut speed = [0.0f64; 12];
    for r in ts {
        let k = ((r.wd.rem_euclid(360.0) + 15.0) / 30.0) as usize % 12;
        hours[k] += 1;
        speed[k] += farm.hub_speed(r);
    }
    let (k, &n) = hours.iter().enumerate().max_by_key(|&(_, n)| *n)?;
    (n > 0).then(|| {
        let from_true = 30.0 * k as f64;
        WindCase {
            from_grid_deg: (from_true + gamma).rem_euclid(360.0),
            from_true_deg: from_true,
            speed_ms: speed[k] / n as f64,
            frequency: n as f64 / ts.len() as f64,
        }
    })
}

/// Δu/U at (`x`, `y`) for the farm in `case`, given every turbine's [`Source`].
fn deficit_at(farm: &FarmModel, sources: &[Source], (s, c): (f64, f64), x: f64, y: f64) -> f64 {
    // Wind blows towards (−sin wd, −cos wd), as in `Geometry`.
    let (down, cross) = (-(x * s + y * c), x * c - y * s);
    superpose(
        &farm.model,
        farm.x
            .iter()
            .zip(&farm.y)
            .zip(sources)
            .filter_map(|((&tx, &ty), src)| {
                let dx = down + (tx * s + ty * c);
                let dy = (cross - (tx * c - ty * s)).abs();
                (dx > 1e-9)
                    .then(|| single_deficit(&farm.model, &farm.turbine, src, dx, dy, Spot::Point))
            }),
    )
}

/// The footprint of `farm` in `case` over the turbines' bounding box widened by [`MARGIN_D`]
/// rotor diameters, in cells of a quarter diameter or coarser (at most [`MAX_SIDE`] a side).
/// `progress` is told the rows done.
pub fn footprint(farm: &FarmModel, case: WindCase, progress: Report) -> WakeFootprint {
    let d = farm.turbine.rotor_diameter_m;
    let fold = |v: &[f64], f: fn(f64, f64) -> f64, init: f64| v.iter().copied().fold(init, f);
    let pad = MARGIN_D * d;
    let (x0, x1) = (
        fold(&farm.x, f64::min, f64::INFINITY) - pad,
        fold(&farm.x, f64::max, f64::NEG_INFINITY) + pad,
    );
    let (y0, y1) = (
        fold(&farm.y, f64::min, f64::INFINITY) - pad,
        fold(&farm.y, f64::max, f64::NEG_INFINITY) + pad,
    );
    let cell_m = (d / 4.0).max((x1 - x0).max(y1 - y0) / MAX_SIDE as f64);
    let width = (((x1 - x0) / cell_m).ceil() as usize).clamp(1, MAX_SIDE);
    let height = (((y1 - y0) / cell_m).ceil() as usize).clamp(1, MAX_SIDE);
    let geometry = Geometry::new(
        &farm.model,
        &farm.turbine,
        &farm.x,
        &farm.y,
        case.from_grid_deg,
    );
    let mut flow = super::wake::Flow::default();
    solve(
        &farm.model,
        &farm.turbine,
        &geometry,
        case.speed_ms,
        &mut flow,
    );
    let sources: Vec<Source> = flow.ct.iter().map(|&ct| Source::new(ct, d)).collect();
    let sc = case.from_grid_deg.to_radians().sin_cos();
    let mut out = WakeFootprint {
        case,
        origin_x: x0,
        origin_y: y1,
        cell_m,
        width,
        height,
        deficit: vec![0.0; width * height],
    };
    let rows = Counter::new(height as u64, progress);
    out.deficit
        .par_chunks_mut(width)
        .enumerate()
        .for_each(|(r, row)| {
            let y = y1 - (r as f64 + 0.5) * cell_m;
            for (c, v) in row.iter_mut().enumerate() {
                let x = x0 + (c as f64 + 0.5) * cell_m;
                *v = deficit_at(farm, &sources, sc, x, y).clamp(0.0, 1.0) as f32;
            }
            rows.add(1);
        });
    out
}

/// The footprint of a mission's farm in its dominant wind case; `None` without a farm or without
/// a resource to find the direction in.
pub fn of_mission(
    ctx: &crate::mission::Context,
    progress: Report,
) -> Result<Option<WakeFootprint>, super::farm::WindError> {
    let Some(farm) = FarmModel::from_context(ctx)? else {
        return Ok(None);
    };
    Ok(dominant_case(&farm).map(|case| footprint(&farm, case, progress)))
}

#[cfg(test)]
#[path = "footprint_tests.rs"]
mod tests;
