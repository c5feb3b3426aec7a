//! Mission edits: each [`Edit`] is a pure function of the mission that returns the selection it
//! leaves, recorded for undo by snapshot ([`super::document::History`]). The planner's
//! [`Action`](super::actions::Action)s carry them; nothing here reads the view or the runtime.

use super::document::Selection;
use crate::mission::{
    AsPlaced, Cabin, Cable, ExclusionZone, LegGeometry, Mission, Route, Waypoint, ZoneKind,
};

/// A change to the mission.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// A new cabin of the first cabin type at a position; it gets the next free id `C<n>`.
    AddCabin {
        lon: f64,
        lat: f64,
        heading_deg: f64,
    },
    /// Adds cabins placed by the automatic layout (ids already free), one undo step.
    AddCabins {
        cabins: Vec<Cabin>,
    },
    MoveCabin {
        index: usize,
        lon: f64,
        lat: f64,
    },
    SetHeading {
        index: usize,
        heading_deg: f64,
    },
    /// Replaces every field of a cabin (the inspector).
    SetCabin {
        index: usize,
        cabin: Cabin,
    },
    DeleteCabin {
        index: usize,
    },
    /// Appends a waypoint to the route (creating the route when the mission has none); it gets
    /// the next free id.
    AddWaypoint {
        lon: f64,
        lat: f64,
    },
    /// Inserts a waypoint before waypoint `index` (on the leg arriving there); next free id.
    InsertWaypoint {
        index: usize,
        lon: f64,
        lat: f64,
    },
    /// Replaces the route by a new one starting here (keeps its departure time).
    NewRoute {
        lon: f64,
        lat: f64,
    },
    MoveWaypoint {
        index: usize,
        lon: f64,
        lat: f64,
    },
    DeleteWaypoint {
        index: usize,
    },
    /// Replaces the whole route (an imported RTZ or GPX route).
    SetRoute {
        route: Route,
    },
    /// Replaces every field of a waypoint (the inspector).
    SetWaypoint {
        index: usize,
        waypoint: Waypoint,
    },
    /// Replaces every field of an exclusion zone (the inspector).
    SetZone {
        index: usize,
        zone: ExclusionZone,
    },
    /// A new exclusion zone (kind `other`, no buffer) from a drawn ring of `[lon, lat]`; it gets
    /// the next free id `Z<n>`.
    AddZone {
        polygon: Vec<[f64; 2]>,
    },
    DeleteZone {
        index: usize,
    },
    /// Adds a cable drawn with the draw-cable tool (its id must be free).
    AddCable {
        cable: Cable,
    },
    /// Replaces the hand-placed waypoints (`[lon, lat]`, ends excluded) of cable `index`: an
    /// automatic route.
    SetCableWaypoints {
        index: usize,
        waypoints: Vec<[f64; 2]>,
    },
    DeleteCable {
        index: usize,
    },
    /// Stores a cabin's as-placed touchdown fix in `lift.as_placed` (replacing its earlier one).
    RecordAsPlaced {
        placed: crate::mission::AsPlaced,
    },
}

/// Why an edit could not be applied.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum EditError {
    #[error(
        "the mission has no [[cabin_types]]; add one to the mission file before placing cabins"
    )]
    NoCabinType,
    #[error("a cabin with id {0} already exists")]
    DuplicateCabin(String),
    #[error("cabin {0} no longer exists")]
    NoSuchCabin(usize),
    #[error("waypoint {0} no longer exists")]
    NoSuchWaypoint(usize),
    #[error("an exclusion zone needs at least three corners")]
    TooFewCorners,
    #[error("exclusion zone {0} no longer exists")]
    NoSuchZone(usize),
    #[error("a cable with id {0} already exists")]
    DuplicateCable(String),
    #[error("cable {0} no longer exists")]
    NoSuchCable(usize),
    #[error("the mission has no [lift] plan to record the as-placed fix in")]
    NoLiftPlan,
}

