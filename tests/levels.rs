//! The level and reporting checks on the five seeds (exact ground truth) and on the development
//! corpus (per-rule counts, hand-triaged in the branch report).

use rolelint::diagnostic::{Applicability, Severity};
use rolelint::span::LineIndex;
use rolelint::{Run, Settings, lint};
use std::collections::BTreeMap;
use std::path::PathBuf;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds");
const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/corpus/www-gitlab-com-2022/job-families"
);
/// The families these checks belong to.
const MINE: &[&str] = &["levels", "reporting"];

fn run(paths: &[&str]) -> Run {
    lint(&Settings {
        paths: paths.iter().map(PathBuf::from).collect(),
        select: MINE.iter().map(|s| s.to_string()).collect(),
        ..Settings::default()
    })
}

/// `file:line:col rule` for every finding, with the file name only.
fn located(run: &Run) -> Vec<String> {
    run.diagnostics
        .iter()
        .map(|d| {
            let source = run.sources.iter().find(|s| s.path == d.path).unwrap();
            let pos = LineIndex::new(&source.text).position(&source.text, d.span.start as usize);
            let name = d.path.rsplit('/').next().unwrap();
            format!("{}:{}:{} {}", &name[..3], pos.line, pos.column, d.rule)
        })
        .collect()
}

#[test]
fn seeds_have_exactly_their_level_and_reporting_defects() {
    let run = run(&[SEEDS]);
    assert_eq!(
        located(&run),
        [
            // Its three levels report to a title no seed defines (info).
            "001:93:30 unknown-manager",
            "001:117:30 unknown-manager",
            "001:144:30 unknown-manager",
            // "### Performance Indicators" under "## Levels", after the last level.
            "001:169:1 misplaced-section",
            // The Senior Manager states no reporting line; the Director does.
            "003:36:1 missing-reports-to",
            "003:54:30 unknown-manager",
            // Only the Senior Principal level states a reporting line.
            "004:121:1 missing-reports-to",
            "004:179:1 missing-reports-to",
            "004:239:1 missing-reports-to",
            "004:319:55 unknown-manager",
            // "##### Requirements" under Job Grade, then "#### Requirements".
            "004:336:1 duplicate-section",
        ]
    );
    let by = |file: &str, line: u32| {
        run.diagnostics
            .iter()
            .find(|d| {
                let source = run.sources.iter().find(|s| s.path == d.path).unwrap();
                d.path.contains(file)
                    && LineIndex::new(&source.text)
                        .position(&source.text, d.span.start as usize)
                        .line
                        == line
            })
            .unwrap()
    };

    let missing = by("003_", 36);
    assert_eq!(missing.severity, Severity::Error);
    assert_eq!(
        missing.message,
        "level `Senior Manager, Infrastructure Technical Program Management` does not say whom it reports to, \
         though `Director, Infrastructure Technical Program Management` on this page does"
    );
    assert_eq!(
        missing.help.as_deref(),
        Some(
            "add the level's reporting line; `Director, Infrastructure Technical Program Management` says: \
             \"This position reports to the Vice President of Infrastructure & Quality at GitLab.\""
        )
    );
    assert_eq!(missing.related.len(), 1);

    let unknown = by("003_", 54);
    assert_eq!(unknown.severity, Severity::Info);
    assert_eq!(
        unknown.message,
        "`Vice President of Infrastructure & Quality` is not the title of any role in the linted pages"
    );

    let misplaced = by("001_", 169);
    assert_eq!(misplaced.severity, Severity::Warning);
    assert_eq!(
        misplaced.message,
        "`Performance Indicators` is at level depth inside `Levels`; it is a page section and should be \
         `## Performance Indicators`"
    );
    let fix = misplaced.fix.as_ref().unwrap();
    assert_eq!(fix.applicability, Applicability::Unsafe);
    assert_eq!(fix.edits.len(), 1);
    assert_eq!(fix.edits[0].replacement, "##");
    assert_eq!(fix.edits[0].span.end - fix.edits[0].span.start, 3);

    let repeated = by("004_", 336);
    assert_eq!(
        repeated.message,
        "`Requirements` repeats a section of level `Senior Principal Product Manager`"
    );
    assert_eq!(repeated.related[0].message, "`Requirements` is here");
}

