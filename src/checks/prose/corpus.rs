//! Word frequencies across the linted pages: the evidence the `typo` check needs before it calls
//! an unknown word a misspelling (the word is rare there, a known word close to it is common).

use foldhash::HashMap;
use std::borrow::Cow;

/// How often one word (lowercased) occurs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Stats {
    /// Occurrences.
    pub count: u32,
    /// Occurrences written with a capital first letter.
    pub capitalized: u32,
    /// Capitalized occurrences that do not open a sentence.
    pub capitalized_inside: u32,
}

/// Word counts over every page of a run.
#[derive(Clone, Debug, Default)]
pub(crate) struct Corpus {
    // Hot: one lookup per word of every page, so a fast (not DoS-resistant) hash, and the words
    // of up to `Short::MAX` bytes (nearly all) kept in the table's own slots: a `String` key sent
    // each lookup to the word's bytes elsewhere on the heap (a cache miss, then `memcmp`).
    short: HashMap<Short, Counted>,
    long: HashMap<String, Counted>,
}

/// A word of at most [`Short::MAX`] bytes, zero-padded, its length in the last byte (so no two
/// words share a key, whatever bytes they hold).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Short([u8; 24]);

impl Short {
    /// The longest word kept inline.
    const MAX: usize = 23;

    /// `word` as a key, when it is short enough.
    fn of(word: &str) -> Option<Self> {
        let bytes = word.as_bytes();
        let len = u8::try_from(bytes.len())
            .ok()
            .filter(|&n| usize::from(n) <= Self::MAX)?;
        let mut key = [0u8; 24];
        key.get_mut(..bytes.len())?.copy_from_slice(bytes);
        key[Self::MAX] = len;
        Some(Self(key))
    }

    /// The word.
    fn as_str(&self) -> &str {
        let len = usize::from(self.0[Self::MAX]).min(Self::MAX);
        // The bytes were copied whole from a `str`.
        std::str::from_utf8(self.0.get(..len).unwrap_or_default()).unwrap_or_default()
    }
}

impl std::hash::Hash for Short {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // Three words, not a byte slice: no length prefix, no loop over bytes.
        for part in self.0.chunks_exact(8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(part);
            state.write_u64(u64::from_le_bytes(word));
        }
    }
}

impl Stats {
    /// Adds another table's counts of the same word.
    fn add(&mut self, other: Stats) {
        self.count += other.count;
        self.capitalized += other.capitalized;
        self.capitalized_inside += other.capitalized_inside;
    }
}

/// One word's counts, and what the counting caller noted about it.
#[derive(Clone, Copy, Debug, Default)]
struct Counted {
    stats: Stats,
    /// Set by the caller of [`Corpus::set_note`] (the typo check caches a vocabulary verdict
    /// here, so a word costs one table lookup, not two); `None` until it does, and after a merge.
    note: Option<bool>,
}

impl Corpus {
    /// Counts one occurrence of `word` as written.
    #[cfg(test)]
    pub fn add(&mut self, word: &str, sentence_start: bool) {
        self.add_keyed(word, &key(word), sentence_start);
    }

    /// Counts one occurrence of `word`, whose [`key`] is `lower`, and returns the word's note.
    pub fn add_keyed(&mut self, word: &str, lower: &str, sentence_start: bool) -> Option<bool> {
        let capitalized = word.chars().next().is_some_and(char::is_uppercase);
        let counted = match Short::of(lower) {
            Some(short) => self.short.entry(short).or_default(),
            None => match self.long.get_mut(lower) {
                Some(counted) => counted,
                None => self.long.entry(lower.to_owned()).or_default(),
            },
        };
        let stats = &mut counted.stats;
        stats.count += 1;
        if capitalized {
            stats.capitalized += 1;
            if !sentence_start {
                stats.capitalized_inside += 1;
            }
        }
        counted.note
    }

    /// Notes `note` on the counted word `lower` (see [`Corpus::add_keyed`]).
    pub fn set_note(&mut self, lower: &str, note: bool) {
        if let Some(counted) = self.counted_mut(lower) {
            counted.note = Some(note);
        }
    }

    fn counted_mut(&mut self, lower: &str) -> Option<&mut Counted> {
        match Short::of(lower) {
            Some(short) => self.short.get_mut(&short),
            None => self.long.get_mut(lower),
        }
    }

