//! rolelint: a policy-as-code linter for job-family pages.
//!
//! The pipeline is read → parse → model → check → report; [`lint`] runs the first four.
#![warn(clippy::print_stdout, clippy::print_stderr)]
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]

pub mod baseline;
pub mod checks;
pub mod diagnostic;
pub mod fix;
pub mod ladder;
pub mod model;
pub mod parse;
pub mod policy;
pub mod read;
pub mod report;
pub mod server;
pub mod span;

use diagnostic::Diagnostic;
use foldhash::HashSet;
use foldhash::HashSetExt;
use model::Handbook;
use rayon::prelude::*;
use read::{ReadError, SourceFile};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What to lint and how.
#[derive(Debug, Default, Clone)]
pub struct Settings {
    /// Files and directories to lint.
    pub paths: Vec<PathBuf>,
    /// A buffer to lint as if it were at this path (editors, `--stdin-filename`).
    pub stdin: Option<(PathBuf, String)>,
    /// A configuration file that replaces discovery of `rolelint.toml`.
    pub config: Option<PathBuf>,
    /// Run only these rules (ids or families); empty means all enabled.
    pub select: Vec<String>,
    /// Do not run these rules (ids or families).
    pub ignore: Vec<String>,
    /// Report links whose target tree is not among the linted files.
    pub strict_links: bool,
    /// Files and directories read and checked as context (cross-page checks see them) but not
    /// reported on: the tree around the files pre-commit passes, or around an editor's buffer.
    pub context: Vec<PathBuf>,
    /// When set, only findings on these files are reported; every other page read is context.
    pub report_only: Option<Vec<PathBuf>>,
    /// `--online`: fetch external `http(s)` links (HEAD or GET only); off by default.
    pub online: bool,
    /// `--cache-dir`: where `--online` keeps its cache (default `.rolelint-cache`).
    pub cache_dir: Option<PathBuf>,
}

/// The outcome of a run: the sources (for rendering), the findings and the files that failed.
#[derive(Debug, Default)]
pub struct Run {
    /// Every page reported on, sorted by path.
    pub sources: Vec<SourceFile>,
    /// Pages read and checked only as context (their findings are not reported), sorted by path.
    pub context: Vec<SourceFile>,
    /// Every finding, sorted by path and position.
    pub diagnostics: Vec<Diagnostic>,
    /// Files that could not be read; any makes the exit code 2.
    pub errors: Vec<ReadError>,
    /// Broken configuration or policy files; any makes the exit code 2 (and no page is checked).
    pub config_errors: Vec<policy::Error>,
    /// Counters the checks kept, by name (e.g. `broken-link.unverifiable`: links not checked
    /// because their target tree is not among the linted files).
    pub counters: std::collections::BTreeMap<String, u64>,
    /// Errors that stopped the run before its findings could be reported (configuration,
    /// `--baseline`, `--changed-since`): machine-readable reports carry them, exit code 2.
    pub failures: Vec<Failure>,
}

/// An error that stopped a run, as the CLI prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// What went wrong, e.g. `--baseline: cannot read base.json: …`.
    pub message: String,
    /// How to fix it, when known.
    pub help: Option<String>,
}

/// Reads, parses and checks everything `settings` names.
pub fn lint(settings: &Settings) -> Run {
    let (sources, errors) = read_sources(settings);
    lint_sources(settings, sources, errors)
}

/// [`lint`], for a run that only reports: each reported page is read once, on its turn in the
/// per-page pass, and drops its text as soon as its per-page checks are done (the corpus-wide
/// checks read what the page kept), so memory does not grow with the text of the tree; the report
/// places findings on ASCII lines from the line starts each page kept and reads back the files it
/// must show otherwise (snippets, findings on other lines: [`SourceFile::reread`]).
pub fn lint_reading_back(settings: &Settings) -> Run {
    let reported = Reported::new(settings);
    let found = find_sources(settings, &|path| reported.contains(path));
    lint_found(settings, &reported, found)
}

