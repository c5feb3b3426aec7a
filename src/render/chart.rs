//! Small monthly charts as hand-written SVG: bars and lines over January–December with a
//! y axis of round ticks and an optional reference line (a target or a limit).

use super::svg::{esc, n, nice_at_least};
use std::fmt::Write;

use crate::constants::MONTHS;
const W: f64 = 660.0;
const H: f64 = 250.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 14.0;
const TOP: f64 = 30.0;
const BOTTOM: f64 = 28.0;

/// How a series is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// One bar per month (series side by side).
    Bars,
    /// A polyline joining the months that have values (across months without), a dot at each.
    Line,
}

/// One series: a value per month (`None` = no data that month).
#[derive(Clone, Debug)]
pub struct Series {
    /// Legend name.
    pub name: String,
    /// The value of each month, January first (`None` = no data).
    pub values: [Option<f64>; 12],
    /// Bars or a line.
    pub mark: Mark,
    /// CSS colour.
    pub colour: &'static str,
}

/// A chart over the twelve months.
#[derive(Clone, Debug)]
pub struct MonthlyChart {
    /// Caption of the y axis, with its unit.
    pub y_label: String,
    /// The series, drawn in order.
    pub series: Vec<Series>,
    /// A horizontal line with its label (a target, a limit).
    pub reference: Option<(f64, String)>,
    /// Lower end of the y axis; default the smallest value rounded down (0 when bars are drawn).
    pub y_min: Option<f64>,
}

