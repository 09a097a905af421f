//! `rolelint check`: lint, write every requested report, and pick the exit status.

use super::ExitStatus;
use super::args::CheckArgs;

/// Runs `rolelint check`.
pub fn run(args: CheckArgs) -> ExitStatus {
    let settings = rolelint::Settings {
        paths: args.paths,
        config: args.config,
        select: args.select,
        ignore: args.ignore,
        ..Default::default()
    };
    let run = rolelint::lint(&settings);
    for e in &run.config_errors {
        eprintln!("error: {e}");
        if let Some(help) = miette::Diagnostic::help(e) {
            eprintln!("  help: {help}");
        }
    }
    for e in &run.errors {
        eprintln!("error: {e}");
    }
    if run.errors.is_empty() && run.config_errors.is_empty() {
        ExitStatus::Success
    } else {
        ExitStatus::Error
    }
}
