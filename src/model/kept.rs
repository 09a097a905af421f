//! What a page keeps of its text once the text itself is dropped: the few spans the corpus-wide
//! checks still read, so a run need not hold every page's source until the report.

use crate::span::{Span, Spanned};

/// The text a page keeps after [`Page::drop_source`](super::Page::drop_source); empty otherwise.
#[derive(Clone, Debug, Default)]
pub struct Kept {
    /// True once the page's source was dropped: its text is then only what is kept here.
    pub(crate) dropped: bool,
    /// Whether the source held ERB (`<%`), which the site index asks of every page.
    pub(crate) templated: bool,
    /// The kept ranges of the source, one after another: a sparse copy of it. Kept spans overlap
    /// (a reporting line inside its sentence, a title inside its heading) and are short, so one
    /// buffer holds each byte once, without an allocation per span.
    text: Box<str>,
    /// Each kept range of the source, sorted and disjoint (touching ranges are one), with the
    /// offset of its text in `text`.
    ranges: Vec<(Span, u32)>,
    /// Link destinations written exactly as the link's `target` holds them, sorted by span: the
    /// index of the link, whose `target` is the text (nearly every link, so its text is not kept twice).
    targets: Vec<(Span, u32)>,
    /// The node labels of the page's Mermaid career-ladder graphs (read once the text is gone).
    pub(crate) ladder_nodes: Vec<Spanned<String>>,
    /// Where the page writes role titles (worked out while the text was here).
    pub(crate) title_regions: Vec<TitleRegion>,
}

/// A place where a page writes a role title (see the title-word check), and which of the page's
/// titles it is: its levels' in order, then the page's own; `None` for another title.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TitleRegion {
    /// Where.
    pub span: Span,
    /// The index of the page's title written there, if it is one of its own.
    pub own_title: Option<usize>,
}

/// What the corpus-wide checks read of a page's text beyond what [`Page::drop_source`](super::Page::drop_source)
/// keeps for every page: they say it while the text is still there.
#[derive(Clone, Debug, Default)]
pub struct Reads {
    /// The node labels of the page's Mermaid career-ladder graphs.
    pub ladder_nodes: Vec<Spanned<String>>,
    /// Where the page writes role titles, whose text is read too.
    pub title_regions: Vec<TitleRegion>,
}

impl Kept {
    /// Keeps the text of `spans` and of the words at `words`, read from `source`, and which
    /// link's `target` holds the text of each of `targets` (span, link index).
    pub(crate) fn new(
        source: &str,
        spans: impl IntoIterator<Item = Span>,
        words: impl IntoIterator<Item = Span>,
        targets: impl IntoIterator<Item = (Span, u32)>,
        ladder_nodes: Vec<Spanned<String>>,
        title_regions: Vec<TitleRegion>,
    ) -> Self {
        let mut wanted: Vec<Span> = spans
            .into_iter()
            .chain(words)
            .chain(title_regions.iter().map(|r| r.span))
            .filter(|s| !s.is_empty() && source.get(s.range()).is_some())
            .collect();
        wanted.sort_unstable();
        let mut merged: Vec<Span> = Vec::with_capacity(wanted.len());
        for s in wanted {
            match merged.last_mut() {
                Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
                _ => merged.push(s),
            }
        }
        let mut text = String::with_capacity(merged.iter().map(|s| s.len()).sum());
        let mut ranges = Vec::with_capacity(merged.len());
        for s in merged {
            // Each range's ends are ends of spans that cut `source` at character boundaries.
            let Some(part) = source.get(s.range()) else { continue };
            let Ok(at) = u32::try_from(text.len()) else { break };
            ranges.push((s, at));
            text.push_str(part);
        }
        let mut targets: Vec<(Span, u32)> = targets.into_iter().collect();
        targets.sort_by_key(|(s, _)| *s);
        targets.dedup_by_key(|(s, _)| *s);
        Kept {
            dropped: true,
            templated: source.contains("<%"),
            text: text.into_boxed_str(),
            ranges,
            targets,
            ladder_nodes,
            title_regions,
        }
    }

    /// The kept range holding byte `at` (`at` may be its end when `at_end`), with its text's offset.
    fn range_at(&self, at: u32, at_end: bool) -> Option<(Span, usize)> {
        let i = self.ranges.partition_point(|(r, _)| r.start <= at).checked_sub(1)?;
        let &(range, offset) = self.ranges.get(i)?;
        let inside = if at_end { at <= range.end } else { at < range.end };
        inside.then_some((range, offset as usize))
    }

    /// The kept text of `span`, when every byte of it is kept (a link destination held by its
    /// link is [`Kept::link_of`]'s).
    pub(crate) fn span(&self, span: Span) -> Option<&str> {
        let (range, offset) = self.range_at(span.start, span.is_empty())?;
        if span.end > range.end {
            return None;
        }
        let from = offset + (span.start - range.start) as usize;
        self.text.get(from..from + span.len())
    }

    /// The kept text from byte `at` to the end of the kept range there (a word kept after a link
    /// reaches at least the end of that word).
    pub(crate) fn rest_from(&self, at: u32) -> Option<&str> {
        let (range, offset) = self.range_at(at, false)?;
        let from = offset + (at - range.start) as usize;
        self.text.get(from..offset + range.len())
    }

    /// The index of the link whose `target` holds the text of exactly `span`.
    pub(crate) fn link_of(&self, span: Span) -> Option<usize> {
        let i = self.targets.binary_search_by_key(&span, |(s, _)| *s).ok()?;
        self.targets.get(i).map(|&(_, link)| link as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::Kept;
    use crate::span::Span;

    #[test]
    fn overlapping_spans_are_kept_once_and_read_whole_or_in_part() {
        let source = "Intro line.\nThe Senior Widget Analyst reports to the Widget Manager.\n| a | b |\n";
        let sentence = Span::new(12, 68);
        let manager = Span::new(53, 67);
        let title = Span::new(16, 37);
        let cell = Span::new(70, 73);
        let kept = Kept::new(source, [manager, sentence, title, cell], [], [], Vec::new(), Vec::new());
        assert_eq!(
            &*kept.text,
            "The Senior Widget Analyst reports to the Widget Manager. a "
        );
        assert_eq!(kept.ranges.len(), 2, "nested spans are one range");
        for s in [sentence, manager, title, cell, Span::new(20, 26)] {
            assert_eq!(kept.span(s), source.get(s.range()), "{s:?}");
        }
        assert_eq!(kept.span(Span::new(0, 5)), None, "not kept");
        assert_eq!(kept.span(Span::new(60, 72)), None, "runs past a kept range");
        assert_eq!(kept.span(Span::new(68, 68)), Some(""), "empty at a range's end");
        assert_eq!(kept.rest_from(60), Some("Manager."));
    }
}
