//! Where the lines of a dropped text start, kept compactly for the report of a file that changed
//! after it was checked: a run keeps them for every page it reads.

/// A line length at or above this is kept aside, in full.
const LONG: u8 = u8::MAX;
/// Every this many lines, the start is kept in full, so a lookup reads at most this many lengths.
const CHECKPOINT: usize = 64;

/// The start of each line of a text (0, then the byte after each `\n`): each line's length in
/// one byte (most lines are shorter than 255 bytes), the longer ones aside, and every
/// [`CHECKPOINT`]th start in full. About 1.1 bytes a line instead of 4.
#[derive(Debug, Default)]
pub struct LineStarts {
    /// The length of each line that ends in `\n`, newline included; [`LONG`] for one in `long`.
    lengths: Box<[u8]>,
    /// The line index and length of each line of [`LONG`] bytes or more, by line.
    long: Box<[(u32, u32)]>,
    /// `checkpoints[k]` is the start of line `k * CHECKPOINT`.
    checkpoints: Box<[u32]>,
    /// Bit `l` is set when line `l` (0-based, newline included) holds a byte outside ASCII; empty
    /// when no line does. On an ASCII line a column is a byte count, so a report can place a
    /// finding there without reading the file back.
    wide: Box<[u64]>,
    /// The length of the text.
    len: u32,
}

impl LineStarts {
    /// The line starts of `text`.
    pub fn new(text: &str) -> Self {
        let mut lengths = Vec::new();
        let mut long = Vec::new();
        let mut checkpoints = vec![0];
        // Most pages are ASCII throughout: one pass over the text says so, and only the others
        // have their lines looked at.
        let ascii = text.is_ascii();
        let mut wide: Vec<u64> = Vec::new();
        let mut mark = |line: usize, range: std::ops::Range<usize>| {
            if !ascii && !text.as_bytes().get(range).is_some_and(<[u8]>::is_ascii) {
                wide.resize((line / 64 + 1).max(wide.len()), 0);
                if let Some(bits) = wide.get_mut(line / 64) {
                    *bits |= 1 << (line % 64);
                }
            }
        };
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1) {
            mark(lengths.len(), start..end);
            let len = end - start;
            match u8::try_from(len) {
                Ok(len) if len < LONG => lengths.push(len),
                _ => {
                    long.push((to_u32(lengths.len()), to_u32(len)));
                    lengths.push(LONG);
                }
            }
            start = end;
            if lengths.len() % CHECKPOINT == 0 {
                checkpoints.push(to_u32(start));
            }
        }
        // The last line, after the last newline (empty when the text ends with one).
        mark(lengths.len(), start..text.len());
        LineStarts {
            lengths: lengths.into(),
            long: long.into(),
            checkpoints: checkpoints.into(),
            wide: wide.into(),
            len: to_u32(text.len()),
        }
    }

    /// The position of byte `offset` (clamped to the text) when its line is ASCII, as
    /// [`crate::span::LineIndex::position`] gives it from the text (a column counts characters,
    /// bytes there); `None` on a line with other characters, whose columns need the text.
    pub fn ascii_position(&self, offset: u32) -> Option<crate::span::Position> {
        let offset = offset.min(self.len);
        let (line, start) = self.line_of(offset);
        let wide = self
            .wide
            .get((line - 1) / 64)
            .is_some_and(|bits| bits & (1 << ((line - 1) % 64)) != 0);
        (!wide).then(|| crate::span::Position {
            line: to_u32(line),
            column: offset.saturating_sub(start).saturating_add(1),
            offset,
        })
    }

    /// The line holding byte `offset` (1-based) and the offset its line starts at.
    pub fn line_of(&self, offset: u32) -> (usize, u32) {
        let k = self.checkpoints.partition_point(|&s| s <= offset).saturating_sub(1);
        let mut line = k * CHECKPOINT;
        let mut start = self.checkpoints.get(k).copied().unwrap_or(0);
        while line < self.lengths.len() {
            let next = start.saturating_add(self.length(line));
            if next > offset {
                break;
            }
            start = next;
            line += 1;
        }
        (line + 1, start)
    }

    /// Every line start, in order.
    pub fn starts(&self) -> impl Iterator<Item = u32> + '_ {
        let mut start = 0u32;
        std::iter::once(0).chain((0..self.lengths.len()).map(move |line| {
            start = start.saturating_add(self.length(line));
            start
        }))
    }

    /// The length of line `line` (0-based), newline included.
    fn length(&self, line: usize) -> u32 {
        match self.lengths.get(line) {
            Some(&LONG) => {
                let at = self.long.binary_search_by_key(&to_u32(line), |&(l, _)| l);
                at.ok().and_then(|i| self.long.get(i)).map_or(0, |&(_, len)| len)
            }
            Some(&len) => u32::from(len),
            None => 0,
        }
    }
}

