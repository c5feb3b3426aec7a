//! Wind resource: a sector-wise Weibull wind rose or an hourly time series, and the vertical
//! extrapolation to hub height.
//!
//! Directions are meteorological: where the wind comes from, degrees clockwise from true north.
//! Extrapolation (IEC 61400-1 ed. 4 §6.3.1 power law; the neutral logarithmic profile, e.g.
//! Manwell et al., *Wind Energy Explained* 2nd ed. §2.3.3):
//! power law u(z) = u(z_r)·(z/z_r)^α; log law u(z) = u(z_r)·ln(z/z₀)/ln(z_r/z₀).
//! A Weibull at z_r maps to a Weibull at z with A scaled by the same factor and k unchanged
//! (a positive multiple of a Weibull variable is Weibull with the same shape).

use super::weibull::Weibull;
use crate::table::{self, Options, TableError};
use chrono::{DateTime, Datelike, NaiveDateTime, Utc};

/// Why a resource file could not be read (`file:line: column: what was expected`).
pub type ResourceError = TableError;

/// Largest number of rows accepted in a wind rose (sectors) or a time series (hours; 100 years).
const MAX_SECTORS: usize = 3600;
const MAX_HOURS: usize = 876_600;

/// Vertical wind profile used to move speeds from a measurement height to hub height.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shear {
    /// u ∝ z^α (offshore α ≈ 0.10–0.12, domain-reference §3.2).
    PowerLaw {
        /// Shear exponent α (dimensionless).
        alpha: f64,
    },
    /// u ∝ ln(z/z₀) with roughness length z₀ (m; open sea ≈ 0.0002, Manwell Table 2.2).
    LogLaw {
        /// Roughness length z₀ (m).
        z0_m: f64,
    },
}

impl Shear {
    /// Factor u(to) / u(from).
    pub fn factor(&self, from_m: f64, to_m: f64) -> f64 {
        match *self {
            Shear::PowerLaw { alpha } => (to_m / from_m).powf(alpha),
            Shear::LogLaw { z0_m } => (to_m / z0_m).ln() / (from_m / z0_m).ln(),
        }
    }
}

/// One direction sector of a wind rose.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sector {
    /// Sector centre, meteorological degrees.
    pub centre_deg: f64,
    /// Sector width (degrees); the direction is spread evenly over it.
    pub width_deg: f64,
    /// Probability of the wind coming from this sector (the sectors sum to 1).
    pub frequency: f64,
    /// Speed distribution of the sector at the rose's height.
    pub weibull: Weibull,
}

/// A sector-wise Weibull wind rose at one height.
#[derive(Clone, Debug, PartialEq)]
pub struct WindRose {
    /// Direction sectors of equal width, frequencies summing to 1.
    pub sectors: Vec<Sector>,
}

impl WindRose {
    /// Builds a rose from (centre, frequency, A, k) rows: equal sectors of 360/n degrees, the
    /// frequencies normalised to sum 1. `what(i)` names row i in errors.
    pub fn from_rows(
        rows: &[(f64, f64, f64, f64)],
        what: &dyn Fn(usize) -> (String, usize),
    ) -> Result<Self, ResourceError> {
        let fail = |i: usize, message: String| {
            let (file, line) = what(i);
            ResourceError {
                file,
                line: Some(line),
                column: None,
                expected: message,
            }
        };
        if rows.is_empty() || rows.len() > MAX_SECTORS {
            return Err(fail(
                0,
                format!("{} sectors: expected 1 to {MAX_SECTORS}", rows.len()),
            ));
        }
        let total: f64 = rows.iter().map(|r| r.1).sum();
        if (total - 1.0).abs() > 0.01 {
            return Err(fail(
                rows.len() - 1,
                format!("frequencies sum to {total}: expected 1 (± 0.01)"),
            ));
        }
        let width = 360.0 / rows.len() as f64;
        let mut sectors = Vec::with_capacity(rows.len());
        for (i, &(c, f, a, k)) in rows.iter().enumerate() {
            let bad =
                |field: &str, v: f64, exp: &str| fail(i, format!("{field} {v}: expected {exp}"));
            if !(c.is_finite() && (-360.0..=360.0).contains(&c)) {
                return Err(bad("sector_deg", c, "−360 to 360"));
            }
            if !(f.is_finite() && f >= 0.0) {
                return Err(bad("frequency", f, "a number ≥ 0"));
            }
            if !(a.is_finite() && a > 0.0 && a < 100.0) {
                return Err(bad("weibull_a_ms", a, "a number > 0 and < 100"));
            }
            if !(k.is_finite() && (0.5..=20.0).contains(&k)) {
                return Err(bad("weibull_k", k, "0.5 to 20"));
            }
            let centre = c.rem_euclid(360.0);
            if let Some(j) = sectors.iter().position(|s: &Sector| {
                let d = (s.centre_deg - centre).abs();
                d.min(360.0 - d) < 1e-9
            }) {
                // Two rows for one direction: the frequencies would be counted twice.
                let (file, line) = what(j);
                let first = if line > 0 {
                    format!("line {line}")
                } else {
                    file
                };
                return Err(bad(
                    "sector_deg",
                    c,
                    &format!(
                        "a direction not given before (it repeats {first}): one row per sector"
                    ),
                ));
            }
            sectors.push(Sector {
                centre_deg: centre,
                width_deg: width,
                frequency: f / total,
                weibull: Weibull { a, k },
            });
        }
        Ok(WindRose { sectors })
    }

