//! rolelint: a policy-as-code linter for job-family pages.
//!
//! The pipeline is read → parse → model → check → report; [`lint`] runs the first four.
#![warn(clippy::print_stdout, clippy::print_stderr)]
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]

pub mod checks;
pub mod diagnostic;
pub mod fix;
pub mod model;
pub mod parse;
pub mod policy;
pub mod read;
pub mod report;
pub mod span;

use diagnostic::Diagnostic;
use model::Handbook;
use rayon::prelude::*;
use read::{ReadError, SourceFile};
use std::path::{Path, PathBuf};

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
}

/// The outcome of a run: the sources (for rendering), the findings and the files that failed.
#[derive(Debug, Default)]
pub struct Run {
    /// Every page read, sorted by path.
    pub sources: Vec<SourceFile>,
    /// Every finding, sorted by path and position.
    pub diagnostics: Vec<Diagnostic>,
    /// Files that could not be read; any makes the exit code 2.
    pub errors: Vec<ReadError>,
    /// Broken configuration or policy files; any makes the exit code 2 (and no page is checked).
    pub config_errors: Vec<policy::Error>,
    /// Counters the checks kept, by name (e.g. `broken-link.unverifiable`: links not checked
    /// because their target tree is not among the linted files).
    pub counters: std::collections::BTreeMap<String, u64>,
}

/// Reads, parses and checks everything `settings` names.
pub fn lint(settings: &Settings) -> Run {
    let (sources, errors) = read_sources(settings);
    lint_sources(settings, sources, errors)
}

/// Parses and checks `sources` (already read, e.g. by [`read_sources`], or fixed in memory by
/// [`fix`]) under the configuration `settings` names; `errors` are carried into the [`Run`].
pub fn lint_sources(settings: &Settings, sources: Vec<SourceFile>, errors: Vec<ReadError>) -> Run {
    let handbook = Handbook::new(sources.par_iter().map(parse::parse).collect());
    let mut resolver = policy::Resolver::new(settings.config.clone());
    let policies: Vec<_> = handbook
        .pages
        .iter()
        .map(|p| resolver.policy_for(Path::new(&*p.path)))
        .collect();
    let root = policies.first().cloned().unwrap_or_else(|| resolver.policy_for_cwd());
    let policies: Option<Vec<_>> = policies.into_iter().collect();
    let config_errors = resolver.into_errors();
    let selection = policy::Selection {
        select: settings.select.clone(),
        ignore: settings.ignore.clone(),
    };
    let outcome = match (policies, root) {
        (Some(policies), Some(root)) if config_errors.is_empty() => {
            let mut root = (*root).clone();
            root.links.strict = settings.strict_links;
            checks::run(&checks::Input {
                handbook: &handbook,
                policies: &policies,
                root: &root,
                selection: &selection,
            })
        }
        _ => checks::Outcome::default(),
    };
    Run {
        sources,
        diagnostics: outcome.diagnostics,
        errors,
        config_errors,
        counters: outcome.counters.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
    }
}

/// Collects and decodes the pages `settings` names, plus stdin; sorted by path.
pub fn read_sources(settings: &Settings) -> (Vec<SourceFile>, Vec<ReadError>) {
    let (paths, mut errors) = read::collect(&settings.paths);
    let loaded: Vec<Result<SourceFile, ReadError>> = paths.par_iter().map(|p| read::load(p)).collect();
    let mut sources = Vec::with_capacity(loaded.len());
    for item in loaded {
        match item {
            Ok(source) => sources.push(source),
            Err(e) => errors.push(e),
        }
    }
    if let Some((path, text)) = &settings.stdin {
        let (text, bom) = match text.strip_prefix('\u{feff}') {
            Some(rest) => (rest, true),
            None => (text.as_str(), false),
        };
        // The buffer replaces the file on disk it stands for (an editor's unsaved state).
        let same = |p: &str| std::path::absolute(p).ok() == std::path::absolute(path).ok();
        sources.retain(|s| !same(&s.path));
        sources.push(SourceFile::from_text(path.display().to_string(), text, bom));
    }
    sources.sort_by(|a, b| a.path.cmp(&b.path));
    (sources, errors)
}
