//! `--format github`: GitHub Actions workflow commands (`::error file=…,line=…::message`).
//!
//! GitHub attaches an annotation to the diff only when `file` is relative to the repository root
//! and has no `./`: paths are the repository spelling of `report::paths`.

use super::{Reporter, SourceMap, ordered};
use crate::Run;
use crate::diagnostic::Severity;
use std::io;

/// GitHub Actions annotations.
#[derive(Clone, Copy, Debug, Default)]
pub struct Github;

impl Reporter for Github {
    fn report(&self, run: &Run, out: &mut dyn io::Write) -> io::Result<()> {
        let sources = SourceMap::new(run);
        for d in ordered(run) {
            let (start, end) = sources.locate(&d.path, d.span);
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                property(&sources.repo(&d.path)),
                start.line,
                start.column,
                end.line,
                end.column,
                property(&format!("rolelint({})", d.rule)),
                data(&message)
            )?;
        }
        for e in &run.errors {
            writeln!(
                out,
                "::error file={},title={}::{}",
                property(&sources.repo(&e.path)),
                property("rolelint(read)"),
                data(&e.kind.to_string())
            )?;
        }
        Ok(())
    }
}

/// Escapes a command's message, as the Actions runner unescapes it.
fn data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value: like [`data`], plus `:` and `,`, which delimit properties.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
