//! The site map of a mission, drawn without a GPU: the seabed as a colour-by-depth raster with
//! hillshade and isobaths (PNG, embedded), under SVG overlays for the exclusion zones, the route,
//! the turbines, the cabin footprints, the ports, a scale bar, a north arrow and a legend.
//!
//! The map is in the working CRS with grid north up; the north arrow points to true north (the
//! meridian convergence at the centre of the map).

use super::colour::{self, Style};
use super::raster::Raster;
use super::svg::{esc, n, nice_at_least, nice_at_most};
use super::{base64, features::Features};
use crate::bathymetry::contours::{Levels, contour_lines};
use crate::bathymetry::terrain::{Illumination, hillshade};
use crate::bathymetry::{GeoTransform, Grid};
use crate::mission::Context;
use std::fmt::Write;

/// Width of the legend panel beside the map (px).
const LEGEND_W: f64 = 210.0;
/// Colour of pixels outside the grid or without data.
const NO_DATA: [u8; 3] = [226, 230, 234];
/// Vertical exaggeration of the hillshade, as the planner's default style (seabed relief is
/// gentle; at 1 a 40 m grid of a sandy shelf looks flat).
const Z_FACTOR: f64 = 4.0;

/// A rendered site map.
#[derive(Clone, Debug)]
pub struct SiteMap {
    /// The whole figure as one SVG element (the PNG inside as a data URI).
    pub svg: String,
    /// Spacing of the isobaths (m), when there is seabed on the map.
    pub contour_interval_m: Option<f64>,
    /// What could not be drawn, for the caption.
    pub notes: Vec<String>,
}

/// The map window in the working CRS and its pixel size.
#[derive(Clone, Copy, Debug)]
struct View {
    x0: f64,
    y1: f64,
    mpp: f64,
    w: usize,
    h: usize,
}

impl View {
    /// Around `bbox` (x0, y0, x1, y1) with a margin, at least `min_span` m wide and tall, with
    /// an aspect ratio between 1:2 and 6:5 (height:width), `width_px` wide.
    fn around(bbox: (f64, f64, f64, f64), min_span: f64, width_px: usize) -> View {
        let (cx, cy) = (0.5 * (bbox.0 + bbox.2), 0.5 * (bbox.1 + bbox.3));
        let margin = 1.25;
        let mut sw = ((bbox.2 - bbox.0) * margin).max(min_span);
        let mut sh = ((bbox.3 - bbox.1) * margin).max(min_span);
        sh = sh.max(0.5 * sw);
        sw = sw.max(sh / 1.2);
        let mpp = sw / width_px as f64;
        let h = (sh / mpp).round().max(1.0) as usize;
        View {
            x0: cx - 0.5 * sw,
            y1: cy + 0.5 * h as f64 * mpp,
            mpp,
            w: width_px,
            h,
        }
    }

    fn px(&self, x: f64, y: f64) -> (f64, f64) {
        ((x - self.x0) / self.mpp, (self.y1 - y) / self.mpp)
    }

    fn world(&self, px: f64, py: f64) -> (f64, f64) {
        (self.x0 + px * self.mpp, self.y1 - py * self.mpp)
    }
}

