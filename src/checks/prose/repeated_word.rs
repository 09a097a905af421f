//! `repeated-word`: the same word twice in a row ("the the").

use super::tokens::{Kind, Token};
use crate::checks::{Check, CheckMeta, Cx};
use crate::declare_check;
use crate::diagnostic::Fix;
use crate::model::Page;
use crate::span::Span;
use regex::Regex;
use std::sync::LazyLock;

/// An acronym pair such as `CI/CD`; when both sides are the same (`CI/CI`) one was mistyped.
static ACRONYM_PAIR: LazyLock<Regex> = LazyLock::new(|| crate::parse::fixed_regex(r"\b([A-Z]{2,5})/([A-Z]{2,5})\b"));

declare_check! {
    /// ## What it does
    /// Flags a word written twice in a row in prose, ignoring case and line breaks ("the the",
    /// "to\nto"). Numbers are never flagged, nor doubles that English allows ("had had",
    /// "that that", "is is"), nor a word doubled by a compound ("in in-memory").
    /// ## Why is this bad?
    /// A doubled word is almost always an editing slip; readers stumble on it and it makes a page
    /// about careful work look careless.
    /// ## Example
    /// `Candidates meet the the hiring manager.`
    ///
    /// Use instead: `Candidates meet the hiring manager.`
    /// ## Fix safety
    /// The fix deletes the second word and the space before it; it is safe.
    pub struct RepeatedWord { id: "repeated-word", family: Prose, severity: Error,
        summary: "the same word twice in a row", fixable: true }
}

/// Doubles that can be correct English ("what it is is clear", "he had had enough").
const ALLOWED: &[&str] = &[
    "had", "that", "is", "do", "bye", "ha", "no", "so", "very", "knock", "tsk", "hey", "yeah",
];

impl Check for RepeatedWord {
    fn meta(&self) -> &'static CheckMeta {
        &Self::META
    }

    fn check_page(&self, page: &Page, cx: &mut Cx<'_>) {
        // Cut once for the page's prose checks (`typo` reads the same tokens).
        let tokens = cx.take_prose_tokens(page);
        for (run, run_tokens) in tokens.runs(page) {
            let base = run.span.start as usize;
            for (first, second) in repeats_in(&run.text, run_tokens) {
                let span = Span::new(base + first.end(), base + second.end());
                let word = second.text;
                let diagnostic = cx.report(&RepeatedWord::META, &page.path, span, format!("`{word}` is repeated"));
                diagnostic.help = Some(format!("delete the second `{word}`"));
                diagnostic.key = word.to_lowercase();
                diagnostic.fix = Some(Fix::replace(span, "", format!("delete the repeated `{word}`")));
            }
            for (start, end, acronym) in acronym_repeats(&run.text) {
                let span = Span::new(base + start, base + end);
                let diagnostic = cx.report(
                    &RepeatedWord::META,
                    &page.path,
                    span,
                    format!("`{acronym}/{acronym}` names `{acronym}` twice"),
                );
                diagnostic.help = Some(format!(
                    "one side was mistyped: write the two terms the pair stands for (as in `CI/CD`), or `{acronym}` alone"
                ));
                diagnostic.key = format!("{acronym}/{acronym}");
            }
        }
        cx.keep_prose_tokens(tokens);
    }
}

/// `X/X` acronym pairs in `text` (not inside a longer path such as `a/CI/CI`), as byte ranges.
pub(crate) fn acronym_repeats(text: &str) -> Vec<(usize, usize, &str)> {
    if !text.contains('/') {
        return Vec::new();
    }
    ACRONYM_PAIR
        .captures_iter(text)
        .filter_map(|c| {
            let (whole, a, b) = (c.get(0)?, c.get(1)?, c.get(2)?);
            let in_path = text.get(..whole.start()).is_some_and(|t| t.ends_with('/'))
                || text.get(whole.end()..).is_some_and(|t| t.starts_with('/'));
            (a.as_str() == b.as_str() && !in_path).then(|| (whole.start(), whole.end(), a.as_str()))
        })
        .collect()
}

/// Pairs of equal words (ignoring case) separated by whitespace only.
#[cfg(test)]
pub(crate) fn repeats(text: &str) -> Vec<(Token<'_>, Token<'_>)> {
    repeats_in(text, super::tokens::tokenize(text).into_iter()).collect()
}

