//! `rolelint ladder`: lint, build the ladder report from the parsed pages and the findings, write it.

use super::ExitStatus;
use super::args::{LadderArgs, LadderFormat};
use rolelint::ladder::{self, Linker};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Runs `rolelint ladder`. Findings do not fail it (the report shows them): 0 when the report is
/// written, 2 on configuration, read or write errors.
pub fn run(args: LadderArgs) -> ExitStatus {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
    };
    let settings = rolelint::Settings {
        paths: paths.clone(),
        config: args.config.clone(),
        select: args.select,
        ignore: args.ignore,
        ..rolelint::Settings::default()
    };
    let run = rolelint::lint(&settings);
    for e in &run.config_errors {
        eprintln!("error: {e}");
        if let Some(help) = miette::Diagnostic::help(e) {
            eprintln!("  help: {help}");
        }
    }
    if !run.config_errors.is_empty() {
        return ExitStatus::Error;
    }
    for e in &run.errors {
        eprintln!("error: cannot read {}: {}", e.path, e.kind);
    }
    // The run keeps page summaries only; the report re-parses each page (cheap next to the checks).
    let pages: Vec<_> = run.sources.iter().map(rolelint::parse::parse).collect();
    let mut resolver = rolelint::policy::Resolver::new(args.config);
    let policies: Vec<_> = pages.iter().map(|p| resolver.policy_for(Path::new(&*p.path))).collect();
    let linker = Linker {
        site_url: args.site_url,
        out_dir: args.output_file.as_deref().map(|f| {
            f.parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .to_path_buf()
        }),
        roots: paths,
    };
    let report = ladder::build(&ladder::Input {
        pages: &pages,
        policies: &policies,
        diagnostics: &run.diagnostics,
        linker: &linker,
    });
    let format = args.format.unwrap_or(if args.output_file.is_some() {
        LadderFormat::Html
    } else {
        LadderFormat::Csv
    });
    let text = match format {
        LadderFormat::Html => ladder::html::render(&report),
        LadderFormat::Csv => ladder::csv::render(&report),
        LadderFormat::Json => ladder::json::render(&report),
    };
    let written = match &args.output_file {
        Some(file) => std::fs::write(file, text).map_err(|e| format!("cannot write {}: {e}", file.display())),
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("cannot write to stdout: {e}")),
                _ => Ok(()),
            }
        }
    };
    if let Err(message) = written {
        eprintln!("error: {message}");
        return ExitStatus::Error;
    }
    if run.errors.is_empty() {
        ExitStatus::Success
    } else {
        ExitStatus::Error
    }
}
