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
        let lines = lines(&page.source);
        let candidates: Vec<Option<Candidate>> = lines.iter().map(|&line| candidate(page, line)).collect();
        for (i, found) in candidates.iter().enumerate() {
            let Some(c) = found else { continue };
            let in_item = inside_item(page, c.span);
            // Right under an item's text (no blank line), Markdown joins the line onto that item.
            let glued = in_item
                && i.checked_sub(1)
                    .and_then(|p| lines.get(p))
                    .is_some_and(|l| !l.is_empty());
            let meant = in_item
                || neighbour(&lines, i, false).is_some_and(|j| is_list_line(page, &lines, &candidates, j, c.marker))
                || neighbour(&lines, i + 1, true).is_some_and(|j| is_list_line(page, &lines, &candidates, j, c.marker))
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

/// Every line of `text`, without its line break.
fn lines(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        out.push(Span::new(start, start + content.len()));
        start += line.len();
    }
    out
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
    let in_prose = page
        .prose
        .iter()
        .any(|r| r.span.start <= span.start && span.start < r.span.end);
    let in_table = page
        .tables
        .iter()
        .any(|t| t.span.start <= span.start && span.start < t.span.end);
    (in_prose && !in_table).then_some(Candidate { marker, span, line })
}

/// True when `span` lies inside a list item but is not where that item starts: a continuation line.
fn inside_item(page: &Page, span: Span) -> bool {
    page.list_items
        .iter()
        .any(|item| item.start < span.start && span.start < item.end)
}

/// The nearest non-blank line before `i` (`forward` false) or from `i` on (`forward` true).
fn neighbour(lines: &[Span], i: usize, forward: bool) -> Option<usize> {
    let filled = |j: &usize| lines.get(*j).is_some_and(|l| !l.is_empty());
    if forward {
        (i..lines.len()).find(filled)
    } else {
        (0..i).rev().find(filled)
    }
}

/// True when line `j` starts a list item, or is a candidate with the same kind of marker.
fn is_list_line(page: &Page, lines: &[Span], candidates: &[Option<Candidate>], j: usize, marker: Marker) -> bool {
    if let Some(Some(other)) = candidates.get(j) {
        return other.marker == marker;
    }
    let Some(line) = lines.get(j) else {
        return false;
    };
    page.list_items
        .iter()
        .any(|item| line.start <= item.start && item.start < line.end)
}

/// True when line `i` opens a paragraph: the first line of the body, or after a blank line, a
/// heading, or a line ending in `:` (a lead-in such as "Requirements are:").
fn opens_paragraph(page: &Page, lines: &[Span], i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).and_then(|p| lines.get(p)) else {
        return true;
    };
    let within = |outer: Span| outer.start <= prev.start && prev.start < outer.end;
    let text = page.text(*prev).trim();
    text.is_empty()
        || text.ends_with(':')
        || page.headings.iter().any(|h| within(h.span))
        || page.front_matter.span.is_some_and(within)
}
