//! The planner: the egui desktop app marine engineers plan in. The only module that uses egui.
//!
//! Shape (after egui_demo_app and rerun): the [`Document`] (mission + site + undo), the
//! [`ViewState`] and the [`Runtime`]; `ui()` only reads state and pushes [`Action`]s, which are
//! applied once per frame afterwards (`commands`); loading, derivation, validation and tile
//! colouring run on worker threads ([`jobs`], [`raster::tiles`]). File dialogs sit behind
//! [`Dialogs`].
//!
//! ## Layers inside the planner
//!
//! The files of `app` form layers; a file uses only files of the layers below it
//! (`tests/layers.rs` checks that they form no cycle):
//!
//! 1. leaves, which know nothing of the planner: [`jobs`] (worker threads), [`recovery`]
//!    (autosave files), [`file_dialog`] (the in-app dialog and what a chosen path is for),
//!    `screenshot`;
//! 2. [`raster`]: the map's view transform and the bathymetry raster drawn in it;
//! 3. [`document`]: the mission, its loaded site, undo history and the selection — plain data;
//!    [`cable_draft`], the cable being drawn — plain data;
//! 4. what is derived from the document and held by the runtime: [`scene`] (map geometry, the
//!    suitability and contour overlays), [`analysis`] (the charts), [`live_session`] (the live
//!    positioning input); and [`edit`], the mission edits as pure functions;
//! 5. [`state`]: the view state and the runtime — plain data, no planner logic;
//! 6. [`actions`]: the [`Action`] enum, what the user asked for (plain data);
//! 7. logic that reads state and emits actions or applies them: [`tools`], [`route_tool`],
//!    [`exchange`], [`live_panel`], [`dialogs`], [`cable_tool`];
//! 8. what draws: [`map`] and [`panels`] (read state, emit actions);
//! 9. `commands` (applies the actions) and this file ([`FathomApp`]).
//!
//! `impl FathomApp` blocks in layer 7 (tools, exchange, dialogs, cable_tool) are command handlers split by
//! topic; nothing below layer 7 names `FathomApp`.

pub mod actions;
pub mod analysis;
pub mod cable_draft;
pub mod cable_tool;
pub mod campaign_run;
mod commands;
pub mod dialogs;
pub mod document;
pub mod edit;
pub mod exchange;
pub mod file_dialog;
pub mod jobs;
pub mod live_panel;
pub mod live_session;
pub mod map;
pub mod panels;
pub mod raster;
pub mod recovery;
pub mod route_tool;
pub mod scene;
mod screenshot;
pub mod state;
pub mod tools;

use actions::Action;
pub use dialogs::{DialogAnswer, Dialogs, InjectedDialogs, NativeDialogs};
use document::Document;
pub use file_dialog::FileKind;
use state::{Runtime, ViewState};
use std::path::PathBuf;

/// How the planner starts.
pub struct LaunchOptions {
    /// Mission to open (None: nothing; the CLI passes the demo mission).
    pub mission: Option<PathBuf>,
    /// Render the first settled frame to this PNG and exit.
    pub screenshot: Option<PathBuf>,
    /// Where recovery files go (None: no autosave).
    pub recovery_dir: Option<PathBuf>,
    pub dialogs: Box<dyn Dialogs>,
    /// Open the chart panel on this tab; the Campaign tab also runs the campaign once the
    /// mission is loaded (`--chart campaign --screenshot …` pictures it).
    pub chart_tab: Option<state::ChartTab>,
}

impl LaunchOptions {
    /// For tests: no recovery, injected dialog answers.
    pub fn for_tests(mission: Option<PathBuf>, answers: Vec<PathBuf>) -> Self {
        LaunchOptions {
            mission,
            screenshot: None,
            recovery_dir: None,
            dialogs: Box::new(InjectedDialogs::new(answers)),
            chart_tab: None,
        }
    }
}

/// The planner application.
pub struct FathomApp {
    pub doc: Option<Document>,
    pub view: ViewState,
    pub rt: Runtime,
    dialogs: Box<dyn Dialogs>,
    recovery_dir: Option<PathBuf>,
    screenshot: Option<screenshot::Screenshot>,
    egui_ctx: egui::Context,
    /// Run the campaign when the next mission is installed (`LaunchOptions::chart_tab`).
    campaign_on_load: bool,
}

