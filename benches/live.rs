//! Live input speed: decoding received NMEA lines in the feed (what one planner frame does with
//! its share of a burst) and a loopback UDP burst of 10,000 sentences through the reader thread.
//!
//! `cargo bench --bench live`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use fathom::live::replay::Sink;
use fathom::live::{Feed, Reader, Received, Source};
use std::time::{Duration, Instant, SystemTime};

/// `n` lines of a 10 Hz GGA + RMC + HDT stream.
fn stream(n: usize) -> Vec<Received> {
    let mut out = Vec::with_capacity(n);
    let mut i = 0usize;
    while out.len() < n {
        let t = format!(
            "{:02}{:02}{:02}.{}",
            8 + i / 36_000 % 12,
            i / 600 % 60,
            i / 10 % 60,
            i % 10
        );
        for body in [
            format!(
                "GPGGA,{t},5000.{:04},N,00100.0000,W,4,14,0.8,3.0,M,10.0,M,1.0,0001",
                i % 10_000
            ),
            format!(
                "GPRMC,{t},A,5000.{:04},N,00100.0000,W,0.5,90.0,041226,,,D",
                i % 10_000
            ),
            "GPHDT,91.50,T".to_string(),
        ] {
            let sum = body.bytes().fold(0u8, |a, b| a ^ b);
            out.push(Received {
                at: SystemTime::now(),
                line: format!("${body}*{sum:02X}"),
            });
        }
        i += 1;
    }
    out.truncate(n);
    out
}

fn decode(c: &mut Criterion) {
    let frame = stream(2_000);
    let mut g = c.benchmark_group("live");
    g.throughput(Throughput::Elements(frame.len() as u64));
    g.bench_function("feed 2000 lines (one frame's share)", |b| {
        b.iter(|| {
            let mut feed = Feed::new(Duration::from_secs(5), 10);
            let now = Instant::now();
            for r in &frame {
                feed.push(r, now);
            }
            feed.track().len()
        })
    });
    let burst: Vec<String> = stream(10_000).into_iter().map(|r| r.line).collect();
    g.throughput(Throughput::Elements(burst.len() as u64));
    g.sample_size(10);
    g.bench_function("udp burst 10000 lines read and queued", |b| {
        b.iter(|| {
            let reader =
                Reader::start(&Source::Udp("127.0.0.1:0".parse().unwrap()), 16_384).unwrap();
            let mut sink = vec![Sink::udp(reader.local_addr().unwrap()).unwrap()];
            let lines: Vec<(Duration, &str)> =
                burst.iter().map(|l| (Duration::ZERO, l.as_str())).collect();
            fathom::live::replay::send(&lines, &mut sink, 1.0).unwrap();
            // Wait (bounded) until the reader has read what the kernel delivered.
            let start = Instant::now();
            let stats = reader.stats();
            let mut last = 0;
            loop {
                std::thread::sleep(Duration::from_millis(2));
                let n = stats.lines.load(std::sync::atomic::Ordering::Relaxed);
                if n as usize >= burst.len()
                    || (n == last && start.elapsed() > Duration::from_millis(200))
                {
                    break n;
                }
                last = n;
            }
        })
    });
    g.finish();
}

criterion_group!(benches, decode);
criterion_main!(benches);
