//! `section-title-mismatch`: the word comparison of `consistent-with-parent` under the default
//! policy's options, its messages and fixes, and its findings on the seeds and the corpus.

use rolelint::checks::declarative::consistent::compare;
use rolelint::diagnostic::Applicability;
use rolelint::policy::{Assertion, Policy};
use rolelint::span::LineIndex;
use std::path::PathBuf;

const ID: &str = "section-title-mismatch";
const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");

/// What the default rule says of sub-heading `child` under level `parent`: `None` when quiet,
/// else the difference its message names.
fn verdict(child: &str, parent: &str) -> Option<String> {
    let policy = Policy::builtin().unwrap();
    let rule = policy.rules.iter().find(|r| r.id == ID).unwrap();
    let Assertion::ConsistentWithParent { strip, words, .. } = &rule.assertion else {
        panic!("{ID} is not consistent-with-parent");
    };
    compare(child, parent, strip.as_ref(), words).map(|m| m.difference())
}

#[test]
fn sub_headings_that_name_the_level_or_no_title_are_quiet() {
    for (child, parent) in [
        // No title: only the section's kind, a qualifier, or an aside after the kind.
        ("Responsibilities", "Staff Billing Engineer"),
        ("Nice-to-have Requirements", "Staff Billing Engineer"),
        ("Nice-to-have Requirement", "Staff Billing Engineer"),
        ("Nice to have Requirements", "Staff Billing Engineer"),
        ("Additional Requirements", "Staff Billing Engineer"),
        ("Core Requirements", "Staff Billing Engineer"),
        ("Base Requirements", "Staff Billing Engineer"),
        ("Individual responsibility", "Group Manager, Billing"),
        (
            "Responsibilities (extends Senior Billing Engineer Responsibilities)",
            "Staff Billing Engineer",
        ),
        // The level word alone.
        ("Senior Responsibilities", "Senior Ledger Designer"),
        ("Staff Job Grade", "Staff Ledger Designer"),
        ("Intermediate Requirements", "Ledger Designer (Intermediate)"),
        // More specific than the level.
        ("Payments Analyst Responsibilities", "Analyst"),
        ("Senior Payments Analyst Requirements", "Senior Analyst"),
        // Abbreviations and asides.
        ("VP of Billing Responsibilities", "Vice President (VP) of Billing"),
        ("Sr. Ledger Designer Requirements", "Senior Ledger Designer"),
        (
            "Director of RCO Requirements",
            "Director of Revenue Collection Operations",
        ),
        ("Associate RCA Job Grade", "Associate Revenue Collection Analyst (RCA)"),
        (
            "Staff Ledger Risk Engineer Job Grade",
            "Staff Ledger Risk Engineer (Auditor)",
        ),
        ("Ledger Designer (Intermediate) Job Grade", "Ledger Designer"),
        (
            "Group Manager, Billing (GMB) - Job Grade",
            "Group Manager, Billing (GMB)",
        ),
        ("Group Manager, Billing: Requirements", "Group Manager, Billing"),
        (
            "Staff Billing Engineer Responsibilities & Requirements",
            "Staff Billing Engineer",
        ),
        // Only a seniority word dropped: doubtful, so quiet.
        ("Invoice Engineer Responsibilities", "Staff Invoice Engineer"),
        // A misspelt kind is the typo check's business.
        ("Responsiblities", "Senior Billing Engineer"),
    ] {
        assert_eq!(verdict(child, parent), None, "{child:?} under {parent:?}");
    }
}

#[test]
fn sub_headings_that_name_another_title_say_which_words_differ() {
    for (child, parent, difference) in [
        (
            "Staff Billing Engineer Responsibilities",
            "Staff Billing Platform Engineer",
            "missing `Platform`",
        ),
        (
            "Senior Engineering Manager, Payouts and Refunds Requirements",
            "Senior Engineering Manager, Billing (Core)",
            "`Payouts`, `Refunds` instead of `Billing`",
        ),
        (
            "Staff Job Grade",
            "Senior Ledger Designer",
            "`Staff` instead of `Senior`",
        ),
        (
            "Manager, Invoice Operations Job Grade",
            "Senior Invoice Operations Analyst",
            "`Manager` instead of `Analyst`",
        ),
        (
            "Vice President of Billing Job Grade",
            "Senior Director",
            "`Vice`, `President`, `Billing` instead of `Director`",
        ),
        (
            "Additional Senior Ledger Analyst Requirements",
            "Senior Ledger Designer",
            "`Analyst` instead of `Designer`",
        ),
    ] {
        assert_eq!(
            verdict(child, parent).as_deref(),
            Some(difference),
            "{child:?} under {parent:?}"
        );
    }
}

