//! `typo`: misspelled words in prose, from a list of known misspellings and from corpus evidence.

use super::corpus::{Corpus, Stats, key};
use super::derivation::is_derived;
use super::neighbours::Neighbours;
use super::prior::{self, Correction, Strictness};
use super::words::MIN_UNKNOWN_CHARS;
use crate::checks::{Check, CheckMeta, Cx};
use crate::declare_check;
use crate::diagnostic::{Applicability, Fix};
use crate::model::{Handbook, Page};
use crate::policy::frequency::FREQUENT_FILE;
use crate::policy::vocabulary::Vocabulary;
use crate::span::Span;
use foldhash::HashMap;
use foldhash::HashMapExt;
use rayon::prelude::*;
use std::sync::Arc;

declare_check! {
    /// ## What it does
    /// Flags misspelled words in prose: paragraphs, headings, list items, table cells, link text and
    /// the front matter's `title` and `description`. Code, URLs, link targets, front-matter keys,
    /// HTML, ERB and shortcodes are never read. Acronyms in capitals (`SME`, `EMEA`), words with inner
    /// capitals (`GitLab`), words with digits, words with letters of another script than Latin
    /// (the word lists are English) and British spellings (`organise`) are never flagged.
    ///
    /// Findings, all precise rather than exhaustive:
    /// - a **known misspelling**: the word is in `rules/misspellings.txt`, or in `typos-dict` (tens of
    ///   thousands of real-world misspellings) and not in the English word list;
    /// - an **unknown word with corpus evidence**: the word is in neither the English word list nor
    ///   the vocabulary, appears at most twice in all the pages linted together, and a known word
    ///   with the same first letter, one edit away (two edits inside words of seven letters or
    ///   more), appears at least three times and three times as often, counting its inflections.
    ///   Forms built from known words (`onboarded`, `deprioritizing`, `storytell`) are never flagged
    ///   this way, and a word capitalized mid-sentence every time is taken for a name unless its
    ///   neighbour is capitalized too;
    /// - an **unknown word near common English**, even on a page linted alone: no word list knows it,
    ///   wordfreq's frequency list has never seen it (`rules/words/seen.txt`: seen words are names,
    ///   jargon and products), the pages use it at most four times, and a common English word
    ///   (`rules/words/frequent.txt`) with the same first letter is close: zipf 2 or more, one
    ///   edit away (two from seven letters, three from ten, and then with the same last letter),
    ///   and not merely another inflection of it. A word capitalised like a name (every time, twice
    ///   or once inside a sentence) needs a word of zipf 4 one edit away that does not just change
    ///   a letter (`Watir` is not `Water`); a form built from known words needs zipf 2.5 one edit
    ///   away;
    /// - of these two kinds, a word that one of the page's links to another page or site spells too
    ///   (`apdex` beside `…/metrics/#apdex-score`) is the writer's term, copied from a heading
    ///   there (an anchor of the page itself is no such evidence: it comes from its own heading);
    /// - a word the team's own **reject list** names (`[vocabulary] vale` or `cspell`).
    ///
    /// Role titles get one more kind (`title_words.rs`): a **real-word slip** such as "Direct, Widget
    /// Sales", "Senior Sails Representative" or "Vice Present of Widgets", in level titles, the page
    /// title, headings that name a role, reporting lines, grade sentences, grade-table rows and
    /// career-ladder graph nodes (never in prose, where "present" and "office" are right). The word
    /// is English but no other role title of the linted pages uses it, and it is one or two edits
    /// from a word the title needs: a ladder word (a seniority word opening the title, or the head a
    /// title has none of: `Director`, `President`, `Officer`…) or a word of the page's title, slug
    /// or other level titles. The fix is unsafe.
    /// ## Why is this bad?
    /// A job-family page is read by candidates and quoted in offers; a misspelling in a title or a
    /// requirement looks careless and makes the page harder to search.
    /// ## Example
    /// `The recruiter sends every candiate a written offer.`
    ///
    /// Use instead: `The recruiter sends every candidate a written offer.`
    /// ## Options
    /// Words the check should accept go in the vocabulary in `rolelint.toml` (`accept`, or the Vale
    /// vocabularies and cspell lists the team already keeps: `vale`, `cspell`); the shipped terms
    /// are in `rules/vocabulary.txt` and extra known misspellings in `rules/misspellings.txt`.
    /// ## Fix safety
    /// The fix replaces the word and keeps its case. It is safe for a known misspelling with a single
    /// correction; a correction guessed from the corpus or from word frequencies, or chosen among
    /// several, is unsafe (frequency guesses: nearest first, then the one the pages use most, then
    /// the commonest). Two corpus guesses equally close and equally used get no fix; a rejected
    /// word has none.
    pub struct Typo { id: "typo", family: Prose, severity: Error,
        summary: "a misspelled word in prose", fixable: true }
}

