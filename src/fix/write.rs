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
pub fn write(file: &FixedFile, roots: &Roots) -> Result<(), WriteError> {
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
    let mut out = atomic_write_file::AtomicWriteFile::open(&real).map_err(io)?;
    // Checked after the temporary file exists, so the window for a concurrent edit is small.
    if std::fs::read(&real).map_err(io)? != bytes_of(&file.before) {
        out.discard().ok();
        return Err(WriteError::Changed(shown));
    }
    out.write_all(&bytes_of(&file.after)).map_err(io)?;
    out.commit().map_err(io)
}
