//! `--format concise`: `path:line:col: severity[rule] message`, one line per finding, then the summary.

use super::{Reporter, SourceMap, Summary, ordered, portable_path};
use crate::Run;
use crate::span::Span;
use rayon::prelude::*;
use std::fmt::Write as _;
use std::io;

/// Findings formatted per task.
const LINES_PER_CHUNK: usize = 1024;
/// Chunks formatted before they are written.
const CHUNKS_PER_BATCH: usize = 8;

/// One line per finding.
#[derive(Clone, Copy, Debug, Default)]
pub struct Concise {
    /// Whether unreadable files are listed too (as `path: error: …`).
    pub read_errors: bool,
}

impl Reporter for Concise {
    fn report(&self, run: &Run, out: &mut dyn io::Write) -> io::Result<()> {
        let sources = SourceMap::new(run);
        let diagnostics = ordered(run);
        let spans: Vec<(&str, Span)> = diagnostics.iter().map(|d| (&*d.path, d.span)).collect();
        let starts = sources.locate_all(&spans);
        drop(spans);
        // Lines are formatted by several threads, a chunk each, and written in order a batch of
        // chunks at a time (a large run's report is never held whole).
        let batch = LINES_PER_CHUNK * CHUNKS_PER_BATCH;
        for (diagnostics, starts) in diagnostics.chunks(batch).zip(starts.chunks(batch)) {
            let texts: Vec<String> = diagnostics
                .par_chunks(LINES_PER_CHUNK)
                .zip(starts.par_chunks(LINES_PER_CHUNK))
                .map(|(chunk, starts)| {
                    let mut text = String::new();
                    for (d, (start, _)) in chunk.iter().zip(starts) {
                        let _ = writeln!(
                            text,
                            "{}:{}:{}: {}[{}] {}",
                            portable_path(&d.path),
                            start.line,
                            start.column,
                            d.severity.as_str(),
                            d.rule,
                            one_line(&d.message)
                        );
                    }
                    text
                })
                .collect();
            for text in texts {
                out.write_all(text.as_bytes())?;
            }
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