impl MonthlyChart {
    /// Renders the chart as one SVG element.
    pub fn to_svg(&self) -> String {
        let values = self
            .series
            .iter()
            .flat_map(|s| s.values.iter().flatten().copied())
            .chain(self.reference.as_ref().map(|r| r.0))
            .filter(|v| v.is_finite());
        let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(v), b.max(v))
        });
        let (lo, hi) = if lo.is_finite() { (lo, hi) } else { (0.0, 1.0) };
        let bars = self.series.iter().any(|s| s.mark == Mark::Bars);
        let span = (hi - lo).max(hi.abs() * 0.02).max(1e-9);
        let step = nice_at_least(span / 5.0);
        let y0 = self.y_min.unwrap_or(if bars && lo >= 0.0 {
            0.0
        } else {
            (lo / step).floor() * step
        });
        let y1 = ((hi / step).ceil() * step).max(y0 + step);
        let (pw, ph) = (W - LEFT - RIGHT, H - TOP - BOTTOM);
        let sy = |v: f64| TOP + ph * (1.0 - (v - y0) / (y1 - y0));
        let col = pw / 12.0;
        let mut s = String::new();
        let _ = write!(
            s,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"11\" role=\"img\">"
        );
        // Grid and y ticks.
        let mut t = y0;
        while t <= y1 + step * 1e-6 {
            let y = sy(t);
            let _ = write!(
                s,
                "<path d=\"M{LEFT},{}h{pw}\" stroke=\"#dde3ea\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"10\">{}</text>",
                n(y),
                LEFT - 5.0,
                n(y + 3.5),
                tick_label(t, step)
            );
            t += step;
        }
        let _ = write!(
            s,
            "<text transform=\"translate(13,{}) rotate(-90)\" text-anchor=\"middle\" font-size=\"10\">{}</text>",
            n(TOP + ph / 2.0),
            esc(&self.y_label)
        );
        for (i, m) in MONTHS.iter().enumerate() {
            let _ = write!(
                s,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"10\">{m}</text>",
                n(LEFT + (i as f64 + 0.5) * col),
                n(H - BOTTOM + 14.0)
            );
        }
        let nb = self
            .series
            .iter()
            .filter(|s| s.mark == Mark::Bars)
            .count()
            .max(1);
        let bw = col * 0.75 / nb as f64;
        let base = sy(y0.max(0.0).min(y1));
        let mut b = 0;
        for se in &self.series {
            match se.mark {
                Mark::Bars => {
                    for (i, v) in se.values.iter().enumerate() {
                        let Some(v) = v.filter(|v| v.is_finite()) else {
                            continue;
                        };
                        let x = LEFT + i as f64 * col + col * 0.125 + b as f64 * bw;
                        let (ya, yb) = (sy(v).min(base), sy(v).max(base));
                        let _ = write!(
                            s,
                            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{} {}: {}</title></rect>",
                            n(x),
                            n(ya),
                            n(bw),
                            n((yb - ya).max(0.5)),
                            se.colour,
                            esc(&se.name),
                            MONTHS[i],
                            tick_label(v, step / 100.0)
                        );
                    }
                    b += 1;
                }
                Mark::Line => {
                    let pts: Vec<String> = se
                        .values
                        .iter()
                        .enumerate()
                        .filter_map(|(i, v)| {
                            v.filter(|v| v.is_finite()).map(|v| {
                                format!("{},{}", n(LEFT + (i as f64 + 0.5) * col), n(sy(v)))
                            })
                        })
                        .collect();
                    let _ = write!(
                        s,
                        "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>",
                        pts.join(" "),
                        se.colour
                    );
                    for p in &pts {
                        let (x, y) = p.split_once(',').unwrap_or(("0", "0"));
                        let _ = write!(
                            s,
                            "<circle cx=\"{x}\" cy=\"{y}\" r=\"2.5\" fill=\"{}\"/>",
                            se.colour
                        );
                    }
                }
            }
        }
        if let Some((v, text)) = &self.reference {
            let y = sy(*v);
            let _ = write!(
                s,
                "<path d=\"M{LEFT},{}h{pw}\" stroke=\"#a4161a\" stroke-width=\"1.5\" stroke-dasharray=\"6 3\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"10\" fill=\"#a4161a\">{}</text>",
                n(y),
                n(W - RIGHT - 2.0),
                n(y - 4.0),
                esc(text)
            );
        }
        // Legend along the top.
        let mut x = LEFT;
        for se in &self.series {
            let sym = match se.mark {
                Mark::Bars => format!(
                    "<rect x=\"{}\" y=\"9\" width=\"12\" height=\"10\" fill=\"{}\"/>",
                    n(x),
                    se.colour
                ),
                Mark::Line => format!(
                    "<path d=\"M{},14h14\" stroke=\"{}\" stroke-width=\"2\"/>",
                    n(x),
                    se.colour
                ),
            };
            let _ = write!(
                s,
                "{sym}<text x=\"{}\" y=\"18\" font-size=\"11\">{}</text>",
                n(x + 18.0),
                esc(&se.name)
            );
            x += 30.0 + 6.5 * se.name.chars().count() as f64;
        }
        let _ = write!(
            s,
            "<path d=\"M{LEFT},{TOP}V{}H{}\" fill=\"none\" stroke=\"#5b6775\"/></svg>",
            n(TOP + ph),
            n(W - RIGHT)
        );
        s
    }
}

/// A tick label with as many decimals as the step needs.
fn tick_label(v: f64, step: f64) -> String {
    let decimals = if step >= 1.0 {
        0
    } else {
        (-step.log10()).ceil().clamp(0.0, 4.0) as usize
    };
    format!("{v:.decimals$}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_line_and_reference_are_drawn() {
        let mut v = [Some(1.1); 12];
        v[6] = Some(1.2);
        v[0] = None;
        let c = MonthlyChart {
            y_label: "PUE".into(),
            series: vec![
                Series {
                    name: "PUE".into(),
                    values: v,
                    mark: Mark::Line,
                    colour: "#1f5f8b",
                },
                Series {
                    name: "demand".into(),
                    values: [Some(3.0); 12],
                    mark: Mark::Bars,
                    colour: "#999",
                },
            ],
            reference: Some((1.15, "target 1.15".into())),
            y_min: None,
        };
        let svg = c.to_svg();
        assert_eq!(svg.matches("<circle").count(), 11);
        assert_eq!(svg.matches("<rect").count(), 12 + 1);
        assert!(svg.contains("target 1.15") && svg.contains(">Dec<"));
        assert_eq!(tick_label(1.15, 0.05), "1.15");
    }
}
