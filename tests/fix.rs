//! `--fix` and `--diff` on real pages in temporary trees: bytes kept (BOM, CRLF, final newline,
//! permissions), idempotence, nothing written by `--diff`, nothing written outside the linted
//! paths or through a symlink, and stdin fixed to stdout.

use assert_cmd::Command;
use std::fs;
use std::path::{Path, PathBuf};

/// A page with one misspelling (safe fix) and one repeated word (safe fix), on line 7.
const PAGE: &str = "---\ntitle: \"Data Engineer\"\ndescription: \"Moves data.\"\n---\n\n## Data Engineer\n\nYou will recieve requests and the the answers.\n";
const FIXED: &str = "---\ntitle: \"Data Engineer\"\ndescription: \"Moves data.\"\n---\n\n## Data Engineer\n\nYou will receive requests and the answers.\n";

fn rolelint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("rolelint").unwrap();
    cmd.current_dir(dir).env_remove("ROLELINT_FORMAT");
    cmd
}

fn tree(pages: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, bytes) in pages {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
    dir
}

fn crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

#[test]
fn fix_keeps_bom_crlf_and_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let bytes = [b"\xEF\xBB\xBF".as_slice(), crlf(PAGE).as_bytes()].concat();
    let dir = tree(&[("jobs/data/index.html.md", &bytes)]);
    let page = dir.path().join("jobs/data/index.html.md");
    fs::set_permissions(&page, fs::Permissions::from_mode(0o640)).unwrap();

    let out = rolelint(dir.path())
        .args(["check", "--fix", "--format", "concise", "jobs"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "All checks passed on 1 file.\n");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "Fixed 2 finding(s) in 1 file(s).\n"
    );

    let want = [b"\xEF\xBB\xBF".as_slice(), crlf(FIXED).as_bytes()].concat();
    assert_eq!(fs::read(&page).unwrap(), want);
    assert_eq!(fs::metadata(&page).unwrap().permissions().mode() & 0o777, 0o640);
    // The temporary file was renamed over the page: nothing else is left in the folder.
    let names: Vec<_> = fs::read_dir(page.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["index.html.md"]);
}

#[test]
fn fix_keeps_a_missing_final_newline() {
    let text = PAGE.trim_end_matches('\n');
    let dir = tree(&[("p/index.html.md", text.as_bytes())]);
    rolelint(dir.path()).args(["check", "--fix", "p"]).assert().code(0);
    let got = fs::read_to_string(dir.path().join("p/index.html.md")).unwrap();
    assert_eq!(got, FIXED.trim_end_matches('\n'));
}

