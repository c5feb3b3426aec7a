//! A depth profile along a line as hand-written SVG, in the style of [`super::chart`]: depth
//! (m, positive down, deeper lower on the page) against distance along the line (km), the seabed
//! filled below the profile, highlighted stretches (free spans) as shaded bands and marked
//! distances (alter-course points) as ticks on the distance axis.

use super::svg::{esc, n, nice_at_least};
use std::fmt::Write;

const W: f64 = 660.0;
const H: f64 = 230.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 14.0;
const TOP: f64 = 30.0;
const BOTTOM: f64 = 34.0;
const LINE: &str = "#1f5f8b";
const SEABED: &str = "#eadfc8";
const BAND: &str = "#f77f00";
const TICK: &str = "#5b6775";

/// The legend's symbols.
enum Key {
    Line,
    Band,
    Tick,
}

/// A stretch of the line to highlight (e.g. a free span), with the text shown on hover.
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    /// Start of the stretch (km along the profile).
    pub from_km: f64,
    /// End of the stretch (km along the profile).
    pub to_km: f64,
    /// Text shown on hover (SVG `<title>`).
    pub title: String,
}

/// A depth profile: `(distance km, depth m)` points in order of distance; `None` = no depth
/// there (the line is broken).
#[derive(Clone, Debug, PartialEq)]
pub struct DepthProfile {
    /// The profile's points, in order of distance.
    pub points: Vec<(f64, Option<f64>)>,
    /// Legend name of the depth line.
    pub line_name: String,
    /// Stretches to highlight.
    pub bands: Vec<Band>,
    /// Legend name of the bands (drawn only when there are bands).
    pub band_name: String,
    /// Distances (km) marked by a tick under the plot.
    pub ticks: Vec<f64>,
    /// Legend name of the ticks (drawn only when there are ticks).
    pub tick_name: String,
}

