//! `--changed-since REF`: findings a change brings, with the whole tree as context.
//!
//! The tree is linted twice: as it is now, and as it was at the merge base of REF and HEAD (the
//! `A` of `git diff A...HEAD`). The base version is built in memory: the pages on disk, with each
//! changed page replaced by its text at the base (added pages left out, deleted pages put back).
//! Reported are every finding on a changed page, plus the findings on unchanged pages that the
//! base run does not have: those the change caused (a renamed level that breaks another page's
//! link, a table edited in one copy only). The configuration on disk governs both runs.

use super::Baseline;
use crate::read::git::{ChangeKind, GitError, Repo};
use crate::read::{self, SourceFile};
use crate::{Run, Settings};
use foldhash::HashSet;
use std::path::{Path, PathBuf};

/// What `--changed-since` found besides the run.
#[derive(Debug)]
pub struct ChangedRun {
    /// The run, reporting on changed pages and on pages with findings the change caused.
    pub run: Run,
    /// The merge base the change was measured from.
    pub base: String,
    /// Pages changed since the base (added or modified, under the linted paths).
    pub changed: usize,
    /// Findings reported on unchanged pages because the change caused them.
    pub caused: usize,
}

/// Lints the tree `settings` names, reporting what changed since the merge base with `reference`.
pub fn lint_changed_since(settings: &Settings, reference: &str) -> Result<ChangedRun, GitError> {
    let anchor = settings.paths.first().map_or_else(|| PathBuf::from("."), |p| dir_of(p));
    let repo = Repo::discover(&anchor)?;
    let base = repo.merge_base(reference)?;
    let changes: Vec<_> = repo
        .changes_since(&base)?
        .into_iter()
        .filter(|c| read::is_page_name(Path::new(&c.path)))
        .collect();

    let whole = Settings {
        report_only: None,
        ..settings.clone()
    };
    let mut now = crate::lint(&whole);
    let roots: Vec<PathBuf> = settings.paths.iter().map(|p| read::absolute(p)).collect();
    let in_tree = |abs: &Path| roots.is_empty() || roots.iter().any(|r| abs.starts_with(r));
    let changed: HashSet<PathBuf> = changes
        .iter()
        .filter(|c| c.kind != ChangeKind::Deleted)
        .map(|c| repo.absolute(&c.path))
        .filter(|p| in_tree(p))
        .collect();
    if !now.config_errors.is_empty() {
        return Ok(ChangedRun {
            run: now,
            base,
            changed: changed.len(),
            caused: 0,
        });
    }

    // The base version: every page now, with changed ones swapped for their base text.
    let mut at_base: Vec<SourceFile> = Vec::new();
    for source in now.sources.iter().chain(&now.context) {
        let abs = read::absolute(Path::new(&*source.path));
        match changes.iter().find(|c| repo.absolute(&c.path) == abs) {
            None => at_base.push(source.clone()),
            Some(c) if c.kind == ChangeKind::Added => {}
            Some(c) => at_base.extend(base_text(&repo, &base, &c.path, &source.path)),
        }
    }
    for c in changes.iter().filter(|c| c.kind == ChangeKind::Deleted) {
        let abs = repo.absolute(&c.path);
        if let Some(shown) = as_walked(&settings.paths, &abs) {
            at_base.extend(base_text(&repo, &base, &c.path, &shown));
        }
    }
    let then = crate::lint_pages(&whole, at_base, Vec::new());

    // Findings on unchanged pages that the base run has too are old news: the base run serves
    // as a baseline for them (same paths, so the same fingerprints).
    let is_changed = |path: &str| changed.contains(&read::absolute(Path::new(path)));
    let mut unchanged = Run {
        diagnostics: now
            .diagnostics
            .iter()
            .filter(|d| !is_changed(&d.path))
            .cloned()
            .collect(),
        // The texts, so that a caused finding among identical old ones is told apart by position.
        sources: now.sources.iter().chain(&now.context).cloned().collect(),
        ..Run::default()
    };
    let old = Run {
        diagnostics: then.diagnostics.into_iter().filter(|d| !is_changed(&d.path)).collect(),
        sources: then.sources,
        ..Run::default()
    };
    Baseline::of(&old, Path::new(".")).apply(&mut unchanged);
    // A link into a page the change renamed: say where the page went. Rename detection failing
    // only loses the suggestion.
    let renames = repo.renames_since(&base).unwrap_or_default();
    for d in &mut unchanged.diagnostics {
        if let Some(help) = super::renames::help(&renames, d) {
            d.help = Some(help);
        }
    }
    let caused = unchanged.diagnostics.len();
    let mut diagnostics: Vec<_> = now.diagnostics.drain(..).filter(|d| is_changed(&d.path)).collect();
    diagnostics.extend(unchanged.diagnostics);
    crate::diagnostic::sort(&mut diagnostics);

    let shown: HashSet<&str> = diagnostics.iter().map(|d| &*d.path).collect();
    let (sources, context): (Vec<_>, Vec<_>) = now
        .sources
        .drain(..)
        .chain(now.context.drain(..))
        .partition(|s| is_changed(&s.path) || shown.contains(&*s.path));
    now.diagnostics = diagnostics;
    now.sources = sources;
    now.context = context;
    now.context.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(ChangedRun {
        run: now,
        base,
        changed: changed.len(),
        caused,
    })
}

/// The page at `path` in commit `base`, under the name `shown`; none when git or decoding fails
/// (the page then counts as absent at the base, so all its findings count as new).
fn base_text(repo: &Repo, base: &str, path: &str, shown: &str) -> Option<SourceFile> {
    let bytes = repo.show(base, path).ok()?;
    SourceFile::decode(shown, bytes).ok()
}

/// The name the walk would have given `abs` (a root as written, joined with the rest), so a
/// deleted page's path has the form of its neighbours' and link checks see one tree.
fn as_walked(roots: &[PathBuf], abs: &Path) -> Option<String> {
    if roots.is_empty() {
        return Some(abs.display().to_string());
    }
    roots.iter().find_map(|root| {
        let rest = abs.strip_prefix(read::absolute(root)).ok()?;
        Some(root.join(rest).display().to_string())
    })
}

fn dir_of(path: &Path) -> PathBuf {
    if path.is_dir() {
        path.to_path_buf()
    } else {
        super::file::parent(path)
    }
}
