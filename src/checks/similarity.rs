//! String similarity with a cheap lower bound first: "did you mean" and near-title suggestions
//! compare one name with many, and most pairs are far apart.

/// The normalised Damerau-Levenshtein similarity of `a` and `b`, when it is at least `min`.
///
/// Hot: "did you mean" compares a name with every name in a folder or anchor of a page, and most are
/// far off. The edit distance is at least the [`bag_distance`], so that cheap bound, put through the
/// same formula, rules most pairs out without computing the distance; the pairs it lets through are
/// scored exactly as before.
pub(crate) fn similarity_at_least(a: &str, b: &str, min: f64) -> Option<f64> {
    at_least(a, b, min, strsim::normalized_damerau_levenshtein)
}

/// The normalised Levenshtein similarity of `a` and `b`, when it is at least `min` (the same bound
/// holds: a Levenshtein edit is a Damerau-Levenshtein edit).
pub(crate) fn levenshtein_similarity_at_least(a: &str, b: &str, min: f64) -> Option<f64> {
    at_least(a, b, min, strsim::normalized_levenshtein)
}

fn at_least(a: &str, b: &str, min: f64, similarity: fn(&str, &str) -> f64) -> Option<f64> {
    let (bound, longest) = bag_distance(a, b);
    if longest > 0 && 1.0 - (bound as f64) / (longest as f64) < min {
        return None;
    }
    let score = similarity(a, b);
    (score >= min).then_some(score)
}

/// A lower bound of the Damerau-Levenshtein distance of `a` and `b`, and the length of the longer
/// one in characters. The bound is the number of characters the larger of the two multisets of
/// characters has that the other lacks: each insertion, deletion or substitution changes it by at
/// most one and a transposition not at all. Characters are counted by code point modulo 128 (ASCII
/// exactly); merging others can only lower the count, so it stays a lower bound.
fn bag_distance(a: &str, b: &str) -> (usize, usize) {
    let mut counts = [0i32; 128];
    let (mut la, mut lb) = (0, 0);
    for c in a.chars() {
        la += 1;
        if let Some(n) = counts.get_mut(c as usize % 128) {
            *n += 1;
        }
    }
    for c in b.chars() {
        lb += 1;
        if let Some(n) = counts.get_mut(c as usize % 128) {
            *n -= 1;
        }
    }
    let only_a: i32 = counts.iter().filter(|&&n| n > 0).sum();
    let only_b: i32 = -counts.iter().filter(|&&n| n < 0).sum::<i32>();
    (only_a.max(only_b).unsigned_abs() as usize, la.max(lb))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "Did you mean" as first written: every pair scored.
    fn scored(a: &str, b: &str) -> Option<f64> {
        let score = strsim::normalized_damerau_levenshtein(a, b);
        (score >= 0.75).then_some(score)
    }

    #[test]
    fn the_bound_never_exceeds_the_distance() {
        assert_eq!(bag_distance("team-lead", "taem-lead"), (0, 9));
        assert_eq!(bag_distance("abc", "abd"), (1, 3));
        assert_eq!(bag_distance("", "abc"), (3, 3));
        // `é` (U+00E9) and `i` (U+0069) share a count: the bound may only be lower.
        assert_eq!(bag_distance("é", "i"), (0, 1));
        assert_eq!(
            similarity_at_least("backend-engineer", "backend-enginer", 0.75),
            scored("backend-engineer", "backend-enginer")
        );
        assert_eq!(similarity_at_least("", "", 0.75), Some(1.0));
    }

    proptest::proptest! {
        #[test]
        fn prefiltered_scores_equal_full_scores(a in "[abciéσ-]{0,12}", b in "[abciéσ-]{0,12}") {
            proptest::prop_assert!(bag_distance(&a, &b).0 <= strsim::damerau_levenshtein(&a, &b));
            proptest::prop_assert_eq!(similarity_at_least(&a, &b, 0.75), scored(&a, &b));
            let plain = strsim::normalized_levenshtein(&a, &b);
            proptest::prop_assert_eq!(levenshtein_similarity_at_least(&a, &b, 0.85), (plain >= 0.85).then_some(plain));
        }
    }
}
