//! The help window: keyboard shortcuts and mouse use.

/// (keys, what they do) — also the source for the menus' shortcut hints.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("Ctrl+O", "Open a mission"),
    ("Ctrl+S / Ctrl+Shift+S", "Save / Save as"),
    (
        "Ctrl+Z / Ctrl+Shift+Z (Ctrl+Y)",
        "Undo / redo (a whole drag is one step)",
    ),
    ("S", "Select / move tool"),
    ("A", "Add-cabin tool: click the map to place a cabin"),
    ("R", "Rotate tool: drag around the selected cabin"),
    (
        "M",
        "Measure tool: click two points (geodesic distance, bearing)",
    ),
    (
        "W",
        "Draw-route tool (extends the route): click to append waypoints, click a leg to insert \
         one there, drag a waypoint to move it; double-click, Enter or a click on the last \
         waypoint finishes. New route (toolbar) starts a new route with the next click",
    ),
    (
        "E",
        "Draw-zone tool: click corners; click the first corner or press Enter to close",
    ),
    (
        "C",
        "Draw-cable tool: click the start (cabin, landing point, turbine), waypoints on the \
         water, then the end; Enter or a double-click also finishes. Purpose and cable type sit \
         in the tool bar; Escape drops the cable being drawn",
    ),
    ("Delete", "Delete the selected cabin, waypoint or zone"),
    ("F5", "Validate the mission"),
    ("Home", "Zoom to the whole grid"),
    (
        "+ / -, mouse wheel",
        "Zoom (the wheel zooms about the cursor)",
    ),
    ("Drag empty water, right or middle drag", "Pan"),
    (
        "Escape",
        "Back to the select tool, clear the measurement or the zone being drawn",
    ),
    ("F1", "This help"),
];

pub fn show(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new("Help: shortcuts").open(open).resizable(false).show(ctx, |ui| {
        egui::Grid::new("shortcuts").striped(true).num_columns(2).show(ui, |ui| {
            for (k, what) in SHORTCUTS {
                ui.monospace(*k);
                ui.label(*what);
                ui.end_row();
            }
        });
        ui.separator();
        ui.label(
            "Tools > Lay out cabins… places cabins where the seabed suits their type; Tools > Plan \
             route to selection plans the least-cost safe route from the route's first waypoint (or \
             the first port) to the selected cabin; a hand-built route is replaced only if you say so \
             (or the planned leg is added after its last waypoint). Both run in the \
             background (Cancel in the status bar) and each is one undo step.",
        );
        ui.label(
            "Tools > Auto-route selected cable routes the cable selected on the map as `fathom \
             cable plan` does (clear of zones, steep slopes and other objects), in the background, \
             as one undo step; the Cable profile chart shows its seabed, spans and figures.",
        );
        ui.label("Cabins are coloured by their worst validation finding: green none, amber warning, red error.");
    });
}
