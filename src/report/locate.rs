//! From byte spans to lines and character columns, per file of a run; and portable paths.

use super::paths::{RepoPaths, normalize};
use crate::Run;
use crate::read::SourceFile;
use crate::span::{LineIndex, Position, Span};
use foldhash::HashMap;
use rayon::prelude::*;
use std::cell::RefCell;

/// The sources of a run by path, each with its line index (built once per report). A source
/// whose text was dropped after the checks is read back when a finding needs it, a few at a time.
#[derive(Debug, Default)]
pub struct SourceMap<'r> {
    files: HashMap<&'r str, (&'r SourceFile, LineIndex)>,
    /// Sources whose text was dropped, by path.
    dropped: HashMap<&'r str, &'r SourceFile>,
    /// The dropped sources read back most recently, the latest last.
    reread: RefCell<Vec<Reread>>,
    /// The dropped sources read back ahead of a batch of lookups ([`SourceMap::prefetch`]), by path.
    ahead: RefCell<HashMap<String, Option<(SourceFile, LineIndex)>>>,
    /// Repository-relative spellings, found on first use (only CI formats ask).
    repo: RefCell<(RepoPaths, HashMap<String, String>)>,
}

/// A dropped source read back: its text and line index, or `None` when the file changed.
#[derive(Debug)]
struct Reread {
    path: String,
    read: Option<(SourceFile, LineIndex)>,
}

/// How many read-back files are kept: findings come sorted by file, related places point to a few others.
const REREAD_KEPT: usize = 4;

impl<'r> SourceMap<'r> {
    /// Indexes every source of `run`, context pages included (related places may lie there).
    pub fn new(run: &'r Run) -> Self {
        let all = || run.sources.iter().chain(&run.context);
        let files = all()
            .filter(|s| s.dropped.is_none())
            .map(|s| (&*s.path, (s, LineIndex::new(&s.text))))
            .collect();
        let dropped = all().filter(|s| s.dropped.is_some()).map(|s| (&*s.path, s)).collect();
        SourceMap {
            files,
            dropped,
            reread: RefCell::default(),
            ahead: RefCell::default(),
            repo: RefCell::default(),
        }
    }

    /// Runs `f` on the dropped source at `path` read back (`None` when it changed since the checks).
    fn with_reread<T>(&self, path: &str, f: impl FnOnce(Option<&(SourceFile, LineIndex)>) -> T) -> Option<T> {
        let source = self.dropped.get(path)?;
        if let Some(read) = self.ahead.borrow().get(path) {
            return Some(f(read.as_ref()));
        }
        let mut cache = self.reread.borrow_mut();
        let at = match cache.iter().position(|r| r.path == path) {
            Some(at) => at,
            None => {
                let read = read_back(source);
                if cache.len() >= REREAD_KEPT {
                    cache.remove(0);
                }
                cache.push(Reread {
                    path: path.to_owned(),
                    read,
                });
                cache.len() - 1
            }
        };
        let entry = cache.remove(at);
        let out = f(entry.read.as_ref());
        cache.push(entry);
        Some(out)
    }

