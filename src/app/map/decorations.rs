//! Map furniture: scale bar, north arrow (true north, after the meridian convergence at the view
//! centre) and the lon/lat graticule.

use crate::app::document::LoadedSite;
use crate::app::raster::view::MapView;
use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, pos2, vec2};

fn ink(dark: bool) -> Color32 {
    if dark {
        Color32::from_gray(230)
    } else {
        Color32::from_gray(25)
    }
}

/// A "nice" number (1, 2 or 5 × 10ⁿ) not above `x`.
pub fn nice_below(x: f64) -> f64 {
    let p = 10f64.powf(x.log10().floor());
    [5.0, 2.0, 1.0]
        .into_iter()
        .map(|k| k * p)
        .find(|v| *v <= x)
        .unwrap_or(p)
}

/// Scale bar in the lower left: a round length of at most 150 points.
pub fn scale_bar(painter: &Painter, rect: Rect, view: &MapView, dark: bool) {
    let metres = nice_below(150.0 * view.metres_per_point);
    let len = (metres / view.metres_per_point) as f32;
    let o = rect.left_bottom() + vec2(16.0, -18.0);
    let bg = if dark {
        Color32::from_black_alpha(150)
    } else {
        Color32::from_white_alpha(180)
    };
    painter.rect_filled(
        Rect::from_min_max(o + vec2(-8.0, -24.0), o + vec2(len + 8.0, 8.0)),
        4.0,
        bg,
    );
    let s = Stroke::new(2.0, ink(dark));
    painter.line_segment([o, o + vec2(len, 0.0)], s);
    painter.line_segment([o, o + vec2(0.0, -6.0)], s);
    painter.line_segment([o + vec2(len, 0.0), o + vec2(len, -6.0)], s);
    let text = if metres >= 1000.0 {
        format!("{} km", metres / 1000.0)
    } else {
        format!("{metres} m")
    };
    painter.text(
        o + vec2(len / 2.0, -8.0),
        Align2::CENTER_BOTTOM,
        text,
        FontId::proportional(12.0),
        ink(dark),
    );
}

/// North arrow in the upper right, pointing to true north.
pub fn north_arrow(painter: &Painter, rect: Rect, view: &MapView, site: &LoadedSite, dark: bool) {
    let [cx, cy] = view.center;
    let angle = site
        .to_lonlat(cx, cy)
        .and_then(|ll| {
            let to_work = |a, b| site.to_work(a, b).map(|p| (p[0], p[1])).ok_or(());
            crate::geodesy::meridian_convergence_deg(to_work, ll[0], ll[1]).ok()
        })
        .map_or(0.0, f64::to_radians) as f32;
    let c = rect.right_top() + vec2(-34.0, 44.0);
    let bg = if dark {
        Color32::from_black_alpha(150)
    } else {
        Color32::from_white_alpha(180)
    };
    painter.circle_filled(c, 24.0, bg);
    let dir = vec2(angle.sin(), -angle.cos());
    let side = vec2(-dir.y, dir.x);
    let tip = c + dir * 18.0;
    let tail = c - dir * 14.0;
    painter.add(Shape::convex_polygon(
        vec![tip, c + side * 7.0, tail],
        Color32::from_rgb(220, 50, 47),
        Stroke::NONE,
    ));
    painter.add(Shape::convex_polygon(
        vec![tip, tail, c - side * 7.0],
        ink(dark),
        Stroke::NONE,
    ));
    painter.text(
        c - dir * 30.0 + vec2(0.0, 0.0),
        Align2::CENTER_CENTER,
        "N",
        FontId::proportional(13.0),
        ink(dark),
    );
}

/// Graticule step (degrees) giving roughly 3–8 lines across `span` degrees.
fn step_for(span: f64) -> f64 {
    const STEPS: [f64; 12] = [
        1.0 / 60.0,
        2.0 / 60.0,
        5.0 / 60.0,
        10.0 / 60.0,
        0.25,
        0.5,
        1.0,
        2.0,
        5.0,
        10.0,
        15.0,
        30.0,
    ];
    STEPS.into_iter().find(|s| span / s <= 8.0).unwrap_or(30.0)
}

