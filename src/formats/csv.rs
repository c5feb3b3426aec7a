//! CSV of route waypoints for spreadsheets: id, name, lon/lat (WGS 84), easting/northing in the
//! working CRS (`Context::working_crs`; the CLI names it), leg length, course, speed and ETA. RFC 4180 quoting; units in the column names.

use crate::geodesy::CrsError;
use crate::mission::{Context, Route};
use crate::vessel::legs;
use crate::vessel::sailing::METRES_PER_NM;

/// Quotes a field when it holds a comma, quote or line break (RFC 4180).
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The waypoints of the mission's route (only the header when there is none).
pub fn waypoints(ctx: &Context) -> Result<String, CrsError> {
    let speed = ctx.mission.vessel.as_ref().map(|v| v.service_speed_kn);
    match &ctx.mission.route {
        Some(route) => write(route, speed, |lon, lat| ctx.to_work(lon, lat)),
        None => Ok(HEADER.to_string()),
    }
}

const HEADER: &str = "id,name,lon,lat,easting_m,northing_m,leg_nm,course_deg,speed_kn,eta\n";

/// The waypoints of `route`; `to_work` converts lon/lat to working-CRS easting/northing (m).
pub fn write(
    route: &Route,
    default_speed_kn: Option<f64>,
    to_work: impl Fn(f64, f64) -> Result<(f64, f64), CrsError>,
) -> Result<String, CrsError> {
    let mut out = HEADER.to_string();
    let plan = legs::timetable(route, default_speed_kn);
    for (w, p) in route.waypoints.iter().zip(&plan) {
        let (e, n) = to_work(w.lon, w.lat)?;
        let opt = |v: Option<String>| v.unwrap_or_default();
        out.push_str(&format!(
            "{},{},{:.9},{:.9},{e:.3},{n:.3},{:.3},{},{},{}\n",
            w.id,
            field(&w.name),
            w.lon,
            w.lat,
            p.leg_m / METRES_PER_NM,
            opt(p.course_deg.map(|c| format!("{c:.1}"))),
            opt(p.speed_kn.map(|s| format!("{s}"))),
            opt(p.eta.map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())),
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("plain"), "plain");
    }

    #[test]
    fn rows_carry_lon_lat_and_utm() {
        use crate::geodesy::{Crs, Transformer};
        use crate::mission::{LegGeometry, Waypoint};
        let wp = |id, lon| Waypoint {
            id,
            name: format!("P, {id}"),
            lon,
            lat: 30.5,
            speed_kn: None,
            geometry: LegGeometry::Rhumb,
        };
        let route = Route {
            name: "r".into(),
            departure: Some("2025-01-01T00:00:00Z".parse().unwrap()),
            waypoints: vec![wp(1, 123.0), wp(2, 123.1)],
        };
        let t = Transformer::new(&Crs::wgs84(), &Crs::epsg(32651)).unwrap();
        let text = write(&route, Some(10.0), |lon, lat| t.convert(lon, lat)).unwrap();
        let rows: Vec<&str> = text.lines().collect();
        assert_eq!(rows.len(), 3);
        // 123°E is the central meridian of UTM 51N: easting 500 000 m.
        assert!(
            rows[1].starts_with("1,\"P, 1\",123.000000000,30.500000000,500000.000,"),
            "{}",
            rows[1]
        );
        // 0.1° of longitude at 30.5°N ≈ 9.6 km ≈ 5.18 NM: 31 min at 10 kn.
        assert!(rows[2].contains(",10,2025-01-01T00:31:"), "{}", rows[2]);
    }
}
