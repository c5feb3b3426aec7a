//! Layers: visibility, opacity and the raster's colour map and hillshade, with each vector
//! layer's symbol drawn next to its switch (the legend).

use crate::app::map::overlays;
use crate::app::raster::colour::ColourMap;
use crate::app::scene::suitability;
use crate::app::scene::wake::WakeLayer;
use crate::app::state::Layers;
use crate::mission::ZoneKind;
use egui::{Color32, Sense, Stroke, Ui, vec2};

/// How a layer's symbol looks in the legend.
#[derive(Clone, Copy)]
enum Symbol {
    Line(Color32),
    Dot(Color32),
    Square(Color32),
    Ring(Color32),
    Dashed(Color32),
    /// A wide translucent band (free spans under a cable).
    Band(Color32),
}

fn symbol(ui: &mut Ui, s: Symbol) {
    let (rect, _) = ui.allocate_exact_size(vec2(18.0, 14.0), Sense::hover());
    let p = ui.painter();
    let c = rect.center();
    let outline = Stroke::new(1.0, Color32::from_gray(40));
    match s {
        Symbol::Line(col) => {
            p.line_segment(
                [rect.left_center(), rect.right_center()],
                Stroke::new(2.5, col),
            );
        }
        Symbol::Dot(col) => {
            p.circle(c, 4.0, col, outline);
        }
        Symbol::Square(col) => {
            p.rect(
                egui::Rect::from_center_size(c, vec2(9.0, 9.0)),
                1.0,
                col,
                outline,
                egui::StrokeKind::Middle,
            );
        }
        Symbol::Dashed(col) => {
            p.add(egui::Shape::dashed_line(
                &[rect.left_center(), rect.right_center()],
                Stroke::new(2.0, col),
                5.0,
                3.0,
            ));
        }
        Symbol::Band(col) => {
            p.line_segment(
                [rect.left_center(), rect.right_center()],
                Stroke::new(8.0, col.gamma_multiply(0.85)),
            );
        }
        Symbol::Ring(col) => {
            p.circle_stroke(c, 6.0, Stroke::new(1.0, col));
            p.circle(c, 2.5, col, outline);
        }
    }
}

/// A layer switch with its legend symbol.
fn layer(ui: &mut Ui, on: &mut bool, label: &str, s: Symbol) {
    ui.horizontal(|ui| {
        ui.checkbox(on, label);
        symbol(ui, s);
    });
}

/// The cables layer's switch and its legend: power solid, fibre dashed, free spans, crossings.
fn cables(ui: &mut Ui, layers: &mut Layers) {
    use overlays::cables::{BAD_CROSSING, FIBRE, POWER, SPAN};
    layer(ui, &mut layers.cables, "Cables", Symbol::Line(POWER));
    ui.add_enabled_ui(layers.cables, |ui| {
        ui.indent("cables", |ui| {
            let bad = format!(
                "crossing below {}° (its angle)",
                crate::cable::crossing::MIN_CROSSING_DEG
            );
            for (s, name) in [
                (Symbol::Line(POWER), "power (solid)"),
                (Symbol::Dashed(FIBRE), "fibre (dashed)"),
                (Symbol::Band(SPAN), "free span"),
                (Symbol::Ring(BAD_CROSSING), bad.as_str()),
            ] {
                ui.horizontal(|ui| {
                    symbol(ui, s);
                    ui.label(name);
                });
            }
        });
    });
}

/// The layers panel; `wake` is the wake footprint's state, for its legend.
pub fn show(ui: &mut Ui, layers: &mut Layers, wake: &WakeLayer) {
    ui.heading("Layers");
    ui.checkbox(&mut layers.bathymetry, "Bathymetry");
    ui.add_enabled_ui(layers.bathymetry, |ui| {
        ui.indent("bathy", |ui| {
            ui.add(egui::Slider::new(&mut layers.bathymetry_opacity, 0.0..=1.0).text("Opacity"));
            egui::ComboBox::from_label("Colour map")
                .selected_text(layers.colour_map.name())
                .show_ui(ui, |ui| {
                    for c in ColourMap::ALL {
                        ui.selectable_value(&mut layers.colour_map, c, c.name());
                    }
                });
            ui.checkbox(&mut layers.hillshade, "Hillshade");
            ui.add_enabled(
                layers.hillshade,
                egui::Slider::new(&mut layers.hillshade_z, 1.0..=20.0).text("Relief exaggeration"),
            );
        });
    });
    ui.checkbox(&mut layers.zones, "Exclusion zones");
    ui.add_enabled_ui(layers.zones, |ui| {
        ui.indent("zones", |ui| {
            ui.add(egui::Slider::new(&mut layers.zones_opacity, 0.0..=1.0).text("Zone opacity"));
            for (kind, name) in [
                (ZoneKind::ShippingLane, "shipping lane"),
                (ZoneKind::Anchorage, "anchorage"),
                (ZoneKind::CablePipeline, "cable / pipeline"),
                (ZoneKind::ProtectedArea, "protected area"),
                (ZoneKind::Other, "other"),
            ] {
                ui.horizontal(|ui| {
                    symbol(ui, Symbol::Square(overlays::zone_colour(kind)));
                    ui.label(name);
                });
            }
        });
    });
    ui.checkbox(&mut layers.contours, "Isobaths (depth contours)")
        .on_hover_text(
            "Thin lines at a round depth interval, every fifth heavier, with depth labels",
        );
    ui.checkbox(&mut layers.suitability, "Suitability")
        .on_hover_text("Where a cabin of the selected cabin's type (else the first type) can stand; hover the map for the reason a place fails");
    ui.add_enabled_ui(layers.suitability, |ui| {
        ui.indent("suitability", |ui| {
            ui.add(
                egui::Slider::new(&mut layers.suitability_opacity, 0.0..=1.0)
                    .text("Suitability opacity"),
            );
            for (colour, name) in [
                (suitability::FEASIBLE, "feasible (darker: higher score)"),
                (suitability::INFEASIBLE, "fails a constraint"),
                (suitability::NO_DATA, "no data / off the grid"),
            ] {
                ui.horizontal(|ui| {
                    symbol(ui, Symbol::Square(colour));
                    ui.label(name);
                });
            }
        });
    });
    ui.checkbox(&mut layers.wake, "Wind farm wake")
        .on_hover_text("Where the turbines slow the wind at hub height, in the dominant wind direction of the farm's resource");
    ui.add_enabled_ui(layers.wake, |ui| {
        ui.indent("wake", |ui| {
            ui.add(egui::Slider::new(&mut layers.wake_opacity, 0.0..=1.0).text("Wake opacity"));
            super::wake::legend(ui, wake);
        });
    });
    layer(
        ui,
        &mut layers.cabins,
        "Cabins",
        Symbol::Square(overlays::status_colour(None)),
    );
    layer(
        ui,
        &mut layers.route,
        "Planned route",
        Symbol::Line(overlays::ROUTE),
    );
    layer(
        ui,
        &mut layers.turbines,
        "Wind turbines",
        Symbol::Ring(overlays::TURBINE),
    );
    layer(
        ui,
        &mut layers.track,
        "As-run track",
        Symbol::Line(overlays::TRACK),
    );
    cables(ui, layers);
    layer(
        ui,
        &mut layers.landing_points,
        "Landing points and ports",
        Symbol::Dot(overlays::LANDING),
    );
    ui.checkbox(&mut layers.graticule, "Lon/lat graticule");
    ui.checkbox(&mut layers.labels, "Labels");
}
