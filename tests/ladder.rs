//! `rolelint ladder`: the CSV columns and rows, the JSON against `grammar/ladder.schema.json`, the
//! outlier marks of every class on the made-up pages of `fixtures/ladder/` (and the levels that
//! must stay unmarked), the HTML's links and self-containment, and a 400-family handbook.

#[path = "common/text.rs"]
mod text;
use text::between;
#[path = "common/families.rs"]
mod families;

use assert_cmd::Command;
use families::write_synthetic;
use serde_json::Value;
use std::path::Path;
use std::time::Instant;

const FIXTURE: &str = "fixtures/ladder";
const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds");

fn rolelint() -> Command {
    let mut cmd = Command::cargo_bin("rolelint").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("ROLELINT_FORMAT")
        .env_remove("NO_COLOR");
    cmd
}

fn ladder(args: &[&str]) -> String {
    let out = rolelint().arg("ladder").args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn json(args: &[&str]) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&ladder(&all)).unwrap()
}

fn level<'v>(report: &'v Value, title: &str, page_end: &str) -> &'v Value {
    report["levels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["level"] == title && l["page"].as_str().unwrap().ends_with(page_end))
        .unwrap_or_else(|| panic!("no level {title} on {page_end}"))
}

/// `class rule line:col` of each outlier mark of a level.
fn marks(level: &Value) -> Vec<String> {
    level["outliers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| match o["finding"].as_object() {
            Some(f) => format!(
                "{} {} {}:{}",
                o["class"].as_str().unwrap(),
                f["rule"].as_str().unwrap(),
                f["line"],
                f["column"]
            ),
            None => o["class"].as_str().unwrap().to_owned(),
        })
        .collect()
}

#[test]
fn csv_has_the_contract_header_and_one_row_per_level() {
    let csv = ladder(&[FIXTURE]);
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines[0],
        "family,page,level,level_name,track,ladder,grade,grade_source,reports_to,findings"
    );
    // 5 families: 2 + 3 + 1 + 7 + 2 levels.
    assert_eq!(lines.len(), 1 + 15, "{csv}");
    assert!(lines.contains(
        &"Gadget Account Executive,fixtures/ladder/job-families/gadgets/gadget-account-executive.md,Mid-Market Account Executive,,,sales,7,sentence,Director of Gizmo Engineering,"
    ));
    assert!(lines.contains(
        &"Gadget Designer,fixtures/ladder/job-families/gadgets/gadget-designer.md,\"Manager, Gadget Design\",manager,management,default,8,sentence,Director of Gizmo Engineering,"
    ));
    // A field with a comma is quoted.
    assert!(lines.contains(
        &"Gizmo Engineer,fixtures/ladder/job-families/gizmos/gizmo-engineer.md,Senior Gizmo Engineer,senior,ic,default,8,sentence,Gizmo Engineering Manager,\"grade-mismatch 22:38 `Senior Gizmo Engineer` is grade 8, but the ladder gives senior levels grade 7\""
    ));
    assert!(lines.contains(
        // A grade held in an external sheet is no missing grade (issue 10: the 2026 layout).
        &"Gadget Designer,fixtures/ladder/job-families/gadgets/gadget-designer.md,Senior Gadget Designer,senior,ic,default,,external,\"Manager, Gadget Design\","
    ));
}

