//! A coarse distance-to-goal field: the heuristic that guides the any-angle search
//! ([`super::theta`]) round shoals and walls instead of straight at them.
//!
//! The grid is divided into square blocks of `block` × `block` cells (about [`TARGET_BLOCKS`]
//! per side). Two side-by-side blocks are *joined* when a safe cell of one touches a safe cell of
//! the other across their common edge; diagonal and knight's moves between blocks are allowed when
//! a chain of such joins leads the same way, and every move is weighted by the distance between
//! the block centres. Dijkstra's algorithm from the goal gives every block the length of the
//! shortest chain to the goal point. A shoal at least one block wide always cuts the joins across
//! it; a thinner one inside a block may not, which only makes the estimate lower there. This is the
//! abstraction of hierarchical path-finding (A. Botea, M. Müller, J. Schaeffer, "Near Optimal
//! Hierarchical Path-Finding", J. Game Development 1(1), 2004), here used as a heuristic rather
//! than a corridor: the fine search stays exact about the mask and only its order of expansion
//! changes.
//!
//! Two properties the search relies on:
//! - **relaxation**: every step of the fine search between two blocks crosses a join (a diagonal
//!   step needs both side cells safe, so it crosses one too), so a block with no chain to the
//!   goal holds no cell that can reach it — those cells are pruned, and an
//!   unreachable goal is known before the fine search starts;
//! - **closeness**: a 16-connected chain overestimates a straight line by at most
//!   1/cos(atan(1/2)/2) − 1 ≈ 2.7 % (and near obstacles, where only 8-connected steps exist, by
//!   at most 8.2 %), so the estimate is near the true remaining distance. The search is then no
//!   longer guaranteed optimal (A* with a heuristic that overestimates by a factor 1 + ε returns a
//!   path at most 1 + ε times the shortest; Pearl, *Heuristics*, 1984, §3.2); the any-angle
//!   smoothing removes most of it, and `tests/routes.rs` checks the result against a reference
//!   shortest path on real bathymetry.

use super::navmask::NavMask;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Blocks per side the field aims for: 256² blocks keep the coarse Dijkstra at a few
/// milliseconds while blocks stay small against the features routes bend round.
pub const TARGET_BLOCKS: usize = 256;

/// The coarse distance field for one goal.
#[derive(Clone, Debug)]
pub struct CoarseField {
    block: usize,
    cols: usize,
    rows: usize,
    /// Metres from each block's centre to the goal along the coarse graph; ∞ when unreachable.
    dist: Vec<f64>,
    /// Block centres in cell-centre coordinates (col, row as reals).
    centre_c: Vec<f64>,
    centre_r: Vec<f64>,
    dx: f64,
    dy: f64,
}

impl CoarseField {
    /// Builds the field over `mask` for the goal cell `goal` (col, row), cells `dx` × `dy` m.
    pub fn new(mask: &NavMask, goal: (usize, usize), dx: f64, dy: f64) -> Self {
        let block = mask.width.max(mask.height).div_ceil(TARGET_BLOCKS).max(1);
        let (cols, rows) = (mask.width.div_ceil(block), mask.height.div_ceil(block));
        // east[b]: block b joined to its east neighbour; south[b]: to its south neighbour.
        let (mut east, mut south) = (vec![false; cols * rows], vec![false; cols * rows]);
        let w = mask.width;
        for (r, row) in mask.safe.chunks(w.max(1)).enumerate() {
            let br = r / block;
            for bc in 0..cols.saturating_sub(1) {
                let x = (bc + 1) * block - 1;
                if row[x] && row[x + 1] {
                    east[br * cols + bc] = true;
                }
            }
            if (r + 1) % block == 0 && r + 1 < mask.height {
                let next = &mask.safe[(r + 1) * w..(r + 2) * w];
                for (bc, (a, b)) in row.chunks(block).zip(next.chunks(block)).enumerate() {
                    if !south[br * cols + bc] && a.iter().zip(b).any(|(&p, &q)| p && q) {
                        south[br * cols + bc] = true;
                    }
                }
            }
        }
        // Centre of the cells a block covers (edge blocks may be partial).
        let centre = |b: usize, n: usize| {
            let first = b * block;
            let last = ((b + 1) * block).min(n) - 1;
            (first + last) as f64 / 2.0
        };
        let centre_c: Vec<f64> = (0..cols).map(|b| centre(b, mask.width)).collect();
        let centre_r: Vec<f64> = (0..rows).map(|b| centre(b, mask.height)).collect();
        let mut field = CoarseField {
            block,
            cols,
            rows,
            dist: vec![f64::INFINITY; cols * rows],
            centre_c,
            centre_r,
            dx,
            dy,
        };
        field.dijkstra(
            &Joins {
                east,
                south,
                cols,
                rows,
            },
            goal,
        );
        field
    }

