//! The one diagnostic type every output format is drawn from.

pub mod fix;
pub mod suppress;

pub use fix::{Applicability, Edit, Fix};

use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run.
    Info,
    /// Should be fixed; fails a run only with `--max-warnings`.
    Warning,
    /// Must be fixed; exit code 1.
    Error,
}

impl Severity {
    /// The lowercase name used in every output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A location in another place (possibly another file) that explains the finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Related {
    /// The file, as given.
    pub path: Arc<str>,
    /// Where in it.
    pub span: Span,
    /// What this place shows.
    pub message: String,
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The rule id, e.g. `grade-mismatch`.
    pub rule: Arc<str>,
    /// Its severity after configuration.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The file, as given.
    pub path: Arc<str>,
    /// The primary span.
    pub span: Span,
    /// A short label for the primary span (shown under the source line).
    pub label: Option<String>,
    /// Other places that explain the finding.
    pub related: Vec<Related>,
    /// How to fix it.
    pub help: Option<String>,
    /// A machine-applicable fix.
    pub fix: Option<Fix>,
    /// Where the broken policy lives (e.g. `rules/ladder.yaml`, `rolelint.toml`); shared, as many
    /// findings name the same place.
    pub policy: Option<Arc<str>>,
    /// A structural key (level, field, cell) that, with path and rule, identifies the finding
    /// without line numbers: baselines and Code Quality fingerprints are built from it.
    pub key: String,
}

impl Diagnostic {
    /// A finding with the required parts; add the rest with the `with_*` builders.
    pub fn new(
        rule: impl Into<Arc<str>>,
        severity: Severity,
        path: Arc<str>,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            rule: rule.into(),
            severity,
            message: message.into(),
            path,
            span,
            label: None,
            related: Vec::new(),
            help: None,
            fix: None,
            policy: None,
            key: String::new(),
        }
    }

    /// Sets the label under the primary span.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.set_label(label);
        self
    }

    /// Sets the help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.set_help(help);
        self
    }

    /// Adds a related location.
    pub fn with_related(mut self, path: Arc<str>, span: Span, message: impl Into<String>) -> Self {
        self.add_related(path, span, message);
        self
    }

    /// Sets the fix.
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.set_fix(fix);
        self
    }

    /// Names where the broken policy lives.
    pub fn with_policy(mut self, policy: impl Into<String>) -> Self {
        self.set_policy(policy);
        self
    }

    /// Sets the structural key.
    pub fn with_key(mut self, key: impl Into<String>) -> Self {
        self.set_key(key);
        self
    }

    /// Sets the label in place (for diagnostics reached through `&mut`, as `Cx::report` returns them).
    pub fn set_label(&mut self, label: impl Into<String>) -> &mut Self {
        self.label = Some(label.into());
        self
    }

    /// Sets the help text in place.
    pub fn set_help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a related location in place.
    pub fn add_related(&mut self, path: Arc<str>, span: Span, message: impl Into<String>) -> &mut Self {
        self.related.push(Related {
            path,
            span,
            message: message.into(),
        });
        self
    }

    /// Sets the fix in place.
    pub fn set_fix(&mut self, fix: Fix) -> &mut Self {
        self.fix = Some(fix);
        self
    }

    /// Names where the broken policy lives, in place.
    pub fn set_policy(&mut self, policy: impl Into<String>) -> &mut Self {
        self.policy = Some(Arc::from(policy.into()));
        self
    }

    /// Sets the structural key in place.
    pub fn set_key(&mut self, key: impl Into<String>) -> &mut Self {
        self.key = key.into();
        self
    }

    /// The order every output uses: path, then position, then rule.
    pub fn sort_key(&self) -> (&str, u32, u32, &str, &str) {
        (&self.path, self.span.start, self.span.end, &self.rule, &self.message)
    }
}

/// Sorts diagnostics into the order every output uses and drops exact duplicates.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
}
