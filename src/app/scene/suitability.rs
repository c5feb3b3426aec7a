//! The suitability overlay: where a cabin of the selected cabin's type (else the first type) can
//! stand, computed on a worker by [`crate::siting::plan::suitability_map`] — the same map as
//! `fathom site suitability` — and drawn as a semi-transparent texture over the bathymetry. On
//! hover the status bar names the constraints the cell under the cursor fails ([`fail`] bits) or
//! its score and best heading.
//!
//! The map depends on the grid, the constraints, the cabin types, the exclusion zones, the
//! landing points and the tide offset, not on where the cabins are: it is keyed on those inputs,
//! so dragging a cabin does not recompute it.

use crate::app::document::{Document, Selection};
use crate::app::jobs::Job;
use crate::app::raster::view::MapView;
use crate::siting::model::fail;
use crate::siting::plan::suitability_map;
use crate::siting::suitability::SuitabilityMap;
use egui::{Color32, ColorImage, Painter, Rect, TextureHandle, TextureOptions, pos2};
use std::sync::Arc;

/// Largest texture side (pixels); larger grids are downsampled by striding.
pub const MAX_TEXTURE: usize = 2048;

/// Feasible cells: the best score (1) is drawn in this colour, lower scores paler.
pub const FEASIBLE: Color32 = Color32::from_rgb(30, 200, 90);
/// Cells that fail some constraint.
pub const INFEASIBLE: Color32 = Color32::from_rgb(210, 40, 60);
/// Cells without data or whose footprint leaves the grid (and fail nothing else).
pub const NO_DATA: Color32 = Color32::from_rgb(120, 120, 120);

/// A computed map, ready to draw and to query.
pub struct Computed {
    /// The inputs it was computed from (see [`key`]).
    pub key: String,
    /// Cabin type the map is for.
    pub type_id: String,
    pub map: SuitabilityMap,
    /// Meridian convergence (degrees): true heading = grid heading − this.
    pub convergence_deg: f64,
    /// Grid cells per texture pixel along each axis.
    pub stride: usize,
    image: Option<ColorImage>,
}

/// The overlay's runtime state: the last computed map with its texture and the running job.
#[derive(Default)]
pub struct SuitabilityLayer {
    pub current: Option<Computed>,
    texture: Option<TextureHandle>,
    pub job: Option<Job<Computed>>,
    /// Key of the running job.
    job_key: Option<String>,
    /// Why the last computation failed (for the status bar), with the key it failed for (not
    /// retried until the inputs change).
    pub error: Option<(String, String)>,
    /// The (revision, selection, site) the key was last computed for, and that key.
    key_cache: Option<((u64, Selection, usize), String)>,
}

/// The cabin type the overlay shows: the selected cabin's type when it exists, else the first.
fn type_id(doc: &Document, selection: Selection) -> Option<String> {
    let m = &doc.mission;
    match selection {
        Selection::Cabin(i) => m
            .cabins
            .get(i)
            .filter(|c| m.cabin_type(&c.cabin_type).is_some())
            .map(|c| c.cabin_type.clone()),
        _ => None,
    }
    .or_else(|| m.cabin_types.first().map(|t| t.id.clone()))
}

/// The inputs of the map as one string: the site, the cabin type, the constraints, the cabin
/// types, the exclusion zones, the landing points and the tide offset.
pub fn key(doc: &Document, selection: Selection) -> String {
    let m = &doc.mission;
    let inputs = (
        Arc::as_ptr(&doc.site) as usize,
        type_id(doc, selection),
        &m.constraints,
        &m.cabin_types,
        &m.exclusion_zones,
        &m.landing_points,
        m.site.tide_offset_m,
    );
    serde_json::to_string(&inputs).unwrap_or_default()
}

/// Colour of one cell: feasible shaded by score, infeasible tinted, no data grey.
fn colour(mask: u16, score: f32) -> Color32 {
    if mask == 0 {
        let s = if score.is_finite() {
            score.clamp(0.0, 1.0)
        } else {
            0.0
        };
        let pale = |c: u8| (255.0 + (c as f32 - 255.0) * (0.35 + 0.65 * s)) as u8;
        Color32::from_rgb(pale(FEASIBLE.r()), pale(FEASIBLE.g()), pale(FEASIBLE.b()))
    } else if mask & !(fail::NODATA | fail::OUTSIDE) == 0 {
        NO_DATA
    } else {
        INFEASIBLE
    }
}

/// Texture of `map`, one pixel per `stride` × `stride` cells (the top-left cell of each block).
pub fn image(map: &SuitabilityMap, stride: usize) -> ColorImage {
    let (tw, th) = (map.width.div_ceil(stride), map.height.div_ceil(stride));
    let mut rgba = Vec::with_capacity(tw * th * 4);
    for r in 0..th {
        for c in 0..tw {
            let i = r * stride * map.width + c * stride;
            rgba.extend_from_slice(&colour(map.mask[i], map.score[i]).to_array());
        }
    }
    ColorImage::from_rgba_unmultiplied([tw, th], &rgba)
}

/// Computes the map for `doc` (called on a worker).
fn compute(
    doc_site: &crate::app::document::LoadedSite,
    m: &crate::mission::Mission,
    key: String,
    type_id: Option<String>,
) -> Result<Computed, String> {
    let ctx = doc_site.context(m);
    let (map, conv) = suitability_map(&ctx, type_id.as_deref(), None).map_err(|e| e.to_string())?;
    let stride = map.width.max(map.height).div_ceil(MAX_TEXTURE).max(1);
    let image = Some(image(&map, stride));
    let type_id = type_id
        .or_else(|| m.cabin_types.first().map(|t| t.id.clone()))
        .unwrap_or_default();
    Ok(Computed {
        key,
        type_id,
        map,
        convergence_deg: conv,
        stride,
        image,
    })
}

