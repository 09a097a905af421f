//! The table of every built-in check, sorted by id.

use super::Check;
use super::prose::{RepeatedWord, Typo};

/// Every built-in check, sorted by id.
pub static CHECKS: &[&dyn Check] = &[&RepeatedWord, &Typo];

/// The check with this id.
pub fn find(id: &str) -> Option<&'static dyn Check> {
    CHECKS.iter().copied().find(|c| c.meta().id == id)
}
