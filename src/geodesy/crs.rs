//! [`Crs`]: a coordinate reference system as plain data, and [`Transformer`] over PROJ.

use proj::Proj;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;

thread_local! {
    /// PROJ objects are costly to create (a database look-up) and cannot cross threads, so each
    /// thread keeps the transformers it has built.
    static TRANSFORMERS: RefCell<HashMap<(Crs, Crs), Rc<Transformer>>> = RefCell::new(HashMap::new());
}

/// Errors from CRS parsing and coordinate transformation.
#[derive(Debug, thiserror::Error)]
pub enum CrsError {
    /// PROJ could not make sense of a CRS definition.
    #[error(
        "unknown or invalid CRS `{definition}`: {reason} (expected an EPSG code such as EPSG:32651, or WKT)"
    )]
    Invalid {
        /// The refused definition (a long WKT shortened to its first 60 characters).
        definition: String,
        /// PROJ's message, or why fathom refuses the CRS.
        reason: String,
    },
    /// PROJ found no transformation between two CRSs.
    #[error("no transformation from {from} to {to}: {reason}")]
    NoTransform {
        /// Source CRS definition (`EPSG:N` or WKT).
        from: String,
        /// Target CRS definition.
        to: String,
        /// PROJ's message.
        reason: String,
    },
    /// A point could not be transformed (outside the projection's domain, for example).
    #[error("cannot transform ({x}, {y}) from {from} to {to}: {reason}")]
    Point {
        /// Input x: easting (m) or longitude (degrees) in the source CRS.
        x: f64,
        /// Input y: northing (m) or latitude (degrees) in the source CRS.
        y: f64,
        /// Source CRS definition.
        from: String,
        /// Target CRS definition.
        to: String,
        /// PROJ's message, or "result is not finite".
        reason: String,
    },
}

/// A coordinate reference system, kept as the definition PROJ understands (`EPSG:N` or WKT).
///
/// Plain data: cheap to clone, serialisable, `Send`. Build a [`Transformer`] to use it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Crs(String);

impl Crs {
    /// WGS 84 geographic, longitude first (the order every object in a mission file uses).
    pub fn wgs84() -> Self {
        Crs("EPSG:4326".into())
    }

    /// `EPSG:code`.
    pub fn epsg(code: u32) -> Self {
        Crs(format!("EPSG:{code}"))
    }

    /// Parses and checks a definition: `EPSG:N`, `epsg:N`, a bare number, or WKT (a `.prj` file).
    ///
    /// A WKT that names its EPSG authority (`AUTHORITY["EPSG","32631"]` or `ID["EPSG",32631]` on
    /// the outer CRS) is reduced to that code, so CRSs compare equal whatever file they came from;
    /// so is a WKT without codes (ESRI `.prj`) that PROJ identifies with an EPSG CRS.
    pub fn parse(definition: &str) -> Result<Self, CrsError> {
        let d = definition.trim();
        let candidate = if let Some(code) = d
            .strip_prefix("EPSG:")
            .or_else(|| d.strip_prefix("epsg:"))
            .or(Some(d))
            .and_then(|c| c.trim().parse::<u32>().ok())
        {
            Crs::epsg(code)
        } else {
            Crs(d.to_string())
        };
        let proj = Proj::new(candidate.definition()).map_err(|e| CrsError::Invalid {
            definition: truncate(d),
            reason: e.to_string(),
        })?;
        if candidate.epsg_code().is_none()
            && let Some(code) = epsg_from_proj(&proj).or_else(|| super::identify::identify_epsg(d))
        {
            return Ok(Crs::epsg(code));
        }
        Ok(candidate)
    }

    /// The definition string handed to PROJ.
    pub fn definition(&self) -> &str {
        &self.0
    }

    /// The EPSG code, when the CRS is given as one.
    pub fn epsg_code(&self) -> Option<u32> {
        self.0.strip_prefix("EPSG:")?.parse().ok()
    }

