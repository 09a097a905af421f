//! Template text left in a page: `{add …}` instructions, `{Title}` braces, `TBD`, `grade #`. The
//! tokens are data (`rules/placeholders.yaml`); the sentence parser asks here so that a placeholder
//! never counts as a manager, and the `placeholder` check reports each one.

use aho_corasick::AhoCorasick;
use serde::Deserialize;
use std::ops::Range;
use std::sync::LazyLock;

/// The data in `rules/placeholders.yaml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PlaceholderRules {
    /// Whole words, exact case.
    pub words: Vec<String>,
    /// Whole phrases, any case, not followed by a letter or digit.
    pub phrases: Vec<String>,
    /// First words of a `{…}` instruction, lowercase.
    pub instruction_words: Vec<String>,
}

/// `rules/placeholders.yaml`, embedded.
pub const PLACEHOLDERS_YAML: &str = include_str!("../../rules/placeholders.yaml");

/// The embedded rules, parsed once. A broken embedded file is a build defect caught by the unit
/// test below; at run time it degrades to no tokens rather than aborting.
pub static RULES: LazyLock<PlaceholderRules> =
    LazyLock::new(|| serde_saphyr::from_str(PLACEHOLDERS_YAML).unwrap_or_default());

/// What kind of template text was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A token from `words` or `phrases`.
    Token,
    /// A `{…}` instruction that was never carried out ("{add the role name}").
    Instruction,
    /// Braces left around text that was filled in ("{Senior Widget Analyst}").
    Braces,
}

/// One placeholder in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// What it is.
    pub kind: Kind,
    /// Where, in bytes of the text.
    pub range: Range<usize>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// True when `text` has no word character just before `start` nor just after `end`.
fn whole(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).and_then(|h| h.chars().next_back());
    let after = text.get(end..).and_then(|t| t.chars().next());
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}

/// Longest `{…}` looked at, in bytes.
const MAX_BRACES: usize = 400;

/// The `{…}` template texts of `text`. Hugo shortcodes (`{{< >}}`, `{{% %}}`), kramdown attribute
/// lists (`{:.no_toc}`), heading ids (`{#id}`), `${var}` and a lone `{x}` are not template text.
fn braces(text: &str, rules: &PlaceholderRules, out: &mut Vec<Hit>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(p) = text.get(i..).and_then(|t| t.find('{')) {
        let start = i + p;
        i = start + 1;
        let prev = start.checked_sub(1).and_then(|b| bytes.get(b)).copied();
        if matches!(prev, Some(b'{' | b'$' | b'%' | b'\\')) {
            continue;
        }
        let Some(inner) = text.get(start + 1..) else { break };
        if !inner.starts_with(|c: char| c.is_alphabetic()) {
            continue;
        }
        let Some(close) = inner.find(['}', '{']) else { break };
        if close > MAX_BRACES || inner.get(close..).is_some_and(|r| r.starts_with('{')) {
            continue;
        }
        let content = inner.get(..close).unwrap_or_default();
        let end = start + 1 + close + 1;
        if text.get(end..).is_some_and(|r| r.starts_with('}')) {
            continue;
        }
        let first = content.split(|c: char| !c.is_alphanumeric()).next().unwrap_or_default();
        let kind = if rules.instruction_words.iter().any(|w| w.eq_ignore_ascii_case(first)) {
            Kind::Instruction
        } else if first.starts_with(|c: char| c.is_uppercase()) {
            Kind::Braces
        } else if content.contains(' ') {
            Kind::Instruction
        } else {
            continue;
        };
        out.push(Hit {
            kind,
            range: start..end,
        });
        i = end;
    }
}

/// The embedded rules' searchers, built once: every prose run of every page is searched.
static SEARCH: LazyLock<Search> = LazyLock::new(|| Search::new(&RULES));

/// The `words` and `phrases` of some rules, each set searched in one pass over a text.
#[derive(Debug)]
pub struct Search<'r> {
    rules: &'r PlaceholderRules,
    /// The non-empty `words`, exact case.
    words: Option<AhoCorasick>,
    /// The non-empty `phrases`, lowercased; ASCII matched in any case.
    phrases: Option<AhoCorasick>,
    /// What an ASCII text must hold to hold any word or phrase (see [`screen`]): most texts take
    /// this one search instead of two.
    screen: Option<aho_corasick::packed::Searcher>,
}

