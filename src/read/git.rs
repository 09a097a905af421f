//! What git knows about the tree: its top level, the merge base with a ref, the pages changed
//! since then and their text at the base. Runs the `git` binary; never writes to the repository.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A git command that could not run or failed.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    /// `git` could not be started.
    #[error("cannot run git: {0}")]
    Spawn(String),
    /// `git` ran and failed.
    #[error("`git {args}` failed: {stderr}")]
    Failed {
        /// The arguments, joined by spaces.
        args: String,
        /// What git said.
        stderr: String,
    },
}

/// How a file differs between the base and the working tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    /// New since the base (including untracked files that are not ignored).
    Added,
    /// Present in both, with other content.
    Modified,
    /// Present at the base only.
    Deleted,
}

/// One file changed since the base.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The path relative to the top level, as git prints it (always `/`-separated).
    pub path: String,
    /// How it changed.
    pub kind: ChangeKind,
}

/// A repository, addressed by its top-level directory.
#[derive(Clone, Debug)]
pub struct Repo {
    /// The absolute top-level directory (`git rev-parse --show-toplevel`).
    pub top: PathBuf,
}

impl Repo {
    /// The repository that holds `dir`.
    pub fn discover(dir: &Path) -> Result<Repo, GitError> {
        let out = run(dir, &["rev-parse", "--show-toplevel"])?;
        let top = String::from_utf8_lossy(&out).trim_end_matches(['\n', '\r']).to_owned();
        Ok(Repo {
            top: PathBuf::from(top),
        })
    }

    /// The merge base of `reference` and `HEAD` (the `A` of `git diff A...HEAD`).
    pub fn merge_base(&self, reference: &str) -> Result<String, GitError> {
        let out = run(&self.top, &["merge-base", reference, "HEAD"])?;
        Ok(String::from_utf8_lossy(&out).trim().to_owned())
    }

    /// Files that differ between commit `base` and the working tree (committed, staged and
    /// unstaged changes, plus untracked files that are not ignored), sorted by path. Renames
    /// count as a deletion and an addition, so the old path's base text is still known.
    pub fn changes_since(&self, base: &str) -> Result<Vec<Change>, GitError> {
        let diff = run(&self.top, &["diff", "--name-status", "--no-renames", "-z", base, "--"])?;
        let mut changes = Vec::new();
        let mut fields = diff.split(|&b| b == 0).filter(|f| !f.is_empty());
        while let (Some(status), Some(path)) = (fields.next(), fields.next()) {
            let kind = match status.first() {
                Some(b'A') => ChangeKind::Added,
                Some(b'D') => ChangeKind::Deleted,
                _ => ChangeKind::Modified,
            };
            changes.push(Change {
                path: String::from_utf8_lossy(path).into_owned(),
                kind,
            });
        }
        let untracked = run(&self.top, &["ls-files", "--others", "--exclude-standard", "-z"])?;
        changes.extend(
            untracked
                .split(|&b| b == 0)
                .filter(|f| !f.is_empty())
                .map(|path| Change {
                    path: String::from_utf8_lossy(path).into_owned(),
                    kind: ChangeKind::Added,
                }),
        );
        changes.sort_by(|a, b| a.path.cmp(&b.path));
        changes.dedup_by(|a, b| a.path == b.path);
        Ok(changes)
    }

    /// Pages renamed between commit `base` and the working tree, as `(old, new)` paths relative to
    /// the top level (git's rename detection; untracked files are not considered).
    pub fn renames_since(&self, base: &str) -> Result<Vec<(String, String)>, GitError> {
        let diff = run(
            &self.top,
            &["diff", "--name-status", "-M", "--diff-filter=R", "-z", base, "--"],
        )?;
        let mut renames = Vec::new();
        let mut fields = diff.split(|&b| b == 0).filter(|f| !f.is_empty());
        while let (Some(_status), Some(old), Some(new)) = (fields.next(), fields.next(), fields.next()) {
            renames.push((
                String::from_utf8_lossy(old).into_owned(),
                String::from_utf8_lossy(new).into_owned(),
            ));
        }
        Ok(renames)
    }

    /// The bytes of `path` (relative to the top level) in commit `base`.
    pub fn show(&self, base: &str, path: &str) -> Result<Vec<u8>, GitError> {
        run(&self.top, &["show", &format!("{base}:{path}")])
    }

    /// The absolute path of `path` relative to the top level.
    pub fn absolute(&self, path: &str) -> PathBuf {
        self.top.join(path)
    }
}

fn run(dir: &Path, args: &[&str]) -> Result<Vec<u8>, GitError> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| GitError::Spawn(e.to_string()))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(GitError::Failed {
            args: args.join(" "),
            stderr: String::from_utf8_lossy(&out.stderr).trim().to_owned(),
        })
    }
}

/// The tree around `file` that cross-page checks need when only some files are linted: the
/// nearest ancestor directory holding a `rolelint.toml`, else the git top level, else none.
pub fn context_root(file: &Path) -> Option<PathBuf> {
    let abs = super::absolute(file);
    let mut dirs = abs.ancestors().filter(|d| d.is_dir());
    let first = dirs.next()?;
    if let Some(dir) = std::iter::once(first)
        .chain(dirs)
        .find(|d| d.join(crate::policy::CONFIG_FILE).is_file())
    {
        return Some(dir.to_path_buf());
    }
    Repo::discover(first).ok().map(|r| r.top)
}
