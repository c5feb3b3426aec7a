//! The `fathom` command: the CLI, and the planner when no subcommand is given.

fn main() -> std::process::ExitCode {
    fathom::cli::run()
}