/// Renders the site map of a loaded mission, `width_px` wide (plus the legend).
pub fn site_map(ctx: &Context, width_px: usize) -> SiteMap {
    let f = Features::of(ctx);
    let g = &ctx.grid;
    let bbox = f.bbox().unwrap_or_else(|| g.extent());
    let min_span = (1500.0f64).max(60.0 * g.transform.dx);
    let view = View::around(bbox, min_span, width_px.max(200));
    let mut notes = f.notes.clone();

    let crop = crop(g, &view);
    let mut raster = Raster::new(view.w, view.h, [NO_DATA[0], NO_DATA[1], NO_DATA[2], 255]);
    let mut style = None;
    let mut contour_interval_m = None;
    let mut painted = 0;
    if let Some(crop) = &crop
        && let Some(stats) = crop.stats()
    {
        let st = Style::for_range(stats.min as f32, stats.max as f32);
        painted = paint_seabed(&mut raster, crop, &view, &st);
        let interval = nice_at_least((stats.max - stats.min) / 10.0);
        match contour_lines(
            crop,
            &Levels {
                interval,
                base: 0.0,
            },
        ) {
            Ok(lines) => {
                for l in &lines {
                    let major = ((l.elevation_m / interval).round() as i64) % 5 == 0;
                    let alpha = if major { 0.8 } else { 0.4 };
                    for w in l.points.windows(2) {
                        raster.line(
                            view.px(w[0].0, w[0].1),
                            view.px(w[1].0, w[1].1),
                            [15, 25, 40],
                            alpha,
                        );
                    }
                }
                contour_interval_m = Some(interval);
            }
            Err(e) => notes.push(format!("isobaths not drawn: {e}")),
        }
        style = Some(st);
    } else {
        notes.push("no seabed data under the map".into());
    }
    let png = match raster.to_png() {
        Ok(p) => p,
        Err(e) => {
            notes.push(format!("seabed image not encoded: {e}"));
            Vec::new()
        }
    };

    let total_w = view.w as f64 + LEGEND_W;
    let mut s = String::with_capacity(png.len() * 4 / 3 + 20_000);
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {tw} {h}\" width=\"{tw}\" height=\"{h}\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"12\" role=\"img\">\
<defs><clipPath id=\"map-clip\"><rect width=\"{w}\" height=\"{h}\"/></clipPath></defs>",
        tw = n(total_w),
        w = view.w,
        h = view.h
    );
    if !png.is_empty() {
        let _ = write!(
            s,
            "<image width=\"{}\" height=\"{}\" href=\"data:image/png;base64,{}\"/>",
            view.w,
            view.h,
            base64::encode(&png)
        );
    }
    s.push_str("<g clip-path=\"url(#map-clip)\">");
    overlays(&mut s, &f, &view);
    s.push_str("</g>");
    scale_bar(&mut s, &view);
    north_arrow(&mut s, &view, f.convergence_deg);
    let _ = write!(
        s,
        "<rect width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#1d2733\"/>",
        view.w, view.h
    );
    legend(
        &mut s,
        view.w as f64 + 12.0,
        style.as_ref(),
        contour_interval_m,
        &f,
        painted < view.w * view.h,
    );
    s.push_str("</svg>");
    SiteMap {
        svg: s,
        contour_interval_m,
        notes,
    }
}

/// The part of the grid under the view (with a margin of two cells), or `None` when they do not
/// overlap.
fn crop(g: &Grid, v: &View) -> Option<Grid> {
    let t = &g.transform;
    let (xa, ya) = v.world(0.0, v.h as f64);
    let (xb, yb) = v.world(v.w as f64, 0.0);
    let c0 = (((xa - t.origin_x) / t.dx).floor() as i64 - 2).max(0);
    let c1 = (((xb - t.origin_x) / t.dx).ceil() as i64 + 2).min(g.width as i64);
    let r0 = (((t.origin_y - yb) / t.dy).floor() as i64 - 2).max(0);
    let r1 = (((t.origin_y - ya) / t.dy).ceil() as i64 + 2).min(g.height as i64);
    if c1 - c0 < 3 || r1 - r0 < 3 {
        return None;
    }
    let (c0, c1, r0, r1) = (c0 as usize, c1 as usize, r0 as usize, r1 as usize);
    let mut data = Vec::with_capacity((c1 - c0) * (r1 - r0));
    for r in r0..r1 {
        data.extend_from_slice(&g.data[r * g.width + c0..r * g.width + c1]);
    }
    Some(Grid {
        width: c1 - c0,
        height: r1 - r0,
        transform: GeoTransform {
            origin_x: t.origin_x + c0 as f64 * t.dx,
            origin_y: t.origin_y - r0 as f64 * t.dy,
            dx: t.dx,
            dy: t.dy,
        },
        crs: g.crs.clone(),
        data,
        source_sign: g.source_sign,
        vertical_datum: g.vertical_datum.clone(),
    })
}

/// Colours every pixel by the bilinear elevation under it, shaded by the bilinear hillshade
/// (`gdaldem hillshade` model, [`hillshade`], azimuth 315°, altitude 45°). Returns the number of
/// pixels painted (the others have no seabed data).
fn paint_seabed(raster: &mut Raster, crop: &Grid, v: &View, style: &Style) -> usize {
    let shade = hillshade(
        crop,
        &Illumination {
            z_factor: Z_FACTOR,
            ..Illumination::default()
        },
    );
    let flat = std::f32::consts::FRAC_PI_4.cos();
    let mut painted = 0;
    for py in 0..v.h {
        for px in 0..v.w {
            let (x, y) = v.world(px as f64 + 0.5, py as f64 + 0.5);
            let Some(z) = crop
                .sample_bilinear(x, y)
                .or_else(|| crop.sample_nearest(x, y))
            else {
                continue;
            };
            let s = shade
                .sample_bilinear(x, y)
                .or_else(|| shade.sample_nearest(x, y))
                .map_or(flat, |b| (b - 1.0) / 254.0);
            raster.set(px, py, colour::shade(style.colour(z), s));
            painted += 1;
        }
    }
    painted
}

