//! `--format sarif`: SARIF 2.1.0 with rule metadata, help URIs, related locations and fixes.
//!
//! Hand-rolled structs for the subset rolelint emits (serde-sarif costs a build script and a
//! clumsy builder API); the output is validated against the official schema in tests.
//!
//! Written for GitHub code scanning as the main consumer:
//! * URIs are relative to `%SRCROOT%` (`uriBaseId`), which `originalUriBaseIds` sets to the git
//!   repository root as an absolute `file:` URI (the working directory outside a repository); a
//!   page outside it gets an absolute `file:` URI, never a scheme-less `/…` or a `../` path.
//! * Fingerprints: GitHub reads `partialFingerprints.primaryLocationLineHash` and computes one
//!   from the flagged line's text when it is missing, so an edited line would open a new alert.
//!   rolelint fills it with its own fingerprint (repository path, rule, structural key and a
//!   salt; never a line number or line text) and repeats it as `rolelint/v1`.
//! * Rules: `name` (the id in PascalCase); `fullDescription` is plain text of at most 1,024
//!   characters ("What it does"); the whole explanation is `help.markdown`; `properties` carry
//!   `tags`, `precision` and `problem.severity`, and no `security-severity`: no rolelint finding
//!   is a security problem.

use super::records::write_records;
use super::{HOME_URL, Reporter, RuleCatalog, SourceMap, fingerprints_at, ordered, rule_url};
use crate::Run;
use crate::diagnostic::{Diagnostic, Severity};
use crate::span::Span;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The base id every relative URI is resolved against.
const SRCROOT: &str = "%SRCROOT%";

/// GitHub's limit on `fullDescription.text`.
const MAX_FULL_DESCRIPTION: usize = 1024;

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
        let mut log = self.log(run);
        let results = log
            .runs
            .first_mut()
            .map(|r| std::mem::take(&mut r.results))
            .unwrap_or_default();
        let head = serde_json::to_string_pretty(&log)?;
        // The log as `serde_json::to_writer_pretty` writes it, with the results (the last field of
        // its one run) rendered in parallel: on one thread this made the report of a large tree a
        // fifth slower than the concise one.
        let open = match head.strip_suffix(EMPTY_RESULTS_END) {
            Some(open) if !results.is_empty() => open,
            _ => {
                if let Some(r) = log.runs.first_mut() {
                    r.results = results;
                }
                serde_json::to_writer_pretty(&mut *out, &log)?;
                return writeln!(out);
            }
        };
        out.write_all(open.as_bytes())?;
        out.write_all(b"[")?;
        // A result is written four levels deep in the log: its lines are indented by eight.
        write_records(out, &results, "        ", |_, r| serde_json::to_string_pretty(r))?;
        out.write_all(b"\n      ]\n    }\n  ]\n}")?;
        writeln!(out)
    }
}

/// How a pretty log whose one run has no results ends.
const EMPTY_RESULTS_END: &str = "[]\n    }\n  ]\n}";