/// [`repeats`] among `tokens`, the tokens of `text` in order.
fn repeats_in<'a>(
    text: &'a str,
    tokens: impl Iterator<Item = Token<'a>>,
) -> impl Iterator<Item = (Token<'a>, Token<'a>)> {
    let mut previous: Option<Token<'a>> = None;
    tokens.filter_map(move |b| {
        let pair = previous
            .filter(|a| may_repeat(a, &b) && is_repeat(text, a, &b))
            .map(|a| (a, b));
        previous = Some(b);
        pair
    })
}

/// False when `a` and `b` cannot be a repeat: not two words, or ASCII first letters that differ
/// (most neighbours); the cheap test, made before [`is_repeat`] is called.
#[inline]
fn may_repeat(a: &Token<'_>, b: &Token<'_>) -> bool {
    a.kind == Kind::Word
        && b.kind == Kind::Word
        && match (a.text.as_bytes().first(), b.text.as_bytes().first()) {
            (Some(x), Some(y)) if x.is_ascii() && y.is_ascii() => x.eq_ignore_ascii_case(y),
            _ => true,
        }
}

fn is_repeat(text: &str, a: &Token<'_>, b: &Token<'_>) -> bool {
    // Most pairs differ in their first letter: compare without allocating before anything else.
    a.kind == Kind::Word && b.kind == Kind::Word && same_word(a.text, b.text)
        && !ALLOWED.iter().any(|w| w.eq_ignore_ascii_case(a.text))
        // Shouted doubles ("NOPE NOPE") are meant.
        && !(a.text.chars().count() > 1 && a.text.chars().all(char::is_uppercase))
        && text
            .get(a.end()..b.start)
            .is_some_and(|gap| !gap.is_empty() && gap.chars().all(char::is_whitespace))
        // Part of a compound is another word: "in in-memory", "data/data".
        && !text.get(..a.start).is_some_and(|before| before.ends_with(GLUE))
        && !text.get(b.end()..).is_some_and(|after| after.starts_with(GLUE))
}

/// True when `a` and `b` are the same word ignoring case.
fn same_word(a: &str, b: &str) -> bool {
    // Most neighbours differ in their first letter.
    if let (Some(x), Some(y)) = (a.as_bytes().first(), b.as_bytes().first())
        && x.is_ascii()
        && y.is_ascii()
        && !x.eq_ignore_ascii_case(y)
    {
        return false;
    }
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// Characters that join words into one term.
const GLUE: [char; 3] = ['-', '/', '\u{2011}'];

/// Compiles this module's patterns now (see [`crate::warm_up`]).
pub(crate) fn warm_up() {
    LazyLock::force(&ACRONYM_PAIR);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&str, usize)> {
        repeats(text).into_iter().map(|(_, b)| (b.text, b.start)).collect()
    }

    #[test]
    fn finds_doubles_across_lines_and_case() {
        assert_eq!(found("meet the the team"), vec![("the", 9)]);
        assert_eq!(found("work to\nTo plan"), vec![("To", 8)]);
    }

    #[test]
    fn finds_acronym_pairs_naming_one_term_twice() {
        assert_eq!(acronym_repeats("the CI/CI pipeline"), vec![(4, 9, "CI")]);
        assert!(acronym_repeats("the CI/CD pipeline and UX/UI work").is_empty());
        assert!(acronym_repeats("see a/CI/CI/b and ci/ci").is_empty());
    }

    proptest::proptest! {
        #[test]
        fn the_ascii_comparison_agrees_with_the_plain_one(a in "[aAbBé'İi]{0,3}", b in "[aAbBé'İi]{0,3}") {
            let plain = a.chars().flat_map(char::to_lowercase).eq(b.chars().flat_map(char::to_lowercase));
            proptest::prop_assert_eq!(same_word(&a, &b), plain);
        }
    }

    #[test]
    fn finds_quoted_and_apostrophe_doubles() {
        assert_eq!(found("'the the"), vec![("the", 5)]);
        assert_eq!(found("don't Don't"), vec![("Don't", 6)]);
        assert!(found("x'the the").is_empty(), "`x'the` is one word");
        assert_eq!(found("(the the)"), vec![("the", 5)]);
        assert_eq!(found("the the."), vec![("the", 4)]);
        assert!(found("a' a").is_empty());
    }

    #[test]
    fn ignores_punctuation_numbers_and_allowed_doubles() {
        assert!(found("done. Done, done").is_empty());
        assert!(found("grade 7 7 and had had that that").is_empty());
        assert!(found("cross-cross").is_empty());
        assert!(found("use in in-memory maps, self- self review").is_empty());
        assert!(found("NOPE NOPE").is_empty());
    }
}
