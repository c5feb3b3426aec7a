//! [`Ranges`]: collects out-of-range values with their field paths during mission checks.

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

    /// `value` must be finite and > 0.
    pub fn positive(&mut self, path: &str, field: &str, value: f64) {
        if !(value.is_finite() && value > 0.0) {
            self.fail(
                format!("{path}.{field}"),
                format!("{value} is out of range: expected a number > 0"),
            );
        }
    }

    /// `value` must be finite and ≥ 0.
    pub fn non_negative(&mut self, path: &str, field: &str, value: f64) {
        if !(value.is_finite() && value >= 0.0) {
            self.fail(
                format!("{path}.{field}"),
                format!("{value} is out of range: expected a number ≥ 0"),
            );
        }
    }

    /// `value` must lie in [`lo`, `hi`].
    pub fn within(&mut self, path: &str, field: &str, value: f64, lo: f64, hi: f64) {
        if !(value.is_finite() && value >= lo && value <= hi) {
            self.fail(
                format!("{path}.{field}"),
                format!("{value} is out of range: expected a number from {lo} to {hi}"),
            );
        }
    }

    /// A WGS 84 position: longitude in [−180, 180], latitude in [−90, 90].
    pub fn lon_lat(&mut self, path: &str, lon: f64, lat: f64) {
        self.within(path, "lon", lon, -180.0, 180.0);
        self.within(path, "lat", lat, -90.0, 90.0);
    }

    /// The problems found, in the order they were found.
    pub fn into_issues(self) -> Vec<(String, String)> {
        self.issues
    }
}
