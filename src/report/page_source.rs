//! A page as miette source code, with columns counted in characters like every other output.
//!
//! miette counts the column of a snippet header in bytes; a line with `“` or `é` before the
//! finding would then disagree with the concise, JSON and SARIF outputs.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use std::sync::Arc;

/// One named text that miette can render snippets from.
#[derive(Clone, Debug)]
pub(crate) struct PageSource {
    name: String,
    text: Arc<str>,
}

impl PageSource {
    /// The length of the text in bytes.
    pub(crate) fn len(&self) -> usize {
        self.text.len()
    }

    /// The text of the file shown as `name`.
    pub(crate) fn new(name: impl Into<String>, text: Arc<str>) -> Self {
        PageSource {
            name: name.into(),
            text,
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
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
        )))
    }
}
