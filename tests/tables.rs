//! `divergent-table` on the fixtures, the seeds and the corpus.

mod tables_support;

use rolelint::checks::tables::DivergentTable;
use rolelint::checks::{Check, Cx};
use rolelint::diagnostic::{self, Applicability, Diagnostic, Fix};
use rolelint::model::{Handbook, Page};
use rolelint::policy::Policy;
use rolelint::span::{LineIndex, Span};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/checks/divergent-table");
const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds");
const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/corpus/www-gitlab-com-2022/job-families"
);

/// Every page file under `root`, as (path relative to `root` with `/`, text), sorted.
fn read_pages(root: &Path) -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if rolelint::read::is_page_name(&path) {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(root, &mut files);
    let mut pages: Vec<(String, String)> = files
        .iter()
        .map(|f| {
            let rel = f.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            (rel, std::fs::read_to_string(f).unwrap())
        })
        .collect();
    pages.sort();
    pages
}

/// The policy of a fixture case: `[options.divergent-table] canonical` from its `rolelint.toml`, if any.
fn case_policy(dir: &Path) -> Policy {
    let mut policy = Policy::default();
    if let Ok(text) = std::fs::read_to_string(dir.join("rolelint.toml")) {
        let config: toml::Table = text.parse().unwrap();
        let globs = config["options"]["divergent-table"]["canonical"].as_array().unwrap();
        policy.canonical_tables = globs.iter().map(|g| g.as_str().unwrap().to_owned()).collect();
    }
    policy
}

fn run(pages: &[(String, String)], policy: &Policy) -> (Handbook, Vec<Diagnostic>) {
    let handbook = Handbook::new(pages.iter().map(|(p, t)| tables_support::page(p, t)).collect());
    let mut cx = Cx::new(policy);
    DivergentTable.check_handbook(&handbook, &mut cx);
    let mut diagnostics = cx.into_diagnostics();
    diagnostic::sort(&mut diagnostics);
    (handbook, diagnostics)
}

fn page<'h>(handbook: &'h Handbook, path: &str) -> &'h Page {
    handbook.pages.iter().find(|p| &*p.path == path).unwrap()
}

fn at(handbook: &Handbook, path: &str, span: Span) -> String {
    let source = &page(handbook, path).source;
    let pos = LineIndex::new(source).position(source, span.start as usize);
    format!("{path}:{}:{}", pos.line, pos.column)
}

/// One `path:line:col rule` line per finding.
fn brief(handbook: &Handbook, diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| format!("{} {}\n", at(handbook, &d.path, d.span), d.rule))
        .collect()
}

/// Everything a finding says, for the snapshots.
fn full(handbook: &Handbook, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        out += &format!(
            "{} {} [{}]: {}\n",
            at(handbook, &d.path, d.span),
            d.rule,
            d.severity.as_str(),
            d.message
        );
        out += &format!("  label: {}\n", d.label.as_deref().unwrap_or("-"));
        for r in &d.related {
            out += &format!("  related: {} {}\n", at(handbook, &r.path, r.span), r.message);
        }
        out += &format!("  help: {}\n", d.help.as_deref().unwrap_or("-"));
        match &d.fix {
            Some(fix) => {
                out += &format!("  fix ({:?}): {}\n", fix.applicability, fix.description);
                for e in &fix.edits {
                    out += &format!("    {} => {:?}\n", at(handbook, &d.path, e.span), e.replacement);
                }
            }
            None => out += "  fix: -\n",
        }
        out += &format!("  key: {}\n", d.key);
    }
    out
}

fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(FIXTURES)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    cases
}

