//! The draw-cable tool and "Auto-route cable".
//!
//! Drawing: click the start object (a cabin, a landing point or substation, or a wind turbine),
//! click waypoints on the water, then click the end object: the cable (of the purpose and type
//! chosen in the tool bar) is added as one undo step. Enter or a double-click also finishes;
//! Esc leaves the tool and drops the draft.
//!
//! Auto-route: the selected cable is routed on a worker by
//! [`crate::cable::route::plan_mission`] (what `fathom cable plan --cable ID` runs); its
//! alter-course points replace the cable's waypoints as one undo step.

use super::FathomApp;
use super::actions::Action;
use super::cable_draft::CableDraft;
use super::edit::Edit;
use super::scene::Scene;
use super::state::{ToolOutput, ViewState};
use crate::mission::{Cable, CableEnd, CablePurpose, Mission};

/// What the draw-cable tool asks for first.
pub const START_HINT: &str =
    "Draw cable: click a cabin, landing point or turbine to start (Escape cancels)";

/// How near (screen points) a click must fall to an object to take it as a cable end.
pub const PICK_POINTS: f64 = 8.0;

/// A cable end and where it is (working CRS).
pub type End = (CableEnd, [f64; 2]);

/// The cable end under `w` (within `tol` metres): a cabin, a landing point or a turbine.
pub fn object_at(scene: &Scene, w: [f64; 2], tol: f64) -> Option<End> {
    if let Some(i) = scene.cabin_at(w, tol) {
        let c = &scene.cabins[i];
        return Some((CableEnd::Cabin(c.id.clone()), c.centre));
    }
    let near = |at: [f64; 2]| (at[0] - w[0]).hypot(at[1] - w[1]) <= tol;
    if let Some(p) = scene.landing_points.iter().find(|p| near(p.at)) {
        return Some((CableEnd::Landing(p.id.clone()), p.at));
    }
    let i = scene.turbines.iter().position(|t| near(t.at))?;
    Some((CableEnd::Turbine(i), scene.turbines[i].at))
}

/// What one click did to the draft.
#[derive(Clone, Debug, PartialEq)]
pub enum CableClick {
    /// Nothing changed; the hint says why.
    Ignored(String),
    /// The start was set or a waypoint added; the hint says what comes next.
    Drawing(String),
    /// The end was set: the cable is complete.
    Complete,
}

/// Applies a click of the draw-cable tool at `w` to the draft. `hit` is the object under it.
pub fn click(draft: &mut CableDraft, w: [f64; 2], hit: Option<End>) -> CableClick {
    match (&draft.from, hit) {
        (None, Some(end)) => {
            let name = end.0.to_string();
            draft.from = Some(end);
            CableClick::Drawing(format!(
                "Cable from {name}: click waypoints on the water, then the end object"
            ))
        }
        (None, None) => CableClick::Ignored(START_HINT.into()),
        (Some((from, _)), Some(end)) if *from == end.0 => {
            CableClick::Ignored("Draw cable: the end must differ from the start".into())
        }
        (Some(_), Some(end)) => {
            draft.to = Some(end);
            CableClick::Complete
        }
        (Some(_), None) => {
            draft.points.push(w);
            CableClick::Drawing(format!(
                "{} waypoint(s); click the end object (cabin, landing point, turbine)",
                draft.points.len()
            ))
        }
    }
}

/// The cable a complete draft makes: the next free id (`P<n>` for power, `F<n>` for fibre),
/// waypoints in lon/lat (`to_lonlat` converts), [`Cable::new`]'s defaults, and the burial,
/// slack and alter-course radius of the mission's last cable of the same purpose (else no
/// burial and the type's minimum bending radius).
pub fn finished(
    m: &Mission,
    draft: &CableDraft,
    to_lonlat: impl Fn([f64; 2]) -> Option<[f64; 2]>,
) -> Result<Cable, String> {
    let (Some((from, _)), Some((to, _))) = (&draft.from, &draft.to) else {
        return Err("Draw cable: click the start object, then the end object".into());
    };
    let waypoints = draft
        .points
        .iter()
        .map(|p| to_lonlat(*p))
        .collect::<Option<Vec<_>>>()
        .ok_or("Draw cable: a waypoint cannot be converted to longitude/latitude")?;
    let ty = crate::cable::types::cable_type(&draft.cable_type)
        .ok_or_else(|| format!("Draw cable: unknown cable type `{}`", draft.cable_type))?;
    let prefix = match draft.purpose {
        CablePurpose::Power => "P",
        CablePurpose::Fibre => "F",
    };
    let id = (1..)
        .map(|n| format!("{prefix}{n}"))
        .find(|id| !m.cables.iter().any(|c| &c.id == id))
        .unwrap_or_default();
    let like = m.cables.iter().rev().find(|c| c.purpose == draft.purpose);
    let mut cable = Cable::new(
        id,
        ty.id,
        draft.purpose,
        (from.clone(), to.clone()),
        like.map_or(ty.min_bend_radius_m, |c| c.min_alter_course_radius_m),
    );
    cable.waypoints = waypoints;
    if let Some(c) = like {
        (cable.burial_m, cable.slack_pct) = (c.burial_m, c.slack_pct);
    }
    Ok(cable)
}

