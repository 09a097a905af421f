//! Byte spans into a source text, and the one place that turns them into lines and columns.

use serde::{Deserialize, Serialize};
use std::cell::Cell;
use std::ops::Range;

/// A half-open byte range `start..end` into one source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from `usize` offsets; offsets beyond `u32::MAX` saturate (sources are capped well below).
    pub fn new(start: usize, end: usize) -> Self {
        let clamp = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        let (start, end) = (clamp(start), clamp(end));
        Span {
            start,
            end: end.max(start),
        }
    }

    /// The span as a `Range<usize>` for slicing.
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    /// True when the span covers no byte.
    pub fn is_empty(self) -> bool {
        self.end == self.start
    }

    /// The same span moved `by` bytes to the right (for spans measured inside a sub-slice).
    pub fn shifted(self, by: usize) -> Self {
        Span::new(self.start as usize + by, self.end as usize + by)
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Self {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// True when `other` lies inside this span.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// A value together with the span it was read from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// Pairs a value with its span.
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

/// A 1-based line and character column, plus the byte offset it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// 1-based line.
    pub line: u32,
    /// 1-based column in Unicode scalar values.
    pub column: u32,
    /// 0-based byte offset.
    pub offset: u32,
}

/// Line starts of one text, built once, to turn byte offsets into positions.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    line_starts: Vec<u32>,
    /// The last position counted, as (line, byte, column): the next one on that line counts from
    /// there, so many findings on one long line cost its length once, not once per finding.
    last: Cell<Option<(usize, usize, usize)>>,
}

impl LineIndex {
    /// Indexes the line starts of `text` (a line ends at `\n`; a `\r` before it belongs to the line).
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        // memchr: every page is indexed for suppressions and for the report.
        line_starts
            .extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| u32::try_from(i + 1).unwrap_or(u32::MAX)));
        LineIndex {
            line_starts,
            last: Cell::new(None),
        }
    }

    /// The 0-based line that holds byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        self.line_starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    /// Byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts.get(line).copied().unwrap_or(0) as usize
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The position of byte `offset` in `text` (the text this index was built from).
    /// An offset inside a multi-byte character counts as that character.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.line_start(line).min(offset);
        // Inside a multi-byte character: the column is that character's.
        let mut boundary = offset;
        while boundary > start && !text.is_char_boundary(boundary) {
            boundary -= 1;
        }
        let chars = |from: usize, to: usize| text.get(from..to).map_or(0, |s| s.chars().count());
        // From the line start, or from the last position when that is nearer (either side).
        let column = match self.last.get() {
            Some((l, at, col)) if l == line && at >= start && at.abs_diff(boundary) < boundary - start => {
                if at <= boundary {
                    col + chars(at, boundary)
                } else {
                    col.saturating_sub(chars(boundary, at))
                }
            }
            _ => chars(start, boundary),
        };
        self.last.set(Some((line, boundary, column)));
        Position {
            line: u32::try_from(line + 1).unwrap_or(u32::MAX),
            column: u32::try_from(column + 1).unwrap_or(u32::MAX),
            offset: u32::try_from(offset).unwrap_or(u32::MAX),
        }
    }

    /// The byte range of the 0-based `line`, without its line ending.
    pub fn line_range(&self, text: &str, line: usize) -> Range<usize> {
        let start = self.line_start(line).min(text.len());
        let mut end = self
            .line_starts
            .get(line + 1)
            .map_or(text.len(), |&s| s as usize)
            .min(text.len());
        let bytes = text.as_bytes();
        if end > start && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let text = "ab\nÉé x\r\nlast";
        let index = LineIndex::new(text);
        assert_eq!(
            index.position(text, 0),
            Position {
                line: 1,
                column: 1,
                offset: 0
            }
        );
        let x = text.find('x').unwrap();
        assert_eq!(
            index.position(text, x),
            Position {
                line: 2,
                column: 4,
                offset: x as u32
            }
        );
        let e_acute = text.find('é').unwrap();
        assert_eq!(index.position(text, e_acute + 1).column, 2, "inside `é` is `é`");
        let last = text.find("last").unwrap();
        assert_eq!(index.position(text, last).line, 3);
        assert_eq!(index.position(text, last).column, 1);
        assert_eq!(&text[index.line_range(text, 1)], "Éé x");
    }

    #[test]
    fn positions_in_any_order_match_a_fresh_count() {
        let text = "ab\nÉé x “y” z\nlast line here";
        let index = LineIndex::new(text);
        let offsets = [12, 3, 20, 5, 5, 30, 4, 0, 28, 13, 6];
        for offset in offsets {
            assert_eq!(
                index.position(text, offset),
                LineIndex::new(text).position(text, offset),
                "{offset}"
            );
        }
    }

    #[test]
    fn offset_past_end_clamps() {
        let text = "abc";
        let index = LineIndex::new(text);
        assert_eq!(
            index.position(text, 99),
            Position {
                line: 1,
                column: 4,
                offset: 3
            }
        );
    }
}