#[test]
fn every_outlier_class_is_marked_on_its_level_and_links_its_finding() {
    let r = json(&[FIXTURE]);
    let gizmo = "gizmos/gizmo-engineer.md";
    assert_eq!(
        marks(level(&r, "Senior Gizmo Engineer", gizmo)),
        ["off-ladder grade-mismatch 22:38"]
    );
    assert_eq!(
        marks(level(&r, "Senior Principal Gizmo Engineer", gizmo)),
        ["not-rising grade-mismatch 46:48"]
    );
    assert_eq!(
        marks(level(&r, "Distinguished Gizmo Engineer", gizmo)),
        ["no-grade missing-grade 48:5"]
    );
    assert_eq!(
        marks(level(&r, "Gizmo Engineering Manager", gizmo)),
        ["no-reporting-line missing-reports-to 52:1"]
    );
    assert_eq!(
        marks(level(&r, "Gadget Designer", "gadgets/gadget-designer.md")),
        ["same-title-two-grades grade-mismatch 14:32"]
    );
    // Its page's only level: nothing on the page confirms the ladder row, so it is no off-ladder
    // outlier (grade-mismatch's default `ladder = "outliers"`), only a title with two grades.
    assert_eq!(
        marks(level(&r, "Gadget Designer", "gadgets/gadget-lab.md")),
        ["same-title-two-grades grade-mismatch 14:32"]
    );
    assert_eq!(
        marks(level(&r, "Senior Gadget Designer", "gadgets/gadget-designer.md")),
        ["external-grade"]
    );
    // Quiet: graded as the ladder says, rising, with a reporting line.
    for (title, page) in [
        ("Gizmo Engineer", gizmo),
        ("Staff Gizmo Engineer", gizmo),
        ("Principal Gizmo Engineer", gizmo),
        ("Manager, Gadget Design", "gadgets/gadget-designer.md"),
        ("Mid-Market Account Executive", "gadgets/gadget-account-executive.md"),
        ("Enterprise Account Executive", "gadgets/gadget-account-executive.md"),
        (
            "Director of Gizmo Engineering",
            "gizmos/gizmo-engineering-leadership.md",
        ),
    ] {
        assert!(marks(level(&r, title, page)).is_empty(), "{title} is marked");
    }
    // A level without a grade and without a sheet link is not external.
    assert_eq!(
        level(&r, "Distinguished Gizmo Engineer", gizmo)["grade_source"],
        Value::Null
    );
    // The sales ladder governs the account executives.
    assert_eq!(
        level(&r, "Enterprise Account Executive", "gadget-account-executive.md")["ladder"],
        "sales"
    );
    assert_eq!(level(&r, "Gizmo Engineer", gizmo)["ladder"], "default");
}

#[test]
fn reporting_graph_marks_unknown_managers() {
    let r = json(&[FIXTURE]);
    let graph = r["reporting"].as_array().unwrap();
    let chief = graph.iter().find(|m| m["manager"] == "Chief Gizmo Officer").unwrap();
    assert_eq!(chief["known"], false);
    assert_eq!(chief["finding"]["rule"], "unknown-manager");
    assert_eq!(chief["reports"].as_array().unwrap().len(), 2);
    let director = graph
        .iter()
        .find(|m| m["manager"] == "Director of Gizmo Engineering")
        .unwrap();
    assert_eq!(director["known"], true);
    assert_eq!(director["manager_level"], "Director of Gizmo Engineering");
    assert_eq!(director["finding"], Value::Null);
    // Mid-Market and Enterprise AE, Manager Gadget Design, Principal/Senior Principal/Distinguished Gizmo.
    assert_eq!(director["reports"].as_array().unwrap().len(), 6);
}

#[test]
fn json_matches_its_schema_on_fixtures_and_seeds() {
    let schema: Value = serde_json::from_str(include_str!("../grammar/ladder.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for args in [vec![FIXTURE], vec![SEEDS]] {
        let report = json(&args);
        let errors: Vec<String> = validator
            .iter_errors(&report)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}", errors.join("\n"));
        let mut broken = report.clone();
        broken["levels"][0]["grade"] = Value::from("seven");
        assert!(!validator.is_valid(&broken));
    }
}

#[test]
fn seeds_give_the_grades_of_their_pages() {
    let r = json(&[SEEDS]);
    let grades = |page: &str| -> Vec<(String, Option<u64>)> {
        r["levels"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| l["page"].as_str().unwrap().ends_with(page))
            .map(|l| (l["level"].as_str().unwrap().to_owned(), l["grade"].as_u64()))
            .collect()
    };
    let pm: Vec<_> = grades("004_c4472a5308827cac.md").into_iter().map(|(_, g)| g).collect();
    assert_eq!(pm, [Some(7), Some(8), Some(9), Some(10)]);
    let tpm: Vec<_> = grades("001_a0897a9603f7b2cc.md").into_iter().map(|(_, g)| g).collect();
    assert_eq!(tpm, [Some(6), Some(7), Some(8)]);
    let infra: Vec<_> = grades("003_0c3b120d6394c468.md").into_iter().map(|(_, g)| g).collect();
    assert_eq!(infra, [Some(9), Some(10)]);
    // Team pages without levels are not families.
    assert!(grades("000_437ee804ee44b3b9.md").is_empty());
}

