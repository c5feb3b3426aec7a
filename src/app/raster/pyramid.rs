//! The overview pyramid of a grid: level 0 is the grid itself, each further level the 2×2 mean of
//! the one below (no-data cells left out of the mean), until a level fits in one 512 px tile.

use crate::app::jobs::Progress;
use crate::bathymetry::{GeoTransform, Grid};
use std::sync::Arc;

/// Side of a map tile in pixels.
pub const TILE: usize = 512;

/// One coarser level of the pyramid.
pub struct Overview {
    pub width: usize,
    pub height: usize,
    pub data: Vec<f32>,
}

/// A view of one level: its raster and cell size.
pub struct LevelRef<'a> {
    pub width: usize,
    pub height: usize,
    pub dx: f64,
    pub dy: f64,
    pub data: &'a [f32],
}

/// Level 0 (the grid, shared) and the overviews above it.
pub struct Pyramid {
    pub base: Arc<Grid>,
    overviews: Vec<Overview>,
    /// Elevation range of the valid cells (m), for the default colour scale.
    pub min: f32,
    pub max: f32,
}

impl Pyramid {
    /// Builds the overviews; returns `None` when cancelled through `progress`.
    pub fn build(base: Arc<Grid>, progress: &Progress) -> Option<Pyramid> {
        let mut overviews: Vec<Overview> = Vec::new();
        let (mut w, mut h) = (base.width, base.height);
        let (mut min, mut max) = (f32::INFINITY, f32::NEG_INFINITY);
        for &z in &base.data {
            if !z.is_nan() {
                min = min.min(z);
                max = max.max(z);
            }
        }
        let levels_total = (w.max(h) as f64 / TILE as f64).log2().ceil().max(0.0) as usize;
        while w.max(h) > TILE {
            if progress.is_cancelled() {
                return None;
            }
            let src: &[f32] = overviews.last().map_or(&base.data, |o| &o.data);
            let (nw, nh) = (w.div_ceil(2), h.div_ceil(2));
            let data = downsample(src, w, h, nw, nh);
            overviews.push(Overview {
                width: nw,
                height: nh,
                data,
            });
            (w, h) = (nw, nh);
            progress.set(overviews.len() as f32 / levels_total.max(1) as f32);
        }
        if min > max {
            (min, max) = (-1.0, 0.0);
        }
        Some(Pyramid {
            base,
            overviews,
            min,
            max,
        })
    }

    /// Number of levels including the base.
    pub fn levels(&self) -> usize {
        1 + self.overviews.len()
    }

    pub fn transform(&self) -> &GeoTransform {
        &self.base.transform
    }

    /// Level `k` (0 = full resolution); `k` is clamped to the coarsest.
    pub fn level(&self, k: usize) -> LevelRef<'_> {
        let k = k.min(self.overviews.len());
        let s = (1u64 << k) as f64;
        let (dx, dy) = (self.base.transform.dx * s, self.base.transform.dy * s);
        if k == 0 {
            return LevelRef {
                width: self.base.width,
                height: self.base.height,
                dx,
                dy,
                data: &self.base.data,
            };
        }
        let o = &self.overviews[k - 1];
        LevelRef {
            width: o.width,
            height: o.height,
            dx,
            dy,
            data: &o.data,
        }
    }

    /// Tiles across and down at level `k`.
    pub fn tiles(&self, k: usize) -> (usize, usize) {
        let l = self.level(k);
        (l.width.div_ceil(TILE), l.height.div_ceil(TILE))
    }

    /// World rectangle (x0, y0 south, x1, y1 north) covered by tile (`tx`, `ty`) of level `k`,
    /// and its size in pixels.
    pub fn tile_rect(&self, k: usize, tx: usize, ty: usize) -> ([f64; 4], [usize; 2]) {
        let l = self.level(k);
        let t = self.transform();
        let (c0, r0) = (tx * TILE, ty * TILE);
        let tw = TILE.min(l.width.saturating_sub(c0));
        let th = TILE.min(l.height.saturating_sub(r0));
        let x0 = t.origin_x + c0 as f64 * l.dx;
        let y1 = t.origin_y - r0 as f64 * l.dy;
        (
            [x0, y1 - th as f64 * l.dy, x0 + tw as f64 * l.dx, y1],
            [tw, th],
        )
    }

    /// The level whose cells are closest to (not smaller than half) a screen pixel of
    /// `metres_per_pixel`.
    pub fn level_for(&self, metres_per_pixel: f64) -> usize {
        let ratio = metres_per_pixel / self.base.transform.dx.min(self.base.transform.dy);
        if ratio <= 1.0 {
            return 0;
        }
        (ratio.log2().floor() as usize).min(self.levels() - 1)
    }
}

/// 2×2 mean of the valid cells; NaN where all four are no data.
fn downsample(src: &[f32], w: usize, h: usize, nw: usize, nh: usize) -> Vec<f32> {
    let mut out = vec![f32::NAN; nw * nh];
    for r in 0..nh {
        for c in 0..nw {
            let (mut sum, mut n) = (0.0f32, 0u32);
            for (dc, dr) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
                let (cc, rr) = (2 * c + dc, 2 * r + dr);
                if cc < w && rr < h {
                    let v = src[rr * w + cc];
                    if !v.is_nan() {
                        sum += v;
                        n += 1;
                    }
                }
            }
            if n > 0 {
                out[r * nw + c] = sum / n as f32;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(w: usize, h: usize) -> Grid {
        let t = GeoTransform {
            origin_x: 0.0,
            origin_y: h as f64,
            dx: 1.0,
            dy: 1.0,
        };
        let mut g = Grid::filled(w, h, t, -10.0);
        g.data[0] = f32::NAN;
        g.data[1] = -20.0;
        g
    }

    #[test]
    fn levels_halve_until_one_tile() {
        let p = Pyramid::build(Arc::new(grid(1300, 600)), &Progress::detached()).unwrap();
        assert_eq!(p.levels(), 3);
        assert_eq!((p.level(1).width, p.level(1).height), (650, 300));
        assert_eq!((p.level(2).width, p.level(2).height), (325, 150));
        assert_eq!(p.level(2).dx, 4.0);
        assert_eq!(p.tiles(0), (3, 2));
        assert_eq!((p.min, p.max), (-20.0, -10.0));
    }

    #[test]
    fn mean_skips_no_data() {
        let d = downsample(&[f32::NAN, -20.0, -10.0, -30.0], 2, 2, 1, 1);
        assert_eq!(d, vec![-20.0]);
        assert!(downsample(&[f32::NAN; 4], 2, 2, 1, 1)[0].is_nan());
    }

    #[test]
    fn edge_tile_is_partial() {
        let p = Pyramid::build(Arc::new(grid(700, 600)), &Progress::detached()).unwrap();
        let (r, size) = p.tile_rect(0, 1, 1);
        assert_eq!(size, [188, 88]);
        assert_eq!(r, [512.0, 0.0, 700.0, 88.0]);
        assert_eq!(p.level_for(0.5), 0);
        assert_eq!(p.level_for(2.5), 1);
        assert_eq!(p.level_for(1000.0), 1);
    }
}