/// A SIMD (Teddy) searcher for what every occurrence must hold: each word whole, and for each
/// lowercase phrase one window of three bytes in each of its ASCII case variants; the window is the
/// one with the fewest case variants, then the rarest letters (`e #` of `grade #`, ` ip` of
/// `lorem ipsum`). A text it finds nothing in holds no word nor phrase. It replaced a
/// case-insensitive automaton of words and phrases together, which found no prefilter and walked
/// every byte (callgrind, 2022 corpus: 26 M instructions against 10 M). `None` when the patterns
/// are too many for it.
fn screen(words: &[&str], phrases: &[String]) -> Option<aho_corasick::packed::Searcher> {
    let mut builder = aho_corasick::packed::Config::new()
        .match_kind(aho_corasick::packed::MatchKind::LeftmostFirst)
        .builder();
    for word in words {
        builder.add(word);
    }
    for phrase in phrases {
        for variant in case_variants(window(phrase.as_bytes())) {
            builder.add(variant);
        }
    }
    builder.build()
}

/// The window of up to three bytes of `phrase` a screen looks for (see [`screen`]).
fn window(phrase: &[u8]) -> &[u8] {
    // English letters, most frequent first: a letter later in the list is rarer.
    const BY_FREQUENCY: &[u8] = b"etaoinshrdlcumwfgypbvkjxqz";
    let rarity = |b: u8| match BY_FREQUENCY.iter().position(|&l| l == b.to_ascii_lowercase()) {
        Some(rank) => rank,
        None if b == b' ' => 0,
        None => BY_FREQUENCY.len(),
    };
    let letters = |w: &[u8]| w.iter().filter(|b| b.is_ascii_alphabetic()).count();
    phrase
        .windows(phrase.len().min(3))
        .min_by_key(|w| {
            (
                letters(w),
                std::cmp::Reverse(w.iter().map(|&b| rarity(b)).sum::<usize>()),
            )
        })
        .unwrap_or(phrase)
}

/// Every spelling of `bytes` with its ASCII letters in either case.
fn case_variants(bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut variants = vec![Vec::with_capacity(bytes.len())];
    for &b in bytes {
        if b.is_ascii_alphabetic() {
            let upper: Vec<Vec<u8>> = variants
                .iter()
                .map(|v| [v.as_slice(), &[b.to_ascii_uppercase()]].concat())
                .collect();
            for v in &mut variants {
                v.push(b.to_ascii_lowercase());
            }
            variants.extend(upper);
        } else {
            for v in &mut variants {
                v.push(b);
            }
        }
    }
    variants
}

impl<'r> Search<'r> {
    /// The searchers of `rules`; an automaton that cannot be built (none can, short of memory
    /// limits) finds nothing rather than aborting.
    pub fn new(rules: &'r PlaceholderRules) -> Self {
        let words: Vec<&str> = rules
            .words
            .iter()
            .map(String::as_str)
            .filter(|w| !w.is_empty())
            .collect();
        let phrases: Vec<String> = rules
            .phrases
            .iter()
            .map(|p| p.to_lowercase())
            .filter(|p| !p.is_empty())
            .collect();
        let mut insensitive = AhoCorasick::builder();
        insensitive.ascii_case_insensitive(true);
        Self {
            rules,
            words: AhoCorasick::new(&words).ok(),
            phrases: insensitive.build(&phrases).ok(),
            screen: screen(&words, &phrases),
        }
    }
}

/// Each pattern's occurrences as `str::match_indices` gives them (leftmost, not overlapping one
/// another; occurrences of different patterns may overlap), in order of their end.
fn occurrences(automaton: &AhoCorasick, haystack: &str) -> impl Iterator<Item = Range<usize>> {
    // Most texts hold no pattern: the plain search skips ahead with a prefilter, the overlapping
    // one walks every byte.
    let any = automaton.is_match(haystack);
    let mut next_free = vec![0; if any { automaton.patterns_len() } else { 0 }];
    let matches = any.then(|| automaton.find_overlapping_iter(haystack));
    matches.into_iter().flatten().filter_map(move |m| {
        let free = next_free.get_mut(m.pattern().as_usize())?;
        (m.start() >= *free).then(|| {
            *free = m.end();
            m.range()
        })
    })
}

/// Every placeholder in `text`, in order.
pub fn find(text: &str) -> Vec<Hit> {
    find_with(text, &SEARCH)
}

