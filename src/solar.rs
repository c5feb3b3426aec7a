//! The sun's position, sunrise and sunset: the daylight limit of marine operations that may only
//! run between sunrise and sunset (campaign operations with `daylight_only`).
//!
//! Method: the NOAA Solar Calculator (NOAA Global Monitoring Laboratory, "General Solar Position
//! Calculations" and the calculator's spreadsheet), itself from Jean Meeus, *Astronomical
//! Algorithms* (1991), ch. 25 (the sun's low-accuracy position: geometric mean longitude, mean
//! anomaly, equation of the centre, apparent longitude, obliquity with nutation in longitude)
//! and ch. 28 (the equation of time). NOAA quotes about one minute for sunrise and sunset
//! between ±72° latitude. Sunrise and sunset are when the sun's centre is 0.833° below the
//! geometric horizon: 34′ of standard refraction plus 16′ of the sun's semi-diameter, so the
//! upper limb appears on a sea horizon at the observer's height of 0 m.

#![warn(missing_docs)]

use std::f64::consts::PI;

/// Geometric altitude of the sun's centre at sunrise and sunset (°): refraction 34′ plus
/// semi-diameter 16′ (NOAA, Meeus ch. 15).
pub const SUNRISE_ALTITUDE_DEG: f64 = -0.833;

/// Unix time of the Julian day epoch: JD 2440587.5 is 1970-01-01T00:00:00Z.
const UNIX_EPOCH_JD: f64 = 2_440_587.5;

fn rad(d: f64) -> f64 {
    d * PI / 180.0
}

fn deg(r: f64) -> f64 {
    r * 180.0 / PI
}

/// The sun's declination (°) and the equation of time (minutes) at Julian day `jd`
/// (Meeus ch. 25 and 28 as in the NOAA calculator).
fn declination_and_equation_of_time(jd: f64) -> (f64, f64) {
    let t = (jd - 2_451_545.0) / 36_525.0;
    let l0 = (280.46646 + t * (36000.76983 + t * 0.0003032)).rem_euclid(360.0);
    let m = 357.52911 + t * (35999.05029 - 0.0001537 * t);
    let e = 0.016708634 - t * (0.000042037 + 0.0000001267 * t);
    let c = rad(m).sin() * (1.914602 - t * (0.004817 + 0.000014 * t))
        + rad(2.0 * m).sin() * (0.019993 - 0.000101 * t)
        + rad(3.0 * m).sin() * 0.000289;
    let omega = 125.04 - 1934.136 * t;
    let lambda = l0 + c - 0.00569 - 0.00478 * rad(omega).sin();
    let eps0 = 23.0 + (26.0 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60.0) / 60.0;
    let eps = eps0 + 0.00256 * rad(omega).cos();
    let decl = deg((rad(eps).sin() * rad(lambda).sin()).asin());
    let y = (rad(eps) / 2.0).tan().powi(2);
    let (l0r, mr) = (rad(l0), rad(m));
    let eq = y * (2.0 * l0r).sin() - 2.0 * e * mr.sin()
        + 4.0 * e * y * mr.sin() * (2.0 * l0r).cos()
        - 0.5 * y * y * (4.0 * l0r).sin()
        - 1.25 * e * e * (2.0 * mr).sin();
    (decl, 4.0 * deg(eq))
}

/// Geometric altitude of the sun's centre (°, no refraction) seen from `lat_deg`, `lon_deg`
/// (east positive) at Unix time `t_s` (UTC).
pub fn altitude_deg(lat_deg: f64, lon_deg: f64, t_s: i64) -> f64 {
    let jd = t_s as f64 / 86_400.0 + UNIX_EPOCH_JD;
    let (decl, eq_min) = declination_and_equation_of_time(jd);
    let utc_min = t_s.rem_euclid(86_400) as f64 / 60.0;
    let hour_angle = (utc_min + eq_min + 4.0 * lon_deg) / 4.0 - 180.0;
    let (lat, decl) = (rad(lat_deg), rad(decl));
    let cos_zenith = lat.sin() * decl.sin() + lat.cos() * decl.cos() * rad(hour_angle).cos();
    90.0 - deg(cos_zenith.clamp(-1.0, 1.0).acos())
}

