//! Accepted words (company, product and HR terms) and known misspellings for the `typo` check.
//!
//! Three shipped lists, turned into tables at build time (`build.rs`, [`super::shipped`]):
//! `rules/words/en.txt` (an English word list, SCOWL via Debian's `wamerican-large` and
//! `wbritish-large`), `rules/vocabulary.txt` (terms of the trade) and `rules/misspellings.txt`
//! (misspellings `typos-dict` lacks or corrects differently). Configuration adds words and
//! misspellings on top; the shipped part is static, never copied.

use super::shipped;
use super::word_lists::WordLists;
use foldhash::{HashMap, HashSet};
use foldhash::{HashMapExt, HashSetExt};
use regex::Regex;
use std::fmt;

/// The corrections of a `wrong -> right[, right…]` entry: `right`, split at commas, blanks dropped.
pub(crate) fn corrections(right: &str) -> Vec<String> {
    right
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Words the typo check accepts, and misspellings it knows.
///
/// Lookups take a lowercase word; [`Vocabulary::is_known`] and [`Vocabulary::corrections`] accept any case.
#[derive(Clone)]
pub struct Vocabulary {
    extra_terms: HashSet<String>,
    extra_misspellings: HashMap<String, Vec<String>>,
    /// Whole-word patterns of accepted words (Vale vocabularies).
    accept_patterns: Vec<Regex>,
    /// Lowercase rejected word → the file that rejects it.
    rejected: HashMap<String, String>,
    /// Whole-word patterns of rejected words, with their file.
    reject_patterns: Vec<(Regex, String)>,
}

impl Vocabulary {
    /// Everything shipped under `rules/`: the English word list, the terms and the misspellings.
    pub fn embedded() -> Vocabulary {
        Vocabulary {
            extra_terms: HashSet::new(),
            extra_misspellings: HashMap::new(),
            accept_patterns: Vec::new(),
            rejected: HashMap::new(),
            reject_patterns: Vec::new(),
        }
    }

    /// Adds a team's own vocabulary (a Vale vocabulary or cspell list): its accepted words and
    /// patterns, its rejected ones and its misspellings.
    pub fn add_lists(&mut self, lists: WordLists) {
        self.add_words(lists.accept);
        self.accept_patterns.extend(lists.accept_patterns);
        for (word, file) in lists.reject {
            self.rejected.entry(word).or_insert(file);
        }
        self.reject_patterns.extend(lists.reject_patterns);
        self.add_misspellings(lists.misspellings);
    }

    /// The file that rejects the word as written (`[vocabulary] vale` or `cspell`), if any.
    pub fn rejected_by(&self, word: &str) -> Option<&str> {
        if self.rejected.is_empty() && self.reject_patterns.is_empty() {
            return None;
        }
        let lower = lowercase(word);
        if let Some(file) = self.rejected.get(lower.as_ref()) {
            return Some(file);
        }
        self.reject_patterns
            .iter()
            .find(|(pattern, _)| pattern.is_match(word))
            .map(|(_, file)| file.as_str())
    }

    /// True when a team list rejects some words (checking then costs a lookup per word).
    pub fn has_rejections(&self) -> bool {
        !self.rejected.is_empty() || !self.reject_patterns.is_empty()
    }

    /// Adds accepted words (from configuration); they are never reported, whatever the lists say.
    pub fn add_words(&mut self, words: impl IntoIterator<Item = String>) {
        self.extra_terms.extend(
            words
                .into_iter()
                .map(|w| w.trim().to_lowercase())
                .filter(|w| !w.is_empty()),
        );
    }

    /// Adds known misspellings with their corrections (from configuration); they win over the shipped ones.
    pub fn add_misspellings(&mut self, entries: impl IntoIterator<Item = (String, Vec<String>)>) {
        for (wrong, right) in entries {
            let wrong = wrong.trim().to_lowercase();
            if !wrong.is_empty() && !right.is_empty() {
                self.extra_misspellings.insert(wrong, right);
            }
        }
    }

    /// True when the lowercase `word` is in the English word list.
    pub fn is_english(&self, word: &str) -> bool {
        shipped::is_english(word)
    }

    /// True when the lowercase `word` is a term of the vocabulary (shipped or configured).
    pub fn is_term(&self, word: &str) -> bool {
        self.is_configured_term(word) || shipped::is_term(word)
    }

    /// True when the configuration accepts the lowercase `word` (a listed word or a pattern).
    fn is_configured_term(&self, word: &str) -> bool {
        self.extra_terms.contains(word) || self.accept_patterns.iter().any(|p| p.is_match(word))
    }

    /// True when `word` (any case) is an English word or a vocabulary term.
    pub fn is_known(&self, word: &str) -> bool {
        let lower = lowercase(word);
        self.is_english(&lower) || self.is_term(&lower)
    }

    /// The corrections of `word` (any case) when it is a known misspelling, lowercase, best first.
    ///
    /// Configured misspellings come first, then `rules/misspellings.txt`, then `typos-dict`. A word the
    /// vocabulary accepts is never a misspelling, nor is a word of the English word list (British
    /// spellings included) unless the configuration or `rules/misspellings.txt` names it.
    pub fn corrections(&self, word: &str) -> Option<Vec<&str>> {
        match self.standing(word) {
            Standing::Misspelled(Corrections::Configured(list)) => Some(list.iter().map(String::as_str).collect()),
            Standing::Misspelled(Corrections::Listed(list)) => Some(list.to_vec()),
            Standing::Term | Standing::English | Standing::Unknown => None,
        }
    }

    /// True when `word` (any case) needs the typo check's judgement: it is a known misspelling, or
    /// it is `long_enough` to judge and no word list knows it. The same answer as
    /// `corrections(word).is_some() || long_enough && !is_known(word)` in one pass over the lists:
    /// the spelling check asks it of every word it has not seen yet.
    pub fn needs_judging(&self, word: &str, long_enough: bool) -> bool {
        match self.standing(word) {
            Standing::Misspelled(_) => true,
            Standing::Unknown => long_enough,
            Standing::Term | Standing::English => false,
        }
    }

    /// What the lists say of `word` (any case), asked in the order that decides between them:
    /// configured terms and patterns, shipped terms, configured misspellings, then the shipped
    /// misspellings, the English word list and `typos-dict` ([`shipped_standing`]).
    fn standing(&self, word: &str) -> Standing<'_> {
        let lower = lowercase(word);
        if self.is_configured_term(&lower) {
            return Standing::Term;
        }
        let shipped = shipped_standing(&lower);
        if !matches!(shipped, Shipped::Term)
            && let Some(list) = self.extra_misspellings.get(lower.as_ref())
        {
            return Standing::Misspelled(Corrections::Configured(list));
        }
        match shipped {
            Shipped::Term => Standing::Term,
            Shipped::Misspelled(list) => Standing::Misspelled(Corrections::Listed(list)),
            Shipped::English => Standing::English,
            Shipped::Unknown => Standing::Unknown,
        }
    }

    /// Number of words in the English word list.
    pub fn english_len(&self) -> usize {
        shipped::english_len()
    }

    /// Number of vocabulary terms (shipped and configured).
    pub fn terms_len(&self) -> usize {
        shipped::TERMS.len() + self.extra_terms.len()
    }
}

