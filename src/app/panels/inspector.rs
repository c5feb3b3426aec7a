//! The inspector: the selected object's fields with units, edited in place with immediate
//! validation (the mission's range checks and the findings about the object).

use crate::app::actions::Action;
use crate::app::document::{Document, Selection};
use crate::app::edit::Edit;
use crate::app::state::ViewState;
use crate::mission::Cabin;
use egui::{Color32, RichText, Ui};

/// Gesture key for typing into field `field` of cabin `index`: consecutive edits of one field are
/// one undo step.
fn field_gesture(index: usize, field: u64) -> u64 {
    (1 << 62) | ((index as u64) << 8) | field
}

pub fn show(ui: &mut Ui, doc: Option<&Document>, view: &ViewState, actions: &mut Vec<Action>) {
    ui.heading("Inspector");
    let Some(doc) = doc else {
        ui.weak("Open a mission to inspect it.");
        return;
    };
    match view.selection {
        Selection::Cabin(i) if i < doc.mission.cabins.len() => cabin(ui, doc, view, i, actions),
        Selection::Waypoint(i) => super::route_inspector::waypoint(ui, doc, i, actions),
        Selection::LandingPoint(i) => {
            if let Some(p) = doc.mission.landing_points.get(i) {
                ui.label(RichText::new(format!("Landing point {}", p.id)).strong());
                ui.label(format!("{:.6}°, {:.6}°", p.lat, p.lon));
            }
        }
        Selection::Turbine(i) => {
            if let Some(wf) = &doc.mission.wind_farm
                && let Some(p) = wf.positions.get(i)
            {
                ui.label(RichText::new(format!("Wind turbine T{}", i + 1)).strong());
                ui.label(format!("{} · {:.6}°, {:.6}°", wf.turbine, p[1], p[0]));
            }
        }
        Selection::Zone(i) => super::route_inspector::zone(ui, doc, i, actions),
        Selection::Cable(i) => super::cables::inspector(ui, doc, view, i, actions),
        _ => summary(ui, doc),
    }
}

fn summary(ui: &mut Ui, doc: &Document) {
    let m = &doc.mission;
    ui.label(RichText::new(&m.name).strong());
    if !m.description.is_empty() {
        ui.label(&m.description);
    }
    let g = &doc.site.grid;
    egui::Grid::new("summary").num_columns(2).show(ui, |ui| {
        ui.label("Working CRS");
        ui.label(format!(
            "{} ({})",
            doc.site.working_crs,
            doc.site.working_crs.name()
        ));
        ui.end_row();
        ui.label("Grid");
        ui.label(format!(
            "{} × {} cells of {:.1} m",
            g.width, g.height, g.transform.dx
        ));
        ui.end_row();
        ui.label("Vertical datum");
        ui.label(&m.site.vertical_datum);
        ui.end_row();
        ui.label("Cabins");
        ui.label(format!(
            "{} ({} types)",
            m.cabins.len(),
            m.cabin_types.len()
        ));
        ui.end_row();
        let it_kw: f64 = m
            .cabins
            .iter()
            .filter_map(|c| m.cabin_type(&c.cabin_type))
            .map(|t| t.it_load_kw())
            .sum();
        ui.label("IT load");
        // `+ 0.0` turns the empty sum's −0.0 into 0.
        ui.label(format!("{:.0} kW", it_kw + 0.0));
        ui.end_row();
    });
    ui.weak("Select a cabin on the map to edit it.");
}

