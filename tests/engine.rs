//! The rule engine on pages built in the test: declarative rules, suppressions, select/ignore.

use rolelint::checks::{Input, run};
use rolelint::diagnostic::{Diagnostic, Severity};
use rolelint::model::{
    Directive, DirectiveKind, FrontMatter, Handbook, Level, LevelLayout, LevelName, Page, Section, SectionKind,
};
use rolelint::model::{GradeSource, GradeStatement};
use rolelint::policy::{Policy, Selection};
use rolelint::span::{LineIndex, Span, Spanned};
use std::sync::Arc;

/// A page of `text` whose levels are `(title, grade, sub-headings)`, found in the text by their
/// `### ` and `#### ` headings; the front matter has a title and a description.
fn page(text: &str, levels: &[(&str, Option<u8>, &[&str])]) -> Page {
    let at = |needle: &str| {
        let start = text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in the text"));
        Span::new(start, start + needle.len())
    };
    let levels = levels
        .iter()
        .map(|(title, grade, sections)| {
            let heading = at(&format!("### {title}\n"));
            let line = Span::new(heading.start as usize, heading.end as usize - 1);
            Level {
                title: title.to_string(),
                title_span: Span::new(line.start as usize + 4, line.end as usize),
                name: Some(LevelName::Staff),
                span: line,
                body: line,
                heading: None,
                layout: LevelLayout::LevelsSection,
                grades: grade
                    .map(|g| GradeStatement {
                        value: g,
                        span: line,
                        source: GradeSource::Sentence,
                        subject: None,
                        repair: None,
                    })
                    .into_iter()
                    .collect(),
                reporting_lines: Vec::new(),
                sections: sections
                    .iter()
                    .map(|s| {
                        let h = at(&format!("#### {s}\n"));
                        Section {
                            kind: if s.ends_with("Responsibilities") {
                                SectionKind::Responsibilities
                            } else if s.ends_with("Requirements") {
                                SectionKind::Requirements
                            } else {
                                SectionKind::Other
                            },
                            title: s.to_string(),
                            span: Span::new(h.start as usize, h.end as usize - 1),
                            heading: 0,
                            items: Vec::new(),
                        }
                    })
                    .collect(),
                external_grade: None,
            }
        })
        .collect();
    let fm_end = text.find("\n---\n").map_or(0, |i| i + 4);
    Page {
        path: Arc::from("jobs/billing.md"),
        source: Arc::from(text),
        front_matter: FrontMatter {
            span: Some(Span::new(0, fm_end)),
            raw: serde_json::json!({"title": "Billing", "description": "Bills."}),
            value_spans: Default::default(),
            title: Some(Spanned::new("Billing".into(), Span::new(11, 18))),
            description: Some(Spanned::new("Bills.".into(), Span::new(32, 38))),
        },
        headings: Vec::new(),
        levels,
        tables: Vec::new(),
        links: Vec::new(),
        anchors: Vec::new(),
        prose: Vec::new(),
        list_items: Vec::new(),
        directives: directives(text),
        problems: Vec::new(),
        kept: Default::default(),
    }
}

/// The `<!-- rolelint-… -->` comments of `text`, as the parser will give them.
fn directives(text: &str) -> Vec<Directive> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("<!-- rolelint-") {
        let start = from + i;
        let end = start + text[start..].find("-->").unwrap() + 3;
        let body = &text[start + 5..end - 3];
        let mut words = body.split_whitespace();
        let kind = match words.next().unwrap() {
            "rolelint-disable-next-line" => DirectiveKind::DisableNextLine,
            "rolelint-disable-line" => DirectiveKind::DisableLine,
            "rolelint-disable" => DirectiveKind::Disable,
            "rolelint-enable" => DirectiveKind::Enable,
            "rolelint-disable-file" => DirectiveKind::DisableFile,
            other => panic!("{other}"),
        };
        let rules = words
            .map(|w| {
                let at = start + text[start..end].find(w).unwrap();
                Spanned::new(w.to_string(), Span::new(at, at + w.len()))
            })
            .collect();
        out.push(Directive {
            kind,
            rules,
            span: Span::new(start, end),
        });
        from = end;
    }
    out
}

