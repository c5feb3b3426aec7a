//! `fathom replay LOG --udp ADDR:PORT [--tcp-listen ADDR:PORT] [--speed N]`: sends a recorded
//! NMEA log at its own timing, so the planner's live mode can be shown and tested without a
//! vessel.

use super::CliError;
use crate::formats;
use crate::live::replay::{self, Sink};
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  fathom replay ship.log --udp 127.0.0.1:10110
  fathom replay ship.log --tcp-listen 127.0.0.1:10111 --speed 10

Each line is sent when its epoch's UTC time (GGA, RMC, GLL, ZDA, PASHR) has elapsed since the
first, divided by --speed; pauses longer than 10 s of log time are shortened to 10 s. Over UDP
each line is one datagram; --tcp-listen waits up to 60 s for one client (e.g. the planner's
live input set to tcp://ADDR:PORT) before sending.")]
pub struct ReplayArgs {
    /// NMEA 0183 log to send.
    pub log: PathBuf,
    /// Send each line as a UDP datagram to this address.
    #[arg(long, required_unless_present = "tcp_listen")]
    pub udp: Option<SocketAddr>,
    /// Listen on this address and send to the first TCP client.
    #[arg(long)]
    pub tcp_listen: Option<SocketAddr>,
    /// Replay this many times faster than recorded.
    #[arg(long, default_value_t = 1.0)]
    pub speed: f64,
}

/// Runs `fathom replay`.
pub fn run(args: &ReplayArgs) -> Result<ExitCode, CliError> {
    if !(args.speed.is_finite() && args.speed > 0.0) {
        return Err(CliError(format!(
            "--speed {}: expected a positive factor",
            args.speed
        )));
    }
    let text =
        formats::read_text(&args.log, formats::MAX_FILE_BYTES).map_err(CliError::from_display)?;
    let lines = replay::schedule(&text);
    if lines.is_empty() {
        return Err(CliError(format!(
            "{}: no NMEA lines to send",
            args.log.display()
        )));
    }
    let mut sinks = Vec::new();
    if let Some(to) = args.udp {
        sinks.push(Sink::udp(to).map_err(|e| CliError(format!("--udp {to}: {e}")))?);
    }
    if let Some(addr) = args.tcp_listen {
        let l =
            TcpListener::bind(addr).map_err(|e| CliError(format!("--tcp-listen {addr}: {e}")))?;
        eprintln!("fathom: waiting for a TCP client on {addr}");
        sinks.push(
            Sink::accept(&l, Duration::from_secs(60))
                .map_err(|e| CliError(format!("--tcp-listen {addr}: {e}")))?,
        );
    }
    let span = lines.last().map_or(0.0, |(d, _)| d.as_secs_f64()) / args.speed;
    eprintln!(
        "fathom: sending {} lines of {} over {span:.1} s",
        lines.len(),
        args.log.display()
    );
    let n = replay::send(&lines, &mut sinks, args.speed)
        .map_err(|e| CliError(format!("sending {}: {e}", args.log.display())))?;
    eprintln!("fathom: sent {n} lines");
    Ok(ExitCode::SUCCESS)
}
