//! A small element tree over quick-xml, shared by the RTZ and GPX readers and writers.
//!
//! Route and track files are small (RTZ checkers cap them at 400 kB), so reading them into a tree
//! is simpler and more tolerant than a streaming parser: namespace prefixes differ between
//! producers, so lookups go by *local* name, while the qualified names are kept so that unknown
//! extension elements can be written back unchanged (GPX round trips).

use super::FormatError;
use quick_xml::events::{BytesStart, Event};
use std::path::Path;

/// Deepest element nesting accepted; real RTZ/GPX files nest fewer than 10 levels.
const MAX_DEPTH: usize = 256;

/// One XML element: qualified name, attributes, child elements and its own text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Element {
    /// The name as written, with its prefix (`opencpn:guid`).
    pub name: String,
    /// Attributes as written (qualified names), in document order.
    pub attrs: Vec<(String, String)>,
    /// Child elements in document order.
    pub children: Vec<Element>,
    /// Text directly inside the element (concatenated, trimmed).
    pub text: String,
    /// 1-based line of the start tag in the source (0 for elements built in code).
    pub line: usize,
}

fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

impl Element {
    /// An element built in code.
    pub fn new(name: impl Into<String>) -> Self {
        Element {
            name: name.into(),
            ..Default::default()
        }
    }

    /// Adds an attribute (builder style).
    pub fn attr_set(mut self, name: &str, value: impl Into<String>) -> Self {
        self.attrs.push((name.into(), value.into()));
        self
    }

    /// Sets the text (builder style).
    pub fn with_text(mut self, text: impl Into<String>) -> Self {
        self.text = text.into();
        self
    }

    /// Adds a child (builder style).
    pub fn with_child(mut self, child: Element) -> Self {
        self.children.push(child);
        self
    }

    /// The name without its namespace prefix.
    pub fn local_name(&self) -> &str {
        local(&self.name)
    }

    /// The value of the attribute with this local name (namespace declarations excluded).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| !k.starts_with("xmlns") && local(k) == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first child with this local name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.local_name() == name)
    }

    /// Every child with this local name.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.local_name() == name)
    }

    /// Text of the first child with this local name.
    pub fn child_text(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.as_str())
    }

    /// Every element below this one (depth first), with its parent's local name.
    pub fn descendants(&self) -> Vec<(&str, &Element)> {
        let mut out = Vec::new();
        let mut stack = vec![self];
        while let Some(e) = stack.pop() {
            for c in e.children.iter().rev() {
                out.push((e.local_name(), c));
                stack.push(c);
            }
        }
        out
    }

    /// Serialises the element (indented by `depth` levels of two spaces) into `out`.
    pub fn write(&self, out: &mut String, depth: usize) {
        let pad = "  ".repeat(depth);
        out.push_str(&pad);
        out.push('<');
        out.push_str(&self.name);
        for (k, v) in &self.attrs {
            out.push_str(&format!(" {k}=\"{}\"", escape(v)));
        }
        if self.children.is_empty() && self.text.is_empty() {
            out.push_str("/>\n");
            return;
        }
        out.push('>');
        if self.children.is_empty() {
            out.push_str(&escape(&self.text));
        } else {
            out.push('\n');
            if !self.text.is_empty() {
                out.push_str(&format!("{pad}  {}\n", escape(&self.text)));
            }
            for c in &self.children {
                c.write(out, depth + 1);
            }
            out.push_str(&pad);
        }
        out.push_str(&format!("</{}>\n", self.name));
    }
}

/// Escapes text and attribute values for XML.
pub fn escape(s: &str) -> String {
    quick_xml::escape::escape(s).into_owned()
}

/// A cap on the elements of one local name, checked as each start tag is read, so a file with
/// too many stops before the rest of it is built into a tree.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    /// Local name counted (`waypoint`, `rtept`).
    pub name: &'static str,
    /// Most elements accepted.
    pub max: usize,
    /// What to do instead, appended to the message.
    pub hint: &'static str,
}

/// Parses a whole document and returns its root element. `path` names the file in errors.
pub fn parse(text: &str, path: &Path) -> Result<Element, FormatError> {
    parse_limited(text, path, &[])
}

