//! Structure checks. `malformed-list-item`: messages and fixes on its fixture, the fixed page parses
//! as a list, and the seed is its only finding; `empty-section`: messages, and its corpus finding.

use rolelint::diagnostic::{Applicability, fix};
use rolelint::read::SourceFile;
use rolelint::span::LineIndex;
use std::path::PathBuf;

const ID: &str = "malformed-list-item";
const FAIL: &str = "fixtures/checks/malformed-list-item/fail.md";

fn lint(paths: Vec<PathBuf>) -> rolelint::Run {
    rolelint::lint(&rolelint::Settings {
        paths,
        select: vec![ID.into()],
        ..Default::default()
    })
}

#[test]
fn findings_name_the_glued_word_and_insert_the_space_safely() {
    let run = lint(vec![FAIL.into()]);
    let text = &run.sources[0].text;
    let index = LineIndex::new(text);
    let got: Vec<String> = run
        .diagnostics
        .iter()
        .map(|d| {
            let p = index.position(text, d.span.start as usize);
            let fix = d.fix.as_ref().unwrap();
            assert_eq!(fix.applicability, Applicability::Safe);
            assert_eq!(fix.edits.len(), 1);
            assert_eq!(fix.edits[0].replacement, " ");
            assert_eq!(fix.edits[0].span.start, d.span.end);
            assert!(fix.edits[0].span.is_empty());
            format!("{}:{} `{}` {}", p.line, p.column, &text[d.span.range()], d.message)
        })
        .collect();
    assert_eq!(
        got,
        [
            "9:1 `-` `-Leads` is joined onto the list item above: a list marker needs a space after it",
            "13:1 `-` `-Five` is not a list item: a list marker needs a space after it",
            "15:1 `*` `*Knows` is not a list item: a list marker needs a space after it",
            "16:1 `*` `*Writes` is not a list item: a list marker needs a space after it",
            "19:1 `2.` `2.Tests` is joined onto the list item above: a list marker needs a space after it",
            "22:3 `+` `+Nested` is joined onto the list item above: a list marker needs a space after it",
            "26:1 `-` `-Mentors` is not a list item: a list marker needs a space after it",
            "30:3 `-` `-Second` is not a list item: a list marker needs a space after it",
        ]
    );
    assert_eq!(run.diagnostics[0].help.as_deref(), Some("write `- Leads`"));
}

#[test]
fn the_fixed_page_has_every_line_as_a_list_item_and_no_findings() {
    let run = lint(vec![FAIL.into()]);
    let text = &run.sources[0].text;
    let fixes: Vec<_> = run.diagnostics.iter().filter_map(|d| d.fix.as_ref()).collect();
    let (fixed, applied) = fix::apply(text, &fixes);
    assert_eq!(applied, 8);
    let before = rolelint::parse::parse(&SourceFile::from_text("fail.md", text, false));
    let after = rolelint::parse::parse(&SourceFile::from_text("fail.md", &fixed, false));
    assert_eq!(after.list_items.len(), before.list_items.len() + 8);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fixed.md");
    std::fs::write(&path, &fixed).unwrap();
    assert!(lint(vec![path]).diagnostics.is_empty());
}

#[test]
fn on_the_seeds_and_the_corpus_only_the_seeds_glued_item_is_flagged() {
    let shared = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared");
    let run = lint(vec![
        format!("{shared}/seeds").into(),
        format!("{shared}/corpus").into(),
    ]);
    let found: Vec<String> = run
        .diagnostics
        .iter()
        .map(|d| {
            let source = run.sources.iter().find(|s| s.path == d.path).unwrap();
            let p = LineIndex::new(&source.text).position(&source.text, d.span.start as usize);
            format!("{}:{}:{}", d.path.rsplit('/').next().unwrap(), p.line, p.column)
        })
        .collect();
    assert_eq!(found, ["004_c4472a5308827cac.md:333:1"]);
}

#[test]
fn empty_level_sections_say_what_to_write() {
    let run = rolelint::lint(&rolelint::Settings {
        paths: vec!["fixtures/checks/empty-section/fail.md".into()],
        select: vec!["empty-section".into()],
        ..Default::default()
    });
    let got: Vec<(&str, Option<&str>)> = run
        .diagnostics
        .iter()
        .map(|d| (d.message.as_str(), d.help.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "`Staff Widget Engineer Requirements` has nothing under it",
                Some("write the requirements of `Staff Widget Engineer` under this heading, or remove the heading")
            ),
            (
                "`Principal Widget Engineer Responsibilities` has nothing under it",
                Some(
                    "write the responsibilities of `Principal Widget Engineer` under this heading, or remove the heading"
                )
            ),
            (
                "`Senior Widget Engineer Job Grade` has nothing under it",
                Some(
                    "state the grade under this heading (\"The Senior Widget Engineer is a grade N.\"), or remove the heading"
                )
            ),
        ]
    );
}

#[test]
fn on_the_seeds_and_the_corpus_only_the_empty_cto_requirements_are_flagged() {
    let shared = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared");
    let run = rolelint::lint(&rolelint::Settings {
        paths: vec![format!("{shared}/seeds").into(), format!("{shared}/corpus").into()],
        select: vec!["empty-section".into()],
        ..Default::default()
    });
    let found: Vec<String> = run
        .diagnostics
        .iter()
        .map(|d| {
            let source = run.sources.iter().find(|s| s.path == d.path).unwrap();
            let p = LineIndex::new(&source.text).position(&source.text, d.span.start as usize);
            format!(
                "{}:{}:{}",
                d.path.split("/job-families/").last().unwrap(),
                p.line,
                p.column
            )
        })
        .collect();
    assert_eq!(found, ["engineering/engineering-management/index.html.md:293:6"]);
}
