//! Alpha factors (DNV-ST-N001 sec. 2.6.10): the forecast limit of a weather-restricted operation
//! is α × its design limit, α falling with the planned operation period T_POP and rising with
//! the design Hs (domain-reference §5).
//!
//! The table is a CSV file `t_pop_h,hs_m,alpha` covering a full grid of T_POP rows and Hs
//! columns. As in the standard's tables, T_POP is read by class (the first row with
//! T_POP ≤ its value: "≤ 12 h", "≤ 24 h", …) and α is interpolated linearly in Hs, held constant
//! beyond the first and last Hs columns. The default table ships as `assets/alpha_factors.csv`.

use std::path::{Path, PathBuf};

/// Longest T_POP of a weather-restricted operation (h), DNV-ST-N001 sec. 2.6.7.1.
pub const MAX_T_POP_H: f64 = 72.0;

/// Why an alpha table could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{}{}: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct AlphaError {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

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

/// Reads an alpha table file.
pub fn read(path: &Path) -> Result<AlphaTable, AlphaError> {
    let text = std::fs::read_to_string(path).map_err(|e| AlphaError {
        path: path.to_path_buf(),
        line: None,
        message: e.to_string(),
    })?;
    parse(&text, path)
}

/// Parses `t_pop_h,hs_m,alpha` rows (header first; `#` comments and blank lines skipped).
pub fn parse(text: &str, path: &Path) -> Result<AlphaTable, AlphaError> {
    let err = |line, message: String| AlphaError {
        path: path.to_path_buf(),
        line,
        message,
    };
    let mut rows = Vec::new();
    let mut header_seen = false;
    for (i, line) in text.lines().enumerate() {
        let (ln, l) = (i + 1, line.trim());
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        if !header_seen {
            if l.replace(' ', "") != "t_pop_h,hs_m,alpha" {
                return Err(err(
                    Some(ln),
                    format!("header `{l}`: expected t_pop_h,hs_m,alpha"),
                ));
            }
            header_seen = true;
            continue;
        }
        let v: Vec<f64> = l
            .split(',')
            .map(|f| f.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|_| err(Some(ln), format!("`{l}`: expected three numbers")))?;
        if v.len() != 3 || !(v[0] > 0.0 && v[1] > 0.0 && v[2] > 0.0 && v[2] <= 1.0) {
            return Err(err(
                Some(ln),
                format!("`{l}`: expected t_pop_h > 0, hs_m > 0 and 0 < alpha ≤ 1"),
            ));
        }
        rows.push((v[0], v[1], v[2]));
    }
    let mut t: Vec<f64> = rows.iter().map(|r| r.0).collect();
    let mut h: Vec<f64> = rows.iter().map(|r| r.1).collect();
    for v in [&mut t, &mut h] {
        v.sort_by(f64::total_cmp);
        v.dedup();
    }
    if t.is_empty() || t.len() * h.len() != rows.len() {
        return Err(err(
            None,
            format!(
                "{} rows for {} T_POP classes × {} Hs values: expected one row per pair",
                rows.len(),
                t.len(),
                h.len()
            ),
        ));
    }
    let mut alpha = vec![f64::NAN; rows.len()];
    for (ti, hi, a) in rows {
        let i = t.partition_point(|x| *x < ti);
        let j = h.partition_point(|x| *x < hi);
        alpha[i * h.len() + j] = a;
    }
    if alpha.iter().any(|a| a.is_nan()) {
        return Err(err(
            None,
            "a (T_POP, Hs) pair is given twice: expected one row per pair".into(),
        ));
    }
    Ok(AlphaTable {
        t_pop_h: t,
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
