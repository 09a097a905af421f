//! Word frequencies across the linted pages, and the frequent words near a rare one.
//!
//! The evidence the `typo` check needs before it calls an unknown word a misspelling: the word is
//! rare in the pages linted together, and a known word a small edit away is common there.
//! Neighbours are found with symmetric deletes (SymSpell): every frequent word is indexed under the
//! strings left after deleting up to one or two of its characters; a rare word's own deletes then
//! meet them, so no pair of words is ever compared blindly.

use crate::policy::vocabulary::Vocabulary;
use std::collections::{HashMap, HashSet};

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
#[derive(Debug, Default)]
pub(crate) struct Corpus {
    words: HashMap<String, Stats>,
}

impl Corpus {
    /// Counts one occurrence of `word` as written.
    pub fn add(&mut self, word: &str, sentence_start: bool) {
        let capitalized = word.chars().next().is_some_and(char::is_uppercase);
        let stats = self.words.entry(key(word)).or_default();
        stats.count += 1;
        if capitalized {
            stats.capitalized += 1;
            if !sentence_start {
                stats.capitalized_inside += 1;
            }
        }
    }

    /// The counts of a lowercase word (zero when unseen).
    pub fn stats(&self, lower: &str) -> Stats {
        self.words.get(lower).copied().unwrap_or_default()
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

    /// Indexes the words whose family (see [`Corpus::family_count`]) was seen at least `min_count`
    /// times, that `vocabulary` knows and that are not themselves known misspellings.
    pub fn frequent_known<'c>(&'c self, vocabulary: &Vocabulary, min_count: u32) -> Neighbours<'c> {
        let mut deletes: HashMap<String, Vec<&'c str>> = HashMap::new();
        for (word, stats) in &self.words {
            if stats.count == 0
                || self.family_count(word) < min_count
                || !vocabulary.is_known(word)
                || vocabulary.corrections(word).is_some()
            {
                continue;
            }
            let chars: Vec<char> = word.chars().collect();
            for variant in deletions(&chars, max_distance(chars.len())) {
                deletes.entry(variant).or_default().push(word.as_str());
            }
        }
        Neighbours { deletes }
    }
}

/// The form a word is counted and looked up under: lowercase, with a typographic apostrophe made plain.
pub(crate) fn key(word: &str) -> String {
    word.to_lowercase().replace('\u{2019}', "'")
}

/// Frequent known words, indexed by their deletes.
pub(crate) struct Neighbours<'c> {
    deletes: HashMap<String, Vec<&'c str>>,
}

impl<'c> Neighbours<'c> {
    /// Indexed words within the allowed edit distance of the lowercase `word`, with their distance.
    pub fn near(&self, word: &str) -> Vec<(&'c str, usize)> {
        let chars: Vec<char> = word.chars().collect();
        let mut seen: HashSet<&'c str> = HashSet::new();
        let mut found = Vec::new();
        for variant in deletions(&chars, max_distance(chars.len())) {
            for &candidate in self.deletes.get(&variant).into_iter().flatten() {
                if candidate == word || !seen.insert(candidate) {
                    continue;
                }
                let distance = strsim::osa_distance(word, candidate);
                let shorter = chars.len().min(candidate.chars().count());
                if distance <= max_distance(shorter) {
                    found.push((candidate, distance));
                }
            }
        }
        found
    }
}

/// The largest edit distance at which a word of `len` characters is matched: one edit for short
/// words, two from seven characters on (`lifycle` → `lifecycle`).
pub(crate) fn max_distance(len: usize) -> usize {
    if len >= 7 { 2 } else { 1 }
}

/// `chars` and every string made from it by deleting up to `depth` characters.
fn deletions(chars: &[char], depth: usize) -> HashSet<String> {
    let mut all: HashSet<String> = HashSet::new();
    let mut frontier: Vec<Vec<char>> = vec![chars.to_vec()];
    all.insert(chars.iter().collect());
    for _ in 0..depth {
        let mut next = Vec::new();
        for word in &frontier {
            for i in 0..word.len() {
                let mut shorter = word.clone();
                shorter.remove(i);
                if all.insert(shorter.iter().collect()) {
                    next.push(shorter);
                }
            }
        }
        frontier = next;
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_frequent_neighbours_within_distance() {
        let mut corpus = Corpus::default();
        for _ in 0..3 {
            corpus.add("efficiency", false);
            corpus.add("lifecycle", false);
            corpus.add("strategy", false);
        }
        corpus.add("Efficency", false);
        let vocabulary = Vocabulary::embedded();
        let index = corpus.frequent_known(&vocabulary, 3);
        assert_eq!(index.near("efficency"), vec![("efficiency", 1)]);
        assert_eq!(index.near("lifycle"), vec![("lifecycle", 2)]);
        assert_eq!(index.near("stategy"), vec![("strategy", 1)]);
        assert!(index.near("strata").is_empty());
        corpus.add("engaging", false);
        corpus.add("Engage", true);
        assert_eq!(corpus.family_count("engage"), 2);
        assert_eq!(
            corpus.stats("efficency"),
            Stats {
                count: 1,
                capitalized: 1,
                capitalized_inside: 1
            }
        );
    }
}
