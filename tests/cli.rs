//! The `check` command end to end: the exit-code table, output files and usage errors.

use assert_cmd::Command;
use predicates::prelude::*;
use rolelint::Run;
use rolelint::diagnostic::{Diagnostic, Severity};
use rolelint::read::SourceFile;
use rolelint::report::{ExitPolicy, ExitStatus, exit_status};
use rolelint::span::Span;
use std::path::Path;

/// A short page in our own words.
const PAGE: &str = "---\ntitle: \"Example Analyst\"\ndescription: \"Analyses examples.\"\n---\n## Example Analyst\n\n### Senior Example Analyst\n\nThe role is a grade 7.\n";

fn rolelint() -> Command {
    let mut cmd = Command::cargo_bin("rolelint").unwrap();
    cmd.env_remove("ROLELINT_FORMAT")
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS");
    cmd
}

fn page_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("analyst.md"), PAGE).unwrap();
    dir
}

#[test]
fn clean_page_exits_0() {
    let dir = page_dir();
    rolelint()
        .current_dir(dir.path())
        .args(["check", "analyst.md"])
        .assert()
        .code(0)
        .stdout("All checks passed on 1 file.\n")
        .stderr("");
}

#[test]
fn missing_file_exits_2_and_names_it() {
    let dir = page_dir();
    rolelint()
        .current_dir(dir.path())
        .args(["check", "analyst.md", "nowhere.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nowhere.md: no such file or directory"))
        .stdout(predicate::str::contains(
            "No findings in 1 file; 1 file could not be read.",
        ));
}

#[test]
fn non_utf8_file_exits_2_and_the_others_are_still_checked() {
    let dir = page_dir();
    std::fs::write(dir.path().join("latin1.md"), b"# Caf\xe9 Analyst\n").unwrap();
    let output = rolelint()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("latin1.md: not valid UTF-8"))
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&output).unwrap();
    assert_eq!(json["summary"]["files"], 1);
    assert_eq!(json["summary"]["unreadable"], 1);
    assert_eq!(json["read_errors"][0]["path"], "latin1.md");
}

#[test]
fn exit_zero_does_not_hide_io_failures() {
    rolelint()
        .args(["check", "--exit-zero", "definitely-missing.md"])
        .assert()
        .code(2);
}

#[test]
fn several_reports_in_one_run() {
    let dir = page_dir();
    rolelint()
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "concise",
            "--format",
            "human=out/rolelint.log",
            "--format",
            "gitlab=gl-code-quality.json",
            "--format",
            "junit=junit.xml",
            "--format",
            "sarif=rolelint.sarif",
            "--format",
            "json=rolelint.json",
            "--format",
            "github=annotations.txt",
            "analyst.md",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("out/rolelint.log"));
    // The folder `out/` does not exist: that report fails (exit 2), every other one is written.
    let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
    assert_eq!(read("gl-code-quality.json"), "[]\n");
    let junit = read("junit.xml");
    let doc = roxmltree::Document::parse(&junit).unwrap();
    let case = doc.descendants().find(|n| n.has_tag_name("testcase")).unwrap();
    assert_eq!(case.attribute("classname"), Some("analyst.md"));
    let sarif: serde_json::Value = serde_json::from_str(&read("rolelint.sarif")).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let json: serde_json::Value = serde_json::from_str(&read("rolelint.json")).unwrap();
    assert_eq!(json["summary"]["files"], 1);
    assert_eq!(read("annotations.txt"), "");

    std::fs::create_dir(dir.path().join("out")).unwrap();
    rolelint()
        .current_dir(dir.path())
        .args(["check", "-f", "human=out/rolelint.log", "-f", "concise", "analyst.md"])
        .assert()
        .code(0)
        .stdout("All checks passed on 1 file.\n");
    assert_eq!(read("out/rolelint.log"), "All checks passed on 1 file.\n");
}

#[test]
fn output_file_takes_the_unnamed_format() {
    let dir = page_dir();
    rolelint()
        .current_dir(dir.path())
        .args(["check", "--format", "gitlab", "--output-file", "cq.json", "analyst.md"])
        .assert()
        .code(0)
        .stdout("");
    assert!(Path::new(&dir.path().join("cq.json")).exists());
}

