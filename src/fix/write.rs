//! Writing a fixed page back: only a linted page under a linted root, never through a symlink,
//! never over a file that changed since it was read, and atomically (a temporary file in the same
//! folder, then a rename), keeping the file's permissions.

use super::{FixedFile, bytes_of};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a fixed page was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The page is a symbolic link; `--fix` never writes through one (the link would be
    /// replaced by a regular file, or a file outside the tree changed).
    #[error("{0}: not fixed: it is a symbolic link")]
    Symlink(String),
    /// The page does not lie under any of the linted paths.
    #[error("{0}: not fixed: it is outside the linted paths")]
    OutsideRoots(String),
    /// The file on disk no longer holds what was linted.
    #[error("{0}: not fixed: the file changed while rolelint ran")]
    Changed(String),
    /// The operating system refused.
    #[error("{path}: cannot write the fixed page: {message}")]
    Io {
        /// The page.
        path: String,
        /// What the OS said.
        message: String,
    },
}

/// The linted roots, resolved once, that bound every write.
#[derive(Debug, Clone)]
pub struct Roots(Vec<PathBuf>);

impl Roots {
    /// Resolves the paths given on the command line (those that do not exist bound nothing).
    pub fn new(paths: &[PathBuf]) -> Self {
        Roots(paths.iter().filter_map(|p| std::fs::canonicalize(p).ok()).collect())
    }

    /// True when the resolved `path` is one of the roots or lies under a root directory.
    pub fn contain(&self, path: &Path) -> bool {
        self.0
            .iter()
            .any(|root| path == root || (root.is_dir() && path.starts_with(root)))
    }
}

/// Writes `file.after` over `file.before`'s path, atomically, after the checks above.
///
/// The file is compared with what was linted once more after the new text is written and synced
/// to the temporary file, right before the rename: an editor's save during the write or the fsync
/// keeps the editor's text. What remains is the time between that comparison and the rename (a
/// rename cannot be made conditional on the old file's content without locking every editor out).
pub fn write(file: &FixedFile, roots: &Roots) -> Result<(), WriteError> {
    write_with(file, roots, || {})
}

/// [`write`], calling `written` once the new text is in the temporary file and synced (tests put
/// an editor's save there).
fn write_with(file: &FixedFile, roots: &Roots, written: impl FnOnce()) -> Result<(), WriteError> {
    let shown = file.path().to_owned();
    let path = Path::new(file.path());
    let io = |e: std::io::Error| WriteError::Io {
        path: shown.clone(),
        message: e.to_string(),
    };
    let meta = std::fs::symlink_metadata(path).map_err(io)?;
    if meta.file_type().is_symlink() {
        return Err(WriteError::Symlink(shown));
    }
    let real = std::fs::canonicalize(path).map_err(io)?;
    if !meta.is_file() || !roots.contain(&real) {
        return Err(WriteError::OutsideRoots(shown));
    }
    let before = bytes_of(&file.before);
    let unchanged = || std::fs::read(&real).map(|now| now == before);
    if !unchanged().map_err(io)? {
        return Err(WriteError::Changed(shown));
    }
    let mut out = atomic_write_file::AtomicWriteFile::open(&real).map_err(io)?;
    out.write_all(&bytes_of(&file.after)).map_err(io)?;
    // Synced here, so the commit below has nothing left to flush before its rename.
    out.sync_all().map_err(io)?;
    written();
    if !unchanged().map_err(io)? {
        out.discard().ok();
        return Err(WriteError::Changed(shown));
    }
    out.commit().map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::SourceFile;

    #[test]
    fn a_save_while_the_fix_is_written_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("p.md");
        std::fs::write(&page, "the the\n").unwrap();
        let path = page.display().to_string();
        let file = FixedFile {
            before: SourceFile::from_text(path.as_str(), "the the\n", false),
            after: SourceFile::from_text(path.as_str(), "the\n", false),
            applied: 1,
        };
        let roots = Roots::new(&[dir.path().to_path_buf()]);
        let saved = || std::fs::write(&page, "the editor's text\n").unwrap();
        let e = write_with(&file, &roots, saved).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("{path}: not fixed: the file changed while rolelint ran")
        );
        assert_eq!(std::fs::read_to_string(&page).unwrap(), "the editor's text\n");
        // Without a save in between the fix is written.
        std::fs::write(&page, "the the\n").unwrap();
        write(&file, &roots).unwrap();
        assert_eq!(std::fs::read_to_string(&page).unwrap(), "the\n");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }
}
