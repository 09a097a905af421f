//! The thin command-line layer: arguments in, exit status out. All output is printed here.

mod args;
mod check;
mod parse;
mod rule;

use args::{Cli, Command};
use clap::Parser;
use std::process::ExitCode;

/// How a run ended, as the exit-code contract defines it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: no error-severity findings.
    Success,
    /// 1: error findings (or too many warnings).
    Failure,
    /// 2: usage, configuration or I/O failure.
    Error,
}

impl From<ExitStatus> for ExitCode {
    fn from(s: ExitStatus) -> Self {
        ExitCode::from(match s {
            ExitStatus::Success => 0,
            ExitStatus::Failure => 1,
            ExitStatus::Error => 2,
        })
    }
}

/// Parses the arguments and runs the subcommand.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let status = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Parse(args) => parse::run(args),
        Command::Rules(args) => rule::list(args),
        Command::Rule(args) => rule::explain(args),
    };
    status.into()
}
