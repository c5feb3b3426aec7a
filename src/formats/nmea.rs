//! NMEA 0183 logs → timed GNSS fixes.
//!
//! Sentence layouts (domain-reference §4.1; NMEA 0183 v4.11 as documented by gpsd's
//! `NMEA 0183 – Revealed`): `$--GGA,time,lat,N,lon,E,quality,…`, `$--RMC,time,A|V,lat,N,lon,E,
//! sog_kn,cog_T,ddmmyy,…`, `$--VTG,cog_T,T,cog_M,M,sog_kn,N,…`, `$--HDT,heading,T`,
//! `$--HDG,magnetic,deviation,E|W,variation,E|W`, `$--ZDA,time,dd,mm,yyyy,…`, `$--GLL,lat,N,lon,E,
//! time,A|V,…`. The checksum is the XOR of the bytes between `$`/`!` and `*`, two hex digits.
//! Attitude: `$PASHR,time,heading,T,roll,pitch,heave,…` (Applanix POS MV V5 guide, `$PASHR`
//! Tait-Bryan string; NovAtel OEM7 and Trimble RT300 use the same layout): roll positive starboard
//! down, pitch positive bow up, heave in metres; its heading is a true heading.
//!
//! The log is read as a sequence of *epochs*: sentences with the same UTC time of day belong to
//! one fix; VTG, HDT and HDG carry no time and join the epoch they follow. The date comes from
//! RMC or ZDA (epochs before the first date take it from the next dated epoch; a time of day that
//! goes backwards without a new date means midnight passed). Nothing in a log is fatal: bad
//! checksums, garbled lines, empty fields, no-fix epochs, AIS and unknown sentences are counted.
//!
//! [`Decoder`] takes the lines one at a time, so the same code serves a log file ([`parse`]) and
//! a live stream (`crate::live`).

use super::FormatError;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use std::collections::BTreeMap;
use std::path::Path;

/// One position fix.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Fix {
    /// Time of the fix (UTC): the epoch's time of day on its date (from RMC or ZDA).
    pub time: DateTime<Utc>,
    /// Longitude (degrees, WGS 84; east positive).
    pub lon: f64,
    /// Latitude (degrees, WGS 84; north positive).
    pub lat: f64,
    /// GGA fix quality (0 invalid, 1 GPS, 2 DGPS, 4 RTK fixed, 5 RTK float, 6 dead reckoning…);
    /// without GGA, from the RMC/GLL mode letter (A → 1, D → 2, E → 6, others 1).
    pub quality: u8,
    /// Speed over ground (knots), from RMC or VTG.
    pub sog_kn: Option<f64>,
    /// Course over ground (degrees true), from RMC or VTG.
    pub cog_deg: Option<f64>,
    /// True heading (degrees), from HDT, HDG corrected by deviation and variation, or PASHR.
    pub heading_deg: Option<f64>,
    /// Horizontal dilution of precision, from GGA.
    pub hdop: Option<f64>,
}

/// Vessel attitude from an attitude sentence (`$PASHR`).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct AttitudeSample {
    /// UTC time of day of the sample (ms).
    pub ms: u32,
    /// True heading (degrees).
    pub heading_deg: f64,
    /// Roll, starboard down positive (degrees).
    pub roll_deg: f64,
    /// Pitch, bow up positive (degrees).
    pub pitch_deg: f64,
    /// Heave (m), when given.
    pub heave_m: Option<f64>,
}

/// What the reader met, line by line.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Counts {
    /// Lines read, including blank ones and comments.
    pub lines: usize,
    /// Blank lines and `#` comments.
    pub comments: usize,
    /// Sentences with a valid checksum (or none), by type (`GGA`, `RMC`, `PFEC`…).
    pub sentences: BTreeMap<String, usize>,
    /// Sentences whose checksum does not match (skipped).
    pub bad_checksum: usize,
    /// Lines that are not NMEA sentences or whose fields do not parse.
    pub garbled: usize,
    /// Known sentences whose needed fields were empty.
    pub empty_fields: usize,
    /// Epochs whose receiver reported no fix (GGA quality 0, RMC/GLL status V).
    pub no_fix: usize,
    /// AIS (`!AIVDM`/`!AIVDO`) sentences.
    pub ais: usize,
    /// Sentence types fathom does not decode (counted by type in `sentences` too).
    pub unknown: usize,
    /// Epochs with a position but no date anywhere in the log (dropped).
    pub undated: usize,
}

/// The fixes of a log and the counts.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct NmeaLog {
    /// One fix per epoch with a position and a date, in log order.
    pub fixes: Vec<Fix>,
    /// How many lines and sentences of each kind the log held.
    pub counts: Counts,
}

