//! Findings at real places in the seed pages: every format validated, positions exact.

use crate::{find, load_json, options, render, schema_errors};
use rolelint::Run;
use rolelint::diagnostic::{Diagnostic, Fix, Severity};
use rolelint::read::{self, SourceFile};
use rolelint::report::{self, Failing, Format, ReportOptions};
use rolelint::span::Span;
use serde_json::Value;
use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds");
const TPM: &str = "seeds/001_a0897a9603f7b2cc.md";
const TEAM: &str = "seeds/000_437ee804ee44b3b9.md";
const PM: &str = "seeds/004_c4472a5308827cac.md";

/// The seeds, each passed through `edit` (to move lines), under short relative paths.
fn sources(edit: &dyn Fn(&str) -> String) -> Vec<SourceFile> {
    let mut names: Vec<String> = std::fs::read_dir(SEEDS)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        .collect();
    names.sort();
    names
        .iter()
        .map(|name| {
            let loaded = read::load(&Path::new(SEEDS).join(name)).unwrap();
            SourceFile::from_text(format!("seeds/{name}"), &edit(&loaded.text), loaded.bom)
        })
        .collect()
}

fn run_with(edit: &dyn Fn(&str) -> String) -> Run {
    let sources = sources(edit);
    let path = |p: &str| -> Arc<str> { Arc::from(p) };
    let efficency = find(&sources, TPM, "Efficency", 0);
    let mut diagnostics = vec![
        Diagnostic::new(
            "typo",
            Severity::Error,
            path(TPM),
            efficency,
            "`Efficency` is not a word",
        )
        .with_label("unknown word")
        .with_help("did you mean `Efficiency`?")
        .with_fix(Fix::replace(
            efficency,
            "Efficiency",
            "replace `Efficency` with `Efficiency`",
        ))
        .with_policy("rules/vocabulary.txt (embedded)")
        .with_key("word=Efficency;n=1"),
        Diagnostic::new(
            "typo",
            Severity::Error,
            path(TPM),
            find(&sources, TPM, "initaitives", 0),
            "`initaitives` is not a word",
        )
        .with_label("unknown word")
        .with_help("did you mean `initiatives`?")
        .with_policy("rules/vocabulary.txt (embedded)")
        .with_key("word=initaitives;n=1"),
        Diagnostic::new(
            "divergent-table",
            Severity::Warning,
            path(TPM),
            find(&sources, TPM, "/job-families/product/program-manager/", 0),
            "this copy of the Product | Infrastructure | Security table links elsewhere than its other copy",
        )
        .with_label("links to /job-families/product/program-manager/")
        .with_related(
            path(TEAM),
            find(&sources, TEAM, "/job-families/product/technical-program-manager", 2),
            "the other copy links to /job-families/product/technical-program-manager",
        )
        .with_help("keep copied tables identical, or link to one of them")
        .with_policy("rules/checks.yaml (embedded)")
        .with_key("table=Product|Infrastructure|Security;row=6;col=1"),
        Diagnostic::new(
            "missing-reports-to",
            Severity::Warning,
            path(PM),
            find(&sources, PM, "### Senior Product Manager", 0),
            "level `Senior Product Manager` does not say whom it reports to",
        )
        .with_label("this level")
        .with_related(
            path(PM),
            find(&sources, PM, "#### Job Grade", 1),
            "its grade is given here",
        )
        .with_help("add a line such as `This position reports to …` under the level")
        .with_policy("rules/sections.yaml (embedded)")
        .with_key("level=Senior Product Manager;field=reports-to"),
        Diagnostic::new(
            "curly-quotes",
            Severity::Info,
            path(TPM),
            find(&sources, TPM, "“cat herder.”", 0),
            "curly quotes around a term",
        )
        .with_policy("rolelint.toml [[rule]] curly-quotes")
        .with_key("quote=cat herder."),
    ];
    rolelint::diagnostic::sort(&mut diagnostics);
    Run {
        sources,
        diagnostics,
        ..Default::default()
    }
}

