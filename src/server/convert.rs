//! rolelint findings and fixes as LSP diagnostics and quick-fix code actions.

use super::position::{Encoding, Text};
use super::uri;
use super::workspace::Workspace;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::span::Span;
use lsp_types::{
    CodeAction, CodeActionKind, CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Range, TextEdit, Uri, WorkspaceEdit,
};
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// Converts spans of the pages of one workspace into LSP ranges.
pub struct Ranges<'w> {
    workspace: &'w Workspace,
    encoding: Encoding,
    /// Each page's line index, built at its first range: 20,000 findings on a 1 MB buffer once
    /// rebuilt it per finding, seconds per edit.
    texts: RefCell<HashMap<PathBuf, Text<'w>>>,
}

impl<'w> Ranges<'w> {
    /// Ranges over the texts of `workspace`, columns in `encoding`.
    pub fn new(workspace: &'w Workspace, encoding: Encoding) -> Self {
        Ranges {
            workspace,
            encoding,
            texts: RefCell::new(HashMap::new()),
        }
    }

    /// The range of `span` in the page at `path` (line 0 when the page is unknown).
    pub fn range(&self, path: &Path, span: Span) -> Range {
        let mut texts = self.texts.borrow_mut();
        if !texts.contains_key(path) {
            let Some(text) = self.workspace.text_of(path) else {
                return Range::default();
            };
            texts.insert(path.to_path_buf(), Text::new(text, self.encoding));
        }
        let Some(text) = texts.get(path) else {
            return Range::default();
        };
        let shift = self.workspace.bom_shift(path);
        Range::new(
            text.position(span.start as usize + shift),
            text.position(span.end as usize + shift),
        )
    }

    /// The LSP diagnostic of a finding.
    pub fn diagnostic(&self, d: &Diagnostic) -> lsp_types::Diagnostic {
        let related: Vec<DiagnosticRelatedInformation> = d
            .related
            .iter()
            .filter_map(|r| {
                let path = crate::read::absolute(Path::new(&*r.path));
                Some(DiagnosticRelatedInformation {
                    location: Location::new(uri::from_path(&path)?, self.range(&path, r.span)),
                    message: r.message.clone(),
                })
            })
            .collect();
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        lsp_types::Diagnostic {
            range: self.range(Path::new(&*d.path), d.span),
            severity: Some(match d.severity {
                Severity::Error => DiagnosticSeverity::ERROR,
                Severity::Warning => DiagnosticSeverity::WARNING,
                Severity::Info => DiagnosticSeverity::INFORMATION,
            }),
            code: Some(NumberOrString::String(d.rule.to_string())),
            code_description: Uri::from_str(&crate::report::rule_url(&d.rule))
                .ok()
                .map(|href| CodeDescription { href }),
            source: Some("rolelint".to_owned()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            tags: None,
            data: None,
        }
    }

    /// The quick fix of a finding on the open buffer `uri`, when it has one.
    pub fn code_action(&self, uri: &Uri, d: &Diagnostic) -> Option<CodeAction> {
        let fix = d.fix.as_ref()?;
        let path = Path::new(&*d.path);
        let edits = fix
            .edits
            .iter()
            .map(|e| TextEdit::new(self.range(path, e.span), e.replacement.clone()))
            .collect();
        let safe = fix.applicability == Applicability::Safe;
        Some(CodeAction {
            title: if safe {
                crate::checks::registry::capitalised(&fix.description)
            } else {
                format!(
                    "{} (unsafe: review the result)",
                    crate::checks::registry::capitalised(&fix.description)
                )
            },
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![self.diagnostic(d)]),
            edit: Some(WorkspaceEdit {
                changes: Some(HashMap::from([(uri.clone(), edits)])),
                ..WorkspaceEdit::default()
            }),
            command: None,
            is_preferred: Some(safe),
            disabled: None,
            data: None,
        })
    }
}