fn cabin(ui: &mut Ui, doc: &Document, view: &ViewState, i: usize, actions: &mut Vec<Action>) {
    let m = &doc.mission;
    let original = &m.cabins[i];
    let mut c: Cabin = original.clone();
    let mut edited: Option<u64> = None;
    let mut ended = false;
    egui::Grid::new("cabin fields")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            let l = ui.label("Cabin id");
            let r = ui
                .add(egui::TextEdit::singleline(&mut c.id).desired_width(120.0))
                .labelled_by(l.id);
            if r.changed() {
                edited = Some(1);
            }
            ended |= r.lost_focus();
            ui.end_row();

            let l = ui.label("Cabin type");
            let before = c.cabin_type.clone();
            let _ = egui::ComboBox::from_id_salt("cabin type")
                .selected_text(&c.cabin_type)
                .show_ui(ui, |ui| {
                    for t in &m.cabin_types {
                        ui.selectable_value(&mut c.cabin_type, t.id.clone(), &t.id);
                    }
                })
                .response
                .labelled_by(l.id);
            if c.cabin_type != before {
                edited = Some(2);
            }
            ui.end_row();

            for (label, value, suffix, speed, field) in [
                ("Latitude", &mut c.lat, "°", 1e-5, 3),
                ("Longitude", &mut c.lon, "°", 1e-5, 4),
                ("Heading", &mut c.heading_deg, "° true", 1.0, 5),
            ] {
                let l = ui.label(label);
                let r = ui
                    .add(
                        egui::DragValue::new(value)
                            .speed(speed)
                            .suffix(suffix)
                            .max_decimals(if field == 5 { 1 } else { 6 }),
                    )
                    .labelled_by(l.id);
                if r.changed() {
                    edited = Some(field);
                }
                ended |= r.drag_stopped() || r.lost_focus();
                ui.end_row();
            }
        });
    if let Some(field) = edited {
        actions.push(Action::Edit {
            edit: Edit::SetCabin {
                index: i,
                cabin: c.clone(),
            },
            gesture: Some(field_gesture(i, field)),
        });
    }
    if ended {
        actions.push(Action::EndGesture);
    }

    // Derived values, read from the site.
    ui.separator();
    if let Some([x, y]) = doc.site.to_work(c.lon, c.lat) {
        let (depth, slope) = doc.site.depth_and_slope(m.site.tide_offset_m, x, y);
        ui.label(format!("E {x:.1} m   N {y:.1} m"));
        ui.label(format!(
            "Depth {}   slope {}",
            depth.map_or("—".into(), |d| format!("{d:.1} m")),
            slope.map_or("—".into(), |s| format!("{s:.2}°"))
        ));
    }
    if let Some(t) = m.cabin_type(&c.cabin_type) {
        let size = match (t.length_m, t.width_m, t.diameter_m) {
            (Some(l), Some(w), _) => format!("{l} × {w} m"),
            (_, _, Some(d)) => format!("diameter {d} m"),
            _ => "—".into(),
        };
        ui.label(format!(
            "{size}, {} t, {:.0} kW IT ({} racks)",
            t.mass_t,
            t.it_load_kw(),
            t.racks
        ));
    }

    // Immediate validation: range checks of this cabin, duplicate ids, findings about it.
    let prefix = format!("cabins[{i}]");
    let mut problems: Vec<(Color32, String)> = m
        .check_ranges()
        .into_iter()
        .filter(|(path, _)| path.starts_with(&prefix))
        .map(|(path, msg)| {
            (
                Color32::from_rgb(220, 60, 50),
                format!("{}: {msg}", &path[prefix.len()..].trim_start_matches('.')),
            )
        })
        .collect();
    if c.id.trim().is_empty() {
        problems.push((Color32::from_rgb(220, 60, 50), "id: expected a name".into()));
    } else if m
        .cabins
        .iter()
        .enumerate()
        .any(|(j, o)| j != i && o.id == c.id)
    {
        problems.push((
            Color32::from_rgb(220, 60, 50),
            format!("id: `{}` is used by another cabin", c.id),
        ));
    }
    let object = crate::finding::ObjectRef::cabin(&original.id);
    for f in view.findings.iter().filter(|f| f.concerns(&object)) {
        let colour = crate::app::map::overlays::status_colour(Some(f.severity));
        problems.push((colour, format!("{}: {}", f.code, f.message)));
    }
    if problems.is_empty() {
        ui.colored_label(Color32::from_rgb(60, 180, 100), "No problems found");
    }
    for (colour, p) in problems {
        ui.colored_label(colour, p);
    }
    ui.separator();
    if ui.button("Delete cabin").on_hover_text("Delete").clicked() {
        actions.push(Action::Edit {
            edit: Edit::DeleteCabin { index: i },
            gesture: None,
        });
    }
}
