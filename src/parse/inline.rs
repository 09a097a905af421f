//! Prose runs: a text event's span minus template code (ERB `<% %>`, Hugo `{{< >}}` / `{{% %}}`,
//! Liquid `{% %}`) and URLs, so the spell checker reads words people wrote and nothing else.

use crate::span::Span;
use regex::Regex;
use std::sync::LazyLock;

static TEMPLATE: LazyLock<Regex> =
    LazyLock::new(|| crate::parse::fixed_regex(r"(?s)<%.*?%>|\{\{[<%].*?[>%]\}\}|\{%.*?%\}"));
static URL: LazyLock<Regex> =
    LazyLock::new(|| crate::parse::fixed_regex(r"(?i)\b(?:https?://|ftp://|mailto:|www\.)[^\s<>()\[\]{}|]+"));

/// Byte ranges of template code in a page, sorted; text inside them never reaches prose.
#[derive(Debug, Default)]
pub struct Masks {
    ranges: Vec<Span>,
}

impl Masks {
    /// Finds the template code in `text`.
    pub fn new(text: &str) -> Self {
        Masks {
            ranges: TEMPLATE.find_iter(text).map(|m| Span::from(m.range())).collect(),
        }
    }

    /// The masked ranges that overlap `span`.
    fn overlapping(&self, span: Span) -> &[Span] {
        let first = self.ranges.partition_point(|r| r.end <= span.start);
        let last = self.ranges.partition_point(|r| r.start < span.end);
        self.ranges.get(first..last.max(first)).unwrap_or_default()
    }
}

/// True when `s` holds "www." in any ASCII case; looks behind each '.', which is fast to find.
fn has_www(s: &str) -> bool {
    s.match_indices('.').any(|(i, _)| {
        i.checked_sub(3)
            .and_then(|from| s.as_bytes().get(from..i))
            .is_some_and(|w| w.eq_ignore_ascii_case(b"www"))
    })
}

/// The parts of the text event at `span` that are prose (never empty, never only blanks).
pub fn prose_pieces(text: &str, span: Span, masks: &Masks) -> Vec<Span> {
    let mut pieces = Vec::new();
    let mut cursor = span.start;
    for m in masks.overlapping(span) {
        if m.start > cursor {
            pieces.push(Span {
                start: cursor,
                end: m.start.min(span.end),
            });
        }
        cursor = cursor.max(m.end);
    }
    if cursor < span.end {
        pieces.push(Span {
            start: cursor,
            end: span.end,
        });
    }
    let mut out = Vec::new();
    for piece in pieces {
        let Some(s) = text.get(piece.range()) else { continue };
        let mut at = 0;
        // Hot: runs for every text event. Every URL holds "://", "mailto:" or "www." ('w' case-folds
        // to no non-ASCII character), so text without ':' or "www." has none.
        if s.contains(':') || has_www(s) {
            for u in URL.find_iter(s) {
                out.push(Span::new(piece.start as usize + at, piece.start as usize + u.start()));
                at = u.end();
            }
        }
        out.push(Span::new(piece.start as usize + at, piece.end as usize));
    }
    out.retain(|p| text.get(p.range()).is_some_and(|s| !s.trim().is_empty()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<&str> {
        let masks = Masks::new(text);
        prose_pieces(text, Span::new(0, text.len()), &masks)
            .into_iter()
            .map(|p| &text[p.range()])
            .collect()
    }

    #[test]
    fn template_code_and_urls_are_cut_out() {
        assert_eq!(pieces("before <%= partial(\"x\") %> after"), ["before ", " after"]);
        assert_eq!(pieces("a {{< note >}} b {{% tip %}} c"), ["a ", " b ", " c"]);
        assert_eq!(pieces("see https://example.com/x?y=1 now"), ["see ", " now"]);
        assert_eq!(pieces("<% only %>"), Vec::<&str>::new());
        assert_eq!(pieces("go to WWW.example.com today"), ["go to ", " today"]);
        assert_eq!(pieces("ww.example.com and www"), ["ww.example.com and www"]);
    }

    #[test]
    fn leading_dash_and_repeats_are_kept() {
        assert_eq!(pieces("-Leads the the team"), ["-Leads the the team"]);
    }
}
