//! Reading the small files around the pages (configuration, `extend`, redirects, baselines, ignore
//! files): regular files only, up to a size cap, so a FIFO cannot hang a run and `/dev/zero`
//! cannot fill memory.

use std::io::Read;
use std::path::Path;

/// The largest configuration or `extend` file read (a `rolelint.toml` is a few KB).
pub const CONFIG_LIMIT: u64 = 1 << 20;
/// The largest redirects file read (a big site's `redirects.yml` is a few MB).
pub const REDIRECTS_LIMIT: u64 = 64 << 20;
/// The largest baseline read (about 300 bytes per finding).
pub const BASELINE_LIMIT: u64 = 256 << 20;
/// The largest `.gitignore` or `.ignore` file a walk accepts.
pub const IGNORE_LIMIT: u64 = 16 << 20;

/// Why a file around the pages was not read: its kind or its size, before any byte was read.
pub fn refusal(path: &Path, limit: u64) -> Option<String> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        // Missing or unreadable: the read itself says so in the usual words.
        Err(_) => return None,
    };
    if !meta.is_file() {
        return Some(format!("not a regular file ({})", kind(&meta)));
    }
    (meta.len() > limit).then(|| format!("file is {} bytes; the limit is {limit} bytes", meta.len()))
}

/// The text of the regular file at `path`, refused when it is something else or larger than `limit`.
pub fn read_text(path: &Path, limit: u64) -> std::io::Result<String> {
    if let Some(why) = refusal(path, limit) {
        return Err(std::io::Error::other(why));
    }
    let file = std::fs::File::open(path)?;
    // The file may have grown (or been swapped) since it was looked at: never read past the cap.
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(std::io::Error::other(format!(
            "file is larger than the limit of {limit} bytes"
        )));
    }
    String::from_utf8(bytes).map_err(|_| std::io::Error::other("not valid UTF-8"))
}

/// What a file that is not a regular file is, in words (`a FIFO`, `a device`, …).
pub fn kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() { "a directory" } else { "a special file" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_directories_and_big_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            read_text(dir.path(), 10).unwrap_err().to_string(),
            "not a regular file (a directory)"
        );
        let big = dir.path().join("big.toml");
        std::fs::write(&big, "x".repeat(11)).unwrap();
        assert_eq!(
            read_text(&big, 10).unwrap_err().to_string(),
            "file is 11 bytes; the limit is 10 bytes"
        );
        assert_eq!(read_text(&big, 11).unwrap(), "x".repeat(11));
        #[cfg(unix)]
        assert_eq!(
            read_text(Path::new("/dev/zero"), 10).unwrap_err().to_string(),
            "not a regular file (a device)"
        );
    }
}
