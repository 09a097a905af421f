//! The words of a page a spell checker should read: prose runs plus the front matter's `title` and
//! `description`, each with its byte offset in the page source.

#[cfg(test)]
use super::corpus::key;
use super::corpus::{Corpus, key_in};
use super::page_tokens::ProseTokens;
use super::tokens::{Kind, Token, tokenize};
use crate::model::Page;
use crate::policy::vocabulary::Vocabulary;
use crate::span::Spanned;
use memchr::memmem::Finder;
use std::sync::Arc;

/// Shortest unknown word the corpus layer judges: shorter ones are too often names and jargon.
pub(crate) const MIN_UNKNOWN_CHARS: usize = 5;

/// What `typo` keeps of the pages for its corpus-wide judgement: the word counts over all of them
/// and the few occurrences that could be misspellings. Every other word is counted, then forgotten.
#[derive(Clone, Debug, Default)]
pub(crate) struct CarriedWords {
    /// How often each word occurs.
    pub corpus: Corpus,
    /// Known misspellings and words no word list knows, by page, in source order.
    pub candidates: Vec<(Arc<str>, Vec<Candidate>)>,
    /// The address of the vocabulary whose answers the corpus notes hold (pages of one policy
    /// share it): each word's note says whether it is a candidate, since the vocabulary lookups
    /// are the costly part and pages repeat most of their words.
    decided_by: usize,
}

/// An occurrence that the corpus-wide judgement must look at.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    /// The word as written.
    pub word: String,
    /// Byte offset in the page source.
    pub start: usize,
    /// True when a link of the page to another page spells the word too (`[Apdex](…#apdex-slo)`):
    /// the writer copied a term, so neither general English nor the pages' counts are evidence
    /// against it.
    pub in_link_target: bool,
}

impl CarriedWords {
    /// Counts the words of `page` and keeps those `vocabulary` does not settle: known misspellings,
    /// and words long enough to judge that no word list knows.
    #[cfg(test)]
    pub fn add(&mut self, page: &Page, vocabulary: &Vocabulary) {
        let mut tokens = ProseTokens::default();
        tokens.cut(page);
        self.add_cut(page, &tokens, vocabulary);
    }

    /// [`CarriedWords::add`] reading the page's prose as `tokens` (cut from `page`).
    pub fn add_cut(&mut self, page: &Page, tokens: &ProseTokens, vocabulary: &Vocabulary) {
        let address = std::ptr::from_ref(vocabulary).addr();
        if self.decided_by != address {
            self.corpus.forget_notes();
            self.decided_by = address;
        }
        let mut candidates = Vec::new();
        let mut targets: Option<Vec<String>> = None;
        let mut lowered = String::new();
        for_each_word(page, tokens, |occurrence| {
            let lower = if occurrence.ascii {
                spellable_key(occurrence.word, &mut lowered)
            } else {
                key_in(occurrence.word, &mut lowered)
            };
            let noted = self.corpus.add_keyed(occurrence.word, lower, occurrence.sentence_start);
            let is_candidate = noted.unwrap_or_else(|| {
                let is_candidate = vocabulary.needs_judging(lower, lower.chars().count() >= MIN_UNKNOWN_CHARS);
                self.corpus.set_note(lower, is_candidate);
                is_candidate
            });
            // A team's reject list may name English words, and patterns see the word as written.
            let rejected = vocabulary.has_rejections() && vocabulary.rejected_by(occurrence.word).is_some();
            if is_candidate || rejected {
                // Another page's address or anchor: an anchor of this page comes from its own
                // heading, which may carry the same slip.
                let targets = targets.get_or_insert_with(|| {
                    page.links
                        .iter()
                        .filter(|l| !points_here(&l.target))
                        .map(|l| l.target.to_lowercase())
                        .collect()
                });
                let finder = Finder::new(lower);
                candidates.push(Candidate {
                    word: occurrence.word.to_owned(),
                    start: occurrence.start,
                    in_link_target: targets.iter().any(|t| spells_with(t, lower, &finder)),
                });
            }
        });
        if !candidates.is_empty() {
            self.candidates.push((page.path.clone(), candidates));
        }
    }

    /// Adds the counts and candidates of pages that come after these.
    pub fn extend(&mut self, other: CarriedWords) {
        self.corpus.merge(other.corpus);
        self.candidates.extend(other.candidates);
    }
}

/// True for a link to an anchor of the page itself (`#x`, `./#x`, `.#x`).
fn points_here(target: &str) -> bool {
    let path = target.trim().split(['#', '?']).next().unwrap_or_default();
    matches!(path, "" | "." | "./")
}

/// True when `word` stands as a whole word in the lowercase `text` (between non-letters).
#[cfg(test)]
fn spells(text: &str, word: &str) -> bool {
    spells_with(text, word, &Finder::new(word))
}

