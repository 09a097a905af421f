//! Level checks: grades against the ladder and each other, repeated levels and sections, page
//! sections posing as levels, and a title that names no level.

mod duplicate_level;
mod duplicate_section;
mod grade_ladder;
mod grade_mismatch;
mod grade_order;
mod grade_titles;
mod level_title_drift;
mod malformed_statement;
mod misplaced_section;
mod title_level_mismatch;
pub mod titles;
mod unknown_ladder_node;

pub use duplicate_level::DuplicateLevel;
pub use duplicate_section::DuplicateSection;
pub use grade_mismatch::GradeMismatch;
pub use level_title_drift::LevelTitleDrift;
pub use malformed_statement::MalformedStatement;
pub use misplaced_section::MisplacedSection;
pub use title_level_mismatch::TitleLevelMismatch;
pub use unknown_ladder_node::UnknownLadderNode;

/// Compiles this family's fixed patterns now (see [`crate::warm_up`]).
pub(crate) fn warm_up() {
    misplaced_section::warm_up();
}
