//! Inspector pages for a route waypoint and an exclusion zone: their fields with units, edited in
//! place (one undo step per field being typed in or dragged), and the range checks about them.

use crate::app::actions::Action;
use crate::app::document::Document;
use crate::app::edit::Edit;
use crate::mission::{LegGeometry, Waypoint, ZoneKind};
use crate::vessel::legs::{format_duration, route_table};
use egui::{Color32, RichText, Ui};

/// Gesture keys of waypoint and zone fields (cabins use bit 62, see the inspector).
fn gesture(kind: u64, index: usize, field: u64) -> u64 {
    (1 << kind) | ((index as u64) << 8) | field
}

/// The range-check messages whose field path starts with `prefix`.
fn problems(ui: &mut Ui, doc: &Document, prefix: &str) {
    let issues: Vec<(String, String)> = doc
        .mission
        .check_ranges()
        .into_iter()
        .filter(|(p, _)| p.starts_with(prefix))
        .collect();
    if issues.is_empty() {
        ui.colored_label(Color32::from_rgb(60, 180, 100), "No problems found");
    }
    for (path, msg) in issues {
        ui.colored_label(Color32::from_rgb(220, 60, 50), format!("{path}: {msg}"));
    }
}

/// Pushes the edit (as part of the field's gesture) and ends the gesture when the field is left.
fn push(actions: &mut Vec<Action>, edit: Option<(Edit, u64)>, ended: bool) {
    if let Some((edit, g)) = edit {
        actions.push(Action::Edit {
            edit,
            gesture: Some(g),
        });
    }
    if ended {
        actions.push(Action::EndGesture);
    }
}

pub fn waypoint(ui: &mut Ui, doc: &Document, i: usize, actions: &mut Vec<Action>) {
    let Some(route) = doc.mission.route.as_ref() else {
        return;
    };
    let Some(original) = route.waypoints.get(i) else {
        return;
    };
    ui.label(RichText::new(format!("Waypoint {} of route {}", original.id, route.name)).strong());
    let mut w: Waypoint = original.clone();
    let mut field = None;
    let mut ended = false;
    egui::Grid::new("waypoint fields")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            let l = ui.label("Waypoint name");
            let r = ui
                .add(egui::TextEdit::singleline(&mut w.name).desired_width(140.0))
                .labelled_by(l.id);
            field = r.changed().then_some(1).or(field);
            ended |= r.lost_focus();
            ui.end_row();
            for (label, value, f) in [("Latitude", &mut w.lat, 2), ("Longitude", &mut w.lon, 3)] {
                let l = ui.label(label);
                let r = ui
                    .add(
                        egui::DragValue::new(value)
                            .speed(1e-5)
                            .suffix("°")
                            .max_decimals(6),
                    )
                    .labelled_by(l.id);
                field = r.changed().then_some(f).or(field);
                ended |= r.drag_stopped() || r.lost_focus();
                ui.end_row();
            }
            if i > 0 {
                let l = ui.label("Leg speed");
                ui.horizontal(|ui| {
                    let mut own = w.speed_kn.is_some();
                    if ui
                        .checkbox(&mut own, "own")
                        .on_hover_text("Off: the vessel's service speed")
                        .changed()
                    {
                        let service = doc.mission.vessel.as_ref().map(|v| v.service_speed_kn);
                        w.speed_kn = own.then(|| service.unwrap_or(10.0));
                        field = Some(4);
                        ended = true;
                    }
                    if let Some(s) = &mut w.speed_kn {
                        let r = ui
                            .add(
                                egui::DragValue::new(s)
                                    .speed(0.1)
                                    .range(0.1..=40.0)
                                    .suffix(" kn"),
                            )
                            .labelled_by(l.id);
                        field = r.changed().then_some(5).or(field);
                        ended |= r.drag_stopped() || r.lost_focus();
                    }
                });
                ui.end_row();
                let l = ui.label("Leg geometry");
                let before = w.geometry;
                let _ = egui::ComboBox::from_id_salt("leg geometry")
                    .selected_text(match w.geometry {
                        LegGeometry::Rhumb => "rhumb line",
                        LegGeometry::GreatCircle => "great circle",
                    })
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut w.geometry, LegGeometry::Rhumb, "rhumb line");
                        ui.selectable_value(
                            &mut w.geometry,
                            LegGeometry::GreatCircle,
                            "great circle",
                        );
                    })
                    .response
                    .labelled_by(l.id);
                if w.geometry != before {
                    field = Some(6);
                    ended = true;
                }
                ui.end_row();
            }
        });
    push(
        actions,
        field.map(|f| {
            (
                Edit::SetWaypoint {
                    index: i,
                    waypoint: w.clone(),
                },
                gesture(61, i, f),
            )
        }),
        ended,
    );
    ui.separator();
    if let Ok(t) = route_table(route, doc.mission.vessel.as_ref())
        && i > 0
        && let Some(leg) = t.legs.get(i - 1)
    {
        ui.label(format!(
            "Leg {}: {:.2} NM at {:05.1}°, {:.1} kn, {}",
            leg.number,
            leg.distance_nm,
            leg.bearing_deg,
            leg.speed_kn,
            format_duration(leg.duration_s)
        ));
        if let Some(eta) = leg.eta {
            ui.label(crate::app::scene::eta_text(eta));
        }
    }
    problems(ui, doc, &format!("route.waypoints[{i}]"));
    ui.separator();
    if ui.button("Delete waypoint").clicked() {
        actions.push(Action::Edit {
            edit: Edit::DeleteWaypoint { index: i },
            gesture: None,
        });
    }
}