/// Reads an NMEA log file.
pub fn read(path: &Path) -> Result<NmeaLog, FormatError> {
    Ok(parse(&super::read_text(path, super::MAX_FILE_BYTES)?))
}

/// Decodes a log. Never fails: what cannot be used is counted.
pub fn parse(text: &str) -> NmeaLog {
    let mut d = Decoder::default();
    for raw in text.lines() {
        d.line(raw);
    }
    d.finish()
}

#[derive(Default)]
struct Epoch {
    ms: u32,
    date: Option<NaiveDate>,
    /// lon, lat, quality; from GGA (rank 3), RMC (2) or GLL (1).
    pos: Option<(f64, f64, u8, u8)>,
    hdop: Option<f64>,
    sog: Option<f64>,
    cog: Option<f64>,
    heading: Option<f64>,
    no_fix: bool,
}

/// An incremental NMEA decoder: one line at a time, epochs kept until taken.
#[derive(Default)]
pub struct Decoder {
    counts: Counts,
    epochs: Vec<Epoch>,
    attitude: Option<AttitudeSample>,
    /// The date and time of day of the last epoch already taken (streaming).
    carry: Option<(NaiveDate, u32)>,
}

impl Decoder {
    /// Decodes one line (a log line or a received sentence, with or without its line ending).
    pub fn line(&mut self, raw: &str) {
        let c = &mut self.counts;
        let epochs = &mut self.epochs;
        c.lines += 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            c.comments += 1;
            return;
        }
        let Some(body) = checked_body(line, c) else {
            return;
        };
        if line.starts_with('!') {
            c.ais += 1;
            return;
        }
        let f: Vec<&str> = body.split(',').collect();
        let addr = f[0];
        if addr.len() < 3 || !addr.bytes().all(|b| b.is_ascii_alphanumeric()) {
            c.garbled += 1;
            return;
        }
        let kind = if addr.starts_with('P') {
            addr
        } else {
            &addr[addr.len() - 3..]
        };
        *c.sentences.entry(kind.to_string()).or_default() += 1;
        let result = match kind {
            "GGA" => gga(&f, epochs),
            "RMC" => rmc(&f, epochs),
            "GLL" => gll(&f, epochs),
            "ZDA" => zda(&f, epochs),
            "VTG" => vtg(&f, epochs),
            "HDT" => hdt(&f, epochs),
            "HDG" => hdg(&f, epochs),
            "PASHR" => pashr(&f, epochs, &mut self.attitude),
            _ => {
                c.unknown += 1;
                Ok(())
            }
        };
        match result {
            Ok(()) => {}
            Err(Problem::NoFix) => c.no_fix += 1,
            Err(Problem::Empty) => c.empty_fields += 1,
            Err(Problem::Garbled) => c.garbled += 1,
        }
    }

    /// What the decoder met so far.
    pub fn counts(&self) -> &Counts {
        &self.counts
    }

    /// The latest attitude sample.
    pub fn attitude(&self) -> Option<AttitudeSample> {
        self.attitude
    }

    /// The fix of the newest epoch with a position, which later sentences of the same epoch may
    /// still complete. Dated by the stream (RMC/ZDA), or with `fallback` (the receiving clock's
    /// date) before the stream has given one.
    pub fn current(&self, fallback: NaiveDate) -> Option<Fix> {
        let i = self.epochs.iter().rposition(|e| e.pos.is_some())?;
        let mut carry = self.carry;
        for e in &self.epochs[..i] {
            if let Some(d) = carried(e, carry) {
                carry = Some((d, e.ms));
            }
        }
        let e = &self.epochs[i];
        fix_of(e, carried(e, carry).unwrap_or(fallback))
    }

    /// Takes the fixes of the epochs a newer epoch has closed (all but the newest), dated as in
    /// [`Decoder::current`]; a stream's memory stays bounded.
    pub fn take_complete(&mut self, fallback: NaiveDate) -> Vec<Fix> {
        let n = self.epochs.len().saturating_sub(1);
        let mut fixes = Vec::new();
        for e in self.epochs.drain(..n) {
            let d = carried(&e, self.carry);
            if let Some(d) = d {
                self.carry = Some((d, e.ms));
            }
            if e.no_fix && e.pos.is_none() {
                self.counts.no_fix += 1;
            }
            if let Some(f) = fix_of(&e, d.unwrap_or(fallback)) {
                fixes.push(f);
            }
        }
        fixes
    }

    /// Ends a log: dates every epoch and returns the fixes and the counts.
    pub fn finish(mut self) -> NmeaLog {
        let fixes = assemble(self.epochs, &mut self.counts);
        NmeaLog {
            fixes,
            counts: self.counts,
        }
    }
}

