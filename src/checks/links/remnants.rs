//! Link syntax that did not become a link: what pulldown-cmark leaves as literal text where a reader
//! meant a link (`[text] (/x)`, `text](/x)`, `[text](/a b)`, `(text)[/x]`, `[text][/x/]`).
//!
//! The page is read as CommonMark reads it; only text that did not become a link, an image or
//! code is searched, so every remnant found is shown to readers as brackets and a bare path.

use crate::span::Span;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// Why a remnant is not a link, and the edit that makes it one when the intent is unambiguous.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Remnant {
    /// The remnant in the page: from its `[` (or `(`) to its closing `)` (or `]`).
    pub span: Span,
    /// What went wrong, for the message.
    pub reason: &'static str,
    /// The link as it should be written, when that is certain.
    pub fixed: Option<String>,
}

/// The link syntax remnants in `text[body_start..]`, where `links` are the spans of the page's
/// Markdown links (not HTML ones: an `<a>` element's text is literal text).
///
/// A remnant starts at a `]` or `)` of literal text; one inside a link is not literal. A page whose
/// every candidate lies inside a link has none, and is not parsed a second time.
pub(crate) fn find_in_page(text: &str, body_start: usize, links: &[Span]) -> Vec<Remnant> {
    let body = text.get(body_start..).unwrap_or_default();
    if !has_candidate(body, body_start, links) {
        return Vec::new();
    }
    find(text, body_start)
}

/// True when `body` (at `body_start` in the page) has a `]` or `)` that could begin a remnant
/// outside every span of `links`: `](`, `][`, `]` and one or two blanks before `(`, or `)[`.
fn has_candidate(body: &str, body_start: usize, links: &[Span]) -> bool {
    let bytes = body.as_bytes();
    let mut covers: Vec<(usize, usize)> = links
        .iter()
        .map(|l| {
            // A collapsed reference's span includes a trailing `[]` pulldown-cmark may leave as
            // text; it is not counted as covered.
            let trailing = text_ends_with_empty_brackets(body, body_start, *l);
            (l.start as usize, l.end as usize - if trailing { 2 } else { 0 })
        })
        .collect();
    covers.sort_unstable();
    let mut next = 0;
    let mut reach = 0;
    for at in memchr::memchr2_iter(b']', b')', bytes) {
        let after = bytes.get(at + 1..).unwrap_or_default();
        let candidate = match bytes.get(at) {
            Some(b']') => match after.first() {
                Some(b'(' | b'[') => true,
                Some(b' ' | b'\t') => {
                    let blanks = after.iter().take_while(|b| matches!(b, b' ' | b'\t')).count();
                    blanks <= 2 && after.get(blanks) == Some(&b'(')
                }
                _ => false,
            },
            _ => after.first() == Some(&b'['),
        };
        if !candidate {
            continue;
        }
        let pos = body_start + at;
        while let Some(&(start, end)) = covers.get(next)
            && start <= pos
        {
            reach = reach.max(end);
            next += 1;
        }
        if reach <= pos {
            return true;
        }
    }
    false
}

/// True when the link at `span` ends with `[]` (a collapsed reference).
fn text_ends_with_empty_brackets(body: &str, body_start: usize, span: Span) -> bool {
    let range = (span.start as usize).saturating_sub(body_start)..(span.end as usize).saturating_sub(body_start);
    body.get(range).is_some_and(|s| s.ends_with("[]"))
}

