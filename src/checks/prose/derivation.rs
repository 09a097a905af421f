//! Words the word list lacks but English builds from words it has: inflections (`onboarded`),
//! prefixes (`deprioritizing`) and compounds (`storytell`). The `typo` check never calls such a word a
//! misspelling, however close it is to a frequent word.

use crate::policy::vocabulary::Vocabulary;

/// Endings that turn a word into another form of it, longest first so `izations` wins over `s`.
const SUFFIXES: &[&str] = &[
    "izations", "isations", "ization", "isation", "ability", "ations", "nesses", "ments", "ation", "ingly", "ively",
    "ors", "izing", "ising", "ities", "ness", "ment", "able", "ible", "ized", "ised", "izes", "ises", "less", "ship",
    "ally", "ings", "ers", "ing", "ize", "ise", "ity", "ful", "ist", "ism", "ive", "ies", "ied", "est", "ed", "er",
    "es", "ly", "al", "or", "s", "d", "y",
];

/// Prefixes that make a new word from a known one.
const PREFIXES: &[&str] = &[
    "e", "cross", "inter", "intra", "micro", "multi", "hyper", "super", "under", "over", "post", "semi", "self",
    "anti", "auto", "meta", "mid", "non", "out", "pre", "sub", "mis", "tri", "co", "de", "re", "un", "up", "bi",
];

/// True when `word` (lowercase) is a known word with a regular ending, a known prefix before a known
/// word, or two known words of four letters or more joined.
pub(crate) fn is_derived(word: &str, vocabulary: &Vocabulary) -> bool {
    has_known_stem(word, vocabulary) || has_known_base(word, vocabulary) || is_compound(word, vocabulary)
}

fn has_known_stem(word: &str, vocabulary: &Vocabulary) -> bool {
    SUFFIXES.iter().any(|suffix| {
        let Some(stem) = word.strip_suffix(suffix) else {
            return false;
        };
        if stem.chars().count() < 3 {
            return false;
        }
        // `prioritiz|ing` ← prioritize, `compan|ies` ← company, `plann|ing` ← plan.
        let mut stems = vec![stem.to_owned()];
        if suffix.starts_with(['a', 'e', 'i', 'o', 'u']) {
            stems.push(format!("{stem}e"));
        }
        // A doubled last letter (`plann`), compared as characters: two equal last bytes may be
        // the tail of one multi-byte character (`丸` is E4 B8 B8).
        let mut last = stem.char_indices().rev();
        if let (Some((at, a)), Some((_, b))) = (last.next(), last.next())
            && a == b
        {
            stems.push(stem.get(..at).unwrap_or_default().to_owned());
        }
        if let Some(base) = stem.strip_suffix('i') {
            stems.push(format!("{base}y"));
        }
        // `instanti|able` ← instantiate, `negoti|ator` ← negotiate.
        if matches!(*suffix, "able" | "ation" | "ations" | "or" | "ors") {
            stems.push(format!("{stem}ate"));
        }
        // `quantifiabl|y` ← quantifiable: an adverb drops the adjective's final `e`.
        if *suffix == "y" && stem.ends_with("bl") {
            stems.push(format!("{stem}e"));
        }
        stems.iter().any(|s| vocabulary.is_known(s))
    })
}

fn has_known_base(word: &str, vocabulary: &Vocabulary) -> bool {
    PREFIXES.iter().any(|prefix| {
        // A one-letter prefix (`elearning`) needs a longer base to be trusted.
        let shortest = if prefix.len() == 1 { 6 } else { 4 };
        word.strip_prefix(prefix).is_some_and(|rest| {
            rest.chars().count() >= shortest && (vocabulary.is_known(rest) || has_known_stem(rest, vocabulary))
        })
    })
}

fn is_compound(word: &str, vocabulary: &Vocabulary) -> bool {
    word.char_indices().skip(4).any(|(i, _)| {
        let (head, tail) = word.split_at(i);
        tail.chars().count() >= 4 && vocabulary.is_known(head) && vocabulary.is_known(tail)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_ending_in_multi_byte_letters_do_not_panic() {
        let v = Vocabulary::embedded();
        for word in ["abc丸s", "xyz丸ed", "kyoto丸ly", "丸丸s", "ééing"] {
            assert!(!is_derived(word, &v), "{word}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_word_with_a_suffix_is_judged_without_panicking(stem in "\\PC{0,8}", suffix in "(s|ed|ing|ly|able|y)") {
            let _ = is_derived(&format!("{stem}{suffix}"), &Vocabulary::embedded());
        }
    }

    #[test]
    fn derived_words_are_recognized_and_typos_are_not() {
        let v = Vocabulary::embedded();
        for word in [
            "deprioritizing",
            "onboarded",
            "storyteller",
            "planning",
            "companies",
            "elearning",
            "intrapersonal",
            "reactively",
            "instantiable",
            "implementors",
            "quantifiably",
            "scalably",
            "configurably",
        ] {
            assert!(is_derived(word, &v), "{word}");
        }
        for word in [
            "enagage",
            "lifycle",
            "iterationsn",
            "proactibvely",
            "qualitatative",
            "quantitive",
            "stategy",
            "efficency",
            "relaibly",
        ] {
            assert!(!is_derived(word, &v), "{word}");
        }
    }
}
