//! The `typo` and `repeated-word` checks on fixtures, on the seeds and (ignored by default) on the corpus.

mod support;

use std::path::{Path, PathBuf};
use support::{Found, page, word_at};

fn shared(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared").join(rel)
}

fn markdown_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "md") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn lint_files(files: &[PathBuf]) -> Vec<(Found, String)> {
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|f| (f.display().to_string(), std::fs::read_to_string(f).unwrap()))
        .collect();
    let pages = texts.iter().map(|(p, t)| page(p, t)).collect();
    support::lint(pages)
        .into_iter()
        .map(|f| {
            let text = &texts.iter().find(|(p, _)| *p == f.path).unwrap().1;
            let word = word_at(text, &f);
            (f, word)
        })
        .collect()
}

fn fixture(check: &str, name: &str) -> (String, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/checks")
        .join(check)
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    (format!("fixtures/checks/{check}/{name}"), text)
}

/// Lints one fixture alone and renders its findings as `fail.expected` does.
fn expected_lines(check: &str, name: &str) -> Vec<String> {
    let (path, text) = fixture(check, name);
    support::lint(vec![page(&path, &text)])
        .into_iter()
        .map(|f| format!("{}:{} {}", f.line, f.column, f.rule))
        .collect()
}

#[test]
fn fixtures_match_their_expected_findings() {
    for check in ["typo", "repeated-word"] {
        let (_, expected) = fixture(check, "fail.expected");
        let expected: Vec<&str> = expected.lines().collect();
        assert_eq!(expected_lines(check, "fail.md"), expected, "{check}/fail.md");
        assert_eq!(
            expected_lines(check, "pass.md"),
            Vec::<String>::new(),
            "{check}/pass.md"
        );
    }
}

#[test]
fn typo_fixture_messages_and_fixes() {
    let (path, text) = fixture("typo", "fail.md");
    let found: Vec<(String, String, Option<String>)> = support::lint(vec![page(&path, &text)])
        .into_iter()
        .map(|f| (format!("{}:{}", f.line, f.column), f.message, f.fix))
        .collect();
    let want = [
        ("3:88", "`curent` is a misspelling of `current`", Some("current")),
        (
            "11:5",
            "`Responsabilities` is a misspelling of `Responsibilities`",
            Some("Responsibilities"),
        ),
        ("13:3", "`Recieve` is a misspelling of `Receive`", Some("Receive")),
        (
            "14:18",
            "`onbaording` is a misspelling of `onboarding`",
            Some("onboarding"),
        ),
        (
            "15:14",
            "`onboardng` looks like a misspelling of `onboarding`",
            Some("onboarding"),
        ),
        (
            "16:25",
            "`Managment` is a misspelling of `Management`",
            Some("Management"),
        ),
        ("21:27", "`Seperate` is a misspelling of `Separate`", Some("Separate")),
        // No other page and no list of misspellings: general English is the evidence.
        (
            "23:27",
            "`itinarary` looks like a misspelling of `itinerary`",
            Some("itinerary"),
        ),
        // Capitalised like a name: only a very common word, a letter dropped.
        (
            "24:12",
            "`Felow` looks like a misspelling of `Fellow` or `Flow`",
            Some("Fellow"),
        ),
        // Built from a known word (`propose` + `al`), yet one edit from a common one.
        (
            "24:44",
            "`proposeal` looks like a misspelling of `proposal`",
            Some("proposal"),
        ),
    ];
    let want: Vec<(String, String, Option<String>)> = want
        .iter()
        .map(|(at, m, fix)| (at.to_string(), m.to_string(), fix.map(str::to_owned)))
        .collect();
    assert_eq!(found, want);
}

#[test]
fn repeated_word_fixture_messages_and_fixes() {
    let (path, text) = fixture("repeated-word", "fail.md");
    let found: Vec<(String, String, Option<String>)> = support::lint(vec![page(&path, &text)])
        .into_iter()
        .map(|f| (format!("{}:{}", f.line, f.column), f.message, f.fix))
        .collect();
    let want = [
        ("7:22", "`the` is repeated"),
        ("8:35", "`within` is repeated"),
        ("9:37", "`with` is repeated"),
        ("12:10", "`The` is repeated"),
    ];
    let mut want: Vec<(String, String, Option<String>)> = want
        .iter()
        .map(|(at, m)| (at.to_string(), m.to_string(), Some(String::new())))
        .collect();
    // An acronym pair naming one term twice has no fix: which side was meant is unknown.
    want.push(("14:24".into(), "`ATS/ATS` names `ATS` twice".into(), None));
    assert_eq!(found, want);
}

