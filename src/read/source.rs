//! One input file, decoded once: BOM, line endings and UTF-8 are decided here and nowhere else.

use std::sync::Arc;

/// A decoded source text and what was found about its encoding.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as given on the command line, joined with the walked relative path.
    pub path: Arc<str>,
    /// The text after the BOM, exactly as written otherwise (CRLF kept, so offsets match the file).
    pub text: Arc<str>,
    /// True when the file started with a UTF-8 byte-order mark (it is not part of `text`).
    pub bom: bool,
    /// True when the file uses CRLF line endings (judged by its first line ending).
    pub crlf: bool,
    /// True when the file ends its lines with a lone CR (classic Mac) and has no LF at all: `text`
    /// holds LF in their place (one byte for one, so offsets still match the file), and the
    /// bytes written back turn them into CR again.
    pub cr: bool,
}

/// Why a file's bytes are not a page rolelint can read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The bytes are not UTF-8; `offset` is the first bad byte.
    #[error("not valid UTF-8 (first invalid byte at offset {offset}, line {line}); save the file as UTF-8")]
    NotUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
        /// 1-based line of that byte.
        line: usize,
    },
    /// The file holds NUL bytes, so it is binary, not a text page.
    #[error("binary file (NUL byte at offset {offset}); rolelint reads Markdown text only")]
    Binary {
        /// Byte offset of the first NUL byte.
        offset: usize,
    },
    /// The file is larger than spans can address.
    #[error("file is {size} bytes; rolelint reads pages up to {limit} bytes")]
    TooLarge {
        /// Size of the file.
        size: usize,
        /// The largest size accepted.
        limit: usize,
    },
}

/// The largest page accepted: spans are `u32`, and no handbook page comes near this.
pub const MAX_SOURCE_BYTES: usize = 1 << 30;

impl SourceFile {
    /// Decodes `bytes` read from `path`.
    pub fn decode(path: impl Into<Arc<str>>, bytes: Vec<u8>) -> Result<Self, DecodeError> {
        if bytes.len() > MAX_SOURCE_BYTES {
            return Err(DecodeError::TooLarge {
                size: bytes.len(),
                limit: MAX_SOURCE_BYTES,
            });
        }
        let bom = bytes.starts_with(b"\xEF\xBB\xBF");
        let body = if bom { &bytes[3..] } else { &bytes[..] };
        if let Some(offset) = body.iter().position(|&b| b == 0) {
            return Err(DecodeError::Binary {
                offset: offset + usize::from(bom) * 3,
            });
        }
        let text = match std::str::from_utf8(body) {
            Ok(text) => text,
            Err(e) => {
                let offset = e.valid_up_to();
                let line = body[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
                return Err(DecodeError::NotUtf8 {
                    offset: offset + usize::from(bom) * 3,
                    line,
                });
            }
        };
        Ok(Self::from_text(path, text, bom))
    }

    /// A source from text already in memory (stdin, tests); `bom` says whether one was stripped.
    pub fn from_text(path: impl Into<Arc<str>>, text: &str, bom: bool) -> Self {
        let crlf = text
            .find('\n')
            .is_some_and(|i| i > 0 && text.as_bytes()[i - 1] == b'\r');
        // Every reader (front matter, Markdown, line index) splits lines at LF only.
        let cr = !crlf
            && memchr::memchr(b'\n', text.as_bytes()).is_none()
            && memchr::memchr(b'\r', text.as_bytes()).is_some();
        SourceFile {
            path: path.into(),
            text: if cr {
                Arc::from(text.replace('\r', "\n"))
            } else {
                Arc::from(text)
            },
            bom,
            crlf,
            cr,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_and_detects_crlf() {
        let f = SourceFile::decode("a.md", b"\xEF\xBB\xBF# T\r\nx\r\n".to_vec()).unwrap();
        assert!(f.bom);
        assert!(f.crlf);
        assert_eq!(&*f.text, "# T\r\nx\r\n");
    }

    #[test]
    fn cr_only_lines_are_read_as_lf_at_the_same_offsets() {
        let f = SourceFile::decode("a.md", b"# T\rx\r".to_vec()).unwrap();
        assert!(f.cr && !f.crlf);
        assert_eq!(&*f.text, "# T\nx\n");
        let mixed = SourceFile::decode("a.md", b"# T\rx\n".to_vec()).unwrap();
        assert!(!mixed.cr);
        assert_eq!(&*mixed.text, "# T\rx\n");
    }

    #[test]
    fn rejects_binary_and_bad_utf8_with_location() {
        assert_eq!(
            SourceFile::decode("a", b"ab\0c".to_vec()).unwrap_err(),
            DecodeError::Binary { offset: 2 }
        );
        assert_eq!(
            SourceFile::decode("a", b"ok\n\xff".to_vec()).unwrap_err(),
            DecodeError::NotUtf8 { offset: 3, line: 2 }
        );
    }
}
