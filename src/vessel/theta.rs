//! Any-angle least-cost path over a [`NavMask`]: Lazy Theta* followed by line-of-sight
//! simplification.
//!
//! Lazy Theta* (A. Nash, S. Koenig, C. Tovey, "Lazy Theta*: Any-Angle Path Planning and Path
//! Length Analysis in 3D", AAAI 2010) is A* on the 8-connected grid of cell centres in which a
//! vertex may take its parent's parent as its own parent when the two see each other, so paths
//! run at any angle instead of in 45° steps. "Lazy": the line-of-sight check runs once per
//! expanded vertex (when it is popped), not once per neighbour. The heuristic is the straight-line
//! distance to the goal estimated by a coarse distance field ([`super::coarse`]), which knows
//! the way round shoals: on maze-like masks plain straight-line A* expands most of the grid,
//! while this expands little more than a band along the route, and cells that cannot reach the
//! goal are never touched. The search keeps flat arrays indexed by `u32` cell number and a binary
//! heap of packed `(f, cell)` keys.
//!
//! Sight lines assumed during the search are bounded to `MAX_SIGHT_CELLS` so each expansion's
//! check stays short on large open grids; the result is then shortened greedily: from each kept
//! vertex, advance along the path while the next vertex is still in line of sight (every kept
//! segment is checked, so the simplified path never crosses anything the mask forbids).

use super::coarse::CoarseField;
use super::navmask::NavMask;
use crate::progress::{Report, silent};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// A path found over the mask: cell-centre vertices (col, row) and its length in metres.
#[derive(Clone, Debug, PartialEq)]
pub struct GridPath {
    /// Path vertices as cell centres (col, row), start first, goal last.
    pub vertices: Vec<(usize, usize)>,
    /// Length of the path through the vertices (m, from the cell sizes).
    pub length_m: f64,
    /// Cells the search expanded (for benchmarks and diagnostics).
    pub expanded: usize,
}

const NONE: u32 = u32::MAX;

/// Longest line of sight (cells) the search assumes from a vertex's parent. Bounding it keeps each
/// expansion's visibility check short (the cost of Theta* on large open grids is
/// expansions × sight length); the final simplification then straightens the path across these
/// windows.
const MAX_SIGHT_CELLS: f64 = 16.0;

/// Weight on the heuristic (weighted A*, I. Pohl, "Heuristic search viewed as path finding in a
/// graph", Artificial Intelligence 1(3), 1970): f = g + w·h. With an almost exact heuristic the
/// plain sum is nearly flat across a wide band beside the route (a sideways offset δ costs only
/// δ²/2L over a remaining distance L), and A* expands that whole band; a weight just above 1
/// makes progress towards the goal win, so the search stays close to the route. The found path
/// is at most w times the search's optimum; the any-angle smoothing takes most of that back.
const HEURISTIC_WEIGHT: f64 = 1.01;
const OPEN: u8 = 1;
const CLOSED: u8 = 2;

/// Shortest any-angle path from `start` to `goal` (cell columns/rows) through safe cells, with
/// cell sizes `dx`, `dy` in metres. `None` when either end is unsafe or no path exists.
pub fn any_angle_path(
    mask: &NavMask,
    start: (usize, usize),
    goal: (usize, usize),
    dx: f64,
    dy: f64,
) -> Option<GridPath> {
    any_angle_path_with(mask, start, goal, dx, dy, |_, _| 0.0, &silent)
}

