//! `--fix` and `--diff`: applies the findings' fixes in memory, re-lints until nothing more
//! applies, and hands back each changed page (written by [`write`], or shown by [`diff`]).
//!
//! Fixes are applied to the decoded text (BOM stripped, CRLF kept); the BOM is put back and
//! line breaks in replacements follow the page's own line endings, so only the fixed words change.

pub mod diff;
pub mod write;

use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::read::SourceFile;
use crate::{Run, Settings};
use foldhash::HashMap;
use foldhash::HashMapExt;
use std::sync::Arc;

/// How many times fixes are applied and the pages re-linted before giving up (as ruff does):
/// a fix can reveal another finding, and a second `--fix` run must find nothing to change.
pub const MAX_PASSES: usize = 5;

/// Which fixes to apply.
#[derive(Clone, Copy, Debug, Default)]
pub struct FixOptions {
    /// Apply fixes marked unsafe too (`--unsafe-fixes`).
    pub unsafe_fixes: bool,
}

/// One page whose text the fixes changed.
#[derive(Clone, Debug)]
pub struct FixedFile {
    /// The page as read.
    pub before: SourceFile,
    /// The page after every pass.
    pub after: SourceFile,
    /// How many fixes were applied to it, over all passes.
    pub applied: usize,
}

impl FixedFile {
    /// The path, as given.
    pub fn path(&self) -> &str {
        &self.before.path
    }
}

/// The outcome of fixing: the run on the fixed texts (what remains) and the pages that changed.
#[derive(Debug, Default)]
pub struct FixRun {
    /// The last lint, of the fixed texts: the findings that remain.
    pub run: Run,
    /// The pages whose text changed, sorted by path.
    pub files: Vec<FixedFile>,
    /// How many passes applied at least one fix.
    pub passes: usize,
}

impl FixRun {
    /// How many fixes were applied in all.
    pub fn applied(&self) -> usize {
        self.files.iter().map(|f| f.applied).sum()
    }
}

/// Reads what `settings` names, lints it, and applies fixes in memory until none applies (at
/// most [`MAX_PASSES`] times). Nothing is written here.
pub fn fix(settings: &Settings, options: FixOptions) -> FixRun {
    let (sources, errors) = crate::read_sources(settings);
    let originals: HashMap<Arc<str>, SourceFile> = sources.iter().map(|s| (s.path.clone(), s.clone())).collect();
    let mut run = crate::lint_sources(settings, sources, errors);
    let mut applied: HashMap<Arc<str>, usize> = HashMap::new();
    let mut passes = 0;
    while passes < MAX_PASSES && run.config_errors.is_empty() {
        let (next, counts) = apply_run(&run, options);
        if counts.is_empty() {
            break;
        }
        passes += 1;
        for (path, n) in counts {
            *applied.entry(path).or_default() += n;
        }
        let errors = std::mem::take(&mut run.errors);
        run = crate::lint_sources(settings, next, errors);
    }
    let mut files: Vec<FixedFile> = run
        .sources
        .iter()
        .filter_map(|after| {
            let before = originals.get(&after.path)?;
            (before.text != after.text).then(|| FixedFile {
                before: before.clone(),
                after: after.clone(),
                applied: applied.get(&after.path).copied().unwrap_or_default(),
            })
        })
        .collect();
    files.sort_by(|a, b| a.before.path.cmp(&b.before.path));
    FixRun { run, files, passes }
}

/// True when `--fix` applies `fix` under `options`.
pub fn applies(fix: &Fix, options: FixOptions) -> bool {
    fix.applicability == Applicability::Safe || options.unsafe_fixes
}

/// The sources of `run` with its applicable fixes applied, and how many fixes each changed page got.
fn apply_run(run: &Run, options: FixOptions) -> (Vec<SourceFile>, Vec<(Arc<str>, usize)>) {
    let mut by_path: HashMap<&str, Vec<&Diagnostic>> = HashMap::new();
    for d in &run.diagnostics {
        if d.fix.as_ref().is_some_and(|f| applies(f, options)) {
            by_path.entry(&d.path).or_default().push(d);
        }
    }
    let mut counts = Vec::new();
    let sources = run
        .sources
        .iter()
        .map(|source| {
            let Some(diags) = by_path.get(&*source.path) else {
                return source.clone();
            };
            let fixes: Vec<Fix> = diags
                .iter()
                .filter_map(|d| d.fix.as_ref())
                .map(|f| with_line_endings(f, source.crlf))
                .collect();
            let refs: Vec<&Fix> = fixes.iter().collect();
            let (text, n) = crate::diagnostic::fix::apply(&source.text, &refs);
            if n == 0 || *text == *source.text {
                return source.clone();
            }
            counts.push((source.path.clone(), n));
            SourceFile {
                text: Arc::from(text),
                // The fixed text is not the file's: nothing may read it back from disk.
                from_disk: false,
                ..source.clone()
            }
        })
        .collect();
    (sources, counts)
}

/// `fix` with line breaks in its replacements written as the page writes them.
fn with_line_endings(fix: &Fix, crlf: bool) -> Fix {
    let mut fix = fix.clone();
    if crlf {
        for edit in &mut fix.edits {
            if edit.replacement.contains('\n') {
                edit.replacement = edit.replacement.replace("\r\n", "\n").replace('\n', "\r\n");
            }
        }
    }
    fix
}

/// The bytes of `source` as they go to disk: the BOM back in front of the text, CR line ends
/// back on a CR-only page.
pub fn bytes_of(source: &SourceFile) -> Vec<u8> {
    let mut out = Vec::with_capacity(source.text.len() + 3);
    if source.bom {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    if source.cr {
        out.extend(source.text.bytes().map(|b| if b == b'\n' { b'\r' } else { b }));
    } else {
        out.extend_from_slice(source.text.as_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    #[test]
    fn replacements_follow_crlf_pages() {
        let fix = Fix::replace(Span::new(0, 1), "a\nb\r\nc", "x");
        assert_eq!(with_line_endings(&fix, true).edits[0].replacement, "a\r\nb\r\nc");
        assert_eq!(with_line_endings(&fix, false).edits[0].replacement, "a\nb\r\nc");
    }

    #[test]
    fn unsafe_fixes_only_when_asked() {
        let source = SourceFile::from_text("a.md", "teh and recieve", false);
        let mut guess = Fix::replace(Span::new(0, 3), "the", "guess");
        guess.applicability = Applicability::Unsafe;
        let sure = Fix::replace(Span::new(8, 15), "receive", "sure");
        let finding = |fix: Fix| {
            let mut d = Diagnostic::new(
                "typo",
                crate::diagnostic::Severity::Error,
                source.path.clone(),
                fix.edits[0].span,
                "x",
            );
            d.fix = Some(fix);
            d
        };
        let run = Run {
            sources: vec![source.clone()],
            diagnostics: vec![finding(guess), finding(sure)],
            ..Run::default()
        };
        let (safe, counts) = apply_run(&run, FixOptions::default());
        assert_eq!(&*safe[0].text, "teh and receive");
        assert_eq!(counts, [(source.path.clone(), 1)]);
        let (all, _) = apply_run(&run, FixOptions { unsafe_fixes: true });
        assert_eq!(&*all[0].text, "the and receive");
    }

    #[test]
    fn bom_goes_back_in_front() {
        let source = SourceFile::from_text("a.md", "x\r\n", true);
        assert_eq!(bytes_of(&source), b"\xEF\xBB\xBFx\r\n");
    }
}
