//! `--format junit`: JUnit XML as GitLab CI reads it.
//!
//! One suite `rolelint`. Per file, a case for each finding, named `rule @ line:col` and unique
//! within the file (GitLab keys cases by suite, class name and name); errors and warnings fail,
//! infos pass with the note as output. A clean file gets one passing case, so every file is
//! listed. The class name is the file path; unreadable files are cases with an `error`.

use super::{Reporter, SourceMap, ordered};
use crate::Run;
use crate::diagnostic::{Diagnostic, Severity};
use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
use std::collections::{BTreeMap, HashSet};
use std::io;

/// The JUnit reporter.
#[derive(Clone, Copy, Debug, Default)]
pub struct Junit;

/// The name of the passing case of a clean file.
const CLEAN: &str = "no findings";

impl Reporter for Junit {
    fn report(&self, run: &Run, out: &mut dyn io::Write) -> io::Result<()> {
        let sources = SourceMap::new(run);
        let mut by_file: BTreeMap<&str, Vec<&Diagnostic>> =
            run.sources.iter().map(|s| (&*s.path, Vec::new())).collect();
        for d in ordered(run) {
            by_file.entry(&d.path).or_default().push(d);
        }
        let mut suite = TestSuite::new("rolelint");
        for (path, findings) in &by_file {
            if findings.is_empty() {
                let mut case = TestCase::new(CLEAN, TestCaseStatus::success());
                case.set_classname(*path);
                suite.add_test_case(case);
                continue;
            }
            let mut names = HashSet::new();
            for d in findings {
                let (start, _) = sources.locate(&d.path, d.span);
                let base = format!("{} @ {}:{}", d.rule, start.line, start.column);
                let mut name = base.clone();
                let mut n = 1;
                while !names.insert(name.clone()) {
                    n += 1;
                    name = format!("{base} ({n})");
                }
                let headline = format!("{}[{}] {}", d.severity.as_str(), d.rule, d.message);
                let body = description(d, start.line, start.column);
                // Infos are notes, not failures: they must not turn the test widget red.
                let (status, out) = if d.severity == Severity::Info {
                    (TestCaseStatus::success(), Some(format!("{headline}\n{body}")))
                } else {
                    let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                    status.set_message(headline);
                    status.set_type(d.severity.as_str());
                    status.set_description(body);
                    (status, None)
                };
                let mut case = TestCase::new(name, status);
                case.set_classname(*path);
                if let Some(out) = out {
                    case.set_system_out(out);
                }
                suite.add_test_case(case);
            }
        }
        for e in &run.errors {
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
            status.set_message(format!("cannot read {}: {}", e.path, e.kind));
            status.set_type("read");
            let mut case = TestCase::new("read", status);
            case.set_classname(e.path.as_str());
            suite.add_test_case(case);
        }
        let mut report = Report::new("rolelint");
        report.add_test_suite(suite);
        report.serialize(&mut *out).map_err(io::Error::other)?;
        writeln!(out)
    }
}

/// The failure body GitLab shows: location, message, help.
fn description(d: &Diagnostic, line: u32, column: u32) -> String {
    let mut text = format!("{}:{line}:{column}: {}", d.path, d.message);
    if let Some(help) = &d.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    text
}