fn seed_run() -> Run {
    run_with(&|text| text.to_owned())
}

#[test]
fn seed_positions_are_where_the_words_are() {
    let run = seed_run();
    let concise = render(Format::Concise, &run);
    let lines: Vec<&str> = concise.lines().collect();
    assert_eq!(
        lines,
        [
            "seeds/001_a0897a9603f7b2cc.md:3:49: error[typo] `initaitives` is not a word",
            "seeds/001_a0897a9603f7b2cc.md:34:30: info[curly-quotes] curly quotes around a term",
            "seeds/001_a0897a9603f7b2cc.md:73:42: warning[divergent-table] this copy of the Product | Infrastructure | Security table links elsewhere than its other copy",
            "seeds/001_a0897a9603f7b2cc.md:171:27: error[typo] `Efficency` is not a word",
            "seeds/004_c4472a5308827cac.md:179:1: warning[missing-reports-to] level `Senior Product Manager` does not say whom it reports to",
            "Found 2 errors, 2 warnings and 1 info in 5 files.",
        ]
    );
}

#[test]
fn human_output_shows_places_policy_and_suppression() {
    let text = render(Format::Human, &seed_run());
    // Columns count characters: `“` is 3 bytes, a byte count would give column 32.
    assert!(text.contains("[seeds/001_a0897a9603f7b2cc.md:34:30]"), "{text}");
    assert!(text.contains("policy: rules/vocabulary.txt (embedded)"));
    assert!(text.contains("<!-- rolelint-disable-next-line typo -->"));
    assert!(!text.contains('\u{1b}'), "no ANSI escapes with colour off");
}

#[test]
fn human_colour_and_unicode_are_options() {
    let run = seed_run();
    let coloured = report::render(
        Format::Human,
        &run,
        &ReportOptions {
            color: true,
            unicode: true,
            ..options()
        },
    );
    assert!(coloured.contains('\u{1b}'));
    assert!(coloured.contains('╭'));
    assert!(!coloured.contains("\u{1b}]8;;"), "no hyperlinks unless asked");
}