/// [`spells`] with a searcher for `word` built once for all the texts it is looked for in.
fn spells_with(text: &str, word: &str, finder: &Finder<'_>) -> bool {
    finder.find_iter(text.as_bytes()).any(|at| {
        let before = text.get(..at).and_then(|t| t.chars().next_back());
        let after = text.get(at + word.len()..).and_then(|t| t.chars().next());
        !before.is_some_and(char::is_alphabetic) && !after.is_some_and(char::is_alphabetic)
    })
}

/// One word to spell-check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Occurrence<'p> {
    /// The word as written, without a possessive `'s`.
    pub word: &'p str,
    /// Byte offset in the page source.
    pub start: usize,
    /// True when the word opens a sentence.
    pub sentence_start: bool,
    /// True when the word is ASCII (then only its first letter may be a capital).
    pub ascii: bool,
}

/// Calls `f` with every word of `page` worth spell-checking, in source order (`tokens` are its
/// prose's).
pub(crate) fn for_each_word<'p>(page: &'p Page, tokens: &'p ProseTokens, mut f: impl FnMut(Occurrence<'p>)) {
    let mut front = Vec::new();
    let fm = &page.front_matter;
    // Without front matter the title is the H1, which the prose already holds.
    let title = fm.title.as_ref().filter(|_| fm.span.is_some());
    for field in [title, fm.description.as_ref()].into_iter().flatten() {
        front_matter_words(page, field, &mut front);
    }
    front.sort_by_key(|o| o.start);
    let prose = tokens.runs(page).flat_map(|(run, tokens)| {
        let base = run.span.start as usize;
        tokens.filter_map(spellable).map(move |o| Occurrence {
            start: o.start + base,
            ..o
        })
    });
    // The front matter opens the page and prose runs come in order without overlapping, so the
    // words are in order as they are cut; only a page that breaks this is sorted whole.
    let runs_in_order = page.prose.windows(2).all(|w| match w {
        [a, b] => a.span.end <= b.span.start,
        _ => true,
    });
    let front_first = match (front.last(), page.prose.first()) {
        (Some(last), Some(run)) => last.start <= run.span.start as usize,
        _ => true,
    };
    if runs_in_order && front_first {
        front.into_iter().chain(prose).for_each(f);
        return;
    }
    let mut all: Vec<Occurrence<'p>> = front.into_iter().chain(prose).collect();
    all.sort_by_key(|o| o.start);
    all.into_iter().for_each(&mut f);
}

/// The words of a front-matter value, placed in the source by finding each in turn inside the
/// value's span (quotes, escapes and folded lines make the value differ from the source text).
fn front_matter_words<'p>(page: &'p Page, field: &'p Spanned<String>, out: &mut Vec<Occurrence<'p>>) {
    let written = page.text(field.span);
    let mut cursor = 0;
    for occurrence in tokenize(&field.value).into_iter().filter_map(spellable) {
        let Some(found) = written.get(cursor..).and_then(|rest| rest.find(occurrence.word)) else {
            continue;
        };
        let at = cursor + found;
        cursor = at + occurrence.word.len();
        out.push(Occurrence {
            start: field.span.start as usize + at,
            ..occurrence
        });
    }
}

