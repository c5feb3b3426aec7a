//! The draw-cable tool's draft: the cable being drawn (its purpose and type from the shipped
//! library, its ends and waypoints in working-CRS metres). Plain data kept in the view state;
//! [`super::cable_tool`] fills it and turns it into a `[[cables]]` entry.

use crate::cable::types::{CableKind, cable_type, library_ids};
use crate::mission::{CableEnd, CablePurpose};

/// A cable being drawn on the map.
#[derive(Clone, Debug, PartialEq)]
pub struct CableDraft {
    pub purpose: CablePurpose,
    /// A cable type of the shipped library (`assets/cables/`) of the purpose's kind.
    pub cable_type: String,
    /// The start object and where it is (working CRS).
    pub from: Option<(CableEnd, [f64; 2])>,
    /// Waypoints between the ends, in order (working CRS).
    pub points: Vec<[f64; 2]>,
    /// The end object and where it is (working CRS).
    pub to: Option<(CableEnd, [f64; 2])>,
}

impl Default for CableDraft {
    fn default() -> Self {
        CableDraft {
            purpose: CablePurpose::Power,
            cable_type: first_type(CablePurpose::Power),
            from: None,
            points: Vec::new(),
            to: None,
        }
    }
}

/// The first type of the shipped library for cables of `purpose` (empty if there is none).
pub fn first_type(purpose: CablePurpose) -> String {
    types_for(purpose).into_iter().next().unwrap_or_default()
}

/// The shipped cable types whose kind matches `purpose` (what `CABLE-TYPE` accepts).
pub fn types_for(purpose: CablePurpose) -> Vec<String> {
    let kind = match purpose {
        CablePurpose::Power => CableKind::Power,
        CablePurpose::Fibre => CableKind::Fibre,
    };
    library_ids()
        .into_iter()
        .filter(|id| cable_type(id).is_some_and(|t| t.kind == kind))
        .map(str::to_string)
        .collect()
}

impl CableDraft {
    /// Forgets the ends and waypoints; keeps the purpose and type for the next cable.
    pub fn clear(&mut self) {
        self.from = None;
        self.points.clear();
        self.to = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_follow_the_purpose() {
        let power = types_for(CablePurpose::Power);
        let fibre = types_for(CablePurpose::Fibre);
        assert!(power.contains(&"xlpe-66kv-630".to_string()), "{power:?}");
        assert_eq!(fibre, ["fibre-48f"]);
        assert!(power.iter().all(|p| !fibre.contains(p)));
        assert_eq!(CableDraft::default().cable_type, power[0]);
    }
}