/// `n` as a `u32`: texts are at most [`super::MAX_SOURCE_BYTES`] long.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The plain way: every start in a list, a binary search.
    fn plain(text: &str, offset: u32) -> (usize, u32) {
        let starts: Vec<u32> = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| to_u32(i + 1)))
            .collect();
        let line = starts.partition_point(|&s| s <= offset).max(1);
        (line, starts.get(line - 1).copied().unwrap_or(0))
    }

    #[test]
    fn short_long_and_many_lines() {
        let text = format!("# T\n{}\nline é\n{}", "x".repeat(300), "a\n".repeat(200));
        let lines = LineStarts::new(&text);
        assert_eq!(lines.starts().take(4).collect::<Vec<_>>(), [0, 4, 305, 313]);
        assert_eq!(lines.line_of(0), (1, 0));
        assert_eq!(lines.line_of(300), (2, 4));
        assert_eq!(lines.line_of(305), (3, 305));
        assert_eq!(lines.line_of(u32::MAX), (204, 713));
        assert_eq!(lines.long.len(), 1);
        assert_eq!(lines.checkpoints.len(), 4);
        for offset in 0..=text.len() as u32 + 2 {
            assert_eq!(lines.line_of(offset), plain(&text, offset), "{offset}");
        }
    }

    #[test]
    fn ascii_lines_are_placed_and_others_left_to_the_text() {
        let text = "# Título\nplain line\n“quoted”\nlast";
        let lines = LineStarts::new(text);
        let index = crate::span::LineIndex::new(text);
        let plain = text.find("line").unwrap() as u32;
        let at = index.position(text, plain as usize);
        assert_eq!(lines.ascii_position(plain), Some(at));
        assert_eq!((at.line, at.column), (2, 7));
        assert_eq!(lines.ascii_position(0), None, "line 1 holds `í`");
        assert_eq!(lines.ascii_position(text.find("quoted").unwrap() as u32), None);
        let end = text.len() as u32;
        let last = crate::span::Position {
            line: 4,
            column: 5,
            offset: end,
        };
        assert_eq!(lines.ascii_position(end + 5), Some(last), "clamped to the end");
        assert!(LineStarts::new("all ascii\n").wide.is_empty());
    }

    proptest! {
        /// Where a line is ASCII, the kept starts place an offset as the text's index does.
        #[test]
        fn ascii_positions_are_the_text_index_positions(
            text in "([a-z ]{0,12}|é|’|\n){0,60}",
            probes in proptest::collection::vec(0u32..400, 1..30),
        ) {
            let lines = LineStarts::new(&text);
            let index = crate::span::LineIndex::new(&text);
            for offset in probes {
                let at = index.position(&text, offset as usize);
                let line = text.split('\n').nth(at.line as usize - 1).unwrap_or_default();
                match lines.ascii_position(offset) {
                    Some(placed) => {
                        prop_assert!(line.is_ascii());
                        prop_assert_eq!(placed, at);
                    }
                    None => prop_assert!(!line.is_ascii()),
                }
            }
        }

        #[test]
        fn every_offset_finds_the_line_a_list_of_starts_finds(
            lines in proptest::collection::vec(0usize..600, 0..300),
            probes in proptest::collection::vec(0u32..200_000, 1..40),
        ) {
            let text: String = lines.iter().map(|&n| format!("{}\n", "y".repeat(n))).collect();
            let starts = LineStarts::new(&text);
            prop_assert_eq!(starts.starts().count(), lines.len() + 1);
            for offset in probes {
                prop_assert_eq!(starts.line_of(offset), plain(&text, offset));
            }
        }
    }
}
