//! Every check on its fixtures: `fixtures/checks/<id>/` is linted with only `<id>` selected, and
//! the findings in each `X.md` must be exactly the lines of `X.expected` (`line:col rule message`;
//! the message may be left out). A page without an `.expected` file must stay silent. Sub-folders
//! are linted with the folder, so one may hold a `rolelint.toml` that sets the check's options.
//!
//! `broken-link` needs its redirects file and is run by tests/links.rs; `divergent-table` keeps
//! one folder per case and is run by tests/tables.rs.

use rolelint::checks::registry::CHECKS;
use rolelint::span::LineIndex;
use rolelint::{Settings, lint};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const FIXTURES: &str = "fixtures/checks";
/// Fixture folders another test file runs with options of their own.
const OWN_TESTS: &[&str] = &["broken-link", "divergent-table"];

fn pages(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            pages(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

/// `line:col rule message` of each finding, by file.
fn findings(dir: &Path, id: &str) -> BTreeMap<String, Vec<String>> {
    let run = lint(&Settings {
        paths: vec![dir.to_path_buf()],
        select: vec![id.to_owned()],
        ..Settings::default()
    });
    assert!(run.errors.is_empty() && run.config_errors.is_empty(), "{dir:?}");
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for d in &run.diagnostics {
        let source = run.sources.iter().find(|s| s.path == d.path).unwrap();
        let pos = LineIndex::new(&source.text).position(&source.text, d.span.start as usize);
        out.entry(d.path.to_string())
            .or_default()
            .push(format!("{}:{} {} {}", pos.line, pos.column, d.rule, d.message));
    }
    out
}

fn fixture_dirs() -> Vec<(String, PathBuf)> {
    let mut dirs: Vec<(String, PathBuf)> = std::fs::read_dir(FIXTURES)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn every_check_has_fixtures_and_every_fixture_names_a_check() {
    let policy = rolelint::policy::Policy::builtin().unwrap();
    let declarative: Vec<&str> = policy.rules.iter().map(|r| r.id.as_str()).collect();
    let mut ids: Vec<&str> = CHECKS.iter().map(|c| c.meta().id).collect();
    ids.extend(declarative.iter().copied());
    let dirs: Vec<String> = fixture_dirs().into_iter().map(|(id, _)| id).collect();
    for (id, _) in fixture_dirs() {
        assert!(ids.contains(&id.as_str()), "fixtures/checks/{id} names no check");
    }
    for c in CHECKS {
        let m = c.meta();
        if m.family == rolelint::checks::Family::Meta {
            continue;
        }
        assert!(
            dirs.contains(&m.id.to_owned()),
            "{} has no fixtures/checks/{}",
            m.id,
            m.id
        );
    }
    for id in declarative {
        assert!(dirs.contains(&id.to_owned()), "{id} has no fixtures/checks/{id}");
    }
}

#[test]
fn fixtures_match_their_expected_files() {
    for (id, dir) in fixture_dirs() {
        if OWN_TESTS.contains(&id.as_str()) {
            continue;
        }
        assert!(dir.join("fail.md").exists(), "{id} has no fail.md");
        assert!(dir.join("pass.md").exists(), "{id} has no pass.md");
        let mut found = findings(&dir, &id);
        let mut files = Vec::new();
        pages(&dir, &mut files);
        for file in files {
            let path = file.to_string_lossy().into_owned();
            let got = found.remove(&path).unwrap_or_default();
            let expected_file = file.with_extension("expected");
            let expected = std::fs::read_to_string(&expected_file).unwrap_or_default();
            let expected: Vec<&str> = expected.lines().filter(|l| !l.trim().is_empty()).collect();
            assert_eq!(got.len(), expected.len(), "{path}: {got:#?}");
            for (g, e) in got.iter().zip(&expected) {
                // An expected line may stop after the rule id.
                let parts = e.splitn(3, ' ').count();
                let g_cut: String = if parts < 3 {
                    g.splitn(3, ' ').take(2).collect::<Vec<_>>().join(" ")
                } else {
                    g.clone()
                };
                assert_eq!(&g_cut, e, "{path}");
            }
        }
        assert!(found.is_empty(), "findings outside the fixture pages: {found:?}");
    }
}
