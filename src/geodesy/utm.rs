//! Automatic choice of a projected working CRS for a site: the UTM zone (and the Chinese
//! Gauss–Krüger zones) containing a point. Named `utm` so as not to be confused with the
//! exclusion zones of [`crate::zones`].

/// EPSG code of the WGS 84 / UTM zone containing (`lon`, `lat`): 326zz north, 327zz south.
///
/// Zones are 6° wide from 180° W (zone 1); the Norway (32V) and Svalbard (31X–37X) exceptions of
/// the UTM standard (NGA.SIG.0012, §2) are applied so that the zone agrees with GIS tools.
pub fn utm_epsg(lon: f64, lat: f64) -> u32 {
    let lon = normalize_lon(lon);
    let mut zone = (((lon + 180.0) / 6.0).floor() as i32 + 1).clamp(1, 60);
    if (56.0..64.0).contains(&lat) && (3.0..12.0).contains(&lon) {
        zone = 32;
    }
    if (72.0..=84.0).contains(&lat) && (0.0..42.0).contains(&lon) {
        zone = match lon {
            l if l < 9.0 => 31,
            l if l < 21.0 => 33,
            l if l < 33.0 => 35,
            _ => 37,
        };
    }
    let base = if lat >= 0.0 { 32600 } else { 32700 };
    base + zone as u32
}

/// EPSG code of the CGCS2000 3-degree Gauss–Krüger CM zone for `lon` (EPSG:4534–4554, central
/// meridians 75°E–135°E), the projection used on Chinese charts and surveys (GB/T 17798).
/// `None` outside China's longitudes.
pub fn cgcs2000_gk_3deg(lon: f64) -> Option<u32> {
    let cm = (lon / 3.0).round() as i32 * 3;
    (75..=135)
        .contains(&cm)
        .then(|| 4534 + ((cm - 75) / 3) as u32)
}

/// EPSG code of the CGCS2000 6-degree Gauss–Krüger CM zone for `lon` (EPSG:4502–4512, central
/// meridians 75°E–135°E). `None` outside China's longitudes.
pub fn cgcs2000_gk_6deg(lon: f64) -> Option<u32> {
    let zone = ((lon + 180.0) / 6.0).floor() as i32 + 1;
    let cm = zone * 6 - 183;
    (75..=135)
        .contains(&cm)
        .then(|| 4502 + ((cm - 75) / 6) as u32)
}

fn normalize_lon(lon: f64) -> f64 {
    let l = (lon + 180.0).rem_euclid(360.0) - 180.0;
    if l >= 180.0 { l - 360.0 } else { l }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utm_zones() {
        assert_eq!(utm_epsg(5.3, 53.4), 32631); // Wadden Sea
        assert_eq!(utm_epsg(122.0, 30.8), 32651); // Lingang
        assert_eq!(utm_epsg(110.0, 18.4), 32649); // Lingshui
        assert_eq!(utm_epsg(-3.0, 59.0), 32630); // Orkney
        assert_eq!(utm_epsg(151.2, -33.9), 32756); // Sydney
        assert_eq!(utm_epsg(5.0, 60.0), 32632); // Bergen, Norway exception
        assert_eq!(utm_epsg(15.0, 78.0), 32633); // Svalbard
        assert_eq!(utm_epsg(180.0, 0.0), 32601);
    }

    #[test]
    fn gauss_kruger_zones() {
        assert_eq!(cgcs2000_gk_3deg(121.9), Some(4550)); // CM 123E
        assert_eq!(cgcs2000_gk_3deg(120.6), Some(4549)); // CM 120E
        assert_eq!(cgcs2000_gk_6deg(121.9), Some(4510)); // zone 21, CM 123E
        assert_eq!(cgcs2000_gk_6deg(110.0), Some(4508)); // zone 19, CM 111E
        assert_eq!(cgcs2000_gk_3deg(5.0), None);
    }
}
