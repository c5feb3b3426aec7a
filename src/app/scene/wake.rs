//! The wind farm's wake footprint on the map: the hub-height velocity deficit Δu/U behind the
//! turbines in the farm's dominant wind case ([`crate::wind::footprint`]: the farm's own wake
//! model and superposition, direction and speed from its resource — the same footprint the
//! library computes), computed on a worker and drawn as a translucent texture. The legend in the
//! layers panel names the case and the colour scale; on hover the status bar gives the deficit
//! under the cursor.
//!
//! The footprint depends on the site and the `[wind_farm]` section only (turbines, wake model,
//! resource): it is keyed on those, so editing cabins or the route does not recompute it.

use crate::app::document::Document;
use crate::app::jobs::Job;
use crate::app::raster::view::MapView;
use crate::wind::footprint::{WakeFootprint, of_mission};
use egui::{Color32, ColorImage, Painter, Rect, TextureHandle, TextureOptions, pos2};
use std::sync::Arc;

/// Deficits below this are not drawn (1 %: free stream for every practical purpose).
pub const SHOWN_FROM: f32 = 0.01;
/// The deficit drawn in the strongest colour, and anything above it (30 %: the near wake).
pub const FULL_AT: f32 = 0.3;
/// Colour of a weak wake (at [`SHOWN_FROM`]).
pub const WEAK: Color32 = Color32::from_rgb(120, 200, 255);
/// Colour of a strong wake (at [`FULL_AT`] and above).
pub const STRONG: Color32 = Color32::from_rgb(110, 30, 160);

/// A computed footprint, ready to draw and to query.
pub struct Computed {
    /// The inputs it was computed from (see [`key`]).
    pub key: String,
    pub footprint: WakeFootprint,
    image: Option<ColorImage>,
}

/// The layer's runtime state: the last footprint with its texture and the running job.
#[derive(Default)]
pub struct WakeLayer {
    pub current: Option<Computed>,
    texture: Option<TextureHandle>,
    pub job: Option<Job<Option<Computed>>>,
    /// Key of the running job.
    job_key: Option<String>,
    /// Why there is no footprint (the computation failed, or the mission has no farm or no
    /// resource), with the key it is for (not retried until the inputs change).
    pub error: Option<(String, String)>,
    /// The (revision, site) the key was last computed for, and that key.
    key_cache: Option<((u64, usize), String)>,
}

/// The inputs of the footprint as one string: the site, the mission's path (relative resource
/// files resolve against it) and the wind farm section.
pub fn key(doc: &Document) -> String {
    let inputs = (
        Arc::as_ptr(&doc.site) as usize,
        &doc.path,
        &doc.mission.wind_farm,
    );
    serde_json::to_string(&inputs).unwrap_or_default()
}

/// Colour of a deficit: transparent below [`SHOWN_FROM`] (and for NaN), then from [`WEAK`] to
/// [`STRONG`] at [`FULL_AT`], more opaque as the wake deepens.
pub fn colour(deficit: f32) -> Color32 {
    if deficit.is_nan() || deficit < SHOWN_FROM {
        return Color32::TRANSPARENT;
    }
    let t = ((deficit - SHOWN_FROM) / (FULL_AT - SHOWN_FROM)).clamp(0.0, 1.0);
    let mix = |a: u8, b: u8| (a as f32 + (b as f32 - a as f32) * t).round() as u8;
    Color32::from_rgba_unmultiplied(
        mix(WEAK.r(), STRONG.r()),
        mix(WEAK.g(), STRONG.g()),
        mix(WEAK.b(), STRONG.b()),
        // Faint where the wake is weak, so the far wakes fade out rather than fill a box.
        (40.0 + 200.0 * t).round() as u8,
    )
}

/// The footprint's texture, one pixel per cell, north up.
pub fn image(fp: &WakeFootprint) -> ColorImage {
    let rgba: Vec<u8> = fp
        .deficit
        .iter()
        .flat_map(|&d| colour(d).to_srgba_unmultiplied())
        .collect();
    ColorImage::from_rgba_unmultiplied([fp.width, fp.height], &rgba)
}

/// What a mission without a footprint lacks.
const NO_FARM: &str = "the mission has no wind farm with a wind rose or time series";

