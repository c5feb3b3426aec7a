//! Modal questions and messages: errors (the current work stays), unsaved changes, recovery.

use crate::app::actions::Action;
use crate::app::state::ViewState;

pub fn show(ctx: &egui::Context, view: &mut ViewState, actions: &mut Vec<Action>) {
    if let Some(err) = view.error.clone() {
        egui::Modal::new(egui::Id::unique("error")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            ui.heading("Could not complete that");
            ui.label(&err);
            ui.weak("Your current work is unchanged.");
            if ui.button("OK").clicked() {
                view.error = None;
            }
        });
        return;
    }
    if let Some(then) = view.confirm.clone() {
        egui::Modal::new(egui::Id::unique("unsaved")).show(ctx, |ui| {
            ui.heading("Unsaved changes");
            ui.label("The mission has changes that are not saved.");
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    actions.push(Action::Confirmed {
                        save_first: true,
                        then: then.clone(),
                    });
                    view.confirm = None;
                }
                if ui.button("Discard changes").clicked() {
                    actions.push(Action::Confirmed {
                        save_first: false,
                        then: then.clone(),
                    });
                    view.confirm = None;
                }
                if ui.button("Cancel").clicked() {
                    view.confirm = None;
                }
            });
        });
        return;
    }
    if let Some(info) = view.recovery_offer.clone() {
        egui::Modal::new(egui::Id::unique("recovery")).show(ctx, |ui| {
            ui.heading("Recover unsaved work?");
            ui.label(format!(
                "fathom did not close cleanly. Unsaved changes to {} were kept at {}.",
                info.mission_path.display(),
                info.written
            ));
            ui.horizontal(|ui| {
                if ui.button("Recover").clicked() {
                    actions.push(Action::Recover);
                }
                if ui.button("Discard").clicked() {
                    actions.push(Action::DiscardRecovery);
                }
            });
        });
    }
}
