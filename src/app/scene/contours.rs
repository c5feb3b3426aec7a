//! Labelled isobaths on the map: [`crate::bathymetry::contours::contour_lines`] (GDAL's marching
//! squares, as `fathom bathy contours` uses) run on a worker once per loaded grid, at a "nice"
//! interval (1, 2 or 5 × 10ᵏ m) giving about a dozen levels over the depth range, and drawn as
//! thin lines, every fifth level heavier (an index contour, as on charts), with depth labels.
//! Grids larger than [`MAX_SIDE`] cells a side are contoured on a strided copy so that drawing
//! stays cheap at any zoom.

use crate::app::document::Document;
use crate::app::jobs::Job;
use crate::app::raster::view::MapView;
use crate::bathymetry::contours::{Levels, contour_lines};
use crate::bathymetry::{GeoTransform, Grid};
use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, vec2};
use std::sync::Arc;

/// Largest grid side contoured at full resolution.
pub const MAX_SIDE: usize = 2048;
/// Most depth labels drawn in one frame.
const MAX_LABELS: usize = 150;

/// One isobath in working-CRS metres with its bounding box (xmin, ymin, xmax, ymax).
pub struct Isobath {
    pub elevation_m: f64,
    pub points: Vec<[f64; 2]>,
    pub bbox: [f64; 4],
}

/// The isobaths of one grid.
pub struct Isobaths {
    /// Identity of the site they were computed for.
    site: usize,
    pub interval_m: f64,
    pub lines: Vec<Isobath>,
}

/// The contour layer's runtime state.
#[derive(Default)]
pub struct ContourLayer {
    pub current: Option<Isobaths>,
    pub job: Option<Job<Isobaths>>,
    /// Why contouring failed, with the site it failed for.
    pub error: Option<(usize, String)>,
}

/// The smallest of 1, 2, 5 × 10ᵏ m giving at most about 12 levels over `range_m`.
pub fn nice_interval(range_m: f64) -> f64 {
    if !(range_m.is_finite() && range_m > 0.0) {
        return 1.0;
    }
    let raw = range_m / 12.0;
    let p = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * p)
        .find(|i| *i >= raw)
        .unwrap_or(10.0 * p)
}

/// Every `stride`-th cell of `g` in each direction, as a grid whose cell centres are those cells'
/// centres.
pub fn strided(g: &Grid, stride: usize) -> Grid {
    let (w, h) = (g.width.div_ceil(stride), g.height.div_ceil(stride));
    let mut data = Vec::with_capacity(w * h);
    for r in 0..h {
        data.extend((0..w).map(|c| g.data[r * stride * g.width + c * stride]));
    }
    let t = &g.transform;
    let shift = 0.5 - 0.5 * stride as f64;
    Grid {
        width: w,
        height: h,
        transform: GeoTransform {
            origin_x: t.origin_x + shift * t.dx,
            origin_y: t.origin_y - shift * t.dy,
            dx: t.dx * stride as f64,
            dy: t.dy * stride as f64,
        },
        crs: g.crs.clone(),
        data,
        source_sign: g.source_sign,
        vertical_datum: g.vertical_datum.clone(),
    }
}

/// Contours `grid` (called on a worker).
fn compute(grid: &Grid, site: usize) -> Result<Isobaths, String> {
    let stats = grid.stats().ok_or("the grid has no data to contour")?;
    let interval_m = nice_interval(stats.max - stats.min);
    let levels = Levels {
        interval: interval_m,
        base: 0.0,
    };
    let stride = grid.width.max(grid.height).div_ceil(MAX_SIDE).max(1);
    let lines = if stride > 1 {
        contour_lines(&strided(grid, stride), &levels)
    } else {
        contour_lines(grid, &levels)
    }
    .map_err(|e| e.to_string())?;
    let lines = lines
        .into_iter()
        .filter(|l| l.points.len() >= 2)
        .map(|l| {
            let mut bbox = [
                f64::INFINITY,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::NEG_INFINITY,
            ];
            for &(x, y) in &l.points {
                bbox = [
                    bbox[0].min(x),
                    bbox[1].min(y),
                    bbox[2].max(x),
                    bbox[3].max(y),
                ];
            }
            Isobath {
                elevation_m: l.elevation_m,
                points: l.points.iter().map(|&(x, y)| [x, y]).collect(),
                bbox,
            }
        })
        .collect();
    Ok(Isobaths {
        site,
        interval_m,
        lines,
    })
}

impl ContourLayer {
    /// Once per frame: takes finished isobaths and, while the layer is on, starts contouring a
    /// newly opened grid.
    pub fn update(&mut self, doc: Option<&Document>, on: bool, ctx: &egui::Context) {
        let site = doc.map(|d| Arc::as_ptr(&d.site) as usize);
        if let Some(r) = self.job.as_mut().and_then(|j| j.poll()) {
            self.job = None;
            match r {
                Ok(c) => self.current = Some(c),
                Err(e) => self.error = Some((site.unwrap_or(0), e)),
            }
        }
        let (Some(doc), Some(site)) = (doc, site) else {
            self.current = None;
            return;
        };
        let have = self.current.as_ref().is_some_and(|c| c.site == site);
        let failed = self.error.as_ref().is_some_and(|(s, _)| *s == site);
        if !on || have || failed || self.job.is_some() {
            return;
        }
        let grid = doc.site.grid.clone();
        self.job = Some(Job::spawn("Contours", Some(ctx.clone()), move |_| {
            compute(&grid, site)
        }));
    }

