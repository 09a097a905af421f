//! How common English words are, from wordfreq (`rules/words/frequent.txt` and `seen.txt`, derived
//! by `scripts/wordfreq_lists.py`, CC BY-SA 4.0): the `typo` check's evidence that does not depend
//! on the linted pages.
//!
//! `seen.txt` is sorted and searched as embedded text; `frequent.txt` is turned into tables by
//! `build.rs` (its words, their offsets, their zipf values), so nothing is parsed at start-up or
//! per lookup: the typo check walks the frequent words of one first letter for each unknown word.
//! Frequencies are zipf values (log10 of uses per billion words) in tenths: 40 is zipf 4.0.

#[cfg(test)]
const FREQUENT: &str = include_str!("../../rules/words/frequent.txt");
const SEEN: &str = include_str!("../../rules/words/seen.txt");

include!(concat!(env!("OUT_DIR"), "/frequent_by_first_byte.rs"));
/// The words of `frequent.txt` in its order, each followed by `\n`.
const FREQUENT_WORDS: &str = include_str!(concat!(env!("OUT_DIR"), "/frequent_words.txt"));
/// Where each word of [`FREQUENT_WORDS`] starts (little-endian `u32`), then the text's length.
const FREQUENT_INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/frequent_index.bin"));
/// The zipf (tenths) of each word of [`FREQUENT_WORDS`].
const FREQUENT_ZIPF: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/frequent_zipf.bin"));

/// Where the frequent words are listed, for help texts.
pub const FREQUENT_FILE: &str = "rules/words/frequent.txt";

/// A zipf frequency in tenths.
pub type Zipf = u8;

/// True when wordfreq has seen the lowercase `word` (zipf >= 1) though the English word list lacks
/// it; only words of five letters or more are listed.
pub fn is_seen(word: &str) -> bool {
    let at = lower_bound(SEEN, word);
    SEEN.get(at..).and_then(|rest| rest.lines().next()) == Some(word)
}

/// Frequent words (zipf >= 2, all in the English word list) starting with `first`, with their zipf.
pub fn frequent_starting_with(first: char) -> impl Iterator<Item = (&'static str, Zipf)> {
    let mut buffer = [0u8; 4];
    let prefix: &str = first.encode_utf8(&mut buffer);
    let byte = usize::from(prefix.as_bytes().first().copied().unwrap_or(0));
    let bound = |b: usize| {
        FREQUENT_BY_FIRST_BYTE
            .get(b)
            .map_or(0, |&i| usize::try_from(i).unwrap_or(0))
    };
    // The words sharing the first byte; a multi-byte `first` also needs the rest of its bytes.
    (bound(byte)..bound(byte + 1))
        .map(|i| (frequent_word(i), FREQUENT_ZIPF.get(i).copied().unwrap_or(0)))
        .filter(move |(word, _)| word.starts_with(first))
}

/// The `i`-th frequent word (empty past the end).
fn frequent_word(i: usize) -> &'static str {
    let (offsets, _) = FREQUENT_INDEX.as_chunks::<4>();
    let (Some(start), Some(next)) = (offsets.get(i), offsets.get(i.saturating_add(1))) else {
        return "";
    };
    let (start, next) = (u32::from_le_bytes(*start), u32::from_le_bytes(*next));
    // The word ends before the `\n` that precedes the next word.
    let range = usize::try_from(start).unwrap_or(usize::MAX)..usize::try_from(next.saturating_sub(1)).unwrap_or(0);
    FREQUENT_WORDS.get(range).unwrap_or_default()
}

/// The zipf (tenths) of a lowercase frequent word.
pub fn zipf(word: &str) -> Option<Zipf> {
    let first = word.chars().next()?;
    frequent_starting_with(first).find(|(w, _)| *w == word).map(|(_, z)| z)
}

/// The byte offset of the first line of the sorted `text` that is not less than `target` (the
/// comment lines at the top start with `#`, which sorts before every letter).
fn lower_bound(text: &str, target: &str) -> usize {
    let bytes = text.as_bytes();
    // Both bounds are line starts (or the end); every line before `lo` is less than `target`.
    let (mut lo, mut hi) = (0, bytes.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = bytes
            .get(lo..mid)
            .and_then(|b| memchr::memrchr(b'\n', b))
            .map_or(lo, |i| lo + i + 1);
        let end = bytes
            .get(start..)
            .and_then(|b| memchr::memchr(b'\n', b))
            .map_or(bytes.len(), |i| start + i);
        let line = text.get(start..end).unwrap_or_default();
        if line < target {
            lo = (end + 1).min(bytes.len());
        } else {
            hi = start;
        }
    }
    lo
}

/// `2.3` → 23.
#[cfg(test)]
fn parse_zipf(text: &str) -> Option<Zipf> {
    let (whole, tenth) = text.trim().split_once('.')?;
    let value = whole.parse::<u8>().ok()?.checked_mul(10)?;
    value.checked_add(tenth.parse::<u8>().ok().filter(|t| *t < 10)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words_have_their_frequency_and_rare_ones_are_seen() {
        assert!(zipf("itinerary").is_some_and(|z| (30..=35).contains(&z)));
        assert!(zipf("the").is_some_and(|z| z > 70));
        assert!(zipf("zoom").is_some());
        assert_eq!(zipf("lifycle"), None);
        assert!(is_seen("kubernetes"));
        assert!(
            !is_seen("itinerary"),
            "an English-list word is not listed as merely seen"
        );
        assert!(!is_seen("lifycle"));
        assert!(!is_seen(""));
        assert!(frequent_starting_with('i').any(|(w, _)| w == "itinerary"));
        assert!(frequent_starting_with('i').all(|(w, _)| w.starts_with('i')));
        assert_eq!(frequent_starting_with('#').count(), 0);
        assert_eq!(parse_zipf("2.5"), Some(25));
        assert_eq!(parse_zipf("x"), None);
    }

    #[test]
    fn the_lists_are_sorted_for_the_binary_search() {
        for text in [FREQUENT, SEEN] {
            let words: Vec<&str> = text
                .lines()
                .filter(|l| !l.starts_with('#'))
                .map(|l| l.split(' ').next().unwrap_or_default())
                .collect();
            assert!(words.len() > 50_000);
            assert!(words.is_sorted());
        }
    }

    #[test]
    fn the_generated_tables_hold_the_frequent_list_word_for_word() {
        let listed: Vec<(&str, Zipf)> = FREQUENT
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| {
                let (word, zipf) = l.split_once(' ').unwrap_or((l, ""));
                (word, parse_zipf(zipf).unwrap_or(0))
            })
            .collect();
        let tabled: Vec<(&str, Zipf)> = (0..FREQUENT_ZIPF.len())
            .map(|i| (frequent_word(i), FREQUENT_ZIPF.get(i).copied().unwrap_or(0)))
            .collect();
        assert_eq!(tabled, listed);
        assert!(listed.iter().all(|(_, z)| *z >= 20));
        assert_eq!(FREQUENT_INDEX.len(), 4 * (listed.len() + 1));
        let by_letter: usize = (b'a'..=b'z')
            .map(|b| frequent_starting_with(char::from(b)).count())
            .sum();
        assert_eq!(
            by_letter,
            listed
                .iter()
                .filter(|(w, _)| w.starts_with(|c: char| c.is_ascii_lowercase()))
                .count()
        );
        assert_eq!(frequent_word(listed.len()), "");
    }
}
