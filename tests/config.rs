//! Configuration: discovery, `--config`, `extend`, per-path overrides, severities, and the errors
//! a bad configuration or policy file gives (file, line, column, key, what was expected).

#[path = "common/text.rs"]
mod text;
use assert_cmd::Command;
use rolelint::diagnostic::Severity;
use rolelint::policy::Policy;
use rolelint::{Settings, lint};
use std::path::PathBuf;
use text::tree;

const TREE: &str = "fixtures/config/discovery";

/// `path rule severity` of every finding of a run over `paths`.
fn findings(paths: &[&str], config: Option<&str>) -> Vec<String> {
    let run = lint(&Settings {
        paths: paths.iter().map(PathBuf::from).collect(),
        config: config.map(PathBuf::from),
        ..Default::default()
    });
    assert!(run.config_errors.is_empty(), "{:?}", run.config_errors);
    assert!(run.errors.is_empty());
    run.diagnostics
        .iter()
        .map(|d| format!("{} {} {}", d.path, d.rule, d.severity.as_str()))
        .collect()
}

#[test]
fn the_nearest_config_governs_each_file() {
    assert_eq!(
        findings(&[TREE], None),
        [
            "fixtures/config/discovery/extended/page.md missing-title info",
            "fixtures/config/discovery/nested/page.md missing-description warning",
            "fixtures/config/discovery/nested/page.md missing-title warning",
            "fixtures/config/discovery/team/page.md missing-title error",
        ]
    );
}

#[test]
fn an_explicit_config_replaces_discovery() {
    let nested = format!("{TREE}/nested/rolelint.toml");
    assert_eq!(
        findings(
            &[&format!("{TREE}/team/page.md"), &format!("{TREE}/legacy")],
            Some(&nested)
        ),
        [
            "fixtures/config/discovery/legacy/old.md missing-description warning",
            "fixtures/config/discovery/legacy/old.md missing-title warning",
            "fixtures/config/discovery/team/page.md missing-description warning",
            "fixtures/config/discovery/team/page.md missing-title warning",
        ]
    );
}

#[test]
fn extend_inherits_and_overrides_match_globs_relative_to_the_config() {
    let extended = format!("{TREE}/extended/rolelint.toml");
    // Through `extend`, the root's override (`legacy/**`, relative to the root config) applies.
    assert_eq!(
        findings(&[&format!("{TREE}/legacy/old.md")], Some(&extended)),
        Vec::<String>::new()
    );
    assert_eq!(
        findings(&[&format!("{TREE}/team/page.md")], Some(&extended)),
        ["fixtures/config/discovery/team/page.md missing-title info"]
    );
}

#[test]
fn cli_select_and_ignore_apply_on_top() {
    let run = lint(&Settings {
        paths: vec![PathBuf::from(format!("{TREE}/nested"))],
        ignore: vec!["missing-title".into()],
        ..Default::default()
    });
    let rules: Vec<&str> = run.diagnostics.iter().map(|d| d.rule.as_ref()).collect();
    assert_eq!(rules, ["missing-description"]);
    let run = lint(&Settings {
        paths: vec![PathBuf::from(format!("{TREE}/nested"))],
        select: vec!["missing-title".into()],
        ..Default::default()
    });
    assert_eq!(run.diagnostics.len(), 1);
    assert_eq!(run.diagnostics[0].severity, Severity::Warning);
}

#[test]
fn a_bad_config_names_file_line_key_and_what_was_expected() {
    let run = lint(&Settings {
        paths: vec![PathBuf::from("tests/data/bad-config")],
        ..Default::default()
    });
    assert!(run.diagnostics.is_empty());
    assert_eq!(run.config_errors.len(), 1);
    let e = &run.config_errors[0];
    assert_eq!(
        (e.file.as_str(), e.line, e.column, e.key.as_str()),
        ("tests/data/bad-config/rolelint.toml", 3, 17, "severity.missing-title")
    );
    assert_eq!(
        e.to_string(),
        "tests/data/bad-config/rolelint.toml:3:17: severity.missing-title: \
         expected one of \"error\", \"warning\", \"info\", \"off\", found \"warn\""
    );
    let help = miette::Diagnostic::help(e).map(|h| h.to_string());
    assert_eq!(help.as_deref(), Some("did you mean \"warning\"?"));
}

fn first_error(dir: &tempfile::TempDir) -> rolelint::policy::Error {
    let run = lint(&Settings {
        paths: vec![dir.path().to_path_buf()],
        ..Default::default()
    });
    assert!(run.diagnostics.is_empty());
    run.config_errors.into_iter().next().expect("a config error")
}

