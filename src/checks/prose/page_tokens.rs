//! The tokens of a page's prose runs, cut once for every prose check of the page (`typo` and
//! `repeated-word` read the same runs; each used to cut them itself).
//!
//! Tokens are kept as offsets into their run, not as borrowed slices, so the buffers outlive the
//! page and are reused by the next one the same context checks.

use super::tokens::{Kind, Sink, Token, tokenize_into};
use crate::model::{Page, ProseRun};
use std::sync::Arc;

/// One token, as offsets into its run's text.
#[derive(Clone, Copy, Debug)]
struct Cut {
    start: u32,
    len: u32,
    kind: Kind,
    sentence_start: bool,
}

/// The page whose runs are cut: its path (held, so no other page's path can take its address),
/// the address of its prose runs and their number.
#[derive(Clone, Debug)]
struct Cutting {
    path: Arc<str>,
    runs_at: usize,
    runs: usize,
}

impl Cutting {
    fn of(page: &Page) -> Self {
        Cutting {
            path: page.path.clone(),
            runs_at: page.prose.as_ptr().addr(),
            runs: page.prose.len(),
        }
    }

    fn is(&self, page: &Page) -> bool {
        Arc::ptr_eq(&self.path, &page.path)
            && self.runs_at == page.prose.as_ptr().addr()
            && self.runs == page.prose.len()
    }
}

/// The tokens of every prose run of one page.
#[derive(Clone, Debug, Default)]
pub(crate) struct ProseTokens {
    of: Option<Cutting>,
    cuts: Vec<Cut>,
    /// Where each run's tokens end in `cuts`.
    ends: Vec<usize>,
}

/// The tokenizer writes a run's tokens straight into the page's list.
impl Sink<'_> for Vec<Cut> {
    fn push(&mut self, text: &str, start: usize, kind: Kind, sentence_start: bool) {
        Vec::push(
            self,
            Cut {
                start: u32::try_from(start).unwrap_or(u32::MAX),
                len: u32::try_from(text.len()).unwrap_or(0),
                kind,
                sentence_start,
            },
        );
    }

    fn len(&self) -> usize {
        Vec::len(self)
    }

    fn truncate(&mut self, len: usize) {
        Vec::truncate(self, len);
    }
}

impl ProseTokens {
    /// Cuts the prose of `page`, unless these are its tokens already.
    pub fn cut(&mut self, page: &Page) {
        if self.of.as_ref().is_some_and(|of| of.is(page)) {
            return;
        }
        self.cuts.clear();
        self.ends.clear();
        for run in &page.prose {
            tokenize_into(&run.text, &mut self.cuts);
            self.ends.push(self.cuts.len());
        }
        self.of = Some(Cutting::of(page));
    }

    /// The tokens of each run of `page` (which must be the page last cut), with the run.
    pub fn runs<'p>(&'p self, page: &'p Page) -> impl Iterator<Item = (&'p ProseRun, impl Iterator<Item = Token<'p>>)> {
        let mut from = 0;
        let cut = self.of.as_ref().is_some_and(|of| of.is(page));
        page.prose
            .iter()
            .zip(&self.ends)
            .filter(move |_| cut)
            .map(move |(run, &end)| {
                let cuts = self.cuts.get(from..end).unwrap_or_default();
                from = end;
                let tokens = cuts.iter().map(move |c| {
                    let start = c.start as usize;
                    Token {
                        text: run.text.get(start..start + c.len as usize).unwrap_or_default(),
                        start,
                        kind: c.kind,
                        sentence_start: c.sentence_start,
                    }
                });
                (run, tokens)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::prose::tokens::tokenize;

    fn page(path: &str, text: &str) -> Page {
        crate::parse::parse(&crate::read::SourceFile::from_text(path, text, false))
    }

    /// Each run's tokens as the plain tokenizer cuts that run alone.
    fn plain(page: &Page) -> Vec<Vec<Token<'_>>> {
        page.prose.iter().map(|run| tokenize(&run.text)).collect()
    }

    fn shared<'p>(tokens: &'p ProseTokens, page: &'p Page) -> Vec<Vec<Token<'p>>> {
        tokens.runs(page).map(|(_, run)| run.collect()).collect()
    }

    #[test]
    fn a_context_cuts_each_page_once_and_never_reads_another_pages_tokens() {
        let first = page(
            "a.md",
            "# Role\n\nThe the team’s work. See https://x.io/a\n\n- one two\n",
        );
        let second = page("b.md", "# Other\n\nWidgets, sprockets and cogs.\n");
        let mut tokens = ProseTokens::default();
        tokens.cut(&first);
        assert_eq!(shared(&tokens, &first), plain(&first));
        assert_eq!(shared(&tokens, &first).concat().len(), 8);
        assert!(shared(&tokens, &second).is_empty(), "not cut for this page");
        tokens.cut(&second);
        assert_eq!(shared(&tokens, &second), plain(&second));
        assert!(shared(&tokens, &first).is_empty());
    }

    proptest::proptest! {
        #[test]
        fn shared_tokens_are_each_runs_own(text in "([a-zA-Z’'. #*\\-`/é1]{0,6}[ \n]{0,2}){0,16}") {
            let page = page("p.md", &text);
            let mut tokens = ProseTokens::default();
            tokens.cut(&page);
            proptest::prop_assert_eq!(shared(&tokens, &page), plain(&page));
        }
    }
}
