//! Pages for the table tests, built by the real parser.

use rolelint::model::Page;
use rolelint::read::SourceFile;

/// Parses `text` as the page at `path`.
pub fn page(path: &str, text: &str) -> Page {
    rolelint::parse::parse(&SourceFile::from_text(path, text, false))
}
