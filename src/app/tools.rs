//! The automatic tools of the Tools menu: cabin layout ([`crate::siting::plan::layout_cabins`],
//! as `fathom site layout`) and least-cost routing to the selected cabin
//! ([`crate::vessel::plan::plan_on_mission`], as `fathom route plan`). Both run on a worker
//! over a snapshot of the mission; the result becomes one undo step, and only when the mission
//! has not changed meanwhile (otherwise the user is asked to run the tool again).

use super::FathomApp;
use super::document::Selection;
use super::edit::Edit;
use super::jobs::{Job, Progress};
use super::state::{LayoutDialog, MAX_LAYOUT_CABINS, ToolJob, ToolOutput};

/// The smallest width (m) the view zooms to when showing the cabins a layout added.
const ADDED_VIEW_M: f64 = 600.0;
use crate::mission::{LegGeometry, Mission, Route, Waypoint};

/// Where a planned route starts: the first waypoint of the mission's route (its departure point),
/// else the mission's first port. Returns a name and (lon, lat).
pub fn route_start(m: &Mission) -> Option<(String, (f64, f64))> {
    if let Some(w) = m.route.as_ref().and_then(|r| r.waypoints.first()) {
        let name = if w.name.is_empty() {
            format!("waypoint {}", w.id)
        } else {
            w.name.clone()
        };
        return Some((name, (w.lon, w.lat)));
    }
    m.ports.first().map(|p| {
        let name = if p.name.is_empty() {
            p.id.clone()
        } else {
            p.name.clone()
        };
        (name, (p.lon, p.lat))
    })
}

/// Where a planned leg added to the route starts: the route's last waypoint.
fn route_end(m: &Mission) -> Option<(String, (f64, f64))> {
    let w = m.route.as_ref()?.waypoints.last()?;
    let name = if w.name.is_empty() {
        format!("waypoint {}", w.id)
    } else {
        w.name.clone()
    };
    Some((name, (w.lon, w.lat)))
}

/// `old` followed by the planned waypoints after its last one (ids continue), so its names,
/// slow-down points and per-leg speeds stay.
fn extended_route(mut old: Route, planned: Route) -> Route {
    let first = old.waypoints.iter().map(|w| w.id + 1).max().unwrap_or(1);
    for (id, mut w) in (first..).zip(planned.waypoints.into_iter().skip(1)) {
        w.id = id;
        old.waypoints.push(w);
    }
    old
}

/// The route that replaces the mission's: the planned vertices as rhumb-line legs, named after
/// its ends, keeping the old route's departure time.
fn planned_route(
    old: Option<&Route>,
    from: &str,
    to: &str,
    lonlat: &[(f64, f64)],
) -> Result<Route, String> {
    if lonlat.len() < 2 {
        return Err("the planned route has fewer than two points".into());
    }
    let n = lonlat.len();
    let waypoints = lonlat
        .iter()
        .enumerate()
        .map(|(i, &(lon, lat))| Waypoint {
            id: i as u32 + 1,
            name: match i {
                0 => from.to_string(),
                i if i == n - 1 => to.to_string(),
                _ => String::new(),
            },
            lon,
            lat,
            speed_kn: None,
            geometry: LegGeometry::Rhumb,
        })
        .collect();
    Ok(Route {
        name: format!("{from} to {to}"),
        departure: old.and_then(|r| r.departure),
        waypoints,
    })
}

impl FathomApp {
    /// True while a layout or route planning runs.
    pub fn tool_busy(&self) -> bool {
        self.rt.tool_job.is_some()
    }

    pub(super) fn open_layout_dialog(&mut self) {
        if let Some(doc) = &self.doc {
            self.view.layout_dialog =
                Some(LayoutDialog::for_mission(&doc.mission, self.view.selection));
        }
    }

    pub(super) fn spawn_tool(
        &mut self,
        label: &str,
        layout: bool,
        work: impl FnOnce(&Progress) -> Result<ToolOutput, String> + Send + 'static,
    ) {
        let Some(doc) = &self.doc else { return };
        if let Some(t) = &self.rt.tool_job {
            t.job.cancel();
        }
        self.view.status = format!("{label}…");
        self.rt.tool_job = Some(ToolJob {
            job: Job::spawn(label, Some(self.egui_ctx.clone()), work),
            revision: doc.revision,
            layout,
        });
    }

