//! The route tool: start a new route or extend the current one, insert a waypoint on a leg,
//! finish on double-click or Enter without a duplicate point; and the question asked before
//! "Plan route to selection" replaces a hand-built route.

use super::actions::Action;
use super::document::{Document, Selection};
use super::edit::Edit;
use super::state::{Runtime, Tool, ViewState};
use crate::mission::Route;

/// What a click of the route tool does.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RouteClick {
    /// Start a new route here (the tool was opened with "New route").
    Start,
    /// Append a waypoint here.
    Append,
    /// Insert a waypoint at this index (the click fell on the leg arriving at it).
    Insert(usize),
    /// Select this waypoint (the click fell on it).
    Select(usize),
    /// Finish the route (double-click, or a click on the last waypoint).
    Finish,
}

/// Where the point `w` lies within `tol` of the segment `a`–`b` (metres, working CRS): the
/// parameter along it, or `None`.
fn on_segment(a: [f64; 2], b: [f64; 2], w: [f64; 2], tol: f64) -> Option<f64> {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = dx * dx + dy * dy;
    if len2 <= 0.0 {
        return None;
    }
    let t = (((w[0] - a[0]) * dx + (w[1] - a[1]) * dy) / len2).clamp(0.0, 1.0);
    let (px, py) = (a[0] + t * dx, a[1] + t * dy);
    ((w[0] - px).hypot(w[1] - py) <= tol).then_some(t)
}

/// The leg under `w`: the index of the waypoint it arrives at (where a new one is inserted).
pub fn leg_at(points: &[[f64; 2]], w: [f64; 2], tol: f64) -> Option<usize> {
    points
        .windows(2)
        .position(|ab| on_segment(ab[0], ab[1], w, tol).is_some())
        .map(|i| i + 1)
}

/// Decides what a click at `w` does, given the route's waypoints `points` (working CRS),
/// whether a new route is to be started, and whether this click completed a double-click.
pub fn classify(
    points: &[[f64; 2]],
    w: [f64; 2],
    tol: f64,
    new_route: bool,
    double: bool,
) -> RouteClick {
    if double {
        return RouteClick::Finish;
    }
    if new_route {
        return RouteClick::Start;
    }
    let near = |p: &[f64; 2]| (p[0] - w[0]).hypot(p[1] - w[1]) <= tol;
    if let Some(i) = points.iter().rposition(near) {
        return if i + 1 == points.len() {
            RouteClick::Finish
        } else {
            RouteClick::Select(i)
        };
    }
    match leg_at(points, w, tol) {
        Some(i) => RouteClick::Insert(i),
        None => RouteClick::Append,
    }
}

/// Map interaction of the route tool: a click (`double`: it completed a double-click) and Enter.
pub(super) fn interact(
    doc: &Document,
    view: &mut ViewState,
    rt: &Runtime,
    click: Option<([f64; 2], bool)>,
    enter: bool,
    actions: &mut Vec<Action>,
) {
    if enter {
        actions.push(Action::FinishRoute);
        return;
    }
    let Some((w, double)) = click else { return };
    let tol = 6.0 * view.map.metres_per_point;
    let points: Vec<[f64; 2]> = rt.scene.route.iter().map(|p| p.at).collect();
    let lonlat = doc.site.to_lonlat(w[0], w[1]);
    let edit = match (classify(&points, w, tol, view.route_new, double), lonlat) {
        (RouteClick::Finish, _) => return actions.push(Action::FinishRoute),
        (RouteClick::Select(i), _) => {
            return actions.push(Action::Select(Selection::Waypoint(i)));
        }
        (_, None) => return,
        (RouteClick::Start, Some([lon, lat])) => {
            view.route_new = false;
            Edit::NewRoute { lon, lat }
        }
        (RouteClick::Append, Some([lon, lat])) => Edit::AddWaypoint { lon, lat },
        (RouteClick::Insert(index), Some([lon, lat])) => Edit::InsertWaypoint { index, lon, lat },
    };
    actions.push(Action::Edit {
        edit,
        gesture: None,
    });
}

/// A route someone shaped by hand (more than one leg, or names or speeds on its waypoints):
/// planning asks before replacing it.
pub fn hand_built(route: Option<&Route>) -> bool {
    route.is_some_and(|r| {
        r.waypoints.len() > 2
            || r.waypoints
                .iter()
                .any(|w| w.speed_kn.is_some() || !w.name.is_empty())
    })
}

/// The question before planning into a hand-built route.
pub fn plan_question(
    ctx: &egui::Context,
    view: &mut ViewState,
    doc: Option<&Document>,
    actions: &mut Vec<Action>,
) {
    if !view.plan_question {
        return;
    }
    let target = match (view.selection, doc) {
        (Selection::Cabin(i), Some(d)) => d.mission.cabins.get(i).map(|c| c.id.clone()),
        _ => None,
    };
    let Some(target) = target else {
        view.plan_question = false;
        return;
    };
    let legs = doc
        .and_then(|d| d.mission.route.as_ref())
        .map_or(0, |r| r.waypoints.len().saturating_sub(1));
    egui::Modal::new(egui::Id::unique("plan-question")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading("Replace the route?");
        ui.label(format!(
            "The route has {legs} legs drawn by hand (with its names, slow-down points and \
             per-leg speeds). Planning to {target} can replace it, or add the planned leg after \
             its last waypoint and keep the rest."
        ));
        ui.horizontal(|ui| {
            if ui.button(format!("Add a leg to {target}")).clicked() {
                actions.push(Action::PlanRoute { extend: true });
                view.plan_question = false;
            }
            if ui.button("Replace the route").clicked() {
                actions.push(Action::PlanRoute { extend: false });
                view.plan_question = false;
            }
            if ui.button("Cancel").clicked() {
                view.plan_question = false;
            }
        });
    });
}

/// Starts the route tool: `new` starts a new route with the next click, else clicks extend it.
pub(super) fn start(view: &mut ViewState, new: bool) {
    view.tool = Tool::DrawRoute;
    view.route_new = new;
}

#[cfg(test)]
mod tests {
    use super::*;

    const SQUARE: [[f64; 2]; 3] = [[0.0, 0.0], [100.0, 0.0], [100.0, 100.0]];

    #[test]
    fn a_click_on_a_leg_inserts_before_the_waypoint_it_arrives_at() {
        assert_eq!(
            classify(&SQUARE, [50.0, 3.0], 5.0, false, false),
            RouteClick::Insert(1)
        );
        assert_eq!(
            classify(&SQUARE, [97.0, 60.0], 5.0, false, false),
            RouteClick::Insert(2)
        );
        assert_eq!(
            classify(&SQUARE, [50.0, 30.0], 5.0, false, false),
            RouteClick::Append
        );
    }

    #[test]
    fn a_click_on_a_waypoint_selects_it_and_on_the_last_one_finishes() {
        assert_eq!(
            classify(&SQUARE, [1.0, 1.0], 5.0, false, false),
            RouteClick::Select(0)
        );
        assert_eq!(
            classify(&SQUARE, [101.0, 99.0], 5.0, false, false),
            RouteClick::Finish
        );
        assert_eq!(
            classify(&SQUARE, [50.0, 30.0], 5.0, false, true),
            RouteClick::Finish
        );
        assert_eq!(
            classify(&SQUARE, [50.0, 3.0], 5.0, true, false),
            RouteClick::Start
        );
    }
}
