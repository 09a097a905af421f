//! The thin command-line layer: arguments in, exit status out. All output is printed here.

mod args;
mod check;
mod fix;
mod parse;
mod rule;

use args::{Cli, Command};
use clap::Parser;
use std::process::ExitCode;

pub use rolelint::report::ExitStatus;

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
