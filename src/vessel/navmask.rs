//! [`NavMask`]: which grid cells a vessel may use, and line of sight between them.
//!
//! Vertices are cell centres, addressed in *centre coordinates* (`u = col`, `v = row`, so cell
//! centres sit on integers). Depths between centres are bilinear (as `Grid::sample_bilinear`), so
//! the seabed is navigable inside a square of four neighbouring centres exactly when all four are
//! safe (a bilinear surface stays between its corner values). A straight segment is clear when
//! every such square whose *interior* it crosses has four safe corners and every centre it passes
//! through is safe; along a square's edge the depth depends only on the edge's two centres.
//!
//! This makes the rule strict: a clear segment never enters a cell that is itself unsafe (the
//! cell containing a point is always one of the four corners of the square around it), and the
//! bilinear depth the route check samples is ≥ the threshold everywhere on it.

use rayon::prelude::*;

/// Safe cells of a grid and the squares between them.
#[derive(Clone, Debug)]
pub struct NavMask {
    /// Columns (cells), as the grid's width.
    pub width: usize,
    /// Rows (cells), as the grid's height.
    pub height: usize,
    /// One flag per cell, row-major from the north-west (as `Grid::data`).
    pub safe: Vec<bool>,
    /// Square (i, j) between centres (i, j)…(i+1, j+1): all four corners safe.
    /// `(width − 1) × (height − 1)` flags.
    square_ok: Vec<bool>,
}

/// Tolerance for "on a grid line" in centre coordinates.
const ON_LINE: f64 = 1e-9;

impl NavMask {
    /// A mask from a predicate that says which cells are blocked (tests build mazes with it).
    #[cfg(test)]
    pub(crate) fn from_blocked(
        w: usize,
        h: usize,
        blocked: impl Fn(usize, usize) -> bool,
    ) -> NavMask {
        let safe = (0..h)
            .flat_map(|r| (0..w).map(move |c| (c, r)))
            .map(|(c, r)| !blocked(c, r))
            .collect();
        NavMask::new(w, h, safe)
    }
    /// A mask from per-cell flags. `safe.len()` must be `width * height`.
    pub fn new(width: usize, height: usize, safe: Vec<bool>) -> Self {
        assert_eq!(safe.len(), width * height, "mask size");
        let (sw, sh) = (width.saturating_sub(1), height.saturating_sub(1));
        let mut square_ok = vec![false; sw * sh];
        // Rows in parallel: on large grids (the cable router builds one mask per cable) this is
        // a measurable share of a route's time.
        square_ok
            .par_chunks_mut(sw.max(1))
            .take(sh)
            .enumerate()
            .for_each(|(j, row)| {
                let (r0, r1) = (
                    &safe[j * width..(j + 1) * width],
                    &safe[(j + 1) * width..(j + 2) * width],
                );
                for (i, ok) in row.iter_mut().enumerate() {
                    *ok = r0[i] && r0[i + 1] && r1[i] && r1[i + 1];
                }
            });
        NavMask {
            width,
            height,
            safe,
            square_ok,
        }
    }

    /// Is cell (`col`, `row`) safe? `false` outside the grid.
    #[inline]
    pub fn is_safe(&self, col: isize, row: isize) -> bool {
        col >= 0
            && row >= 0
            && (col as usize) < self.width
            && (row as usize) < self.height
            && self.safe[row as usize * self.width + col as usize]
    }

    #[inline]
    fn square(&self, i: isize, j: isize) -> bool {
        let sw = self.width as isize - 1;
        i >= 0
            && j >= 0
            && i < sw
            && j < self.height as isize - 1
            && self.square_ok[(j * sw + i) as usize]
    }

