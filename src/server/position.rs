//! LSP positions: line and column in UTF-16 code units (the protocol's default) or in bytes
//! (when the client offers `utf-8`), to and from rolelint's byte offsets.

use crate::span::LineIndex;
use lsp_types::Position;

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
}

impl<'t> Text<'t> {
    /// Indexes `text` (the buffer as the editor holds it, BOM included).
    pub fn new(text: &'t str, encoding: Encoding) -> Self {
        Text {
            text,
            index: LineIndex::new(text),
            encoding,
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
        let before = self.text.get(start..offset).unwrap_or_default();
        let column = match self.encoding {
            Encoding::Utf8 => before.len(),
            Encoding::Utf16 => before.encode_utf16().count(),
        };
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
    }
}
