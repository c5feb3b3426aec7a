//! NMEA sources and the reader thread.
//!
//! A source is a UDP port to listen on (as OpenCPN's network connections and most survey
//! software broadcast NMEA), a TCP server to connect to (a receiver's NMEA-over-TCP port, or gpsd
//! on port 2947: fathom then sends `?WATCH={"enable":true,"nmea":true}` and skips gpsd's JSON
//! replies, gpsd's documented client protocol), or a
//! serial device path read as a plain file: the port's speed and mode are set beforehand
//! (`stty -F /dev/ttyUSB0 4800 raw`), so no serial crate is needed.
//!
//! The reader thread only splits bytes into lines and hands them on through a bounded channel
//! with `try_send`: when the consumer falls behind, new lines are dropped and counted, so the
//! thread never blocks on the consumer and the consumer never waits for the network.

use std::fs::File;
use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs, UdpSocket};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime};

/// Longest line accepted (bytes). NMEA 0183 limits a sentence to 82 characters; proprietary
/// sentences run longer, so the bound is generous but keeps a runaway stream from growing memory.
pub const MAX_LINE_BYTES: usize = 512;

/// gpsd's port and the request that makes it stream the receiver's NMEA.
const GPSD_PORT: u16 = 2947;
const GPSD_WATCH: &[u8] = b"?WATCH={\"enable\":true,\"nmea\":true}\n";

/// How often a blocked read wakes up to see whether the reader was stopped.
const POLL: Duration = Duration::from_millis(200);

/// Where the NMEA sentences come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// Listen for UDP datagrams on this local address (`udp://0.0.0.0:10110`).
    Udp(SocketAddr),
    /// Connect to a TCP server (`tcp://host:port`); reconnects after the link drops.
    Tcp(String),
    /// Read a serial device (or a growing file) as a plain file (`serial:///dev/ttyUSB0`).
    Serial(PathBuf),
}

impl std::str::FromStr for Source {
    type Err = String;

    /// `udp://ADDR:PORT`, `tcp://HOST:PORT`, `serial://PATH` or a path starting with `/`.
    fn from_str(s: &str) -> Result<Self, String> {
        if let Some(a) = s.strip_prefix("udp://") {
            a.parse().map(Source::Udp).map_err(|_| {
                format!("`{s}`: expected udp://ADDRESS:PORT, e.g. udp://0.0.0.0:10110")
            })
        } else if let Some(a) = s.strip_prefix("tcp://") {
            match a.rsplit_once(':') {
                Some((h, p)) if !h.is_empty() && p.parse::<u16>().is_ok() => {
                    Ok(Source::Tcp(a.into()))
                }
                _ => Err(format!(
                    "`{s}`: expected tcp://HOST:PORT, e.g. tcp://127.0.0.1:2947"
                )),
            }
        } else if let Some(p) = s.strip_prefix("serial://") {
            Ok(Source::Serial(p.into()))
        } else if s.starts_with('/') {
            Ok(Source::Serial(s.into()))
        } else {
            Err(format!(
                "`{s}`: expected udp://ADDRESS:PORT, tcp://HOST:PORT or a serial device path"
            ))
        }
    }
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Udp(a) => write!(f, "udp://{a}"),
            Source::Tcp(a) => write!(f, "tcp://{a}"),
            Source::Serial(p) => write!(f, "serial://{}", p.display()),
        }
    }
}

/// One received line and when it arrived.
#[derive(Clone, Debug)]
pub struct Received {
    /// When the line arrived (wall clock).
    pub at: SystemTime,
    /// The line as received, without its line ending.
    pub line: String,
}

/// The reader thread's counters, shared with the consumer.
#[derive(Debug, Default)]
pub struct Stats {
    /// Lines read from the source.
    pub lines: AtomicU64,
    /// Lines dropped because the channel was full.
    pub dropped: AtomicU64,
    /// Lines longer than [`MAX_LINE_BYTES`], discarded.
    pub overlong: AtomicU64,
    /// The link is up (TCP connected, UDP bound, device open).
    pub connected: AtomicBool,
    /// The last I/O problem, for the status line.
    pub last_error: Mutex<Option<String>>,
}

impl Stats {
    fn error(&self, e: impl std::fmt::Display) {
        if let Ok(mut g) = self.last_error.lock() {
            *g = Some(e.to_string());
        }
    }

    /// The last I/O problem.
    pub fn last_error(&self) -> Option<String> {
        self.last_error.lock().ok().and_then(|g| g.clone())
    }
}

/// A running reader: the receiving end of its channel and its counters. Dropping it stops the
/// thread (within `POLL` for the network sources; a serial read returns with the next byte).
pub struct Reader {
    rx: Receiver<Received>,
    stats: Arc<Stats>,
    stop: Arc<AtomicBool>,
    local_addr: Option<SocketAddr>,
    thread: Option<JoinHandle<()>>,
    joinable: bool,
}

