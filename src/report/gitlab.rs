//! `--format gitlab`: a GitLab Code Quality report (a JSON array, no BOM).
//!
//! Paths are repository-relative and fingerprints are hashed over them (path, rule, structural
//! key, salt), so reports made on two branches, or from two folders, compare in the MR widget.
//!
//! Severity: error → `major`, warning → `minor`, info → `info`. `critical` and `blocker` stay
//! free: GitLab ranks them above anything a wording or levelling defect on a page can be, and
//! the pipeline already fails on errors through the exit code.

use super::records::write_records;
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
        let issues = issues(run);
        // The list as `serde_json::to_writer_pretty` writes it, its issues rendered in parallel.
        if issues.is_empty() {
            return writeln!(out, "[]");
        }
        out.write_all(b"[")?;
        // An issue is written one level deep: its lines are indented by two.
        write_records(out, &issues, "  ", |_, issue| serde_json::to_string_pretty(issue))?;
        writeln!(out, "\n]")
    }
}

/// The Code Quality issues of `run`, in report order.
fn issues(run: &Run) -> Vec<Issue<'_>> {
    let sources = SourceMap::new(run);
    let diagnostics = ordered(run);
    let paths: Vec<String> = diagnostics.iter().map(|d| sources.repo(&d.path)).collect();
    let prints = fingerprints_at(diagnostics.iter().copied().zip(paths.iter().map(String::as_str)));
    diagnostics
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
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// The issues as `serde_json::to_writer_pretty` writes the list whole.
    fn whole(run: &Run) -> String {
        serde_json::to_string_pretty(&issues(run)).unwrap() + "\n"
    }

    #[test]
    fn issues_rendered_apart_give_the_list_serde_writes_whole() {
        let fixtures = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/checks"));
        let run = crate::lint(&crate::Settings {
            paths: vec![fixtures],
            ..Default::default()
        });
        assert!(run.diagnostics.len() > 100, "{} findings", run.diagnostics.len());
        let mut spliced = Vec::new();
        Gitlab.report(&run, &mut spliced).unwrap();
        assert_eq!(String::from_utf8(spliced).unwrap(), whole(&run));
        let mut empty = Vec::new();
        Gitlab.report(&Run::default(), &mut empty).unwrap();
        assert_eq!(String::from_utf8(empty).unwrap(), "[]\n");
    }
}