/// Most occurrences an unknown word may have across the linted pages and still be a misspelling.
const MAX_RARE: u32 = 2;
/// Most occurrences of an unknown word that is a finger slip (see [`is_common_slip`]) of a known one.
const MAX_RARE_SLIP: u32 = 4;
/// How many times more often the known word must occur than such a slip.
const SLIP_RATIO: u32 = 10;
/// Fewest occurrences that make a known word "used often" by the linted pages.
const MIN_FREQUENT: u32 = 3;
/// How many times more often the correction must occur than the unknown word.
const MIN_RATIO: u32 = 3;

impl Check for Typo {
    fn meta(&self) -> &'static CheckMeta {
        &Self::META
    }

    fn check_page(&self, page: &Page, cx: &mut Cx<'_>) {
        let vocabulary = &cx.policy.vocabulary;
        let tokens = cx.take_prose_tokens(page);
        // Counted into what earlier pages left: no page keeps its own table of words.
        let mut words = std::mem::take(&mut cx.carry().words);
        words.add_cut(page, &tokens, vocabulary);
        cx.carry().words = words;
        cx.keep_prose_tokens(tokens);
    }

    fn carries(&self) -> bool {
        true
    }

    fn check_handbook(&self, handbook: &Handbook, cx: &mut Cx<'_>) {
        // The runner gathers every page's counts into one table; a test may have counted into
        // this context as well.
        let counted: Vec<&Corpus> = cx
            .carried()
            .map(|c| &c.words.corpus)
            .filter(|c| !c.is_empty())
            .collect();
        let merged;
        let corpus = match counted.as_slice() {
            [one] => *one,
            _ => {
                let mut all = Corpus::default();
                for c in &counted {
                    all.merge((*c).clone());
                }
                merged = all;
                &merged
            }
        };
        let vocabulary = &cx.policy.vocabulary;
        let neighbours = Neighbours::find(corpus, vocabulary, MIN_FREQUENT);
        let judge = Judge {
            vocabulary,
            corpus,
            neighbours: &neighbours,
        };
        let candidates = || cx.carried().flat_map(|c| &c.words.candidates);
        // Each distinct word is judged once, in parallel (the judgement walks word lists and
        // corpus neighbours, and this check ends last); the findings keep the candidates' order.
        let mut slots: HashMap<String, usize> = HashMap::new();
        let mut distinct: Vec<&str> = Vec::new();
        let mut keys: Vec<Vec<Option<usize>>> = Vec::new();
        for (_, page) in candidates() {
            let mut page_keys = Vec::with_capacity(page.len());
            for candidate in page {
                if vocabulary.rejected_by(&candidate.word).is_some() {
                    page_keys.push(None);
                    continue;
                }
                let lower = key(&candidate.word);
                let slot = match slots.get(lower.as_ref()) {
                    Some(&slot) => slot,
                    None => {
                        let slot = slots.len();
                        slots.insert(lower.into_owned(), slot);
                        slot
                    }
                };
                page_keys.push(Some(slot));
            }
            keys.push(page_keys);
        }
        distinct.resize(slots.len(), "");
        for (word, &slot) in &slots {
            if let Some(at) = distinct.get_mut(slot) {
                *at = word;
            }
        }
        let verdicts: Vec<Option<Verdict>> = distinct.par_iter().map(|lower| judge.judge(lower)).collect();
        let mut found = Vec::new();
        for ((path, page), page_keys) in candidates().zip(&keys) {
            for (candidate, slot) in page.iter().zip(page_keys) {
                let Some(slot) = slot else {
                    if let Some(file) = vocabulary.rejected_by(&candidate.word) {
                        let verdict = Verdict::Rejected { file: file.to_owned() };
                        found.push((path.clone(), candidate.word.clone(), candidate.start, verdict));
                    }
                    continue;
                };
                let Some(verdict) = verdicts.get(*slot).and_then(Option::as_ref) else {
                    continue;
                };
                // A term the page also spells in a link to another page is the writer's, whatever
                // English or the pages' counts say.
                let copied =
                    candidate.in_link_target && matches!(verdict, Verdict::Prior { .. } | Verdict::Evidence { .. });
                if !copied {
                    found.push((path.clone(), candidate.word.clone(), candidate.start, verdict.clone()));
                }
            }
        }
        // Reported after the loop: the summaries are borrowed from `cx` while it runs.
        for (path, word, start, verdict) in found {
            report(&path, &word, start, &verdict, cx);
        }
        super::title_words::check(handbook, cx);
    }
}