    fn counted(&self, lower: &str) -> Option<&Counted> {
        match Short::of(lower) {
            Some(short) => self.short.get(&short),
            None => self.long.get(lower),
        }
    }

    /// Clears every word's note (what they noted no longer holds).
    pub fn forget_notes(&mut self) {
        for counted in self.short.values_mut().chain(self.long.values_mut()) {
            counted.note = None;
        }
    }

    /// Adds the counts of `other` (another page's) to these. Notes of words new here are not
    /// taken over: they may answer another question.
    /// Taken by value: an empty corpus (the first a merge meets) takes the other's table whole
    /// instead of copying each word, and new words move their keys over.
    pub fn merge(&mut self, other: Corpus) {
        if self.is_empty() {
            *self = other;
            self.forget_notes();
            return;
        }
        for (short, theirs) in other.short {
            self.short.entry(short).or_default().stats.add(theirs.stats);
        }
        for (word, theirs) in other.long {
            let stats = match self.long.get_mut(word.as_str()) {
                Some(counted) => &mut counted.stats,
                None => &mut self.long.entry(word).or_default().stats,
            };
            stats.add(theirs.stats);
        }
    }

    /// Every word's counts, by word (a test compares corpora whose tables iterate in any order).
    #[cfg(test)]
    pub fn sorted(&self) -> Vec<(&str, Stats)> {
        let mut all: Vec<_> = self.words().map(|(w, stats)| (w, *stats)).collect();
        all.sort_by_key(|(w, _)| *w);
        all
    }

    /// True when no word was counted.
    pub fn is_empty(&self) -> bool {
        self.short.is_empty() && self.long.is_empty()
    }

    /// The counts of a lowercase word (zero when unseen).
    pub fn stats(&self, lower: &str) -> Stats {
        self.counted(lower).map(|c| c.stats).unwrap_or_default()
    }

    /// Occurrences of `lower` and of its regular inflections (`engage`: `engages`, `engaged`,
    /// `engaging`): the evidence that the pages use the word.
    pub fn family_count(&self, lower: &str) -> u32 {
        let mut forms = vec![
            format!("{lower}s"),
            format!("{lower}es"),
            format!("{lower}ed"),
            format!("{lower}ing"),
        ];
        if let Some(stem) = lower.strip_suffix('e') {
            forms.extend([format!("{lower}d"), format!("{stem}ing")]);
        }
        if let Some(stem) = lower.strip_suffix('y') {
            forms.extend([format!("{stem}ies"), format!("{stem}ied")]);
        }
        if let Some(last) = lower.chars().last().filter(|c| !"aeiouwxy".contains(*c)) {
            forms.extend([format!("{lower}{last}ed"), format!("{lower}{last}ing")]);
        }
        forms.sort();
        forms.dedup();
        self.stats(lower).count + forms.iter().map(|f| self.stats(f).count).sum::<u32>()
    }

    /// Every word seen, lowercase, with its counts.
    pub fn words(&self) -> impl Iterator<Item = (&str, &Stats)> {
        let short = self.short.iter().map(|(w, c)| (w.as_str(), &c.stats));
        short.chain(self.long.iter().map(|(w, c)| (w.as_str(), &c.stats)))
    }
}

/// The form a word is counted and looked up under: lowercase, with a typographic apostrophe made plain.
pub(crate) fn key(word: &str) -> Cow<'_, str> {
    // Hot: once per word of every page; most words are ASCII.
    if word.is_ascii() {
        return if word.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(word.to_ascii_lowercase())
        } else {
            Cow::Borrowed(word)
        };
    }
    if word.chars().any(|c| c.is_uppercase() || c == '\u{2019}') {
        Cow::Owned(word.to_lowercase().replace('\u{2019}', "'"))
    } else {
        Cow::Borrowed(word)
    }
}

