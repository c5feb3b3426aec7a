//! The planner's state in three parts, as egui_demo_app and rerun split theirs: the
//! [`Document`](super::document::Document) (the mission being edited, with its loaded site and
//! undo history), the [`ViewState`] (what the user looks at: map view, selection, tool,
//! layers, dialogs) and the [`Runtime`] (jobs, textures, derived geometry — nothing saved).
//!
//! Plain data: this module holds the types of the planner's windows and jobs, but none of the
//! logic that fills them (that sits in the tools, panels and commands above it).

use super::analysis::Analysis;
use super::cable_draft::CableDraft;
use super::campaign_run::CampaignRun;
use super::document::{Loaded, Selection};
use super::file_dialog::{AfterConfirm, FileDialog};
use super::jobs::Job;
use super::live_session::LiveSession;
use super::raster::colour::ColourMap;
use super::raster::tiles::TileLayer;
use super::raster::view::MapView;
use super::recovery::RecoveryInfo;
use super::scene::Scene;
use super::scene::contours::ContourLayer;
use super::scene::suitability::SuitabilityLayer;
use super::scene::wake::WakeLayer;
use crate::finding::Finding;
use crate::mission::{Cabin, Mission, Route};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

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
    /// Click the start object (cabin, landing point or substation, turbine), waypoints on the
    /// water, then the end object; Enter or a double-click adds the cable.
    DrawCable,
}

impl Tool {
    pub const ALL: [Tool; 7] = [
        Tool::Select,
        Tool::AddCabin,
        Tool::Rotate,
        Tool::Measure,
        Tool::DrawRoute,
        Tool::DrawZone,
        Tool::DrawCable,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Tool::Select => "Select / move",
            Tool::AddCabin => "Add cabin",
            Tool::Rotate => "Rotate",
            Tool::Measure => "Measure",
            Tool::DrawRoute => "Draw route",
            Tool::DrawZone => "Draw zone",
            Tool::DrawCable => "Draw cable",
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
            Tool::DrawCable => egui::Key::C,
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
    /// Power and fibre cables, their free spans and crossings.
    pub cables: bool,
    /// Where a cabin of the selected (else first) type can stand; off by default (it is
    /// computed on a worker when first switched on).
    pub suitability: bool,
    pub suitability_opacity: f32,
    /// Labelled isobaths (contoured on a worker when first switched on).
    pub contours: bool,
    /// The wind farm's wake footprint (computed on a worker when first switched on).
    pub wake: bool,
    pub wake_opacity: f32,
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
            cables: true,
            suitability: false,
            suitability_opacity: 0.55,
            contours: false,
            wake: false,
            wake_opacity: 0.8,
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
    /// The cable being drawn with the draw-cable tool.
    pub cable_draft: CableDraft,
    /// Cursor position on the map (working-CRS metres).
    pub cursor: Option<[f64; 2]>,
    /// An error to show in a window (a failed open keeps the current work).
    pub error: Option<String>,
    /// Last message for the status bar.
    pub status: String,
    pub show_help: bool,
    pub confirm: Option<AfterConfirm>,
    /// A recovery file found at start-up: (mission path it belongs to, when written).
    pub recovery_offer: Option<RecoveryInfo>,
    /// Allowed to close (the unsaved-changes question was answered).
    pub close_confirmed: bool,
    /// The primary-button drag in progress on the map.
    pub drag: Option<MapDrag>,
    pub chart_tab: ChartTab,
    /// The route tool's next click starts a new route (else it extends the route).
    pub route_new: bool,
    /// Ask before planning into a hand-built route.
    pub plan_question: bool,
    /// The in-app file dialog, while open.
    pub file_dialog: Option<FileDialog>,
    /// The "Lay out cabins" window, while open.
    pub layout_dialog: Option<LayoutDialog>,
    /// The cabins the last automatic layout added (indices), highlighted on the map while the
    /// mission is at the revision recorded with them.
    pub added_cabins: Option<(u64, std::ops::Range<usize>)>,
    /// Counter for gesture keys (one drag or one field edit = one undo step).
    pub next_gesture: u64,
}

/// Runtime-only things: jobs, textures, geometry derived from the mission.
#[derive(Default)]
pub struct Runtime {
    pub load: Option<Job<Loaded>>,
    pub validate: Option<Job<(u64, Vec<Finding>)>>,
    pub autosave: Option<Job<()>>,
    pub track_job: Option<Job<Track>>,
    /// The as-run track shown over the plan.
    pub track: Option<Track>,
    pub tiles: Option<TileLayer>,
    /// The charts of the current revision (or the last one while the next is computed).
    pub analysis: Option<Analysis>,
    pub analysis_job: Option<Job<Analysis>>,
    /// The running automatic layout or route planning.
    pub tool_job: Option<ToolJob>,
    /// The Campaign tab's simulation (run when asked) and its last result.
    pub campaign: CampaignRun,
    pub scene: Scene,
    /// The suitability overlay and its worker.
    pub suitability: SuitabilityLayer,
    /// The isobaths and their worker.
    pub contours: ContourLayer,
    /// The wind farm's wake footprint and its worker.
    pub wake: WakeLayer,
    /// The live positioning input, its window and what it received.
    pub live: LiveSession,
    /// Document revision `scene` was built for (`None`: rebuild).
    pub scene_revision: Option<u64>,
    /// Frames drawn since start (for the screenshot's settling).
    pub frames: u64,
    pub last_autosave: Option<std::time::Instant>,
}

/// What a primary-button drag on the map is doing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum MapDrag {
    Pan,
    /// Moving cabin `index`; `offset` = cabin centre − pointer at the start (m).
    Cabin {
        index: usize,
        offset: [f64; 2],
        gesture: u64,
    },
    Rotate {
        index: usize,
        gesture: u64,
    },
    /// Moving waypoint `index` of the route.
    Waypoint {
        index: usize,
        offset: [f64; 2],
        gesture: u64,
    },
}