fn check_with(pages: Vec<Page>, policy: Policy, selection: Selection) -> Vec<Diagnostic> {
    let handbook = Handbook::new(pages);
    let policy = Arc::new(policy);
    let policies = vec![policy.clone(); handbook.pages.len()];
    run(&Input {
        handbook: &handbook,
        policies: &policies,
        root: &policy,
        selection: &selection,
    })
    .diagnostics
}

/// Runs the engine on a page built here. Its levels all carry the same level name, so the level and
/// reporting checks (tested on parsed pages in tests/levels.rs) are left out.
fn check(page: Page) -> Vec<Diagnostic> {
    let selection = Selection {
        select: Vec::new(),
        ignore: vec!["levels".into(), "reporting".into()],
    };
    check_with(vec![page], Policy::builtin().unwrap(), selection)
}

/// `line:column rule` of each finding, as the fixtures' `.expected` files write them.
fn summary(text: &str, diags: &[Diagnostic]) -> Vec<String> {
    let index = LineIndex::new(text);
    diags
        .iter()
        .map(|d| {
            let p = index.position(text, d.span.start as usize);
            format!("{}:{} {}", p.line, p.column, d.rule)
        })
        .collect()
}

const TPM: &str = "\
---
title: Billing
description: Bills.
---

## Levels

### Staff Technical Program Manager

#### Staff Technical Program Manager Job Grade

#### Staff Technical Manager Responsibilities

#### Staff Technical Program Manager Requirements

#### Staff Technical Program Manager - Infrastructure

### Senior Technical Program Manager

#### Responsibilities

#### Requirements
";

#[test]
fn sub_heading_naming_another_title_is_flagged_and_only_it() {
    let p = page(
        TPM,
        &[
            (
                "Staff Technical Program Manager",
                Some(8),
                &[
                    "Staff Technical Program Manager Job Grade",
                    "Staff Technical Manager Responsibilities",
                    "Staff Technical Program Manager Requirements",
                    "Staff Technical Program Manager - Infrastructure",
                ],
            ),
            (
                "Senior Technical Program Manager",
                Some(7),
                &["Responsibilities", "Requirements"],
            ),
        ],
    );
    let diags = check(p);
    assert_eq!(summary(TPM, &diags), ["12:6 section-title-mismatch"]);
    let d = &diags[0];
    assert_eq!(
        d.message,
        "sub-heading names `Staff Technical Manager`, but the level is `Staff Technical Program Manager` (missing `Program`)"
    );
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(
        d.key,
        "levels[Staff Technical Program Manager].sections[Staff Technical Manager Responsibilities]"
    );
    assert!(d.policy.as_deref().unwrap().starts_with("rules/checks.yaml:"));
    assert_eq!(&TPM[d.span.range()], "Staff Technical Manager");
    let fix = d.fix.as_ref().unwrap();
    assert_eq!(fix.applicability, rolelint::diagnostic::Applicability::Unsafe);
    assert_eq!(fix.edits.len(), 1);
    assert_eq!(fix.edits[0].span, d.span);
    assert_eq!(fix.edits[0].replacement, "Staff Technical Program Manager");
}

const GRADES: &str = "\
---
title: Billing
description: Bills.
---

### Senior Billing Engineer

### Staff Billing Engineer
";

#[test]
fn level_without_grade_is_flagged_at_its_title() {
    let p = page(
        GRADES,
        &[
            ("Senior Billing Engineer", Some(7), &[]),
            ("Staff Billing Engineer", None, &[]),
        ],
    );
    let diags = check(p);
    assert_eq!(summary(GRADES, &diags), ["8:5 missing-grade"]);
    assert_eq!(diags[0].message, "level `Staff Billing Engineer` has no grade");
    assert_eq!(diags[0].key, "levels[Staff Billing Engineer].grade");
    assert_eq!(
        diags[0].help.as_deref(),
        Some(
            "add a sentence such as \"The Staff Billing Engineer is a grade N.\" under the level, with N from the grade ladder"
        )
    );
}