/// Why a word is reported and what it should be (lowercase corrections, best first).
#[derive(Clone, Debug)]
enum Verdict {
    /// A known misspelling.
    Known(Vec<String>),
    /// An unknown, rare word near frequent known ones: `(word, count)` pairs, and the word's own count.
    Evidence { candidates: Vec<(String, u32)>, count: u32 },
    /// A word the team's own vocabulary (Vale or cspell) rejects, and the file that does.
    Rejected { file: String },
    /// An unknown word no frequency list has seen, near common English words (best first).
    Prior {
        corrections: Vec<Correction>,
        strictness: Strictness,
    },
}

struct Judge<'a> {
    vocabulary: &'a Vocabulary,
    corpus: &'a Corpus,
    neighbours: &'a Neighbours<'a>,
}

impl Judge<'_> {
    fn judge(&self, lower: &str) -> Option<Verdict> {
        if let Some(corrections) = self.vocabulary.corrections(lower) {
            let mut corrections: Vec<String> = corrections.into_iter().map(str::to_owned).collect();
            // Several corrections: the one these pages use most comes first.
            corrections.sort_by_key(|c| std::cmp::Reverse(self.corpus.stats(&key(c)).count));
            // None of them used here, but a frequent word is one edit away: that is likelier meant.
            if corrections.iter().all(|c| self.corpus.stats(&key(c)).count == 0)
                && let Some((near, _)) = self
                    .near_frequent(lower, Stats::default())
                    .into_iter()
                    .find(|(near, _)| strsim::osa_distance(lower, near) == 1)
            {
                corrections.retain(|c| *c != near);
                corrections.insert(0, near);
            }
            return Some(Verdict::Known(corrections));
        }
        self.evidence(lower).or_else(|| self.prior(lower))
    }

    /// The second opinion, from general English rather than the linted pages.
    fn prior(&self, lower: &str) -> Option<Verdict> {
        if lower.chars().count() < MIN_UNKNOWN_CHARS || self.vocabulary.is_known(lower) {
            return None;
        }
        let (strictness, corrections) = prior::guess(lower, self.corpus.stats(lower), self.vocabulary, self.corpus)?;
        Some(Verdict::Prior {
            corrections,
            strictness,
        })
    }

    fn evidence(&self, lower: &str) -> Option<Verdict> {
        if lower.chars().count() < MIN_UNKNOWN_CHARS || self.vocabulary.is_known(lower) {
            return None;
        }
        let own = self.corpus.stats(lower);
        if own.count > MAX_RARE_SLIP || is_derived(lower, self.vocabulary) {
            return None;
        }
        let mut candidates = self.near_frequent(lower, own);
        // Past the usual rarity only a finger slip next to a far more frequent word still counts.
        if own.count > MAX_RARE {
            candidates.retain(|(c, n)| *n >= SLIP_RATIO * own.count && is_common_slip(lower, c));
        }
        (!candidates.is_empty()).then_some(Verdict::Evidence {
            candidates,
            count: own.count,
        })
    }

    /// Known words near `lower` that the pages use often enough to be evidence, best first; only
    /// the best and those as close and about as frequent are kept.
    fn near_frequent(&self, lower: &str, own: Stats) -> Vec<(String, u32)> {
        // Written capitalized inside sentences every time: a name, unless the neighbour is one too.
        let looks_like_name = own.count > 0 && own.capitalized == own.count && own.capitalized_inside > 0;
        let mut candidates: Vec<(&str, (usize, bool), u32)> = self
            .neighbours
            .near(lower)
            .iter()
            .filter_map(|&(word, distance)| {
                let stats = self.corpus.stats(word);
                let used = self.corpus.family_count(word);
                let frequent = used >= MIN_FREQUENT && used >= MIN_RATIO * own.count;
                let rank = (distance, !is_common_slip(lower, word));
                (frequent && (!looks_like_name || stats.capitalized_inside > 0)).then_some((word, rank, used))
            })
            .collect();
        candidates.sort_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)).then(a.0.cmp(b.0)));
        let Some(&(_, best, top)) = candidates.first() else {
            return Vec::new();
        };
        candidates
            .into_iter()
            // Ties only count when the other word is used about as much.
            .filter(|c| c.1 == best && c.2 * 2 >= top)
            .map(|(w, _, n)| (w.to_owned(), n))
            .collect()
    }
}

