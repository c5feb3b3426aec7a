//! The menu bar and the tool bar.

use crate::app::actions::Action;
use crate::app::document::{Document, Selection};
use crate::app::state::{Runtime, Tool, ViewState};
use egui::Ui;

pub fn menu_bar(ui: &mut Ui, doc: Option<&Document>, view: &ViewState, actions: &mut Vec<Action>) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            if ui
                .add(egui::Button::new("Open…").shortcut_text("Ctrl+O"))
                .clicked()
            {
                actions.push(Action::OpenDialog);
            }
            ui.menu_button("Open recent", |ui| {
                if view.prefs.recent.is_empty() {
                    ui.weak("No recent missions");
                }
                for p in &view.prefs.recent {
                    if ui.button(p.display().to_string()).clicked() {
                        actions.push(Action::Open(p.clone()));
                    }
                }
            });
            let has = doc.is_some();
            if ui
                .add_enabled(has, egui::Button::new("Save").shortcut_text("Ctrl+S"))
                .clicked()
            {
                actions.push(Action::Save);
            }
            if ui
                .add_enabled(
                    has,
                    egui::Button::new("Save as…").shortcut_text("Ctrl+Shift+S"),
                )
                .clicked()
            {
                actions.push(Action::SaveAs);
            }
            ui.separator();
            let has_route = doc
                .and_then(|d| d.mission.route.as_ref())
                .is_some_and(|r| r.waypoints.len() >= 2);
            if ui
                .add_enabled(has_route, egui::Button::new("Export route as RTZ…"))
                .clicked()
            {
                actions.push(Action::ExportRtz);
            }
            if ui
                .add_enabled(has, egui::Button::new("Import route (RTZ, GPX)…"))
                .on_hover_text("Replaces the mission's route (undoable)")
                .clicked()
            {
                actions.push(Action::ImportRouteDialog);
            }
            if ui
                .add_enabled(has, egui::Button::new("Load as-run track…"))
                .on_hover_text("An NMEA 0183 log or a GPX file, shown over the plan")
                .clicked()
            {
                actions.push(Action::LoadTrackDialog);
            }
            ui.separator();
            if ui.button("Quit").clicked() {
                actions.push(Action::Quit);
            }
        });
        ui.menu_button("Edit", |ui| {
            let (u, r) = doc.map_or((false, false), |d| {
                (d.history.can_undo(), d.history.can_redo())
            });
            if ui
                .add_enabled(u, egui::Button::new("Undo").shortcut_text("Ctrl+Z"))
                .clicked()
            {
                actions.push(Action::Undo);
            }
            if ui
                .add_enabled(r, egui::Button::new("Redo").shortcut_text("Ctrl+Shift+Z"))
                .clicked()
            {
                actions.push(Action::Redo);
            }
            if ui
                .add(egui::Button::new("Delete selected").shortcut_text("Delete"))
                .clicked()
            {
                actions.push(Action::DeleteSelected);
            }
        });
        ui.menu_button("View", |ui| {
            if ui
                .add(egui::Button::new("Zoom to grid").shortcut_text("Home"))
                .clicked()
            {
                actions.push(Action::ZoomToGrid);
            }
            if ui
                .add(egui::Button::selectable(view.prefs.charts, "Charts panel"))
                .clicked()
            {
                actions.push(Action::ToggleCharts);
            }
            if ui
                .add(egui::Button::selectable(
                    view.prefs.system_dialogs,
                    "System file dialogs",
                ))
                .on_hover_text(
                    "Use the desktop's file dialog (needs xdg-desktop-portal); \
                     off: the in-app dialog, which always works",
                )
                .clicked()
            {
                actions.push(Action::ToggleSystemDialogs);
            }
            if ui
                .button(if view.prefs.dark {
                    "Light theme"
                } else {
                    "Dark theme"
                })
                .clicked()
            {
                actions.push(Action::ToggleTheme);
            }
        });
        ui.menu_button("Tools", |ui| {
            for t in Tool::ALL {
                if ui
                    .add(
                        egui::Button::selectable(view.tool == t, t.label())
                            .shortcut_text(format!("{:?}", t.key())),
                    )
                    .clicked()
                {
                    actions.push(Action::SetTool(t));
                }
            }
            ui.separator();
            route_buttons(ui, doc, actions);
            ui.separator();
            if ui
                .add_enabled(
                    doc.is_some(),
                    egui::Button::new("Validate").shortcut_text("F5"),
                )
                .clicked()
            {
                actions.push(Action::Validate);
            }
            ui.separator();
            let has_types = doc.is_some_and(|d| !d.mission.cabin_types.is_empty());
            if ui
                .add_enabled(has_types, egui::Button::new("Lay out cabins…"))
                .on_hover_text("Place cabins automatically where the seabed suits them")
                .clicked()
            {
                actions.push(Action::OpenLayoutDialog);
            }
            let cabin_selected = matches!(view.selection, Selection::Cabin(_));
            if ui
                .add_enabled(
                    doc.is_some() && cabin_selected,
                    egui::Button::new("Plan route to selection"),
                )
                .on_hover_text(
                    "Least-cost safe route from the route's first waypoint (or the first port) \
                     to the selected cabin; asks before replacing a hand-built route (Ctrl+Z \
                     restores it)",
                )
                .on_disabled_hover_text("Select a cabin first")
                .clicked()
            {
                actions.push(Action::PlanRouteToSelection);
            }
            super::cables::auto_route_button(ui, doc, view, actions);
            ui.separator();
            if ui
                .button("Live positioning…")
                .on_hover_text("NMEA from the vessel's receiver: hook against the selected cabin")
                .clicked()
            {
                actions.push(Action::ToggleLive);
            }
        });
        ui.menu_button("Help", |ui| {
            if ui
                .add(egui::Button::new("Shortcuts").shortcut_text("F1"))
                .clicked()
            {
                actions.push(Action::ToggleHelp);
            }
        });
    });
}

