//! The map: an f64 view over working-CRS metres ([`super::raster`]) with the bathymetry tiles
//! underneath and the mission's objects ([`super::scene`]) on top. Interaction turns into
//! [`Action`]s; nothing here edits the mission.

mod cabin_symbol;
mod decorations;
pub mod labels;
pub mod live;
pub mod overlays;

use super::actions::Action;
use super::document::{Document, Selection};
use super::edit::Edit;
use super::scene::point_in_ring;
use super::state::{Layers, MapDrag, Measure, Runtime, Tool, ViewState};
use crate::geodesy::geodesic_inverse;
use egui::{Color32, Pos2, Rect, Sense, Ui};

/// Draws the map into the remaining space and handles its input.
pub fn show(
    ui: &mut Ui,
    doc: Option<&Document>,
    view: &mut ViewState,
    rt: &mut Runtime,
    actions: &mut Vec<Action>,
) {
    let rect = ui.available_rect_before_wrap();
    let response = ui.allocate_rect(rect, Sense::click_and_drag());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Map"));
    view.map_rect = Some(rect);
    let painter = ui.painter_at(rect);
    let dark = ui.visuals().dark_mode;
    painter.rect_filled(
        rect,
        0.0,
        if dark {
            Color32::from_rgb(18, 22, 30)
        } else {
            Color32::from_rgb(214, 222, 230)
        },
    );

    let Some(doc) = doc else {
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            "No mission open — File > Open... (Ctrl+O)",
            egui::FontId::proportional(18.0),
            ui.visuals().weak_text_color(),
        );
        return;
    };
    if view.fit_pending && rect.width() > 10.0 {
        view.map.fit(rect.size(), doc.site.extent());
        view.fit_pending = false;
    }
    navigate(ui, &response, rect, view);
    interact(ui, &response, rect, doc, view, rt, actions);

    let layers = view.prefs.layers.clone();
    if layers.bathymetry
        && let Some(tiles) = &mut rt.tiles
    {
        let mut style = tiles.style();
        style.colour_map = layers.colour_map;
        style.hillshade = layers.hillshade;
        style.z_factor = layers.hillshade_z;
        tiles.set_style(style);
        tiles.draw(&painter, rect, &view.map, layers.bathymetry_opacity);
    }
    if layers.suitability {
        rt.suitability
            .draw(&painter, rect, &view.map, doc, layers.suitability_opacity);
    }
    if layers.wake {
        rt.wake.draw(&painter, rect, &view.map, layers.wake_opacity);
    }
    if layers.contours {
        rt.contours
            .draw(&painter, rect, &view.map, dark, layers.labels);
    }
    let placer = labels::Labels::default();
    let o = overlays::Overlays {
        painter: &painter,
        rect,
        view: &view.map,
        dark,
        labels: layers.labels,
        placer: &placer,
    };
    if layers.zones {
        o.zones(&rt.scene.zones, layers.zones_opacity, view.selection);
        // Zones read from GeoJSON files come from the worker (file I/O stays out of `ui()`).
        if let Some(a) = &rt.analysis {
            o.zones(&a.geojson_zones, layers.zones_opacity, Selection::None);
        }
    }
    if layers.turbines {
        o.turbines(&rt.scene, view.selection);
    }
    if layers.route {
        o.route(&rt.scene, view.selection);
        if let Some(a) = &rt.analysis
            && a.revision == doc.revision
            && let Ok(p) = &a.profile
        {
            o.ukc_short(&p.shallow_xy);
        }
    }
    if layers.cables {
        // Spans and crossings only for the current revision (else they sit on old routes).
        let profiles = rt
            .analysis
            .as_ref()
            .filter(|a| a.revision == doc.revision)
            .map_or(&[][..], |a| &a.cables.profiles[..]);
        let selected = match view.selection {
            Selection::Cable(i) => Some(i),
            _ => None,
        };
        o.cables(&rt.scene.cables, profiles, selected);
    }
    if layers.track
        && let Some(t) = &rt.track
    {
        o.track(&t.xy);
    }
    live::draw(&o, doc, &rt.live);
    if layers.landing_points {
        o.points(&rt.scene);
    }
    if layers.cabins {
        let added = match &view.added_cabins {
            Some((revision, added)) if *revision == doc.revision => added.clone(),
            _ => 0..0,
        };
        o.cabins(&rt.scene, &view.findings, view.selection, added);
    }
    if view.tool == Tool::DrawRoute
        && !view.route_new
        && let (Some(last), Some(c)) = (rt.scene.route.last(), view.cursor)
    {
        o.route_preview(last.at, c);
    }
    o.zone_draft(&view.zone_draft, view.cursor);
    if view.tool == Tool::DrawCable {
        // The object a click would take as an end, ringed under the cursor.
        let tol = super::cable_tool::PICK_POINTS * view.map.metres_per_point;
        let hover = view
            .cursor
            .and_then(|c| super::cable_tool::object_at(&rt.scene, c, tol))
            .map(|(_, at)| at);
        o.cable_draft(&view.cable_draft, view.cursor, hover);
    }
    o.measure(&view.measure, view.cursor, doc);
    placer.draw(&painter, dark);
    if layers.graticule {
        decorations::graticule(&painter, rect, &view.map, &doc.site, dark);
    }
    decorations::scale_bar(&painter, rect, &view.map, dark);
    decorations::north_arrow(&painter, rect, &view.map, &doc.site, dark);
}

