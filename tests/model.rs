//! The parsed model of real pages: levels, grades and reporting lines per seed and fixture (insta
//! snapshots read and checked by hand), schema validity of every seed and corpus page, and the exact
//! positions of front-matter problems.

use rolelint::model::Page;
use rolelint::read::{self, SourceFile};
use rolelint::span::LineIndex;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared");
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/pages");

fn load(path: &Path) -> SourceFile {
    read::load(path).unwrap_or_else(|e| panic!("{e}"))
}

fn pages_in(dir: &str) -> Vec<PathBuf> {
    let (paths, errors) = read::collect(&[PathBuf::from(dir)]);
    assert!(errors.is_empty(), "{errors:?}");
    paths
}

/// What a person checks against the page: each level with its heading line, name, grade, reporting
/// line, every grade statement, and the titles of its sections.
fn summary(page: &Page) -> Value {
    let index = LineIndex::new(&page.source);
    let line = |offset: u32| index.position(&page.source, offset as usize).line;
    let levels: Vec<Value> = page
        .levels
        .iter()
        .map(|l| {
            json!({
                "title": l.title,
                "line": line(l.span.start),
                "layout": l.layout,
                "name": l.name,
                "grade": l.grade(),
                "reports_to": l.reports_to(),
                "grades": l.grades.iter().map(|g| json!({"value": g.value, "source": g.source, "line": line(g.span.start), "text": page.text(g.span)})).collect::<Vec<_>>(),
                "reporting_lines": l.reporting_lines.iter().map(|r| json!({"manager": r.manager, "line": line(r.span.start), "text": page.text(r.span)})).collect::<Vec<_>>(),
                "sections": l.sections.iter().map(|s| format!("{:?}: {} ({} items)", s.kind, s.title, s.items.len())).collect::<Vec<_>>(),
            })
        })
        .collect();
    let problems: Vec<Value> = page
        .problems
        .iter()
        .map(|p| {
            let pos = index.position(&page.source, p.span.start as usize);
            json!({"code": p.code, "line": pos.line, "column": pos.column, "message": p.message})
        })
        .collect();
    json!({
        "title": page.front_matter.title.as_ref().map(|t| &t.value),
        "description": page.front_matter.description.as_ref().map(|t| &t.value),
        "levels": levels,
        "problems": problems,
    })
}

fn snapshot_dir(dir: &str, prefix: &str) {
    for path in pages_in(dir) {
        let page = rolelint::parse::parse(&load(&path));
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .replace('.', "_");
        insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false }, {
            insta::assert_yaml_snapshot!(format!("{prefix}_{name}"), summary(&page));
        });
    }
}

#[test]
fn seed_levels() {
    snapshot_dir(&format!("{SHARED}/seeds"), "seed");
}

#[test]
fn fixture_pages() {
    snapshot_dir(FIXTURES, "fixture");
}

#[test]
fn product_manager_seed_has_four_levels_and_one_reporting_line() {
    let page = rolelint::parse::parse(&load(Path::new(&format!("{SHARED}/seeds/004_c4472a5308827cac.md"))));
    let grades: Vec<_> = page.levels.iter().map(|l| l.grade()).collect();
    assert_eq!(grades, [Some(7), Some(8), Some(9), Some(10)]);
    let reports: Vec<_> = page.levels.iter().map(|l| l.reports_to()).collect();
    assert_eq!(reports, [None, None, None, Some("Director of Product Management")]);
}

#[test]
fn performance_indicators_at_level_depth_is_a_heading_but_not_a_level() {
    let page = rolelint::parse::parse(&load(Path::new(&format!("{SHARED}/seeds/001_a0897a9603f7b2cc.md"))));
    let pi = page
        .headings
        .iter()
        .find(|h| h.text == "Performance Indicators")
        .unwrap();
    assert_eq!(pi.depth, 3);
    assert_eq!(pi.level, None);
    let marked: Vec<_> = page.headings.iter().filter_map(|h| h.level).collect();
    assert_eq!(marked, [0, 1, 2]);
}

fn problem_at(path: &Path) -> (String, u32, u32) {
    let page = rolelint::parse::parse(&load(path));
    let index = LineIndex::new(&page.source);
    let p = page.problems.first().expect("a problem");
    let pos = index.position(&page.source, p.span.start as usize);
    (p.code.to_string(), pos.line, pos.column)
}

#[test]
fn missing_opening_fence_is_reported_at_line_1_column_1() {
    let path = PathBuf::from(format!("{FIXTURES}/missing-fence.md"));
    assert_eq!(problem_at(&path), ("missing-front-matter-fence".into(), 1, 1));
    let page = rolelint::parse::parse(&load(&path));
    assert_eq!(page.front_matter.title.as_ref().unwrap().value, "Dish Washer");
    assert_eq!(page.levels.len(), 1);
    assert_eq!(page.levels[0].grade(), Some(3));
}

#[test]
fn invalid_yaml_is_reported_at_the_yaml_error() {
    // `description: Cooks: the line` — the second `: ` on line 3 is the error, at column 19.
    let path = PathBuf::from(format!("{FIXTURES}/invalid-yaml.md"));
    assert_eq!(problem_at(&path), ("invalid-front-matter".into(), 3, 19));
}

