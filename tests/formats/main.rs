//! Every output format: validated on the seed pages with hand-made findings at real positions
//! (JSON against our schema, SARIF against the official one, JUnit parsed, Code Quality
//! fingerprints), and snapshotted on pages written for these tests (no seed text is committed).

mod own;
mod seeds;

use rolelint::Run;
use rolelint::diagnostic::Severity;
use rolelint::read::SourceFile;
use rolelint::report::{self, Format, ReportOptions, RuleDoc};
use rolelint::span::Span;
use serde_json::Value;
use std::borrow::Cow;
use std::sync::Arc;

/// The span of the `n`-th (0-based) occurrence of `needle` in the file at `path`.
pub fn find(sources: &[SourceFile], path: &str, needle: &str, n: usize) -> Span {
    let text = &sources.iter().find(|s| &*s.path == path).unwrap().text;
    let start = text.match_indices(needle).nth(n).unwrap().0;
    Span::new(start, start + needle.len())
}

/// The catalog the SARIF writer is given in tests: knows `typo`, not the other ids.
fn catalog(id: &str) -> Option<RuleDoc> {
    (id == "typo").then(|| RuleDoc {
        id: "typo".into(),
        summary: Cow::Borrowed("a misspelt word in prose"),
        explain: Cow::Borrowed("## What it does\nFlags misspelt words in prose.\n"),
        default_severity: Some(Severity::Error),
    })
}

/// Plain options with the test catalog.
pub fn options() -> ReportOptions {
    ReportOptions {
        rules: Arc::new(catalog),
        ..ReportOptions::plain()
    }
}

/// Renders `run` as `format` with [`options`].
pub fn render(format: Format, run: &Run) -> String {
    report::render(format, run, &options())
}

/// Reads a JSON file.
pub fn load_json(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Every error of `instance` against `schema`.
pub fn schema_errors(schema: &Value, instance: &Value) -> Vec<String> {
    let validator = jsonschema::validator_for(schema).unwrap();
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}
