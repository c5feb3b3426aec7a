//! Small helpers for writing SVG by hand: escaping, number formatting, "nice" axis steps.

/// Escapes text for SVG/XML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

/// A coordinate with one decimal (enough for screen pixels, keeps the file small).
pub fn n(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// The smallest 1, 2 or 5 × 10^k at least `x` (axis ticks, contour intervals; Heckbert 1990,
/// "Nice numbers for graph labels", Graphics Gems).
pub fn nice_at_least(x: f64) -> f64 {
    if !(x > 0.0 && x.is_finite()) {
        return 1.0;
    }
    let p = 10f64.powf(x.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * p)
        .find(|&v| v >= x * (1.0 - 1e-9))
        .unwrap_or(10.0 * p)
}

/// The largest 1, 2 or 5 × 10^k at most `x` (scale-bar lengths).
pub fn nice_at_most(x: f64) -> f64 {
    if !(x > 0.0 && x.is_finite()) {
        return 1.0;
    }
    let p = 10f64.powf(x.log10().floor());
    [5.0, 2.0, 1.0]
        .into_iter()
        .map(|m| m * p)
        .find(|&v| v <= x * (1.0 + 1e-9))
        .unwrap_or(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_numbers_and_formatting() {
        assert_eq!(nice_at_least(3.2), 5.0);
        assert_eq!(nice_at_least(0.7), 1.0);
        assert_eq!(nice_at_least(11.0), 20.0);
        assert_eq!(nice_at_most(740.0), 500.0);
        assert_eq!(nice_at_most(2100.0), 2000.0);
        assert_eq!(n(3.04), "3");
        assert_eq!(n(-2.25), "-2.3");
        assert_eq!(esc("a<b&\"c\""), "a&lt;b&amp;&quot;c&quot;");
    }
}
