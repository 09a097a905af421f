//! The check runner: per-page checks in parallel (rayon), then corpus-wide checks, then one pass
//! that applies each file's policy (severity, select/ignore, overrides, `--select`/`--ignore`)
//! and its suppression comments.

use super::declarative::run_rules;
use super::meta::ParseError;
use super::registry::{self, CHECKS};
use super::{Carried, Cx, Family};
use crate::diagnostic::suppress::{self, RuleIndex};
use crate::diagnostic::{self, Diagnostic, Severity};
use crate::model::{Handbook, Page};
use crate::policy::schema::did_you_mean;
use crate::policy::{Policy, Selection};
use foldhash::HashMap;
use foldhash::HashMapExt;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What the runner needs.
pub struct Input<'a> {
    /// Every page.
    pub handbook: &'a Handbook,
    /// The policy of each page, in the order of `handbook.pages`.
    pub policies: &'a [Arc<Policy>],
    /// The policy corpus-wide checks read (the working directory's, or `--config`).
    pub root: &'a Policy,
    /// `--select` / `--ignore`.
    pub selection: &'a Selection,
}

/// What a run of the checks produced.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The findings to report, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// Counters the checks kept (e.g. `broken-link.unverifiable`), by name.
    pub counters: std::collections::BTreeMap<&'static str, u64>,
    /// The counters the checks kept per page (a part of `counters`).
    pub page_counters: super::PageCounters,
}

/// What the per-page pass leaves for the corpus-wide pass: the findings of the pages checked and
/// their summaries, folded together (one per rayon task, then joined in page order).
#[derive(Debug, Default)]
pub struct Checked {
    /// The findings of the per-page checks (not yet configured or suppressed).
    pub diagnostics: Vec<Diagnostic>,
    /// What the per-page checks left for the corpus-wide ones.
    pub carried: Carried,
}

impl Checked {
    /// Runs the per-page checks and declarative rules that `policy` enables on `page`, and turns
    /// its parse problems into findings.
    pub fn check(&mut self, page: &Page, policy: &Policy, selection: &Selection) {
        let carried = std::mem::take(&mut self.carried);
        let (found, carried) = check_page(page, policy, selection, carried, Findings::Kept);
        self.diagnostics.extend(found);
        self.carried = carried;
    }

    /// Runs on `page` only the per-page checks whose summaries the corpus-wide checks read
    /// ([`super::Check::carries`]): a context page's own findings are never reported, and the
    /// others' work on it was thrown away (about a third of a page's per-page work).
    pub fn carry(&mut self, page: &Page, policy: &Policy, selection: &Selection) {
        let carried = std::mem::take(&mut self.carried);
        let (_, carried) = check_page(page, policy, selection, carried, Findings::Dropped);
        self.carried = carried;
    }

    /// Adds what the per-page pass found on pages that come after these.
    pub fn append(&mut self, other: Checked) {
        self.diagnostics.extend(other.diagnostics);
        self.carried.extend(other.carried);
    }
}

/// The most pieces the per-page pass folds its pages in.
///
/// Each piece starts an empty accumulator that the pages' checks fill and that is then merged into
/// the others; rayon's adaptive split made about 16 on 2 threads at any tree size, and each one
/// rebuilt the `typo` word table and its word-list answers for the words its pages share with the
/// others' (x1, callgrind, one build: 16 pieces 550 M instructions, 4 pieces 530 M, 2 pieces 521 M;
/// 8 pieces took the committed build from 546 M to 535 M). Fewer than 8 leave a thread idle at the
/// end when a piece runs long (4 pieces: x100 +2 % wall).
const FOLD_PIECES: usize = 8;

/// The fewest pages a piece of the per-page pass holds when `pages` are checked (see [`FOLD_PIECES`]).
pub(crate) fn fold_piece_len(pages: usize) -> usize {
    pages.div_ceil(FOLD_PIECES).max(1)
}

/// Runs every check and returns the findings to report, sorted, with the checks' counters.
pub fn run(input: &Input<'_>) -> Outcome {
    let checked = input
        .handbook
        .pages
        .par_iter()
        .zip(input.policies.par_iter())
        .with_min_len(fold_piece_len(input.handbook.pages.len()))
        .fold(Checked::default, |mut checked, (page, policy)| {
            checked.check(page, policy, input.selection);
            checked
        })
        .reduce(Checked::default, |mut a, b| {
            a.append(b);
            a
        });
    run_corpus_wide(input, checked)
}