#[test]
fn an_extend_cycle_is_an_error_at_the_extend_key() {
    let dir = tree(&[
        ("a/rolelint.toml", "extend = \"../b/rolelint.toml\"\n"),
        ("b/rolelint.toml", "# loops back\nextend = \"../a/rolelint.toml\"\n"),
        ("a/page.md", "# Page\n"),
    ]);
    let e = first_error(&dir);
    assert!(e.file.ends_with("b/rolelint.toml"), "{e}");
    assert_eq!((e.line, e.column, e.key.as_str()), (2, 10, "extend"));
    assert!(e.message.starts_with("`extend` makes a cycle: "), "{e}");
    assert!(e.message.ends_with("a/rolelint.toml"), "{e}");
}

#[test]
fn unknown_keys_and_rule_ids_suggest_the_right_one() {
    let dir = tree(&[
        (
            "rolelint.toml",
            "ignore = [\"missing-title\"]\nselct = [\"missing-grade\"]\n",
        ),
        ("page.md", "# Page\n"),
    ]);
    let e = first_error(&dir);
    assert_eq!((e.line, e.column, e.key.as_str()), (2, 1, "selct"));
    assert!(e.message.starts_with("unknown key `selct`; expected one of: "), "{e}");
    assert!(e.message.contains("overrides"), "{e}");

    let dir = tree(&[
        (
            "rolelint.toml",
            "[[overrides]]\nfiles = [\"old/**\"]\nignore = [\"missing-titel\"]\n",
        ),
        ("page.md", "# Page\n"),
    ]);
    let e = first_error(&dir);
    assert_eq!((e.line, e.column, e.key.as_str()), (3, 11, "overrides[0].ignore[0]"));
    assert_eq!(e.message, "unknown rule or family `missing-titel`");
    let help = miette::Diagnostic::help(&e).map(|h| h.to_string());
    assert_eq!(
        help.as_deref(),
        Some("did you mean `missing-title`? `rolelint rules` lists every rule")
    );
}

#[test]
fn config_rules_and_ladder_rows_are_checked_where_written() {
    let dir = tree(&[
        (
            "rolelint.toml",
            "[[rules]]\nid = \"title-case\"\nseverity = \"error\"\nsummary = \"x\"\ngiven = \"levels[*]\"\n\
             then = { function = \"pattern\", field = \"title\", match = \"([A-Z]\" }\nmessage = \"x\"\n",
        ),
        ("page.md", "# Page\n"),
    ]);
    let e = first_error(&dir);
    assert_eq!((e.line, e.column, e.key.as_str()), (6, 57, "rules[0].then.match"));
    assert!(e.message.starts_with("not a valid regex: "), "{e}");

    let dir = tree(&[
        (
            "rolelint.toml",
            "[[ladder.ladders]]\nname = \"default\"\nrows = [{ level = \"senior\", grade = \"7\" }]\n",
        ),
        ("page.md", "# Page\n"),
    ]);
    let e = first_error(&dir);
    assert_eq!((e.line, e.column), (3, 37));
    assert_eq!(e.key, "ladder.ladders[0].rows[0].grade");
    assert_eq!(e.message, "expected integer, found a string");
}

#[test]
fn a_bad_policy_file_is_located_like_a_config() {
    let yaml = "\
rules:
  - id: missing-grade-2
    severity: fatal
    summary: x
    given: levels[*]
    then: { function: required, fields: [grade] }
    message: x
";
    let e = Policy::default()
        .apply_checks_file("rules/checks.yaml", yaml)
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "rules/checks.yaml:3:15: rules[0].severity: expected one of \"error\", \"warning\", \"info\", found \"fatal\""
    );
    let e = Policy::default()
        .apply_checks_file(
            "rules/checks.yaml",
            &yaml.replace("fatal", "error").replace("levels[*]", "levels[*"),
        )
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "rules/checks.yaml:5:12: rules[0].given: expected a selector like `levels[*].sections[*]`, found \"levels[*\""
    );
    let e = Policy::default()
        .apply_ladder_file(
            "rules/ladder.yaml",
            "ladders:\n  - name: default\n    rows:\n      - { level: senior }\n",
        )
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "rules/ladder.yaml:4:9: ladders[0].rows[0]: missing required key `grade`"
    );
}

#[test]
fn the_binary_exits_2_and_names_the_bad_file() {
    let out = Command::cargo_bin("rolelint")
        .unwrap()
        .args(["check", "--color", "never", "tests/data/bad-config"])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        stderr.contains("tests/data/bad-config/rolelint.toml:3:17: severity.missing-title: expected one of"),
        "{stderr}"
    );
}

