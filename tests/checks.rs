//! Per-check fixtures: `fixtures/checks/<id>/fail.md` gives exactly the findings its
//! `fail.expected` lists (`line:column id`, one a line), and `pass.md` gives none.

use rolelint::span::LineIndex;
use std::path::PathBuf;

/// Checks whose fixture folder follows the plain fail/pass layout (broken-link and
/// divergent-table have their own runners, with options and several pages).
const PLAIN: &[&str] = &[
    "empty-section",
    "malformed-list-item",
    "missing-description",
    "missing-title",
    "section-title-mismatch",
];

/// `line:column rule` of every finding of `id` on the page at `path`.
fn found(path: &str, id: &str) -> Vec<String> {
    let run = rolelint::lint(&rolelint::Settings {
        paths: vec![PathBuf::from(path)],
        select: vec![id.to_owned()],
        ..Default::default()
    });
    assert!(run.errors.is_empty() && run.config_errors.is_empty(), "{path}");
    let source = run.sources.first().unwrap_or_else(|| panic!("{path} not read"));
    let index = LineIndex::new(&source.text);
    run.diagnostics
        .iter()
        .map(|d| {
            let p = index.position(&source.text, d.span.start as usize);
            format!("{}:{} {}", p.line, p.column, d.rule)
        })
        .collect()
}

#[test]
fn fail_pages_give_exactly_their_expected_findings() {
    for id in PLAIN {
        let dir = format!("fixtures/checks/{id}");
        let expected = std::fs::read_to_string(format!("{dir}/fail.expected")).unwrap();
        let expected: Vec<&str> = expected.lines().filter(|l| !l.trim().is_empty()).collect();
        assert!(!expected.is_empty(), "{dir}/fail.expected is empty");
        assert_eq!(found(&format!("{dir}/fail.md"), id), expected, "{dir}/fail.md");
    }
}

#[test]
fn pass_pages_give_nothing() {
    for id in PLAIN {
        let path = format!("fixtures/checks/{id}/pass.md");
        assert_eq!(found(&path, id), Vec::<String>::new(), "{path}");
    }
}
