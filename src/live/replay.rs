//! Replaying a recorded NMEA log at its own timing: each line is sent when the UTC time of day
//! of its epoch (GGA, RMC, GLL, ZDA or PASHR time field, read by the log decoder) has elapsed
//! since the first, divided by the speed factor; untimed lines go with the timed line before them.
//! A log is replayed over UDP (one datagram per line, as OpenCPN and most receivers send) and/or
//! to one TCP client accepted on a listening port.

use crate::formats::nmea::sentence_time_ms;
use std::io::{self, Write};
use std::net::{SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::time::{Duration, Instant};

/// Longest pause replayed (s of log time): a log with a gap of hours is not waited through.
pub const MAX_GAP_S: f64 = 10.0;

/// The lines of a log with their send times relative to the first (log time, before the speed
/// factor). Blank lines and `#` comments are left out.
pub fn schedule(text: &str) -> Vec<(Duration, &str)> {
    let mut out = Vec::new();
    let mut clock = 0.0f64;
    let mut last: Option<u32> = None;
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(ms) = sentence_time_ms(line) {
            if let Some(prev) = last {
                // A step back of more than an hour is midnight; a smaller one (sentences of a
                // slower stream interleaved) does not move the clock back.
                let step = if ms + 3_600_000 < prev {
                    f64::from(ms + 86_400_000 - prev)
                } else {
                    f64::from(ms.saturating_sub(prev))
                };
                clock += (step / 1000.0).min(MAX_GAP_S);
            }
            if last.is_none_or(|p| ms > p || ms + 3_600_000 < p) {
                last = Some(ms);
            }
        }
        out.push((Duration::from_secs_f64(clock), line));
    }
    out
}

/// Where replayed lines go.
pub enum Sink {
    /// Datagrams to this address, from an ephemeral local port.
    Udp(UdpSocket, SocketAddr),
    /// An accepted TCP client.
    Tcp(TcpStream),
}

impl Sink {
    /// A UDP sink sending to `to`.
    pub fn udp(to: SocketAddr) -> io::Result<Sink> {
        let local: SocketAddr = if to.is_ipv4() {
            "0.0.0.0:0".parse().expect("literal")
        } else {
            "[::]:0".parse().expect("literal")
        };
        Ok(Sink::Udp(UdpSocket::bind(local)?, to))
    }

    /// Waits up to `timeout` for one client on `listener`.
    pub fn accept(listener: &TcpListener, timeout: Duration) -> io::Result<Sink> {
        listener.set_nonblocking(true)?;
        let start = Instant::now();
        loop {
            match listener.accept() {
                Ok((s, _)) => {
                    s.set_nonblocking(false)?;
                    s.set_nodelay(true)?;
                    return Ok(Sink::Tcp(s));
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    if start.elapsed() > timeout {
                        return Err(io::Error::new(
                            io::ErrorKind::TimedOut,
                            format!("no client connected within {} s", timeout.as_secs()),
                        ));
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(e) => return Err(e),
            }
        }
    }

    fn send(&mut self, line: &str) -> io::Result<()> {
        match self {
            Sink::Udp(s, to) => s.send_to(format!("{line}\r\n").as_bytes(), *to).map(|_| ()),
            Sink::Tcp(s) => s.write_all(format!("{line}\r\n").as_bytes()),
        }
    }
}

/// Sends the scheduled lines to every sink, `speed` times faster than recorded (`speed` > 0).
/// Returns the number of lines sent.
pub fn send(lines: &[(Duration, &str)], sinks: &mut [Sink], speed: f64) -> io::Result<usize> {
    let start = Instant::now();
    for (at, line) in lines {
        let due = at.div_f64(speed);
        if let Some(wait) = due.checked_sub(start.elapsed()) {
            std::thread::sleep(wait);
        }
        for s in sinks.iter_mut() {
            s.send(line)?;
        }
    }
    Ok(lines.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule_follows_the_log_clock() {
        let text = "# comment\n\
            $GPGGA,235958,5000.0,N,00100.0,W,1,,,,,,,*66\n\
            $GPHDT,1.0,T*00\n\
            $GPGGA,235959.5,5000.0,N,00100.0,W,1,,,,,,,*7C\n\
            $GPGGA,000001,5000.0,N,00100.0,W,1,,,,,,,*67\n\
            $GPGGA,120000,5000.0,N,00100.0,W,1,,,,,,,*65\n";
        let s = schedule(text);
        let t: Vec<f64> = s.iter().map(|(d, _)| d.as_secs_f64()).collect();
        // Untimed HDT with its epoch, 1.5 s, midnight +1.5 s, and a 12-hour gap capped.
        assert_eq!(t, [0.0, 0.0, 1.5, 3.0, 3.0 + MAX_GAP_S]);
        assert_eq!(s[1].1, "$GPHDT,1.0,T*00");
    }
}