fn case_name(dir: &Path) -> String {
    dir.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn fixtures_report_exactly_the_expected_cells() {
    let cases = cases();
    assert_eq!(cases.len(), 7);
    for dir in cases {
        let (handbook, diagnostics) = run(&read_pages(&dir), &case_policy(&dir));
        let expected = std::fs::read_to_string(dir.join("expected")).unwrap();
        assert_eq!(brief(&handbook, &diagnostics), expected, "case {}", case_name(&dir));
        assert!(diagnostics.iter().all(|d| d.severity == diagnostic::Severity::Error));
    }
}

#[test]
fn fixture_messages_related_spans_and_fixes() {
    for dir in cases() {
        let (handbook, diagnostics) = run(&read_pages(&dir), &case_policy(&dir));
        insta::assert_snapshot!(case_name(&dir), full(&handbook, &diagnostics));
    }
}

/// Applies every fix (safe and unsafe) of `diagnostics` to `pages`.
fn apply_fixes(pages: &[(String, String)], diagnostics: &[Diagnostic]) -> (Vec<(String, String)>, usize) {
    let mut by_path: BTreeMap<&str, Vec<&Fix>> = BTreeMap::new();
    for d in diagnostics {
        if let Some(fix) = &d.fix {
            by_path.entry(&d.path).or_default().push(fix);
        }
    }
    let mut applied = 0;
    let fixed = pages
        .iter()
        .map(|(path, text)| match by_path.get(path.as_str()) {
            Some(fixes) => {
                let (new, n) = diagnostic::fix::apply(text, fixes);
                applied += n;
                (path.clone(), new)
            }
            None => (path.clone(), text.clone()),
        })
        .collect();
    (fixed, applied)
}

#[test]
fn fixes_silence_the_check_and_are_idempotent() {
    for name in ["three-copies", "canonical"] {
        let dir = Path::new(FIXTURES).join(name);
        let policy = case_policy(&dir);
        let pages = read_pages(&dir);
        let (_, diagnostics) = run(&pages, &policy);
        assert!(diagnostics.iter().all(|d| d.fix.is_some()), "{name}");
        let (fixed, applied) = apply_fixes(&pages, &diagnostics);
        assert_eq!(applied, diagnostics.len(), "{name}");
        let (_, after) = run(&fixed, &policy);
        assert!(after.is_empty(), "{name}: {after:?}");
        let (again, applied) = apply_fixes(&fixed, &after);
        assert_eq!((again, applied), (fixed, 0), "{name}");
    }
}

#[test]
fn fix_applicability_follows_link_portability() {
    let dir = Path::new(FIXTURES).join("canonical");
    let (_, diagnostics) = run(&read_pages(&dir), &case_policy(&dir));
    let applicability: Vec<Applicability> = diagnostics
        .iter()
        .map(|d| d.fix.as_ref().unwrap().applicability)
        .collect();
    // The first copies a relative link from the canonical page; the second only a number.
    assert_eq!(applicability, [Applicability::Unsafe, Applicability::Safe]);
}

#[test]
fn two_copies_have_no_fix_without_a_canonical_copy() {
    let dir = Path::new(FIXTURES).join("two-copies");
    let (_, diagnostics) = run(&read_pages(&dir), &Policy::default());
    assert_eq!(diagnostics.len(), 4);
    assert!(diagnostics.iter().all(|d| d.fix.is_none() && d.related.len() == 1));
}

#[test]
fn seeds_report_both_divergent_cells_on_both_pages() {
    let (handbook, diagnostics) = run(&read_pages(Path::new(SEEDS)), &Policy::default());
    assert_eq!(
        brief(&handbook, &diagnostics),
        "000_437ee804ee44b3b9.md:57:101 divergent-table\n\
         000_437ee804ee44b3b9.md:59:3 divergent-table\n\
         001_a0897a9603f7b2cc.md:71:101 divergent-table\n\
         001_a0897a9603f7b2cc.md:73:3 divergent-table\n"
    );
    insta::assert_snapshot!("seeds", full(&handbook, &diagnostics));
}

#[test]
fn seeds_with_a_canonical_copy_fix_the_other_page() {
    let pages = read_pages(Path::new(SEEDS));
    let policy = Policy {
        canonical_tables: vec!["000_*.md".to_owned()],
        ..Policy::default()
    };
    let (handbook, diagnostics) = run(&pages, &policy);
    assert_eq!(
        brief(&handbook, &diagnostics),
        "001_a0897a9603f7b2cc.md:71:101 divergent-table\n\
         001_a0897a9603f7b2cc.md:73:3 divergent-table\n"
    );
    assert!(
        diagnostics
            .iter()
            .all(|d| d.fix.as_ref().unwrap().applicability == Applicability::Safe)
    );
    let (fixed, applied) = apply_fixes(&pages, &diagnostics);
    assert_eq!(applied, 2);
    assert!(run(&fixed, &policy).1.is_empty());
}

#[test]
fn corpus_has_no_divergent_copies() {
    let pages = read_pages(Path::new(CORPUS));
    assert_eq!(pages.len(), 109);
    let (handbook, diagnostics) = run(&pages, &Policy::default());
    let tables: usize = handbook.pages.iter().map(|p| p.tables.len()).sum();
    let with_tables = handbook.pages.iter().filter(|p| !p.tables.is_empty()).count();
    // Five `| Role/Level | Grade |`-style tables on four pages share headers but not cells.
    assert_eq!((tables, with_tables), (5, 4));
    assert_eq!(rolelint::checks::tables::copies::find(&handbook).len(), 0);
    assert_eq!(brief(&handbook, &diagnostics), "");
}

#[test]
fn seeds_and_corpus_together_find_only_the_seed_divergences() {
    let mut pages = read_pages(Path::new(SEEDS));
    pages.extend(
        read_pages(Path::new(CORPUS))
            .into_iter()
            .map(|(p, t)| (format!("corpus/{p}"), t)),
    );
    let (_, diagnostics) = run(&pages, &Policy::default());
    assert_eq!(diagnostics.len(), 4);
    assert!(diagnostics.iter().all(|d| d.path.starts_with("00")));
}

/// A page holding one table built from `cells` (3 columns), with a fixed header.
fn table_page(cells: &[String]) -> String {
    let mut text = String::from("# Page\n\n| A | B | C |\n| --- | --- | --- |\n");
    for row in cells.chunks(3) {
        text += &format!("| {} |\n", row.join(" | "));
    }
    text
}

proptest::proptest! {
    #[test]
    fn any_copies_give_in_bounds_spans_and_fixes(
        a in proptest::collection::vec("(x|y|é|a \\\\\\| b|c \\\\|\\[l\\]\\(/t\\)|\\[l\\]\\(u\\)|)", 3..12),
        edits in proptest::collection::vec((0usize..12, "(z|ü|\\[l\\]\\(/v\\))"), 0..4),
        copies in 2usize..5,
    ) {
        let mut pages = Vec::new();
        for i in 0..copies {
            let mut cells = a.clone();
            for (at, value) in edits.iter().filter(|_| i == 0) {
                if let Some(cell) = cells.get_mut(*at) {
                    *cell = value.clone();
                }
            }
            pages.push((format!("p{i}.md"), table_page(&cells)));
        }
        let (handbook, diagnostics) = run(&pages, &Policy::default());
        for d in &diagnostics {
            let source = &page(&handbook, &d.path).source;
            proptest::prop_assert!(source.get(d.span.range()).is_some());
            for r in &d.related {
                proptest::prop_assert!(page(&handbook, &r.path).source.get(r.span.range()).is_some());
            }
            if let Some(fix) = &d.fix {
                proptest::prop_assert_eq!(fix.edits.len(), 1);
                proptest::prop_assert_eq!(fix.edits[0].span, d.span);
            }
        }
        // Page 0 alone was edited: with three or more copies only it can be reported.
        if copies >= 3 {
            proptest::prop_assert!(diagnostics.iter().all(|d| &*d.path == "p0.md" && d.fix.is_some()));
            let (fixed, _) = apply_fixes(&pages, &diagnostics);
            proptest::prop_assert!(run(&fixed, &Policy::default()).1.is_empty());
        }
    }
}
