//! Stage 5 · report: turns a finished [`Run`](crate::Run) into text for people or machines.
//!
//! Every format is one file and one [`Reporter`]. All formats are batch: they see the whole run,
//! because the summary, the SARIF rule table, JUnit's per-file cases and the salted fingerprints
//! all need every finding first.

mod concise;
mod exit;
mod fingerprint;
mod github;
mod gitlab;
mod human;
mod json;
mod junit;
mod locate;
mod markdown;
mod output;
mod page_source;
mod paths;
mod records;
mod rules;
mod sarif;
mod summary;

pub use concise::Concise;
pub use exit::{ExitPolicy, ExitStatus, Failing, exit_status};
pub use fingerprint::{fingerprints, fingerprints_at};
pub use github::Github;
pub use gitlab::Gitlab;
pub use human::{Human, render_read_errors};
pub use json::Json;
pub use junit::Junit;
pub use locate::{SourceMap, portable_path};
pub use markdown::Markdown;
pub use output::{Destination, Output, UsageError, parse_outputs};
pub use rules::{BuiltinRules, RuleCatalog, RuleDoc};
pub use sarif::Sarif;
pub use summary::Summary;

use crate::Run;
use crate::diagnostic::Diagnostic;
use std::io;
use std::sync::Arc;

/// Where rule documentation lives; every rule's page is `{RULES_BASE_URL}/{id}`.
pub const RULES_BASE_URL: &str = "https://rolelint.dev/rules";

/// The project home page, named in SARIF's `tool.driver.informationUri`.
pub const HOME_URL: &str = "https://rolelint.dev";

/// The documentation URL of rule `id`.
pub fn rule_url(id: &str) -> String {
    format!("{RULES_BASE_URL}/{id}")
}

/// One output format of `rolelint check --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// miette's graphical report: source lines, labels, help, related places.
    Human,
    /// One line per finding: `path:line:col: severity[rule] message`.
    Concise,
    /// The versioned JSON contract of `grammar/diagnostics.schema.json`.
    Json,
    /// SARIF 2.1.0 (code scanning, IDEs).
    Sarif,
    /// GitLab Code Quality.
    Gitlab,
    /// JUnit XML as GitLab CI reads it.
    Junit,
    /// GitHub Actions workflow-command annotations.
    Github,
    /// One Markdown note for a merge request: counts, then a table per page.
    Markdown,
}

impl Format {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [Format; 8] = [
        Format::Human,
        Format::Concise,
        Format::Json,
        Format::Sarif,
        Format::Gitlab,
        Format::Junit,
        Format::Github,
        Format::Markdown,
    ];

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Concise => "concise",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Gitlab => "gitlab",
            Format::Junit => "junit",
            Format::Github => "github",
            Format::Markdown => "markdown",
        }
    }

    /// The format named `name` (as on the command line), if any.
    pub fn from_name(name: &str) -> Option<Self> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// True for formats written for people (they may use colour).
    pub fn is_for_people(self) -> bool {
        matches!(self, Format::Human | Format::Concise)
    }

    /// The reporter that writes this format.
    pub fn reporter(self, options: &ReportOptions) -> Box<dyn Reporter> {
        match self {
            Format::Human => Box::new(Human::new(options.clone())),
            Format::Concise => Box::new(Concise {
                read_errors: options.read_errors,
            }),
            Format::Json => Box::new(Json),
            Format::Sarif => Box::new(Sarif::new(options.rules.clone())),
            Format::Gitlab => Box::new(Gitlab),
            Format::Junit => Box::new(Junit {
                failing: options.failing,
            }),
            Format::Github => Box::new(Github),
            Format::Markdown => Box::new(Markdown),
        }
    }
}

/// How people-facing reports look, and where rule metadata comes from.
#[derive(Clone)]
pub struct ReportOptions {
    /// ANSI colours in human output.
    pub color: bool,
    /// Unicode box drawing in human output (ASCII otherwise).
    pub unicode: bool,
    /// Terminal hyperlinks (OSC 8) on rule codes.
    pub links: bool,
    /// Width human output wraps at.
    pub width: usize,
    /// Whether human and concise output list files that could not be read (the CLI prints
    /// them on stderr instead when the report goes to stdout, so a terminal shows them once).
    pub read_errors: bool,
    /// Rule metadata (summary, explanation, default severity) by id.
    pub rules: Arc<dyn RuleCatalog>,
    /// Which severities fail the run (JUnit marks exactly those findings as failures).
    pub failing: Failing,
}

impl ReportOptions {
    /// Plain output for logs, files and snapshots: no colour, ASCII, no links, width 100.
    pub fn plain() -> Self {
        ReportOptions {
            color: false,
            unicode: false,
            links: false,
            width: 100,
            read_errors: true,
            rules: Arc::new(BuiltinRules),
            failing: Failing::default(),
        }
    }
}

impl std::fmt::Debug for ReportOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReportOptions")
            .field("color", &self.color)
            .field("unicode", &self.unicode)
            .field("links", &self.links)
            .field("width", &self.width)
            .field("read_errors", &self.read_errors)
            .field("failing", &self.failing)
            .finish_non_exhaustive()
    }
}

/// Writes one format of a finished run.
pub trait Reporter {
    /// Writes the whole report of `run` to `out`.
    fn report(&self, run: &Run, out: &mut dyn io::Write) -> io::Result<()>;
}

/// Writes `run` in `format` to `out` as it is rendered: a large report (the JSON of a big tree
/// runs to tens of megabytes) is never held whole in memory.
pub fn write(format: Format, run: &Run, options: &ReportOptions, out: &mut dyn io::Write) -> io::Result<()> {
    format.reporter(options).report(run, out)
}

/// Renders `run` in `format` into a string (tests, editors).
pub fn render(format: Format, run: &Run, options: &ReportOptions) -> String {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = write(format, run, options, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// The diagnostics of `run` in report order (path, then position), whatever order they came in.
pub(crate) fn ordered(run: &Run) -> Vec<&Diagnostic> {
    let mut all: Vec<&Diagnostic> = run.diagnostics.iter().collect();
    all.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    all
}
