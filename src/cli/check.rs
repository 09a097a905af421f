//! `rolelint check`: lint, write every requested report, and pick the exit status.

use super::ExitStatus;
use super::args::CheckArgs;

/// Runs `rolelint check`.
pub fn run(args: CheckArgs) -> ExitStatus {
    let settings = rolelint::Settings {
        paths: args.paths,
        ..Default::default()
    };
    let run = rolelint::lint(&settings);
    for e in &run.errors {
        eprintln!("error: {e}");
    }
    if run.errors.is_empty() {
        ExitStatus::Success
    } else {
        ExitStatus::Error
    }
}
