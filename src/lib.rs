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
use model::Handbook;
use rayon::prelude::*;
use read::{ReadError, SourceFile};
use std::collections::HashSet;
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

/// [`lint`], for a run that only reports: the text of each page read from disk is dropped once
/// its per-page checks are done (the corpus-wide checks read what the page kept), so memory does
/// not grow with the text of the tree; the report reads each file back ([`SourceFile::reread`]).
pub fn lint_reading_back(settings: &Settings) -> Run {
    let reported = Reported::new(settings);
    // Each reported page drops its text as soon as it is read and stamped, and is read again
    // when its turn to be parsed comes: the tree's text is never all in memory.
    let (sources, mut errors) = read_sources_with(settings, &|path| reported.contains(path));
    let (reported, context): (Vec<_>, Vec<_>) = sources.into_iter().partition(|s| reported.contains(&s.path));
    let mut run = lint_dropping(settings, reported, &Context::new(settings, context), true);
    errors.append(&mut run.errors);
    run.errors = errors;
    run
}

/// Parses and checks `sources` already read (by [`read_sources`], or fixed in memory by [`fix`]);
/// which of them are reported and which are context follows `settings`, as in [`lint`].
pub fn lint_sources(settings: &Settings, sources: Vec<SourceFile>, errors: Vec<ReadError>) -> Run {
    let reported = Reported::new(settings);
    let (reported, context): (Vec<_>, Vec<_>) = sources.into_iter().partition(|s| reported.contains(&s.path));
    let mut run = lint_pages(settings, reported, context);
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
        let (handbook, checked) = parse_and_check(&borrowed, runnable.as_deref(), &selection(settings));
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
    lint_dropping(settings, reported, context, false)
}