    /// Human name from the PROJ database, e.g. "WGS 84 / UTM zone 31N".
    pub fn name(&self) -> String {
        Proj::new(&self.0)
            .ok()
            .and_then(|p| p.proj_info().description)
            .unwrap_or_else(|| truncate(&self.0))
    }

    /// The CRS as WKT 1 in ESRI's dialect: what ArcGIS and GDAL's AAIGrid driver write into the
    /// `.prj` beside an ESRI ASCII grid (PROJ `proj_as_wkt`, `PJ_WKT1_ESRI`).
    pub fn to_esri_wkt(&self) -> Result<String, CrsError> {
        let invalid = |e: &dyn fmt::Display| CrsError::Invalid {
            definition: truncate(&self.0),
            reason: e.to_string(),
        };
        let proj = Proj::new(&self.0).map_err(|e| invalid(&e))?;
        proj.as_wkt(Some(proj::wkt::WktVersion::Wkt1_Esri), None)
            .map_err(|e| invalid(&e))
    }

    /// True for geographic (degree) CRSs, false for projected ones (metres or feet).
    pub fn is_geographic(&self) -> bool {
        let Ok(p) = Proj::new(&self.0) else {
            return false;
        };
        match p.as_wkt(None, None) {
            Ok(wkt) => {
                let head = wkt.trim_start();
                head.starts_with("GEOGCRS") || head.starts_with("GEODCRS")
            }
            Err(_) => false,
        }
    }
}

impl fmt::Display for Crs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.epsg_code() {
            Some(code) => write!(f, "EPSG:{code}"),
            None => f.write_str(&truncate(&self.0)),
        }
    }
}

fn truncate(s: &str) -> String {
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 60 {
        format!("{}…", one_line.chars().take(60).collect::<String>())
    } else {
        one_line
    }
}

/// The EPSG code PROJ identifies for a CRS (exact match on the outer object's identifier).
fn epsg_from_proj(proj: &Proj) -> Option<u32> {
    let json = proj.to_projjson(None, None, None).ok()?;
    let v: serde_json::Value = serde_json::from_str(&json).ok()?;
    let id = v.get("id")?;
    (id.get("authority")?.as_str()? == "EPSG")
        .then(|| id.get("code")?.as_u64())
        .flatten()
        .map(|c| c as u32)
}

/// A coordinate transformation between two CRSs; axis order is always x/easting/longitude first.
pub struct Transformer {
    proj: Proj,
    from: Crs,
    to: Crs,
}

impl Transformer {
    /// Builds the best available transformation from `from` to `to`.
    pub fn new(from: &Crs, to: &Crs) -> Result<Self, CrsError> {
        let proj = Proj::new_known_crs(from.definition(), to.definition(), None).map_err(|e| {
            CrsError::NoTransform {
                from: from.to_string(),
                to: to.to_string(),
                reason: e.to_string(),
            }
        })?;
        Ok(Transformer {
            proj,
            from: from.clone(),
            to: to.clone(),
        })
    }

    /// The transformer from `from` to `to`, built once per thread and then reused.
    pub fn cached(from: &Crs, to: &Crs) -> Result<Rc<Transformer>, CrsError> {
        let key = (from.clone(), to.clone());
        if let Some(t) = TRANSFORMERS.with(|c| c.borrow().get(&key).cloned()) {
            return Ok(t);
        }
        let t = Rc::new(Transformer::new(from, to)?);
        TRANSFORMERS.with(|c| c.borrow_mut().insert(key, t.clone()));
        Ok(t)
    }

    /// Transforms one point.
    pub fn convert(&self, x: f64, y: f64) -> Result<(f64, f64), CrsError> {
        let (ox, oy) = self
            .proj
            .convert((x, y))
            .map_err(|e| self.point_error(x, y, e))?;
        if ox.is_finite() && oy.is_finite() {
            Ok((ox, oy))
        } else {
            Err(self.point_error(x, y, "result is not finite"))
        }
    }

