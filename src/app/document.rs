//! The document: a mission open in the planner with its [`LoadedSite`] (grid, overview pyramid,
//! CRSs), its undo [`History`] and the [`Selection`] of one of its objects. Plain data with no
//! planner logic, below the state, the edits and everything that draws.

use super::raster::pyramid::Pyramid;
use crate::bathymetry::Grid;
use crate::bathymetry::terrain::slope_filled_at;
use crate::geodesy::{Crs, Transformer};
use crate::mission::{Context, Mission};
use std::path::PathBuf;
use std::sync::Arc;

/// The loaded site of a mission: its grid in the working CRS and where things came from (the
/// mission's `[site]` section, [`crate::mission::Site`], says where to find them).
pub struct LoadedSite {
    pub mission_path: PathBuf,
    pub grid_path: PathBuf,
    pub grid_source_crs: Crs,
    pub working_crs: Crs,
    pub grid: Arc<Grid>,
    pub pyramid: Arc<Pyramid>,
}

impl LoadedSite {
    /// A [`Context`] for library calls (validation, exports) over the current mission.
    pub fn context(&self, mission: &Mission) -> Context {
        Context {
            mission: mission.clone(),
            path: self.mission_path.clone(),
            grid_path: self.grid_path.clone(),
            grid_source_crs: self.grid_source_crs.clone(),
            working_crs: self.working_crs.clone(),
            grid: self.grid.clone(),
        }
    }

    /// WGS 84 lon/lat → working-CRS metres.
    pub fn to_work(&self, lon: f64, lat: f64) -> Option<[f64; 2]> {
        let t = Transformer::cached(&Crs::wgs84(), &self.working_crs).ok()?;
        t.convert(lon, lat).ok().map(|(x, y)| [x, y])
    }

    /// Working-CRS metres → WGS 84 lon/lat.
    pub fn to_lonlat(&self, x: f64, y: f64) -> Option<[f64; 2]> {
        let t = Transformer::cached(&self.working_crs, &Crs::wgs84()).ok()?;
        t.convert(x, y).ok().map(|(a, b)| [a, b])
    }

    /// Grid extent (xmin, ymin, xmax, ymax).
    pub fn extent(&self) -> [f64; 4] {
        let (a, b, c, d) = self.grid.extent();
        [a, b, c, d]
    }

    /// Depth (m, positive down) at the planning level (bilinear) and seabed slope (degrees) at a
    /// point: the Horn slope of the cell under it, as siting judges it
    /// ([`crate::bathymetry::terrain::slope_filled_at`]).
    pub fn depth_and_slope(
        &self,
        tide_offset_m: f64,
        x: f64,
        y: f64,
    ) -> (Option<f64>, Option<f64>) {
        let g = &self.grid;
        let z = |x: f64, y: f64| {
            g.sample_bilinear(x, y)
                .map(|v| v as f64)
                .filter(|v| v.is_finite())
        };
        let depth = z(x, y).map(|e| -(e + tide_offset_m));
        let (px, py) = g.transform.to_pixel(x, y);
        let (c, r) = (px.floor(), py.floor());
        let (dx, dy) = (g.transform.dx, g.transform.dy);
        let slope = (g.contains(x, y) && c >= 0.0 && r >= 0.0)
            .then(|| {
                let (c, r) = (
                    (c as usize).min(g.width - 1),
                    (r as usize).min(g.height - 1),
                );
                slope_filled_at(&g.data, g.width, g.height, c, r, dx, dy)
            })
            .flatten()
            .map(f64::from);
        (depth, slope)
    }
}

/// A mission open in the planner.
pub struct Document {
    pub mission: Mission,
    /// Where it is saved (relative grid paths resolve against it).
    pub path: PathBuf,
    pub site: Arc<LoadedSite>,
    pub history: History,
    /// Bumped by every change to `mission` (undo and redo included): the key of what is
    /// derived from it.
    pub revision: u64,
    /// The [`History::state`] that was last saved or loaded; `None` when no state of the history
    /// is on disk (a recovered autosave).
    pub saved_state: Option<u64>,
}

impl Document {
    pub fn new(mission: Mission, site: Arc<LoadedSite>) -> Self {
        Document {
            mission,
            path: site.mission_path.clone(),
            site,
            history: History::default(),
            revision: 0,
            saved_state: Some(0),
        }
    }