/// Every misspelling in the seeds, found by reading them word by word: (file, line, column, word).
const SEED_TYPOS: &[(&str, u32, u32, &str)] = &[
    ("001_a0897a9603f7b2cc.md", 3, 49, "initaitives"),
    ("001_a0897a9603f7b2cc.md", 128, 52, "stategy"),
    ("001_a0897a9603f7b2cc.md", 167, 10, "anaytical"),
    ("001_a0897a9603f7b2cc.md", 171, 27, "Efficency"),
    ("004_c4472a5308827cac.md", 36, 45, "commericial"),
    ("004_c4472a5308827cac.md", 60, 3, "Enagage"),
    ("004_c4472a5308827cac.md", 191, 3, "Indepedently"),
    ("004_c4472a5308827cac.md", 193, 34, "qualitatative"),
    ("004_c4472a5308827cac.md", 193, 49, "quantiative"),
    ("004_c4472a5308827cac.md", 193, 66, "proactibvely"),
    ("004_c4472a5308827cac.md", 249, 96, "Prinicipal"),
    ("004_c4472a5308827cac.md", 434, 56, "funcitonality"),
    ("004_c4472a5308827cac.md", 480, 118, "lifycle"),
    ("004_c4472a5308827cac.md", 536, 217, "decsions"),
    ("004_c4472a5308827cac.md", 562, 174, "compeling"),
    ("004_c4472a5308827cac.md", 606, 100, "iterationsn"),
    ("004_c4472a5308827cac.md", 644, 23, "fullfilment"),
];

fn seed_findings(files: &[PathBuf]) -> Vec<(String, u32, u32, String, String)> {
    lint_files(files)
        .into_iter()
        .map(|(f, word)| {
            let name = Path::new(&f.path).file_name().unwrap().to_string_lossy().into_owned();
            (name, f.line, f.column, f.rule, word)
        })
        .collect()
}

/// The seeds' repeated words: the acronym pair `CI/CI` (for `CI/CD`) in a list item and a table cell.
const SEED_REPEATS: &[(&str, u32, u32, &str)] = &[
    ("001_a0897a9603f7b2cc.md", 71, 192, "CI"),
    ("003_0c3b120d6394c468.md", 15, 94, "CI"),
];

fn expected_seed_findings(only: Option<&str>) -> Vec<(String, u32, u32, String, String)> {
    let tagged = |list: &'static [(&str, u32, u32, &str)], rule: &'static str| {
        list.iter()
            .map(move |(file, line, col, word)| (*file, *line, *col, rule, *word))
    };
    let mut all: Vec<(String, u32, u32, String, String)> = tagged(SEED_TYPOS, "typo")
        .chain(tagged(SEED_REPEATS, "repeated-word"))
        .filter(|(file, ..)| only.is_none_or(|o| o == *file))
        .map(|(file, line, col, rule, word)| (file.to_string(), line, col, rule.to_owned(), word.to_string()))
        .collect();
    all.sort();
    all
}

#[test]
fn seeds_together_yield_exactly_their_misspellings() {
    let seeds = markdown_under(&shared("seeds"));
    assert_eq!(seeds.len(), 5);
    assert_eq!(seed_findings(&seeds), expected_seed_findings(None));
}

#[test]
fn each_seed_alone_yields_exactly_its_misspellings() {
    for seed in markdown_under(&shared("seeds")) {
        let name = seed.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(
            seed_findings(std::slice::from_ref(&seed)),
            expected_seed_findings(Some(&name)),
            "{name}"
        );
    }
}

#[test]
fn seed_corrections_are_the_intended_words() {
    let seeds = markdown_under(&shared("seeds"));
    let fixes: Vec<Option<String>> = support::lint(
        seeds
            .iter()
            .map(|f| page(&f.display().to_string(), &std::fs::read_to_string(f).unwrap()))
            .collect(),
    )
    .into_iter()
    .filter(|f| f.rule == "typo")
    .map(|f| f.fix)
    .collect();
    let want = [
        "initiatives",
        "strategy",
        "analytical",
        "Efficiency",
        "commercial",
        "Engage",
        "Independently",
        "qualitative",
        "quantitative",
        "proactively",
        "Principal",
        "functionality",
        "lifecycle",
        "decisions",
        "compelling",
        "iterations",
        "fulfillment",
    ];
    assert_eq!(fixes, want.map(|w| Some(w.to_owned())));
}

#[test]
fn only_prose_runs_and_front_matter_are_read() {
    let text = "# Title\n\nWe recieve `recieve` offers.\n";
    let mut bare = page("bare.md", text);
    bare.prose.clear();
    assert_eq!(support::lint(vec![bare]), Vec::new());
    let found = support::lint(vec![page("full.md", text)]);
    assert_eq!(
        found.iter().map(|f| (f.line, f.column)).collect::<Vec<_>>(),
        vec![(3, 4)],
        "the word in backticks is not prose"
    );
}

#[test]
fn configured_words_are_accepted() {
    let (path, text) = fixture("typo", "fail.md");
    let mut policy = rolelint::policy::Policy::default();
    policy
        .vocabulary
        .add_words(["Recieve".to_owned(), "onboardng".to_owned(), "curent".to_owned()]);
    let found: Vec<String> = support::lint_with(&policy, vec![page(&path, &text)])
        .into_iter()
        .map(|f| format!("{}:{}", f.line, f.column))
        .collect();
    assert_eq!(found, ["11:5", "14:18", "16:25", "21:27", "23:27", "24:12", "24:44"]);
}