/// Parses and checks `sources` already read (by [`read_sources`], or fixed in memory by [`fix`]);
/// which of them are reported and which are context follows `settings`, as in [`lint`].
pub fn lint_sources(settings: &Settings, sources: Vec<SourceFile>, errors: Vec<ReadError>) -> Run {
    let found = Found {
        read: sources,
        errors,
        ..Found::default()
    };
    lint_found(settings, &Reported::new(settings), found)
}

/// Lints what the walk found: pages read are split into reported and context, pages left on disk
/// are read on their turn; read errors keep the order of the walk wherever they were met.
fn lint_found(settings: &Settings, reported: &Reported, found: Found) -> Run {
    let Found {
        read,
        unread,
        mut errors,
        mut failed,
    } = found;
    let (own, context): (Vec<_>, Vec<_>) = read.into_iter().partition(|s| reported.contains(&s.path));
    let turns = own
        .into_iter()
        .map(Turn::Read)
        .chain(unread.into_iter().map(Turn::Unread))
        .collect();
    let (mut run, on_turn) = lint_turns(settings, turns, &Context::new(settings, context));
    failed.extend(on_turn);
    failed.sort_by_key(|(at, _)| *at);
    errors.extend(failed.into_iter().map(|(_, e)| e));
    run.errors = errors;
    run
}

/// Parses and checks pages already in memory: `reported` are reported on, `context` only feed
/// the cross-page checks (an editor's open buffers over the workspace on disk).
pub fn lint_pages(settings: &Settings, reported: Vec<SourceFile>, context: Vec<SourceFile>) -> Run {
    lint_with_context(settings, reported, &Context::new(settings, context))
}

/// Pages read only as context, parsed and put through the per-page checks once so that many runs
/// can reuse them: an editor relints its open buffers on every change over a workspace that has
/// not changed.
#[derive(Debug, Default)]
pub struct Context {
    /// The pages' sources, sorted by path.
    sources: Vec<SourceFile>,
    /// The shed pages, in the order of `sources`.
    pages: Vec<model::Page>,
    /// The policy of each page (`None` where its configuration is broken).
    policies: Vec<Option<Arc<policy::Policy>>>,
    /// What their per-page checks left for the corpus-wide checks.
    carried: checks::Carried,
    /// Broken configuration met while resolving their policies.
    config_errors: Vec<policy::Error>,
}

impl Context {
    /// Parses `sources` and runs their per-page checks as configured by `settings` (whose
    /// `select`, `ignore` and `config` must be those of the runs that use this context).
    pub fn new(settings: &Settings, mut sources: Vec<SourceFile>) -> Self {
        sources.sort_by(|a, b| a.path.cmp(&b.path));
        let mut resolver = policy::Resolver::new(settings.config.clone());
        let policies: Vec<_> = sources
            .iter()
            .map(|s| resolver.policy_for(Path::new(&*s.path)))
            .collect();
        let config_errors = resolver.into_errors();
        let runnable: Option<Vec<_>> = policies.iter().cloned().collect();
        let runnable = runnable.filter(|_| config_errors.is_empty());
        let borrowed: Vec<&SourceFile> = sources.iter().collect();
        let (handbook, checked) = parse_and_carry(&borrowed, runnable.as_deref(), &selection(settings));
        Context {
            sources,
            pages: handbook.pages,
            policies,
            carried: checked.carried,
            config_errors,
        }
    }
}

/// Parses and checks `reported` over a [`Context`] prepared with the same `settings`; only
/// findings on `reported` pages are reported.
pub fn lint_with_context(settings: &Settings, reported: Vec<SourceFile>, context: &Context) -> Run {
    lint_turns(settings, reported.into_iter().map(Turn::Read).collect(), context).0
}

