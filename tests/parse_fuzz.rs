//! No panic on any input: property tests over arbitrary text, Markdown-shaped noise and mutated seed
//! pages, each checking that every span of the model lies inside the source on character boundaries;
//! plus a 10 MB page and 10,000-deep nesting, which must parse without overflowing the stack.

use proptest::prelude::*;
use rolelint::model::Page;
use rolelint::read::SourceFile;
use rolelint::span::Span;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds");

fn spans(page: &Page) -> Vec<Span> {
    let mut out = Vec::new();
    let fm = &page.front_matter;
    out.extend(fm.span);
    out.extend(fm.value_spans.values().copied());
    out.extend(fm.title.iter().map(|t| t.span));
    out.extend(fm.description.iter().map(|t| t.span));
    for h in &page.headings {
        out.extend([h.span, h.text_span, h.section]);
    }
    for l in &page.levels {
        out.extend([l.title_span, l.span, l.body]);
        out.extend(l.grades.iter().map(|g| g.span));
        for r in &l.reporting_lines {
            out.extend([r.span, r.sentence]);
        }
        for s in &l.sections {
            out.push(s.span);
            out.extend(s.items.iter().map(|i| i.span));
        }
    }
    for t in &page.tables {
        out.push(t.span);
        for row in std::iter::once(&t.header).chain(&t.rows) {
            out.push(row.span);
            out.extend(row.cells.iter().map(|c| c.span));
        }
    }
    for l in &page.links {
        out.push(l.span);
        out.extend(l.target_span);
    }
    out.extend(page.anchors.iter().map(|a| a.span));
    out.extend(page.prose.iter().map(|p| p.span));
    for d in &page.directives {
        out.push(d.span);
        out.extend(d.rules.iter().map(|r| r.span));
    }
    out.extend(page.problems.iter().map(|p| p.span));
    out
}

/// Parses `text` and checks every span and index of the model.
fn check(text: &str) {
    let page = rolelint::parse::parse(&SourceFile::from_text("fuzz.md", text, false));
    let source = &*page.source;
    for span in spans(&page) {
        assert!(span.start <= span.end, "{span:?} is reversed");
        assert!(
            source.get(span.range()).is_some(),
            "{span:?} is outside the source or off a char boundary"
        );
    }
    for run in &page.prose {
        assert_eq!(run.text, page.text(run.span));
    }
    for h in &page.headings {
        assert!(h.parent.is_none_or(|p| p < page.headings.len()));
        assert!(h.level.is_none_or(|l| l < page.levels.len()));
    }
    for l in &page.levels {
        assert!(l.heading.is_none_or(|h| h < page.headings.len()));
    }
    for t in &page.tables {
        for row in std::iter::once(&t.header).chain(&t.rows) {
            for c in &row.cells {
                assert!(c.links.iter().all(|&i| i < page.links.len()));
            }
        }
    }
    serde_json::to_string(&page).expect("the model serialises");
}

fn markdown_noise() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("---\n".to_string()),
        Just("title: Widget Maker\n".to_string()),
        Just("# ".to_string()),
        Just("## Levels\n".to_string()),
        Just("### Senior Widget Engineer {#senior}\n".to_string()),
        Just("#### Job Grade\n".to_string()),
        Just("The role is a [grade 7](/g).\n".to_string()),
        Just("This position reports to the VP of Widgets.\n".to_string()),
        Just("| Role | Grade |\n|---|---|\n| Senior | 7 |\n".to_string()),
        Just("[ref]: /target \"t\"\n".to_string()),
        Just("[ref][] [ref] [x](y) <https://e.x>".to_string()),
        Just("<a href=\"/x\" id='y'>".to_string()),
        Just("</a>".to_string()),
        Just("<!-- rolelint-disable typo, x -->".to_string()),
        Just("<%= x %>".to_string()),
        Just("{{< y >}}".to_string()),
        Just("`".to_string()),
        Just("```\n".to_string()),
        Just("- ".to_string()),
        Just("> ".to_string()),
        Just("  ".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("é—\u{1F600}".to_string()),
        "\\PC{0,12}",
    ];
    prop::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

/// A seed page with byte-level edits, cut back to valid UTF-8.
fn mutated_seed() -> impl Strategy<Value = String> {
    let seeds: Vec<Vec<u8>> = [
        "000_437ee804ee44b3b9",
        "001_a0897a9603f7b2cc",
        "003_0c3b120d6394c468",
        "004_c4472a5308827cac",
    ]
    .iter()
    .map(|s| std::fs::read(format!("{SEEDS}/{s}.md")).expect("seed exists"))
    .collect();
    let edit = (
        0u8..3,
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        any::<u8>(),
        1usize..64,
    );
    (0..seeds.len(), prop::collection::vec(edit, 1..12)).prop_map(move |(which, edits)| {
        let mut bytes = seeds[which].clone();
        for (op, at, from, byte, len) in edits {
            if bytes.is_empty() {
                break;
            }
            let at = at.index(bytes.len());
            match op {
                0 => {
                    let end = (at + len).min(bytes.len());
                    bytes.drain(at..end);
                }
                1 => bytes.insert(at, byte),
                _ => {
                    let from = from.index(bytes.len());
                    let chunk: Vec<u8> = bytes[from..(from + len).min(bytes.len())].to_vec();
                    bytes.splice(at..at, chunk);
                }
            }
        }
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        check(&text);
    }

    #[test]
    fn markdown_noise_never_panics(text in markdown_noise()) {
        check(&text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn mutated_seed_pages_never_panic(text in mutated_seed()) {
        check(&text);
    }
}

#[test]
fn ten_megabyte_page() {
    let seed = std::fs::read_to_string(format!("{SEEDS}/004_c4472a5308827cac.md")).unwrap();
    let body = seed.split_once("\n---\n").map_or(seed.as_str(), |(_, b)| b);
    let mut text = String::from("---\ntitle: Big Page\n---\n");
    while text.len() < 10 * 1024 * 1024 {
        text.push_str(body);
    }
    let page = rolelint::parse::parse(&SourceFile::from_text("big.md", &text, false));
    assert!(page.problems.is_empty());
    assert!(page.headings.len() > 10_000);
    assert!(page.levels.len() >= 4);
}

#[test]
fn ten_thousand_nested_list_items_and_quotes() {
    let list = format!("{}deep\n", "- ".repeat(10_000));
    check(&list);
    let indented: String = (0..10_000)
        .map(|i| format!("{}- item {i}\n", " ".repeat((i % 40) * 2)))
        .collect();
    check(&indented);
    let quotes = format!("{}deep\n", "> ".repeat(10_000));
    check(&quotes);
    let headings: String = (0..10_000)
        .map(|i| {
            format!(
                "{} Senior Widget Engineer {i}\n\nThe role is a grade 7.\n\n",
                "#".repeat(i % 6 + 1)
            )
        })
        .collect();
    check(&headings);
}

#[test]
fn long_line_and_unclosed_templates() {
    check(&"x".repeat(2_000_000));
    check(&"<% ".repeat(100_000));
    check(&"{{< ".repeat(100_000));
    check(&"<!-- rolelint-disable ".repeat(50_000));
    check(&"reports to the ".repeat(50_000));
    check(&"is a grade ".repeat(50_000));
}