/// [`find`] with the given rules' searchers.
pub fn find_with(text: &str, search: &Search<'_>) -> Vec<Hit> {
    let mut out = Vec::new();
    if memchr::memchr(b'{', text.as_bytes()).is_some() {
        braces(text, search.rules, &mut out);
    }
    let ascii = text.is_ascii();
    if ascii && search.screen.as_ref().is_some_and(|screen| screen.find(text).is_none()) {
        // Braces are found in order and never overlap: nothing to sort.
        return out;
    }
    if let Some(words) = &search.words {
        for range in occurrences(words, text) {
            if whole(text, range.start, range.end) {
                out.push(Hit {
                    kind: Kind::Token,
                    range,
                });
            }
        }
    }
    if let Some(phrases) = &search.phrases {
        // The phrases are matched in the lowercased text. ASCII text is searched as it is (the
        // automaton ignores ASCII case); lowercasing may change lengths outside ASCII, and then
        // phrases are looked up in ASCII only.
        let lowered;
        let haystack = if ascii {
            text
        } else {
            let lower = text.to_lowercase();
            lowered = if lower.len() == text.len() {
                lower
            } else {
                text.to_ascii_lowercase()
            };
            lowered.as_str()
        };
        for range in occurrences(phrases, haystack) {
            if whole(text, range.start, range.end) && text.is_char_boundary(range.end) {
                out.push(Hit {
                    kind: Kind::Token,
                    range,
                });
            }
        }
    }
    out.sort_by_key(|h| (h.range.start, h.range.end));
    out.dedup_by(|b, a| b.range.start < a.range.end);
    out
}

/// True when `text` is nothing but placeholders (and punctuation or list markers).
pub fn only_placeholders(text: &str) -> bool {
    let hits = find(text);
    if hits.is_empty() {
        return false;
    }
    let mut rest = String::with_capacity(text.len());
    let mut at = 0;
    for h in &hits {
        rest.push_str(text.get(at..h.range.start).unwrap_or_default());
        rest.push(' ');
        at = h.range.end;
    }
    rest.push_str(text.get(at..).unwrap_or_default());
    !rest.chars().any(char::is_alphanumeric)
}

