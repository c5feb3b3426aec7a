//! Applying actions, once per frame after `ui()`: edits with undo, files, jobs, navigation.

use super::FathomApp;
use super::actions::Action;
use super::document::{Document, Loaded, LoadedSite, Selection};
use super::edit::Edit;
use super::file_dialog::{AfterConfirm, FilePurpose};
use super::jobs::{Job, Progress};
use super::raster::colour::Style;
use super::raster::pyramid::Pyramid;
use super::raster::tiles::TileLayer;
use super::recovery;
use super::scene::Scene;
use super::state::Tool;
use crate::mission::{self, Context, Mission};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Grids up to this many cells are re-validated automatically after each edit; larger ones on
/// request (validation works on a copy of the grid).
const AUTO_VALIDATE_CELLS: usize = 16 << 20;

fn is_grid(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(ext.as_str(), "tif" | "tiff" | "asc" | "xyz")
}

/// The worker side of opening: read the mission (or wrap a dropped grid in a new one), read and
/// reproject the grid, build the overview pyramid.
fn load(path: &Path, recovered: Option<Mission>, p: &Progress) -> Result<Loaded, String> {
    let is_recovered = recovered.is_some();
    let ctx = if let Some(m) = recovered {
        Context::from_mission(m, path).map_err(|e| e.to_string())?
    } else if is_grid(path) {
        let abs = std::path::absolute(path).map_err(|e| e.to_string())?;
        let site = mission::Site::on_grid(abs.clone());
        let name = abs
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let m = Mission::new(format!("New mission on {name}"), site);
        Context::from_mission(m, &abs.with_file_name(format!("{name}.mission.toml")))
            .map_err(|e| e.to_string())?
    } else {
        Context::load(path).map_err(|e| e.to_string())?
    };
    p.set(0.5);
    derive(ctx, is_recovered, p)
}

/// Shares the grid and builds its overview pyramid.
fn derive(ctx: Context, recovered: bool, p: &Progress) -> Result<Loaded, String> {
    if p.is_cancelled() {
        return Err("cancelled".into());
    }
    let Context {
        mission,
        path,
        grid_path,
        grid_source_crs,
        working_crs,
        grid,
    } = ctx;
    let pyramid = Pyramid::build(grid.clone(), p).ok_or("cancelled")?;
    Ok(Loaded {
        mission,
        site: LoadedSite {
            mission_path: path,
            grid_path,
            grid_source_crs,
            working_crs,
            grid,
            pyramid: Arc::new(pyramid),
        },
        recovered,
    })
}

impl FathomApp {
    /// Starts opening `path` on a worker; the current document stays until it succeeds.
    pub(super) fn start_load(&mut self, path: PathBuf, recovered: Option<Mission>) {
        if let Some(j) = &self.rt.load {
            j.cancel();
        }
        let label = format!(
            "Opening {}",
            path.file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default()
        );
        self.view.status = format!("{label}…");
        self.rt.load = Some(Job::spawn(label, Some(self.egui_ctx.clone()), move |p| {
            load(&path, recovered, p)
        }));
    }

    /// Opens an already loaded mission (built in code, e.g. by tests or tools); the overview
    /// pyramid is built on a worker.
    pub fn open_context(&mut self, ctx: Context) {
        let label = format!("Opening {}", ctx.mission.name);
        self.rt.load = Some(Job::spawn(label, Some(self.egui_ctx.clone()), move |p| {
            derive(ctx, false, p)
        }));
    }