/// Scroll to zoom about the cursor, drag (empty water, middle or right button) to pan, +/- keys.
fn navigate(ui: &Ui, response: &egui::Response, rect: Rect, view: &mut ViewState) {
    if let Some(hover) = response.hover_pos() {
        let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
        let factor = zoom as f64 * (scroll as f64 / 300.0).exp();
        if (factor - 1.0).abs() > 1e-4 {
            view.map.zoom_about(rect, hover, factor);
        }
        view.cursor = Some(view.map.to_world(rect, hover));
    } else {
        view.cursor = None;
    }
    if response.dragged_by(egui::PointerButton::Middle)
        || response.dragged_by(egui::PointerButton::Secondary)
    {
        view.map.pan(response.drag_delta());
    }
    if response.hovered() && !ui.ctx().egui_wants_keyboard_input() {
        let (plus, minus) = ui.input(|i| {
            (
                i.key_pressed(egui::Key::Plus) || i.key_pressed(egui::Key::Equals),
                i.key_pressed(egui::Key::Minus),
            )
        });
        if plus {
            view.map.zoom_about(rect, rect.center(), 2.0);
        }
        if minus {
            view.map.zoom_about(rect, rect.center(), 0.5);
        }
    }
}

fn lonlat(doc: &Document, w: [f64; 2]) -> Option<[f64; 2]> {
    doc.site.to_lonlat(w[0], w[1])
}

/// Tool behaviour: clicks and primary-button drags.
fn interact(
    ui: &Ui,
    response: &egui::Response,
    rect: Rect,
    doc: &Document,
    view: &mut ViewState,
    rt: &Runtime,
    actions: &mut Vec<Action>,
) {
    let tolerance = 6.0 * view.map.metres_per_point;
    // A cabin is hit anywhere on its symbol, which never gets smaller than this.
    let on_cabin = cabin_symbol::MIN_RADIUS as f64 * view.map.metres_per_point;
    if response.clicked()
        && let Some(p) = response.interact_pointer_pos()
    {
        let w = view.map.to_world(rect, p);
        match view.tool {
            Tool::Select | Tool::Rotate => {
                let layers = &view.prefs.layers;
                let sel = rt
                    .scene
                    .cabin_at(w, on_cabin)
                    .filter(|_| layers.cabins)
                    .map_or_else(|| hit_point(rt, layers, w, tolerance), Selection::Cabin);
                actions.push(Action::Select(sel));
            }
            Tool::AddCabin => {
                if let Some([lon, lat]) = lonlat(doc, w) {
                    actions.push(Action::Edit {
                        edit: Edit::AddCabin {
                            lon,
                            lat,
                            heading_deg: 0.0,
                        },
                        gesture: None,
                    });
                }
            }
            Tool::DrawRoute => {
                let click = Some((w, response.double_clicked()));
                super::route_tool::interact(doc, view, rt, click, false, actions);
            }
            Tool::DrawCable => {
                let click = Some((w, response.double_clicked()));
                super::cable_tool::interact(view, &rt.scene, click, false, actions);
            }
            Tool::DrawZone => {
                let closes = view.zone_draft.len() >= 3
                    && view.zone_draft.first().is_some_and(|f| {
                        (view.map.to_screen(rect, f[0], f[1]) - p).length() <= 8.0
                    });
                if closes {
                    finish_zone(doc, view, actions);
                } else {
                    view.zone_draft.push(w);
                }
            }
            Tool::Measure => {
                view.measure = match view.measure {
                    Measure {
                        a: Some(a),
                        b: None,
                    } => Measure {
                        a: Some(a),
                        b: Some(w),
                    },
                    _ => Measure {
                        a: Some(w),
                        b: None,
                    },
                };
            }
        }
    }
    if view.tool == Tool::DrawZone
        && !ui.ctx().egui_wants_keyboard_input()
        && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter))
    {
        finish_zone(doc, view, actions);
    }
    if view.tool == Tool::DrawRoute
        && !ui.ctx().egui_wants_keyboard_input()
        && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter))
    {
        super::route_tool::interact(doc, view, rt, None, true, actions);
    }
    if view.tool == Tool::DrawCable
        && !ui.ctx().egui_wants_keyboard_input()
        && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter))
    {
        super::cable_tool::interact(view, &rt.scene, None, true, actions);
    }
    if response.drag_started_by(egui::PointerButton::Primary) {
        let start = ui
            .input(|i| i.pointer.press_origin())
            .unwrap_or(rect.center());
        let w = view.map.to_world(rect, start);
        view.next_gesture += 1;
        let gesture = view.next_gesture;
        let layers = &view.prefs.layers;
        let hit = rt.scene.cabin_at(w, on_cabin).filter(|_| layers.cabins);
        let near = |at: [f64; 2]| (at[0] - w[0]).hypot(at[1] - w[1]) <= tolerance;
        let waypoint = rt
            .scene
            .route
            .iter()
            .position(|p| near(p.at))
            .filter(|_| layers.route);
        view.drag = Some(match (view.tool, hit) {
            (Tool::Select | Tool::DrawRoute, None) if waypoint.is_some() => {
                let index = waypoint.unwrap_or_default();
                actions.push(Action::Select(Selection::Waypoint(index)));
                let c = rt.scene.route[index].at;
                MapDrag::Waypoint {
                    index,
                    offset: [c[0] - w[0], c[1] - w[1]],
                    gesture,
                }
            }
            (Tool::Select, Some(index)) => {
                actions.push(Action::Select(Selection::Cabin(index)));
                let c = rt.scene.cabins[index].centre;
                MapDrag::Cabin {
                    index,
                    offset: [c[0] - w[0], c[1] - w[1]],
                    gesture,
                }
            }
            (Tool::Rotate, Some(index)) => MapDrag::Rotate { index, gesture },
            (Tool::Rotate, None) => match view.selection {
                Selection::Cabin(index) => MapDrag::Rotate { index, gesture },
                _ => MapDrag::Pan,
            },
            _ => MapDrag::Pan,
        });
    }
    if response.dragged_by(egui::PointerButton::Primary)
        && let Some(p) = response.interact_pointer_pos()
    {
        let w = view.map.to_world(rect, p);
        match view.drag {
            Some(MapDrag::Pan) | None => view.map.pan(response.drag_delta()),
            Some(MapDrag::Cabin {
                index,
                offset,
                gesture,
            }) => {
                if let Some([lon, lat]) = lonlat(doc, [w[0] + offset[0], w[1] + offset[1]]) {
                    actions.push(Action::Edit {
                        edit: Edit::MoveCabin { index, lon, lat },
                        gesture: Some(gesture),
                    });
                }
            }
            Some(MapDrag::Waypoint {
                index,
                offset,
                gesture,
            }) => {
                if let Some([lon, lat]) = lonlat(doc, [w[0] + offset[0], w[1] + offset[1]]) {
                    actions.push(Action::Edit {
                        edit: Edit::MoveWaypoint { index, lon, lat },
                        gesture: Some(gesture),
                    });
                }
            }
            Some(MapDrag::Rotate { index, gesture }) => {
                if let (Some(c), Some([lon, lat])) = (doc.mission.cabins.get(index), lonlat(doc, w))
                {
                    let b = geodesic_inverse(c.lon, c.lat, lon, lat);
                    if b.distance_m > 0.5 {
                        actions.push(Action::Edit {
                            edit: Edit::SetHeading {
                                index,
                                heading_deg: b.bearing_deg.round(),
                            },
                            gesture: Some(gesture),
                        });
                    }
                }
            }
        }
    }
    if response.drag_stopped() {
        if matches!(
            view.drag,
            Some(MapDrag::Cabin { .. } | MapDrag::Rotate { .. } | MapDrag::Waypoint { .. })
        ) {
            actions.push(Action::EndGesture);
        }
        view.drag = None;
    }
}

