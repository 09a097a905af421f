//! What git knows about the tree: its top level, the merge base with a ref, the pages changed
//! since then and their text at the base. Runs the `git` binary; never writes to the repository.

use foldhash::HashMap;
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

/// The trees around files that cross-page checks need when only some files are linted (see
/// [`ContextRoots::root_of`]). Made for many files (pre-commit names every staged page, and every
/// page with `--all-files`): each folder is looked at once, and git is asked once per repository.
/// Asking it for every file spawned one `git` a page (1,090 pages: 1.6 s before the first page
/// was read).
#[derive(Debug, Default)]
pub struct ContextRoots {
    /// The nearest folder at or above a folder that holds a `rolelint.toml`, by folder.
    configured: HashMap<PathBuf, Option<PathBuf>>,
    /// The nearest folder at or above a folder that holds `.git`, by folder.
    marked: HashMap<PathBuf, Option<PathBuf>>,
    /// git's top level, by the nearest folder holding `.git` (`None`: no such folder).
    tops: HashMap<Option<PathBuf>, Option<PathBuf>>,
}

impl ContextRoots {
    /// The tree around `file`: the nearest ancestor directory holding a `rolelint.toml`, else the
    /// git top level, else none.
    pub fn root_of(&mut self, file: &Path) -> Option<PathBuf> {
        let abs = super::absolute(file);
        let first = abs.ancestors().find(|d| d.is_dir())?;
        if let Some(dir) = nearest(&mut self.configured, first, |d| {
            d.join(crate::policy::CONFIG_FILE).is_file()
        }) {
            return Some(dir);
        }
        // git finds the repository of a folder by climbing to the nearest folder holding `.git`:
        // every folder below that one, on the way up to it, gets the same answer.
        let marked = nearest(&mut self.marked, first, |d| d.join(".git").exists());
        self.tops
            .entry(marked)
            .or_insert_with(|| Repo::discover(first).ok().map(|r| r.top))
            .clone()
    }
}

/// The nearest folder at or above `first` that passes `test`, remembered in `memo` for every folder
/// climbed: the next page's climb stops at the first folder an earlier one passed through.
fn nearest(
    memo: &mut HashMap<PathBuf, Option<PathBuf>>,
    first: &Path,
    test: impl Fn(&Path) -> bool,
) -> Option<PathBuf> {
    let mut visited = Vec::new();
    let mut found = None;
    for dir in first.ancestors() {
        if let Some(known) = memo.get(dir) {
            found = known.clone();
            break;
        }
        visited.push(dir.to_path_buf());
        if test(dir) {
            found = Some(dir.to_path_buf());
            break;
        }
    }
    for dir in visited {
        memo.insert(dir, found.clone());
    }
    found
}

/// The first answer `probe` gives for a folder searched from `paths` in order: from each path's
/// folder (a file's parent, a folder itself) up to the top of its git repository; outside one, up
/// to `levels_outside` levels above it. Each folder is probed once: pages named one by one share
/// their folders above, and a folder probed already gave no answer, or the search would have
/// ended there.
pub fn first_above<T>(
    paths: &[PathBuf],
    levels_outside: usize,
    mut probe: impl FnMut(&Path) -> Option<T>,
) -> Option<T> {
    // Which folders hold `.git` (a folder, or a file in a worktree), each looked at once.
    let mut marks: HashMap<PathBuf, bool> = HashMap::default();
    let mut holds_git = |dir: &Path| match marks.get(dir) {
        Some(&known) => known,
        None => *marks.entry(dir.to_path_buf()).or_insert(dir.join(".git").exists()),
    };
    let mut searched = foldhash::HashSet::default();
    for path in paths {
        let abs = super::absolute(path);
        let start = if abs.is_file() {
            abs.parent().map_or_else(|| abs.clone(), Path::to_path_buf)
        } else {
            abs
        };
        let mut folders = Vec::new();
        let mut in_repository = false;
        for dir in start.ancestors() {
            folders.push(dir);
            if holds_git(dir) {
                in_repository = true;
                break;
            }
        }
        if !in_repository {
            folders.truncate(levels_outside + 1);
        }
        for dir in folders {
            if !searched.insert(dir.to_path_buf()) {
                continue;
            }
            if let Some(found) = probe(dir) {
                return Some(found);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn init(dir: &Path) {
        let status = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(["init", "-q"])
            .status()
            .unwrap();
        assert!(status.success());
    }

    #[test]
    fn context_roots_give_each_file_its_own_answer_across_nested_repositories_and_configs() {
        let tmp = tempfile::tempdir().unwrap();
        // git prints the real path of the top level.
        let top = tmp.path().canonicalize().unwrap();
        let page = |rel: &str| {
            let path = top.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, "# Page\n").unwrap();
            path
        };
        init(&top);
        let (x, y) = (page("a/x/page.md"), page("a/y/page.md"));
        let nested = top.join("a/sub");
        let inner = page("a/sub/deep/page.md");
        init(&nested);
        let configured = page("c/d/page.md");
        fs::write(top.join("c").join(crate::policy::CONFIG_FILE), "").unwrap();

        let mut roots = ContextRoots::default();
        // The nested repository first: its answer is not reused for the outer repository's
        // folders, nor the outer one's for the nested one's.
        assert_eq!(roots.root_of(&inner), Some(nested.clone()));
        assert_eq!(roots.root_of(&x), Some(top.clone()));
        assert_eq!(roots.root_of(&y), Some(top.clone()));
        assert_eq!(roots.root_of(&configured), Some(top.join("c")));
        assert_eq!(roots.root_of(&inner), Some(nested));
        // The folder of a named page that does not exist yet is its nearest existing one's.
        assert_eq!(roots.root_of(&top.join("a/x/new/page.md")), Some(top.clone()));
        // git was asked once per repository.
        assert_eq!(roots.tops.len(), 2);
    }
}
