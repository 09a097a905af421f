//! Stage 4 · check: every check, the trait they implement and the context they report through.
//!
//! Per-page checks run in parallel over pages (rayon); corpus-wide checks then run once over the
//! [`Handbook`]. A check never sees raw files: it reads the model and reports through [`Cx`].

pub mod prose;
pub mod registry;

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Handbook, Page};
use crate::policy::Policy;
use crate::span::Span;
use std::sync::Arc;

/// The family a check belongs to (its folder under `src/checks/`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    /// Levels, grades and titles.
    Levels,
    /// Reporting lines.
    Reporting,
    /// Links and anchors.
    Links,
    /// Spelling and wording.
    Prose,
    /// Tables.
    Tables,
    /// Page structure.
    Structure,
    /// Front matter.
    FrontMatter,
    /// Checks about rolelint itself (suppressions, parse problems).
    Meta,
    /// Rules declared as data in policy files.
    Declarative,
}

/// What a check is: shown by `rolelint rules` and `rolelint rule ID`.
#[derive(Debug)]
pub struct CheckMeta {
    /// Kebab-case id, fixed once released.
    pub id: &'static str,
    /// Its family.
    pub family: Family,
    /// Severity unless configured otherwise.
    pub default_severity: Severity,
    /// One line: what it flags.
    pub summary: &'static str,
    /// The full explanation in Markdown (`## What it does`, `## Why is this bad?`, `## Example`).
    pub explain: &'static str,
    /// True when some of its findings carry a fix.
    pub fixable: bool,
}

/// A check implemented in Rust.
pub trait Check: Sync + Send {
    /// Its metadata.
    fn meta(&self) -> &'static CheckMeta;
    /// Checks one page.
    fn check_page(&self, _page: &Page, _cx: &mut Cx<'_>) {}
    /// Checks all pages together (runs after every per-page check).
    fn check_handbook(&self, _handbook: &Handbook, _cx: &mut Cx<'_>) {}
}

/// What a check reads besides the model, and where it reports.
pub struct Cx<'a> {
    /// The policy in force.
    pub policy: &'a Policy,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Cx<'a> {
    /// A context reporting into an empty list.
    pub fn new(policy: &'a Policy) -> Self {
        Cx {
            policy,
            diagnostics: Vec::new(),
        }
    }

    /// Reports a finding of `meta` at `span` of `path`, at the check's configured severity.
    /// Returns the diagnostic so the caller can add help, related spans, a fix and a key.
    pub fn report(
        &mut self,
        meta: &CheckMeta,
        path: &Arc<str>,
        span: Span,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let severity = self.policy.severity_of(meta.id).unwrap_or(meta.default_severity);
        self.diagnostics
            .push(Diagnostic::new(meta.id, severity, path.clone(), span, message));
        let last = self.diagnostics.len() - 1;
        &mut self.diagnostics[last]
    }

    /// Adds a diagnostic built elsewhere (declarative rules, parse problems).
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// The findings reported so far.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }
}

/// Declares a check struct whose doc comment becomes its `rolelint rule` explanation.
///
/// ```ignore
/// declare_check! {
///     /// ## What it does
///     /// …
///     pub struct GradeMismatch { id: "grade-mismatch", family: Levels, severity: Error,
///         summary: "a level's grade contradicts the ladder", fixable: false }
/// }
/// ```
#[macro_export]
macro_rules! declare_check {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident { id: $id:literal, family: $family:ident, severity: $sev:ident,
            summary: $summary:literal, fixable: $fixable:literal $(,)? }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Default, Clone, Copy)]
        pub struct $name;

        impl $name {
            /// This check's metadata.
            pub const META: $crate::checks::CheckMeta = $crate::checks::CheckMeta {
                id: $id,
                family: $crate::checks::Family::$family,
                default_severity: $crate::diagnostic::Severity::$sev,
                summary: $summary,
                explain: concat!($($doc, "\n"),*),
                fixable: $fixable,
            };
        }
    };
}
