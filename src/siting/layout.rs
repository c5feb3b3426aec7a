//! Automatic layout of N cabins: a deterministic greedy placement over the suitability map.
//!
//! Candidates are the feasible cell centres, taken in order of score (ties: north-west first).
//! Each is checked exactly before it is accepted — the footprint polygon against every exclusion
//! zone, and the edge-to-edge distance to every cabin already placed (oriented footprints, geo's
//! Euclidean polygon distance) — at its best heading first, then at its other feasible headings.
//! Because the score rewards short cables, cabins gather near the landing points. Greedy is not
//! optimal (it is the classic first-fit heuristic for packing), but it is deterministic, respects
//! every constraint by construction, and explains what blocked the cabins it could not place.

use super::footprint::{Footprint, FootprintStats, Shape, footprint_stats};
use super::model::{Limits, SiteModel, fail};
use super::suitability::{SuitabilityMap, suitability};
use crate::progress::silent;
use crate::zones::ZoneIndex;
use geo::{Distance, Euclidean, Intersects, Polygon};
use std::collections::HashMap;

/// First batch of candidates sorted; later batches double.
const FIRST_BATCH: usize = 4096;

/// One cabin the layout placed.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedCabin {
    /// Easting of the cabin centre (working CRS, m): a feasible cell centre.
    pub x: f64,
    /// Northing of the cabin centre (working CRS, m).
    pub y: f64,
    /// Heading of the footprint's long axis (degrees clockwise from grid north).
    pub grid_heading_deg: f64,
    /// Seabed under the placed footprint.
    pub stats: FootprintStats,
    /// Distance to the nearest landing point (m) and its id.
    pub cable: Option<(String, f64)>,
    /// Suitability score of the cell it was placed on (a ranking in [0, 1], not a physical
    /// quantity).
    pub score: f32,
}

/// The outcome: what was placed and, when fewer than asked, why.
#[derive(Clone, Debug, PartialEq)]
pub struct LayoutReport {
    /// Number of cabins asked for.
    pub requested: usize,
    /// Cabins placed, in order of placement (best score first).
    pub placed: Vec<PlacedCabin>,
    /// Grid cells where no heading is feasible, counted per failed constraint.
    pub blocked_cells: Vec<(&'static str, usize)>,
    /// Cells of the grid.
    pub total_cells: usize,
    /// Cells where some heading is feasible (the candidates).
    pub feasible_cells: usize,
    /// Feasible cells tried and refused because a cabin there would sit too close to another.
    pub rejected_spacing: usize,
    /// Feasible cells refused by the exact footprint-against-zone test.
    pub rejected_exclusion: usize,
}

impl LayoutReport {
    /// A sentence on what blocked the cabins not placed (empty when all were placed).
    pub fn why_short(&self) -> String {
        if self.placed.len() >= self.requested {
            return String::new();
        }
        let reasons: Vec<String> = self
            .blocked_cells
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(name, n)| format!("{name} {n}"))
            .collect();
        format!(
            "placed {} of {} cabins: {} of {} cells are feasible; cells failing per constraint: {}; \
             feasible places refused for spacing: {}, for an exclusion zone: {}",
            self.placed.len(),
            self.requested,
            self.feasible_cells,
            self.total_cells,
            if reasons.is_empty() {
                "none".into()
            } else {
                reasons.join(", ")
            },
            self.rejected_spacing,
            self.rejected_exclusion
        )
    }
}

/// Places up to `n` cabins of `shape` at the given headings (degrees from grid north), keeping
/// clear of the `existing` footprints.
pub fn layout(
    site: &SiteModel,
    limits: &Limits,
    shape: Shape,
    grid_headings_deg: &[f64],
    n: usize,
    existing: &[Footprint],
) -> LayoutReport {
    let map = suitability(site, limits, shape, grid_headings_deg, &silent);
    layout_on_map(site, limits, shape, &map, n, existing)
}

