//! Stage 1 · read: walks the paths given (honouring .gitignore) and decodes each page into a [`SourceFile`].

pub mod bounded;
pub mod git;
mod lines;
mod source;

pub use lines::LineStarts;
pub use source::{DecodeError, MAX_SOURCE_BYTES, Reread, SourceFile, Stamp};

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// A file that could not be read or walked; the run goes on and exits 2 at the end.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {kind}")]
pub struct ReadError {
    /// The path that failed, as the user would write it.
    pub path: String,
    /// What went wrong.
    pub kind: ReadErrorKind,
}

/// What went wrong reading one path.
#[derive(Debug, thiserror::Error)]
pub enum ReadErrorKind {
    /// The path does not exist.
    #[error("no such file or directory")]
    Missing,
    /// The operating system refused (permissions, a symlink loop, …).
    #[error("cannot read: {0}")]
    Io(String),
    /// The bytes are not a UTF-8 text page.
    #[error("{0}")]
    Decode(#[from] DecodeError),
}

/// File names rolelint treats as pages when walking a directory.
pub const PAGE_GLOBS: &[&str] = &["*.md", "*.markdown", "*.md.erb"];

/// True when `path` has a page file name (`.md`, `.markdown`, `.html.md`, `.md.erb`, `.html.md.erb`).
pub fn is_page_name(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default()
        .to_ascii_lowercase();
    name.ends_with(".md") || name.ends_with(".markdown") || name.ends_with(".md.erb")
}

/// Expands files and directories into the sorted list of page paths to read.
/// Directories are walked recursively, honouring `.gitignore` (also outside a git repository);
/// a file named explicitly is always taken, whatever its name.
pub fn collect(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<ReadError>) {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for root in paths {
        match std::fs::metadata(root) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => errors.push(ReadError {
                path: root.display().to_string(),
                kind: ReadErrorKind::Missing,
            }),
            Err(e) => errors.push(ReadError {
                path: root.display().to_string(),
                kind: ReadErrorKind::Io(e.to_string()),
            }),
            Ok(meta) if meta.is_file() => found.push(root.clone()),
            Ok(meta) if meta.is_dir() => walk(root, &mut found, &mut errors),
            // A FIFO or device named explicitly: reading it could block forever.
            Ok(_) => errors.push(ReadError {
                path: root.display().to_string(),
                kind: ReadErrorKind::Io("not a regular file or directory".into()),
            }),
        }
    }
    // Paths travel as text from here on (reports, fixes): a name that is not UTF-8 would be shown,
    // and written back, under another name, so it is an error rather than silently skipped.
    found.retain(|path| {
        let text = path.to_str().is_some();
        if !text {
            errors.push(ReadError {
                path: path.display().to_string(),
                kind: ReadErrorKind::Io("the file name is not valid UTF-8; rename the file to lint it".into()),
            });
        }
        text
    });
    found.sort();
    found.dedup();
    // The walk runs in parallel: two errors of one path are ordered by what they say, not by
    // which thread met them first.
    errors.sort_by_cached_key(|e| (e.path.clone(), e.kind.to_string()));
    (found, errors)
}

/// Ignore files the walk reads in each folder it enters and in the root's ancestors.
const IGNORE_FILES: &[&str] = &[".gitignore", ".ignore", ".git/info/exclude"];

/// An ignore file in `dir` that is not a regular file or is too large, and why: the walk would
/// block on a FIFO or read `/dev/zero` until memory runs out.
fn bad_ignore_file(dir: &Path) -> Option<ReadError> {
    IGNORE_FILES.iter().find_map(|name| {
        let path = dir.join(name);
        bounded::refusal(&path, bounded::IGNORE_LIMIT).map(|why| ReadError {
            path: path.display().to_string(),
            kind: ReadErrorKind::Io(format!("{why}; the folder {} is not walked", dir.display())),
        })
    })
}