    /// Parses a rose CSV: header `sector_deg,frequency,weibull_a_ms,weibull_k`, one row per
    /// sector, `#` comments allowed.
    pub fn parse_csv(text: &str, file: &str) -> Result<Self, ResourceError> {
        let header = ["sector_deg", "frequency", "weibull_a_ms", "weibull_k"];
        let (rows, lines) = parse_numeric_csv(text, file, &header, MAX_SECTORS)?;
        let rows: Vec<_> = rows.iter().map(|r| (r[0], r[1], r[2], r[3])).collect();
        let last = text.lines().count().max(1);
        Self::from_rows(&rows, &|i| {
            (file.to_string(), lines.get(i).copied().unwrap_or(last))
        })
    }

    /// The rose at another height: every A scaled by `factor` (k unchanged).
    pub fn scaled(&self, factor: f64) -> Self {
        let mut r = self.clone();
        for s in &mut r.sectors {
            s.weibull.a *= factor;
        }
        r
    }
}

/// One hour of a wind time series.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WindRecord {
    /// Start of the hour (UTC).
    pub time: DateTime<Utc>,
    /// Speed (m/s) at `height_m`.
    pub ws: f64,
    /// Meteorological direction (degrees from true north).
    pub wd: f64,
    /// Measurement height of `ws` (m above sea level).
    pub height_m: f64,
}

impl WindRecord {
    /// Month index 0 (January) … 11.
    pub fn month0(&self) -> usize {
        self.time.month0() as usize
    }
}

/// Parses an hourly wind time series: header `time_utc,wind_speed_ms,wind_direction_deg,height_m`,
/// time as RFC 3339 (`2024-01-01T00:00:00Z`) or `YYYY-MM-DD HH:MM[:SS]` in UTC.
pub fn parse_timeseries(text: &str, file: &str) -> Result<Vec<WindRecord>, ResourceError> {
    let t = table::parse(text, file, &Options::rows(MAX_HOURS))?;
    t.expect_header(&[
        "time_utc",
        "wind_speed_ms",
        "wind_direction_deg",
        "height_m",
    ])?;
    let mut out = Vec::with_capacity(t.rows.len());
    for row in &t.rows {
        let f = row.get(0);
        let time = DateTime::parse_from_rfc3339(f)
            .map(|t| t.with_timezone(&Utc))
            .or_else(|_| {
                NaiveDateTime::parse_from_str(f, "%Y-%m-%d %H:%M:%S")
                    .or_else(|_| NaiveDateTime::parse_from_str(f, "%Y-%m-%d %H:%M"))
                    .map(|t| t.and_utc())
            })
            .map_err(|_| {
                t.error(
                    row.line,
                    Some("time_utc"),
                    format!("`{f}`: expected e.g. 2024-01-01T00:00:00Z"),
                )
            })?;
        let num = |j: usize, lo: f64, hi: f64| {
            t.number(
                row,
                j,
                |x| x >= lo && x <= hi,
                &format!("a number from {lo} to {hi}"),
            )
        };
        out.push(WindRecord {
            time,
            ws: num(1, 0.0, 100.0)?,
            wd: num(2, 0.0, 360.0)?,
            height_m: num(3, 0.1, 1000.0)?,
        });
    }
    if out.is_empty() {
        return Err(t.error_at_end("no data rows: expected at least one".into()));
    }
    Ok(out)
}

