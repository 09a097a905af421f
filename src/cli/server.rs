//! `rolelint server`: the Language Server over stdio.

use super::ExitStatus;
use super::args::ServerArgs;

/// Runs the server until the client sends `exit`.
pub fn run(args: ServerArgs) -> ExitStatus {
    match rolelint::server::serve_stdio(args.config) {
        Ok(()) => ExitStatus::Success,
        Err(e) => {
            eprintln!("error: rolelint server: {e}");
            ExitStatus::Error
        }
    }
}
