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

/// Splits one CSV line into fields (RFC 4180 quotes).
fn split(line: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if cur.is_empty() => quoted = true,
            (',', false) => out.push(std::mem::take(&mut cur)),
            (c, _) => cur.push(c),
        }
    }
    if quoted {
        return Err("unterminated quote".into());
    }
    out.push(cur);
    Ok(out)
}

/// Parses an RPL in [`HEADER`]'s layout; `path` is for messages.
pub fn read(text: &str, path: &Path) -> Result<Vec<RplRow>, FormatError> {
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    match lines.next() {
        Some((_, h)) if h.trim() == HEADER => {}
        Some((i, h)) => {
            return Err(FormatError::at(
                path,
                i + 1,
                format!("header `{h}`: expected `{HEADER}`"),
            ));
        }
        None => {
            return Err(FormatError::at(
                path,
                0,
                "empty file: expected an RPL".into(),
            ));
        }
    }
    let mut rows = Vec::new();
    for (i, line) in lines {
        if rows.len() >= MAX_ROWS {
            return Err(FormatError::at(
                path,
                i + 1,
                format!("more than {MAX_ROWS} rows"),
            ));
        }
        let err = |m: String| FormatError::at(path, i + 1, m);
        let f = split(line).map_err(&err)?;
        if f.len() != 14 {
            return Err(err(format!("{} fields: expected 14", f.len())));
        }
        let num = |k: usize, name: &str| -> Result<f64, FormatError> {
            f[k].trim()
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| err(format!("{name}: `{}` is not a number", f[k])))
        };
        let opt = |k: usize, name: &str| -> Result<Option<f64>, FormatError> {
            if f[k].trim().is_empty() {
                Ok(None)
            } else {
                num(k, name).map(Some)
            }
        };
        let (lat, lon) = (num(2, "lat_deg")?, num(3, "lon_deg")?);
        if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
            return Err(err(format!(
                "position {lat}, {lon}: expected latitude −90…90 and longitude −180…180"
            )));
        }
        rows.push(RplRow {
            pos: f[0]
                .trim()
                .parse()
                .map_err(|_| err(format!("pos: `{}` is not a row number", f[0])))?,
            event: f[1].clone(),
            lat,
            lon,
            kp_km: num(4, "kp_km")?,
            section_km: num(5, "section_km")?,
            course_deg: opt(6, "course_deg")?,
            alter_course_deg: num(7, "alter_course_deg")?,
            depth_m: opt(8, "depth_m")?,
            slope_deg: opt(9, "slope_deg")?,
            slack_pct: num(10, "slack_pct")?,
            cable_kp_km: num(11, "cable_kp_km")?,
            cable_type: f[12].clone(),
            burial_m: num(13, "burial_m")?,
        });
    }
    if rows.len() < 2 {
        return Err(FormatError::at(
            path,
            0,
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
        assert!(e.contains("r.csv:2") && e.contains("latitude"), "{e}");
        let e = read(&format!("{HEADER}\n1,\"a,b\",x\n"), p)
            .unwrap_err()
            .to_string();
        assert!(e.contains("3 fields"), "{e}");
        assert_eq!(
            split("a,\"b,\"\"c\"\"\",d").unwrap(),
            vec!["a", "b,\"c\"", "d"]
        );
    }
}
