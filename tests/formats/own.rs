//! Snapshots of every format, on two small pages written for these tests (plus a clean one).

use crate::{find, load_json, render, schema_errors};
use rolelint::Run;
use rolelint::diagnostic::{Diagnostic, Fix, Severity};
use rolelint::read::SourceFile;
use rolelint::report::Format;
use serde_json::Value;
use std::sync::Arc;

const ENGINEER: &str = "job-families/widget-engineer.md";
const TEAM: &str = "teams/widgets.md";
const CLEAN: &str = "teams/gadgets.md";

const ENGINEER_TEXT: &str = r#"---
title: "Widget Engineer"
description: "Builds and looks after the widgets that every team relys on"
---
## Widget Engineer

Widget Engineers design, build and run the widget platform.

### Senior Widget Engineer

The role is a grade 7.

#### Responsibilities

* Keeps the “widget budget” visible to every team
* Improves the reliabilty of the widget fleet

## Teams

|Team|Focus|
|----|-----|
|Core|[Core widgets](/job-families/engineering/widget-core/)|
"#;

const TEAM_TEXT: &str = r#"---
title: "Widget team"
---
## Teams

|Team|Focus|
|----|-----|
|Core|[Core widgets](/job-families/engineering/widget-engineer/)|
"#;

const CLEAN_TEXT: &str = "---\ntitle: \"Gadget team\"\n---\n## Gadgets\n\nThe gadget team keeps gadgets working.\n";

fn own_run() -> Run {
    let sources: Vec<SourceFile> = [(ENGINEER, ENGINEER_TEXT), (CLEAN, CLEAN_TEXT), (TEAM, TEAM_TEXT)]
        .into_iter()
        .map(|(path, text)| SourceFile::from_text(path, text, false))
        .collect();
    let at = |path: &str, needle: &str| find(&sources, path, needle, 0);
    let engineer: Arc<str> = Arc::from(ENGINEER);
    let reliabilty = at(ENGINEER, "reliabilty");
    let mut diagnostics = vec![
        Diagnostic::new(
            "typo",
            Severity::Error,
            engineer.clone(),
            reliabilty,
            "`reliabilty` is not a word",
        )
        .with_label("unknown word")
        .with_help("did you mean `reliability`?")
        .with_fix(Fix::replace(
            reliabilty,
            "reliability",
            "replace `reliabilty` with `reliability`",
        ))
        .with_policy("rules/vocabulary.txt (embedded)")
        .with_key("word=reliabilty;n=1"),
        Diagnostic::new(
            "typo",
            Severity::Error,
            engineer.clone(),
            at(ENGINEER, "relys"),
            "`relys` is not a word",
        )
        .with_label("unknown word")
        .with_help("did you mean `relies`?")
        .with_policy("rules/vocabulary.txt (embedded)")
        .with_key("word=relys;n=1"),
        Diagnostic::new(
            "missing-reports-to",
            Severity::Warning,
            engineer.clone(),
            at(ENGINEER, "### Senior Widget Engineer"),
            "level `Senior Widget Engineer` does not say whom it reports to",
        )
        .with_label("this level")
        .with_related(engineer.clone(), at(ENGINEER, "grade 7"), "its grade is given here")
        .with_help("add a line such as `This position reports to …` under the level")
        .with_policy("rules/sections.yaml (embedded)")
        .with_key("level=Senior Widget Engineer;field=reports-to"),
        Diagnostic::new(
            "divergent-table",
            Severity::Warning,
            engineer.clone(),
            at(ENGINEER, "/job-families/engineering/widget-core/"),
            "this copy of the Team | Focus table links elsewhere than its other copy",
        )
        .with_label("links to widget-core")
        .with_related(
            Arc::from(TEAM),
            at(TEAM, "/job-families/engineering/widget-engineer/"),
            "the other copy links to widget-engineer",
        )
        .with_help("keep copied tables identical, or link to one of them")
        .with_policy("rules/checks.yaml (embedded)")
        .with_key("table=Team|Focus;row=1;col=1"),
        Diagnostic::new(
            "curly-quotes",
            Severity::Info,
            engineer,
            at(ENGINEER, "“widget budget”"),
            "curly quotes around a term",
        )
        .with_policy("rolelint.toml [[rule]] curly-quotes")
        .with_key("quote=widget budget"),
    ];
    rolelint::diagnostic::sort(&mut diagnostics);
    let mut sources = sources;
    sources.sort_by(|a, b| a.path.cmp(&b.path));
    Run {
        sources,
        diagnostics,
        ..Default::default()
    }
}

