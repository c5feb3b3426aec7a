//! HTML rendering: one file, inline CSS and SVG, no external resources, A4 print styles.

use super::{Block, Report};
use crate::finding::Severity;
use std::fmt::Write;

const CSS: &str = r#"
body { font: 10.5pt/1.45 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #1d2733; max-width: 1100px; margin: 2em auto; padding: 0 1.5em; }
h1 { font-size: 1.7em; margin-bottom: 0.1em; } .subtitle { color: #5b6775; margin-top: 0; }
h2 { font-size: 1.25em; border-bottom: 2px solid #1f5f8b; padding-bottom: 0.2em; margin-top: 1.8em; }
table { border-collapse: collapse; margin: 0.6em 0 1em; font-size: 0.92em; }
th, td { border: 1px solid #c9d2dc; padding: 0.25em 0.55em; } th { background: #eef3f8; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 0.8em 0; } figcaption { color: #5b6775; font-size: 0.9em; }
figure svg { max-width: 100%; height: auto; border: 1px solid #c9d2dc; }
.finding { margin: 0.2em 0; } .error { color: #a4161a; font-weight: bold; } .warning { color: #b26b00; font-weight: bold; } .info { color: #1f5f8b; }
nav ol { columns: 2; }
@media print { body { margin: 0; max-width: none; font-size: 9pt; padding: 0; } h2, h2 + p { break-after: avoid; page-break-after: avoid; } table, figure, tr, .finding { break-inside: avoid; page-break-inside: avoid; } thead { display: table-header-group; } section { break-before: auto; } nav { display: none; } figure svg { border: none; } a { color: inherit; text-decoration: none; } @page { size: A4; margin: 14mm 12mm; } }
"#;

/// Renders a report as a self-contained HTML document.
pub fn to_html(report: &Report) -> String {
    let mut h = String::with_capacity(1 << 20);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<h1>{}</h1>\n<p class=\"subtitle\">{}</p>\n<nav><ol>",
        esc(&report.title),
        esc(&report.title),
        esc(&report.subtitle)
    );
    for s in &report.sections {
        let _ = write!(h, "<li><a href=\"#{}\">{}</a></li>", s.id, esc(&s.title));
    }
    h.push_str("</ol></nav>\n");
    for (i, s) in report.sections.iter().enumerate() {
        let _ = write!(
            h,
            "<section id=\"{}\">\n<h2>{}. {}</h2>\n",
            s.id,
            i + 1,
            esc(&s.title)
        );
        for b in &s.blocks {
            match b {
                Block::Paragraph(t) => {
                    let _ = writeln!(h, "<p>{}</p>", esc(t));
                }
                Block::Table { header, rows } => {
                    h.push_str("<table>\n<thead><tr>");
                    for c in header {
                        let _ = write!(h, "<th>{}</th>", esc(c));
                    }
                    h.push_str("</tr></thead>\n<tbody>\n");
                    for r in rows {
                        h.push_str("<tr>");
                        for c in r {
                            let class = if is_number(c) { " class=\"num\"" } else { "" };
                            let _ = write!(h, "<td{class}>{}</td>", esc(c));
                        }
                        h.push_str("</tr>\n");
                    }
                    h.push_str("</tbody>\n</table>\n");
                }
                Block::Svg { svg, caption } => {
                    let _ = writeln!(
                        h,
                        "<figure>{svg}<figcaption>{}</figcaption></figure>",
                        esc(caption)
                    );
                }
                Block::Findings(fs) if fs.is_empty() => {
                    h.push_str("<p>No findings: every check passed.</p>\n")
                }
                Block::Findings(fs) => {
                    for f in fs {
                        let class = match f.severity {
                            Severity::Error => "error",
                            Severity::Warning => "warning",
                            Severity::Info => "info",
                        };
                        let _ = writeln!(
                            h,
                            "<p class=\"finding\"><span class=\"{class}\">{} {}</span>{} — {}</p>",
                            f.severity,
                            esc(&f.code),
                            f.object
                                .as_ref()
                                .map(|o| format!(" [{}]", esc(&o.to_string())))
                                .unwrap_or_default(),
                            esc(&f.message)
                        );
                    }
                }
            }
        }
        h.push_str("</section>\n");
    }
    h.push_str("</body>\n</html>\n");
    h
}

/// True for table cells that hold a number (possibly signed, with a unit-free decimal part).
pub(super) fn is_number(s: &str) -> bool {
    let t = s.trim().trim_start_matches(['−', '-', '+']);
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

/// Escapes text for HTML content and attributes (the same five characters as XML).
pub(super) use crate::render::svg::esc;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Section;

    #[test]
    fn escapes_and_has_no_external_resources() {
        let r = Report {
            title: "A <b> & \"c\"".into(),
            subtitle: String::new(),
            sections: vec![
                Section::new("s", "S").table(&["a"], vec![vec!["1.5".into()], vec!["x<y".into()]]),
            ],
        };
        let h = to_html(&r);
        assert!(h.contains("A &lt;b&gt; &amp; &quot;c&quot;"));
        assert!(h.contains("<td class=\"num\">1.5</td>"));
        assert!(h.contains("<td>x&lt;y</td>"));
        assert!(!h.contains("http"));
    }
}