/// The link syntax remnants in `text[body_start..]`.
pub(crate) fn find(text: &str, body_start: usize) -> Vec<Remnant> {
    let body = text.get(body_start..).unwrap_or_default();
    if !body.contains("](") && !body.contains(")[") && !body.contains("][") && !body.contains("] (") {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut skip = 0usize;
    let mut run: Option<(usize, usize)> = None;
    let flush = |run: &mut Option<(usize, usize)>, out: &mut Vec<Remnant>| {
        if let Some((start, end)) = run.take() {
            scan(text, start + body_start, end + body_start, out);
        }
    };
    for (event, range) in Parser::new_ext(body, crate::parse::markdown_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_) | Tag::HtmlBlock) => {
                flush(&mut run, &mut out);
                skip += 1;
            }
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock | TagEnd::HtmlBlock) => {
                skip = skip.saturating_sub(1);
            }
            // Text events split at brackets; consecutive ones are one run of literal text.
            Event::Text(_) if skip == 0 => {
                run = match run {
                    Some((start, end)) if end == range.start => Some((start, range.end)),
                    _ => {
                        flush(&mut run, &mut out);
                        Some((range.start, range.end))
                    }
                };
            }
            _ => flush(&mut run, &mut out),
        }
    }
    flush(&mut run, &mut out);
    out
}

/// True when `t` reads as a link target: a site path, a relative page path, a fragment or a URL.
fn looks_like_target(t: &str) -> bool {
    let lower = t.to_ascii_lowercase();
    (t.starts_with('/') && !t.starts_with("//") && t.len() > 1)
        || t.starts_with("./")
        || t.starts_with("../")
        || (t.starts_with('#') && t.len() > 1 && !t.contains(' '))
        || lower.starts_with("https://")
        || lower.starts_with("http://")
}

/// True when `t` holds template code, only known once rendered.
fn templated(t: &str) -> bool {
    t.contains("{{") || t.contains("<%") || t.contains("{%")
}

/// Finds remnants in the literal text `text[start..end]`.
fn scan(text: &str, start: usize, end: usize, out: &mut Vec<Remnant>) {
    let Some(run) = text.get(start..end) else { return };
    let bytes = run.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let found = match bytes.get(i) {
            Some(b']') => closing_bracket(run, i),
            Some(b')') if bytes.get(i + 1) == Some(&b'[') => swapped(run, i),
            _ => None,
        };
        match found {
            Some((from, to, reason, fixed)) => {
                out.push(Remnant {
                    span: Span::new(start + from, start + to),
                    reason,
                    fixed,
                });
                i = to.max(i + 1);
            }
            None => i += 1,
        }
    }
}

type Found = (usize, usize, &'static str, Option<String>);

/// A remnant whose `]` is at `at`: followed by `(target)`, ` (target)` or `[path]`.
fn closing_bracket(run: &str, at: usize) -> Option<Found> {
    let after = run.get(at + 1..)?;
    let open = run.get(..at)?.rfind('[');
    let text = open.and_then(|o| run.get(o + 1..at));
    // Brackets inside the text (`[a [b] c](x)`) are another shape; leave them.
    if text.is_some_and(|t| t.contains(['[', ']']) || t.trim().is_empty()) {
        return None;
    }
    if let Some(rest) = after.strip_prefix('[') {
        // `[text][/a/b/]`: a reference label that is really a path (the label is undefined, or
        // this would have been a link).
        let close = rest.find(']')?;
        let label = rest.get(..close)?;
        let (o, text) = (open?, text?);
        if !looks_like_target(label) || label.contains(' ') || templated(label) {
            return None;
        }
        let end = at + 2 + close + 1;
        return Some((
            o,
            end,
            "a reference label that is a path: the brackets need parentheses",
            Some(format!("[{text}]({label})")),
        ));
    }
    let (spaced, paren) = match after.strip_prefix('(') {
        Some(_) => (false, at + 1),
        None => {
            let trimmed = after.trim_start_matches([' ', '\t']);
            if !trimmed.starts_with('(') || trimmed.len() + 2 < after.len() {
                return None;
            }
            (true, at + 1 + (after.len() - trimmed.len()))
        }
    };
    let inner_start = paren + 1;
    let tail = run.get(inner_start..)?;
    let close = tail.find(')');
    let target = tail.get(..close.unwrap_or(tail.len()))?;
    let first = target.split_whitespace().next().unwrap_or_default();
    if templated(target) {
        return None;
    }
    if !looks_like_target(first) {
        // `Widget]( widget-engineer)` in a table: a lost `[` before a slug is still a link meant.
        let lost_slug = open.is_none()
            && close.is_some()
            && !first.is_empty()
            && target.trim() == first
            && first.contains(['-', '/'])
            && first
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '/' | '#' | '.'));
        if !lost_slug {
            return None;
        }
    }
    let Some(close) = close else {
        // `[text](/x` and the line goes on: the parenthesis is never closed.
        let o = open?;
        let end = inner_start + first.len();
        let rest_is_words = target
            .get(first.len()..)
            .is_some_and(|r| r.trim().is_empty() || r.starts_with(' '));
        return rest_is_words.then_some((o, end, "the target's parenthesis is not closed", None));
    };
    let end = inner_start + close + 1;
    let Some(o) = open else {
        // `text](/x)`: the opening bracket was lost, and where the text began is a guess.
        return Some((at, end, "the link text has lost its opening `[`", None));
    };
    let text = text?;
    if spaced {
        if target.contains(char::is_whitespace) {
            return None;
        }
        return Some((
            o,
            end,
            "a space between `]` and `(`",
            Some(format!("[{text}]({target})")),
        ));
    }
    if target.trim() != target || !target.contains(char::is_whitespace) {
        return None;
    }
    // `[text](/a b)`: a target with spaces; `(/x "title")` would have been a link, so this is not one.
    if target.contains('"') || target.contains('\'') {
        return None;
    }
    // The fix depends on the anchors of the page: see `fragment_fix`.
    Some((o, end, "the target has spaces in it", None))
}

