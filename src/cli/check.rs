//! `rolelint check`: lint, write every requested report, and pick the exit status.

use super::ExitStatus;
use super::args::{CheckArgs, ColorChoice};
use rolelint::report::{self, Destination, ExitPolicy, Output, ReportOptions};
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;

/// Runs `rolelint check`.
pub fn run(args: CheckArgs) -> ExitStatus {
    let outputs = match report::parse_outputs(&args.format, args.output_file.as_deref()) {
        Ok(outputs) => outputs,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitStatus::Error;
        }
    };
    let stdin = match &args.stdin_filename {
        Some(path) => {
            let mut text = String::new();
            if let Err(e) = std::io::stdin().read_to_string(&mut text) {
                eprintln!("error: cannot read standard input: {e}");
                return ExitStatus::Error;
            }
            Some((path.clone(), text))
        }
        None => None,
    };
    let fixing = super::fix::mode(&args);
    let paths = if args.paths.is_empty() && stdin.is_none() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
    };
    let settings = rolelint::Settings {
        paths,
        stdin,
        config: args.config,
        select: args.select,
        ignore: args.ignore,
        strict_links: args.strict_links,
    };
    let exit_policy = ExitPolicy {
        exit_zero: args.exit_zero,
        max_warnings: args.max_warnings,
    };
    let mut fix_failed = false;
    let run = match fixing {
        None => rolelint::lint(&settings),
        Some((mode, options)) => match super::fix::run(mode, options, &settings, &exit_policy) {
            super::fix::Flow::Report { run, failed } => {
                fix_failed = failed;
                run
            }
            super::fix::Flow::Done(status) => return status,
        },
    };
    for e in &run.config_errors {
        eprintln!("error: {e}");
        if let Some(help) = miette::Diagnostic::help(e) {
            eprintln!("  help: {help}");
        }
    }
    if !run.config_errors.is_empty() {
        return ExitStatus::Error;
    }

    // Unreadable files always go to stderr; reports on stdout leave them out so a terminal
    // shows them once, and report files list them so they stand on their own.
    for e in &run.errors {
        eprintln!("error: cannot read {}: {}", e.path, e.kind);
    }

    let mut status = report::exit_status(&run, &exit_policy);
    if fix_failed {
        status = ExitStatus::Error;
    }
    for output in &outputs {
        if let Err(message) = write_output(output, &run, args.color) {
            eprintln!("error: {message}");
            status = ExitStatus::Error;
        }
    }
    status
}

fn write_output(output: &Output, run: &rolelint::Run, color: ColorChoice) -> Result<(), String> {
    match &output.destination {
        Destination::Stdout => {
            let options = people_options(color, std::io::stdout().is_terminal(), false);
            let text = report::render(output.format, run, &options);
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
                // `rolelint check | head` is not a failure of the run.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(format!("cannot write to stdout: {e}")),
                Ok(()) => Ok(()),
            }
        }
        Destination::File(path) => {
            let options = people_options(color, false, true);
            let text = report::render(output.format, run, &options);
            std::fs::write(path, text).map_err(|e| {
                format!(
                    "cannot write the {} report to {}: {e}",
                    output.format.name(),
                    path.display()
                )
            })
        }
    }
}

/// Options for a stream that is (or is not) a terminal: colour per `--color` and `NO_COLOR`,
/// Unicode and hyperlinks only on a terminal, the terminal's width when `COLUMNS` says it.
fn people_options(color: ColorChoice, terminal: bool, read_errors: bool) -> ReportOptions {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    let color = match color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && !no_color && !dumb,
    };
    let width = if terminal {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .filter(|&w: &usize| w >= 40)
            .unwrap_or(100)
    } else {
        100
    };
    ReportOptions {
        color,
        unicode: terminal && !dumb,
        links: terminal && color,
        width,
        read_errors,
        ..ReportOptions::plain()
    }
}
