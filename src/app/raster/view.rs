//! [`MapView`]: the f64 map transform between working-CRS metres and screen points.
//!
//! egui's own `Scene` uses an f32 transform; at UTM northings of ~6·10⁶ m an f32 step is 0.5 m,
//! visible as jitter at deep zoom, so the centre and scale are kept in f64 and only offsets from the
//! centre are converted to f32.

use egui::{Pos2, Rect, Vec2, pos2, vec2};
use serde::{Deserialize, Serialize};

/// Centre of the view (working-CRS metres) and scale (metres per screen point).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapView {
    pub center: [f64; 2],
    pub metres_per_point: f64,
}

/// Zoom limits: 1 cm per point to 20 km per point.
const MIN_MPP: f64 = 0.01;
const MAX_MPP: f64 = 20_000.0;

impl Default for MapView {
    fn default() -> Self {
        MapView {
            center: [500_000.0, 0.0],
            metres_per_point: 100.0,
        }
    }
}

impl MapView {
    /// World (x east, y north) → screen position inside `rect`.
    pub fn to_screen(&self, rect: Rect, x: f64, y: f64) -> Pos2 {
        let c = rect.center();
        pos2(
            c.x + ((x - self.center[0]) / self.metres_per_point) as f32,
            c.y - ((y - self.center[1]) / self.metres_per_point) as f32,
        )
    }

    /// Screen position → world (x, y).
    pub fn to_world(&self, rect: Rect, p: Pos2) -> [f64; 2] {
        let c = rect.center();
        [
            self.center[0] + (p.x - c.x) as f64 * self.metres_per_point,
            self.center[1] - (p.y - c.y) as f64 * self.metres_per_point,
        ]
    }

    /// The world rectangle visible in `rect`: (xmin, ymin, xmax, ymax).
    pub fn visible(&self, rect: Rect) -> [f64; 4] {
        let a = self.to_world(rect, rect.left_bottom());
        let b = self.to_world(rect, rect.right_top());
        [a[0], a[1], b[0], b[1]]
    }

    /// Moves the view by a screen drag of `delta` points.
    pub fn pan(&mut self, delta: Vec2) {
        self.center[0] -= delta.x as f64 * self.metres_per_point;
        self.center[1] += delta.y as f64 * self.metres_per_point;
    }

    /// Zooms by `factor` (> 1 zooms in) keeping the world point under `anchor` fixed.
    pub fn zoom_about(&mut self, rect: Rect, anchor: Pos2, factor: f64) {
        let before = self.to_world(rect, anchor);
        self.metres_per_point = (self.metres_per_point / factor).clamp(MIN_MPP, MAX_MPP);
        let after = self.to_world(rect, anchor);
        self.center[0] += before[0] - after[0];
        self.center[1] += before[1] - after[1];
    }

    /// Frames the world rectangle `extent` (xmin, ymin, xmax, ymax) in a view of `size` points,
    /// with a small margin.
    pub fn fit(&mut self, size: Vec2, extent: [f64; 4]) {
        let w = (extent[2] - extent[0]).max(1.0);
        let h = (extent[3] - extent[1]).max(1.0);
        let size = vec2(size.x.max(50.0), size.y.max(50.0));
        self.center = [(extent[0] + extent[2]) / 2.0, (extent[1] + extent[3]) / 2.0];
        self.metres_per_point = (w / size.x as f64)
            .max(h / size.y as f64)
            .clamp(MIN_MPP, MAX_MPP)
            * 1.05;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect() -> Rect {
        Rect::from_min_size(pos2(100.0, 50.0), vec2(800.0, 600.0))
    }

    #[test]
    fn round_trip_at_utm_northings_keeps_millimetres() {
        let v = MapView {
            center: [641_020.123, 5_906_720.456],
            metres_per_point: 0.05,
        };
        let p = v.to_screen(rect(), 641_025.0, 5_906_721.0);
        let w = v.to_world(rect(), p);
        assert!(
            (w[0] - 641_025.0).abs() < 1e-3 && (w[1] - 5_906_721.0).abs() < 1e-3,
            "{w:?}"
        );
    }

    #[test]
    fn zoom_keeps_anchor_fixed() {
        let mut v = MapView::default();
        let anchor = pos2(200.0, 100.0);
        let before = v.to_world(rect(), anchor);
        v.zoom_about(rect(), anchor, 2.0);
        let after = v.to_world(rect(), anchor);
        assert!((before[0] - after[0]).abs() < 1e-6 && (before[1] - after[1]).abs() < 1e-6);
        assert_eq!(v.metres_per_point, 50.0);
    }

    #[test]
    fn pan_moves_opposite_to_drag_in_x_and_with_it_in_y() {
        let mut v = MapView::default();
        v.pan(vec2(10.0, 10.0));
        assert_eq!(v.center, [499_000.0, 1_000.0]);
    }

    #[test]
    fn fit_contains_extent() {
        let mut v = MapView::default();
        v.fit(vec2(800.0, 600.0), [0.0, 0.0, 8000.0, 3000.0]);
        let vis = v.visible(rect());
        assert!(vis[0] <= 0.0 && vis[2] >= 8000.0 && vis[1] <= 0.0 && vis[3] >= 3000.0);
    }
}
