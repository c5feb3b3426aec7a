//! Live input end to end over loopback: real NMEA logs replayed over UDP and TCP into the reader
//! thread and the feed, checked against gpsd's answer key and the batch decoder; the hook
//! position against a lever-arm calculation written out by hand here; a 10,000-sentence burst.

use fathom::formats::nmea::{self, Fix};
use fathom::live::position::{self, Rig};
use fathom::live::replay::{self, Sink};
use fathom::live::{Feed, LinkState, Reader, Source};
use fathom::mission;
#[path = "../src/testdata.rs"]
mod testdata;
use std::collections::BTreeMap;
use std::io::Write;
use std::net::TcpListener;
use std::path::Path;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};
use testdata::shared_data;

/// Replays `log` into `reader` from another thread at `speed`, polling the feed until the sender
/// is done and the channel is empty. Bounded: fails after 20 s.
fn drain_replay(reader: &Reader, mut sinks: Vec<Sink>, log: &Path, speed: f64) -> Feed {
    let text = std::fs::read_to_string(log).unwrap();
    let sender = std::thread::spawn(move || {
        let lines = replay::schedule(&text);
        replay::send(&lines, &mut sinks, speed).unwrap()
    });
    let mut feed = Feed::new(Duration::from_secs(5), 60);
    let start = Instant::now();
    let mut sent = None;
    loop {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "replay did not finish"
        );
        let n = feed.poll(reader, 1000, Instant::now());
        if sent.is_none() && sender.is_finished() {
            sent = Some(0);
        }
        if let Some(quiet) = &mut sent {
            // Sender done: wait for 20 empty polls in a row (the last datagrams in flight).
            *quiet = if n == 0 { *quiet + 1 } else { 0 };
            if *quiet >= 20 {
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let n = sender.join().unwrap();
    assert_eq!(reader.stats().lines.load(Ordering::Relaxed), n as u64);
    assert_eq!(reader.stats().dropped.load(Ordering::Relaxed), 0);
    feed
}

/// The feed's fixes: the closed epochs and the newest one.
fn fixes(feed: &Feed) -> Vec<Fix> {
    let mut v: Vec<Fix> = feed.track().iter().cloned().collect();
    v.extend(feed.status(Instant::now()).fix);
    v
}

/// gpsd's TPV reports with a position, by time of day.
fn answer_key(chk: &Path) -> BTreeMap<String, (f64, f64)> {
    let mut out = BTreeMap::new();
    for line in std::fs::read_to_string(chk).unwrap().lines() {
        if !line.starts_with('{') {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        if v["class"] == "TPV" && v.get("lat").is_some() {
            let tod = v["time"].as_str().unwrap()[11..19].to_string();
            out.entry(tod)
                .or_insert((v["lat"].as_f64().unwrap(), v["lon"].as_f64().unwrap()));
        }
    }
    out
}

fn check_saab(feed: &Feed, log: &Path, chk: &Path) {
    let got = fixes(feed);
    let key = answer_key(chk);
    assert_eq!(key.len(), 12);
    assert_eq!(got.len(), key.len());
    for f in &got {
        let tod = f.time.format("%H:%M:%S").to_string();
        let (lat, lon) = key[&tod];
        assert!(
            (f.lat - lat).abs() < 1e-8 && (f.lon - lon).abs() < 1e-8,
            "{tod}: {f:?}"
        );
        assert_eq!(f.time.format("%Y-%m-%d").to_string(), "2011-06-01");
    }
    // The stream decodes as the file does.
    assert_eq!(got, nmea::read(log).unwrap().fixes);
    assert_eq!(feed.counts().ais, 14);
    assert_eq!(feed.status(Instant::now()).state, LinkState::Live);
}

#[test]
fn saab_log_over_udp_matches_gpsd() {
    let (Some(log), Some(chk)) = (
        shared_data("nmea/gpsd_saab-r4.log"),
        shared_data("nmea/gpsd_saab-r4.log.chk"),
    ) else {
        return;
    };
    let reader = Reader::start(&Source::Udp("127.0.0.1:0".parse().unwrap()), 4096).unwrap();
    let sink = Sink::udp(reader.local_addr().unwrap()).unwrap();
    let feed = drain_replay(&reader, vec![sink], &log, 50.0);
    check_saab(&feed, &log, &chk);
}

#[test]
fn saab_log_over_tcp_matches_gpsd_and_the_log_file_reads_back() {
    let (Some(log), Some(chk)) = (
        shared_data("nmea/gpsd_saab-r4.log"),
        shared_data("nmea/gpsd_saab-r4.log.chk"),
    ) else {
        return;
    };
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let reader = Reader::start(&Source::Tcp(addr.to_string()), 4096).unwrap();
    let sink = Sink::accept(&listener, Duration::from_secs(10)).unwrap();
    let text = std::fs::read_to_string(&log).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("received.nmea");
    let mut feed = Feed::new(Duration::from_secs(5), 60);
    feed.log_to(&rec, &addr.to_string()).unwrap();
    let mut sinks = vec![sink];
    let n = replay::send(&replay::schedule(&text), &mut sinks, 50.0).unwrap();
    drop(sinks); // closes the connection
    let start = Instant::now();
    while feed.counts().lines < n {
        assert!(start.elapsed() < Duration::from_secs(20), "lines missing");
        feed.poll(&reader, 1000, Instant::now());
        std::thread::sleep(Duration::from_millis(5));
    }
    check_saab(&feed, &log, &chk);
    // What was received, written as a log, reads back as the same fixes (`fathom track`).
    assert_eq!(nmea::read(&rec).unwrap().fixes, fixes(&feed));
}

/// WGS 84 meridian and prime-vertical radii of curvature (m) at latitude `lat` (degrees).
fn radii(lat: f64) -> (f64, f64) {
    let (a, f) = (6_378_137.0, 1.0 / 298.257_223_563);
    let e2 = f * (2.0 - f);
    let s2 = lat.to_radians().sin().powi(2);
    let w = (1.0 - e2 * s2).sqrt();
    (a * (1.0 - e2) / (w * w * w), a / w)
}

/// Moves (lon, lat) by `n`, `e` metres on the local tangent plane, with the radii at the
/// mid-latitude; over 100 m this differs from the geodesic by the convergence of the meridians,
/// e²·tan φ / 2R ≈ 1 mm at 42° N.
fn offset(lon: f64, lat: f64, n: f64, e: f64) -> (f64, f64) {
    let mid = lat + (n / radii(lat).0).to_degrees() / 2.0;
    let (m, nn) = radii(mid);
    (
        lon + (e / (nn * mid.to_radians().cos())).to_degrees(),
        lat + (n / m).to_degrees(),
    )
}

/// Metres between two nearby lon/lat points on the tangent plane.
fn metres(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (m, n) = radii(a.1);
    let dn = (b.1 - a.1).to_radians() * m;
    let de = (b.0 - a.0).to_radians() * n * a.1.to_radians().cos();
    dn.hypot(de)
}

#[test]
fn hook_from_a_replayed_attitude_log_matches_a_hand_lever_arm_calculation() {
    let Some(log) = shared_data("nmea/gpsd_rst39.log") else {
        return;
    };
    let m = mission::load(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/missions/demo.toml"
    )))
    .unwrap();
    let vessel = m.vessel.as_ref().unwrap();
    let crane = vessel.crane.as_ref().unwrap();
    let plan = m.lift.as_ref().unwrap();
    let rig = Rig {
        crane,
        plan,
        length_m: vessel.length_m,
        beam_m: vessel.beam_m,
        cabin_offset_deg: 90.0,
    };
    let reader = Reader::start(&Source::Udp("127.0.0.1:0".parse().unwrap()), 4096).unwrap();
    let sink = Sink::udp(reader.local_addr().unwrap()).unwrap();
    let feed = drain_replay(&reader, vec![sink], &log, 20.0);
    let status = feed.status(Instant::now());
    let fix = status.fix.unwrap();
    let att = status.attitude.unwrap();
    // The OxTS log's last GGA (with HDT 74.79) and PASHR: 20:41:36.00 and 20:41:35.960; the
    // attitude sensor's heading (74.42) is used with its roll and pitch.
    assert_eq!(fix.time.format("%H:%M:%S%.3f").to_string(), "20:41:36.000");
    assert_eq!(fix.heading_deg, Some(74.79));
    assert_eq!(att.ms, ((20 * 60 + 41) * 60 + 35) * 1000 + 960);
    assert!(att.roll_deg != 0.0 && att.pitch_deg != 0.0);

    // By hand: lever arm antenna → boom tip in the body frame (x fwd, y stbd, z down), the tip
    // at the plan's radius and slew from the slew centre.
    let (p, a) = (
        crane.pedestal_fwd_stbd_up_m,
        crane.gnss_antenna_fwd_stbd_up_m,
    );
    let slew = plan.slew_deg.to_radians();
    let d = [
        p[0] + plan.radius_m * slew.cos() - a[0],
        p[1] + plan.radius_m * slew.sin() - a[1],
        -(p[2] - a[2]),
    ];
    let (ps, hs, rs) = (
        att.pitch_deg.to_radians(),
        att.heading_deg.to_radians(),
        att.roll_deg.to_radians(),
    );
    // Roll about x, then pitch about y, then heading about z (Fossen 2011 eq. 2.18).
    let r1 = [
        d[0],
        d[1] * rs.cos() - d[2] * rs.sin(),
        d[1] * rs.sin() + d[2] * rs.cos(),
    ];
    let r2 = [
        r1[0] * ps.cos() + r1[2] * ps.sin(),
        r1[1],
        -r1[0] * ps.sin() + r1[2] * ps.cos(),
    ];
    let north = r2[0] * hs.cos() - r2[1] * hs.sin();
    let east = r2[0] * hs.sin() + r2[1] * hs.cos();
    let hook = offset(fix.lon, fix.lat, north, east);

    // A target 3 m north and 4 m east of the hand-computed hook, heading 1.5° off the cabin's.
    let (tlon, tlat) = offset(hook.0, hook.1, 3.0, 4.0);
    let cabin = mission::Cabin {
        lon: tlon,
        lat: tlat,
        heading_deg: (att.heading_deg + 90.0 - 1.5).rem_euclid(360.0),
        ..m.cabins[0].clone()
    };
    let pos = position::locate(&rig, &fix, Some(&att), Some(&cabin)).unwrap();
    assert!(pos.measured_attitude);
    assert!(metres(pos.hook, hook) < 0.005, "{:?} vs {hook:?}", pos.hook);
    let t = pos.target.as_ref().unwrap();
    assert!((t.distance_m - 5.0).abs() < 0.005, "{t:?}");
    // ±0.1° at 5 m is ±9 mm: the hand hook's own tangent-plane error (≈ 1 mm) dominates.
    assert!(
        (t.bearing_deg - 4f64.atan2(3.0).to_degrees()).abs() < 0.1,
        "{t:?}"
    );
    assert!((t.heading_error_deg - 1.5).abs() < 1e-9, "{t:?}");
    assert!(!t.within_tolerance);
    // The vessel reference point lies the antenna's horizontal lever arm away, give or take
    // what the small tilt swings its height through.
    let arm = a[0].hypot(a[1]);
    let swing = a[2].abs()
        * (att.roll_deg.abs() + att.pitch_deg.abs())
            .to_radians()
            .sin();
    let r = metres(pos.antenna, pos.reference);
    assert!((r - arm).abs() <= swing + 1e-3, "{r} {arm} {swing}");

    // Without a heading no crane position; an attitude sample 3 s off the fix is not used (level,
    // the HDT heading instead).
    let headless = Fix {
        heading_deg: None,
        ..fix.clone()
    };
    assert!(position::locate(&rig, &headless, None, None).is_none());
    let old = nmea::AttitudeSample {
        ms: att.ms - 3_000,
        ..att
    };
    let level = position::locate(&rig, &fix, Some(&old), None).unwrap();
    assert!(!level.measured_attitude && level.target.is_none());
    assert_eq!(level.attitude.heading_deg, 74.79);
    assert_eq!(
        (level.attitude.roll_deg, level.attitude.pitch_deg),
        (0.0, 0.0)
    );

    // The as-placed record: the antenna fix, the attitude and the rigged cabin heading.
    let rec = position::as_placed(&pos, &cabin.id, rig.cabin_offset_deg);
    assert_eq!((rec.lon, rec.lat), (fix.lon, fix.lat));
    assert_eq!((rec.roll_deg, rec.pitch_deg), (att.roll_deg, att.pitch_deg));
    assert!((rec.cabin_heading_deg - (att.heading_deg + 90.0).rem_euclid(360.0)).abs() < 1e-9);
}

#[test]
fn burst_of_10000_sentences_is_absorbed_and_drops_counted() {
    const N: usize = 10_000;
    const CAP: usize = 1_000;
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let reader = Reader::start(&Source::Tcp(addr.to_string()), CAP).unwrap();
    let (mut s, _) = listener.accept().unwrap();
    let mut burst = String::new();
    for i in 0..N {
        let spoil = i % 2 == 1;
        let body = format!(
            "GPGGA,{:02}{:02}{:02},5000.{:04},N,00100.0,W,1,08,0.9,1.0,M,,,,",
            i / 3600 % 24,
            i / 60 % 60,
            i % 60,
            i
        );
        let sum = body.bytes().fold(0u8, |a, b| a ^ b);
        // Every other checksum spoiled: bad sentences are counted, never fatal.
        let sum = if spoil { sum ^ 0xFF } else { sum };
        burst.push_str(&format!("${body}*{sum:02X}\r\n"));
    }
    s.write_all(burst.as_bytes()).unwrap();
    s.write_all(b"$GPGGA,garbage\r\n").unwrap();
    drop(s);
    let stats = reader.stats();
    let start = Instant::now();
    while stats.lines.load(Ordering::Relaxed) < (N + 1) as u64 {
        assert!(start.elapsed() < Duration::from_secs(20), "burst not read");
        std::thread::sleep(Duration::from_millis(5));
    }
    // Nobody polled during the burst: the channel holds CAP lines, the rest were dropped.
    assert_eq!(stats.dropped.load(Ordering::Relaxed), (N + 1 - CAP) as u64);
    // A frame takes a bounded share.
    let mut feed = Feed::new(Duration::from_secs(5), 60);
    assert_eq!(feed.poll(&reader, 256, Instant::now()), 256);
    assert_eq!(feed.poll(&reader, usize::MAX, Instant::now()), CAP - 256);
    assert_eq!(feed.counts().sentences["GGA"], CAP / 2);
    assert_eq!(feed.counts().bad_checksum, CAP / 2);
    // The first CAP lines are the ones kept: the newest good fix is line CAP − 2.
    let f = feed.status(Instant::now()).fix.unwrap();
    assert!((f.lat - (50.0 + (0.0998 / 60.0))).abs() < 1e-9, "{f:?}");
    assert_eq!(feed.track().len(), CAP / 2 - 1);
}

#[test]
fn replay_command_sends_every_line_over_udp() {
    let Some(log) = shared_data("nmea/gpsd_saab-r4.log") else {
        return;
    };
    let reader = Reader::start(&Source::Udp("127.0.0.1:0".parse().unwrap()), 4096).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_fathom"))
        .args(["replay", log.to_str().unwrap(), "--speed", "100", "--udp"])
        .arg(reader.local_addr().unwrap().to_string())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&log).unwrap();
    let n = replay::schedule(&text).len();
    assert!(String::from_utf8_lossy(&out.stderr).contains(&format!("sent {n} lines")));
    let mut feed = Feed::new(Duration::from_secs(5), 60);
    let start = Instant::now();
    while feed.counts().lines < n {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "datagrams missing"
        );
        feed.poll(&reader, 1000, Instant::now());
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(
        feed.track().len() + 1,
        nmea::read(&log).unwrap().fixes.len()
    );
    // A bad speed is refused with exit code 2.
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_fathom"))
        .args([
            "replay",
            log.to_str().unwrap(),
            "--speed",
            "0",
            "--udp",
            "127.0.0.1:9",
        ])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--speed 0: expected a positive factor"));
}
