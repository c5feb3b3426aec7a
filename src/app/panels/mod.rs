//! The panels around the map, one file each. Panels read state and push [`Action`]s.
//!
//! [`Action`]: super::actions::Action

pub mod cables;
pub mod campaign;
pub mod charts;
pub mod findings;
pub mod help;
pub mod inspector;
pub mod layers;
pub mod menu;
pub mod modals;
pub mod route_inspector;
pub mod status;
pub mod tools;
pub mod wake;