    fn metres(&self, dc: f64, dr: f64) -> f64 {
        (dc * self.dx).hypot(dr * self.dy)
    }

    fn dijkstra(&mut self, joins: &Joins, goal: (usize, usize)) {
        const MOVES: [(isize, isize); 16] = [
            (1, 0),
            (-1, 0),
            (0, 1),
            (0, -1),
            (1, 1),
            (1, -1),
            (-1, 1),
            (-1, -1),
            (2, 1),
            (2, -1),
            (-2, 1),
            (-2, -1),
            (1, 2),
            (1, -2),
            (-1, 2),
            (-1, -2),
        ];
        let (gc, gr) = (goal.0 / self.block, goal.1 / self.block);
        let g = gr * self.cols + gc;
        self.dist[g] = self.metres(
            self.centre_c[gc] - goal.0 as f64,
            self.centre_r[gr] - goal.1 as f64,
        );
        let mut heap = BinaryHeap::new();
        heap.push(Reverse((self.dist[g].to_bits(), g)));
        while let Some(Reverse((k, b))) = heap.pop() {
            let d = f64::from_bits(k);
            if d > self.dist[b] {
                continue;
            }
            let (c, r) = ((b % self.cols) as isize, (b / self.cols) as isize);
            for (mc, mr) in MOVES {
                if !joins.move_ok(c, r, mc, mr) {
                    continue;
                }
                let (nc, nr) = ((c + mc) as usize, (r + mr) as usize);
                let v = nr * self.cols + nc;
                let nd = d + self.metres(
                    self.centre_c[nc] - self.centre_c[c as usize],
                    self.centre_r[nr] - self.centre_r[r as usize],
                );
                if nd < self.dist[v] {
                    self.dist[v] = nd;
                    heap.push(Reverse((nd.to_bits(), v)));
                }
            }
        }
    }

    /// Can cell (`c`, `r`) reach the goal at all? `false` means certainly not.
    #[inline]
    pub fn reachable(&self, c: usize, r: usize) -> bool {
        self.dist[(r / self.block) * self.cols + c / self.block].is_finite()
    }

    /// Estimated distance (m) from cell (`c`, `r`) to the goal: the coarse distances of the (up
    /// to) four block centres around the cell, interpolated bilinearly, never less than the
    /// straight line `straight_m`. Blocks without a chain to the goal are left out of the
    /// interpolation; when all four are, the cell's own block decides (∞: unreachable).
    #[inline]
    pub fn estimate(&self, c: usize, r: usize, straight_m: f64) -> f64 {
        let (bc, br) = (c / self.block, r / self.block);
        let own = self.dist[br * self.cols + bc];
        if !own.is_finite() {
            return f64::INFINITY;
        }
        let (fc, fr) = (c as f64, r as f64);
        // The block centres bracketing the cell in each direction.
        let c0 = if fc < self.centre_c[bc] {
            bc.saturating_sub(1)
        } else {
            bc
        };
        let r0 = if fr < self.centre_r[br] {
            br.saturating_sub(1)
        } else {
            br
        };
        let c1 = (c0 + 1).min(self.cols - 1);
        let r1 = (r0 + 1).min(self.rows - 1);
        let t = |x: f64, a: f64, b: f64| {
            if b > a {
                ((x - a) / (b - a)).clamp(0.0, 1.0)
            } else {
                0.0
            }
        };
        let (tc, tr) = (
            t(fc, self.centre_c[c0], self.centre_c[c1]),
            t(fr, self.centre_r[r0], self.centre_r[r1]),
        );
        let mut sum = 0.0;
        let mut weight = 0.0;
        for (cc, rr, w) in [
            (c0, r0, (1.0 - tc) * (1.0 - tr)),
            (c1, r0, tc * (1.0 - tr)),
            (c0, r1, (1.0 - tc) * tr),
            (c1, r1, tc * tr),
        ] {
            let d = self.dist[rr * self.cols + cc];
            if d.is_finite() && w > 0.0 {
                sum += w * d;
                weight += w;
            }
        }
        let interpolated = if weight > 0.0 { sum / weight } else { own };
        interpolated.max(straight_m)
    }
}

