//! How reports spell a page's path: one rule for every format.
//!
//! * **Shown** (human, concise, json): the path as given on the command line and joined by the
//!   walk, written with `/` separators and without `.` steps (`./a/./b.md` → `a/b.md`), with
//!   `x/../` folded lexically; a leading `..` or an absolute path stays as given.
//! * **Repository** (github, sarif, gitlab, junit, markdown): relative to the root of the git
//!   repository holding the page (the nearest ancestor with a `.git`), which is what GitHub
//!   annotations, code scanning and GitLab's widgets resolve paths against, wherever rolelint
//!   ran from. A page in no repository (or one that no longer exists) keeps its shown path.

use foldhash::HashMap;
use std::path::{Path, PathBuf};

/// `path` with `/` separators, no `.` steps and `x/..` folded; leading `..` and roots are kept.
pub fn normalize(path: &str) -> String {
    let unified = path.replace('\\', "/");
    let absolute = unified.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in unified.split('/') {
        match part {
            "" | "." => {}
            ".." => match parts.last() {
                Some(last) if is_drive(last) => {}
                Some(last) if *last != ".." => {
                    parts.pop();
                }
                // `/..` is `/`; a relative path keeps the steps that leave its base.
                _ if absolute && parts.is_empty() => {}
                _ => parts.push(".."),
            },
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    match (absolute, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_owned(),
        (false, false) => joined,
    }
}

/// `C:` as the first step of a Windows path: `..` never climbs above it.
fn is_drive(part: &str) -> bool {
    part.len() == 2 && part.ends_with(':')
}

/// Finds the repository root of each page once per directory (reports ask for many pages).
#[derive(Debug, Default)]
pub struct RepoPaths {
    roots: HashMap<PathBuf, Option<PathBuf>>,
}

impl RepoPaths {
    /// The repository spelling of `path` (see the module docs).
    pub fn of(&mut self, path: &str) -> String {
        let shown = normalize(path);
        let absolute = crate::read::absolute(Path::new(path));
        let Some(dir) = absolute.parent() else { return shown };
        let Some(root) = self.root(dir) else { return shown };
        match absolute.strip_prefix(&root) {
            Ok(rel) if !rel.as_os_str().is_empty() => normalize(&rel.to_string_lossy()),
            _ => shown,
        }
    }

    /// The root of the repository holding the page at `path`, if any.
    pub fn root_of(&mut self, path: &str) -> Option<PathBuf> {
        let absolute = crate::read::absolute(Path::new(path));
        self.root(absolute.parent()?)
    }

    /// The nearest ancestor of `dir` (itself included) holding `.git`, remembered per directory.
    fn root(&mut self, dir: &Path) -> Option<PathBuf> {
        if let Some(known) = self.roots.get(dir) {
            return known.clone();
        }
        let found = if dir.join(".git").exists() {
            Some(dir.to_path_buf())
        } else {
            dir.parent().and_then(|up| self.root(up))
        };
        self.roots.insert(dir.to_path_buf(), found.clone());
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalized() {
        assert_eq!(normalize("./a/b.md"), "a/b.md");
        assert_eq!(normalize("././a/./b.md"), "a/b.md");
        assert_eq!(normalize(r".\a\b.md"), "a/b.md");
        assert_eq!(normalize("a//b/../c.md"), "a/c.md");
        assert_eq!(normalize("../x/../y.md"), "../y.md");
        assert_eq!(normalize("../../y.md"), "../../y.md");
        assert_eq!(normalize("/abs/./x.md"), "/abs/x.md");
        assert_eq!(normalize("/../x.md"), "/x.md");
        assert_eq!(normalize("C:/a/../../b.md"), "C:/b.md");
        assert_eq!(normalize("."), ".");
    }

    #[test]
    fn repository_relative() {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("repo");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::create_dir_all(repo.join("pages/sub")).unwrap();
        let page = repo.join("pages/sub/a.md");
        let mut paths = RepoPaths::default();
        assert_eq!(paths.of(&page.to_string_lossy()), "pages/sub/a.md");
        let dotted = format!("{}/pages/./sub/../sub/a.md", repo.display());
        assert_eq!(paths.of(&dotted), "pages/sub/a.md");
        // Outside any repository the shown path stays.
        let loose = dir.path().join("loose.md");
        assert_eq!(paths.of(&loose.to_string_lossy()), normalize(&loose.to_string_lossy()));
    }
}
