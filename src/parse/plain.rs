//! Plain text of a block (link syntax, emphasis and soft breaks removed) with a map back to source bytes,
//! so sentence parsers can read "The role is a grade 7." and still report exact source spans.

use crate::span::Span;

/// One piece of plain text and where it came from.
#[derive(Clone, Copy, Debug)]
struct Segment {
    /// Offset in the plain text.
    plain: usize,
    /// Length in the plain text.
    plain_len: usize,
    /// Offset in the source.
    source: usize,
    /// Length in the source.
    source_len: usize,
    /// True when the plain text equals the source bytes (so offsets inside map one to one).
    exact: bool,
}

/// Text assembled from inline events, with its source map.
#[derive(Clone, Debug, Default)]
pub struct PlainText {
    /// The text.
    pub text: String,
    segments: Vec<Segment>,
}

impl PlainText {
    /// Empty, with room for a block whose source is `source_len` bytes: a paragraph's, heading's
    /// or cell's plain text is at most about that long, so it is then built without regrowing.
    pub fn for_source(source_len: usize) -> Self {
        PlainText {
            text: String::with_capacity(source_len),
            segments: Vec::with_capacity(4),
        }
    }

    /// Appends `text` that was read from `source_range` (exact when it equals the source slice there).
    pub fn push(&mut self, text: &str, source_start: usize, source_end: usize, exact: bool) {
        if text.is_empty() {
            return;
        }
        self.segments.push(Segment {
            plain: self.text.len(),
            plain_len: text.len(),
            source: source_start,
            source_len: source_end.saturating_sub(source_start),
            exact: exact && text.len() == source_end.saturating_sub(source_start),
        });
        self.text.push_str(text);
    }

    /// True when nothing was pushed.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    fn segment_at(&self, p: usize, is_end: bool) -> Option<&Segment> {
        let i = if is_end {
            self.segments.partition_point(|s| s.plain < p)
        } else {
            self.segments.partition_point(|s| s.plain <= p)
        };
        self.segments.get(i.checked_sub(1)?)
    }

    fn map(&self, p: usize, is_end: bool) -> usize {
        match self.segment_at(p, is_end) {
            None => self.segments.first().map_or(0, |s| s.source),
            Some(s) => {
                let into = p.saturating_sub(s.plain).min(s.plain_len);
                if s.exact {
                    s.source + into
                } else if is_end || into > 0 {
                    s.source + s.source_len
                } else {
                    s.source
                }
            }
        }
    }

    /// The source span of the plain range `start..end`.
    pub fn source_span(&self, start: usize, end: usize) -> Span {
        let s = self.map(start, false);
        let e = if end <= start { s } else { self.map(end, true) };
        Span::new(s, e.max(s))
    }
}

/// Where `child` starts inside `parent`, when it is a sub-slice of it (nom's `Offset` without its
/// panic on unrelated slices).
pub fn sub_offset(parent: &str, child: &str) -> Option<usize> {
    let p = parent.as_ptr() as usize;
    let c = child.as_ptr() as usize;
    let at = c.checked_sub(p)?;
    (at + child.len() <= parent.len()).then_some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_offsets_only_inside_the_parent() {
        let text = "hello world";
        assert_eq!(sub_offset(text, &text[6..]), Some(6));
        assert_eq!(sub_offset(text, "other"), None);
    }

    #[test]
    fn maps_plain_offsets_back_to_source() {
        // source: "The role is a [grade 7](/g)."
        let mut p = PlainText::default();
        p.push("The role is a ", 0, 14, true);
        p.push("grade 7", 15, 22, true);
        p.push(".", 27, 28, true);
        assert_eq!(p.text, "The role is a grade 7.");
        let seven = p.text.find('7').unwrap();
        assert_eq!(p.source_span(seven, seven + 1), Span::new(21, 22));
        assert_eq!(p.source_span(0, p.text.len()), Span::new(0, 28));
        assert_eq!(p.source_span(14, 21), Span::new(15, 22));
    }

    #[test]
    fn inexact_segments_map_to_their_whole_range() {
        let mut p = PlainText::default();
        p.push("a ", 0, 2, true);
        p.push("&", 2, 7, false); // `&amp;`
        p.push(" b", 7, 9, true);
        assert_eq!(p.source_span(2, 3), Span::new(2, 7));
        assert_eq!(p.source_span(0, 5), Span::new(0, 9));
    }
}
