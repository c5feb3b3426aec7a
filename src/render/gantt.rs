//! A Gantt chart as hand-written SVG: one row per operation, one bar per step over days from the
//! start, the waiting on weather before each step drawn as a hatched lead-in.

use super::svg::{esc, n, nice_at_least};
use crate::campaign::results::GanttBar;
use std::fmt::Write;

const W: f64 = 880.0;
const LEFT: f64 = 96.0;
const RIGHT: f64 = 14.0;
const TOP: f64 = 28.0;
const BOTTOM: f64 = 30.0;
const ROW: f64 = 22.0;
const WORK: &str = "#1f5f8b";
const WAIT: &str = "#f4a259";

/// Renders the rows (operation names) and bars (hours from the start) as one SVG element, the
/// x axis in days.
pub fn gantt_svg(rows: &[String], bars: &[GanttBar]) -> String {
    let end_d = bars.iter().map(|b| b.end_h).fold(0.0, f64::max) / 24.0;
    let step = nice_at_least((end_d / 10.0).max(0.1));
    let x1 = ((end_d / step).ceil() * step).max(step);
    let h = TOP + ROW * rows.len().max(1) as f64 + BOTTOM;
    let pw = W - LEFT - RIGHT;
    let sx = |hours: f64| LEFT + pw * (hours / 24.0) / x1;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {h}\" width=\"{W}\" height=\"{h}\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"11\" role=\"img\">"
    );
    let _ = write!(
        s,
        "<defs><pattern id=\"wait\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fde7d2\"/><path d=\"M0,0V6\" stroke=\"{WAIT}\" stroke-width=\"2.5\"/></pattern></defs>"
    );
    // Day ticks and grid.
    let mut t = 0.0;
    while t <= x1 + step * 1e-6 {
        let x = LEFT + pw * t / x1;
        let _ = write!(
            s,
            "<path d=\"M{},{TOP}V{}\" stroke=\"#dde3ea\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"10\">{}</text>",
            n(x),
            n(h - BOTTOM),
            n(x),
            n(h - BOTTOM + 13.0),
            n(t)
        );
        t += step;
    }
    let _ = write!(
        s,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"10\">days from the start</text>",
        n(LEFT + pw / 2.0),
        n(h - 3.0)
    );
    for (i, r) in rows.iter().enumerate() {
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            LEFT - 6.0,
            n(TOP + ROW * (i as f64 + 0.5) + 4.0),
            esc(r)
        );
    }
    for b in bars {
        let y = TOP + ROW * b.row as f64 + 4.0;
        let bh = ROW - 8.0;
        if b.start_h > b.ready_h {
            let _ = write!(
                s,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"url(#wait)\"><title>{} waiting on weather {:.0} h</title></rect>",
                n(sx(b.ready_h)),
                n(y),
                n((sx(b.start_h) - sx(b.ready_h)).max(0.5)),
                n(bh),
                esc(&b.label),
                b.start_h - b.ready_h
            );
        }
        let _ = write!(
            s,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{WORK}\"><title>{} {:.1}–{:.1} d</title></rect>",
            n(sx(b.start_h)),
            n(y),
            n((sx(b.end_h) - sx(b.start_h)).max(0.8)),
            n(bh),
            esc(&b.label),
            b.start_h / 24.0,
            b.end_h / 24.0
        );
    }
    // Legend.
    let _ = write!(
        s,
        "<rect x=\"{LEFT}\" y=\"8\" width=\"12\" height=\"10\" fill=\"{WORK}\"/><text x=\"{}\" y=\"17\">working</text><rect x=\"{}\" y=\"8\" width=\"12\" height=\"10\" fill=\"url(#wait)\"/><text x=\"{}\" y=\"17\">waiting on weather</text>",
        LEFT + 18.0,
        LEFT + 90.0,
        LEFT + 108.0
    );
    let _ = write!(
        s,
        "<path d=\"M{LEFT},{TOP}V{}H{}\" fill=\"none\" stroke=\"#5b6775\"/></svg>",
        n(h - BOTTOM),
        n(W - RIGHT)
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_and_waits_are_placed_on_the_day_axis() {
        let rows = vec!["transit".to_string(), "lift".to_string()];
        let bars = vec![
            GanttBar {
                row: 0,
                label: "A".into(),
                ready_h: 0.0,
                start_h: 0.0,
                end_h: 24.0,
            },
            GanttBar {
                row: 1,
                label: "A".into(),
                ready_h: 24.0,
                start_h: 72.0,
                end_h: 96.0,
            },
        ];
        let svg = gantt_svg(&rows, &bars);
        // Two work bars, one wait, the legend's two swatches and the pattern's background.
        assert_eq!(svg.matches("<rect").count(), 2 + 1 + 2 + 1);
        assert!(svg.contains("A waiting on weather 48 h"));
        // 4 days on a 0.5-day grid to 4: the lift's work bar spans day 3 to 4, i.e. the last
        // quarter of the plot width (880 − 96 − 14 = 770 px): x = 96 + 577.5, width 192.5.
        assert!(
            svg.contains("x=\"673.5\" y=\"54\" width=\"192.5\""),
            "{svg}"
        );
        assert!(svg.contains(">lift</text>") && svg.contains(">days from the start</text>"));
    }
}
