//! `rolelint rules` and `rolelint rule ID`: the rule table and each rule's explanation.

use super::ExitStatus;
use super::args::{RuleArgs, RulesArgs};

/// Runs `rolelint rules`.
pub fn list(_args: RulesArgs) -> ExitStatus {
    ExitStatus::Success
}

/// Runs `rolelint rule`.
pub fn explain(_args: RuleArgs) -> ExitStatus {
    ExitStatus::Success
}