    /// Reads back, on several threads, the dropped files among `paths` for the lookups that follow
    /// (the human report shapes a batch of findings on one thread, asking for each file's text,
    /// lines and positions: one file after another, those reads were a serial part of its run);
    /// what an earlier call read ahead is let go.
    pub fn prefetch<'p>(&self, paths: impl IntoIterator<Item = &'p str>) {
        let mut seen = foldhash::HashSet::default();
        let wanted: Vec<&SourceFile> = paths
            .into_iter()
            .filter(|path| !self.files.contains_key(path) && seen.insert(*path))
            .filter_map(|path| self.dropped.get(path).copied())
            .collect();
        let mut ahead = self.ahead.borrow_mut();
        ahead.clear();
        ahead.extend(
            wanted
                .into_par_iter()
                .map(|source| (source.path.to_string(), read_back(source)))
                .collect::<Vec<_>>(),
        );
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

    /// The source read from `path`, with its text (read back if it was dropped; `None` when the
    /// file changed since it was checked, so no snippet shows other text).
    pub fn source(&self, path: &str) -> Option<SourceFile> {
        match self.files.get(path) {
            Some((s, _)) => Some((*s).clone()),
            None => self.with_reread(path, |read| read.map(|(s, _)| s.clone())).flatten(),
        }
    }

    /// Start and end positions of `span` in `path`. A file that is not among the sources (a
    /// policy file, say) gets line 1 and a column counted in bytes, so no report ever fails; one
    /// that changed since it was checked keeps its lines, with columns counted in bytes. A span of
    /// a dropped file on ASCII lines is placed from the kept line starts (see [`SourceMap::locate_all`]).
    pub fn locate(&self, path: &str, span: Span) -> (Position, Position) {
        if let Some((source, index)) = self.files.get(path) {
            return (
                index.position(&source.text, span.start as usize),
                index.position(&source.text, span.end as usize),
            );
        }
        if let Some(placed) = self
            .dropped
            .get(path)
            .and_then(|s| s.dropped.as_ref())
            .and_then(|stamp| kept_place(stamp, span))
        {
            return placed;
        }
        let found = self.with_reread(path, |read| {
            read.map(|(source, index)| {
                (
                    index.position(&source.text, span.start as usize),
                    index.position(&source.text, span.end as usize),
                )
            })
        });
        if let Some(Some(found)) = found {
            return found;
        }
        stamped(self.dropped.get(path).copied(), span)
    }

    /// [`SourceMap::locate`] of many spans at once, in their order: a dropped file whose spans all
    /// lie on ASCII lines is placed from the line starts its stamp kept (exactly as its text would
    /// place them, and without noticing a change made since the check, which those positions
    /// describe); any other is read back and indexed once, by one of several threads, for all its
    /// spans, and a file that changed since the check is said once.
    ///
    /// Hot: a report of a large tree reads back every file with a finding (137 MB for 10,900 pages),
    /// which one thread did while the others idled at the end of the run; related places in other
    /// files read those again.
    pub fn locate_all(&self, spans: &[(&str, Span)]) -> Vec<(Position, Position)> {
        // The spans in each dropped file, by their place in `spans`.
        let mut by_file: HashMap<&str, (&SourceFile, Vec<usize>)> = HashMap::default();
        for (i, &(path, _)) in spans.iter().enumerate() {
            if !self.files.contains_key(path)
                && let Some(&source) = self.dropped.get(path)
            {
                by_file.entry(path).or_insert_with(|| (source, Vec::new())).1.push(i);
            }
        }
        let mut by_file: Vec<(&SourceFile, Vec<usize>)> = by_file.into_values().collect();
        // In report order, as far as threads keep it (a file that changed is said on stderr).
        by_file.sort_unstable_by_key(|(_, at)| at.first().copied());
        let read_back: Vec<Vec<Placed>> = by_file
            .into_par_iter()
            .map(|(source, at)| {
                // Spans on ASCII lines are placed from the line starts kept with the stamp, as
                // the text would place them: most files are not read back at all.
                if let Some(placed) = source.dropped.as_ref().and_then(|stamp| kept_places(stamp, &at, spans)) {
                    return placed;
                }
                let these = at.into_iter().filter_map(|i| Some((i, spans.get(i)?.1)));
                match read_back(source) {
                    Some((read, index)) => {
                        let position = |offset: u32| index.position(&read.text, offset as usize);
                        these
                            .map(|(i, span)| (i, (position(span.start), position(span.end))))
                            .collect()
                    }
                    None => these.map(|(i, span)| (i, stamped(Some(source), span))).collect(),
                }
            })
            .collect();
        let mut located: Vec<Option<(Position, Position)>> = vec![None; spans.len()];
        for (i, position) in read_back.into_iter().flatten() {
            if let Some(slot) = located.get_mut(i) {
                *slot = Some(position);
            }
        }
        located
            .into_iter()
            .zip(spans)
            .map(|(found, &(path, span))| found.unwrap_or_else(|| self.locate(path, span)))
            .collect()
    }

    /// The byte range of the line holding `offset` in `path`, without its line ending (the
    /// whole range `0..0` for a file that is not among the sources or changed since).
    pub fn line_range(&self, path: &str, offset: usize) -> std::ops::Range<usize> {
        match self.files.get(path) {
            Some((source, index)) => index.line_range(&source.text, index.line_of(offset)),
            None => self
                .with_reread(path, |read| {
                    read.map(|(source, index)| index.line_range(&source.text, index.line_of(offset)))
                })
                .flatten()
                .unwrap_or(0..0),
        }
    }

    /// The whole lines of `path` around `range`, `extra` more on each side, as a byte range that
    /// starts at a line start and ends after a line ending (or at the end of the text), with the
    /// 0-based number of its first line; `None` for a file that is not among the sources.
    pub fn lines_around(
        &self,
        path: &str,
        range: std::ops::Range<usize>,
        extra: usize,
    ) -> Option<(std::ops::Range<usize>, usize)> {
        let around = |source: &SourceFile, index: &LineIndex| {
            let first = index.line_of(range.start).saturating_sub(extra);
            let after = index.line_of(range.end).saturating_add(extra + 1);
            let end = if after < index.line_count() {
                index.line_start(after)
            } else {
                source.text.len()
            };
            (index.line_start(first).min(end)..end, first)
        };
        match self.files.get(path) {
            Some((source, index)) => Some(around(source, index)),
            None => self
                .with_reread(path, |read| read.map(|(source, index)| around(source, index)))
                .flatten(),
        }
    }

    /// True when the file at `path` started with a byte-order mark (offsets in the file are 3 more).
    pub fn has_bom(&self, path: &str) -> bool {
        self.files
            .get(path)
            .map(|(s, _)| *s)
            .or_else(|| self.dropped.get(path).copied())
            .is_some_and(|s| s.bom)
    }
}

