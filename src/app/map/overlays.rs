//! Vector layers over the raster: exclusion zones, the route, landing points and ports, wind
//! turbines, the as-run track, cabins, the measuring line. Everything is drawn at true scale from
//! the [`Scene`]; the colours are public so the layers panel shows them as its legend.

pub mod cables;

use super::labels::{Labels, Priority};
use crate::app::document::{Document, Selection};
use crate::app::raster::view::MapView;
use crate::app::scene::{Scene, ZoneDrawing};
use crate::app::state::Measure;
use crate::finding::{Finding, Severity};
use crate::geodesy::geodesic_inverse;
use crate::mission::ZoneKind;
use egui::{Align2, Color32, FontId, Mesh, Painter, Pos2, Rect, Shape, Stroke, pos2, vec2};

use crate::constants::METRES_PER_NM as NM;

pub struct Overlays<'a> {
    pub painter: &'a Painter,
    pub rect: Rect,
    pub view: &'a MapView,
    pub dark: bool,
    pub labels: bool,
    /// Where the labels go until they are placed, after the last layer.
    pub placer: &'a Labels,
}

/// Planned route line and waypoints.
pub const ROUTE: Color32 = Color32::from_rgb(255, 120, 40);
/// Wind turbines (tower marker and rotor circle).
pub const TURBINE: Color32 = Color32::from_rgb(240, 240, 250);
/// As-run GNSS track.
pub const TRACK: Color32 = Color32::from_rgb(40, 220, 240);
/// The ring around cabins an automatic layout just added.
pub const ADDED: Color32 = Color32::from_rgb(0, 230, 255);
/// Landing points.
pub const LANDING: Color32 = Color32::from_rgb(250, 220, 60);
/// Ports.
pub const PORT: Color32 = Color32::from_rgb(90, 90, 220);

/// Fill and outline colour of an exclusion zone of `kind`.
pub fn zone_colour(kind: ZoneKind) -> Color32 {
    match kind {
        ZoneKind::ShippingLane => Color32::from_rgb(200, 60, 200),
        ZoneKind::Anchorage => Color32::from_rgb(235, 140, 30),
        ZoneKind::CablePipeline => Color32::from_rgb(240, 210, 40),
        ZoneKind::ProtectedArea => Color32::from_rgb(60, 190, 90),
        ZoneKind::Other => Color32::from_rgb(150, 150, 150),
    }
}

/// Status colours of cabins: the worst finding about them.
pub fn status_colour(worst: Option<Severity>) -> Color32 {
    match worst {
        Some(Severity::Error) => Color32::from_rgb(220, 50, 47),
        Some(Severity::Warning) => Color32::from_rgb(240, 170, 30),
        Some(Severity::Info) | None => Color32::from_rgb(60, 200, 110),
    }
}

