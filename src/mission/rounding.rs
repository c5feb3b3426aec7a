//! What a save writes for numbers the user changed: positions rounded to 1e-7° (about 1 cm on
//! the ground, finer than any survey the planner uses) and headings to 0.1°, so moving a cabin or
//! running the layout does not leave `lon = 122.04000000000002` or `heading_deg = 359.99` in the
//! file. A value equal to the one read from the file is kept as it was: what the user did not
//! change is not rewritten.

use super::Mission;

/// Positions are written to this many parts per degree (1e-7° ≈ 1.1 cm of latitude).
pub const POSITION_PER_DEG: f64 = 1e7;
/// Headings are written to this many parts per degree (0.1°).
pub const HEADING_PER_DEG: f64 = 10.0;

/// `v` rounded to `1 / per_unit` (dividing by the power of ten gives the double nearest the
/// decimal, so it prints without noise); `v` unchanged when it equals the value read.
fn round(v: f64, read: Option<f64>, per_unit: f64) -> f64 {
    if read == Some(v) || !v.is_finite() {
        v
    } else {
        (v * per_unit).round() / per_unit
    }
}

fn pos(v: f64, read: Option<f64>) -> f64 {
    round(v, read, POSITION_PER_DEG)
}

/// Rounded headings that reach 360° are written as 0°.
fn heading(v: f64, read: Option<f64>) -> f64 {
    let h = round(v, read, HEADING_PER_DEG);
    if read != Some(v) && h == 360.0 {
        0.0
    } else {
        h
    }
}

fn ring(ring: &mut [[f64; 2]], read: Option<&Vec<[f64; 2]>>) {
    for (i, p) in ring.iter_mut().enumerate() {
        let old = read.and_then(|r| r.get(i));
        p[0] = pos(p[0], old.map(|o| o[0]));
        p[1] = pos(p[1], old.map(|o| o[1]));
    }
}

/// `m` as it is written over a file that held `read` (None: a new file): changed positions and
/// headings rounded; objects are matched with the file's by id (wind-farm positions by index).
pub fn for_save(m: &Mission, read: Option<&Mission>) -> Mission {
    let mut out = m.clone();
    for c in &mut out.cabins {
        let old = read.and_then(|r| r.cabins.iter().find(|o| o.id == c.id));
        c.lon = pos(c.lon, old.map(|o| o.lon));
        c.lat = pos(c.lat, old.map(|o| o.lat));
        c.heading_deg = heading(c.heading_deg, old.map(|o| o.heading_deg));
    }
    for p in &mut out.landing_points {
        let old = read.and_then(|r| r.landing_points.iter().find(|o| o.id == p.id));
        p.lon = pos(p.lon, old.map(|o| o.lon));
        p.lat = pos(p.lat, old.map(|o| o.lat));
    }
    for p in &mut out.ports {
        let old = read.and_then(|r| r.ports.iter().find(|o| o.id == p.id));
        p.lon = pos(p.lon, old.map(|o| o.lon));
        p.lat = pos(p.lat, old.map(|o| o.lat));
    }
    if let Some(route) = &mut out.route {
        let read_route = read.and_then(|r| r.route.as_ref());
        for w in &mut route.waypoints {
            let old = read_route.and_then(|r| r.waypoints.iter().find(|o| o.id == w.id));
            w.lon = pos(w.lon, old.map(|o| o.lon));
            w.lat = pos(w.lat, old.map(|o| o.lat));
        }
    }
    for z in &mut out.exclusion_zones {
        let old = read.and_then(|r| r.exclusion_zones.iter().find(|o| o.id == z.id));
        if let Some(p) = &mut z.polygon {
            ring(p, old.and_then(|o| o.polygon.as_ref()));
        }
        if let Some(l) = &mut z.line {
            ring(l, old.and_then(|o| o.line.as_ref()));
        }
    }
    if let Some(f) = &mut out.wind_farm {
        ring(
            &mut f.positions,
            read.and_then(|r| r.wind_farm.as_ref())
                .map(|o| &o.positions),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mission::{Cabin, Site};

    #[test]
    fn changed_values_round_and_read_values_stay() {
        let cabin = |id: &str, lon, heading_deg| Cabin {
            id: id.into(),
            cabin_type: "pod".into(),
            lon,
            lat: 30.8,
            heading_deg,
        };
        let mut read = Mission::new("r", Site::on_grid("g.tif"));
        read.cabins = vec![cabin("C1", 122.04000000000002, 359.99)];
        let mut m = read.clone();
        m.cabins.push(cabin("C2", 122.04000000000002, 359.99));
        m.cabins.push(cabin("C3", 121.123456789, 12.34));
        let out = for_save(&m, Some(&read));
        // C1 was not changed: written exactly as read.
        assert_eq!(out.cabins[0], read.cabins[0]);
        // C2 and C3 are new: the decimal text shows the rounding.
        let text = crate::mission::to_toml(&out);
        assert!(text.contains("lon = 122.04\n"), "{text}");
        assert!(text.contains("heading_deg = 0.0\n"), "{text}");
        assert!(text.contains("lon = 121.1234568\n"), "{text}");
        assert!(text.contains("heading_deg = 12.3\n"), "{text}");
        // Without a file everything is rounded.
        assert_eq!(for_save(&read, None).cabins[0].lon.to_string(), "122.04");
    }
}