    /// Unsaved changes exist: the mission is not in the state last saved or loaded (undoing back
    /// to it clears the mark, redoing away sets it again).
    pub fn dirty(&self) -> bool {
        self.saved_state != Some(self.history.state())
    }

    /// Records that the mission as it is now is what the file holds.
    pub fn mark_saved(&mut self) {
        self.saved_state = Some(self.history.state());
    }
}

/// What is selected on the map and in the inspector.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Selection {
    #[default]
    None,
    Cabin(usize),
    Waypoint(usize),
    LandingPoint(usize),
    Zone(usize),
    Turbine(usize),
    /// A cable of the mission's `[[cables]]`.
    Cable(usize),
}

/// A finished load: the mission and its site.
pub struct Loaded {
    pub mission: Mission,
    pub site: LoadedSite,
    /// Came from the recovery file: the document starts dirty.
    pub recovered: bool,
}

/// Snapshot undo/redo of the mission (missions are small: kilobytes). Every state the mission
/// passes through gets a number, kept with its snapshot, so that undoing back to the saved
/// state is recognised as clean.
#[derive(Default)]
pub struct History {
    undo: Vec<(Mission, u64)>,
    redo: Vec<(Mission, u64)>,
    /// The gesture the last recorded edit belonged to, while it is still open.
    open_gesture: Option<u64>,
    /// Number of the current state (0: as loaded).
    state: u64,
    /// Numbers given out so far.
    issued: u64,
}

/// Most undo steps kept (rerun keeps 100).
const MAX_UNDO: usize = 100;

impl History {
    /// Call before applying an edit to `m`; records a snapshot unless it continues the open gesture.
    /// Every edit makes a new state, also within a gesture (it may continue after a save).
    pub fn before_edit(&mut self, m: &Mission, gesture: Option<u64>) {
        let previous = self.state;
        self.issued += 1;
        self.state = self.issued;
        if gesture.is_some() && gesture == self.open_gesture {
            return;
        }
        self.undo.push((m.clone(), previous));
        if self.undo.len() > MAX_UNDO {
            self.undo.remove(0);
        }
        self.redo.clear();
        self.open_gesture = gesture;
    }

    /// The next edit starts a new undo step.
    pub fn end_gesture(&mut self) {
        self.open_gesture = None;
    }

    /// Restores the previous mission; `current` goes to the redo stack.
    pub fn undo(&mut self, current: &mut Mission) -> bool {
        self.open_gesture = None;
        match self.undo.pop() {
            Some((prev, state)) => {
                let now = std::mem::replace(current, prev);
                self.redo
                    .push((now, std::mem::replace(&mut self.state, state)));
                true
            }
            None => false,
        }
    }

    pub fn redo(&mut self, current: &mut Mission) -> bool {
        self.open_gesture = None;
        match self.redo.pop() {
            Some((next, state)) => {
                let now = std::mem::replace(current, next);
                self.undo
                    .push((now, std::mem::replace(&mut self.state, state)));
                true
            }
            None => false,
        }
    }

    /// The number of the mission's current state.
    pub fn state(&self) -> u64 {
        self.state
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mission::Site;

    /// Edits (each to a new name), undos, redos and saves in a fixed pseudo-random order: the
    /// current state is the saved one exactly when the mission equals the saved copy (names are
    /// never reused, so equal content means the same state).
    #[test]
    fn the_saved_state_is_recognised_after_undo_and_redo() {
        let mut m = Mission::new("m0", Site::on_grid("g.asc"));
        let mut h = History::default();
        let mut saved = (m.clone(), h.state());
        let mut seed = 12345u64;
        let mut names = 0;
        let mut seen_clean_after_undo = false;
        for step in 0..2000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            match (seed >> 33) % 7 {
                0..=2 => {
                    // A drag continues its gesture for a few steps.
                    h.before_edit(&m, Some(step / 3));
                    names += 1;
                    m.name = format!("m{names}");
                }
                3 => {
                    h.end_gesture();
                }
                4 => {
                    let clean_before = m == saved.0;
                    if h.undo(&mut m) && !clean_before && m == saved.0 {
                        seen_clean_after_undo = true;
                    }
                }
                5 => {
                    h.redo(&mut m);
                }
                _ => saved = (m.clone(), h.state()),
            }
            assert_eq!(h.state() == saved.1, m == saved.0, "step {step}");
        }
        assert!(
            seen_clean_after_undo,
            "the sequence never undid back to a save"
        );
    }
}
