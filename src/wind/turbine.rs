//! Turbine power and thrust-coefficient curves: the CSV format, the shipped reference turbines
//! and the interpolation rule.
//!
//! File format (UTF-8 text): comment lines starting with `#`, among them
//! `# rotor_diameter_m=D` and `# hub_height_m=H` (required) and optionally `# name=…`; then the
//! header `wind_speed_ms,power_kw,ct` and one row per wind speed, strictly increasing.
//!
//! Interpolation: between rows the power and Ct are interpolated linearly in wind speed. The
//! first row is the cut-in speed and the last row the cut-out speed: the turbine produces at
//! `cut_in ≤ u ≤ cut_out` (both ends included, with the tabulated values there) and produces
//! nothing with Ct = 0 below cut-in and above cut-out. This is the rule of PyWake's
//! `PowerCtTabular` and FLORIS's `power_thrust_table` with the zero rows they add outside the
//! operating range, minus their 0.02–0.1 m/s ramps, so cut-in and cut-out are exact steps.

use crate::table::{self, Options, TableError};
use std::path::Path;

/// Why a turbine curve could not be read.
#[derive(Debug, thiserror::Error)]
pub enum TurbineError {
    /// `file:line: column: what was expected`.
    #[error(transparent)]
    Format(#[from] TableError),
    /// The name is neither a shipped turbine nor a CSV file.
    #[error(
        "unknown turbine `{name}`: expected a CSV file or one of the shipped turbines: {}",
        BUILTIN.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
    )]
    Unknown {
        /// The name or path as given.
        name: String,
    },
}

/// The reference turbines shipped in `assets/turbines/` (curves from FLORIS's turbine library;
/// each file's header cites its source).
pub const BUILTIN: [(&str, &str); 3] = [
    (
        "iea-15mw",
        include_str!("../../assets/turbines/iea-15mw.csv"),
    ),
    (
        "iea-10mw",
        include_str!("../../assets/turbines/iea-10mw.csv"),
    ),
    (
        "nrel-5mw",
        include_str!("../../assets/turbines/nrel-5mw.csv"),
    ),
];

/// Largest number of curve rows accepted (a real curve has tens to hundreds).
const MAX_ROWS: usize = 10_000;

/// A turbine: rotor, hub height and its power and Ct curves.
#[derive(Clone, Debug, PartialEq)]
pub struct Turbine {
    /// Turbine name: the CSV's `# name=` line, else the file stem.
    pub name: String,
    /// Rotor diameter D (m).
    pub rotor_diameter_m: f64,
    /// Hub height above sea level (m).
    pub hub_height_m: f64,
    /// Tabulated wind speeds (m/s), strictly increasing; first = cut-in, last = cut-out.
    pub ws: Vec<f64>,
    /// Electrical power (W) at each tabulated speed.
    pub power_w: Vec<f64>,
    /// Thrust coefficient at each tabulated speed.
    pub ct: Vec<f64>,
}

