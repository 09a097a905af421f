//! `typo`'s evidence that does not depend on the linted pages: an unknown word close to a common
//! English word (wordfreq's frequencies, see `crate::policy::frequency`) is a misspelling even on a
//! page linted alone. Four safety rules, in order, keep names, jargon and new words quiet.

use super::corpus::{Corpus, Stats};
use super::derivation::is_derived;
use crate::policy::frequency::{self, Zipf};
use crate::policy::vocabulary::Vocabulary;

/// Most occurrences an unknown word may have across the linted pages and still be guessed at.
const MAX_SEEN: u32 = 4;
/// Least zipf (tenths) of a correction for a word written like a name.
const NAME_ZIPF: Zipf = 40;
/// Least zipf (tenths) of a correction for a word the derived-form exemption would accept.
const DERIVED_ZIPF: Zipf = 25;
/// Least zipf (tenths) of any other correction.
const PLAIN_ZIPF: Zipf = 20;
/// Most corrections shown.
const MAX_SHOWN: usize = 3;

/// Which safety rule allowed a guess: it says how strong the evidence had to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Strictness {
    /// Capitalised every time (twice, or once inside a sentence): a correction one edit away with zipf >= 4.
    Name,
    /// Built from a known word: a correction one edit away with zipf >= 2.5.
    Derived,
    /// Anything else: zipf >= 2 within the length's distance.
    Plain,
}

/// A common English word a rare unknown word is likely meant to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Correction {
    /// Lowercase.
    pub word: String,
    /// Its zipf frequency in tenths.
    pub zipf: Zipf,
    /// Edits from the unknown word.
    pub distance: usize,
    /// How often the linted pages use it and its inflections.
    pub used: u32,
}

/// The corrections of the lowercase unknown `word` (best first: nearest, then most used by the
/// linted pages, then most common), or `None` when the safety rules leave it alone.
pub(crate) fn guess(
    word: &str,
    own: Stats,
    vocabulary: &Vocabulary,
    corpus: &Corpus,
) -> Option<(Strictness, Vec<Correction>)> {
    // 1. Seen by the frequency list at all: names, jargon and product words.
    if own.count > MAX_SEEN || frequency::is_seen(word) {
        return None;
    }
    let chars: Vec<char> = word.chars().collect();
    let first = *chars.first()?;
    // 2. A name; 3. a derived form; 4. anything else.
    // Capitalised every time, and either seen twice or once inside a sentence: product names in a
    // list (`Dovetail, Rybbon, Rally`) are seen once and look like nothing else.
    let name = own.count > 0 && own.capitalized == own.count && (own.count >= 2 || own.capitalized_inside > 0);
    let (strictness, limit, least) = if name {
        (Strictness::Name, 1, NAME_ZIPF)
    } else if is_derived(word, vocabulary) {
        (Strictness::Derived, 1, DERIVED_ZIPF)
    } else {
        (Strictness::Plain, max_distance(chars.len()), PLAIN_ZIPF)
    };
    let counts = letter_counts(chars.iter().copied());
    let mut found = Vec::new();
    for (candidate, zipf) in frequency::frequent_starting_with(first) {
        // ASCII words: bytes are characters.
        let len = candidate.len();
        if zipf < least || len + limit < chars.len() || len > chars.len() + limit {
            continue;
        }
        let allowed = limit.min(max_distance(chars.len().min(len)));
        if bag_distance(&counts, candidate) > allowed {
            continue;
        }
        let distance = strsim::osa_distance(word, candidate);
        if distance == 0 || distance > allowed {
            continue;
        }
        // Past one edit the last letter must agree too.
        if distance >= 2 && chars.last().copied() != candidate.chars().last() {
            continue;
        }
        if is_inflection(word, candidate) || vocabulary.corrections(candidate).is_some() {
            continue;
        }
        // A name one letter changed from a word is mostly another name (`Watir`, `Litmos`); a
        // slip in a name drops, adds or swaps letters (`Felow`, `Sklls`, `Zoura`).
        if strictness == Strictness::Name && is_substitution(&chars, candidate) {
            continue;
        }
        found.push(Correction {
            word: candidate.to_owned(),
            zipf,
            distance,
            used: corpus.family_count(candidate),
        });
    }
    // Nearest first: by use alone, `recruitement` would become the page's `requirement`.
    found.sort_by(|a, b| {
        a.distance
            .cmp(&b.distance)
            .then(b.used.cmp(&a.used))
            .then(b.zipf.cmp(&a.zipf))
            .then(a.word.cmp(&b.word))
    });
    // Only the nearest are shown: a word three edits away is no alternative to one a single edit away.
    let nearest = found.first().map_or(0, |c| c.distance);
    found.retain(|c| c.distance == nearest);
    found.truncate(MAX_SHOWN);
    (!found.is_empty()).then_some((strictness, found))
}

/// Edits allowed for a word of `len` characters: one, two from seven letters, three from ten.
fn max_distance(len: usize) -> usize {
    match len {
        0..7 => 1,
        7..10 => 2,
        _ => 3,
    }
}

/// True when `word` and `other` differ in exactly one letter at the same place.
fn is_substitution(word: &[char], other: &str) -> bool {
    let other: Vec<char> = other.chars().collect();
    word.len() == other.len() && word.iter().zip(&other).filter(|(a, b)| a != b).count() == 1
}

