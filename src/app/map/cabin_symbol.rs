//! A cabin's symbol on the map: its true-scale outline once that is large enough to read, else
//! the same outline enlarged about the centre to a minimum size (keeping the cabin's shape and
//! orientation), always with a heading tick from the centre through the front edge and a little
//! beyond, so that where a cabin points reads at every zoom (as chart symbols for small
//! structures keep a minimum size while large ones are drawn to scale).
//!
//! Computed from the world geometry in f64: at far zoom a cabin is a fraction of a point and the
//! difference of two f32 screen positions would be rounding noise.

use crate::app::scene::CabinShape;
use egui::{Pos2, Vec2, vec2};

/// Smallest screen radius (points) of a cabin symbol: below it the outline is enlarged to it.
pub const MIN_RADIUS: f32 = 7.0;
/// How far the heading tick reaches past the front edge (points).
pub const TICK_BEYOND: f32 = 6.0;

/// What to draw for one cabin.
#[derive(Clone, Debug, PartialEq)]
pub struct Symbol {
    /// The outline in screen points (true scale or enlarged).
    pub outline: Vec<Pos2>,
    /// The heading tick: from the centre to past the front edge.
    pub tick: [Pos2; 2],
    /// Largest distance of the outline from the centre (points).
    pub radius: f32,
    /// The outline is the cabin at true scale (not enlarged).
    pub true_scale: bool,
}

/// The symbol of `c` drawn centred on `centre` (its screen position) at `metres_per_point`.
pub fn symbol(c: &CabinShape, centre: Pos2, metres_per_point: f64) -> Symbol {
    let mpp = metres_per_point.max(f64::MIN_POSITIVE);
    let offsets: Vec<[f64; 2]> = c
        .outline
        .iter()
        .map(|p| [(p[0] - c.centre[0]) / mpp, -(p[1] - c.centre[1]) / mpp])
        .collect();
    let true_radius = offsets.iter().map(|o| o[0].hypot(o[1])).fold(0.0, f64::max);
    let true_scale = true_radius >= MIN_RADIUS as f64;
    let k = if true_scale || true_radius <= 0.0 {
        1.0
    } else {
        MIN_RADIUS as f64 / true_radius
    };
    let outline = offsets
        .iter()
        .map(|o| centre + vec2((o[0] * k) as f32, (o[1] * k) as f32))
        .collect();
    let dir = Vec2::new(c.axis[0] as f32, -c.axis[1] as f32).normalized();
    let front = (c.half_length / mpp * k) as f32;
    Symbol {
        outline,
        tick: [centre, centre + dir * (front + TICK_BEYOND)],
        radius: (true_radius * k) as f32,
        true_scale,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::pos2;

    /// A 30 × 8 m cabin heading 60° (clockwise from grid north), centred at (1000, 2000).
    fn cabin() -> CabinShape {
        let (s, c) = 60f64.to_radians().sin_cos();
        let (u, v) = ([s, c], [c, -s]);
        let corner = |a: f64, b: f64| [1000.0 + a * u[0] + b * v[0], 2000.0 + a * u[1] + b * v[1]];
        CabinShape {
            id: "C1".into(),
            centre: [1000.0, 2000.0],
            outline: vec![
                corner(15.0, 4.0),
                corner(15.0, -4.0),
                corner(-15.0, -4.0),
                corner(-15.0, 4.0),
            ],
            axis: u,
            half_length: 15.0,
        }
    }

    fn side(a: Pos2, b: Pos2) -> f32 {
        (b - a).length()
    }

    #[test]
    fn far_out_the_symbol_keeps_a_minimum_size_shape_and_heading() {
        let at = pos2(400.0, 300.0);
        // 2 km per point: the cabin is 0.015 points long.
        let s = symbol(&cabin(), at, 2000.0);
        assert!(!s.true_scale);
        assert!((s.radius - MIN_RADIUS).abs() < 1e-4, "{}", s.radius);
        // Corners at the minimum radius, sides still 30 : 8.
        for p in &s.outline {
            assert!(((*p - at).length() - MIN_RADIUS).abs() < 1e-3);
        }
        let ratio = side(s.outline[1], s.outline[2]) / side(s.outline[0], s.outline[1]);
        assert!((ratio - 30.0 / 8.0).abs() < 1e-3, "{ratio}");
        // The tick points 60° clockwise from screen up (north up, y down) and leaves the symbol.
        let d = s.tick[1] - s.tick[0];
        let bearing = d.x.atan2(-d.y).to_degrees();
        assert!((bearing - 60.0).abs() < 1e-3, "{bearing}");
        assert!(d.length() > s.radius);
    }

    #[test]
    fn close_in_the_outline_is_true_scale() {
        let at = pos2(400.0, 300.0);
        // 0.5 m per point: the 30 m cabin is 60 points long.
        let s = symbol(&cabin(), at, 0.5);
        assert!(s.true_scale);
        // Front-right corner: 15 m ahead (60°) and 4 m to the right (150°), in points.
        let (x, y) = (
            15.0 * 60f32.to_radians().sin() + 4.0 * 150f32.to_radians().sin(),
            15.0 * 60f32.to_radians().cos() + 4.0 * 150f32.to_radians().cos(),
        );
        let want = at + vec2(x / 0.5, -y / 0.5);
        assert!((s.outline[0] - want).length() < 1e-3, "{:?}", s.outline[0]);
        let r = (15f32.hypot(4.0)) / 0.5;
        assert!((s.radius - r).abs() < 1e-3);
        assert!(((s.tick[1] - at).length() - (30.0 + TICK_BEYOND)).abs() < 1e-3);
    }
}