/// What the vocabulary's lists say of a word.
enum Standing<'v> {
    /// A term of the vocabulary: never a misspelling.
    Term,
    /// A known misspelling.
    Misspelled(Corrections<'v>),
    /// A word of the English word list that no misspelling list names.
    English,
    /// A word no list knows.
    Unknown,
}

/// What the shipped lists alone say of a lowercase word.
#[derive(Clone, Copy, Debug)]
enum Shipped {
    /// A term of `rules/vocabulary.txt`.
    Term,
    /// A misspelling of `rules/misspellings.txt` or `typos-dict` that the word list does not overrule.
    Misspelled(&'static [&'static str]),
    /// A word of the English word list.
    English,
    /// A word no shipped list knows.
    Unknown,
}

/// Most words a thread has asked the shipped lists about before it forgets them all (bounds a
/// language server's memory; a run over 10,900 pages meets about 7,000 distinct words).
const REMEMBERED_WORDS: usize = 1 << 17;

thread_local! {
    /// What each thread learnt of the shipped lists. They are fixed at build time, so an answer
    /// holds for every policy and every run; the per-page pass's accumulators (16 whatever the
    /// tree) each asked again about every word they met, in tables large enough to miss the cache.
    static SHIPPED: std::cell::RefCell<HashMap<Box<str>, Shipped>> = std::cell::RefCell::new(HashMap::new());
}