    /// Starts the automatic layout of `n` cabins of `type_id` next to the existing cabins.
    pub(super) fn start_layout(&mut self, n: usize, type_id: String) {
        let Some(doc) = &self.doc else { return };
        if n == 0 || n > MAX_LAYOUT_CABINS {
            self.view.error = Some(format!(
                "Lay out cabins: expected 1 to {MAX_LAYOUT_CABINS} cabins, got {n}"
            ));
            return;
        }
        let (site, m) = (doc.site.clone(), doc.mission.clone());
        self.spawn_tool("Laying out cabins", true, move |p| {
            let ctx = site.context(&m);
            p.set(0.1);
            let (report, cabins) =
                crate::siting::plan::layout_cabins(&ctx, Some(&type_id), n, false)
                    .map_err(|e| format!("Lay out cabins: {e}"))?;
            p.set(1.0);
            let why_short = (cabins.len() < n).then(|| report.why_short());
            Ok(ToolOutput::Layout {
                cabins,
                requested: n,
                why_short,
            })
        });
    }

    /// Starts planning the route from [`route_start`] to the selected cabin.
    /// `extend`: plan from the route's last waypoint and add the planned leg after it, keeping
    /// the rest of the route; else plan from its start and replace it.
    pub(super) fn start_route_to_selection(&mut self, extend: bool) {
        let Some(doc) = &self.doc else { return };
        let m = &doc.mission;
        let cabin = match self.view.selection {
            Selection::Cabin(i) => m.cabins.get(i),
            _ => None,
        };
        let Some(cabin) = cabin else {
            self.view.error = Some("Plan route: select a cabin first".into());
            return;
        };
        let start = if extend { route_end(m) } else { route_start(m) };
        let Some((from_name, from)) = start else {
            self.view.error = Some(
                "Plan route: the mission has no [[ports]] and no route to start from; add a port \
                 or draw a route's first waypoint"
                    .into(),
            );
            return;
        };
        let (to_name, to) = (cabin.id.clone(), (cabin.lon, cabin.lat));
        let (site, m) = (doc.site.clone(), m.clone());
        self.spawn_tool("Planning route", false, move |p| {
            let ctx = site.context(&m);
            p.set(0.2);
            let fail = |e: String| format!("Plan route from {from_name} to {to_name}: {e}");
            let (r, need) = crate::vessel::plan::plan_on_mission(&ctx, from, to)
                .map_err(|e| fail(e.to_string()))?;
            let lonlat = r
                .points
                .iter()
                .map(|&(x, y)| ctx.to_lonlat(x, y).map_err(|e| fail(e.to_string())))
                .collect::<Result<Vec<_>, _>>()?;
            let planned = planned_route(m.route.as_ref(), &from_name, &to_name, &lonlat)
                .map_err(fail)?;
            let (route, what) = match m.route.clone().filter(|_| extend) {
                Some(old) => (extended_route(old, planned), "leg added, the rest kept"),
                None => (planned, "route replaced"),
            };
            let summary = format!(
                "Planned {from_name} to {to_name}: {:.2} NM, {} waypoints, water needed {need:.2} m, \
                 shallowest {:.2} m ({what}; Ctrl+Z restores the old route)",
                r.length_m / crate::constants::METRES_PER_NM,
                route.waypoints.len(),
                r.shallowest_depth_m
            );
            Ok(ToolOutput::Route { route, summary })
        });
    }

