//! Stage 2 · parse: [`SourceFile`] → [`Page`]. Never panics and never aborts the run: what it cannot
//! read becomes a [`ParseProblem`] on the page.
//!
//! Steps: front matter (nom fences + serde-saphyr), then one pulldown-cmark pass over the body
//! (`blocks`), the heading tree and anchors (`outline`), raw HTML links/anchors and directives, and
//! last level detection (`levels`), which reads the domain sentences with nom (`sentence`).

mod blocks;
mod front_matter;
mod html;
mod inline;
pub mod levels;
pub mod mermaid;
mod outline;
pub mod placeholder;
mod plain;
mod sentence;
pub mod slug;

/// The pulldown-cmark options pages are read with (a check re-reading a page reads it the same way).
pub(crate) use blocks::options as markdown_options;
/// Whether a text holds the letters `report` in any case, as `(?i)report` finds them.
pub(crate) use sentence::holds_report;

use crate::model::{FrontMatter, Page, ParseProblem};
use crate::read::SourceFile;
use crate::span::Span;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Compiles a pattern written in this module. The patterns are literals covered by unit tests, so a
/// failure is a bug in rolelint, never a property of the input.
#[allow(clippy::expect_used)]
pub(crate) fn fixed_regex(pattern: &str) -> regex::Regex {
    regex::Regex::new(pattern).expect("invariant: fixed patterns compile")
}

/// Parses one page.
pub fn parse(source: &SourceFile) -> Page {
    match catch_unwind(AssertUnwindSafe(|| parse_text(source))) {
        Ok(page) => page,
        Err(_) => {
            let mut page = empty(source);
            page.problems.push(ParseProblem {
                code: "internal-parse-error",
                message: "rolelint could not parse this page (internal error); it was skipped".into(),
                span: Span::new(0, 0),
                help: Some("please report this page to the rolelint maintainers".into()),
            });
            page
        }
    }
}

fn empty(source: &SourceFile) -> Page {
    Page {
        path: source.path.clone(),
        source: source.text.clone(),
        front_matter: FrontMatter::default(),
        headings: Vec::new(),
        levels: Vec::new(),
        tables: Vec::new(),
        links: Vec::new(),
        anchors: Vec::new(),
        prose: Vec::new(),
        list_items: Vec::new(),
        directives: Vec::new(),
        problems: Vec::new(),
        kept: Default::default(),
    }
}

fn parse_text(source: &SourceFile) -> Page {
    let text: &str = &source.text;
    let mut page = empty(source);
    let fm = front_matter::extract(text);
    page.front_matter = fm.front_matter;
    page.problems = fm.problems;

    let masks = inline::Masks::new(text);
    let mut doc = blocks::walk(text, fm.body_start, &masks);
    doc.blocks
        .sort_by_key(|b| (b.span.start, std::cmp::Reverse(b.span.end)));
    let mut anchors = outline::outline(&mut doc.headings, &doc.heading_ids, text.len());
    let (html_links, html_anchors) = outline::html_links_and_anchors(text, &doc);
    anchors.extend(html_anchors);
    anchors.sort_by_key(|a| (a.span.start, a.span.end));
    let mut links = std::mem::take(&mut doc.links);
    links.extend(html_links);
    outline::order_links(&mut links, &mut doc.tables);
    page.directives = outline::directives(text, &doc.code);
    title_from_h1(&mut page.front_matter, &doc.headings);

    let input = levels::Input {
        text,
        headings: &doc.headings,
        blocks: &doc.blocks,
        tables: &doc.tables,
        title: page.front_matter.title.as_ref(),
        body_start: fm.body_start,
    };
    page.levels = levels::detect(&input);
    levels::external::mark(&mut page.levels, &links, text);
    for (i, level) in page.levels.iter().enumerate() {
        if let Some(h) = level.heading.and_then(|h| doc.headings.get_mut(h)) {
            h.level = Some(i);
        }
    }
    page.headings = doc.headings;
    page.tables = doc.tables;
    page.links = links;
    page.anchors = anchors;
    page.prose = doc.prose;
    page.list_items = doc.list_items;
    page
}

/// A page without front matter (another company's handbook) is titled by its H1, when its first
/// heading is one; a page whose front matter lacks `title` is not: there the omission is the defect.
fn title_from_h1(front_matter: &mut FrontMatter, headings: &[crate::model::Heading]) {
    if front_matter.span.is_some() || front_matter.title.is_some() {
        return;
    }
    if let Some(h1) = headings.first().filter(|h| h.depth == 1 && !h.text.trim().is_empty()) {
        front_matter.title = Some(crate::span::Spanned::new(h1.text.trim().to_owned(), h1.text_span));
    }
}

/// Runs `f` on the level-detection input of `text`, built as [`parse`] builds it.
#[cfg(test)]
pub(crate) fn with_level_input<R>(text: &str, f: impl FnOnce(&levels::Input<'_>) -> R) -> R {
    let fm = front_matter::extract(text);
    let mut front_matter = fm.front_matter;
    let masks = inline::Masks::new(text);
    let mut doc = blocks::walk(text, fm.body_start, &masks);
    doc.blocks
        .sort_by_key(|b| (b.span.start, std::cmp::Reverse(b.span.end)));
    outline::outline(&mut doc.headings, &doc.heading_ids, text.len());
    let (html_links, _) = outline::html_links_and_anchors(text, &doc);
    let mut links = std::mem::take(&mut doc.links);
    links.extend(html_links);
    outline::order_links(&mut links, &mut doc.tables);
    title_from_h1(&mut front_matter, &doc.headings);
    f(&levels::Input {
        text,
        headings: &doc.headings,
        blocks: &doc.blocks,
        tables: &doc.tables,
        title: front_matter.title.as_ref(),
        body_start: fm.body_start,
    })
}

/// Compiles the parser's fixed patterns now (see [`crate::warm_up`]).
pub(crate) fn warm_up() {
    inline::warm_up();
    outline::warm_up();
    sentence::warm_up();
    levels::external::warm_up();
    levels::name::warm_up();
    levels::title::warm_up();
    placeholder::warm_up();
}