/// Counts of `a`–`z` (other characters in one slot).
fn letter_counts(chars: impl IntoIterator<Item = char>) -> [u8; 27] {
    let mut counts = [0u8; 27];
    for c in chars {
        let slot = if c.is_ascii_lowercase() {
            c as usize - 'a' as usize
        } else {
            26
        };
        if let Some(n) = counts.get_mut(slot) {
            *n = n.saturating_add(1);
        }
    }
    counts
}

/// [`letter_counts`] of ASCII bytes.
fn ascii_letter_counts(bytes: &[u8]) -> [u8; 27] {
    let mut counts = [0u8; 27];
    for &b in bytes {
        let slot = if b.is_ascii_lowercase() {
            usize::from(b - b'a')
        } else {
            26
        };
        if let Some(n) = counts.get_mut(slot) {
            *n = n.saturating_add(1);
        }
    }
    counts
}

/// A lower bound of the edit distance from letters alone: what one word has that the other lacks.
fn bag_distance(counts: &[u8; 27], other: &str) -> usize {
    // Hot: once per frequent word of the same first letter and about the same length, and those
    // are ASCII: counting bytes counts their characters without decoding them.
    let theirs = if other.is_ascii() {
        ascii_letter_counts(other.as_bytes())
    } else {
        letter_counts(other.chars())
    };
    let (mut more, mut fewer) = (0usize, 0usize);
    for (a, b) in counts.iter().zip(theirs.iter()) {
        if a > b {
            more += usize::from(a - b);
        } else {
            fewer += usize::from(b - a);
        }
    }
    more.max(fewer)
}

/// Endings that make another inflection of the same word.
const INFLECTIONS: &[&str] = &[
    "ments", "ment", "ings", "ing", "ers", "est", "ies", "ied", "es", "ed", "er", "ly", "s", "d",
];

/// True when `a` and `b` are inflections of one stem (`mentorings`, `mentoring`): the unknown one
/// is then a form the list lacks, not a misspelling.
fn is_inflection(a: &str, b: &str) -> bool {
    let theirs = stems(b);
    stems(a).iter().any(|s| theirs.contains(s))
}

fn stems(word: &str) -> Vec<String> {
    let mut out = vec![word.to_owned()];
    for suffix in INFLECTIONS {
        if let Some(stem) = word.strip_suffix(suffix).filter(|s| s.chars().count() >= 3) {
            out.push(stem.to_owned());
            // A silent `e` drops only before a vowel (`manag|ing`), never before `ment`:
            // `recruit|ement` is no inflection of `recruit|ment`.
            if suffix.starts_with(['a', 'e', 'i', 'o', 'u']) {
                out.push(format!("{stem}e"));
            }
            if matches!(*suffix, "ies" | "ied") {
                out.push(format!("{stem}y"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn ascii_letter_counts_match_letter_counts(word in "[ -~]{0,40}") {
            proptest::prop_assert_eq!(ascii_letter_counts(word.as_bytes()), letter_counts(word.chars()));
        }
    }

    fn corrections(word: &str, own: Stats) -> Option<(Strictness, Vec<String>)> {
        guess(word, own, &Vocabulary::embedded(), &Corpus::default())
            .map(|(s, list)| (s, list.into_iter().map(|c| c.word).collect()))
    }

    fn once() -> Stats {
        Stats {
            count: 1,
            capitalized: 0,
            capitalized_inside: 0,
        }
    }

    #[test]
    fn plain_misspellings_of_common_words_are_guessed() {
        assert_eq!(
            corrections("itinery", once()),
            Some((Strictness::Plain, vec!["itinerary".to_owned()]))
        );
        assert_eq!(
            corrections("reconsiliation", once()).map(|(_, l)| l),
            Some(vec!["reconciliation".to_owned()]),
            "only the nearest: `reconsideration` is three edits away"
        );
    }

    #[test]
    fn seen_words_and_frequent_unknowns_are_left_alone() {
        assert_eq!(corrections("kubernetes", once()), None);
        assert_eq!(corrections("reconcilation", once()), None, "wordfreq has seen it");
        let often = Stats {
            count: 5,
            capitalized: 0,
            capitalized_inside: 0,
        };
        assert_eq!(corrections("itinery", often), None);
    }

    #[test]
    fn names_need_a_very_common_word_one_edit_away() {
        let name = Stats {
            count: 2,
            capitalized: 2,
            capitalized_inside: 2,
        };
        assert_eq!(corrections("itinery", name), None);
        let listed = Stats {
            count: 1,
            capitalized: 1,
            capitalized_inside: 1,
        };
        assert_eq!(corrections("watir", listed), None, "one letter changed: another name");
        assert_eq!(
            corrections("felow", listed).map(|(s, l)| (s, l[0].clone())),
            Some((Strictness::Name, "fellow".to_owned()))
        );
        assert_eq!(
            corrections("watir", once()).map(|(_, l)| l[0].clone()),
            Some("water".to_owned())
        );
    }

    #[test]
    fn inflections_are_not_corrections() {
        assert!(is_inflection("mentorings", "mentoring"));
        assert!(is_inflection("prioritys", "priorities"));
        assert!(!is_inflection("decsions", "decisions"));
        assert!(is_inflection("managing", "manages"));
        assert!(!is_inflection("recruitement", "recruitment"));
        assert_eq!(max_distance(6), 1);
        assert_eq!(max_distance(7), 2);
        assert_eq!(max_distance(10), 3);
        assert_eq!(bag_distance(&letter_counts(['a', 'b']), "ba"), 0);
    }
}