#[test]
fn front_matter_without_title_and_description_is_flagged_once_each() {
    let text = "---\nowner: billing\n---\n\nBody.\n";
    let mut p = page(text, &[]);
    p.front_matter.title = None;
    p.front_matter.description = None;
    let diags = check(p);
    assert_eq!(summary(text, &diags), ["1:1 missing-description", "1:1 missing-title"]);
    assert_eq!(diags[0].severity, Severity::Warning);
    assert_eq!(diags[1].message, "the front matter has no `title`");
    // The opening fence line, not the whole block.
    assert_eq!(diags[1].span, Span::new(0, 3));
}

#[test]
fn own_declarative_rules_pattern_unique_and_schema() {
    let mut policy = Policy::builtin().unwrap();
    policy
        .apply_checks_file(
            "team.yaml",
            r#"
rules:
  - id: lowercase-level
    severity: warning
    summary: a level title starts in lower case
    given: levels[*]
    then: { function: pattern, field: title, not-match: "^[a-z]" }
    message: "`{value}` starts in lower case"
  - id: repeated-level
    severity: error
    summary: two levels share a title
    given: levels[*]
    then: { function: unique, field: title }
    message: "level `{value}` is defined twice"
  - id: grade-out-of-range
    severity: error
    summary: a grade above 15
    given: levels[*]
    then: { schema: { properties: { grade: { maximum: 15 } } } }
    message: "{title}: {error}"
    span-field: title_span
"#,
        )
        .unwrap();
    let text = "### staff Engineer\n\n### Staff Engineer\n\n### Principal Engineer\n";
    let diags = check_with(
        vec![page(
            text,
            &[
                ("staff Engineer", Some(8), &[]),
                ("Staff Engineer", Some(16), &[]),
                ("Principal Engineer", Some(9), &[]),
            ],
        )],
        policy,
        Selection {
            select: Vec::new(),
            ignore: vec!["levels".into(), "reporting".into()],
        },
    );
    assert_eq!(
        summary(text, &diags),
        ["1:1 lowercase-level", "3:1 repeated-level", "3:5 grade-out-of-range"]
    );
    let dup = diags.iter().find(|d| d.rule.as_ref() == "repeated-level").unwrap();
    assert_eq!(dup.message, "level `Staff Engineer` is defined twice");
    assert_eq!(dup.related[0].span, Span::new(0, 18));
    let range = diags.iter().find(|d| d.rule.as_ref() == "grade-out-of-range").unwrap();
    assert_eq!(range.message, "Staff Engineer: 16 is greater than the maximum of 15");
}

const SUPPRESSED: &str = "\
---
title: Billing
description: Bills.
---

<!-- rolelint-disable-next-line missing-grade -->
### Junior Billing Engineer

<!-- rolelint-disable missing-grade -->
### Billing Engineer

### Senior Billing Engineer
<!-- rolelint-enable missing-grade -->

### Staff Billing Engineer

<!-- rolelint-disable-next-line missing-grade -->
### Principal Billing Engineer

<!-- rolelint-disable-next-line missing-grades -->
### Distinguished Billing Engineer
";

#[test]
fn suppressions_next_line_block_unknown_and_unused() {
    let levels: Vec<(&str, Option<u8>, &[&str])> = vec![
        ("Junior Billing Engineer", None, &[]),
        ("Billing Engineer", None, &[]),
        ("Senior Billing Engineer", None, &[]),
        ("Staff Billing Engineer", None, &[]),
        ("Principal Billing Engineer", Some(9), &[]),
        ("Distinguished Billing Engineer", Some(10), &[]),
    ];
    let diags = check(page(SUPPRESSED, &levels));
    assert_eq!(
        summary(SUPPRESSED, &diags),
        ["15:5 missing-grade", "17:33 unused-suppression", "20:33 unknown-rule"]
    );
    assert_eq!(
        diags[1].message,
        "`rolelint-disable-next-line missing-grade` suppresses nothing"
    );
    assert_eq!(
        diags[2].message,
        "unknown rule `missing-grades` in a suppression comment"
    );
    assert_eq!(diags[2].help.as_deref(), Some("did you mean `missing-grade`?"));
}

