//! The cables layer: power and fibre routes styled apart (power a solid heavy line, fibre a
//! thinner dashed one, each labelled with its id), free spans as a wide band under the route,
//! crossings marked (below the minimum angle: a red ring labelled with the angle), the selected
//! cable haloed, and the draw-cable tool's draft.

use super::Overlays;
use crate::app::cable_draft::CableDraft;
use crate::app::map::labels::Priority;
use crate::app::scene::cables::{CableLine, CableProfile};
use crate::mission::CablePurpose;
use egui::{Color32, Pos2, Shape, Stroke, vec2};

/// Power cables.
pub const POWER: Color32 = Color32::from_rgb(215, 40, 110);
/// Fibre cables.
pub const FIBRE: Color32 = Color32::from_rgb(140, 90, 250);
/// Free spans, under the cable.
pub const SPAN: Color32 = Color32::from_rgb(255, 200, 0);
/// Crossings below the minimum angle.
pub const BAD_CROSSING: Color32 = Color32::from_rgb(220, 50, 47);

/// The colour of a cable of `purpose`.
pub fn cable_colour(purpose: CablePurpose) -> Color32 {
    match purpose {
        CablePurpose::Power => POWER,
        CablePurpose::Fibre => FIBRE,
    }
}

impl Overlays<'_> {
    fn cable_line(&self, pts: &[Pos2], purpose: CablePurpose) {
        let colour = cable_colour(purpose);
        match purpose {
            CablePurpose::Power => {
                self.painter
                    .add(Shape::line(pts.to_vec(), Stroke::new(3.0, colour)));
            }
            CablePurpose::Fibre => {
                self.painter
                    .add(Shape::dashed_line(pts, Stroke::new(2.0, colour), 9.0, 5.0));
            }
        }
    }

    /// The mission's cables (`selected`: the mission index of the selected cable), with the
    /// free spans and crossings of `profiles` (pass them only when computed for the current
    /// revision, or they would sit on old routes).
    pub fn cables(&self, lines: &[CableLine], profiles: &[CableProfile], selected: Option<usize>) {
        for s in profiles.iter().flat_map(|p| &p.spans) {
            if s.xy.len() >= 2 {
                let pts: Vec<Pos2> = s.xy.iter().map(|q| self.at(*q)).collect();
                self.painter.add(Shape::line(
                    pts,
                    Stroke::new(10.0, SPAN.gamma_multiply(0.85)),
                ));
            } else if let Some(q) = s.xy.first() {
                self.painter
                    .circle_filled(self.at(*q), 5.0, SPAN.gamma_multiply(0.85));
            }
        }
        for l in lines {
            let pts: Vec<Pos2> = l.points.iter().map(|q| self.at(*q)).collect();
            if selected == Some(l.index) {
                let halo = if self.dark {
                    Color32::from_white_alpha(110)
                } else {
                    Color32::from_white_alpha(170)
                };
                self.painter
                    .add(Shape::line(pts.clone(), Stroke::new(7.0, halo)));
            }
            self.cable_line(&pts, l.purpose);
            // The id on the middle vertex or halfway along the middle segment; not on a cable
            // shorter on screen than its label would be (it would only cover its ends' labels).
            let on_screen: f32 = pts.windows(2).map(|w| (w[1] - w[0]).length()).sum();
            if on_screen < 40.0 {
                continue;
            }
            let mid = pts.len() / 2;
            let at = if pts.len().is_multiple_of(2) {
                pts[mid - 1] + (pts[mid] - pts[mid - 1]) * 0.5
            } else {
                pts[mid]
            };
            self.label(
                Priority::Other,
                at,
                vec2(5.0, 3.0),
                &l.id,
                cable_colour(l.purpose),
            );
        }
        for x in profiles.iter().flat_map(|p| &p.crossings) {
            let c = self.at(x.at);
            if x.bad() {
                self.painter
                    .circle_stroke(c, 8.0, Stroke::new(2.5, BAD_CROSSING));
                // A finding's marker: placed before the other labels.
                self.label(
                    Priority::Waypoint,
                    c,
                    vec2(9.0, -18.0),
                    &format!("{:.0}°", x.angle_deg),
                    BAD_CROSSING,
                );
            } else {
                self.painter
                    .circle(c, 3.5, Color32::WHITE, Stroke::new(1.5, Color32::BLACK));
            }
        }
    }

    /// The cable being drawn: from its start through its waypoints to its end (or the cursor),
    /// and a ring round the object under the cursor (`hover`) that a click would take as an end.
    pub fn cable_draft(
        &self,
        draft: &CableDraft,
        cursor: Option<[f64; 2]>,
        hover: Option<[f64; 2]>,
    ) {
        let colour = cable_colour(draft.purpose);
        if let Some(h) = hover {
            self.painter
                .circle_stroke(self.at(h), 11.0, Stroke::new(2.5, colour));
        }
        let Some((_, from)) = &draft.from else {
            return;
        };
        let mut pts: Vec<Pos2> = std::iter::once(from)
            .chain(&draft.points)
            .map(|q| self.at(*q))
            .collect();
        let fixed = pts.len();
        match (&draft.to, cursor) {
            (Some((_, to)), _) => pts.push(self.at(*to)),
            (None, Some(c)) => pts.push(self.at(c)),
            (None, None) => {}
        }
        self.painter
            .add(Shape::dashed_line(&pts, Stroke::new(2.0, colour), 6.0, 4.0));
        for (i, p) in pts.iter().take(fixed).enumerate() {
            let r = if i == 0 { 6.0 } else { 4.0 };
            self.painter
                .circle(*p, r, Color32::WHITE, Stroke::new(1.5, colour));
        }
    }
}