#[test]
fn second_fix_changes_nothing() {
    let dir = tree(&[
        ("p/index.html.md", PAGE.as_bytes()),
        ("q/index.html.md", PAGE.as_bytes()),
    ]);
    rolelint(dir.path()).args(["check", "--fix", "."]).assert().code(0);
    let after_first = fs::read(dir.path().join("q/index.html.md")).unwrap();
    let modified = fs::metadata(dir.path().join("q/index.html.md"))
        .unwrap()
        .modified()
        .unwrap();
    let out = rolelint(dir.path()).args(["check", "--fix", "."]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "",
        "nothing fixed the second time"
    );
    assert_eq!(fs::read(dir.path().join("q/index.html.md")).unwrap(), after_first);
    assert_eq!(
        fs::metadata(dir.path().join("q/index.html.md"))
            .unwrap()
            .modified()
            .unwrap(),
        modified,
        "an unchanged page is not rewritten"
    );
    let out = rolelint(dir.path()).args(["check", "--diff", "."]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
}

#[test]
fn a_run_of_repeats_collapses_to_one_word() {
    let text = PAGE.replace("the the answers", "the the the answers");
    let dir = tree(&[("p/index.html.md", text.as_bytes())]);
    rolelint(dir.path()).args(["check", "--fix", "p"]).assert().code(0);
    assert_eq!(fs::read_to_string(dir.path().join("p/index.html.md")).unwrap(), FIXED);
}

#[test]
fn diff_prints_a_unified_diff_and_writes_nothing() {
    let dir = tree(&[("p/index.html.md", PAGE.as_bytes())]);
    let out = rolelint(dir.path()).args(["check", "--diff", "p"]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "ruff's --diff: 1 when something would change"
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "--- a/p/index.html.md\n+++ b/p/index.html.md\n@@ -5,4 +5,4 @@\n \n ## Data Engineer\n \n\
         -You will recieve requests and the the answers.\n+You will receive requests and the answers.\n"
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "Would fix 2 finding(s) in 1 file(s).\n"
    );
    assert_eq!(fs::read_to_string(dir.path().join("p/index.html.md")).unwrap(), PAGE);
    rolelint(dir.path())
        .args(["check", "--diff", "--exit-zero", "p"])
        .assert()
        .code(0);
}

#[test]
fn diff_and_fix_conflict() {
    let dir = tree(&[("p/index.html.md", PAGE.as_bytes())]);
    rolelint(dir.path())
        .args(["check", "--diff", "--fix", "p"])
        .assert()
        .code(2);
    assert_eq!(fs::read_to_string(dir.path().join("p/index.html.md")).unwrap(), PAGE);
}

#[test]
fn files_outside_the_linted_paths_are_never_written() {
    let dir = tree(&[
        ("tree/a/index.html.md", PAGE.as_bytes()),
        ("outside/index.html.md", PAGE.as_bytes()),
    ]);
    // A symlink inside the tree to a page outside it: the walk does not follow it, and naming it
    // explicitly is refused rather than writing through it.
    let link = dir.path().join("tree/link.md");
    std::os::unix::fs::symlink(dir.path().join("outside/index.html.md"), &link).unwrap();
    rolelint(dir.path()).args(["check", "--fix", "tree"]).assert().code(0);
    assert_eq!(
        fs::read_to_string(dir.path().join("tree/a/index.html.md")).unwrap(),
        FIXED
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("outside/index.html.md")).unwrap(),
        PAGE
    );

    let out = rolelint(dir.path())
        .args(["check", "--fix", "tree/link.md"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "a page that could not be fixed fails the run"
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("tree/link.md: not fixed: it is a symbolic link"),
        "{out:?}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("outside/index.html.md")).unwrap(),
        PAGE
    );
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
}

#[test]
fn roots_bound_every_write() {
    use rolelint::fix::write::Roots;
    let dir = tree(&[("tree/a.md", b"x"), ("other/b.md", b"x")]);
    let root = dir.path().join("tree");
    let roots = Roots::new(std::slice::from_ref(&root));
    let canon = |p: PathBuf| fs::canonicalize(p).unwrap();
    assert!(roots.contain(&canon(root.join("a.md"))));
    assert!(!roots.contain(&canon(dir.path().join("other/b.md"))));
    // `..` is resolved before the test: tree/../other is outside.
    assert!(!roots.contain(&canon(root.join("../other/b.md"))));
    // A file root contains only itself.
    let file_root = Roots::new(&[root.join("a.md")]);
    assert!(file_root.contain(&canon(root.join("a.md"))));
    assert!(!file_root.contain(&canon(dir.path().join("other/b.md"))));
}

#[test]
fn stdin_is_fixed_to_stdout_and_nothing_is_written() {
    let dir = tree(&[("p/index.html.md", PAGE.as_bytes())]);
    let out = rolelint(dir.path())
        .args(["check", "--fix", "--stdin-filename", "p/index.html.md"])
        .write_stdin(PAGE)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), FIXED);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "All checks passed on 1 file.\n");
    assert_eq!(fs::read_to_string(dir.path().join("p/index.html.md")).unwrap(), PAGE);
}

#[test]
fn remaining_findings_are_reported_after_fixing() {
    // `missing-description` has no fix: it stays, and fails nothing (a warning).
    let text = PAGE.replace("description: \"Moves data.\"\n", "");
    let dir = tree(&[("p/index.html.md", text.as_bytes())]);
    let out = rolelint(dir.path())
        .args(["check", "--fix", "--format", "concise", "p"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "p/index.html.md:1:1: warning[missing-description] the front matter has no `description`\n\
         Found 1 warning in 1 file.\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("p/index.html.md")).unwrap(),
        FIXED.replace("description: \"Moves data.\"\n", "")
    );
}