/// Degrees as D°MM' for graticule labels.
fn dm(v: f64, pos: char, neg: char) -> String {
    let h = if v < 0.0 { neg } else { pos };
    let a = v.abs();
    let mut d = a.floor();
    let mut m = ((a - d) * 60.0).round();
    if m >= 60.0 {
        d += 1.0;
        m = 0.0;
    }
    format!("{d:.0}°{m:02.0}'{h}")
}

/// Lines of constant longitude and latitude, bent as the projection bends them.
pub fn graticule(painter: &Painter, rect: Rect, view: &MapView, site: &LoadedSite, dark: bool) {
    let corners = [
        rect.left_top(),
        rect.right_top(),
        rect.left_bottom(),
        rect.right_bottom(),
        rect.center(),
    ];
    let ll: Vec<[f64; 2]> = corners
        .iter()
        .filter_map(|p| {
            let w = view.to_world(rect, *p);
            site.to_lonlat(w[0], w[1])
        })
        .collect();
    if ll.len() < 4 {
        return;
    }
    let (lon0, lon1) = ll
        .iter()
        .fold((f64::MAX, f64::MIN), |a, p| (a.0.min(p[0]), a.1.max(p[0])));
    let (lat0, lat1) = ll
        .iter()
        .fold((f64::MAX, f64::MIN), |a, p| (a.0.min(p[1]), a.1.max(p[1])));
    let step = step_for((lon1 - lon0).max(lat1 - lat0));
    let colour = if dark {
        Color32::from_white_alpha(60)
    } else {
        Color32::from_black_alpha(70)
    };
    let stroke = Stroke::new(1.0, colour);
    let font = FontId::monospace(10.0);
    let samples = 16;
    let mut lon = (lon0 / step).floor() * step;
    while lon <= lon1 {
        let pts: Vec<Pos2> = (0..=samples)
            .filter_map(|i| {
                let lat = lat0 + (lat1 - lat0) * i as f64 / samples as f64;
                site.to_work(lon, lat)
                    .map(|w| view.to_screen(rect, w[0], w[1]))
            })
            .collect();
        if let Some(p) = pts
            .iter()
            .find(|p| rect.contains(**p) && p.y > rect.top() + 2.0)
        {
            painter.text(
                pos2(p.x + 3.0, rect.top() + 3.0),
                Align2::LEFT_TOP,
                dm(lon, 'E', 'W'),
                font.clone(),
                colour.gamma_multiply(2.5),
            );
        }
        painter.add(Shape::line(pts, stroke));
        lon += step;
    }
    let mut lat = (lat0 / step).floor() * step;
    while lat <= lat1 {
        let pts: Vec<Pos2> = (0..=samples)
            .filter_map(|i| {
                let lon = lon0 + (lon1 - lon0) * i as f64 / samples as f64;
                site.to_work(lon, lat)
                    .map(|w| view.to_screen(rect, w[0], w[1]))
            })
            .collect();
        if let Some(p) = pts.iter().find(|p| rect.contains(**p)) {
            painter.text(
                pos2(rect.left() + 3.0, p.y - 2.0),
                Align2::LEFT_BOTTOM,
                dm(lat, 'N', 'S'),
                font.clone(),
                colour.gamma_multiply(2.5),
            );
        }
        painter.add(Shape::line(pts, stroke));
        lat += step;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_lengths() {
        assert_eq!(nice_below(1499.0), 1000.0);
        assert_eq!(nice_below(2600.0), 2000.0);
        assert_eq!(nice_below(7.3), 5.0);
    }

    #[test]
    fn degrees_minutes() {
        assert_eq!(dm(5.5, 'E', 'W'), "5°30'E");
        assert_eq!(dm(-0.999999, 'N', 'S'), "1°00'S");
    }

    #[test]
    fn steps_give_few_lines() {
        assert_eq!(step_for(0.4), 5.0 / 60.0);
        assert_eq!(step_for(3.0), 0.5);
    }
}
