//! Reporting-line checks: a level that does not say whom it reports to, and a reporting line that
//! names no role of the handbook.

mod missing_reports_to;
mod unknown_manager;

pub use missing_reports_to::{MissingReportsTo, Mode};
pub use unknown_manager::UnknownManager;

/// Compiles this family's fixed patterns now (see [`crate::warm_up`]).
pub(crate) fn warm_up() {
    missing_reports_to::warm_up();
}