/// Runs the corpus-wide checks over the handbook, given what the per-page pass found
/// ([`Checked`]), and returns every finding to report, sorted, with the checks' counters.
pub fn run_corpus_wide(input: &Input<'_>, checked: Checked) -> Outcome {
    let Checked {
        diagnostics: found,
        carried: gathered,
    } = checked;
    let pages = &input.handbook.pages;
    // One task per check: the corpus-wide checks are independent of each other.
    let corpus_wide: Vec<_> = CHECKS
        .par_iter()
        .map(|check| {
            let mut cx = Cx::with_gathered(input.root, &gathered);
            check.check_handbook(input.handbook, &mut cx);
            let page_counters = cx.take_page_counters();
            let (diagnostics, counters, _) = cx.into_parts();
            (diagnostics, counters, page_counters)
        })
        .collect();
    drop(gathered);
    let mut counters = std::collections::BTreeMap::new();
    let mut page_counters = super::PageCounters::new();
    let mut later = Vec::with_capacity(corpus_wide.len());
    for (diagnostics, counted, per_page) in corpus_wide {
        later.push(diagnostics);
        super::add_page_counters(&mut page_counters, per_page);
        for (name, n) in counted {
            *counters.entry(name).or_default() += n;
        }
    }

    // The findings are regrouped by page where a run's memory peaks: each page's list is made at
    // its exact size, and the findings move into them without first being gathered in one list.
    let mut sizes: HashMap<Arc<str>, usize> = HashMap::new();
    for d in found.iter().chain(later.iter().flatten()) {
        *sizes.entry(d.path.clone()).or_default() += 1;
    }
    let mut by_path: HashMap<Arc<str>, Vec<Diagnostic>> = sizes
        .into_iter()
        .map(|(path, size)| (path, Vec::with_capacity(size)))
        .collect();
    for d in found.into_iter().chain(later.into_iter().flatten()) {
        by_path.entry(d.path.clone()).or_default().push(d);
    }
    let mut per_page: Vec<(usize, Vec<Diagnostic>)> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| (i, by_path.remove(&p.path).unwrap_or_default()))
        .collect();
    per_page.extend(by_path.into_values().map(|d| (usize::MAX, d)));
    let texts = PolicyTexts::default();
    // Each page's findings are finished and sorted on their own, in parallel; ordered by their
    // path, the groups then join in the order `diagnostic::sort` gives, without sorting (and
    // holding) every finding at once.
    let mut groups: Vec<Vec<Diagnostic>> = per_page
        .into_par_iter()
        .map(|(i, diags)| {
            let page = pages.get(i);
            let policy = input.policies.get(i).map_or(input.root, |p| p.as_ref());
            let mut finished = finish(page, policy, input.selection, &texts, diags);
            diagnostic::sort(&mut finished);
            finished
        })
        .collect();
    fn path(group: &[Diagnostic]) -> Option<&str> {
        group.first().map(|d| &*d.path)
    }
    groups.sort_by(|a, b| path(a).cmp(&path(b)));
    let mut out: Vec<Diagnostic> = Vec::with_capacity(groups.iter().map(Vec::len).sum());
    for group in groups {
        out.extend(group);
    }
    // A group is one path's findings, so this holds; were it ever not to, the order still would.
    if !out.is_sorted_by(|a, b| a.sort_key() <= b.sort_key()) {
        diagnostic::sort(&mut out);
    }
    Outcome {
        diagnostics: out,
        counters,
        page_counters,
    }
}

fn absolute(path: &str) -> PathBuf {
    crate::read::absolute_unresolved(std::path::Path::new(path))
}

thread_local! {
    /// The prose-token lists of the last page this thread checked, lent to the next: a page's
    /// tokens grew a fresh list from empty (ten reallocations and copies a page).
    static PROSE_TOKENS: std::cell::Cell<super::prose::ProseTokens> = std::cell::Cell::default();
}

/// Whether a page's findings are reported, or only what its checks carry is wanted.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Findings {
    Kept,
    Dropped,
}