/// [`key`] without an allocation per word: a word that lowercasing changes is written into
/// `buffer`, which the caller reuses.
pub(crate) fn key_in<'a>(word: &'a str, buffer: &'a mut String) -> &'a str {
    if word.is_ascii() {
        if !word.bytes().any(|b| b.is_ascii_uppercase()) {
            return word;
        }
        buffer.clear();
        buffer.push_str(word);
        buffer.make_ascii_lowercase();
        return buffer;
    }
    match key(word) {
        Cow::Borrowed(word) => word,
        Cow::Owned(lower) => {
            *buffer = lower;
            buffer
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_capitals_and_inflections() {
        let mut corpus = Corpus::default();
        corpus.add("Efficency", false);
        corpus.add("engaging", false);
        corpus.add("Engage", true);
        corpus.add("engages", false);
        assert_eq!(
            corpus.stats("efficency"),
            Stats {
                count: 1,
                capitalized: 1,
                capitalized_inside: 1
            }
        );
        assert_eq!(corpus.family_count("engage"), 3);
        assert_eq!(corpus.stats("engage").capitalized_inside, 0);
        assert_eq!(key("We\u{2019}re"), "we're");
    }

    #[test]
    fn short_keys_hold_words_of_up_to_23_bytes_each_distinct() {
        for word in ["", "a", "a\0", "\0", "ünïcödé", "abcdefghijklmnopqrstuvw"] {
            assert_eq!(Short::of(word).map(|k| k.as_str().to_owned()).as_deref(), Some(word));
        }
        assert_ne!(Short::of("a"), Short::of("a\0"));
        assert_eq!(Short::of("abcdefghijklmnopqrstuvwx"), None, "24 bytes");
        assert_eq!(Short::of("ééééééééééééé"), None, "26 bytes");
    }

    proptest::proptest! {
        #[test]
        fn counts_as_one_table_of_strings_would(
            words in proptest::collection::vec(("[a-zé'\0]{0,30}", proptest::bool::ANY), 0..60),
            split in 0usize..60,
        ) {
            // Short and long words, counted in two corpora merged, and in one.
            let mut model: std::collections::BTreeMap<&str, u32> = std::collections::BTreeMap::new();
            let (mut first, mut second, mut whole) = (Corpus::default(), Corpus::default(), Corpus::default());
            for (i, (word, start)) in words.iter().enumerate() {
                *model.entry(word).or_default() += 1;
                whole.add_keyed(word, word, *start);
                let half = if i < split { &mut first } else { &mut second };
                half.add_keyed(word, word, *start);
            }
            first.merge(second);
            let counts: Vec<(&str, u32)> = model.iter().map(|(w, n)| (*w, *n)).collect();
            let of = |c: &Corpus| c.sorted().into_iter().map(|(w, s)| (w.to_owned(), s.count)).collect::<Vec<_>>();
            let expected: Vec<(String, u32)> = counts.iter().map(|(w, n)| ((*w).to_owned(), *n)).collect();
            proptest::prop_assert_eq!(of(&whole), expected.clone());
            proptest::prop_assert_eq!(of(&first), expected);
            for (word, n) in counts {
                proptest::prop_assert_eq!(whole.stats(word).count, n);
                proptest::prop_assert_eq!(first.stats(word), whole.stats(word));
            }
            proptest::prop_assert_eq!(whole.stats("never-counted-word-of-some-length").count, 0);
        }
    }

    #[test]
    fn notes_last_until_forgotten_and_are_not_merged_in() {
        let mut corpus = Corpus::default();
        assert_eq!(corpus.add_keyed("Word", "word", true), None);
        corpus.set_note("word", true);
        assert_eq!(corpus.add_keyed("word", "word", false), Some(true));
        let mut other = Corpus::default();
        other.add("other", false);
        other.set_note("other", false);
        corpus.merge(other);
        assert_eq!(corpus.add_keyed("other", "other", false), None);
        assert_eq!(corpus.add_keyed("word", "word", false), Some(true));
        let mut empty = Corpus::default();
        empty.merge(corpus.clone());
        assert_eq!(empty.add_keyed("word", "word", false), None);
        corpus.forget_notes();
        assert_eq!(corpus.add_keyed("word", "word", false), None);
        assert_eq!(corpus.stats("word").count, 4);
        assert_eq!(corpus.stats("word").capitalized, 1);
        let mut buffer = String::new();
        for word in ["We\u{2019}re", "Efficency", "efficency", "ÉTÉ", "\u{2019}tis", "x"] {
            assert_eq!(key_in(word, &mut buffer), key(word), "{word}");
        }
    }
}
