//! `lint_reading_back` drops each page's text after its per-page checks and the report reads the
//! files back: the reports must equal those of a run that kept every text, and a file changed
//! between the check and the report must not be shown with another text's lines.

use rolelint::report::{self, Format, ReportOptions};
use rolelint::{Settings, lint, lint_reading_back};
use std::path::PathBuf;

fn shared(dir: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/")).join(dir)
}

fn settings(paths: Vec<PathBuf>) -> Settings {
    Settings {
        paths,
        ..Default::default()
    }
}

#[test]
fn reports_read_back_equal_reports_of_kept_texts() {
    let settings = settings(vec![shared("seeds"), shared("corpus")]);
    let kept = lint(&settings);
    let dropped = lint_reading_back(&settings);
    assert!(kept.sources.iter().all(|s| s.dropped.is_none()));
    let gone = dropped.sources.iter().filter(|s| s.dropped.is_some()).count();
    assert!(
        gone * 2 > dropped.sources.len(),
        "{gone} of {} dropped",
        dropped.sources.len()
    );
    assert!(dropped.sources.iter().all(|s| s.dropped.is_none() || s.text.is_empty()));
    assert!(!kept.diagnostics.is_empty());
    for format in [Format::Concise, Format::Json, Format::Human, Format::Sarif] {
        let options = ReportOptions::plain();
        assert_eq!(
            report::render(format, &dropped, &options),
            report::render(format, &kept, &options),
            "{format:?}"
        );
    }
}

#[test]
fn a_file_changed_before_the_report_keeps_its_lines_and_shows_no_snippet() {
    let dir = std::env::temp_dir().join(format!("rolelint-read-back-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("page.md");
    std::fs::write(
        &page,
        "---\ntitle: Backend Engineer\n---\n\n# Backend Engineer\n\nSee [the handbook](/handbook/)and more.\n",
    )
    .unwrap();
    let settings = settings(vec![dir.clone()]);
    let expected = report::render(Format::Concise, &lint(&settings), &ReportOptions::plain());
    assert!(expected.contains("glued to the next word `and`"), "{expected}");
    let run = lint_reading_back(&settings);
    assert!(run.sources.iter().all(|s| s.dropped.is_some()));
    std::fs::write(&page, "CHANGED\n".repeat(20)).unwrap();
    // Lines and (byte) columns of ASCII text are those of the text checked.
    assert_eq!(report::render(Format::Concise, &run, &ReportOptions::plain()), expected);
    let human = report::render(Format::Human, &run, &ReportOptions::plain());
    assert!(human.contains("glued to the next word"), "{human}");
    assert!(!human.contains("CHANGED") && !human.contains("the handbook"), "{human}");
    std::fs::remove_dir_all(&dir).unwrap();
}