#[test]
fn json_follows_the_contract_and_validates() {
    let text = render(Format::Json, &seed_run());
    let value: Value = serde_json::from_str(&text).unwrap();
    let schema = load_json(concat!(env!("CARGO_MANIFEST_DIR"), "/grammar/diagnostics.schema.json"));
    assert_eq!(schema_errors(&schema, &value), Vec::<String>::new());
    assert_eq!(value["version"], 1);
    assert_eq!(
        value["summary"],
        serde_json::json!({"files": 5, "errors": 2, "warnings": 2, "infos": 1, "unreadable": 0, "unverifiable_links": 0})
    );
    let first = &value["diagnostics"][0];
    assert_eq!(first["rule"], "typo");
    assert_eq!(first["path"], TPM);
    assert_eq!(first["span"]["start"]["line"], 3);
    assert_eq!(first["span"]["start"]["column"], 49);
    let quote = &value["diagnostics"][1];
    // `“` is one column but three bytes: the end column is 13 characters on, the offset 17 bytes.
    let (start, end) = (&quote["span"]["start"], &quote["span"]["end"]);
    assert_eq!(end["column"].as_u64().unwrap() - start["column"].as_u64().unwrap(), 13);
    assert_eq!(end["offset"].as_u64().unwrap() - start["offset"].as_u64().unwrap(), 17);
    let divergent = &value["diagnostics"][2];
    assert_eq!(divergent["related"][0]["path"], TEAM);
    assert_eq!(divergent["related"][0]["span"]["start"]["line"], 59);
    // The schema is not vacuous: a renamed field fails.
    let mut broken = value.clone();
    let d = broken["diagnostics"][0].as_object_mut().unwrap();
    let rule = d.remove("rule").unwrap();
    d.insert("code".into(), rule);
    assert!(!schema_errors(&schema, &broken).is_empty());
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let text = render(Format::Sarif, &seed_run());
    let value: Value = serde_json::from_str(&text).unwrap();
    let schema = load_json(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/schemas/sarif-2.1.0.json"
    ));
    assert_eq!(schema_errors(&schema, &value), Vec::<String>::new());
    let run = &value["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["curly-quotes", "divergent-table", "missing-reports-to", "typo"]);
    assert_eq!(rules[3]["shortDescription"]["text"], "a misspelt word in prose");
    assert_eq!(rules[3]["helpUri"], "https://rolelint.dev/rules/typo");
    assert_eq!(rules[0]["shortDescription"]["text"], "rolelint rule `curly-quotes`");
    assert_eq!(rules[0]["defaultConfiguration"]["level"], "note");
    for result in run["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
    let efficency = &run["results"][3];
    assert_eq!(efficency["level"], "error");
    let region = &efficency["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(171), Some(27))
    );
    assert_eq!(region["byteLength"], 9);
    let replacement = &efficency["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(replacement["deletedRegion"]["byteOffset"], region["byteOffset"]);
    assert_eq!(replacement["insertedContent"]["text"], "Efficiency");
    // An invalid level is rejected, so the schema really is applied.
    let mut broken = value.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!schema_errors(&schema, &broken).is_empty());
}

/// What GitHub code scanning documents for uploaded SARIF, over every built-in rule.
#[test]
fn sarif_meets_github_code_scanning_rules() {
    let mut run = seed_run();
    let span = run.diagnostics[0].span;
    run.diagnostics = rolelint::checks::registry::CHECKS
        .iter()
        .map(|c| {
            let id = c.meta().id;
            Diagnostic::new(id, Severity::Warning, Arc::from(format!("./{TPM}")), span, "m").with_key(id)
        })
        .collect();
    let value: Value = serde_json::from_str(&report::render(Format::Sarif, &run, &ReportOptions::plain())).unwrap();
    let run = &value["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), rolelint::checks::registry::CHECKS.len());
    for rule in rules {
        let full = rule["fullDescription"]["text"].as_str().unwrap();
        assert!(
            !full.is_empty() && full.chars().count() <= 1024,
            "{}: {} chars",
            rule["id"],
            full.len()
        );
        assert!(!full.contains('`') && !full.contains("## "), "plain text: {full}");
        assert!(rule["help"]["markdown"].as_str().unwrap().contains("## What it does"));
        assert!(
            rule["name"]
                .as_str()
                .unwrap()
                .chars()
                .next()
                .unwrap()
                .is_ascii_uppercase()
        );
        let properties = &rule["properties"];
        assert_eq!(properties["tags"][0], "rolelint");
        assert!(["high", "medium"].contains(&properties["precision"].as_str().unwrap()));
        assert!(["error", "warning", "recommendation"].contains(&properties["problem.severity"].as_str().unwrap()));
        assert!(properties.get("security-severity").is_none());
    }
    let base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"].as_str().unwrap();
    assert!(base.starts_with("file:///") && base.ends_with('/'), "{base}");
    let prints: HashSet<&str> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let location = &r["locations"][0]["physicalLocation"]["artifactLocation"];
            assert_eq!(location["uri"], TPM, "repository-relative, no ./");
            assert_eq!(location["uriBaseId"], "%SRCROOT%");
            let fp = &r["partialFingerprints"];
            assert_eq!(fp["primaryLocationLineHash"], fp["rolelint/v1"]);
            fp["primaryLocationLineHash"].as_str().unwrap()
        })
        .collect();
    assert_eq!(prints.len(), rolelint::checks::registry::CHECKS.len());
}

