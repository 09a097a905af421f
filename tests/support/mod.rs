//! Helpers for the prose tests: pages from the real parser, and the findings of the prose checks.

use rolelint::checks::{Check, Cx};
use rolelint::diagnostic::Diagnostic;
use rolelint::model::{Handbook, Page};
use rolelint::policy::Policy;
use rolelint::read::SourceFile;
use rolelint::span::LineIndex;

/// A page built by the real parser.
pub fn page(path: &str, text: &str) -> Page {
    rolelint::parse::parse(&SourceFile::from_text(path, text, false))
}

/// One finding as `line:col rule`, plus its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub rule: String,
    pub message: String,
    pub fix: Option<String>,
}

/// Runs the prose checks over `pages` as one handbook and returns every finding, sorted.
pub fn lint(pages: Vec<Page>) -> Vec<Found> {
    lint_with(&Policy::default(), pages)
}

/// Runs the prose checks under `policy`.
pub fn lint_with(policy: &Policy, pages: Vec<Page>) -> Vec<Found> {
    let mut cx = Cx::new(policy);
    let typo = rolelint::checks::prose::Typo;
    let repeated = rolelint::checks::prose::RepeatedWord;
    for page in &pages {
        repeated.check_page(page, &mut cx);
        typo.check_page(page, &mut cx);
    }
    let handbook = Handbook::new(pages);
    typo.check_handbook(&handbook, &mut cx);
    repeated.check_handbook(&handbook, &mut cx);
    let mut diagnostics = cx.into_diagnostics();
    rolelint::diagnostic::sort(&mut diagnostics);
    diagnostics.iter().map(|d| found(&handbook, d)).collect()
}

fn found(handbook: &Handbook, d: &Diagnostic) -> Found {
    let page = handbook
        .pages
        .iter()
        .find(|p| p.path == d.path)
        .expect("diagnostic on a linted page");
    let index = LineIndex::new(&page.source);
    let position = index.position(&page.source, d.span.start as usize);
    Found {
        path: d.path.to_string(),
        line: position.line,
        column: position.column,
        rule: d.rule.to_string(),
        message: d.message.clone(),
        fix: d
            .fix
            .as_ref()
            .and_then(|f| f.edits.first())
            .map(|e| e.replacement.clone()),
    }
}

/// The word a finding points at.
pub fn word_at(pages_text: &str, found: &Found) -> String {
    let line = pages_text.lines().nth(found.line as usize - 1).unwrap_or_default();
    line.chars()
        .skip(found.column as usize - 1)
        .take_while(|c| c.is_alphanumeric() || *c == '\'' || *c == '’')
        .collect()
}