/// The tabs of the chart panel (`--chart TAB` opens the planner on one).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ChartTab {
    #[default]
    Profile,
    Cooling,
    Power,
    Weather,
    Campaign,
    /// The selected cable's depth profile and figures.
    Cable,
}

impl ChartTab {
    pub const ALL: [ChartTab; 6] = [
        ChartTab::Profile,
        ChartTab::Cooling,
        ChartTab::Power,
        ChartTab::Weather,
        ChartTab::Campaign,
        ChartTab::Cable,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ChartTab::Profile => "Depth profile",
            ChartTab::Cooling => "Cooling",
            ChartTab::Power => "Power",
            ChartTab::Weather => "Weather windows",
            ChartTab::Campaign => "Campaign",
            ChartTab::Cable => "Cable profile",
        }
    }
}

/// Most cabins one layout run may place (the dialog's upper bound).
pub const MAX_LAYOUT_CABINS: usize = 200;

/// The "Lay out cabins" window's inputs.
#[derive(Clone, Debug, PartialEq)]
pub struct LayoutDialog {
    /// How many cabins to add.
    pub cabins: usize,
    /// Cabin type id (one of the mission's `[[cabin_types]]`).
    pub cabin_type: String,
    /// Why the last run placed fewer cabins than asked (the layout report's reasons).
    pub note: Option<String>,
}

impl LayoutDialog {
    /// Defaults from the mission: the selected cabin's type (else the first type) and as many
    /// cabins as the mission already has (at least one), i.e. "the same again".
    pub fn for_mission(m: &Mission, selection: Selection) -> Self {
        let selected = match selection {
            Selection::Cabin(i) => m.cabins.get(i).map(|c| c.cabin_type.clone()),
            _ => None,
        };
        LayoutDialog {
            cabins: m.cabins.len().clamp(1, MAX_LAYOUT_CABINS),
            cabin_type: selected
                .or_else(|| m.cabin_types.first().map(|t| t.id.clone()))
                .unwrap_or_default(),
            note: None,
        }
    }
}

/// What a tool computed, ready to become an edit.
pub enum ToolOutput {
    /// New cabins (free ids), how many were asked for and, when fewer were placed, why.
    Layout {
        cabins: Vec<Cabin>,
        requested: usize,
        why_short: Option<String>,
    },
    /// The planned route and a one-line summary for the status bar.
    Route { route: Route, summary: String },
    /// An automatic cable route: the waypoints (`[lon, lat]`, ends excluded) that replace
    /// those of mission cable `index`, and a one-line summary.
    CableRoute {
        index: usize,
        waypoints: Vec<[f64; 2]>,
        summary: String,
    },
}

/// A running tool and the document revision it started from.
pub struct ToolJob {
    pub job: Job<ToolOutput>,
    pub revision: u64,
    /// A layout (closing its window cancels it), not a route planning.
    pub layout: bool,
}

/// An as-run track loaded for display: positions in WGS 84 and in the working CRS.
#[derive(Clone, Debug, PartialEq)]
pub struct Track {
    pub path: PathBuf,
    pub lonlat: Vec<[f64; 2]>,
    /// Working-CRS positions of the fixes that could be projected.
    pub xy: Vec<[f64; 2]>,
}
