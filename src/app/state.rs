//! The planner's state in three parts, as egui_demo_app and rerun split theirs:
//! [`Document`] (the mission being edited, with its loaded site and undo history),
//! [`ViewState`] (what the user looks at: map view, selection, tool, layers, dialogs) and
//! [`Runtime`] (jobs, textures, derived geometry — nothing saved).

use super::actions::History;
use super::jobs::Job;
use super::map::colour::ColourMap;
use super::map::pyramid::Pyramid;
use super::map::scene::Scene;
use super::map::tiles::TileLayer;
use super::map::view::MapView;
use crate::bathymetry::Grid;
use crate::bathymetry::terrain::slope_filled_at;
use crate::finding::Finding;
use crate::geodesy::{Crs, Transformer};
use crate::mission::{Context, Mission};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::Arc;

/// The loaded site of a mission: its grid in the working CRS and where things came from.
pub struct Site {
    pub mission_path: PathBuf,
    pub grid_path: PathBuf,
    pub grid_source_crs: Crs,
    pub working_crs: Crs,
    pub grid: Arc<Grid>,
    pub pyramid: Arc<Pyramid>,
}

impl Site {
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
    pub site: Arc<Site>,
    pub history: History,
    /// Bumped by every change to `mission`.
    pub revision: u64,
    /// `revision` at the last save or load.
    pub saved_revision: u64,
}

impl Document {
    pub fn new(mission: Mission, site: Arc<Site>) -> Self {
        Document {
            mission,
            path: site.mission_path.clone(),
            site,
            history: History::default(),
            revision: 0,
            saved_revision: 0,
        }
    }

    /// Unsaved changes exist.
    pub fn dirty(&self) -> bool {
        self.revision != self.saved_revision
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
}

/// The active map tool.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Tool {
    /// Click selects, drag moves the selected object, drag on empty water pans.
    #[default]
    Select,
    /// Click places a new cabin of the first cabin type.
    AddCabin,
    /// Drag around the selected cabin sets its heading.
    Rotate,
    /// Click two points: geodesic distance and bearing.
    Measure,
    /// Click to append a waypoint to the route.
    DrawRoute,
    /// Click the corners of an exclusion zone; click the first corner again or press Enter to
    /// close it.
    DrawZone,
}

impl Tool {
    pub const ALL: [Tool; 6] = [
        Tool::Select,
        Tool::AddCabin,
        Tool::Rotate,
        Tool::Measure,
        Tool::DrawRoute,
        Tool::DrawZone,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Tool::Select => "Select / move",
            Tool::AddCabin => "Add cabin",
            Tool::Rotate => "Rotate",
            Tool::Measure => "Measure",
            Tool::DrawRoute => "Draw route",
            Tool::DrawZone => "Draw zone",
        }
    }

    pub fn key(self) -> egui::Key {
        match self {
            Tool::Select => egui::Key::S,
            Tool::AddCabin => egui::Key::A,
            Tool::Rotate => egui::Key::R,
            Tool::Measure => egui::Key::M,
            Tool::DrawRoute => egui::Key::W,
            Tool::DrawZone => egui::Key::E,
        }
    }
}

/// Visibility and opacity of the map layers, and the raster's colouring.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Layers {
    pub bathymetry: bool,
    pub bathymetry_opacity: f32,
    pub colour_map: ColourMap,
    pub hillshade: bool,
    pub hillshade_z: f32,
    pub cabins: bool,
    pub zones: bool,
    pub zones_opacity: f32,
    pub landing_points: bool,
    pub route: bool,
    pub turbines: bool,
    pub track: bool,
    /// Where a cabin of the selected (else first) type can stand; off by default (it is
    /// computed on a worker when first switched on).
    pub suitability: bool,
    pub suitability_opacity: f32,
    /// Labelled isobaths (contoured on a worker when first switched on).
    pub contours: bool,
    pub graticule: bool,
    pub labels: bool,
}

impl Default for Layers {
    fn default() -> Self {
        Layers {
            bathymetry: true,
            bathymetry_opacity: 1.0,
            colour_map: ColourMap::Bathymetry,
            hillshade: true,
            hillshade_z: 4.0,
            cabins: true,
            zones: true,
            zones_opacity: 0.35,
            landing_points: true,
            route: true,
            turbines: true,
            track: true,
            suitability: false,
            suitability_opacity: 0.55,
            contours: false,
            graticule: true,
            labels: true,
        }
    }
}

/// Preferences kept between sessions (eframe storage), never the mission itself.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub recent: Vec<PathBuf>,
    pub dark: bool,
    pub layers: Layers,
    /// Show the chart panel under the map.
    pub charts: bool,
    /// Use the desktop's file dialog (xdg-desktop-portal) instead of the in-app one.
    pub system_dialogs: bool,
    /// Folders files were last opened from or saved to, newest first.
    pub folders: Vec<PathBuf>,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            recent: Vec::new(),
            dark: false,
            layers: Layers::default(),
            charts: true,
            system_dialogs: false,
            folders: Vec::new(),
        }
    }
}

