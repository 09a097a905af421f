//! `--format json`: the versioned contract documented by `grammar/diagnostics.schema.json`.
//!
//! Editors and CI scripts rely on these names: fields may be added, never renamed.

use super::records::write_records;
use super::{Reporter, SourceMap, Summary, fingerprints_at, ordered, portable_path};
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
        // Every span's position up front: the files read back are read by several threads.
        // `firsts` says where each finding's spans start among them, and where the last ends.
        let mut spans: Vec<(&str, Span)> = Vec::with_capacity(diagnostics.len());
        let mut firsts = Vec::with_capacity(diagnostics.len() + 1);
        for d in &diagnostics {
            firsts.push(spans.len());
            spans.extend(spans_of(d));
        }
        firsts.push(spans.len());
        let positions = sources.locate_all(&spans);
        drop(spans);
        // The log as `serde_json::to_writer_pretty` writes it, with the findings' records rendered
        // by several threads a batch at a time (this was a tenth of a large run, on one thread).
        write!(out, "{{\n  \"version\": {JSON_VERSION},\n  \"diagnostics\": [")?;
        // A record is written two levels deep in the log: its lines are indented by four.
        write_records(out, &diagnostics, "    ", |k, d| {
            let own = match (firsts.get(k), firsts.get(k + 1)) {
                (Some(&from), Some(&to)) => positions.get(from..to).unwrap_or_default(),
                _ => &[],
            };
            let print = prints.get(k).map_or("", String::as_str);
            serde_json::to_string_pretty(&JsonDiagnostic::new(d, print, own))
        })?;
        out.write_all(if diagnostics.is_empty() { b"]" } else { b"\n  ]" })?;
        let tail = Tail {
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
        // The fields after the findings, as they follow them: the tail's own opening brace dropped.
        let tail = serde_json::to_string_pretty(&tail)?;
        out.write_all(b",")?;
        out.write_all(tail.strip_prefix('{').unwrap_or(&tail).as_bytes())?;
        writeln!(out)
    }
}

/// The fields of the log that follow the findings, in the contract's order.
#[derive(Serialize)]
struct Tail<'r> {
    summary: Summary,
    read_errors: Vec<ReadFailure>,
    /// Errors that stopped the run (configuration, baseline, `--changed-since`); omitted when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<JsonFailure<'r>>,
}

/// The spans of a finding whose positions the record shows, in the order [`JsonDiagnostic::new`]
/// takes them: the finding's, its fix's edits, its related places.
fn spans_of(d: &Diagnostic) -> impl Iterator<Item = (&str, Span)> {
    let path = &*d.path;
    std::iter::once((path, d.span))
        .chain(
            d.fix
                .iter()
                .flat_map(move |fix| fix.edits.iter().map(move |e| (path, e.span))),
        )
        .chain(d.related.iter().map(|r| (&*r.path, r.span)))
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
    /// The record of `d`, whose spans are at `positions` in [`spans_of`] order.
    fn new(d: &'r Diagnostic, fingerprint: &'r str, positions: &[(Position, Position)]) -> Self {
        let mut positions = positions.iter().copied();
        // `positions` holds every span's: the file's start is never shown.
        let start_of_file = Position {
            line: 1,
            column: 1,
            offset: 0,
        };
        let mut span = || {
            let (start, end) = positions.next().unwrap_or((start_of_file, start_of_file));
            JsonSpan { start, end }
        };
        let main = span();
        let fix = d.fix.as_ref().map(|fix| JsonFix {
            description: &fix.description,
            applicability: match fix.applicability {
                Applicability::Safe => "safe",
                Applicability::Unsafe => "unsafe",
            },
            edits: fix
                .edits
                .iter()
                .map(|e| JsonEdit {
                    span: span(),
                    replacement: &e.replacement,
                })
                .collect(),
        });
        let related = d
            .related
            .iter()
            .map(|r| JsonRelated {
                path: portable_path(&r.path),
                span: span(),
                message: &r.message,
            })
            .collect();
        JsonDiagnostic {
            rule: &d.rule,
            severity: d.severity.as_str(),
            message: &d.message,
            path: portable_path(&d.path),
            span: main,
            label: d.label.as_deref(),
            help: d.help.as_deref(),
            related,
            fix,
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