#[test]
fn disable_file_covers_the_whole_page_and_families_work() {
    let text =
        "<!-- rolelint-disable-file declarative -->\n### Staff Billing Engineer\n\n### Senior Billing Engineer\n";
    let levels: Vec<(&str, Option<u8>, &[&str])> = vec![
        ("Staff Billing Engineer", None, &[]),
        ("Senior Billing Engineer", None, &[]),
    ];
    assert_eq!(summary(text, &check(page(text, &levels))), Vec::<String>::new());

    let text = "<!-- rolelint-disable-file missing-title -->\n### Staff Billing Engineer\n";
    let levels: Vec<(&str, Option<u8>, &[&str])> = vec![("Staff Billing Engineer", Some(8), &[])];
    assert_eq!(summary(text, &check(page(text, &levels))), ["1:28 unused-suppression"]);
}

#[test]
fn enable_without_disable_is_reported() {
    let text = "<!-- rolelint-enable missing-grade -->\n### Staff Billing Engineer\n";
    let levels: Vec<(&str, Option<u8>, &[&str])> = vec![("Staff Billing Engineer", Some(8), &[])];
    let diags = check(page(text, &levels));
    assert_eq!(summary(text, &diags), ["1:22 unused-suppression"]);
    assert_eq!(
        diags[0].message,
        "`rolelint-enable missing-grade` has no matching `rolelint-disable`"
    );
}

#[test]
fn select_and_ignore_by_id_and_by_family() {
    let mk = || {
        let mut p = page(
            GRADES,
            &[
                ("Senior Billing Engineer", None, &[]),
                ("Staff Billing Engineer", None, &[]),
            ],
        );
        p.front_matter.description = None;
        p
    };
    let run_sel = |select: &[&str], ignore: &[&str]| {
        let sel = Selection {
            select: select.iter().map(|s| s.to_string()).collect(),
            ignore: ignore.iter().map(|s| s.to_string()).collect(),
        };
        let diags = check_with(vec![mk()], Policy::builtin().unwrap(), sel);
        summary(GRADES, &diags)
    };
    let all = ["1:1 missing-description", "6:5 missing-grade", "8:5 missing-grade"];
    assert_eq!(run_sel(&[], &[]), all);
    assert_eq!(
        run_sel(&["missing-grade"], &[]),
        ["6:5 missing-grade", "8:5 missing-grade"]
    );
    assert_eq!(run_sel(&[], &["missing-grade"]), ["1:1 missing-description"]);
    assert_eq!(run_sel(&["declarative"], &[]), all);
    assert_eq!(run_sel(&["meta"], &[]), Vec::<String>::new());
    assert_eq!(run_sel(&["declarative"], &["missing-description"]), &all[1..]);

    let mut policy = Policy::builtin().unwrap();
    policy.severities.insert("missing-grade".into(), Some(Severity::Info));
    let diags = check_with(vec![mk()], policy, Selection::default());
    assert_eq!(diags[1].severity, Severity::Info);
}

#[test]
fn parse_problems_become_configurable_diagnostics() {
    let text = "---\ntitle: Billing\ndescription: Bills.\n---\n";
    let mut p = page(text, &[]);
    p.problems.push(rolelint::model::ParseProblem {
        code: "invalid-front-matter",
        message: "the YAML does not parse".into(),
        span: Span::new(4, 9),
        help: Some("quote the value".into()),
    });
    let diags = check(p.clone());
    assert_eq!(summary(text, &diags), ["2:1 parse-error"]);
    assert_eq!(diags[0].message, "invalid-front-matter: the YAML does not parse");
    let sel = Selection {
        select: vec![],
        ignore: vec!["parse-error".into()],
    };
    assert!(check_with(vec![p], Policy::builtin().unwrap(), sel).is_empty());
}

