//! The thin command-line layer: arguments in, exit status out. All output is printed here.

mod args;
mod check;
mod fix;
mod ladder;
mod parse;
mod rule;
mod server;

use args::{Cli, Command};
use clap::Parser;
use std::process::ExitCode;

pub use rolelint::report::ExitStatus;

/// Parses the arguments and runs the subcommand.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let status = match cli.command {
        Command::Check(args) => check::run(*args),
        Command::Parse(args) => parse::run(args),
        Command::Rules(args) => rule::list(args),
        Command::Rule(args) => rule::explain(args),
        Command::Server(args) => server::run(args),
        Command::Ladder(args) => ladder::run(args),
    };
    status.into()
}

/// Writes `text` and a newline to stdout. A closed pipe (`rolelint rules | head`) ends the output
/// quietly rather than panicking, as `println!` would.
pub(crate) fn print_out(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = writeln!(out, "{text}").and_then(|()| out.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("error: cannot write to stdout: {e}");
    }
}
