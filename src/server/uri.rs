//! `file://` URIs to paths and back (percent-encoding only what a path needs).

use lsp_types::Uri;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The local path of a `file://` URI; `None` for other schemes, and for a name no local file can
/// have: an encoded `/` (`%2F`) or NUL inside a segment would otherwise name another file.
pub fn to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file://host/path` names a remote host; only the local form (empty host) is a path here.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        return None;
    }
    let lower = path.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%00") || (cfg!(windows) && lower.contains("%5c")) {
        return None;
    }
    let bytes = crate::checks::links::percent_decode_bytes(path);
    let text = String::from_utf8(bytes).ok()?;
    // Windows drive paths come as `/C:/…`.
    let text = match text.as_bytes() {
        [b'/', drive, b':', ..] if drive.is_ascii_alphabetic() && cfg!(windows) => text[1..].to_owned(),
        _ => text,
    };
    Some(PathBuf::from(text))
}

/// The `file://` URI of an absolute path.
pub fn from_path(path: &Path) -> Option<Uri> {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !text.starts_with('/') {
        out.push('/');
    }
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~:".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Uri::from_str(&out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_with_spaces_and_unicode() {
        let path = Path::new("/tmp/hand book/Zoë/index.html.md");
        let uri = from_path(path).unwrap();
        assert_eq!(uri.as_str(), "file:///tmp/hand%20book/Zo%C3%AB/index.html.md");
        assert_eq!(to_path(&uri).unwrap(), path);
        assert_eq!(to_path(&Uri::from_str("untitled:Untitled-1").unwrap()), None);
        assert_eq!(
            to_path(&Uri::from_str("file:///tmp/widget%2Fgadget.md").unwrap()),
            None,
            "no file name holds a `/`: not `/tmp/widget/gadget.md`"
        );
        assert_eq!(
            to_path(&Uri::from_str("file:///tmp/w%2f..%2f..%2fetc.md").unwrap()),
            None
        );
        assert_eq!(to_path(&Uri::from_str("file:///tmp/w%00.md").unwrap()), None);
        let percent = Path::new("/tmp/50%2F50.md");
        assert_eq!(
            to_path(&from_path(percent).unwrap()).unwrap(),
            percent,
            "a literal `%2F` round-trips"
        );
    }
}
