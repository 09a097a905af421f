//! `--stdin-filename PATH`: an editor's buffer linted as if it were at PATH, with the pages
//! around it on disk as context, reporting on the buffer only.

#[path = "common/pages.rs"]
mod pages;

use assert_cmd::Command;
use pages::{GADGET, WIDGET};
use std::path::Path;

/// The gadget page is clean on disk; the buffers below break it.
fn handbook(config: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in [
        ("job-families/widget/index.html.md", WIDGET),
        ("job-families/gadget/index.html.md", GADGET),
    ] {
        let file = dir.path().join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }
    if config {
        std::fs::write(dir.path().join("rolelint.toml"), "").unwrap();
    }
    dir
}

fn lint_buffer(dir: &Path, name: &str, buffer: &str) -> (i32, String) {
    let out = Command::cargo_bin("rolelint")
        .unwrap()
        .current_dir(dir)
        .args(["check", "--format", "concise", "--stdin-filename", name])
        .write_stdin(buffer)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap())
}

fn broken_buffer() -> String {
    GADGET
        .replace("#senior-widget-engineer", "#staff-widget-engineer")
        .replace("Discovery team", "Search team")
}

#[test]
fn cross_page_checks_see_the_tree_and_only_the_buffer_is_reported() {
    let dir = handbook(true);
    let (code, stdout) = lint_buffer(dir.path(), "job-families/gadget/index.html.md", &broken_buffer());
    assert_eq!(code, 1);
    // The anchor is checked against the widget page on disk, and the table against its copy
    // there; the widget page's own side of the table finding is not reported.
    assert_eq!(
        stdout,
        "job-families/gadget/index.html.md:10:42: error[broken-link] fragment `#staff-widget-engineer` is not an \
         anchor of `/job-families/widget/`\n\
         job-families/gadget/index.html.md:15:12: error[divergent-table] table cell differs from its copy in \
         ./job-families/widget/index.html.md, which has `Discovery team`\n\
         Found 2 errors in 1 file.\n"
    );
}

#[test]
fn the_buffer_replaces_the_file_on_disk() {
    let dir = handbook(true);
    let (code, stdout) = lint_buffer(dir.path(), "job-families/gadget/index.html.md", GADGET);
    assert_eq!((code, stdout.as_str()), (0, "All checks passed on 1 file.\n"));
}

#[test]
fn from_a_subdirectory_paths_become_absolute_and_context_still_works() {
    let dir = handbook(true);
    let root = dir.path().canonicalize().unwrap();
    let (code, stdout) = lint_buffer(&root.join("job-families"), "gadget/index.html.md", &broken_buffer());
    assert_eq!(code, 1);
    let page = root.join("job-families/gadget/index.html.md");
    assert!(
        stdout.starts_with(&format!(
            "{}:10:42: error[broken-link] fragment `#staff-widget-engineer` is not an anchor",
            page.display()
        )),
        "{stdout}"
    );
    assert!(stdout.ends_with("Found 2 errors in 1 file.\n"), "{stdout}");
}

#[test]
fn without_a_config_or_git_repository_there_is_no_context() {
    let dir = handbook(false);
    let (code, stdout) = lint_buffer(dir.path(), "job-families/gadget/index.html.md", &broken_buffer());
    // Alone, the page cannot know whether the widget page exists (the link leaves the linted
    // tree): it is unverifiable, not broken; and there is no copy of its table to compare with.
    assert_eq!(code, 0, "{stdout}");
    assert_eq!(
        stdout,
        "All checks passed on 1 file. 1 link could not be verified: its target is outside the linted files \
         (--strict-links reports them).\n"
    );
}

#[test]
fn context_flag_does_the_same_for_files_named_on_the_command_line() {
    let dir = handbook(true);
    std::fs::write(dir.path().join("job-families/gadget/index.html.md"), broken_buffer()).unwrap();
    let out = Command::cargo_bin("rolelint")
        .unwrap()
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "concise",
            "--context",
            "job-families/gadget/index.html.md",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout.ends_with("Found 2 errors in 1 file.\n"), "{stdout}");
    assert!(!stdout.contains("widget/index.html.md:"), "{stdout}");
}
