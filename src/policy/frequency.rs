//! How common English words are, from wordfreq (`rules/words/frequent.txt` and `seen.txt`, derived
//! by `scripts/wordfreq_lists.py`, CC BY-SA 4.0): the `typo` check's evidence that does not depend
//! on the linted pages.
//!
//! Frequencies are zipf values (log10 of uses per billion words) in tenths: 40 is zipf 4.0.

use std::collections::HashMap;
use std::sync::LazyLock;

const FREQUENT: &str = include_str!("../../rules/words/frequent.txt");
const SEEN: &str = include_str!("../../rules/words/seen.txt");

/// Where the frequent words are listed, for help texts.
pub const FREQUENT_FILE: &str = "rules/words/frequent.txt";

/// A zipf frequency in tenths.
pub type Zipf = u8;

/// The shipped frequency lists, parsed on first use (only runs with an unknown word pay for them).
struct Lists {
    /// English-list words with zipf >= 2, by first letter and length in characters.
    frequent: HashMap<(char, usize), Vec<(&'static str, Zipf)>>,
    /// The zipf of each of those words.
    zipf: HashMap<&'static str, Zipf>,
    /// Words the English list lacks that wordfreq has seen (zipf >= 1), sorted.
    seen: Vec<&'static str>,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    let mut frequent: HashMap<(char, usize), Vec<(&'static str, Zipf)>> = HashMap::new();
    let mut zipf = HashMap::new();
    let mut band: Zipf = 0;
    for line in data_lines(FREQUENT) {
        if let Some(value) = line.strip_prefix('=') {
            band = parse_zipf(value.trim()).unwrap_or(0);
            continue;
        }
        let Some(first) = line.chars().next() else {
            continue;
        };
        if band == 0 {
            continue;
        }
        frequent
            .entry((first, line.chars().count()))
            .or_default()
            .push((line, band));
        zipf.insert(line, band);
    }
    let mut seen: Vec<&'static str> = data_lines(SEEN).collect();
    if !seen.is_sorted() {
        seen.sort_unstable();
    }
    Lists { frequent, zipf, seen }
});

/// Non-blank lines without `#` comments.
fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// `2.3` → 23.
fn parse_zipf(text: &str) -> Option<Zipf> {
    let value: f32 = text.parse().ok()?;
    (0.0..=25.5).contains(&value).then(|| (value * 10.0).round() as Zipf)
}

/// The zipf frequency (tenths) of a lowercase English-list word, when it is 2 or more.
pub fn zipf(word: &str) -> Option<Zipf> {
    LISTS.zipf.get(word).copied()
}

/// True when wordfreq has seen the lowercase `word` (zipf >= 1): an English-list word with zipf >= 2
/// or a word of five letters or more the English list lacks.
pub fn is_seen(word: &str) -> bool {
    LISTS.zipf.contains_key(word) || LISTS.seen.binary_search(&word).is_ok()
}

/// Frequent words (zipf >= 2) that start with `first` and have `len` characters.
pub fn frequent_with(first: char, len: usize) -> &'static [(&'static str, Zipf)] {
    LISTS.frequent.get(&(first, len)).map_or(&[], Vec::as_slice)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words_have_their_frequency_and_rare_ones_are_seen() {
        assert!(zipf("itinerary").is_some_and(|z| (30..=35).contains(&z)));
        assert!(zipf("the").is_some_and(|z| z > 70));
        assert_eq!(zipf("lifycle"), None);
        assert!(is_seen("kubernetes"));
        assert!(is_seen("itinerary"));
        assert!(!is_seen("lifycle"));
        assert!(frequent_with('i', 9).iter().any(|(w, _)| *w == "itinerary"));
        assert_eq!(parse_zipf("2.5"), Some(25));
        assert_eq!(parse_zipf("x"), None);
    }
}