/// The UTC time of day (ms) a sentence carries (GGA, RMC, GLL, ZDA, PASHR), if its checksum is
/// good; used to replay a log at its own timing.
pub fn sentence_time_ms(line: &str) -> Option<u32> {
    let mut c = Counts::default();
    let body = checked_body(line.trim(), &mut c)?;
    let f: Vec<&str> = body.split(',').collect();
    let addr = f.first()?;
    let i = match addr.get(addr.len().saturating_sub(3)..)? {
        "GGA" | "RMC" | "ZDA" => 1,
        "GLL" => 5,
        _ if *addr == "PASHR" => 1,
        _ => return None,
    };
    time_of_day(field(&f, i).ok()?).ok()
}

/// The sentence between the start character and the checksum, if the checksum matches.
fn checked_body<'a>(line: &'a str, c: &mut Counts) -> Option<&'a str> {
    let rest = line.strip_prefix(['$', '!']);
    let Some(rest) = rest.filter(|r| r.is_ascii() && !r.contains(['$', '!'])) else {
        c.garbled += 1;
        return None;
    };
    match rest.rsplit_once('*') {
        Some((body, sum)) => {
            let want = u8::from_str_radix(sum.trim(), 16).ok();
            let got = body.bytes().fold(0u8, |a, b| a ^ b);
            if want != Some(got) || sum.trim().len() != 2 {
                c.bad_checksum += 1;
                return None;
            }
            Some(body)
        }
        None => Some(rest),
    }
}

enum Problem {
    NoFix,
    Empty,
    Garbled,
}

type Res = Result<(), Problem>;

fn field<'a>(f: &[&'a str], i: usize) -> Result<&'a str, Problem> {
    match f.get(i).map(|s| s.trim()) {
        Some(s) if !s.is_empty() => Ok(s),
        _ => Err(Problem::Empty),
    }
}

fn num(f: &[&str], i: usize) -> Result<f64, Problem> {
    field(f, i)?
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or(Problem::Garbled)
}

fn opt_num(f: &[&str], i: usize) -> Result<Option<f64>, Problem> {
    match num(f, i) {
        Ok(v) => Ok(Some(v)),
        Err(Problem::Empty) => Ok(None),
        Err(e) => Err(e),
    }
}

/// `hhmmss[.ss]` → milliseconds of the day.
fn time_of_day(s: &str) -> Result<u32, Problem> {
    let (hms, frac) = s.split_once('.').unwrap_or((s, ""));
    if hms.len() != 6 || !hms.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Problem::Garbled);
    }
    let n = |a: usize| hms[a..a + 2].parse::<u32>().unwrap_or(99);
    let (h, m, sec) = (n(0), n(2), n(4));
    if h > 23 || m > 59 || sec > 60 {
        return Err(Problem::Garbled);
    }
    // Decimal digits only: `235959.9e3` or `.5e3` would otherwise parse as a float and shift the
    // time by up to days.
    if frac.len() > 9 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Problem::Garbled);
    }
    let ms = if frac.is_empty() {
        0
    } else {
        (format!("0.{frac}")
            .parse::<f64>()
            .map_err(|_| Problem::Garbled)?
            * 1000.0)
            .round() as u32
    };
    Ok(((h * 60 + m) * 60 + sec) * 1000 + ms)
}

/// `ddmm.mmmm`,`N|S` or `dddmm.mmmm`,`E|W` → signed degrees.
fn angle(f: &[&str], i: usize, pos: char, neg: char, max: f64) -> Result<f64, Problem> {
    let v = field(f, i)?;
    let hemi = field(f, i + 1)?;
    let dot = v.find('.').unwrap_or(v.len());
    if dot < 3 || !v[..dot].bytes().all(|b| b.is_ascii_digit()) {
        return Err(Problem::Garbled);
    }
    let deg: f64 = v[..dot - 2].parse().map_err(|_| Problem::Garbled)?;
    let min: f64 = v[dot - 2..].parse().map_err(|_| Problem::Garbled)?;
    let a = deg + min / 60.0;
    if min >= 60.0 || a > max {
        return Err(Problem::Garbled);
    }
    match hemi.chars().next() {
        Some(h) if h == pos => Ok(a),
        Some(h) if h == neg => Ok(-a),
        _ => Err(Problem::Garbled),
    }
}

