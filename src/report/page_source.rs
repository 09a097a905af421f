//! A page as miette source code, with columns counted in characters like every other output.
//!
//! miette counts the column of a snippet header in bytes; a line with `“` or `é` before the
//! finding would then disagree with the concise, JSON and SARIF outputs.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use std::sync::Arc;

/// Lines longer than this many bytes are shown as a window around the finding: miette pads
/// snippet columns with `u16` widths (it panics past display column 65,535), and a screen-wide
/// excerpt reads better than a megabyte of one line anyway.
const LONG_LINE: usize = 1_000;
/// Bytes of context shown on each side of a finding in a window.
const WINDOW_CONTEXT: usize = 120;
/// The most bytes of one span shown in a window.
const WINDOW_SPAN: usize = 240;

/// One named text that miette can render snippets from.
#[derive(Clone, Debug)]
pub(crate) struct PageSource {
    name: String,
    text: Arc<str>,
    /// Set when `text` is an excerpt of one long line: where it lies in the file.
    window: Option<Window>,
}

/// An excerpt of one long line of the file, and how to map file offsets into it.
#[derive(Clone, Copy, Debug)]
struct Window {
    /// Byte range of the file the excerpt shows (without the `…` marks).
    from: usize,
    to: usize,
    /// Bytes of the leading `…` mark (0 or 3).
    mark: usize,
    /// 0-based line of the file the excerpt comes from.
    line: usize,
    /// Characters of that line before the excerpt, minus the leading mark.
    column: usize,
    /// Line breaks of the file before the excerpt that miette would have counted in the whole
    /// text's `line_count` (which runs from the text's start: miette merges two labels' snippets
    /// by it); 0 for an excerpt of one long line.
    breaks_before: usize,
}

impl PageSource {
    /// The text of the file shown as `name`.
    pub(crate) fn new(name: impl Into<String>, text: Arc<str>) -> Self {
        PageSource {
            name: name.into(),
            text,
            window: None,
        }
    }

    /// The file shown as `name`, or only a window of its line when the line holding `span` is
    /// longer than [`LONG_LINE`]; `line` and `column` (both 1-based, column in characters) are
    /// where `span` starts and `line_range` is that line's byte range (from the run's line index),
    /// so no long line is ever scanned again here: many findings on one line stay linear.
    ///
    /// Otherwise the source is `lines` (whole lines of the file, from [`SourceMap::lines_around`],
    /// holding every span the snippet labels), so miette, which counts lines from the start of
    /// its text for every span it reads, never scans the file up to the finding.
    ///
    /// [`SourceMap::lines_around`]: super::SourceMap::lines_around
    pub(crate) fn around(
        name: impl Into<String>,
        text: Arc<str>,
        span: (usize, usize),
        line_range: std::ops::Range<usize>,
        (line, column): (u32, u32),
        lines: Option<(std::ops::Range<usize>, usize)>,
    ) -> Self {
        let start = span.0.min(text.len());
        let line_end = line_range.end.clamp(start, text.len());
        let line_start = line_range.start.min(start);
        if line_end - line_start <= LONG_LINE {
            return match lines.filter(|(range, _)| whole_lines(&text, range)) {
                Some((range, first)) => PageSource {
                    name: name.into(),
                    text: Arc::from(text.get(range.clone()).unwrap_or_default()),
                    window: Some(Window {
                        from: range.start,
                        to: range.end,
                        mark: 0,
                        line: first,
                        column: 0,
                        breaks_before: first,
                    }),
                },
                None => PageSource::new(name, text),
            };
        }
        let end = span
            .0
            .saturating_add(span.1)
            .clamp(start, line_end)
            .min(start + WINDOW_SPAN);
        let from = floor_boundary(&text, start.saturating_sub(WINDOW_CONTEXT).max(line_start));
        let to = ceil_boundary(&text, (end + WINDOW_CONTEXT).min(line_end));
        let lead = if from > line_start { "…" } else { "" };
        let tail = if to < line_end { "…" } else { "" };
        let excerpt = format!("{lead}{}{tail}", text.get(from..to).unwrap_or_default());
        let before = text.get(from..start).map_or(0, |t| t.chars().count()) + lead.chars().count();
        PageSource {
            name: name.into(),
            text: Arc::from(excerpt),
            window: Some(Window {
                from,
                to,
                mark: lead.len(),
                line: (line as usize).saturating_sub(1),
                column: (column as usize).saturating_sub(1).saturating_sub(before),
                breaks_before: 0,
            }),
        }
    }