impl Edit {
    /// Applies the edit; returns the selection it leaves.
    pub fn apply(&self, m: &mut Mission) -> Result<Selection, EditError> {
        let check = |m: &Mission, i: usize| {
            if i < m.cabins.len() {
                Ok(())
            } else {
                Err(EditError::NoSuchCabin(i))
            }
        };
        match self {
            Edit::AddCabin {
                lon,
                lat,
                heading_deg,
            } => {
                let t = m
                    .cabin_types
                    .first()
                    .ok_or(EditError::NoCabinType)?
                    .id
                    .clone();
                let id = (1..)
                    .map(|n| format!("C{n}"))
                    .find(|id| !m.cabins.iter().any(|c| &c.id == id))
                    .unwrap_or_default();
                m.cabins.push(Cabin {
                    id,
                    cabin_type: t,
                    lon: *lon,
                    lat: *lat,
                    heading_deg: *heading_deg,
                });
                Ok(Selection::Cabin(m.cabins.len() - 1))
            }
            Edit::AddCabins { cabins } => {
                if let Some(c) = cabins
                    .iter()
                    .find(|c| m.cabins.iter().any(|o| o.id == c.id))
                {
                    return Err(EditError::DuplicateCabin(c.id.clone()));
                }
                m.cabins.extend(cabins.iter().cloned());
                Ok(Selection::None)
            }
            Edit::MoveCabin { index, lon, lat } => {
                check(m, *index)?;
                let c = &mut m.cabins[*index];
                (c.lon, c.lat) = (*lon, *lat);
                Ok(Selection::Cabin(*index))
            }
            Edit::SetHeading { index, heading_deg } => {
                check(m, *index)?;
                m.cabins[*index].heading_deg = heading_deg.rem_euclid(360.0);
                Ok(Selection::Cabin(*index))
            }
            Edit::SetCabin { index, cabin } => {
                check(m, *index)?;
                m.cabins[*index] = cabin.clone();
                Ok(Selection::Cabin(*index))
            }
            Edit::DeleteCabin { index } => {
                check(m, *index)?;
                m.cabins.remove(*index);
                Ok(Selection::None)
            }
            Edit::AddWaypoint { lon, lat } => {
                let route = m.route.get_or_insert_with(|| Route {
                    name: "Planned route".into(),
                    departure: None,
                    waypoints: Vec::new(),
                });
                let id = route.waypoints.iter().map(|w| w.id + 1).max().unwrap_or(1);
                route.waypoints.push(Waypoint {
                    id,
                    name: String::new(),
                    lon: *lon,
                    lat: *lat,
                    speed_kn: None,
                    geometry: LegGeometry::default(),
                });
                Ok(Selection::Waypoint(route.waypoints.len() - 1))
            }
            Edit::InsertWaypoint { index, lon, lat } => insert_waypoint(m, *index, *lon, *lat),
            Edit::NewRoute { lon, lat } => new_route(m, *lon, *lat),
            Edit::MoveWaypoint { index, lon, lat } => {
                let w = m
                    .route
                    .as_mut()
                    .and_then(|r| r.waypoints.get_mut(*index))
                    .ok_or(EditError::NoSuchWaypoint(*index))?;
                (w.lon, w.lat) = (*lon, *lat);
                Ok(Selection::Waypoint(*index))
            }
            Edit::DeleteWaypoint { index } => {
                let r = m
                    .route
                    .as_mut()
                    .filter(|r| *index < r.waypoints.len())
                    .ok_or(EditError::NoSuchWaypoint(*index))?;
                r.waypoints.remove(*index);
                if r.waypoints.is_empty() {
                    m.route = None;
                }
                Ok(Selection::None)
            }
            Edit::SetRoute { route } => {
                m.route = Some(route.clone());
                Ok(Selection::None)
            }
            Edit::SetWaypoint { index, waypoint } => {
                let w = m
                    .route
                    .as_mut()
                    .and_then(|r| r.waypoints.get_mut(*index))
                    .ok_or(EditError::NoSuchWaypoint(*index))?;
                *w = waypoint.clone();
                Ok(Selection::Waypoint(*index))
            }
            Edit::SetZone { index, zone } => {
                let z = m
                    .exclusion_zones
                    .get_mut(*index)
                    .ok_or(EditError::NoSuchZone(*index))?;
                *z = zone.clone();
                Ok(Selection::Zone(*index))
            }
            Edit::AddZone { polygon } => {
                if polygon.len() < 3 {
                    return Err(EditError::TooFewCorners);
                }
                let id = (1..)
                    .map(|n| format!("Z{n}"))
                    .find(|id| !m.exclusion_zones.iter().any(|z| &z.id == id))
                    .unwrap_or_default();
                m.exclusion_zones.push(ExclusionZone {
                    id,
                    kind: ZoneKind::Other,
                    buffer_m: 0.0,
                    polygon: Some(polygon.clone()),
                    line: None,
                    geojson: None,
                });
                Ok(Selection::Zone(m.exclusion_zones.len() - 1))
            }
            Edit::DeleteZone { index } => {
                if *index >= m.exclusion_zones.len() {
                    return Err(EditError::NoSuchZone(*index));
                }
                m.exclusion_zones.remove(*index);
                Ok(Selection::None)
            }
            Edit::RecordAsPlaced { placed } => record_as_placed(m, placed),
            Edit::AddCable { cable } => {
                if m.cables.iter().any(|c| c.id == cable.id) {
                    return Err(EditError::DuplicateCable(cable.id.clone()));
                }
                m.cables.push(cable.clone());
                Ok(Selection::Cable(m.cables.len() - 1))
            }
            Edit::SetCableWaypoints { index, waypoints } => {
                let c = m
                    .cables
                    .get_mut(*index)
                    .ok_or(EditError::NoSuchCable(*index))?;
                c.waypoints = waypoints.clone();
                Ok(Selection::Cable(*index))
            }
            Edit::DeleteCable { index } => {
                if *index >= m.cables.len() {
                    return Err(EditError::NoSuchCable(*index));
                }
                m.cables.remove(*index);
                Ok(Selection::None)
            }
        }
    }
}