/// Which side-by-side blocks are joined, and the moves between blocks that follows from it.
struct Joins {
    east: Vec<bool>,
    south: Vec<bool>,
    cols: usize,
    rows: usize,
}

impl Joins {
    fn inside(&self, c: isize, r: isize) -> bool {
        c >= 0 && r >= 0 && (c as usize) < self.cols && (r as usize) < self.rows
    }

    /// One block east or west (`dc` = ±1).
    fn across(&self, c: isize, r: isize, dc: isize) -> bool {
        let from = if dc > 0 { c } else { c - 1 };
        self.inside(from, r)
            && self.inside(from + 1, r)
            && self.east[r as usize * self.cols + from as usize]
    }

    /// One block south or north (`dr` = ±1).
    fn down(&self, c: isize, r: isize, dr: isize) -> bool {
        let from = if dr > 0 { r } else { r - 1 };
        self.inside(c, from)
            && self.inside(c, from + 1)
            && self.south[from as usize * self.cols + c as usize]
    }

    /// A diagonal move, by either corner.
    fn diagonal(&self, c: isize, r: isize, dc: isize, dr: isize) -> bool {
        (self.across(c, r, dc) && self.down(c + dc, r, dr))
            || (self.down(c, r, dr) && self.across(c, r + dr, dc))
    }

    fn move_ok(&self, c: isize, r: isize, mc: isize, mr: isize) -> bool {
        match (mc.abs(), mr.abs()) {
            (1, 0) => self.across(c, r, mc),
            (0, 1) => self.down(c, r, mr),
            (1, 1) => self.diagonal(c, r, mc, mr),
            (2, 1) => {
                let s = mc.signum();
                (self.diagonal(c, r, s, mr) && self.across(c + s, r + mr, s))
                    || (self.across(c, r, s) && self.diagonal(c + s, r, s, mr))
            }
            (1, 2) => {
                let s = mr.signum();
                (self.diagonal(c, r, mc, s) && self.down(c + mc, r + s, s))
                    || (self.down(c, r, s) && self.diagonal(c, r + s, mc, s))
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_water_estimate_is_near_the_straight_line() {
        let m = NavMask::from_blocked(600, 500, |_, _| false);
        let f = CoarseField::new(&m, (590, 490), 10.0, 10.0);
        assert_eq!(f.block, 3);
        for (c, r) in [(0, 0), (300, 10), (5, 480), (589, 100)] {
            let straight = ((590.0 - c as f64) * 10.0).hypot((490.0 - r as f64) * 10.0);
            let e = f.estimate(c, r, straight);
            assert!(
                e >= straight && e <= straight * 1.03 + 60.0,
                "{e} vs {straight}"
            );
        }
    }

    #[test]
    fn a_wall_makes_the_estimate_go_round_and_closed_pockets_are_unreachable() {
        // Wall at column 100 except rows 0..10; a sealed box round (20..30, 400..410).
        let m = NavMask::from_blocked(300, 500, |c, r| {
            (c == 100 && r >= 10)
                || ((18..32).contains(&c) && (398..412).contains(&r))
                    && !((20..30).contains(&c) && (400..410).contains(&r))
        });
        let f = CoarseField::new(&m, (200, 400), 1.0, 1.0);
        // From (50, 400) the way runs up to the gap at the top and back down:
        // hypot(50, 390) + hypot(100, 390) ≈ 796 cells.
        let straight = 150.0;
        let e = f.estimate(50, 400, straight);
        assert!(e > 780.0 && e < 800.0 * 1.03 + 4.0, "{e}");
        // Inside the sealed box: unreachable (the box is 14 cells; blocks are 2 cells).
        assert!(!f.reachable(25, 405));
        assert!(f.estimate(25, 405, 10.0).is_infinite());
        assert!(f.reachable(50, 400));
    }
}
