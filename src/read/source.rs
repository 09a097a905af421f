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
    /// True when the text was read from a file on disk (so it can be read back for the report).
    pub from_disk: bool,
    /// Set once the text was dropped after the checks ([`SourceFile::drop_text`]); `text` is then empty.
    pub dropped: Option<Arc<Stamp>>,
}

/// What a source whose text was dropped keeps: enough to read it back for the report and to
/// notice that the file changed meanwhile.
#[derive(Debug)]
pub struct Stamp {
    /// Length of the dropped text in bytes.
    pub len: usize,
    /// A hash of the dropped text.
    pub hash: u64,
    /// Where each line starts and which lines are ASCII, so a changed file's findings keep their
    /// lines, and findings on ASCII lines are placed without reading the file back.
    pub line_starts: super::LineStarts,
}

/// Why a dropped source could not be read back as it was checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reread {
    /// The file cannot be read or decoded any more.
    Unreadable,
    /// The file's text is not the text that was checked.
    Changed,
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
        if let Some(offset) = memchr::memchr(0, body) {
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
            from_disk: false,
            dropped: None,
        }
    }

    /// Drops the text of a source read from disk, keeping its [`Stamp`]; returns whether it did
    /// (buffers in memory keep their text: nothing could read them back).
    pub fn drop_text(&mut self) -> bool {
        if !self.from_disk || self.dropped.is_some() {
            return self.dropped.is_some();
        }
        let line_starts = super::LineStarts::new(&self.text);
        self.dropped = Some(Arc::new(Stamp {
            len: self.text.len(),
            hash: text_hash(&self.text),
            line_starts,
        }));
        self.text = Arc::from("");
        true
    }

    /// This source with its dropped text read back from disk, when the file still holds the text
    /// that was checked; a source that kept its text is returned as it is.
    pub fn reread(&self) -> Result<SourceFile, Reread> {
        let Some(stamp) = &self.dropped else {
            return Ok(self.clone());
        };
        let read = super::load(std::path::Path::new(&*self.path)).map_err(|_| Reread::Unreadable)?;
        if read.text.len() != stamp.len || text_hash(&read.text) != stamp.hash || read.cr != self.cr {
            return Err(Reread::Changed);
        }
        Ok(SourceFile { dropped: None, ..read })
    }
}

/// The hash a [`Stamp`] keeps: fixed-seeded, so a text read back hashes the same.
fn text_hash(text: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::quality::FixedState::default().hash_one(text)
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
    fn a_dropped_text_reads_back_until_the_file_changes() {
        let dir = std::env::temp_dir().join(format!("rolelint-reread-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.md");
        std::fs::write(&path, "# T\nline é\n").unwrap();
        let mut memory = SourceFile::from_text(path.display().to_string(), "# T\n", false);
        assert!(!memory.drop_text(), "a buffer in memory keeps its text");
        let mut source = super::super::load(&path).unwrap();
        assert!(source.drop_text());
        assert_eq!(
            (
                &*source.text,
                source
                    .dropped
                    .as_ref()
                    .map(|s| s.line_starts.starts().collect::<Vec<_>>())
            ),
            ("", Some(vec![0, 4, 12]))
        );
        assert_eq!(&*source.reread().unwrap().text, "# T\nline é\n");
        std::fs::write(&path, "# T\nline e\n").unwrap();
        assert_eq!(source.reread().unwrap_err(), Reread::Changed);
        std::fs::remove_file(&path).unwrap();
        assert_eq!(source.reread().unwrap_err(), Reread::Unreadable);
        std::fs::remove_dir_all(&dir).unwrap();
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