#[test]
fn gitlab_fingerprints_are_unique_and_survive_moved_lines() {
    let text = render(Format::Gitlab, &seed_run());
    assert!(text.starts_with('['), "no BOM, an array");
    let before: Value = serde_json::from_str(&text).unwrap();
    // A blank line at the top of every page moves every finding down one line.
    let moved: Value = serde_json::from_str(&render(Format::Gitlab, &run_with(&|t| format!("\n{t}")))).unwrap();
    let issues = before.as_array().unwrap();
    let prints: HashSet<&str> = issues.iter().map(|i| i["fingerprint"].as_str().unwrap()).collect();
    assert_eq!(prints.len(), issues.len());
    for (a, b) in issues.iter().zip(moved.as_array().unwrap()) {
        assert_eq!(a["fingerprint"], b["fingerprint"]);
        let line = |i: &Value| i["location"]["lines"]["begin"].as_u64().unwrap();
        assert_eq!(line(a) + 1, line(b));
    }
    let severities: Vec<&str> = issues.iter().map(|i| i["severity"].as_str().unwrap()).collect();
    assert_eq!(severities, ["major", "info", "minor", "major", "minor"]);
}

#[test]
fn junit_lists_every_file_with_unique_cases() {
    let text = render(Format::Junit, &seed_run());
    let doc = roxmltree::Document::parse(&text).unwrap();
    let cases: Vec<roxmltree::Node> = doc.descendants().filter(|n| n.has_tag_name("testcase")).collect();
    let mut seen = HashSet::new();
    for case in &cases {
        let class = case.attribute("classname").unwrap();
        assert!(class.starts_with("seeds/") && class.ends_with(".md"), "{class}");
        assert!(seen.insert((class, case.attribute("name").unwrap())), "duplicate case");
    }
    let classes: HashSet<&str> = cases.iter().map(|c| c.attribute("classname").unwrap()).collect();
    assert_eq!(classes.len(), 5, "every file is listed");
    let failures = cases
        .iter()
        .filter(|c| c.children().any(|n| n.has_tag_name("failure")))
        .count();
    assert_eq!(
        failures, 2,
        "errors fail; warnings and the info pass, as the exit code does"
    );
    let suite = doc.descendants().find(|n| n.has_tag_name("testsuite")).unwrap();
    assert_eq!(suite.attribute("tests"), Some("8"));
    assert_eq!(suite.attribute("failures"), Some("2"));
    for case in &cases {
        assert_eq!(
            case.attribute("file"),
            case.attribute("classname"),
            "GitLab reads `file`"
        );
    }
    // Past --max-warnings the warnings fail the run, and so their cases; --exit-zero fails none.
    let failing = |failing: Failing| {
        let options = ReportOptions { failing, ..options() };
        let text = report::render(Format::Junit, &seed_run(), &options);
        let doc = roxmltree::Document::parse(&text).unwrap();
        let suite = doc.descendants().find(|n| n.has_tag_name("testsuite")).unwrap();
        suite.attribute("failures").unwrap().to_owned()
    };
    assert_eq!(
        failing(Failing {
            errors: true,
            warnings: true
        }),
        "4"
    );
    assert_eq!(
        failing(Failing {
            errors: false,
            warnings: false
        }),
        "0"
    );
}

/// (class name, case name, failure text) of every case of a JUnit report.
fn junit_cases(text: &str) -> Vec<(String, String, String)> {
    let doc = roxmltree::Document::parse(text).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .map(|c| {
            let body = c.descendants().filter_map(|n| n.text()).collect::<String>();
            (
                c.attribute("classname").unwrap().to_owned(),
                c.attribute("name").unwrap().to_owned(),
                body,
            )
        })
        .collect()
}