pub fn zone(ui: &mut Ui, doc: &Document, i: usize, actions: &mut Vec<Action>) {
    let Some(original) = doc.mission.exclusion_zones.get(i) else {
        return;
    };
    ui.label(RichText::new(format!("Exclusion zone {}", original.id)).strong());
    let mut z = original.clone();
    let mut field = None;
    let mut ended = false;
    egui::Grid::new("zone fields")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            let l = ui.label("Zone id");
            let r = ui
                .add(egui::TextEdit::singleline(&mut z.id).desired_width(140.0))
                .labelled_by(l.id);
            field = r.changed().then_some(1).or(field);
            ended |= r.lost_focus();
            ui.end_row();
            let l = ui.label("Zone kind");
            let before = z.kind;
            let _ = egui::ComboBox::from_id_salt("zone kind")
                .selected_text(format!("{:?}", z.kind))
                .show_ui(ui, |ui| {
                    for k in [
                        ZoneKind::ShippingLane,
                        ZoneKind::Anchorage,
                        ZoneKind::CablePipeline,
                        ZoneKind::ProtectedArea,
                        ZoneKind::Other,
                    ] {
                        ui.selectable_value(&mut z.kind, k, format!("{k:?}"));
                    }
                })
                .response
                .labelled_by(l.id);
            if z.kind != before {
                field = Some(2);
                ended = true;
            }
            ui.end_row();
            let l = ui.label("Buffer");
            let r = ui
                .add(
                    egui::DragValue::new(&mut z.buffer_m)
                        .speed(1.0)
                        .range(0.0..=10_000.0)
                        .suffix(" m"),
                )
                .labelled_by(l.id);
            field = r.changed().then_some(3).or(field);
            ended |= r.drag_stopped() || r.lost_focus();
            ui.end_row();
        });
    push(
        actions,
        field.map(|f| {
            (
                Edit::SetZone {
                    index: i,
                    zone: z.clone(),
                },
                gesture(60, i, f),
            )
        }),
        ended,
    );
    problems(ui, doc, &format!("exclusion_zones[{i}]"));
    ui.separator();
    if ui.button("Delete zone").clicked() {
        actions.push(Action::Edit {
            edit: Edit::DeleteZone { index: i },
            gesture: None,
        });
    }
}