    /// Line of sight between two points in centre coordinates (see the module doc).
    pub fn clear(&self, a: (f64, f64), b: (f64, f64)) -> bool {
        let (w, h) = ((self.width - 1) as f64, (self.height - 1) as f64);
        let inside = |p: (f64, f64)| p.0 >= 0.0 && p.1 >= 0.0 && p.0 <= w && p.1 <= h;
        if !inside(a) || !inside(b) {
            return false;
        }
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        // Parameters where the segment meets the lines u = integer and v = integer.
        let axis = |p0: f64, d: f64| -> (f64, f64, f64) {
            // (first crossing t, t step, direction); t = ∞ when parallel.
            if d.abs() < 1e-15 {
                return (f64::INFINITY, f64::INFINITY, 0.0);
            }
            let next = if d > 0.0 {
                (p0 + ON_LINE).floor() + 1.0
            } else {
                (p0 - ON_LINE).ceil() - 1.0
            };
            ((next - p0) / d, 1.0 / d.abs(), d.signum())
        };
        let (mut tx, step_x, _) = axis(a.0, dx);
        let (mut ty, step_y, _) = axis(a.1, dy);
        let mut t0 = 0.0;
        let point = |t: f64| (a.0 + t * dx, a.1 + t * dy);
        let near_int = |x: f64| (x - x.round()).abs() < ON_LINE;
        loop {
            let t1 = tx.min(ty).min(1.0);
            if t1 - t0 > 1e-12 {
                let m = point((t0 + t1) / 2.0);
                let (on_u, on_v) = (near_int(m.0), near_int(m.1));
                if !on_u && !on_v {
                    if !self.square(m.0.floor() as isize, m.1.floor() as isize) {
                        return false;
                    }
                } else {
                    // Running along a grid line: the piece lies on the edge between two
                    // neighbouring centres, where the bilinear depth depends on those two only.
                    let (fu, fv) = (m.0.floor() as isize, m.1.floor() as isize);
                    let edge_ok = if on_u && !on_v {
                        let u = m.0.round() as isize;
                        self.is_safe(u, fv) && self.is_safe(u, fv + 1)
                    } else if on_v && !on_u {
                        let v = m.1.round() as isize;
                        self.is_safe(fu, v) && self.is_safe(fu + 1, v)
                    } else {
                        self.is_safe(m.0.round() as isize, m.1.round() as isize)
                    };
                    if !edge_ok {
                        return false;
                    }
                }
                // Passing exactly through a centre: that centre must be safe.
                let q = point(t1);
                if near_int(q.0)
                    && near_int(q.1)
                    && !self.is_safe(q.0.round() as isize, q.1.round() as isize)
                {
                    return false;
                }
            }
            if t1 >= 1.0 {
                return true;
            }
            t0 = t1;
            if tx <= t1 + 1e-15 {
                tx += step_x;
            }
            if ty <= t1 + 1e-15 {
                ty += step_y;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mask(rows: &[&str]) -> NavMask {
        let h = rows.len();
        let w = rows[0].len();
        let safe = rows
            .iter()
            .flat_map(|r| r.chars().map(|c| c == '.'))
            .collect();
        NavMask::new(w, h, safe)
    }

    #[test]
    fn open_water_is_clear_and_a_wall_is_not() {
        let m = mask(&[".....", ".....", ".....", "....."]);
        assert!(m.clear((0.0, 0.0), (4.0, 3.0)));
        assert!(m.clear((0.0, 0.0), (4.0, 0.0)));
        let m = mask(&["..#..", "..#..", "..#..", "....."]);
        assert!(!m.clear((0.0, 0.0), (4.0, 0.0)));
        assert!(!m.clear((0.0, 1.0), (4.0, 2.0)));
        assert!(m.clear((0.0, 3.0), (4.0, 3.0)));
        // Down the left column and then across the bottom: clear; cutting the corner: not.
        assert!(m.clear((1.0, 0.0), (1.0, 3.0)));
        assert!(!m.clear((1.0, 0.0), (3.0, 3.0)));
    }

    #[test]
    fn a_segment_beside_an_unsafe_cell_is_refused_when_the_bilinear_square_touches_it() {
        // Cell (2,1) unsafe: the straight line from (0,1.5) to (4,1.5) passes between rows 1 and
        // 2 and crosses squares that have (2,1) as a corner.
        let m = mask(&[".....", "..#..", ".....", "....."]);
        assert!(!m.clear((0.0, 1.5), (4.0, 1.5)));
        // Along row 2 (an edge line whose both neighbour rows 2 and… are safe): clear.
        assert!(m.clear((0.0, 2.0), (4.0, 2.0)));
        // Along row 1, which passes through the unsafe centre: refused.
        assert!(!m.clear((0.0, 1.0), (4.0, 1.0)));
    }

    #[test]
    fn diagonal_gap_between_two_unsafe_cells_is_closed() {
        let m = mask(&["....", ".#..", "..#.", "...."]);
        assert!(!m.clear((1.0, 3.0), (3.0, 0.0)));
        assert!(!m.clear((2.0, 1.0), (1.0, 2.0)));
    }

    #[test]
    fn outside_the_grid_is_not_clear() {
        let m = mask(&["...", "..."]);
        assert!(!m.clear((-0.5, 0.0), (1.0, 1.0)));
        assert!(!m.clear((0.0, 0.0), (2.5, 1.0)));
    }
}
