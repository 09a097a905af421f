//! Reports as their consumers read them, through the binary: paths in every format (run from the
//! repository root, from a sub-folder, with an absolute path), and reports of many identical
//! findings (which once took quadratic time to fingerprint).

#[path = "common/git.rs"]
mod git;

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn rolelint() -> Command {
    let mut cmd = Command::cargo_bin("rolelint").unwrap();
    cmd.env_remove("ROLELINT_FORMAT")
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS");
    cmd
}

/// A made-up page with one typo (line 7, column 5) and no description (line 1).
const WIDGET: &str = "---\ntitle: Widget Engineer\n---\n\n## Levels\n\nThe teh widget team builds widgets.\n";

/// A git repository with `job-families/widgets/widget-engineer.md`.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git::git(dir.path(), &["init", "-q"]);
    let folder = dir.path().join("job-families/widgets");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("widget-engineer.md"), WIDGET).unwrap();
    dir
}

const PAGE: &str = "job-families/widgets/widget-engineer.md";

/// Every report of one run of `rolelint check ARG` from `cwd`, read back from files.
struct Reports {
    concise: String,
    github: String,
    json: Value,
    sarif: Value,
    gitlab: Value,
    junit: String,
}

fn reports(cwd: &Path, arg: &str) -> Reports {
    let out = tempfile::tempdir().unwrap();
    let file = |name: &str| out.path().join(name).display().to_string();
    rolelint()
        .current_dir(cwd)
        .args(["check", "-f", "concise"])
        .args(["-f", &format!("github={}", file("github.txt"))])
        .args(["-f", &format!("json={}", file("r.json"))])
        .args(["-f", &format!("sarif={}", file("r.sarif"))])
        .args(["-f", &format!("gitlab={}", file("gl.json"))])
        .args(["-f", &format!("junit={}", file("junit.xml"))])
        .arg(arg)
        .assert()
        .code(1);
    let read = |name: &str| std::fs::read_to_string(out.path().join(name)).unwrap();
    let concise = String::from_utf8(
        rolelint()
            .current_dir(cwd)
            .args(["check", "-f", "concise", arg])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    Reports {
        concise,
        github: read("github.txt"),
        json: serde_json::from_str(&read("r.json")).unwrap(),
        sarif: serde_json::from_str(&read("r.sarif")).unwrap(),
        gitlab: serde_json::from_str(&read("gl.json")).unwrap(),
        junit: read("junit.xml"),
    }
}

/// The paths CI consumers read: GitHub's `file=`, SARIF's URI, Code Quality's path, JUnit's `file`.
fn ci_paths(r: &Reports) -> Vec<String> {
    let mut paths = Vec::new();
    for line in r.github.lines() {
        let file = line.split("file=").nth(1).unwrap().split(',').next().unwrap();
        paths.push(file.to_owned());
    }
    for result in r.sarif["runs"][0]["results"].as_array().unwrap() {
        let location = &result["locations"][0]["physicalLocation"]["artifactLocation"];
        assert_eq!(location["uriBaseId"], "%SRCROOT%");
        paths.push(location["uri"].as_str().unwrap().to_owned());
    }
    for issue in r.gitlab.as_array().unwrap() {
        paths.push(issue["location"]["path"].as_str().unwrap().to_owned());
    }
    let doc = roxmltree::Document::parse(&r.junit).unwrap();
    for case in doc.descendants().filter(|n| n.has_tag_name("testcase")) {
        paths.push(case.attribute("file").unwrap().to_owned());
        assert_eq!(case.attribute("file"), case.attribute("classname"));
    }
    paths
}

/// `(path, fingerprint)` of every JSON diagnostic.
fn json_findings(r: &Reports) -> Vec<(String, String)> {
    r.json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_owned(),
                d["fingerprint"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn ci_paths_are_repository_relative_wherever_rolelint_runs() {
    let dir = repo();
    let root = dir.path();
    let absolute = root.join("job-families").display().to_string();
    let from_root = reports(root, ".");
    let from_sub = reports(&root.join("job-families/widgets"), "../../job-families/./widgets");
    let from_abs = reports(&root.join("job-families"), &absolute);
    for r in [&from_root, &from_sub, &from_abs] {
        let paths = ci_paths(r);
        assert_eq!(
            paths.len(),
            2 + 2 + 2 + 2,
            "two findings in github, sarif, gitlab; two junit cases"
        );
        assert!(paths.iter().all(|p| p == PAGE), "{paths:?}");
        let base = r.sarif["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
            .as_str()
            .unwrap();
        assert!(base.starts_with("file:///") && base.ends_with('/'), "{base}");
    }
    // People-facing formats and the JSON contract keep the path as given, normalised.
    assert_eq!(
        from_root.concise.lines().next().unwrap(),
        format!("{PAGE}:1:1: warning[missing-description] the front matter has no `description`")
    );
    assert!(
        from_sub
            .concise
            .starts_with("../../job-families/widgets/widget-engineer.md:1:1: ")
    );
    assert!(
        from_abs
            .concise
            .starts_with(&format!("{absolute}/widgets/widget-engineer.md:1:1: "))
    );
    assert!(json_findings(&from_root).iter().all(|(p, _)| p == PAGE));
    assert!(!from_root.concise.contains("./"), "{}", from_root.concise);
    // Fingerprints do not depend on where rolelint ran from.
    let prints = |r: &Reports| json_findings(r).into_iter().map(|(_, fp)| fp).collect::<Vec<_>>();
    assert_eq!(prints(&from_root), prints(&from_sub));
    assert_eq!(prints(&from_root), prints(&from_abs));
    let gl = |r: &Reports| r.gitlab[0]["fingerprint"].clone();
    assert_eq!(gl(&from_root), gl(&from_sub));
    assert_eq!(gl(&from_root), json_findings(&from_root)[0].1.as_str());
}

#[test]
fn outside_a_repository_paths_are_normalised_and_sarif_uris_absolute() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("pages")).unwrap();
    std::fs::write(dir.path().join("pages/w.md"), WIDGET).unwrap();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    let r = reports(&sub, "../pages");
    assert!(r.github.contains("file=../pages/w.md,"), "{}", r.github);
    let location = &r.sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    // Outside %SRCROOT% (the working directory here) a page is an absolute file URI, never `../`.
    let uri = location["uri"].as_str().unwrap();
    assert!(uri.starts_with("file:///") && uri.ends_with("/pages/w.md"), "{uri}");
    assert!(location.get("uriBaseId").is_none());
}

/// 10,000 identical findings: salting was quadratic (53 s in release); now each report is linear.
#[test]
fn ten_thousand_identical_findings_report_in_linear_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut page = String::from("---\ntitle: Widget Engineer\ndescription: Widgets.\n---\n\n## Links\n\n");
    for _ in 0..10_000 {
        page.push_str("- [widgets](#nowhere)\n");
    }
    std::fs::write(dir.path().join("w.md"), page).unwrap();
    rolelint()
        .current_dir(dir.path())
        .args([
            "check",
            "--select",
            "broken-link",
            "-f",
            "json=r.json",
            "-f",
            "sarif=r.sarif",
        ])
        .args(["-f", "gitlab=gl.json", "w.md"])
        .assert()
        .code(1);
    let json: Value = serde_json::from_str(&std::fs::read_to_string(dir.path().join("r.json")).unwrap()).unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 10_000);
    let unique: std::collections::HashSet<&str> =
        diagnostics.iter().map(|d| d["fingerprint"].as_str().unwrap()).collect();
    assert_eq!(unique.len(), 10_000);
    rolelint()
        .current_dir(dir.path())
        .args(["check", "--select", "broken-link", "--write-baseline", "b.json", "w.md"])
        .assert()
        .code(0);
    rolelint()
        .current_dir(dir.path())
        .args([
            "check",
            "--select",
            "broken-link",
            "--baseline",
            "b.json",
            "-f",
            "concise",
            "w.md",
        ])
        .assert()
        .code(0);
}