/// The token as a word to check, or `None` for numbers, opaque chunks, single letters, acronyms
/// (`SME`, `MRs`) and words with inner capitals (`GitLab`, `DevSecOps`). Offsets stay relative.
fn spellable(token: Token<'_>) -> Option<Occurrence<'_>> {
    if token.kind != Kind::Word {
        return None;
    }
    let word = strip_possessive(token.text);
    // Hot: once per word of every page, and most words are ASCII: one pass over the bytes says
    // whether the word is ASCII and, if so, whether it is spellable.
    let (ascii, checked) = match ascii_spellable(word) {
        Some(checked) => (true, checked),
        None => (false, is_spellable(word)),
    };
    checked.then_some(Occurrence {
        word,
        start: token.start,
        sentence_start: token.sentence_start,
        ascii,
    })
}

/// [`key_in`] of a spellable ASCII word: only its first letter may be a capital, so no byte
/// after it is read (the word was read twice more to find that out).
fn spellable_key<'a>(word: &'a str, buffer: &'a mut String) -> &'a str {
    if !word.as_bytes().first().is_some_and(u8::is_ascii_uppercase) {
        return word;
    }
    buffer.clear();
    buffer.push_str(word);
    if let Some(first) = buffer.get_mut(..1) {
        first.make_ascii_lowercase();
    }
    buffer
}

/// True for a word of two characters or more that opens with a letter and has no capital after it,
/// written in Latin letters: the word lists are English, and a word in another script (or mixing
/// one in: `abc丸s`) is no misspelling of an English word.
fn is_spellable(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let rest = chars.as_str();
    !rest.is_empty()
        && first.is_alphabetic()
        && !rest.chars().any(char::is_uppercase)
        && word.chars().all(|c| !c.is_alphabetic() || is_latin(c))
}

/// True for a letter of the Latin script (ASCII, Latin-1, Latin Extended A/B, Latin Extended
/// Additional), the script of the word lists.
fn is_latin(c: char) -> bool {
    c.is_ascii() || matches!(c, 'ª' | 'º' | '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
}

/// [`is_spellable`] of an ASCII `word` in one pass over its bytes, or `None` when it is not ASCII.
fn ascii_spellable(word: &str) -> Option<bool> {
    let Some((&first, rest)) = word.as_bytes().split_first() else {
        return Some(false);
    };
    let (mut high, mut capital) = (!first.is_ascii(), false);
    for &b in rest {
        high |= !b.is_ascii();
        capital |= b.is_ascii_uppercase();
    }
    (!high).then_some(!rest.is_empty() && first.is_ascii_alphabetic() && !capital)
}

/// [`is_spellable`] for an ASCII word, byte by byte.
#[cfg(test)]
fn is_spellable_ascii(word: &str) -> bool {
    let Some((first, rest)) = word.as_bytes().split_first() else {
        return false;
    };
    !rest.is_empty() && first.is_ascii_alphabetic() && !rest.iter().any(u8::is_ascii_uppercase)
}

/// `category's` → `category`; contractions other than `'s` stay whole (`doesn't`).
fn strip_possessive(word: &str) -> &str {
    // Hot: most words end in neither; the last byte says so without matching two suffixes.
    if word.as_bytes().last() != Some(&b's') {
        return word;
    }
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("\u{2019}s"))
        .unwrap_or(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(text: &str) -> Vec<&str> {
        tokenize(text)
            .into_iter()
            .filter_map(spellable)
            .map(|o| o.word)
            .collect()
    }

    #[test]
    fn skips_acronyms_inner_capitals_numbers_and_possessives() {
        assert_eq!(
            checked("GitLab’s SME and CSMs use DevSecOps in FY26; the team's Efficency I"),
            vec!["and", "use", "in", "the", "team", "Efficency"]
        );
    }

    #[test]
    fn verdicts_noted_under_one_vocabulary_are_not_reused_under_another() {
        let source = crate::read::SourceFile::from_text("a.md", "# Role\n\nWe value Efficency and efficency.\n", false);
        let page = crate::parse::parse(&source);
        let shipped = Vocabulary::embedded();
        let mut accepting = Vocabulary::embedded();
        accepting.add_words(["efficency".to_owned()]);
        let mut carried = CarriedWords::default();
        carried.add(&page, &shipped);
        carried.add(&page, &accepting);
        carried.add(&page, &shipped);
        let found: Vec<usize> = carried.candidates.iter().map(|(_, c)| c.len()).collect();
        assert_eq!(found, [2, 2]);
        assert_eq!(carried.corpus.stats("efficency").count, 6);
    }

    #[test]
    fn the_ascii_test_of_a_word_agrees_with_the_general_one() {
        for word in [
            "", "a", "ab", "Ab", "aB", "AB", "a'b", "'a", "1a", "a1", "don't", "O'Neil", "x'Y",
        ] {
            assert_eq!(is_spellable_ascii(word), is_spellable(word), "{word}");
        }
    }

    #[test]
    fn only_words_in_latin_letters_are_spelt() {
        for word in ["café", "naïve", "zürich", "façade", "ŝtono", "ấn"] {
            assert!(is_spellable(word), "{word}");
        }
        for word in ["abc丸s", "丸丸", "москва", "αβγδ", "straßeж"] {
            assert!(!is_spellable(word), "{word}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_one_pass_test_of_a_word_agrees_with_the_plain_ones(word in "[aZ'’é1s]{0,6}") {
            let plain = if word.is_ascii() { Some(is_spellable_ascii(&word)) } else { None };
            proptest::prop_assert_eq!(ascii_spellable(&word), plain);
            let possessive = word.strip_suffix("'s").or_else(|| word.strip_suffix("\u{2019}s")).unwrap_or(&word);
            proptest::prop_assert_eq!(strip_possessive(&word), possessive);
        }

        #[test]
        fn the_key_of_a_spellable_ascii_word_is_its_plain_key(text in "[a-zA-Z' ’é]{0,12}") {
            let mut buffer = String::new();
            for occurrence in tokenize(&text).into_iter().filter_map(spellable).filter(|o| o.ascii) {
                let plain = key(occurrence.word);
                proptest::prop_assert_eq!(spellable_key(occurrence.word, &mut buffer), plain.as_ref());
            }
        }
    }

    #[test]
    fn a_word_spelled_in_a_link_target_is_whole_there() {
        assert!(spells("/performance-indicators/#apdex-and-error-slo", "apdex"));
        assert!(!spells("/performance-indicators/#apdexes", "apdex"));
        assert!(!spells("", "apdex"));
    }
}