    pub(super) fn poll_jobs(&mut self) {
        if let Some(r) = self.rt.load.as_mut().and_then(|j| j.poll()) {
            self.rt.load = None;
            match r {
                Ok(loaded) => self.install(loaded),
                Err(e) if e == "cancelled" => self.view.status = "Opening cancelled".into(),
                Err(e) => {
                    self.view.status = "Open failed".into();
                    self.view.error = Some(e);
                }
            }
        }
        if let Some(r) = self.rt.validate.as_mut().and_then(|j| j.poll()) {
            self.rt.validate = None;
            match r {
                Ok((revision, findings)) => {
                    self.view.status = format!("Validated: {} finding(s)", findings.len());
                    self.view.findings = findings;
                    self.view.findings_revision = Some(revision);
                }
                Err(e) => self.view.status = format!("Validation stopped: {e}"),
            }
        }
        if let Some(r) = self.rt.track_job.as_mut().and_then(|j| j.poll()) {
            self.rt.track_job = None;
            match r {
                Ok(t) => {
                    self.view.status =
                        format!("Track {}: {} fixes", t.path.display(), t.lonlat.len());
                    self.rt.track = Some(t);
                }
                Err(e) => self.view.error = Some(e),
            }
        }
        self.poll_tool_job();
        self.rt.campaign.poll();
        if self.rt.autosave.as_mut().and_then(|j| j.poll()).is_some() {
            self.rt.autosave = None;
        }
        let auto = self
            .doc
            .as_ref()
            .is_some_and(|d| d.site.grid.data.len() <= AUTO_VALIDATE_CELLS);
        if auto
            && self.rt.validate.is_none()
            && self.doc.as_ref().map(|d| d.revision) != self.view.findings_revision
        {
            self.apply(Action::Validate);
        }
        if let Some(r) = self.rt.analysis_job.as_mut().and_then(|j| j.poll()) {
            self.rt.analysis_job = None;
            match r {
                Ok(a) => {
                    if let Some(e) = a.zone_errors.first() {
                        self.view.status = e.clone();
                    }
                    self.rt.analysis = Some(a);
                }
                Err(e) => self.view.status = format!("Charts stopped: {e}"),
            }
        }
        // While a drag runs the charts wait for the drop (one analysis per gesture, not per frame).
        if auto
            && self.view.drag.is_none()
            && self.rt.analysis_job.is_none()
            && self.doc.as_ref().map(|d| d.revision)
                != self.rt.analysis.as_ref().map(|a| a.revision)
        {
            self.apply(Action::Analyse);
        }
    }

    fn install(&mut self, loaded: Loaded) {
        let Loaded {
            mission,
            site,
            recovered,
        } = loaded;
        let site = Arc::new(site);
        let p = &site.pyramid;
        let mut style = Style::for_range(p.min, p.max);
        style.colour_map = self.view.prefs.layers.colour_map;
        self.rt.tiles = Some(TileLayer::new(
            site.pyramid.clone(),
            style,
            self.egui_ctx.clone(),
        ));
        let mut doc = Document::new(mission, site);
        if recovered {
            doc.revision = 1;
            doc.saved_state = None;
        }
        if doc.path.exists() {
            self.view.prefs.remember(&doc.path);
        }
        self.view.status = format!("Opened {}", doc.path.display());
        self.doc = Some(doc);
        self.view.fit_pending = true;
        self.view.selection = Selection::None;
        self.view.findings.clear();
        self.view.findings_revision = None;
        self.rt.analysis = None;
        // Another mission: the last one's campaign is not shown as this one's.
        self.rt.campaign = Default::default();
        if std::mem::take(&mut self.campaign_on_load) {
            self.apply(Action::RunCampaign);
        }
        self.view.measure = Default::default();
        self.rt.scene_revision = None;
    }

    /// Rebuilds the drawable scene when the mission changed.
    pub(super) fn refresh_scene(&mut self) {
        if let Some(doc) = &self.doc
            && self.rt.scene_revision != Some(doc.revision)
        {
            self.rt.scene = Scene::build(&doc.mission, &doc.site);
            self.rt.scene_revision = Some(doc.revision);
            let n = match self.view.selection {
                Selection::Cabin(_) => doc.mission.cabins.len(),
                Selection::Waypoint(_) => {
                    doc.mission.route.as_ref().map_or(0, |r| r.waypoints.len())
                }
                Selection::LandingPoint(_) => doc.mission.landing_points.len(),
                Selection::Zone(_) => doc.mission.exclusion_zones.len(),
                Selection::Turbine(_) => doc
                    .mission
                    .wind_farm
                    .as_ref()
                    .map_or(0, |w| w.positions.len()),
                Selection::Cable(_) => doc.mission.cables.len(),
                Selection::None => usize::MAX,
            };
            if let Selection::Cabin(i)
            | Selection::Waypoint(i)
            | Selection::LandingPoint(i)
            | Selection::Zone(i)
            | Selection::Turbine(i)
            | Selection::Cable(i) = self.view.selection
                && i >= n
            {
                self.view.selection = Selection::None;
            }
        }
    }