#[test]
fn usage_errors_exit_2() {
    rolelint()
        .args(["check", "--format", "xml", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown format `xml`; expected one of: human, concise, json",
        ));
    rolelint()
        .args(["check", "--format", "json", "--format", "sarif", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("only one --format may go to stdout"));
    rolelint().args(["check", "--max-warnings", "many"]).assert().code(2);
}

fn run_with(severities: &[Severity]) -> Run {
    let source = SourceFile::from_text("analyst.md", PAGE, false);
    let diagnostics = severities
        .iter()
        .map(|&s| Diagnostic::new("grade-mismatch", s, source.path.clone(), Span::new(45, 71), "made up"))
        .collect();
    Run {
        sources: vec![source],
        diagnostics,
        ..Default::default()
    }
}

#[test]
fn exit_status_table() {
    let default = ExitPolicy::default();
    let zero = ExitPolicy {
        exit_zero: true,
        ..default
    };
    let max1 = ExitPolicy {
        max_warnings: Some(1),
        ..default
    };
    use Severity::{Error, Info, Warning};
    assert_eq!(exit_status(&run_with(&[]), &default), ExitStatus::Success);
    assert_eq!(exit_status(&run_with(&[Info, Warning]), &default), ExitStatus::Success);
    assert_eq!(exit_status(&run_with(&[Error]), &default), ExitStatus::Failure);
    assert_eq!(exit_status(&run_with(&[Error]), &zero), ExitStatus::Success);
    assert_eq!(exit_status(&run_with(&[Warning]), &max1), ExitStatus::Success);
    assert_eq!(exit_status(&run_with(&[Warning, Warning]), &max1), ExitStatus::Failure);
    assert_eq!(exit_status(&run_with(&[Warning, Warning]), &zero), ExitStatus::Success);
    let mut unreadable = run_with(&[]);
    unreadable
        .errors
        .push(rolelint::read::load(Path::new("definitely-missing.md")).unwrap_err());
    assert_eq!(exit_status(&unreadable, &zero), ExitStatus::Error);
    assert_eq!(ExitStatus::Failure.code(), 1);
}

/// The README's first command: the bundled fixtures lint with findings (exit 1), never a tool error.
#[test]
fn readme_command_on_the_fixtures_reports_findings() {
    let output = rolelint()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "--format", "concise", "fixtures/"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    let stdout = String::from_utf8_lossy(&output.stdout);
    for rule in ["broken-link", "divergent-table", "typo", "repeated-word", "parse-error"] {
        assert!(stdout.contains(&format!("[{rule}]")), "no {rule} finding in:\n{stdout}");
    }
}

/// The rule table in the README is what `rolelint rules` prints, so the two cannot drift.
#[test]
fn readme_rule_table_matches_rolelint_rules() {
    let output = rolelint().args(["rules"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let table = String::from_utf8(output.stdout).unwrap();
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(
        readme.contains(&format!("```text\n{table}```")),
        "README's rule table differs from `rolelint rules`:\n{table}"
    );
}

/// Links of context pages are read to resolve links, not reported: the summary's count of links
/// that could not be verified covers the reported page only (one here, not the context's three too).
#[test]
fn context_pages_do_not_add_to_the_unverifiable_link_count() {
    let dir = tempfile::tempdir().unwrap();
    let widget = dir.path().join("job-families/widget");
    let gadget = dir.path().join("job-families/gadget");
    std::fs::create_dir_all(&widget).unwrap();
    std::fs::create_dir_all(&gadget).unwrap();
    std::fs::write(
        widget.join("index.md"),
        "---\ntitle: \"Widget Engineer\"\ndescription: \"Builds widgets.\"\n---\n## Widget Engineer\n\n\
         See the [widget process](/handbook/widget-process/).\n",
    )
    .unwrap();
    std::fs::write(
        gadget.join("index.md"),
        "---\ntitle: \"Gadget Engineer\"\ndescription: \"Builds gadgets.\"\n---\n## Gadget Engineer\n\n\
         See the [gadget process](/handbook/gadget-process/), the [gadget review](/handbook/gadget-review/)\n\
         and the [gadget tools](/handbook/gadget-tools/).\n",
    )
    .unwrap();
    let summary = |args: &[&str]| {
        let out = rolelint().current_dir(dir.path()).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(
        summary(&["check", "--context=.", "job-families/widget/index.md"]),
        "All checks passed on 1 file. 1 link could not be verified: its target is outside the \
         linted files (--strict-links reports them).\n"
    );
    // Linting both pages still counts all four.
    assert!(
        summary(&["check", "."]).contains("4 links could not be verified"),
        "the whole tree counts every page's links"
    );
}

/// On x86-64 GNU/Linux the binary is linked position-dependent (`build.rs`): the dynamic loader has
/// no pointer tables to relocate before `main` (a position-independent build relocated ~250,000).
#[cfg(all(
    target_os = "linux",
    target_arch = "x86_64",
    target_env = "gnu",
    not(target_feature = "crt-static")
))]
#[test]
fn the_binary_is_a_position_dependent_executable() {
    use std::io::Read;
    let mut header = [0u8; 18];
    let mut file = std::fs::File::open(env!("CARGO_BIN_EXE_rolelint")).unwrap();
    file.read_exact(&mut header).unwrap();
    assert_eq!(header[..4], *b"\x7fELF");
    // `e_type`: 2 is an executable at a fixed address, 3 a shared object (which a PIE is).
    assert_eq!(u16::from_le_bytes([header[16], header[17]]), 2);
}