impl Turbine {
    /// A shipped turbine by name (`iea-15mw`, …) or a CSV file path.
    pub fn load(name_or_path: &str) -> Result<Self, TurbineError> {
        if let Some((name, text)) = BUILTIN
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name_or_path))
        {
            return Self::parse(text, &format!("assets/turbines/{name}.csv"));
        }
        let path = Path::new(name_or_path);
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
            || path.exists()
        {
            return Self::read(path);
        }
        Err(TurbineError::Unknown {
            name: name_or_path.into(),
        })
    }

    /// Reads a turbine CSV file.
    pub fn read(path: &Path) -> Result<Self, TurbineError> {
        let mut t = Self::from_table(&table::read(path, &Options::rows(MAX_ROWS))?)?;
        if t.name.is_empty() {
            t.name = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
        }
        Ok(t)
    }

    /// Parses turbine CSV text; `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<Self, TurbineError> {
        Self::from_table(&table::parse(text, file, &Options::rows(MAX_ROWS))?)
    }

    fn from_table(t: &table::Table) -> Result<Self, TurbineError> {
        let (mut name, mut d, mut h) = (String::new(), None, None);
        for (n, c) in &t.comments {
            if let Some((k, v)) = c.split_once('=') {
                let (k, v) = (k.trim(), v.trim());
                let num = || {
                    v.parse::<f64>()
                        .ok()
                        .filter(|x| x.is_finite() && *x > 0.0)
                        .ok_or_else(|| {
                            t.error(*n, Some(k), format!("`{v}`: expected a number > 0"))
                        })
                };
                match k {
                    "rotor_diameter_m" => d = Some(num()?),
                    "hub_height_m" => h = Some(num()?),
                    "name" => name = v.to_string(),
                    _ => {}
                }
            }
        }
        t.expect_header(&["wind_speed_ms", "power_kw", "ct"])?;
        let (mut ws, mut power_w, mut ct) = (Vec::new(), Vec::new(), Vec::new());
        for row in &t.rows {
            let mut v = [0.0; 3];
            for (j, x) in v.iter_mut().enumerate() {
                *x = t.number(row, j, |x| x >= 0.0, "a number ≥ 0")?;
            }
            if ws.last().is_some_and(|&p| v[0] <= p) {
                return Err(t
                    .error(
                        row.line,
                        Some("wind_speed_ms"),
                        format!("{} m/s: expected speeds strictly increasing", v[0]),
                    )
                    .into());
            }
            if v[2] > 3.0 {
                return Err(t
                    .error(row.line, Some("ct"), format!("{}: expected 0 to 3", v[2]))
                    .into());
            }
            ws.push(v[0]);
            power_w.push(v[1] * 1e3);
            ct.push(v[2]);
        }
        let d = d.ok_or_else(|| t.error_at_end("missing `# rotor_diameter_m=D` comment".into()))?;
        let h = h.ok_or_else(|| t.error_at_end("missing `# hub_height_m=H` comment".into()))?;
        if ws.len() < 2 {
            return Err(t
                .error_at_end(format!(
                    "{} curve rows: expected at least 2 (cut-in and cut-out)",
                    ws.len()
                ))
                .into());
        }
        Ok(Turbine {
            name,
            rotor_diameter_m: d,
            hub_height_m: h,
            ws,
            power_w,
            ct,
        })
    }

    /// Cut-in speed (m/s): the first tabulated speed.
    pub fn cut_in(&self) -> f64 {
        self.ws[0]
    }

    /// Cut-out speed (m/s): the last tabulated speed.
    pub fn cut_out(&self) -> f64 {
        self.ws[self.ws.len() - 1]
    }

    /// Rated power (W): the largest tabulated power.
    pub fn rated_power_w(&self) -> f64 {
        self.power_w.iter().copied().fold(0.0, f64::max)
    }

    /// Rated speed (m/s): the first speed reaching rated power.
    pub fn rated_ws(&self) -> f64 {
        let p = self.rated_power_w();
        self.ws[self.power_w.iter().position(|&x| x >= p).unwrap_or(0)]
    }

    /// Power (W) and Ct at wind speed `u` by the module's interpolation rule.
    pub fn power_ct(&self, u: f64) -> (f64, f64) {
        if !(u >= self.cut_in() && u <= self.cut_out()) {
            return (0.0, 0.0);
        }
        let i = self
            .ws
            .partition_point(|&w| w <= u)
            .clamp(1, self.ws.len() - 1);
        let (u0, u1) = (self.ws[i - 1], self.ws[i]);
        let t = (u - u0) / (u1 - u0);
        (
            self.power_w[i - 1] + t * (self.power_w[i] - self.power_w[i - 1]),
            self.ct[i - 1] + t * (self.ct[i] - self.ct[i - 1]),
        )
    }

    /// Power (W) at wind speed `u`.
    pub fn power(&self, u: f64) -> f64 {
        self.power_ct(u).0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_turbines_parse_with_documented_rotor_and_hub() {
        let t = Turbine::load("iea-15mw").unwrap();
        assert_eq!((t.rotor_diameter_m, t.hub_height_m), (240.0, 150.0));
        assert_eq!((t.cut_in(), t.cut_out()), (3.0, 25.0));
        assert_eq!(t.rated_power_w(), 15e6);
        let n = Turbine::load("NREL-5MW").unwrap();
        assert_eq!((n.rotor_diameter_m, n.hub_height_m), (126.0, 90.0));
        assert_eq!(Turbine::load("iea-10mw").unwrap().rated_power_w(), 10e6);
    }

    #[test]
    fn cut_in_and_cut_out_are_exact_steps() {
        let t = Turbine::load("iea-15mw").unwrap();
        assert_eq!(t.power_ct(2.999_999), (0.0, 0.0));
        assert!((t.power(3.0) - 42_733.312).abs() < 1e-6);
        assert_eq!(t.power(25.0), 15e6);
        assert_eq!(t.power_ct(25.000_001), (0.0, 0.0));
        // Linear between rows: halfway between 3.0 and 3.54953237 m/s.
        let mid = (3.0 + 3.549_532_37) / 2.0;
        assert!((t.power(mid) - (42_733.312 + 292_585.981) / 2.0).abs() < 1e-6);
    }

    #[test]
    fn bad_files_name_the_line() {
        let e = Turbine::parse("# rotor_diameter_m=100\nws,p,ct\n", "t.csv").unwrap_err();
        assert_eq!(
            e.to_string(),
            "t.csv:2: header `ws,p,ct`: expected `wind_speed_ms,power_kw,ct`"
        );
        let txt = "# rotor_diameter_m=100\n# hub_height_m=90\nwind_speed_ms,power_kw,ct\n4,1,0.8\n3,2,0.8\n";
        let e = Turbine::parse(txt, "t.csv").unwrap_err().to_string();
        assert!(e.starts_with("t.csv:5: wind_speed_ms: 3 m/s"), "{e}");
        let txt = "# hub_height_m=90\nwind_speed_ms,power_kw,ct\n4,x,0.8\n";
        let e = Turbine::parse(txt, "t.csv").unwrap_err().to_string();
        assert_eq!(e, "t.csv:3: power_kw: `x`: expected a number ≥ 0");
        let txt = "# hub_height_m=90\nwind_speed_ms,power_kw,ct\n4,1,0.8\n5,1,0.8\n";
        let e = Turbine::parse(txt, "t.csv").unwrap_err().to_string();
        assert!(e.contains("missing `# rotor_diameter_m=D`"), "{e}");
        assert!(matches!(
            Turbine::load("vestas-v999"),
            Err(TurbineError::Unknown { .. })
        ));
    }
}