    /// After a layout added cabins `added`: selects the first, highlights them all (until the
    /// next change) and fits the view to them, so the user sees what the layout did.
    fn show_added_cabins(&mut self, added: std::ops::Range<usize>) {
        let Some(doc) = &self.doc else { return };
        let Some(new) = doc.mission.cabins.get(added.clone()) else {
            return; // the edit was refused (its message is in the status bar)
        };
        let xy: Vec<[f64; 2]> = new
            .iter()
            .filter_map(|c| doc.site.to_work(c.lon, c.lat))
            .collect();
        self.view.selection = Selection::Cabin(added.start);
        self.view.added_cabins = Some((doc.revision, added));
        let Some(rect) = self.view.map_rect else {
            return;
        };
        let mut e = [
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ];
        for p in &xy {
            e = [
                e[0].min(p[0]),
                e[1].min(p[1]),
                e[2].max(p[0]),
                e[3].max(p[1]),
            ];
        }
        if e[0] <= e[2] {
            // At least ADDED_VIEW_M across, so one cabin is shown with its surroundings.
            let (cx, cy) = ((e[0] + e[2]) / 2.0, (e[1] + e[3]) / 2.0);
            let half = ((e[2] - e[0]).max(e[3] - e[1]) / 2.0).max(ADDED_VIEW_M / 2.0);
            let half = half * 1.2;
            self.view
                .map
                .fit(rect.size(), [cx - half, cy - half, cx + half, cy + half]);
        }
    }

    /// Applies a finished tool as one undo step, or reports why not.
    pub(super) fn poll_tool_job(&mut self) {
        let Some(t) = &mut self.rt.tool_job else {
            return;
        };
        let Some(result) = t.job.poll() else { return };
        let (cancelled, revision) = (t.job.is_cancelled(), t.revision);
        self.rt.tool_job = None;
        if cancelled {
            self.view.status = "Cancelled".into();
            return;
        }
        let output = match result {
            Ok(o) => o,
            Err(e) => {
                self.view.status = "The tool stopped; see the message".into();
                self.view.error = Some(e);
                return;
            }
        };
        if self.doc.as_ref().map(|d| d.revision) != Some(revision) {
            self.view.status =
                "The mission changed while the tool ran; its result was dropped — run it again"
                    .into();
            return;
        }
        match output {
            ToolOutput::Layout {
                cabins,
                requested,
                why_short,
            } => {
                let placed = cabins.len();
                if placed > 0 {
                    let first = self.mission().map_or(0, |m| m.cabins.len());
                    self.edit(Edit::AddCabins { cabins }, None);
                    self.show_added_cabins(first..first + placed);
                }
                self.view.status = format!("Laid out {placed} of {requested} cabins");
                match (why_short, &mut self.view.layout_dialog) {
                    (Some(why), Some(d)) => d.note = Some(why),
                    (Some(why), None) => self.view.error = Some(format!("Lay out cabins: {why}")),
                    (None, _) => self.view.layout_dialog = None,
                }
            }
            ToolOutput::Route { route, summary } => {
                self.edit(Edit::SetRoute { route }, None);
                self.view.status = summary;
            }
            ToolOutput::CableRoute {
                index,
                waypoints,
                summary,
            } => {
                self.edit(Edit::SetCableWaypoints { index, waypoints }, None);
                self.view.status = summary;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mission::{Port, Site};

    fn mission() -> Mission {
        Mission::new("t", Site::on_grid("g.asc"))
    }

    #[test]
    fn route_starts_at_first_waypoint_then_port() {
        let mut m = mission();
        assert_eq!(route_start(&m), None);
        m.ports.push(Port {
            id: "P".into(),
            name: String::new(),
            lon: 1.0,
            lat: 2.0,
        });
        assert_eq!(route_start(&m), Some(("P".into(), (1.0, 2.0))));
        m.route =
            Some(planned_route(None, "Quay", "C1", &[(3.0, 4.0), (3.1, 4.1), (3.2, 4.2)]).unwrap());
        assert_eq!(route_start(&m), Some(("Quay".into(), (3.0, 4.0))));
        let r = m.route.as_ref().unwrap();
        let ids: Vec<u32> = r.waypoints.iter().map(|w| w.id).collect();
        assert_eq!(ids, [1, 2, 3]);
        assert_eq!(
            (r.waypoints[2].name.as_str(), r.name.as_str()),
            ("C1", "Quay to C1")
        );
        assert!(planned_route(None, "a", "b", &[(0.0, 0.0)]).is_err());
    }
}