#[test]
fn unterminated_front_matter_is_reported() {
    let path = PathBuf::from(format!("{FIXTURES}/unterminated.md"));
    assert_eq!(problem_at(&path), ("unterminated-front-matter".into(), 1, 1));
}

#[test]
fn corpus_pages_have_no_front_matter_problems() {
    // The 2022 corpus has no page without its opening fence (every file starts with `---`).
    for path in pages_in(&format!("{SHARED}/corpus")) {
        let page = rolelint::parse::parse(&load(&path));
        assert!(page.problems.is_empty(), "{}: {:?}", path.display(), page.problems);
    }
}

#[test]
fn every_seed_and_corpus_page_matches_the_schema() {
    let schema: Value = serde_json::from_str(include_str!("../grammar/model.schema.json")).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let mut paths = pages_in(&format!("{SHARED}/seeds"));
    paths.extend(pages_in(&format!("{SHARED}/corpus")));
    paths.extend(pages_in(FIXTURES));
    assert!(paths.len() >= 5 + 109, "found {} pages", paths.len());
    let mut failures = Vec::new();
    let mut all = Vec::new();
    for path in &paths {
        let page = rolelint::parse::parse(&load(path));
        let value = serde_json::to_value(&page).expect("serialises");
        for e in validator.iter_errors(&value) {
            failures.push(format!("{}: {} at {}", path.display(), e, e.instance_path()));
        }
        all.push(value);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(validator.is_valid(&Value::Array(all)));
}

#[test]
fn the_schema_rejects_a_wrong_model() {
    let schema: Value = serde_json::from_str(include_str!("../grammar/model.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let page = rolelint::parse::parse(&load(Path::new(&format!("{SHARED}/seeds/001_a0897a9603f7b2cc.md"))));
    let good = serde_json::to_value(&page).unwrap();
    assert!(validator.is_valid(&good));
    let mut bad_grade = good.clone();
    bad_grade["levels"][0]["grade"] = json!("six");
    assert!(!validator.is_valid(&bad_grade));
    let mut extra = good.clone();
    extra["extra"] = json!(1);
    assert!(!validator.is_valid(&extra));
    let mut missing = good;
    missing["levels"][0].as_object_mut().unwrap().remove("reports_to");
    assert!(!validator.is_valid(&missing));
}

#[test]
fn links_anchors_directives_and_prose_of_the_inline_fixture() {
    let page = rolelint::parse::parse(&load(Path::new(&format!("{FIXTURES}/inline-structure.md"))));
    let links: Vec<_> = page
        .links
        .iter()
        .map(|l| {
            (
                format!("{:?}", l.kind),
                page.text(l.span),
                l.target.as_str(),
                l.target_span.map(|s| page.text(s)),
                l.text.as_str(),
            )
        })
        .collect();
    assert_eq!(
        links,
        [
            (
                "Reference".into(),
                "[recipe book][book]",
                "/handbook/recipes/",
                Some("/handbook/recipes/"),
                "recipe book"
            ),
            (
                "Reference".into(),
                "[pantry][]",
                "/handbook/pantry/",
                Some("/handbook/pantry/"),
                "pantry"
            ),
            (
                "Autolink".into(),
                "<https://example.com/menu>",
                "https://example.com/menu",
                Some("https://example.com/menu"),
                "https://example.com/menu"
            ),
            (
                "Html".into(),
                "<a href=\"/job-families/kitchen/chef/\">",
                "/job-families/kitchen/chef/",
                Some("/job-families/kitchen/chef/"),
                "the chef page"
            ),
            (
                "Inline".into(),
                "[soup](/menu/soup/)",
                "/menu/soup/",
                Some("/menu/soup/"),
                "soup"
            ),
        ]
    );
    let cell = &page.tables[0].rows[0].cells[1];
    assert_eq!(cell.links, [4]);
    assert_eq!(page.tables[0].rows[0].cells[0].text, "Soup | stew");
    let anchors: Vec<_> = page
        .anchors
        .iter()
        .map(|a| (a.id.as_str(), format!("{:?}", a.source)))
        .collect();
    assert_eq!(
        anchors,
        [
            ("writer", "HeadingId".to_string()),
            ("old-anchor", "Html".into()),
            ("menu-writer", "HeadingSlug".into())
        ]
    );
    let directives: Vec<_> = page
        .directives
        .iter()
        .map(|d| {
            (
                format!("{:?}", d.kind),
                d.rules.iter().map(|r| r.value.as_str()).collect::<Vec<_>>(),
            )
        })
        .collect();
    assert_eq!(
        directives,
        [
            ("DisableFile".into(), vec!["typo"]),
            ("DisableNextLine".into(), vec!["repeated-word", "typo"])
        ]
    );
    let prose: String = page.prose.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join("|");
    for absent in [
        "partial",
        "note >",
        "not](a",
        "also not",
        "example.com/url",
        "/handbook",
    ] {
        assert!(!prose.contains(absent), "{absent} leaked into prose: {prose}");
    }
    assert!(prose.contains("The the menu."));
    assert!(prose.contains("Text inside a shortcode pair is prose."));
}