/// "New route" (the next click starts a route, replacing the old one) and "Extend route".
fn route_buttons(ui: &mut Ui, doc: Option<&Document>, actions: &mut Vec<Action>) {
    let has_route = doc.is_some_and(|d| d.mission.route.is_some());
    if ui
        .add_enabled(doc.is_some(), egui::Button::new("New route"))
        .on_hover_text("Click to place the first waypoint of a new route (replaces the route)")
        .clicked()
    {
        actions.push(Action::StartRoute { new: true });
    }
    if ui
        .add_enabled(has_route, egui::Button::new("Extend route"))
        .on_hover_text("Click to add waypoints after the route's last one")
        .clicked()
    {
        actions.push(Action::StartRoute { new: false });
    }
}

pub fn tool_bar(
    ui: &mut Ui,
    doc: Option<&Document>,
    view: &ViewState,
    rt: &Runtime,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        for t in Tool::ALL {
            if ui
                .selectable_label(view.tool == t, t.label())
                .on_hover_text(format!("{} ({:?})", t.label(), t.key()))
                .clicked()
            {
                actions.push(Action::SetTool(t));
            }
        }
        super::cables::tool_options(ui, view, actions);
        ui.separator();
        route_buttons(ui, doc, actions);
        ui.separator();
        let (u, r) = doc.map_or((false, false), |d| {
            (d.history.can_undo(), d.history.can_redo())
        });
        if ui
            .add_enabled(u, egui::Button::new("Undo"))
            .on_hover_text("Undo (Ctrl+Z)")
            .clicked()
        {
            actions.push(Action::Undo);
        }
        if ui
            .add_enabled(r, egui::Button::new("Redo"))
            .on_hover_text("Redo (Ctrl+Shift+Z)")
            .clicked()
        {
            actions.push(Action::Redo);
        }
        ui.separator();
        if ui
            .add_enabled(
                doc.is_some() && rt.validate.is_none(),
                egui::Button::new("Validate"),
            )
            .on_hover_text("Validate (F5)")
            .clicked()
        {
            actions.push(Action::Validate);
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let theme = if view.prefs.dark {
                "Light theme"
            } else {
                "Dark theme"
            };
            if ui
                .button(theme)
                .on_hover_text("Switch light/dark theme")
                .clicked()
            {
                actions.push(Action::ToggleTheme);
            }
            if let Some(d) = doc {
                let name = d
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                ui.label(format!("{}{}", name, if d.dirty() { " *" } else { "" }))
                    .on_hover_text(d.path.display().to_string());
            }
        });
    });
}
