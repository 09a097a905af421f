//! `rolelint parse`: print the parsed model of pages.

use super::ExitStatus;
use super::args::ParseArgs;

/// Runs `rolelint parse`.
pub fn run(_args: ParseArgs) -> ExitStatus {
    ExitStatus::Success
}
