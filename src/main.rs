//! The `crosscheck` binary: parse flags, run one subcommand, map the outcome to an exit code.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