impl Reader {
    /// Starts reading `source` into a channel of `capacity` lines. A UDP port is bound here, so
    /// an address in use is reported at once; TCP and serial problems are retried in the thread
    /// and shown in [`Stats::last_error`].
    pub fn start(source: &Source, capacity: usize) -> io::Result<Reader> {
        let (tx, rx) = sync_channel(capacity.max(1));
        let stats = Arc::new(Stats::default());
        let stop = Arc::new(AtomicBool::new(false));
        let ctx = Ctx {
            tx,
            stats: stats.clone(),
            stop: stop.clone(),
        };
        let (local_addr, thread, joinable) = match source {
            Source::Udp(addr) => {
                let sock = UdpSocket::bind(addr)?;
                sock.set_read_timeout(Some(POLL))?;
                let local = sock.local_addr()?;
                stats.connected.store(true, Ordering::Relaxed);
                (Some(local), spawn(move || read_udp(sock, ctx))?, true)
            }
            Source::Tcp(addr) => {
                let addr = addr.clone();
                (None, spawn(move || read_tcp(&addr, ctx))?, true)
            }
            Source::Serial(path) => {
                let path = path.clone();
                (None, spawn(move || read_serial(&path, ctx))?, false)
            }
        };
        Ok(Reader {
            rx,
            stats,
            stop,
            local_addr,
            thread: Some(thread),
            joinable,
        })
    }

    /// The bound local address of a UDP source (useful with port 0).
    pub fn local_addr(&self) -> Option<SocketAddr> {
        self.local_addr
    }

    /// The next received line, without waiting.
    pub fn try_recv(&self) -> Option<Received> {
        self.rx.try_recv().ok()
    }

    /// The reader's counters.
    pub fn stats(&self) -> &Stats {
        &self.stats
    }
}

impl Drop for Reader {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take()
            && self.joinable
        {
            let _ = t.join();
        }
    }
}

fn spawn(f: impl FnOnce() + Send + 'static) -> io::Result<JoinHandle<()>> {
    std::thread::Builder::new()
        .name("fathom-live-reader".into())
        .spawn(f)
}

struct Ctx {
    tx: SyncSender<Received>,
    stats: Arc<Stats>,
    stop: Arc<AtomicBool>,
}

impl Ctx {
    fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    /// Hands a line on; false when the consumer is gone.
    fn deliver(&self, line: &[u8]) -> bool {
        self.stats.lines.fetch_add(1, Ordering::Relaxed);
        let r = Received {
            at: SystemTime::now(),
            line: String::from_utf8_lossy(line).into_owned(),
        };
        match self.tx.try_send(r) {
            Ok(()) => true,
            Err(TrySendError::Full(_)) => {
                self.stats.dropped.fetch_add(1, Ordering::Relaxed);
                true
            }
            Err(TrySendError::Disconnected(_)) => false,
        }
    }

    /// Waits `d` in [`POLL`] steps; false when stopped meanwhile.
    fn pause(&self, d: Duration) -> bool {
        let mut left = d;
        while !left.is_zero() {
            if self.stopped() {
                return false;
            }
            let step = left.min(POLL);
            std::thread::sleep(step);
            left -= step;
        }
        !self.stopped()
    }
}

/// Splits a byte stream into lines of at most [`MAX_LINE_BYTES`].
#[derive(Default)]
struct Lines {
    buf: Vec<u8>,
    skipping: bool,
    /// Drop JSON lines (gpsd's own reports).
    skip_json: bool,
}

impl Lines {
    /// Feeds bytes; calls `out` for each complete line. False when `out` asked to stop.
    fn push(&mut self, bytes: &[u8], ctx: &Ctx) -> bool {
        for &b in bytes {
            if b == b'\n' || b == b'\r' {
                if !self.end(ctx) {
                    return false;
                }
            } else if self.skipping {
            } else if self.buf.len() >= MAX_LINE_BYTES {
                self.buf.clear();
                self.skipping = true;
                ctx.stats.overlong.fetch_add(1, Ordering::Relaxed);
            } else {
                self.buf.push(b);
            }
        }
        true
    }

    /// Ends the current line (a newline, or the end of a datagram).
    fn end(&mut self, ctx: &Ctx) -> bool {
        self.skipping = false;
        if self.buf.is_empty() || (self.skip_json && self.buf[0] == b'{') {
            self.buf.clear();
            return true;
        }
        let ok = ctx.deliver(&self.buf);
        self.buf.clear();
        ok
    }
}

fn timed_out(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut | io::ErrorKind::Interrupted
    )
}