/// A dropped source read back with its line index; `None` (said on stderr) when the file changed
/// since it was checked or cannot be read.
fn read_back(source: &SourceFile) -> Option<(SourceFile, LineIndex)> {
    match source.reread() {
        Ok(read) => {
            let index = LineIndex::new(&read.text);
            Some((read, index))
        }
        Err(why) => {
            note_changed(&source.path, &why);
            None
        }
    }
}

/// A span's place among those located together, and its start and end.
type Placed = (usize, (Position, Position));

/// The positions of the spans of `spans` at `at` (all in the file `stamp` was kept for), when
/// every one lies on an ASCII line; `None` when one does not.
fn kept_places(stamp: &crate::read::Stamp, at: &[usize], spans: &[(&str, Span)]) -> Option<Vec<Placed>> {
    at.iter()
        .map(|&i| Some((i, kept_place(stamp, spans.get(i)?.1)?)))
        .collect()
}

/// The start and end of `span` from the line starts `stamp` kept, when both lie on ASCII lines.
fn kept_place(stamp: &crate::read::Stamp, span: Span) -> Option<(Position, Position)> {
    let lines = &stamp.line_starts;
    Some((lines.ascii_position(span.start)?, lines.ascii_position(span.end)?))
}

/// Positions in `source` (a file whose text is not at hand): lines from the line starts kept when
/// its text was dropped (line 1 when none were, or for a file that is not a source), columns
/// counted in bytes.
fn stamped(source: Option<&SourceFile>, span: Span) -> (Position, Position) {
    let stamp = source.and_then(|s| s.dropped.as_ref());
    let at = |offset: u32| {
        let (line, start) = stamp.map_or((1, 0), |stamp| stamp.line_starts.line_of(offset));
        Position {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: offset.saturating_sub(start).saturating_add(1),
            offset,
        }
    };
    (at(span.start), at(span.end))
}

/// Says on stderr, when a file is read back for the report, that its findings cannot be shown against its
/// text: the file changed (or went away) after it was checked.
#[allow(clippy::print_stderr)]
fn note_changed(path: &str, why: &crate::read::Reread) {
    let what = match why {
        crate::read::Reread::Changed => "changed on disk",
        crate::read::Reread::Unreadable => "cannot be read any more",
    };
    eprintln!(
        "warning: {path} {what} since it was checked: its findings keep their lines, columns count bytes and snippets are omitted"
    );
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