#[test]
fn findings_point_at_the_title_and_offer_the_level_title_as_an_unsafe_fix() {
    let path = "fixtures/checks/section-title-mismatch/fail.md";
    let run = rolelint::lint(&rolelint::Settings {
        paths: vec![PathBuf::from(path)],
        select: vec![ID.into()],
        ..Default::default()
    });
    let text = &run.sources[0].text;
    let index = LineIndex::new(text);
    let got: Vec<(String, &str, String, &str)> = run
        .diagnostics
        .iter()
        .map(|d| {
            let p = index.position(text, d.span.start as usize);
            let fix = d.fix.as_ref().unwrap();
            assert_eq!(fix.applicability, Applicability::Unsafe);
            assert_eq!(fix.edits.len(), 1);
            assert_eq!(fix.edits[0].span, d.span);
            (
                format!("{}:{}", p.line, p.column),
                &text[d.span.range()],
                d.message.clone(),
                fix.edits[0].replacement.as_str(),
            )
        })
        .collect();
    let want = [
        (
            "12:6",
            "Staff Billing Engineer",
            "sub-heading names `Staff Billing Engineer`, but the level is `Staff Billing Platform Engineer` (missing `Platform`)",
            "Staff Billing Platform Engineer",
        ),
        (
            "22:6",
            "Staff",
            "sub-heading names `Staff`, but the level is `Senior Ledger Designer` (`Staff` instead of `Senior`)",
            "Senior Ledger Designer",
        ),
        (
            "24:17",
            "Senior Ledger Analyst",
            "sub-heading names `Senior Ledger Analyst`, but the level is `Senior Ledger Designer` (`Analyst` instead of `Designer`)",
            "Senior Ledger Designer",
        ),
        (
            "30:6",
            "Senior Engineering Manager, Payouts and Refunds",
            "sub-heading names `Senior Engineering Manager, Payouts and Refunds`, but the level is `Senior Engineering Manager, Billing (Core)` (`Payouts`, `Refunds` instead of `Billing`)",
            "Senior Engineering Manager, Billing (Core)",
        ),
        (
            "36:8",
            "Manager, Invoices Operations",
            "sub-heading names `Manager, Invoices Operations`, but the level is `Manager, Invoice Operations` (`Invoices` instead of `Invoice`)",
            "Manager, Invoice Operations",
        ),
        (
            "38:6",
            "Director, Invoice Operations",
            "sub-heading names `Director, Invoice Operations`, but the level is `Manager, Invoice Operations` (`Director` instead of `Manager`)",
            "Manager, Invoice Operations",
        ),
    ];
    let got: Vec<(&str, &str, &str, &str)> = got
        .iter()
        .map(|(a, b, c, d)| (a.as_str(), *b, c.as_str(), *d))
        .collect();
    assert_eq!(got, want);
}

/// Every finding on the development corpus, triaged by hand: each names another role than its
/// level (a level heading missing above copied sections, a copied title, a misspelt level title).
#[test]
fn corpus_findings_are_the_triaged_real_ones() {
    let run = rolelint::lint(&rolelint::Settings {
        paths: vec![PathBuf::from(CORPUS)],
        select: vec![ID.into()],
        ..Default::default()
    });
    let found: Vec<String> = run
        .diagnostics
        .iter()
        .map(|d| {
            let source = run.sources.iter().find(|s| s.path == d.path).unwrap();
            let p = LineIndex::new(&source.text).position(&source.text, d.span.start as usize);
            let path = d.path.split("/job-families/").nth(1).unwrap();
            format!("{path}:{}:{}", p.line, p.column)
        })
        .collect();
    assert_eq!(
        found,
        [
            "engineering/infrastructure/engineering-management/index.html.md:132:6",
            "sales/director-of-professional-services/index.html.md.erb:50:5",
            "sales/director-of-professional-services/index.html.md.erb:54:5",
            "sales/director-of-professional-services/index.html.md.erb:65:5",
            "sales/inside-sales/index.html.md:77:6",
            "sales/renewal-operations-analyst/index.html.md:67:7",
            "sales/renewal-operations-analyst/index.html.md:71:7",
            "sales/renewal-operations-analyst/index.html.md:82:6",
            "sales/renewal-operations-analyst/index.html.md:104:7",
            "sales/renewal-operations-analyst/index.html.md:109:7",
            "sales/renewal-operations-analyst/index.html.md:120:6",
        ]
    );
}

/// The options are policy data: a team's own rule can use them on other nodes, and a wrong type
/// is a schema error located in the file.
#[test]
fn options_are_policy_data_any_rule_can_use() {
    let mut policy = Policy::default();
    policy
        .apply_checks_file(
            "team.yaml",
            r#"
rules:
  - id: notes-heading-mismatch
    severity: warning
    summary: a Notes sub-heading names another role than its level
    given: levels[*].sections[*]
    then:
      function: consistent-with-parent
      field: title
      strip: "(?i)\\s*notes$"
      qualifiers: [extra]
      optional-words: [lead]
      synonyms: {eng: engineer}
      acronyms: true
      ignore-parenthesized: true
    message: "`{value}` vs `{parent.title}`: {difference}"
"#,
        )
        .unwrap();
    let rule = policy.rules.iter().find(|r| r.id == "notes-heading-mismatch").unwrap();
    let Assertion::ConsistentWithParent { strip, words, .. } = &rule.assertion else {
        panic!("not consistent-with-parent");
    };
    let check = |child: &str, parent: &str| compare(child, parent, strip.as_ref(), words).map(|m| m.difference());
    assert_eq!(check("Extra Notes", "Widget Engineer"), None);
    assert_eq!(check("Widget Eng Notes", "Lead Widget Engineer"), None);
    assert_eq!(check("WE (draft) Notes", "Widget Engineer"), None);
    assert_eq!(
        check("Gadget Eng Notes", "Widget Engineer").as_deref(),
        Some("`Gadget` instead of `Widget`")
    );

    let err = Policy::default()
        .apply_checks_file(
            "team.yaml",
            "rules:\n  - id: x\n    severity: error\n    summary: s\n    given: levels[*]\n    then:\n      function: consistent-with-parent\n      field: title\n      acronyms: \"yes\"\n    message: m\n",
        )
        .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("team.yaml:9:"), "{text}");
    assert!(text.contains("acronyms"), "{text}");
}
