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

/// Calls `emit` with the parts of the text event at `span` that are prose (never empty, never only
/// blanks), in order.
pub fn prose_pieces(text: &str, span: Span, masks: &Masks, mut emit: impl FnMut(Span)) {
    // Hot: runs for every text event, so the pieces go straight to `emit` with no buffers.
    let mut keep = |piece: Span| {
        if text.get(piece.range()).is_some_and(|s| !s.trim().is_empty()) {
            emit(piece);
        }
    };
    let mut cut_urls = |piece: Span| {
        let Some(s) = text.get(piece.range()) else { return };
        let mut at = 0;
        // Every URL holds one of these literals, which a literal search finds far faster than URL's
        // word boundary and classes; most text has none.
        if has_url_hint(s) {
            for u in URL.find_iter(s) {
                keep(Span::new(piece.start as usize + at, piece.start as usize + u.start()));
                at = u.end();
            }
        }
        keep(Span::new(piece.start as usize + at, piece.end as usize));
    };
    let mut cursor = span.start;
    for m in masks.overlapping(span) {
        if m.start > cursor {
            cut_urls(Span {
                start: cursor,
                end: m.start.min(span.end),
            });
        }
        cursor = cursor.max(m.end);
    }
    if cursor < span.end {
        cut_urls(Span {
            start: cursor,
            end: span.end,
        });
    }
}

/// True when `s` holds `://`, `mailto:` or `www.` (letters in any case), as every match of URL
/// does. Runs for every piece of prose, so it makes one pass over the bytes for `:` and `.` and
/// looks around each (building a substring searcher per piece cost more than the whole pass).
fn has_url_hint(s: &str) -> bool {
    let b = s.as_bytes();
    let preceded_by = |at: usize, word: &[u8]| {
        at.checked_sub(word.len())
            .and_then(|from| b.get(from..at))
            .is_some_and(|w| w.eq_ignore_ascii_case(word))
    };
    memchr::memchr2_iter(b':', b'.', b).any(|at| {
        if b.get(at) == Some(&b':') {
            b.get(at + 1..at + 3) == Some(b"//") || preceded_by(at, b"mailto")
        } else {
            preceded_by(at, b"www")
        }
    })
}

/// Compiles this module's patterns now (see [`crate::warm_up`]).
pub(crate) fn warm_up() {
    LazyLock::force(&TEMPLATE);
    LazyLock::force(&URL);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_hint_is_the_case_insensitive_literal_search() {
        let hint = crate::parse::fixed_regex(r"(?i)://|mailto:|www\.");
        for s in [
            "",
            "plain prose.",
            "see https://x",
            ":// at the start",
            "MailTo:someone",
            "mailto",
            "ailto:",
            "WWW.example",
            "ww.example",
            "awww.",
            "www",
            "maİlto: and maılto: and ＷＷＷ. and ｍａｉｌｔｏ:",
            "K and \u{212a} and \u{17f}: www\u{2024}",
            "é://",
            ":/",
            "a:/ /",
            ":",
            "::///",
            "x:/",
            "mailto",
            "www..",
            "http:// and www.",
            ".www",
            "wWw.x",
        ] {
            assert_eq!(has_url_hint(s), hint.is_match(s), "{s}");
        }
    }

    fn pieces(text: &str) -> Vec<&str> {
        let masks = Masks::new(text);
        let mut out = Vec::new();
        prose_pieces(text, Span::new(0, text.len()), &masks, |p| out.push(&text[p.range()]));
        out
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