/// Turns the drawn corners into an exclusion zone (at least three; fewer are dropped).
fn finish_zone(doc: &Document, view: &mut ViewState, actions: &mut Vec<Action>) {
    let corners = std::mem::take(&mut view.zone_draft);
    let polygon: Vec<[f64; 2]> = corners.iter().filter_map(|w| lonlat(doc, *w)).collect();
    if polygon.len() >= 3 && polygon.len() == corners.len() {
        actions.push(Action::Edit {
            edit: Edit::AddZone { polygon },
            gesture: None,
        });
    }
}

/// A waypoint, landing point, turbine, cable or zone near `w`, on a visible layer.
fn hit_point(rt: &Runtime, layers: &Layers, w: [f64; 2], tol: f64) -> Selection {
    let near = |at: [f64; 2]| (at[0] - w[0]).hypot(at[1] - w[1]) <= tol;
    if layers.route
        && let Some(i) = rt.scene.route.iter().position(|p| near(p.at))
    {
        return Selection::Waypoint(i);
    }
    if layers.landing_points
        && let Some(i) = rt.scene.landing_points.iter().position(|p| near(p.at))
    {
        return Selection::LandingPoint(i);
    }
    if layers.turbines
        && let Some(i) = rt.scene.turbines.iter().position(|t| near(t.at))
    {
        return Selection::Turbine(i);
    }
    if layers.cables
        && let Some(i) = super::scene::cables::cable_at(&rt.scene.cables, w, tol)
    {
        return Selection::Cable(i);
    }
    if layers.zones
        && let Some(i) = rt
            .scene
            .zones
            .iter()
            .position(|z| z.rings.first().is_some_and(|r| point_in_ring(w, r)))
    {
        return Selection::Zone(i);
    }
    Selection::None
}

/// Screen position of a world point in the last drawn map (tests click with it).
pub fn screen_pos(view: &ViewState, x: f64, y: f64) -> Pos2 {
    view.map
        .to_screen(view.map_rect.unwrap_or(Rect::ZERO), x, y)
}