impl WakeLayer {
    /// Once per frame: takes a finished footprint (uploading its texture) and, while the layer is
    /// on, starts a computation when the farm or the site changed. Cheap: the key is rebuilt only
    /// when the document revision or the site changed.
    pub fn update(&mut self, doc: Option<&Document>, on: bool, ctx: &egui::Context) {
        if let Some(r) = self.job.as_mut().and_then(|j| j.poll()) {
            self.job = None;
            let job_key = self.job_key.take().unwrap_or_default();
            match r {
                Ok(Some(mut c)) => {
                    if let Some(img) = c.image.take() {
                        self.texture = Some(ctx.load_texture("wake", img, TextureOptions::LINEAR));
                    }
                    self.error = None;
                    self.current = Some(c);
                }
                Ok(None) => {
                    self.error = Some((job_key, NO_FARM.into()));
                    self.current = None;
                    self.texture = None;
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
        let stamp = (doc.revision, Arc::as_ptr(&doc.site) as usize);
        let key = match &self.key_cache {
            Some((s, k)) if *s == stamp => k.clone(),
            _ => {
                let k = key(doc);
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
        let k = key.clone();
        self.job_key = Some(key);
        self.job = Some(Job::spawn("Wake footprint", Some(ctx.clone()), move |p| {
            let ctx = site.context(&m);
            let report = |done: u64, total: u64| p.set(done as f32 / total.max(1) as f32);
            let fp = of_mission(&ctx, &report).map_err(|e| e.to_string())?;
            Ok(fp.map(|footprint| Computed {
                key: k,
                image: Some(image(&footprint)),
                footprint,
            }))
        }));
    }

    /// Draws the footprint at `opacity`.
    pub fn draw(&self, painter: &Painter, rect: Rect, view: &MapView, opacity: f32) {
        let (Some(c), Some(tex)) = (&self.current, &self.texture) else {
            return;
        };
        let f = &c.footprint;
        let (x0, y0) = (f.origin_x, f.origin_y);
        let (x1, y1) = (
            x0 + f.width as f64 * f.cell_m,
            y0 - f.height as f64 * f.cell_m,
        );
        let screen = Rect::from_min_max(view.to_screen(rect, x0, y0), view.to_screen(rect, x1, y1));
        painter.image(
            tex.id(),
            screen,
            Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0)),
            Color32::WHITE.gamma_multiply(opacity),
        );
    }

    /// The wind case, for the legend: "wind from 000° true at 8.6 m/s (12 % of the time)".
    pub fn case_text(&self) -> Option<String> {
        let c = &self.current.as_ref()?.footprint.case;
        Some(format!(
            "wind from {:03.0}° true at {:.1} m/s ({:.0} % of the time)",
            c.from_true_deg,
            c.speed_ms,
            100.0 * c.frequency
        ))
    }

    /// The deficit under world point (`x`, `y`), for the status bar; `None` off the footprint or
    /// before it arrives.
    pub fn describe(&self, x: f64, y: f64) -> Option<String> {
        let f = &self.current.as_ref()?.footprint;
        let col = ((x - f.origin_x) / f.cell_m).floor();
        let row = ((f.origin_y - y) / f.cell_m).floor();
        if !(col >= 0.0 && row >= 0.0 && col < f.width as f64 && row < f.height as f64) {
            return None;
        }
        let d = f.deficit[row as usize * f.width + col as usize];
        // `+ 0.0` turns the −0 of a clamped free stream into 0.
        Some(format!(
            "wake: wind {:.1} % below free stream",
            100.0 * d + 0.0
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wind::footprint::WindCase;

    #[test]
    fn weak_wakes_are_invisible_and_deeper_wakes_stronger() {
        assert_eq!(colour(0.0), Color32::TRANSPARENT);
        assert_eq!(colour(0.009), Color32::TRANSPARENT);
        assert_eq!(colour(f32::NAN), Color32::TRANSPARENT);
        assert!(colour(0.05).a() < colour(0.2).a());
        assert_eq!(colour(0.5), colour(FULL_AT));
        // Colour32 stores premultiplied alpha: unmultiplying may be off by one.
        let full = colour(FULL_AT).to_srgba_unmultiplied();
        for (got, want) in full[..3].iter().zip([STRONG.r(), STRONG.g(), STRONG.b()]) {
            assert!(got.abs_diff(want) <= 1, "{full:?}");
        }
    }

    #[test]
    fn describe_reads_the_cell_under_the_point() {
        let fp = WakeFootprint {
            case: WindCase {
                from_grid_deg: 0.0,
                from_true_deg: 0.0,
                speed_ms: 9.0,
                frequency: 0.2,
            },
            origin_x: 1000.0,
            origin_y: 5000.0,
            cell_m: 100.0,
            width: 3,
            height: 2,
            deficit: vec![-0.0, 0.1, 0.2, 0.3, 0.4, 0.5],
        };
        let img = image(&fp);
        assert_eq!(img.size, [3, 2]);
        let layer = WakeLayer {
            current: Some(Computed {
                key: String::new(),
                footprint: fp,
                image: None,
            }),
            ..Default::default()
        };
        // Row 1 (y between 4800 and 4900), column 2 (x between 1200 and 1300): 0.5.
        assert_eq!(
            layer.describe(1250.0, 4850.0).as_deref(),
            Some("wake: wind 50.0 % below free stream")
        );
        assert_eq!(
            layer.describe(1050.0, 4950.0).as_deref(),
            Some("wake: wind 0.0 % below free stream")
        );
        assert_eq!(layer.describe(999.0, 4850.0), None);
        assert_eq!(layer.describe(1250.0, 4799.0), None);
        assert_eq!(
            layer.case_text().as_deref(),
            Some("wind from 000° true at 9.0 m/s (20 % of the time)")
        );
    }
}