impl DepthProfile {
    /// Renders the profile as one SVG element.
    pub fn to_svg(&self) -> String {
        let (pw, ph) = (W - LEFT - RIGHT, H - TOP - BOTTOM);
        let xmax = self
            .points
            .iter()
            .map(|p| p.0)
            .fold(0.0f64, f64::max)
            .max(1e-3);
        let (lo, hi) = self
            .points
            .iter()
            .filter_map(|p| p.1.filter(|d| d.is_finite()))
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), d| {
                (a.min(d), b.max(d))
            });
        let (lo, hi) = if lo.is_finite() { (lo, hi) } else { (0.0, 1.0) };
        let ystep = nice_at_least((hi - lo).max(1.0) / 4.0);
        let y0 = (lo / ystep).floor() * ystep;
        let y1 = ((hi / ystep).ceil() * ystep).max(y0 + ystep);
        let xstep = nice_at_least(xmax / 6.0);
        let x1 = (xmax / xstep).ceil() * xstep;
        // Depth grows downwards on the page.
        let sx = |v: f64| LEFT + pw * v / x1;
        let sy = |d: f64| TOP + ph * (d - y0) / (y1 - y0);
        let mut s = String::new();
        let _ = write!(
            s,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"11\" role=\"img\">"
        );
        let mut t = y0;
        while t <= y1 + ystep * 1e-6 {
            let _ = write!(
                s,
                "<path d=\"M{LEFT},{}h{pw}\" stroke=\"#dde3ea\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"10\">{}</text>",
                n(sy(t)),
                LEFT - 5.0,
                n(sy(t) + 3.5),
                label(t, ystep)
            );
            t += ystep;
        }
        let mut t = 0.0;
        while t <= x1 + xstep * 1e-6 {
            let _ = write!(
                s,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"10\">{}</text>",
                n(sx(t)),
                n(TOP + ph + 14.0),
                label(t, xstep)
            );
            t += xstep;
        }
        let _ = write!(
            s,
            "<text transform=\"translate(13,{}) rotate(-90)\" text-anchor=\"middle\" font-size=\"10\">depth m</text><text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"10\">KP km</text>",
            n(TOP + ph / 2.0),
            n(LEFT + pw / 2.0),
            n(H - 4.0)
        );
        for b in &self.bands {
            let (a, z) = (sx(b.from_km), sx(b.to_km));
            let _ = write!(
                s,
                "<rect x=\"{}\" y=\"{TOP}\" width=\"{}\" height=\"{ph}\" fill=\"{BAND}\" fill-opacity=\"0.3\"><title>{}</title></rect>",
                n(a),
                n((z - a).max(1.5)),
                esc(&b.title)
            );
        }
        for run in runs(&decimate(&self.points, 2.0 * pw)) {
            let pts: Vec<String> = run
                .iter()
                .map(|&(x, d)| format!("{},{}", n(sx(x)), n(sy(d))))
                .collect();
            let (first, last) = (run[0].0, run[run.len() - 1].0);
            let _ = write!(
                s,
                "<path d=\"M{},{}L{}L{},{}Z\" fill=\"{SEABED}\"/><polyline points=\"{}\" fill=\"none\" stroke=\"{LINE}\" stroke-width=\"1.5\"/>",
                n(sx(first)),
                n(TOP + ph),
                pts.join("L"),
                n(sx(last)),
                n(TOP + ph),
                pts.join(" ")
            );
        }
        for &k in &self.ticks {
            let _ = write!(
                s,
                "<path d=\"M{},{}v5\" stroke=\"{TICK}\" stroke-width=\"1.5\"/>",
                n(sx(k)),
                n(TOP + ph)
            );
        }
        // Legend along the top: the line, then the bands and ticks when there are any.
        let mut keys = vec![(Key::Line, &self.line_name)];
        if !self.bands.is_empty() {
            keys.push((Key::Band, &self.band_name));
        }
        if !self.ticks.is_empty() {
            keys.push((Key::Tick, &self.tick_name));
        }
        let mut x = LEFT;
        for (kind, name) in keys {
            let sym = match kind {
                Key::Line => format!(
                    "<path d=\"M{},14h14\" stroke=\"{LINE}\" stroke-width=\"2\"/>",
                    n(x)
                ),
                Key::Band => format!(
                    "<rect x=\"{}\" y=\"9\" width=\"12\" height=\"10\" fill=\"{BAND}\" fill-opacity=\"0.3\"/>",
                    n(x)
                ),
                Key::Tick => format!(
                    "<path d=\"M{},9v10\" stroke=\"{TICK}\" stroke-width=\"1.5\"/>",
                    n(x + 6.0)
                ),
            };
            let _ = write!(
                s,
                "{sym}<text x=\"{}\" y=\"18\" font-size=\"11\">{}</text>",
                n(x + 18.0),
                esc(name)
            );
            x += 30.0 + 6.5 * name.chars().count() as f64;
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

/// At most about `columns` buckets along x, each kept as its shallowest and deepest point in
/// order of distance, so a long profile stays small without losing its extremes; a point
/// without depth is kept, so breaks survive.
fn decimate(points: &[(f64, Option<f64>)], columns: f64) -> Vec<(f64, Option<f64>)> {
    if points.len() as f64 <= 2.0 * columns {
        return points.to_vec();
    }
    let xmax = points.last().map_or(1.0, |p| p.0).max(1e-9);
    let bucket = |x: f64| ((x / xmax) * columns).floor() as i64;
    let mut out = Vec::new();
    let mut i = 0;
    while i < points.len() {
        if points[i].1.is_none() {
            out.push(points[i]);
            i += 1;
            continue;
        }
        let b = bucket(points[i].0);
        let (mut lo, mut hi) = (i, i);
        let mut j = i;
        while j < points.len() && points[j].1.is_some() && bucket(points[j].0) == b {
            if points[j].1 < points[lo].1 {
                lo = j;
            }
            if points[j].1 > points[hi].1 {
                hi = j;
            }
            j += 1;
        }
        out.push(points[lo.min(hi)]);
        if lo != hi {
            out.push(points[lo.max(hi)]);
        }
        i = j;
    }
    out
}

/// The runs of consecutive points with a depth.
fn runs(points: &[(f64, Option<f64>)]) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    for &(x, d) in points {
        match d.filter(|d| d.is_finite()) {
            Some(d) => out.last_mut().expect("never empty").push((x, d)),
            None if out.last().is_some_and(|r| !r.is_empty()) => out.push(Vec::new()),
            None => {}
        }
    }
    out.retain(|r| !r.is_empty());
    out
}

