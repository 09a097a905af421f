//! `rolelint check`: lint, write every requested report, and pick the exit status.

use super::ExitStatus;
use super::args::{CheckArgs, ColorChoice};
use rolelint::baseline::{Applied, Baseline};
use rolelint::read::{self, git};
use rolelint::report::{self, Destination, ExitPolicy, Output, ReportOptions};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

/// Runs `rolelint check`.
pub fn run(args: CheckArgs) -> ExitStatus {
    // No path is the working directory (and no walk with stdin, whose context is read apart).
    let walks = args.paths.is_empty() && args.stdin_filename.is_none();
    // Many named pages (pre-commit's staged pages) are read one after another as the walk of a
    // folder would be, and `--context` walks the tree around them.
    let several = args.paths.len() > 1 || args.context.is_some();
    rolelint::warm_up(walks || several || args.paths.iter().any(|p| p.is_dir()));
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
                return stop(
                    &outputs,
                    rolelint::Run::default(),
                    vec![failure(format!("cannot read standard input: {e}"))],
                    args.color,
                );
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
    let (paths, stdin, context) = with_context(args.context.as_deref().map(Path::new), paths, stdin);
    let settings = rolelint::Settings {
        paths,
        stdin,
        config: args.config,
        select: args.select,
        ignore: args.ignore,
        strict_links: args.strict_links,
        context,
        report_only: None,
        online: args.online,
        cache_dir: args.cache_dir,
    };
    let exit_policy = ExitPolicy {
        exit_zero: args.exit_zero,
        max_warnings: args.max_warnings,
    };
    let mut fix_failed = false;
    if fixing.is_some() && args.changed_since.is_some() {
        eprintln!("error: --fix and --diff work on the pages named, not with --changed-since");
        return ExitStatus::Error;
    }
    let mut run = match &args.changed_since {
        Some(reference) => match rolelint::baseline::changes::lint_changed_since(&settings, reference) {
            Ok(changed) => {
                let short: String = changed.base.chars().take(12).collect();
                eprintln!(
                    "rolelint: {} changed {} since {short} (merge base with {reference}); {} {} on unchanged pages caused by the change",
                    changed.changed,
                    if changed.changed == 1 { "page" } else { "pages" },
                    changed.caused,
                    if changed.caused == 1 { "finding" } else { "findings" },
                );
                changed.run
            }
            Err(e) => {
                let failures = vec![failure(format!("--changed-since {reference}: {e}"))];
                return stop(&outputs, rolelint::Run::default(), failures, args.color);
            }
        },
        None => match fixing {
            // Baselines fingerprint the pages' text after the run: only a plain report drops it.
            None if args.baseline.is_none() && args.write_baseline.is_none() => rolelint::lint_reading_back(&settings),
            None => rolelint::lint(&settings),
            Some((mode, options)) => match super::fix::run(mode, options, &settings, &exit_policy) {
                super::fix::Flow::Report { run, failed } => {
                    fix_failed = failed;
                    run
                }
                super::fix::Flow::Done(status) => return status,
            },
        },
    };
    if !run.config_errors.is_empty() {
        let failures = run
            .config_errors
            .iter()
            .map(|e| rolelint::Failure {
                message: e.to_string(),
                help: miette::Diagnostic::help(e).map(|h| h.to_string()),
            })
            .collect();
        return stop(&outputs, run, failures, args.color);
    }
    if args.online {
        note_online(&run);
    }
    if let Some(file) = &args.write_baseline {
        return write_baseline(&run, file);
    }
    if let Some(file) = &args.baseline {
        match Baseline::load(file) {
            Ok(baseline) => report_stale(&baseline.apply(&mut run), file),
            Err(e) => {
                // The findings stay in the reports: without the baseline none of them is known
                // to be old, and the error says so.
                return stop(&outputs, run, vec![failure(format!("--baseline: {e}"))], args.color);
            }
        }
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
    let failing = report::Failing::of(&run, &exit_policy);
    for output in &outputs {
        if let Err(message) = write_output(output, &run, args.color, failing) {
            eprintln!("error: {message}");
            status = ExitStatus::Error;
        }
    }
    // The process ends here: freeing the run's findings and sources one by one would only delay it.
    std::mem::forget(run);
    status
}

/// A failure without help.
fn failure(message: String) -> rolelint::Failure {
    rolelint::Failure { message, help: None }
}

/// Ends a run that cannot be reported as usual: prints `failures` on stderr and still writes every
/// machine-readable report (the JSON contract, SARIF, …) and every report file, each saying what
/// went wrong, so that CI reading them finds the reason instead of nothing.
fn stop(
    outputs: &[Output],
    mut run: rolelint::Run,
    failures: Vec<rolelint::Failure>,
    color: ColorChoice,
) -> ExitStatus {
    let mut text = String::new();
    for f in &failures {
        text.push_str(&format!("error: {}\n", f.message));
        if let Some(help) = &f.help {
            text.push_str(&format!("  help: {help}\n"));
        }
    }
    eprint!("{text}");
    run.failures = failures;
    for output in outputs {
        let written = match (output.format.is_for_people(), &output.destination) {
            // Stderr has said it already; a report file for people says it again.
            (true, Destination::Stdout) => Ok(()),
            (true, Destination::File(path)) => std::fs::write(path, &text).map_err(|e| {
                format!(
                    "cannot write the {} report to {}: {e}",
                    output.format.name(),
                    path.display()
                )
            }),
            (false, _) => write_output(output, &run, color, report::Failing::default()),
        };
        if let Err(message) = written {
            eprintln!("error: {message}");
        }
    }
    ExitStatus::Error
}

/// The context roots: `--context=DIR` as given; `--context` alone (or a stdin buffer) takes the
/// tree around each named file (nearest rolelint.toml, else the git top level).
///
/// Link checks compare page paths as written, so named pages and context pages must share one
/// root: roots inside the working directory are written relative to it; when a root lies above
/// it (or a named path is absolute), every path is made absolute.
fn with_context(
    flag: Option<&Path>,
    paths: Vec<PathBuf>,
    stdin: Option<(PathBuf, String)>,
) -> (Vec<PathBuf>, Option<(PathBuf, String)>, Vec<PathBuf>) {
    let stdin_path = stdin.as_ref().map(|(p, _)| p.as_path());
    let mut around = git::ContextRoots::default();
    let mut roots: Vec<PathBuf> = match flag {
        Some(dir) if !dir.as_os_str().is_empty() => vec![read::absolute(dir)],
        Some(_) => paths
            .iter()
            .map(PathBuf::as_path)
            .chain(stdin_path)
            .filter_map(|p| around.root_of(p))
            .collect(),
        None => stdin_path.into_iter().filter_map(|p| around.root_of(p)).collect(),
    };
    roots.sort();
    roots.dedup();
    if roots.is_empty() {
        return (paths, stdin, roots);
    }
    let cwd = read::absolute(Path::new("."));
    let named_relative = paths
        .iter()
        .map(PathBuf::as_path)
        .chain(stdin_path)
        .all(Path::is_relative);
    if named_relative && roots.iter().all(|r| r.starts_with(&cwd)) {
        let relative = roots
            .iter()
            .map(|r| match r.strip_prefix(&cwd) {
                Ok(rest) if !rest.as_os_str().is_empty() => rest.to_path_buf(),
                _ => PathBuf::from("."),
            })
            .collect();
        return (paths, stdin, relative);
    }
    let paths = paths.iter().map(|p| read::absolute(p)).collect();
    let stdin = stdin.map(|(p, text)| (read::absolute(&p), text));
    (paths, stdin, roots)
}

/// One line on stderr about the external links `--online` fetched (the summary covers the rest).
fn note_online(run: &rolelint::Run) {
    let count = |name: &str| run.counters.get(name).copied().unwrap_or(0);
    let (checked, cached) = (
        count("broken-link.external-checked"),
        count("broken-link.external-cached"),
    );
    let unverified = count("broken-link.external-unverified");
    let urls = |n: u64| if n == 1 { "URL" } else { "URLs" };
    let mut line = format!(
        "rolelint: --online checked {checked} external {} ({cached} from the cache)",
        urls(checked)
    );
    if unverified > 0 {
        line.push_str(&format!(
            "; {unverified} could not be verified (refused or slow; --strict-links reports them)"
        ));
    }
    eprintln!("{line}");
}

fn write_baseline(run: &rolelint::Run, file: &Path) -> ExitStatus {
    // A baseline written from a run that skipped files would hide their findings as "new" later.
    for e in &run.errors {
        eprintln!("error: cannot read {}: {}", e.path, e.kind);
    }
    if !run.errors.is_empty() {
        eprintln!("error: baseline not written: some files could not be read");
        return ExitStatus::Error;
    }
    let baseline = Baseline::of(run, &rolelint::baseline::parent(file));
    match baseline.save(file) {
        Ok(()) => {
            let n = baseline.entries.len();
            eprintln!(
                "rolelint: recorded {n} {} in {}",
                if n == 1 { "finding" } else { "findings" },
                file.display()
            );
            ExitStatus::Success
        }
        Err(e) => {
            eprintln!("error: --write-baseline: {e}");
            ExitStatus::Error
        }
    }
}

/// Stale entries are shown, never fatal: a fixed finding is good news, and the file can be
/// rewritten when convenient.
fn report_stale(applied: &Applied, file: &Path) {
    if applied.stale.is_empty() {
        return;
    }
    let n = applied.stale.len();
    eprintln!(
        "rolelint: {n} baseline {} in {} no longer {} a finding (fixed or changed); rewrite it with --write-baseline:",
        if n == 1 { "entry" } else { "entries" },
        file.display(),
        if n == 1 { "matches" } else { "match" },
    );
    for e in &applied.stale {
        eprintln!("  stale: {} [{}] {}", e.path, e.rule, e.message);
    }
}

fn write_output(
    output: &Output,
    run: &rolelint::Run,
    color: ColorChoice,
    failing: report::Failing,
) -> Result<(), String> {
    match &output.destination {
        Destination::Stdout => {
            let options = ReportOptions {
                failing,
                ..people_options(color, std::io::stdout().is_terminal(), false)
            };
            let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            match report::write(output.format, run, &options, &mut stdout).and_then(|()| stdout.flush()) {
                // `rolelint check | head` is not a failure of the run.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(format!("cannot write to stdout: {e}")),
                Ok(()) => Ok(()),
            }
        }
        Destination::File(path) => {
            let options = ReportOptions {
                failing,
                ..people_options(color, false, true)
            };
            let written = std::fs::File::create(path).and_then(|file| {
                let mut file = std::io::BufWriter::with_capacity(1 << 16, file);
                report::write(output.format, run, &options, &mut file)?;
                file.flush()
            });
            written.map_err(|e| {
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
