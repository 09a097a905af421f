//! `consistent-with-parent`: does a child's value (a sub-heading) name its parent's title (the
//! level's)? Compared as words, under the rule's options ([`WordRules`]), never as strings.

use crate::policy::WordRules;
use regex::Regex;
use std::ops::Range;

/// A child that names another title than its parent's.
#[derive(Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// The title the child names, as bytes of the child's value (leading qualifiers excluded).
    pub prefix: Range<usize>,
    /// Words of the parent the child lacks, as the parent writes them.
    pub missing: Vec<String>,
    /// Words of the child the parent lacks, as the child writes them.
    pub extra: Vec<String>,
}

impl Mismatch {
    /// "missing `Program`" or "`Delivery`, `Scalability` instead of `Infrastructure`".
    pub fn difference(&self) -> String {
        let list = |words: &[String]| format!("`{}`", words.join("`, `"));
        match (self.extra.is_empty(), self.missing.is_empty()) {
            (true, _) => format!("missing {}", list(&self.missing)),
            (false, true) => format!("{} added", list(&self.extra)),
            (false, false) => format!("{} instead of {}", list(&self.extra), list(&self.missing)),
        }
    }
}

/// A word: as written, normalised, and whether it was inside `(…)`.
#[derive(Clone, Debug)]
struct Word {
    written: String,
    norm: String,
    parenthesized: bool,
}

/// Compares `child` with `parent`; `None` when the child names no title or a compatible one.
///
/// The child's title is its text before `strip` matches, without leading qualifiers. It is fine
/// when it is empty, when it has every (significant) word of the parent (it may be more specific),
/// or when it has no word the parent lacks and either drops only optional words or consists of
/// optional words alone (e.g. just the level word).
pub fn compare(child: &str, parent: &str, strip: Option<&Regex>, rules: &WordRules) -> Option<Mismatch> {
    let masked = if rules.ignore_parenthesized {
        mask_parenthesized(child)
    } else {
        child.to_owned()
    };
    let (end, title_end) = match strip.and_then(|re| re.find(&masked)) {
        Some(m) => {
            let kind = m.as_str().trim_start_matches(is_separator);
            (m.start(), m.end() - kind.len())
        }
        None => (masked.len(), masked.len()),
    };
    let mut title_tokens = tokens(masked.get(..end).unwrap_or_default());
    let qualified = leading_qualifiers(&title_tokens, rules);
    title_tokens.drain(..qualified);
    let start = title_tokens.first()?.0.start;
    // The title as written runs to the kind, so a trailing `(…)` the comparison ignored is in it.
    let title = child
        .get(..title_end)
        .unwrap_or_default()
        .trim_end_matches(is_separator);
    let prefix = start..title.len().max(start);

    let child_words = words(child, &title_tokens, rules);
    let parent_words = words(parent, &tokens(parent), rules);
    let (child_words, parent_words) = if rules.acronyms {
        let child_expanded = expand_acronyms(&child_words, &parent_words);
        let parent_expanded = expand_acronyms(&parent_words, &child_words);
        (
            child_expanded.unwrap_or(child_words),
            parent_expanded.unwrap_or(parent_words),
        )
    } else {
        (child_words, parent_words)
    };

    let has = |ws: &[Word], norm: &str| ws.iter().any(|w| w.norm == norm);
    let significant: Vec<&Word> = parent_words
        .iter()
        .filter(|w| !(rules.ignore_parenthesized && w.parenthesized))
        .collect();
    let missing: Vec<&Word> = significant
        .iter()
        .copied()
        .filter(|w| !has(&child_words, &w.norm))
        .collect();
    let extra: Vec<&Word> = child_words.iter().filter(|w| !has(&parent_words, &w.norm)).collect();
    let optional = |w: &&Word| rules.optional.contains(&w.norm);
    let fine = missing.is_empty()
        || extra.is_empty() && (missing.iter().all(optional) || child_words.iter().all(|w| optional(&w)));
    if fine {
        return None;
    }
    // A child naming only a level word ("Staff" under "Senior …") contradicts the parent's level word.
    let level_words: Vec<&Word> = missing.iter().copied().filter(optional).collect();
    let contradicts_level = !extra.is_empty() && extra.iter().all(optional) && !level_words.is_empty();
    Some(Mismatch {
        prefix,
        missing: if contradicts_level {
            shown(&level_words, &optional)
        } else {
            shown(&missing, &optional)
        },
        extra: shown(&extra, &optional),
    })
}

/// How many leading tokens are qualifiers (each qualifier may be several words).
fn leading_qualifiers(tokens: &[(Range<usize>, &str)], rules: &WordRules) -> usize {
    let mut at = 0;
    loop {
        // Hot (every sub-heading): the qualifiers' words are walked in place, not collected.
        let longest = rules
            .qualifiers
            .iter()
            .filter_map(|q| {
                let n = q.split_whitespace().count();
                let run = tokens.get(at..at + n)?;
                let matches = run
                    .iter()
                    .zip(q.split_whitespace())
                    .all(|((_, t), w)| t.eq_ignore_ascii_case(w));
                matches.then_some(n)
            })
            .max();
        match longest {
            Some(n) if n > 0 => at += n,
            _ => return at,
        }
    }
}