/// An axis label with as many decimals as the step needs.
fn label(v: f64, step: f64) -> String {
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

    fn polyline_points(svg: &str) -> Vec<Vec<(f64, f64)>> {
        svg.split("<polyline points=\"")
            .skip(1)
            .map(|p| {
                p.split('"')
                    .next()
                    .unwrap()
                    .split(' ')
                    .map(|xy| {
                        let (x, y) = xy.split_once(',').unwrap();
                        (x.parse().unwrap(), y.parse().unwrap())
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn deeper_is_lower_and_gaps_break_the_line() {
        // 0–2 km: 10 m deep, then 30 m at 3 km; no data at 2.5 km.
        let p = DepthProfile {
            points: vec![
                (0.0, Some(10.0)),
                (2.0, Some(10.0)),
                (2.5, None),
                (3.0, Some(30.0)),
                (4.0, Some(30.0)),
            ],
            line_name: "seabed".into(),
            bands: vec![Band {
                from_km: 1.0,
                to_km: 2.0,
                title: "span 1 km".into(),
            }],
            band_name: "free span".into(),
            ticks: vec![3.0],
            tick_name: "alter course".into(),
        };
        let svg = p.to_svg();
        let lines = polyline_points(&svg);
        assert_eq!(lines.len(), 2, "{svg}");
        // Depth axis 10–30 m over the plot's height (TOP..H-BOTTOM): 10 m at the top edge,
        // 30 m at the bottom edge.
        assert_eq!(lines[0][0].1, TOP);
        assert_eq!(lines[1][0].1, H - BOTTOM);
        // Distance axis 0–4 km (step 1 km) over the plot's width: 1 km at a quarter.
        let quarter = LEFT + (W - LEFT - RIGHT) / 4.0;
        assert!(
            svg.contains(&format!("<rect x=\"{}\"", n(quarter))),
            "{svg}"
        );
        assert!(svg.contains("<title>span 1 km</title>"));
        assert!(svg.contains(&format!(
            "<path d=\"M{},{}v5\"",
            n(3.0 * quarter - 2.0 * LEFT),
            n(H - BOTTOM)
        )));
        assert!(svg.contains(">free span<") && svg.contains(">alter course<"));
    }

    #[test]
    fn decimation_keeps_the_extremes_and_the_breaks() {
        let mut pts: Vec<(f64, Option<f64>)> = (0..10_000)
            .map(|i| (i as f64 * 0.001, Some(20.0 + (i as f64 * 0.37).sin())))
            .collect();
        pts[5000] = (5.0, Some(55.0));
        pts[7000].1 = None;
        let d = decimate(&pts, 100.0);
        assert!(d.len() <= 2 * 101 + 3, "{}", d.len());
        assert!(d.contains(&(5.0, Some(55.0))));
        assert!(d.iter().any(|p| p.1.is_none()));
        assert!(d.windows(2).all(|w| w[0].0 <= w[1].0));
        let (lo, hi) = d
            .iter()
            .filter_map(|p| p.1)
            .fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(v), b.max(v)));
        let (tlo, _) = pts
            .iter()
            .filter_map(|p| p.1)
            .fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(v), b.max(v)));
        assert_eq!((lo, hi), (tlo, 55.0));
    }
}