    /// Draws the isobaths that cross the view, labelled with their depth below the grid's datum.
    pub fn draw(&self, painter: &Painter, rect: Rect, view: &MapView, dark: bool, labels: bool) {
        let Some(c) = &self.current else { return };
        let v = view.visible(rect);
        let colour = if dark {
            Color32::from_white_alpha(120)
        } else {
            Color32::from_black_alpha(120)
        };
        // Labels already drawn this frame: a label that would overlap one is skipped.
        let mut placed: Vec<Rect> = Vec::new();
        for l in &c.lines {
            let b = l.bbox;
            if b[2] < v[0] || b[0] > v[2] || b[3] < v[1] || b[1] > v[3] {
                continue;
            }
            let index = ((l.elevation_m / c.interval_m).round() as i64) % 5 == 0;
            let stroke = Stroke::new(if index { 1.3 } else { 0.7 }, colour);
            let mut pts: Vec<Pos2> = Vec::with_capacity(l.points.len());
            for p in &l.points {
                let s = view.to_screen(rect, p[0], p[1]);
                // Vertices closer than a point apart add nothing visible.
                if pts.last().is_none_or(|q| (*q - s).length() >= 1.0) {
                    pts.push(s);
                }
            }
            if pts.len() < 2 {
                continue;
            }
            let mid = pts[pts.len() / 2];
            let long = (pts[0] - mid).length() + (mid - pts[pts.len() - 1]).length() > 120.0;
            painter.add(Shape::line(pts, stroke));
            if labels && long && placed.len() < MAX_LABELS && rect.contains(mid) {
                label(
                    painter,
                    mid,
                    &format_depth(-l.elevation_m),
                    dark,
                    &mut placed,
                );
            }
        }
    }
}

/// "25 m", or with one decimal for sub-metre intervals.
fn format_depth(d: f64) -> String {
    // `+ 0.0` turns the −0 of the 0 m isobath into 0.
    let d = d + 0.0;
    if (d - d.round()).abs() < 1e-6 {
        format!("{d:.0} m")
    } else {
        format!("{d:.1} m")
    }
}

/// Draws a depth label centred on `at` unless it would overlap one in `placed` (sand waves pack
/// isobaths tightly), and records it.
fn label(painter: &Painter, at: Pos2, text: &str, dark: bool, placed: &mut Vec<Rect>) {
    let (fg, halo) = if dark {
        (Color32::from_gray(230), Color32::from_black_alpha(150))
    } else {
        (Color32::from_gray(30), Color32::from_white_alpha(170))
    };
    let galley = painter.layout_no_wrap(text.to_string(), FontId::proportional(10.0), fg);
    let r = Align2::CENTER_CENTER.anchor_size(at, galley.size());
    let halo_rect = r.expand2(vec2(2.0, 0.0));
    if placed.iter().any(|p| p.expand(4.0).intersects(halo_rect)) {
        return;
    }
    placed.push(halo_rect);
    painter.rect_filled(halo_rect, 2.0, halo);
    painter.galley(r.min, galley, fg);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_are_nice_and_give_about_a_dozen_levels() {
        assert_eq!(nice_interval(60.0), 5.0);
        assert_eq!(nice_interval(24.0), 2.0);
        assert_eq!(nice_interval(11.0), 1.0);
        assert_eq!(nice_interval(400.0), 50.0);
        assert_eq!(nice_interval(0.0), 1.0);
        assert_eq!(nice_interval(f64::NAN), 1.0);
    }

    #[test]
    fn strided_grid_keeps_cell_centres() {
        let t = GeoTransform {
            origin_x: 100.0,
            origin_y: 500.0,
            dx: 10.0,
            dy: 10.0,
        };
        let mut g = Grid::filled(5, 4, t, 0.0);
        g.data = (0..20).map(|i| i as f32).collect();
        let s = strided(&g, 2);
        assert_eq!((s.width, s.height), (3, 2));
        assert_eq!(s.data, vec![0.0, 2.0, 4.0, 10.0, 12.0, 14.0]);
        // Cell (1, 1) of the strided grid is cell (2, 2) of the original: the same centre.
        assert_eq!(
            s.transform.origin_x + 1.5 * s.transform.dx,
            100.0 + 2.5 * 10.0
        );
        assert_eq!(
            s.transform.origin_y - 1.5 * s.transform.dy,
            500.0 - 2.5 * 10.0
        );
    }

    #[test]
    fn depth_labels() {
        assert_eq!(format_depth(25.0), "25 m");
        assert_eq!(format_depth(2.5), "2.5 m");
        assert_eq!(format_depth(-0.0), "0 m");
    }
}
