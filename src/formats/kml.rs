//! KML 2.2 (OGC 07-147r2) export of the mission's objects for Google Earth and QGIS: one
//! `Folder` per kind, a `Placemark` per feature with its properties as `ExtendedData`.
//! Coordinates are `lon,lat` in WGS 84 as KML requires.

use super::features::{Feature, Geometry};
use super::xml::Element;

fn coords(pts: &[[f64; 2]]) -> String {
    pts.iter()
        .map(|p| format!("{},{}", super::decimal(p[0], 9), super::decimal(p[1], 9)))
        .collect::<Vec<_>>()
        .join(" ")
}

fn geometry(g: &Geometry) -> Element {
    let c = |pts: &[[f64; 2]]| Element::new("coordinates").with_text(coords(pts));
    match g {
        Geometry::Point(p) => Element::new("Point").with_child(c(&[*p])),
        Geometry::Line(l) => Element::new("LineString")
            .with_child(Element::new("tessellate").with_text("1"))
            .with_child(c(l)),
        Geometry::Polygon(r) => Element::new("Polygon").with_child(
            Element::new("outerBoundaryIs").with_child(Element::new("LinearRing").with_child(c(r))),
        ),
    }
}

/// The features as a KML document named `name`.
pub fn write(name: &str, features: &[Feature]) -> String {
    let mut doc = Element::new("Document").with_child(Element::new("name").with_text(name));
    let mut kinds: Vec<&str> = features.iter().map(|f| f.kind).collect();
    kinds.dedup();
    let mut seen = Vec::new();
    for kind in kinds {
        if seen.contains(&kind) {
            continue;
        }
        seen.push(kind);
        let mut folder = Element::new("Folder").with_child(Element::new("name").with_text(kind));
        for f in features.iter().filter(|f| f.kind == kind) {
            let mut data = Element::new("ExtendedData");
            for (k, v) in &f.properties {
                let text = match v {
                    serde_json::Value::Null => continue,
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                data = data.with_child(
                    Element::new("Data")
                        .attr_set("name", *k)
                        .with_child(Element::new("value").with_text(text)),
                );
            }
            let mut pm = Element::new("Placemark")
                .with_child(Element::new("name").with_text(f.name.as_str()));
            if !data.children.is_empty() {
                pm = pm.with_child(data);
            }
            folder = folder.with_child(pm.with_child(geometry(&f.geometry)));
        }
        doc = doc.with_child(folder);
    }
    let root = Element::new("kml")
        .attr_set("xmlns", "http://www.opengis.net/kml/2.2")
        .with_child(doc);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    root.write(&mut out, 0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn placemarks_with_data_and_lon_lat_order() {
        let f = vec![Feature {
            kind: "waypoint",
            name: "A & B".into(),
            geometry: Geometry::Point([122.5, 30.25]),
            properties: vec![
                ("speed_kn", serde_json::json!(8.0)),
                ("eta", serde_json::Value::Null),
            ],
        }];
        let text = write("demo", &f);
        let root = super::super::xml::parse(&text, Path::new("t.kml")).unwrap();
        let pm = root
            .child("Document")
            .unwrap()
            .child("Folder")
            .unwrap()
            .child("Placemark")
            .unwrap();
        assert_eq!(pm.child_text("name"), Some("A & B"));
        assert_eq!(
            pm.child("Point").unwrap().child_text("coordinates"),
            Some("122.5,30.25")
        );
        let data: Vec<_> = pm
            .child("ExtendedData")
            .unwrap()
            .children_named("Data")
            .collect();
        assert_eq!(data.len(), 1);
        assert_eq!(data[0].child_text("value"), Some("8.0"));
    }
}