/// For `[text](#a b)`: `[text](#a-b)` when the page has the anchor `a-b` (spaces for hyphens,
/// letter case folded), the one reading of the target that leads somewhere.
pub(crate) fn fragment_fix(written: &str, has_anchor: impl Fn(&str) -> bool) -> Option<String> {
    let (text, target) = written.strip_prefix('[')?.strip_suffix(')')?.split_once("](")?;
    let fragment = target.strip_prefix('#')?;
    let slug = fragment.split_whitespace().collect::<Vec<_>>().join("-").to_lowercase();
    has_anchor(&slug).then(|| format!("[{text}](#{slug})"))
}

/// `(text)[target]` at the `)` at `at`: brackets and parentheses swapped.
fn swapped(run: &str, at: usize) -> Option<Found> {
    let open = run.get(..at)?.rfind('(')?;
    let text = run.get(open + 1..at)?;
    let tail = run.get(at + 2..)?;
    let close = tail.find(']')?;
    let target = tail.get(..close)?;
    if text.trim().is_empty()
        || text.contains(['(', ')', '[', ']'])
        || !looks_like_target(target)
        || target.contains(' ')
        || templated(target)
    {
        return None;
    }
    Some((
        open,
        at + 2 + close + 1,
        "brackets and parentheses are swapped",
        Some(format!("[{text}]({target})")),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The spans of the Markdown links of `text` as parsed, and where its body starts.
    fn parsed_links(text: &str) -> (usize, Vec<Span>) {
        let page = crate::parse::parse(&crate::read::SourceFile::from_text("a.md", text, false));
        let body_start = page.front_matter.span.map_or(0, |s| s.end as usize);
        let links = page
            .links
            .iter()
            .filter(|l| l.kind != crate::model::LinkKind::Html)
            .map(|l| l.span)
            .collect();
        (body_start, links)
    }

    /// What the check finds with the pre-filter: remnants of the page as parsed, links from the parse.
    fn filtered(text: &str) -> Vec<Remnant> {
        let (body_start, links) = parsed_links(text);
        find_in_page(text, body_start, &links)
    }

    #[test]
    fn the_pre_filter_skips_only_pages_without_remnants() {
        let skipped = "---\ntitle: A\n---\nSee [Widget](/w/), [Gadget][g], [g][] and <https://x.y/>.\n\n[g]: /g/\n";
        let (body_start, links) = parsed_links(skipped);
        let body = skipped.get(body_start..).unwrap();
        assert!(
            has_candidate(body, body_start, &[]),
            "without its links the page has candidates"
        );
        assert!(
            !has_candidate(body, body_start, &links),
            "every candidate is inside a link"
        );
        assert_eq!(filtered(skipped), vec![]);
        for text in [
            "See [Widget] (/job-families/widget/) now.\n",
            "See [Widget]\t\t(/w/) and [Widget](/w/) now.\n",
            "See Widget](/job-families/widget/) and [Widget](/w/).\n",
            "[a](/b) (Widget)[/job-families/widget/]\n",
            "[a](/b) [Widget][/job-families/widget/]\n",
            "<a href=\"/x\">see Widget](/w/)</a> and [a](/b)\n",
            "![img](/a) and [Widget](/w x)\n",
            "| [a](/b) | Widget]( widget-engineer) |\n|---|---|\n| 1 | 2 |\n",
        ] {
            assert!(!find(text, 0).is_empty(), "{text}");
            assert_eq!(filtered(text), find(text, 0), "{text}");
        }
        assert!(!has_candidate("a] b ]  x ]   (c) d)e", 0, &[]));
    }

    #[test]
    fn the_pre_filter_agrees_with_the_full_pass_on_every_fixture() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut stack = vec![root];
        let mut pages = 0;
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "md")
                    && let Ok(text) = std::fs::read_to_string(&path)
                {
                    let page = crate::parse::parse(&crate::read::SourceFile::from_text("a.md", &text, false));
                    let body_start = page.front_matter.span.map_or(0, |s| s.end as usize);
                    assert_eq!(filtered(&text), find(&text, body_start), "{}", path.display());
                    pages += 1;
                }
            }
        }
        assert!(pages > 10, "the fixtures were found");
    }

    fn shapes(text: &str) -> Vec<(String, &'static str, Option<String>)> {
        find(text, 0)
            .into_iter()
            .map(|r| (text.get(r.span.range()).unwrap().to_owned(), r.reason, r.fixed))
            .collect()
    }

    #[test]
    fn finds_each_shape_and_nothing_in_real_links() {
        let s = shapes("See [Widget] (/job-families/widget/) now.\n");
        assert_eq!(s[0].0, "[Widget] (/job-families/widget/)");
        assert_eq!(s[0].2.as_deref(), Some("[Widget](/job-families/widget/)"));
        let s = shapes("See Widget](/job-families/widget/) now.\n");
        assert_eq!((s[0].0.as_str(), s[0].2.clone()), ("](/job-families/widget/)", None));
        let s = shapes("See [Widget](/job-families/widget engineer/) now.\n");
        assert_eq!((s[0].1, s[0].2.clone()), ("the target has spaces in it", None));
        let s = shapes("| Widget]( widget-engineer) |\n");
        assert_eq!(s[0].0, "]( widget-engineer)");
        assert_eq!(
            fragment_fix("[Lead](#lead Widget-engineer)", |a| a == "lead-widget-engineer").as_deref(),
            Some("[Lead](#lead-widget-engineer)")
        );
        assert_eq!(fragment_fix("[Lead](#lead Widget)", |_| false), None);
        let s = shapes("See (Widget)[/job-families/widget/] now.\n");
        assert_eq!(s[0].2.as_deref(), Some("[Widget](/job-families/widget/)"));
        let s = shapes("See [Widget][/job-families/widget/] now.\n");
        assert_eq!(s[0].2.as_deref(), Some("[Widget](/job-families/widget/)"));
        let s = shapes("See [Widget](/job-families/widget/ and more.\n");
        assert_eq!(s[0].1, "the target's parenthesis is not closed");
        for quiet in [
            "[Widget](/job-families/widget/) and [Gadget][g]\n\n[g]: /g/\n",
            "`[a] (/b)` and\n\n    [a] (/b)\n",
            "[x]({{< ref \"a b\" >}}) and (see above)[sic] and [1] (2019)\n",
            "a [note] (for later) and f(x)[i] and [Widget](</a b/>)\n",
            "a list](x) and arr](1) and [a](b c) and x]( y)\n",
            "[Widget](/a \"the title\")\n",
        ] {
            assert_eq!(shapes(quiet), vec![], "{quiet}");
        }
    }
}