impl Prefs {
    /// Puts `path` first in the recent files (at most 8).
    pub fn remember(&mut self, path: &std::path::Path) {
        let p = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|r| *r != p);
        self.recent.insert(0, p);
        self.recent.truncate(8);
    }

    /// Puts `dir` first in the recent folders (at most 8).
    pub fn remember_folder(&mut self, dir: &std::path::Path) {
        if dir.as_os_str().is_empty() {
            return;
        }
        let d = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        self.folders.retain(|r| *r != d);
        self.folders.insert(0, d);
        self.folders.truncate(8);
    }

    /// The recent folders, then the folders of the recent files, each once (at most 8).
    pub fn recent_folders(&self) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = Vec::new();
        let files = self.recent.iter().filter_map(|f| f.parent());
        for d in self.folders.iter().map(PathBuf::as_path).chain(files) {
            if out.len() < 8 && !d.as_os_str().is_empty() && !out.iter().any(|o| o == d) {
                out.push(d.to_path_buf());
            }
        }
        out
    }
}

/// Something that waits for the user's answer about unsaved changes.
#[derive(Clone, Debug, PartialEq)]
pub enum AfterConfirm {
    Open(PathBuf),
    Quit,
}

/// Measuring: the first point, and the second once clicked (working-CRS metres).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Measure {
    pub a: Option<[f64; 2]>,
    pub b: Option<[f64; 2]>,
}

/// What the user sees and has chosen, apart from the mission.
#[derive(Default)]
pub struct ViewState {
    pub map: MapView,
    /// Frame the grid on the next map frame (after a load).
    pub fit_pending: bool,
    /// Where the map was drawn last frame (tests click into it).
    pub map_rect: Option<egui::Rect>,
    pub selection: Selection,
    pub tool: Tool,
    pub prefs: Prefs,
    pub findings: Vec<Finding>,
    /// Document revision the findings were computed for.
    pub findings_revision: Option<u64>,
    pub measure: Measure,
    /// Corners of the exclusion zone being drawn (working-CRS metres).
    pub zone_draft: Vec<[f64; 2]>,
    /// Cursor position on the map (working-CRS metres).
    pub cursor: Option<[f64; 2]>,
    /// An error to show in a window (a failed open keeps the current work).
    pub error: Option<String>,
    /// Last message for the status bar.
    pub status: String,
    pub show_help: bool,
    pub confirm: Option<AfterConfirm>,
    /// A recovery file found at start-up: (mission path it belongs to, when written).
    pub recovery_offer: Option<super::recovery::RecoveryInfo>,
    /// Allowed to close (the unsaved-changes question was answered).
    pub close_confirmed: bool,
    /// The primary-button drag in progress on the map.
    pub drag: Option<super::map::MapDrag>,
    pub chart_tab: super::panels::charts::ChartTab,
    /// The route tool's next click starts a new route (else it extends the route).
    pub route_new: bool,
    /// Ask before planning into a hand-built route.
    pub plan_question: bool,
    /// The in-app file dialog, while open.
    pub file_dialog: Option<super::file_dialog::FileDialog>,
    /// The "Lay out cabins" window, while open.
    pub layout_dialog: Option<super::tools::LayoutDialog>,
    /// Counter for gesture keys (one drag or one field edit = one undo step).
    pub next_gesture: u64,
}

/// A finished load: the mission and its site.
pub struct Loaded {
    pub mission: Mission,
    pub site: Site,
    /// Came from the recovery file: the document starts dirty.
    pub recovered: bool,
}

/// Runtime-only things: jobs, textures, geometry derived from the mission.
#[derive(Default)]
pub struct Runtime {
    pub load: Option<Job<Loaded>>,
    pub validate: Option<Job<(u64, Vec<Finding>)>>,
    pub autosave: Option<Job<()>>,
    pub track_job: Option<Job<super::exchange::Track>>,
    /// The as-run track shown over the plan.
    pub track: Option<super::exchange::Track>,
    pub tiles: Option<TileLayer>,
    /// The charts of the current revision (or the last one while the next is computed).
    pub analysis: Option<super::analysis::Analysis>,
    pub analysis_job: Option<Job<super::analysis::Analysis>>,
    /// The running automatic layout or route planning.
    pub tool_job: Option<super::tools::ToolJob>,
    pub scene: Scene,
    /// The suitability overlay and its worker.
    pub suitability: super::map::suitability::SuitabilityLayer,
    /// The isobaths and their worker.
    pub contours: super::map::contours::ContourLayer,
    /// The live positioning input, its window and what it received.
    pub live: super::live_panel::LiveSession,
    /// Document revision `scene` was built for (`None`: rebuild).
    pub scene_revision: Option<u64>,
    /// Frames drawn since start (for the screenshot's settling).
    pub frames: u64,
    pub last_autosave: Option<std::time::Instant>,
}
