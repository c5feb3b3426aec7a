//! Files the planner exchanges with other tools: the route exported as RTZ for the vessel's ECDIS
//! (the same writer as `fathom export --format rtz`), and an as-run GNSS track (NMEA 0183 log or
//! GPX) read for display over the plan, and a route imported from RTZ or GPX; with the app's
//! actions that ask for the paths (through [`Dialogs`](super::Dialogs), so tests inject them).

use super::FathomApp;
use super::document::LoadedSite;
use super::edit::Edit;
use super::file_dialog::FilePurpose;
use super::jobs::Job;
use super::state::Track;
use crate::formats::{gpx, nmea, rtz};
use crate::mission::{Mission, Route};
use std::path::{Path, PathBuf};

/// Writes the mission's route as RTZ 1.1 to `path` (atomically). The routeName is the file's
/// stem, as IEC 61174 requires; legs without a speed take the vessel's service speed.
pub fn export_rtz(m: &Mission, path: &Path) -> Result<(), String> {
    let route = m
        .route
        .as_ref()
        .filter(|r| r.waypoints.len() >= 2)
        .ok_or("the mission has no route with at least two waypoints to export")?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| route.name.clone());
    let speed = m.vessel.as_ref().map(|v| v.service_speed_kn);
    let text = rtz::write(route, &stem, speed);
    crate::fsutil::write_atomic(path, text.as_bytes())
        .map_err(|e| format!("{}: could not write the RTZ file: {e}", path.display()))
}

/// What a dropped or opened exchange file holds.
pub enum Exchange {
    /// A route (RTZ, or a GPX file's first `<rte>`) with the reader's warnings.
    Route(Route, Vec<String>),
    /// An as-run track (NMEA 0183 log, or a GPX file without routes) to read on a worker.
    Track,
}

/// Sorts a file by its extension (`.rtz`, `.gpx`, `.nmea`, `.log`); `None` for anything else
/// (missions and grids). Route files are read here: they are small.
pub fn classify(path: &Path) -> Option<Result<Exchange, String>> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "rtz" => Some(
            rtz::read(path)
                .map(|r| Exchange::Route(r.route, r.warnings))
                .map_err(|e| e.to_string()),
        ),
        "gpx" => Some(
            gpx::read(path)
                .map_err(|e| e.to_string())
                .map(|g| match g.routes.first() {
                    Some(r) => Exchange::Route(r.to_route(), Vec::new()),
                    None => Exchange::Track,
                }),
        ),
        "nmea" | "log" => Some(Ok(Exchange::Track)),
        _ => None,
    }
}

/// Reads an NMEA 0183 log (`.nmea`, `.log`, `.txt`) or a GPX file's tracks (`.gpx`) and projects
/// the fixes into the site's working CRS. Runs on a worker.
pub fn read_track(path: &Path, site: &LoadedSite) -> Result<Track, String> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let lonlat: Vec<[f64; 2]> = if ext == "gpx" {
        let g = gpx::read(path).map_err(|e| e.to_string())?;
        g.tracks
            .iter()
            .flat_map(|t| t.timed_points())
            .map(|(_, lon, lat)| [lon, lat])
            .collect()
    } else {
        nmea::read(path)
            .map_err(|e| e.to_string())?
            .fixes
            .iter()
            .map(|f| [f.lon, f.lat])
            .collect()
    };
    if lonlat.is_empty() {
        return Err(format!(
            "{}: no positions found: expected an NMEA 0183 log with GGA/RMC/GLL fixes or a GPX file with a <trk>",
            path.display()
        ));
    }
    let xy = lonlat
        .iter()
        .filter_map(|p| site.to_work(p[0], p[1]))
        .collect();
    Ok(Track {
        path: path.to_path_buf(),
        lonlat,
        xy,
    })
}

impl FathomApp {
    /// Asks where to write the route and writes it as RTZ.
    pub(super) fn export_rtz_action(&mut self) {
        let Some(doc) = &self.doc else { return };
        let Some(route) = doc
            .mission
            .route
            .as_ref()
            .filter(|r| r.waypoints.len() >= 2)
        else {
            self.view.error =
                Some("the mission has no route with at least two waypoints to export".into());
            return;
        };
        let name = if route.name.is_empty() {
            "route.rtz".to_string()
        } else {
            format!("{}.rtz", route.name.replace(['/', '\\', ' '], "_"))
        };
        self.ask_file(FilePurpose::ExportRtz, &name);
    }

