//! [`Ranges`]: collects out-of-range values with their field paths during mission checks.

/// The plausible (minimum, maximum) of a mission quantity by field name, beyond which a value is a
/// typing slip or a hostile file, not a plan: a 1e308 m cabin would otherwise be rasterised
/// (12 GiB) and a 1e-300 kn leg would put the ETA past the end of time. The bounds are generous
/// estimates \[E\] a real mission never meets: the largest ships (≈ 460 m, 70 m beam, 25 m
/// draught), heavy-lift vessels (≈ 20,000 t, hook heights ≈ 150 m), the fastest service craft
/// (≈ 45 kn), sea states and currents beyond any lift window (Hs 20 m, 10 m/s), one year for
/// durations, half the globe for a transit. Fields without an entry have no upper bound (the
/// test `campaign_and_lift_fields_are_all_bounded` keeps the campaign and lift fields listed).
pub fn plausible(field: &str) -> (f64, f64) {
    let max = match field {
        "speed_kn" | "service_speed_kn" => return (0.1, 60.0),
        // Cable lay: ploughs and jetting run at ≈ 0.1–1 km/h, surface lay a few km/h \[E\].
        "lay_speed_kmh" => return (0.01, 50.0),
        "length_m" | "width_m" | "diameter_m" | "radius_m" => 500.0,
        "beam_m" | "max_relief_m" | "seabed_hold_height_m" | "liftoff_clearance_m" => 100.0,
        "draught_m" | "deck_height_m" | "ukc_min_m" => 50.0,
        "height_m" | "max_hook_height_m" | "rigging_height_m" => 300.0,
        "mass_t" | "rigging_mass_t" | "swl_t" | "deck_load_t" => 50_000.0,
        "displaced_volume_m3" | "lateral_area_m2" => 100_000.0,
        "wire_diameter_m" => 1.0,
        "wire_mass_kg_m" => 500.0,
        "tolerance_m" => 1_000.0,
        "buffer_m" | "mixing_zone_m" => 100_000.0,
        "hs_max_m" => 20.0,
        // Peak periods: long swell reaches ≈ 25 s; a limit beyond 40 s limits nothing.
        "tp_max_s" => 40.0,
        "wind_max_ms" => 80.0,
        "current_max_ms" | "surface_ms" | "plume_current_ms" => 10.0,
        "lowering_speed_m_min" | "set_down_speed_m_min" => 200.0,
        "liftoff_min" | "splash_hold_min" | "seabed_hold_min" => 1_440.0,
        "duration_h" | "contingency_h" | "mobilisation_h" | "load_out_h" => 8_760.0,
        "transit_nm" => 20_000.0,
        "vessel_day_rate_eur" => 1e8,
        "mobilisation_eur" => 1e10,
        "heading_tolerance_deg" => 180.0,
        "interference_limit_k" | "plume_limit_summer_k" | "plume_limit_other_k" => 50.0,
        "pump_head_m" => 1_000.0,
        "rack_kw" | "auxiliary_kw" => 100_000.0,
        "ua_kw_per_k" | "ua_clean_kw_per_k" | "hx_area_m2" => 1_000_000.0,
        "cable_capacity_mw" => 100_000.0,
        _ => f64::INFINITY,
    };
    (0.0, max)
}

/// A value as a reader would type it: 1e-300 and 1e308 in exponent form, not 300 digits.
pub fn shown(value: f64) -> String {
    let a = value.abs();
    if a != 0.0 && a.is_finite() && !(1e-4..1e9).contains(&a) {
        format!("{value:e}")
    } else {
        value.to_string()
    }
}

/// Collector of range problems: (field path, what was expected).
#[derive(Default, Debug)]
pub struct Ranges {
    issues: Vec<(String, String)>,
}

impl Ranges {
    /// Records a problem at `path`.
    pub fn fail(&mut self, path: String, message: String) {
        self.issues.push((path, message));
    }

    /// `value` must be finite and > 0, and no more than the field's plausible maximum
    /// (`plausible`).
    pub fn positive(&mut self, path: &str, field: &str, value: f64) {
        let (lo, hi) = plausible(field);
        if !(value.is_finite() && value > 0.0 && value >= lo && value <= hi) {
            let expected = match (lo > 0.0, hi < f64::INFINITY) {
                (true, _) => format!("a number from {lo} to {hi}"),
                (false, true) => format!("a number > 0 and ≤ {hi}"),
                (false, false) => "a number > 0".to_string(),
            };
            self.fail(
                format!("{path}.{field}"),
                format!("{} is out of range: expected {expected}", shown(value)),
            );
        }
    }