/// [`any_angle_path`] with a cost `extra(a, b)` (metres, ≥ 0; ∞ forbids the segment) added to
/// every straight segment between cell centres `a` and `b` the search or the simplification
/// considers, on top of its length: the cable router's crossing cost, which depends on the
/// angle at which a segment crosses an existing cable. The search then minimises length + the
/// extra costs of the segments it keeps; the simplification merges segments only where the
/// merged segment costs no more extra than the pieces it replaces.
///
/// `progress` is told how far the search has come, in metres: the start's estimated distance to
/// the goal (the coarse field's, which goes round shoals) is the total, and the done part is that
/// minus the smallest estimate of any cell expanded so far. A search cannot know its length in
/// advance; this measure rises as the frontier nears the goal and reaches the total when the goal
/// is expanded.
pub fn any_angle_path_with(
    mask: &NavMask,
    start: (usize, usize),
    goal: (usize, usize),
    dx: f64,
    dy: f64,
    extra: impl Fn((usize, usize), (usize, usize)) -> f64,
    progress: Report,
) -> Option<GridPath> {
    let w = mask.width;
    let n = w * mask.height;
    if n > u32::MAX as usize - 1
        || !mask.is_safe(start.0 as isize, start.1 as isize)
        || !mask.is_safe(goal.0 as isize, goal.1 as isize)
    {
        return None;
    }
    let idx = |c: usize, r: usize| (r * w + c) as u32;
    let pos = |i: u32| ((i as usize) % w, (i as usize) / w);
    let dist = |a: u32, b: u32| -> f64 {
        let ((ac, ar), (bc, br)) = (pos(a), pos(b));
        ((ac as f64 - bc as f64) * dx).hypot((ar as f64 - br as f64) * dy)
    };
    let sees = |a: u32, b: u32| {
        let ((ac, ar), (bc, br)) = (pos(a), pos(b));
        mask.clear((ac as f64, ar as f64), (bc as f64, br as f64))
    };
    let (s, t) = (idx(start.0, start.1), idx(goal.0, goal.1));
    let field = CoarseField::new(mask, goal, dx, dy);
    if !field.reachable(start.0, start.1) {
        return None;
    }
    let h = |v: u32| {
        let (c, r) = pos(v);
        HEURISTIC_WEIGHT * field.estimate(c, r, dist(v, t))
    };
    // Zero-filled arrays come from the allocator as untouched pages, so a search that expands a
    // band along its route pays only for the pages of that band. `g` and `parent` are valid only
    // where `state` is non-zero (an unvisited cell's g is ∞).
    let mut g = vec![0.0f64; n];
    let mut parent = vec![0u32; n];
    let mut state = vec![0u8; n];
    let mut heap: BinaryHeap<Reverse<(u64, u32)>> = BinaryHeap::new();
    let key = |f: f64| f.to_bits();
    g[s as usize] = 0.0;
    parent[s as usize] = s;
    heap.push(Reverse((key(h(s)), s)));
    let mut expanded = 0usize;
    let total_m = (h(s) / HEURISTIC_WEIGHT).ceil() as u64;
    let (mut closest_m, mut reported_m) = (total_m, 0u64);
    progress(0, total_m);
    const NB: [(isize, isize); 8] = [
        (1, 0),
        (-1, 0),
        (0, 1),
        (0, -1),
        (1, 1),
        (1, -1),
        (-1, 1),
        (-1, -1),
    ];
    // A move to a neighbour is allowed when the straight step between the centres is clear.
    let step_ok = |c: usize, r: usize, dc: isize, dr: isize| -> bool {
        let (nc, nr) = (c as isize + dc, r as isize + dr);
        if !mask.is_safe(nc, nr) {
            return false;
        }
        dc == 0
            || dr == 0
            || (mask.is_safe(c as isize + dc, r as isize)
                && mask.is_safe(c as isize, r as isize + dr))
    };
    while let Some(Reverse((fk, u))) = heap.pop() {
        let ui = u as usize;
        if state[ui] == CLOSED || fk > key(g[ui] + h(u)) {
            continue;
        }
        // SetVertex: the lazily assumed parent must be visible, else take the best closed
        // neighbour (path 1 of Theta*).
        let p = parent[ui];
        if p != u && !sees(p, u) {
            let (c, r) = pos(u);
            let mut best = (f64::INFINITY, NONE);
            for (dc, dr) in NB {
                if !step_ok(c, r, dc, dr) {
                    continue;
                }
                let v = idx((c as isize + dc) as usize, (r as isize + dr) as usize);
                if state[v as usize] == CLOSED {
                    let cand = g[v as usize] + dist(v, u) + extra(pos(v), pos(u));
                    if cand < best.0 {
                        best = (cand, v);
                    }
                }
            }
            g[ui] = best.0;
            parent[ui] = best.1;
            if best.1 == NONE {
                state[ui] = CLOSED;
                continue;
            }
        }
        state[ui] = CLOSED;
        expanded += 1;
        if u == t {
            progress(total_m, total_m);
            break;
        }
        closest_m = closest_m.min((h(u) / HEURISTIC_WEIGHT) as u64);
        // Told at most about 500 times over the search: progress is for people.
        if (total_m - closest_m) * 500 >= (reported_m + 1) * total_m {
            reported_m = total_m - closest_m;
            progress(reported_m, total_m);
        }
        let (c, r) = pos(u);
        let pu = parent[ui];
        for (dc, dr) in NB {
            if !step_ok(c, r, dc, dr) {
                continue;
            }
            let v = idx((c as isize + dc) as usize, (r as isize + dr) as usize);
            let vi = v as usize;
            if state[vi] == CLOSED {
                continue;
            }
            // Path 2: assume the parent of u sees v (checked when v is expanded) — unless the
            // parent is more than MAX_SIGHT_CELLS away, then u itself (path 1).
            let (pc, pr) = pos(pu);
            let (vc, vr) = pos(v);
            let far = (pc as f64 - vc as f64).hypot(pr as f64 - vr as f64) > MAX_SIGHT_CELLS;
            let via = if far { u } else { pu };
            let mut cand = g[via as usize] + dist(via, v) + extra(pos(via), pos(v));
            let mut via = via;
            if cand.is_infinite() && via != u {
                // The parent's segment is forbidden (a bad crossing): path 1 through u.
                via = u;
                cand = g[ui] + dist(u, v) + extra(pos(u), pos(v));
            }
            if cand.is_finite() && (state[vi] == 0 || cand < g[vi]) {
                let hv = h(v);
                if hv.is_infinite() {
                    g[vi] = f64::INFINITY; // never a parent
                    state[vi] = CLOSED; // cannot reach the goal
                    continue;
                }
                g[vi] = cand;
                parent[vi] = via;
                state[vi] = OPEN;
                heap.push(Reverse((key(cand + hv), v)));
            }
        }
    }
    if state[t as usize] != CLOSED {
        return None;
    }
    let mut chain = vec![t];
    while *chain.last()? != s {
        let p = parent[*chain.last()? as usize];
        if p == NONE || chain.len() > n {
            return None;
        }
        chain.push(p);
    }
    chain.reverse();
    let vertices = simplify_with(
        mask,
        &chain.iter().map(|&i| pos(i)).collect::<Vec<_>>(),
        &extra,
    );
    let length_m = path_length(&vertices, dx, dy);
    Some(GridPath {
        vertices,
        length_m,
        expanded,
    })
}

