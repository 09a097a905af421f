//! `missing-title` and `missing-description`: where they point and what they say, with and
//! without a front matter block.

use rolelint::diagnostic::Diagnostic;
use rolelint::read::SourceFile;
use rolelint::span::LineIndex;
use std::path::PathBuf;

/// `line:column rule: message` and the reported text of every front-matter finding on `text`.
fn findings(text: &str) -> Vec<(String, String, Option<String>)> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.md");
    std::fs::write(&path, text).unwrap();
    let run = rolelint::lint(&rolelint::Settings {
        paths: vec![PathBuf::from(&path)],
        select: vec!["missing-title".into(), "missing-description".into()],
        ..Default::default()
    });
    let source: &SourceFile = &run.sources[0];
    let index = LineIndex::new(&source.text);
    run.diagnostics
        .iter()
        .map(|d: &Diagnostic| {
            let p = index.position(&source.text, d.span.start as usize);
            (
                format!("{}:{} {}: {}", p.line, p.column, d.rule, d.message),
                source.text[d.span.range()].to_owned(),
                d.help.clone(),
            )
        })
        .collect()
}

#[test]
fn a_missing_key_points_at_the_opening_fence_line_only() {
    let found = findings("---\ndescription: Keeps widgets running.\n---\n\nBody.\n");
    assert_eq!(
        found,
        [(
            "1:1 missing-title: the front matter has no `title`".to_owned(),
            "---".to_owned(),
            Some("add `title: <job family name>` between the `---` lines at the top of the page".to_owned()),
        )]
    );
    let found = findings("---\r\ntitle: Widget Engineer\r\n---\r\n\r\nBody.\r\n");
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].0,
        "1:1 missing-description: the front matter has no `description`"
    );
    assert_eq!(found[0].1, "---");
}

#[test]
fn a_page_without_front_matter_gets_one_finding_that_says_so() {
    let found = findings("## Widget Engineer\n\nBuilds widgets.\n");
    assert_eq!(found.len(), 1, "{found:?}");
    let (at, text, help) = &found[0];
    assert_eq!(
        at,
        "1:1 missing-title: the page has no front matter, so it has no `title`"
    );
    assert_eq!(text, "");
    assert!(
        help.as_deref()
            .unwrap()
            .starts_with("start the page with a front matter block: a line `---`")
    );
}

#[test]
fn a_complete_front_matter_gives_nothing() {
    assert!(findings("---\ntitle: Widget Engineer\ndescription: Builds widgets.\n---\n").is_empty());
}
