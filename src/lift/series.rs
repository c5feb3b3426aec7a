//! Metocean time series: reading the CSV, detecting its regular step and reporting its gaps.
//!
//! Format: a header naming the columns `time_utc`, `hs_m`, `tp_s`, `wind_ms`, `current_ms` and
//! optionally `tide_m`, in any order (other columns are ignored); one row per time, times in
//! RFC 3339 (`2025-06-01T06:00:00Z`) or `YYYY-MM-DD HH:MM[:SS]` (UTC), strictly increasing on a
//! regular step. A missing stretch (a jump of several steps) is a gap; a jump that is not a whole
//! number of steps is an error. Lines starting with `#` and blank lines are skipped.

use chrono::NaiveDateTime;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Largest series file read (bytes): 1 GiB, about four million hourly rows per decade of columns.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// Why a series could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SeriesError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}{}: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
    Invalid {
        path: PathBuf,
        line: Option<usize>,
        message: String,
    },
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

/// A regular metocean series in columns; times in Unix seconds (UTC).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Series {
    pub time_s: Vec<i64>,
    pub hs_m: Vec<f64>,
    pub tp_s: Vec<f64>,
    pub wind_ms: Vec<f64>,
    pub current_ms: Vec<f64>,
    pub tide_m: Option<Vec<f64>>,
    /// The regular step (s): the most common interval between records.
    pub step_s: i64,
    pub gaps: Vec<Gap>,
}

/// Reads a series file (size checked first).
pub fn read(path: &Path) -> Result<Series, SeriesError> {
    let io = |source| SeriesError::Io {
        path: path.to_path_buf(),
        source,
    };
    let len = std::fs::metadata(path).map_err(io)?.len();
    if len > MAX_FILE_BYTES {
        return Err(SeriesError::Invalid {
            path: path.to_path_buf(),
            line: None,
            message: format!("{len} bytes: larger than the {MAX_FILE_BYTES}-byte limit"),
        });
    }
    let text = std::fs::read_to_string(path).map_err(io)?;
    parse(&text, path)
}

const COLUMNS: [&str; 6] = [
    "time_utc",
    "hs_m",
    "tp_s",
    "wind_ms",
    "current_ms",
    "tide_m",
];

