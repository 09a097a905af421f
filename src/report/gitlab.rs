//! `--format gitlab`: a GitLab Code Quality report (a JSON array, no BOM).
//!
//! Paths are repository-relative and fingerprints are hashed over them (path, rule, structural
//! key, salt), so reports made on two branches, or from two folders, compare in the MR widget.
//!
//! Severity: error → `major`, warning → `minor`, info → `info`. `critical` and `blocker` stay
//! free: GitLab ranks them above anything a wording or levelling defect on a page can be, and
//! the pipeline already fails on errors through the exit code.

use super::{Reporter, SourceMap, fingerprints_at, ordered};
use crate::Run;
use crate::diagnostic::Severity;
use serde::Serialize;
use std::io;

/// The Code Quality reporter.
#[derive(Clone, Copy, Debug, Default)]
pub struct Gitlab;

impl Reporter for Gitlab {
    fn report(&self, run: &Run, out: &mut dyn io::Write) -> io::Result<()> {
        let sources = SourceMap::new(run);
        let diagnostics = ordered(run);
        let paths: Vec<String> = diagnostics.iter().map(|d| sources.repo(&d.path)).collect();
        let prints = fingerprints_at(diagnostics.iter().copied().zip(paths.iter().map(String::as_str)));
        let issues: Vec<Issue> = diagnostics
            .iter()
            .zip(prints)
            .zip(&paths)
            .map(|((d, fingerprint), path)| {
                let (start, end) = sources.locate(&d.path, d.span);
                Issue {
                    description: d.message.clone(),
                    check_name: &d.rule,
                    fingerprint,
                    severity: match d.severity {
                        Severity::Error => "major",
                        Severity::Warning => "minor",
                        Severity::Info => "info",
                    },
                    location: IssueLocation {
                        path: path.clone(),
                        lines: Lines {
                            begin: start.line,
                            end: end.line,
                        },
                    },
                }
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &issues)?;
        writeln!(out)
    }
}

#[derive(Serialize)]
struct Issue<'r> {
    description: String,
    check_name: &'r str,
    fingerprint: String,
    severity: &'static str,
    location: IssueLocation,
}

#[derive(Serialize)]
struct IssueLocation {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: u32,
    end: u32,
}
