//! `--write-baseline` / `--baseline`: adopt rolelint on a legacy handbook and fail on new findings only.

use assert_cmd::Command;
use std::path::Path;

/// Two identical findings (`#nowhere` twice), so counting matters, plus one other defect.
const LEGACY: &str = "---\ntitle: Legacy Engineer\ndescription: An old page.\n---\n\n# Legacy\n\n\
See [one](#nowhere) and [two](#nowhere).\n\nAlso [levels](#levles).\n";

fn rolelint(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("rolelint")
        .unwrap()
        .current_dir(dir)
        .args(["check", "--format", "concise", "--color", "never"])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("pages")).unwrap();
    std::fs::write(dir.path().join("pages/legacy.md"), LEGACY).unwrap();
    dir
}

fn write_baseline(dir: &Path) {
    let (code, stdout, stderr) = rolelint(dir, &["--write-baseline", "baseline.json", "pages"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "");
    assert_eq!(stderr, "rolelint: recorded 3 findings in baseline.json\n");
}

#[test]
fn the_file_is_versioned_sorted_and_free_of_line_numbers() {
    let dir = tree();
    write_baseline(dir.path());
    let text = std::fs::read_to_string(dir.path().join("baseline.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["version"], 2);
    let findings = json["findings"].as_array().unwrap();
    let rows: Vec<(&str, &str, &str)> = findings
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap(),
                f["rule"].as_str().unwrap(),
                f["message"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                "pages/legacy.md",
                "broken-link",
                "fragment `#levles` is not an anchor on this page"
            ),
            (
                "pages/legacy.md",
                "broken-link",
                "fragment `#nowhere` is not an anchor on this page"
            ),
            (
                "pages/legacy.md",
                "broken-link",
                "fragment `#nowhere` is not an anchor on this page"
            ),
        ]
    );
    let fingerprints: Vec<&str> = findings.iter().map(|f| f["fingerprint"].as_str().unwrap()).collect();
    assert!(fingerprints.iter().all(|f| f.len() == 32));
    assert_ne!(
        fingerprints[1], fingerprints[2],
        "identical findings are told apart by a salt"
    );
    assert!(!text.contains("\"line\""));
    // Position hints: hashes of the finding's line and of its neighbours, not text or numbers.
    for f in findings {
        assert_eq!(f["line_hash"].as_str().map(str::len), Some(16), "{f}");
        assert_eq!(f["nearby_hash"].as_str().map(str::len), Some(16), "{f}");
    }
    assert_eq!(
        findings[1]["line_hash"], findings[2]["line_hash"],
        "both `#nowhere` links sit on one line"
    );
    assert!(!text.contains("See [one]"));
}

#[test]
fn only_new_findings_fail_and_moved_lines_still_match() {
    let dir = tree();
    write_baseline(dir.path());
    let (code, stdout, stderr) = rolelint(dir.path(), &["--baseline", "baseline.json", "pages"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "All checks passed on 1 file.\n", "")
    );

    // Blank lines and a paragraph above every finding: nothing is new.
    let moved = LEGACY.replace("# Legacy\n", "# Legacy\n\nA new introduction.\n\n\n\n");
    std::fs::write(dir.path().join("pages/legacy.md"), &moved).unwrap();
    let (code, stdout, _) = rolelint(dir.path(), &["--baseline", "baseline.json", "pages"]);
    assert_eq!((code, stdout.as_str()), (0, "All checks passed on 1 file.\n"));

    // A third `#nowhere`: two are recorded, so exactly one is new (the last in page order).
    let more = format!("{moved}\nAnd [three](#nowhere).\n");
    std::fs::write(dir.path().join("pages/legacy.md"), &more).unwrap();
    let (code, stdout, _) = rolelint(dir.path(), &["--baseline", "baseline.json", "pages"]);
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        "pages/legacy.md:17:5: error[broken-link] fragment `#nowhere` is not an anchor on this page\n\
         Found 1 error in 1 file.\n"
    );
}

