//! Metocean time series: reading fathom's own CSV and the published hindcast and buoy files
//! through one column mapping, detecting the regular step and reporting the gaps. Used by the
//! weather windows of the lift and by the installation campaign.
//!
//! fathom's layout: a header naming `time_utc`, `hs_m` and any of `tp_s`, `wind_ms`,
//! `current_ms`, `tide_m` (other columns are ignored), comma separated. Other layouts are read
//! with a [`SeriesColumns`] mapping (`[metocean.columns]` in the mission or `--columns` on the
//! command line), e.g. the coastDat-2 and OMAE benchmark files: `;` separated, times as
//! `YYYY-MM-DD-HH`, the zero-up-crossing period Tz instead of the peak period Tp (converted by
//! [`tp_from_tz`]). Times: RFC 3339, `YYYY-MM-DD HH:MM[:SS]` or `YYYY-MM-DD-HH` (UTC), strictly
//! increasing on a regular step. A missing stretch (a jump of several steps) is a gap, not
//! workable weather; a jump that is not a whole number of steps is an error. A variable the file
//! lacks is missing ([`Series::missing`]), and an operation limited by it is refused by its user.

#![warn(missing_docs)]

use crate::mission::{Mission, SeriesColumns};
use crate::table::{self, Options, Table, TableError};
use chrono::NaiveDateTime;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// JONSWAP peak-enhancement factor of the Tz → Tp conversion (the DNV-RP-C205 §3.5.5 default
/// for the North Sea).
pub const JONSWAP_GAMMA: f64 = 3.3;

/// Peak period from the zero-up-crossing period of a JONSWAP sea with peak enhancement γ:
/// Tz/Tp = 0.6673 + 0.05037γ − 0.006230γ² + 0.0003341γ³ (DNV-RP-C205 (2010) eq. 3.5.5,
/// valid for 1 ≤ γ ≤ 7); γ = 3.3 gives Tp ≈ 1.286·Tz.
pub fn tp_from_tz(tz_s: f64, gamma: f64) -> f64 {
    tz_s / (0.6673 + 0.05037 * gamma - 0.006230 * gamma.powi(2) + 0.0003341 * gamma.powi(3))
}

/// A stretch with no records.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Gap {
    /// Last record before the gap (Unix seconds, UTC).
    pub after_s: i64,
    /// First record after it.
    pub before_s: i64,
    /// Missing records.
    pub missing: usize,
}

/// A regular metocean series in columns; times in Unix seconds (UTC). Variables other than Hs
/// are `None` when the file lacks them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Series {
    /// Time of each record (Unix seconds, UTC), strictly increasing.
    pub time_s: Vec<i64>,
    /// Significant wave height Hs (m) at each record.
    pub hs_m: Vec<f64>,
    /// Peak wave period Tp (s) at each record (from Tz when `tp_from_tz`).
    pub tp_s: Option<Vec<f64>>,
    /// Tp was converted from Tz by [`tp_from_tz`] with [`JONSWAP_GAMMA`].
    pub tp_from_tz: bool,
    /// Wind speed (m/s) at each record, at the file's measurement height (no height correction).
    pub wind_ms: Option<Vec<f64>>,
    /// Surface current speed (m/s) at each record.
    pub current_ms: Option<Vec<f64>>,
    /// Tide level (m, either sign, on the file's own datum) at each record.
    pub tide_m: Option<Vec<f64>>,
    /// The regular step (s): the most common interval between records.
    pub step_s: i64,
    /// The stretches without records, in time order.
    pub gaps: Vec<Gap>,
}

impl Series {
    /// The variables the series lacks (`tp_s`, `wind_ms`, `current_ms`).
    pub fn missing(&self) -> Vec<&'static str> {
        [
            ("tp_s", self.tp_s.is_none()),
            ("wind_ms", self.wind_ms.is_none()),
            ("current_ms", self.current_ms.is_none()),
        ]
        .into_iter()
        .filter_map(|(n, m)| m.then_some(n))
        .collect()
    }

    /// Records missing in the gaps.
    pub fn missing_records(&self) -> usize {
        self.gaps.iter().map(|g| g.missing).sum()
    }
}