#[test]
fn html_is_self_contained_and_marks_link_to_findings() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ladder.html");
    let status = rolelint().args(["ladder", FIXTURE, "-o"]).arg(&out).output().unwrap();
    assert_eq!(status.status.code(), Some(0));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    for remote in ["<script src", "<link", "@import", "url(", "http://", "//fonts."] {
        assert!(!html.contains(remote), "the report loads `{remote}`");
    }
    // The only absolute URLs are the sheet link of the page (through a level's title) — none here.
    assert!(
        !html.contains("https://"),
        "no site URL was given, so links go to files"
    );
    // The off-ladder mark of Senior Gizmo Engineer links to a finding row that names rule and place.
    let mark = between(&html, "data-level=\"Senior Gizmo Engineer\"", "</li>");
    let target = between(mark, "class=\"mark off-ladder\" href=\"#", "\"");
    let row = between(&html, &format!("<tr id=\"{target}\""), "</tr>");
    assert!(row.contains("<code>grade-mismatch</code>"), "{row}");
    assert!(
        row.contains("fixtures/ladder/job-families/gizmos/gizmo-engineer.md:22:38"),
        "{row}"
    );
    // File links are relative to the report's folder.
    let rel = pathdiff(dir.path());
    assert!(html.contains(&format!(
        "href=\"{rel}fixtures/ladder/job-families/gizmos/gizmo-engineer.md\""
    )));
    // Tables carry header semantics.
    assert!(html.contains("<th scope=\"col\" data-grade=\"8\">Grade 8</th>"));
    assert!(html.contains("<th scope=\"row\">"));
}

/// `../` steps from `dir` up to the root, then the manifest directory, as the report writes it.
/// The checkout's folder relative to `dir`, with a trailing slash: `..` for each of `dir`'s own
/// folders below the two paths' common part, then the rest of the checkout's path. (A checkout under
/// the temporary folder shares part of its path with `dir`.)
fn pathdiff(dir: &Path) -> String {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let common = dir
        .components()
        .zip(manifest.components())
        .take_while(|(a, b)| a == b)
        .count();
    let ups = dir.components().count() - common;
    let rest: Vec<String> = manifest
        .components()
        .skip(common)
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    format!("{}{}/", "../".repeat(ups), rest.join("/"))
}

#[test]
fn site_url_links_levels_to_their_heading() {
    let r = json(&[FIXTURE, "--site-url", "https://handbook.example.com/"]);
    assert_eq!(
        level(&r, "Senior Gizmo Engineer", "gizmos/gizmo-engineer.md")["href"],
        "https://handbook.example.com/job-families/gizmos/gizmo-engineer/#senior-gizmo-engineer"
    );
}

#[test]
fn findings_do_not_fail_the_report_but_a_missing_path_does() {
    let out = rolelint().args(["ladder", "no-such-folder-here"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = rolelint()
        .args(["ladder", "--format", "yaml", FIXTURE])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// 400 families of five levels each: the page stays a few megabytes, one row per family and
/// ladder, and is written in seconds (the browser test renders it too).
#[test]
fn four_hundred_families_stay_small() {
    let dir = tempfile::tempdir().unwrap();
    write_synthetic(dir.path(), 400);
    let out = dir.path().join("ladder.html");
    let started = Instant::now();
    let status = rolelint()
        .arg("ladder")
        .arg(dir.path().join("job-families"))
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    let took = started.elapsed();
    assert_eq!(
        status.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let html = std::fs::read_to_string(&out).unwrap();
    assert_eq!(html.matches("<tr class=\"family").count(), 400);
    assert_eq!(html.matches("<li class=\"lvl ").count(), 2000);
    assert!(html.len() < 3_000_000, "{} bytes", html.len());
    assert!(took.as_secs() < 60, "took {took:?}");
}
