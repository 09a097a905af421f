//! `--format sarif`: SARIF 2.1.0 with rule metadata, help URIs, related locations and fixes.
//!
//! Hand-rolled structs for the subset rolelint emits (serde-sarif costs a build script and a
//! clumsy builder API); the output is validated against the official schema in tests.

use super::{HOME_URL, Reporter, RuleCatalog, SourceMap, fingerprints, ordered, portable_path, rule_url};
use crate::Run;
use crate::diagnostic::{Diagnostic, Severity};
use crate::span::Span;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io;
use std::sync::Arc;

const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The SARIF reporter; rule metadata comes from `rules`.
#[derive(Clone)]
pub struct Sarif {
    rules: Arc<dyn RuleCatalog>,
}

impl Sarif {
    /// A SARIF reporter describing rules through `rules`.
    pub fn new(rules: Arc<dyn RuleCatalog>) -> Self {
        Sarif { rules }
    }
}

impl Reporter for Sarif {
    fn report(&self, run: &Run, out: &mut dyn io::Write) -> io::Result<()> {
        let log = self.log(run);
        serde_json::to_writer_pretty(&mut *out, &log)?;
        writeln!(out)
    }
}

impl Sarif {
    fn log<'r>(&self, run: &'r Run) -> Log<'r> {
        let sources = SourceMap::new(run);
        let diagnostics = ordered(run);
        // The rule table lists every rule that fired, sorted by id; results point into it.
        let mut first_severity: BTreeMap<&str, Severity> = BTreeMap::new();
        for d in &diagnostics {
            first_severity.entry(&d.rule).or_insert(d.severity);
        }
        let index: BTreeMap<&str, usize> = first_severity.keys().enumerate().map(|(i, id)| (*id, i)).collect();
        let rules = first_severity
            .iter()
            .map(|(id, seen)| {
                let doc = self.rules.describe(id);
                Rule {
                    id: id.to_string(),
                    short_description: Text::plain(doc.summary.to_string()),
                    full_description: Text::plain(doc.explain.to_string()),
                    help: Text {
                        text: format!("{}. See {}", doc.summary.trim_end_matches('.'), rule_url(id)),
                        markdown: Some(doc.explain.to_string()),
                    },
                    help_uri: rule_url(id),
                    default_configuration: Configuration {
                        level: level(doc.default_severity.unwrap_or(*seen)),
                    },
                }
            })
            .collect();
        let prints = fingerprints(diagnostics.iter().copied());
        let results = diagnostics
            .iter()
            .zip(prints)
            .map(|(d, fp)| SarifResult {
                rule_id: &d.rule,
                rule_index: index.get(&*d.rule).copied().unwrap_or(0),
                level: level(d.severity),
                message: Text::plain(d.message.clone()),
                locations: vec![Location::new(&sources, &d.path, d.span, None, None)],
                related_locations: d
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, r)| Location::new(&sources, &r.path, r.span, Some(i), Some(r.message.clone())))
                    .collect(),
                fixes: fixes(d, &sources),
                partial_fingerprints: BTreeMap::from([("rolelint/v1", fp)]),
            })
            .collect();
        let notifications: Vec<Notification> = run
            .errors
            .iter()
            .map(|e| Notification {
                level: "error",
                message: Text::plain(format!("cannot read {}: {}", e.path, e.kind)),
                locations: vec![Location::file(&e.path)],
            })
            .chain(run.failures.iter().map(|f| Notification {
                level: "error",
                message: Text::plain(f.message.clone()),
                locations: Vec::new(),
            }))
            .collect();
        Log {
            schema: SCHEMA_URI,
            version: "2.1.0",
            runs: vec![SarifRun {
                tool: Tool {
                    driver: Driver {
                        name: "rolelint",
                        version: env!("CARGO_PKG_VERSION"),
                        information_uri: HOME_URL,
                        rules,
                    },
                },
                invocations: vec![Invocation {
                    execution_successful: notifications.is_empty(),
                    tool_execution_notifications: notifications,
                }],
                column_kind: "unicodeCodePoints",
                results,
            }],
        }
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn fixes(d: &Diagnostic, sources: &SourceMap<'_>) -> Vec<SarifFix> {
    let Some(fix) = &d.fix else { return Vec::new() };
    let bom = if sources.has_bom(&d.path) { 3 } else { 0 };
    vec![SarifFix {
        description: Text::plain(fix.description.clone()),
        artifact_changes: vec![ArtifactChange {
            artifact_location: ArtifactLocation { uri: uri(&d.path) },
            replacements: fix
                .edits
                .iter()
                .map(|e| Replacement {
                    deleted_region: ByteRegion {
                        byte_offset: e.span.start as usize + bom,
                        byte_length: e.span.len(),
                    },
                    inserted_content: InsertedContent {
                        text: e.replacement.clone(),
                    },
                })
                .collect(),
        }],
    }]
}

/// A path as a URI reference: forward slashes, percent-encoded outside the unreserved set.
fn uri(path: &str) -> String {
    let path = portable_path(path);
    let mut out = String::with_capacity(path.len());
    // `C:/x` would read as scheme `C`; make Windows drive paths file URIs.
    if path.as_bytes().get(1) == Some(&b':') {
        out.push_str("file:///");
    }
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(byte as char),
            b':' if out.starts_with("file:///") && out.len() == 9 => out.push(':'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[derive(Serialize)]
struct Log<'r> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<SarifRun<'r>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRun<'r> {
    tool: Tool,
    invocations: Vec<Invocation>,
    column_kind: &'static str,
    results: Vec<SarifResult<'r>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    information_uri: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: String,
    short_description: Text,
    full_description: Text,
    help: Text,
    help_uri: String,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Text {
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    markdown: Option<String>,
}

impl Text {
    fn plain(text: String) -> Self {
        Text { text, markdown: None }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'r> {
    rule_id: &'r str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix>,
    partial_fingerprints: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

impl Location {
    fn new(sources: &SourceMap<'_>, path: &str, span: Span, id: Option<usize>, message: Option<String>) -> Self {
        let (start, end) = sources.locate(path, span);
        let bom = if sources.has_bom(path) { 3 } else { 0 };
        Location {
            id,
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation { uri: uri(path) },
                region: Some(Region {
                    start_line: start.line,
                    start_column: start.column,
                    end_line: end.line,
                    end_column: end.column,
                    byte_offset: span.start as usize + bom,
                    byte_length: span.len(),
                }),
            },
            message: message.map(Text::plain),
        }
    }

    fn file(path: &str) -> Self {
        Location {
            id: None,
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation { uri: uri(path) },
                region: None,
            },
            message: None,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
    byte_offset: usize,
    byte_length: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix {
    description: Text,
    artifact_changes: Vec<ArtifactChange>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: ByteRegion,
    inserted_content: InsertedContent,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ByteRegion {
    byte_offset: usize,
    byte_length: usize,
}

#[derive(Serialize)]
struct InsertedContent {
    text: String,
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn uris() {
        assert_eq!(uri("./seeds/a b.md"), "seeds/a%20b.md");
        assert_eq!(uri(r"dir\é.md"), "dir/%C3%A9.md");
        assert_eq!(uri("C:/x.md"), "file:///C:/x.md");
    }
}