/// Reads a series file (bounded read) with a column mapping (`None`: fathom's own names).
pub fn read(path: &Path, cols: Option<&SeriesColumns>) -> Result<Series, TableError> {
    parse(&table::read_text(path, &Options::default())?, path, cols)
}

/// A mission's metocean series: `file` read with `columns` when given (the CLI's `--metocean` and
/// `--columns`), else the mission's `metocean.series_csv` (relative to `base`, the mission file's
/// folder) read with its `[metocean.columns]`. Returns the file read and the series; `Ok(None)`
/// when neither names a file. The one place that decides which series a mission uses, so the
/// CLI, validation, the report and the planner agree.
pub fn of_mission(
    m: &Mission,
    base: &Path,
    file: Option<&Path>,
    columns: Option<&SeriesColumns>,
) -> Result<Option<(PathBuf, Series)>, TableError> {
    let own = m.metocean.as_ref();
    let path = match (file, own.and_then(|x| x.series_csv.as_ref())) {
        (Some(f), _) => f.to_path_buf(),
        (None, Some(p)) => base.join(p),
        (None, None) => return Ok(None),
    };
    let cols = columns.or_else(|| own.and_then(|x| x.columns.as_ref()));
    let series = read(&path, cols)?;
    Ok(Some((path, series)))
}

/// Parses series text (`path` names it in messages). The delimiter is the mapping's, else `;`
/// when the first line that is not a comment has one, else `,`.
pub fn parse(text: &str, path: &Path, cols: Option<&SeriesColumns>) -> Result<Series, TableError> {
    let delimiter = cols.and_then(|c| c.delimiter).unwrap_or_else(|| {
        let head = text
            .lines()
            .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
        if head.is_some_and(|h| h.contains(';')) {
            ';'
        } else {
            ','
        }
    });
    let opts = Options {
        delimiter: u8::try_from(u32::from(delimiter)).unwrap_or(b','),
        ..Options::default()
    };
    from_table(
        &table::parse(text, &path.display().to_string(), &opts)?,
        cols,
    )
}

/// Parses a `--columns` value: `time=…,hs_m=…,tz_s=…,wind_ms=…,delimiter=;`, a numeric column
/// optionally with its unit (`hs_m=Hs:cm`, [`unit_factor`]).
pub fn parse_columns(s: &str) -> Result<SeriesColumns, String> {
    let mut c = SeriesColumns::default();
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (k, v) = part
            .split_once('=')
            .ok_or_else(|| format!("`{part}`: expected VARIABLE=COLUMN"))?;
        let v = v.trim().to_string();
        match k.trim() {
            "time" => c.time = Some(v),
            "hs_m" => c.hs_m = Some(v),
            "tp_s" => c.tp_s = Some(v),
            "tz_s" => c.tz_s = Some(v),
            "wind_ms" => c.wind_ms = Some(v),
            "current_ms" => c.current_ms = Some(v),
            "tide_m" => c.tide_m = Some(v),
            "delimiter" => {
                let mut ch = v.chars();
                c.delimiter = match (ch.next(), ch.next()) {
                    (Some(d), None) if d.is_ascii() => Some(d),
                    _ => return Err(format!("delimiter `{v}`: expected one ASCII character")),
                }
            }
            other => {
                return Err(format!(
                    "`{other}`: expected time, hs_m, tp_s, tz_s, wind_ms, current_ms, tide_m or delimiter"
                ));
            }
        }
    }
    Ok(c)
}