/// [`layout`] on an already computed map.
pub fn layout_on_map(
    site: &SiteModel,
    limits: &Limits,
    shape: Shape,
    map: &SuitabilityMap,
    n: usize,
    existing: &[Footprint],
) -> LayoutReport {
    let g = site.grid;
    let mut blocked = fail::NAMES.map(|(_, name)| (name, 0usize)).to_vec();
    let mut candidates: Vec<(f32, u32)> = Vec::new();
    for (k, &m) in map.mask.iter().enumerate() {
        if m == 0 {
            candidates.push((map.score[k], k as u32));
        } else {
            for (i, (bit, _)) in fail::NAMES.iter().enumerate() {
                if m & bit != 0 {
                    blocked[i].1 += 1;
                }
            }
        }
    }
    let feasible_cells = candidates.len();
    let spacing = limits.min_spacing_m.unwrap_or(0.0);
    let mut placed_index =
        SpacingIndex::new(spacing + 2.0 * shape.radius().max(existing_radius(existing)));
    for fp in existing {
        placed_index.insert(*fp);
    }
    let zones = ZoneIndex::new(&site.zones);
    let mut report = LayoutReport {
        requested: n,
        placed: Vec::new(),
        blocked_cells: blocked,
        total_cells: map.mask.len(),
        feasible_cells,
        rejected_spacing: 0,
        rejected_exclusion: 0,
    };
    let order = |a: &(f32, u32), b: &(f32, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
    let mut batch = FIRST_BATCH;
    let mut rest = candidates.as_mut_slice();
    while report.placed.len() < n && !rest.is_empty() {
        let k = batch.min(rest.len());
        if k < rest.len() {
            rest.select_nth_unstable_by(k - 1, order);
        }
        let (head, tail) = std::mem::take(&mut rest).split_at_mut(k);
        head.sort_unstable_by(order);
        for &(score, cell) in head.iter() {
            if report.placed.len() >= n {
                break;
            }
            let (col, row) = (cell as usize % g.width, cell as usize / g.width);
            let (x, y) = g.transform.cell_center(col, row);
            let best = map.heading[cell as usize] as usize;
            let bits = map.feasible[cell as usize];
            let order_h = std::iter::once(best).chain(
                (0..map.grid_headings_deg.len()).filter(|&i| i != best && bits & (1 << i) != 0),
            );
            let mut refused_spacing = false;
            let mut refused_zone = false;
            for hi in order_h {
                let fp = Footprint {
                    x,
                    y,
                    grid_heading_deg: map.grid_headings_deg[hi],
                    shape,
                };
                let poly = fp.polygon();
                if zones.on_polygon(&poly).is_some() {
                    refused_zone = true;
                    continue;
                }
                if placed_index.conflicts(&fp, &poly, spacing) {
                    refused_spacing = true;
                    continue;
                }
                placed_index.insert(fp);
                let cable = site
                    .nearest_landing(x, y)
                    .map(|(id, d)| (id.to_string(), d));
                report.placed.push(PlacedCabin {
                    x,
                    y,
                    grid_heading_deg: fp.grid_heading_deg,
                    stats: footprint_stats(&fp, g, &site.slope_deg, site.tide_offset_m),
                    cable,
                    score,
                });
                refused_spacing = false;
                refused_zone = false;
                break;
            }
            report.rejected_spacing += refused_spacing as usize;
            report.rejected_exclusion += (refused_zone && !refused_spacing) as usize;
        }
        rest = tail;
        batch = batch.saturating_mul(2);
    }
    report
}

fn existing_radius(existing: &[Footprint]) -> f64 {
    existing
        .iter()
        .map(|f| f.shape.radius())
        .fold(0.0, f64::max)
}

/// A placed footprint with its polygon.
type PlacedShape = (Footprint, Polygon<f64>);

/// Placed footprints hashed into square buckets of the largest centre distance at which two
/// footprints can still be closer than the spacing, so a test looks at 3 × 3 buckets.
struct SpacingIndex {
    bucket: f64,
    cells: HashMap<(i64, i64), Vec<PlacedShape>>,
}

impl SpacingIndex {
    fn new(bucket: f64) -> Self {
        SpacingIndex {
            bucket: bucket.max(1e-3),
            cells: HashMap::new(),
        }
    }

    fn key(&self, x: f64, y: f64) -> (i64, i64) {
        (
            (x / self.bucket).floor() as i64,
            (y / self.bucket).floor() as i64,
        )
    }

    fn insert(&mut self, fp: Footprint) {
        let k = self.key(fp.x, fp.y);
        self.cells.entry(k).or_default().push((fp, fp.polygon()));
    }

    /// True when `fp` overlaps a placed footprint or comes closer than `spacing` to one.
    fn conflicts(&self, fp: &Footprint, poly: &Polygon<f64>, spacing: f64) -> bool {
        let (kx, ky) = self.key(fp.x, fp.y);
        for dx in -1..=1 {
            for dy in -1..=1 {
                let Some(list) = self.cells.get(&(kx + dx, ky + dy)) else {
                    continue;
                };
                for (other, opoly) in list {
                    let centre = (fp.x - other.x).hypot(fp.y - other.y);
                    if centre >= spacing + fp.shape.radius() + other.shape.radius() {
                        continue;
                    }
                    let d = distance_between(fp, poly, other, opoly);
                    if d < spacing || d == 0.0 {
                        return true;
                    }
                }
            }
        }
        false
    }
}

/// Edge-to-edge distance between two footprints (0 when they overlap or touch).
pub fn footprint_distance(a: &Footprint, b: &Footprint) -> f64 {
    distance_between(a, &a.polygon(), b, &b.polygon())
}

fn distance_between(a: &Footprint, pa: &Polygon<f64>, b: &Footprint, pb: &Polygon<f64>) -> f64 {
    if a.shape.is_round() && b.shape.is_round() {
        let d = (a.x - b.x).hypot(a.y - b.y) - a.shape.radius() - b.shape.radius();
        return d.max(0.0);
    }
    if pa.intersects(pb) {
        0.0
    } else {
        Euclidean.distance(pa, pb)
    }
}