/// A waypoint with the route's next free id.
fn next_waypoint(route: &Route, lon: f64, lat: f64) -> Waypoint {
    Waypoint {
        id: route.waypoints.iter().map(|w| w.id + 1).max().unwrap_or(1),
        name: String::new(),
        lon,
        lat,
        speed_kn: None,
        geometry: LegGeometry::default(),
    }
}

/// [`Edit::NewRoute`]: replaces the route by one that starts at (lon, lat); the old name
/// described the old route, so only its departure time is kept.
fn new_route(m: &mut Mission, lon: f64, lat: f64) -> Result<Selection, EditError> {
    let mut route = Route {
        name: "Planned route".into(),
        departure: m.route.take().and_then(|r| r.departure),
        waypoints: Vec::new(),
    };
    route.waypoints.push(next_waypoint(&route, lon, lat));
    m.route = Some(route);
    Ok(Selection::Waypoint(0))
}

/// [`Edit::InsertWaypoint`]: a new waypoint before waypoint `index` (on the leg arriving there).
fn insert_waypoint(
    m: &mut Mission,
    index: usize,
    lon: f64,
    lat: f64,
) -> Result<Selection, EditError> {
    let route = m
        .route
        .as_mut()
        .filter(|r| index > 0 && index < r.waypoints.len())
        .ok_or(EditError::NoSuchWaypoint(index))?;
    let w = next_waypoint(route, lon, lat);
    route.waypoints.insert(index, w);
    Ok(Selection::Waypoint(index))
}

