//! The live layer: the vessel outline at true scale and heading, the boom tip and hook, the
//! target cabin's tolerance circle and the recent track, from [`LiveSession`].

use super::overlays::Overlays;
use crate::app::document::Document;
use crate::app::live_session::{LiveSession, thin_step};
use egui::{Color32, Pos2, Shape, Stroke, vec2};

/// Live vessel, track and hook.
pub const LIVE: Color32 = Color32::from_rgb(255, 80, 200);

/// Draws the live layer when the input is connected.
pub fn draw(o: &Overlays, doc: &Document, live: &LiveSession) {
    let at = |lon: f64, lat: f64| -> Option<Pos2> {
        let w = doc.site.to_work(lon, lat)?;
        Some(o.view.to_screen(o.rect, w[0], w[1]))
    };
    let fixes: Vec<_> = live.track().collect();
    let step = thin_step(fixes.len());
    let pts: Vec<Pos2> = fixes
        .iter()
        .rev()
        .step_by(step)
        .filter_map(|f| at(f.lon, f.lat))
        .collect();
    if pts.len() >= 2 {
        o.painter
            .add(Shape::line(pts, Stroke::new(1.5, LIVE.gamma_multiply(0.7))));
    }
    if let Some((_, lon, lat, tol)) = live.target() {
        let within = live
            .positions()
            .and_then(|p| p.target.as_ref())
            .is_some_and(|t| t.within_tolerance);
        if let (Some(c), Some(w)) = (at(*lon, *lat), doc.site.to_work(*lon, *lat)) {
            let r = (o.view.to_screen(o.rect, w[0] + tol, w[1]) - c)
                .length()
                .max(3.0);
            let colour = if within {
                Color32::from_rgb(60, 200, 110)
            } else {
                Color32::from_rgb(220, 50, 47)
            };
            o.painter.circle_stroke(c, r, Stroke::new(2.0, colour));
        }
    }
    let Some(p) = live.positions() else {
        return;
    };
    let hull: Vec<Pos2> = p.outline.iter().filter_map(|c| at(c.0, c.1)).collect();
    if hull.len() == 4 {
        o.painter
            .add(Shape::closed_line(hull.clone(), Stroke::new(2.0, LIVE)));
        // The bow edge thicker, so the heading reads at a glance.
        o.painter
            .line_segment([hull[0], hull[1]], Stroke::new(4.0, LIVE));
    }
    if let Some(a) = at(p.antenna.0, p.antenna.1) {
        o.painter.circle_filled(a, 3.0, LIVE);
    }
    if let Some(t) = at(p.tip.0, p.tip.1) {
        o.painter
            .circle_stroke(t, 7.0, Stroke::new(2.0, Color32::WHITE));
        let d = vec2(5.0, 5.0);
        let cross = Stroke::new(2.0, LIVE);
        o.painter.line_segment([t - d, t + d], cross);
        o.painter
            .line_segment([t + vec2(-5.0, 5.0), t + vec2(5.0, -5.0)], cross);
    }
}