/// The epoch at this time of day (a new one when the time changes).
fn epoch_at(epochs: &mut Vec<Epoch>, ms: u32) -> &mut Epoch {
    if epochs.last().is_none_or(|e| e.ms != ms) {
        epochs.push(Epoch {
            ms,
            ..Default::default()
        });
    }
    epochs.last_mut().expect("pushed")
}

fn set_pos(e: &mut Epoch, lon: f64, lat: f64, quality: u8, rank: u8) {
    if e.pos.is_none_or(|p| p.3 < rank) {
        e.pos = Some((lon, lat, quality, rank));
    }
}

fn mode_quality(mode: Option<&str>) -> u8 {
    match mode {
        Some("D") => 2,
        Some("E") => 6,
        _ => 1,
    }
}

fn gga(f: &[&str], epochs: &mut Vec<Epoch>) -> Res {
    if f.get(6).is_some_and(|q| q.trim() == "0") {
        return Err(Problem::NoFix);
    }
    let ms = time_of_day(field(f, 1)?)?;
    let q: u8 = field(f, 6)?.parse().map_err(|_| Problem::Garbled)?;
    let e = epoch_at(epochs, ms);
    let lat = angle(f, 2, 'N', 'S', 90.0)?;
    let lon = angle(f, 4, 'E', 'W', 180.0)?;
    set_pos(e, lon, lat, q, 3);
    e.hdop = opt_num(f, 8).ok().flatten().or(e.hdop);
    Ok(())
}

fn rmc(f: &[&str], epochs: &mut Vec<Epoch>) -> Res {
    let ms = time_of_day(field(f, 1)?)?;
    let date = ddmmyy(field(f, 9)?)?;
    let sog = opt_num(f, 7)?;
    let cog = opt_num(f, 8)?;
    let e = epoch_at(epochs, ms);
    e.date = Some(date);
    if field(f, 2)? != "A" {
        e.no_fix = true;
        return Ok(());
    }
    let lat = angle(f, 3, 'N', 'S', 90.0)?;
    let lon = angle(f, 5, 'E', 'W', 180.0)?;
    set_pos(e, lon, lat, mode_quality(f.get(12).copied()), 2);
    e.sog = sog.or(e.sog);
    e.cog = cog.or(e.cog);
    Ok(())
}

fn gll(f: &[&str], epochs: &mut Vec<Epoch>) -> Res {
    let ms = time_of_day(field(f, 5)?)?;
    let e = epoch_at(epochs, ms);
    if field(f, 6)? != "A" {
        e.no_fix = true;
        return Ok(());
    }
    let lat = angle(f, 1, 'N', 'S', 90.0)?;
    let lon = angle(f, 3, 'E', 'W', 180.0)?;
    set_pos(e, lon, lat, mode_quality(f.get(7).copied()), 1);
    Ok(())
}

fn ddmmyy(s: &str) -> Result<NaiveDate, Problem> {
    if s.len() != 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Problem::Garbled);
    }
    let n = |a: usize| s[a..a + 2].parse::<u32>().unwrap_or(0);
    // Two-digit years: 80–99 → 19xx, else 20xx (the GPS era began in 1980).
    let y = n(4) as i32;
    let year = if y >= 80 { 1900 + y } else { 2000 + y };
    NaiveDate::from_ymd_opt(year, n(2), n(0)).ok_or(Problem::Garbled)
}

/// Years a ZDA date may carry: from the GPS epoch (1980) to a century ahead. A year outside is a
/// garbled field, and keeping it would push the fix times past what a timestamp can hold.
const ZDA_YEARS: std::ops::RangeInclusive<u32> = 1980..=2199;

fn zda(f: &[&str], epochs: &mut Vec<Epoch>) -> Res {
    let ms = time_of_day(field(f, 1)?)?;
    let int = |i| -> Result<u32, Problem> { field(f, i)?.parse().map_err(|_| Problem::Garbled) };
    let year = int(4)?;
    if !ZDA_YEARS.contains(&year) {
        return Err(Problem::Garbled);
    }
    let date = NaiveDate::from_ymd_opt(year as i32, int(3)?, int(2)?).ok_or(Problem::Garbled)?;
    epoch_at(epochs, ms).date = Some(date);
    Ok(())
}

fn vtg(f: &[&str], epochs: &mut [Epoch]) -> Res {
    let cog = opt_num(f, 1)?;
    let sog = opt_num(f, 5)?;
    if cog.is_none() && sog.is_none() {
        return Err(Problem::Empty);
    }
    if let Some(e) = epochs.last_mut() {
        e.cog = e.cog.or(cog);
        e.sog = e.sog.or(sog);
    }
    Ok(())
}