/// The factor from `unit` to fathom's unit of `variable` (m, s or m/s). Exact by definition:
/// 1 ft = 0.3048 m (international foot, 1959), 1 kn = 1852 m/h (international nautical mile,
/// 1929), 1 mph = 1609.344 m/h = 0.44704 m/s, 1 km/h = 1/3.6 m/s.
pub fn unit_factor(variable: &str, unit: &str) -> Result<f64, String> {
    let (units, expected): (&[(&str, f64)], &str) = match variable {
        "hs_m" | "tide_m" => (
            &[("m", 1.0), ("cm", 0.01), ("mm", 0.001), ("ft", 0.3048)],
            "m, cm, mm or ft",
        ),
        "tp_s" | "tz_s" => (&[("s", 1.0)], "s"),
        "wind_ms" | "current_ms" => (
            &[
                ("m/s", 1.0),
                ("cm/s", 0.01),
                ("kn", 1852.0 / 3600.0),
                ("km/h", 1.0 / 3.6),
                ("mph", 0.44704),
            ],
            "m/s, cm/s, kn, km/h or mph",
        ),
        _ => return Err(format!("{variable} takes no unit")),
    };
    units
        .iter()
        .find(|(u, _)| u.eq_ignore_ascii_case(unit.trim()))
        .map(|(_, f)| *f)
        .ok_or_else(|| format!("unit `{unit}` for {variable}: expected {expected}"))
}

/// The column of a variable and the factor to fathom's unit: the mapped name (required to
/// exist, with its `:UNIT` when given) or fathom's own name (factor 1).
fn find(
    t: &Table,
    mapped: Option<&String>,
    own: &str,
    variable: &str,
) -> Result<Option<(usize, f64)>, TableError> {
    let Some(spec) = mapped else {
        return Ok(t.column(own).map(|c| (c, 1.0)));
    };
    let (name, factor) = match spec.rsplit_once(':') {
        Some((name, unit)) if variable != "time" => (
            name,
            unit_factor(variable, unit).map_err(|e| t.error(t.header_line, Some(variable), e))?,
        ),
        _ => (spec.as_str(), 1.0),
    };
    let lc = name.to_lowercase();
    let hits: Vec<usize> = (0..t.header.len())
        .filter(|&i| {
            let h = t.header[i].to_lowercase();
            h == lc || h.starts_with(&lc)
        })
        .collect();
    match hits[..] {
        [i] => Ok(Some((i, factor))),
        _ => Err(t.error(
            t.header_line,
            Some(variable),
            format!(
                "`{name}` matches {} columns of `{}`: expected exactly one",
                hits.len(),
                t.header.join(";")
            ),
        )),
    }
}

