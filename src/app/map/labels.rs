//! Map labels placed by priority, as the isobath labels already are: every layer hands its
//! labels in while it draws, and they are placed after the last layer — cabins first, then
//! waypoints, then everything else (zones, legs, turbines, landing points, ports). A label that
//! would overlap one already placed tries the mirror position on the other side of its object,
//! and is left out when that overlaps too. Cabin symbols are obstacles for the labels of lower
//! priority, so a waypoint named like a cabin does not print over that cabin.

use egui::{Color32, FontId, Painter, Pos2, Rect, Vec2};
use std::cell::RefCell;

/// Which labels win a place (earlier variants first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Priority {
    Cabin,
    Waypoint,
    Other,
}

/// Space kept free around a label (points).
const GAP: f32 = 2.0;

/// A label to place: its priority, its object's screen position, where its top-left corner
/// goes when on the object's right (`anchor`), and its size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Candidate {
    pub priority: Priority,
    pub object: Pos2,
    pub anchor: Pos2,
    pub size: Vec2,
}

/// Places `labels` in priority order (stable: equal priorities keep their order). Each gets
/// its anchored rectangle, or its mirror about the object when that one is taken, or `None`.
/// `obstacles` (with the priority of what they belong to) keep lower-priority labels off.
/// Returns the rectangles in the order of `labels`.
pub fn place(labels: &[Candidate], obstacles: &[(Priority, Rect)]) -> Vec<Option<Rect>> {
    let mut order: Vec<usize> = (0..labels.len()).collect();
    order.sort_by_key(|&i| labels[i].priority);
    let mut placed: Vec<Rect> = Vec::new();
    let mut out = vec![None; labels.len()];
    for i in order {
        let l = labels[i];
        let right = Rect::from_min_size(l.anchor, l.size);
        let mirror_x = l.object.x - (l.anchor.x - l.object.x) - l.size.x;
        let left = Rect::from_min_size(Pos2::new(mirror_x, l.anchor.y), l.size);
        let free = |r: &Rect| {
            let r = r.expand(GAP);
            !placed.iter().any(|p| p.intersects(r))
                && !obstacles
                    .iter()
                    .any(|(p, o)| *p < l.priority && o.intersects(r))
        };
        if let Some(r) = [right, left].into_iter().find(free) {
            placed.push(r);
            out[i] = Some(r);
        }
    }
    out
}

struct Pending {
    priority: Priority,
    object: Pos2,
    anchor: Pos2,
    text: String,
    colour: Color32,
}

/// The labels of one map frame, collected while the layers draw.
#[derive(Default)]
pub struct Labels {
    pending: RefCell<Vec<Pending>>,
    obstacles: RefCell<Vec<(Priority, Rect)>>,
}

impl Labels {
    /// Queues `text` for the object at `object`, its top-left corner at `anchor`.
    pub fn add(&self, priority: Priority, object: Pos2, anchor: Pos2, text: &str, colour: Color32) {
        self.pending.borrow_mut().push(Pending {
            priority,
            object,
            anchor,
            text: text.to_string(),
            colour,
        });
    }

    /// Marks `rect` (a symbol of `priority`) as a place lower-priority labels keep off.
    pub fn obstacle(&self, priority: Priority, rect: Rect) {
        self.obstacles.borrow_mut().push((priority, rect));
    }

    /// Places and draws the queued labels on a halo.
    pub fn draw(&self, painter: &Painter, dark: bool) {
        let pending = self.pending.take();
        let font = FontId::proportional(12.0);
        let galleys: Vec<_> = pending
            .iter()
            .map(|p| painter.layout_no_wrap(p.text.clone(), font.clone(), p.colour))
            .collect();
        let candidates: Vec<Candidate> = pending
            .iter()
            .zip(&galleys)
            .map(|(p, g)| Candidate {
                priority: p.priority,
                object: p.object,
                anchor: p.anchor,
                size: g.size(),
            })
            .collect();
        let halo = if dark {
            Color32::from_black_alpha(170)
        } else {
            Color32::from_white_alpha(190)
        };
        let rects = place(&candidates, &self.obstacles.borrow());
        for ((p, g), r) in pending.iter().zip(galleys).zip(rects) {
            if let Some(r) = r {
                painter.rect_filled(r.expand(GAP), 3.0, halo);
                painter.galley(r.min, g, p.colour);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{pos2, vec2};

    fn label(priority: Priority, x: f32, y: f32) -> Candidate {
        Candidate {
            priority,
            object: pos2(x, y),
            anchor: pos2(x + 8.0, y - 6.0),
            size: vec2(20.0, 12.0),
        }
    }

    #[test]
    fn a_cabin_label_wins_over_a_waypoint_label_handed_in_first() {
        // A waypoint named C1 at the cabin C1: same place, waypoint drawn first.
        let labels = [
            label(Priority::Waypoint, 100.0, 100.0),
            label(Priority::Cabin, 100.0, 100.0),
        ];
        let r = place(&labels, &[]);
        assert_eq!(
            r[1],
            Some(Rect::from_min_size(pos2(108.0, 94.0), vec2(20.0, 12.0)))
        );
        // The waypoint's label goes to the mirror side: x = 100 − 8 − 20.
        assert_eq!(
            r[0],
            Some(Rect::from_min_size(pos2(72.0, 94.0), vec2(20.0, 12.0)))
        );
        // A third label at the same place finds both sides taken.
        let three = [labels[0], labels[1], label(Priority::Other, 100.0, 100.0)];
        assert_eq!(place(&three, &[])[2], None);
    }

    #[test]
    fn apart_labels_all_stay_and_symbols_keep_lower_priorities_off() {
        let labels = [
            label(Priority::Other, 100.0, 100.0),
            label(Priority::Other, 300.0, 100.0),
        ];
        assert!(place(&labels, &[]).iter().all(Option::is_some));
        // A cabin symbol under both sides of the first label: it is left out, not the second.
        let symbol = (
            Priority::Cabin,
            Rect::from_min_max(pos2(60.0, 90.0), pos2(140.0, 110.0)),
        );
        let r = place(&labels, &[symbol]);
        assert_eq!(r[0], None);
        assert!(r[1].is_some());
        // A cabin's own label is not kept off by cabin symbols.
        let cabin = [label(Priority::Cabin, 100.0, 100.0)];
        assert!(place(&cabin, &[symbol])[0].is_some());
    }
}