/// Snapshots live in tests/snapshots, named `formats_<format>.snap`.
fn snapshot(format: Format, text: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    // The crate version (SARIF's tool.driver.version) must not churn the snapshot on every release.
    settings.add_filter(
        &format!("\"{}\"", regex::escape(env!("CARGO_PKG_VERSION"))),
        "\"[crate version]\"",
    );
    // SARIF's %SRCROOT% is this checkout's absolute path, which differs per machine.
    settings.add_filter(
        &format!("\"file://{}/\"", regex::escape(env!("CARGO_MANIFEST_DIR"))),
        "\"file://[checkout]/\"",
    );
    settings.bind(|| insta::assert_snapshot!(format!("formats_{}", format.name()), text));
}

#[test]
fn every_format_snapshot() {
    let run = own_run();
    for format in Format::ALL {
        snapshot(format, &render(format, &run));
    }
}

#[test]
fn own_pages_validate_too() {
    let run = own_run();
    let json: Value = serde_json::from_str(&render(Format::Json, &run)).unwrap();
    let schema = load_json(concat!(env!("CARGO_MANIFEST_DIR"), "/grammar/diagnostics.schema.json"));
    assert_eq!(schema_errors(&schema, &json), Vec::<String>::new());
    let sarif: Value = serde_json::from_str(&render(Format::Sarif, &run)).unwrap();
    let schema = load_json(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/schemas/sarif-2.1.0.json"
    ));
    assert_eq!(schema_errors(&schema, &sarif), Vec::<String>::new());
    assert_eq!(
        render(Format::Concise, &run),
        "\
job-families/widget-engineer.md:3:66: error[typo] `relys` is not a word
job-families/widget-engineer.md:9:1: warning[missing-reports-to] level `Senior Widget Engineer` does not say whom it reports to
job-families/widget-engineer.md:15:13: info[curly-quotes] curly quotes around a term
job-families/widget-engineer.md:16:16: error[typo] `reliabilty` is not a word
job-families/widget-engineer.md:22:22: warning[divergent-table] this copy of the Team | Focus table links elsewhere than its other copy
Found 2 errors, 2 warnings and 1 info in 3 files.
"
    );
}

/// A related place far away in the same file gets a snippet of its own: the human output never
/// prints every line between it and the finding.
#[test]
fn distant_related_place_in_the_same_file_is_its_own_snippet() {
    let mut text = String::from("## Levels\n\n");
    for i in 0..30 {
        text.push_str(&format!("Filler line number {i}.\n"));
    }
    text.push_str("\n### Performance Notes\n");
    let sources = vec![SourceFile::from_text("far.md", &text, false)];
    let path: Arc<str> = Arc::from("far.md");
    let diagnostic = Diagnostic::new(
        "misplaced-section",
        Severity::Warning,
        path.clone(),
        find(&sources, "far.md", "### Performance Notes", 0),
        "sits at level depth",
    )
    .with_related(path, find(&sources, "far.md", "## Levels", 0), "the Levels section");
    let run = Run {
        sources,
        diagnostics: vec![diagnostic],
        ..Default::default()
    };
    let out = render(Format::Human, &run);
    assert!(!out.contains("Filler line number 15"), "{out}");
    assert!(out.contains("far.md:34:1") && out.contains("far.md:1:1"), "{out}");
}