/// Greedy line-of-sight simplification: from the last kept vertex, advance while the next vertex
/// is still in sight, and keep the last one seen.
/// A merged segment must also cost no more `extra` (see [`any_angle_path_with`]) than the
/// pieces it replaces.
pub fn simplify_with(
    mask: &NavMask,
    path: &[(usize, usize)],
    extra: &impl Fn((usize, usize), (usize, usize)) -> f64,
) -> Vec<(usize, usize)> {
    if path.len() <= 2 {
        return path.to_vec();
    }
    let f = |p: (usize, usize)| (p.0 as f64, p.1 as f64);
    let mut out = vec![path[0]];
    let mut i = 0;
    while i < path.len() - 1 {
        let mut j = i + 1;
        // Extra cost of the pieces from path[i] to path[j].
        let mut pieces = extra(path[i], path[j]);
        while j + 1 < path.len() && mask.clear(f(path[i]), f(path[j + 1])) {
            let with_next = pieces + extra(path[j], path[j + 1]);
            if extra(path[i], path[j + 1]) > with_next + 1e-9 {
                break;
            }
            pieces = with_next;
            j += 1;
        }
        out.push(path[j]);
        i = j;
    }
    out
}

/// Length (m) of a polyline of cell centres.
pub fn path_length(vertices: &[(usize, usize)], dx: f64, dy: f64) -> f64 {
    vertices
        .windows(2)
        .map(|w| ((w[1].0 as f64 - w[0].0 as f64) * dx).hypot((w[1].1 as f64 - w[0].1 as f64) * dy))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_water_gives_the_straight_line() {
        let m = NavMask::from_blocked(50, 40, |_, _| false);
        let p = any_angle_path(&m, (2, 3), (45, 30), 10.0, 10.0).unwrap();
        assert_eq!(p.vertices, vec![(2, 3), (45, 30)]);
        let straight = (43.0f64 * 10.0).hypot(27.0 * 10.0);
        assert!((p.length_m - straight).abs() < 1e-9);
    }

    #[test]
    fn a_wall_with_a_gap_is_passed_through_the_gap() {
        // Wall at column 20 except rows 30..=33.
        let m = NavMask::from_blocked(41, 41, |c, r| c == 20 && !(30..=33).contains(&r));
        let p = any_angle_path(&m, (5, 5), (35, 5), 1.0, 1.0).unwrap();
        for w in p.vertices.windows(2) {
            let f = |q: (usize, usize)| (q.0 as f64, q.1 as f64);
            assert!(m.clear(f(w[0]), f(w[1])));
        }
        // The navigable squares through the wall span u ∈ [19, 21], v ∈ [30, 33], so the
        // shortest path runs (5,5) → (19,30) → (21,30) → (35,5).
        let ideal = 2.0 * 14.0f64.hypot(25.0) + 2.0;
        assert!(p.length_m >= ideal - 1e-9, "{}", p.length_m);
        assert!(p.length_m < ideal * 1.02, "{} vs {ideal}", p.length_m);
        assert!(p.vertices.len() <= 4, "{:?}", p.vertices);
    }

    #[test]
    fn progress_rises_to_the_total_round_the_wall() {
        let m = NavMask::from_blocked(41, 41, |c, r| c == 20 && !(30..=33).contains(&r));
        let seen = std::sync::Mutex::new(Vec::new());
        let report = |d: u64, t: u64| seen.lock().unwrap().push((d, t));
        any_angle_path_with(&m, (5, 5), (35, 5), 1.0, 1.0, |_, _| 0.0, &report).unwrap();
        let seen = seen.into_inner().unwrap();
        let total = seen[0].1;
        // The estimate goes round the wall through the gap: longer than the straight 30 m.
        assert!(total as f64 > 2.0 * 14.0f64.hypot(25.0) - 2.0, "{total}");
        assert_eq!(seen[0].0, 0);
        assert_eq!(*seen.last().unwrap(), (total, total));
        assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0 && w[1].1 == total));
        assert!(seen.len() > 3 && seen.len() <= 502, "{}", seen.len());
    }

    #[test]
    fn no_path_and_unsafe_ends_give_none() {
        let m = NavMask::from_blocked(20, 20, |c, _| c == 10);
        assert!(any_angle_path(&m, (2, 2), (18, 2), 1.0, 1.0).is_none());
        assert!(any_angle_path(&m, (10, 2), (2, 2), 1.0, 1.0).is_none());
    }

    #[test]
    fn start_equals_goal() {
        let m = NavMask::from_blocked(5, 5, |_, _| false);
        let p = any_angle_path(&m, (2, 2), (2, 2), 1.0, 1.0).unwrap();
        assert_eq!(p.vertices, vec![(2, 2)]);
        assert_eq!(p.length_m, 0.0);
    }
}