const ZONE: &str = "#d62828";
const ROUTE: &str = "#f77f00";
const CABIN: &str = "#ffd166";
/// A turbine: hub and three blades, around (0, 0).
const TURBINE_SYMBOL: &str = "<circle r=\"3.5\" fill=\"#ffffff\" stroke=\"#1d2733\"/><path d=\"M0,0V-7M0,0L6,3.5M0,0L-6,3.5\" stroke=\"#1d2733\" stroke-width=\"1.2\"/>";
const PORT_SYMBOL: &str =
    "<rect x=\"-4.5\" y=\"-4.5\" width=\"9\" height=\"9\" fill=\"#2a9d8f\" stroke=\"#1d2733\"/>";
const LANDING_SYMBOL: &str = "<path d=\"M0,-6l5,9h-10z\" fill=\"#8338ec\" stroke=\"#1d2733\"/>";

fn label(s: &mut String, x: f64, y: f64, text: &str, anchor: &str) {
    let _ = write!(
        s,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\" font-size=\"11\" fill=\"#1d2733\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-opacity=\"0.85\" paint-order=\"stroke\">{}</text>",
        n(x),
        n(y),
        esc(text)
    );
}

fn points_attr(v: &View, pts: &[(f64, f64)]) -> String {
    pts.iter()
        .map(|&(x, y)| {
            let (a, b) = v.px(x, y);
            format!("{},{}", n(a), n(b))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn overlays(s: &mut String, f: &Features, v: &View) {
    for z in &f.zones {
        let mut d = String::new();
        for ring in &z.rings {
            for (i, &(x, y)) in ring.iter().enumerate() {
                let (a, b) = v.px(x, y);
                let _ = write!(d, "{}{},{}", if i == 0 { "M" } else { "L" }, n(a), n(b));
            }
            d.push('Z');
        }
        let _ = write!(
            s,
            "<path d=\"{d}\" fill=\"{ZONE}\" fill-opacity=\"0.18\" fill-rule=\"evenodd\" stroke=\"{ZONE}\" stroke-width=\"1.5\" stroke-dasharray=\"6 3\"/>"
        );
        if let Some(&(x, y)) = z.rings.first().and_then(|r| r.first()) {
            let (a, b) = v.px(x, y);
            label(s, a + 4.0, b - 4.0, &z.id, "start");
        }
    }
    if f.route.len() >= 2 {
        let pts: Vec<(f64, f64)> = f.route.iter().map(|p| p.1).collect();
        let attr = points_attr(v, &pts);
        let _ = write!(
            s,
            "<polyline points=\"{attr}\" fill=\"none\" stroke=\"#ffffff\" stroke-width=\"5\" stroke-opacity=\"0.7\"/><polyline points=\"{attr}\" fill=\"none\" stroke=\"{ROUTE}\" stroke-width=\"2.5\"/>"
        );
    }
    for (name, (x, y)) in &f.route {
        let (a, b) = v.px(*x, *y);
        let _ = write!(
            s,
            "<circle cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"#ffffff\" stroke=\"{ROUTE}\" stroke-width=\"2\"/>",
            n(a),
            n(b)
        );
        label(s, a + 6.0, b - 6.0, name, "start");
    }
    for &(x, y) in &f.turbines {
        let (a, b) = v.px(x, y);
        let _ = write!(
            s,
            "<g transform=\"translate({},{})\">{TURBINE_SYMBOL}</g>",
            n(a),
            n(b)
        );
    }
    for (id, poly) in &f.cabins {
        let _ = write!(
            s,
            "<polygon points=\"{}\" fill=\"{CABIN}\" stroke=\"#1d2733\" stroke-width=\"1\"/>",
            points_attr(v, poly)
        );
        let (cx, cy) = centroid(poly);
        let (a, b) = v.px(cx, cy);
        let size = poly
            .iter()
            .map(|&(x, y)| (x - cx).hypot(y - cy))
            .fold(0.0, f64::max)
            / v.mpp;
        if size < 5.0 {
            // Too small to see at this scale: a marker on the footprint.
            let _ = write!(
                s,
                "<circle cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"{CABIN}\" stroke=\"#1d2733\"/>",
                n(a),
                n(b)
            );
        }
        label(s, a + size.max(5.0) + 3.0, b + 4.0, id, "start");
    }
    for (id, (x, y), port) in &f.points {
        let (a, b) = v.px(*x, *y);
        let symbol = if *port { PORT_SYMBOL } else { LANDING_SYMBOL };
        // A port where the route starts is labelled once, by its waypoint.
        let on_route = f
            .route
            .iter()
            .any(|r| (r.1.0 - x).hypot(r.1.1 - y) < 2.0 * v.mpp);
        let _ = write!(
            s,
            "<g transform=\"translate({},{})\">{symbol}</g>",
            n(a),
            n(b)
        );
        if !on_route {
            label(s, a + 7.0, b + 4.0, id, "start");
        }
    }
}

fn centroid(poly: &[(f64, f64)]) -> (f64, f64) {
    let k = poly.len().max(1) as f64;
    (
        poly.iter().map(|p| p.0).sum::<f64>() / k,
        poly.iter().map(|p| p.1).sum::<f64>() / k,
    )
}

/// A scale bar of a round length (at most a quarter of the map) in four alternating parts.
fn scale_bar(s: &mut String, v: &View) {
    let len_m = nice_at_most(0.25 * v.w as f64 * v.mpp);
    let len_px = len_m / v.mpp;
    let (x, y) = (16.0, v.h as f64 - 22.0);
    let _ = write!(
        s,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"30\" fill=\"#ffffff\" fill-opacity=\"0.8\"/>",
        n(x - 8.0),
        n(y - 18.0),
        n(len_px + 16.0)
    );
    for i in 0..4 {
        let _ = write!(
            s,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"6\" fill=\"{}\" stroke=\"#1d2733\" stroke-width=\"0.8\"/>",
            n(x + i as f64 * len_px / 4.0),
            n(y),
            n(len_px / 4.0),
            if i % 2 == 0 { "#1d2733" } else { "#ffffff" }
        );
    }
    let text = if len_m >= 1000.0 {
        format!("{} km", len_m / 1000.0)
    } else {
        format!("{len_m} m")
    };
    let _ = write!(
        s,
        "<text x=\"{}\" y=\"{}\" font-size=\"11\">0</text><text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{text} ({:.2} NM)</text>",
        n(x),
        n(y - 4.0),
        n(x + len_px),
        n(y - 4.0),
        len_m / crate::constants::METRES_PER_NM
    );
}

/// A north arrow pointing to true north: rotated from grid north (up) by the meridian
/// convergence, the grid bearing of true north (SVG rotates clockwise for positive angles).
fn north_arrow(s: &mut String, v: &View, convergence_deg: f64) {
    let (cx, cy) = (v.w as f64 - 34.0, 40.0);
    let _ = write!(
        s,
        "<g transform=\"translate({},{})\"><circle r=\"26\" fill=\"#ffffff\" fill-opacity=\"0.8\" stroke=\"#1d2733\" stroke-width=\"0.8\"/>\
<g transform=\"rotate({convergence_deg:.2})\"><path d=\"M0,-14L6,10L0,5Z\" fill=\"#1d2733\"/><path d=\"M0,-14L-6,10L0,5Z\" fill=\"#ffffff\" stroke=\"#1d2733\" stroke-width=\"0.8\"/>\
<text y=\"-16\" text-anchor=\"middle\" font-weight=\"bold\" font-size=\"11\">N</text></g></g>",
        n(cx),
        n(cy),
    );
}

fn legend(
    s: &mut String,
    x: f64,
    style: Option<&Style>,
    contour_interval_m: Option<f64>,
    f: &Features,
    no_data: bool,
) {
    let mut y = 18.0;
    let _ = write!(
        s,
        "<text x=\"{}\" y=\"{}\" font-weight=\"bold\">Legend</text>",
        n(x),
        n(y)
    );
    y += 14.0;
    if let Some(st) = style {
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" font-size=\"11\">Depth (m below datum)</text>",
            n(x),
            n(y + 4.0)
        );
        y += 12.0;
        let (bar_h, steps) = (140.0, 35);
        for i in 0..steps {
            // Top = shallow, bottom = deep.
            let t = 1.0 - (i as f32 + 0.5) / steps as f32;
            let z = st.deep_m + t * (st.shallow_m - st.deep_m);
            let [r, g, b] = st.colour(z);
            let _ = write!(
                s,
                "<rect x=\"{}\" y=\"{}\" width=\"18\" height=\"{}\" fill=\"rgb({r},{g},{b})\"/>",
                n(x),
                n(y + i as f64 * bar_h / steps as f64),
                n(bar_h / steps as f64 + 0.5)
            );
        }
        for k in 0..=4 {
            let t = k as f64 / 4.0;
            let depth = -(st.shallow_m as f64 + (st.deep_m as f64 - st.shallow_m as f64) * t);
            let _ = write!(
                s,
                "<text x=\"{}\" y=\"{}\" font-size=\"10\">{:.0}</text>",
                n(x + 24.0),
                n(y + t * bar_h + 4.0),
                depth.max(0.0)
            );
        }
        y += bar_h + 18.0;
    }
    // Symbols are drawn around (0, 0) and moved into place.
    let mut items: Vec<(String, String)> = Vec::new();
    if let Some(i) = contour_interval_m {
        items.push((
            "<path d=\"M-10,0h20\" stroke=\"#0f1928\" stroke-opacity=\"0.6\"/>".into(),
            format!("isobath every {i} m"),
        ));
    }
    if !f.cabins.is_empty() {
        items.push((
            format!("<rect x=\"-8\" y=\"-4\" width=\"16\" height=\"8\" fill=\"{CABIN}\" stroke=\"#1d2733\"/>"),
            "cabin footprint".into(),
        ));
    }
    if !f.route.is_empty() {
        items.push((
            format!("<path d=\"M-10,0h20\" stroke=\"{ROUTE}\" stroke-width=\"2.5\"/><circle r=\"4\" fill=\"#ffffff\" stroke=\"{ROUTE}\" stroke-width=\"2\"/>"),
            "route, waypoint".into(),
        ));
    }
    if !f.turbines.is_empty() {
        items.push((TURBINE_SYMBOL.into(), "wind turbine".into()));
    }
    if !f.zones.is_empty() {
        items.push((
            format!("<rect x=\"-9\" y=\"-5\" width=\"18\" height=\"10\" fill=\"{ZONE}\" fill-opacity=\"0.18\" stroke=\"{ZONE}\" stroke-dasharray=\"4 2\"/>"),
            "exclusion zone".into(),
        ));
    }
    if f.points.iter().any(|p| p.2) {
        items.push((PORT_SYMBOL.into(), "port".into()));
    }
    if f.points.iter().any(|p| !p.2) {
        items.push((LANDING_SYMBOL.into(), "cable landing point".into()));
    }
    if no_data {
        items.push((
        format!(
            "<rect x=\"-9\" y=\"-5\" width=\"18\" height=\"10\" fill=\"rgb({},{},{})\" stroke=\"#9aa5b1\"/>",
            NO_DATA[0], NO_DATA[1], NO_DATA[2]
        ),
        "no seabed data".into(),
    ));
    }
    for (symbol, text) in items {
        let _ = write!(
            s,
            "<g transform=\"translate({},{})\">{symbol}</g><text x=\"{}\" y=\"{}\" font-size=\"11\">{}</text>",
            n(x + 10.0),
            n(y),
            n(x + 26.0),
            n(y + 4.0),
            esc(&text)
        );
        y += 20.0;
    }
    let _ = write!(
        s,
        "<text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"#5b6775\">Grid north up; hillshade ×{Z_FACTOR}</text>",
        n(x),
        n(y + 6.0)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn view_keeps_bbox_and_aspect() {
        let v = View::around((0.0, 0.0, 4000.0, 1000.0), 1500.0, 800);
        let (a, b) = v.px(0.0, 0.0);
        let (c, d) = v.px(4000.0, 1000.0);
        assert!(
            a > 0.0 && c < 800.0 && d > 0.0 && b < v.h as f64,
            "{a} {b} {c} {d}"
        );
        assert!(v.h >= 400, "height {} at least half the width", v.h);
        let (x, y) = v.world(a, b);
        assert!((x - 0.0).abs() < 1e-6 && (y - 0.0).abs() < 1e-6);
    }
}
