//! The suitability map: for a cabin type and heading, every grid cell gets the constraints a
//! footprint centred there fails (a bit mask, [`fail`]) and a score for ranking feasible places.
//!
//! Correct at footprint scale: the statistics are taken over every cell the footprint touches
//! (the same cells as [`footprint_stats`](super::footprint::footprint_stats) uses for a cabin at a
//! cell centre), not at the centre cell. The footprint is a fixed stencil of row runs on a regular
//! grid, so the minimum and maximum over it are, per run, a 1-D sliding-window extremum, computed
//! with the van Herk / Gil–Werman algorithm in O(1) per cell whatever the window length
//! (M. van Herk, "A fast algorithm for local minimum and maximum filters on rectangular and
//! octagonal kernels", Pattern Recognition Letters 13, 1992; J. Gil & M. Werman, IEEE PAMI 15,
//! 1993), then combined over the runs. Bands of rows run in parallel (rayon).
//!
//! Score (a ranking, not a physical quantity): each active limit gives a margin in [0, 1]
//! (1 − value/limit for slope and relief; the distance to the nearer bound of the depth window
//! over half its width; the clearance surplus over the required clearance), the terrain term is
//! their mean, and with landing points the score is ½·terrain + ½·(1 − cable/reference), the
//! reference being `max_cable_m` or the grid diagonal. Infeasible cells have no score (NaN).

use super::footprint::{Footprint, Shape};
use super::model::{Limits, SiteModel, fail};
use crate::progress::{Counter, Report};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Rows of output per parallel task.
const BAND_ROWS: usize = 32;

/// The map for one heading.
#[derive(Clone, Debug, PartialEq)]
pub struct HeadingMap {
    /// Failed constraints per cell ([`fail`] bits), row-major like the grid.
    pub mask: Vec<u16>,
    /// Score of feasible cells, NaN elsewhere.
    pub score: Vec<f32>,
}

/// The map over a set of headings: per cell the best feasible heading.
#[derive(Clone, Debug, PartialEq)]
pub struct SuitabilityMap {
    /// Columns, as the grid.
    pub width: usize,
    /// Rows, as the grid.
    pub height: usize,
    /// Headings tried, degrees clockwise from grid north.
    pub grid_headings_deg: Vec<f64>,
    /// 0 where some heading is feasible; otherwise the mask of the heading that fails the fewest
    /// constraints (the first such).
    pub mask: Vec<u16>,
    /// Best score over the feasible headings (NaN where none is).
    pub score: Vec<f32>,
    /// Index into `grid_headings_deg` of the best heading, or of the heading the mask comes from.
    pub heading: Vec<u8>,
    /// Bit i set when heading i is feasible.
    pub feasible: Vec<u16>,
}

/// The most headings one map combines (the `feasible` bit set is 16 bits).
pub const MAX_HEADINGS: usize = 16;

/// The map for one heading (degrees clockwise from grid north).
pub fn heading_map(
    site: &SiteModel,
    limits: &Limits,
    shape: Shape,
    grid_heading_deg: f64,
) -> HeadingMap {
    heading_map_counted(site, limits, shape, grid_heading_deg, &|| ())
}

/// Bands of [`BAND_ROWS`] rows a map of `height` rows is computed in (the progress unit).
fn bands(height: usize) -> usize {
    height.div_ceil(BAND_ROWS)
}