/// Compiles this module's patterns now (see [`crate::warm_up`]).
pub(crate) fn warm_up() {
    LazyLock::force(&SEARCH);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, &str)> {
        find(text).into_iter().map(|h| (h.kind, &text[h.range])).collect()
    }

    #[test]
    fn embedded_rules_validate_and_parse() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../../grammar/placeholders.schema.json")).unwrap();
        let data: serde_json::Value = serde_saphyr::from_str(PLACEHOLDERS_YAML).unwrap();
        let validator = jsonschema::validator_for(&schema).unwrap();
        assert!(
            validator.is_valid(&data),
            "rules/placeholders.yaml does not match its schema"
        );
        let rules: PlaceholderRules = serde_saphyr::from_str(PLACEHOLDERS_YAML).unwrap();
        assert!(rules.words.contains(&"TBD".to_owned()));
        // Unquoted, YAML would read `grade #` as `grade` and a comment.
        assert!(rules.phrases.contains(&"grade #".to_owned()));
        assert!(rules.instruction_words.contains(&"add".to_owned()));
    }

    #[test]
    fn template_text() {
        assert_eq!(
            kinds("The {add the role name} is a"),
            [(Kind::Instruction, "{add the role name}")]
        );
        assert_eq!(
            kinds("{Insert steps here.}"),
            [(Kind::Instruction, "{Insert steps here.}")]
        );
        assert_eq!(kinds("The {Widget Analyst} is a"), [(Kind::Braces, "{Widget Analyst}")]);
        assert_eq!(kinds("- TBD"), [(Kind::Token, "TBD")]);
        assert_eq!(kinds("is a grade #."), [(Kind::Token, "grade #")]);
        assert_eq!(kinds("Lorem Ipsum dolor"), [(Kind::Token, "Lorem Ipsum")]);
    }

    #[test]
    fn not_template_text() {
        for text in [
            "{{< ref \"x\" >}}",
            "{{% note %}}",
            "{:.no_toc}",
            "## Heading {#anchor}",
            "a ${var} and {x}",
            "is a grade #9",
            "tbd by the team, TBDs, XXXL, TODOs",
            "<%= partial \"x\" %>",
        ] {
            assert_eq!(kinds(text), [], "{text}");
        }
    }

    /// The token search before the automata: one substring search per word and per phrase.
    fn tokens_one_pattern_at_a_time(text: &str, rules: &PlaceholderRules) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        for w in &rules.words {
            for (at, _) in text.match_indices(w.as_str()) {
                if whole(text, at, at + w.len()) {
                    out.push(at..at + w.len());
                }
            }
        }
        let lower = text.to_lowercase();
        let haystack = if lower.len() == text.len() {
            lower
        } else {
            text.to_ascii_lowercase()
        };
        for phrase in &rules.phrases {
            let phrase = phrase.to_lowercase();
            for (at, _) in haystack.match_indices(phrase.as_str()) {
                if whole(text, at, at + phrase.len()) && text.is_char_boundary(at + phrase.len()) {
                    out.push(at..at + phrase.len());
                }
            }
        }
        out.sort_by_key(|r| (r.start, r.end));
        out.dedup_by(|b, a| b.start < a.end);
        out
    }

    fn tokens(text: &str, search: &Search<'_>) -> Vec<Range<usize>> {
        find_with(text, search)
            .into_iter()
            .filter(|h| h.kind == Kind::Token)
            .map(|h| h.range)
            .collect()
    }

    #[test]
    fn overlapping_and_self_overlapping_tokens_match_as_substring_search_does() {
        let rules = PlaceholderRules {
            words: vec!["XXX".into(), "XX".into(), "TBD".into(), "aXa".into()],
            phrases: vec!["grade #".into(), "Lorem Ipsum".into(), "a a".into()],
            instruction_words: Vec::new(),
        };
        let search = Search::new(&rules);
        for text in [
            "XXXX XXX XX aXaXa . aXa a a a Grade # GRADE #9 lorem ipsumx",
            "\u{212a}XXX \u{23a}\u{23a} grade # LOREM IPSUM",
            "\u{130} a a grade #",
        ] {
            assert_eq!(
                tokens(text, &search),
                tokens_one_pattern_at_a_time(text, &rules),
                "{text}"
            );
        }
    }

    #[test]
    fn a_phrase_is_screened_by_its_window_with_fewest_case_variants_and_rarest_letters() {
        assert_eq!(window(b"grade #"), b"e #");
        assert_eq!(window(b"lorem ipsum"), b" ip");
        assert_eq!(window(b"ab"), b"ab");
        assert!(SEARCH.screen.is_some(), "the shipped words and phrases fit a screen");
        assert_eq!(case_variants(b"a#b").len(), 4);
        assert!(case_variants(b"e #").contains(&b"E #".to_vec()));
    }

    #[test]
    fn regex_metacharacters_in_words_and_phrases_are_literal() {
        let rules = PlaceholderRules {
            words: vec!["Q+R".into()],
            phrases: vec!["c++ dev".into()],
            instruction_words: Vec::new(),
        };
        let search = Search::new(&rules);
        assert_eq!(tokens("see Q+R, C++ Dev", &search), [4..7, 9..16]);
        assert_eq!(tokens("see Q+R", &search), vec![Range { start: 4, end: 7 }]);
        assert!(tokens("see QQR, cc dev", &search).is_empty());
    }

    proptest::proptest! {
        #[test]
        fn the_automata_find_what_substring_search_finds(text in "(TBD|XXX|XX|X|grade #|GRADE|lorem|Ipsum|C\\+\\+ dev|c\\+\\+ DEV|cc dev|T.D|Q\\+R|[ #9a\u{212a}\u{130}\u{23a}é]){0,16}") {
            // Regex metacharacters (`+`, `.`) stand for themselves in words and phrases.
            let rules = PlaceholderRules {
                words: vec!["XXX".into(), "XX".into(), "TBD".into(), "T.D".into(), "Q+R".into()],
                phrases: vec!["grade #".into(), "lorem ipsum".into(), "a a".into(), "c++ dev".into()],
                instruction_words: Vec::new(),
            };
            let search = Search::new(&rules);
            proptest::prop_assert_eq!(tokens(&text, &search), tokens_one_pattern_at_a_time(&text, &rules));
            proptest::prop_assert_eq!(tokens(&text, &SEARCH), tokens_one_pattern_at_a_time(&text, &RULES));
        }
    }

    #[test]
    fn sections_of_placeholders_only() {
        assert!(only_placeholders("- TBD\n- TBD\n"));
        assert!(only_placeholders("{add 3-5 KPIs}"));
        assert!(!only_placeholders("To Be Defined (TBD)"));
        assert!(!only_placeholders("Widgets"));
    }
}
