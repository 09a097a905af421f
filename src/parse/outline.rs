//! Heading tree and page anchors: parents, sections, slugs, and the ids and links that raw HTML adds.

use super::blocks::Doc;
use super::html;
use super::slug::{Slugger, slug};
use crate::model::{Anchor, AnchorSource, Directive, Heading, Link, LinkKind, Table};
use crate::span::{Span, Spanned};
use regex::Regex;
use std::sync::LazyLock;

/// Fills `parent`, `section` and `anchor` of every heading (one pass with a stack) and returns the
/// heading anchors.
pub fn outline(headings: &mut [Heading], ids: &[Option<String>], text_len: usize) -> Vec<Anchor> {
    let mut stack: Vec<usize> = Vec::new();
    for i in 0..headings.len() {
        let Some(depth) = headings.get(i).map(|h| h.depth) else {
            continue;
        };
        let start = headings.get(i).map_or(0, |h| h.span.start as usize);
        while let Some(&top) = stack.last() {
            let Some(t) = headings.get_mut(top) else { break };
            if t.depth < depth {
                break;
            }
            t.section = Span::new(t.span.start as usize, start);
            stack.pop();
        }
        let parent = stack.last().copied();
        if let Some(h) = headings.get_mut(i) {
            h.parent = parent;
        }
        stack.push(i);
    }
    for top in stack {
        if let Some(t) = headings.get_mut(top) {
            t.section = Span::new(t.span.start as usize, text_len);
        }
    }
    let mut slugger = Slugger::default();
    let mut anchors = Vec::with_capacity(headings.len());
    for (h, id) in headings.iter_mut().zip(ids) {
        let (anchor, source) = match id {
            Some(id) => {
                slugger.reserve(id);
                (id.clone(), AnchorSource::HeadingId)
            }
            None => (slugger.unique(slug(&h.text)), AnchorSource::HeadingSlug),
        };
        h.anchor = anchor.clone();
        anchors.push(Anchor {
            id: anchor,
            span: h.span,
            source,
        });
    }
    anchors
}

static CLOSE_A: LazyLock<Regex> = LazyLock::new(|| crate::parse::fixed_regex(r"(?i)</a\s*>"));
static TAG: LazyLock<Regex> = LazyLock::new(|| crate::parse::fixed_regex(r"<[^>]*>"));

/// Links and anchors written as raw HTML, in the HTML event ranges of `doc`.
pub fn html_links_and_anchors(text: &str, doc: &Doc) -> (Vec<Link>, Vec<Anchor>) {
    let mut links = Vec::new();
    let mut anchors = Vec::new();
    for range in &doc.html {
        let Some(slice) = text.get(range.range()) else { continue };
        let base = range.start as usize;
        for tag in html::open_tags(slice) {
            for attr in &tag.attrs {
                let at = Span::new(base + attr.range.start, base + attr.range.end);
                let is_anchor = attr.name == "id" || (attr.name == "name" && tag.name == "a");
                if is_anchor && !attr.value.is_empty() {
                    anchors.push(Anchor {
                        id: attr.value.clone(),
                        span: at,
                        source: AnchorSource::Html,
                    });
                }
                if attr.name == "href" && tag.name == "a" {
                    let tag_end = base + tag.range.end;
                    links.push(Link {
                        kind: LinkKind::Html,
                        target: attr.value.clone(),
                        target_span: Some(at),
                        text: html_link_text(text, tag_end),
                        span: Span::new(base + tag.range.start, tag_end),
                    });
                }
            }
        }
    }
    (links, anchors)
}

/// The text between an `<a …>` and its `</a>`, tags removed, when the close is near.
fn html_link_text(text: &str, from: usize) -> String {
    let window_end = (from + 400).min(text.len());
    let mut end = window_end;
    while end > from && !text.is_char_boundary(end) {
        end -= 1;
    }
    let Some(after) = text.get(from..end) else {
        return String::new();
    };
    let Some(close) = CLOSE_A.find(after) else {
        return String::new();
    };
    let inner = after.get(..close.start()).unwrap_or_default();
    if inner.contains("\n\n") {
        return String::new();
    }
    TAG.replace_all(inner, "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Puts links in document order and keeps the table cells' link indices pointing at the same links.
pub fn order_links(links: &mut Vec<Link>, tables: &mut [Table]) {
    let mut order: Vec<usize> = (0..links.len()).collect();
    order.sort_by_key(|&i| links.get(i).map(|l| (l.span.start, l.span.end)));
    let mut new_index = vec![0; links.len()];
    for (new, &old) in order.iter().enumerate() {
        if let Some(slot) = new_index.get_mut(old) {
            *slot = new;
        }
    }
    let mut taken: Vec<Option<Link>> = std::mem::take(links).into_iter().map(Some).collect();
    *links = order
        .iter()
        .filter_map(|&i| taken.get_mut(i).and_then(Option::take))
        .collect();
    for table in tables {
        for row in std::iter::once(&mut table.header).chain(table.rows.iter_mut()) {
            for cell in &mut row.cells {
                for l in &mut cell.links {
                    *l = new_index.get(*l).copied().unwrap_or(*l);
                }
            }
        }
    }
}

/// The `<!-- rolelint-… -->` comments of the page, outside code.
pub fn directives(text: &str, code: &[Span]) -> Vec<Directive> {
    html::directives(text)
        .into_iter()
        .filter(|d| {
            let span = Span::from(d.range.clone());
            !code.iter().any(|c| c.contains(span))
        })
        .map(|d| Directive {
            kind: d.kind,
            rules: d
                .rules
                .into_iter()
                .map(|(r, range)| Spanned::new(r, Span::from(range)))
                .collect(),
            span: Span::from(d.range),
        })
        .collect()
}

/// Compiles this module's patterns now (see [`crate::warm_up`]).
pub(crate) fn warm_up() {
    LazyLock::force(&CLOSE_A);
    LazyLock::force(&TAG);
}