/// What the shipped lists say of the lowercase `lower`, remembered by the calling thread.
fn shipped_standing(lower: &str) -> Shipped {
    SHIPPED.with(|memo| {
        let mut memo = memo.borrow_mut();
        if let Some(&known) = memo.get(lower) {
            return known;
        }
        let found = ask_shipped(lower);
        if memo.len() >= REMEMBERED_WORDS {
            memo.clear();
        }
        memo.insert(Box::from(lower), found);
        found
    })
}

/// [`shipped_standing`] without the memory: the shipped lists in the order that decides between them.
fn ask_shipped(lower: &str) -> Shipped {
    if shipped::is_term(lower) {
        return Shipped::Term;
    }
    if let Some(list) = shipped::misspelling(lower) {
        return Shipped::Misspelled(list);
    }
    // typos-dict lists some real words (`combatting`, `refocussed`, `leafs`): the word list wins.
    if shipped::is_english(lower) {
        return Shipped::English;
    }
    match typos_dict::WORD
        .find(&unicase::UniCase::new(lower))
        .filter(|list| !list.is_empty())
    {
        Some(list) => Shipped::Misspelled(list),
        None => Shipped::Unknown,
    }
}

/// The corrections of a known misspelling, where they are listed.
enum Corrections<'v> {
    /// In the configuration.
    Configured(&'v [String]),
    /// In `rules/misspellings.txt` or `typos-dict`.
    Listed(&'static [&'static str]),
}