fn hdt(f: &[&str], epochs: &mut [Epoch]) -> Res {
    let h = num(f, 1)?;
    if let Some(e) = epochs.last_mut() {
        e.heading = Some(h.rem_euclid(360.0));
    }
    Ok(())
}

/// HDG: true = magnetic + deviation + variation (east positive). Without a variation the true
/// heading is unknown and the sentence is counted as having empty fields.
fn hdg(f: &[&str], epochs: &mut [Epoch]) -> Res {
    let mag = num(f, 1)?;
    let signed = |i: usize| -> Result<Option<f64>, Problem> {
        let Some(v) = opt_num(f, i)? else {
            return Ok(None);
        };
        match f.get(i + 1).map(|s| s.trim()) {
            Some("E") => Ok(Some(v)),
            Some("W") => Ok(Some(-v)),
            _ => Err(Problem::Garbled),
        }
    };
    let dev = signed(2)?.unwrap_or(0.0);
    let var = signed(4)?.ok_or(Problem::Empty)?;
    if let Some(e) = epochs.last_mut() {
        e.heading = Some((mag + dev + var).rem_euclid(360.0));
    }
    Ok(())
}

/// PASHR: time, true heading, `T`, roll, pitch, heave, accuracies, quality flags. The heading
/// joins the current epoch like HDT; the attitude is kept as the latest sample.
fn pashr(f: &[&str], epochs: &mut [Epoch], att: &mut Option<AttitudeSample>) -> Res {
    let ms = time_of_day(field(f, 1)?)?;
    let heading = num(f, 2)?.rem_euclid(360.0);
    let roll = num(f, 4)?;
    let pitch = num(f, 5)?;
    if roll.abs() > 90.0 || pitch.abs() > 90.0 {
        return Err(Problem::Garbled);
    }
    *att = Some(AttitudeSample {
        ms,
        heading_deg: heading,
        roll_deg: roll,
        pitch_deg: pitch,
        heave_m: opt_num(f, 6)?,
    });
    if let Some(e) = epochs.last_mut() {
        e.heading = Some(heading);
    }
    Ok(())
}

/// The date of an epoch: its own, else the carried one (the next day when the time of day went
/// back by more than an hour: midnight passed).
fn carried(e: &Epoch, carry: Option<(NaiveDate, u32)>) -> Option<NaiveDate> {
    match (e.date, carry) {
        (Some(d), _) => Some(d),
        (None, Some((d, prev_ms))) if e.ms + 3_600_000 < prev_ms => d.succ_opt(),
        (None, Some((d, _))) => Some(d),
        (None, None) => None,
    }
}

/// The fix of an epoch with a position, on date `d`.
fn fix_of(e: &Epoch, d: NaiveDate) -> Option<Fix> {
    let (lon, lat, quality, _) = e.pos?;
    let time = d.and_time(chrono::NaiveTime::MIN).and_utc() + Duration::milliseconds(e.ms as i64);
    Some(Fix {
        time,
        lon,
        lat,
        quality,
        sog_kn: e.sog,
        cog_deg: e.cog,
        heading_deg: e.heading,
        hdop: e.hdop,
    })
}

/// Dates the epochs and keeps those with a position.
fn assemble(epochs: Vec<Epoch>, c: &mut Counts) -> Vec<Fix> {
    let mut dated: Vec<Option<NaiveDate>> = Vec::with_capacity(epochs.len());
    let mut carry: Option<(NaiveDate, u32)> = None;
    for e in &epochs {
        let d = carried(e, carry);
        if let Some(d) = d {
            carry = Some((d, e.ms));
        }
        dated.push(d);
    }
    // Epochs before the first date take it from the next dated epoch.
    let mut next: Option<(NaiveDate, u32)> = None;
    for (e, d) in epochs.iter().zip(dated.iter_mut()).rev() {
        match (*d, next) {
            (Some(x), _) => next = Some((x, e.ms)),
            (None, Some((x, ms))) => {
                *d = Some(if e.ms > ms + 3_600_000 {
                    x.pred_opt().unwrap_or(x)
                } else {
                    x
                });
            }
            (None, None) => {}
        }
    }
    let mut fixes = Vec::new();
    for (e, d) in epochs.iter().zip(dated) {
        if e.no_fix && e.pos.is_none() {
            c.no_fix += 1;
        }
        if e.pos.is_none() {
            continue;
        }
        let Some(d) = d else {
            c.undated += 1;
            continue;
        };
        fixes.extend(fix_of(e, d));
    }
    fixes
}

#[cfg(test)]
#[path = "nmea_tests.rs"]
mod tests;