/// [`heading_map`], calling `band_done` as each band of rows is finished.
fn heading_map_counted(
    site: &SiteModel,
    limits: &Limits,
    shape: Shape,
    grid_heading_deg: f64,
    band_done: &(dyn Fn() + Sync),
) -> HeadingMap {
    let g = site.grid;
    let (w, h) = (g.width, g.height);
    let t = g.transform;
    // The stencil: runs of the footprint centred on cell (0, 0).
    let (cx, cy) = t.cell_center(0, 0);
    let stencil = Footprint {
        x: cx,
        y: cy,
        grid_heading_deg,
        shape,
    }
    .spans(&t);
    let dr_min = stencil.first().map_or(0, |s| s.row);
    let dr_max = stencil.last().map_or(0, |s| s.row);
    let c_min = stencil.iter().map(|s| s.c0).min().unwrap_or(0);
    let c_max = stencil.iter().map(|s| s.c1).max().unwrap_or(0);
    let mut groups: BTreeMap<usize, Vec<(i64, i64)>> = BTreeMap::new();
    for s in &stencil {
        groups
            .entry((s.c1 - s.c0 + 1) as usize)
            .or_default()
            .push((s.row, s.c0));
    }
    // Channels whose window maximum gives: −min elevation, max elevation, max slope, zone.
    // No data becomes +∞ in the first two, so it shows as a non-finite extremum.
    let channels: [Vec<f32>; 4] = [
        g.data
            .par_iter()
            .map(|&z| if z.is_nan() { f32::INFINITY } else { -z })
            .collect(),
        g.data
            .par_iter()
            .map(|&z| if z.is_nan() { f32::INFINITY } else { z })
            .collect(),
        site.slope_deg
            .par_iter()
            .map(|&s| if s.is_nan() { 0.0 } else { s })
            .collect(),
        site.zone_mask
            .par_iter()
            .map(|&z| if z { 1.0 } else { 0.0 })
            .collect(),
    ];
    let diag = (w as f64 * t.dx).hypot(h as f64 * t.dy);
    let mut mask = vec![0u16; w * h];
    let mut score = vec![f32::NAN; w * h];
    mask.par_chunks_mut(BAND_ROWS * w)
        .zip(score.par_chunks_mut(BAND_ROWS * w))
        .enumerate()
        .for_each(|(band, (mask, score))| {
            let r_start = band * BAND_ROWS;
            let rows = mask.len() / w;
            let mut acc: [Vec<f32>; 4] = std::array::from_fn(|_| vec![f32::NEG_INFINITY; rows * w]);
            let mut gbuf = vec![0.0f32; w];
            let mut hbuf = vec![0.0f32; w];
            for (&len, runs) in &groups {
                let lo = (r_start as i64 + runs.iter().map(|r| r.0).min().unwrap_or(0)).max(0);
                let hi = (r_start as i64 + rows as i64 - 1
                    + runs.iter().map(|r| r.0).max().unwrap_or(0))
                .min(h as i64 - 1);
                for rr in lo..=hi {
                    let src = rr as usize * w;
                    for (ch, a) in channels.iter().zip(acc.iter_mut()) {
                        van_herk(&ch[src..src + w], len, &mut gbuf, &mut hbuf);
                        for &(dr, c0) in runs {
                            let r = rr - dr - r_start as i64;
                            if r < 0 || r >= rows as i64 {
                                continue;
                            }
                            // Output columns c with c + c0 ≥ 0 and c + c0 + len − 1 < w.
                            let c_lo = (-c0).max(0) as usize;
                            let c_hi = (w as i64 - c0 - len as i64 + 1).clamp(0, w as i64) as usize;
                            if c_lo >= c_hi {
                                continue;
                            }
                            let out = &mut a[r as usize * w + c_lo..r as usize * w + c_hi];
                            let s0 = (c_lo as i64 + c0) as usize;
                            let hs = &hbuf[s0..s0 + out.len()];
                            let gs = &gbuf[s0 + len - 1..s0 + len - 1 + out.len()];
                            for ((o, &x), &y) in out.iter_mut().zip(hs).zip(gs) {
                                *o = o.max(x.max(y));
                            }
                        }
                    }
                }
            }
            for i in 0..rows {
                let r = (r_start + i) as i64;
                let (_, y) = t.cell_center(0, r as usize);
                for c in 0..w {
                    let k = i * w + c;
                    let x = t.origin_x + (c as f64 + 0.5) * t.dx;
                    let cable = site.nearest_landing(x, y).map(|(_, d)| d);
                    let mut m = 0u16;
                    if let Some(max) = limits.max_cable_m
                        && cable.is_none_or(|d| d > max)
                    {
                        m |= fail::CABLE;
                    }
                    let outside = r + dr_min < 0
                        || r + dr_max >= h as i64
                        || c as i64 + c_min < 0
                        || c as i64 + c_max >= w as i64;
                    if outside {
                        mask[k] = m | fail::OUTSIDE;
                        continue;
                    }
                    if acc[3][k] > 0.0 {
                        m |= fail::EXCLUSION;
                    }
                    let (neg_min, max_e) = (acc[0][k], acc[1][k]);
                    if !neg_min.is_finite() || !max_e.is_finite() {
                        mask[k] = m | fail::NODATA;
                        continue;
                    }
                    let d_min = -(max_e as f64 + site.tide_offset_m);
                    let d_max = -(-neg_min as f64 + site.tide_offset_m);
                    let terrain = Terrain {
                        d_min,
                        d_max,
                        relief: d_max - d_min,
                        slope: acc[2][k] as f64,
                    };
                    m |= terrain.failures(limits);
                    mask[k] = m;
                    if m == 0 {
                        score[k] = terrain.score(limits, cable, diag) as f32;
                    }
                }
            }
            band_done();
        });
    HeadingMap { mask, score }
}

/// Seabed figures under one footprint.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Terrain {
    pub d_min: f64,
    pub d_max: f64,
    pub relief: f64,
    pub slope: f64,
}

