//! The frequent known words near each unknown word of a run, found with symmetric deletes.
//!
//! SymSpell's idea without its memory: only the few unknown words are indexed, under a hash of
//! every string left after deleting up to one or two of their characters; each frequent known word
//! then hashes its own deletes and probes that small index, so no pair of words is compared
//! blindly and no string is allocated per delete. Hash hits are confirmed with the real distance.

use super::corpus::Corpus;
use crate::policy::vocabulary::Vocabulary;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// The hasher of the delete index, whose keys are hashes already.
type Fast = foldhash::fast::RandomState;

/// Unknown words longer than this many characters are not searched: no English word is (the
/// longest dictionary words have 45), and the deletes of an n-letter word cost O(n³) to hash,
/// so a 5,000-letter base64 blob took over a minute.
const MAX_QUERY_CHARS: usize = 64;

/// For each unknown word, the frequent known words close to it and their edit distance.
#[derive(Debug, Default)]
pub(crate) struct Neighbours<'c> {
    near: HashMap<&'c str, Vec<(&'c str, usize)>>,
}

impl<'c> Neighbours<'c> {
    /// Finds, for every word of `corpus` that `vocabulary` does not know, the known words whose
    /// family occurs at least `min_count` times within the allowed distance (see [`max_distance`]).
    pub fn find(corpus: &'c Corpus, vocabulary: &Vocabulary, min_count: u32) -> Self {
        // Both passes are over every distinct word of the run and split cleanly: in parallel
        // (this check ends the run), merged in an order that does not depend on the split.
        let words: Vec<(&'c str, u32)> = corpus.words().map(|(w, stats)| (w, stats.count)).collect();
        let queries: Vec<(&'c str, Vec<char>)> = words
            .par_iter()
            .filter(|(w, _)| w.len() <= 4 * MAX_QUERY_CHARS && !vocabulary.is_known(w))
            .map(|&(w, _)| (w, w.chars().collect::<Vec<char>>()))
            .filter(|(_, chars)| chars.len() <= MAX_QUERY_CHARS)
            .collect();
        // The keys are hashes already: a fast hasher is enough.
        let mut index: HashMap<u64, Vec<usize>, Fast> = HashMap::default();
        // A known word can only be close to a query with its first letter and about its length
        // (see `close`): the words no query has that shape of are not hashed at all.
        let mut shapes: HashSet<(char, usize), Fast> = HashSet::default();
        for (i, (_, chars)) in queries.iter().enumerate() {
            if let Some(&first) = chars.first() {
                shapes.insert((first, chars.len()));
            }
            for_each_delete(chars, max_distance(chars.len()), |h| {
                index.entry(h).or_default().push(i)
            });
        }
        let mut near: HashMap<&'c str, Vec<(&'c str, usize)>> = HashMap::new();
        if index.is_empty() {
            return Neighbours { near };
        }
        let pairs: Vec<(usize, &'c str, usize)> = words
            .par_iter()
            .filter(|&&(word, count)| count > 0 && vocabulary.is_known(word))
            .flat_map_iter(|&(word, _)| {
                let chars: Vec<char> = word.chars().collect();
                let mut hits: Vec<usize> = Vec::new();
                let (n, reach) = (chars.len(), max_distance(usize::MAX));
                let shaped = chars.first().is_some_and(|&first| {
                    (n.saturating_sub(reach)..=n + reach).any(|len| shapes.contains(&(first, len)))
                });
                if !shaped {
                    return Vec::new();
                }
                for_each_delete(&chars, max_distance(chars.len()), |h| {
                    hits.extend(index.get(&h).into_iter().flatten());
                });
                if hits.is_empty() || corpus.family_count(word) < min_count || vocabulary.corrections(word).is_some() {
                    hits.clear();
                }
                hits.sort_unstable();
                hits.dedup();
                hits.into_iter()
                    .filter_map(|i| {
                        let (_, query_chars) = queries.get(i)?;
                        close(query_chars, &chars).map(|distance| (i, word, distance))
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        for (i, word, distance) in pairs {
            if let Some((query, _)) = queries.get(i) {
                near.entry(*query).or_default().push((word, distance));
            }
        }
        for list in near.values_mut() {
            list.sort_unstable();
        }
        Neighbours { near }
    }

    /// The frequent known words near the lowercase `word`, with their distance.
    pub fn near(&self, word: &str) -> &[(&'c str, usize)] {
        self.near.get(word).map_or(&[], Vec::as_slice)
    }
}

/// The edit distance between `a` and `b` when it is allowed: one edit for short words, two from
/// seven characters on; never at the first letter, which writers rarely get wrong and identifiers
/// often add (`cdata`, `pselect` are not `data`, `select`); and two only inside the word
/// (`lifycle` → `lifecycle`, not `redlines` → `deadlines`).
fn close(a: &[char], b: &[char]) -> Option<usize> {
    if a.first() != b.first() {
        return None;
    }
    let a_str: String = a.iter().collect();
    let b_str: String = b.iter().collect();
    let distance = strsim::osa_distance(&a_str, &b_str);
    let same_end = a.last() == b.last();
    (distance > 0 && distance <= max_distance(a.len().min(b.len())) && (distance < 2 || same_end)).then_some(distance)
}

/// The largest edit distance at which a word of `len` characters is matched.
pub(crate) fn max_distance(len: usize) -> usize {
    if len >= 7 { 2 } else { 1 }
}

/// Calls `f` with the hash of `chars` and of every sequence left by deleting up to `depth`
/// (at most two) of its characters.
fn for_each_delete(chars: &[char], depth: usize, mut f: impl FnMut(u64)) {
    let n = chars.len();
    f(hash_without(chars, n, n));
    if depth >= 1 {
        for i in 0..n {
            f(hash_without(chars, i, n));
        }
    }
    if depth >= 2 {
        for i in 0..n {
            for j in i + 1..n {
                f(hash_without(chars, i, j));
            }
        }
    }
}

/// FNV-1a over `chars` skipping positions `skip_a` and `skip_b` (pass the length to skip none).
fn hash_without(chars: &[char], skip_a: usize, skip_b: usize) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, &c) in chars.iter().enumerate() {
        if i != skip_a && i != skip_b {
            h ^= u64::from(u32::from(c));
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_frequent_neighbours_within_distance() {
        let mut corpus = Corpus::default();
        for _ in 0..3 {
            for word in ["efficiency", "lifecycle", "strategy", "deadlines"] {
                corpus.add(word, false);
            }
        }
        for word in [
            "Efficency",
            "lifycle",
            "stategy",
            "strata",
            "lifecyclxo",
            "redlinez",
            "xstrategy",
        ] {
            corpus.add(word, false);
        }
        let vocabulary = Vocabulary::embedded();
        let index = Neighbours::find(&corpus, &vocabulary, 3);
        assert_eq!(index.near("efficency"), [("efficiency", 1)]);
        assert_eq!(index.near("lifycle"), [("lifecycle", 2)]);
        assert_eq!(index.near("stategy"), [("strategy", 1)]);
        assert!(index.near("strata").is_empty());
        assert!(index.near("lifecyclxo").is_empty());
        assert!(index.near("redlinez").is_empty());
        assert!(index.near("xstrategy").is_empty());
    }

    #[test]
    fn a_word_seen_twice_is_not_frequent() {
        let mut corpus = Corpus::default();
        corpus.add("strategy", false);
        corpus.add("strategy", false);
        corpus.add("stategy", false);
        assert!(
            Neighbours::find(&corpus, &Vocabulary::embedded(), 3)
                .near("stategy")
                .is_empty()
        );
    }
}