/// Parses series text; `path` is used in messages only.
pub fn parse(text: &str, path: &Path) -> Result<Series, SeriesError> {
    let err = |line: Option<usize>, message: String| SeriesError::Invalid {
        path: path.to_path_buf(),
        line,
        message,
    };
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'));
    let (hline, header) = lines
        .next()
        .ok_or_else(|| err(None, "empty: expected a header and rows".into()))?;
    let names: Vec<&str> = header.split(',').map(str::trim).collect();
    let mut col = [usize::MAX; 6];
    for (k, name) in COLUMNS.iter().enumerate() {
        if let Some(i) = names.iter().position(|n| n.eq_ignore_ascii_case(name)) {
            col[k] = i;
        } else if k < 5 {
            return Err(err(
                Some(hline),
                format!(
                    "header has no `{name}` column: expected time_utc,hs_m,tp_s,wind_ms,current_ms[,tide_m]"
                ),
            ));
        }
    }
    let has_tide = col[5] != usize::MAX;
    let mut s = Series {
        tide_m: has_tide.then(Vec::new),
        ..Series::default()
    };
    let mut line_of = Vec::new();
    let mut fields: Vec<&str> = Vec::with_capacity(names.len());
    for (ln, line) in lines {
        fields.clear();
        fields.extend(line.split(',').map(str::trim));
        if fields.len() < names.len() {
            return Err(err(
                Some(ln),
                format!(
                    "{} field(s): expected {} as in the header",
                    fields.len(),
                    names.len()
                ),
            ));
        }
        let t = parse_time(fields[col[0]]).ok_or_else(|| {
            err(
                Some(ln),
                format!(
                    "time_utc `{}`: expected RFC 3339 (2025-06-01T06:00:00Z) or YYYY-MM-DD HH:MM",
                    fields[col[0]]
                ),
            )
        })?;
        let num = |k: usize| -> Result<f64, SeriesError> {
            let f = fields[col[k]];
            match f.parse::<f64>() {
                Ok(v) if v.is_finite() && (k == 5 || v >= 0.0) => Ok(v),
                _ => Err(err(
                    Some(ln),
                    format!(
                        "{} `{f}`: expected a finite number{}",
                        COLUMNS[k],
                        if k == 5 { "" } else { " ≥ 0" }
                    ),
                )),
            }
        };
        if let Some(&prev) = s.time_s.last()
            && t <= prev
        {
            return Err(err(
                Some(ln),
                format!(
                    "time {} is not after the previous row's: expected increasing times",
                    fields[col[0]]
                ),
            ));
        }
        s.time_s.push(t);
        s.hs_m.push(num(1)?);
        s.tp_s.push(num(2)?);
        s.wind_ms.push(num(3)?);
        s.current_ms.push(num(4)?);
        if let Some(tide) = &mut s.tide_m {
            tide.push(num(5)?);
        }
        line_of.push(ln);
    }
    if s.time_s.len() < 2 {
        return Err(err(
            None,
            format!("{} row(s): expected at least 2", s.time_s.len()),
        ));
    }
    s.step_s = modal_step(&s.time_s);
    for (i, &line) in line_of.iter().enumerate().skip(1) {
        let d = s.time_s[i] - s.time_s[i - 1];
        if d % s.step_s != 0 {
            return Err(err(
                Some(line),
                format!(
                    "{d} s after the previous row: not a whole number of the series' {} s step",
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

/// Parses `2025-06-01T06:00:00Z` (any RFC 3339 offset) or `2025-06-01 06:00[:00]` (UTC).
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
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Result<Series, SeriesError> {
        parse(text, Path::new("m.csv"))
    }

    #[test]
    fn reads_columns_in_any_order_with_gaps() {
        let s = p("# comment\nhs_m,time_utc,tp_s,wind_ms,current_ms,extra\n\
                   1.0,2025-01-01T00:00:00Z,6,5,0.3,x\n\
                   1.1,2025-01-01 01:00,6,5,0.3,x\n\
                   1.2,2025-01-01T02:00:00Z,6,5,0.3,x\n\
                   1.3,2025-01-01T05:00:00Z,6,5,0.3,x\n")
        .unwrap();
        assert_eq!(s.step_s, 3600);
        assert_eq!(s.hs_m, vec![1.0, 1.1, 1.2, 1.3]);
        assert_eq!(s.tide_m, None);
        assert_eq!(s.gaps.len(), 1);
        assert_eq!(s.gaps[0].missing, 2);
    }

    #[test]
    fn bad_rows_name_their_line() {
        let head = "time_utc,hs_m,tp_s,wind_ms,current_ms,tide_m\n";
        let ok = "2025-01-01T00:00:00Z,1,6,5,0.3,-0.4\n";
        let e = p(&format!("{head}{ok}2025-01-01T01:00:00Z,abc,6,5,0.3,0\n")).unwrap_err();
        assert!(e.to_string().starts_with("m.csv:3: hs_m `abc`"), "{e}");
        let e = p(&format!("{head}{ok}2025-01-01T00:00:00Z,1,6,5,0.3,0\n")).unwrap_err();
        assert!(e.to_string().contains("m.csv:3: time"), "{e}");
        let e = p(&format!("{head}{ok}yesterday,1,6,5,0.3,0\n")).unwrap_err();
        assert!(
            e.to_string().contains("m.csv:3: time_utc `yesterday`"),
            "{e}"
        );
        let e = p(&format!("{head}{ok}2025-01-01T01:00:00Z,1,6\n")).unwrap_err();
        assert!(e.to_string().contains("m.csv:3: 3 field(s)"), "{e}");
        let e = p("time_utc,hs_m,tp_s,wind_ms\n").unwrap_err();
        assert!(
            e.to_string()
                .contains("m.csv:1: header has no `current_ms`"),
            "{e}"
        );
        let e = p(&format!(
            "{head}{ok}2025-01-01T01:00:00Z,1,6,5,0.3,0\n2025-01-01T02:00:00Z,1,6,5,0.3,0\n2025-01-01T02:30:00Z,1,6,5,0.3,0\n"
        ))
        .unwrap_err();
        assert!(e.to_string().contains("m.csv:5: 1800 s"), "{e}");
    }
}
