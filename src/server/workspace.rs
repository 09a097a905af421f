//! What the server knows: the pages of the workspace on disk (read once, refreshed on save), the
//! buffers the editor has open, and the findings of the last lint per buffer.

use crate::diagnostic::Diagnostic;
use crate::read::{self, SourceFile};
use crate::{Run, Settings};
use foldhash::HashMap;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One open buffer.
#[derive(Debug, Clone)]
pub struct Doc {
    /// The URI the editor named it by, answered back as given.
    pub uri: lsp_types::Uri,
    /// The text as the editor holds it (a BOM, if any, included).
    pub text: String,
    /// The editor's version number.
    pub version: i32,
}

/// The workspace: context pages on disk, open buffers and the last findings.
#[derive(Debug, Default)]
pub struct Workspace {
    /// Pages under the workspace root, by absolute path, as last read from disk.
    disk: BTreeMap<PathBuf, SourceFile>,
    /// Open buffers, by absolute path.
    pub docs: BTreeMap<PathBuf, Doc>,
    /// The findings of the last lint, by absolute path of an open buffer.
    pub findings: HashMap<PathBuf, Vec<Diagnostic>>,
    /// How the linter is configured (`--config`).
    pub settings: Settings,
    /// The disk pages that are not open, parsed and checked once, and the open paths they
    /// exclude: reused by every lint until a page is saved or a buffer opened or closed.
    context: Option<(Vec<PathBuf>, crate::Context)>,
}

impl Workspace {
    /// A workspace over `root` (no context when there is none), configured by `settings`.
    pub fn new(root: Option<&Path>, settings: Settings) -> Self {
        let mut ws = Workspace {
            settings,
            ..Workspace::default()
        };
        if let Some(root) = root {
            let (paths, _) = read::collect(&[root.to_path_buf()]);
            for path in paths {
                ws.refresh(&path);
            }
        }
        ws
    }

    /// Re-reads one page from disk (after a save); forgets it when it is gone, unreadable or no
    /// regular file (a FIFO or device named `*.md` would block or never end a read).
    pub fn refresh(&mut self, path: &Path) {
        let abs = read::absolute(path);
        if !read::is_page_name(&abs) {
            return;
        }
        let regular = std::fs::metadata(&abs).is_ok_and(|m| m.is_file());
        match regular.then(|| read::load(&abs)) {
            Some(Ok(source)) => {
                self.disk.insert(abs, source);
            }
            _ => {
                self.disk.remove(&abs);
            }
        }
        self.context = None;
    }

    /// Lints every open buffer with the disk pages as context, and keeps the findings per buffer.
    pub fn lint(&mut self) -> Run {
        let reported: Vec<SourceFile> = self
            .docs
            .iter()
            .map(|(path, doc)| {
                let (text, bom) = match doc.text.strip_prefix('\u{feff}') {
                    Some(rest) => (rest, true),
                    None => (doc.text.as_str(), false),
                };
                SourceFile::from_text(path.display().to_string(), text, bom)
            })
            .collect();
        let open: Vec<PathBuf> = self.docs.keys().cloned().collect();
        if self.context.as_ref().is_none_or(|(excluded, _)| *excluded != open) {
            let pages: Vec<SourceFile> = self
                .disk
                .iter()
                .filter(|(path, _)| !self.docs.contains_key(*path))
                .map(|(_, source)| source.clone())
                .collect();
            self.context = Some((open, crate::Context::new(&self.settings, pages)));
        }
        let run = match &self.context {
            Some((_, context)) => crate::lint_with_context(&self.settings, reported, context),
            None => crate::lint_pages(&self.settings, reported, Vec::new()),
        };
        self.findings = self.docs.keys().map(|p| (p.clone(), Vec::new())).collect();
        for d in &run.diagnostics {
            if let Some(list) = self.findings.get_mut(Path::new(&*d.path)) {
                list.push(d.clone());
            }
        }
        run
    }

    /// The text of `path` as the linter saw it last: the open buffer, else the disk copy.
    pub fn text_of(&self, path: &Path) -> Option<&str> {
        self.docs
            .get(path)
            .map(|d| d.text.as_str())
            .or_else(|| self.disk.get(path).map(|s| &*s.text))
    }

    /// Bytes to add to a finding's offsets to address the text [`Self::text_of`] returns: open
    /// buffers keep their byte-order mark, which the linter's spans do not count.
    pub fn bom_shift(&self, path: &Path) -> usize {
        match self.docs.get(path) {
            Some(doc) if doc.text.starts_with('\u{feff}') => '\u{feff}'.len_utf8(),
            _ => 0,
        }
    }
}