/// [`lint_with_context`]; with `drop`, the reported pages read from disk drop their text as soon
/// as their per-page checks are done (see [`lint_reading_back`]).
fn lint_dropping(settings: &Settings, mut reported: Vec<SourceFile>, context: &Context, shed_text: bool) -> Run {
    if shed_text {
        reported.sort_by(|a, b| a.path.cmp(&b.path));
    }
    let mut sorted: Vec<&SourceFile> = reported.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    let mut resolver = policy::Resolver::new(settings.config.clone());
    let own: Vec<_> = sorted
        .iter()
        .map(|s| resolver.policy_for(Path::new(&*s.path)))
        .collect();
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
    let selection = selection(settings);
    let own_runnable: Option<Vec<_>> = own.iter().cloned().collect();
    let own_policies = own_runnable.as_deref().filter(|_| config_errors.is_empty());
    let mut read_errors = Vec::new();
    let (own_pages, mut checked) = if shed_text {
        std::mem::drop(sorted);
        let (handbook, checked, errors) = parse_check_and_drop(&mut reported, own_policies, &selection);
        read_errors = errors;
        (handbook, checked)
    } else {
        parse_and_check(&sorted, own_policies, &selection)
    };
    checked.carried.extend(context.carried.clone());
    let mut merged: Vec<(model::Page, Option<Arc<policy::Policy>>)> = own_pages.pages.into_iter().zip(own).collect();
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
    Run {
        diagnostics,
        errors: read_errors,
        config_errors,
        counters: counters.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
        sources: reported,
        context: context.sources.clone(),
        failures: Vec::new(),
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
    let (pages, checked) = sources
        .par_iter()
        .enumerate()
        .fold(
            || (Vec::new(), checks::Checked::default()),
            |(mut pages, mut checked), (i, source)| {
                let mut page = parse::parse(source);
                if let Some(policy) = policies.and_then(|p| p.get(i)) {
                    checked.check(&page, policy, selection);
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

/// [`parse_and_check`] over owned `sources` (sorted by path): a source whose text was dropped at
/// read time is read back for its turn, and each page read from disk drops its text, and its
/// source too, once the per-page checks are done with it ([`model::Page::drop_source`]). Returns
/// the files that could not be read again (gone since), each checked as an empty page.
fn parse_check_and_drop(
    sources: &mut [SourceFile],
    policies: Option<&[std::sync::Arc<policy::Policy>]>,
    selection: &policy::Selection,
) -> (Handbook, checks::Checked, Vec<ReadError>) {
    type Acc = (Vec<model::Page>, checks::Checked, Vec<ReadError>);
    let (pages, checked, errors) = sources
        .par_iter_mut()
        .enumerate()
        .fold(Acc::default, |(mut pages, mut checked, mut errors), (i, source)| {
            let (full, stamp) = match source.dropped.clone() {
                None => (source.clone(), None),
                Some(stamp) => match source.reread() {
                    Ok(full) => (full, Some(stamp)),
                    // Changed since it was read moments ago: what is there now is checked
                    // (and stamped anew below).
                    Err(_) => match read::load(Path::new(&*source.path)) {
                        Ok(full) => (full, None),
                        Err(e) => {
                            errors.push(e);
                            (SourceFile::from_text(source.path.clone(), "", source.bom), None)
                        }
                    },
                },
            };
            let mut page = parse::parse(&full);
            if let Some(policy) = policies.and_then(|p| p.get(i)) {
                checked.check(&page, policy, selection);
            }
            page.shed();
            *source = full;
            if source.from_disk && page.drop_source() {
                match stamp {
                    Some(stamp) => {
                        source.text = Arc::from("");
                        source.dropped = Some(stamp);
                    }
                    None => {
                        source.drop_text();
                    }
                }
            }
            pages.push(page);
            (pages, checked, errors)
        })
        .reduce(
            Acc::default,
            |(mut pages, mut checked, mut errors), (later_pages, later, later_errors)| {
                pages.extend(later_pages);
                checked.append(later);
                errors.extend(later_errors);
                (pages, checked, errors)
            },
        );
    (Handbook::new(pages), checked, errors)
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
    context: Vec<PathBuf>,
    named: Vec<PathBuf>,
}

impl Reported {
    fn new(settings: &Settings) -> Self {
        let abs = |p: &Path| read::absolute(p);
        let mut named: Vec<PathBuf> = settings.paths.iter().map(|p| abs(p)).collect();
        named.extend(settings.stdin.iter().map(|(p, _)| abs(p)));
        Reported {
            only: settings
                .report_only
                .as_ref()
                .map(|o| o.iter().map(|p| abs(p)).collect()),
            context: settings.context.iter().map(|p| abs(p)).collect(),
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
        let under = |roots: &[PathBuf]| roots.iter().any(|r| path.starts_with(r));
        !under(&self.context) || under(&self.named)
    }
}

/// Collects and decodes the pages `settings` names (paths, then context), plus stdin; sorted by path.
/// A page that cannot be decoded is an error when it was named; as context it is left out.
pub fn read_sources(settings: &Settings) -> (Vec<SourceFile>, Vec<ReadError>) {
    read_sources_with(settings, &|_| false)
}

/// [`read_sources`]; the pages from disk whose path `drop` names drop their text once read,
/// keeping its stamp ([`SourceFile::drop_text`]).
fn read_sources_with(settings: &Settings, drop: &(dyn Fn(&str) -> bool + Sync)) -> (Vec<SourceFile>, Vec<ReadError>) {
    let (named, mut errors) = read::collect(&settings.paths);
    let (around, context_errors) = read::collect(&settings.context);
    errors.extend(context_errors);
    // A page reached both as named and through a context root is read once, under its named path.
    let mut seen = HashSet::new();
    let mut paths: Vec<(PathBuf, bool)> = Vec::with_capacity(named.len() + around.len());
    for (path, is_named) in named
        .into_iter()
        .map(|p| (p, true))
        .chain(around.into_iter().map(|p| (p, false)))
    {
        if seen.insert(read::absolute(&path)) {
            paths.push((path, is_named));
        }
    }
    let loaded: Vec<(Result<SourceFile, ReadError>, bool)> = paths
        .par_iter()
        .map(|(p, is_named)| {
            let loaded = read::load(p).map(|mut source| {
                if drop(&source.path) {
                    source.drop_text();
                }
                source
            });
            (loaded, *is_named)
        })
        .collect();
    let mut sources = Vec::with_capacity(loaded.len());
    for item in loaded {
        match item {
            (Ok(source), _) => sources.push(source),
            (Err(e), true) => errors.push(e),
            (Err(_), false) => {}
        }
    }
    if let Some((path, text)) = &settings.stdin {
        let (text, bom) = match text.strip_prefix('\u{feff}') {
            Some(rest) => (rest, true),
            None => (text.as_str(), false),
        };
        // The buffer replaces the file on disk it stands for (an editor's unsaved state).
        let same = |p: &str| read::absolute(Path::new(p)) == read::absolute(path);
        sources.retain(|s| !same(&s.path));
        sources.push(SourceFile::from_text(path.display().to_string(), text, bom));
    }
    sources.sort_by(|a, b| a.path.cmp(&b.path));
    (sources, errors)
}
