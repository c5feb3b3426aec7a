//! RPL (route position list) of a cable as CSV: one row per route position (the ends and every
//! alter-course point), in the column order of the RPLs cable installers exchange (MakaiPlan's
//! RPL, domain-reference §8): position number, event, latitude, longitude, route KP, section
//! length, course, alter-course angle, depth, slope, slack, cable KP, cable type, burial. Units
//! are in the column names; positions WGS 84 decimal degrees; slope is the steepest in-line slope
//! over the section that starts at the row; the cable KP counts cable (route + slack), so the last
//! row's `cable_kp_km` is the length to order.
//!
//! [`read`] parses the same layout back (for the round trip and for RPLs edited elsewhere).

use super::FormatError;
use crate::cable::CableAnalysis;
use std::path::Path;

/// The header row.
pub const HEADER: &str = "pos,event,lat_deg,lon_deg,kp_km,section_km,course_deg,alter_course_deg,depth_m,slope_deg,slack_pct,cable_kp_km,cable_type,burial_m";

/// Most rows [`read`] accepts (an RPL has one row per alter-course point).
pub const MAX_ROWS: usize = 1_000_000;

/// One row of an RPL.
#[derive(Clone, Debug, PartialEq)]
pub struct RplRow {
    /// 1-based position of the row (`pos`).
    pub pos: usize,
    /// `start <end>`, `AC` (alter course) or `end <end>`.
    pub event: String,
    /// Latitude of the vertex (degrees, WGS 84).
    pub lat: f64,
    /// Longitude of the vertex (degrees, WGS 84).
    pub lon: f64,
    /// Route KP of the vertex (km from the start, horizontal).
    pub kp_km: f64,
    /// Length of the section ending at this vertex (km); 0 on the first row.
    pub section_km: f64,
    /// True course to the next vertex (degrees); `None` on the last row.
    pub course_deg: Option<f64>,
    /// Alter-course angle at the vertex (degrees, positive to starboard); 0 at the ends.
    pub alter_course_deg: f64,
    /// Water depth at the vertex at the planning level (m, positive down); `None` off the grid.
    pub depth_m: Option<f64>,
    /// Steepest along-route slope on the section leaving this vertex (degrees, positive rising
    /// towards the end); `None` without depths.
    pub slope_deg: Option<f64>,
    /// Cable slack over the route length (%).
    pub slack_pct: f64,
    /// Cable KP (km): route KP × (1 + slack/100).
    pub cable_kp_km: f64,
    /// Cable type id.
    pub cable_type: String,
    /// Target burial depth (m).
    pub burial_m: f64,
}

/// The RPL of an analysed cable with its ends named `from` and `to` and target burial.
pub fn write(a: &CableAnalysis, from: &str, to: &str, burial_m: f64) -> String {
    let e = &a.engineering;
    let v = &e.vertices;
    let factor = 1.0 + e.slack_pct / 100.0;
    let mut out = format!("{HEADER}\n");
    for (i, p) in v.iter().enumerate() {
        let event = if i == 0 {
            format!("start {from}")
        } else if i + 1 == v.len() {
            format!("end {to}")
        } else {
            "AC".to_string()
        };
        let section = if i == 0 { 0.0 } else { p.kp_m - v[i - 1].kp_m };
        let next_kp = v.get(i + 1).map_or(p.kp_m, |n| n.kp_m);
        let slope = e
            .samples
            .iter()
            .filter(|s| s.kp_m >= p.kp_m && s.kp_m <= next_kp)
            .filter_map(|s| s.inline_deg)
            .max_by(|x, y| x.abs().total_cmp(&y.abs()));
        let opt = |x: Option<f64>, d: usize| x.map(|x| format!("{x:.d$}")).unwrap_or_default();
        out.push_str(&format!(
            "{},{},{:.8},{:.8},{:.6},{:.6},{},{:.1},{},{},{},{:.6},{},{}\n",
            i + 1,
            quote(&event),
            p.lat,
            p.lon,
            p.kp_m / 1e3,
            section / 1e3,
            opt(p.course_deg, 2),
            p.alter_deg,
            opt(p.depth_m, 1),
            opt(slope, 1),
            e.slack_pct,
            p.kp_m * factor / 1e3,
            quote(&a.cable_type.id),
            burial_m,
        ));
    }
    out
}

