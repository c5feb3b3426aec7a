//! Coordinate reference systems and geodesic computations.
//!
//! Projections run through PROJ (the `proj` crate, PROJ 9.6 built from source with its database
//! embedded, so EPSG codes resolve from a copied binary). A [`Crs`] is plain data (its definition
//! string), so it can be stored, compared and sent between threads; a [`Transformer`] wraps a PROJ
//! object, which is neither `Send` nor `Sync`, and is created where it is used.
//!
//! Geodesic distance and bearing use Karney's algorithm on the WGS 84 ellipsoid (`geo::Geodesic`,
//! C. F. F. Karney, "Algorithms for geodesics", J. Geodesy 87, 2013), accurate to nanometres.

#![warn(missing_docs)]

mod convergence;
mod crs;
mod geodesic;
mod identify;
mod utm;

pub use convergence::meridian_convergence_deg;
pub use crs::{Crs, CrsError, Transformer};
pub use geodesic::{Bearing, geodesic_destination, geodesic_inverse, rhumb_inverse};
pub use utm::{cgcs2000_gk_3deg, cgcs2000_gk_6deg, utm_epsg};
