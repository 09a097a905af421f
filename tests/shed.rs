//! Pages shed what only the per-page checks read before the corpus-wide checks run
//! (`Page::shed`). This keeps that honest: on the seeds and the corpus, the findings of the
//! one-pass run with shedding equal those of checking whole pages.

use rolelint::checks::{self, Input};
use rolelint::model::Handbook;
use rolelint::policy::{Policy, Selection};
use rolelint::read::{self, SourceFile};
use std::path::PathBuf;
use std::sync::Arc;

fn sources(dir: &str) -> Vec<SourceFile> {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/")).join(dir);
    let (paths, errors) = read::collect(&[root]);
    assert!(errors.is_empty(), "{errors:?}");
    let mut sources: Vec<SourceFile> = paths.iter().map(|p| read::load(p).unwrap()).collect();
    sources.sort_by(|a, b| a.path.cmp(&b.path));
    sources
}

fn findings(outcome: &checks::Outcome) -> Vec<String> {
    outcome
        .diagnostics
        .iter()
        .map(|d| format!("{}:{}:{} {} {}", d.path, d.span.start, d.span.end, d.rule, d.message))
        .collect()
}

fn same_findings_with_and_without_shedding(dir: &str) -> usize {
    let sources = sources(dir);
    let policy = Arc::new(Policy::builtin().unwrap());
    let policies = vec![policy.clone(); sources.len()];
    let selection = Selection::default();

    let whole = Handbook::new(sources.iter().map(rolelint::parse::parse).collect());
    let expected = checks::run(&Input {
        handbook: &whole,
        policies: &policies,
        root: &policy,
        selection: &selection,
    });

    let borrowed: Vec<&SourceFile> = sources.iter().collect();
    let (shed, checked) = rolelint::parse_and_check(&borrowed, Some(&policies), &selection);
    let found = checks::run_corpus_wide(
        &Input {
            handbook: &shed,
            policies: &policies,
            root: &policy,
            selection: &selection,
        },
        checked,
    );
    assert_eq!(findings(&found), findings(&expected));
    assert_eq!(found.counters, expected.counters);
    assert!(shed.pages.iter().all(|p| p.prose.is_empty() && p.list_items.is_empty()));
    expected.diagnostics.len()
}

#[test]
fn shedding_changes_no_finding_on_the_seeds() {
    assert!(same_findings_with_and_without_shedding("seeds") > 20);
}

#[test]
fn shedding_changes_no_finding_on_the_corpus() {
    assert!(same_findings_with_and_without_shedding("corpus") > 300);
}
