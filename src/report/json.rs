//! `--format json`: the versioned contract documented by `grammar/diagnostics.schema.json`.
//!
//! Editors and CI scripts rely on these names: fields may be added, never renamed.

use super::{Reporter, SourceMap, Summary, fingerprints_at, ordered};
use crate::Run;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::span::{Position, Span};
use serde::Serialize;
use std::io;

/// The version of the JSON contract.
pub const JSON_VERSION: u32 = 1;

/// The JSON report.
#[derive(Clone, Copy, Debug, Default)]
pub struct Json;

impl Reporter for Json {
    fn report(&self, run: &Run, out: &mut dyn io::Write) -> io::Result<()> {
        let sources = SourceMap::new(run);
        let diagnostics = ordered(run);
        // Over repository paths, so a finding's fingerprint is the one GitLab and SARIF carry.
        let repo: Vec<String> = diagnostics.iter().map(|d| sources.repo(&d.path)).collect();
        let prints = fingerprints_at(diagnostics.iter().copied().zip(repo.iter().map(String::as_str)));
        drop(repo);
        let log = Log {
            version: JSON_VERSION,
            diagnostics: Records {
                diagnostics: &diagnostics,
                prints: &prints,
                sources: &sources,
            },
            summary: Summary::of(run),
            read_errors: run
                .errors
                .iter()
                .map(|e| ReadFailure {
                    path: sources.shown(&e.path),
                    message: e.kind.to_string(),
                })
                .collect(),
            errors: run
                .failures
                .iter()
                .map(|f| JsonFailure {
                    message: &f.message,
                    help: f.help.as_deref(),
                })
                .collect(),
        };
        serde_json::to_writer_pretty(&mut *out, &log)?;
        writeln!(out)
    }
}

#[derive(Serialize)]
struct Log<'r, 's> {
    version: u32,
    diagnostics: Records<'r, 's>,
    summary: Summary,
    read_errors: Vec<ReadFailure>,
    /// Errors that stopped the run (configuration, baseline, `--changed-since`); omitted when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<JsonFailure<'r>>,
}

/// The findings' records, each built as it is written: a run with tens of thousands of findings
/// never holds all their records (paths, positions, related places) at once.
struct Records<'r, 's> {
    diagnostics: &'s [&'r Diagnostic],
    prints: &'s [String],
    sources: &'s SourceMap<'r>,
}

impl Serialize for Records<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(
            self.diagnostics
                .iter()
                .zip(self.prints)
                .map(|(d, fingerprint)| JsonDiagnostic::new(d, fingerprint, self.sources)),
        )
    }
}

#[derive(Serialize)]
struct JsonFailure<'r> {
    message: &'r str,
    help: Option<&'r str>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'r> {
    rule: &'r str,
    severity: &'static str,
    message: &'r str,
    path: String,
    span: JsonSpan,
    label: Option<&'r str>,
    help: Option<&'r str>,
    related: Vec<JsonRelated<'r>>,
    fix: Option<JsonFix<'r>>,
    policy: Option<&'r str>,
    key: &'r str,
    fingerprint: &'r str,
}

impl<'r> JsonDiagnostic<'r> {
    fn new(d: &'r Diagnostic, fingerprint: &'r str, sources: &SourceMap<'_>) -> Self {
        let span = |path: &str, span: Span| {
            let (start, end) = sources.locate(path, span);
            JsonSpan { start, end }
        };
        JsonDiagnostic {
            rule: &d.rule,
            severity: d.severity.as_str(),
            message: &d.message,
            path: sources.shown(&d.path),
            span: span(&d.path, d.span),
            label: d.label.as_deref(),
            help: d.help.as_deref(),
            related: d
                .related
                .iter()
                .map(|r| JsonRelated {
                    path: sources.shown(&r.path),
                    span: span(&r.path, r.span),
                    message: &r.message,
                })
                .collect(),
            fix: d.fix.as_ref().map(|fix| JsonFix {
                description: &fix.description,
                applicability: match fix.applicability {
                    Applicability::Safe => "safe",
                    Applicability::Unsafe => "unsafe",
                },
                edits: fix
                    .edits
                    .iter()
                    .map(|e| JsonEdit {
                        span: span(&d.path, e.span),
                        replacement: &e.replacement,
                    })
                    .collect(),
            }),
            policy: d.policy.as_deref(),
            key: &d.key,
            fingerprint,
        }
    }
}

#[derive(Serialize)]
struct JsonSpan {
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct JsonRelated<'r> {
    path: String,
    span: JsonSpan,
    message: &'r str,
}

#[derive(Serialize)]
struct JsonFix<'r> {
    description: &'r str,
    applicability: &'static str,
    edits: Vec<JsonEdit<'r>>,
}

#[derive(Serialize)]
struct JsonEdit<'r> {
    span: JsonSpan,
    replacement: &'r str,
}

#[derive(Serialize)]
struct ReadFailure {
    path: String,
    message: String,
}