/// The script of `docs/ci/gitlab-ci.yml` (before_script, then script), as GitLab's shell runs it.
fn gitlab_script() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/ci/gitlab-ci.yml");
    let doc: Value = serde_saphyr::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let job = &doc["rolelint"];
    let rules = job["rules"].to_string();
    assert!(
        rules.contains("merge_request_event") && rules.contains("$CI_DEFAULT_BRANCH"),
        "{rules}"
    );
    let mut lines = vec!["set -eo pipefail".to_owned()];
    for part in ["before_script", "script"] {
        for line in job[part].as_array().unwrap() {
            lines.push(line.as_str().unwrap().to_owned());
        }
    }
    lines.join("\n")
}

/// Runs the template's script in `repo` as a pipeline with `env`; returns the exit code.
fn pipeline(repo: &Path, env: &[(&str, &str)]) -> i32 {
    let bin = assert_cmd::cargo::cargo_bin("rolelint");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut cmd = std::process::Command::new("bash");
    cmd.arg("-c")
        .arg(gitlab_script())
        .current_dir(repo)
        .env("PATH", path)
        .env("CI_PROJECT_DIR", repo)
        .env("CI_DEFAULT_BRANCH", "main")
        .env_remove("CI_MERGE_REQUEST_DIFF_BASE_SHA")
        .env_remove("CI_MERGE_REQUEST_IID")
        .env_remove("ROLELINT_NOTE_TOKEN")
        .env_remove("ROLELINT_FORMAT")
        .env("NO_COLOR", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    out.status.code().unwrap_or(-1)
}

/// Code Quality fingerprints and failing JUnit cases (class, name) of the last pipeline in `repo`.
fn widget_inputs(repo: &Path) -> (Vec<String>, Vec<(String, String)>) {
    let gl: Value =
        serde_json::from_str(&std::fs::read_to_string(repo.join("gl-code-quality-report.json")).unwrap()).unwrap();
    let prints = gl
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap().to_owned())
        .collect();
    let junit = std::fs::read_to_string(repo.join("rolelint-junit.xml")).unwrap();
    let doc = roxmltree::Document::parse(&junit).unwrap();
    let failing = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase") && n.children().any(|c| c.has_tag_name("failure")))
        .map(|c| {
            (
                c.attribute("classname").unwrap().to_owned(),
                c.attribute("name").unwrap().to_owned(),
            )
        })
        .collect();
    (prints, failing)
}

