//! The whole pipeline on fuzzer bytes: decode → parse and per-page checks (pages shed as in a run)
//! → corpus-wide checks on a 1–3 page handbook →
//! every report format → fixes applied and the fixed text parsed again. Shared by the cargo-fuzz
//! target (`fuzz_targets/pipeline.rs`) and the proptest run in `tests/pipeline_fuzz.rs`.
//! It panics only on a broken invariant: a finding's span outside its page or off a char boundary.

use rolelint::checks::{self, Input};
use rolelint::diagnostic::{Fix, fix};
use rolelint::policy::{Policy, Selection};
use rolelint::read::SourceFile;
use rolelint::report::{self, Format, ReportOptions};
use std::sync::{Arc, LazyLock};

/// NUL cannot occur in a page (it is a binary file), so it separates the pages of one input.
pub const PAGE_SEPARATOR: u8 = 0;

const PATHS: [&str; 3] = [
    "job-families/engineering/backend-engineer/index.html.md",
    "job-families/engineering/frontend-engineer/index.html.md",
    "job-families/product/product-manager.md",
];

static POLICY: LazyLock<Arc<Policy>> =
    LazyLock::new(|| Arc::new(Policy::builtin().expect("invariant: the built-in policy loads")));

/// Runs the pipeline on `data`.
pub fn pipeline(data: &[u8]) {
    let sources: Vec<SourceFile> = data
        .split(|&b| b == PAGE_SEPARATOR)
        .take(PATHS.len())
        .zip(PATHS)
        .filter_map(|(bytes, path)| SourceFile::decode(path, bytes.to_vec()).ok())
        .collect();
    // The production path: parse and per-page checks in one pass that sheds each page, then the
    // corpus-wide checks on what is left.
    let policies = vec![POLICY.clone(); sources.len()];
    let selection = Selection::default();
    let borrowed: Vec<&SourceFile> = sources.iter().collect();
    let (handbook, checked) = rolelint::parse_and_check(&borrowed, Some(&policies), &selection);
    let input = Input {
        handbook: &handbook,
        policies: &policies,
        root: &POLICY,
        selection: &selection,
    };
    let outcome = checks::run_corpus_wide(&input, checked);
    let text_of = |path: &str| sources.iter().find(|s| &*s.path == path).map(|s| s.text.clone());
    for d in &outcome.diagnostics {
        if let Some(text) = text_of(&d.path) {
            assert!(
                text.get(d.span.range()).is_some(),
                "{} span {:?} is off the page",
                d.rule,
                d.span
            );
        }
        for r in &d.related {
            if let Some(text) = text_of(&r.path) {
                assert!(
                    text.get(r.span.range()).is_some(),
                    "{} related {:?} is off the page",
                    d.rule,
                    r.span
                );
            }
        }
    }
    let run = rolelint::Run {
        sources,
        diagnostics: outcome.diagnostics,
        ..rolelint::Run::default()
    };
    for format in Format::ALL {
        let _ = report::render(format, &run, &ReportOptions::plain());
    }
    for source in &run.sources {
        let fixes: Vec<&Fix> = run
            .diagnostics
            .iter()
            .filter(|d| d.path == source.path)
            .filter_map(|d| d.fix.as_ref())
            .collect();
        if fixes.is_empty() {
            continue;
        }
        let (fixed, _) = fix::apply(&source.text, &fixes);
        let _ = rolelint::parse::parse(&SourceFile::from_text(source.path.clone(), &fixed, source.bom));
    }
}
