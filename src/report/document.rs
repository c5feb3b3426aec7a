//! The report as plain data, independent of the output format.

use crate::finding::Finding;

/// A whole report.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Heading of the document.
    pub title: String,
    /// Line under the title.
    pub subtitle: String,
    /// The sections, numbered in this order.
    pub sections: Vec<Section>,
}

/// One numbered section with an anchor id.
#[derive(Clone, Debug)]
pub struct Section {
    /// Anchor, e.g. `cooling`.
    pub id: &'static str,
    /// Heading of the section (the renderers number it).
    pub title: String,
    /// The section's content, in order.
    pub blocks: Vec<Block>,
}

impl Section {
    /// An empty section.
    pub fn new(id: &'static str, title: impl Into<String>) -> Self {
        Section {
            id,
            title: title.into(),
            blocks: Vec::new(),
        }
    }

    /// Appends a paragraph.
    pub fn text(mut self, text: impl Into<String>) -> Self {
        self.blocks.push(Block::Paragraph(text.into()));
        self
    }

    /// Appends a table; numbers are right-aligned by the renderers.
    pub fn table(mut self, header: &[&str], rows: Vec<Vec<String>>) -> Self {
        self.blocks.push(Block::Table {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows,
        });
        self
    }
}

/// Content of a section.
#[derive(Clone, Debug)]
pub enum Block {
    /// A paragraph of plain text.
    Paragraph(String),
    /// A table; numbers are right-aligned by the renderers.
    Table {
        /// Column headings.
        header: Vec<String>,
        /// Cells, one vector per row, as formatted text.
        rows: Vec<Vec<String>>,
    },
    /// An inline SVG figure with its caption.
    Svg {
        /// The SVG document, inlined as is.
        svg: String,
        /// Caption under the figure.
        caption: String,
    },
    /// Validation findings, rendered with their severity.
    Findings(Vec<Finding>),
}
