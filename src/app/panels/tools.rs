//! The "Lay out cabins" window: how many cabins of which type, Run / Cancel, the progress of
//! the running layout and, when fewer were placed than asked, the layout report's reasons.

use crate::app::actions::Action;
use crate::app::document::Document;
use crate::app::state::{MAX_LAYOUT_CABINS, Runtime, ViewState};

/// Shows the window while `view.layout_dialog` is open; edits its inputs in place and pushes
/// [`Action::RunLayout`] / [`Action::CloseLayoutDialog`].
pub fn layout_window(
    ctx: &egui::Context,
    doc: Option<&Document>,
    view: &mut ViewState,
    rt: &Runtime,
    actions: &mut Vec<Action>,
) {
    let (Some(doc), Some(d)) = (doc, view.layout_dialog.as_mut()) else {
        return;
    };
    let mut open = true;
    egui::Window::new("Lay out cabins")
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.set_max_width(380.0);
            ui.label(
                "Places cabins where the seabed suits the type (depth, slope, relief, \
                 exclusion zones), clear of the existing cabins. One undo step.",
            );
            egui::Grid::new("layout-inputs")
                .num_columns(2)
                .show(ui, |ui| {
                    let l = ui.label("Cabins to add");
                    ui.add(egui::DragValue::new(&mut d.cabins).range(1..=MAX_LAYOUT_CABINS))
                        .labelled_by(l.id);
                    ui.end_row();
                    let l = ui.label("Cabin type");
                    egui::ComboBox::from_id_salt("layout-type")
                        .selected_text(d.cabin_type.clone())
                        .show_ui(ui, |ui| {
                            for t in &doc.mission.cabin_types {
                                ui.selectable_value(&mut d.cabin_type, t.id.clone(), &t.id);
                            }
                        })
                        .response
                        .labelled_by(l.id);
                    ui.end_row();
                });
            if let Some(note) = &d.note {
                ui.colored_label(ui.visuals().warn_fg_color, note);
            }
            ui.horizontal(|ui| match rt.tool_job.as_ref() {
                Some(t) if t.layout => {
                    ui.add(
                        egui::ProgressBar::new(t.job.fraction())
                            .desired_width(160.0)
                            .text(&t.job.label)
                            .animate(true),
                    );
                    if ui.button("Cancel").clicked() {
                        actions.push(Action::CancelTool);
                    }
                }
                busy => {
                    if ui
                        .add_enabled(busy.is_none(), egui::Button::new("Run layout"))
                        .on_disabled_hover_text("Wait for the route planning to finish")
                        .clicked()
                    {
                        d.note = None;
                        actions.push(Action::RunLayout {
                            cabins: d.cabins,
                            cabin_type: d.cabin_type.clone(),
                        });
                    }
                }
            });
        });
    if !open {
        actions.push(Action::CloseLayoutDialog);
    }
}
