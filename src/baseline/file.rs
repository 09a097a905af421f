//! The baseline file: versioned JSON, one sorted entry per finding, written atomically.

use super::Baseline;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::Path;

/// The format version written; a file of another version is refused, not misread.
pub const VERSION: u32 = 2;

/// The versions read: version 1 has no position hints (identical findings then match in page
/// order, and the last ones are new).
const READS: [u32; 2] = [1, 2];

/// One recorded finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The page, relative to the baseline file's directory, `/`-separated.
    pub path: String,
    /// The rule id.
    pub rule: String,
    /// Path, rule and structural key hashed (see the module docs); what matching compares.
    pub fingerprint: String,
    /// The finding's message when recorded, for people reading the file and stale entries.
    pub message: String,
    /// Since version 2: the finding's line, hashed (see `position`); tells identical findings apart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line_hash: Option<String>,
    /// Since version 2: the finding's line and its nearest non-blank neighbours, hashed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nearby_hash: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileFormat {
    version: u32,
    #[serde(default)]
    tool: String,
    findings: Vec<Entry>,
}

/// A baseline file that cannot be read or written.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    /// Reading or writing failed.
    #[error("{path}: {message}")]
    Io {
        /// The file.
        path: String,
        /// What went wrong.
        message: String,
    },
    /// The file is not a rolelint baseline.
    #[error("{path} is not a rolelint baseline: {message}")]
    Format {
        /// The file.
        path: String,
        /// What is wrong with it.
        message: String,
    },
}

impl Entry {
    /// The order of the file: by path, rule and message (what people read), then fingerprint.
    pub fn order(&self) -> (&str, &str, &str, &str) {
        (&self.path, &self.rule, &self.message, &self.fingerprint)
    }

    /// Where the recorded finding sat, as far as the file tells.
    pub fn hint(&self) -> super::position::Hint {
        super::position::Hint {
            line: self.line_hash.clone(),
            nearby: self.nearby_hash.clone(),
        }
    }
}

impl Baseline {
    /// Reads the baseline at `path`; entry paths are taken relative to its directory.
    pub fn load(path: &Path) -> Result<Self, BaselineError> {
        let shown = path.display().to_string();
        let text = crate::read::bounded::read_text(path, crate::read::bounded::BASELINE_LIMIT).map_err(|e| {
            BaselineError::Io {
                path: shown.clone(),
                message: e.to_string(),
            }
        })?;
        let file: FileFormat = serde_json::from_str(&text).map_err(|e| BaselineError::Format {
            path: shown.clone(),
            message: e.to_string(),
        })?;
        if !READS.contains(&file.version) {
            return Err(BaselineError::Format {
                path: shown,
                message: format!("version {} (this rolelint reads versions 1 to {VERSION})", file.version),
            });
        }
        let mut entries = file.findings;
        entries.sort_by(|a, b| a.order().cmp(&b.order()));
        Ok(Baseline {
            entries,
            dir: parent(path),
        })
    }

    /// Writes the baseline to `path` atomically (a reader never sees half a file).
    pub fn save(&self, path: &Path) -> Result<(), BaselineError> {
        let io = |e: std::io::Error| BaselineError::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        };
        let file = FileFormat {
            version: VERSION,
            tool: "rolelint".to_owned(),
            findings: self.entries.clone(),
        };
        let mut text = serde_json::to_string_pretty(&file).map_err(|e| io(std::io::Error::other(e)))?;
        text.push('\n');
        let target = target(path).map_err(|why| BaselineError::Io {
            path: path.display().to_string(),
            message: format!("not written: {why}"),
        })?;
        let mut out = atomic_write_file::AtomicWriteFile::open(&target).map_err(io)?;
        out.write_all(text.as_bytes()).map_err(io)?;
        out.commit().map_err(io)
    }
}

/// The file a baseline named `path` is written to: `path` itself when it is missing or a regular
/// file, the file a symbolic link points to when that is a regular file (the rename would
/// otherwise replace the link by a file with the link's mode, 0777); anything else (a FIFO, a
/// device, a directory, a dangling link) is refused, since renaming over it would destroy it.
fn target(path: &Path) -> Result<std::path::PathBuf, String> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(path.to_path_buf()),
        Err(e) => return Err(e.to_string()),
    };
    if meta.is_file() {
        return Ok(path.to_path_buf());
    }
    if !meta.file_type().is_symlink() {
        return Err(format!(
            "it is not a regular file ({}); name a file",
            crate::read::bounded::kind(&meta)
        ));
    }
    let real = std::fs::canonicalize(path)
        .map_err(|_| "it is a symbolic link to nothing; remove the link or create the file it points to".to_owned())?;
    match std::fs::metadata(&real) {
        Ok(meta) if meta.is_file() => Ok(real),
        Ok(meta) => Err(format!(
            "it is a symbolic link to {} ({}); name a file",
            real.display(),
            crate::read::bounded::kind(&meta)
        )),
        Err(e) => Err(e.to_string()),
    }
}

/// The directory of the file at `path` (`.` for a bare file name).
pub fn parent(path: &Path) -> std::path::PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    }
}
