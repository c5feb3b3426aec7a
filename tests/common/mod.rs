//! Pointer and waiting helpers shared by the planner's kittest suites (`app_ui`, `app_plan`).

use egui::Pos2;
use egui_kittest::Harness;
use fathom::app::FathomApp;
use std::time::Duration;

/// Steps the app until `cond` holds (workers run on threads, so this sleeps between frames);
/// panics naming `what` after 15 s.
pub fn step_until(h: &mut Harness<'_, FathomApp>, what: &str, cond: impl Fn(&FathomApp) -> bool) {
    for _ in 0..1500 {
        h.step();
        if cond(h.state()) {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("timed out waiting for: {what}");
}

/// Screen position of a lon/lat on the map.
pub fn on_map(h: &Harness<'_, FathomApp>, lon: f64, lat: f64) -> Pos2 {
    let app = h.state();
    let w = app.doc.as_ref().unwrap().site.to_work(lon, lat).unwrap();
    fathom::app::map::screen_pos(&app.view, w[0], w[1])
}

/// A click as the pointer makes it: hover, press, release.
pub fn click_at(h: &mut Harness<'_, FathomApp>, p: Pos2) {
    h.hover_at(p);
    h.step();
    h.drag_at(p);
    h.step();
    h.drop_at(p);
    h.step();
    h.step();
}

/// A drag from `from` to `to` in five moves.
pub fn drag(h: &mut Harness<'_, FathomApp>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.step();
    h.drag_at(from);
    h.step();
    for i in 1..=5 {
        h.hover_at(from + (to - from) * (i as f32 / 5.0));
        h.step();
    }
    h.drop_at(to);
    h.step();
    h.step();
}
