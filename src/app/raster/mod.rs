//! The bathymetry raster on screen and the frame it is drawn in: the map's f64 view over
//! working-CRS metres ([`view`]), the colour maps and hillshade ([`colour`]), the overview
//! pyramid ([`pyramid`]) and the tile cache coloured on workers ([`tiles`]). None of it reads the
//! mission or the planner's state, so the state can hold it.

pub mod colour;
pub mod pyramid;
pub mod tiles;
pub mod view;