impl Overlays<'_> {
    fn at(&self, p: [f64; 2]) -> Pos2 {
        self.view.to_screen(self.rect, p[0], p[1])
    }

    fn text_colour(&self) -> Color32 {
        if self.dark {
            Color32::from_gray(235)
        } else {
            Color32::from_gray(20)
        }
    }

    /// Queues a label for the object at `object`, its top-left corner `offset` from it.
    fn label(
        &self,
        priority: Priority,
        object: Pos2,
        offset: egui::Vec2,
        text: &str,
        colour: Color32,
    ) {
        if self.labels {
            self.placer
                .add(priority, object, object + offset, text, colour);
        }
    }

    pub fn zones(&self, zones: &[ZoneDrawing], opacity: f32, selection: Selection) {
        for (i, z) in zones.iter().enumerate() {
            let base = zone_colour(z.kind);
            let fill = base.gamma_multiply(opacity);
            let mut mesh = Mesh::default();
            for t in &z.triangles {
                let n = mesh.vertices.len() as u32;
                for p in t {
                    mesh.colored_vertex(self.at(*p), fill);
                }
                mesh.add_triangle(n, n + 1, n + 2);
            }
            self.painter.add(Shape::mesh(mesh));
            let width = if selection == Selection::Zone(i) {
                3.0
            } else {
                1.5
            };
            for ring in &z.rings {
                let pts: Vec<Pos2> = ring.iter().map(|p| self.at(*p)).collect();
                self.painter
                    .add(Shape::closed_line(pts, Stroke::new(width, base)));
            }
            if z.source.len() >= 2 {
                let pts: Vec<Pos2> = z.source.iter().map(|p| self.at(*p)).collect();
                self.painter
                    .add(Shape::dashed_line(&pts, Stroke::new(1.0, base), 6.0, 4.0));
            }
            if let Some(p) = z.source.first() {
                self.label(Priority::Other, self.at(*p), vec2(4.0, 4.0), &z.id, base);
            }
        }
    }

    pub fn route(&self, scene: &Scene, selection: Selection) {
        if scene.route.is_empty() {
            return;
        }
        let colour = ROUTE;
        let pts: Vec<Pos2> = scene.route.iter().map(|p| self.at(p.at)).collect();
        self.painter
            .add(Shape::line(pts.clone(), Stroke::new(2.5, colour)));
        for (i, label) in scene.legs.iter().enumerate() {
            if i + 1 >= pts.len() {
                break;
            }
            let mid = pts[i] + (pts[i + 1] - pts[i]) * 0.5;
            if (pts[i + 1] - pts[i]).length() > 120.0 {
                self.label(Priority::Other, mid, vec2(4.0, 2.0), label, colour);
            }
        }
        for (i, (p, wp)) in pts.iter().zip(&scene.route).enumerate() {
            let selected = selection == Selection::Waypoint(i);
            self.painter.circle(
                *p,
                if selected { 6.0 } else { 4.0 },
                Color32::WHITE,
                Stroke::new(2.0, colour),
            );
            self.label(
                Priority::Waypoint,
                *p,
                vec2(6.0, -16.0),
                &wp.id,
                self.text_colour(),
            );
        }
    }

    pub fn points(&self, scene: &Scene) {
        let lp = LANDING;
        for p in &scene.landing_points {
            let c = self.at(p.at);
            let tri = vec![c + vec2(0.0, -8.0), c + vec2(7.0, 5.0), c + vec2(-7.0, 5.0)];
            self.painter.add(Shape::convex_polygon(
                tri,
                lp,
                Stroke::new(1.0, Color32::BLACK),
            ));
            self.label(
                Priority::Other,
                c,
                vec2(8.0, -6.0),
                &p.id,
                self.text_colour(),
            );
        }
        for p in &scene.ports {
            let c = self.at(p.at);
            self.painter.rect(
                Rect::from_center_size(c, vec2(10.0, 10.0)),
                1.0,
                PORT,
                Stroke::new(1.0, Color32::WHITE),
                egui::StrokeKind::Middle,
            );
            // A port where the route starts is labelled once, by its waypoint.
            let on_route = scene
                .route
                .iter()
                .any(|w| (self.at(w.at) - c).length() < 4.0);
            if !on_route {
                self.label(
                    Priority::Other,
                    c,
                    vec2(8.0, -6.0),
                    &p.id,
                    self.text_colour(),
                );
            }
        }
    }

    /// Turbines: a tower marker and the rotor's swept circle at true scale (seen from above the
    /// rotor sweeps a line, but the circle is the footprint engineers keep clear of).
    pub fn turbines(&self, scene: &Scene, selection: Selection) {
        let stroke = Stroke::new(1.0, Color32::from_gray(30));
        for (i, t) in scene.turbines.iter().enumerate() {
            let c = self.at(t.at);
            if !self.rect.expand(50.0).contains(c) {
                continue;
            }
            if let Some(r) = t.rotor_radius_m {
                let px = (r / self.view.metres_per_point) as f32;
                if px > 3.0 {
                    self.painter.circle_stroke(
                        c,
                        px,
                        Stroke::new(1.0, TURBINE.gamma_multiply(0.8)),
                    );
                }
            }
            let selected = selection == Selection::Turbine(i);
            self.painter
                .circle(c, if selected { 6.0 } else { 3.5 }, TURBINE, stroke);
            if (scene.turbines.len() <= 12 || self.view.metres_per_point < 8.0) && self.labels {
                self.label(
                    Priority::Other,
                    c,
                    vec2(5.0, 2.0),
                    &t.id,
                    self.text_colour(),
                );
            }
        }
    }

    /// Route samples short of the required under-keel clearance, as red dots on the track.
    pub fn ukc_short(&self, xy: &[[f64; 2]]) {
        let red = Color32::from_rgb(220, 50, 47);
        let mut last: Option<Pos2> = None;
        for p in xy {
            let c = self.at(*p);
            // One dot per few points is enough and keeps long routes cheap.
            if last.is_some_and(|l| (l - c).length() < 3.0) || !self.rect.contains(c) {
                continue;
            }
            self.painter.circle_filled(c, 2.5, red);
            last = Some(c);
        }
    }

    /// The leg the route tool would add: from the last waypoint to the cursor.
    pub fn route_preview(&self, last: [f64; 2], cursor: [f64; 2]) {
        self.painter.add(Shape::dashed_line(
            &[self.at(last), self.at(cursor)],
            Stroke::new(2.0, ROUTE),
            8.0,
            5.0,
        ));
    }

    /// The exclusion zone being drawn: its corners, the edges so far and the edge to the cursor.
    pub fn zone_draft(&self, corners: &[[f64; 2]], cursor: Option<[f64; 2]>) {
        if corners.is_empty() {
            return;
        }
        let colour = zone_colour(ZoneKind::Other);
        let mut pts: Vec<Pos2> = corners.iter().map(|p| self.at(*p)).collect();
        if let Some(c) = cursor {
            pts.push(self.at(c));
        }
        self.painter
            .add(Shape::dashed_line(&pts, Stroke::new(2.0, colour), 6.0, 4.0));
        for (i, p) in pts.iter().take(corners.len()).enumerate() {
            let r = if i == 0 { 6.0 } else { 4.0 };
            self.painter
                .circle(*p, r, Color32::WHITE, Stroke::new(1.5, colour));
        }
    }

    /// The as-run track as a polyline with its start and end marked.
    pub fn track(&self, xy: &[[f64; 2]]) {
        if xy.len() < 2 {
            return;
        }
        let pts: Vec<Pos2> = xy.iter().map(|p| self.at(*p)).collect();
        self.painter
            .add(Shape::line(pts.clone(), Stroke::new(3.0, Color32::BLACK)));
        self.painter
            .add(Shape::line(pts.clone(), Stroke::new(1.5, TRACK)));
        self.painter.circle_filled(pts[0], 4.0, TRACK);
        let end = pts[pts.len() - 1];
        self.painter
            .circle(end, 4.0, Color32::BLACK, Stroke::new(1.5, TRACK));
    }

    /// Cabins by status colour; the selected one ringed in white, those in `added` (just laid
    /// out) ringed in [`ADDED`].
    pub fn cabins(
        &self,
        scene: &Scene,
        findings: &[Finding],
        selection: Selection,
        added: std::ops::Range<usize>,
    ) {
        for (i, c) in scene.cabins.iter().enumerate() {
            let object = crate::finding::ObjectRef::cabin(&c.id);
            let worst = findings
                .iter()
                .filter(|f| f.concerns(&object))
                .map(|f| f.severity)
                .max();
            let colour = status_colour(worst);
            let selected = selection == Selection::Cabin(i);
            let stroke = Stroke::new(
                if selected { 2.5 } else { 1.0 },
                if selected {
                    Color32::WHITE
                } else {
                    Color32::BLACK
                },
            );
            let centre = self.at(c.centre);
            let s = super::cabin_symbol::symbol(c, centre, self.view.metres_per_point);
            let size = s.radius;
            // Enlarged symbols are opaque (they stand for the cabin, not its footprint).
            let fill = if s.true_scale {
                colour.gamma_multiply(0.85)
            } else {
                colour
            };
            self.painter
                .add(Shape::convex_polygon(s.outline, fill, stroke));
            self.painter
                .line_segment(s.tick, Stroke::new(1.5, Color32::BLACK));
            if added.contains(&i) {
                self.painter
                    .circle_stroke(centre, size.max(6.0) + 9.0, Stroke::new(2.5, ADDED));
            }
            if selected {
                self.painter.circle_stroke(
                    centre,
                    size.max(6.0) + 5.0,
                    Stroke::new(1.0, Color32::WHITE),
                );
            }
            self.placer.obstacle(
                Priority::Cabin,
                Rect::from_center_size(centre, egui::Vec2::splat(2.0 * size)),
            );
            self.label(
                Priority::Cabin,
                centre,
                vec2(size.max(5.0) + 3.0, -7.0),
                &c.id,
                self.text_colour(),
            );
        }
    }

    /// The measuring line from the first click to the second (or the cursor).
    pub fn measure(&self, m: &Measure, cursor: Option<[f64; 2]>, doc: &Document) {
        let Some(a) = m.a else { return };
        let Some(b) = m.b.or(cursor) else { return };
        let colour = Color32::from_rgb(255, 255, 120);
        let (pa, pb) = (self.at(a), self.at(b));
        self.painter
            .line_segment([pa, pb], Stroke::new(2.0, Color32::BLACK));
        self.painter.add(Shape::dashed_line(
            &[pa, pb],
            Stroke::new(2.0, colour),
            8.0,
            5.0,
        ));
        self.painter.circle_filled(pa, 3.5, colour);
        self.painter.circle_filled(pb, 3.5, colour);
        if let (Some(la), Some(lb)) = (
            doc.site.to_lonlat(a[0], a[1]),
            doc.site.to_lonlat(b[0], b[1]),
        ) {
            let g = geodesic_inverse(la[0], la[1], lb[0], lb[1]);
            let text = format!(
                "{:.1} m  ({:.3} NM)  {:05.1}° true",
                g.distance_m,
                g.distance_m / NM,
                g.bearing_deg
            );
            let font = FontId::proportional(13.0);
            let galley = self.painter.layout_no_wrap(text, font, Color32::BLACK);
            let r = Align2::LEFT_BOTTOM.anchor_size(pb + vec2(10.0, -6.0), galley.size());
            self.painter.rect_filled(r.expand(3.0), 3.0, colour);
            self.painter
                .galley(pos2(r.min.x, r.min.y), galley, Color32::BLACK);
        }
    }
}
