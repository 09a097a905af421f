//! Stage 4 · check: every check, the trait they implement and the context they report through.
//!
//! Per-page checks run in parallel over pages (rayon), in the same pass that parses each page;
//! the page then sheds what only they read ([`Page::shed`]), and what corpus-wide checks need
//! beyond the shed pages (word counts, spelling candidates) travels in [`Carried`]. Corpus-wide
//! checks then run once over the [`Handbook`], one rayon task per check. A check never sees raw
//! files: it reads the model and reports through [`Cx`].

pub mod declarative;
pub mod levels;
pub mod links;
pub mod meta;
pub mod prose;
pub mod registry;
pub mod reporting;
mod run;
pub(crate) mod similarity;
pub mod structure;
pub mod tables;

pub(crate) use run::fold_piece_len;
pub use run::{Checked, Input, Outcome, run, run_corpus_wide};

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Handbook, Page};
use crate::policy::Policy;
use crate::span::Span;
use std::collections::BTreeMap;
use std::sync::Arc;

/// What the corpus-wide checks read of `page`'s text beyond what every page keeps once its text is
/// dropped ([`Page::drop_source`]): asked while the text is still there.
pub fn corpus_reads(page: &Page) -> crate::model::Reads {
    let ladder_nodes = crate::parse::mermaid::page_nodes(page).into_owned();
    crate::model::Reads {
        title_regions: prose::title_regions(page, &ladder_nodes),
        ladder_nodes,
    }
}

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

impl Family {
    /// Every family, in the order `rolelint rules` lists them.
    pub const ALL: [Family; 9] = [
        Family::FrontMatter,
        Family::Levels,
        Family::Reporting,
        Family::Links,
        Family::Tables,
        Family::Structure,
        Family::Prose,
        Family::Declarative,
        Family::Meta,
    ];

    /// The kebab-case name used by `select`, `ignore` and `rolelint rules`.
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Levels => "levels",
            Family::Reporting => "reporting",
            Family::Links => "links",
            Family::Prose => "prose",
            Family::Tables => "tables",
            Family::Structure => "structure",
            Family::FrontMatter => "front-matter",
            Family::Meta => "meta",
            Family::Declarative => "declarative",
        }
    }
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

impl CheckMeta {
    /// The explanation as Markdown: the doc comment with the one space `///` leaves at each line start removed.
    pub fn explanation(&self) -> String {
        let mut out = String::with_capacity(self.explain.len());
        for line in self.explain.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }
}

/// A check implemented in Rust.
pub trait Check: Sync + Send {
    /// Its metadata.
    fn meta(&self) -> &'static CheckMeta;
    /// Checks one page.
    fn check_page(&self, _page: &Page, _cx: &mut Cx<'_>) {}
    /// Checks all pages together (runs after every per-page check).
    fn check_handbook(&self, _handbook: &Handbook, _cx: &mut Cx<'_>) {}
    /// True when its per-page pass leaves something the corpus-wide checks read ([`Carried`]):
    /// on a context page, whose findings are never reported, only these checks run.
    fn carries(&self) -> bool {
        false
    }
}

/// What per-page checks leave for the corpus-wide checks: small summaries of each page, so that
/// the pages themselves need not be kept whole until the end of the run (see [`Page::shed`]).
#[derive(Clone, Debug, Default)]
pub struct Carried {
    /// Word counts over the pages, and each page's spelling candidates, left by `typo`.
    pub(crate) words: prose::CarriedWords,
}

impl Carried {
    /// Adds what another context carried, from pages that come after these.
    pub fn extend(&mut self, other: Carried) {
        self.words.extend(other.words);
    }
}

/// Counts kept per page: page path, then counter name.
pub type PageCounters = BTreeMap<Arc<str>, BTreeMap<&'static str, u64>>;

/// Adds the counts of `from` into `into`.
pub fn add_page_counters(into: &mut PageCounters, from: PageCounters) {
    for (path, counted) in from {
        let page = into.entry(path).or_default();
        for (name, n) in counted {
            *page.entry(name).or_default() += n;
        }
    }
}

/// What a check reads besides the model, and where it reports.
pub struct Cx<'a> {
    /// The policy in force.
    pub policy: &'a Policy,
    diagnostics: Vec<Diagnostic>,
    counters: BTreeMap<&'static str, u64>,
    /// The counts of `counters` kept per page, for runs that report only some pages.
    page_counters: PageCounters,
    /// What per-page checks left on this context.
    carried: Carried,
    /// What the per-page checks of every page left, read by the corpus-wide checks.
    gathered: Option<&'a Carried>,
    /// The page's prose tokens, cut once for all its prose checks.
    prose_tokens: prose::ProseTokens,
}

impl<'a> Cx<'a> {
    /// A context reporting into an empty list.
    pub fn new(policy: &'a Policy) -> Self {
        Cx {
            policy,
            diagnostics: Vec::new(),
            counters: BTreeMap::new(),
            page_counters: PageCounters::new(),
            carried: Carried::default(),
            gathered: None,
            prose_tokens: prose::ProseTokens::default(),
        }
    }

