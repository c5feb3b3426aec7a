//! The `fathom` command: the CLI, and the planner when no subcommand is given.

fn main() -> std::process::ExitCode {
    restore_sigpipe();
    fathom::cli::run()
}

/// Lets a closed pipe end the program quietly, as it does every Unix filter.
///
/// Rust ignores SIGPIPE, so `fathom lift MISSION | head` would otherwise panic in `println!` once
/// `head` exits ("failed printing to stdout: Broken pipe"). ripgrep and the coreutils ports do the
/// same.
#[cfg(unix)]
fn restore_sigpipe() {
    // SAFETY: called first thing in main, before any other thread exists; SIG_DFL is a valid
    // disposition for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn restore_sigpipe() {}