#[test]
fn junit_names_do_not_move_with_lines() {
    let before = junit_cases(&render(Format::Junit, &seed_run()));
    // Three lines at the top of every page move every finding down three lines.
    let after = junit_cases(&render(Format::Junit, &run_with(&|t| format!("\n\n\n{t}"))));
    assert_eq!(before.len(), after.len());
    let changed = before
        .iter()
        .zip(&after)
        .filter(|(a, b)| (&a.0, &a.1) != (&b.0, &b.1))
        .count();
    assert_eq!(changed, 0, "no case identity changes: {before:?} {after:?}");
    // The location is in the text, and that does move.
    let typo = |cases: &[(String, String, String)]| {
        cases
            .iter()
            .find(|c| c.1 == "typo: word=Efficency;n=1")
            .map(|c| c.2.clone())
            .unwrap()
    };
    assert!(typo(&before).contains(&format!("{TPM}:")), "{}", typo(&before));
    assert_ne!(typo(&before), typo(&after));
}

#[test]
fn github_annotations() {
    let text = render(Format::Github, &seed_run());
    let first = text.lines().next().unwrap();
    assert_eq!(
        first,
        "::error file=seeds/001_a0897a9603f7b2cc.md,line=3,col=49,endLine=3,endColumn=60,\
         title=rolelint(typo)::`initaitives` is not a word%0Ahelp: did you mean `initiatives`?"
    );
    assert!(text.contains("::notice file="));
}

#[test]
fn unreadable_files_appear_in_every_report() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("latin1.md");
    std::fs::write(&bad, b"# Caf\xe9\n").unwrap();
    let mut run = seed_run();
    run.errors.push(read::load(&bad).unwrap_err());
    let human = render(Format::Human, &run);
    assert!(human.contains("latin1.md: not valid UTF-8"), "{human}");
    assert!(human.ends_with("in 5 files. 1 file could not be read.\n"));
    let json: Value = serde_json::from_str(&render(Format::Json, &run)).unwrap();
    assert_eq!(json["summary"]["unreadable"], 1);
    let sarif: Value = serde_json::from_str(&render(Format::Sarif, &run)).unwrap();
    assert_eq!(sarif["runs"][0]["invocations"][0]["executionSuccessful"], false);
    let junit = render(Format::Junit, &run);
    assert!(junit.contains("<error"));
    assert!(render(Format::Github, &run).contains("title=rolelint(read)::not valid UTF-8"));
    assert!(render(Format::Concise, &run).contains("latin1.md: error: not valid UTF-8"));
}

#[test]
fn a_clean_run() {
    let mut run = seed_run();
    run.diagnostics.clear();
    assert_eq!(render(Format::Human, &run), "All checks passed on 5 files.\n");
    assert_eq!(render(Format::Gitlab, &run), "[]\n");
}

#[test]
fn odd_spans_never_break_a_report() {
    let mut run = seed_run();
    let quote = find(&run.sources, TPM, "“", 0).start as usize;
    let len = run.sources.iter().find(|s| &*s.path == TPM).unwrap().text.len();
    let path: Arc<str> = Arc::from(TPM);
    let odd = [
        (path.clone(), Span::new(quote + 1, quote + 2)),
        (path.clone(), Span::new(len, len)),
        (path.clone(), Span::new(len + 10, len + 20)),
        (Arc::from("rules/ladder.yaml"), Span::new(3, 8)),
    ];
    for (p, span) in odd {
        run.diagnostics.push(
            Diagnostic::new("odd", Severity::Warning, p.clone(), span, "odd span").with_related(
                Arc::from("not/loaded.md"),
                Span::new(1, 2),
                "elsewhere",
            ),
        );
    }
    for format in Format::ALL {
        let text = render(format, &run);
        assert!(text.contains("odd") || format == Format::Junit, "{format:?}");
    }
    let human = render(Format::Human, &run);
    assert!(!human.contains("Failed to read"), "stale spans are clamped: {human}");
    assert!(human.contains("[seeds/001_a0897a9603f7b2cc.md:34:30]"), "{human}");
    assert!(human.contains("elsewhere (not/loaded.md:1:2)"));
    let concise = render(Format::Concise, &run);
    assert!(
        concise.contains("rules/ladder.yaml:1:4: warning[odd] odd span"),
        "{concise}"
    );
    assert!(concise.contains(&format!("{TPM}:34:30: warning[odd]")), "{concise}");
}
