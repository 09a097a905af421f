//! `unused-suppression`: a suppression comment that suppressed nothing.

use crate::checks::Check;
use crate::declare_check;

declare_check! {
    /// ## What it does
    /// Flags a `rolelint-disable-next-line`, `rolelint-disable-line`, `rolelint-disable` or
    /// `rolelint-disable-file` comment that suppressed no finding of the rules it names, and a
    /// `rolelint-enable` with no matching `rolelint-disable`.
    /// ## Why is this bad?
    /// A stale suppression hides the next real finding at that place, and tells readers that a
    /// defect is accepted when there is none.
    /// ## Example
    /// ```markdown
    /// <!-- rolelint-disable-next-line missing-grade -->
    /// ### Senior Billing Engineer
    ///
    /// The Senior Billing Engineer is a grade 7.
    /// ```
    /// Use instead: delete the comment.
    pub struct UnusedSuppression { id: "unused-suppression", family: Meta, severity: Warning,
        summary: "a suppression comment suppressed nothing", fixable: false }
}

impl Check for UnusedSuppression {
    fn meta(&self) -> &'static crate::checks::CheckMeta {
        &Self::META
    }
}
