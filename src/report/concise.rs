//! `--format concise`: `path:line:col: severity[rule] message`, one line per finding, then the summary.

use super::{Reporter, SourceMap, Summary, ordered};
use crate::Run;
use std::io;

/// One line per finding.
#[derive(Clone, Copy, Debug, Default)]
pub struct Concise {
    /// Whether unreadable files are listed too (as `path: error: …`).
    pub read_errors: bool,
}

impl Reporter for Concise {
    fn report(&self, run: &Run, out: &mut dyn io::Write) -> io::Result<()> {
        let sources = SourceMap::new(run);
        for d in ordered(run) {
            let (start, _) = sources.locate(&d.path, d.span);
            writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                sources.shown(&d.path),
                start.line,
                start.column,
                d.severity.as_str(),
                d.rule,
                one_line(&d.message)
            )?;
        }
        if self.read_errors {
            for e in &run.errors {
                writeln!(
                    out,
                    "{}: error: {}",
                    sources.shown(&e.path),
                    one_line(&e.kind.to_string())
                )?;
            }
        }
        writeln!(out, "{}", Summary::of(run).sentence())
    }
}

/// A message on one line, so every finding stays one `grep`-able line.
pub(crate) fn one_line(text: &str) -> String {
    text.split(['\r', '\n'])
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
