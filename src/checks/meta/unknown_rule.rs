//! `unknown-rule`: a suppression comment names a rule that does not exist.

use crate::checks::Check;
use crate::declare_check;

declare_check! {
    /// ## What it does
    /// Flags a `<!-- rolelint-disable … -->` comment (any kind) that names a rule id or family
    /// rolelint does not know, and suggests the closest known id.
    /// ## Why is this bad?
    /// A misspelt id suppresses nothing, so the finding it was meant to silence is still reported,
    /// or the comment lingers after the rule was renamed.
    /// ## Example
    /// ```markdown
    /// <!-- rolelint-disable-next-line missing-grades -->
    /// ```
    /// Use instead:
    /// ```markdown
    /// <!-- rolelint-disable-next-line missing-grade -->
    /// ```
    pub struct UnknownRule { id: "unknown-rule", family: Meta, severity: Warning,
        summary: "a suppression comment names an unknown rule", fixable: false }
}

impl Check for UnknownRule {
    fn meta(&self) -> &'static crate::checks::CheckMeta {
        &Self::META
    }
}
