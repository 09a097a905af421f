//! `rolelint check --fix` / `--diff`: runs the fixer, writes or shows its changes, and hands the
//! remaining findings back to the ordinary report.
//!
//! `--diff` follows ruff: it prints only the diff (no findings), writes nothing, and exits 1 when
//! something would change, 0 when nothing would, 2 on read or configuration errors.

use super::ExitStatus;
use super::args::CheckArgs;
use rolelint::fix::{self, FixOptions, FixRun, write::Roots};
use rolelint::report::{self, ExitPolicy, Format, ReportOptions};
use std::io::Write;

/// What the fixer was asked to do.
#[derive(Clone, Copy, Debug)]
pub enum Mode {
    /// Write the fixes.
    Fix,
    /// Show them as a diff.
    Diff,
}

/// How `check` goes on after fixing.
pub enum Flow {
    /// Report the remaining findings as usual; `failed` makes the exit status 2 (a page not written).
    Report {
        /// The lint of the fixed texts.
        run: rolelint::Run,
        /// True when a fixed page could not be written.
        failed: bool,
    },
    /// Everything is printed; exit with this.
    Done(ExitStatus),
}

/// The mode and options `args` ask for, if any.
pub fn mode(args: &CheckArgs) -> Option<(Mode, FixOptions)> {
    let options = FixOptions {
        unsafe_fixes: args.unsafe_fixes,
    };
    if args.diff {
        Some((Mode::Diff, options))
    } else if args.fix {
        Some((Mode::Fix, options))
    } else {
        None
    }
}

/// Runs the fixer under `settings`.
pub fn run(mode: Mode, options: FixOptions, settings: &rolelint::Settings, policy: &ExitPolicy) -> Flow {
    let fixed = fix::fix(settings, options);
    if !fixed.run.config_errors.is_empty() {
        return Flow::Report {
            run: fixed.run,
            failed: false,
        };
    }
    match mode {
        Mode::Diff => Flow::Done(show_diff(&fixed, policy.exit_zero)),
        Mode::Fix => write_fixes(fixed, settings, policy),
    }
}

fn show_diff(fixed: &FixRun, exit_zero: bool) -> ExitStatus {
    for e in &fixed.run.errors {
        eprintln!("error: cannot read {}: {}", e.path, e.kind);
    }
    let mut stdout = std::io::stdout().lock();
    for file in &fixed.files {
        if let Err(e) = stdout.write_all(fix::diff::unified(file).as_bytes()) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                break;
            }
            eprintln!("error: cannot write to stdout: {e}");
            return ExitStatus::Error;
        }
    }
    // A failed flush is reported by the exit status of the next write; there is none.
    stdout.flush().ok();
    let n = fixed.applied();
    if n > 0 {
        eprintln!("Would fix {n} finding(s) in {} file(s).", fixed.files.len());
    }
    if !fixed.run.errors.is_empty() {
        ExitStatus::Error
    } else if n > 0 && !exit_zero {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}

fn write_fixes(fixed: FixRun, settings: &rolelint::Settings, policy: &ExitPolicy) -> Flow {
    let stdin = settings.stdin.as_ref().map(|(path, _)| path.display().to_string());
    let roots = Roots::new(&settings.paths);
    let mut failed = false;
    let (mut written, mut files) = (0, 0);
    let mut unwritten = Vec::new();
    for file in &fixed.files {
        if stdin.as_deref() == Some(file.path()) {
            continue;
        }
        match fix::write::write(file, &roots) {
            Ok(()) => {
                written += file.applied;
                files += 1;
            }
            Err(e) => {
                eprintln!("error: {e}");
                failed = true;
                unwritten.push(file.before.clone());
            }
        }
    }
    let fixed = on_disk(fixed, unwritten, settings);
    if let Some(path) = stdin {
        // The fixed buffer is the output; the findings that remain go to stderr.
        let buffer = fixed.run.sources.iter().find(|s| *s.path == *path).map(fix::bytes_of);
        let mut stdout = std::io::stdout().lock();
        if let Err(e) = stdout
            .write_all(&buffer.unwrap_or_default())
            .and_then(|()| stdout.flush())
        {
            eprintln!("error: cannot write to stdout: {e}");
            failed = true;
        }
        eprint!(
            "{}",
            report::render(Format::Concise, &fixed.run, &ReportOptions::plain())
        );
        let status = report::exit_status(&fixed.run, policy);
        return Flow::Done(if failed { ExitStatus::Error } else { status });
    }
    if written > 0 {
        eprintln!("Fixed {written} finding(s) in {files} file(s).");
    }
    Flow::Report { run: fixed.run, failed }
}

/// `fixed` with each page in `unwritten` (refused or failed) linted again as it was read: the
/// report is of what is on disk, not of a fixed text that was never written.
fn on_disk(fixed: FixRun, unwritten: Vec<rolelint::read::SourceFile>, settings: &rolelint::Settings) -> FixRun {
    if unwritten.is_empty() {
        return fixed;
    }
    let FixRun { mut run, files, passes } = fixed;
    let mut originals: foldhash::HashMap<_, _> = unwritten.into_iter().map(|s| (s.path.clone(), s)).collect();
    let errors = std::mem::take(&mut run.errors);
    let sources = std::mem::take(&mut run.sources)
        .into_iter()
        .chain(std::mem::take(&mut run.context))
        .map(|s| originals.remove(&s.path).unwrap_or(s))
        .collect();
    FixRun {
        run: rolelint::lint_sources(settings, sources, errors),
        files,
        passes,
    }
}