    /// `value` must be finite and ≥ 0, and no more than the field's plausible maximum.
    pub fn non_negative(&mut self, path: &str, field: &str, value: f64) {
        let (_, hi) = plausible(field);
        if !(value.is_finite() && value >= 0.0 && value <= hi) {
            let expected = if hi < f64::INFINITY {
                format!("a number from 0 to {hi}")
            } else {
                "a number ≥ 0".to_string()
            };
            self.fail(
                format!("{path}.{field}"),
                format!("{} is out of range: expected {expected}", shown(value)),
            );
        }
    }

    /// `value` must lie in [`lo`, `hi`].
    pub fn within(&mut self, path: &str, field: &str, value: f64, lo: f64, hi: f64) {
        if !(value.is_finite() && value >= lo && value <= hi) {
            self.fail(
                format!("{path}.{field}"),
                format!(
                    "{} is out of range: expected a number from {lo} to {hi}",
                    shown(value)
                ),
            );
        }
    }

    /// A WGS 84 position: longitude in [−180, 180], latitude in [−90, 90].
    pub fn lon_lat(&mut self, path: &str, lon: f64, lat: f64) {
        self.within(path, "lon", lon, -180.0, 180.0);
        self.within(path, "lat", lat, -90.0, 90.0);
    }

    /// Each id of the `section` array (`cabins`, `cabin_types`…) must be unique: findings and
    /// references name objects by id, so a second `C1` would be silently shadowed by the first.
    pub fn unique_ids<'a>(&mut self, section: &str, ids: impl IntoIterator<Item = &'a str>) {
        let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for (i, id) in ids.into_iter().enumerate() {
            if let Some(first) = seen.insert(id, i) {
                seen.insert(id, first);
                self.fail(
                    format!("{section}[{i}].id"),
                    format!("duplicate id `{id}` (already used by {section}[{first}]); expected a unique id"),
                );
            }
        }
    }

    /// The problems found, in the order they were found.
    pub fn into_issues(self) -> Vec<(String, String)> {
        self.issues
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_quantity_has_an_upper_bound_in_the_message() {
        let mut r = Ranges::default();
        r.positive("cabin_types[0]", "width_m", 1e308);
        r.positive("routes[0].waypoints[1]", "speed_kn", 1e-300);
        r.non_negative("cabin_types[0]", "rack_kw", 1e12);
        r.positive("cabin_types[0]", "width_m", 12.0);
        r.positive("x", "unbounded_thing", 1e300);
        let issues = r.into_issues();
        assert_eq!(issues.len(), 3, "{issues:?}");
        assert_eq!(issues[0].0, "cabin_types[0].width_m");
        assert!(issues[0].1.contains("≤ 500"), "{}", issues[0].1);
        assert!(issues[1].1.contains("from 0.1 to 60"), "{}", issues[1].1);
        assert!(issues[2].1.contains("from 0 to 100000"), "{}", issues[2].1);
    }

    /// A step of a path into a TOML document.
    enum Step {
        Key(String),
        Index(usize),
    }

    /// The numeric leaves under `v`, as paths.
    fn leaves(v: &toml::Value, at: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
        let copy = |at: &Vec<Step>| {
            at.iter()
                .map(|s| match s {
                    Step::Key(k) => Step::Key(k.clone()),
                    Step::Index(i) => Step::Index(*i),
                })
                .collect()
        };
        match v {
            toml::Value::Float(_) | toml::Value::Integer(_) => out.push(copy(at)),
            toml::Value::Table(t) => {
                for (k, x) in t {
                    at.push(Step::Key(k.clone()));
                    leaves(x, at, out);
                    at.pop();
                }
            }
            toml::Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    at.push(Step::Index(i));
                    leaves(x, at, out);
                    at.pop();
                }
            }
            _ => {}
        }
    }

    fn at<'a>(mut v: &'a mut toml::Value, path: &[Step]) -> &'a mut toml::Value {
        for s in path {
            v = match s {
                Step::Key(k) => v.get_mut(k.as_str()).unwrap(),
                Step::Index(i) => v.get_mut(*i).unwrap(),
            };
        }
        v
    }

    fn shown_path(path: &[Step]) -> String {
        let mut s = String::new();
        for step in path {
            match step {
                Step::Key(k) if s.is_empty() => s.push_str(k),
                Step::Key(k) => s.push_str(&format!(".{k}")),
                Step::Index(i) => s.push_str(&format!("[{i}]")),
            }
        }
        s
    }

    #[test]
    fn campaign_and_lift_fields_are_all_bounded() {
        // issue #18: `tp_max_s = 1e300` was accepted. Every number of [campaign], [lift],
        // [vessel.crane] and the cabins' drag, set far beyond reason (1e300, or 4294967295 for
        // a count), is refused by a range check naming that field (or the table row holding it).
        use crate::mission::Mission;
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(root.join("missions/demo.toml")).unwrap();
        // The demo's [campaign] is its last table: optional fields and an operation with every
        // limit go after it.
        let extra = "deck_load_t = 5000.0\ntransit_nm = 100.0\n[[campaign.operations]]\n\
                     kind = \"cable_lay\"\nduration_h = 4.0\ncontingency_h = 2.0\n\
                     hs_max_m = 1.5\nwind_max_ms = 15.0\ncurrent_max_ms = 0.5\ntp_max_s = 12.0\n\
                     lay_speed_kmh = 1.0\n";
        let mut v: toml::Value = toml::from_str(&format!("{text}\n{extra}")).unwrap();
        let add = |v: &mut toml::Value, path: &[&str], snippet: &str| {
            let mut t = v;
            for k in path {
                t = t.get_mut(*k).unwrap();
            }
            let new: toml::Table = toml::from_str(snippet).unwrap();
            t.as_table_mut().unwrap().extend(new);
        };
        add(
            &mut v,
            &["lift", "current"],
            "table = [[0.0, 1.0], [1.0, 0.5]]",
        );
        add(
            &mut v,
            &["lift"],
            "as_placed = [{ cabin = \"C1\", lon = 122.0, lat = 30.6, heading_deg = 10.0, \
             slew_deg = 180.0, radius_m = 40.0, cabin_heading_deg = 12.0 }]",
        );
        let op = [
            Step::Key("lift".into()),
            Step::Key("operations".into()),
            Step::Index(0),
        ];
        at(&mut v, &op)
            .as_table_mut()
            .unwrap()
            .insert("contingency_h".into(), toml::Value::Float(6.0));
        add(
            &mut v,
            &["vessel", "crane"],
            "hook_height_table = [[25.0, 90.0], [95.0, 40.0]]",
        );
        let full: Mission = v.try_into().unwrap();
        assert_eq!(full.check_ranges(), vec![], "the extended demo is in range");
        let full = toml::Value::try_from(&full).unwrap();
        let mut paths = Vec::new();
        for root in [
            vec![Step::Key("campaign".into())],
            vec![Step::Key("lift".into())],
            vec![Step::Key("vessel".into()), Step::Key("crane".into())],
            vec![
                Step::Key("cabin_types".into()),
                Step::Index(0),
                Step::Key("drag".into()),
            ],
        ] {
            let mut start = root;
            leaves(at(&mut full.clone(), &start), &mut start, &mut paths);
        }
        assert!(paths.len() > 60, "{} numbers", paths.len());
        for path in &paths {
            let mut bad = full.clone();
            let leaf = at(&mut bad, path);
            *leaf = match leaf {
                toml::Value::Integer(_) => toml::Value::Integer(i64::from(u32::MAX)),
                _ => toml::Value::Float(1e300),
            };
            let name = shown_path(path);
            let m: Mission = bad.try_into().unwrap();
            let issues = m.check_ranges();
            assert!(
                issues.iter().any(|(p, _)| name.starts_with(p.as_str())
                    && matches!(name.as_bytes().get(p.len()), None | Some(b'.' | b'['))),
                "{name} = huge was accepted: {issues:?}"
            );
        }
    }

    #[test]
    fn duplicate_ids_name_both_entries() {
        let mut r = Ranges::default();
        r.unique_ids("cabins", ["C1", "C2", "C1", "C1"]);
        let issues = r.into_issues();
        assert_eq!(issues.len(), 2);
        assert_eq!(issues[0].0, "cabins[2].id");
        assert!(
            issues[0]
                .1
                .contains("duplicate id `C1` (already used by cabins[0])")
        );
        assert_eq!(issues[1].0, "cabins[3].id");
    }
}
