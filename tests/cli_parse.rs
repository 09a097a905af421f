//! `rolelint parse`: one object for one file, an array for several, an outline for people, and
//! exit 2 with a named error line when a file cannot be read (the others are still printed).

use assert_cmd::Command;
use serde_json::Value;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds");

fn rolelint() -> Command {
    Command::cargo_bin("rolelint").expect("binary builds")
}

#[test]
fn one_file_prints_one_object() {
    let out = rolelint()
        .args(["parse", "--format", "json", &format!("{SEEDS}/001_a0897a9603f7b2cc.md")])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert!(v.is_object());
    assert_eq!(v["front_matter"]["title"]["value"], "Technical Program Manager");
    let levels = v["levels"].as_array().unwrap();
    assert_eq!(levels.len(), 3);
    assert_eq!(levels[0]["title"], "Technical Program Manager");
    assert_eq!(levels[0]["grade"], 6);
    assert_eq!(levels[0]["reports_to"], "VP of Product Management");
    assert!(levels[0]["span"]["start"].is_u64());
}

#[test]
fn several_files_print_an_array() {
    let out = rolelint()
        .args([
            "parse",
            "--format",
            "json",
            &format!("{SEEDS}/003_0c3b120d6394c468.md"),
            &format!("{SEEDS}/004_c4472a5308827cac.md"),
        ])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    let pages = v.as_array().unwrap();
    assert_eq!(pages.len(), 2);
    assert_eq!(pages[1]["levels"].as_array().unwrap().len(), 4);
    assert_eq!(
        pages[0]["levels"][1]["reports_to"],
        "Vice President of Infrastructure & Quality"
    );
    assert_eq!(pages[0]["levels"][0]["reports_to"], Value::Null);
}

#[test]
fn pretty_prints_an_outline() {
    rolelint()
        .args(["parse", &format!("{SEEDS}/004_c4472a5308827cac.md")])
        .assert()
        .code(0)
        .stdout(predicates::str::contains(
            "307:1 Senior Principal Product Manager [senior-principal] grade 10 · reports to Director of Product Management",
        ))
        .stdout(predicates::str::contains("  levels: 4\n"));
}

#[test]
fn unreadable_files_are_named_and_the_rest_still_parse() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("latin1.md");
    std::fs::write(&bad, b"# Caf\xe9\n").unwrap();
    let good = dir.path().join("good.md");
    std::fs::write(&good, "---\ntitle: Fine\n---\n").unwrap();
    let missing = dir.path().join("missing.md");
    let assert = rolelint()
        .args(["parse", "--format", "json"])
        .arg(&bad)
        .arg(&good)
        .arg(&missing)
        .assert()
        .code(2);
    let out = assert.get_output();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("latin1.md") && stderr.contains("not valid UTF-8"),
        "{stderr}"
    );
    assert!(stderr.contains("missing.md"), "{stderr}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["front_matter"]["title"]["value"], "Fine");
}

#[test]
fn stdin_is_parsed_under_the_given_name() {
    let out = rolelint()
        .args(["parse", "--format", "json", "--stdin-filename", "jobs/x.md"])
        .write_stdin("## Levels\n\n### Senior Widget Engineer\n\nThe role is a grade 7.\n")
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["path"], "jobs/x.md");
    assert_eq!(v["levels"][0]["grade"], 7);
}
