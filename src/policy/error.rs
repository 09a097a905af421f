//! `policy::Error`: a bad policy or configuration file, located at the offending key or value.

use crate::span::{LineIndex, Span};
use miette::{NamedSource, SourceSpan};
use std::fmt;
use std::sync::Arc;

/// A policy (`rules/*.yaml`) or configuration (`rolelint.toml`) file that cannot be used.
///
/// The message names the file, the line and column, the key path and what was expected, e.g.
/// `rolelint.toml:4:12: severity.typo: expected one of "error", "warning", "info", "off", found "warn"`.
/// Boxed, so that `Result<_, Error>` stays small; its fields are read through `Deref`.
#[derive(Debug, Clone)]
pub struct Error(Box<Located>);

/// The parts of an [`Error`].
#[derive(Debug, Clone, thiserror::Error, miette::Diagnostic)]
#[diagnostic(code(rolelint::config))]
pub struct Located {
    /// The file, as the user would write it.
    pub file: String,
    /// 1-based line of the offending key or value; 0 when the file could not be read at all.
    pub line: u32,
    /// 1-based character column; 0 when the file could not be read at all.
    pub column: u32,
    /// The key path, dotted (`overrides[0].files`); empty for the whole file.
    pub key: String,
    /// What is wrong, or what was expected.
    pub message: String,
    #[source_code]
    source_code: Option<NamedSource<Arc<str>>>,
    #[label("{label}")]
    at: Option<SourceSpan>,
    label: String,
    #[help]
    help: Option<String>,
}

impl std::ops::Deref for Error {
    type Target = Located;
    fn deref(&self) -> &Located {
        &self.0
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Error {}

impl miette::Diagnostic for Error {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.0.code()
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.0.help()
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.0.source_code()
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        self.0.labels()
    }
}

impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column)?;
        }
        if !self.key.is_empty() {
            write!(f, ": {}", self.key)?;
        }
        write!(f, ": {}", self.message)
    }
}

impl Error {
    /// An error at `span` of `text` (the file's contents), under `key`.
    pub fn at(file: &str, text: &Arc<str>, span: Span, key: impl Into<String>, message: impl Into<String>) -> Self {
        Error::at_indexed(file, text, &LineIndex::new(text), span, key, message)
    }

    /// [`Error::at`] with the line index of `text` already built (one per file, not per error).
    pub fn at_indexed(
        file: &str,
        text: &Arc<str>,
        index: &LineIndex,
        span: Span,
        key: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        let pos = index.position(text, span.start as usize);
        let message = message.into();
        Error(Box::new(Located {
            file: file.to_owned(),
            line: pos.line,
            column: pos.column,
            key: key.into(),
            label: short_label(&message),
            message,
            source_code: Some(NamedSource::new(file, text.clone())),
            at: Some(SourceSpan::new((span.start as usize).into(), span.len())),
            help: None,
        }))
    }

    /// An error about a whole file that has no position (it could not be read).
    pub fn file(file: &str, message: impl Into<String>) -> Self {
        Error(Box::new(Located {
            file: file.to_owned(),
            line: 0,
            column: 0,
            key: String::new(),
            message: message.into(),
            source_code: None,
            at: None,
            label: String::new(),
            help: None,
        }))
    }

    /// Adds a help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.0.help = Some(help.into());
        self
    }
}

/// The label under the snippet: the message's first clause, kept short.
fn short_label(message: &str) -> String {
    let first = message.split(';').next().unwrap_or(message);
    if first.chars().count() > 60 {
        let cut: String = first.chars().take(57).collect();
        format!("{cut}…")
    } else {
        first.to_owned()
    }
}
