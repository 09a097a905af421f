//! Page structure: Markdown that does not render as its author meant, and sections left empty.

mod empty_section;
mod malformed_list_item;
mod placeholder;

pub use empty_section::EmptySection;
pub use malformed_list_item::MalformedListItem;
pub use placeholder::Placeholder;