/// True when `word` and `meant` differ by the slips fingers make most: two neighbouring letters
/// swapped (`stategy` is not one, `initaitives` is) or a doubled letter written once or thrice
/// (`Felow` → `Fellow`).
fn is_common_slip(word: &str, meant: &str) -> bool {
    let a: Vec<char> = word.chars().collect();
    let b: Vec<char> = meant.chars().collect();
    let swapped = a.len() == b.len() && {
        let diff: Vec<usize> = (0..a.len()).filter(|&i| a.get(i) != b.get(i)).collect();
        matches!(diff.as_slice(), [i, j] if *j == i + 1 && a.get(*i) == b.get(*j) && a.get(*j) == b.get(*i))
    };
    let (long, short) = if a.len() > b.len() { (&a, &b) } else { (&b, &a) };
    let doubled = long.len() == short.len() + 1
        && (0..long.len()).any(|i| {
            let mut rest = long.clone();
            let removed = rest.remove(i);
            rest == *short && (i > 0 && long.get(i - 1) == Some(&removed) || long.get(i + 1) == Some(&removed))
        });
    swapped || doubled
}

fn report(path: &Arc<str>, word: &str, start: usize, verdict: &Verdict, cx: &mut Cx<'_>) {
    let span = Span::new(start, start + word.len());
    if let Verdict::Rejected { file } = verdict {
        let message = format!("`{word}` is rejected by the team's vocabulary");
        let diagnostic = cx.report(&Typo::META, path, span, message);
        diagnostic.help = Some(format!(
            "`{file}` (named under `[vocabulary]` in rolelint.toml) rejects `{word}`; write the term the team prefers, \
             or take `{word}` off that list"
        ));
        diagnostic.key = word.to_lowercase();
        return;
    }
    let (suggestions, certain): (Vec<String>, bool) = match verdict {
        Verdict::Known(list) => (list.iter().map(|c| match_case(word, c)).collect(), list.len() == 1),
        Verdict::Evidence { candidates, .. } => (candidates.iter().map(|(c, _)| match_case(word, c)).collect(), false),
        Verdict::Prior { corrections, .. } => (corrections.iter().map(|c| match_case(word, &c.word)).collect(), false),
        // Reported above, without a correction.
        Verdict::Rejected { .. } => (Vec::new(), false),
    };
    let Some(first) = suggestions.first().cloned() else {
        return;
    };
    let listed = suggestions
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(" or ");
    let message = match verdict {
        Verdict::Known(_) => format!("`{word}` is a misspelling of {listed}"),
        Verdict::Evidence { .. } | Verdict::Prior { .. } | Verdict::Rejected { .. } => {
            format!("`{word}` looks like a misspelling of {listed}")
        }
    };
    let help = match verdict {
        Verdict::Known(_) => {
            format!("write `{first}`; if `{word}` is right here, add it to `[vocabulary] accept` in rolelint.toml")
        }
        Verdict::Evidence { candidates, count } => {
            let used = candidates.first().map_or(0, |c| c.1);
            let times = if *count == 1 { "once" } else { "twice" };
            format!(
                "`{first}` occurs {used} times in the linted pages, `{word}` only {times} and in no word list; \
                 if `{word}` is right, add it to `[vocabulary] accept` in rolelint.toml"
            )
        }
        Verdict::Prior {
            corrections,
            strictness,
        } => prior_help(word, &first, corrections, *strictness),
        Verdict::Rejected { .. } => String::new(),
    };
    let mut fix = Fix::replace(span, first.clone(), format!("replace `{word}` with `{first}`"));
    if !certain {
        fix.applicability = Applicability::Unsafe;
    }
    // Two corpus guesses equally close and equally backed: show both, apply neither.
    let ambiguous = matches!(verdict, Verdict::Evidence { .. }) && suggestions.len() > 1;
    let diagnostic = cx.report(&Typo::META, path, span, message);
    diagnostic.help = Some(help);
    diagnostic.key = word.to_lowercase();
    if !ambiguous {
        diagnostic.fix = Some(fix);
    }
}