/// [`parse`], refusing the document at the first element beyond a [`Limit`] (with the line).
pub fn parse_limited(text: &str, path: &Path, limits: &[Limit]) -> Result<Element, FormatError> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let mut lines = LineCounter::default();
    let mut counts = vec![0usize; limits.len()];
    let mut count = |e: &Element, line: usize| -> Result<(), FormatError> {
        for (l, n) in limits.iter().zip(&mut counts) {
            if e.local_name() == l.name {
                *n += 1;
                if *n > l.max {
                    return Err(FormatError::at(
                        path,
                        line,
                        format!(
                            "more than {} <{}> elements: expected at most {} ({})",
                            l.max, l.name, l.max, l.hint
                        ),
                    ));
                }
            }
        }
        Ok(())
    };
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| {
            let at = lines.line_at(text, reader.error_position() as usize);
            FormatError::at(path, at, format!("not well-formed XML: {e}"))
        })?;
        let line = lines.line_at(text, before);
        match event {
            Event::Start(s) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(FormatError::at(
                        path,
                        line,
                        format!("elements nested deeper than {MAX_DEPTH} levels"),
                    ));
                }
                let e = start(&s, line, path)?;
                count(&e, line)?;
                stack.push(e);
            }
            Event::Empty(s) => {
                let e = start(&s, line, path)?;
                count(&e, line)?;
                attach(&mut stack, &mut root, e, path, line)?;
            }
            Event::End(_) => {
                let e = stack
                    .pop()
                    .ok_or_else(|| FormatError::at(path, line, "unexpected end tag".into()))?;
                attach(&mut stack, &mut root, e, path, line)?;
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content()),
            Event::CData(c) => push_text(&mut stack, &c),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => match quick_xml::escape::resolve_predefined_entity(&r) {
                        Some(s) => s.to_string(),
                        None => {
                            return Err(FormatError::at(
                                path,
                                line,
                                format!("unknown entity `&{};`", &*r),
                            ));
                        }
                    },
                };
                push_text(&mut stack, &resolved);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(FormatError::at(
            path,
            open.line,
            format!("element <{}> is never closed", open.name),
        ));
    }
    let mut root =
        root.ok_or_else(|| FormatError::at(path, 1, "no root element: an empty file?".into()))?;
    trim_all(&mut root);
    Ok(root)
}

fn trim_all(e: &mut Element) {
    let t = e.text.trim();
    if t.len() != e.text.len() {
        e.text = t.to_string();
    }
    e.children.iter_mut().for_each(trim_all);
}

fn push_text(stack: &mut [Element], s: &str) {
    if let Some(top) = stack.last_mut() {
        top.text.push_str(s);
    }
}

fn attach(
    stack: &mut [Element],
    root: &mut Option<Element>,
    e: Element,
    path: &Path,
    line: usize,
) -> Result<(), FormatError> {
    match stack.last_mut() {
        Some(parent) => parent.children.push(e),
        None if root.is_none() => *root = Some(e),
        None => {
            return Err(FormatError::at(
                path,
                line,
                format!("second root element <{}>", e.name),
            ));
        }
    }
    Ok(())
}

fn start(s: &BytesStart, line: usize, path: &Path) -> Result<Element, FormatError> {
    let mut e = Element::new(s.name().into_inner().to_string());
    e.line = line;
    for a in s.attributes() {
        let a = a.map_err(|err| FormatError::at(path, line, format!("bad attribute: {err}")))?;
        let value = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|err| FormatError::at(path, line, format!("bad attribute value: {err}")))?;
        e.attrs
            .push((a.key.into_inner().to_string(), value.into_owned()));
    }
    Ok(e)
}

/// Turns byte offsets into 1-based line numbers, scanning the text once in order.
#[derive(Default)]
struct LineCounter {
    pos: usize,
    line: usize,
}

impl LineCounter {
    fn line_at(&mut self, text: &str, pos: usize) -> usize {
        let pos = pos.min(text.len());
        if pos < self.pos {
            self.pos = 0;
            self.line = 0;
        }
        self.line += text.as_bytes()[self.pos..pos]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        self.pos = pos;
        self.line + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_prefixed_names_entities_and_lines() {
        let doc = "<?xml version=\"1.0\"?>\n<a xmlns:x=\"u\">\n  <x:b k=\"1 &amp; 2\">t &lt; u</x:b>\n</a>";
        let root = parse(doc, Path::new("t.xml")).unwrap();
        let b = root.child("b").unwrap();
        assert_eq!(b.name, "x:b");
        assert_eq!(b.attr("k"), Some("1 & 2"));
        assert_eq!(b.text, "t < u");
        assert_eq!(b.line, 3);
        let mut out = String::new();
        root.write(&mut out, 0);
        let again = parse(&out, Path::new("t.xml")).unwrap();
        assert_eq!(again.child("b").unwrap().text, "t < u");
    }

    #[test]
    fn unclosed_and_malformed_are_errors_with_lines() {
        let e = parse("<a>\n<b>\n</a>", Path::new("f.xml")).unwrap_err();
        assert!(e.to_string().starts_with("f.xml:"), "{e}");
        let e = parse("<a>\n<b>", Path::new("f.xml")).unwrap_err();
        assert!(e.to_string().contains("never closed"), "{e}");
        assert!(parse("", Path::new("f.xml")).is_err());
    }

    #[test]
    fn a_limit_stops_at_the_first_element_beyond_it() {
        let limit = Limit {
            name: "p",
            max: 2,
            hint: "fewer, please",
        };
        let doc = "<a>\n<x:p/>\n<p></p>\n<q/>\n<p/>\n<p/>\n</a>";
        let e = parse_limited(doc, Path::new("f.xml"), &[limit]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "f.xml:5: more than 2 <p> elements: expected at most 2 (fewer, please)"
        );
        assert!(parse_limited("<a><p/><p/></a>", Path::new("f.xml"), &[limit]).is_ok());
    }
}