#[test]
fn explanations_have_the_required_sections() {
    for meta in [
        &rolelint::checks::prose::Typo::META,
        &rolelint::checks::prose::RepeatedWord::META,
    ] {
        for heading in ["## What it does", "## Why is this bad?", "## Example", "Use instead:"] {
            assert!(meta.explain.contains(heading), "{} lacks {heading}", meta.id);
        }
        assert_eq!(meta.default_severity, rolelint::diagnostic::Severity::Error);
    }
}

#[test]
#[ignore = "prints every finding on the corpus and the seeds; run with --ignored --nocapture"]
fn corpus_report() {
    // TYPO_REPORT=seeds lints the seeds alone; =each lints every page on its own; =dir:PATH the
    // pages under corpus/PATH; =abs:DIR the pages under DIR, =each-abs:DIR each of them alone; the default is the corpus and the seeds together.
    let mode = std::env::var("TYPO_REPORT").unwrap_or_default();
    let mut files = Vec::new();
    if let Some(dir) = mode.strip_prefix("dir:") {
        files.extend(markdown_under(&shared("corpus").join(dir)));
    } else if let Some(dir) = mode.strip_prefix("abs:").or_else(|| mode.strip_prefix("each-abs:")) {
        files.extend(markdown_under(Path::new(dir)));
    } else if mode != "seeds" {
        files.extend(markdown_under(&shared("corpus")));
    }
    if !mode.starts_with("dir:") && !mode.contains("abs:") {
        files.extend(markdown_under(&shared("seeds")));
    }
    let started = std::time::Instant::now();
    let found: Vec<(Found, String)> = if mode == "each" || mode.starts_with("each-abs:") {
        files.iter().flat_map(|f| lint_files(std::slice::from_ref(f))).collect()
    } else {
        lint_files(&files)
    };
    let elapsed = started.elapsed();
    for (f, word) in &found {
        let path = f.path.rsplit("shared/").next().unwrap_or(&f.path);
        println!("{path}:{}:{} {} {word} | {}", f.line, f.column, f.rule, f.message);
    }
    println!("{} findings on {} files in {elapsed:?}", found.len(), files.len());
    // The checks alone, pages already built (the word list is loaded by now).
    let pages: Vec<_> = files
        .iter()
        .map(|f| page(&f.display().to_string(), &std::fs::read_to_string(f).unwrap()))
        .collect();
    let started = std::time::Instant::now();
    let n = support::lint(pages).len();
    println!("checks alone: {n} findings in {:?}", started.elapsed());
}

/// An unknown word the pages use rarely, near a known word they use often, is a misspelling unless
/// the page also spells it in a link to another page or site (the writer copied a term that names
/// a heading there); a link to an anchor of the page itself is no such evidence, since that anchor
/// comes from the page's own heading.
#[test]
fn a_term_spelt_in_a_link_to_another_page_is_the_writers() {
    let often = "# Apex\n\nThe apex team meets weekly. The apex plan is public. Our apex goals are set.\n";
    let lint = |text: &str| -> Vec<String> {
        support::lint(vec![page("often.md", often), page("rare.md", text)])
            .into_iter()
            .filter(|f| f.rule == "typo")
            .map(|f| format!("{}:{}:{} {}", f.path, f.line, f.column, f.message))
            .collect()
    };
    let plain = "# Rare\n\nThe team tracks the apdex score.\n";
    assert_eq!(lint(plain), ["rare.md:3:21 `apdex` looks like a misspelling of `apex`"]);
    let linked =
        "# Rare\n\nThe team tracks the apdex score ([metrics](https://handbook.example.com/metrics/#apdex-score)).\n";
    assert_eq!(lint(linked), Vec::<String>::new());
    let same_page = "# Rare\n\nThe team tracks the apdex score ([below](./#apdex-score)).\n\n## Apdex score\n";
    assert_eq!(
        lint(same_page),
        [
            "rare.md:3:21 `apdex` looks like a misspelling of `apex`",
            "rare.md:5:4 `Apdex` looks like a misspelling of `Apex`"
        ]
    );
}

/// The general-English kind (a word no list has seen, one edit from a common word) takes the same
/// evidence: a link to another page that spells the word excuses it, an anchor of the page does not.
#[test]
fn a_term_near_common_english_takes_the_same_link_evidence() {
    let lint = |text: &str| -> Vec<String> {
        support::lint(vec![page("p.md", text)])
            .into_iter()
            .filter(|f| f.rule == "typo")
            .map(|f| format!("{}:{} {}", f.line, f.column, f.message))
            .collect()
    };
    assert_eq!(
        lint("# P\n\nThe team ships the qualiti report.\n"),
        ["3:20 `qualiti` looks like a misspelling of `quality`"]
    );
    assert_eq!(
        lint("# P\n\nThe team ships the qualiti report ([tool](https://tools.example.com/qualiti/)).\n"),
        Vec::<String>::new()
    );
    assert_eq!(
        lint("# P\n\nThe team ships the qualiti report ([below](#qualiti-report)).\n\n## Qualiti report\n"),
        [
            "3:20 `qualiti` looks like a misspelling of `quality`",
            "5:4 `Qualiti` looks like a misspelling of `Quality`"
        ]
    );
}