    /// `span` (file offsets) as miette's (offset, length) in this source; a stale span is clamped
    /// to the text, and `None` when this source is a window that does not show the span.
    pub(crate) fn place(&self, span: (usize, usize)) -> Option<(usize, usize)> {
        let (start, end) = (span.0, span.0.saturating_add(span.1));
        match self.window {
            None => {
                let len = self.text.len();
                Some((start.min(len), end.min(len) - start.min(len)))
            }
            Some(w) if start < w.from || start > w.to => None,
            Some(w) => {
                let end = end.clamp(start, w.to);
                Some((start - w.from + w.mark, end - start))
            }
        }
    }

    /// 0-based column of byte `offset`, in characters from the start of its line.
    fn char_column(&self, offset: usize) -> Option<usize> {
        // Inside a multi-byte character: the column is that character's.
        let offset = (0..=offset.min(self.text.len()))
            .rev()
            .find(|&i| self.text.is_char_boundary(i))?;
        let before = self.text.get(..offset)?;
        let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
        Some(before.get(line_start..)?.chars().count())
    }
}

impl SourceCode for PageSource {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.read_span(span, context_lines_before, context_lines_after)?;
        // miette only reads the column of a span read without context (the header position).
        let column = if context_lines_before == 0 {
            self.char_column(span.offset()).unwrap_or_else(|| inner.column())
        } else {
            inner.column()
        };
        let (line, column, line_count) = match self.window {
            Some(w) => (
                inner.line() + w.line,
                column + w.column,
                inner.line_count() + w.breaks_before,
            ),
            None => (inner.line(), column, inner.line_count()),
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            line,
            column,
            line_count,
        )))
    }
}

/// True when `range` of `text` starts at a line start and ends after a `\n` or at the end, and
/// the text has no lone `\r`, so miette sees the same lines in it as in the whole text.
fn whole_lines(text: &str, range: &std::ops::Range<usize>) -> bool {
    let bytes = text.as_bytes();
    // miette also breaks lines at a lone `\r`, the line index does not: such a file is shown whole.
    let lone_cr = memchr::memchr_iter(b'\r', bytes).any(|i| bytes.get(i + 1) != Some(&b'\n'));
    !lone_cr
        && range.start <= range.end
        && range.end <= bytes.len()
        && (range.start == 0 || bytes.get(range.start - 1) == Some(&b'\n'))
        && (range.end == bytes.len() || bytes.get(range.end - 1) == Some(&b'\n'))
}

/// The nearest char boundary of `text` at or before `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    (0..=at.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

/// The nearest char boundary of `text` at or after `at`.
fn ceil_boundary(text: &str, at: usize) -> usize {
    (at.min(text.len())..=text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::LineIndex;

    /// What miette reads of `span` with `context` lines: (data, line, column, line_count).
    fn read(source: &PageSource, span: (usize, usize), context: usize) -> (String, usize, usize, usize) {
        let c = source
            .read_span(&SourceSpan::from(span), context, context)
            .expect("span inside the text");
        (
            String::from_utf8_lossy(c.data()).into_owned(),
            c.line(),
            c.column(),
            c.line_count(),
        )
    }

    /// The lines window `extra` lines around `span`, as `SourceMap::lines_around` cuts it.
    fn window(text: &str, span: (usize, usize), extra: usize) -> (std::ops::Range<usize>, usize) {
        let index = LineIndex::new(text);
        let first = index.line_of(span.0).saturating_sub(extra);
        let after = index.line_of(span.0 + span.1) + extra + 1;
        let end = if after < index.line_count() {
            index.line_start(after)
        } else {
            text.len()
        };
        (index.line_start(first)..end, first)
    }

    #[test]
    fn a_window_of_lines_reads_like_the_whole_text() {
        let texts = [
            "one\ntwo\nthree é\nfour\n\nsix “quoted”\nseven\neight\nnine\nten",
            "a\r\nb\r\nc\r\nd\r\ne\r\nf\r\n",
            "x\ny\nz",
        ];
        for text in texts {
            let whole = PageSource::new("f.md", Arc::from(text));
            let boundaries: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            for &start in &boundaries {
                for &end in boundaries.iter().filter(|&&e| e >= start) {
                    let span = (start, end - start);
                    let (range, first) = window(text, span, 3);
                    let windowed =
                        PageSource::around("f.md", Arc::from(text), span, 0..0, (1, 1), Some((range, first)));
                    let placed = windowed.place(span).expect("the window holds the span");
                    for context in [0, 1] {
                        let (data, line, column, count) = read(&windowed, placed, context);
                        assert_eq!(
                            (data, line, column, count),
                            read(&whole, span, context),
                            "{text:?} span {span:?} context {context}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_lone_carriage_return_keeps_the_whole_text() {
        let text = "a\rb\nc\nd\n";
        let source = PageSource::around("f.md", Arc::from(text), (5, 1), 4..5, (2, 1), Some((4..8, 1)));
        assert_eq!(source.place((5, 1)), Some((5, 1)), "offsets stay the file's");
    }
}