/// The words to name in a message: the significant ones when there are any, each once.
fn shown(words: &[&Word], optional: &impl Fn(&&Word) -> bool) -> Vec<String> {
    let significant: Vec<&&Word> = words.iter().filter(|w| !optional(w)).collect();
    let pick: Vec<&&Word> = if significant.is_empty() {
        words.iter().collect()
    } else {
        significant
    };
    let mut out: Vec<String> = Vec::new();
    for w in pick {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&w.written)) {
            out.push(w.written.clone());
        }
    }
    out
}

/// Whitespace and the dashes and colons that separate a title from a section's kind.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '–' | '—' | ':' | '|')
}

/// `text` with every `(…)` group (nested, or unclosed to the end) blanked out, byte for byte.
fn mask_parenthesized(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        let blank = depth > 0 || c == '(';
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if blank || c == ')' {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

/// Words and where they are: runs of letters, digits and `-'&+`, without bare dashes.
fn tokens(text: &str) -> Vec<(Range<usize>, &str)> {
    let is_word = |c: char| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | '&' | '+');
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (is_word(c) && i < text.len(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let word = text.get(s..i).unwrap_or_default();
                let trimmed = word.trim_matches('-');
                if !trimmed.is_empty() {
                    let lead = word.len() - word.trim_start_matches('-').len();
                    out.push((s + lead..s + lead + trimmed.len(), trimmed));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Normalised words of `tokens` (ranges into `text`), synonyms expanded.
fn words(text: &str, tokens: &[(Range<usize>, &str)], rules: &WordRules) -> Vec<Word> {
    let inside = mask_parenthesized(text);
    let mut out = Vec::new();
    for (range, token) in tokens {
        let parenthesized = inside.get(range.clone()).is_some_and(|s| s.trim().is_empty());
        let lower = token.to_lowercase();
        match rules.synonyms.get(&lower) {
            Some(expansion) => out.extend(expansion.iter().map(|norm| Word {
                written: (*token).to_owned(),
                norm: norm.clone(),
                parenthesized,
            })),
            None => out.push(Word {
                written: (*token).to_owned(),
                norm: lower,
                parenthesized,
            }),
        }
    }
    out
}

/// Replaces each all-capitals word of `words` (e.g. `CSM`) that spells the initials of
/// consecutive words of `other` (`Customer Success Manager`) with those words; `None` when no
/// word is replaced (most titles have no acronym: the words are then not copied).
fn expand_acronyms(words: &[Word], other: &[Word]) -> Option<Vec<Word>> {
    let run_of = |w: &Word| {
        let is_acronym = w.written.len() >= 2
            && w.written.chars().all(|c| c.is_ascii_uppercase())
            && w.norm == w.written.to_lowercase()
            && !other.iter().any(|o| o.norm == w.norm && !o.parenthesized);
        is_acronym.then(|| initials_run(&w.norm, other)).flatten()
    };
    if !words.iter().any(|w| run_of(w).is_some()) {
        return None;
    }
    let mut out = Vec::with_capacity(words.len());
    for w in words {
        match run_of(w) {
            Some(run) => out.extend(run.iter().map(|o| Word {
                written: w.written.clone(),
                norm: o.norm.clone(),
                parenthesized: w.parenthesized,
            })),
            None => out.push(w.clone()),
        }
    }
    Some(out)
}

/// The first run of `words` outside `(…)` whose initials spell `acronym` (lowercase).
fn initials_run<'w>(acronym: &str, words: &'w [Word]) -> Option<&'w [Word]> {
    let n = acronym.chars().count();
    (0..words.len().saturating_sub(n - 1)).find_map(|i| {
        let run = words.get(i..i + n)?;
        let spells =
            run.iter().all(|w| !w.parenthesized) && run.iter().zip(acronym.chars()).all(|(w, c)| w.norm.starts_with(c));
        spells.then_some(run)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_hyphenated_words_and_ampersands_and_drop_dashes() {
        let t: Vec<&str> = tokens("Nice-to-have - Group Manager, Product & Ops -- x")
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert_eq!(t, ["Nice-to-have", "Group", "Manager", "Product", "&", "Ops", "x"]);
    }

    #[test]
    fn acronyms_expand_only_where_the_other_side_spells_them_out() {
        let words = |text: &str| words(text, &tokens(text), &WordRules::default());
        let norms = |ws: &[Word]| ws.iter().map(|w| w.norm.clone()).collect::<Vec<_>>();
        let (short, long) = (words("Senior CSM"), words("Senior Customer Success Manager"));
        let expanded = expand_acronyms(&short, &long).expect("CSM spells the other side's words");
        assert_eq!(norms(&expanded), ["senior", "customer", "success", "manager"]);
        assert!(expanded.iter().skip(1).all(|w| w.written == "CSM"));
        // Nothing to expand: no copy is made, and the caller keeps its words.
        assert!(expand_acronyms(&long, &short).is_none());
        assert!(expand_acronyms(&words("Senior CSM"), &words("Senior Sales Engineer")).is_none());
    }

    #[test]
    fn parenthesized_groups_are_blanked_byte_for_byte() {
        assert_eq!(mask_parenthesized("A (b (c)) d (e"), "A         d   ");
        assert_eq!(mask_parenthesized("Ä (ö) ü").len(), "Ä (ö) ü".len());
    }
}
