//! `malformed-list-item`: a line that starts like a list item (`-Leads`, `*Owns`, `1.Builds`) but
//! has no space after the marker, so Markdown renders it as text.

use crate::checks::{Check, CheckMeta, Cx};
use crate::declare_check;
use crate::diagnostic::Fix;
use crate::model::Page;
use crate::span::Span;

declare_check! {
    /// ## What it does
    /// Flags a line that begins with a list marker (`-`, `*`, `+`, `1.`, `1)`) followed directly by
    /// a letter, where the list around it shows a list item was meant: the line sits inside a list
    /// item (Markdown glued it onto the item above as a continuation line), or the line next to it
    /// is a list item, or, for `-` and `+`, it opens a paragraph.
    /// ## Why is this bad?
    /// Without a space after the marker the line is not a list item: Markdown shows the marker as
    /// text and, right under a list item, joins the line onto that item's sentence. The page then
    /// shows one run-on bullet where the author wrote two.
    /// Numbers (`-1`), dashes (`--`), emphasis (`*italic*`, `**bold**`), rules (`---`), comments,
    /// code, tables, HTML and front matter are never flagged; nor is a lone `*Note …` line away
    /// from any list (a footnote mark).
    /// ## Example
    /// ```markdown
    /// - Owns the billing roadmap.
    /// -Leads the invoicing team.
    /// ```
    /// Use instead:
    /// ```markdown
    /// - Owns the billing roadmap.
    /// - Leads the invoicing team.
    /// ```
    /// ## Fix safety
    /// The fix inserts the missing space; it is safe: the line becomes the list item it looks like.
    pub struct MalformedListItem { id: "malformed-list-item", family: Structure, severity: Warning,
        summary: "a list marker without a space after it, so the line is not a list item", fixable: true }
}

/// The marker a line starts with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Marker {
    /// `-`, `*` or `+`.
    Bullet(u8),
    /// `1.` or `1)`.
    Ordered,
}

/// One line that starts like a list item with no space after the marker.
#[derive(Debug)]
struct Candidate {
    marker: Marker,
    /// The marker's bytes.
    span: Span,
    /// The line, without its line break.
    line: Span,
}

impl Check for MalformedListItem {
    fn meta(&self) -> &'static CheckMeta {
        &Self::META
    }

    fn check_page(&self, page: &Page, cx: &mut Cx<'_>) {
        let lines = lines(page);
        let items = Items::new(page);
        let candidates: Vec<Option<Candidate>> = lines.iter().map(|line| candidate(page, line.span)).collect();
        let list_line = |j: usize, marker: Marker| match candidates.get(j) {
            Some(Some(other)) => other.marker == marker,
            _ => lines.get(j).is_some_and(|l| items.starts_within(l.span)),
        };
        for (i, found) in candidates.iter().enumerate() {
            let Some(c) = found else { continue };
            let in_item = items.continues(c.span.start);
            // Right under an item's text (no blank line), Markdown joins the line onto that item.
            let glued = in_item && i.checked_sub(1).and_then(|p| lines.get(p)).is_some_and(|l| !l.blank);
            let meant = in_item
                || neighbour(&lines, i, false).is_some_and(|j| list_line(j, c.marker))
                || neighbour(&lines, i + 1, true).is_some_and(|j| list_line(j, c.marker))
                || matches!(c.marker, Marker::Bullet(b'-' | b'+')) && opens_paragraph(page, &lines, i);
            if meant {
                report(self, page, c, glued, cx);
            }
        }
    }
}

fn report(check: &MalformedListItem, page: &Page, c: &Candidate, glued: bool, cx: &mut Cx<'_>) {
    let marker = page.text(c.span);
    let rest = page.text(Span::new(c.span.end as usize, c.line.end as usize));
    let word: String = rest
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .chars()
        .take(30)
        .collect();
    let message = if glued {
        format!("`{marker}{word}` is joined onto the list item above: a list marker needs a space after it")
    } else {
        format!("`{marker}{word}` is not a list item: a list marker needs a space after it")
    };
    let at = Span::new(c.span.end as usize, c.span.end as usize);
    let d = cx.report(check.meta(), &page.path, c.span, message);
    d.set_label("no space after the marker");
    d.set_help(format!("write `{marker} {word}`"));
    d.set_fix(Fix::replace(at, " ", format!("insert a space after `{marker}`")));
    d.set_key(format!("{marker}{}", rest.trim_end()));
}

