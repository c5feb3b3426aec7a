//! GeoJSON (RFC 7946) export of the mission's objects: one FeatureCollection, WGS 84 lon/lat,
//! every feature with `kind` and `name` properties plus its own (speed, ETA, buffer…).

use super::features::{Feature, Geometry};
use serde_json::{Map, Value, json};

fn coords(g: &Geometry) -> Value {
    match g {
        Geometry::Point(p) => json!({"type": "Point", "coordinates": p}),
        Geometry::Line(l) => json!({"type": "LineString", "coordinates": l}),
        Geometry::Polygon(r) => json!({"type": "Polygon", "coordinates": [r]}),
    }
}

/// The features as a GeoJSON FeatureCollection (pretty-printed, deterministic key order).
pub fn write(features: &[Feature]) -> String {
    let features: Vec<Value> = features
        .iter()
        .map(|f| {
            let mut props = Map::new();
            props.insert("kind".into(), json!(f.kind));
            props.insert("name".into(), json!(f.name));
            for (k, v) in &f.properties {
                props.insert((*k).into(), v.clone());
            }
            json!({"type": "Feature", "geometry": coords(&f.geometry), "properties": props})
        })
        .collect();
    let doc = json!({"type": "FeatureCollection", "features": features});
    let mut s = serde_json::to_string_pretty(&doc).expect("JSON values always serialise");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_parseable_feature_collection() {
        let f = vec![
            Feature {
                kind: "route",
                name: "R".into(),
                geometry: Geometry::Line(vec![[1.0, 2.0], [3.0, 4.0]]),
                properties: vec![("length_nm", json!(1.5))],
            },
            Feature {
                kind: "cabin_footprint",
                name: "C1".into(),
                geometry: Geometry::Polygon(vec![[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]),
                properties: vec![],
            },
        ];
        let text = write(&f);
        let gj: geojson::GeoJson = text.parse().unwrap();
        let geojson::GeoJson::FeatureCollection(fc) = gj else {
            panic!("not a collection")
        };
        assert_eq!(fc.features.len(), 2);
        assert_eq!(fc.features[0].property("length_nm"), Some(&json!(1.5)));
        assert_eq!(
            fc.features[1].property("kind"),
            Some(&json!("cabin_footprint"))
        );
    }
}
