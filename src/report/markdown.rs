//! Markdown rendering (GitHub-flavoured tables); figures are embedded as SVG data URIs.

use super::{Block, Report};
use crate::render::base64;
use std::fmt::Write;

/// Renders a report as Markdown.
pub fn to_markdown(report: &Report) -> String {
    let mut m = String::new();
    let _ = write!(m, "# {}\n\n{}\n\n", report.title, report.subtitle);
    for (i, s) in report.sections.iter().enumerate() {
        let _ = write!(m, "## {}. {}\n\n", i + 1, s.title);
        for b in &s.blocks {
            match b {
                Block::Paragraph(t) => {
                    let _ = write!(m, "{t}\n\n");
                }
                Block::Table { header, rows } => {
                    let cell = |c: &str| c.replace('|', "\\|");
                    let _ = writeln!(
                        m,
                        "| {} |",
                        header
                            .iter()
                            .map(|c| cell(c))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    );
                    let _ = writeln!(
                        m,
                        "|{}|",
                        header.iter().map(|_| " --- ").collect::<Vec<_>>().join("|")
                    );
                    for r in rows {
                        let _ = writeln!(
                            m,
                            "| {} |",
                            r.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")
                        );
                    }
                    m.push('\n');
                }
                Block::Svg { svg, caption } => {
                    // Brackets would end the image's alt text early.
                    let alt = caption.replace(['[', ']'], "");
                    let _ = write!(
                        m,
                        "![{alt}](data:image/svg+xml;base64,{})\n\n*{caption}*\n\n",
                        base64::encode(svg.as_bytes())
                    );
                }
                Block::Findings(fs) if fs.is_empty() => {
                    m.push_str("No findings: every check passed.\n\n")
                }
                Block::Findings(fs) => {
                    for f in fs {
                        let _ = writeln!(
                            m,
                            "- **{} {}**{}: {}",
                            f.severity,
                            f.code,
                            f.object
                                .as_ref()
                                .map(|o| format!(" [{o}]"))
                                .unwrap_or_default(),
                            f.message
                        );
                    }
                    m.push('\n');
                }
            }
        }
    }
    m
}