/// Starts compiling the fixed patterns of the parser and the per-page checks on the thread pool,
/// while the caller reads its configuration and walks the tree: compiled on first use, they held
/// up the first pages' checks (one page took 11.1 ms, 10.1 ms with this). With `load_policy` (a
/// folder to walk, or several pages named), the embedded policy is loaded meanwhile too: it is
/// needed right after the walk, which takes milliseconds for a folder (109 pages: 3-5 ms) and
/// nothing for one named file, where loading it on another thread only added a hand-over (one
/// page: +1 ms).
pub fn warm_up(load_policy: bool) {
    if load_policy {
        rayon::spawn(policy::warm_up);
    }
    rayon::spawn(|| {
        parse::warm_up();
        checks::warm_up();
    });
}

/// One reported page on its turn in the per-page pass.
enum Turn {
    /// Read already and kept whole (a buffer in memory, or a run that keeps every text).
    Read(SourceFile),
    /// Left on disk by the walk: read on its turn, its text dropped once checked.
    Unread(read::Unread),
    /// Read from disk ahead of its turn; its text is dropped once checked.
    Loaded(SourceFile),
}

impl Turn {
    fn path(&self) -> &str {
        match self {
            Turn::Read(source) | Turn::Loaded(source) => &source.path,
            Turn::Unread(page) => &page.shown,
        }
    }
}

/// [`lint_with_context`] over the reported pages `turns`, those still on disk read on their turn
/// (see [`lint_reading_back`]). Returns the run and the pages named to lint that could not be
/// read, by their place in the walk.
fn lint_turns(settings: &Settings, turns: Vec<Turn>, context: &Context) -> (Run, Vec<(usize, ReadError)>) {
    // Pages in memory come back in the order given; a run that reads pages sorts them all.
    let keep_order = turns.iter().all(|t| matches!(t, Turn::Read(_)));
    let mut turns: Vec<(usize, Turn)> = turns.into_iter().enumerate().collect();
    turns.sort_by(|a, b| a.1.path().cmp(b.1.path()));
    let paths: Vec<&str> = turns.iter().map(|(_, t)| t.path()).collect();
    let resolved = Resolved::new(settings, &paths, context);
    if !resolved.config_errors.is_empty() && turns.iter().any(|(_, t)| matches!(t, Turn::Unread(_))) {
        // A broken configuration stops every check, unless it governs only pages that turn out
        // unreadable: read every page first, then decide on what was read.
        let (read, failed) = read_turns(turns);
        let (run, more) = lint_turns(settings, read, context);
        return (run, failed.into_iter().chain(more).collect());
    }
    let selection = selection(settings);
    let own_runnable: Option<Vec<_>> = resolved.own.iter().cloned().collect();
    let own_policies = own_runnable.as_deref().filter(|_| resolved.config_errors.is_empty());
    let count = turns.len();
    let pass = check_turns(turns, own_policies, &selection);
    let Resolved {
        own,
        cwd_root,
        mut config_errors,
    } = if pass.sources.len() < count {
        // Pages that could not be read are not linted: their configuration is not in force.
        let paths: Vec<&str> = pass.sources.iter().map(|(_, s)| &*s.path).collect();
        Resolved::new(settings, &paths, context)
    } else {
        resolved
    };
    let Pass {
        pages: own_pages,
        mut sources,
        mut checked,
        failed,
    } = pass;
    if keep_order {
        sources.sort_by_key(|(at, _)| *at);
    }
    let reported: Vec<SourceFile> = sources.into_iter().map(|(_, s)| s).collect();
    // The pass joined its tasks' findings by growing one list: it lives through the corpus-wide
    // checks, where a run's memory peaks, so it gives back what it did not fill.
    checked.diagnostics.shrink_to_fit();
    checked.carried.extend(context.carried.clone());
    let mut merged: Vec<(model::Page, Option<Arc<policy::Policy>>)> = own_pages.into_iter().zip(own).collect();
    merged.extend(context.pages.iter().cloned().zip(context.policies.iter().cloned()));
    merged.sort_by(|a, b| a.0.path.cmp(&b.0.path));
    let (pages, policies): (Vec<_>, Vec<_>) = merged.into_iter().unzip();
    let handbook = Handbook::new(pages);
    let root = policies.first().cloned().or(cwd_root).flatten();
    let policies: Option<Vec<_>> = policies.into_iter().collect();
    let runnable = match (policies, root) {
        (Some(policies), Some(root)) if config_errors.is_empty() => Some((policies, root)),
        _ => None,
    };
    let redirects = discovered_redirects(
        settings,
        &handbook,
        runnable.as_ref().map(|(_, root)| root.as_ref()),
        &mut config_errors,
    );
    let outcome = match runnable {
        Some((policies, root)) if config_errors.is_empty() => {
            let mut root = (*root).clone();
            root.links.strict = settings.strict_links;
            root.links.online = settings.online && checks::links::online_wanted(&handbook, &policies, &selection);
            root.links.cache_dir.clone_from(&settings.cache_dir);
            root.links.roots = linted_roots(settings);
            if root.links.site_urls.is_empty() {
                let from: Vec<PathBuf> = settings.paths.iter().chain(&settings.context).cloned().collect();
                root.links.site_urls.extend(checks::links::own_site::discover(&from));
            }
            if root.links.redirects.is_none() {
                root.links.redirects = redirects;
            }
            let input = checks::Input {
                handbook: &handbook,
                policies: &policies,
                root: &root,
                selection: &selection,
            };
            checks::run_corpus_wide(&input, checked)
        }
        _ => checks::Outcome::default(),
    };
    let shown: HashSet<&str> = reported.iter().map(|s| &*s.path).collect();
    let diagnostics = if context.sources.is_empty() {
        outcome.diagnostics
    } else {
        outcome
            .diagnostics
            .into_iter()
            .filter(|d| shown.contains(&*d.path))
            .collect()
    };
    let counters = if context.sources.is_empty() {
        outcome.counters
    } else {
        reported_counters(outcome.counters, outcome.page_counters, &shown)
    };
    let run = Run {
        diagnostics,
        errors: Vec::new(),
        config_errors,
        counters: counters.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
        sources: reported,
        context: context.sources.clone(),
        failures: Vec::new(),
    };
    // Freeing every page's model takes a serial 60 ms on 10,900 pages; another thread does it
    // while this one writes the report.
    rayon::spawn(move || drop(handbook));
    (run, failed)
}