fn read_udp(sock: UdpSocket, ctx: Ctx) {
    let mut buf = vec![0u8; 65_536];
    let mut lines = Lines::default();
    while !ctx.stopped() {
        match sock.recv(&mut buf) {
            Ok(n) => {
                // A datagram ends a line even without a newline.
                if !lines.push(&buf[..n], &ctx) || !lines.end(&ctx) {
                    return;
                }
            }
            Err(e) if timed_out(&e) => {}
            Err(e) => {
                ctx.stats.error(&e);
                if !ctx.pause(POLL) {
                    return;
                }
            }
        }
    }
}

fn read_tcp(addr: &str, ctx: Ctx) {
    let mut buf = vec![0u8; 16_384];
    while !ctx.stopped() {
        let stream = addr
            .to_socket_addrs()
            .and_then(|mut a| {
                a.next()
                    .ok_or_else(|| io::Error::other(format!("{addr}: no address")))
            })
            .and_then(|a| TcpStream::connect_timeout(&a, Duration::from_secs(2)));
        let mut stream = match stream.and_then(|s| s.set_read_timeout(Some(POLL)).map(|()| s)) {
            Ok(s) => s,
            Err(e) => {
                ctx.stats.error(format!("{addr}: {e}"));
                if !ctx.pause(Duration::from_secs(1)) {
                    return;
                }
                continue;
            }
        };
        let gpsd = stream.peer_addr().is_ok_and(|a| a.port() == GPSD_PORT);
        if gpsd && let Err(e) = stream.write_all(GPSD_WATCH) {
            ctx.stats.error(format!("{addr}: {e}"));
        }
        ctx.stats.connected.store(true, Ordering::Relaxed);
        let mut lines = Lines {
            skip_json: gpsd,
            ..Lines::default()
        };
        loop {
            if ctx.stopped() {
                return;
            }
            match stream.read(&mut buf) {
                Ok(0) => {
                    ctx.stats.error(format!("{addr}: connection closed"));
                    break;
                }
                Ok(n) => {
                    if !lines.push(&buf[..n], &ctx) {
                        return;
                    }
                }
                Err(e) if timed_out(&e) => {}
                Err(e) => {
                    ctx.stats.error(format!("{addr}: {e}"));
                    break;
                }
            }
        }
        ctx.stats.connected.store(false, Ordering::Relaxed);
        if !lines.end(&ctx) || !ctx.pause(Duration::from_secs(1)) {
            return;
        }
    }
}

fn read_serial(path: &std::path::Path, ctx: Ctx) {
    let mut buf = vec![0u8; 4096];
    while !ctx.stopped() {
        let mut file = match File::open(path) {
            Ok(f) => f,
            Err(e) => {
                ctx.stats.error(format!("{}: {e}", path.display()));
                if !ctx.pause(Duration::from_secs(1)) {
                    return;
                }
                continue;
            }
        };
        ctx.stats.connected.store(true, Ordering::Relaxed);
        let mut lines = Lines::default();
        loop {
            match file.read(&mut buf) {
                // End of a plain file: wait for it to grow (a device never returns 0 while open).
                Ok(0) => {
                    if !ctx.pause(POLL) {
                        return;
                    }
                }
                Ok(n) => {
                    if !lines.push(&buf[..n], &ctx) || ctx.stopped() {
                        return;
                    }
                }
                Err(e) if timed_out(&e) => {}
                Err(e) => {
                    ctx.stats.error(format!("{}: {e}", path.display()));
                    break;
                }
            }
        }
        ctx.stats.connected.store(false, Ordering::Relaxed);
        if !ctx.pause(Duration::from_secs(1)) {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sources() {
        assert_eq!(
            "udp://127.0.0.1:10110".parse::<Source>(),
            Ok(Source::Udp("127.0.0.1:10110".parse().unwrap()))
        );
        assert_eq!(
            "tcp://localhost:2947".parse::<Source>(),
            Ok(Source::Tcp("localhost:2947".into()))
        );
        assert_eq!(
            "/dev/ttyUSB0".parse::<Source>(),
            Ok(Source::Serial("/dev/ttyUSB0".into()))
        );
        assert!(
            "udp://nowhere"
                .parse::<Source>()
                .unwrap_err()
                .contains("udp://ADDRESS:PORT")
        );
        assert!("tcp://host".parse::<Source>().is_err());
        assert!("COM3".parse::<Source>().is_err());
    }

    #[test]
    fn serial_path_reads_a_file_and_splits_long_lines() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("tty");
        let long = "x".repeat(MAX_LINE_BYTES + 10);
        std::fs::write(&p, format!("$GPHDT,1.0,T*00\r\n{long}\n$GPHDT,2.0,T\n")).unwrap();
        let r = Reader::start(&Source::Serial(p), 16).unwrap();
        let mut got = Vec::new();
        for _ in 0..100 {
            while let Some(x) = r.try_recv() {
                got.push(x.line);
            }
            if got.len() >= 2 {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        assert_eq!(got, ["$GPHDT,1.0,T*00", "$GPHDT,2.0,T"]);
        assert_eq!(r.stats().overlong.load(Ordering::Relaxed), 1);
    }
}
