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
    pub(crate) fn around(
        name: impl Into<String>,
        text: Arc<str>,
        span: (usize, usize),
        line_range: std::ops::Range<usize>,
        (line, column): (u32, u32),
    ) -> Self {
        let start = span.0.min(text.len());
        let line_end = line_range.end.clamp(start, text.len());
        let line_start = line_range.start.min(start);
        if line_end - line_start <= LONG_LINE {
            return PageSource::new(name, text);
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
        let (line, column) = match self.window {
            Some(w) => (inner.line() + w.line, column + w.column),
            None => (inner.line(), column),
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            line,
            column,
            inner.line_count(),
        )))
    }
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
