//! Link-syntax defects read from the characters around a link: glued to the next word, empty target,
//! doubled parentheses, a site path written without its leading slash.

use super::options::LINK_RULES;
use crate::model::{Link, LinkKind, Page};
use crate::span::Span;

/// The word right after a link's closing `)` or `]`, when nothing separates them.
pub(crate) fn glued_word(page: &Page, link: &Link) -> Option<Span> {
    if !matches!(link.kind, LinkKind::Inline | LinkKind::Reference) {
        return None;
    }
    let end = link.span.end as usize;
    let rest = page.text_from(end)?;
    let len: usize = rest.chars().take_while(|&c| is_word_char(c)).map(char::len_utf8).sum();
    let word = rest.get(..len)?;
    // `[SEG](/x)s` is a deliberate plural: the `s` belongs to the linked word.
    if word.is_empty() || word == "s" {
        return None;
    }
    Some(Span::new(end, end + len))
}

/// Letters and digits of scripts that separate words with spaces (not CJK, where links abut text).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && c < '\u{2E80}'
}

/// True when a relative `path` names a site-root section (`job-families/…`): the leading slash is
/// missing. `slash_form_resolves` says whether `/path` leads to a linted page.
pub(crate) fn lacks_leading_slash(path: &str, slash_form_resolves: bool) -> bool {
    let first = path.split('/').next().unwrap_or_default();
    if first.is_empty() || first == "." || first == ".." {
        return false;
    }
    slash_form_resolves || LINK_RULES.site_sections.iter().any(|s| s == first)
}

/// The span of the destination as written, when the model has it and it holds exactly `expected`.
pub(crate) fn target_span_holding(page: &Page, link: &Link, expected: &str) -> Option<Span> {
    link.target_span.filter(|&s| page.text(s) == expected)
}
