//! `lint_reading_back` drops each page's text after its per-page checks and the report reads the
//! files back: the reports must equal those of a run that kept every text, and a file changed
//! between the check and the report must not be shown with another text's lines. Reports built
//! in parallel must equal their findings rendered one at a time.

use rolelint::report::{self, Format, ReportOptions};
use rolelint::{Run, Settings, lint, lint_reading_back};
use std::collections::HashSet;
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

/// Our fixtures hold a case of every check, among them what the corpus-wide checks read of a
/// page's text once it is dropped: the role titles of the title-word check (level headings,
/// grade sentences, grade-table rows, Mermaid nodes; they were once read from the dropped text,
/// so a page without a Mermaid graph lost its slips).
#[test]
fn fixtures_and_2024_pages_read_back_give_the_findings_of_kept_texts() {
    let fixtures = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures"));
    let settings = settings(vec![fixtures, shared("corpus-2024")]);
    let kept = report::render(Format::Concise, &lint(&settings), &ReportOptions::plain());
    let dropped_run = lint_reading_back(&settings);
    let titles = dropped_run
        .sources
        .iter()
        .find(|s| s.path.ends_with("typo/titles-officer.md"))
        .unwrap();
    assert!(titles.dropped.is_some(), "the page without a graph drops its text");
    let dropped = report::render(Format::Concise, &dropped_run, &ReportOptions::plain());
    assert!(
        dropped.contains("titles-officer.md:19:3: error[typo] `Principle` in a role title"),
        "{dropped}"
    );
    assert_eq!(dropped, kept);
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
    let before = lint(&settings);
    let expected = report::render(Format::Concise, &before, &ReportOptions::plain());
    let expected_json = report::render(Format::Json, &before, &ReportOptions::plain());
    assert!(expected.contains("glued to the next word `and`"), "{expected}");
    let run = lint_reading_back(&settings);
    assert!(run.sources.iter().all(|s| s.dropped.is_some()));
    std::fs::write(&page, "CHANGED\n".repeat(20)).unwrap();
    // Lines and (byte) columns of ASCII text are those of the text checked.
    assert_eq!(report::render(Format::Concise, &run, &ReportOptions::plain()), expected);
    // The JSON report locates the fix's edit as well, from the same kept line starts.
    let json = report::render(Format::Json, &run, &ReportOptions::plain());
    assert!(json.contains("\"edits\""), "{json}");
    assert_eq!(json, expected_json);
    let human = report::render(Format::Human, &run, &ReportOptions::plain());
    assert!(human.contains("glued to the next word"), "{human}");
    assert!(!human.contains("CHANGED") && !human.contains("the handbook"), "{human}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// What a run shows whatever its reporters: read errors, configuration errors and findings.
fn shown(run: &rolelint::Run) -> (Vec<String>, Vec<String>, String) {
    (
        run.errors.iter().map(|e| e.to_string()).collect(),
        run.config_errors.iter().map(|e| e.to_string()).collect(),
        report::render(Format::Concise, run, &ReportOptions::plain()),
    )
}

#[test]
fn pages_read_on_their_turn_give_the_errors_of_pages_read_first_in_the_same_order() {
    let dir = tempfile::tempdir().unwrap();
    let page = "---\ntitle: Backend Engineer\n---\n\n# Backend Engineer\n\nThe the handbook.\n";
    std::fs::create_dir_all(dir.path().join("a/broken")).unwrap();
    std::fs::create_dir_all(dir.path().join("b")).unwrap();
    std::fs::write(dir.path().join("a/one.md"), page).unwrap();
    std::fs::write(dir.path().join("a/two.md"), b"# T\n\xff\n").unwrap();
    std::fs::write(dir.path().join("b/three.md"), b"x\0y").unwrap();
    std::fs::write(dir.path().join("b/four.md"), page).unwrap();
    // A broken configuration that governs only a page that cannot be read is not in force.
    std::fs::write(dir.path().join("a/broken/rolelint.toml"), "select = [").unwrap();
    std::fs::write(dir.path().join("a/broken/five.md"), b"\xfe").unwrap();
    let settings = settings(vec![dir.path().join("b"), dir.path().join("a")]);
    let kept = lint(&settings);
    let read_once = lint_reading_back(&settings);
    assert_eq!(kept.errors.len(), 3, "{:?}", kept.errors);
    assert!(kept.config_errors.is_empty());
    assert!(read_once.sources.iter().all(|s| s.dropped.is_some()));
    assert_eq!(shown(&read_once), shown(&kept));
    assert_eq!(
        read_once
            .sources
            .iter()
            .map(|s| s.path.rsplit('/').next().unwrap_or_default())
            .collect::<Vec<_>>(),
        ["one.md", "four.md"]
    );

    // Once that configuration governs a page that can be read, it stops every check.
    std::fs::write(dir.path().join("a/broken/six.md"), page).unwrap();
    let kept = lint(&settings);
    assert_eq!(kept.config_errors.len(), 1);
    assert!(kept.diagnostics.is_empty());
    assert_eq!(shown(&lint_reading_back(&settings)), shown(&kept));

    // A page that cannot be read as context is left out silently either way.
    let context = Settings {
        paths: vec![dir.path().join("a/one.md")],
        context: vec![dir.path().to_path_buf()],
        ..Default::default()
    };
    std::fs::remove_file(dir.path().join("a/broken/rolelint.toml")).unwrap();
    let kept = lint(&context);
    assert!(kept.errors.is_empty() && !kept.diagnostics.is_empty());
    assert_eq!(shown(&lint_reading_back(&context)), shown(&kept));
}

/// `run` narrowed to its `i`-th finding (in report order) and the pages that finding shows.
fn alone(run: &Run, i: usize) -> Run {
    let mut ordered: Vec<_> = run.diagnostics.iter().collect();
    ordered.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let d = ordered[i].clone();
    let shown: HashSet<&str> = std::iter::once(&*d.path)
        .chain(d.related.iter().map(|r| &*r.path))
        .collect();
    let keep = |s: &&rolelint::read::SourceFile| shown.contains(&*s.path);
    Run {
        sources: run.sources.iter().filter(keep).cloned().collect(),
        context: run.context.iter().filter(keep).cloned().collect(),
        diagnostics: vec![d],
        ..Run::default()
    }
}

/// Each test case of a JUnit report as (class, name, what its failure or output says).
fn cases(xml: &str) -> Vec<(String, String, String)> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .map(|n| {
            let said: String = n.descendants().filter_map(|c| c.text()).collect();
            let attr = |a| n.attribute(a).unwrap_or_default().to_owned();
            (attr("classname"), attr("name"), said)
        })
        .collect()
}

/// The human and JUnit reports are built in parallel, a batch or a page at a time: on a run with
/// more findings than one batch (512), every finding must still come out whole, once, in report
/// order. The references render each finding, or each page, alone.
#[test]
fn parallel_human_and_junit_reports_equal_findings_and_pages_rendered_alone_in_order() {
    let run = lint(&settings(vec![shared("seeds"), shared("corpus")]));
    assert!(run.diagnostics.len() > 512, "{} findings", run.diagnostics.len());
    let options = ReportOptions::plain();

    let whole = report::render(Format::Human, &run, &options);
    let (body, summary) = whole.trim_end_matches('\n').rsplit_once('\n').unwrap();
    assert!(summary.starts_with("Found "), "{summary}");
    let mut expected = String::new();
    for i in 0..run.diagnostics.len() {
        let one = report::render(Format::Human, &alone(&run, i), &options);
        let (finding, _) = one.trim_end_matches('\n').rsplit_once('\n').unwrap();
        expected.push_str(finding);
        expected.push('\n');
    }
    assert_eq!(format!("{body}\n"), expected);

    let whole = cases(&report::render(Format::Junit, &run, &options));
    let mut expected = Vec::new();
    for source in &run.sources {
        let page = Run {
            sources: vec![source.clone()],
            diagnostics: run
                .diagnostics
                .iter()
                .filter(|d| d.path == source.path)
                .cloned()
                .collect(),
            ..Run::default()
        };
        expected.extend(cases(&report::render(Format::Junit, &page, &options)));
    }
    assert!(whole.len() > run.sources.len(), "{} cases", whole.len());
    assert_eq!(whole, expected);
}