#[test]
fn the_seeds_wrong_level_title_in_a_heading_is_flagged_and_nothing_else() {
    let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds");
    let run = rolelint::lint(&rolelint::Settings {
        paths: vec![seeds.into()],
        select: vec!["declarative".into()],
        ..Default::default()
    });
    let found: Vec<String> = run
        .diagnostics
        .iter()
        .map(|d| {
            let source = run.sources.iter().find(|s| s.path == d.path).unwrap();
            let p = LineIndex::new(&source.text).position(&source.text, d.span.start as usize);
            let name = d.path.rsplit('/').next().unwrap();
            format!("{name}:{}:{} {}", p.line, p.column, d.rule)
        })
        .collect();
    assert_eq!(found, ["001_a0897a9603f7b2cc.md:150:6 section-title-mismatch"]);
}

fn level(title: &str, name: LevelName) -> Level {
    Level {
        title: title.into(),
        title_span: Span::default(),
        name: Some(name),
        span: Span::default(),
        body: Span::default(),
        heading: None,
        layout: LevelLayout::LevelsSection,
        grades: Vec::new(),
        reporting_lines: Vec::new(),
        sections: Vec::new(),
        external_grade: None,
    }
}

#[test]
fn the_ladder_gives_grades_by_family_ladder_and_level() {
    let policy = Policy::builtin().unwrap();
    let ladder = &policy.ladder;
    let expect = |title: &str, name: LevelName, path: &str| {
        ladder
            .expected(&level(title, name), path)
            .map(|(grade, row)| (grade, row.to_string()))
    };
    let (grade, row) = expect("Senior Product Manager", LevelName::Senior, "pm/index.md").unwrap();
    assert_eq!(grade, 8);
    assert!(
        row.starts_with("rules/ladder.yaml:") && row.ends_with(": Product Manager senior → 8"),
        "{row}"
    );
    assert_eq!(
        expect("Senior Backend Engineer", LevelName::Senior, "eng/be.md")
            .unwrap()
            .0,
        7
    );
    assert_eq!(
        expect("Staff Backend Engineer", LevelName::Staff, "eng/be.md")
            .unwrap()
            .0,
        8
    );
    assert_eq!(
        expect("Manager, Support", LevelName::Manager, "support/m.md")
            .unwrap()
            .0,
        8
    );
    // The field-sales ladder is chosen by title: field managers are a grade 9, sales operations
    // managers in the same folder follow the default ladder.
    assert_eq!(
        expect(
            "Manager, Solutions Architects",
            LevelName::Manager,
            "job-families/sales/sa.md"
        )
        .unwrap()
        .0,
        9
    );
    assert_eq!(
        expect(
            "Manager, Sales Operations",
            LevelName::Manager,
            "job-families/sales/ops.md"
        )
        .unwrap()
        .0,
        8
    );
    assert_eq!(
        expect("Enterprise Account Executive", LevelName::Intermediate, "x.md")
            .unwrap()
            .0,
        8
    );
    assert_eq!(
        expect("SDR Team Lead", LevelName::Intermediate, "sales/sdr.md")
            .unwrap()
            .0,
        6
    );
    assert_eq!(expect("Senior Vice President", LevelName::SeniorVp, "x.md"), None);

    let mut custom = Policy::builtin().unwrap();
    let doc = "ladders:\n  - name: default\n    rows:\n      - { level: senior, grade: 6 }\n";
    custom.apply_ladder_file("team-ladder.yaml", doc).unwrap();
    let (grade, row) = custom
        .ladder
        .expected(&level("Senior Backend Engineer", LevelName::Senior), "x.md")
        .unwrap();
    assert_eq!(
        (grade, row.to_string()),
        (6, "team-ladder.yaml:4: senior → 6".to_string())
    );
}