impl Sarif {
    fn log<'r>(&self, run: &'r Run) -> Log<'r> {
        let sources = SourceMap::new(run);
        let diagnostics = ordered(run);
        let uris = Uris::new(run, &sources);
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
                let severity = doc.default_severity.unwrap_or(*seen);
                Rule {
                    id: id.to_string(),
                    name: pascal_case(id),
                    short_description: Text::plain(doc.summary.to_string()),
                    full_description: Text::plain(full_description(&doc.explain, &doc.summary)),
                    help: Text {
                        text: format!("{}\nSee {}", plain_text(&doc.explain), rule_url(id)),
                        markdown: Some(doc.explain.to_string()),
                    },
                    help_uri: rule_url(id),
                    default_configuration: Configuration { level: level(severity) },
                    properties: RuleProperties {
                        tags: tags(id),
                        precision: precision(id),
                        problem_severity: match severity {
                            Severity::Error => "error",
                            Severity::Warning => "warning",
                            Severity::Info => "recommendation",
                        },
                    },
                }
            })
            .collect();
        let repo: Vec<String> = diagnostics.iter().map(|d| sources.repo(&d.path)).collect();
        let prints = fingerprints_at(diagnostics.iter().copied().zip(repo.iter().map(String::as_str)));
        let results = diagnostics
            .iter()
            .zip(prints)
            .map(|(d, fp)| SarifResult {
                rule_id: &d.rule,
                rule_index: index.get(&*d.rule).copied().unwrap_or(0),
                level: level(d.severity),
                message: Text::plain(d.message.clone()),
                locations: vec![Location::new(&sources, &uris, &d.path, d.span, None, None)],
                related_locations: d
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, r)| Location::new(&sources, &uris, &r.path, r.span, Some(i), Some(r.message.clone())))
                    .collect(),
                fixes: fixes(d, &sources, &uris),
                partial_fingerprints: BTreeMap::from([("primaryLocationLineHash", fp.clone()), ("rolelint/v1", fp)]),
            })
            .collect();
        let notifications: Vec<Notification> = run
            .errors
            .iter()
            .map(|e| Notification {
                level: "error",
                message: Text::plain(format!("cannot read {}: {}", e.path, e.kind)),
                locations: vec![Location::file(&uris, &e.path)],
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
                original_uri_base_ids: uris.base_uri.clone().map(|uri| {
                    BTreeMap::from([(
                        SRCROOT,
                        BaseLocation {
                            uri,
                            description: Text::plain("The root of the git repository of the linted pages.".to_owned()),
                        },
                    )])
                }),
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

fn fixes(d: &Diagnostic, sources: &SourceMap<'_>, uris: &Uris) -> Vec<SarifFix> {
    let Some(fix) = &d.fix else { return Vec::new() };
    let bom = if sources.has_bom(&d.path) { 3 } else { 0 };
    vec![SarifFix {
        description: Text::plain(fix.description.clone()),
        artifact_changes: vec![ArtifactChange {
            artifact_location: uris.locate(&d.path),
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

/// Where URIs are relative to: `%SRCROOT%`, the repository root (else the working directory).
struct Uris {
    base: Option<PathBuf>,
    base_uri: Option<String>,
}

impl Uris {
    fn new(run: &Run, sources: &SourceMap<'_>) -> Self {
        let first = run
            .sources
            .first()
            .map(|s| &*s.path)
            .or(run.errors.first().map(|e| &*e.path));
        let base = first
            .and_then(|p| sources.repo_root(p))
            .or_else(|| std::env::current_dir().ok())
            .map(|b| crate::read::absolute(&b));
        let base_uri = base.as_deref().map(|b| {
            let mut uri = file_uri(b);
            if !uri.ends_with('/') {
                uri.push('/');
            }
            uri
        });
        Uris { base, base_uri }
    }

    /// `path` relative to `%SRCROOT%` when it lies under it, else as an absolute `file:` URI.
    fn locate(&self, path: &str) -> ArtifactLocation {
        let absolute = crate::read::absolute(Path::new(path));
        match self.base.as_deref().map(|b| absolute.strip_prefix(b)) {
            Some(Ok(rel)) if !rel.as_os_str().is_empty() => ArtifactLocation {
                uri: encode(&rel.to_string_lossy().replace('\\', "/")),
                uri_base_id: Some(SRCROOT),
            },
            _ => ArtifactLocation {
                uri: file_uri(&absolute),
                uri_base_id: None,
            },
        }
    }
}

/// An absolute path as a `file:` URI (`file:///home/…`, `file:///C:/…`).
fn file_uri(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let encoded = encode(&text);
    if encoded.starts_with('/') {
        format!("file://{encoded}")
    } else {
        format!("file:///{encoded}")
    }
}

/// A `/`-separated path percent-encoded outside the unreserved set (a drive's `:` is kept).
fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for (i, byte) in path.bytes().enumerate() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(byte as char),
            b':' if i == 1 => out.push(':'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// `grade-mismatch` → `GradeMismatch`: SARIF's human-readable rule name.
fn pascal_case(id: &str) -> String {
    id.split(['-', '_'])
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect()
}

/// The rule's family (a built-in rule) or `policy` (a declarative one), after `rolelint`.
fn tags(id: &str) -> Vec<&'static str> {
    let family = crate::checks::registry::find(id).map_or("policy", |c| c.meta().family.as_str());
    vec!["rolelint", family]
}

/// How often a finding of the rule is right, as triaged on the 2022 and 2024 corpora: the word
/// and manager-name rules guess from lists and get `medium`, the structural rules `high`.
fn precision(id: &str) -> &'static str {
    match id {
        "typo" | "unknown-manager" => "medium",
        _ => "high",
    }
}

/// The "What it does" section of `explain` as plain text within GitHub's limit (the whole
/// explanation when it has no such section, the summary when it is empty).
fn full_description(explain: &str, summary: &str) -> String {
    let section = explain
        .split("## ")
        .find_map(|s| s.strip_prefix("What it does"))
        .unwrap_or(explain);
    let text = plain_text(section);
    let text = if text.is_empty() { summary.to_owned() } else { text };
    truncate(&text, MAX_FULL_DESCRIPTION)
}

/// Markdown as plain text: headings, code fences and emphasis marks dropped, `[text](url)`
/// kept as `text`, paragraphs joined into lines.
fn plain_text(markdown: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    for line in markdown.lines() {
        let line = line.trim_end();
        if line.trim_start().starts_with("```") {
            continue;
        }
        let line = line
            .strip_prefix("## ")
            .map(|h| format!("{h}:"))
            .unwrap_or_else(|| line.to_owned());
        let line = unlink(&line).replace(['`', '*'], "");
        lines.push(line);
    }
    let mut out = String::new();
    for line in lines {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let starts_item = trimmed.starts_with("- ") || trimmed.ends_with(':');
        if !out.is_empty() {
            out.push(if starts_item || out.ends_with(':') { '\n' } else { ' ' });
        }
        out.push_str(trimmed);
    }
    out
}

/// `[text](target)` → `text`.
fn unlink(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        let (before, after) = rest.split_at(open);
        out.push_str(before);
        let link = after
            .find("](")
            .and_then(|mid| after[mid..].find(')').map(|close| (mid, mid + close)));
        match link {
            Some((mid, close)) => {
                out.push_str(&after[1..mid]);
                rest = &after[close + 1..];
            }
            None => {
                out.push('[');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `text` cut to at most `max` characters at a word boundary, with `…` when cut.
fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(at) if at > max / 2 => cut[..at].trim_end().to_owned(),
        _ => cut,
    };
    format!("{cut}…")
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
    #[serde(rename = "originalUriBaseIds", skip_serializing_if = "Option::is_none")]
    original_uri_base_ids: Option<BTreeMap<&'static str, BaseLocation>>,
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
    name: String,
    short_description: Text,
    full_description: Text,
    help: Text,
    help_uri: String,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<&'static str>,
    precision: &'static str,
    #[serde(rename = "problem.severity")]
    problem_severity: &'static str,
}

#[derive(Serialize)]
struct BaseLocation {
    uri: String,
    description: Text,
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
    fn new(
        sources: &SourceMap<'_>,
        uris: &Uris,
        path: &str,
        span: Span,
        id: Option<usize>,
        message: Option<String>,
    ) -> Self {
        let (start, end) = sources.locate(path, span);
        let bom = if sources.has_bom(path) { 3 } else { 0 };
        Location {
            id,
            physical_location: PhysicalLocation {
                artifact_location: uris.locate(path),
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

    fn file(uris: &Uris, path: &str) -> Self {
        Location {
            id: None,
            physical_location: PhysicalLocation {
                artifact_location: uris.locate(path),
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
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
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
    use super::*;

    #[test]
    fn results_rendered_apart_give_the_log_serde_writes_whole() {
        let fixtures = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/checks"));
        let run = crate::lint(&crate::Settings {
            paths: vec![fixtures],
            ..Default::default()
        });
        assert!(run.diagnostics.len() > 100, "{} findings", run.diagnostics.len());
        let sarif = Sarif::new(Arc::new(|_: &str| None));
        // The splice is taken: a log without results ends as it expects.
        let mut log = sarif.log(&run);
        log.runs[0].results.clear();
        assert!(serde_json::to_string_pretty(&log).unwrap().ends_with(EMPTY_RESULTS_END));
        let mut spliced = Vec::new();
        sarif.report(&run, &mut spliced).unwrap();
        let whole = serde_json::to_string_pretty(&sarif.log(&run)).unwrap() + "\n";
        assert_eq!(String::from_utf8(spliced).unwrap(), whole);
    }

    #[test]
    fn uris() {
        let uris = Uris {
            base: Some(PathBuf::from("/repo")),
            base_uri: Some("file:///repo/".into()),
        };
        let at = |p: &str| {
            let l = uris.locate(p);
            (l.uri, l.uri_base_id)
        };
        assert_eq!(at("/repo/./seeds/a b.md"), ("seeds/a%20b.md".into(), Some(SRCROOT)));
        assert_eq!(at("/repo/dir/é.md"), ("dir/%C3%A9.md".into(), Some(SRCROOT)));
        assert_eq!(at("/elsewhere/x.md"), ("file:///elsewhere/x.md".into(), None));
        assert_eq!(encode("C:/x y.md"), "C:/x%20y.md");
    }

    #[test]
    fn rule_texts() {
        assert_eq!(pascal_case("grade-mismatch"), "GradeMismatch");
        let explain = "## What it does\nFlags `teh` and [links](https://x.y).\n- one\n- two\n## Why is this bad?\nBecause.\n```markdown\nteh\n```\n";
        assert_eq!(full_description(explain, "s"), "Flags teh and links.\n- one\n- two");
        assert_eq!(full_description("No `sections`.", "s"), "No sections.");
        assert_eq!(full_description("", "the summary"), "the summary");
        let long = "word ".repeat(400);
        let cut = truncate(long.trim(), MAX_FULL_DESCRIPTION);
        assert!(
            cut.chars().count() <= MAX_FULL_DESCRIPTION && cut.ends_with("word…"),
            "{cut}"
        );
    }
}