    /// Transforms points in place.
    pub fn convert_all(&self, points: &mut [(f64, f64)]) -> Result<(), CrsError> {
        for p in points.iter_mut() {
            *p = self.convert(p.0, p.1)?;
        }
        Ok(())
    }

    fn point_error(&self, x: f64, y: f64, e: impl ToString) -> CrsError {
        CrsError::Point {
            x,
            y,
            from: self.from.to_string(),
            to: self.to.to_string(),
            reason: e.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_epsg_forms() {
        assert_eq!(Crs::parse("EPSG:32631").unwrap(), Crs::epsg(32631));
        assert_eq!(Crs::parse("epsg:3035").unwrap(), Crs::epsg(3035));
        assert_eq!(Crs::parse("4326").unwrap(), Crs::wgs84());
        assert!(Crs::parse("EPSG:999999").is_err());
        assert!(Crs::parse("not a crs").is_err());
    }

    #[test]
    fn wkt_reduces_to_epsg() {
        let wkt = r#"PROJCS["WGS 84 / UTM zone 31N",GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4326"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",3],PARAMETER["scale_factor",0.9996],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1],AUTHORITY["EPSG","32631"]]"#;
        assert_eq!(Crs::parse(wkt).unwrap(), Crs::epsg(32631));
    }

    #[test]
    fn esri_wkt_is_identified_and_written() {
        let esri = r#"PROJCS["ETRS_1989_LAEA",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Lambert_Azimuthal_Equal_Area"],PARAMETER["False_Easting",4321000.0],PARAMETER["False_Northing",3210000.0],PARAMETER["Central_Meridian",10.0],PARAMETER["Latitude_Of_Origin",52.0],UNIT["Meter",1.0]]"#;
        assert_eq!(Crs::parse(esri).unwrap(), Crs::epsg(3035));
        let wkt = Crs::epsg(32631).to_esri_wkt().unwrap();
        assert!(
            wkt.starts_with(r#"PROJCS["WGS_1984_UTM_Zone_31N""#),
            "{wkt}"
        );
        assert_eq!(Crs::parse(&wkt).unwrap(), Crs::epsg(32631));
    }

    #[test]
    fn names_and_kinds() {
        assert_eq!(Crs::epsg(32631).name(), "WGS 84 / UTM zone 31N");
        assert!(Crs::wgs84().is_geographic());
        assert!(!Crs::epsg(32651).is_geographic());
        assert!(Crs::epsg(4490).is_geographic()); // CGCS2000
    }

    #[test]
    fn utm_matches_proj_reference() {
        // Central meridian of zone 31 at 56°N: E = 500000 exactly; N from PROJ (cs2cs).
        let t = Transformer::new(&Crs::wgs84(), &Crs::epsg(32631)).unwrap();
        let (e, n) = t.convert(3.0, 56.0).unwrap();
        assert!((e - 500_000.0).abs() < 1e-6, "{e}");
        assert!((n - 6_206_079.6).abs() < 0.1, "{n}");
        let back = Transformer::new(&Crs::epsg(32631), &Crs::wgs84()).unwrap();
        let (lon, lat) = back.convert(e, n).unwrap();
        assert!((lon - 3.0).abs() < 1e-9 && (lat - 56.0).abs() < 1e-9);
    }

    #[test]
    fn gauss_kruger_cm_123() {
        let crs = Crs::epsg(super::super::cgcs2000_gk_3deg(122.9).unwrap());
        assert!(crs.name().contains("CM 123E"), "{}", crs.name());
        let t = Transformer::new(&Crs::epsg(4490), &crs).unwrap();
        let (e, _) = t.convert(123.0, 31.0).unwrap();
        assert!((e - 500_000.0).abs() < 1e-6, "{e}");
    }
}
