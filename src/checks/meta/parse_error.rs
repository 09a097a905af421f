//! `parse-error`: what the parser could not read as intended.

use crate::checks::Check;
use crate::declare_check;

declare_check! {
    /// ## What it does
    /// Reports what the parser could not read as intended: front matter that is not valid YAML,
    /// a grade sentence it cannot make sense of, a table with a broken row. The message starts with
    /// the problem's code, e.g. `invalid-front-matter:`.
    /// ## Why is this bad?
    /// Every other check reads the parsed page. A part the parser misread is a part no check sees,
    /// so defects in it go unreported until it is fixed.
    /// ## Example
    /// ```markdown
    /// ---
    /// title: "Billing Engineer
    /// ---
    /// ```
    /// Use instead:
    /// ```markdown
    /// ---
    /// title: "Billing Engineer"
    /// ---
    /// ```
    pub struct ParseError { id: "parse-error", family: Meta, severity: Error,
        summary: "a part of the page could not be parsed as intended", fixable: false }
}

impl Check for ParseError {
    fn meta(&self) -> &'static crate::checks::CheckMeta {
        &Self::META
    }
}
