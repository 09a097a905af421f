//! `rolelint server`: the Language Server over stdio.

use super::ExitStatus;
use super::args::ServerArgs;

/// Runs the server until the client sends `exit`: 0 after `shutdown`, 1 without (as the LSP asks).
pub fn run(args: ServerArgs) -> ExitStatus {
    match rolelint::server::serve_stdio(args.config) {
        Ok(rolelint::server::Exit::Clean) => ExitStatus::Success,
        Ok(rolelint::server::Exit::WithoutShutdown) => ExitStatus::Failure,
        Err(e) => {
            eprintln!("error: rolelint server: {e}");
            ExitStatus::Error
        }
    }
}
