//! LSP positions: line and column in UTF-16 code units (the protocol's default) or in bytes
//! (when the client offers `utf-8`), to and from rolelint's byte offsets.

use crate::span::LineIndex;
use lsp_types::Position;
use std::cell::Cell;

/// The unit of an LSP column, negotiated at `initialize`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-16 code units: what every client understands.
    Utf16,
    /// Bytes: cheaper, used when the client offers it.
    Utf8,
}

/// One editor text with its line index, for converting positions both ways.
#[derive(Debug)]
pub struct Text<'t> {
    text: &'t str,
    index: LineIndex,
    encoding: Encoding,
    /// The last position computed (byte offset, its line's start, its column), from which a
    /// later offset on the same line counts on: many findings on one long line stay linear.
    last: Cell<Option<(usize, usize, usize)>>,
}

impl<'t> Text<'t> {
    /// Indexes `text` (the buffer as the editor holds it, BOM included).
    pub fn new(text: &'t str, encoding: Encoding) -> Self {
        Text {
            text,
            index: LineIndex::new(text),
            encoding,
            last: Cell::new(None),
        }
    }

    /// The position of byte `offset` (clamped to the text, moved back to a character boundary).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.index.line_of(offset);
        let start = self.index.line_start(line).min(offset);
        let (from, base) = match self.last.get() {
            Some((at, line_start, column)) if line_start == start && at <= offset => (at, column),
            _ => (start, 0),
        };
        let before = self.text.get(from..offset).unwrap_or_default();
        let column = base
            + match self.encoding {
                Encoding::Utf8 => before.len(),
                Encoding::Utf16 => before.encode_utf16().count(),
            };
        self.last.set(Some((offset, start, column)));
        Position {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            character: u32::try_from(column).unwrap_or(u32::MAX),
        }
    }

    /// The byte offset of `position`; a column past the line's end means its end.
    pub fn offset(&self, position: Position) -> usize {
        let line = position.line as usize;
        if line >= self.index.line_count() {
            return self.text.len();
        }
        let range = self.index.line_range(self.text, line);
        let content = self.text.get(range.clone()).unwrap_or_default();
        let want = position.character as usize;
        let mut units = 0;
        for (i, c) in content.char_indices() {
            if units >= want {
                return range.start + i;
            }
            units += match self.encoding {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            };
        }
        range.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_counts_surrogate_pairs_and_utf8_counts_bytes() {
        let text = "ab\n\u{e9}\u{1f600}x\r\nend";
        let x = text.find('x').unwrap();
        let t16 = Text::new(text, Encoding::Utf16);
        assert_eq!(t16.position(x), Position::new(1, 3));
        assert_eq!(t16.offset(Position::new(1, 3)), x);
        let t8 = Text::new(text, Encoding::Utf8);
        assert_eq!(t8.position(x), Position::new(1, 6));
        assert_eq!(t8.offset(Position::new(1, 6)), x);
        assert_eq!(
            t16.offset(Position::new(1, 99)),
            x + 1,
            "past the end is the end, before CRLF"
        );
        assert_eq!(t16.offset(Position::new(9, 0)), text.len());
        assert_eq!(
            t16.position(x - 1),
            Position::new(1, 1),
            "inside the emoji is the emoji"
        );
        assert_eq!(
            t16.position(x + 1),
            Position::new(1, 4),
            "counted on from the last position"
        );
        assert_eq!(t16.position(x), Position::new(1, 3), "and back again");
    }

    #[test]
    fn many_positions_on_one_long_line_are_counted_on_not_from_its_start() {
        let text = "é ".repeat(1_000_000);
        let t = Text::new(&text, Encoding::Utf16);
        let start = std::time::Instant::now();
        for i in (0..text.len()).step_by(300) {
            let expected = u32::try_from(i / 3 * 2).unwrap();
            assert_eq!(t.position(i), Position::new(0, expected));
        }
        // 10,000 positions: counted from the line start each time this is ~10^10 steps.
        assert!(
            start.elapsed() < std::time::Duration::from_secs(20),
            "{:?}",
            start.elapsed()
        );
    }
}
