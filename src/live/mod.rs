#![warn(missing_docs)]
//! Live positioning during the lift: NMEA 0183 from a receiver over the network or a serial line,
//! decoded by the same [`crate::formats::nmea::Decoder`] as a log, and the vessel, crane tip and
//! hook placed against the selected cabin's target through the GNSS lever arms.
//!
//! - [`source`]: where the sentences come from (UDP listen, TCP client, serial device path) and
//!   the reader thread feeding a bounded channel (overflow dropped and counted, never blocking).
//! - [`feed`]: the consumer side, polled by the planner once per frame or by a test: decoding,
//!   the last fix and attitude, the recent track, staleness, and a log `fathom track` reads.
//! - [`position`]: antenna → vessel reference point, crane tip and hook; distance, bearing and
//!   heading error against the target; the as-placed record.
//! - [`replay`]: sends a recorded log at its own timing (`fathom replay`).
//!
//! Supported sentences: GGA, RMC, GLL, VTG, HDT, HDG, ZDA and `$PASHR` (heading, roll, pitch,
//! heave); AIS and other sentences are counted and ignored.

pub mod feed;
pub mod position;
pub mod replay;
pub mod source;

pub use feed::{Feed, LinkState, Status};
pub use position::{LivePositions, Rig};
pub use source::{Reader, Received, Source};