/// The policies of the reported pages, the configuration in force when there is no page at all,
/// and the broken configuration met (the context's included).
struct Resolved {
    /// The policy of each reported page, in the order of the paths given (`None` where broken).
    own: Vec<Option<Arc<policy::Policy>>>,
    /// The working directory's policy, resolved only when no page is linted.
    cwd_root: Option<Option<Arc<policy::Policy>>>,
    /// Broken configuration and policy files.
    config_errors: Vec<policy::Error>,
}

impl Resolved {
    /// Resolves the policies of the reported pages at `paths` (sorted) over `context`.
    fn new(settings: &Settings, paths: &[&str], context: &Context) -> Self {
        let mut resolver = policy::Resolver::new(settings.config.clone());
        let own: Vec<_> = paths.iter().map(|p| resolver.policy_for(Path::new(p))).collect();
        // With no page at all, the working directory's configuration is the one in force (and a
        // broken one is still an error).
        let cwd_root = (own.is_empty() && context.policies.is_empty()).then(|| resolver.policy_for_cwd());
        let mut config_errors = context.config_errors.clone();
        for e in resolver.into_errors() {
            // A broken file shared by both resolvers is one error.
            if !config_errors.iter().any(|known| known.to_string() == e.to_string()) {
                config_errors.push(e);
            }
        }
        Resolved {
            own,
            cwd_root,
            config_errors,
        }
    }
}

/// The run counters of the reported pages only: a counter kept per page is summed over `shown`
/// (context pages are read to resolve links, not to be counted), others stay run-wide.
fn reported_counters(
    mut counters: std::collections::BTreeMap<&'static str, u64>,
    page_counters: checks::PageCounters,
    shown: &HashSet<&str>,
) -> std::collections::BTreeMap<&'static str, u64> {
    for name in page_counters.values().flat_map(|c| c.keys()) {
        counters.remove(name);
    }
    for (path, counted) in &page_counters {
        if shown.contains(&**path) {
            for (&name, &n) in counted {
                *counters.entry(name).or_default() += n;
            }
        }
    }
    counters
}