    pub(super) fn save_to(&mut self, path: PathBuf) -> bool {
        let Some(doc) = &mut self.doc else {
            return false;
        };
        match mission::save(&doc.mission, &path) {
            Ok(()) => {
                doc.path = path.clone();
                doc.mark_saved();
                self.view.status = format!("Saved {}", path.display());
                self.view.prefs.remember(&path);
                self.clear_recovery();
                true
            }
            Err(e) => {
                self.view.error = Some(e.to_string());
                false
            }
        }
    }

    /// Asks where to save, then saves and carries on with `then`.
    fn save_as(&mut self, then: Option<AfterConfirm>) {
        let name = self
            .doc
            .as_ref()
            .and_then(|d| d.path.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "mission.toml".into());
        self.ask_file(FilePurpose::SaveMission { then }, &name);
    }

    pub(super) fn clear_recovery(&mut self) {
        if let Some(d) = &self.recovery_dir {
            recovery::clear(d);
        }
    }

    /// Writes unsaved work to the recovery file every [`recovery::INTERVAL`], on a worker; once
    /// undo has brought the mission back to its saved state, removes the file it wrote.
    pub(super) fn autosave(&mut self) {
        let (Some(dir), Some(doc)) = (&self.recovery_dir, &self.doc) else {
            return;
        };
        if !doc.dirty() && self.rt.autosave.is_none() && self.rt.last_autosave.is_some() {
            self.rt.last_autosave = None;
            self.clear_recovery();
            return;
        }
        if !doc.dirty()
            || self.rt.autosave.is_some()
            || self
                .rt
                .last_autosave
                .is_some_and(|t| t.elapsed() < recovery::INTERVAL)
        {
            return;
        }
        self.rt.last_autosave = Some(std::time::Instant::now());
        let (dir, m, path) = (dir.clone(), doc.mission.clone(), doc.path.clone());
        self.rt.autosave = Some(Job::spawn("Autosave", None, move |_| {
            recovery::write(&dir, &m, &path)
        }));
    }

    pub(super) fn edit(&mut self, edit: Edit, gesture: Option<u64>) {
        let Some(doc) = &mut self.doc else { return };
        let mut next = doc.mission.clone();
        match edit.apply(&mut next) {
            Ok(sel) => {
                doc.history.before_edit(&doc.mission, gesture);
                doc.mission = next;
                doc.revision += 1;
                self.view.selection = sel;
            }
            Err(e) => self.view.status = e.to_string(),
        }
    }

    fn open(&mut self, path: PathBuf) {
        // Routes and tracks (dropped on the window) join the open mission.
        if self.doc.is_some() {
            match super::exchange::classify(&path) {
                Some(Ok(super::exchange::Exchange::Route(..))) => return self.import_route(&path),
                Some(Ok(super::exchange::Exchange::Track)) => return self.start_track(path),
                Some(Err(e)) => {
                    self.view.error = Some(e);
                    return;
                }
                None => {}
            }
        }
        if self.doc.as_ref().is_some_and(|d| d.dirty()) {
            self.view.confirm = Some(AfterConfirm::Open(path));
        } else {
            self.start_load(path, None);
        }
    }

