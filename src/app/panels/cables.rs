//! The cable controls: the draw-cable tool's purpose and type (in the tool bar while the tool
//! is active), the "Auto-route selected cable" button (Tools menu and inspector), and the
//! inspector's view of a selected cable (its ends, type, lengths and the findings about it).

use crate::app::actions::Action;
use crate::app::cable_draft::{first_type, types_for};
use crate::app::document::{Document, Selection};
use crate::app::edit::Edit;
use crate::app::state::{Tool, ViewState};
use crate::finding::ObjectRef;
use crate::mission::CablePurpose;
use egui::{Color32, RichText, Ui};

/// Purpose and type of the cable being drawn, while the draw-cable tool is active.
pub fn tool_options(ui: &mut Ui, view: &ViewState, actions: &mut Vec<Action>) {
    if view.tool != Tool::DrawCable {
        return;
    }
    let d = &view.cable_draft;
    ui.separator();
    for (purpose, name) in [
        (CablePurpose::Power, "Power"),
        (CablePurpose::Fibre, "Fibre"),
    ] {
        if ui
            .selectable_label(d.purpose == purpose, name)
            .on_hover_text(format!("Draw a {} cable", name.to_lowercase()))
            .clicked()
            && d.purpose != purpose
        {
            actions.push(Action::SetCableKind {
                purpose,
                cable_type: first_type(purpose),
            });
        }
    }
    egui::ComboBox::from_id_salt("cable_type")
        .selected_text(&d.cable_type)
        .show_ui(ui, |ui| {
            for t in types_for(d.purpose) {
                if ui.selectable_label(t == d.cable_type, &t).clicked() {
                    actions.push(Action::SetCableKind {
                        purpose: d.purpose,
                        cable_type: t,
                    });
                }
            }
        })
        .response
        .on_hover_text("Cable type of the shipped library (assets/cables)");
}

/// "Auto-route selected cable": enabled when a cable is selected (a tool already running is
/// replaced, as for the other tools).
pub fn auto_route_button(
    ui: &mut Ui,
    doc: Option<&Document>,
    view: &ViewState,
    actions: &mut Vec<Action>,
) {
    let index = match view.selection {
        Selection::Cable(i) if doc.is_some_and(|d| i < d.mission.cables.len()) => Some(i),
        _ => None,
    };
    let r = ui
        .add_enabled(
            index.is_some(),
            egui::Button::new("Auto-route selected cable"),
        )
        .on_hover_text(format!(
            "Route it clear of exclusion zones, steep slopes and other objects, crossing existing \
             cables at {}° or more, as `fathom cable plan --cable ID`; its waypoints are replaced \
             (Ctrl+Z restores them)",
            crate::cable::crossing::MIN_CROSSING_DEG
        ))
        .on_disabled_hover_text("Select a cable on the map first");
    if r.clicked()
        && let Some(index) = index
    {
        actions.push(Action::AutoRouteCable { index });
    }
}

/// The inspector's view of cable `i`.
pub fn inspector(
    ui: &mut Ui,
    doc: &Document,
    view: &ViewState,
    i: usize,
    actions: &mut Vec<Action>,
) {
    let Some(c) = doc.mission.cables.get(i) else {
        return;
    };
    let purpose = match c.purpose {
        CablePurpose::Power => "Power cable",
        CablePurpose::Fibre => "Fibre cable",
    };
    ui.label(RichText::new(format!("{purpose} {}", c.id)).strong());
    egui::Grid::new("cable").num_columns(2).show(ui, |ui| {
        for (k, v) in [
            ("Type", c.cable_type.clone()),
            ("From", c.from.to_string()),
            ("To", c.to.to_string()),
            (
                "Route",
                if c.waypoints.is_empty() {
                    "straight line (no waypoints)".into()
                } else {
                    format!("{} waypoint(s)", c.waypoints.len())
                },
            ),
            ("Burial", format!("{:.1} m", c.burial_m)),
            ("Slack", format!("{:.1} %", c.slack_pct)),
        ] {
            ui.label(k);
            ui.label(v);
            ui.end_row();
        }
    });
    ui.weak("Lengths, profile and electrical figures: the chart panel's Cable profile tab.");
    let object = ObjectRef::Cable(c.id.clone());
    for f in view.findings.iter().filter(|f| f.concerns(&object)) {
        let colour = crate::app::map::overlays::status_colour(Some(f.severity));
        ui.colored_label(colour, format!("{}: {}", f.code, f.message));
    }
    ui.separator();
    ui.horizontal(|ui| {
        auto_route_button(ui, Some(doc), view, actions);
        if ui.button("Delete cable").clicked() {
            actions.push(Action::Edit {
                edit: Edit::DeleteCable { index: i },
                gesture: None,
            });
        }
    });
    if c.waypoints.is_empty() {
        ui.colored_label(
            Color32::from_rgb(220, 150, 20),
            "No route yet: the checks judge the straight line between the ends",
        );
    }
}
