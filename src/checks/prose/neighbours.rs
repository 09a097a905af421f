//! The frequent known words near each unknown word of a run, found with symmetric deletes.
//!
//! SymSpell's idea without its memory: only the few unknown words are indexed, under a hash of
//! every string left after deleting up to one or two of their characters; each frequent known word
//! then hashes its own deletes and probes that small index, so no pair of words is compared
//! blindly and no string is allocated per delete. Hash hits are confirmed with the real distance.

use super::corpus::Corpus;
use crate::policy::vocabulary::Vocabulary;
use foldhash::HashMapExt;
use foldhash::{HashMap, HashSet};
use rayon::prelude::*;

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
        // Each word is looked up in the word lists once: the unknown are searched for, the known
        // searched with.
        let words: Vec<(&'c str, u32)> = corpus.words().map(|(w, stats)| (w, stats.count)).collect();
        let known: Vec<bool> = words.par_iter().map(|(w, _)| vocabulary.is_known(w)).collect();
        let words: Vec<(&'c str, u32, bool)> = words.into_iter().zip(known).map(|((w, c), k)| (w, c, k)).collect();
        let queries: Vec<(&'c str, Vec<char>)> = words
            .par_iter()
            .filter(|&&(w, _, known)| !known && w.len() <= 4 * MAX_QUERY_CHARS)
            .map(|&(w, _, _)| (w, w.chars().collect::<Vec<char>>()))
            .filter(|(_, chars)| chars.len() <= MAX_QUERY_CHARS)
            .collect();
        let mut index: HashMap<u64, Vec<usize>> = HashMap::default();
        // Most deletes of a known word are in no query's index: one bit per hash (by its top
        // bits) answers those without probing the map.
        let mut indexed = vec![0u64; FILTER_BITS / 64];
        // A known word can only be close to a query with its first letter and about its length
        // (see `close`): the words no query has that shape of are not hashed at all.
        let mut shapes: HashSet<(char, usize)> = HashSet::default();
        for (i, (_, chars)) in queries.iter().enumerate() {
            if let Some(&first) = chars.first() {
                shapes.insert((first, chars.len()));
            }
            for_each_delete(chars, max_distance(chars.len()), |h| {
                if let Some(bits) = indexed.get_mut(filter_slot(h) / 64) {
                    *bits |= 1 << (filter_slot(h) % 64);
                }
                index.entry(h).or_default().push(i);
            });
        }
        let mut near: HashMap<&'c str, Vec<(&'c str, usize)>> = HashMap::new();
        if index.is_empty() {
            return Neighbours { near };
        }
        let pairs: Vec<(usize, &'c str, usize)> = words
            .par_iter()
            .filter(|&&(_, count, known)| count > 0 && known)
            .flat_map_iter(|&(word, _, _)| {
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
                    let slot = filter_slot(h);
                    if indexed
                        .get(slot / 64)
                        .is_some_and(|bits| bits & (1 << (slot % 64)) != 0)
                    {
                        hits.extend(index.get(&h).into_iter().flatten());
                    }
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
///
/// Hot: every frequent known word of a run hashes its deletes, about n²/2 of them for n characters.
/// The hash is polynomial, so each delete's hash is put together from prefix hashes in a few
/// multiplications instead of rehashing the n characters left (which made the whole cubic).
fn for_each_delete(chars: &[char], depth: usize, mut f: impl FnMut(u64)) {
    let n = chars.len();
    // prefix[i]: the hash of chars[..i]; power[k]: BASE^k.
    let mut prefix = Vec::with_capacity(n + 1);
    let mut power = Vec::with_capacity(n + 1);
    let (mut h, mut p) = (0u64, 1u64);
    prefix.push(h);
    power.push(p);
    for &c in chars {
        h = h.wrapping_mul(BASE).wrapping_add(u64::from(u32::from(c)) + 1);
        p = p.wrapping_mul(BASE);
        prefix.push(h);
        power.push(p);
    }
    let at = |v: &Vec<u64>, i: usize| v.get(i).copied().unwrap_or(0);
    // The hash of chars[a..b].
    let slice = |a: usize, b: usize| at(&prefix, b).wrapping_sub(at(&prefix, a).wrapping_mul(at(&power, b - a)));
    f(h);
    if depth >= 1 {
        for i in 0..n {
            let head = at(&prefix, i).wrapping_mul(at(&power, n - 1 - i));
            f(head.wrapping_add(slice(i + 1, n)));
        }
    }
    if depth >= 2 {
        for i in 0..n {
            let head = at(&prefix, i).wrapping_mul(at(&power, n.saturating_sub(2 + i)));
            for j in i + 1..n {
                let middle = slice(i + 1, j).wrapping_mul(at(&power, n - 1 - j));
                f(head.wrapping_add(middle).wrapping_add(slice(j + 1, n)));
            }
        }
    }
}

/// Bits of the filter in front of the delete index (128 KiB): a run's few thousand unknown words
/// have some 10⁵ deletes, so about nine probes in ten that would miss stop at the filter.
const FILTER_BITS: usize = 1 << 20;

/// The filter bit of the delete hash `h`: its top bits, which every character reaches.
fn filter_slot(h: u64) -> usize {
    usize::try_from(h >> (64 - FILTER_BITS.trailing_zeros())).unwrap_or(0)
}

/// The base of the delete hash: a large odd constant, so hashes spread over all 64 bits.
const BASE: u64 = 0x9e37_79b9_7f4a_7c15;

/// The delete hash of `chars` with the characters at `skip_a` and `skip_b` left out (pass the
/// length to leave none out), computed directly: what [`for_each_delete`] must agree with.
#[cfg(test)]
fn hash_without(chars: &[char], skip_a: usize, skip_b: usize) -> u64 {
    chars
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != skip_a && i != skip_b)
        .fold(0u64, |h, (_, &c)| {
            h.wrapping_mul(BASE).wrapping_add(u64::from(u32::from(c)) + 1)
        })
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
    fn delete_hashes_equal_the_hashes_of_the_strings_left() {
        for word in ["", "a", "ab", "lifecycle", "naïve-ééé"] {
            let chars: Vec<char> = word.chars().collect();
            let n = chars.len();
            let mut expected = vec![hash_without(&chars, n, n)];
            expected.extend((0..n).map(|i| hash_without(&chars, i, n)));
            for i in 0..n {
                expected.extend((i + 1..n).map(|j| hash_without(&chars, i, j)));
            }
            let mut got = Vec::new();
            for_each_delete(&chars, 2, |h| got.push(h));
            assert_eq!(got, expected, "{word}");
        }
        // Deleting the first `a` or the second of `aab` leaves the same `ab`.
        let aab: Vec<char> = "aab".chars().collect();
        let ab: Vec<char> = "ab".chars().collect();
        let mut deletes = Vec::new();
        for_each_delete(&aab, 1, |h| deletes.push(h));
        assert_eq!(deletes.get(1), deletes.get(2));
        assert_eq!(deletes.get(1).copied(), Some(hash_without(&ab, 2, 2)));
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