    /// Goes on with what the unsaved-changes question held up.
    pub(super) fn after_confirm(&mut self, then: AfterConfirm) {
        match then {
            AfterConfirm::Open(p) => self.start_load(p, None),
            AfterConfirm::Quit => {
                self.view.close_confirmed = true;
                self.clear_recovery();
                self.egui_ctx
                    .send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Applies one action.
    pub(super) fn apply(&mut self, a: Action) {
        match a {
            Action::Edit { edit, gesture } => self.edit(edit, gesture),
            Action::EndGesture => {
                if let Some(d) = &mut self.doc {
                    d.history.end_gesture();
                }
            }
            Action::Undo | Action::Redo => {
                if let Some(d) = &mut self.doc {
                    let done = if a == Action::Undo {
                        d.history.undo(&mut d.mission)
                    } else {
                        d.history.redo(&mut d.mission)
                    };
                    if done {
                        d.revision += 1;
                    }
                }
            }
            Action::Select(s) => self.view.selection = s,
            Action::SetTool(t) => {
                self.view.tool = t;
                self.view.route_new = false;
                if t != Tool::Measure {
                    self.view.measure = Default::default();
                }
                if t != Tool::DrawZone {
                    self.view.zone_draft.clear();
                }
                if t != Tool::DrawCable {
                    self.view.cable_draft.clear();
                } else if self.view.cable_draft.from.is_none() {
                    self.view.status = super::cable_tool::START_HINT.into();
                }
            }
            Action::Open(p) => self.open(p),
            Action::OpenDialog => self.ask_file(FilePurpose::OpenMission, ""),
            Action::FileChosen { purpose, path } => self.file_chosen(purpose, path),
            Action::Save => {
                if let Some(p) = self.doc.as_ref().map(|d| d.path.clone()) {
                    self.save_to(p);
                }
            }
            Action::SaveAs => self.save_as(None),
            Action::Confirmed { save_first, then } => {
                if save_first && !self.doc.as_ref().is_some_and(|d| d.path.exists()) {
                    return self.save_as(Some(then));
                }
                if save_first
                    && let Some(p) = self.doc.as_ref().map(|d| d.path.clone())
                    && !self.save_to(p)
                {
                    return;
                }
                self.after_confirm(then);
            }
            Action::Recover => {
                if let (Some(info), Some(dir)) =
                    (self.view.recovery_offer.take(), self.recovery_dir.clone())
                {
                    match recovery::read(&dir) {
                        Ok(m) => self.start_load(info.mission_path, Some(m)),
                        Err(e) => {
                            self.view.error =
                                Some(format!("the recovery file could not be read: {e}"))
                        }
                    }
                }
            }
            Action::DiscardRecovery => {
                self.view.recovery_offer = None;
                self.clear_recovery();
            }
            Action::Validate => {
                if let Some(doc) = &self.doc {
                    let (site, m, rev) = (doc.site.clone(), doc.mission.clone(), doc.revision);
                    self.rt.validate = Some(Job::spawn(
                        "Validating",
                        Some(self.egui_ctx.clone()),
                        move |p| {
                            let ctx = site.context(&m);
                            p.set(0.3);
                            Ok((rev, crate::validate::validate(&ctx)))
                        },
                    ));
                }
            }
            Action::Analyse => {
                if let Some(doc) = &self.doc {
                    if let Some(j) = &self.rt.analysis_job {
                        j.cancel();
                    }
                    let (site, m, rev) = (doc.site.clone(), doc.mission.clone(), doc.revision);
                    self.rt.analysis_job = Some(Job::spawn(
                        "Charts",
                        Some(self.egui_ctx.clone()),
                        move |_| Ok(super::analysis::analyse(&site.context(&m), rev)),
                    ));
                }
            }
            Action::FocusFinding(i) => self.focus_finding(i),
            Action::ExportRtz => self.export_rtz_action(),
            Action::LoadTrackDialog => self.ask_file(FilePurpose::LoadTrack, ""),
            Action::LoadTrack(p) => self.start_track(p),
            Action::ImportRouteDialog => self.ask_file(FilePurpose::ImportRoute, ""),
            Action::ClearTrack => self.rt.track = None,
            Action::ToggleLive => self.rt.live.open = !self.rt.live.open,
            Action::CancelJobs => {
                for j in self.rt.load.iter() {
                    j.cancel();
                }
                for j in self.rt.validate.iter() {
                    j.cancel();
                }
                for t in self.rt.tool_job.iter() {
                    t.job.cancel();
                }
            }
            Action::OpenLayoutDialog => self.open_layout_dialog(),
            Action::CloseLayoutDialog => {
                self.view.layout_dialog = None;
                if let Some(t) = self.rt.tool_job.as_ref().filter(|t| t.layout) {
                    t.job.cancel();
                }
            }
            Action::RunLayout { cabins, cabin_type } => self.start_layout(cabins, cabin_type),
            Action::PlanRouteToSelection => {
                let route = self.doc.as_ref().and_then(|d| d.mission.route.as_ref());
                if super::route_tool::hand_built(route) {
                    self.view.plan_question = true;
                } else {
                    self.start_route_to_selection(false);
                }
            }
            Action::PlanRoute { extend } => self.start_route_to_selection(extend),
            Action::StartRoute { new } => {
                self.apply(Action::SetTool(Tool::DrawRoute));
                super::route_tool::start(&mut self.view, new);
                self.view.status = if new {
                    "New route: click the first waypoint".into()
                } else {
                    "Extend route: click to add waypoints".into()
                };
            }
            Action::FinishRoute => {
                self.view.tool = Tool::Select;
                self.view.route_new = false;
                let n = self
                    .mission()
                    .and_then(|m| m.route.as_ref())
                    .map_or(0, |r| r.waypoints.len());
                self.view.status = format!("Route finished: {n} waypoints");
            }
            Action::SetCableKind {
                purpose,
                cable_type,
            } => {
                self.view.cable_draft.purpose = purpose;
                self.view.cable_draft.cable_type = cable_type;
            }
            Action::FinishCable => self.finish_cable(),
            Action::AutoRouteCable { index } => self.start_auto_route(index),
            Action::CancelTool => {
                if let Some(t) = &self.rt.tool_job {
                    t.job.cancel();
                }
            }
            Action::RunCampaign => {
                if let Some(doc) = &self.doc {
                    self.rt.campaign.start(doc, Some(self.egui_ctx.clone()));
                }
            }
            Action::CancelCampaign => self.rt.campaign.cancel(),
            Action::DeleteSelected => match self.view.selection {
                Selection::Cabin(index) => self.edit(Edit::DeleteCabin { index }, None),
                Selection::Waypoint(index) => self.edit(Edit::DeleteWaypoint { index }, None),
                Selection::Zone(index) => self.edit(Edit::DeleteZone { index }, None),
                Selection::Cable(index) => self.edit(Edit::DeleteCable { index }, None),
                _ => {}
            },
            Action::ZoomToGrid => self.view.fit_pending = true,
            Action::ToggleTheme => {
                self.view.prefs.dark = !self.view.prefs.dark;
                self.egui_ctx.set_theme(if self.view.prefs.dark {
                    egui::Theme::Dark
                } else {
                    egui::Theme::Light
                });
            }
            Action::ToggleHelp => self.view.show_help = !self.view.show_help,
            Action::ToggleCharts => self.view.prefs.charts = !self.view.prefs.charts,
            Action::ToggleSystemDialogs => {
                self.view.prefs.system_dialogs = !self.view.prefs.system_dialogs;
            }
            Action::Quit => self
                .egui_ctx
                .send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    /// Centres the map on a finding (zooming in to at most 5 m per point) and selects its object.
    fn focus_finding(&mut self, i: usize) {
        let (Some(f), Some(doc)) = (self.view.findings.get(i), &self.doc) else {
            return;
        };
        if let Some(loc) = f.location
            && let Some(w) = doc.site.to_work(loc.lon, loc.lat)
        {
            self.view.map.center = w;
            self.view.map.metres_per_point = self.view.map.metres_per_point.min(5.0);
        }
        if let Some(obj) = &f.object {
            use crate::finding::ObjectRef;
            let m = &doc.mission;
            let sel = match obj {
                ObjectRef::Cabin(id) => m
                    .cabins
                    .iter()
                    .position(|c| &c.id == id)
                    .map(Selection::Cabin),
                ObjectRef::LandingPoint(id) => m
                    .landing_points
                    .iter()
                    .position(|c| &c.id == id)
                    .map(Selection::LandingPoint),
                ObjectRef::Zone(id) => m
                    .exclusion_zones
                    .iter()
                    .position(|c| &c.id == id)
                    .map(Selection::Zone),
                ObjectRef::Cable(id) => m
                    .cables
                    .iter()
                    .position(|c| &c.id == id)
                    .map(Selection::Cable),
                _ => None,
            };
            if let Some(s) = sel {
                self.view.selection = s;
            }
        }
    }
}