const PREFS_KEY: &str = "fathom-prefs";

impl FathomApp {
    pub fn new(cc: &eframe::CreationContext<'_>, opts: LaunchOptions) -> Self {
        let mut view = ViewState::default();
        if let Some(prefs) = cc.storage.and_then(|s| eframe::get_value(s, PREFS_KEY)) {
            view.prefs = prefs;
        }
        if opts.screenshot.is_some() {
            view.prefs.layers = state::Layers::default();
        }
        if let Some(t) = opts.chart_tab {
            view.chart_tab = t;
            view.prefs.charts = true;
        }
        cc.egui_ctx.set_theme(if view.prefs.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
        let mut app = FathomApp {
            doc: None,
            view,
            rt: Runtime::default(),
            dialogs: opts.dialogs,
            recovery_dir: opts.recovery_dir,
            screenshot: opts.screenshot.map(screenshot::Screenshot::new),
            egui_ctx: cc.egui_ctx.clone(),
            campaign_on_load: opts.chart_tab == Some(state::ChartTab::Campaign),
        };
        if app.screenshot.is_none() {
            app.view.recovery_offer = app.recovery_dir.as_deref().and_then(recovery::find);
        }
        if let Some(p) = opts.mission {
            app.start_load(p, None);
        }
        app
    }

    /// The open mission, if any.
    pub fn mission(&self) -> Option<&crate::mission::Mission> {
        self.doc.as_ref().map(|d| &d.mission)
    }

    /// True while a load, validation, track read, layout or route planning runs.
    pub fn busy(&self) -> bool {
        self.rt.load.is_some()
            || self.rt.validate.is_some()
            || self.rt.track_job.is_some()
            || self.rt.tool_job.is_some()
    }

    /// Queues an action as if the user had done it (menus and tests).
    pub fn act(&mut self, a: Action) {
        self.apply(a);
    }

    fn shortcuts(&self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        use egui::{Key, KeyboardShortcut as K, Modifiers as M};
        let typing = ctx.egui_wants_keyboard_input();
        ctx.input_mut(|i| {
            let cmd_shift = M::COMMAND | M::SHIFT;
            if i.consume_shortcut(&K::new(cmd_shift, Key::Z))
                || i.consume_shortcut(&K::new(M::COMMAND, Key::Y))
            {
                actions.push(Action::Redo);
            }
            if i.consume_shortcut(&K::new(M::COMMAND, Key::Z)) {
                actions.push(Action::Undo);
            }
            if i.consume_shortcut(&K::new(cmd_shift, Key::S)) {
                actions.push(Action::SaveAs);
            }
            if i.consume_shortcut(&K::new(M::COMMAND, Key::S)) {
                actions.push(Action::Save);
            }
            if i.consume_shortcut(&K::new(M::COMMAND, Key::O)) {
                actions.push(Action::OpenDialog);
            }
            if i.consume_shortcut(&K::new(M::COMMAND, Key::Q)) {
                actions.push(Action::Quit);
            }
            if i.consume_key(M::NONE, Key::F5) {
                actions.push(Action::Validate);
            }
            if i.consume_key(M::NONE, Key::F1) {
                actions.push(Action::ToggleHelp);
            }
            if typing {
                return;
            }
            for t in state::Tool::ALL {
                if i.consume_key(M::NONE, t.key()) {
                    actions.push(Action::SetTool(t));
                }
            }
            if i.consume_key(M::NONE, Key::Delete) || i.consume_key(M::NONE, Key::Backspace) {
                actions.push(Action::DeleteSelected);
            }
            if i.consume_key(M::NONE, Key::Home) {
                actions.push(Action::ZoomToGrid);
            }
            if i.consume_key(M::NONE, Key::Escape) {
                actions.push(Action::SetTool(state::Tool::Select));
            }
        });
    }
}

impl eframe::App for FathomApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.rt.frames += 1;
        self.poll_jobs();
        self.refresh_scene();
        self.rt.suitability.update(
            self.doc.as_ref(),
            self.view.selection,
            self.view.prefs.layers.suitability,
            &ctx,
        );
        let contours_on = self.view.prefs.layers.contours;
        self.rt
            .contours
            .update(self.doc.as_ref(), contours_on, &ctx);
        let wake_on = self.view.prefs.layers.wake;
        self.rt.wake.update(self.doc.as_ref(), wake_on, &ctx);
        self.rt.live.poll(&ctx);
        let mut actions = Vec::new();
        self.shortcuts(&ctx, &mut actions);
        for f in ctx.input(|i| i.raw.dropped_files.clone()) {
            actions.push(Action::Open(f.path().to_path_buf()));
        }
        let doc = self.doc.as_ref();
        egui::Panel::top("menu").show(ui, |ui| {
            panels::menu::menu_bar(ui, doc, &self.view, &mut actions);
            panels::menu::tool_bar(ui, doc, &self.view, &self.rt, &mut actions);
        });
        egui::Panel::bottom("status").show(ui, |ui| {
            panels::status::show(ui, doc, &self.view, &self.rt, &mut actions);
        });
        egui::Panel::left("layers")
            .default_size(230.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    panels::layers::show(ui, &mut self.view.prefs.layers, &self.rt.wake);
                });
            });
        egui::Panel::right("inspector")
            .default_size(330.0)
            .show(ui, |ui| {
                panels::inspector::show(ui, doc, &self.view, &mut actions);
                ui.separator();
                panels::findings::show(ui, doc, &self.view, &self.rt, &mut actions);
            });
        if self.view.prefs.charts && doc.is_some() {
            egui::Panel::bottom("charts")
                .resizable(true)
                .default_size(270.0)
                .min_size(200.0)
                .show(ui, |ui| {
                    let stale = self.rt.analysis_job.is_some();
                    let campaign = &self.rt.campaign;
                    panels::charts::show(
                        ui,
                        &mut self.view.chart_tab,
                        self.rt.analysis.as_ref(),
                        stale,
                        self.view.selection,
                        &mut actions,
                        |ui, actions| panels::campaign::show(ui, doc, campaign, actions),
                    );
                });
        }
        egui::CentralPanel::no_frame().show(ui, |ui| {
            map::show(ui, doc, &mut self.view, &mut self.rt, &mut actions);
        });
        let mut help = self.view.show_help;
        panels::help::show(&ctx, &mut help);
        self.view.show_help = help;
        panels::modals::show(&ctx, &mut self.view, &mut actions);
        route_tool::plan_question(&ctx, &mut self.view, doc, &mut actions);
        let recent = self.view.prefs.recent_folders();
        if let Some(d) = &mut self.view.file_dialog
            && let Some(outcome) = d.show(&ctx, &recent)
            && let Some(d) = self.view.file_dialog.take()
        {
            match outcome {
                file_dialog::Outcome::Chosen(path) => actions.push(Action::FileChosen {
                    purpose: d.purpose,
                    path,
                }),
                file_dialog::Outcome::Cancelled => {
                    self.view.status = format!("{}: cancelled", d.purpose.title());
                }
            }
        }
        panels::tools::layout_window(&ctx, doc, &mut self.view, &self.rt, &mut actions);
        live_panel::window(&ctx, doc, &self.view, &mut self.rt.live, &mut actions);

        if ctx.input(|i| i.viewport().close_requested())
            && !self.view.close_confirmed
            && self.screenshot.is_none()
        {
            if self.doc.as_ref().is_some_and(|d| d.dirty()) {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.view.confirm = Some(file_dialog::AfterConfirm::Quit);
            } else {
                self.clear_recovery();
            }
        }
        for a in actions {
            self.apply(a);
        }
        self.refresh_scene();
        self.autosave();
        if let Some(shot) = &mut self.screenshot {
            let settled = self.rt.load.is_none()
                && self.rt.validate.is_none()
                && self.rt.analysis_job.is_none()
                && self.rt.campaign.running().is_none()
                && (self.doc.is_some() || self.view.error.is_some())
                && self.rt.tiles.as_ref().is_none_or(|t| t.settled());
            shot.step(&ctx, settled);
        }
        if self.busy() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.view.prefs);
    }
}

/// Opens the planner window (blocks until it closes).
pub fn run(opts: LaunchOptions) -> Result<(), String> {
    let native = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("fathom planner")
            .with_inner_size([1600.0, 1000.0])
            .with_min_inner_size([800.0, 500.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "fathom",
        native,
        Box::new(|cc| Ok(Box::new(FathomApp::new(cc, opts)))),
    )
    .map_err(|e| format!("the planner window could not open: {e}"))
}
