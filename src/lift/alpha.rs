//! Alpha factors (DNV-ST-N001 sec. 2.6.10): the forecast limit of a weather-restricted operation
//! is α × its design limit, α falling with the planned operation period T_POP and rising with
//! the design Hs (domain-reference §5).
//!
//! The table is a CSV file `t_pop_h,hs_m,alpha` covering a full grid of T_POP rows and Hs
//! columns. As in the standard's tables, T_POP is read by class (the first row with
//! T_POP ≤ its value: "≤ 12 h", "≤ 24 h", …) and α is interpolated linearly in Hs, held constant
//! beyond the first and last Hs columns. The default table ships as `assets/alpha_factors.csv`.

use crate::table::{self, Options, Table};
use std::path::Path;

/// Longest T_POP of a weather-restricted operation (h), DNV-ST-N001 sec. 2.6.7.1.
pub const MAX_T_POP_H: f64 = 72.0;

/// Why an alpha table could not be read (`file:line: column: what was expected`).
pub type AlphaError = crate::table::TableError;

/// A T_POP × Hs table of alpha factors.
#[derive(Clone, Debug, PartialEq)]
pub struct AlphaTable {
    /// T_POP class upper bounds (h), increasing.
    pub t_pop_h: Vec<f64>,
    /// Design Hs columns (m), increasing.
    pub hs_m: Vec<f64>,
    /// α, row-major: `alpha[i * hs_m.len() + j]` for T_POP class i, Hs j.
    pub alpha: Vec<f64>,
}

/// The table shipped with fathom (`assets/alpha_factors.csv`).
pub fn default_table() -> AlphaTable {
    parse(
        include_str!("../../assets/alpha_factors.csv"),
        Path::new("assets/alpha_factors.csv"),
    )
    .expect("the shipped alpha table parses")
}

/// Reads an alpha table file (bounded read).
pub fn read(path: &Path) -> Result<AlphaTable, AlphaError> {
    from_table(&table::read(path, &Options::rows(MAX_ROWS))?)
}

/// Parses `t_pop_h,hs_m,alpha` rows (header first; `#` comments and blank lines skipped).
pub fn parse(text: &str, path: &Path) -> Result<AlphaTable, AlphaError> {
    from_table(&table::parse(
        text,
        &path.display().to_string(),
        &Options::rows(MAX_ROWS),
    )?)
}

/// Largest number of rows (a real table has tens).
const MAX_ROWS: usize = 10_000;

#[derive(serde::Deserialize)]
struct Row {
    t_pop_h: f64,
    hs_m: f64,
    alpha: f64,
}

fn from_table(t: &Table) -> Result<AlphaTable, AlphaError> {
    t.expect_header(&["t_pop_h", "hs_m", "alpha"])?;
    let mut rows = Vec::new();
    for (line, r) in t.records::<Row>()? {
        if !(r.t_pop_h > 0.0 && r.hs_m > 0.0 && r.alpha > 0.0 && r.alpha <= 1.0) {
            return Err(t.error(
                line,
                None,
                format!(
                    "`{},{},{}`: expected t_pop_h > 0, hs_m > 0 and 0 < alpha ≤ 1",
                    r.t_pop_h, r.hs_m, r.alpha
                ),
            ));
        }
        rows.push((r.t_pop_h, r.hs_m, r.alpha));
    }
    let mut tp: Vec<f64> = rows.iter().map(|r| r.0).collect();
    let mut h: Vec<f64> = rows.iter().map(|r| r.1).collect();
    for v in [&mut tp, &mut h] {
        v.sort_by(f64::total_cmp);
        v.dedup();
    }
    if tp.is_empty() || tp.len() * h.len() != rows.len() {
        return Err(t.error_at_end(format!(
            "{} rows for {} T_POP classes × {} Hs values: expected one row per pair",
            rows.len(),
            tp.len(),
            h.len()
        )));
    }
    let mut alpha = vec![f64::NAN; rows.len()];
    for (ti, hi, a) in rows {
        let i = tp.partition_point(|x| *x < ti);
        let j = h.partition_point(|x| *x < hi);
        alpha[i * h.len() + j] = a;
    }
    if alpha.iter().any(|a| a.is_nan()) {
        return Err(
            t.error_at_end("a (T_POP, Hs) pair is given twice: expected one row per pair".into())
        );
    }
    Ok(AlphaTable {
        t_pop_h: tp,
        hs_m: h,
        alpha,
    })
}

impl AlphaTable {
    /// α for a planned operation period and design Hs. T_POP beyond the last class uses the
    /// last class (callers warn: such operations are not weather-restricted).
    pub fn alpha(&self, t_pop_h: f64, hs_design_m: f64) -> f64 {
        let i = self
            .t_pop_h
            .partition_point(|x| *x < t_pop_h)
            .min(self.t_pop_h.len() - 1);
        let row = &self.alpha[i * self.hs_m.len()..(i + 1) * self.hs_m.len()];
        let h = &self.hs_m;
        let j = h.partition_point(|x| *x < hs_design_m);
        if j == 0 {
            return row[0];
        }
        if j == h.len() {
            return row[h.len() - 1];
        }
        let f = (hs_design_m - h[j - 1]) / (h[j] - h[j - 1]);
        row[j - 1] + f * (row[j] - row[j - 1])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_table_by_class_and_interpolated_in_hs() {
        let t = default_table();
        assert_eq!(t.t_pop_h, vec![12.0, 24.0, 36.0, 48.0, 72.0]);
        // ≤ 12 h at Hs 1 and 2 m are table values; 1.5 m is midway.
        assert_eq!(t.alpha(12.0, 1.0), 0.65);
        assert_eq!(t.alpha(6.0, 2.0), 0.76);
        assert!((t.alpha(10.0, 1.5) - 0.705).abs() < 1e-12);
        // 13 h falls in the ≤ 24 h class; Hs below and above the columns is held.
        assert_eq!(t.alpha(13.0, 0.5), 0.63);
        assert_eq!(t.alpha(100.0, 9.0), 0.72);
    }

    #[test]
    fn bad_tables_are_refused_with_their_line() {
        let e = parse("t,h,a\n", Path::new("a.csv")).unwrap_err();
        assert!(e.to_string().starts_with("a.csv:1: header"), "{e}");
        let e = parse("t_pop_h,hs_m,alpha\n12,1,1.5\n", Path::new("a.csv")).unwrap_err();
        assert!(e.to_string().starts_with("a.csv:2:"), "{e}");
        let e = parse(
            "t_pop_h,hs_m,alpha\n12,1,0.6\n12,2,0.7\n24,1,0.5\n",
            Path::new("a.csv"),
        )
        .unwrap_err();
        assert!(e.to_string().contains("one row per pair"), "{e}");
    }
}