impl Terrain {
    /// The terrain bits of [`fail`] this footprint sets.
    pub fn failures(&self, l: &Limits) -> u16 {
        let mut m = 0;
        if l.min_depth_m.is_some_and(|v| self.d_min < v)
            || l.max_depth_m.is_some_and(|v| self.d_max > v)
        {
            m |= fail::DEPTH;
        }
        if l.min_top_clearance_m
            .is_some_and(|v| self.d_min - l.height_m < v)
        {
            m |= fail::TOP_CLEARANCE;
        }
        if self.slope > l.max_slope_deg {
            m |= fail::SLOPE;
        }
        if self.relief > l.max_relief_m {
            m |= fail::RELIEF;
        }
        m
    }

    /// The ranking score of a feasible footprint (see the module documentation).
    pub fn score(&self, l: &Limits, cable: Option<f64>, diagonal: f64) -> f64 {
        let unit = |v: f64| {
            if v.is_finite() {
                v.clamp(0.0, 1.0)
            } else {
                1.0
            }
        };
        // Summed in place: this runs for every feasible cell of the map.
        let (mut sum, mut n) = (
            unit(1.0 - self.slope / l.max_slope_deg) + unit(1.0 - self.relief / l.max_relief_m),
            2.0,
        );
        let depth = match (l.min_depth_m, l.max_depth_m) {
            (Some(lo), Some(hi)) => {
                Some((self.d_min - lo).min(hi - self.d_max) / ((hi - lo) / 2.0))
            }
            (Some(lo), None) => Some((self.d_min - lo) / lo),
            (None, Some(hi)) => Some((hi - self.d_max) / hi),
            (None, None) => None,
        };
        let clearance = l
            .min_top_clearance_m
            .map(|c| (self.d_min - l.height_m - c) / c);
        for m in [depth, clearance].into_iter().flatten() {
            sum += unit(m);
            n += 1.0;
        }
        let terrain = sum / n;
        match cable {
            Some(d) => 0.5 * terrain + 0.5 * unit(1.0 - d / l.max_cable_m.unwrap_or(diagonal)),
            None => terrain,
        }
    }
}

/// Sliding-window maximum helpers of van Herk / Gil–Werman: `g` holds running maxima from the
/// start of each block of `len`, `h` from its end, so the maximum of `x[s..s+len]` is
/// `max(h[s], g[s+len−1])`.
fn van_herk(x: &[f32], len: usize, g: &mut [f32], h: &mut [f32]) {
    let len = len.max(1);
    for ((xb, gb), hb) in x.chunks(len).zip(g.chunks_mut(len)).zip(h.chunks_mut(len)) {
        let mut m = f32::NEG_INFINITY;
        for (v, o) in xb.iter().zip(gb.iter_mut()) {
            m = m.max(*v);
            *o = m;
        }
        m = f32::NEG_INFINITY;
        for (v, o) in xb.iter().zip(hb.iter_mut()).rev() {
            m = m.max(*v);
            *o = m;
        }
    }
}

/// The map over several headings: per cell the feasible heading with the best score.
/// `progress` is told the bands of rows done over all headings.
pub fn suitability(
    site: &SiteModel,
    limits: &Limits,
    shape: Shape,
    grid_headings_deg: &[f64],
    progress: Report,
) -> SuitabilityMap {
    let (w, h) = (site.grid.width, site.grid.height);
    let headings: Vec<f64> = if shape.is_round() {
        grid_headings_deg.iter().copied().take(1).collect()
    } else {
        grid_headings_deg
            .iter()
            .copied()
            .take(MAX_HEADINGS)
            .collect()
    };
    let mut map = SuitabilityMap {
        width: w,
        height: h,
        grid_headings_deg: headings.clone(),
        mask: vec![u16::MAX; w * h],
        score: vec![f32::NAN; w * h],
        heading: vec![0; w * h],
        feasible: vec![0; w * h],
    };
    let done = Counter::new((headings.len() * bands(h)) as u64, progress);
    for (i, &hd) in headings.iter().enumerate() {
        let one = heading_map_counted(site, limits, shape, hd, &|| done.add(1));
        map.mask
            .par_iter_mut()
            .zip(map.score.par_iter_mut())
            .zip(map.heading.par_iter_mut())
            .zip(map.feasible.par_iter_mut())
            .zip(one.mask.par_iter().zip(one.score.par_iter()))
            .for_each(|((((m, s), hi), f), (&om, &os))| {
                if om == 0 {
                    *f |= 1 << i;
                    if *m != 0 || os > *s {
                        (*m, *s, *hi) = (0, os, i as u8);
                    }
                } else if *m != 0 && om.count_ones() < m.count_ones() {
                    (*m, *hi) = (om, i as u8);
                }
            });
    }
    map
}

#[cfg(test)]
mod tests;