/// Whether the sun is up (its upper limb above the horizon) at `t_s`.
pub fn is_up(lat_deg: f64, lon_deg: f64, t_s: i64) -> bool {
    altitude_deg(lat_deg, lon_deg, t_s) > SUNRISE_ALTITUDE_DEG
}

/// Whether the whole interval `[from_s, to_s]` lies in daylight: the sun is up at both ends.
/// Within an interval of hours the altitude has at most one extremum, the maximum at solar
/// noon, so up at both ends means up throughout (except within minutes of a polar day's end).
pub fn is_daylight(lat_deg: f64, lon_deg: f64, from_s: i64, to_s: i64) -> bool {
    is_up(lat_deg, lon_deg, from_s) && is_up(lat_deg, lon_deg, to_s)
}

/// Sunrise and sunset of one day at one place.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SunDay {
    /// Sunrise and sunset (Unix seconds, UTC).
    RiseSet {
        /// Sunrise: the sun's centre rises through [`SUNRISE_ALTITUDE_DEG`].
        rise_s: i64,
        /// Sunset: the sun's centre sets through the same altitude.
        set_s: i64,
    },
    /// The sun stays up all day (midnight sun).
    PolarDay,
    /// The sun stays below the horizon all day.
    PolarNight,
}

/// Sunrise and sunset around the solar noon of `date` at longitude `lon_deg` (so a site east
/// of Greenwich can rise on the previous UTC date). Each event is computed at the sun's position
/// of its own moment, iterated three times from solar noon (the NOAA calculator's method).
pub fn sun_day(date: chrono::NaiveDate, lat_deg: f64, lon_deg: f64) -> SunDay {
    let jd0 = (date - chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()).num_days()
        as f64
        + UNIX_EPOCH_JD;
    // Hour angle (°) of sunrise at the sun's declination at minute `min` of the UTC day;
    // Err(true) polar day, Err(false) polar night.
    let hour_angle = |min: f64| -> Result<f64, bool> {
        let (decl, _) = declination_and_equation_of_time(jd0 + min / 1440.0);
        let (lat, decl) = (rad(lat_deg), rad(decl));
        let x = rad(90.0 - SUNRISE_ALTITUDE_DEG).cos() / (lat.cos() * decl.cos())
            - lat.tan() * decl.tan();
        match x {
            x if x > 1.0 => Err(false),
            x if x < -1.0 => Err(true),
            x => Ok(deg(x.acos())),
        }
    };
    let eq = |min: f64| declination_and_equation_of_time(jd0 + min / 1440.0).1;
    let noon = 720.0 - 4.0 * lon_deg - eq(720.0 - 4.0 * lon_deg);
    // Sunrise (`sign` +1) and sunset (−1): 720 − 4·(λ ± H) − E minutes after 0 h UTC.
    let event = |sign: f64| -> Result<f64, bool> {
        let mut min = noon;
        for _ in 0..3 {
            min = 720.0 - 4.0 * (lon_deg + sign * hour_angle(min)?) - eq(min);
        }
        Ok(min)
    };
    let base = (jd0 - UNIX_EPOCH_JD) * 86_400.0;
    match (event(1.0), event(-1.0)) {
        (Ok(r), Ok(s)) => SunDay::RiseSet {
            rise_s: (base + r * 60.0).round() as i64,
            set_s: (base + s * 60.0).round() as i64,
        },
        (Err(true), _) | (_, Err(true)) => SunDay::PolarDay,
        _ => SunDay::PolarNight,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, NaiveDateTime};

    fn utc(s: &str) -> i64 {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S")
            .unwrap()
            .and_utc()
            .timestamp()
    }

    /// Reference figures from PyEphem 4.2.1 (VSOP87 theory, an independent method), sun's upper
    /// limb at −34′ with no further refraction (`pressure = 0`, `horizon = '-0:34'`), i.e. the
    /// same definition as NOAA's −0.833° for the centre:
    /// `o = ephem.Observer(); o.lat, o.lon = '31.2304', '121.4737'; o.pressure = 0;
    /// o.horizon = '-0:34'; o.previous_rising(ephem.Sun()), o.next_setting(ephem.Sun())` from
    /// local noon. Shanghai (31.2304° N, 121.4737° E), UTC; local time is UTC+8, e.g. the
    /// solstice sunrise 04:50 and sunset 19:01 CST.
    const SHANGHAI: [(&str, &str, &str); 4] = [
        ("2025-03-20", "2025-03-19 21:58:11", "2025-03-20 10:05:25"),
        ("2025-06-21", "2025-06-20 20:50:28", "2025-06-21 11:01:17"),
        ("2025-09-22", "2025-09-21 21:42:15", "2025-09-22 09:50:59"),
        ("2025-12-21", "2025-12-20 22:48:34", "2025-12-21 08:55:40"),
    ];

    #[test]
    fn shanghai_sunrise_and_sunset_within_a_minute_of_pyephem() {
        for (date, rise, set) in SHANGHAI {
            let d = NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
            let SunDay::RiseSet { rise_s, set_s } = sun_day(d, 31.2304, 121.4737) else {
                panic!("{date}: expected a sunrise and a sunset");
            };
            assert!(
                (rise_s - utc(rise)).abs() <= 60,
                "{date} rise {rise_s} vs {rise}"
            );
            assert!(
                (set_s - utc(set)).abs() <= 60,
                "{date} set {set_s} vs {set}"
            );
            // The sun is up between them and down an hour outside them.
            assert!(is_daylight(31.2304, 121.4737, rise_s + 120, set_s - 120));
            assert!(!is_up(31.2304, 121.4737, rise_s - 3600));
            assert!(!is_up(31.2304, 121.4737, set_s + 3600));
        }
    }

    #[test]
    fn altitude_matches_pyephem() {
        // PyEphem 4.2.1 `Sun(observer).alt` with pressure 0 (no refraction).
        for (lat, lon, t, alt) in [
            (31.2304, 121.4737, "2025-06-21 04:00:00", 82.1545),
            (31.2304, 121.4737, "2025-12-21 00:00:00", 12.0853),
            (31.2304, 121.4737, "2025-03-20 22:30:00", 6.2365),
            (78.2232, 15.6267, "2025-06-21 23:00:00", 11.6568),
            (78.2232, 15.6267, "2025-12-21 11:00:00", -11.6657),
        ] {
            let a = altitude_deg(lat, lon, utc(t));
            assert!((a - alt).abs() < 0.02, "{t}: {a} vs {alt}");
        }
    }

    #[test]
    fn polar_day_and_night_at_longyearbyen() {
        // 78.22° N: PyEphem raises AlwaysUpError at the June solstice, NeverUpError at the
        // December one, and gives 04:49:57 / 17:23:45 UTC at the March equinox.
        let (lat, lon) = (78.2232, 15.6267);
        let day = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(sun_day(day("2025-06-21"), lat, lon), SunDay::PolarDay);
        assert_eq!(sun_day(day("2025-12-21"), lat, lon), SunDay::PolarNight);
        let SunDay::RiseSet { rise_s, set_s } = sun_day(day("2025-03-20"), lat, lon) else {
            panic!("equinox: expected a sunrise and a sunset");
        };
        // NOAA quotes ±1 min only within ±72°; 2 min here.
        assert!(
            (rise_s - utc("2025-03-20 04:49:57")).abs() <= 120,
            "{rise_s}"
        );
        assert!((set_s - utc("2025-03-20 17:23:45")).abs() <= 120, "{set_s}");
        // Every hour of the solstice days is daylight, resp. dark.
        let t0 = utc("2025-06-21 00:00:00");
        assert!((0..24).all(|h| is_daylight(lat, lon, t0 + h * 3600, t0 + (h + 1) * 3600)));
        let t0 = utc("2025-12-21 00:00:00");
        assert!((0..24).all(|h| !is_up(lat, lon, t0 + h * 3600)));
    }
}