/// The folders `settings` names to lint or read as context, as written (files name no folder).
fn linted_roots(settings: &Settings) -> Vec<String> {
    settings
        .paths
        .iter()
        .chain(&settings.context)
        .filter(|p| !p.is_file())
        .map(|p| p.display().to_string())
        .collect()
}

/// `--select` / `--ignore` of `settings`.
fn selection(settings: &Settings) -> policy::Selection {
    policy::Selection {
        select: settings.select.clone(),
        ignore: settings.ignore.clone(),
    }
}

/// Parses `sources` and runs the per-page checks of each under its policy (`policies`, in the order
/// of `sources`; `None` parses only). Parse and per-page checks are one pass: each page sheds what
/// only those checks read before the next is parsed, so memory holds page summaries, not whole
/// parsed pages. The corpus-wide checks then run on the result ([`checks::run_corpus_wide`]).
pub fn parse_and_check(
    sources: &[&SourceFile],
    policies: Option<&[std::sync::Arc<policy::Policy>]>,
    selection: &policy::Selection,
) -> (Handbook, checks::Checked) {
    parse_and_run(sources, policies, &|checked, page, policy| {
        checked.check(page, policy, selection);
    })
}

/// [`parse_and_check`] for context pages: only the per-page checks the corpus-wide ones read run
/// ([`checks::Checked::carry`]), and no finding is kept.
fn parse_and_carry(
    sources: &[&SourceFile],
    policies: Option<&[std::sync::Arc<policy::Policy>]>,
    selection: &policy::Selection,
) -> (Handbook, checks::Checked) {
    parse_and_run(sources, policies, &|checked, page, policy| {
        checked.carry(page, policy, selection);
    })
}

/// Parses `sources` in parallel, running `check` on each page that has a policy before it sheds.
fn parse_and_run(
    sources: &[&SourceFile],
    policies: Option<&[std::sync::Arc<policy::Policy>]>,
    check: &(dyn Fn(&mut checks::Checked, &model::Page, &policy::Policy) + Sync),
) -> (Handbook, checks::Checked) {
    let (pages, checked) = sources
        .par_iter()
        .enumerate()
        .with_min_len(checks::fold_piece_len(sources.len()))
        .fold(
            || (Vec::new(), checks::Checked::default()),
            |(mut pages, mut checked), (i, source)| {
                let mut page = parse::parse(source);
                if let Some(policy) = policies.and_then(|p| p.get(i)) {
                    check(&mut checked, &page, policy);
                }
                page.shed();
                pages.push(page);
                (pages, checked)
            },
        )
        .reduce(
            || (Vec::new(), checks::Checked::default()),
            |(mut pages, mut checked), (later_pages, later)| {
                pages.extend(later_pages);
                checked.append(later);
                (pages, checked)
            },
        );
    (Handbook::new(pages), checked)
}

/// What the per-page pass over [`Turn`]s produced.
#[derive(Default)]
struct Pass {
    /// The shed pages, in the order of the turns read.
    pages: Vec<model::Page>,
    /// Their sources (text dropped where the page allows), each with its place among the pages given.
    sources: Vec<(usize, SourceFile)>,
    /// The per-page findings and what they carry to the corpus-wide checks.
    checked: checks::Checked,
    /// Pages named to lint that could not be read, by their place in the walk.
    failed: Vec<(usize, ReadError)>,
}