/// `word` lowercased, borrowed when it already is.
fn lowercase(word: &str) -> std::borrow::Cow<'_, str> {
    if word.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(word.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

impl Default for Vocabulary {
    /// The shipped vocabulary: a policy without configuration still knows English and the shipped terms.
    fn default() -> Self {
        Vocabulary::embedded()
    }
}

impl fmt::Debug for Vocabulary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Vocabulary")
            .field("english", &self.english_len())
            .field("terms", &self.terms_len())
            .field(
                "misspellings",
                &(shipped::MISSPELLINGS.len() + self.extra_misspellings.len()),
            )
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_english_both_spellings_and_terms() {
        let v = Vocabulary::embedded();
        for word in ["organise", "organize", "colour", "behaviour", "programme", "efficiency"] {
            assert!(v.is_known(word), "{word}");
        }
        assert!(v.is_known("Kubernetes"));
        assert!(!v.is_known("efficency"));
    }

    proptest::proptest! {
        #[test]
        fn needs_judging_is_corrections_or_unknown_and_long(
            word in "(Efficency|efficiency|fullfilment|Kubernetes|combatting|teh|wrokflow|Wrokflow|colour|[a-zA-Zé]{1,7})",
            long_enough in proptest::bool::ANY,
        ) {
            let shipped = Vocabulary::embedded();
            let mut configured = Vocabulary::embedded();
            configured.add_words(["efficency".to_owned()]);
            configured.add_misspellings([("wrokflow".to_owned(), vec!["workflow".to_owned()])]);
            for v in [&shipped, &configured] {
                let plain = v.corrections(&word).is_some() || long_enough && !v.is_known(&word);
                proptest::prop_assert_eq!(v.needs_judging(&word, long_enough), plain);
            }
        }
    }

    #[test]
    fn corrections_come_from_every_layer_and_config_wins() {
        let mut v = Vocabulary::embedded();
        assert_eq!(v.corrections("Efficency"), Some(vec!["efficiency"]));
        assert_eq!(v.corrections("fullfilment"), Some(vec!["fulfillment"]));
        assert_eq!(v.corrections("efficiency"), None);
        v.add_words(["Efficency".to_owned()]);
        assert_eq!(v.corrections("Efficency"), None);
        v.add_misspellings([("wrokflow".to_owned(), vec!["workflow".to_owned()])]);
        assert_eq!(v.corrections("Wrokflow"), Some(vec!["workflow"]));
    }

    /// A thread remembers only what the shipped lists say: one policy's configured words and
    /// misspellings never answer for another's on the same thread (a language server's pool
    /// threads serve every reload), and remembered answers equal the lists' own.
    #[test]
    fn remembered_answers_are_the_shipped_lists_and_never_a_configurations() {
        let words = [
            "efficency",
            "Efficency",
            "combatting",
            "teh",
            "kubernetes",
            "zzqx",
            "colour",
            "wrokflow",
        ];
        let fresh = |v: &Vocabulary| -> Vec<(Option<Vec<String>>, bool)> {
            words
                .iter()
                .map(|w| {
                    let corrections = v.corrections(w).map(|c| c.into_iter().map(str::to_owned).collect());
                    (corrections, v.is_known(w))
                })
                .collect()
        };
        let shipped = Vocabulary::embedded();
        let before = fresh(&shipped);
        let mut configured = Vocabulary::embedded();
        configured.add_words(["efficency".to_owned(), "zzqx".to_owned()]);
        configured.add_misspellings([
            ("colour".to_owned(), vec!["color".to_owned()]),
            ("wrokflow".to_owned(), vec!["workflow".to_owned()]),
        ]);
        assert_eq!(configured.corrections("Efficency"), None);
        assert!(configured.is_known("zzqx"));
        assert_eq!(configured.corrections("colour"), Some(vec!["color"]));
        assert_eq!(configured.corrections("wrokflow"), Some(vec!["workflow"]));
        // Asked again on this thread, after the configured vocabulary: the shipped answers.
        assert_eq!(fresh(&shipped), before);
        assert_eq!(shipped.corrections("efficency"), Some(vec!["efficiency"]));
        assert!(!shipped.is_known("zzqx"));
        assert_eq!(shipped.corrections("colour"), None);
        for word in words {
            let lower = word.to_lowercase();
            let remembered = shipped_standing(&lower);
            let asked = ask_shipped(&lower);
            assert_eq!(format!("{remembered:?}"), format!("{asked:?}"), "{word}");
        }
    }

    #[test]
    fn english_words_listed_by_typos_dict_are_not_misspellings() {
        let v = Vocabulary::embedded();
        for word in ["combatting", "refocussed", "uncatalogued", "leafs", "calenders"] {
            assert!(v.is_english(word), "{word}");
            assert_eq!(v.corrections(word), None, "{word}");
        }
        assert_eq!(v.corrections("payed"), Some(vec!["paid"]));
    }

    #[test]
    fn shipped_misspellings_are_not_terms_and_their_corrections_are_known() {
        let v = Vocabulary::embedded();
        for (wrong, right) in shipped::MISSPELLINGS {
            assert!(!v.is_term(wrong), "{wrong} is a vocabulary term");
            for r in *right {
                assert!(v.is_known(r), "{wrong} -> {r}: the correction is unknown");
            }
        }
        assert!(shipped::TERMS.len() > 300);
        assert!(v.english_len() > 100_000);
    }

    // The files of rules/, read the way rolelint read them at every start before build.rs made
    // tables of them: the generated tables must hold exactly this.
    const WORDS: &str = include_str!("../../rules/words/en.txt");
    const TERMS: &str = include_str!("../../rules/vocabulary.txt");
    const MISSPELLINGS: &str = include_str!("../../rules/misspellings.txt");

    fn parse_terms(text: &str) -> impl Iterator<Item = String> + '_ {
        text.lines()
            .map(|line| line.split('#').next().unwrap_or_default().trim())
            .filter(|line| !line.is_empty())
            .map(str::to_lowercase)
    }

    fn parse_misspellings(text: &str) -> impl Iterator<Item = (String, Vec<String>)> + '_ {
        text.lines()
            .map(|line| line.split('#').next().unwrap_or_default().trim())
            .filter_map(|line| {
                let (wrong, right) = line.split_once("->")?;
                let corrections = corrections(right);
                let wrong = wrong.trim().to_lowercase();
                (!wrong.is_empty() && !corrections.is_empty()).then_some((wrong, corrections))
            })
    }

    #[test]
    fn generated_english_table_matches_rules_words_en_txt() {
        let mut words: Vec<&str> = WORDS.lines().map(str::trim).filter(|w| !w.is_empty()).collect();
        words.sort_unstable();
        words.dedup();
        let generated: Vec<&str> = (0..shipped::english_len()).map(shipped::english_word).collect();
        assert_eq!(generated.len(), words.len());
        assert!(
            generated == words,
            "the generated English table differs from rules/words/en.txt"
        );
        let v = Vocabulary::embedded();
        assert!(words.iter().all(|w| v.is_english(w)));
        // The hash table finds no word it was not built with: every word with a byte added or its
        // last byte dropped (where that is not a listed word too).
        let listed: HashSet<&str> = words.iter().copied().collect();
        for w in words.iter().step_by(7) {
            let longer = format!("{w}\u{1}");
            assert!(!v.is_english(&longer), "{longer:?}");
            let shorter = w.get(..w.len() - 1).unwrap_or_default();
            assert_eq!(v.is_english(shorter), listed.contains(shorter), "{shorter:?}");
        }
    }

    #[test]
    fn generated_terms_and_misspellings_match_rules() {
        let terms: HashSet<String> = parse_terms(TERMS).collect();
        let generated: HashSet<String> = shipped::TERMS.iter().map(|t| (*t).to_owned()).collect();
        assert_eq!(generated, terms);
        assert_eq!(shipped::TERMS.len(), terms.len(), "a term is listed twice");
        assert!(shipped::TERMS.is_sorted());
        assert!(shipped::TERMS.iter().all(|t| shipped::is_term(t)));
        assert!(shipped::TERMS.iter().all(|t| !shipped::is_term(&format!("{t}\u{1}"))));

        let misspellings: HashMap<String, Vec<String>> = parse_misspellings(MISSPELLINGS).collect();
        let generated: HashMap<String, Vec<String>> = shipped::MISSPELLINGS
            .iter()
            .map(|(wrong, right)| ((*wrong).to_owned(), right.iter().map(|r| (*r).to_owned()).collect()))
            .collect();
        assert_eq!(generated, misspellings);
        assert_eq!(shipped::MISSPELLINGS.len(), misspellings.len());
        assert!(shipped::MISSPELLINGS.is_sorted_by_key(|(wrong, _)| *wrong));
        assert!(
            shipped::MISSPELLINGS
                .iter()
                .all(|(wrong, _)| shipped::misspelling(&format!("{wrong}\u{1}")).is_none())
        );
        for (wrong, right) in &misspellings {
            let right: Vec<&str> = right.iter().map(String::as_str).collect();
            assert_eq!(Vocabulary::embedded().corrections(wrong), Some(right), "{wrong}");
        }
    }
}
