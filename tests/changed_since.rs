//! `--changed-since REF`: the pages a branch changed, with the whole tree as context, plus the
//! findings the change caused on pages it did not touch.

#[path = "common/git.rs"]
mod git;
#[path = "common/pages.rs"]
mod pages;

use assert_cmd::Command;
use git::git;
use pages::{GADGET, WIDGET};
use std::path::Path;

/// An old defect on a page no branch touches: never reported by `--changed-since`.
const LEGACY: &str = "---\ntitle: Legacy Engineer\ndescription: An old page.\n---\n\nSee [nothing](#nowhere).\n";

fn write(dir: &Path, path: &str, text: &str) {
    let file = dir.join(path);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(file, text).unwrap();
}

/// A repository with the three pages on `main`, and a branch `feature` checked out.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q", "-b", "main"]);
    write(d, "job-families/widget/index.html.md", WIDGET);
    write(d, "job-families/gadget/index.html.md", GADGET);
    write(d, "job-families/legacy/index.html.md", LEGACY);
    git(d, &["add", "-A"]);
    git(d, &["commit", "-q", "-m", "base"]);
    git(d, &["checkout", "-q", "-b", "feature"]);
    dir
}

fn changed_since(dir: &Path, reference: &str) -> (i32, String, String) {
    changed_since_with(dir, reference, &[])
}

fn changed_since_with(dir: &Path, reference: &str, more: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("rolelint")
        .unwrap()
        .current_dir(dir)
        .args(["check", "--format", "concise", "--changed-since", reference])
        .args(more)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn stderr_counts(stderr: &str) -> &str {
    // "rolelint: 1 changed page since <sha> (merge base with main); 1 finding on unchanged …"
    stderr.split_once(" since ").map_or(stderr, |(head, _)| head)
}

#[test]
fn a_renamed_level_reports_the_link_it_broke_on_an_unchanged_page() {
    let dir = repo();
    let d = dir.path();
    write(
        d,
        "job-families/widget/index.html.md",
        &WIDGET.replace("Senior Widget Engineer", "Senior Widget Specialist"),
    );
    git(d, &["commit", "-q", "-am", "rename a level"]);
    let (code, stdout, stderr) = changed_since(d, "main");
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        stdout,
        "job-families/gadget/index.html.md:10:42: error[broken-link] fragment `#senior-widget-engineer` is not an \
         anchor of `/job-families/widget/`\nFound 1 error in 2 files.\n"
    );
    assert_eq!(stderr_counts(&stderr), "rolelint: 1 changed page");
    assert!(
        stderr.ends_with("; 1 finding on unchanged pages caused by the change\n"),
        "{stderr}"
    );
}

#[test]
fn a_table_edited_in_one_copy_is_reported_on_both_and_old_defects_stay_quiet() {
    let dir = repo();
    let d = dir.path();
    write(
        d,
        "job-families/gadget/index.html.md",
        &GADGET.replace("Discovery team", "Search team"),
    );
    // Uncommitted on purpose: the working tree counts, as in `git diff $(git merge-base main HEAD)`.
    let (code, stdout, stderr) = changed_since(d, "main");
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        stdout,
        "job-families/gadget/index.html.md:15:12: error[divergent-table] table cell differs from its copy in \
         ./job-families/widget/index.html.md, which has `Discovery team`\n\
         job-families/widget/index.html.md:19:12: error[divergent-table] table cell differs from its copy in \
         ./job-families/gadget/index.html.md, which has `Search team`\n\
         Found 2 errors in 2 files.\n"
    );
    assert!(!stdout.contains("legacy"));
}

#[test]
fn merge_base_semantics_ignore_what_main_did_since_the_branch_point() {
    let dir = repo();
    let d = dir.path();
    git(d, &["checkout", "-q", "main"]);
    write(
        d,
        "job-families/legacy/index.html.md",
        &LEGACY.replace("#nowhere", "#nowhere-else"),
    );
    git(d, &["commit", "-q", "-am", "main moves on"]);
    git(d, &["checkout", "-q", "feature"]);
    let (code, stdout, stderr) = changed_since(d, "main");
    assert_eq!(
        (code, stdout.as_str()),
        (0, "All checks passed on 0 files.\n"),
        "{stderr}"
    );
    assert_eq!(stderr_counts(&stderr), "rolelint: 0 changed pages");
}

#[test]
fn a_deleted_page_breaks_links_to_it() {
    let dir = repo();
    let d = dir.path();
    git(d, &["rm", "-q", "job-families/widget/index.html.md"]);
    // With its folder gone the link is unverifiable rather than broken; --strict-links reports it.
    let (code, stdout, _) = changed_since_with(d, "main", &["--strict-links"]);
    assert_eq!(code, 1);
    assert!(
        stdout.starts_with("job-families/gadget/index.html.md:10:42: error[broken-link]"),
        "{stdout}"
    );
    assert!(!stdout.contains("legacy"), "{stdout}");
}

#[test]
fn outside_a_repository_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", LEGACY);
    let (code, stdout, stderr) = changed_since(dir.path(), "main");
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(
        stderr.starts_with("error: --changed-since main: `git rev-parse --show-toplevel` failed:"),
        "{stderr}"
    );
}

#[test]
fn a_renamed_page_breaks_links_to_it_and_the_help_gives_the_new_path() {
    let dir = repo();
    let d = dir.path();
    std::fs::create_dir_all(d.join("job-families/widgets")).unwrap();
    git(
        d,
        &[
            "mv",
            "job-families/widget/index.html.md",
            "job-families/widgets/index.html.md",
        ],
    );
    git(d, &["commit", "-q", "-m", "rename the widget page"]);
    let (code, _, stderr) = changed_since_with(d, "main", &["--format", "json=report.json", "--select", "broken-link"]);
    assert_eq!(code, 1, "{stderr}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("report.json")).unwrap()).unwrap();
    let text = json.to_string();
    assert!(
        text.contains("link target `/job-families/widget/#senior-widget-engineer` does not exist"),
        "{text}"
    );
    assert!(
        text.contains(
            "the change renamed `job-families/widget/index.html.md`: link `/job-families/widgets/#senior-widget-engineer` instead"
        ),
        "{text}"
    );
}

#[test]
fn a_deleted_page_under_the_linted_root_is_broken_without_strict_links() {
    let dir = repo();
    let d = dir.path();
    git(d, &["rm", "-q", "job-families/widget/index.html.md"]);
    let (code, stdout, _) = changed_since(d, "main");
    assert_eq!(code, 1);
    assert!(
        stdout.starts_with(
            "job-families/gadget/index.html.md:10:42: error[broken-link] link target \
             `/job-families/widget/#senior-widget-engineer` does not exist"
        ),
        "{stdout}"
    );
}