/// Map interaction of the draw-cable tool: a click (`double`: it completed a double-click) and
/// Enter.
pub(super) fn interact(
    view: &mut ViewState,
    scene: &Scene,
    click_at: Option<([f64; 2], bool)>,
    enter: bool,
    actions: &mut Vec<Action>,
) {
    if enter {
        return actions.push(Action::FinishCable);
    }
    let Some((w, double)) = click_at else { return };
    if double {
        return actions.push(Action::FinishCable);
    }
    let tol = PICK_POINTS * view.map.metres_per_point;
    match click(&mut view.cable_draft, w, object_at(scene, w, tol)) {
        CableClick::Ignored(hint) | CableClick::Drawing(hint) => view.status = hint,
        CableClick::Complete => actions.push(Action::FinishCable),
    }
}

impl FathomApp {
    /// Adds the drawn cable as one undo step (or says what is missing). Without a started
    /// draft (the second click of a double-click that completed it) it does nothing.
    pub(super) fn finish_cable(&mut self) {
        let Some(doc) = &self.doc else { return };
        if self.view.cable_draft.from.is_none() {
            return;
        }
        let site = doc.site.clone();
        match finished(&doc.mission, &self.view.cable_draft, |p| {
            site.to_lonlat(p[0], p[1])
        }) {
            Ok(cable) => {
                self.view.status = format!(
                    "Added cable {} from {} to {}; Tools > Auto-route selected cable routes it",
                    cable.id, cable.from, cable.to
                );
                self.view.cable_draft.clear();
                self.edit(Edit::AddCable { cable }, None);
            }
            Err(e) => self.view.status = e,
        }
    }