/// One line of the page.
#[derive(Clone, Copy, Debug)]
struct Line {
    /// Without its line break.
    span: Span,
    /// Only spaces and tabs.
    blank: bool,
}

/// Every line of the page.
fn lines(page: &Page) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in page.source.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        out.push(Line {
            span: Span::new(start, start + content.len()),
            blank: content.trim().is_empty(),
        });
        start += line.len();
    }
    out
}

/// The page's list items, sorted by start, with the furthest end reached so far at each.
struct Items<'p> {
    spans: &'p [Span],
    max_end: Vec<u32>,
}

impl<'p> Items<'p> {
    fn new(page: &'p Page) -> Self {
        let max_end = page
            .list_items
            .iter()
            .scan(0, |end, item| {
                *end = item.end.max(*end);
                Some(*end)
            })
            .collect();
        Items {
            spans: &page.list_items,
            max_end,
        }
    }

    /// True when `offset` lies inside an item that starts before it: a continuation of that item.
    fn continues(&self, offset: u32) -> bool {
        let before = self.spans.partition_point(|item| item.start < offset);
        before
            .checked_sub(1)
            .and_then(|k| self.max_end.get(k))
            .is_some_and(|&end| end > offset)
    }

    /// True when an item starts within `line`.
    fn starts_within(&self, line: Span) -> bool {
        let first = self.spans.partition_point(|item| item.start < line.start);
        self.spans.get(first).is_some_and(|item| item.start <= line.end)
    }
}

/// The line's marker when it starts like a list item with no space, and Markdown rendered the
/// marker as text (it is inside prose, not code, HTML, emphasis, a table or the front matter).
fn candidate(page: &Page, line: Span) -> Option<Candidate> {
    let text = page.text(line);
    let indent = text.len() - text.trim_start_matches([' ', '\t']).len();
    let rest = text.get(indent..)?;
    let bytes = rest.as_bytes();
    let (marker, len) = match bytes.first()? {
        b @ (b'-' | b'*' | b'+') => (Marker::Bullet(*b), 1),
        b'0'..=b'9' => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            let delimiter = bytes.get(digits)?;
            if digits > 9 || !matches!(delimiter, b'.' | b')') {
                return None;
            }
            (Marker::Ordered, digits + 1)
        }
        _ => return None,
    };
    if !rest.get(len..)?.chars().next()?.is_alphabetic() {
        return None;
    }
    let start = line.start as usize + indent;
    let span = Span::new(start, start + len);
    // Prose runs are in document order and do not overlap.
    let run = page.prose.partition_point(|r| r.span.end <= span.start);
    let in_prose = page.prose.get(run).is_some_and(|r| r.span.start <= span.start);
    let in_table = page
        .tables
        .iter()
        .any(|t| t.span.start <= span.start && span.start < t.span.end);
    (in_prose && !in_table).then_some(Candidate { marker, span, line })
}

/// The nearest non-blank line before `i` (`forward` false) or from `i` on (`forward` true).
fn neighbour(lines: &[Line], i: usize, forward: bool) -> Option<usize> {
    let filled = |j: &usize| lines.get(*j).is_some_and(|l| !l.blank);
    if forward {
        (i..lines.len()).find(filled)
    } else {
        (0..i).rev().find(filled)
    }
}

/// True when line `i` opens a paragraph: the first line of the body, or after a blank line, a
/// heading, or a line ending in `:` (a lead-in such as "Requirements are:").
fn opens_paragraph(page: &Page, lines: &[Line], i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).and_then(|p| lines.get(p)).map(|l| l.span) else {
        return true;
    };
    let within = |outer: Span| outer.start <= prev.start && prev.start < outer.end;
    let text = page.text(prev).trim();
    text.is_empty()
        || text.ends_with(':')
        || page.headings.iter().any(|h| within(h.span))
        || page.front_matter.span.is_some_and(within)
}