fn check_page(
    page: &Page,
    policy: &Policy,
    selection: &Selection,
    carried: Carried,
    findings: Findings,
) -> (Vec<Diagnostic>, Carried) {
    let file = absolute(&page.path);
    let runs = |id: &str, family: Family, default: Severity| {
        policy
            .effective_severity(id, family, default, &file, selection)
            .is_some()
    };
    let mut cx = Cx::carrying(policy, carried);
    cx.prose_tokens = PROSE_TOKENS.take();
    for check in CHECKS {
        let m = check.meta();
        if (findings == Findings::Kept || check.carries()) && runs(m.id, m.family, m.default_severity) {
            check.check_page(page, &mut cx);
        }
    }
    PROSE_TOKENS.set(std::mem::take(&mut cx.prose_tokens));
    let (mut out, _, carried) = cx.into_parts();
    if findings == Findings::Dropped {
        return (Vec::new(), carried);
    }
    let rules: Vec<_> = policy
        .rules
        .iter()
        .filter(|r| runs(&r.id, Family::Declarative, r.severity))
        .cloned()
        .collect();
    run_rules(page, &rules, &mut out);
    for p in &page.problems {
        let mut d = Diagnostic::new(
            ParseError::META.id,
            ParseError::META.default_severity,
            page.path.clone(),
            p.span,
            format!("{}: {}", p.code, p.message),
        )
        .with_key(p.code);
        if let Some(help) = &p.help {
            d = d.with_help(help.clone());
        }
        out.push(d);
    }
    (out, carried)
}

/// The family of rule `id` under `policy`.
fn family_of(policy: &Policy, id: &str) -> Option<Family> {
    registry::find(id)
        .map(|c| c.meta().family)
        .or_else(|| policy.rule(id).map(|_| Family::Declarative))
}

/// Applies configuration, then suppressions, then configuration to the meta findings.
fn finish(
    page: Option<&Page>,
    policy: &Policy,
    selection: &Selection,
    texts: &PolicyTexts,
    diags: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let path = page
        .map(|p| p.path.clone())
        .or_else(|| diags.first().map(|d| d.path.clone()))
        .unwrap_or_else(|| Arc::from(""));
    let file = absolute(&path);
    let configure = |mut d: Diagnostic| -> Option<Diagnostic> {
        let family = family_of(policy, &d.rule).unwrap_or(Family::Meta);
        d.severity = policy.effective_severity(&d.rule, family, d.severity, &file, selection)?;
        if d.policy.is_none() {
            d.policy = Some(texts.get(policy, &d.rule));
        }
        Some(d)
    };
    let kept: Vec<Diagnostic> = diags.into_iter().filter_map(configure).collect();
    let Some(page) = page else {
        return kept;
    };
    let index = PageRules {
        policy,
        file: &file,
        selection,
    };
    let (mut after, meta) = suppress::apply(&page.path, &page.source, &page.directives, kept, &index);
    after.extend(meta.into_iter().filter_map(configure));
    after
}

/// Where the policy behind a built-in check's finding lives: the check itself (its explanation is
/// `rolelint rule ID`) and the files that configure it.
fn policy_source(policy: &Policy, rule: &str) -> String {
    let mut files = vec!["rules/checks.yaml (embedded)".to_owned()];
    files.extend(policy.config_files.iter().cloned());
    format!(
        "built-in check `{rule}` (`rolelint rule {rule}`), configured by {}",
        files.join(", ")
    )
}

/// The [`policy_source`] of the findings of one run, made once per policy and rule and shared:
/// tens of thousands of findings name a handful of them.
#[derive(Default)]
struct PolicyTexts(std::sync::Mutex<HashMap<PolicyRule, Arc<str>>>);

/// A policy (by address) and a rule id.
type PolicyRule = (usize, Arc<str>);

impl PolicyTexts {
    /// The policy text of a finding of `rule` under `policy` (which outlives the run's findings,
    /// so its address names it).
    fn get(&self, policy: &Policy, rule: &Arc<str>) -> Arc<str> {
        let key = (std::ptr::from_ref(policy).addr(), rule.clone());
        let Ok(mut known) = self.0.lock() else {
            return Arc::from(policy_source(policy, rule));
        };
        known
            .entry(key)
            .or_insert_with(|| Arc::from(policy_source(policy, rule)))
            .clone()
    }
}

/// What suppression asks about rules, answered for one page's policy.
struct PageRules<'a> {
    policy: &'a Policy,
    file: &'a Path,
    selection: &'a Selection,
}

