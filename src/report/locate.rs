//! From byte spans to lines and character columns, per file of a run; and portable paths.

use super::paths::{RepoPaths, normalize};
use crate::Run;
use crate::read::SourceFile;
use crate::span::{LineIndex, Position, Span};
use std::cell::RefCell;
use std::collections::HashMap;

/// The sources of a run by path, each with its line index (built once per report).
#[derive(Debug, Default)]
pub struct SourceMap<'r> {
    files: HashMap<&'r str, (&'r SourceFile, LineIndex)>,
    /// Repository-relative spellings, found on first use (only CI formats ask).
    repo: RefCell<(RepoPaths, HashMap<String, String>)>,
}

impl<'r> SourceMap<'r> {
    /// Indexes every source of `run`, context pages included (related places may lie there).
    pub fn new(run: &'r Run) -> Self {
        let files = run
            .sources
            .iter()
            .chain(&run.context)
            .map(|s| (&*s.path, (s, LineIndex::new(&s.text))))
            .collect();
        SourceMap {
            files,
            repo: RefCell::default(),
        }
    }

    /// `path` as people-facing formats and the JSON contract show it (see `report::paths`).
    pub fn shown(&self, path: &str) -> String {
        normalize(path)
    }

    /// The root of the git repository holding `path`, if any.
    pub fn repo_root(&self, path: &str) -> Option<std::path::PathBuf> {
        self.repo.borrow_mut().0.root_of(path)
    }

    /// `path` relative to its repository root, as CI consumers resolve it (see `report::paths`).
    pub fn repo(&self, path: &str) -> String {
        let mut cache = self.repo.borrow_mut();
        let (finder, known) = &mut *cache;
        if let Some(known) = known.get(path) {
            return known.clone();
        }
        let found = finder.of(path);
        known.insert(path.to_owned(), found.clone());
        found
    }

    /// The source read from `path`.
    pub fn source(&self, path: &str) -> Option<&'r SourceFile> {
        self.files.get(path).map(|(s, _)| *s)
    }

    /// Start and end positions of `span` in `path`. A file that is not among the sources (a
    /// policy file, say) gets line 1 and a column counted in bytes, so no report ever fails.
    pub fn locate(&self, path: &str, span: Span) -> (Position, Position) {
        match self.files.get(path) {
            Some((source, index)) => (
                index.position(&source.text, span.start as usize),
                index.position(&source.text, span.end as usize),
            ),
            None => {
                let at = |offset: u32| Position {
                    line: 1,
                    column: offset.saturating_add(1),
                    offset,
                };
                (at(span.start), at(span.end))
            }
        }
    }

    /// The byte range of the line holding `offset` in `path`, without its line ending (the
    /// whole range `0..0` for a file that is not among the sources).
    pub fn line_range(&self, path: &str, offset: usize) -> std::ops::Range<usize> {
        match self.files.get(path) {
            Some((source, index)) => index.line_range(&source.text, index.line_of(offset)),
            None => 0..0,
        }
    }

    /// True when the file at `path` started with a byte-order mark (offsets in the file are 3 more).
    pub fn has_bom(&self, path: &str) -> bool {
        self.source(path).is_some_and(|s| s.bom)
    }
}

/// `path` with forward slashes and without `.` steps (see `report::paths::normalize`).
pub fn portable_path(path: &str) -> String {
    normalize(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portable_paths() {
        assert_eq!(portable_path("./a/b.md"), "a/b.md");
        assert_eq!(portable_path(r"a\b.md"), "a/b.md");
        assert_eq!(portable_path("/abs/x.md"), "/abs/x.md");
    }

    #[test]
    fn unknown_files_do_not_fail() {
        let run = Run::default();
        let map = SourceMap::new(&run);
        let (start, end) = map.locate("rules/ladder.yaml", Span::new(4, 9));
        assert_eq!((start.line, start.column, end.column), (1, 5, 10));
    }
}