fn from_table(t: &Table, cols: Option<&SeriesColumns>) -> Result<Series, TableError> {
    let d = SeriesColumns::default();
    let c = cols.unwrap_or(&d);
    let need = |col: Option<(usize, f64)>, v: &str, own: &str| {
        col.ok_or_else(|| {
            t.error(
                t.header_line,
                Some(v),
                format!(
                    "no `{own}` column in `{}`: expected it, or a mapping (--columns {v}=NAME or [metocean.columns])",
                    t.header.join(",")
                ),
            )
        })
    };
    let (ct, _) = need(
        find(t, c.time.as_ref(), "time_utc", "time")?,
        "time",
        "time_utc",
    )?;
    let (ch, fh) = need(find(t, c.hs_m.as_ref(), "hs_m", "hs_m")?, "hs_m", "hs_m")?;
    let ctp = find(t, c.tp_s.as_ref(), "tp_s", "tp_s")?;
    let ctz = find(t, c.tz_s.as_ref(), "tz_s", "tz_s")?;
    let cw = find(t, c.wind_ms.as_ref(), "wind_ms", "wind_ms")?;
    let cc = find(t, c.current_ms.as_ref(), "current_ms", "current_ms")?;
    let ctide = find(t, c.tide_m.as_ref(), "tide_m", "tide_m")?;
    let converted = ctp.is_none() && ctz.is_some();
    let cper = ctp.or(ctz);
    let n = t.rows.len();
    let opt = |c: Option<(usize, f64)>| c.map(|_| Vec::with_capacity(n));
    let mut s = Series {
        time_s: Vec::with_capacity(n),
        hs_m: Vec::with_capacity(n),
        tp_s: opt(cper),
        tp_from_tz: converted,
        wind_ms: opt(cw),
        current_ms: opt(cc),
        tide_m: opt(ctide),
        ..Series::default()
    };
    let pos = |v: f64| v >= 0.0;
    for row in &t.rows {
        let f = row.get(ct);
        let time = parse_time(f).ok_or_else(|| {
            t.error(
                row.line,
                Some(&t.header[ct]),
                format!("`{f}`: expected RFC 3339 (2025-06-01T06:00:00Z), YYYY-MM-DD HH:MM or YYYY-MM-DD-HH"),
            )
        })?;
        if let Some(&prev) = s.time_s.last()
            && time <= prev
        {
            return Err(t.error(
                row.line,
                Some(&t.header[ct]),
                format!("`{f}` is not after the previous row's time: expected increasing times"),
            ));
        }
        s.time_s.push(time);
        s.hs_m.push(fh * t.number(row, ch, pos, "a number ≥ 0")?);
        for (col, v) in [
            (cper, &mut s.tp_s),
            (cw, &mut s.wind_ms),
            (cc, &mut s.current_ms),
        ] {
            if let (Some((col, f)), Some(v)) = (col, v) {
                v.push(f * t.number(row, col, pos, "a number ≥ 0")?);
            }
        }
        if let (Some((col, f)), Some(v)) = (ctide, &mut s.tide_m) {
            v.push(f * t.number(row, col, |_| true, "a number")?);
        }
    }
    if converted && let Some(tp) = &mut s.tp_s {
        for v in tp.iter_mut() {
            *v = tp_from_tz(*v, JONSWAP_GAMMA);
        }
    }
    if n < 2 {
        return Err(t.error_at_end(format!("{n} row(s): expected at least 2")));
    }
    s.step_s = modal_step(&s.time_s);
    for (i, row) in t.rows.iter().enumerate().skip(1) {
        let d = s.time_s[i] - s.time_s[i - 1];
        if d % s.step_s != 0 {
            return Err(t.error(
                row.line,
                Some(&t.header[ct]),
                format!(
                    "{d} s after the previous row: expected a whole number of the series' {} s step",
                    s.step_s
                ),
            ));
        }
        if d > s.step_s {
            s.gaps.push(Gap {
                after_s: s.time_s[i - 1],
                before_s: s.time_s[i],
                missing: (d / s.step_s - 1) as usize,
            });
        }
    }
    Ok(s)
}

/// The most common interval between consecutive times (smallest on ties).
fn modal_step(t: &[i64]) -> i64 {
    let mut d: Vec<i64> = t.windows(2).map(|w| w[1] - w[0]).collect();
    d.sort_unstable();
    let (mut best, mut best_n, mut i) = (d[0], 0, 0);
    while i < d.len() {
        let j = d[i..].partition_point(|x| *x == d[i]) + i;
        if j - i > best_n {
            best_n = j - i;
            best = d[i];
        }
        i = j;
    }
    best
}

/// Parses `2025-06-01T06:00:00Z` (any RFC 3339 offset), `2025-06-01 06:00[:00]` or
/// `2025-06-01-06` (UTC).
fn parse_time(s: &str) -> Option<i64> {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(t.timestamp());
    }
    for fmt in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(t.and_utc().timestamp());
        }
    }
    // `YYYY-MM-DD-HH`: chrono needs the minutes.
    if s.len() == 13 {
        return NaiveDateTime::parse_from_str(&format!("{s}:00"), "%Y-%m-%d-%H:%M")
            .ok()
            .map(|t| t.and_utc().timestamp());
    }
    None
}

#[cfg(test)]
mod tests;