impl PageRules<'_> {
    fn known(&self) -> Vec<String> {
        let mut ids: Vec<String> = CHECKS.iter().map(|c| c.meta().id.to_owned()).collect();
        ids.extend(self.policy.rules.iter().map(|r| r.id.clone()));
        ids
    }
}

impl RuleIndex for PageRules<'_> {
    fn is_known(&self, selector: &str) -> bool {
        selector == "all"
            || Family::ALL.iter().any(|f| f.as_str() == selector)
            || family_of(self.policy, selector).is_some()
    }

    fn names(&self, selector: &str, rule: &str) -> bool {
        selector == "all" || selector == rule || family_of(self.policy, rule).is_some_and(|f| f.as_str() == selector)
    }

    fn is_active(&self, selector: &str) -> bool {
        let Some(family) = family_of(self.policy, selector) else {
            return true;
        };
        let default = registry::find(selector)
            .map(|c| c.meta().default_severity)
            .or_else(|| self.policy.rule(selector).map(|r| r.severity))
            .unwrap_or(Severity::Warning);
        self.policy
            .effective_severity(selector, family, default, self.file, self.selection)
            .is_some()
    }

    fn suggest(&self, word: &str) -> Option<String> {
        did_you_mean(word, &self.known())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_per_page_pass_folds_in_at_most_eight_pieces_of_every_page() {
        for pages in [1, 7, 9, 109, 1_090, 10_900] {
            let started = std::sync::atomic::AtomicUsize::new(0);
            let folded: Vec<usize> = (0..pages)
                .into_par_iter()
                .with_min_len(fold_piece_len(pages))
                .fold(
                    || {
                        started.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        Vec::new()
                    },
                    |mut piece, page| {
                        piece.push(page);
                        piece
                    },
                )
                .reduce(Vec::new, |mut a, b| {
                    a.extend(b);
                    a
                });
            assert_eq!(folded, (0..pages).collect::<Vec<_>>(), "{pages} pages, in order");
            let pieces = started.into_inner();
            assert!((1..=FOLD_PIECES).contains(&pieces), "{pages} pages in {pieces} pieces");
        }
    }

    /// Every page of the per-check fixtures, parsed.
    fn fixture_pages() -> Vec<Page> {
        let mut paths: Vec<PathBuf> = Vec::new();
        let mut dirs = vec![PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/checks"))];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if crate::read::is_page_name(&path) {
                    paths.push(path);
                }
            }
        }
        paths.sort();
        assert!(paths.len() > 20, "the check fixtures are missing");
        paths
            .iter()
            .map(|p| crate::parse::parse(&crate::read::load(p).unwrap()))
            .collect()
    }

    #[test]
    fn checks_that_do_not_say_they_carry_leave_nothing_for_the_corpus_wide_pass() {
        // A context page runs only the checks that carry: one that carried without saying so
        // would lose what context pages tell the corpus-wide checks.
        let policy = Policy::builtin().unwrap();
        let nothing = format!("{:?}", Carried::default());
        for page in fixture_pages() {
            for check in CHECKS.iter().filter(|c| !c.carries()) {
                let mut cx = Cx::carrying(&policy, Carried::default());
                check.check_page(&page, &mut cx);
                let (_, _, carried) = cx.into_parts();
                assert_eq!(format!("{carried:?}"), nothing, "{} on {}", check.meta().id, page.path);
            }
        }
    }

    #[test]
    fn carrying_a_context_page_keeps_what_checking_it_carries_and_no_finding() {
        let policy = Policy::builtin().unwrap();
        let selection = Selection::default();
        let (mut checked, mut carried) = (Checked::default(), Checked::default());
        for page in fixture_pages() {
            checked.check(&page, &policy, &selection);
            carried.carry(&page, &policy, &selection);
        }
        assert!(!checked.diagnostics.is_empty());
        assert!(carried.diagnostics.is_empty());
        assert!(!carried.carried.words.corpus.is_empty());
        let (kept, checked) = (&carried.carried.words, &checked.carried.words);
        assert_eq!(kept.corpus.sorted(), checked.corpus.sorted());
        assert_eq!(format!("{:?}", kept.candidates), format!("{:?}", checked.candidates));
        assert!(!kept.candidates.is_empty());
    }
}
