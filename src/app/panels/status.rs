//! The status bar: cursor readout (lat/lon decimal and DMS, working-CRS E/N, depth, slope), the
//! running jobs with progress and Cancel, and the last message.

use crate::app::actions::Action;
use crate::app::document::Document;
use crate::app::state::{Runtime, ViewState};
use egui::Ui;

/// Degrees, minutes and seconds with hemisphere: `53°21'04.32"N`.
pub fn dms(v: f64, pos: char, neg: char) -> String {
    let h = if v < 0.0 { neg } else { pos };
    let total = (v.abs() * 360_000.0).round() as u64; // hundredths of a second
    let (d, rest) = (total / 360_000, total % 360_000);
    let (m, s) = (rest / 6000, rest % 6000);
    format!("{d}°{m:02}'{:02}.{:02}\"{h}", s / 100, s % 100)
}

pub fn show(
    ui: &mut Ui,
    doc: Option<&Document>,
    view: &ViewState,
    rt: &Runtime,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        if let (Some(doc), Some([x, y])) = (doc, view.cursor) {
            if let Some([lon, lat]) = doc.site.to_lonlat(x, y) {
                ui.monospace(format!("{lat:.6}° {lon:.6}°"));
                ui.separator();
                ui.monospace(format!("{} {}", dms(lat, 'N', 'S'), dms(lon, 'E', 'W')));
                ui.separator();
            }
            ui.monospace(format!("E {x:.1}  N {y:.1}"));
            ui.separator();
            let (depth, slope) = doc
                .site
                .depth_and_slope(doc.mission.site.tide_offset_m, x, y);
            ui.monospace(match depth {
                Some(d) => format!("depth {d:.2} m {}", doc.mission.site.vertical_datum),
                None => "depth —".into(),
            });
            ui.monospace(slope.map_or("slope —".into(), |s| format!("slope {s:.2}°")));
            ui.separator();
            if view.prefs.layers.suitability
                && let Some(text) = rt.suitability.describe(doc, x, y)
            {
                ui.monospace(text);
                ui.separator();
            }
            if view.prefs.layers.wake
                && let Some(text) = rt.wake.describe(x, y)
            {
                ui.monospace(text);
                ui.separator();
            }
        }
        let mut job = |label: &str, fraction: f32| {
            ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_width(120.0)
                    .text(label)
                    .show_percentage(),
            );
        };
        if let Some(j) = &rt.load {
            job(&j.label, j.fraction());
        }
        if let Some(j) = &rt.validate {
            job(&j.label, j.fraction());
        }
        if let Some(j) = &rt.contours.job {
            job(&j.label, j.fraction());
        }
        if let Some(j) = &rt.suitability.job {
            job(&j.label, j.fraction());
        }
        if let Some(j) = &rt.wake.job {
            job(&j.label, j.fraction());
        }
        if let Some(t) = &rt.tool_job {
            job(&t.job.label, t.job.fraction());
        }
        if rt.load.is_some() || rt.validate.is_some() || rt.tool_job.is_some() {
            if ui
                .button("Cancel")
                .on_hover_text("Stop the running jobs")
                .clicked()
            {
                actions.push(Action::CancelJobs);
            }
            ui.separator();
        }
        if view.prefs.layers.suitability
            && let Some((_, e)) = &rt.suitability.error
        {
            ui.colored_label(ui.visuals().error_fg_color, format!("Suitability: {e}"));
        }
        ui.label(&view.status);
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            // The scale gives way when the readout fills the bar, rather than overprint it.
            if let Some(doc) = doc.filter(|_| ui.available_width() > 220.0) {
                ui.weak(format!(
                    "1 pt = {:.2} m · {}",
                    view.map.metres_per_point, doc.site.working_crs
                ));
            }
        });
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dms_formats_and_rounds() {
        assert_eq!(dms(53.351200, 'N', 'S'), "53°21'04.32\"N");
        assert_eq!(dms(-5.5, 'E', 'W'), "5°30'00.00\"W");
        assert_eq!(dms(0.999_999_999, 'N', 'S'), "1°00'00.00\"N");
    }
}
