//! `--format junit`: JUnit XML as GitLab CI reads it.
//!
//! One suite `rolelint`; one class per page (its repository-relative path, also in the `file`
//! attribute GitLab links to). GitLab identifies a case by suite, class name and name, so a
//! case is named by what the finding is, never where: `rule: structural key` (the key the
//! fingerprints use: level, field, word, target…; the message when a rule has no key), with
//! ` #2`, ` #3`… on repeats within the page. Inserting lines above a finding changes no name.
//! The location goes in the failure text.
//!
//! The verdict agrees with the exit code: a finding is a `failure` exactly when its severity
//! fails the run (errors, unless `--exit-zero`; warnings only past `--max-warnings`); the others
//! pass, with the finding as `system-out`. A clean page gets one passing case, so every page is
//! listed; an unreadable file is a case with an `error`.

use super::{Failing, Reporter, SourceMap, ordered};
use crate::Run;
use crate::diagnostic::Diagnostic;
use crate::span::{Position, Span};
use foldhash::HashMap;
use foldhash::HashMapExt;
use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io;

/// The JUnit reporter.
#[derive(Clone, Copy, Debug, Default)]
pub struct Junit {
    /// Which severities fail the run (and so become failures).
    pub failing: Failing,
}

/// The name of the passing case of a clean file.
const CLEAN: &str = "no findings";

/// Keys longer than this are cut in case names (a malformed list item's key is its whole line).
const MAX_KEY_CHARS: usize = 120;

impl Reporter for Junit {
    fn report(&self, run: &Run, out: &mut dyn io::Write) -> io::Result<()> {
        let sources = SourceMap::new(run);
        let mut by_file: BTreeMap<&str, Vec<&Diagnostic>> =
            run.sources.iter().map(|s| (&*s.path, Vec::new())).collect();
        for d in ordered(run) {
            by_file.entry(&d.path).or_default().push(d);
        }
        let pages: Vec<(String, &[&Diagnostic])> = by_file
            .iter()
            .map(|(path, found)| (sources.repo(path), found.as_slice()))
            .collect();
        let spans: Vec<(&str, Span)> = pages
            .iter()
            .flat_map(|(_, found)| found.iter().map(|d| (&*d.path, d.span)))
            .collect();
        let starts = sources.locate_all(&spans);
        drop(spans);
        // Each page's cases are built on the pool: quick-junit strips ANSI escapes from every
        // string it is given, byte by byte, which on one thread took longer than the whole check
        // of a large tree's pages (1.4 s for 46,800 findings).
        let mut at = 0;
        let mut work = Vec::with_capacity(pages.len());
        for (file, found) in &pages {
            let these = starts.get(at..at + found.len()).unwrap_or_default();
            at += found.len();
            work.push((file.as_str(), *found, these));
        }
        let cases: Vec<Vec<TestCase>> = work
            .into_par_iter()
            .map(|(file, found, starts)| self.page_cases(file, found, starts))
            .collect();
        let mut suite = TestSuite::new("rolelint");
        suite.add_test_cases(cases.into_iter().flatten());
        for e in &run.errors {
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
            status.set_message(format!("cannot read {}: {}", e.path, e.kind));
            status.set_type("read");
            suite.add_test_case(case("read", &sources.repo(&e.path), status));
        }
        let mut report = Report::new("rolelint");
        report.add_test_suite(suite);
        report.serialize(&mut *out).map_err(io::Error::other)?;
        writeln!(out)
    }
}

impl Junit {
    /// The cases of one page (`file`, its repository spelling): its findings, located at `starts`,
    /// or one passing case when it has none.
    fn page_cases(&self, file: &str, found: &[&Diagnostic], starts: &[(Position, Position)]) -> Vec<TestCase> {
        if found.is_empty() {
            return vec![case(CLEAN, file, TestCaseStatus::success())];
        }
        let mut seen: HashMap<String, u32> = HashMap::new();
        found
            .iter()
            .zip(starts)
            .map(|(d, (start, _))| {
                let base = identity(d);
                let n = seen.entry(base.clone()).or_insert(0);
                *n += 1;
                let name = if *n == 1 { base } else { format!("{base} #{n}") };
                let headline = format!("{}[{}] {}", d.severity.as_str(), d.rule, d.message);
                let body = description(d, file, start.line, start.column);
                if self.failing.fails(d.severity) {
                    let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                    status.set_message(headline);
                    status.set_type(d.severity.as_str());
                    status.set_description(body);
                    case(&name, file, status)
                } else {
                    let mut passed = case(&name, file, TestCaseStatus::success());
                    passed.set_system_out(format!("{headline}\n{body}"));
                    passed
                }
            })
            .collect()
    }
}

/// A case of page `file` (class name and `file` attribute).
fn case(name: &str, file: &str, status: TestCaseStatus) -> TestCase {
    let mut case = TestCase::new(name, status);
    case.set_classname(file);
    case.extra.insert("file".into(), file.into());
    case
}

/// What a finding is, without where: `rule: key` (or `rule: message` for rules without a key).
fn identity(d: &Diagnostic) -> String {
    let key = if d.key.is_empty() { &d.message } else { &d.key };
    let key = super::concise::one_line(key);
    let cut: String = key.chars().take(MAX_KEY_CHARS).collect();
    let ellipsis = if cut.len() < key.len() { "…" } else { "" };
    format!("{}: {cut}{ellipsis}", d.rule)
}

/// The failure body GitLab shows: location, message, help.
fn description(d: &Diagnostic, file: &str, line: u32, column: u32) -> String {
    let mut text = format!("{file}:{line}:{column}: {}", d.message);
    if let Some(help) = &d.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    text
}