/// Why a guess from general English was made: how common the correction is, and where that is listed.
fn prior_help(word: &str, first: &str, corrections: &[Correction], strictness: Strictness) -> String {
    let Some(best) = corrections.first() else {
        return String::new();
    };
    let edits = if best.distance == 1 {
        "one edit".to_owned()
    } else {
        format!("{} edits", best.distance)
    };
    let used = match best.used {
        0 => String::new(),
        n => format!(", used {n} times in the linted pages"),
    };
    let kind = match strictness {
        Strictness::Name => " (it is capitalised like a name, so only a very common word one edit away counts)",
        Strictness::Derived => " (it looks built from a known word, so only a common word one edit away counts)",
        Strictness::Plain => "",
    };
    format!(
        "`{first}` is a common English word (zipf {}.{} in `{}`, from wordfreq){used}, {edits} from `{word}`, \
         which no word list has seen{kind}; if `{word}` is right, add it to `[vocabulary] accept` in rolelint.toml",
        best.zipf / 10,
        best.zipf % 10,
        FREQUENT_FILE,
    )
}

/// `correction` written in the case of `original`: `EFFICENCY` → `EFFICIENCY`, `Efficency` → `Efficiency`.
pub(crate) fn match_case(original: &str, correction: &str) -> String {
    let letters = original.chars().filter(|c| c.is_alphabetic()).count();
    if letters > 1 && original.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) {
        return correction.to_uppercase();
    }
    let mut chars = correction.chars();
    match (original.chars().next(), chars.next()) {
        (Some(o), Some(c)) if o.is_uppercase() => c.to_uppercase().chain(chars).collect(),
        _ => correction.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corrections_keep_the_case_of_the_text() {
        assert_eq!(match_case("Efficency", "efficiency"), "Efficiency");
        assert_eq!(match_case("TEH", "the"), "THE");
        assert_eq!(match_case("stategy", "strategy"), "strategy");
    }

    #[test]
    fn common_slips_are_swaps_and_doubled_letters() {
        assert!(is_common_slip("felow", "fellow"));
        assert!(is_common_slip("initaitives", "initiatives"));
        assert!(is_common_slip("accesss", "access"));
        assert!(!is_common_slip("felow", "flow"));
        assert!(!is_common_slip("stategy", "strategy"));
    }
}