    /// A context whose per-page checks add to `carried` (what earlier pages left): the runner
    /// folds one accumulator through many pages instead of keeping a summary per page.
    pub fn carrying(policy: &'a Policy, carried: Carried) -> Self {
        Cx {
            carried,
            ..Cx::new(policy)
        }
    }

    /// A context for the corpus-wide checks, which read what the per-page checks left in `gathered`.
    pub fn with_gathered(policy: &'a Policy, gathered: &'a Carried) -> Self {
        Cx {
            gathered: Some(gathered),
            ..Cx::new(policy)
        }
    }

    /// Leaves a page's summary for the corpus-wide checks.
    pub(crate) fn carry(&mut self) -> &mut Carried {
        &mut self.carried
    }

    /// The tokens of `page`'s prose, cut on the first call for the page; give them back with
    /// [`Cx::keep_prose_tokens`] so the page's next prose check reads them too.
    pub(crate) fn take_prose_tokens(&mut self, page: &Page) -> prose::ProseTokens {
        let mut tokens = std::mem::take(&mut self.prose_tokens);
        tokens.cut(page);
        tokens
    }

    /// Keeps tokens taken with [`Cx::take_prose_tokens`] for the page's next prose check.
    pub(crate) fn keep_prose_tokens(&mut self, tokens: prose::ProseTokens) {
        self.prose_tokens = tokens;
    }

    /// Every summary the per-page checks left: the gathered ones, then this context's own (a test
    /// may run the per-page and corpus-wide checks on one context).
    pub(crate) fn carried(&self) -> impl Iterator<Item = &Carried> {
        self.gathered.into_iter().chain(std::iter::once(&self.carried))
    }

    /// Reports a finding of `meta` at `span` of `path`, at the check's default severity (the
    /// runner applies the configured severity, select/ignore and suppressions afterwards in one pass).
    /// Returns the diagnostic so the caller can add help, related spans, a fix and a key.
    pub fn report(
        &mut self,
        meta: &CheckMeta,
        path: &Arc<str>,
        span: Span,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.diagnostics.push(Diagnostic::new(
            meta.id,
            meta.default_severity,
            path.clone(),
            span,
            message,
        ));
        let last = self.diagnostics.len() - 1;
        &mut self.diagnostics[last]
    }

    /// Adds a diagnostic built elsewhere (declarative rules, parse problems).
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Adds one to the run counter `name` (e.g. `broken-link.unverifiable`), shown in the summary.
    pub fn count(&mut self, name: &'static str) {
        *self.counters.entry(name).or_default() += 1;
    }

    /// Adds one to the run counter `name` for a thing found on the page at `path`: a run that
    /// reports only some pages (`--context`) sums only theirs.
    pub fn count_on(&mut self, name: &'static str, path: &Arc<str>) {
        self.count(name);
        *self
            .page_counters
            .entry(path.clone())
            .or_default()
            .entry(name)
            .or_default() += 1;
    }

    /// Moves per-page counts out (merged by [`Cx::add_page_counters`] or kept in the outcome).
    pub fn take_page_counters(&mut self) -> PageCounters {
        std::mem::take(&mut self.page_counters)
    }

    /// Adds per-page counts taken from another context; the totals are not touched.
    pub fn add_page_counters(&mut self, from: PageCounters) {
        add_page_counters(&mut self.page_counters, from);
    }

    /// The run counters so far, by name.
    pub fn counters(&self) -> &BTreeMap<&'static str, u64> {
        &self.counters
    }

    /// The findings reported so far.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }

    /// The findings, the counters and what the per-page checks left for the corpus-wide ones.
    pub fn into_parts(self) -> (Vec<Diagnostic>, BTreeMap<&'static str, u64>, Carried) {
        (self.diagnostics, self.counters, self.carried)
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

/// Compiles the per-page checks' fixed patterns now (see [`crate::warm_up`]).
pub(crate) fn warm_up() {
    levels::warm_up();
    prose::warm_up();
    reporting::warm_up();
}