/// [`Edit::RecordAsPlaced`]: the fix replaces the cabin's earlier one.
fn record_as_placed(m: &mut Mission, placed: &AsPlaced) -> Result<Selection, EditError> {
    let i = m
        .cabins
        .iter()
        .position(|c| c.id == placed.cabin)
        .ok_or(EditError::NoSuchCabin(m.cabins.len()))?;
    let lift = m.lift.as_mut().ok_or(EditError::NoLiftPlan)?;
    lift.as_placed.retain(|a| a.cabin != placed.cabin);
    lift.as_placed.push(placed.clone());
    Ok(Selection::Cabin(i))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::document::History;
    use crate::mission::{CabinType, Foundation, Site};

    fn mission() -> Mission {
        let mut m = Mission::new("t", Site::on_grid("g.asc"));
        m.cabin_types.push(CabinType {
            id: "pod".into(),
            source: String::new(),
            length_m: Some(12.0),
            width_m: Some(3.0),
            diameter_m: None,
            height_m: 3.0,
            mass_t: 100.0,
            displaced_volume_m3: 90.0,
            foundation: Foundation::GravityBase,
            max_slope_deg: 5.0,
            max_relief_m: 1.0,
            racks: 12,
            rack_kw: 20.0,
            drag: None,
            cooling: None,
        });
        m
    }

    fn edit(h: &mut History, m: &mut Mission, e: Edit, g: Option<u64>) {
        h.before_edit(m, g);
        e.apply(m).unwrap();
    }

    #[test]
    fn add_picks_free_id_and_first_type() {
        let mut m = mission();
        let add = Edit::AddCabin {
            lon: 5.0,
            lat: 53.0,
            heading_deg: 0.0,
        };
        add.apply(&mut m).unwrap();
        add.apply(&mut m).unwrap();
        Edit::DeleteCabin { index: 0 }.apply(&mut m).unwrap();
        assert_eq!(add.apply(&mut m).unwrap(), Selection::Cabin(1));
        assert_eq!(m.cabins[1].id, "C1");
        assert_eq!(m.cabins[1].cabin_type, "pod");
    }

    #[test]
    fn drag_is_one_undo_step_and_redo_restores_it() {
        let mut m = mission();
        let mut h = History::default();
        edit(
            &mut h,
            &mut m,
            Edit::AddCabin {
                lon: 5.0,
                lat: 53.0,
                heading_deg: 0.0,
            },
            None,
        );
        for i in 1..=5 {
            edit(
                &mut h,
                &mut m,
                Edit::MoveCabin {
                    index: 0,
                    lon: 5.0 + i as f64 * 0.01,
                    lat: 53.0,
                },
                Some(7),
            );
        }
        h.end_gesture();
        assert!((m.cabins[0].lon - 5.05).abs() < 1e-12);
        assert!(h.undo(&mut m));
        assert_eq!(m.cabins[0].lon, 5.0);
        assert!(h.undo(&mut m));
        assert!(m.cabins.is_empty());
        assert!(!h.undo(&mut m));
        assert!(h.redo(&mut m) && h.redo(&mut m));
        assert!((m.cabins[0].lon - 5.05).abs() < 1e-12);
        assert!(!h.can_redo());
    }

    #[test]
    fn errors_leave_mission_alone() {
        let mut m = mission();
        m.cabin_types.clear();
        let before = m.clone();
        assert_eq!(
            Edit::AddCabin {
                lon: 0.0,
                lat: 0.0,
                heading_deg: 0.0
            }
            .apply(&mut m),
            Err(EditError::NoCabinType)
        );
        assert_eq!(
            Edit::SetHeading {
                index: 3,
                heading_deg: 1.0
            }
            .apply(&mut m),
            Err(EditError::NoSuchCabin(3))
        );
        assert_eq!(m, before);
    }

    #[test]
    fn waypoints_are_added_moved_and_deleted_with_the_route() {
        let mut m = mission();
        let add = |lon| Edit::AddWaypoint { lon, lat: 30.0 };
        assert_eq!(add(122.0).apply(&mut m), Ok(Selection::Waypoint(0)));
        assert_eq!(add(122.1).apply(&mut m), Ok(Selection::Waypoint(1)));
        let r = m.route.as_ref().unwrap();
        assert_eq!(r.waypoints.iter().map(|w| w.id).collect::<Vec<_>>(), [1, 2]);
        Edit::DeleteWaypoint { index: 0 }.apply(&mut m).unwrap();
        add(122.2).apply(&mut m).unwrap();
        let ids: Vec<u32> = m
            .route
            .as_ref()
            .unwrap()
            .waypoints
            .iter()
            .map(|w| w.id)
            .collect();
        assert_eq!(ids, [2, 3]);
        Edit::MoveWaypoint {
            index: 1,
            lon: 121.0,
            lat: 31.0,
        }
        .apply(&mut m)
        .unwrap();
        assert_eq!(m.route.as_ref().unwrap().waypoints[1].lat, 31.0);
        assert_eq!(
            Edit::MoveWaypoint {
                index: 5,
                lon: 0.0,
                lat: 0.0
            }
            .apply(&mut m),
            Err(EditError::NoSuchWaypoint(5))
        );
        Edit::DeleteWaypoint { index: 0 }.apply(&mut m).unwrap();
        Edit::DeleteWaypoint { index: 0 }.apply(&mut m).unwrap();
        assert!(m.route.is_none());
    }

    #[test]
    fn zones_need_three_corners_and_get_free_ids() {
        let mut m = mission();
        let tri = vec![[122.0, 30.0], [122.1, 30.0], [122.0, 30.1]];
        assert_eq!(
            Edit::AddZone {
                polygon: tri[..2].to_vec()
            }
            .apply(&mut m),
            Err(EditError::TooFewCorners)
        );
        for _ in 0..2 {
            Edit::AddZone {
                polygon: tri.clone(),
            }
            .apply(&mut m)
            .unwrap();
        }
        Edit::DeleteZone { index: 0 }.apply(&mut m).unwrap();
        Edit::AddZone {
            polygon: tri.clone(),
        }
        .apply(&mut m)
        .unwrap();
        let ids: Vec<&str> = m.exclusion_zones.iter().map(|z| z.id.as_str()).collect();
        assert_eq!(ids, ["Z2", "Z1"]);
        assert!(m.check_ranges().is_empty(), "{:?}", m.check_ranges());
    }

    #[test]
    fn laid_out_cabins_are_added_unless_an_id_is_taken() {
        let mut m = mission();
        let cabin = |id: &str| Cabin {
            id: id.into(),
            cabin_type: "pod".into(),
            lon: 5.0,
            lat: 53.0,
            heading_deg: 0.0,
        };
        let add = |ids: &[&str]| Edit::AddCabins {
            cabins: ids.iter().map(|id| cabin(id)).collect(),
        };
        assert_eq!(add(&["C1", "C2"]).apply(&mut m), Ok(Selection::None));
        let before = m.clone();
        assert_eq!(
            add(&["C3", "C2"]).apply(&mut m),
            Err(EditError::DuplicateCabin("C2".into()))
        );
        assert_eq!(m, before);
    }

    #[test]
    fn heading_wraps() {
        let mut m = mission();
        Edit::AddCabin {
            lon: 0.0,
            lat: 0.0,
            heading_deg: 0.0,
        }
        .apply(&mut m)
        .unwrap();
        Edit::SetHeading {
            index: 0,
            heading_deg: -30.0,
        }
        .apply(&mut m)
        .unwrap();
        assert_eq!(m.cabins[0].heading_deg, 330.0);
    }

    #[test]
    fn insert_and_new_route_keep_ids_unique() {
        let mut m = Mission::new("t", crate::mission::Site::on_grid("g.tif"));
        assert_eq!(
            insert_waypoint(&mut m, 1, 0.0, 0.0),
            Err(EditError::NoSuchWaypoint(1))
        );
        new_route(&mut m, 1.0, 1.0).unwrap();
        let r = m.route.as_mut().unwrap();
        r.waypoints.push(next_waypoint(r, 3.0, 3.0));
        assert_eq!(
            insert_waypoint(&mut m, 1, 2.0, 2.0),
            Ok(Selection::Waypoint(1))
        );
        let r = m.route.as_ref().unwrap();
        let ids: Vec<u32> = r.waypoints.iter().map(|w| w.id).collect();
        let lons: Vec<f64> = r.waypoints.iter().map(|w| w.lon).collect();
        assert_eq!(ids, [1, 3, 2], "ids are kept, the new one is next free");
        assert_eq!(lons, [1.0, 2.0, 3.0]);
        assert!(crate::app::route_tool::hand_built(m.route.as_ref()));
        new_route(&mut m, 5.0, 5.0).unwrap();
        assert_eq!(m.route.as_ref().unwrap().waypoints.len(), 1);
        assert!(!crate::app::route_tool::hand_built(m.route.as_ref()));
    }
}