    /// Writes the route as RTZ to `path` (chosen in a dialog).
    pub(super) fn export_rtz_to(&mut self, path: &Path) {
        let Some(doc) = &self.doc else { return };
        match export_rtz(&doc.mission, path) {
            Ok(()) => self.view.status = format!("Exported {}", path.display()),
            Err(e) => self.view.error = Some(e),
        }
    }

    /// Reads an as-run track on a worker; it replaces the shown track when it succeeds.
    pub(super) fn start_track(&mut self, path: PathBuf) {
        let Some(doc) = &self.doc else { return };
        let site = doc.site.clone();
        self.rt.track_job = Some(Job::spawn(
            "Reading track",
            Some(self.egui_ctx.clone()),
            move |_| read_track(&path, &site),
        ));
    }

    /// Imports a route file as one undoable edit.
    pub(super) fn import_route(&mut self, path: &Path) {
        match classify(path) {
            Some(Ok(Exchange::Route(route, warnings))) => {
                let n = route.waypoints.len();
                self.edit(Edit::SetRoute { route }, None);
                self.view.status = format!(
                    "Imported a route of {n} waypoints from {}{}",
                    path.display(),
                    if warnings.is_empty() {
                        String::new()
                    } else {
                        format!(" ({} warning(s): {})", warnings.len(), warnings.join("; "))
                    }
                );
            }
            Some(Ok(Exchange::Track)) | None => {
                self.view.error = Some(format!(
                    "{}: no route found: expected an RTZ file or a GPX file with an <rte>",
                    path.display()
                ))
            }
            Some(Err(e)) => self.view.error = Some(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mission::{LegGeometry, Site, Waypoint};

    fn mission(waypoints: usize) -> Mission {
        let mut m = Mission::new("t", Site::on_grid("g.asc"));
        m.route = Some(Route {
            name: "r".into(),
            departure: None,
            waypoints: (0..waypoints)
                .map(|i| Waypoint {
                    id: i as u32 + 1,
                    name: format!("W{i}"),
                    lon: 122.0 + i as f64 * 0.01,
                    lat: 30.8,
                    speed_kn: (i > 0).then_some(8.0),
                    geometry: LegGeometry::Rhumb,
                })
                .collect(),
        });
        m
    }

    #[test]
    fn rtz_round_trips_and_classifies_as_a_route() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Out.rtz");
        let m = mission(3);
        export_rtz(&m, &path).unwrap();
        match classify(&path) {
            Some(Ok(Exchange::Route(r, warnings))) => {
                assert_eq!(r.name, "Out");
                assert_eq!(r.waypoints, m.route.unwrap().waypoints);
                assert!(warnings.is_empty(), "{warnings:?}");
            }
            _ => panic!("not read as a route"),
        }
    }

    #[test]
    fn a_route_needs_two_waypoints_to_export() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.rtz");
        let e = export_rtz(&mission(1), &path).unwrap_err();
        assert!(e.contains("at least two waypoints"), "{e}");
        assert!(!path.exists());
    }

    #[test]
    fn files_are_sorted_by_extension() {
        let dir = tempfile::tempdir().unwrap();
        let gpx = dir.path().join("t.GPX");
        std::fs::write(
            &gpx,
            "<gpx version=\"1.1\" creator=\"t\"><trk><trkseg><trkpt lat=\"30.8\" lon=\"122\"/></trkseg></trk></gpx>",
        )
        .unwrap();
        assert!(matches!(classify(&gpx), Some(Ok(Exchange::Track))));
        assert!(matches!(
            classify(Path::new("a.nmea")),
            Some(Ok(Exchange::Track))
        ));
        assert!(classify(Path::new("m.toml")).is_none());
        assert!(classify(Path::new("g.asc")).is_none());
        assert!(matches!(
            classify(&dir.path().join("missing.rtz")),
            Some(Err(_))
        ));
    }
}
