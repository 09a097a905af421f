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
}

impl LineStarts {
    /// The line starts of `text`.
    pub fn new(text: &str) -> Self {
        let mut lengths = Vec::new();
        let mut long = Vec::new();
        let mut checkpoints = vec![0];
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1) {
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
        LineStarts {
            lengths: lengths.into(),
            long: long.into(),
            checkpoints: checkpoints.into(),
        }
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

    proptest! {
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
