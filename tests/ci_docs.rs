//! The CI recipes in docs/ci parse, and every rolelint flag they use exists.

use std::collections::BTreeSet;

fn help() -> String {
    let out = assert_cmd::Command::cargo_bin("rolelint")
        .unwrap()
        .args(["check", "--help"])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

fn yaml(path: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    serde_saphyr::from_str(&text).unwrap()
}

/// The flags of every `rolelint check` command among `lines` (script steps), with `--format` values.
fn flags(lines: &[String]) -> (BTreeSet<String>, Vec<String>) {
    let mut flags = BTreeSet::new();
    let mut formats = Vec::new();
    for line in lines {
        for command in line.split("&&").chain(line.split("||")) {
            let words: Vec<&str> = command.split_whitespace().collect();
            let Some(at) = words.windows(2).position(|w| w == ["rolelint", "check"]) else {
                continue;
            };
            let mut rest = words[at + 2..].iter();
            while let Some(word) = rest.next() {
                if let Some(flag) = word.strip_prefix("--") {
                    let (name, value) = flag.split_once('=').map_or((flag, None), |(n, v)| (n, Some(v)));
                    flags.insert(format!("--{name}"));
                    if name == "format" {
                        let value = value.map(str::to_owned).or_else(|| rest.next().map(|v| v.to_string()));
                        formats.extend(value);
                    }
                }
            }
        }
    }
    (flags, formats)
}

fn steps(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|i| steps(i, out)),
        _ => {}
    }
}

fn check_flags(lines: &[String], expected: &[&str]) {
    let (used, formats) = flags(lines);
    let help = help();
    for flag in &used {
        assert!(
            help.contains(&format!("{flag} "))
                || help.contains(&format!("{flag}\n"))
                || help.contains(&format!("{flag}["))
                || help.contains(&format!("{flag}=")),
            "{flag} is not in `rolelint check --help`"
        );
    }
    for flag in expected {
        assert!(used.contains(*flag), "{flag} not used in {lines:?}");
    }
    for format in formats {
        let name = format.split('=').next().unwrap();
        assert!(
            rolelint::report::Format::from_name(name).is_some(),
            "unknown format {name}"
        );
    }
}

#[test]
fn gitlab_job_parses_uses_the_merge_base_and_publishes_reports() {
    let doc = yaml("docs/ci/gitlab-ci.yml");
    let job = &doc["rolelint"];
    let mut lines = Vec::new();
    steps(&job["before_script"], &mut lines);
    steps(&job["script"], &mut lines);
    assert!(
        lines
            .iter()
            .any(|l| l.contains("--changed-since \"$CI_MERGE_REQUEST_DIFF_BASE_SHA\"")),
        "{lines:?}"
    );
    check_flags(&lines, &["--changed-since", "--format"]);
    let reports = &job["artifacts"]["reports"];
    assert_eq!(reports["codequality"], "gl-code-quality-report.json");
    assert_eq!(reports["junit"], "rolelint-junit.xml");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("--format gitlab=gl-code-quality-report.json"))
    );
    assert!(lines.iter().any(|l| l.contains("--format junit=rolelint-junit.xml")));
    assert_eq!(job["artifacts"]["when"], "always");
}

#[test]
fn github_workflow_parses_and_uploads_sarif() {
    let doc = yaml("docs/ci/github-actions.yml");
    let steps_list = doc["jobs"]["rolelint"]["steps"].as_array().unwrap();
    let mut lines = Vec::new();
    for step in steps_list {
        steps(&step["run"], &mut lines);
    }
    check_flags(&lines, &["--changed-since", "--format"]);
    let upload = steps_list
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif"))
        })
        .unwrap();
    assert_eq!(upload["with"]["sarif_file"], "rolelint.sarif");
    assert!(lines.iter().any(|l| l.contains("--format sarif=rolelint.sarif")));
}

#[test]
fn the_pre_commit_manifest_names_a_flag_that_exists() {
    let doc = yaml(".pre-commit-hooks.yaml");
    let hook = &doc[0];
    assert_eq!(hook["id"], "rolelint");
    assert_eq!(hook["language"], "rust");
    assert_eq!(hook["require_serial"], true);
    let entry = hook["entry"].as_str().unwrap().to_owned();
    check_flags(&[entry], &["--context"]);
    let files = regex::Regex::new(hook["files"].as_str().unwrap()).unwrap();
    for name in ["a/index.html.md", "b.md.erb", "c.markdown"] {
        assert!(files.is_match(name), "{name}");
    }
    assert!(!files.is_match("rolelint.toml"));
}