#[test]
fn a_new_duplicate_above_recorded_ones_is_the_one_reported() {
    let dir = tree();
    write_baseline(dir.path());
    // A third `#nowhere`, on a new line above the recorded two: it is the new one, not the last.
    let above = LEGACY.replace("# Legacy\n", "# Legacy\n\nFirst [zero](#nowhere).\n");
    std::fs::write(dir.path().join("pages/legacy.md"), &above).unwrap();
    let (code, stdout, _) = rolelint(dir.path(), &["--baseline", "baseline.json", "pages"]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            1,
            "pages/legacy.md:8:7: error[broken-link] fragment `#nowhere` is not an anchor on this page\n\
             Found 1 error in 1 file.\n"
        )
    );

    // Two recorded copies of one line, a third copy inserted between them: the neighbours tell
    // the copies apart, so the inserted one (line 11) is reported, not the last (line 14).
    let copies = "---\ntitle: Copy Engineer\ndescription: A copied page.\n---\n\n# Copies\n\nAlpha.\n\
                  See [it](#nowhere).\nBeta.\nGamma.\nSee [it](#nowhere).\nDelta.\n";
    std::fs::write(dir.path().join("pages/legacy.md"), copies).unwrap();
    let (code, _, stderr) = rolelint(dir.path(), &["--write-baseline", "baseline.json", "pages"]);
    assert_eq!(code, 0, "{stderr}");
    let inserted = copies.replace("Beta.\n", "Beta.\nSee [it](#nowhere).\nEta.\n");
    std::fs::write(dir.path().join("pages/legacy.md"), inserted).unwrap();
    let (code, stdout, _) = rolelint(dir.path(), &["--baseline", "baseline.json", "pages"]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            1,
            "pages/legacy.md:11:5: error[broken-link] fragment `#nowhere` is not an anchor on this page\n\
             Found 1 error in 1 file.\n"
        )
    );
}

#[test]
fn a_version_1_file_without_hints_is_still_read_and_matches_in_page_order() {
    let dir = tree();
    write_baseline(dir.path());
    let path = dir.path().join("baseline.json");
    let mut json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    json["version"] = 1.into();
    for f in json["findings"].as_array_mut().unwrap() {
        let f = f.as_object_mut().unwrap();
        f.remove("line_hash");
        f.remove("nearby_hash");
    }
    std::fs::write(&path, serde_json::to_string(&json).unwrap()).unwrap();
    let (code, stdout, stderr) = rolelint(dir.path(), &["--baseline", "baseline.json", "pages"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "All checks passed on 1 file.\n", "")
    );
    // Without hints nothing tells the copies apart: the last in page order is the new one.
    let above = LEGACY.replace("# Legacy\n", "# Legacy\n\nFirst [zero](#nowhere).\n");
    std::fs::write(dir.path().join("pages/legacy.md"), &above).unwrap();
    let (code, stdout, _) = rolelint(dir.path(), &["--baseline", "baseline.json", "pages"]);
    assert_eq!(code, 1);
    assert!(stdout.starts_with("pages/legacy.md:10:"), "{stdout}");
}

#[test]
fn fixed_findings_are_reported_as_stale_without_failing() {
    let dir = tree();
    write_baseline(dir.path());
    std::fs::write(
        dir.path().join("pages/legacy.md"),
        LEGACY.replace("[levels](#levles)", "[levels](#legacy)"),
    )
    .unwrap();
    let (code, stdout, stderr) = rolelint(dir.path(), &["--baseline", "baseline.json", "pages"]);
    assert_eq!(code, 0);
    assert_eq!(stdout, "All checks passed on 1 file.\n");
    assert_eq!(
        stderr,
        "rolelint: 1 baseline entry in baseline.json no longer matches a finding (fixed or changed); \
         rewrite it with --write-baseline:\n  stale: pages/legacy.md [broken-link] fragment `#levles` is not an \
         anchor on this page\n"
    );
}

#[test]
fn paths_are_relative_to_the_baseline_file_whatever_the_working_directory() {
    let dir = tree();
    write_baseline(dir.path());
    // Linting from inside `pages/`, the page is `legacy.md`; the baseline still knows it.
    let (code, stdout, stderr) = rolelint(&dir.path().join("pages"), &["--baseline", "../baseline.json", "."]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "All checks passed on 1 file.\n", "")
    );
}

#[test]
fn a_broken_baseline_file_is_a_usage_error() {
    let dir = tree();
    std::fs::write(dir.path().join("baseline.json"), "{\"version\": 9, \"findings\": []}").unwrap();
    let (code, _, stderr) = rolelint(dir.path(), &["--baseline", "baseline.json", "pages"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: --baseline: baseline.json is not a rolelint baseline: version 9 (this rolelint reads versions 1 to 2)\n"
    );
}
