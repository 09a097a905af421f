//! Page structure: Markdown that does not render as its author meant.

mod malformed_list_item;

pub use malformed_list_item::MalformedListItem;