/// Reads a CSV of numbers with the exact `header`; returns the rows and their line numbers.
pub(crate) fn parse_numeric_csv(
    text: &str,
    file: &str,
    header: &[&str],
    max_rows: usize,
) -> Result<(Vec<Vec<f64>>, Vec<usize>), ResourceError> {
    let t = table::parse(text, file, &Options::rows(max_rows))?;
    t.expect_header(header)?;
    let mut rows = Vec::with_capacity(t.rows.len());
    for row in &t.rows {
        rows.push(
            (0..header.len())
                .map(|j| t.number(row, j, |_| true, "a number"))
                .collect::<Result<Vec<f64>, _>>()?,
        );
    }
    Ok((rows, t.rows.iter().map(|r| r.line).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shear_laws() {
        // Domain-reference §3.2: 6.3·(150/10)^0.11 ≈ 8.5 m/s.
        let f = Shear::PowerLaw { alpha: 0.11 }.factor(10.0, 150.0);
        assert!((6.3 * f - 8.5).abs() < 0.05, "{}", 6.3 * f);
        let l = Shear::LogLaw { z0_m: 0.0002 }.factor(10.0, 150.0);
        assert!((l - (150.0f64 / 0.0002).ln() / (10.0f64 / 0.0002).ln()).abs() < 1e-15);
    }

    #[test]
    fn rose_csv_parses_and_reports_lines() {
        let txt = "sector_deg,frequency,weibull_a_ms,weibull_k\n0,0.5,9,2\n180,0.5,10,2.2\n";
        let r = WindRose::parse_csv(txt, "rose.csv").unwrap();
        assert_eq!(r.sectors.len(), 2);
        assert_eq!(r.sectors[1].width_deg, 180.0);
        let bad = "sector_deg,frequency,weibull_a_ms,weibull_k\n0,0.5,9,2\n180,0.5,-1,2\n";
        let e = WindRose::parse_csv(bad, "rose.csv")
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "rose.csv:3: weibull_a_ms -1: expected a number > 0 and < 100"
        );
        let bad = "sector_deg,frequency,weibull_a_ms,weibull_k\n0,0.5,9,2\n180,0.2,9,2\n";
        let e = WindRose::parse_csv(bad, "rose.csv")
            .unwrap_err()
            .to_string();
        assert!(e.contains("frequencies sum to 0.7"), "{e}");
        // issue #18: a repeated sector (also as −90 for 270) was accepted silently.
        let dup = "sector_deg,frequency,weibull_a_ms,weibull_k\n# note\n0,0.25,9,2\n90,0.25,9,2\n\
                   180,0.25,9,2\n-270,0.25,9,2\n";
        let e = WindRose::parse_csv(dup, "rose.csv")
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "rose.csv:6: sector_deg -270: expected a direction not given before (it repeats line 4): \
             one row per sector"
        );
    }

    #[test]
    fn timeseries_parses() {
        let txt = "time_utc,wind_speed_ms,wind_direction_deg,height_m\n\
                   2024-03-01T00:00:00Z,7.5,270,10\n2024-03-01 01:00,8,275,10\n";
        let ts = parse_timeseries(txt, "ts.csv").unwrap();
        assert_eq!(ts.len(), 2);
        assert_eq!(ts[1].month0(), 2);
        let bad = "time_utc,wind_speed_ms,wind_direction_deg,height_m\nyesterday,7,270,10\n";
        let e = parse_timeseries(bad, "ts.csv").unwrap_err().to_string();
        assert!(e.starts_with("ts.csv:2: time_utc: `yesterday`"), "{e}");
    }
}
