//! `[ladder] csv = "…"`: a repository's grade ladder read from a CSV export of a job-levels sheet,
//! end to end through the command line.

use assert_cmd::Command;
use std::fs;

const PAGE: &str = "---\ntitle: Widget Analyst\ndescription: Widget Analysts keep the widget catalogue accurate.\n---\n\n## Levels\n\n### Staff Widget Analyst\n\nThe Staff Widget Analyst is a grade 9.\n\n### Principal Widget Analyst\n\nThe Principal Widget Analyst is a grade 10.\n";

fn tree(csv: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("rolelint.toml"), "[ladder]\ncsv = \"levels.csv\"\n").unwrap();
    fs::write(dir.path().join("widget-analyst.md"), PAGE).unwrap();
    if let Some(csv) = csv {
        fs::write(dir.path().join("levels.csv"), csv).unwrap();
    }
    dir
}

fn check(dir: &tempfile::TempDir) -> (i32, String, String) {
    let out = Command::cargo_bin("rolelint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--select", "grade-mismatch", "--format", "concise", "."])
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_sheet_gives_grades_by_title_and_by_level() {
    let dir = tree(Some(
        "Job Code,Title,Level,Grade,Ladder\nW-1,Staff Widget Analyst,,8,\nW-2,,Principal,10,default\n",
    ));
    let (code, out, err) = check(&dir);
    assert_eq!(code, 1, "{err}");
    let lines: Vec<&str> = out.lines().filter(|l| l.contains("grade-mismatch")).collect();
    assert_eq!(
        lines,
        [
            "widget-analyst.md:10:37: error[grade-mismatch] `Staff Widget Analyst` is grade 9, but the ladder gives staff levels grade 8"
        ]
    );
}

#[test]
fn a_broken_sheet_is_an_error_naming_file_and_line() {
    for (csv, want) in [
        (
            "Title,Grade\nStaff Widget Analyst,8\nPrincipal Widget Analyst,ten\n",
            "levels.csv:3:1: grade: `ten` is not a grade",
        ),
        (
            "Title,Level,Grade\n,boss,9\n",
            "levels.csv:2:1: level: `boss` is not a level name",
        ),
        (
            "Title,Grade,Ladder\nStaff Widget Analyst,8,widgets\n",
            "levels.csv:2:1: ladder: no ladder is named `widgets`",
        ),
        (
            "Title,Level\nStaff Widget Analyst,staff\n",
            "levels.csv:1:1: header: the first line names no `grade` column",
        ),
    ] {
        let (code, _, err) = check(&tree(Some(csv)));
        assert_eq!(code, 2, "{csv}");
        assert!(err.contains(want), "{csv}: {err}");
    }
    let (code, _, err) = check(&tree(None));
    assert_eq!(code, 2);
    assert!(
        err.contains("rolelint.toml:2:7: ladder.csv: cannot read the ladder sheet"),
        "{err}"
    );
}
