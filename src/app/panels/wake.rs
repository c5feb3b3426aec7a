//! The wake layer's legend in the layers panel: the colour scale of the velocity deficit (per
//! cent below the free-stream wind at hub height) with its ticks, the wind case the footprint is
//! drawn for, and why there is none when the mission cannot give one.

use crate::app::scene::wake::{FULL_AT, SHOWN_FROM, WakeLayer, colour};
use crate::wind::footprint::MARGIN_D;
use egui::{Align2, Color32, FontId, Rect, Sense, Stroke, Ui, pos2, vec2};

/// Deficits (fractions) marked under the colour bar.
const TICKS: [f32; 4] = [SHOWN_FROM, 0.1, 0.2, FULL_AT];

/// Draws the legend: colour bar, ticks, caption, then the wind case or the reason there is none.
pub fn legend(ui: &mut Ui, wake: &WakeLayer) {
    ui.label("Velocity deficit at hub height");
    let (rect, _) = ui.allocate_exact_size(vec2(170.0, 26.0), Sense::hover());
    let bar = Rect::from_min_size(rect.min + vec2(6.0, 0.0), vec2(rect.width() - 22.0, 10.0));
    let p = ui.painter();
    // A light ground under the translucent colours, as the layer looks over pale water.
    p.rect_filled(bar, 0.0, Color32::from_gray(235));
    let steps = 48;
    let x_of = |d: f32| bar.left() + bar.width() * (d - SHOWN_FROM) / (FULL_AT - SHOWN_FROM);
    for i in 0..steps {
        let (a, b) = (i as f32 / steps as f32, (i + 1) as f32 / steps as f32);
        let d = SHOWN_FROM + (FULL_AT - SHOWN_FROM) * (a + b) / 2.0;
        let r = Rect::from_x_y_ranges(
            bar.left() + a * bar.width()..=bar.left() + b * bar.width(),
            bar.y_range(),
        );
        p.rect_filled(r, 0.0, colour(d));
    }
    let text = ui.visuals().text_color();
    p.rect_stroke(
        bar,
        0.0,
        Stroke::new(1.0, ui.visuals().weak_text_color()),
        egui::StrokeKind::Outside,
    );
    for d in TICKS {
        let x = x_of(d);
        p.line_segment(
            [pos2(x, bar.bottom()), pos2(x, bar.bottom() + 3.0)],
            Stroke::new(1.0, text),
        );
        let label = if d >= FULL_AT {
            format!("≥{:.0} %", 100.0 * d)
        } else {
            format!("{:.0} %", 100.0 * d)
        };
        p.text(
            pos2(x, bar.bottom() + 3.0),
            Align2::CENTER_TOP,
            label,
            FontId::proportional(10.0),
            text,
        );
    }
    if let Some(case) = wake.case_text() {
        ui.weak(case);
        ui.weak(format!(
            "computed up to {MARGIN_D:.0} rotor diameters from the turbines"
        ));
    } else if let Some((_, e)) = &wake.error {
        ui.colored_label(ui.visuals().error_fg_color, format!("No wake: {e}"));
    } else if wake.job.is_some() {
        ui.weak("computing…");
    }
}
