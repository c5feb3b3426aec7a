//! Layers: visibility, opacity and the raster's colour map and hillshade.

use crate::app::map::colour::ColourMap;
use crate::app::state::Layers;
use egui::Ui;

pub fn show(ui: &mut Ui, layers: &mut Layers) {
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
    ui.add_enabled(
        layers.zones,
        egui::Slider::new(&mut layers.zones_opacity, 0.0..=1.0).text("Zone opacity"),
    );
    ui.checkbox(&mut layers.cabins, "Cabins");
    ui.checkbox(&mut layers.route, "Route");
    ui.checkbox(&mut layers.landing_points, "Landing points and ports");
    ui.checkbox(&mut layers.graticule, "Lon/lat graticule");
    ui.checkbox(&mut layers.labels, "Labels");
}