fn sha(repo: &Path) -> String {
    let out = std::process::Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(repo)
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// The GitLab template, run as a default-branch pipeline and then as a merge-request pipeline:
/// both write whole-tree reports, so the widgets' diff is exactly what the merge request brings;
/// the merge request's verdict and note cover only that too.
#[test]
fn gitlab_template_gives_the_widgets_comparable_reports() {
    let dir = repo();
    let root = dir.path();
    std::fs::write(
        root.join("job-families/widgets/gadget-engineer.md"),
        "---\ntitle: Gadget Engineer\ndescription: Gadgets.\n---\n\n## Levels\n\nThe gadget team ships gadgets.\n",
    )
    .unwrap();
    // An untouched page with an old finding: never in the merge request's note or verdict.
    std::fs::write(
        root.join("job-families/widgets/sprocket-engineer.md"),
        "---\ntitle: Sprocket Engineer\ndescription: Sprockets.\n---\n\n## Levels\n\nThe the sprocket team.\n",
    )
    .unwrap();
    git::git(root, &["checkout", "-q", "-b", "main"]);
    git::git(root, &["add", "."]);
    git::git(root, &["commit", "-q", "-m", "pages"]);
    let base = sha(root);
    // Default branch: old findings do not fail the job; the reports are the widgets' baseline.
    let main_env = [("CI_PIPELINE_SOURCE", "push"), ("CI_COMMIT_BRANCH", "main")];
    assert_eq!(pipeline(root, &main_env), 0);
    assert!(!root.join("rolelint.md").exists(), "no note outside a merge request");
    let (base_prints, base_failing) = widget_inputs(root);
    assert_eq!(
        base_failing.len(),
        2,
        "the old typo and repeated word: {base_failing:?}"
    );

    // The merge request moves the old typo down three lines and adds a new one on another page.
    git::git(root, &["checkout", "-q", "-b", "feature"]);
    let widget = root.join("job-families/widgets/widget-engineer.md");
    let text = std::fs::read_to_string(&widget)
        .unwrap()
        .replace("## Levels\n", "## Levels\n\nIntro.\n\n");
    std::fs::write(&widget, text).unwrap();
    let gadget = root.join("job-families/widgets/gadget-engineer.md");
    let text = std::fs::read_to_string(&gadget)
        .unwrap()
        .replace("ships gadgets", "ships recieved gadgets");
    std::fs::write(&gadget, text).unwrap();
    git::git(root, &["commit", "-q", "-am", "change"]);
    let mr_env = [
        ("CI_PIPELINE_SOURCE", "merge_request_event"),
        ("CI_MERGE_REQUEST_DIFF_BASE_SHA", base.as_str()),
        ("CI_MERGE_REQUEST_IID", "7"),
    ];
    assert_eq!(pipeline(root, &mr_env), 1, "the new error fails the merge request");
    let (head_prints, head_failing) = widget_inputs(root);
    let new: Vec<&String> = head_prints.iter().filter(|p| !base_prints.contains(p)).collect();
    let resolved: Vec<&String> = base_prints.iter().filter(|p| !head_prints.contains(p)).collect();
    assert_eq!(
        (new.len(), resolved.len()),
        (1, 0),
        "Code Quality: one new, none resolved"
    );
    let new_failures: Vec<_> = head_failing.iter().filter(|c| !base_failing.contains(c)).collect();
    assert_eq!(
        new_failures,
        [&(
            "job-families/widgets/gadget-engineer.md".to_owned(),
            "typo: recieved".to_owned()
        )]
    );
    assert!(
        base_failing.iter().all(|c| head_failing.contains(c)),
        "no test is 'fixed'"
    );
    let note = std::fs::read_to_string(root.join("rolelint.md")).unwrap();
    assert!(
        note.contains("#### `job-families/widgets/gadget-engineer.md` (1 error)"),
        "{note}"
    );
    // The widget page changed (lines moved), so it is reported whole; the sprocket page is not.
    assert!(
        note.contains("#### `job-families/widgets/widget-engineer.md`"),
        "{note}"
    );
    assert!(
        !note.contains("sprocket-engineer.md"),
        "only pages the change touches: {note}"
    );
}