impl SuitabilityLayer {
    /// Once per frame: takes a finished map (uploading its texture) and, while the layer is on,
    /// starts a computation when the inputs changed. Cheap: the key is rebuilt only when the
    /// document revision or the selection changed.
    pub fn update(
        &mut self,
        doc: Option<&Document>,
        selection: Selection,
        on: bool,
        ctx: &egui::Context,
    ) {
        if let Some(r) = self.job.as_mut().and_then(|j| j.poll()) {
            self.job = None;
            let job_key = self.job_key.take().unwrap_or_default();
            match r {
                Ok(mut c) => {
                    if let Some(img) = c.image.take() {
                        self.texture =
                            Some(ctx.load_texture("suitability", img, TextureOptions::NEAREST));
                    }
                    self.error = None;
                    self.current = Some(c);
                }
                Err(e) => self.error = Some((job_key, e)),
            }
        }
        let Some(doc) = doc else {
            self.current = None;
            self.texture = None;
            return;
        };
        if !on {
            return;
        }
        let stamp = (doc.revision, selection, Arc::as_ptr(&doc.site) as usize);
        let key = match &self.key_cache {
            Some((s, k)) if *s == stamp => k.clone(),
            _ => {
                let k = key(doc, selection);
                self.key_cache = Some((stamp, k.clone()));
                k
            }
        };
        let have = self.current.as_ref().map(|c| &c.key) == Some(&key);
        let running = self.job_key.as_ref() == Some(&key);
        let failed = self.error.as_ref().is_some_and(|(k, _)| *k == key);
        if have || running || failed {
            return;
        }
        if let Some(j) = &self.job {
            j.cancel();
        }
        let (site, m) = (doc.site.clone(), doc.mission.clone());
        let t = type_id(doc, selection);
        let k = key.clone();
        self.job_key = Some(key);
        self.job = Some(Job::spawn("Suitability", Some(ctx.clone()), move |_| {
            compute(&site, &m, k, t)
        }));
    }

    /// Draws the overlay over the grid's extent at `opacity`.
    pub fn draw(
        &self,
        painter: &Painter,
        rect: Rect,
        view: &MapView,
        doc: &Document,
        opacity: f32,
    ) {
        let (Some(c), Some(tex)) = (&self.current, &self.texture) else {
            return;
        };
        let t = &doc.site.grid.transform;
        let s = c.stride as f64;
        let [tw, th] = tex.size();
        let (x0, y0) = (t.origin_x, t.origin_y);
        let (x1, y1) = (x0 + tw as f64 * s * t.dx, y0 - th as f64 * s * t.dy);
        let screen = Rect::from_min_max(view.to_screen(rect, x0, y0), view.to_screen(rect, x1, y1));
        painter.image(
            tex.id(),
            screen,
            Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0)),
            Color32::WHITE.gamma_multiply(opacity),
        );
    }

    /// What the map says about the cell under world point `(x, y)`: the failed constraints, or
    /// "feasible" with the score and the best true heading. `None` off the grid or before the
    /// first map arrives.
    pub fn describe(&self, doc: &Document, x: f64, y: f64) -> Option<String> {
        let c = self.current.as_ref()?;
        let t = &doc.site.grid.transform;
        let col = ((x - t.origin_x) / t.dx).floor();
        let row = ((t.origin_y - y) / t.dy).floor();
        if col < 0.0 || row < 0.0 || col >= c.map.width as f64 || row >= c.map.height as f64 {
            return None;
        }
        let i = row as usize * c.map.width + col as usize;
        let mask = c.map.mask[i];
        Some(if mask == 0 {
            let grid = c.map.grid_headings_deg[c.map.heading[i] as usize];
            let heading = (grid - c.convergence_deg).rem_euclid(360.0);
            format!(
                "{}: feasible, score {:.2}, best heading {heading:.0}°",
                c.type_id, c.map.score[i]
            )
        } else {
            format!("{}: fails {}", c.type_id, fail::names(mask).join(", "))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(w: usize, h: usize) -> SuitabilityMap {
        SuitabilityMap {
            width: w,
            height: h,
            grid_headings_deg: vec![0.0],
            mask: (0..w * h).map(|i| (i % 3) as u16 * fail::DEPTH).collect(),
            score: (0..w * h)
                .map(|i| if i % 3 == 0 { 0.5 } else { f32::NAN })
                .collect(),
            heading: vec![0; w * h],
            feasible: vec![0; w * h],
        }
    }

    #[test]
    fn image_strides_large_maps() {
        let m = map(5, 3);
        let full = image(&m, 1);
        assert_eq!(full.size, [5, 3]);
        assert_eq!(full.pixels[0], colour(0, 0.5));
        assert_eq!(full.pixels[1], INFEASIBLE);
        let half = image(&m, 2);
        assert_eq!(half.size, [3, 2]);
        // Pixel (1, 1) samples cell (2, 2) = index 12, a multiple of 3: feasible.
        assert_eq!(half.pixels[4], colour(0, 0.5));
    }

    #[test]
    fn colours_order_by_score_and_separate_nodata() {
        assert!(colour(0, 1.0).g() < colour(0, 0.0).g() || colour(0, 1.0).r() < colour(0, 0.0).r());
        assert_eq!(colour(fail::NODATA | fail::OUTSIDE, f32::NAN), NO_DATA);
        assert_eq!(colour(fail::NODATA | fail::SLOPE, f32::NAN), INFEASIBLE);
    }
}