#[test]
fn seeds_grades_agree_with_the_ladder_and_each_other() {
    let run = run(&[SEEDS]);
    assert!(!run.diagnostics.iter().any(|d| &*d.rule == "grade-mismatch"));
    assert!(!run.diagnostics.iter().any(|d| &*d.rule == "title-level-mismatch"));
    assert!(!run.diagnostics.iter().any(|d| &*d.rule == "duplicate-level"));
}

#[test]
fn missing_reports_to_mode_off_is_silent_and_required_flags_every_level() {
    let dir = tempfile::tempdir().unwrap();
    let seed = std::fs::read_to_string(format!("{SEEDS}/001_a0897a9603f7b2cc.md")).unwrap();
    let page = dir.path().join("tpm.md");
    std::fs::write(
        &page,
        seed.replace("This position reports to the VP of Product Management.", ""),
    )
    .unwrap();
    let page = page.to_string_lossy().into_owned();
    let count = |run: &Run| {
        run.diagnostics
            .iter()
            .filter(|d| &*d.rule == "missing-reports-to")
            .count()
    };

    // No level states a line: nothing under the default `consistent`.
    assert_eq!(count(&run(&[&page])), 0);
    std::fs::write(
        dir.path().join("rolelint.toml"),
        "[options.missing-reports-to]\nmode = \"required\"\n",
    )
    .unwrap();
    assert_eq!(count(&run(&[&page])), 3);
    std::fs::write(
        dir.path().join("rolelint.toml"),
        "[options.missing-reports-to]\nmode = \"off\"\n",
    )
    .unwrap();
    assert_eq!(count(&run(&[&page])), 0);
}

#[test]
fn corpus_counts_per_rule() {
    let run = run(&[CORPUS]);
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for d in &run.diagnostics {
        *counts.entry(&d.rule).or_default() += 1;
    }
    assert_eq!(
        counts.into_iter().collect::<Vec<_>>(),
        [
            ("grade-mismatch", 3),
            // Triaged: 10 of 10 are sentences copied from another level or page (issue 10), and
            // 5 of 5 name a neighbouring role of the same seniority that no linted page defines
            // (SIRT Senior Manager twice, Director, Application Security, Online Sales Growth
            // twice), read in the nineteenth session.
            ("level-title-drift", 15),
            // Triaged: 18 of 18 near-miss sentences (a number without "grade" in a Job Grade
            // section ×15, "reports intot" ×2, "reports the" ×1), read since issue 10.
            ("malformed-statement", 18),
            ("misplaced-section", 30),
            ("missing-reports-to", 19),
            // Read one by one: each graph shows a level its page does not define (Distinguished,
            // Principal).
            ("unknown-ladder-node", 5),
            // 73 since issue 10: "reports the Senior Manager, Professional Education Services" is read.
            ("unknown-manager", 73),
        ]
    );
}

/// A placeholder never satisfies another rule: a reporting line to `{add …}` or `TBD` is still a
/// missing reporting line, and `grade #` is no grade.
#[test]
fn placeholders_satisfy_no_rule() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("widget-analyst.md");
    std::fs::write(
        &page,
        "---\ntitle: Widget Analyst\n---\n\n## Levels\n\n### Widget Analyst\n\n\
         The Widget Analyst reports to the Manager, Widget Analysis.\n\nThe Widget Analyst is a grade 6.\n\n\
         ### Senior Widget Analyst\n\nThe Senior Widget Analyst reports to the {add the reporting position}.\n\n\
         The Senior Widget Analyst is a grade 7.\n\n\
         ### Staff Widget Analyst\n\nThe Staff Widget Analyst reports to TBD.\n\n\
         The Staff Widget Analyst is a grade #.\n",
    )
    .unwrap();
    let page = page.to_string_lossy().into_owned();
    let run = lint(&Settings {
        paths: vec![PathBuf::from(&page)],
        select: ["missing-reports-to", "missing-grade", "placeholder"]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        ..Settings::default()
    });
    assert_eq!(
        located(&run),
        [
            "wid:13:1 missing-reports-to",
            "wid:15:42 placeholder",
            "wid:19:1 missing-reports-to",
            "wid:19:5 missing-grade",
            "wid:21:37 placeholder",
            "wid:23:31 placeholder",
        ]
    );
}
