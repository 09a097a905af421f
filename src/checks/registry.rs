//! The table of every built-in check, sorted by id.

use super::Check;

/// Every built-in check, sorted by id.
pub static CHECKS: &[&dyn Check] = &[&super::links::BrokenLink, &super::tables::DivergentTable];

/// The check with this id.
pub fn find(id: &str) -> Option<&'static dyn Check> {
    CHECKS.iter().copied().find(|c| c.meta().id == id)
}