#[test]
fn config_sets_vocabulary_options_and_its_own_ladder() {
    let dir = tree(&[(
        "rolelint.toml",
        "[vocabulary]\naccept = [\"Kubernetes\"]\n\n[options.missing-reports-to]\nmode = \"required\"\n\n\
         [ladder]\nreplace = true\n\n[[ladder.ladders]]\nname = \"default\"\nrows = [{ level = \"senior\", grade = 6 }]\n",
    )]);
    let p = rolelint::policy::load_config(&dir.path().join("rolelint.toml")).unwrap();
    assert_eq!(p.accept_words, ["Kubernetes"]);
    assert_eq!(p.option_str("missing-reports-to", "mode"), Some("required"));
    assert_eq!(p.ladder.ladders.len(), 1);
    assert_eq!(p.ladder.ladders[0].rows.len(), 1);
    assert!(p.rule("missing-grade").is_some(), "the default rules stay");

    let dir = tree(&[("rolelint.toml", "[options.missing-reports-to]\nmode = \"sometimes\"\n")]);
    let e = rolelint::policy::load_config(&dir.path().join("rolelint.toml")).unwrap_err();
    assert_eq!(
        (e.line, e.column, e.key.as_str()),
        (2, 8, "options.missing-reports-to.mode")
    );
    assert_eq!(
        e.message,
        "expected one of \"consistent\", \"required\", \"off\", found \"sometimes\""
    );
}

#[test]
fn rules_and_rule_commands_list_and_explain() {
    let out = Command::cargo_bin("rolelint").unwrap().arg("rules").assert().code(0);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    let first: Vec<&str> = stdout.lines().next().unwrap().split_whitespace().collect();
    assert_eq!(first, ["ID", "FAMILY", "SEVERITY", "FIX", "SUMMARY"]);
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("missing-grade ") && l.contains(" declarative "))
    );

    let out = Command::cargo_bin("rolelint")
        .unwrap()
        .args(["rule", "unused-suppression"])
        .assert()
        .code(0);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        stdout.starts_with("# unused-suppression\n\nmeta · warning · not fixable\n"),
        "{stdout}"
    );
    assert!(stdout.contains("## Why is this bad?"));

    let out = Command::cargo_bin("rolelint")
        .unwrap()
        .args(["rule", "missing-grades"])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.contains("did you mean `missing-grade`?"), "{stderr}");

    let out = Command::cargo_bin("rolelint")
        .unwrap()
        .args(["rule", "--all", "--format", "json"])
        .assert()
        .code(0);
    let all: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let ids: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"section-title-mismatch") && ids.contains(&"parse-error"),
        "{ids:?}"
    );
}

/// The configuration shown in the README is valid: every key it names exists and parses.
#[test]
fn readme_configuration_example_is_valid() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme.find("```toml\n").expect("a toml block in the README") + "```toml\n".len();
    let end = start + readme[start..].find("```").unwrap();
    // `extend` and the redirects file name files of the reader's own repository.
    let config: String = readme[start..end]
        .lines()
        .filter(|l| !l.starts_with("extend ="))
        .map(|l| {
            if l.starts_with("redirects =") {
                "redirects = \"redirects.yml\""
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("rolelint.toml"), config).unwrap();
    std::fs::write(dir.path().join("redirects.yml"), "[]\n").unwrap();
    std::fs::write(
        dir.path().join("page.md"),
        "---\ntitle: \"Widget Guru\"\n---\n\n## Levels\n\n### Widget Guru\n\nThe Widget Guru is a grade 6.\n",
    )
    .unwrap();
    let run = rolelint::lint(&rolelint::Settings {
        paths: vec![dir.path().to_path_buf()],
        ..Default::default()
    });
    let errors: Vec<String> = run.config_errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(errors, Vec::<String>::new());
    let rules: Vec<&str> = run.diagnostics.iter().map(|d| &*d.rule).collect();
    assert!(rules.contains(&"hype-title"), "{rules:?}");
    assert!(!rules.contains(&"missing-description"), "{rules:?}");
}

#[test]
fn a_nested_config_vocabulary_is_honoured_by_the_corpus_wide_spelling_check() {
    // The typo check judges across all pages, but which words a page accepts is its own policy's.
    let page = "---\ntitle: Widget Baker\ndescription: Bakes widgets.\n---\n\nWe recieve widget orders.\n";
    let dir = tree(&[
        ("a.md", page),
        ("team/b.md", page),
        ("team/rolelint.toml", "[vocabulary]\naccept = [\"recieve\"]\n"),
    ]);
    let run = lint(&Settings {
        paths: vec![dir.path().to_path_buf()],
        select: vec!["typo".into()],
        ..Default::default()
    });
    let found: Vec<(String, &str, u32)> = run
        .diagnostics
        .iter()
        .map(|d| {
            let path = std::path::Path::new(&*d.path).strip_prefix(dir.path()).unwrap();
            (path.display().to_string(), &*d.rule, d.span.start)
        })
        .collect();
    assert_eq!(found, [("a.md".to_owned(), "typo", 60)]);
}

#[test]
fn a_broken_configuration_is_an_error_even_with_no_page_to_lint() {
    let dir = tree(&[("rolelint.toml", "severity = 3\n"), ("empty/.keep", "")]);
    let out = Command::cargo_bin("rolelint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "empty"])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        stderr.contains("rolelint.toml:1:12: severity: expected object"),
        "{stderr}"
    );
}