/// [`parse_and_check`] over `turns` (sorted by path, `policies` in their order): a page still on
/// disk is read and stamped on its turn, and drops its text once the per-page checks are done
/// with it ([`model::Page::drop_source`]); one that cannot be read is left out.
fn check_turns(
    turns: Vec<(usize, Turn)>,
    policies: Option<&[Arc<policy::Policy>]>,
    selection: &policy::Selection,
) -> Pass {
    let piece_len = checks::fold_piece_len(turns.len());
    turns
        .into_par_iter()
        .enumerate()
        .with_min_len(piece_len)
        .fold(Pass::default, |mut pass, (i, (at, turn))| {
            let (mut source, from_walk) = match turn {
                Turn::Read(source) => (source, false),
                Turn::Loaded(source) => (source, true),
                Turn::Unread(page) => match read::load(&page.path) {
                    Ok(source) => (source, true),
                    Err(e) => {
                        if page.named {
                            pass.failed.push((page.order, e));
                        }
                        return pass;
                    }
                },
            };
            let mut page = parse::parse(&source);
            if let Some(policy) = policies.and_then(|p| p.get(i)) {
                pass.checked.check(&page, policy, selection);
            }
            page.shed();
            if from_walk && page.drop_source(checks::corpus_reads(&page)) {
                source.drop_text();
            }
            pass.pages.push(page);
            pass.sources.push((at, source));
            pass
        })
        .reduce(Pass::default, |mut pass, later| {
            pass.pages.extend(later.pages);
            pass.sources.extend(later.sources);
            pass.checked.append(later.checked);
            pass.failed.extend(later.failed);
            pass
        })
}

/// Reads every page of `turns` still on disk; returns the turns read, in order, and the named pages
/// that could not be read, by their place in the walk.
fn read_turns(turns: Vec<(usize, Turn)>) -> (Vec<Turn>, Vec<(usize, ReadError)>) {
    let loaded: Vec<Result<Turn, Option<(usize, ReadError)>>> = turns
        .into_par_iter()
        .map(|(_, turn)| match turn {
            Turn::Unread(page) => read::load(&page.path)
                .map(Turn::Loaded)
                .map_err(|e| page.named.then_some((page.order, e))),
            other => Ok(other),
        })
        .collect();
    let mut read = Vec::with_capacity(loaded.len());
    let mut failed = Vec::new();
    for item in loaded {
        match item {
            Ok(source) => read.push(source),
            Err(e) => failed.extend(e),
        }
    }
    (read, failed)
}

/// The site's redirects file found with no configuration (`data/redirects.yml` or `redirects.yml`
/// in a linted path or an ancestor), when the configuration names none. One that does not parse is
/// a configuration error naming it, not a file silently left out.
fn discovered_redirects(
    settings: &Settings,
    handbook: &Handbook,
    root: Option<&policy::Policy>,
    errors: &mut Vec<policy::Error>,
) -> Option<std::sync::Arc<checks::links::Redirects>> {
    if root.is_none_or(|p| p.links.redirects.is_some()) {
        return None;
    }
    let mut from: Vec<PathBuf> = settings.paths.iter().chain(&settings.context).cloned().collect();
    if from.is_empty() {
        from.extend(handbook.pages.first().map(|p| PathBuf::from(&*p.path)));
    }
    match checks::links::redirects::discover(&from)? {
        Ok((_, redirects)) => Some(std::sync::Arc::new(redirects)),
        Err((path, e)) => {
            let shown = path.display().to_string();
            errors
                .push(policy::Error::file(&shown, e.to_string()).with_help(
                    "fix the file, or name another with `[options.broken-link] redirects` in rolelint.toml",
                ));
            None
        }
    }
}

/// Which of the pages read are reported on: `report_only` when set, else everything but context.
struct Reported {
    only: Option<HashSet<PathBuf>>,
    /// The context roots and the paths named to lint, absolute: sets, since a page is looked up
    /// by each of its folders (pre-commit with `--all-files` names every page of the tree, and
    /// comparing each page with every named path was quadratic: 140 ms on 1,090 pages).
    context: HashSet<PathBuf>,
    named: HashSet<PathBuf>,
}