fn walk(root: &Path, found: &mut Vec<PathBuf>, errors: &mut Vec<ReadError>) {
    let mut ancestors = absolute(root)
        .ancestors()
        .skip(1)
        .map(Path::to_path_buf)
        .collect::<Vec<_>>();
    ancestors.insert(0, root.to_path_buf());
    if let Some(e) = ancestors.iter().find_map(|dir| bad_ignore_file(dir)) {
        errors.push(e);
        return;
    }
    // The pages and errors the walk meets, from every thread and from `filter_entry`.
    let met = std::sync::Arc::new(std::sync::Mutex::new((Vec::new(), Vec::new())));
    let sink = met.clone();
    // In parallel: on 10,900 pages the walk was a serial eighth of a run. The caller sorts what it
    // finds (pages and errors by path), so the order the threads find them in does not show.
    let walker = ignore::WalkBuilder::new(root)
        .require_git(false)
        .hidden(true)
        .follow_links(false)
        // Runs before the walk reads a folder's ignore files.
        .filter_entry(move |entry| {
            if !entry.file_type().is_some_and(|t| t.is_dir()) {
                return true;
            }
            match bad_ignore_file(entry.path()) {
                Some(e) => {
                    sink.lock().unwrap_or_else(std::sync::PoisonError::into_inner).1.push(e);
                    false
                }
                None => true,
            }
        })
        .build_parallel();
    walker.run(|| {
        Box::new(|entry| {
            let (page, error) = match entry {
                Ok(entry) => {
                    let is_file = entry.file_type().is_some_and(|t| t.is_file());
                    ((is_file && is_page_name(entry.path())).then(|| entry.into_path()), None)
                }
                Err(e) => (
                    None,
                    Some(ReadError {
                        path: error_path(&e).unwrap_or_else(|| root.display().to_string()),
                        kind: ReadErrorKind::Io(e.to_string()),
                    }),
                ),
            };
            if page.is_some() || error.is_some() {
                let mut met = met.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                met.0.extend(page);
                met.1.extend(error);
            }
            ignore::WalkState::Continue
        })
    });
    let mut met = met.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    found.append(&mut met.0);
    errors.append(&mut met.1);
}

fn error_path(e: &ignore::Error) -> Option<String> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path.display().to_string()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => error_path(err),
        ignore::Error::Loop { child, .. } => Some(child.display().to_string()),
        _ => None,
    }
}

/// The working directory, asked for once: rolelint never changes it, and asking the system again
/// for every page cost five `getcwd` calls a page (54,506 on 10,900 pages), most of them in the
/// serial start of a run.
static WORKING_DIR: LazyLock<Option<PathBuf>> = LazyLock::new(|| std::env::current_dir().ok());

/// [`std::path::absolute`] (`.` and `..` kept, no symlink resolved), against the working directory
/// as it was when first asked for; `path` itself where that fails (an empty path).
pub fn absolute_unresolved(path: &Path) -> PathBuf {
    let absolute = match &*WORKING_DIR {
        // Joined to an absolute directory, the path is absolute, and `std::path::absolute` treats
        // it as it treated the relative one after prefixing the working directory (an empty path
        // stays an error).
        Some(dir) if path.is_relative() && !path.as_os_str().is_empty() => std::path::absolute(dir.join(path)),
        _ => std::path::absolute(path),
    };
    absolute.unwrap_or_else(|_| path.to_path_buf())
}

/// `path` made absolute against the working directory, with `.` and `..` removed lexically, so
/// one file named two ways (`a/x.md`, `./b/../a/x.md`) compares equal.
pub fn absolute(path: &Path) -> PathBuf {
    let joined = absolute_unresolved(path);
    let mut out = PathBuf::new();
    for part in joined.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A page the walk found and left on disk, to be read on its turn.
#[derive(Clone, Debug)]
pub struct Unread {
    /// Where it is.
    pub path: PathBuf,
    /// Its path as shown: the path its [`SourceFile`] will have once [`load`]ed.
    pub shown: String,
    /// Its place in the walk, so that an error reading it keeps its place among the others.
    pub order: usize,
    /// True when a path named to lint reached it (a context page that cannot be read is left out).
    pub named: bool,
}

impl Unread {
    /// The page at `path`, found in place `order` of the walk.
    pub fn new(path: PathBuf, order: usize, named: bool) -> Self {
        Unread {
            shown: path.display().to_string(),
            path,
            order,
            named,
        }
    }
}

/// Reads and decodes one page.
pub fn load(path: &Path) -> Result<SourceFile, ReadError> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| ReadError {
        path: shown.clone(),
        kind: if e.kind() == std::io::ErrorKind::NotFound {
            ReadErrorKind::Missing
        } else {
            ReadErrorKind::Io(e.to_string())
        },
    })?;
    let mut source = SourceFile::decode(shown.clone(), bytes).map_err(|e| ReadError {
        path: shown,
        kind: e.into(),
    })?;
    source.from_disk = true;
    Ok(source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_unresolved_is_std_absolute_without_asking_for_the_working_directory_again() {
        for path in [
            "", ".", "./", "a", "./a/", "a//b/./c", "a/../b", "../x.md", "/x//y/", "//x/y", "/./a/..",
        ] {
            let path = Path::new(path);
            let std = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
            assert_eq!(absolute_unresolved(path), std, "{}", path.display());
        }
    }
}
