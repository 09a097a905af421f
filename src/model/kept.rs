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
    /// The text of each kept span, sorted by span.
    spans: Vec<(Span, Box<str>)>,
    /// The text from each kept offset to the end of the word there (a word glued to a link).
    words: Vec<(u32, Box<str>)>,
    /// Link destinations written exactly as the link's `target` holds them, sorted by span: the
    /// index of the link, whose `target` is the text (nearly every link, so its text is not kept twice).
    targets: Vec<(Span, u32)>,
    /// The node labels of the page's Mermaid career-ladder graphs (read once the text is gone).
    pub(crate) ladder_nodes: Vec<Spanned<String>>,
}

/// What the corpus-wide checks read of a page's text beyond what [`Page::drop_source`](super::Page::drop_source)
/// keeps for every page: they say it while the text is still there.
#[derive(Clone, Debug, Default)]
pub struct Reads {
    /// Spans whose text is read.
    pub spans: Vec<Span>,
    /// The node labels of the page's Mermaid career-ladder graphs.
    pub ladder_nodes: Vec<Spanned<String>>,
}

impl Kept {
    /// Keeps the text of `spans` and of the words starting at `words`, read from `source`, and
    /// which link's `target` holds the text of each of `targets` (span, link index).
    pub(crate) fn new(
        source: &str,
        spans: impl IntoIterator<Item = Span>,
        words: impl IntoIterator<Item = Span>,
        targets: impl IntoIterator<Item = (Span, u32)>,
        ladder_nodes: Vec<Spanned<String>>,
    ) -> Self {
        let text = |s: Span| Box::<str>::from(source.get(s.range()).unwrap_or_default());
        let mut spans: Vec<(Span, Box<str>)> = spans.into_iter().map(|s| (s, text(s))).collect();
        spans.sort_by_key(|(s, _)| *s);
        spans.dedup_by_key(|(s, _)| *s);
        let mut words: Vec<(u32, Box<str>)> = words.into_iter().map(|s| (s.start, text(s))).collect();
        words.sort_by_key(|(at, _)| *at);
        words.dedup_by_key(|(at, _)| *at);
        let mut targets: Vec<(Span, u32)> = targets.into_iter().collect();
        targets.sort_by_key(|(s, _)| *s);
        targets.dedup_by_key(|(s, _)| *s);
        Kept {
            dropped: true,
            templated: source.contains("<%"),
            spans,
            words,
            targets,
            ladder_nodes,
        }
    }

    /// The kept text of exactly `span`: a kept span, or the start of a kept word (a link
    /// destination held by its link is [`Kept::link_of`]'s).
    pub(crate) fn span(&self, span: Span) -> Option<&str> {
        match self.spans.binary_search_by_key(&span, |(s, _)| *s) {
            Ok(i) => self.spans.get(i).map(|(_, t)| &**t),
            Err(_) => self.word(span.start)?.get(..span.len()),
        }
    }

    /// The kept span that ends at byte `end` (the first, when several do).
    pub(crate) fn ending_at(&self, end: u32) -> Option<Span> {
        self.spans.iter().map(|(s, _)| *s).find(|s| s.end == end)
    }

    /// The kept text of exactly `span` when it is a kept span.
    pub(crate) fn exact(&self, span: Span) -> Option<&str> {
        let i = self.spans.binary_search_by_key(&span, |(s, _)| *s).ok()?;
        self.spans.get(i).map(|(_, t)| &**t)
    }

    /// The index of the link whose `target` holds the text of exactly `span`.
    pub(crate) fn link_of(&self, span: Span) -> Option<usize> {
        let i = self.targets.binary_search_by_key(&span, |(s, _)| *s).ok()?;
        self.targets.get(i).map(|&(_, link)| link as usize)
    }

    /// The kept word starting at byte `at`.
    pub(crate) fn word(&self, at: u32) -> Option<&str> {
        let i = self.words.binary_search_by_key(&at, |(s, _)| *s).ok()?;
        self.words.get(i).map(|(_, t)| &**t)
    }
}