impl Reported {
    fn new(settings: &Settings) -> Self {
        let abs = |p: &PathBuf| read::absolute(p);
        let mut named: HashSet<PathBuf> = settings.paths.iter().map(abs).collect();
        named.extend(settings.stdin.iter().map(|(p, _)| abs(p)));
        Reported {
            only: settings.report_only.as_ref().map(|o| o.iter().map(abs).collect()),
            context: settings.context.iter().map(abs).collect(),
            named,
        }
    }

    fn contains(&self, path: &str) -> bool {
        let path = read::absolute(Path::new(path));
        if let Some(only) = &self.only {
            return only.contains(&path);
        }
        // A page is context when it lies under a context root and under no path named to lint
        // (a file named explicitly is reported even inside a context root).
        let under = |roots: &HashSet<PathBuf>| !roots.is_empty() && path.ancestors().any(|a| roots.contains(a));
        !under(&self.context) || under(&self.named)
    }
}

/// Collects and decodes the pages `settings` names (paths, then context), plus stdin; sorted by path.
/// A page that cannot be decoded is an error when it was named; as context it is left out.
pub fn read_sources(settings: &Settings) -> (Vec<SourceFile>, Vec<ReadError>) {
    let found = find_sources(settings, &|_| false);
    let mut errors = found.errors;
    errors.extend(found.failed.into_iter().map(|(_, e)| e));
    (found.read, errors)
}

/// What the walk of a run found.
#[derive(Default)]
struct Found {
    /// The pages read, sorted by path.
    read: Vec<SourceFile>,
    /// The pages left on disk, to be read on their turn in the per-page pass.
    unread: Vec<read::Unread>,
    /// What the walk could not walk.
    errors: Vec<ReadError>,
    /// Pages named to lint that could not be read, by their place in the walk.
    failed: Vec<(usize, ReadError)>,
}

/// Collects the pages `settings` names (paths, then context) and reads them, plus stdin; the pages
/// on disk whose path `defer` names are left unread for their turn. A page that cannot be decoded
/// is an error when it was named; as context it is left out.
fn find_sources(settings: &Settings, defer: &(dyn Fn(&str) -> bool + Sync)) -> Found {
    let (named, mut errors) = read::collect(&settings.paths);
    let (around, context_errors) = read::collect(&settings.context);
    errors.extend(context_errors);
    let stdin = settings.stdin.as_ref().map(|(path, _)| read::absolute(path));
    // A page reached both as named and through a context root is read once, under its named path.
    let mut seen = HashSet::new();
    let mut now = Vec::new();
    let mut unread = Vec::new();
    for (path, named) in named
        .into_iter()
        .map(|p| (p, true))
        .chain(around.into_iter().map(|p| (p, false)))
    {
        let absolute = read::absolute(&path);
        // The buffer replaces the file on disk it stands for (an editor's unsaved state), which
        // is still read for the error it may give.
        let replaced = stdin.as_ref() == Some(&absolute);
        if !seen.insert(absolute) {
            continue;
        }
        let page = read::Unread::new(path, seen.len() - 1, named);
        if !replaced && defer(&page.shown) {
            unread.push(page);
        } else {
            now.push((page, replaced));
        }
    }
    let loaded: Vec<(Result<SourceFile, ReadError>, usize, bool, bool)> = now
        .par_iter()
        .map(|(page, replaced)| (read::load(&page.path), page.order, page.named, *replaced))
        .collect();
    let mut read = Vec::with_capacity(loaded.len());
    let mut failed = Vec::new();
    for (loaded, order, named, replaced) in loaded {
        match loaded {
            Ok(_) if replaced => {}
            Ok(source) => read.push(source),
            Err(e) if named => failed.push((order, e)),
            Err(_) => {}
        }
    }
    if let Some((path, text)) = &settings.stdin {
        let (text, bom) = match text.strip_prefix('\u{feff}') {
            Some(rest) => (rest, true),
            None => (text.as_str(), false),
        };
        read.push(SourceFile::from_text(path.display().to_string(), text, bom));
    }
    read.sort_by(|a, b| a.path.cmp(&b.path));
    Found {
        read,
        unread,
        errors,
        failed,
    }
}
