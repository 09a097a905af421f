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

/// Where `page` writes role titles (its ladder graphs' `nodes` among them), which the corpus-wide
/// title-word check reads.
pub(crate) fn title_regions(
    page: &crate::model::Page,
    nodes: &[crate::span::Spanned<String>],
) -> Vec<crate::model::TitleRegion> {
    title_words::regions_written(page, nodes)
}

/// Compiles this family's fixed patterns now (see [`crate::warm_up`]).
pub(crate) fn warm_up() {
    repeated_word::warm_up();
}
