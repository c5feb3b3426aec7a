//! [`Context`]: a loaded mission with its grid in the working CRS.

use super::{Mission, MissionError};
use crate::bathymetry::{self, BathyError, Grid};
use crate::geodesy::{Crs, CrsError, Transformer, cgcs2000_gk_3deg, cgcs2000_gk_6deg, utm_epsg};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Why a mission could not be loaded into a [`Context`].
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The mission file could not be read, parsed or validated.
    #[error(transparent)]
    Mission(#[from] MissionError),
    /// The grid named by `site.bathymetry` could not be read or reprojected into the working CRS.
    #[error("{}: site.bathymetry: {source}", mission.display())]
    Grid {
        /// The mission file, for the message.
        mission: PathBuf,
        /// What the grid reader or the reprojection reported.
        source: Box<BathyError>,
    },
    /// A CRS of the mission is unreadable or unusable (e.g. a geographic working CRS).
    #[error("{}: {field}: {source}", mission.display())]
    Crs {
        /// The mission file, for the message.
        mission: PathBuf,
        /// The mission field holding the CRS (`site.grid_crs` or `site.working_crs`).
        field: &'static str,
        /// Why the CRS was refused.
        source: Box<CrsError>,
    },
}

/// A mission ready for computation: the grid read, reprojected into the working CRS, and the
/// means to convert the mission's lon/lat objects into working-CRS metres.
#[derive(Clone, Debug)]
pub struct Context {
    /// The parsed mission; its positions stay WGS 84 lon/lat (convert with the methods below).
    pub mission: Mission,
    /// The mission file (relative paths inside it resolve against its directory).
    pub path: PathBuf,
    /// The grid file, resolved.
    pub grid_path: PathBuf,
    /// The grid's CRS as read from the file (or `site.grid_crs`).
    pub grid_source_crs: Crs,
    /// Projected CRS in metres that every computation uses.
    pub working_crs: Crs,
    /// The bathymetry in the working CRS, elevation positive up, with `site.tide_offset_m` not
    /// applied (callers add it where they need water depths at the planning level). Shared, so
    /// that a context for a worker job (the planner starts one per job) costs no grid copy.
    pub grid: Arc<Grid>,
}

impl Context {
    /// Loads a mission file and its grid.
    pub fn load(path: &Path) -> Result<Self, LoadError> {
        let mission = super::load(path)?;
        Self::from_mission(mission, path)
    }

    /// Loads the grid of an already parsed mission whose file is (or will be) at `path`.
    pub fn from_mission(mission: Mission, path: &Path) -> Result<Self, LoadError> {
        let base = path.parent().unwrap_or(Path::new("."));
        let grid_path = base.join(&mission.site.bathymetry);
        let crs_err = |field, source| LoadError::Crs {
            mission: path.to_path_buf(),
            field,
            source: Box::new(source),
        };
        let opts = bathymetry::io::ReadOptions {
            crs: match &mission.site.grid_crs {
                Some(c) => Some(Crs::parse(c).map_err(|e| crs_err("site.grid_crs", e))?),
                None => None,
            },
            positive_down: mission.site.positive_down,
        };
        let grid_err = |source| LoadError::Grid {
            mission: path.to_path_buf(),
            source: Box::new(source),
        };
        let mut grid = bathymetry::io::read(&grid_path, &opts).map_err(grid_err)?;
        grid.vertical_datum = Some(mission.site.vertical_datum.clone());
        let grid_source_crs = grid.crs.clone().expect("io::read always sets a CRS");
        let working_crs =
            working_crs(&mission, &grid).map_err(|e| crs_err("site.working_crs", e))?;
        if working_crs.is_geographic() {
            return Err(crs_err(
                "site.working_crs",
                CrsError::Invalid {
                    definition: working_crs.to_string(),
                    reason: "a geographic CRS; expected a projected CRS in metres".into(),
                },
            ));
        }
        if working_crs != grid_source_crs {
            grid = bathymetry::reproject::reproject(&grid, &working_crs).map_err(grid_err)?;
        }
        Ok(Context {
            mission,
            path: path.to_path_buf(),
            grid_path,
            grid_source_crs,
            working_crs,
            grid: Arc::new(grid),
        })
    }

    /// WGS 84 lon/lat → working-CRS easting/northing (m).
    pub fn to_work(&self, lon: f64, lat: f64) -> Result<(f64, f64), CrsError> {
        Transformer::cached(&Crs::wgs84(), &self.working_crs)?.convert(lon, lat)
    }

    /// Meridian convergence at a WGS 84 lon/lat in the working CRS: the grid bearing of true north
    /// (degrees clockwise from grid north; grid bearing = true bearing + this), see
    /// [`crate::geodesy::meridian_convergence_deg`].
    pub fn meridian_convergence_deg(&self, lon: f64, lat: f64) -> Result<f64, CrsError> {
        crate::geodesy::meridian_convergence_deg(|a, b| self.to_work(a, b), lon, lat)
    }

    /// Working-CRS easting/northing (m) → WGS 84 lon/lat.
    pub fn to_lonlat(&self, x: f64, y: f64) -> Result<(f64, f64), CrsError> {
        Transformer::cached(&self.working_crs, &Crs::wgs84())?.convert(x, y)
    }

    /// Water depth (m, positive down) at a working-CRS point at the planning water level:
    /// −(elevation + tide offset). `None` outside the grid or on no data.
    pub fn depth_at(&self, x: f64, y: f64) -> Option<f64> {
        self.grid
            .sample_bilinear(x, y)
            .map(|z| -(z as f64 + self.mission.site.tide_offset_m))
    }

    /// The mission file's folder, which paths written in the mission are relative to.
    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }

    /// Resolves a path written in the mission (relative to the mission file).
    pub fn resolve(&self, p: &Path) -> PathBuf {
        self.dir().join(p)
    }
}

/// The working CRS named in `site.working_crs`, or the UTM zone of the grid's centre.
fn working_crs(mission: &Mission, grid: &Grid) -> Result<Crs, CrsError> {
    let choice = mission.site.working_crs.as_deref().unwrap_or("utm");
    if !matches!(choice, "utm" | "cgcs2000-gk3" | "cgcs2000-gk6") {
        return Crs::parse(choice);
    }
    let (x0, y0, x1, y1) = grid.extent();
    let crs = grid.crs.as_ref().expect("grid CRS set on reading");
    let (lon, lat) =
        Transformer::cached(crs, &Crs::wgs84())?.convert((x0 + x1) / 2.0, (y0 + y1) / 2.0)?;
    let code = match choice {
        "utm" => Some(utm_epsg(lon, lat)),
        "cgcs2000-gk3" => cgcs2000_gk_3deg(lon),
        _ => cgcs2000_gk_6deg(lon),
    };
    code.map(Crs::epsg).ok_or_else(|| CrsError::Invalid {
        definition: choice.into(),
        reason: format!(
            "no CGCS2000 Gauss–Krüger zone covers longitude {lon:.3}° (China: 73°E–135°E)"
        ),
    })
}