    /// Starts routing cable `index` on a worker, as `fathom cable plan --cable ID`.
    pub(super) fn start_auto_route(&mut self, index: usize) {
        let Some(doc) = &self.doc else { return };
        let Some(id) = doc.mission.cables.get(index).map(|c| c.id.clone()) else {
            self.view.error = Some("Auto-route cable: select a cable first".into());
            return;
        };
        let (site, m) = (doc.site.clone(), doc.mission.clone());
        self.spawn_tool(&format!("Routing cable {id}"), false, move |p| {
            let ctx = site.context(&m);
            p.set(0.2);
            let fail = |e: String| format!("Auto-route cable {id}: {e}");
            let planned = crate::cable::route::plan_mission(&ctx, Some(&id))
                .map_err(|e| fail(e.to_string()))?;
            let route = planned
                .into_iter()
                .next()
                .ok_or_else(|| fail("the cable was not planned".into()))?
                .1
                .map_err(|e| fail(e.to_string()))?;
            let waypoints = route[1..route.len().saturating_sub(1).max(1)]
                .iter()
                .map(|&(x, y)| ctx.to_lonlat(x, y).map(|(lon, lat)| [lon, lat]))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| fail(e.to_string()))?;
            let km = crate::bathymetry::sample::polyline_length(&route) / 1e3;
            let summary = format!(
                "Auto-routed cable {id}: {km:.3} km, {} alter-course point(s) (Ctrl+Z restores its \
                 old route)",
                waypoints.len()
            );
            Ok(ToolOutput::CableRoute {
                index,
                waypoints,
                summary,
            })
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mission::Site;

    #[test]
    fn clicks_pick_the_start_then_waypoints_then_the_end() {
        let mut d = CableDraft::default();
        let c1 = (CableEnd::Cabin("C1".into()), [0.0, 0.0]);
        let t0 = (CableEnd::Turbine(0), [100.0, 0.0]);
        assert!(matches!(
            click(&mut d, [5.0, 5.0], None),
            CableClick::Ignored(_)
        ));
        assert_eq!(d.from, None);
        click(&mut d, [0.0, 0.0], Some(c1.clone()));
        click(&mut d, [40.0, 10.0], None);
        click(&mut d, [60.0, 10.0], None);
        assert!(matches!(
            click(&mut d, [0.0, 0.0], Some(c1.clone())),
            CableClick::Ignored(h) if h.contains("differ")
        ));
        assert_eq!(
            click(&mut d, [100.0, 0.0], Some(t0.clone())),
            CableClick::Complete
        );
        assert_eq!(d.from, Some(c1));
        assert_eq!(d.to, Some(t0));
        assert_eq!(d.points, vec![[40.0, 10.0], [60.0, 10.0]]);
    }

    #[test]
    fn a_finished_draft_takes_a_free_id_and_its_neighbours_burial() {
        let mut m = Mission::new("t", Site::on_grid("g.asc"));
        let ends = (CableEnd::Landing("L".into()), CableEnd::Cabin("C1".into()));
        let mut f1 = Cable::new(
            "F1".into(),
            "fibre-48f".into(),
            CablePurpose::Fibre,
            ends.clone(),
            80.0,
        );
        f1.burial_m = 1.2;
        m.cables.push(f1);
        let mut d = CableDraft {
            purpose: CablePurpose::Fibre,
            cable_type: "fibre-48f".into(),
            ..Default::default()
        };
        assert!(finished(&m, &d, Some).is_err(), "no ends yet");
        (d.from, d.to) = (Some((ends.0, [0.0, 0.0])), Some((ends.1, [9.0, 9.0])));
        d.points = vec![[1.0, 2.0]];
        let c = finished(&m, &d, |p| Some([p[0] + 0.5, p[1]])).unwrap();
        assert_eq!((c.id.as_str(), c.burial_m), ("F2", 1.2));
        assert_eq!(c.min_alter_course_radius_m, 80.0);
        assert_eq!(c.waypoints, vec![[1.5, 2.0]]);
        // The first power cable: P1, the type's minimum bending radius, no burial.
        d.purpose = CablePurpose::Power;
        d.cable_type = "xlpe-66kv-630".into();
        let p = finished(&m, &d, Some).unwrap();
        let ty = crate::cable::types::cable_type("xlpe-66kv-630").unwrap();
        assert_eq!(p.id, "P1");
        assert_eq!(
            (p.burial_m, p.min_alter_course_radius_m),
            (0.0, ty.min_bend_radius_m)
        );
        assert!(
            finished(&m, &d, |_| None).is_err(),
            "unprojectable waypoint"
        );
    }

    #[test]
    fn cable_edits_add_reroute_and_delete_with_undo() {
        use crate::app::document::{History, Selection};
        let mut m = Mission::new("t", Site::on_grid("g.asc"));
        let ends = (CableEnd::Turbine(0), CableEnd::Cabin("C1".into()));
        let cable = Cable::new(
            "P1".into(),
            "xlpe-33kv-400".into(),
            CablePurpose::Power,
            ends,
            50.0,
        );
        let mut h = History::default();
        let mut edit = |m: &mut Mission, e: Edit| {
            h.before_edit(m, None);
            e.apply(m)
        };
        let add = Edit::AddCable {
            cable: cable.clone(),
        };
        assert_eq!(edit(&mut m, add.clone()), Ok(Selection::Cable(0)));
        let before = m.clone();
        assert!(add.apply(&mut m).is_err(), "duplicate id");
        let waypoints = vec![[121.9, 30.6], [121.95, 30.62]];
        let route = Edit::SetCableWaypoints {
            index: 0,
            waypoints: waypoints.clone(),
        };
        assert_eq!(edit(&mut m, route), Ok(Selection::Cable(0)));
        assert_eq!(m.cables[0].waypoints, waypoints);
        assert!(
            Edit::SetCableWaypoints {
                index: 3,
                waypoints: Vec::new()
            }
            .apply(&mut m)
            .is_err()
        );
        assert!(h.undo(&mut m));
        assert_eq!(m, before);
        assert_eq!(
            Edit::DeleteCable { index: 0 }.apply(&mut m),
            Ok(Selection::None)
        );
        assert!(m.cables.is_empty());
        assert!(Edit::DeleteCable { index: 0 }.apply(&mut m).is_err());
    }
}
