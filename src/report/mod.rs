#![warn(missing_docs)]
//! The mission report: one self-contained document a client, a regulator and a vessel master can
//! read without fathom — HTML (inline CSS, inline SVG/PNG, no external links, prints on A4) or
//! Markdown.
//!
//! A report is built once as a list of [`Section`]s of plain [`Block`]s, then rendered; each
//! domain module contributes its section from the same functions the CLI and the planner call.

mod cables;
mod campaign;
mod document;
mod energy;
mod html;
mod markdown;
mod operations;
mod sections;

pub use document::{Block, Report, Section};
pub use html::to_html;
pub use markdown::to_markdown;
pub use sections::build;
