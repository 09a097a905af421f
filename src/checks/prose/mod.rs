//! Prose checks: spelling (`typo`) and doubled words (`repeated-word`). They read only
//! `Page::prose` and the front matter's `title` and `description`, never code, URLs or markup.

mod corpus;
mod derivation;
mod neighbours;
mod page_tokens;
mod prior;
mod repeated_word;
mod title_words;
mod tokens;
mod typo;
mod words;

pub(crate) use page_tokens::ProseTokens;
pub use repeated_word::RepeatedWord;
pub use typo::Typo;
pub(crate) use words::CarriedWords;

/// The spans of `page` whose text the corpus-wide title-word check reads.
pub(crate) fn title_read_spans(page: &crate::model::Page) -> Vec<crate::span::Span> {
    title_words::read_spans(page)
}

/// Compiles this family's fixed patterns now (see [`crate::warm_up`]).
pub(crate) fn warm_up() {
    repeated_word::warm_up();
}