fn quote(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Parses an RPL in [`HEADER`]'s layout with the crate's one CSV reader ([`crate::table`]:
/// RFC 4180 quotes, trimmed fields, `#` comments, a row limit); `path` is for messages.
pub fn read(text: &str, path: &Path) -> Result<Vec<RplRow>, FormatError> {
    let fail = |e: crate::table::TableError| {
        let column = e.column.map(|c| format!("{c}: ")).unwrap_or_default();
        FormatError::at(path, e.line.unwrap_or(0), format!("{column}{}", e.expected))
    };
    let opts = crate::table::Options::rows(MAX_ROWS);
    let t = crate::table::parse(text, &path.display().to_string(), &opts).map_err(fail)?;
    let names: Vec<&str> = HEADER.split(',').collect();
    t.expect_header(&names).map_err(fail)?;
    let mut rows = Vec::with_capacity(t.rows.len());
    for row in &t.rows {
        let any = |_: f64| true;
        let num = |k: usize| t.number(row, k, any, "a number").map_err(fail);
        let opt = |k: usize| match row.get(k) {
            "" => Ok(None),
            _ => num(k).map(Some),
        };
        let lat = t
            .number(
                row,
                2,
                |v| (-90.0..=90.0).contains(&v),
                "a latitude from −90 to 90",
            )
            .map_err(fail)?;
        let lon = t
            .number(
                row,
                3,
                |v| (-180.0..=180.0).contains(&v),
                "a longitude from −180 to 180",
            )
            .map_err(fail)?;
        let pos = row.get(0).parse().map_err(|_| {
            fail(t.error(
                row.line,
                Some("pos"),
                format!("`{}`: expected a row number", row.get(0)),
            ))
        })?;
        rows.push(RplRow {
            pos,
            event: row.get(1).to_string(),
            lat,
            lon,
            kp_km: num(4)?,
            section_km: num(5)?,
            course_deg: opt(6)?,
            alter_course_deg: num(7)?,
            depth_m: opt(8)?,
            slope_deg: opt(9)?,
            slack_pct: num(10)?,
            cable_kp_km: num(11)?,
            cable_type: row.get(12).to_string(),
            burial_m: num(13)?,
        });
    }
    if rows.len() < 2 {
        return Err(FormatError::at(
            path,
            t.last_line,
            format!("{} position(s): expected at least 2", rows.len()),
        ));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_files_are_explained_with_their_line() {
        let p = Path::new("r.csv");
        let e = read("a,b\n", p).unwrap_err().to_string();
        assert!(e.starts_with("r.csv:1: header"), "{e}");
        let e = read(&format!("{HEADER}\n1,start,91,0,0,0,,0,,,3,0,x,1\n"), p)
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "r.csv:2: lat_deg: `91`: expected a latitude from −90 to 90"
        );
        let e = read(&format!("{HEADER}\n1,\"a,b\",x\n"), p)
            .unwrap_err()
            .to_string();
        assert!(e.contains("r.csv:2: 3 field(s): expected 14"), "{e}");
        let e = read(&format!("{HEADER}\n1,a,0,0,0,0,,0,,,3,0,x,1\n"), p)
            .unwrap_err()
            .to_string();
        assert!(e.contains("1 position(s): expected at least 2"), "{e}");
        // Quoted fields with a comma and doubled quotes, CRLF line ends, a comment.
        let text = format!(
            "# exported\r\n{HEADER}\r\n1,\"start \"\"A\"\", B\",1,2,0,0,,0,,,3,0,x,1\r\n\
             2,end,1.5,2,0.1,0.1,45.00,0,-30.5,1.2,3,0.103,\"t,1\",1\r\n"
        );
        let rows = read(&text, p).unwrap();
        assert_eq!(rows[0].event, "start \"A\", B");
        assert_eq!(rows[1].cable_type, "t,1");
        assert_eq!(
            (rows[1].course_deg, rows[1].depth_m),
            (Some(45.0), Some(-30.5))
        );
        assert_eq!(rows[0].depth_m, None);
    }
}
