//! Siting through the library as a user's own test would drive it: the automatic layout on the
//! demo mission, validated by the same rules as `fathom validate`.

use fathom::mission::Context;
use fathom::siting::plan::layout_cabins;
use fathom::validate::validate;
use std::path::Path;

#[test]
fn a_layout_keeps_clear_of_the_turbines() {
    let mut ctx =
        Context::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("missions/demo.toml")).unwrap();
    // A turbine where the layout put its best cabin: the next layout must avoid it.
    let (_, first) = layout_cabins(&ctx, None, 3, false).unwrap();
    let farm = ctx
        .mission
        .wind_farm
        .as_mut()
        .expect("the demo has a wind farm");
    farm.positions = vec![[first[0].lon, first[0].lat]];
    let (report, cabins) = layout_cabins(&ctx, None, 3, false).unwrap();
    assert_eq!(cabins.len(), 3, "{}", report.why_short());
    ctx.mission.cabins.extend(cabins);
    let codes: Vec<String> = validate(&ctx).into_iter().map(|f| f.code).collect();
    // SITE-RESOLUTION is the 40 m grid's, not the layout's: every cabin on it carries one.
    assert!(
        codes
            .iter()
            .all(|c| c != "WIND-LAYOUT" && (c == "SITE-RESOLUTION" || !c.starts_with("SITE-"))),
        "{codes:?}"
    );
}
