//! Checks about rolelint itself: parse problems and suppression comments. The runner produces
//! their findings (they need every other check's findings first); the structs carry their docs.

mod parse_error;
mod unknown_rule;
mod unused_suppression;

pub use parse_error::ParseError;
pub use unknown_rule::UnknownRule;
pub use unused_suppression::UnusedSuppression;
