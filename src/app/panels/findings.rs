//! Findings: the validation results, each a heading (severity, code, object) over its detail
//! text at body size; a click zooms the map to the finding and selects its object.

use crate::app::actions::Action;
use crate::app::document::Document;
use crate::app::state::{Runtime, ViewState};
use crate::finding::Severity;
use egui::{Color32, RichText, Ui};

pub fn show(
    ui: &mut Ui,
    doc: Option<&Document>,
    view: &ViewState,
    rt: &Runtime,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        ui.heading("Findings");
        let running = rt.validate.is_some();
        if ui
            .add_enabled(
                doc.is_some() && !running,
                egui::Button::new("Run validation"),
            )
            .on_hover_text("Run every rule (F5)")
            .clicked()
        {
            actions.push(Action::Validate);
        }
        if running {
            ui.spinner();
        }
    });
    let Some(doc) = doc else { return };
    let errors = view
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = view
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .count();
    match view.findings_revision {
        None => {
            ui.weak("Not validated yet.");
        }
        Some(r) => {
            let stale = if r != doc.revision {
                " (before the last edit)"
            } else {
                ""
            };
            ui.label(format!("{errors} error(s), {warnings} warning(s){stale}"));
        }
    }
    egui::ScrollArea::vertical()
        .id_salt("findings")
        .show(ui, |ui| {
            for (i, f) in view.findings.iter().enumerate() {
                let colour = match f.severity {
                    Severity::Error => Color32::from_rgb(220, 60, 50),
                    Severity::Warning => Color32::from_rgb(220, 150, 20),
                    Severity::Info => ui.visuals().weak_text_color(),
                };
                let head = format!(
                    "{} {}{}",
                    f.severity,
                    f.code,
                    f.object
                        .as_ref()
                        .map(|o| format!(" · {o}"))
                        .unwrap_or_default()
                );
                let r = ui.add(
                    egui::Button::selectable(false, RichText::new(head).color(colour).strong())
                        .wrap_mode(egui::TextWrapMode::Truncate),
                );
                let r = r.on_hover_text(&f.message);
                // The detail at body size: it is what the user reads to act on the finding.
                ui.label(&f.message);
                if r.clicked() {
                    actions.push(Action::FocusFinding(i));
                }
                ui.add_space(2.0);
            }
        });
}
